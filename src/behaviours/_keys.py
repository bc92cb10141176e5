"""Secrets kept outside what the library writes: the keys of keyed digests.

A digest of raw responses is a key to them: a report narrows the answers to a
few candidates, and a plain SHA-256 picks the true one in seconds. So wherever
the library must recognise inputs again (a pack's "is this report current?",
a round ledger's "is this the same publication?") it uses HMAC-SHA256 with a
secret of 32 random bytes that is never written into the place it protects.

By default one secret per place (a pack folder, a ledger file) lives in the key
folder: ``$BEHAVIOURS_KEYS``, else ``$XDG_STATE_HOME/behaviours/keys``, else
``~/.local/state/behaviours/keys`` (``%LOCALAPPDATA%\\behaviours\\keys`` on
Windows), made with mode 0700. An application can pass its own secret instead
(from its secret store). Losing a secret loses nothing but recognition: a pack
re-renders its reports, a ledger treats answers as new.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from behaviours._files import atomic_write
from behaviours.errors import OutputError, Problem

__all__ = ["ENV_VAR", "key_folder", "keyed_digest", "secret_for"]

ENV_VAR = "BEHAVIOURS_KEYS"
_KEY_BYTES = 32


def key_folder() -> Path:
    """Where the library keeps its secrets (see the module docstring)."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "behaviours" / "keys"
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "behaviours" / "keys"


def secret_for(place: str | os.PathLike[str], purpose: str) -> bytes:
    """The secret of one place (``purpose`` "pack" or "ledger"), made on first use.

    Raises ``OutputError`` when the key folder would be inside ``place`` (the
    secret would travel with what it protects) or cannot be written.
    """
    where = Path(place).resolve()
    folder = key_folder().resolve()
    if folder == where or where in folder.parents:
        raise OutputError(
            Problem(
                f"the key folder {folder} is inside {where}, so its secret would travel with it",
                str(place),
                expected=f"a key folder outside it (set {ENV_VAR})",
            )
        )
    name = hashlib.sha256(f"{purpose}\0{where}".encode("utf-8", "surrogatepass")).hexdigest()
    path = folder / f"{purpose}-{name[:32]}.key"
    try:
        text = path.read_text(encoding="ascii").strip()
        if len(text) == 2 * _KEY_BYTES:
            return bytes.fromhex(text)
    except (OSError, ValueError):
        pass
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)
    except OSError as exc:
        raise OutputError(
            Problem(f"cannot make the key folder: {exc.strerror}", str(folder))
        ) from None
    key = secrets.token_bytes(_KEY_BYTES)
    atomic_write(path, key.hex().encode("ascii") + b"\n")
    return key


def keyed_digest(key: bytes, *parts: str | bytes) -> str:
    """HMAC-SHA256 of ``parts`` (each framed by its length, so no two splits collide)."""
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        mac.update(len(data).to_bytes(8, "big") + data)
    return mac.hexdigest()
