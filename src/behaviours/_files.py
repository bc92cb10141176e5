"""Writing files safely: atomic replacement, no symlink followed, spreadsheet-safe CSV cells.

Every file the library writes (results, questionnaires, PDFs, a pack's
manifests and journal) goes through this module, so one set of rules holds
everywhere:

- A file appears under its name only whole. It is written to a temporary file
  in the same folder (created with ``O_EXCL | O_NOFOLLOW``), fsynced, moved
  over the name with ``os.replace`` and the folder is fsynced, so a crash or a
  full disk leaves the old file, never a truncated one.
- No write goes through a symbolic link: a link at the name is refused (and
  ``os.replace`` would replace the link itself, not its target, should one be
  planted after the check).
- A place that cannot be written is an ``OutputError`` naming the path and
  what was expected, and the temporary file is removed.
- Temporary files have names no one else uses (``.name~pid-token.behaviours-tmp``);
  cleaning up removes only regular files of that form, never a user's file.

And one rule for CSV: a text cell a spreadsheet would run as a formula is
written as text (``spreadsheet_text``), following OWASP's CSV injection advice.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import numbers
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from behaviours.errors import OutputError, Problem

__all__ = [
    "FORMULA_TRIGGERS",
    "TEMP_SUFFIX",
    "CsvWriter",
    "atomic_file",
    "atomic_write",
    "check_target",
    "clean_temporary_files",
    "csv_cells",
    "formula_key",
    "fresh_file",
    "fsync_folder",
    "is_temporary_name",
    "output_folder",
    "plain_text",
    "spreadsheet_text",
]

FORMULA_TRIGGERS = frozenset("=+-@\t\r\n")
"""First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula.

OWASP's list (equals, plus, minus, at, tab, carriage return, line feed).
"""
TEMP_SUFFIX = ".behaviours-tmp"
_TEMP_NAME = re.compile(r"\..*~[0-9]+-[0-9a-f]{16}" + re.escape(TEMP_SUFFIX), re.DOTALL)
_STEM_MAX = 100  # keeps the temporary name under the usual 255-byte limit
_ATTEMPTS = 8


# --------------------------------------------------------------------------- CSV cells


_FIRST = FORMULA_TRIGGERS | {"'"}


def _needs_quote(text: str) -> bool:
    """Whether ``text`` is a formula, or would read back as one once a quote is removed."""
    return text[:1] in _FIRST and text.lstrip("'")[:1] in FORMULA_TRIGGERS


def spreadsheet_text(text: str) -> str:
    """``text`` as a CSV cell that a spreadsheet shows as text, never runs as a formula.

    A text beginning with a formula trigger gets a single quote in front (OWASP's
    advice; the writer also quotes every text cell, so a separator inside the
    text cannot start a new cell). Texts that already begin with quotes before a
    trigger get one more, so that ``plain_text`` gives every text back exactly.
    """
    return "'" + text if _needs_quote(text) else text


def plain_text(cell: str) -> str:
    """The text ``spreadsheet_text`` was given: the inverse, for reading our own CSV back."""
    return cell[1:] if cell[:1] == "'" and _needs_quote(cell[1:]) else cell


def formula_key(text: str) -> str:
    """``text`` with every quote before a formula trigger removed, for matching only.

    A prompt, the cell our writer made of it, and that cell after a survey
    tool kept or dropped the quote all give the same key.
    """
    return text.lstrip("'") if _needs_quote(text) else text


def csv_cells(values: Iterable[object]) -> list[object]:
    """One row's cells: numbers stay numbers, everything else is made spreadsheet-safe text.

    The choice is by type, not by look: ``-0.5`` the number is written as a
    number, ``"-0.5"`` the text (a subject id, a label) gets its quote.
    """
    return [_csv_cell(v) for v in values]


def _csv_cell(value: object) -> object:
    if isinstance(value, str):
        return spreadsheet_text(value)
    kind = type(value)
    if kind is float or kind is int:  # before the slow ABC check: this runs for every cell
        return value
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return value
    return spreadsheet_text(str(value))


class CsvWriter:
    """The one CSV dialect the library writes: LF lines, formula-safe text, bare numbers.

    Data rows quote every text cell, OWASP's second half: a separator inside a
    text cannot start a new cell. Numbers are left bare so they still read as
    numbers. The header is written plain (``subject,file,...``), so a program
    that splits it on commas keeps working; its names are ours and never
    formula-like.
    """

    def __init__(self, out: IO[str]) -> None:
        self._header = csv.writer(out, lineterminator="\n")
        self._rows = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)

    def header(self, names: Iterable[str]) -> None:
        """Write the header row: the library's own column names."""
        names = list(names)
        if any(spreadsheet_text(n) != n for n in names):
            raise ValueError(f"a column name looks like a formula: {names!r}")
        self._header.writerow(names)

    def row(self, values: Iterable[object]) -> None:
        """Write one data row through ``csv_cells``."""
        self._rows.writerow(csv_cells(values))


# --------------------------------------------------------------------------- errors


def _problem(path: str | os.PathLike[str], message: str, expected: str) -> OutputError:
    shown = os.fspath(path) or "''"
    return OutputError(
        Problem(f"{message}; expected {expected}", shown, expected=expected),
        title="cannot write there; nothing was written",
    )


_REASONS = {
    errno.ENOENT: ("its folder does not exist", "an existing folder"),
    errno.ENOTDIR: ("a part of the path is a file, not a folder", "a path through folders"),
    errno.EISDIR: ("it is a folder", "a file name"),
    errno.EACCES: ("permission denied", "a folder this user may write in"),
    errno.EPERM: ("permission denied", "a folder this user may write in"),
    errno.EROFS: ("the file system is read-only", "a writable file system"),
    errno.ENOSPC: ("no space left on the device", "room for the whole file"),
    errno.EDQUOT: ("the disk quota is used up", "room for the whole file"),
    errno.ELOOP: ("it is a symbolic link", "a regular file or a new name"),
    errno.ENAMETOOLONG: ("the name is too long", "a shorter file name"),
}


def _os_error(path: str | os.PathLike[str], exc: OSError) -> OutputError:
    if exc.errno == errno.ENOTDIR:
        file = _file_on_the_way(Path(path))
        if file is not None:
            return _problem(path, f"{file} is a file, not a folder", "a folder")
    message, expected = _REASONS.get(
        exc.errno or 0, (exc.strerror or str(exc), "a place a file can be written")
    )
    return _problem(path, message, expected)


def check_target(path: str | os.PathLike[str]) -> Path:
    """The path to write, refused before anything is created when it cannot be a file.

    Writers call it themselves; a command calls it first too, so a bad
    ``--out`` is reported before minutes of work rather than after.
    """
    if not os.fspath(path):
        raise _problem(path, "the path is empty", "a file name")
    target = Path(path)
    try:
        mode: int | None = os.lstat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    except OSError as exc:
        raise _os_error(path, exc) from None
    if mode is not None and stat.S_ISLNK(mode):
        raise _problem(path, "it is a symbolic link, which is never written through", "a file")
    if mode is not None and stat.S_ISDIR(mode):
        raise _problem(path, "it is a folder", "a file name")
    if mode is not None and not stat.S_ISREG(mode):
        raise _problem(path, "it is not a regular file (a device, pipe or socket)", "a file")
    _check_folder(path, target.parent)
    return target


def _file_on_the_way(path: Path) -> Path | None:
    """The first part of ``path`` that is a file where a folder should be, if any."""
    return next((p for p in reversed(path.parents) if p.is_file()), None)


def _check_folder(path: str | os.PathLike[str], folder: Path) -> None:
    """The folder a file goes in must exist and be a folder; it is never made for a file."""
    try:
        is_folder = stat.S_ISDIR(os.stat(folder).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        file = _file_on_the_way(folder)
        if file is not None:
            raise _problem(path, f"{file} is a file, not a folder", "a folder") from None
        raise _problem(path, f"the folder {folder} does not exist", "an existing folder") from None
    except OSError as exc:
        raise _os_error(path, exc) from None
    if not is_folder:
        raise _problem(path, f"{folder} is a file, not a folder", "a folder")


# --------------------------------------------------------------------------- temporary files


def is_temporary_name(name: str) -> bool:
    """Whether a file name is one of this library's temporary files (and nothing else's)."""
    return _TEMP_NAME.fullmatch(name) is not None


def _temporary(target: Path, path: str | os.PathLike[str]) -> tuple[int, Path]:
    """A new file beside ``target``, opened for writing, under a name nothing else has.

    ``O_EXCL`` makes the name ours alone (a name taken, by chance or by a
    planted file or link, is skipped for a fresh one); ``O_NOFOLLOW`` keeps a
    link from being opened even so.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_ATTEMPTS):
        name = f".{target.name[:_STEM_MAX]}~{os.getpid()}-{_token()}{TEMP_SUFFIX}"
        temp = target.with_name(name)
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue
        except OSError as exc:
            raise _os_error(path, exc) from None
    raise _problem(path, "no unused temporary name could be found beside it", "a usable folder")


def _token() -> str:
    return os.urandom(8).hex()


class _Raw(io.RawIOBase):
    """A file descriptor written with ``os.write``, errors named after the target."""

    def __init__(self, fd: int, target: str | os.PathLike[str]) -> None:
        super().__init__()
        self._fd = fd
        self._target = target

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def write(self, data: Any) -> int:
        try:
            return os.write(self._fd, data)
        except OSError as exc:
            raise _os_error(self._target, exc) from None

    def close(self) -> None:
        if not self.closed:
            os.close(self._fd)
        super().close()


def fsync_folder(folder: Path) -> None:
    """Make a rename durable; a no-op where folders cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on folders
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """A binary file that replaces ``path`` whole when the block ends, or not at all.

    If the block raises, or the data cannot be written (a full disk), the
    temporary file is removed and ``path`` is as it was. An existing file's
    permissions are kept.
    """
    target = check_target(path)
    fd, temp = _temporary(target, path)
    handle = io.BufferedWriter(_Raw(fd, path))
    renamed = False
    try:
        _keep_mode(fd, target)
        yield handle
        handle.flush()
        _sync(fd, path)
        handle.close()
        _replace(temp, target, path)
        renamed = True
    finally:
        if not renamed:
            _discard(handle, temp)


def _keep_mode(fd: int, target: Path) -> None:
    """Give the new file the permissions of the one it replaces, if any."""
    with contextlib.suppress(OSError, AttributeError):
        os.fchmod(fd, stat.S_IMODE(os.stat(target).st_mode))


def _sync(fd: int, path: str | os.PathLike[str]) -> None:
    try:
        os.fsync(fd)
    except OSError as exc:
        raise _os_error(path, exc) from None


def _replace(temp: Path, target: Path, path: str | os.PathLike[str]) -> None:
    """Move the temporary file over the target (a link there is replaced, not followed)."""
    try:
        os.replace(temp, target)
    except OSError as exc:
        raise _os_error(path, exc) from None
    fsync_folder(target.parent)


def _discard(handle: IO[bytes], temp: Path) -> None:
    """Close and remove a temporary file that will never be renamed: ours, by its exact name."""
    with contextlib.suppress(Exception):
        handle.close()
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that ``path`` is either old, or new and whole."""
    with atomic_file(path) as handle:
        handle.write(data)


def fresh_file(path: str | os.PathLike[str], encoding: str = "utf-8") -> IO[str]:
    """A new, empty text file at ``path`` to append to, replacing whatever was there.

    For a journal, which is written line by line and read after a crash: it is
    created under a temporary name and renamed onto ``path`` at once, so a
    link planted at ``path`` is replaced, never written through.
    """
    target = Path(path)
    _check_folder(path, target.parent)
    fd, temp = _temporary(target, path)
    handle = io.BufferedWriter(_Raw(fd, path))
    try:
        _replace(temp, target, path)
    except BaseException:
        _discard(handle, temp)
        raise
    return io.TextIOWrapper(handle, encoding=encoding, newline="")


def output_folder(path: str | os.PathLike[str]) -> Path:
    """A folder to write a pack into, made when missing; ``OutputError`` when it cannot be."""
    if not os.fspath(path):
        raise _problem(path, "the path is empty", "a folder name")
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise _problem(path, "it is a file, not a folder", "a folder") from None
    except OSError as exc:
        raise _os_error(path, exc) from None
    return folder


def clean_temporary_files(folder: Path) -> int:
    """Remove this library's temporary files left in ``folder`` by a crash; returns how many.

    Only regular files whose names are ours (``is_temporary_name``) and that
    belong to this user are removed; a user's file, a link or a folder with a
    similar name is left alone.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not is_temporary_name(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_uid != _uid():
            continue
        with contextlib.suppress(FileNotFoundError):
            os.unlink(entry.path)
            removed += 1
    return removed


def _uid() -> int:
    return os.geteuid() if hasattr(os, "geteuid") else 0
