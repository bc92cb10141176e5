"""Headers of a responses table: which column is which question, and what must be there.

Private to :mod:`behaviours.responses.reading`. ``read_header`` is a function of
the table's first row and the reading options; what it finds is a frozen
``Header`` (the shape, where each column is, the role every row has when the
file gives none), which :mod:`behaviours.responses.assembling` then reads the
rows with. Nothing here changes once made, except the problems collected.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import itertools
import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal, cast

from behaviours.errors import Problem, ResponsesError
from behaviours.frameworks.kinds import ROLES_BY_KIND, AssessmentKind, Detail, Role
from behaviours.frameworks.model import Framework
from behaviours.responses.grid import META, Problems, Table, Vocabulary, norm
from behaviours.responses.sources import OWN, SurveyTool, tools
from behaviours.responses.sources._mapping import IGNORE
from behaviours.responses.sources._matching import by_order

# Notes that are not problems (what a file was read as, which columns were left out).
_LOG = logging.getLogger("behaviours.responses")

__all__ = ["Columns", "DetailCheck", "Header", "read_header"]

Shape = Literal["wide", "long"]


@dataclass(frozen=True)
class Columns:
    """Where each identifying column and each question is, by 0-based column index."""

    meta: Mapping[str, int]
    items: Mapping[int, str]
    comments: Mapping[int, str]


@dataclass(frozen=True)
class Header:
    """What a table's header says, read once: everything the rows are read with."""

    shape: Shape
    columns: Columns
    role: Role | None  # the role of every row when the file has no role column
    detail: Detail | None  # the items' detail as far as the header tells
    detail_given: bool  # given by the caller or the kind, not inferred from the items
    missing: tuple[str, ...] = ()  # columns every row needs that the file lacks: rows unread


class DetailCheck:
    """The detail a file's items are at: the given one, else the first item's.

    The one stateful piece of reading a header and its rows, kept apart and
    named for it: the first item decides, every later one is checked against it.
    """

    def __init__(self, detail: Detail | None, *, given: bool, problems: Problems) -> None:
        self.detail, self.given, self.problems = detail, given, problems

    def fits(self, detail: Detail, item: str, line: int, column: int, text: str) -> bool:
        """Whether ``item`` is at the file's detail; a located problem when it is not."""
        if self.detail is None:
            self.detail = detail
        if detail == self.detail:
            return True
        why = "the assessment's" if self.given else "the first item's"
        self.problems.add(
            f"{item!r} is a {detail} item, but this file has {self.detail} items ({why})",
            line,
            column + 1,
            text,
            f"a {self.detail} item",
        )
        return False


def read_header(
    table: Table,
    framework: Framework,
    kind: AssessmentKind,
    vocab: Vocabulary,
    problems: Problems,
    *,
    shape: str,
    detail: Detail | None,
    role: Role | None,
    subject: str | None,
    ignore: frozenset[str],
    mapping: Mapping[str, str] | None = None,
) -> Header:
    """The table's shape (``wide`` or ``long``, resolving ``auto``) and where each column is."""
    if role is not None and role not in ROLES_BY_KIND[kind]:
        allowed = ", ".join(ROLES_BY_KIND[kind])
        raise ResponsesError(
            Problem(
                f"role {role!r} does not answer a {kind} assessment",
                table.name,
                path="role",
                expected=f"one of {allowed}",
            ),
            title=f"{table.name}: nothing was read",
        )
    given = kind if kind in ("quick", "full") else detail
    details = DetailCheck(given, given=given is not None, problems=problems)
    found = _Matched.of(
        table, framework, kind, vocab, mapping=mapping or {}, ignore=ignore, detail=given
    )
    columns = found.columns(table, framework, vocab, problems=problems, details=details)
    resolved: Shape = "wide"
    if shape == "long" or (shape == "auto" and {"item", "rating"} <= set(columns.meta)):
        resolved = "long"
    self_form = (kind == "360" and found.self_form) or _self_form(table, vocab)
    if kind == "360" and role is None and "role" not in columns.meta and self_form:
        role = "self"  # the 360 self-assessment form's export: the subject's own answers
    columns = _subject_column(table, columns, found, role=role)
    found.note(table, columns)
    header = Header(resolved, columns, role, details.detail, details.given)
    missing = _required(table, kind, header, subject=subject, ignore=ignore, problems=problems)
    return replace(header, missing=missing)


Match = tuple[str, str | tuple[Detail, str]]  # ("meta", name), ("item", (detail, id)), ...


def _match(vocab: Vocabulary, text: str) -> Match | None:
    """What a header names: an identifying column, an item, a comment box; None if nothing."""
    key = norm(text)
    name = vocab.meta.get(key)
    if name is not None:
        return ("meta", name)
    found = vocab.item(text)
    if found is not None:
        return ("item", found)
    if key in vocab.comments:
        return ("comment", vocab.comments[key])
    return None


@dataclass(frozen=True)
class _Matched:
    """What each column of a header names, before the problems of repeats and details."""

    tool: SurveyTool
    matches: Mapping[int, Match]
    ignored: tuple[int, ...]  # the tool's own columns, and those asked to be ignored
    by_order: int  # columns matched by the questionnaire's order, not by their texts
    self_form: bool  # the order matched was the 360 self-assessment form's
    unfit: frozenset[int]  # numbered columns that fit no questionnaire's order

    @classmethod
    def of(
        cls,
        table: Table,
        framework: Framework,
        kind: AssessmentKind,
        vocab: Vocabulary,
        *,
        mapping: Mapping[str, str],
        ignore: frozenset[str],
        detail: Detail | None,
    ) -> _Matched:
        framing = table.framing
        tool = tools().get(framing.tool) or tools()[OWN]
        matches: dict[int, Match] = {}
        ignored: list[int] = []
        for c, text in enumerate(table.header):
            key = norm(text)
            target = mapping.get(key)
            if target == IGNORE or (target is None and (c in framing.system or key in ignore)):
                ignored.append(c)
                continue
            also = framing.also[c] if c < len(framing.also) else ""
            found = _match(vocab, target or text) or (_match(vocab, also) if also else None)
            if found is not None:
                matches[c] = found
        ids = {c: _id(m) for c, m in matches.items()}
        fits = functools.partial(_answers_fit, table, vocab)
        ordered, role = by_order(
            framing, tool, framework, kind, detail=detail, matched=ids, fits=fits
        )
        for c, target in ordered.items():
            found = _match(vocab, target)
            if found is not None:
                matches[c] = found
        numbered = [c for c, _ in tool.ordered(framing)] if tool.ordered else []
        unfit = frozenset(c for c in numbered if c not in matches and c not in ignored)
        return cls(tool, matches, tuple(ignored), len(ordered), role == "self", unfit)

    def columns(
        self,
        table: Table,
        framework: Framework,
        vocab: Vocabulary,
        *,
        problems: Problems,
        details: DetailCheck,
    ) -> Columns:
        meta: dict[str, int] = {}
        items: dict[int, str] = {}
        comments: dict[int, str] = {}
        first_item: dict[str, int] = {}
        skipped = set(self.ignored)
        for c, text in enumerate(table.header):
            found = self.matches.get(c)
            if c in skipped or (found is None and not norm(text) and _empty_column(table, c)):
                continue
            if found is None:
                hint = _NUMBERED if c in self.unfit else ""
                _unknown_column(
                    problems, framework, vocab, detail=details.detail, c=c, text=text, hint=hint
                )
            elif found[0] == "meta":
                name = str(found[1])
                if name in meta:
                    _repeated(problems, c, text, meta[name])
                meta.setdefault(name, c)
            elif found[0] == "item":
                detail, item = cast(tuple[Detail, str], found[1])
                if item in first_item:
                    _repeated(problems, c, text, first_item[item])
                    continue
                first_item[item] = c
                if details.fits(detail, item, 1, c, text):
                    items[c] = item
            else:
                comments[c] = str(found[1])
        return Columns(meta, items, comments)

    def note(self, table: Table, columns: Columns) -> None:
        """Say once, not as a problem, what was read how and which columns were left out."""
        used = set(columns.meta.values())
        left = [table.header[c] for c in self.ignored if c not in used and table.header[c].strip()]
        what = f"{table.name}: read as {self.tool.title}"
        if self.by_order:
            what += f"; {self.by_order} numbered column(s) matched to the questionnaire's order"
        if left:
            what += f"; ignored metadata columns: {', '.join(left)}"
        _LOG.info("%s", what)


def _answers_fit(table: Table, vocab: Vocabulary, c: int, target: str) -> bool:
    """Whether most of the first rows' answers in column ``c`` could answer question ``target``.

    Most, not all: a bad answer or two is a problem of its row, reported as
    such; a column of roles or names under a rating is a column out of place.
    """
    scale = vocab.scales.get(target)
    if scale is None and target != "role":
        return True
    good = bad = 0
    for _, row in itertools.islice(table.rows, ANSWERS_CHECKED):
        cell = row[c].strip() if c < len(row) else ""
        if not cell:
            continue
        if scale is None:
            ok = norm(cell.replace("_", " ")) in vocab.roles
        else:
            try:
                vocab.rating(scale, cell)
                ok = True
            except KeyError:
                ok = False
        good, bad = good + ok, bad + (not ok)
    return good >= bad


ANSWERS_CHECKED = 200  # rows whose answers must fit before columns are matched by order
_NUMBERED = (
    "; numbered columns are matched to the questionnaire's order only when they are exactly "
    "its questions: pass a mapping file (mapping=, --mapping; 'behaviours questionnaire "
    "--format mapping' writes one)"
)


def _id(found: Match) -> str:
    value = found[1]
    return value[1] if isinstance(value, tuple) else value


def _subject_column(
    table: Table, columns: Columns, found: _Matched, *, role: Role | None
) -> Columns:
    """A self form without a name question takes its subject from the tool's own name column.

    Microsoft Forms fills *Name* itself when a form records names, so the self
    form need not ask; a rater's name is never read as a subject.
    """
    wanted = found.tool.subject_column
    if wanted is None or role != "self" or "subject" in columns.meta:
        return columns
    for c in found.ignored:
        if norm(table.header[c]) == wanted:
            return dataclasses.replace(columns, meta={**columns.meta, "subject": c})
    return columns


def _self_form(table: Table, vocab: Vocabulary) -> bool:
    """Whether the header asks what only the 360 self-assessment form asks (its voice)."""
    header = table.header
    inner = [
        norm(h.strip()[h.strip().rfind("[") + 1 : -1]) for h in header if h.strip().endswith("]")
    ]
    return any(k in vocab.self_voice for k in [*map(norm, header), *inner])


def _empty_column(table: Table, c: int) -> bool:
    return all(not (row[c].strip() if c < len(row) else "") for _, row in table.rows)


def _repeated(problems: Problems, c: int, text: str, first: int) -> None:
    problems.add(f"column {text!r} repeats column {first + 1} (the same question)", 1, c + 1, text)


def _unknown_column(
    problems: Problems,
    framework: Framework,
    vocab: Vocabulary,
    *,
    detail: Detail | None,
    c: int,
    text: str,
    hint: str = "",
) -> None:
    """An unknown column, with the nearest item id or prompt (any voice) when one is close."""
    ids = [norm(i.id) for i in framework.items(detail or "quick")]
    known = [*META, *ids, *(k for k in vocab.spellings if k not in ids)]
    close = difflib.get_close_matches(norm(text), known, n=1, cutoff=0.6)
    if close and not hint:
        hint = f"; did you mean {vocab.spellings.get(close[0], close[0])!r}?"
    problems.add(
        f"unknown column {text!r}{hint}",
        1,
        c + 1,
        text,
        "an item id, a prompt from the questionnaire export, or one of "
        f"{', '.join(META)}; pass ignore_columns to skip other columns",
    )


def _required(
    table: Table,
    kind: AssessmentKind,
    header: Header,
    *,
    subject: str | None,
    ignore: frozenset[str],
    problems: Problems,
) -> tuple[str, ...]:
    """A problem for each column the shape and kind need that the file lacks, or must not have.

    Returns the names of the columns missing, without which no row can be read.
    """
    cols = header.columns
    need = []
    if subject is None and "subject_id" not in cols.meta:
        need.append("subject")
    if kind == "360" and header.role is None:
        need.append("role")
    if header.shape == "long":
        need += ["item", "rating"]
        if kind not in ("quick", "full"):
            need.append("respondent")
        for c in [*cols.items, *cols.comments]:
            problems.add(
                "a long file has one row per answer; question columns belong in a wide file",
                1,
                c + 1,
                table.header[c],
            )
    else:
        for name in ("item", "rating", "comment"):
            if name in cols.meta:
                c = cols.meta[name]
                problems.add(f"column {name!r} belongs to a long file", 1, c + 1, table.header[c])
        if not cols.items and not cols.comments:
            problems.add("no column matches a question of the framework", 1)
    ignored = [h for h in table.header if norm(h) in ignore]
    missing = tuple(name for name in need if name not in cols.meta)
    for name in missing:
        extra = f" (ignored columns: {', '.join(ignored)})" if ignored else ""
        problems.add(
            f"no {name!r} column{extra}",
            1,
            expected=f"a column headed {name!r}"
            + (f", or pass {name}=..." if name in ("subject", "role") else ""),
        )
    return missing
