"""Responses in from an .xlsx workbook: bounded before anything is inflated, every cell read.

Microsoft Forms exports only ``.xlsx``, so workbooks are part of the base
install. A workbook is a zip of XML parts, so it is untrusted twice over: its
zip's central directory is checked against size limits before openpyxl
inflates anything (a zip bomb is refused unread), and every damaged cell, stale
``<dimension>`` or formula without a saved value is an error naming the cell,
never a blank or a traceback.
"""

from __future__ import annotations

import datetime
import io
import re
import warnings
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Any

from behaviours.errors import Problem, ResponsesError
from behaviours.responses.grid import Framer, Table

__all__ = [
    "MAX_XLSX_BYTES",
    "MAX_XLSX_PARTS",
    "MAX_XLSX_PART_BYTES",
    "OLE_MAGIC",
    "package_problem",
    "xlsx_table",
]

# Limits on a workbook's zip, checked on its central directory before anything is
# inflated. zipfile never inflates a part past the size the directory declares (it
# stops there and the CRC check fails), so these sums bound what openpyxl can read.
MAX_XLSX_PARTS = 1_000
MAX_XLSX_PART_BYTES = 250_000_000
MAX_XLSX_BYTES = 500_000_000
MAX_XLSX_RATIO = 100
_RATIO_FROM = 1_000_000  # a part smaller than this may compress as well as it likes
MAX_SHEET_ROWS = 1_048_576  # Excel's last row and column
MAX_SHEET_COLUMNS = 16_384
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: .xls, or an encrypted .xlsx
_AS_CSV = "an .xlsx workbook saved by Excel, or the sheet saved as CSV UTF-8"
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")


def _damaged(*also: type[Exception]) -> tuple[type[Exception], ...]:
    """What openpyxl (and zipfile, zlib and ElementTree under it) raise for a damaged workbook.

    Caught only around calls into openpyxl, never around our own code, so a bug
    of ours is not reported as a damaged file.
    """
    from openpyxl.utils.exceptions import (  # noqa: PLC0415  (openpyxl is slow to import)
        CellCoordinatesException,
        InvalidFileException,
    )

    return (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        NotImplementedError,  # zipfile, for zip features it lacks
        KeyError,
        IndexError,
        ValueError,
        TypeError,
        SyntaxError,  # ElementTree's ParseError
        InvalidFileException,
        CellCoordinatesException,
        *also,
    )


def xlsx_table(
    raw: bytes | str, name: str, sheet: str | None, framer: Framer | None = None
) -> Table:
    """The first worksheet (or ``sheet``) of a workbook as a table of cells, located errors.

    ``framer`` reads the header rows as the survey tool that wrote them does.
    """
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    _check_package(data, name)
    # openpyxl warns of what it leaves out: formatting, drawings, extensions (none of
    # them cells), and a sheet the workbook lists without an id, which is an error here.
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        rows = _xlsx_rows(data, name, sheet)
    if any("invalid specification" in str(w.message) for w in warned):
        raise _unreadable(name, "a sheet the workbook lists has no id", _RESAVE)
    return Table.from_rows([[_xlsx_cell(v) for v in row] for row in rows], name, framer)


def _xlsx_rows(data: bytes, name: str, sheet: str | None) -> list[tuple[object, ...]]:
    import openpyxl  # noqa: PLC0415  (slow to import: only when a workbook is read)

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _damaged(AttributeError) as exc:  # openpyxl 3.1: a chart sheet with no drawing
        raise _unreadable(name, f"not a readable .xlsx workbook: {_first_line(exc)}") from None
    try:
        return _sheet_rows(_worksheet(book, name, sheet), data, name)
    finally:
        book.close()


def _unreadable(name: str, message: str, expected: str = _AS_CSV, **where: Any) -> ResponsesError:
    return ResponsesError(
        Problem(message, name, expected=expected, **where), title=f"{name}: cannot be read"
    )


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _check_package(data: bytes, name: str) -> None:
    """Refuse what is not a workbook's zip, or would inflate past the limits, unread."""
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise _unreadable(
                name,
                "a password-protected (encrypted) workbook",
                "the workbook saved without a password (File > Info > Protect Workbook)",
            )
        raise _unreadable(name, "an Excel 97-2003 .xls workbook (the old binary format)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _unreadable(name, f"not an .xlsx workbook (not a zip package: {exc})") from None
    message = package_problem(parts)
    if message is not None:
        raise _unreadable(name, message, "an .xlsx workbook of survey responses")


def package_problem(parts: list[zipfile.ZipInfo]) -> str | None:
    """Why a zip's parts must not be inflated (too many, too large, a bomb), or None."""
    if len(parts) > MAX_XLSX_PARTS:
        return f"{len(parts):,} parts in its zip, more than the {MAX_XLSX_PARTS:,} allowed"
    for part in parts:
        problem = _part_problem(part)
        if problem is not None:
            return f"part {part.filename!r} {problem}"
    total = sum(part.file_size for part in parts)
    if total > MAX_XLSX_BYTES:
        return f"inflates to {total:,} bytes, more than the {MAX_XLSX_BYTES:,} allowed"
    return None


def _part_problem(part: zipfile.ZipInfo) -> str | None:
    if part.flag_bits & 0x41:  # encrypted, or strongly encrypted
        return "is encrypted"
    if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return "uses a compression method Excel does not write"
    if part.file_size > MAX_XLSX_PART_BYTES:
        return (
            f"inflates to {part.file_size:,} bytes, more than the {MAX_XLSX_PART_BYTES:,} allowed"
        )
    ratio = part.file_size / max(part.compress_size, 1)
    if part.file_size > _RATIO_FROM and ratio > MAX_XLSX_RATIO:
        return (
            f"inflates {ratio:,.0f} times, to {part.file_size:,} bytes, more than the "
            f"{MAX_XLSX_RATIO} times a workbook does (a zip bomb?)"
        )
    return None


def _worksheet(book: Any, name: str, sheet: str | None) -> Any:
    """The sheet asked for, else the first worksheet: a chart sheet has no cells to read."""
    titles = [ws.title for ws in book.worksheets]
    if sheet is None:
        if not titles:
            raise _unreadable(name, "no worksheet in the workbook (only charts)", "a worksheet")
        return book.worksheets[0]
    if sheet not in titles:
        what = "a chart, not a worksheet" if sheet in book.sheetnames else "not in the workbook"
        raise _unreadable(name, f"sheet {sheet!r} is {what}", f"one of {titles}")
    return book[sheet]


def _sheet_rows(ws: Any, data: bytes, name: str) -> list[tuple[object, ...]]:
    """Every row of the sheet, however few rows its ``<dimension>`` claims.

    A damaged cell or a formula with no saved value (a workbook written by a
    program that does not calculate) is found by a second, slower read of the
    sheet's XML that says where it is; a sheet without formulas that openpyxl
    reads is never read twice.
    """
    ws.reset_dimensions()  # a stale <dimension> would cut the rows past it off, silently
    rows: list[tuple[object, ...]] = []
    try:
        for row in ws.iter_rows(values_only=True):
            if len(rows) == MAX_SHEET_ROWS:
                raise _unreadable(
                    name,
                    f"more rows than Excel's {MAX_SHEET_ROWS:,}",
                    "a sheet Excel can open",
                    line=len(rows) + 1,
                    path=ws.title,
                )
            rows.append(row)
    except _damaged() as exc:
        raise _damaged_cell(ws, data, name) or _unreadable(
            name, f"the sheet cannot be read: {_first_line(exc)}", path=ws.title
        ) from None
    if _has_formulas(data, ws._worksheet_path):
        problem = _damaged_cell(ws, data, name)
        if problem is not None:
            raise problem
    return rows


def _has_formulas(data: bytes, path: str) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as package, package.open(path) as xml:
        tail = b""
        while chunk := xml.read(1 << 20):
            if _FORMULA.search(tail + chunk):
                return True
            tail = chunk[-32:]
    return False


def _damaged_cell(ws: Any, data: bytes, name: str) -> ResponsesError | None:
    """The first cell that cannot be read as a value, located; None when there is none.

    Reads the sheet's XML itself (openpyxl keeps where it is, and the shared
    strings, private), because openpyxl's errors do not say which cell.
    """
    path: str = ws._worksheet_path
    strings = len(ws._shared_strings)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package, package.open(path) as xml:
            for row, column, ref, cell in _cells(xml):
                message = _cell_problem(ref, row, column, cell, strings)
                if message is not None:
                    return _unreadable(
                        name, message, _RESAVE, line=row, column=column, path=f"{ws.title}!{ref}"
                    )
    except ET.ParseError as exc:
        line, column = exc.position
        return _unreadable(
            name,
            f"the sheet's XML is damaged at line {line}, column {column} of {path}: "
            f"{_first_line(exc).split(':')[0]}",
            _RESAVE,
            path=ws.title,
        )
    except (zipfile.BadZipFile, zlib.error, EOFError):
        return None  # a damaged zip rather than a damaged cell: said without a cell
    return None


def _cells(xml: IO[bytes]) -> Iterator[tuple[int, int, str, ET.Element]]:
    """Each cell element with its row, column and reference, in bounded memory."""
    row = column = 0
    open_elements: list[ET.Element] = []
    for event, element in ET.iterparse(xml, events=("start", "end")):
        tag = element.tag.rpartition("}")[2]
        if event == "start":
            open_elements.append(element)
            if tag == "row":
                given = element.get("r", "")
                row = int(given) if given.isdigit() and len(given) < 8 else row + 1
                column = 0
            continue
        open_elements.pop()
        if tag == "c":
            ref = element.get("r") or ""
            row, column = _coordinate(ref) or (row, column + 1)
            yield row, column, ref or f"R{row}C{column}", element
        elif tag == "row" and open_elements:
            open_elements[-1].remove(element)  # done with: the sheet is never held whole


_REF = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")


def _coordinate(ref: str) -> tuple[int, int] | None:
    match = _REF.fullmatch(ref)
    if match is None:
        return None
    letters, digits = match.groups()
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(digits), column


_NUMBER = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_RESAVE = (
    "the workbook opened and saved again in Excel (which also calculates its formulas), "
    "or the sheet saved as CSV UTF-8"
)


def _cell_problem(ref: str, row: int, column: int, cell: ET.Element, strings: int) -> str | None:
    """Why a cell cannot be read as the value Excel shows, or None when it can."""
    if (ref and _coordinate(ref) is None) or row > MAX_SHEET_ROWS or column > MAX_SHEET_COLUMNS:
        return f"{ref!r} is not a cell Excel has (A1 to XFD{MAX_SHEET_ROWS})"
    kind = cell.get("t", "n")
    parts = {child.tag.rpartition("}")[2]: child for child in cell}
    formula, value = parts.get("f"), parts.get("v")
    text = None if value is None else (value.text or "")
    if formula is not None and (text is None or (not text and kind != "str")):
        return f"a formula (={formula.text or '...'}) with no saved value"
    return _value_problem(kind, text, strings) if text else None


def _value_problem(kind: str, text: str, strings: int) -> str | None:
    if kind == "s" and not (text.isascii() and text.isdigit() and int(text[:10]) < strings):
        return f"shared string {text!r} is not in the workbook, which has {strings:,}"
    if kind == "n" and _NUMBER.fullmatch(text) is None:
        return f"{text!r} is not a number, though the cell says it is one"
    if kind == "b" and text not in ("0", "1"):
        return f"{text!r} is not true or false (1 or 0), though the cell says it is one"
    return None


def _xlsx_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return str(value)
