"""The partnership view: every partner's self-evaluation of one round, principle by principle.

A partnership's annual review (the Kirklees Compact Steering Group's report to
the board, the ICF's partnership-wide review) asks three things of the
partners' self-evaluations: how the partners' ratings are spread on each
scale, where the partnership rates a principle high but is not confident in
it, and what has changed since last year's round.

Each partner counts once: its figure for a principle on a scale is the
headline mean of its own evaluation on that scale (the organisation's view, or
the mean of its people's). Over the ``n`` partners with a figure:

- mean: the mean of their figures; normalised ``100 * (mean - min) / (max - min)``;
- distribution: how many partners' figures are nearest each point of the
  scale (a figure half way between two points counts at the higher);
- confidence gap: normalised(rating mean) - normalised(confidence mean), flagged
  at or above ``EvaluationSettings.confidence_gap``; and how many partners are
  flagged in their own evaluations;
- change: this round's mean minus the previous round's, each as published.

Privacy (docs/privacy.md). A partner that agreed (``shown_alone``) has its
figures printed under its name. Every other partner is only ever part of a
figure over several: a figure is withheld when the partners behind it who did
not agree number 1 to ``min_partners - 1``, since the named partners' own
figures could be subtracted from it. The change since last year is the
difference of two figures each already published under this rule, so it
publishes nothing new; neither a median nor a range (one partner's own
figure) is published.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from behaviours.base import FrozenModel
from behaviours.errors import Problem, ResponsesError
from behaviours.frameworks.model import FrameworkRef
from behaviours.results.model import ScaleInfo
from behaviours.results.organisation import EvaluationResult, EvaluationSettings

__all__ = [
    "PartnerFigure",
    "PartnershipResult",
    "PrincipleView",
    "ScaleSummary",
    "partnership_view",
]


class PartnerFigure(FrozenModel):
    """A partner shown under its name, with its own figure."""

    organisation: str = Field(description="The partner's name.")
    mean: float | None = Field(description="Its headline mean on the scale, if it has one.")


class ScaleSummary(FrozenModel):
    """One principle on one scale, over the partners."""

    scale: str = Field(description="The scale of every figure here, a key of scales.")
    n: int = Field(ge=0, description="Partners with a figure.")
    mean: float | None = Field(description="Mean of the partners' figures; None when withheld.")
    normalised: float | None = Field(description="The mean on 0-100.")
    counts: list[int] | None = Field(
        description="Partners whose figure is nearest each point of the scale, in its order."
    )
    suppressed: bool = Field(
        description="Withheld: 1 to min_partners - 1 of the partners behind it asked not to "
        "be shown alone."
    )
    named: list[PartnerFigure] = Field(description="Partners shown alone, by name.")
    previous_n: int | None = Field(description="Partners with a figure in the previous round.")
    previous_mean: float | None = Field(description="The previous round's published mean.")
    change: float | None = Field(description="mean - previous_mean, when both were published.")


class PrincipleView(FrozenModel):
    """One principle (behaviour) across the partnership."""

    behaviour_id: str = Field(description="The behaviour id.")
    scales: list[ScaleSummary] = Field(description="One summary per scale, in the order asked.")
    confidence_gap: float | None = Field(
        description="normalised(rating mean) - normalised(confidence mean); None without both."
    )
    flagged: bool = Field(description="The confidence gap is at least the threshold.")
    gap_partners: int | None = Field(
        description="Partners whose own evaluation flags this principle; None when withheld."
    )


class PartnershipResult(FrozenModel):
    """Every partner's self-evaluation of one round, principle by principle."""

    format: Literal[1] = Field(default=1, description="Version of this format.")
    framework: FrameworkRef = Field(description="The framework and version of this round.")
    partnership: str = Field(description="The partnership.")
    round: str = Field(description="This round.")
    previous_round: str | None = Field(description="The round compared with, if any.")
    assessed_on: datetime.date = Field(description="The last date a partner's evaluation closed.")
    partners: list[str] = Field(description="Every partner that took part, by name.")
    shown_alone: list[str] = Field(description="Partners that agreed to be shown by name.")
    scales: list[ScaleInfo] = Field(description="Every scale a figure here is on, in order.")
    confidence: str | None = Field(description="The scale that says how sure the others are.")
    principles: list[PrincipleView] = Field(description="One per behaviour, framework order.")
    settings: EvaluationSettings = Field(description="The rules these figures were made with.")


def _nearest(values: Sequence[int], x: float) -> int:
    """Index of the scale point nearest ``x``; half way counts at the higher point."""
    return min(range(len(values)), key=lambda i: (abs(values[i] - x), -values[i]))


def _means(
    results: Sequence[EvaluationResult], scale: str, behaviour_id: str
) -> list[tuple[EvaluationResult, float]]:
    found = []
    for r in results:
        if scale in r.results:
            mean = r.results[scale].behaviour(behaviour_id).score.mean
            if mean is not None:
                found.append((r, mean))
    return found


def _withheld(partners: Sequence[EvaluationResult], min_partners: int) -> bool:
    hidden = sum(not p.shown_alone for p in partners)
    return 0 < hidden < min_partners


def _summary(
    results: Sequence[EvaluationResult], scale: ScaleInfo, behaviour_id: str, min_partners: int
) -> ScaleSummary:
    found = _means(results, scale.id, behaviour_id)
    withheld = _withheld([r for r, _ in found], min_partners)
    mean = None if withheld or not found else math.fsum(m for _, m in found) / len(found)
    counts = [0] * len(scale.values)
    for _, m in found:
        counts[_nearest(scale.values, m)] += 1
    return ScaleSummary(
        scale=scale.id,
        n=len(found),
        mean=mean,
        normalised=None if mean is None else 100 * (mean - scale.min) / (scale.max - scale.min),
        counts=None if withheld or not found else counts,
        suppressed=withheld,
        named=sorted(
            (PartnerFigure(organisation=r.subject.name, mean=m) for r, m in found if r.shown_alone),
            key=lambda p: p.organisation.casefold(),
        ),
        previous_n=None,
        previous_mean=None,
        change=None,
    )


def _principle(
    results: Sequence[EvaluationResult],
    previous: Sequence[EvaluationResult],
    scales: Sequence[ScaleInfo],
    behaviour_id: str,
    settings: EvaluationSettings,
) -> PrincipleView:
    summaries = []
    for scale in scales:
        now = _summary(results, scale, behaviour_id, settings.min_partners)
        if previous:
            before = _summary(previous, scale, behaviour_id, settings.min_partners)
            change = None if now.mean is None or before.mean is None else now.mean - before.mean
            now = now.model_copy(
                update={"previous_n": before.n, "previous_mean": before.mean, "change": change}
            )
        summaries.append(now)
    confidence = results[0].confidence
    rating = results[0].rating_scale
    by_scale = {s.scale: s for s in summaries}
    gap = None
    if confidence is not None and rating != confidence:
        a, b = by_scale[rating].normalised, by_scale[confidence].normalised
        gap = None if a is None or b is None else a - b
    both = [r for r in results if behaviour_id in _scored(r)]
    return PrincipleView(
        behaviour_id=behaviour_id,
        scales=summaries,
        confidence_gap=gap,
        flagged=gap is not None and gap >= settings.confidence_gap - 1e-9,
        gap_partners=None
        if confidence is None or _withheld(both, settings.min_partners)
        else sum(behaviour_id in r.confidence_gaps for r in both),
    )


def _scored(result: EvaluationResult) -> set[str]:
    """Behaviours with a figure on every scale of the partner's evaluation."""
    return {
        b.id
        for b in result.results[result.scales[0]].behaviours
        if all(result.results[s].behaviour(b.id).score.mean is not None for s in result.scales)
    }


def _check_round(results: Sequence[EvaluationResult], what: str) -> list[Problem]:
    problems = []
    first = results[0]
    seen: set[str] = set()
    for i, r in enumerate(results):
        for field, value, expected in (
            ("framework.id", r.framework.id, first.framework.id),
            ("partnership", r.partnership, first.partnership),
            ("round", r.round, first.round),
            ("scales", r.scales, first.scales),
        ):
            if value != expected:
                problems.append(
                    Problem(
                        f"{what}: {value!r} differs from the first partner's",
                        path=f"[{i}].{field}",
                        expected=repr(expected),
                    )
                )
        if r.subject.id in seen:
            problems.append(
                Problem(
                    f"{what}: partner {r.subject.id!r} evaluated twice", path=f"[{i}].subject.id"
                )
            )
        seen.add(r.subject.id)
    return problems


def partnership_view(
    results: Sequence[EvaluationResult],
    previous: Sequence[EvaluationResult] = (),
    *,
    settings: EvaluationSettings | None = None,
) -> PartnershipResult:
    """The partnership's round, principle by principle, compared with ``previous`` if given.

    ``results`` are every partner's scored evaluation of one partnership, framework
    and round; ``previous`` the same partnership's earlier round. A
    ``ResponsesError`` lists every result that does not belong.
    """
    if not results:
        raise ResponsesError("a partnership view needs at least one partner's evaluation")
    problems = _check_round(results, "this round")
    if previous:
        problems += _check_round(previous, "previous round")
        if (
            previous[0].partnership != results[0].partnership
            or previous[0].round == results[0].round
        ):
            problems.append(
                Problem(
                    "the previous round must be an earlier round of the same partnership",
                    path="previous",
                    expected=f"{results[0].partnership}, not round {results[0].round}",
                )
            )
    if problems:
        raise ResponsesError(problems, title="these evaluations are not one partnership's round")
    settings = settings or results[0].settings
    first = results[0]
    scales = [first.results[s].scales[s] for s in first.scales]
    behaviours = [b.id for b in first.results[first.scales[0]].behaviours]
    return PartnershipResult(
        framework=first.framework,
        partnership=first.partnership,
        round=first.round,
        previous_round=previous[0].round if previous else None,
        assessed_on=max(r.assessed_on for r in results),
        partners=sorted((r.subject.name for r in results), key=str.casefold),
        shown_alone=sorted((r.subject.name for r in results if r.shown_alone), key=str.casefold),
        scales=scales,
        confidence=first.confidence,
        principles=[_principle(results, previous, scales, b, settings) for b in behaviours],
        settings=settings,
    )
