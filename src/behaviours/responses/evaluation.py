"""An organisation's self-evaluation: its people's ratings on every scale, evidence and plans.

A partner organisation of a partnership (the Kirklees Compact, the ICF)
evaluates itself once a year: one or more of its people rate every item on
each of the evaluation's scales, say what evidence they have, and write a plan
per behaviour. ``Evaluation`` is that record. Its ratings are checked and
scored one scale at a time as an ordinary ``Assessment`` (:func:`per_scale`) of
the framework on that scale, so every rule of an assessment (items known,
ratings on the scale, "not able to say" offered) is the assessment's own rule,
applied once per scale, and never written twice.

One response is the organisation's own view, agreed together (the usual way
the ICF tool is filled in) and scored as a self-assessment of the
organisation; several people answering separately are scored as a team of its
people, with the team's rules (``min_team``: two people would read each
other's answers from the organisation's figures).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, TypeAdapter
from pydantic import ValidationError as _ValidationError

from behaviours.base import FrozenModel
from behaviours.errors import (
    FrameworkError,
    Loc,
    Problem,
    ResponsesError,
    location,
    validation_problems,
)
from behaviours.frameworks.evaluations import evaluation_scales, on_scale
from behaviours.frameworks.kinds import Detail, EvaluationKind
from behaviours.frameworks.model import Framework
from behaviours.responses.json_text import load_json
from behaviours.responses.model import (
    MAX_COMMENT,
    Assessment,
    Rating,
    Response,
    Subject,
    check_assessment,
    read_capped,
)

__all__ = [
    "Evaluation",
    "EvaluationResponse",
    "Plan",
    "check_evaluation",
    "evaluations_json",
    "parse_evaluations_json",
    "per_scale",
    "read_evaluations_json",
    "validate_evaluation",
]

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Words = Annotated[str, StringConstraints(max_length=MAX_COMMENT)]


class Plan(FrozenModel):
    """What an organisation will do about one behaviour in the next twelve months."""

    what: Words | None = Field(default=None, description="What we will do.")
    measure: Words | None = Field(default=None, description="How we will know it has worked.")
    by: datetime.date | None = Field(default=None, description="By when.")
    who: Words | None = Field(default=None, description="Who will lead it.")


class EvaluationResponse(FrozenModel):
    """One person's answers for their organisation."""

    respondent: Name = Field(description="Who answered, unique in the evaluation.")
    ratings: dict[str, dict[str, Rating]] = Field(
        default_factory=dict,
        description="Per scale name, the rating of each item (an integer on the scale or "
        "'not_able_to_say'); skipped items are left out.",
    )
    evidence: dict[str, Words] = Field(
        default_factory=dict, description="The evidence given for each item, by item id."
    )
    plans: dict[str, Plan] = Field(
        default_factory=dict, description="The plan for each behaviour, by behaviour id."
    )


class Evaluation(FrozenModel):
    """One partner organisation's self-evaluation in one round of a partnership."""

    framework: str = Field(description="Id of the framework the items come from.")
    framework_version: str = Field(description="Version of the framework asked.")
    kind: EvaluationKind = Field(default="organisation", description="'organisation'.")
    detail: Detail = Field(
        default="quick",
        description="'quick' (one item per behaviour, as the ICF tool asks) or 'full'.",
    )
    scales: list[str] | None = Field(
        default=None,
        description="The scales rated; the framework's for the kind when omitted.",
    )
    partnership: Name = Field(description="The partnership, for example 'Kirklees Compact'.")
    round: Name = Field(description="The round (the review year, say '2026').")
    subject: Subject = Field(description="The partner organisation.")
    assessed_on: datetime.date = Field(description="The date the evaluation closed.")
    shown_alone: bool = Field(
        default=False,
        description="The partner agrees to its figures being shown under its name in the "
        "partnership report; otherwise they are only part of figures over several partners.",
    )
    responses: list[EvaluationResponse] = Field(description="Every respondent's answers.")


def _engine_kind(evaluation: Evaluation) -> tuple[str, str]:
    """(kind, role) the engine scores one scale as: the organisation's own view, or a team's."""
    if len(evaluation.responses) == 1:
        return evaluation.detail, "self"
    return "team", "member"


def per_scale(evaluation: Evaluation, framework: Framework) -> dict[str, Assessment]:
    """One ``Assessment`` per scale: that scale's ratings, of the framework on that scale."""
    kind, role = _engine_kind(evaluation)
    scales = evaluation_scales(framework, evaluation.scales)
    return {
        scale: Assessment.model_validate(
            {
                "framework": evaluation.framework,
                "framework_version": evaluation.framework_version,
                "kind": kind,
                "detail": evaluation.detail,
                "subject": evaluation.subject,
                "assessed_on": evaluation.assessed_on,
                "round": evaluation.round,
                "responses": [
                    Response(respondent=r.respondent, role=role, ratings=r.ratings.get(scale, {}))
                    for r in evaluation.responses
                ],
            }
        )
        for scale in scales
    }


def _scale_problems(
    evaluation: Evaluation, framework: Framework, file: str | None, path: str
) -> tuple[list[str], list[Problem]]:
    try:
        scales = list(evaluation_scales(framework, evaluation.scales))
    except FrameworkError as exc:
        return [], [
            Problem(p.message, file, path=location(("scales",), path)) for p in exc.problems
        ]
    problems = []
    for i, r in enumerate(evaluation.responses):
        for scale in r.ratings:
            if scale not in scales:
                where = location(("responses", i, "ratings", scale), path)
                problems.append(
                    Problem(
                        f"ratings on scale {scale!r}, which this evaluation does not ask",
                        file,
                        path=where,
                        expected=f"one of {scales}",
                    )
                )
    return scales, problems


def check_evaluation(
    evaluation: Evaluation, framework: Framework, *, file: str | None = None, path: str = ""
) -> list[Problem]:
    """Every way the evaluation does not fit the framework, each located.

    The ratings of each scale are checked by ``check_assessment`` against the
    framework on that scale; its paths (``responses[0].ratings.b``) are given
    back with the scale in them (``responses[0].ratings.icf-alignment.b``).
    """
    scales, problems = _scale_problems(evaluation, framework, file, path)
    if not scales:
        return problems
    assessments = per_scale(evaluation, framework)
    for scale in scales:
        found = check_assessment(assessments[scale], on_scale(framework, scale), file=file)
        for p in found:
            if scale != scales[0] and ".ratings." not in p.path:
                continue  # all but the ratings is the same on every scale: said once
            where = p.path.replace(".ratings.", f".ratings.{scale}.", 1)
            problems.append(Problem(p.message, file, path=_join(path, where), expected=p.expected))
    problems += _answer_problems(evaluation, framework, file, path)
    return problems


def _join(path: str, where: str) -> str:
    """``where`` (a path from the top of one assessment) within ``path``."""
    return f"{path}.{where}" if path and where else path or where


def _answer_problems(
    evaluation: Evaluation, framework: Framework, file: str | None, path: str
) -> list[Problem]:
    """Evidence for items, and plans for behaviours, that the framework does not have."""
    items = {i.id for i in framework.items(evaluation.detail)}
    behaviours = [b.id for b in framework.behaviours]
    problems = []
    for i, r in enumerate(evaluation.responses):
        where: Loc = ("responses", i)
        for item_id in r.evidence:
            if item_id not in items:
                problems.append(
                    Problem(
                        f"evidence for unknown {evaluation.detail} item {item_id!r}",
                        file,
                        path=location((*where, "evidence", item_id), path),
                        expected=f"a {evaluation.detail} item id",
                    )
                )
        for behaviour_id in r.plans:
            if behaviour_id not in behaviours:
                problems.append(
                    Problem(
                        f"plan for unknown behaviour {behaviour_id!r}",
                        file,
                        path=location((*where, "plans", behaviour_id), path),
                        expected=f"one of {behaviours}",
                    )
                )
    return problems


def validate_evaluation(evaluation: Evaluation, framework: Framework) -> Evaluation:
    """The evaluation when it fits the framework; else ``ResponsesError`` with every problem."""
    problems = check_evaluation(evaluation, framework)
    if problems:
        raise ResponsesError(problems, title=f"self-evaluation of {evaluation.subject.id!r}")
    return evaluation


_LIST = TypeAdapter(list[Evaluation])


def parse_evaluations_json(data: str | bytes, file: str = "<string>") -> list[Evaluation]:
    """Evaluations from JSON text (a list, or one); every problem located, nothing half-read."""
    document = load_json(data, file)
    if isinstance(document, dict):
        document = [document]
    try:
        return _LIST.validate_python(document)
    except _ValidationError as exc:
        problems = validation_problems(exc.errors(include_url=False), file)
        raise ResponsesError(problems, title=f"{file}: nothing was read") from None


def read_evaluations_json(path: str | Path) -> list[Evaluation]:
    """Evaluations from a JSON file (see ``parse_evaluations_json``)."""
    return parse_evaluations_json(read_capped(Path(path)), str(path))


def evaluations_json(evaluations: list[Evaluation]) -> str:
    """Evaluations as JSON that ``parse_evaluations_json`` reads back to equal models."""
    return _LIST.dump_json(evaluations, indent=2).decode("utf-8")
