"""The tabular half of importing: tables of cells, and what their headers and cells may say.

Private to :mod:`behaviours.responses.reading` (rows become models in
:mod:`behaviours.responses.assembling`). A ``Table`` is a header and rows of
strings, each row with the line it came from, whatever the file format. The
matching tables (``Vocabulary``) are built once per framework and kind, so a
100,000-row file costs a few dictionary look-ups per cell.
"""

from __future__ import annotations

import csv
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

from behaviours._files import formula_key
from behaviours.base import IdentityCache
from behaviours.errors import Problem, ResponsesError
from behaviours.frameworks.columns import DEFAULT_IGNORED, META
from behaviours.frameworks.kinds import DETAILS, ROLE_LABELS, AssessmentKind, Detail, Role
from behaviours.frameworks.model import Framework
from behaviours.questionnaires.model import build_questionnaire
from behaviours.responses.model import NOT_ABLE_TO_SAY, Rating

__all__ = [
    "DEFAULT_IGNORED",
    "HEADER_ROWS",
    "META",
    "Framer",
    "Framing",
    "ProblemLimitError",
    "Problems",
    "Rows",
    "Table",
    "Vocabulary",
    "norm",
]

# A quoted field spanning lines is checked for swallowed rows only in tables this wide: in
# narrower ones a line of a comment with a comma or two would read as a row.
MIN_ROW_CHECK_WIDTH = 3


# Typographic punctuation a word processor or a survey tool puts in place of the plain one.
_PLAIN = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\uff07", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63", "-"),
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad"),  # invisible: dropped
    }
)


def norm(text: str) -> str:
    """What a header or a cell is matched by: the one normalisation of every comparison.

    Unicode compatibility form (NFKC: a non-breaking space is a space, "ﬁ" is
    "fi"), typographic quotes, apostrophes and dashes made plain (a form that
    writes ``organisation’s`` or an en dash matches the questionnaire's
    ``organisation's`` and ``-``), invisible characters dropped, case folded,
    spacing collapsed. The quotes our CSV writer puts before a formula-like
    text (a prompt or a label beginning with ``-``, say) are taken off, so a
    survey tool's export of our questionnaire matches it whether or not the
    tool kept them (or curled them).
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_PLAIN)
    return " ".join(formula_key(text.strip()).split()).casefold()


# The most header rows a survey tool writes (Qualtrics, SmartSurvey): rows read before the
# header is decided.
HEADER_ROWS = 3


@dataclass(frozen=True)
class Framing:
    """How a table's first rows are its header: what a survey tool's reader makes of them.

    ``header`` is one text per column, the one matched against the questionnaire;
    ``rows`` how many of the first rows it took; ``system`` the columns that are the
    tool's own metadata; ``also`` a second text per column tried when the first
    matches nothing (Qualtrics' export tags); ``keys`` a language-independent key per
    column where the tool writes one (Qualtrics' ImportIds); ``fix`` undoes an escape
    the tool writes in every cell (SmartSurvey's ``@SQ@`` for an apostrophe).
    """

    header: list[str]
    rows: int = 1
    tool: str = ""
    system: frozenset[int] = frozenset()
    also: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    fix: Callable[[str], str] | None = None


# The first (up to ``HEADER_ROWS``) non-blank rows of a file, and its name -> its header.
Framer = Callable[[list[list[str]], str], Framing]


def _one_row(rows: list[list[str]], name: str) -> Framing:
    return Framing(rows[0])


@dataclass
class Table:
    """A header and rows of cells, each row with the line (or sheet row) it starts on.

    The rows are kept compact (see ``Rows``): a 200 MB export is millions of
    cells, and a list of lists of strings costs ten times the file.
    """

    name: str
    header: list[str]
    rows: Rows
    framing: Framing = field(default_factory=lambda: Framing([]))

    def overflowing(self) -> list[int]:
        """Lines of rows with a non-blank cell beyond the header's last column."""
        return self.rows.overflowing

    @classmethod
    def from_rows(cls, rows: Iterable[list[str]], name: str, framer: Framer | None = None) -> Table:
        """A table from already-split rows; the first is the header, row 1.

        ``framer`` decides how the first rows are the header (a survey tool's
        reader, :mod:`behaviours.responses.sources`); by default the first row is.
        """
        return _build(((n, r) for n, r in enumerate(rows, start=1)), name, framer or _one_row)

    @classmethod
    def from_csv(cls, lines: Iterable[str], name: str, framer: Framer | None = None) -> Table:
        """A table from CSV lines (each with its line ending), read as they come.

        The delimiter (comma, semicolon or tab) is the one the header uses
        most outside quotes. The reader is strict: a quote that never closes, or text after a
        closing quote, is a located error (see ``_quote_trouble``), and so is a
        quoted field that swallowed whole rows (see ``_looks_like_row``).
        Nothing is read past a structural error.
        """
        held = _Held(iter(lines))
        first = held.peek()
        delimiter = _delimiter(first)
        return _build(_csv_rows(held, delimiter, name), name, framer or _one_row)


def _delimiter(line: str) -> str:
    """The delimiter (comma, semicolon or tab) the header line uses most outside quotes.

    LimeSurvey quotes every cell and may separate them with semicolons; a
    prompt's commas inside the quotes do not count.
    """
    counts = dict.fromkeys((",", ";", "\t"), 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(counts, key=counts.__getitem__)


class Rows(Sequence[tuple[int, list[str]]]):
    """Rows of one width as one flat list of interned cells, and their lines.

    Survey exports repeat the same few cells (ratings, roles, subjects, item
    ids) millions of times: each distinct cell is stored once, and a row costs
    its width in pointers. Short rows are padded with blanks (trailing blanks a
    tool left out); a row's cells beyond the width are dropped, and its line
    kept in ``overflowing`` when one of them is not blank, to be reported.
    """

    def __init__(self, width: int) -> None:
        self.width = width
        self.overflowing: list[int] = []
        self._cells: list[str] = []
        self._lines = array("l")
        self._seen: dict[str, str] = {"": ""}

    def append(self, line: int, row: list[str]) -> None:
        width = self.width
        if len(row) > width:
            if "".join(row[width:]).strip():
                self.overflowing.append(line)
            del row[width:]
        elif len(row) < width:
            row.extend([""] * (width - len(row)))
        self._cells.extend(map(self._seen.setdefault, row, row))
        self._lines.append(line)

    def done(self) -> None:
        """Forget the interning table: only reading needs it."""
        self._seen = {}

    def release(self) -> None:
        """Forget the cells (keeping how many rows there were), once they have been read."""
        self._cells = []

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, index: int) -> tuple[int, list[str]]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, list[str]]]: ...
    def __getitem__(
        self, index: int | slice
    ) -> tuple[int, list[str]] | list[tuple[int, list[str]]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        line = self._lines[index]
        start = (index % len(self)) * self.width
        return line, self._cells[start : start + self.width]

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        width, cells = self.width, self._cells
        for i, line in enumerate(self._lines):
            yield line, cells[i * width : (i + 1) * width]


def _build(numbered: Iterator[tuple[int, list[str]]], name: str, framer: Framer) -> Table:
    """The table of numbered rows: the first ones are the header, blank rows skipped after it.

    The first ``HEADER_ROWS`` rows from the first non-empty one are held back
    until ``framer`` has said how many of them are header (a Qualtrics export
    has three header rows, a SurveyMonkey export two, and a header row may be
    blank); every row keeps its own line number.
    """
    early: list[tuple[int, list[str]]] = []
    rows: Rows | None = None
    framing = Framing([])
    for line, row in numbered:
        if rows is not None:
            if "".join(row).strip():
                rows.append(line, [framing.fix(c) for c in row] if framing.fix else row)
        elif row or early:  # blank rows among the first are kept: a header row may be blank
            early.append((line, row))
            if len(early) == HEADER_ROWS:
                framing, rows = _start(early, framer, name)
    if not early:
        expected = "a header row, then a row per response"
        raise ResponsesError(
            Problem(f"the file is empty; expected {expected}", name, 1, expected=expected),
            title=f"{name}: nothing was read",
        )
    if rows is None:
        framing, rows = _start(early, framer, name)
    rows.done()
    return Table(name, framing.header, rows, framing)


def _start(early: list[tuple[int, list[str]]], framer: Framer, name: str) -> tuple[Framing, Rows]:
    framing = framer([row for _, row in early], name)
    rows = Rows(len(framing.header))
    for line, row in early[framing.rows :]:
        if "".join(row).strip():
            rows.append(line, [framing.fix(c) for c in row] if framing.fix else row)
    return framing, rows


class _Held:
    """CSV lines, and the lines of the record being read, to locate a structural error."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._first = ""
        self.lines: list[str] = []

    def peek(self) -> str:
        self._first = next(self._lines, "")
        return self._first

    def __iter__(self) -> Iterator[str]:
        held = self.lines
        if self._first:
            held.append(self._first)
            yield self._first
        for line in self._lines:
            held.append(line)
            yield line


def _csv_rows(held: _Held, delimiter: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """Rows with the line each starts on; a structural error stops the reading, located."""
    reader = csv.reader(held, delimiter=delimiter, strict=True)
    lines = held.lines
    start, width = 1, 0
    try:
        for row in reader:
            if (
                len(lines) > 1
                and width >= MIN_ROW_CHECK_WIDTH
                and any(_looks_like_row(text, delimiter, width) for text in lines[1:])
            ):
                raise _structural(lines, delimiter, width, start, name)
            width = width or len(row)
            yield start, row
            lines.clear()
            start = reader.line_num + 1
    except csv.Error:
        raise _structural(lines, delimiter, width, start, name) from None


def _looks_like_row(line: str, delimiter: str, width: int) -> bool:
    """Whether one line inside a quoted field reads, on its own, as a whole row of the table.

    That is what a row swallowed by a quote that was never closed looks like:
    the header's width or more of cells (quotes taken as plain characters, as
    a swallowed row has none: its first quote would have ended the field), at
    least one not blank, and none starting with a space. A comment that spans
    lines is prose, whose commas are followed by a space, so it reads on.
    """
    cells = next(csv.reader([line], delimiter=delimiter, quoting=csv.QUOTE_NONE), [])
    return (
        len(cells) >= width
        and any(c.strip() for c in cells)
        and not any(c[:1].isspace() for c in cells)
    )


def _structural(
    lines: list[str], delimiter: str, width: int, start: int, name: str
) -> ResponsesError:
    """The error for a record that is not sound CSV, at the quote that caused it."""
    fields = list(_quoted_fields(lines, delimiter))
    spanning = next((f for f in fields if f[2] is None or f[2] > f[0]), None)
    twice = 'or a quote inside the text written twice ("")'
    if spanning is not None and width >= MIN_ROW_CHECK_WIDTH:
        opened, column, closed, _ = spanning
        rows = [
            k for k in range(opened + 1, len(lines)) if _looks_like_row(lines[k], delimiter, width)
        ]
        if rows:
            end = f"line {start + closed}" if closed is not None else "the end of the file"
            message = (
                f"a quoted field opens here and runs on to {end}, holding line {start + rows[0]}, "
                "which reads as a whole row"
            )
            return _error(message, name, start + opened, column, f"its closing quote, {twice}")
    if fields and fields[-1][2] is None:
        message = "a quote opens this field and the file ends inside it"
        return _error(
            message, name, start + fields[-1][0], fields[-1][1], f"a closing quote, {twice}"
        )
    if fields and fields[-1][3]:
        opened, column, closed, _ = fields[-1]
        if closed is not None and closed > opened:
            message = (
                f"a quoted field opens here and is closed on line {start + closed} by a quote "
                "with more text after it"
            )
        else:
            message = "text follows the closing quote of this field"
        return _error(message, name, start + opened, column, f"a delimiter after it, {twice}")
    return _error("not readable as CSV", name, start, None, "comma-separated values")


def _error(message: str, name: str, line: int, column: int | None, expected: str) -> ResponsesError:
    problem = Problem(f"{message}; expected {expected}", name, line, column, expected=expected)
    return ResponsesError(problem, title=f"{name}: not sound CSV; nothing was read")


def _quoted_fields(lines: list[str], delimiter: str) -> Iterator[tuple[int, int, int | None, bool]]:
    """The quoted fields of one record, as the strict reader sees them, up to the first bad one.

    Each is (line offset where it opens, its 1-based column, line offset of
    its closing quote or ``None`` when it never closes, and whether text other
    than a delimiter or a line ending follows that quote).
    """
    column, at_start = 1, True
    opened: tuple[int, int] | None = None
    for k, line in enumerate(lines):
        i = 0
        while i < len(line):
            if opened is not None:
                j = line.find('"', i)
                if j < 0:
                    break
                if line.startswith('""', j):
                    i = j + 2
                    continue
                i = j + 1
                bad = line[i : i + 1] not in (delimiter, "\r", "\n", "")
                yield opened[0], opened[1], k, bad
                if bad:
                    return
                opened, at_start = None, False
                continue
            char = line[i]
            if char == '"' and at_start:
                opened = (k, column)
            elif char == delimiter:
                column += 1
                at_start = True
                i += 1
                continue
            at_start = False
            i += 1
    if opened is not None:
        yield opened[0], opened[1], None, False


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
    self_voice: frozenset[str]  # normalised prompts only the 360 self form uses, of 360 forms
    spellings: dict[str, str]  # normalised id or prompt -> as the questionnaire writes it

    @classmethod
    def of(cls, framework: Framework) -> Vocabulary:
        """The vocabulary of every questionnaire the framework can produce, made once per framework.

        Making it builds the framework's eight questionnaires (four kinds, two
        item sets); a framework is frozen, so its vocabulary is kept beside it
        for as long as the framework lives (the cache never keeps one alive).
        """
        return _VOCABULARIES(framework)

    @classmethod
    def _made(cls, framework: Framework) -> Vocabulary:
        items, comments, meta, self_voice, spellings = _questions(framework)
        scales = {}
        for behaviour in framework.behaviours:
            for item_id in (behaviour.id, *(i.id for i in behaviour.items)):
                scales[item_id] = behaviour.scale or framework.default_scale
        roles: dict[str, Role] = {}
        for r, label in ROLE_LABELS.items():
            roles[norm(r.replace("_", " "))] = roles[norm(r)] = roles[norm(label.one)] = r
        ratings = _ratings(framework)
        return cls(items, comments, meta, scales, ratings, roles, self_voice, spellings)

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
) -> tuple[
    dict[str, tuple[Detail, str]], dict[str, str], dict[str, str], frozenset[str], dict[str, str]
]:
    """Items, comment and identifying questions by normalised id and prompt.

    Also the prompts that only the 360 self-assessment forms use, of either
    item set ("Please give your name.", first-person items such as "I am
    someone who ...", the comment questions without the raters' note), so
    that a self form's export, which has no role column, is read as the
    subject's own answers whichever of its questions the export kept.
    """
    voices: dict[str, set[bool]] = {}
    items: dict[str, tuple[Detail, str]] = {}
    ambiguous: set[str] = set()
    comments: dict[str, str] = {}
    spellings: dict[str, str] = {}
    meta = {m: m for m in META} | {"subject id": "subject_id", "item id": "item", "item_id": "item"}
    forms: list[tuple[AssessmentKind, Role | None, Detail]] = [
        ("quick", None, "quick"),
        ("full", None, "full"),
    ]
    for detail in DETAILS:
        forms += [("team", None, detail), ("360", "self", detail), ("360", None, detail)]
    for kind, role, detail in forms:
        q = build_questionnaire(framework, kind, role=role, detail=detail, comments=True)
        for item in q.items:
            spellings[norm(item.id)], spellings[norm(item.prompt)] = item.id, item.prompt
            for key in (norm(item.id), norm(item.prompt)):
                if items.setdefault(key, (q.detail, item.id))[1] != item.id:
                    ambiguous.add(key)
        for c in q.comments:
            comments[norm(c.id)] = comments[norm(c.prompt)] = c.behaviour_id
            spellings[norm(c.id)], spellings[norm(c.prompt)] = c.id, c.prompt
        for f in q.fields:
            meta.setdefault(norm(f.prompt), f.id)
            spellings[norm(f.prompt)] = f.prompt
        if kind == "360":  # who answered a 360 form: only its prompts tell
            for text in [*(i.prompt for i in q.items), *(c.prompt for c in q.comments)]:
                voices.setdefault(norm(text), set()).add(role == "self")
            for f in q.fields:
                voices.setdefault(norm(f.prompt), set()).add(role == "self")
    for key in ambiguous:  # two items with one prompt: only their ids can tell them apart
        del items[key]
    self_voice = frozenset(k for k, v in voices.items() if v == {True})
    return items, comments, meta, self_voice, spellings


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


_VOCABULARIES: IdentityCache[Framework, Vocabulary] = IdentityCache(Vocabulary._made)
