"""The files of a feedback pack: safe names, atomic writes and the manifest.

A pack is a folder of PDFs plus ``manifest.csv`` and ``manifest.json`` that say,
for every subject of the run, which file holds their report, how many pages it
has, and whether it was written, skipped as current or failed (and why).

Crash safety comes from three rules. A PDF only ever appears under its final
name through ``os.replace`` of a fully written and fsynced temporary file in the
same folder (``behaviours._files``, which every file written goes through), so
no reader can see a truncated report. A row is appended to a
journal (``.manifest.jsonl.partial``) only after its file is in place, so the
journal of an interrupted run still tells the next run which files are
complete. The two manifests are rebuilt from the journal by streaming it and
replaced atomically at the end, so they are always whole and memory does not
grow with the number of reports.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from behaviours._files import CsvWriter, atomic_file, fresh_file

__all__ = [
    "MANIFEST_CSV",
    "MANIFEST_JSON",
    "Journal",
    "ManifestRow",
    "Status",
    "is_current",
    "previous_rows",
    "read_manifest",
    "safe_filename",
]

MANIFEST_CSV = "manifest.csv"
MANIFEST_JSON = "manifest.json"
_JOURNAL = ".manifest.jsonl.partial"
_SLUG_MAX = 60
Status = Literal["written", "current", "failed"]
# Latin letters that Unicode does not decompose into a base letter and an accent.
_LATIN = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "ı": "i",
    }
)


@dataclass(frozen=True)
class ManifestRow:
    """One subject of a run: where their report is and how it went.

    ``inputs`` is an HMAC-SHA256, keyed with the pack's secret (kept outside the
    folder), of everything the report was made from (the result or assessment,
    the previous result, the framework, the library version and the renderer):
    without the secret it says only whether the inputs changed between runs, and
    cannot be used to test guesses of the raw answers. ``bytes`` and ``sha256``
    describe the file as written (a digest of the PDF says no more than the PDF).
    A later run skips the file when all three still match. ``format`` is the
    file's format (``pdf``, ``html`` or ``tagged-pdf``): a pack of several formats
    has one row per subject and format, so the manifest lists every file.
    ``pages`` is None for HTML, which has no pages.
    """

    subject: str
    file: str
    pages: int | None
    status: Status
    error: str | None = None
    bytes: int | None = None
    sha256: str | None = None
    inputs: str | None = None
    format: str = "pdf"


FIELDS = tuple(f.name for f in dataclasses.fields(ManifestRow))


def safe_filename(subject: str, suffix: str = ".pdf", *, label: str | None = None) -> str:
    """A file name for a subject id that is safe on every file system and unique.

    The readable part is a slug of ``label`` (the subject's display name, so
    an OD team can find a person's report), or of the id when the label has no
    Latin letters. It keeps ASCII letters and digits (accents are dropped,
    everything else becomes ``-``), so nothing can climb out of the folder with
    ``..`` or ``/``. The short hash of the exact id keeps ids apart that differ
    only in case, in accents or in the characters replaced, even on
    case-insensitive file systems.
    """
    slug = ""
    for text in (label or "", subject):
        folded = (
            unicodedata.normalize("NFKD", text.translate(_LATIN))
            .encode("ascii", "ignore")
            .decode("ascii")
        )
        slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:_SLUG_MAX].strip("-")
        if slug:
            break
    digest = hashlib.sha256(subject.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug or 'subject'}-{digest}{suffix}"


def _row(data: dict[str, Any]) -> ManifestRow:
    """A row read back from JSON; anything malformed raises ``TypeError`` and is skipped."""
    status = data.get("status")
    if not isinstance(data.get("subject"), str) or status not in ("written", "current", "failed"):
        raise TypeError("not a manifest row")
    known = {name: data[name] for name in FIELDS if name in data}  # older manifests: no format
    return ManifestRow(**known)


def read_manifest(folder: Path) -> Iterator[ManifestRow]:
    """The rows of the pack's ``manifest.json``, if there is a readable one."""
    try:
        data = json.loads((folder / MANIFEST_JSON).read_text(encoding="utf-8"))
        rows = data["reports"]
    except (OSError, ValueError, KeyError, TypeError):
        return
    for item in rows if isinstance(rows, list) else []:
        if isinstance(item, dict):
            with contextlib.suppress(TypeError):
                yield _row(item)


def _read_journal(folder: Path) -> Iterator[ManifestRow]:
    try:
        handle = open(folder / _JOURNAL, encoding="utf-8")  # noqa: SIM115 - closed by with
    except OSError:
        return
    with handle:
        for line in handle:
            try:
                yield _row(json.loads(line))
            except (ValueError, TypeError):  # the last line of a crashed run may be cut
                continue


def previous_rows(folder: Path) -> dict[tuple[str, str], ManifestRow]:
    """What earlier runs left, by (subject, format): the manifest, updated by a dead run's journal.

    Only rows that describe a file (written or current) are kept: a failure
    says nothing about what is on disk.
    """
    found: dict[tuple[str, str], ManifestRow] = {}
    for row in (*read_manifest(folder), *_read_journal(folder)):
        if row.status != "failed" and row.sha256 and row.inputs:
            found[row.subject, row.format] = row
    return found


def is_current(row: ManifestRow | None, folder: Path, file: str, inputs: str) -> bool:
    """Whether ``row`` vouches for a complete, up-to-date ``file`` made from ``inputs``."""
    if row is None or row.file != file or row.inputs != inputs or row.bytes is None:
        return False
    path = folder / file
    try:
        if path.is_symlink() or path.stat().st_size != row.bytes:
            return False
        return hashlib.sha256(path.read_bytes()).hexdigest() == row.sha256
    except OSError:
        return False


class Journal:
    """Manifest rows appended as reports finish, turned into the manifests at the end."""

    def __init__(self, folder: Path, *, meta: dict[str, Any]) -> None:
        self.folder = folder
        self.meta = meta
        self.counts: dict[str, int] = {"written": 0, "current": 0, "failed": 0}
        self._path = folder / _JOURNAL
        self._handle: IO[str] = fresh_file(self._path)

    def append(self, row: ManifestRow) -> None:
        """Record one finished subject; flushed so a crash after this keeps it."""
        self._handle.write(json.dumps(dataclasses.asdict(row), ensure_ascii=False) + "\n")
        self._handle.flush()
        self.counts[row.status] += 1

    def finish(self) -> tuple[Path, Path]:
        """Stream the journal into ``manifest.csv`` and ``manifest.json``; drop the journal."""
        self._handle.close()
        csv_path, json_path = self.folder / MANIFEST_CSV, self.folder / MANIFEST_JSON
        with atomic_file(csv_path) as csv_bin, atomic_file(json_path) as json_bin:
            csv_out = io.TextIOWrapper(csv_bin, encoding="utf-8", newline="")
            json_out = io.TextIOWrapper(json_bin, encoding="utf-8", newline="")
            writer = CsvWriter(csv_out)
            writer.header(FIELDS)
            head = json.dumps({**self.meta, "summary": self.counts}, ensure_ascii=False)
            json_out.write(head[:-1] + ', "reports": [')
            for i, row in enumerate(_read_journal(self.folder)):
                record = dataclasses.asdict(row)
                writer.row("" if v is None else v for v in record.values())
                json_out.write(("," if i else "") + "\n  " + json.dumps(record, ensure_ascii=False))
            json_out.write("\n]}\n")
            csv_out.detach()
            json_out.detach()
        self._path.unlink()
        return csv_path, json_path

    def abandon(self) -> None:
        """Close the journal and keep it, so the next run knows what was completed."""
        self._handle.close()
