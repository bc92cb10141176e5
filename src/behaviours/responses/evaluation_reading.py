"""Self-evaluations in: a survey export of the organisation form, read back into ``Evaluation``s.

One row per person; each column is one question of
:func:`behaviours.questionnaires.evaluation.build_evaluation_questionnaire`,
headed by its id (``icf-alignment:recognise-everyone``) or its exact prompt.
Rows are grouped into organisations by the subject column (spellings that
differ only in case, accents' encoding or spaces are one organisation). Every
problem names the file, row, column and what was expected, and nothing is
returned while there is one: a date that is not a date, a rating not on its
scale, a column the form does not have.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from behaviours.errors import Problem, ResponsesError
from behaviours.frameworks.columns import DEFAULT_IGNORED
from behaviours.frameworks.kinds import DETAILS, Detail
from behaviours.frameworks.model import Framework
from behaviours.questionnaires.evaluation import (
    PlanPart,
    build_evaluation_questionnaire,
)
from behaviours.responses.assembling import subject_key
from behaviours.responses.evaluation import (
    Evaluation,
    EvaluationResponse,
    Plan,
    check_evaluation,
    read_evaluations_json,
)
from behaviours.responses.grid import ProblemLimitError, Problems, Table, Vocabulary, norm
from behaviours.responses.model import MAX_COMMENT, Rating, Subject
from behaviours.responses.reading import read_table

__all__ = ["read_evaluations"]


@dataclass(frozen=True)
class _Column:
    """What a column is: who, whether shown alone, a rating, evidence or part of a plan."""

    role: str  # subject, respondent, shown_alone, rating, evidence or plan
    detail: Detail | None = None  # of a rating or evidence column
    scale: str = ""  # of a rating
    key: str = ""  # the item (rating, evidence) or behaviour (plan)
    part: PlanPart = "what"  # of a plan


@dataclass(frozen=True)
class _Cell:
    text: str
    line: int
    column: int
    header: str


_META = {
    "subject": "subject",
    "organisation": "subject",
    "organization": "subject",
    "respondent": "respondent",
    "shown_alone": "shown_alone",
    "shown alone": "shown_alone",
}
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _columns(framework: Framework, scales: Sequence[str] | None) -> dict[str, _Column]:
    """Every header the organisation forms of both item sets can have, normalised."""
    found: dict[str, _Column] = {norm(k): _Column(v) for k, v in _META.items()}
    for detail in DETAILS:
        q = build_evaluation_questionnaire(framework, detail=detail, scales=scales)
        for f in q.fields:
            found.setdefault(norm(f.prompt), _Column(f.id))
        for item in q.items:
            for r in item.ratings:
                rating = _Column("rating", detail, r.scale, item.id)
                found.setdefault(norm(r.id), rating)
                found.setdefault(norm(r.prompt), rating)
            evidence = _Column("evidence", detail, key=item.id)
            found.setdefault(norm(item.evidence_id), evidence)
            found.setdefault(norm(item.evidence_prompt), evidence)
        for p in q.plans:
            plan = _Column("plan", key=p.behaviour_id, part=p.part)
            found.setdefault(norm(p.id), plan)
            found.setdefault(norm(p.prompt), plan)
    return found


def parse_date(cell: str) -> datetime.date:
    """A plan's date: ISO (2026-03-31) or as UK survey tools write it (31/03/2026)."""
    text = cell.strip()
    uk = _UK_DATE.match(text)
    if uk:
        return datetime.date(int(uk[3]), int(uk[2]), int(uk[1]))
    return datetime.date.fromisoformat(text[:10] if "T" in text or " " in text else text)


@dataclass
class _Person:
    line: int
    subject: str = ""
    respondent: str = ""
    shown: bool = False
    ratings: dict[str, dict[str, Rating]] = field(default_factory=dict)
    evidence: dict[str, object] = field(default_factory=dict)
    plans: dict[str, dict[str, object]] = field(default_factory=dict)


class _Reader:
    """Reads the rows of one table whose header names the form's questions."""

    def __init__(self, table: Table, framework: Framework, problems: Problems) -> None:
        self.table, self.framework, self.problems = table, framework, problems
        self.vocabulary = Vocabulary.of(framework)
        self.known: list[tuple[int, _Column]] = []

    def header(self, columns: dict[str, _Column], detail: Detail | None) -> Detail:
        """Match every header to a question; the item set is the rating columns' own."""
        details: set[Detail] = set()
        for j, head in enumerate(self.table.header):
            key = norm(head)
            found = columns.get(key)
            if found is None:
                if key and key not in DEFAULT_IGNORED:
                    self.problems.add(
                        f"unknown column {head!r}",
                        1,
                        j + 1,
                        head,
                        "a question id or prompt of the organisation self-evaluation form",
                    )
                continue
            if found.detail is not None:
                details.add(found.detail)
            self.known.append((j, found))
        if not any(c.role == "subject" for _, c in self.known):
            self.problems.add("no organisation column", 1, None, "", "a 'subject' column")
        if len(details) > 1 and detail is None:
            self.problems.add("columns of both quick and full items", 1, None, "", "one item set")
        return detail or (details.pop() if len(details) == 1 else "quick")

    def row(self, line: int, cells: list[str], detail: Detail) -> _Person | None:
        """One person's answers; ``None`` (with a problem) when no organisation is named."""
        person = _Person(line=line)
        for j, column in self.known:
            cell = _Cell(cells[j], line, j + 1, self.table.header[j])
            if column.role == "subject":
                person.subject = " ".join(cell.text.split())
            elif column.role == "respondent":
                person.respondent = " ".join(cell.text.split())
            elif column.role == "shown_alone":
                self._shown(person, cell)
            elif column.detail not in (None, detail) or not cell.text.strip():
                continue
            elif column.role == "rating":
                self._rating(person, column, cell)
            elif column.role == "evidence":
                self._text(person.evidence, column.key, cell)
            else:
                self._plan(person.plans.setdefault(column.key, {}), column.part, cell)
        if not person.subject:
            self.problems.add("no organisation named", line, None, "subject", "its name")
            return None
        person.respondent = person.respondent or f"row {line}"
        return person

    def _add(self, cell: _Cell, message: str, expected: str) -> None:
        self.problems.add(message, cell.line, cell.column, cell.header, expected)

    def _shown(self, person: _Person, cell: _Cell) -> None:
        key = norm(cell.text)
        if key in _YES:
            person.shown = True
        elif key not in _NO:
            self._add(cell, f"{cell.text!r} is not yes or no", "yes or no")

    def _rating(self, person: _Person, column: _Column, cell: _Cell) -> None:
        try:
            rating = self.vocabulary.rating(column.scale, cell.text)
        except KeyError:
            s = self.framework.scales[column.scale]
            labels = [p.label for p in s.points] + [s.not_able_to_say or ""]
            self._add(
                cell,
                f"{cell.text!r} is not on the {s.title} scale",
                f"one of {list(s.values)} or {[x for x in labels if x]}",
            )
            return
        if rating is not None:
            person.ratings.setdefault(column.scale, {})[column.key] = rating

    def _text(self, into: dict[str, object], key: str, cell: _Cell) -> None:
        if len(cell.text) > MAX_COMMENT:
            self._add(cell, f"{len(cell.text)} characters", f"at most {MAX_COMMENT}")
        else:
            into[key] = cell.text.strip()

    def _plan(self, plan: dict[str, object], part: PlanPart, cell: _Cell) -> None:
        if part != "by":
            self._text(plan, part, cell)
            return
        try:
            plan["by"] = parse_date(cell.text)
        except ValueError:
            self._add(
                cell, f"{cell.text.strip()!r} is not a date", "a date as YYYY-MM-DD or DD/MM/YYYY"
            )


def _plans(person: _Person) -> dict[str, Plan]:
    return {b: Plan.model_validate(parts) for b, parts in person.plans.items() if parts}


def _evaluations(
    people: list[_Person],
    framework: Framework,
    detail: Detail,
    options: _Options,
    problems: Problems,
) -> list[Evaluation]:
    """People grouped into organisations, in order of first appearance."""
    groups: dict[str, list[_Person]] = {}
    for person in people:
        groups.setdefault(subject_key(person.subject), []).append(person)
    found = []
    for group in groups.values():
        seen: dict[str, int] = {}
        for person in group:
            if person.respondent in seen:
                problems.add(
                    f"respondent {person.respondent!r} of {group[0].subject!r} answers twice "
                    f"(first on row {seen[person.respondent]})",
                    person.line,
                    None,
                    "respondent",
                    "one row per person",
                )
            seen.setdefault(person.respondent, person.line)
        found.append(
            Evaluation(
                framework=framework.id,
                framework_version=framework.version,
                detail=detail,
                scales=list(options.scales) if options.scales else None,
                partnership=options.partnership,
                round=options.round,
                subject=Subject(id=group[0].subject, name=group[0].subject),
                assessed_on=options.assessed_on,
                shown_alone=all(p.shown for p in group),
                responses=[
                    EvaluationResponse(
                        respondent=p.respondent,
                        ratings=p.ratings,
                        evidence=p.evidence,
                        plans=_plans(p),
                    )
                    for p in group
                ],
            )
        )
    return found


@dataclass(frozen=True)
class _Options:
    partnership: str
    round: str
    assessed_on: datetime.date
    detail: Detail | None
    scales: tuple[str, ...] | None
    max_errors: int


def read_evaluations(
    source: str | Path,
    framework: Framework,
    *,
    partnership: str | None = None,
    round: str | None = None,
    assessed_on: datetime.date | None = None,
    detail: Detail | None = None,
    scales: Sequence[str] | None = None,
    sheet: str | None = None,
    max_errors: int = 50,
) -> list[Evaluation]:
    """Read a self-evaluation export (CSV, .xlsx, or the JSON of ``Evaluation``s).

    Args:
        source: the file.
        framework: the framework the form was built from.
        partnership: the partnership, for example ``"Kirklees Compact"``; a survey
            export does not say, so it needs one (a JSON file names its own).
        round: the round, for example ``"2026"``; needed as ``partnership`` is.
        assessed_on: the date the round closed; today when not given.
        detail: quick or full items; inferred from the columns.
        scales: the scales the form asked; the framework's for the kind.
        sheet: of an .xlsx workbook.
        max_errors: stop collecting problems after this many.

    Raises:
        ResponsesError: every problem, each with its file, row and column.
    """
    path = Path(source)
    if path.suffix.lower() == ".json":
        evaluations = read_evaluations_json(path)
        found = [
            p
            for i, e in enumerate(evaluations)
            for p in check_evaluation(e, framework, file=str(path), path=f"[{i}]")
        ]
        if found:
            raise ResponsesError(found[:max_errors], title=f"{path}: nothing was read")
        return evaluations
    if partnership is None or round is None:
        raise ResponsesError(
            Problem(
                "a survey export names neither its partnership nor its round",
                str(path),
                expected="the partnership and the round to read it as",
            ),
            title=f"{path}: nothing was read",
        )
    options = _Options(
        partnership,
        round,
        assessed_on or datetime.date.today(),
        detail,
        tuple(scales) if scales else None,
        max_errors,
    )
    table = read_table(path, sheet=sheet)  # the one reader of a small CSV or .xlsx
    problems = Problems(str(path), max_errors)
    try:
        evaluations = _read_table(table, framework, options, problems)
    except ProblemLimitError:
        evaluations = []
    if problems.found:
        raise ResponsesError(
            problems.found, title=f"{path}: {len(problems.found)} problem(s); nothing was read"
        )
    return evaluations


def _read_table(
    table: Table, framework: Framework, options: _Options, problems: Problems
) -> list[Evaluation]:
    reader = _Reader(table, framework, problems)
    detail = reader.header(_columns(framework, options.scales), options.detail)
    people = [p for line, cells in table.rows if (p := reader.row(line, cells, detail)) is not None]
    if not people and not problems.found:
        problems.add("no rows", None, None, "", "one row per person")
    evaluations = _evaluations(people, framework, detail, options, problems)
    for e in evaluations:
        for problem in check_evaluation(e, framework, file=table.name, path=e.subject.name):
            problems.add(problem.message, None, None, problem.path, problem.expected)
    return evaluations
