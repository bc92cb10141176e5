"""Headers of a responses table: which column is which question, and what must be there.

Private to :mod:`behaviours.responses.reading`; :mod:`behaviours.responses.assembling`
reads the rows.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from behaviours.errors import ResponsesError
from behaviours.frameworks.kinds import ROLES_BY_KIND, AssessmentKind, Detail, Role
from behaviours.frameworks.model import Framework
from behaviours.responses.grid import META, Problems, Table, Vocabulary, norm

__all__ = ["ALLOWED", "Columns", "Headers"]

ALLOWED = ROLES_BY_KIND


@dataclass
class Columns:
    """Where each identifying column and each question is, by 0-based column index."""

    meta: dict[str, int] = field(default_factory=dict)
    items: dict[int, str] = field(default_factory=dict)
    comments: dict[int, str] = field(default_factory=dict)


class Headers:
    """Reads a table's header against a framework's questions; the rows are read by a subclass."""

    def __init__(
        self,
        table: Table,
        framework: Framework,
        kind: AssessmentKind,
        problems: Problems,
        *,
        detail: Detail | None,
        role: Role | None,
        subject: str | None,
        ignore: frozenset[str],
    ) -> None:
        self.table, self.framework, self.kind, self.problems = table, framework, kind, problems
        self.vocab = Vocabulary.of(framework)
        self.detail: Detail | None = kind if kind in ("quick", "full") else detail
        self.detail_given = self.detail is not None
        self.role, self.subject, self.ignore = role, subject, ignore
        if role is not None and role not in ALLOWED[kind]:
            raise ResponsesError(f"role {role!r} does not answer a {kind} assessment")

    def columns(self, shape: str) -> tuple[str, Columns]:
        """The shape (``wide`` or ``long``, resolving ``auto``) and where each column is."""
        cols = Columns()
        header = self.table.header
        first_item: dict[str, int] = {}
        for c, text in enumerate(header):
            key = norm(text)
            if key in self.ignore or (not key and self._empty_column(c)):
                continue
            meta = self.vocab.meta.get(key)
            found = self.vocab.item(text)
            if meta is not None:
                if meta in cols.meta:
                    self._dup(c, text, cols.meta[meta])
                cols.meta.setdefault(meta, c)
            elif found is not None:
                if found[1] in first_item:
                    self._dup(c, text, first_item[found[1]])
                    continue
                first_item[found[1]] = c
                if self._detail_fits(found[0], found[1], 1, c, text):
                    cols.items[c] = found[1]
            elif key in self.vocab.comments:
                cols.comments[c] = self.vocab.comments[key]
            else:
                self._unknown_column(c, text)
        if shape == "auto":
            shape = "long" if {"item", "rating"} <= set(cols.meta) else "wide"
        if self.kind == "360" and self.role is None and "role" not in cols.meta:
            inner = [
                norm(h.strip()[h.strip().rfind("[") + 1 : -1])
                for h in header
                if h.strip().endswith("]")
            ]
            if any(k in self.vocab.self_voice for k in [*map(norm, header), *inner]):
                self.role = "self"  # the 360 self-assessment form's export: the subject's answers
        self._required(shape, cols)
        return shape, cols

    def _empty_column(self, c: int) -> bool:
        return all(not (row[c].strip() if c < len(row) else "") for _, row in self.table.rows)

    def _dup(self, c: int, text: str, first: int) -> None:
        self.problems.add(
            f"column {text!r} repeats column {first + 1} (the same question)", 1, c + 1, text
        )

    def _unknown_column(self, c: int, text: str) -> None:
        known = [*META, *(i.id for i in self.framework.items(self.detail or "quick"))]
        close = difflib.get_close_matches(norm(text), known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        self.problems.add(
            f"unknown column {text!r}{hint}",
            1,
            c + 1,
            text,
            "an item id, a prompt from the questionnaire export, or one of "
            f"{', '.join(META)}; pass ignore_columns to skip other columns",
        )

    def _detail_fits(self, detail: Detail, item: str, line: int, c: int, text: str) -> bool:
        if self.detail is None:
            self.detail = detail
        if detail == self.detail:
            return True
        why = "the assessment's" if self.detail_given else "the first item's"
        self.problems.add(
            f"{item!r} is a {detail} item, but this file has {self.detail} items ({why})",
            line,
            c + 1,
            text,
            f"a {self.detail} item",
        )
        return False

    def _required(self, shape: str, cols: Columns) -> None:
        need = []
        if self.subject is None and "subject_id" not in cols.meta:
            need.append("subject")
        if self.kind == "360" and self.role is None:
            need.append("role")
        if shape == "long":
            need += ["item", "rating"]
            if self.kind not in ("quick", "full"):
                need.append("respondent")
            for c in [*cols.items, *cols.comments]:
                self.problems.add(
                    "a long file has one row per answer; question columns belong in a wide file",
                    1,
                    c + 1,
                    self.table.header[c],
                )
        else:
            for name in ("item", "rating", "comment"):
                if name in cols.meta:
                    c = cols.meta[name]
                    self.problems.add(
                        f"column {name!r} belongs to a long file", 1, c + 1, self.table.header[c]
                    )
            if not cols.items and not cols.comments:
                self.problems.add("no column matches a question of the framework", 1)
        ignored = [h for h in self.table.header if norm(h) in self.ignore]
        for name in need:
            if name not in cols.meta:
                extra = f" (ignored columns: {', '.join(ignored)})" if ignored else ""
                self.problems.add(
                    f"no {name!r} column{extra}",
                    1,
                    expected=f"a column headed {name!r}"
                    + (f", or pass {name}=..." if name in ("subject", "role") else ""),
                )
