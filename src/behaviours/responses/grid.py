"""The tabular half of importing: tables of cells, and what their headers and cells may say.

Private to :mod:`behaviours.responses.reading` (rows become models in
:mod:`behaviours.responses.assembling`). A ``Table`` is a header and rows of
strings, each row with the line it came from, whatever the file format. The
matching tables (``Vocabulary``) are built once per framework and kind, so a
100,000-row file costs a few dictionary look-ups per cell.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from behaviours._files import formula_key
from behaviours.errors import Problem, ResponsesError
from behaviours.frameworks.columns import DEFAULT_IGNORED, META
from behaviours.frameworks.kinds import DETAILS, ROLE_LABELS, AssessmentKind, Detail, Role
from behaviours.frameworks.model import Framework
from behaviours.questionnaires.model import build_questionnaire
from behaviours.responses.model import NOT_ABLE_TO_SAY, Rating

__all__ = [
    "DEFAULT_IGNORED",
    "META",
    "ProblemLimitError",
    "Problems",
    "Table",
    "Vocabulary",
    "norm",
]


def norm(text: str) -> str:
    """Case- and space-insensitive form of a header or a cell.

    The quotes our CSV writer puts before a formula-like text (a prompt or a
    label beginning with ``-``, say) are taken off first, so a survey tool's
    export of our questionnaire matches it whether or not the tool kept them.
    """
    return " ".join(formula_key(text.strip()).split()).casefold()


@dataclass
class Table:
    """A header and rows of cells, each row with the line (or sheet row) it starts on."""

    name: str
    header: list[str]
    rows: list[tuple[int, list[str]]]

    def __post_init__(self) -> None:
        """Pad short rows (trailing blanks that a tool left out) to the header's width.

        A Qualtrics export has three header rows: column ids, the question
        texts, and ``{"ImportId": ...}`` cells. Its question texts (row 2) are
        the header then, since they are what our questionnaire export wrote.
        """
        if len(self.rows) >= 2 and _import_ids(self.rows[1][1]):
            self.header, self.rows = self.rows[0][1], self.rows[2:]
        width = len(self.header)
        for _, row in self.rows:
            if len(row) < width:
                row.extend([""] * (width - len(row)))

    def overflowing(self) -> list[int]:
        """Lines of rows with a non-blank cell beyond the header's last column."""
        width = len(self.header)
        return [n for n, row in self.rows if "".join(row[width:]).strip()]

    @classmethod
    def from_rows(cls, rows: list[list[str]], name: str) -> Table:
        """A table from already-split rows; the first is the header, row 1."""
        body = [(n, r) for n, r in enumerate(rows[1:], start=2) if "".join(r).strip()]
        return cls(name, rows[0] if rows else [], body)

    @classmethod
    def from_csv(cls, text: str, name: str) -> Table:
        """A table from CSV text, its delimiter (comma, semicolon or tab) read from the header."""
        first = text.split("\n", 1)[0]
        delimiter = max([",", ";", "\t"], key=first.count)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows: list[tuple[int, list[str]]] = []
        header: list[str] = []
        start = 1
        try:
            for row in reader:
                if not header and not rows:
                    header = row
                elif "".join(row).strip():
                    rows.append((start, row))
                start = reader.line_num + 1
        except csv.Error as exc:
            raise ResponsesError(Problem(f"not readable as CSV: {exc}", name, start)) from None
        return cls(name, header, rows)


def _import_ids(row: list[str]) -> bool:
    cells = [c.strip() for c in row if c.strip()]
    return bool(cells) and all(c.startswith('{"ImportId"') for c in cells)


class ProblemLimitError(Exception):
    """Raised when ``max_errors`` problems have been collected."""


@dataclass
class Problems:
    name: str
    limit: int
    found: list[Problem] = field(default_factory=list)

    def add(
        self,
        message: str,
        line: int | None = None,
        column: int | None = None,
        header: str = "",
        expected: str | None = None,
    ) -> None:
        if expected is not None:
            message = f"{message}; expected {expected}"
        self.found.append(Problem(message, self.name, line, column, header, expected))
        if len(self.found) >= self.limit:
            raise ProblemLimitError


@dataclass(frozen=True)
class Vocabulary:
    """What headers and cells may say, for one framework and kind."""

    items: dict[str, tuple[Detail, str]]  # normalised id or prompt -> (detail, item id)
    comments: dict[str, str]  # normalised comment id or prompt -> behaviour id
    meta: dict[str, str]  # normalised header -> META name
    scales: dict[str, str]  # item id -> scale name
    ratings: dict[str, dict[str, Rating]]  # scale name -> normalised cell -> rating
    roles: dict[str, Role]  # normalised role -> role
    self_voice: frozenset[str]  # normalised prompts only a self-assessment form uses

    @classmethod
    def of(cls, framework: Framework) -> Vocabulary:
        """The vocabulary of every questionnaire the framework can produce."""
        items, comments, meta, self_voice = _questions(framework)
        scales = {}
        for behaviour in framework.behaviours:
            for item_id in (behaviour.id, *(i.id for i in behaviour.items)):
                scales[item_id] = behaviour.scale or framework.default_scale
        roles: dict[str, Role] = {}
        for r, label in ROLE_LABELS.items():
            roles[norm(r.replace("_", " "))] = roles[norm(r)] = roles[norm(label.one)] = r
        return cls(items, comments, meta, scales, _ratings(framework), roles, self_voice)

    def item(self, header: str) -> tuple[Detail, str] | None:
        key = norm(header)
        found = self.items.get(key)
        if found is None and key.endswith("]") and "[" in key:  # Google Forms grids
            found = self.items.get(norm(key[key.rindex("[") + 1 : -1]))
        if found is None and " - " in key:  # Qualtrics matrices: "Question - Statement"
            found = self.items.get(norm(key[key.rindex(" - ") + 3 :]))
        return found

    def rating(self, scale: str, cell: str) -> Rating | None:
        """The rating a cell gives, ``None`` when blank; ``KeyError`` when not on the scale."""
        table = self.ratings[scale]
        found = table.get(cell)
        if found is not None:
            return found
        key = norm(cell)
        if not key:
            return None
        found = table.get(key)
        if found is None:
            try:
                number = float(key)
            except ValueError:
                raise KeyError(cell) from None
            found = table.get(str(int(number))) if number.is_integer() else None
        if found is None:
            raise KeyError(cell)
        return found


def _questions(
    framework: Framework,
) -> tuple[dict[str, tuple[Detail, str]], dict[str, str], dict[str, str], frozenset[str]]:
    """Items, comment and identifying questions by normalised id and prompt.

    Also the prompts that only the 360 self-assessment form uses (first-person
    items, "Please give your name."), so that a self form's export, which has
    no role column, is read as the subject's own answers.
    """
    voices: dict[str, set[bool]] = {}
    items: dict[str, tuple[Detail, str]] = {}
    ambiguous: set[str] = set()
    comments: dict[str, str] = {}
    meta = {m: m for m in META} | {"subject id": "subject_id", "item id": "item", "item_id": "item"}
    forms: list[tuple[AssessmentKind, Role | None, Detail]] = [
        ("quick", None, "quick"),
        ("full", None, "full"),
    ]
    for detail in DETAILS:
        forms += [("team", None, detail), ("360", "self", detail), ("360", None, detail)]
    for kind, role, detail in forms:
        q = build_questionnaire(framework, kind, role=role, detail=detail, comments=True)
        is_self = kind == "360" and role == "self"
        for item in q.items:
            voices.setdefault(norm(item.prompt), set()).add(is_self)
            for key in (norm(item.id), norm(item.prompt)):
                if items.setdefault(key, (q.detail, item.id))[1] != item.id:
                    ambiguous.add(key)
        for c in q.comments:
            comments[norm(c.id)] = comments[norm(c.prompt)] = c.behaviour_id
        for f in q.fields:
            meta.setdefault(norm(f.prompt), f.id)
            if kind == "360":
                voices.setdefault(norm(f.prompt), set()).add(is_self)
    for key in ambiguous:  # two items with one prompt: only their ids can tell them apart
        del items[key]
    self_voice = frozenset(k for k, v in voices.items() if v == {True})
    return items, comments, meta, self_voice


def _ratings(framework: Framework) -> dict[str, dict[str, Rating]]:
    """Per scale: every way a cell may give a rating (value, label, not-able-to-say)."""
    ratings: dict[str, dict[str, Rating]] = {}
    for name, scale in framework.scales.items():
        table: dict[str, Rating] = {}
        for p in scale.points:
            table[str(p.value)] = table[norm(p.label)] = p.value
        if scale.not_able_to_say is not None:
            table[norm(scale.not_able_to_say)] = table[NOT_ABLE_TO_SAY] = NOT_ABLE_TO_SAY
        ratings[name] = table
    return ratings
