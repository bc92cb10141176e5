"""Cohort figures as published models: the unit table, local norms and programme evaluation.

Three products, each a JSON-serialisable model that reads back equal:

- ``CohortTable``: behaviours x units, each cell with its number of people,
  mean, 0-100 score and interval, or withheld (disclosure control,
  docs/privacy.md "Cohorts"); a withheld cell publishes neither its figures
  nor its count, and no cell publishes a minimum or maximum (each is one
  person's score).
- ``Norm``: a versioned norm file (framework id and MAJOR version, dates, N,
  grouping, method) and ``NormScore``, one person's score placed in it.
- ``ProgrammeEvaluation``: before and after matched by person, per behaviour.

The formulas are in docs/cohorts.md; building them from results is
``behaviours.results.cohorting``.
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field

from behaviours.base import FrozenModel
from behaviours.frameworks.kinds import AssessmentKind
from behaviours.frameworks.model import FrameworkRef
from behaviours.results.model import ScaleInfo

__all__ = [
    "CohortCell",
    "CohortTable",
    "EvaluationBehaviour",
    "Measure",
    "Norm",
    "NormBehaviour",
    "NormScore",
    "ProgrammeEvaluation",
]

Measure = Literal["headline", "self"]
"""Which published score of each person: ``headline`` (self for quick and full,
the team for team, others for a 360) or a 360's ``self``."""

ALL = "*"
"""The unit or behaviour id of a margin: every unit (the cohort) or every behaviour."""


class CohortCell(FrozenModel):
    """One unit on one behaviour; ``unit`` or ``behaviour`` is ``"*"`` for a margin."""

    unit: str = Field(description="The unit, or '*' for the whole cohort.")
    behaviour: str = Field(description="The behaviour id, or '*' for every behaviour.")
    n: int | None = Field(description="People with a score; null when withheld.")
    mean: float | None = Field(description="Mean of the people's scores on the rating scale.")
    normalised: float | None = Field(description="100 * (mean - min) / (max - min).")
    sd: float | None = Field(description="SD of the people's scores (n - 1), when n >= 2.")
    ci_low: float | None = Field(description="Lower end of the 95% t interval of the mean.")
    ci_high: float | None = Field(description="Upper end of the 95% t interval of the mean.")
    withheld: bool = Field(
        description="Withheld by disclosure control: too few people, or needed to protect a "
        "cell that has too few (the two are not told apart)."
    )


class CohortTable(FrozenModel):
    """Behaviours x units of one cohort, with margins, after disclosure control."""

    format: Literal[1] = Field(default=1, description="Version of this format.")
    framework: FrameworkRef = Field(description="The framework of the newest result.")
    kind: AssessmentKind = Field(description="The kind of every result in the cohort.")
    measure: Measure = Field(description="Which published score of each person.")
    by: str = Field(description="The grouping column the units come from.")
    min_people: int = Field(ge=1, description="Cells with fewer people are withheld.")
    assessed_from: datetime.date = Field(description="The earliest assessment's date.")
    assessed_to: datetime.date = Field(description="The latest assessment's date.")
    scale: ScaleInfo = Field(description="The rating scale of every figure.")
    units: list[str] = Field(description="The units, sorted.")
    behaviours: list[str] = Field(description="The behaviour ids, in the framework's order.")
    cells: list[CohortCell] = Field(
        description="Unit by unit (then the cohort, '*'), each behaviour then '*'."
    )

    def cell(self, unit: str, behaviour: str) -> CohortCell:
        """One cell; ``KeyError`` when there is none."""
        for c in self.cells:
            if c.unit == unit and c.behaviour == behaviour:
                return c
        raise KeyError((unit, behaviour))


class NormBehaviour(FrozenModel):
    """One behaviour's norm: the distinct scores with their counts, N, mean and SD."""

    id: str = Field(description="The behaviour id.")
    n: int = Field(ge=0, description="People with a score.")
    mean: float | None = Field(description="Mean score.")
    sd: float | None = Field(description="SD (n - 1).")
    values: list[float] = Field(description="Distinct scores, ascending (6 decimals).")
    counts: list[int] = Field(description="People at each of values.")


class Norm(FrozenModel):
    """A local norm, saved as a versioned JSON file (``behaviours cohort --norm``)."""

    format: Literal[1] = Field(default=1, description="Version of this norm format.")
    name: str = Field(description="What the norm is of, for printing beside every use.")
    framework: str = Field(description="The framework id.")
    framework_major: str = Field(
        description="The framework's MAJOR version: scores of another MAJOR are not comparable."
    )
    kind: AssessmentKind = Field(description="The kind of assessment it is built from.")
    measure: Measure = Field(description="Which published score of each person.")
    grouping: str = Field(description="Who is in it, e.g. 'every person' or 'organisation = X'.")
    assessed_from: datetime.date = Field(description="The earliest assessment in it.")
    assessed_to: datetime.date = Field(description="The latest assessment in it.")
    n: int = Field(ge=0, description="People in the norm.")
    method: Literal["mid-rank"] = Field(
        default="mid-rank",
        description="Percentile method: 100 * (below + equal / 2) / N (docs/cohorts.md).",
    )
    salt: str = Field(description="Random salt of the member digests.")
    members: list[str] = Field(
        description="SHA-256 of salt and subject id of each person, sorted: lets a use of "
        "the norm say whether it includes the person (docs/privacy.md, 'Cohorts')."
    )
    behaviours: list[NormBehaviour] = Field(description="One per behaviour, framework order.")


class NormScore(FrozenModel):
    """One person's behaviour score placed in a norm; the norm's N and dates go with it."""

    behaviour: str = Field(description="The behaviour id.")
    score: float | None = Field(description="The person's score.")
    percentile: float | None = Field(description="Mid-rank percentile in the norm.")
    z: float | None = Field(description="(score - norm mean) / norm SD.")
    t: float | None = Field(description="50 + 10 z.")
    norm_n: int = Field(description="People in the norm for this behaviour.")
    norm_name: str = Field(description="The norm's name.")
    norm_dates: str = Field(description="The norm's date range, as printed.")
    includes_person: bool = Field(
        description="The norm was built with this person's own score among its N."
    )


class EvaluationBehaviour(FrozenModel):
    """One behaviour's change from before to after over the people matched in both."""

    id: str = Field(description="The behaviour id.")
    n: int = Field(ge=0, description="Matched people with a score in both rounds.")
    withheld: bool = Field(description="Fewer than min_people: no figure is published.")
    mean_before: float | None = Field(description="Mean before, over these n.")
    mean_after: float | None = Field(description="Mean after, over these n.")
    change: float | None = Field(description="Mean of after - before.")
    ci_low: float | None = Field(description="Lower end of the paired 95% t interval.")
    ci_high: float | None = Field(description="Upper end of the paired 95% t interval.")
    d_z: float | None = Field(description="Mean change / SD of the changes (Cohen's d_z).")
    d_z_low: float | None = Field(description="95% noncentral-t interval of d_z, low.")
    d_z_high: float | None = Field(description="95% noncentral-t interval of d_z, high.")
    g_av: float | None = Field(description="d_av with Hedges' correction.")
    g_av_low: float | None = Field(description="95% interval of g_av, low.")
    g_av_high: float | None = Field(description="95% interval of g_av, high.")
    reliability: float | None = Field(description="Cronbach's alpha used for the RCI.")
    reliability_source: str = Field(description="How the alpha was computed, in words.")
    improved: int | None = Field(description="People whose RCI is above 1.96.")
    deteriorated: int | None = Field(description="People whose RCI is below -1.96.")


class ProgrammeEvaluation(FrozenModel):
    """A programme evaluation: two rounds matched by person (subject id)."""

    format: Literal[1] = Field(default=1, description="Version of this format.")
    framework: FrameworkRef = Field(description="The framework of the later round.")
    kind: AssessmentKind = Field(description="The kind of every result.")
    measure: Measure = Field(description="Which published score of each person.")
    min_people: int = Field(ge=1, description="Behaviours with fewer matched are withheld.")
    before_from: datetime.date = Field(description="The earliest 'before' assessment.")
    before_to: datetime.date = Field(description="The latest 'before' assessment.")
    after_from: datetime.date = Field(description="The earliest 'after' assessment.")
    after_to: datetime.date = Field(description="The latest 'after' assessment.")
    matched: int = Field(ge=0, description="People in both rounds.")
    only_before: int = Field(ge=0, description="People in the 'before' round only.")
    only_after: int = Field(ge=0, description="People in the 'after' round only.")
    incomplete: int = Field(
        ge=0, description="Matched people without a score on some behaviour in either round."
    )
    withheld_reason: str | None = Field(
        default=None,
        description="Why every behaviour is withheld, when it is: 1 to min_people - 1 people in "
        "one round only, whose figures a round's overall figure minus these would give.",
    )
    behaviours: list[EvaluationBehaviour] = Field(description="Framework order.")
