"""An organisation's self-evaluation scored: one ``Result`` per scale, its evidence and its plan.

Each scale is scored by ``score_assessment`` (the one engine) against the
framework on that scale, so an alignment figure and a confidence figure are
made exactly as any assessment's figures are, and each carries its scale
(``Result.scales``, ``BehaviourResult.scale``). What an evaluation adds is
read straight from the answers: the evidence and the plans, and where the
organisation rates a behaviour high but is not confident in that rating.

The confidence gap of a behaviour is the difference of the two headline
scores on the 0-100 scale, ``normalised(rating) - normalised(confidence)``
(each ``100 * (mean - min) / (max - min)``, docs/scoring.md); at or above
``EvaluationSettings.confidence_gap`` (40 points: two points of a 0-5 scale)
the behaviour is flagged, a conversation to have rather than a score to trust.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from behaviours.base import FrozenModel
from behaviours.frameworks.evaluations import confidence_scale, evaluation_scales, on_scale
from behaviours.frameworks.kinds import Detail, EvaluationKind
from behaviours.frameworks.model import Framework, FrameworkRef, framework_ref
from behaviours.responses.evaluation import Evaluation, per_scale, validate_evaluation
from behaviours.responses.model import Subject
from behaviours.results.assessing import score_assessment
from behaviours.results.model import Result
from behaviours.scoring.settings import ScoringSettings

__all__ = [
    "EvaluationResult",
    "EvaluationSettings",
    "Evidence",
    "PlanEntry",
    "confidence_gap",
    "score_evaluation",
    "score_evaluations",
]


class EvaluationSettings(FrozenModel):
    """The choices an evaluation's and a partnership's figures are made with."""

    confidence_gap: float = Field(
        default=40.0,
        gt=0,
        le=100,
        description="0-100 points by which a behaviour's rating may exceed the confidence "
        "in it before it is flagged (40: two points of a 0-5 scale).",
    )
    min_partners: int = Field(
        default=3,
        ge=2,
        le=50,
        description="Smallest number of partners behind any partnership figure that "
        "includes a partner who asked not to be shown alone.",
    )


class Evidence(FrozenModel):
    """What one respondent gave as evidence for one item."""

    item_id: str = Field(description="The item the evidence is for.")
    behaviour_id: str = Field(description="The behaviour of that item.")
    text: str = Field(description="The evidence as written.")


class PlanEntry(FrozenModel):
    """One part of the organisation's twelve-month plan, for one behaviour."""

    behaviour_id: str = Field(description="The behaviour the plan is for.")
    what: str | None = Field(description="What we will do.")
    measure: str | None = Field(description="How we will know it has worked.")
    by: datetime.date | None = Field(description="By when.")
    who: str | None = Field(description="Who will lead it.")


class EvaluationResult(FrozenModel):
    """An organisation's self-evaluation, scored on each of its scales."""

    format: Literal[1] = Field(default=1, description="Version of this format.")
    kind: EvaluationKind = Field(default="organisation", description="'organisation'.")
    framework: FrameworkRef = Field(description="The framework and version scored.")
    detail: Detail = Field(description="'quick' or 'full' items.")
    partnership: str = Field(description="The partnership.")
    round: str = Field(description="The round (the review year).")
    subject: Subject = Field(description="The partner organisation.")
    assessed_on: datetime.date = Field(description="The date the evaluation closed.")
    shown_alone: bool = Field(description="Whether its figures may be shown under its name.")
    scales: list[str] = Field(description="The scales rated, in order asked; keys of results.")
    confidence: str | None = Field(description="The scale that says how sure the others are.")
    results: dict[str, Result] = Field(
        description="Per scale, the figures of that scale alone (every behaviour on it)."
    )
    evidence: list[Evidence] = Field(description="By item in framework order, then text.")
    plans: list[PlanEntry] = Field(description="By behaviour in framework order.")
    confidence_gaps: list[str] = Field(
        description="Behaviours rated at least confidence_gap points (0-100) above the "
        "confidence in that rating, in framework order."
    )
    settings: EvaluationSettings = Field(description="The settings of the flags.")

    @property
    def rating_scale(self) -> str:
        """The first scale that is not the confidence scale: the rating itself."""
        return next((s for s in self.scales if s != self.confidence), self.scales[0])


def confidence_gap(rating: Result, confidence: Result, behaviour_id: str) -> float | None:
    """normalised(rating) - normalised(confidence) of one behaviour; None without both."""
    a = rating.behaviour(behaviour_id).score.normalised
    b = confidence.behaviour(behaviour_id).score.normalised
    return None if a is None or b is None else a - b


def _evidence(evaluation: Evaluation, framework: Framework) -> list[Evidence]:
    order = {
        item.id: (n, item.behaviour_id) for n, item in enumerate(framework.items(evaluation.detail))
    }
    found = [
        Evidence(item_id=item_id, behaviour_id=order[item_id][1], text=text.strip())
        for r in evaluation.responses
        for item_id, text in r.evidence.items()
        if text.strip()
    ]
    return sorted(found, key=lambda e: (order[e.item_id][0], e.text.casefold(), e.text))


def _plans(evaluation: Evaluation, framework: Framework) -> list[PlanEntry]:
    order = {b.id: n for n, b in enumerate(framework.behaviours)}
    found = [
        PlanEntry(behaviour_id=b, what=p.what, measure=p.measure, by=p.by, who=p.who)
        for r in evaluation.responses
        for b, p in r.plans.items()
        if any(v not in (None, "") for v in (p.what, p.measure, p.by, p.who))
    ]
    return sorted(found, key=lambda p: (order[p.behaviour_id], p.by or datetime.date.max))


def score_evaluation(
    evaluation: Evaluation,
    framework: Framework,
    settings: ScoringSettings | None = None,
    evaluation_settings: EvaluationSettings | None = None,
) -> EvaluationResult:
    """Score an organisation's self-evaluation on each of its scales, through the one engine.

    Raises ``ResponsesError`` with every problem when it does not fit the framework.
    """
    validate_evaluation(evaluation, framework)
    flags = evaluation_settings or EvaluationSettings()
    scales = evaluation_scales(framework, evaluation.scales)
    assessments = per_scale(evaluation, framework)
    results = {
        s: score_assessment(assessments[s], on_scale(framework, s), settings) for s in scales
    }
    confidence = confidence_scale(framework, scales)
    gaps: list[str] = []
    rating = next((s for s in scales if s != confidence), None)
    if confidence is not None and rating is not None:
        gaps = [
            b.id
            for b in framework.behaviours
            if (g := confidence_gap(results[rating], results[confidence], b.id)) is not None
            and g >= flags.confidence_gap - 1e-9
        ]
    return EvaluationResult(
        framework=framework_ref(framework),
        detail=evaluation.detail,
        partnership=evaluation.partnership,
        round=evaluation.round,
        subject=evaluation.subject,
        assessed_on=evaluation.assessed_on,
        shown_alone=evaluation.shown_alone,
        scales=list(scales),
        confidence=confidence,
        results=results,
        evidence=_evidence(evaluation, framework),
        plans=_plans(evaluation, framework),
        confidence_gaps=gaps,
        settings=flags,
    )


def score_evaluations(
    evaluations: Sequence[Evaluation],
    framework: Framework,
    settings: ScoringSettings | None = None,
    evaluation_settings: EvaluationSettings | None = None,
) -> list[EvaluationResult]:
    """Every partner's evaluation scored, in the order given."""
    return [score_evaluation(e, framework, settings, evaluation_settings) for e in evaluations]
