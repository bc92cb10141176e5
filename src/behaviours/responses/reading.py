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
:mod:`behaviours.responses.grid`; this module handles sources and formats.
"""

from __future__ import annotations

import datetime
import difflib
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal, cast

from behaviours.errors import Problem, ResponsesError
from behaviours.frameworks.kinds import AssessmentKind, Detail, Role
from behaviours.frameworks.model import Framework
from behaviours.responses.assembling import assemble, subject_key
from behaviours.responses.grid import DEFAULT_IGNORED, Table
from behaviours.responses.model import (
    MAX_FILE_BYTES,
    Assessment,
    check_assessment,
    parse_assessments_json,
)

__all__ = ["DEFAULT_IGNORED", "MAX_ERRORS", "Shape", "merge_assessments", "read_responses"]

MAX_ERRORS = 50
Shape = Literal["auto", "wide", "long"]
Source = str | os.PathLike[str] | IO[str] | IO[bytes]


def _source_name(source: Source) -> str:
    """The name messages give a source: its path, or the name of an open file."""
    if isinstance(source, (str, os.PathLike)):
        return str(Path(source))
    return str(getattr(source, "name", "<input>"))


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
    if isinstance(raw, bytes) and raw.startswith(b"PK\x03\x04"):
        return "xlsx"
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


def _xlsx_table(raw: bytes | str, name: str, sheet: str | None) -> Table:
    try:
        import openpyxl  # noqa: PLC0415  (an optional extra: only needed for .xlsx)
    except ImportError:
        raise ResponsesError(
            Problem(
                "reading .xlsx needs openpyxl",
                name,
                expected="pip install 'behaviours[xlsx]', or save the sheet as CSV UTF-8",
            )
        ) from None
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ResponsesError(Problem(f"not a readable .xlsx workbook: {exc}", name)) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise ResponsesError(
                Problem(f"no sheet {sheet!r}", name, expected=f"one of {book.sheetnames}")
            )
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        rows = [[_xlsx_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
    finally:
        book.close()
    return Table.from_rows(rows, name)


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
        sheet: of an .xlsx workbook; the first sheet by default.
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
    names = [_source_name(one) for one in sources]
    return merge_assessments(read, framework, require_self=require_self, files=names)


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
        return _from_json(raw, name, framework, kind)
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
    parts: Sequence[Sequence[Assessment]],
    framework: Framework,
    *,
    require_self: bool = False,
    files: Sequence[str] | None = None,
) -> list[Assessment]:
    """Assessments of the same subjects from several files, combined into one per subject.

    Subjects are matched by ``subject_key``: names that differ only by Unicode
    normalisation, case or spacing are one subject, shown as first spelt.
    ``files`` names the file each part came from, for the messages.

    Raises ``ResponsesError`` when the parts do not fit together: a respondent
    in two files, a subject with quick items in one file and full in another,
    two self-assessments, a 360 self-assessment whose name matches no raters'
    subject but is close to one, or (with ``require_self``) a subject without one.
    """
    merged: dict[str, Assessment] = {}
    origin: dict[str, str | None] = {}
    problems: list[Problem] = []
    for index, part in enumerate(parts):
        file = files[index] if files is not None and index < len(files) else None
        for a in part:
            key = subject_key(a.subject.id)
            first = merged.get(key)
            if first is None:
                merged[key], origin[key] = a, file
                continue
            problems += _clashes(first, a, file)
            merged[key] = first.model_copy(update={"responses": [*first.responses, *a.responses]})
    problems += _unmatched_selves(list(merged.values()), origin)
    for a in merged.values():
        if require_self and not any(r.role == "self" for r in a.responses):
            problems.append(Problem(f"subject {a.subject.id!r} has no self-assessment"))
        problems.extend(check_assessment(a, framework, path=f"subject {a.subject.id!r}"))
    if problems:
        raise ResponsesError(problems, title="the files do not fit together")
    return list(merged.values())


def _clashes(first: Assessment, a: Assessment, file: str | None) -> list[Problem]:
    """Why ``a`` cannot join the earlier ``first`` of the same subject, if it cannot."""
    if (first.kind, first.detail, first.framework) != (a.kind, a.detail, a.framework):
        return [
            Problem(
                f"subject {first.subject.id!r}: {a.kind} assessment with {a.detail} items "
                f"here, {first.kind} with {first.detail} items in an earlier file",
                file,
            )
        ]
    seen = {r.respondent for r in first.responses}
    return [
        Problem(f"subject {first.subject.id!r}: respondent {r.respondent!r} in two files", file)
        for r in a.responses
        if r.respondent in seen
    ]


def _unmatched_selves(merged: list[Assessment], origin: dict[str, str | None]) -> list[Problem]:
    """360 self-assessments that found no raters while a near name has raters: a misspelling."""
    rated = {a.subject.name: a for a in merged if any(r.role != "self" for r in a.responses)}
    problems = []
    for a in merged:
        if a.kind != "360" or a.subject.name in rated or not a.responses:
            continue
        if any(r.role != "self" for r in a.responses):
            continue
        keys = {subject_key(name): name for name in rated}
        close = difflib.get_close_matches(subject_key(a.subject.name), list(keys), n=1)
        if close:
            problems.append(
                Problem(
                    f"the self-assessment of {a.subject.name!r} matches no raters' subject: "
                    f"the names do not match; the nearest name with raters is "
                    f"{keys[close[0]]!r}",
                    origin.get(subject_key(a.subject.id)),
                    expected="the same name in the self-assessment and the raters' files",
                )
            )
    return problems


def _from_json(
    raw: bytes | str, name: str, framework: Framework, kind: AssessmentKind
) -> list[Assessment]:
    assessments = parse_assessments_json(raw, name)
    problems: list[Problem] = []
    for i, assessment in enumerate(assessments):
        if assessment.kind != kind:
            problems.append(
                Problem(f"a {assessment.kind} assessment", name, path=f"[{i}].kind", expected=kind)
            )
        problems.extend(check_assessment(assessment, framework, file=name, path=f"[{i}]"))
    if problems:
        raise ResponsesError(problems, title=f"{name}: {len(problems)} problem(s)")
    return assessments
