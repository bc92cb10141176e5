"""Responses in: survey exports (CSV, .xlsx) and JSON read into ``Assessment`` models.

Survey tools export two shapes. **Wide**: one row per respondent, one column
per question (Microsoft Forms, Google Forms, a spreadsheet). **Long**: one row
per answer, with columns ``subject``, ``respondent``, ``role``, ``item``,
``rating`` (a database or a previous tool). The shape is detected from the
header (``item`` and ``rating`` columns mean long) or given.

Columns are matched to questions by item id or by the exact prompt text the
questionnaire export used (case and spacing ignored), also inside the
``Question [statement]`` headers of Google Forms grids, so a form built from
our questionnaire imports without hand editing. Ratings may be the numbers or
the labels; blank is "skipped" and the not-able-to-say label is recorded as
such. Columns survey tools add (timestamps, e-mail) are ignored.

Every problem of a file is collected (up to ``max_errors``), each with its
file, row and column and what was expected, and raised as one
``ResponsesError``: a file is read whole or not at all, so nothing is ever
scored from half a file. The tabular work (matching, parsing) is in
:mod:`behaviours._tables`; this module handles sources and formats.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import warnings
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal, cast

from behaviours._assemble import assemble
from behaviours._tables import DEFAULT_IGNORED, Table
from behaviours.errors import Problem, ResponsesError
from behaviours.framework import AssessmentKind, Framework
from behaviours.responses import (
    MAX_ERRORS,
    MAX_FILE_BYTES,
    Assessment,
    Detail,
    Role,
    check_assessment,
    parse_assessments_json,
)

__all__ = ["DEFAULT_IGNORED", "MAX_ERRORS", "Shape", "merge_assessments", "read_responses"]

Shape = Literal["auto", "wide", "long"]
Source = str | os.PathLike[str] | IO[str] | IO[bytes]


def _name_and_bytes(source: Source) -> tuple[str, bytes | str]:
    raw: bytes | str
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise ResponsesError(
                Problem(f"cannot read: {exc.strerror or exc}", str(path))
            ) from None
        name = str(path)
    else:
        raw = source.read(MAX_FILE_BYTES + 1)
        name = str(getattr(source, "name", "<input>"))
    if len(raw) > MAX_FILE_BYTES:
        raise ResponsesError(Problem(f"larger than {MAX_FILE_BYTES:,} bytes", name))
    return name, raw


def _format_of(name: str, raw: bytes | str, given: str | None) -> str:
    if given:
        return given
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix == ".json":
        return "json"
    if isinstance(raw, bytes) and raw.startswith((b"PK\x03\x04", _OLE)):
        return "xlsx"  # a zip, or an old or encrypted workbook: said so by the xlsx reader
    return "csv"


def _decode(raw: bytes | str, name: str, encoding: str) -> str:
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff")
    try:
        return raw.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ResponsesError(
            Problem(
                f"not {encoding} text (byte {exc.start + 1}); save it as 'CSV UTF-8', or "
                "for an older Excel CSV pass encoding='cp1252' (--encoding cp1252)",
                name,
                line,
                expected=f"{encoding} text",
            )
        ) from None


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
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: .xls, or an encrypted .xlsx
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


def _xlsx_table(raw: bytes | str, name: str, sheet: str | None) -> Table:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    _check_package(data, name)
    # openpyxl warns of what it leaves out: formatting, drawings, extensions (none of
    # them cells), and a sheet the workbook lists without an id, which is an error here.
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        rows = _xlsx_rows(data, name, sheet)
    if any("invalid specification" in str(w.message) for w in warned):
        raise _unreadable(name, "a sheet the workbook lists has no id", _RESAVE)
    return Table.from_rows([[_xlsx_cell(v) for v in row] for row in rows], name)


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
    if data.startswith(_OLE):
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
    message = _package_problem(parts)
    if message is not None:
        raise _unreadable(name, message, "an .xlsx workbook of survey responses")


def _package_problem(parts: list[zipfile.ZipInfo]) -> str | None:
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


def read_responses(
    source: Source | Sequence[Source],
    framework: Framework,
    kind: AssessmentKind,
    *,
    shape: Shape = "auto",
    format: Literal["csv", "xlsx", "json"] | None = None,
    detail: Detail | None = None,
    role: Role | None = None,
    subject: str | None = None,
    assessed_on: datetime.date | None = None,
    require_self: bool = False,
    ignore_columns: tuple[str, ...] = (),
    encoding: str = "utf-8",
    sheet: str | None = None,
    max_errors: int = MAX_ERRORS,
) -> list[Assessment]:
    """Read responses files into one ``Assessment`` per subject, in order of appearance.

    Args:
        source: a path or an open file (text or binary), or a list of them: a
            360's self-assessment export and its raters' export, for example,
            merged by subject (every file is read, and every problem reported).
        framework: the framework the questionnaire was built from.
        kind: quick, full, team or 360.
        shape: ``wide``, ``long``, or ``auto`` (long when there are ``item`` and
            ``rating`` columns).
        format: ``csv``, ``xlsx`` or ``json``; by default from the file name.
        detail: quick or full items, for team and 360; inferred from the columns.
        role: the role of every respondent, when the file has no ``role`` column
            (a 360 form sent to one group, for example).
        subject: the subject of every row, when the file has no ``subject`` column.
        assessed_on: the date the assessment closed, printed on reports; today
            when not given.
        require_self: a 360 subject without a self-assessment is an error.
        ignore_columns: further column headers to ignore, besides the survey
            tools' own (``DEFAULT_IGNORED``).
        encoding: of a CSV file; a byte-order mark is always allowed.
        sheet: of an .xlsx workbook; the first worksheet by default (charts skipped).
        max_errors: stop collecting problems after this many.

    Raises:
        ResponsesError: with every problem found (up to ``max_errors``), each
            naming the file, row, column and what was expected.
    """
    if kind not in ("quick", "full", "team", "360"):
        raise ResponsesError(f"unknown kind {kind!r}; expected quick, full, team or 360")
    sources: list[Source] = (
        list(source) if isinstance(source, (list, tuple)) else [cast(Source, source)]
    )
    options = _Options(
        shape=shape,
        format=format,
        detail=detail,
        role=role,
        subject=subject,
        assessed_on=assessed_on or datetime.date.today(),
        require_self=require_self and len(sources) == 1,
        ignore=frozenset(DEFAULT_IGNORED | {c.casefold() for c in ignore_columns}),
        encoding=encoding,
        sheet=sheet,
        max_errors=max_errors,
    )
    read: list[list[Assessment]] = []
    problems: list[Problem] = []
    for one in sources:
        try:
            read.append(_read_one(one, framework, kind, options))
        except ResponsesError as exc:
            if len(sources) == 1:
                raise
            problems.extend(exc.problems)
    if problems:
        raise ResponsesError(
            problems[:max_errors], title=f"{len(problems)} problem(s); nothing was read"
        )
    if len(read) == 1:
        return read[0]
    return merge_assessments(read, framework, require_self=require_self)


@dataclass(frozen=True)
class _Options:
    shape: Shape
    format: Literal["csv", "xlsx", "json"] | None
    detail: Detail | None
    role: Role | None
    subject: str | None
    assessed_on: datetime.date
    require_self: bool
    ignore: frozenset[str]
    encoding: str
    sheet: str | None
    max_errors: int


def _read_one(
    source: Source, framework: Framework, kind: AssessmentKind, o: _Options
) -> list[Assessment]:
    name, raw = _name_and_bytes(source)
    fmt = _format_of(name, raw, o.format)
    if fmt == "json":
        return _from_json(raw, name, framework, kind, o.max_errors)
    if fmt == "xlsx":
        table = _xlsx_table(raw, name, o.sheet)
    else:
        table = Table.from_csv(_decode(raw, name, o.encoding), name)
    return assemble(
        table,
        framework,
        kind,
        shape=o.shape,
        detail=o.detail,
        role=o.role,
        subject=o.subject,
        assessed_on=o.assessed_on,
        require_self=o.require_self,
        ignore=o.ignore,
        max_errors=o.max_errors,
    )


def merge_assessments(
    parts: Sequence[Sequence[Assessment]], framework: Framework, *, require_self: bool = False
) -> list[Assessment]:
    """Assessments of the same subjects from several files, combined into one per subject.

    Raises ``ResponsesError`` when the parts do not fit together: a respondent
    in two files, a subject with quick items in one file and full in another,
    two self-assessments, or (with ``require_self``) a subject without one.
    """
    merged: dict[str, Assessment] = {}
    problems: list[Problem] = []
    for part in parts:
        for a in part:
            first = merged.get(a.subject.id)
            if first is None:
                merged[a.subject.id] = a
                continue
            if (first.kind, first.detail, first.framework) != (a.kind, a.detail, a.framework):
                problems.append(
                    Problem(
                        f"subject {a.subject.id!r}: {a.kind} assessment with {a.detail} items "
                        f"here, {first.kind} with {first.detail} items in an earlier file"
                    )
                )
                continue
            seen = {r.respondent for r in first.responses}
            for r in a.responses:
                if r.respondent in seen:
                    problems.append(
                        Problem(
                            f"subject {a.subject.id!r}: respondent {r.respondent!r} in two files"
                        )
                    )
            merged[a.subject.id] = first.model_copy(
                update={"responses": [*first.responses, *a.responses]}
            )
    for a in merged.values():
        if require_self and not any(r.role == "self" for r in a.responses):
            problems.append(Problem(f"subject {a.subject.id!r} has no self-assessment"))
        problems.extend(check_assessment(a, framework, path=f"subject {a.subject.id!r}"))
    if problems:
        raise ResponsesError(problems, title="the files do not fit together")
    return list(merged.values())


def _from_json(
    raw: bytes | str, name: str, framework: Framework, kind: AssessmentKind, max_errors: int
) -> list[Assessment]:
    assessments = parse_assessments_json(raw, name, max_errors=max_errors)
    problems: list[Problem] = []
    for i, assessment in enumerate(assessments):
        if assessment.kind != kind:
            problems.append(
                Problem(f"a {assessment.kind} assessment", name, path=f"[{i}].kind", expected=kind)
            )
        problems.extend(check_assessment(assessment, framework, file=name, path=f"[{i}]"))
    if problems:
        shown = f", the first {max_errors} shown" if len(problems) > max_errors else ""
        raise ResponsesError(
            problems[: max(1, max_errors)],
            title=f"{name}: {len(problems)} problem(s){shown}; nothing was read",
        )
    return assessments
