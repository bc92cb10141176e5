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
:mod:`behaviours.responses.grid`; this module handles sources and formats. A source
must be a regular file (checked before it is opened, and again on what was
opened), and a CSV is decoded and split into lines as it is read, so that the
file is never held whole, as bytes or as text.
"""

from __future__ import annotations

import codecs
import datetime
import difflib
import io
import itertools
import os
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal, cast

from behaviours.errors import Problem, ResponsesError
from behaviours.frameworks.kinds import AssessmentKind, Detail, Role
from behaviours.frameworks.model import Framework
from behaviours.responses.assembling import assemble, subject_key
from behaviours.responses.grid import DEFAULT_IGNORED, Table
from behaviours.responses.model import (
    MAX_ERRORS,
    MAX_FILE_BYTES,
    Assessment,
    check_assessment,
    parse_assessments_json,
)
from behaviours.responses.xlsx import OLE_MAGIC, xlsx_table

__all__ = [
    "DEFAULT_IGNORED",
    "MAX_ERRORS",
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
    if isinstance(head, bytes) and head.startswith((b"PK\x03\x04", OLE_MAGIC)):
        return "xlsx"
    return "csv"


def _csv_lines(
    first: bytes | str, rest: Iterator[bytes | str], name: str, encoding: str
) -> Iterator[str]:
    """The CSV's lines, each with its line ending, decoded as they are read.

    A byte order mark decides the encoding (UTF-8, UTF-16 or UTF-32, either
    byte order: Excel's "Unicode Text" is UTF-16 LE), whatever ``encoding``
    says; without one, ``encoding`` is used. Lines split at CR, LF or CRLF
    only, as the csv module counts them, so line numbers are the file's.
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


def _decoded(
    first: bytes | str, rest: Iterator[bytes | str], name: str, encoding: str
) -> Iterator[str]:
    """Text of the chunks; bytes that are not text in the encoding are a located error."""
    if isinstance(first, str):
        yield first.removeprefix("\ufeff")
        yield from cast(Iterator[str], rest)
        return
    mark, encoding = next(((m, e) for m, e in _BOMS if first.startswith(m)), (b"", encoding))
    decoder = codecs.getincrementaldecoder(encoding)()
    done, lines = 0, 0  # bytes given to the decoder, and line breaks it gave back
    for chunk in itertools.chain([first[len(mark) :]], cast(Iterator[bytes], rest), [b""]):
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            # exc.object is the chunk after the bytes of a character the last chunk began.
            at = len(mark) + done + len(chunk) - len(exc.object) + exc.start
            valid = bytes(exc.object[: exc.start]).decode(encoding, "replace")
            line = lines + valid.count("\n") + 1
            raise _undecodable(name, encoding, first, exc, byte=at, line=line) from None
        done += len(chunk)
        lines += text.count("\n")
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
        encoding: of a CSV file without a byte order mark; a UTF-8, UTF-16 or
            UTF-32 mark decides the encoding whatever this says.
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
    with _opened(source) as (name, handle):
        chunks = _chunks(handle, name)
        first = next(chunks, b"")
        fmt = _format_of(name, first, o.format)
        if fmt == "json":
            return _from_json(_whole(first, chunks), name, framework, kind, o.max_errors)
        if fmt == "xlsx":
            table = xlsx_table(_whole(first, chunks), name, o.sheet)
        else:
            encoding = check_encoding(o.encoding, name)
            table = Table.from_csv(_csv_lines(first, chunks, name, encoding), name)
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
