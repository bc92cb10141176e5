"""The bad-responses catalogue: every case under fixtures/responses/ fails as it says, located.

Each case is a folder holding its input files and a ``case.json``::

    {
      "case": "what is wrong, in words (the docs table's first column)",
      "example": "a short example of the input (optional)",
      "args": ["score", "{case}/responses.csv", "--framework", "...", "--kind", "360"],
      "setup": [["fifo", "pipe.csv"]],            optional, see SETUPS
      "env": {"BEHAVIOURS_FRAMEWORKS_PATH": "{case}/nowhere"},   optional
      "exit": 1,
      "where": "responses.csv:4:3",                the location the message starts with
      "message": "a phrase the located line contains",
      "leaves": ["pack/manifest.csv"],             optional: files the command may make
      "needs_permissions": true                    optional: skipped where chmod stops no one
    }

The case folder is copied to a temporary folder first, so a case may write
beside its inputs; ``{case}`` in ``args`` and ``env`` is that copy, and file
names in messages are shown relative to it. The test runs the command line in
this process and asserts the exit code, that one line of stderr starts with
``where`` and contains ``message``, that no traceback reaches the user, that
nothing but the files a case expects is left anywhere under the folder
(temporary files included), and that every input file is byte for byte as it
was (a refused ``--out`` never touches an existing file or a link's target).

``docs/bad-responses.md`` shows the catalogue as a table;
``python tests/test_bad_responses.py --write`` regenerates it, and a test
keeps the two in step.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "fixtures" / "responses"
DOC = ROOT / "docs" / "bad-responses.md"
BEGIN, END = "<!-- catalogue: begin -->", "<!-- catalogue: end -->"


def _fifo(folder: Path, name: str) -> None:
    os.mkfifo(folder / name)


def _symlink(folder: Path, name: str, target: str) -> None:
    (folder / name).symlink_to(target.replace("{case}", str(folder)))


def _read_only(folder: Path, name: str) -> None:
    path = folder / name
    path.mkdir(exist_ok=True)
    path.chmod(stat.S_IRUSR | stat.S_IXUSR)


def _file(folder: Path, name: str, text: str = "") -> None:
    (folder / name).write_text(text, encoding="utf-8")


def _sparse(folder: Path, name: str, size: int) -> None:
    with (folder / name).open("wb") as handle:  # a file of that size, without writing it
        handle.truncate(size)


# What a case may ask to have made before it runs: things git cannot hold.
SETUPS: dict[str, Callable[..., None]] = {
    "fifo": _fifo,
    "symlink": _symlink,
    "read-only-folder": _read_only,
    "file": _file,
    "sparse": _sparse,
}


def _load(folder: Path) -> dict[str, object]:
    case: dict[str, object] = json.loads((folder / "case.json").read_text("utf-8"))
    missing = {"case", "args", "exit", "where", "message"} - case.keys()
    assert not missing, f"{folder.name}/case.json lacks {sorted(missing)}"
    return case


def _files(folder: Path) -> dict[str, bytes | None]:
    """Every entry under ``folder`` by relative path: a file's bytes, None for anything else."""
    found: dict[str, bytes | None] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            regular = path.is_file() and not path.is_symlink()
            found[path.relative_to(folder).as_posix()] = path.read_bytes() if regular else None
    return found


def _permissions_apply(probe: Path) -> bool:
    """Whether a read-only folder stops this process (not for root with CAP_DAC_OVERRIDE)."""
    _read_only(probe.parent, probe.name)
    try:
        (probe / "x").touch()
    except PermissionError:
        return True
    finally:
        probe.chmod(stat.S_IRWXU)
        shutil.rmtree(probe)
    return False


def all_cases() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "case.json").is_file())


def _run(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, Path]:
    from behaviours.cli import main

    folder = tmp_path / name
    shutil.copytree(CASES / name, folder, symlinks=True)
    case = _load(folder)
    for action, *operands in case.get("setup", []):  # type: ignore[attr-defined]
        SETUPS[action](folder, *operands)
    for key, value in case.get("env", {}).items():  # type: ignore[attr-defined]
        monkeypatch.setenv(key, value.replace("{case}", str(folder)))
    args = [a.replace("{case}", str(folder)) for a in case["args"]]  # type: ignore[attr-defined]
    monkeypatch.chdir(folder)
    errors: list[str] = []

    class _Err:
        def write(self, text: str) -> int:
            errors.append(text)
            return len(text)

        def flush(self) -> None:
            pass

        def isatty(self) -> bool:
            return False

    monkeypatch.setattr(sys, "stderr", _Err())
    code = main(args)
    return code, "".join(errors).replace(f"{folder}{os.sep}", ""), folder


@pytest.mark.parametrize("name", all_cases())
def test_bad_response_input_is_refused_with_its_location(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = _load(CASES / name)
    if case.get("needs_permissions") and not _permissions_apply(tmp_path / "probe"):
        pytest.skip("this user writes in read-only folders (root)")
    before = _files(CASES / name)
    code, err, folder = _run(name, tmp_path, monkeypatch)
    assert code == case["exit"], err
    assert "Traceback" not in err
    located = [line for line in err.splitlines() if line.startswith(str(case["where"]))]
    assert any(str(case["message"]) in line for line in located), err
    made = set(case.get("leaves", [])) | {str(s[1]) for s in case.get("setup", [])}  # type: ignore[attr-defined]
    after = _files(folder)
    left = set(after) - set(before) - made
    assert not left, f"left behind: {sorted(left)}"
    changed = [f for f, data in before.items() if data is not None and after.get(f) != data]
    assert not changed, f"changed: {changed}"


def test_catalogue_has_cases_of_every_input_format() -> None:
    formats = {
        p.suffix for c in all_cases() for p in (CASES / c).iterdir() if p.name != "case.json"
    }
    assert {".csv", ".xlsx", ".json"} <= formats


def test_catalogue_covers_files_options_and_outputs_with_sixty_cases_or_more() -> None:
    cases = all_cases()
    assert len(cases) >= 60
    # CSV, encodings, sources, .xlsx, JSON, command-line options, names, output places
    prefixes = {name.split("-")[0] for name in cases}
    assert {"csv", "enc", "src", "xlsx", "json", "cli", "names", "out"} <= prefixes


def render_table() -> str:
    rows = [
        "| Case | Example | Command | Exit | What the error says |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name in all_cases():
        case = _load(CASES / name)
        args = " ".join(str(a).replace("{case}/", "") for a in case["args"])  # type: ignore[attr-defined]
        example = str(case.get("example", "")).replace("|", "\\|")
        said = f"`{case['where']}: ... {case['message']}`".replace("|", "\\|")
        rows.append(
            f"| `{name}`: {case['case']} | {example} | `behaviours {args}` "
            f"| {case['exit']} | {said} |"
        )
    return "\n".join(rows)


def test_docs_table_matches_the_fixtures() -> None:
    text = DOC.read_text("utf-8")
    table = text.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert table == render_table(), "run: python tests/test_bad_responses.py --write"


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    text = DOC.read_text("utf-8")
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    DOC.write_text(f"{head}{BEGIN}\n{render_table()}\n{END}{tail}", encoding="utf-8")
