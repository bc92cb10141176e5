"""Rows of a responses table become ``Assessment`` models, or a list of what is wrong.

Private to :mod:`behaviours.responses.reading`. Every problem names the file, the row
(the line of a CSV, the row of a sheet; the header is row 1), the column and
what was expected. The first ``max_errors`` problems are kept; if there is any,
nothing is returned.
"""

from __future__ import annotations

import datetime
import difflib
import itertools
import operator
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from pydantic import ValidationError

from behaviours.errors import Problem, ResponsesError, location
from behaviours.frameworks.kinds import ROLES_BY_KIND, AssessmentKind, Detail, Role
from behaviours.frameworks.model import Framework
from behaviours.responses.grid import ProblemLimitError, Problems, Table, Vocabulary, norm
from behaviours.responses.headers import Columns, DetailCheck, Header, read_header
from behaviours.responses.model import (
    MAX_COMMENT,
    MAX_RESPONDENTS,
    Assessment,
    Rating,
    Response,
    Subject,
    check_assessment,
)
from behaviours.responses.sources import OWN, tools
from behaviours.responses.sources._matching import tool_vocabulary

__all__ = ["assemble", "subject_key"]

MAX_NAME = 200


def subject_key(name: str) -> str:
    """What two spellings of one subject share: Unicode normalised, case folded, spaces collapsed.

    "Zoe\u0308 Smith" (NFD, from a Mac), "zoë  smith" and "Zoë\u00a0Smith" (a
    non-breaking space from a web form) are one person. The first spelling
    seen is the one kept for display and as the subject's id. Case is folded
    between decomposing and composing (Unicode's canonical caseless match), since
    folding can itself decompose a letter ("ΰ").
    """
    folded = unicodedata.normalize("NFD", name).casefold()
    return " ".join(unicodedata.normalize("NFC", folded).split())


@dataclass
class _Respondent:
    role: Role
    line: int
    ratings: dict[str, Rating] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    # Long files only: item -> its row, less ``line``. A respondent's rows are usually
    # together, so these are small numbers, which Python keeps once rather than per answer.
    lines: dict[str, int] = field(default_factory=dict)


@dataclass
class _Subject:
    name: str
    line: int
    respondents: dict[str, _Respondent] = field(default_factory=dict)


class _Rows:
    """Reads the rows of a table whose header has been read, into subjects and respondents.

    What it is given (the table, the framework, the ``Header``) does not change;
    what it builds up (subjects, their respondents, the problems) is its own.
    """

    def __init__(
        self,
        table: Table,
        framework: Framework,
        kind: AssessmentKind,
        header: Header,
        problems: Problems,
        *,
        vocab: Vocabulary,
        subject: str | None,
    ) -> None:
        self.table, self.framework, self.kind, self.header = table, framework, kind, header
        self.problems, self.vocab, self.subject = problems, vocab, subject
        self.details = DetailCheck(header.detail, given=header.detail_given, problems=problems)
        self.subjects: dict[str, _Subject] = {}
        self.respondents = 0
        self.spellings: dict[str, str] = {}  # subject_key -> the first spelling of the id
        self.ids: dict[str, str] = {}  # an id as written -> the first spelling of its key
        self.file_label = Path(table.name).name
        self.roles: dict[str, Role | None] = {}  # a role cell as written -> its role (repeats)

    def _cell(self, row: list[str], cols: Columns, name: str) -> str:
        c = cols.meta.get(name)
        return row[c].strip() if c is not None and c < len(row) else ""

    def _who(self, line: int, row: list[str], cols: Columns) -> tuple[str, str, Role] | None:
        """Subject id, respondent id and role of a row; ``None`` when one is unusable."""
        ok = True
        subject_id = self._cell(row, cols, "subject_id")
        subject = self._cell(row, cols, "subject") or self.subject or subject_id
        subject_id = subject_id or subject
        respondent = self._cell(row, cols, "respondent")
        for name, value in (("subject", subject), ("respondent", respondent)):
            if len(value) > MAX_NAME:
                self._bad(line, cols, name, f"{name} longer than {MAX_NAME} characters")
                ok = False
        if not subject:
            self._bad(line, cols, "subject", "subject is blank", "the name of who is assessed")
            ok = False
        role = self._role(line, row, cols)
        if role is None or not ok:
            return None
        if not respondent:
            # Unique across files too, so a self form and a rater form can be merged.
            respondent = "self" if role == "self" else f"{self.file_label} row {line}"
        known = self.ids.get(subject_id)  # a subject's rows repeat its id as written
        if known is None:
            known = self.ids[subject_id] = self.spellings.setdefault(
                subject_key(subject_id), subject_id
            )
        subject_id = known
        self.subjects.setdefault(subject_id, _Subject(subject, line))
        return subject_id, respondent, role

    def _role(self, line: int, row: list[str], cols: Columns) -> Role | None:
        raw = self._cell(row, cols, "role")
        allowed = ROLES_BY_KIND[self.kind]
        if not raw:
            if self.header.role is not None or len(allowed) == 1:
                return self.header.role or allowed[0]
            self._bad(line, cols, "role", "role is blank", f"one of {', '.join(allowed)}")
            return None
        role = self.roles.get(raw)
        if role is None:
            role = self.roles[raw] = self.vocab.roles.get(norm(raw.replace("_", " ")))
        if role is None or role not in allowed:
            what = "unknown role" if role is None else f"a {self.kind} assessment has no role"
            self._bad(line, cols, "role", f"{what} {raw!r}", f"one of {', '.join(allowed)}")
            return None
        return role

    def _bad(
        self, line: int, cols: Columns, name: str, message: str, expected: str | None = None
    ) -> None:
        c = cols.meta.get(name)  # the path is the field's name, not its (long) question
        self.problems.add(message, line, None if c is None else c + 1, name, expected)

    def _rating(self, item: str, raw: str, line: int, c: int, header: str) -> Rating | None:
        scale = self.vocab.scales[item]
        try:
            return self.vocab.rating(scale, raw)
        except KeyError:
            pass
        s = self.framework.scales[scale]
        labels = [p.label for p in s.points] + ([s.not_able_to_say] if s.not_able_to_say else [])
        self.problems.add(
            f"rating {raw!r} is not on the scale",
            line,
            c + 1,
            header,
            f"one of {s.min}-{s.max}, {', '.join(labels)}, or blank",
        )
        return None

    def _respondent(self, line: int, who: tuple[str, str, Role]) -> _Respondent | None:
        subject_id, respondent, role = who
        found = self.subjects[subject_id].respondents.get(respondent)
        if found is None:
            if not self._second_self(line, who):
                return None
            found = self._new_respondent(line, role)
            self.subjects[subject_id].respondents[respondent] = found
        elif found.role != role:
            self.problems.add(
                f"respondent {respondent!r} has role {role!r} here but {found.role!r} at row "
                f"{found.line}",
                line,
            )
            return None
        return found

    def _new_respondent(self, line: int, role: Role) -> _Respondent:
        """A respondent's record; past ``MAX_RESPONDENTS`` the file is refused, read no further."""
        self.respondents += 1
        if self.respondents > MAX_RESPONDENTS:
            raise too_many_respondents(self.table.name, line)
        return _Respondent(role, line)

    def _second_self(self, line: int, who: tuple[str, str, Role]) -> bool:
        """False (and a problem) when this row is a subject's second self-assessment."""
        if who[2] != "self":
            return True
        for rid, r in self.subjects[who[0]].respondents.items():
            if r.role == "self" and rid != who[1]:
                self.problems.add(
                    f"subject {who[0]!r} has a second self-assessment (first at row {r.line})",
                    line,
                )
                return False
        return True

    def wide(self, cols: Columns) -> None:
        vocab = self.vocab
        answers = _WideAnswers(
            [(c, item, vocab.ratings[vocab.scales[item]]) for c, item in cols.items.items()]
        )
        for line, row in self.table.rows:
            who = self._who(line, row, cols)
            if who is None:
                continue
            existing = self.subjects[who[0]].respondents.get(who[1])
            if existing is not None:
                if who[2] == "self" and self.kind != "team":
                    what = f"subject {who[0]!r} has a second self-assessment"
                else:
                    what = f"respondent {who[1]!r} answers twice for {who[0]!r}"
                self.problems.add(f"{what} (first at row {existing.line})", line)
                continue
            if not self._second_self(line, who):
                continue
            record = self._new_respondent(line, who[2])
            self.subjects[who[0]].respondents[who[1]] = record
            self._answers(record, line, row, cols, answers)

    def _answers(
        self, record: _Respondent, line: int, row: list[str], cols: Columns, answers: _WideAnswers
    ) -> None:
        """One wide row's ratings and comments, into its respondent's record.

        A row holds a cell for every column (``Rows`` pads short ones). Most
        cells are a scale's own key, so they are looked up in C (``_WideAnswers``);
        only a row with a cell that is not gets the full reading of each cell.
        """
        found = answers.of(row)
        if found is not None:
            record.ratings.update(found)
        else:
            ratings = record.ratings
            for c, item, table in answers.tables:
                value = table.get(row[c]) if row[c] else None
                if value is None and row[c]:
                    value = self._rating(item, row[c], line, c, item)
                if value is not None:
                    ratings[item] = value
        for c, behaviour in cols.comments.items():
            text = row[c].strip() if c < len(row) else ""
            if len(text) > MAX_COMMENT:
                self.problems.add(
                    f"comment longer than {MAX_COMMENT} characters",
                    line,
                    c + 1,
                    self.table.header[c],
                )
            elif text:
                record.comments[behaviour] = text

    def long(self, cols: Columns) -> None:
        c_item, c_rating = cols.meta["item"], cols.meta["rating"]
        header = self.table.header
        items: dict[str, tuple[Detail, str] | None] = {}
        comments: dict[str, bool] = {}
        # A respondent's rows repeat the same who-cells: read them once (bad ones every time).
        who_columns = [
            cols.meta[m] for m in ("subject", "subject_id", "respondent", "role") if m in cols.meta
        ]
        known: dict[tuple[str, ...], tuple[tuple[str, str, Role], _Respondent]] = {}
        for line, row in self.table.rows:
            cells = tuple([row[c] for c in who_columns])
            cached = known.get(cells) or self._long_who(line, row, cols, cells, known)
            if cached is None:
                continue
            who, record = cached
            raw_item, raw = row[c_item].strip(), row[c_rating]
            is_comment = comments.get(raw_item)
            if is_comment is None:
                is_comment = comments[raw_item] = norm(raw_item) in self.vocab.comments
            if is_comment:
                self._long_comment(line, row, cols, norm(raw_item), record)
                continue
            if raw_item not in items:
                items[raw_item] = self.vocab.item(raw_item)
            found = items[raw_item]
            if found is None:
                self._unknown_item(line, c_item, raw_item)
                continue
            if not self.details.fits(found[0], found[1], line, c_item, header[c_item]):
                continue
            item = found[1]
            if item in record.lines:
                self.problems.add(
                    f"respondent {who[1]!r} (subject {who[0]!r}) answers {item!r} again "
                    f"(first at row {record.line + record.lines[item]})",
                    line,
                    c_item + 1,
                    header[c_item],
                )
                continue
            record.lines[item] = line - record.line
            value = self._rating(item, raw, line, c_rating, item) if raw else None
            if value is not None:
                record.ratings[item] = value

    def _long_who(
        self,
        line: int,
        row: list[str],
        cols: Columns,
        cells: tuple[str, ...],
        known: dict[tuple[str, ...], tuple[tuple[str, str, Role], _Respondent]],
    ) -> tuple[tuple[str, str, Role], _Respondent] | None:
        who = self._who(line, row, cols)
        record = None if who is None else self._respondent(line, who)
        if who is None or record is None:
            return None
        if self._cell(row, cols, "respondent") or who[2] == "self":  # not a per-row default id
            known[cells] = (who, record)
        return who, record

    def _long_comment(
        self, line: int, row: list[str], cols: Columns, key: str, record: _Respondent
    ) -> None:
        c_text = cols.meta.get("comment", cols.meta["rating"])
        text = row[c_text].strip() if c_text < len(row) else ""
        if len(text) > MAX_COMMENT:
            self.problems.add(
                f"comment longer than {MAX_COMMENT} characters", line, c_text + 1, key
            )
        elif text:
            record.comments[self.vocab.comments[key]] = text

    def _unknown_item(self, line: int, c: int, raw: str) -> None:
        ids = [i.id for i in self.framework.items(self.details.detail or "full")]
        close = difflib.get_close_matches(raw, ids, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        self.problems.add(
            f"unknown item {raw!r}{hint}",
            line,
            c + 1,
            self.table.header[c],
            "an item id or a prompt from the questionnaire export",
        )

    # Models -------------------------------------------------------------------------
    def models(
        self,
        assessed_on: datetime.date,
        require_self: bool,
        places: dict[tuple[str, str], tuple[int | None, str]] | None = None,
    ) -> list[Assessment]:
        """The assessments read; ``places`` gets the row each respondent was read from."""
        out = []
        detail = self.details.detail or "quick"
        for subject_id, subject in self.subjects.items():
            respondents, subject.respondents = subject.respondents, {}  # not kept beside models
            if places is not None:
                places.update({(subject_id, rid): (r.line, "") for rid, r in respondents.items()})
            if require_self and not any(r.role == "self" for r in respondents.values()):
                self.problems.add(
                    f"subject {subject_id!r} has no self-assessment (first row {subject.line})",
                    subject.line,
                    expected="a row with role 'self' for every subject",
                )
            try:
                assessment = Assessment(
                    framework=self.framework.id,
                    framework_version=self.framework.version,
                    kind=self.kind,
                    detail=detail,
                    subject=Subject(id=subject_id, name=subject.name),
                    assessed_on=assessed_on,
                    responses=[
                        Response(
                            respondent=rid, role=r.role, ratings=r.ratings, comments=r.comments
                        )
                        for rid, r in respondents.items()
                    ],
                )
            except ValidationError as exc:
                for error in exc.errors(include_url=False):
                    where = location(error["loc"])
                    self.problems.add(
                        f"subject {subject_id!r}: {where}: {error['msg']}", subject.line
                    )
                continue
            for problem in check_assessment(assessment, self.framework):
                self.problems.add(f"subject {subject_id!r}: {problem.message}", subject.line)
            out.append(assessment)
        return out


class _WideAnswers:
    """A wide row's ratings in one pass of C loops, when every cell is a scale's key or blank.

    100,000 rows of 20 items are two million cells: gathering them with
    ``itemgetter`` and looking them up with ``map`` keeps Python's per-cell
    work to the one dict a respondent's ratings are.
    """

    def __init__(self, tables: list[tuple[int, str, dict[str, Rating]]]) -> None:
        self.tables = tables
        self.items = [item for _, item, _ in tables]
        self._cells = operator.itemgetter(*[c for c, _, _ in tables]) if tables else None
        keyed = [{**table, "": _BLANK} for _, _, table in tables]
        self._one = keyed[0] if keyed and all(k == keyed[0] for k in keyed) else None
        self._each = keyed

    def of(self, row: list[str]) -> dict[str, Rating] | None:
        """Item -> rating of the row's answered items; ``None`` when a cell needs reading."""
        if self._cells is None:
            return {}
        cells = self._cells(row)
        if len(self.tables) == 1:
            cells = (cells,)
        if self._one is not None:
            values = list(map(self._one.get, cells))
        else:
            values = [t.get(cell) for t, cell in zip(self._each, cells, strict=True)]
        if None in values:
            return None
        if _BLANK not in values:  # every item answered: the dict is made in C
            return dict(zip(self.items, cast("list[Rating]", values), strict=True))
        return {i: v for i, v in zip(self.items, values, strict=True) if v is not _BLANK}  # type: ignore[misc]


_BLANK: Any = object()  # a blank cell: no answer, as opposed to an answer not on the scale


def assemble(
    table: Table,
    framework: Framework,
    kind: AssessmentKind,
    *,
    shape: str,
    detail: Detail | None,
    role: Role | None,
    subject: str | None,
    assessed_on: datetime.date,
    require_self: bool,
    ignore: frozenset[str],
    max_errors: int,
    places: dict[tuple[str, str], tuple[int | None, str]] | None = None,
    mapping: Mapping[str, str] | None = None,
) -> list[Assessment]:
    """The assessments in ``table``; ``ResponsesError`` with every problem when there is one.

    The header's problems and the rows' come together: the rows are read with
    the columns the header made out, unless a column every row needs is
    missing (no subject, no role), so one run lists everything to fix.
    ``places`` (when given) gets the row each respondent was read from;
    ``mapping`` (normalised header -> id, from a mapping file) says what
    columns headed by question numbers are.
    """
    problems = Problems(table.name, max(1, max_errors))
    assessments: list[Assessment] = []
    tool = tools().get(table.framing.tool) or tools()[OWN]
    vocab = tool_vocabulary(Vocabulary.of(framework), tool, framework)
    try:
        header = read_header(
            table,
            framework,
            kind,
            vocab,
            problems,
            shape=shape,
            detail=detail,
            role=role,
            subject=subject,
            ignore=ignore,
            mapping=mapping,
        )
        if header.shape == "wide" and len(table.rows) > MAX_RESPONDENTS:  # one a row: refuse now
            line = next(itertools.islice(table.rows, MAX_RESPONDENTS, None))[0]
            raise too_many_respondents(table.name, line)
        builder = _Rows(table, framework, kind, header, problems, vocab=vocab, subject=subject)
        cols = header.columns
        for line in table.overflowing():
            problems.add(
                f"a cell beyond the last column (the header has {len(table.header)} columns)",
                line,
                len(table.header) + 1,
            )
        if not header.missing:
            if not table.rows:
                problems.add("no responses: the file has a header and no rows", 1)
            builder.long(cols) if header.shape == "long" else builder.wide(cols)
            table.rows.release()  # every cell is read: not kept while the models are built
            assessments = builder.models(assessed_on, require_self, places)
    except ProblemLimitError:
        pass
    if problems.found:
        n = len(problems.found)
        more = f"; stopped after {n}, there may be more" if n >= max_errors else ""
        raise ResponsesError(
            problems.found, title=f"{table.name}: {n} problem(s){more}; nothing was read"
        )
    return assessments


def too_many_respondents(name: str, line: int) -> ResponsesError:
    """The error for a file with more respondents than one read may hold (``MAX_RESPONDENTS``)."""
    return ResponsesError(
        Problem(
            f"more than {MAX_RESPONDENTS:,} respondents in one file; nothing was read",
            name,
            line,
            expected="the file split into parts (by organisation or by subject), read one by one",
        ),
        title=f"{name}: too many respondents",
    )
