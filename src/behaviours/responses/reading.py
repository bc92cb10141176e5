"""Responses in: survey exports (CSV, .xlsx) and JSON read into ``Assessment`` models.

Survey tools export two shapes. **Wide**: one row per respondent, one column
per question (Microsoft Forms, Google Forms, a spreadsheet). **Long**: one row
per answer, with columns ``subject``, ``respondent``, ``role``, ``item``,
``rating`` (a database or a previous tool). The shape is detected from the
header (``item`` and ``rating`` columns mean long) or given.

Columns are matched to questions by item id or by the prompt text the
questionnaire export used (compared as ``grid.norm`` compares every header:
case, spacing, Unicode form and typographic punctuation ignored), also inside
the ``Question [statement]`` headers of grids, so a form built from our
questionnaire imports without hand editing. Which survey tool wrote a file,
and so its header rows, its own (ignored) columns, its spellings and codes, is
recognised from the file or named (``tool=``), one reader per tool in
:mod:`behaviours.responses.sources`. Ratings may be the numbers or the
labels; blank is "skipped" and the not-able-to-say label is recorded as such.

Every problem of a file is collected (up to ``max_errors``), each with its
file, row and column and what was expected, and raised as one
``ResponsesError``: a file is read whole or not at all, so nothing is ever
scored from half a file. The tabular work (matching, parsing) is in
:mod:`behaviours.responses.grid`; this module handles sources and formats. A source
must be a regular file (checked before it is opened, and again on what was
opened), and a CSV is decoded and split into lines as it is read, so that the
file is never held whole, as bytes or as text.
"""

from __future__ import annotations

import codecs
import datetime
import gc
import io
import itertools
import os
import stat
import zipfile
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Literal, cast

from behaviours.errors import Problem, ResponsesError
from behaviours.frameworks.kinds import AssessmentKind, Detail, Role
from behaviours.frameworks.model import Framework
from behaviours.responses.assembling import assemble
from behaviours.responses.combining import Part, Place, combine, combined_error, merge_assessments
from behaviours.responses.grid import DEFAULT_IGNORED, Table
from behaviours.responses.model import (
    MAX_ERRORS,
    MAX_FILE_BYTES,
    Assessment,
    check_assessment,
    parse_assessments_json,
)
from behaviours.responses.sources import SurveyTool, framer
from behaviours.responses.sources import tool as survey_tool
from behaviours.responses.sources._mapping import read_mapping
from behaviours.responses.xlsx import OLE_MAGIC, package_problem, xlsx_table

__all__ = [
    "DEFAULT_IGNORED",
    "MAX_ERRORS",
    "ResponsesFile",
    "Shape",
    "check_encoding",
    "merge_assessments",
    "read_responses",
    "read_table",
]

Shape = Literal["auto", "wide", "long"]
Source = str | os.PathLike[str] | IO[str] | IO[bytes]


def _source_name(source: Source) -> str:
    """The name messages give a source: its path, or the name of an open file."""
    if isinstance(source, (str, os.PathLike)):
        return str(Path(source))
    return str(getattr(source, "name", "<input>"))


CHUNK = 1 << 20
_BOMS = (  # the UTF-32 LE mark begins with the UTF-16 LE one, so it is tried first
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


_ENCODINGS = "a text encoding Python knows, such as utf-8, cp1252, latin-1 or utf-16"


def check_encoding(encoding: str, name: str | None = None) -> str:
    """The encoding, if Python decodes text with it; if not, an error naming the option.

    ``name`` is the file it was given for, the error's location.
    """
    try:
        known = getattr(codecs.lookup(encoding), "_is_text_encoding", True)
    except LookupError:
        known = False
    if not known:  # unknown, or not a text encoding (base64, rot13)
        raise _refused(
            Problem(
                f"unknown text encoding {encoding!r}; expected {_ENCODINGS}",
                name,
                path="encoding (--encoding)",
                expected=_ENCODINGS,
            )
        )
    return encoding


@contextmanager
def _opened(source: Source) -> Iterator[tuple[str, IO[bytes] | IO[str]]]:
    """The source's name and an open file; a path is opened (and closed) here."""
    if not isinstance(source, (str, os.PathLike)):
        yield str(getattr(source, "name", "<input>")), source
        return
    name = str(Path(source))
    try:
        _check_regular(os.stat(source), name)  # a folder or a pipe is named before it is opened
        # Non-blocking, so that a FIFO swapped in since the check cannot make open() wait.
        fd = os.open(
            source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        )
    except OSError as exc:
        raise _refused(Problem(f"cannot read: {exc.strerror or exc}", name)) from None
    try:
        _check_regular(os.fstat(fd), name)  # what was opened is what is read
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        yield name, handle


def _check_regular(st: os.stat_result, name: str) -> None:
    """Refuse what is not a regular file of at most ``MAX_FILE_BYTES``, before reading it."""
    mode = st.st_mode
    if stat.S_ISREG(mode):
        if st.st_size > MAX_FILE_BYTES:
            raise _refused(Problem(f"larger than {MAX_FILE_BYTES:,} bytes", name))
        return
    what = (
        "a folder" if stat.S_ISDIR(mode)
        else "a pipe (FIFO)" if stat.S_ISFIFO(mode)
        else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket" if stat.S_ISSOCK(mode)
        else "not a regular file"
    )  # fmt: skip
    raise _refused(
        Problem(
            f"is {what}, not a file of responses",
            name,
            expected="the path of a CSV, .xlsx or JSON file (save a download or a pipe to one)",
        )
    )


def _chunks(handle: IO[bytes] | IO[str], name: str) -> Iterator[bytes | str]:
    """The source in pieces, the first long enough to hold any byte order mark."""
    pieces = _pieces(handle, name)
    first = next(pieces, b"")
    while len(first) < len(_BOMS[0][0]) and (more := next(pieces, None)) is not None:
        first = cast(bytes, first) + cast(bytes, more)  # str + str when the source is text
    yield first
    yield from pieces


def _pieces(handle: IO[bytes] | IO[str], name: str) -> Iterator[bytes | str]:
    """The source as it is read, never more than ``MAX_FILE_BYTES`` of it."""
    total = 0
    while chunk := handle.read(CHUNK):
        total += len(chunk)
        if total > MAX_FILE_BYTES:
            raise _refused(Problem(f"larger than {MAX_FILE_BYTES:,} bytes", name))
        yield chunk


def _whole(first: bytes | str, rest: Iterator[bytes | str]) -> bytes | str:
    if isinstance(first, str):
        return first + "".join(cast(Iterator[str], rest))
    return first + b"".join(cast(Iterator[bytes], rest))


def _format_of(name: str, head: bytes | str, given: str | None) -> str:
    if given:
        return given
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix == ".json":
        return "json"
    if suffix == ".zip" or (isinstance(head, bytes) and _zipped_text(head)):
        return "zip"
    if isinstance(head, bytes) and head.startswith((b"PK\x03\x04", OLE_MAGIC)):
        return "xlsx"
    return "csv"


def _zipped_text(head: bytes) -> bool:
    """Whether a zip's first part is a CSV (Google Forms' download), not a workbook's XML."""
    if not head.startswith(b"PK\x03\x04") or len(head) < 30:
        return False
    length = int.from_bytes(head[26:28], "little")
    return head[30 : 30 + length].lower().endswith((b".csv", b".tsv", b".txt"))


def _unzipped(raw: bytes, name: str) -> bytes:
    """The one CSV of a zip (Google Forms' "Download responses (.csv)"), within the limits.

    The zip's directory is checked as a workbook's is (``xlsx.package_problem``)
    before anything is inflated, and the CSV may be no larger than a CSV file.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            parts = package.infolist()
            texts = [p for p in parts if p.filename.lower().endswith((".csv", ".tsv", ".txt"))]
            problem = package_problem(parts)
            if problem is None and len(texts) != 1:
                problem = f"holds {len(texts)} CSV files; expected one (a Google Forms download)"
            if problem is None and texts[0].file_size > MAX_FILE_BYTES:
                problem = f"its CSV inflates to more than {MAX_FILE_BYTES:,} bytes"
            if problem is not None:
                raise _refused(Problem(f"the zip {problem}", name, expected="one CSV file"))
            return package.read(texts[0])
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        raise _refused(
            Problem(f"not a readable zip: {exc}", name, expected="a CSV, .xlsx, .zip or JSON file")
        ) from None


def _csv_lines(
    first: bytes | str, rest: Iterator[bytes | str], name: str, encoding: str | None
) -> Iterator[str]:
    """The CSV's lines, each with its line ending, decoded as they are read.

    A byte order mark decides the encoding (UTF-8, UTF-16 or UTF-32, either
    byte order: Excel's "Unicode Text" is UTF-16 LE), whatever ``encoding``
    says; without one, ``encoding`` is used, and when none is given UTF-8, or
    cp1252 (what Excel's plain "CSV" is saved in on Windows) when the bytes are
    not UTF-8 (see ``_decoded``). Lines split at CR, LF or CRLF only, as the
    csv module counts them, so line numbers are the file's.
    """
    texts = _decoded(first, rest, name, encoding)
    carry, count = "", 0
    for text in texts:
        lines = io.StringIO(carry + text, newline="").readlines()
        carry = lines.pop() if lines and not lines[-1].endswith("\n") else ""
        if "\x00" in text or "\ufeff" in text:
            _refuse_odd_characters([*lines, carry], count, name, first)
        count += len(lines)
        yield from lines
    if carry:
        yield carry


FALLBACK = "cp1252"  # Excel's "CSV (Comma delimited)" on Windows in Western Europe


def _decoded(
    first: bytes | str, rest: Iterator[bytes | str], name: str, encoding: str | None
) -> Iterator[str]:
    """Text of the chunks; bytes that are not text in the encoding are a located error.

    With no encoding given, UTF-8 is tried, and at the first bytes that are not
    UTF-8, when all the text before them was ASCII (so reads the same in both),
    the rest is read as cp1252. A file whose earlier text was UTF-8 is not
    switched: two encodings in one file is an error.
    """
    if isinstance(first, str):
        yield first.removeprefix("\ufeff")
        yield from cast(Iterator[str], rest)
        return
    mark, given = next(((m, e) for m, e in _BOMS if first.startswith(m)), (b"", encoding))
    encoding = given or "utf-8"
    fallback = given is None and _utf16_guess(first) is None
    decoder = codecs.getincrementaldecoder(encoding)()
    done, lines, ascii_so_far = 0, 0, True  # bytes decoded, line breaks, text all ASCII
    for chunk in itertools.chain([first[len(mark) :]], cast(Iterator[bytes], rest), [b""]):
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            # exc.object is the chunk after the bytes of a character the last chunk began.
            at = len(mark) + done + len(chunk) - len(exc.object) + exc.start
            valid = bytes(exc.object[: exc.start]).decode(encoding, "replace")
            if fallback and ascii_so_far and valid.isascii():
                fallback, encoding = False, FALLBACK
                decoder = codecs.getincrementaldecoder(FALLBACK)()
                try:
                    text = decoder.decode(bytes(exc.object), final=not chunk)
                except UnicodeDecodeError as again:
                    exc, valid = (
                        again,
                        bytes(again.object[: again.start]).decode(FALLBACK, "replace"),
                    )
                    at = len(mark) + done + len(chunk) - len(again.object) + again.start
                else:
                    done += len(chunk)
                    lines += text.count("\n")
                    yield text
                    continue
            line = lines + valid.count("\n") + 1
            raise _undecodable(name, encoding, first, exc, byte=at, line=line) from None
        done += len(chunk)
        lines += text.count("\n")
        ascii_so_far = ascii_so_far and text.isascii()
        yield text


def _undecodable(
    name: str, encoding: str, head: bytes, exc: UnicodeDecodeError, *, byte: int, line: int
) -> ResponsesError:
    """The error for bytes that are not ``encoding`` text, advising what the bytes look like."""
    codec = codecs.lookup(encoding).name
    bad = bytes(exc.object[exc.start : exc.end])
    if codec.startswith(("utf-16", "utf-32")):
        advice = "the file is damaged or cut short; export it again, or save it as 'CSV UTF-8'"
    elif codec == "utf-8" and (guess := _utf16_guess(head)):
        advice = _pass(guess, f"the file looks like {guess} without a byte order mark")
    elif codec == "utf-8":
        other = "latin-1" if bad[:1] in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d") else "cp1252"
        advice = "save it as 'CSV UTF-8', or " + _pass(
            other, "for an older Excel or Windows export"
        )
    else:
        advice = "pass the encoding the file was saved in (--encoding), or save it as 'CSV UTF-8'"
    return _refused(
        Problem(
            f"not {codec} text (byte {byte + 1:,} is {bad.hex(' ')}); {advice}",
            name,
            line,
            expected=f"{codec} text",
        )
    )


def _pass(encoding: str, why: str) -> str:
    return f"{why} pass encoding={encoding!r} (--encoding {encoding})"


def _utf16_guess(head: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` when every other byte is NUL, as in UTF-16 without a mark."""
    sample = head[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if len(sample) >= 4 and odd >= len(sample) // 4 and even <= odd // 10:
        return "utf-16-le"
    if len(sample) >= 4 and even >= len(sample) // 4 and odd <= even // 10:
        return "utf-16-be"
    return None


def _refuse_odd_characters(lines: list[str], before: int, name: str, head: bytes | str) -> None:
    """A NUL or a byte order mark inside the text is refused at its line: neither is CSV text."""
    for k, line in enumerate(lines):
        if "\x00" in line:
            guess = _utf16_guess(head) if isinstance(head, bytes) else None
            why = (
                _pass(guess, f"; the file looks like {guess} without a byte order mark:")
                if guess
                else " (a file saved in another format, or a damaged one?)"
            )
            raise _refused(Problem(f"a NUL character{why}", name, before + k + 1, expected="text"))
        if "\ufeff" in line:
            raise _refused(
                Problem(
                    "a byte order mark (U+FEFF) inside the file: two exports joined into one?",
                    name,
                    before + k + 1,
                    expected="one export: one header row, then its rows",
                )
            )


def _refused(problem: Problem) -> ResponsesError:
    """One problem that stops a source being read: on a line of its own, under a title."""
    return ResponsesError(problem, title=f"{problem.file}: nothing was read")


def read_responses(
    source: Source | ResponsesFile | Sequence[Source | ResponsesFile],
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
    encoding: str | None = None,
    sheet: str | None = None,
    max_errors: int = MAX_ERRORS,
    tool: str | None = None,
    mapping: str | os.PathLike[str] | Mapping[str, str] | None = None,
) -> list[Assessment]:
    """Read responses files into one ``Assessment`` per subject, in order of appearance.

    Args:
        source: a path or an open file (text or binary), or a list of them: a
            360's self-assessment export and its raters' export, for example,
            merged by subject (``behaviours.responses.combining``: every file is
            read, and every problem of every file reported). A ``ResponsesFile``
            gives one file options of its own (``role="self"`` for the self form).
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
        encoding: of a CSV file without a byte order mark; a UTF-8, UTF-16 or
            UTF-32 mark decides the encoding whatever this says. By default
            UTF-8, or cp1252 (Excel's plain "CSV" on Windows) when the bytes
            are not UTF-8.
        sheet: of an .xlsx workbook; the first worksheet by default (charts skipped).
        max_errors: stop collecting problems after this many.
        tool: the survey tool that wrote the files (``qualtrics``,
            ``surveymonkey``, ... see ``docs/survey-tools.md``); by default
            recognised from each file's header rows and own columns.
        mapping: a mapping file (CSV: ``column,id``) or a dict saying which
            export column is which question, for tools that head columns with
            question numbers (Jisc Online Surveys).

    Raises:
        ResponsesError: with every problem found (up to ``max_errors``), each
            naming the file, row, column and what was expected.
    """
    if kind not in ("quick", "full", "team", "360"):
        raise ResponsesError(f"unknown kind {kind!r}; expected quick, full, team or 360")
    sources: list[Source | ResponsesFile] = (
        list(source) if isinstance(source, (list, tuple)) else [cast(Source, source)]
    )  # a ResponsesFile alone is one source too
    options = _Options(
        shape=shape,
        format=format,
        detail=detail,
        role=role,
        subject=subject,
        assessed_on=assessed_on or datetime.date.today(),
        require_self=require_self and len(sources) == 1,
        together=len(sources) > 1,
        ignore=frozenset(DEFAULT_IGNORED | {c.casefold() for c in ignore_columns}),
        encoding=encoding,
        sheet=sheet,
        max_errors=max_errors,
        tool=None if tool is None else survey_tool(tool),
        mapping=None if mapping is None else read_mapping(mapping, framework),
    )
    parts: list[Part] = []
    failed: list[tuple[str, list[Problem]]] = []
    for one in sources:
        try:
            with _collector_paused():
                parts.append(_read_one(one, framework, kind, options))
        except ResponsesError as exc:
            if len(sources) == 1:
                raise
            failed.append((_source_name(_path_of(one)), exc.problems))
    if len(sources) == 1:
        return list(parts[0].assessments)
    merged, together = combine(parts, framework, require_self=require_self, whole=not failed)
    if failed or together:
        found = [p for _, problems in failed for p in problems] + together[:max_errors]
        raise ResponsesError(found, title=combined_error(failed, together, max_errors))
    return merged


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while one file is read, and back as it was after.

    Reading 100,000 rows makes millions of small objects (cells, ratings,
    models) and no reference cycles, so each collection the allocations
    trigger walks them all and finds nothing: about a third of a large read
    (benchmarks/importing.py). Nothing is lost by waiting: the collector runs
    as usual once the file is read.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@dataclass(frozen=True)
class ResponsesFile:
    """One responses file, with the options that hold for it alone.

    The files of one round differ: the 360 self-assessment form's export may
    have no role column (``role="self"``), one file may be a CSV saved from
    Excel (``encoding="cp1252"``), another a workbook with the answers on a
    named sheet. An option left ``None`` here is the one given to
    ``read_responses`` for every file.
    """

    source: Source
    role: Role | None = None
    subject: str | None = None
    encoding: str | None = None
    sheet: str | None = None


def _path_of(one: Source | ResponsesFile) -> Source:
    return one.source if isinstance(one, ResponsesFile) else one


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
    encoding: str | None
    sheet: str | None
    max_errors: int
    tool: SurveyTool | None
    mapping: Mapping[str, str] | None
    together: bool = False  # read with other files: keep where each respondent was


def _read_one(
    one: Source | ResponsesFile, framework: Framework, kind: AssessmentKind, o: _Options
) -> Part:
    """What one file gives, read with the options given for it (``ResponsesFile``) or for all."""
    if isinstance(one, ResponsesFile):
        given = {k: getattr(one, k) for k in ("role", "subject", "encoding", "sheet")}
        o = replace(o, **{k: v for k, v in given.items() if v is not None})
    with _opened(_path_of(one)) as (name, handle):
        chunks = _chunks(handle, name)
        first = next(chunks, b"")
        fmt = _format_of(name, first, o.format)
        if fmt == "json":
            found = _from_json(_whole(first, chunks), name, framework, kind, o.max_errors)
            return Part(name, found, _json_places(found))
        frame = framer(o.tool)
        encoding = None if o.encoding is None else check_encoding(o.encoding, name)
        if fmt == "xlsx":
            table = xlsx_table(_whole(first, chunks), name, o.sheet, frame)
        elif fmt == "zip":
            raw = _unzipped(cast(bytes, _whole(first, chunks)), name)
            table = Table.from_csv(_csv_lines(raw, iter(()), name, encoding), name, frame)
        else:
            table = Table.from_csv(_csv_lines(first, chunks, name, encoding), name, frame)
    places: dict[tuple[str, str], Place] = {}
    assessments = assemble(
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
        places=places if o.together else None,
        mapping=o.mapping,
    )
    return Part(name, assessments, places)


def _json_places(assessments: list[Assessment]) -> dict[tuple[str, str], Place]:
    """Where each respondent of a JSON file is: its path, as a problem there would name it."""
    return {
        (a.subject.id, r.respondent): (None, f"[{i}].responses[{j}]")
        for i, a in enumerate(assessments)
        for j, r in enumerate(a.responses)
    }


def read_table(source: Source, *, encoding: str = "utf-8", sheet: str | None = None) -> Table:
    """A small CSV or .xlsx file (a pairing of respondents, say) as a ``Table``, refused and
    decoded exactly as a responses file is: no folders, pipes or devices, no file over
    ``MAX_FILE_BYTES``, a byte order mark decides the encoding, every row keeps its line."""
    with _opened(source) as (name, handle):
        chunks = _chunks(handle, name)
        first = next(chunks, b"")
        if _format_of(name, first, None) == "xlsx":
            return xlsx_table(_whole(first, chunks), name, sheet)
        return Table.from_csv(_csv_lines(first, chunks, name, check_encoding(encoding, name)), name)


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
