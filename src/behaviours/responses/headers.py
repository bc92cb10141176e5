"""Headers of a responses table: which column is which question, and what must be there.

Private to :mod:`behaviours.responses.reading`. ``read_header`` is a function of
the table's first row and the reading options; what it finds is a frozen
``Header`` (the shape, where each column is, the role every row has when the
file gives none), which :mod:`behaviours.responses.assembling` then reads the
rows with. Nothing here changes once made, except the problems collected.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

from behaviours.errors import Problem, ResponsesError
from behaviours.frameworks.kinds import ROLES_BY_KIND, AssessmentKind, Detail, Role
from behaviours.frameworks.model import Framework
from behaviours.responses.grid import META, Problems, Table, Vocabulary, norm

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
    columns = _columns(table, framework, vocab, problems=problems, details=details, ignore=ignore)
    resolved: Shape = "wide"
    if shape == "long" or (shape == "auto" and {"item", "rating"} <= set(columns.meta)):
        resolved = "long"
    if kind == "360" and role is None and "role" not in columns.meta and _self_form(table, vocab):
        role = "self"  # the 360 self-assessment form's export: the subject's own answers
    header = Header(resolved, columns, role, details.detail, details.given)
    missing = _required(table, kind, header, subject=subject, ignore=ignore, problems=problems)
    return replace(header, missing=missing)


def _columns(
    table: Table,
    framework: Framework,
    vocab: Vocabulary,
    *,
    problems: Problems,
    details: DetailCheck,
    ignore: frozenset[str],
) -> Columns:
    meta: dict[str, int] = {}
    items: dict[int, str] = {}
    comments: dict[int, str] = {}
    first_item: dict[str, int] = {}
    for c, text in enumerate(table.header):
        key = norm(text)
        if key in ignore or (not key and _empty_column(table, c)):
            continue
        name = vocab.meta.get(key)
        found = vocab.item(text)
        if name is not None:
            if name in meta:
                _repeated(problems, c, text, meta[name])
            meta.setdefault(name, c)
        elif found is not None:
            if found[1] in first_item:
                _repeated(problems, c, text, first_item[found[1]])
                continue
            first_item[found[1]] = c
            if details.fits(found[0], found[1], 1, c, text):
                items[c] = found[1]
        elif key in vocab.comments:
            comments[c] = vocab.comments[key]
        else:
            _unknown_column(problems, framework, details.detail, c, text)
    return Columns(meta, items, comments)


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
    problems: Problems, framework: Framework, detail: Detail | None, c: int, text: str
) -> None:
    known = [*META, *(i.id for i in framework.items(detail or "quick"))]
    close = difflib.get_close_matches(norm(text), known, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
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
