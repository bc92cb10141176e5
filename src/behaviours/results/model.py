"""Scores out: what an assessment shows, as JSON-serialisable models with stable names.

One ``Result`` serves every kind of assessment; the kinds are views of it. Each
behaviour has a headline ``score`` (the self-assessment for quick and full, the
team for team assessments, the other raters for a 360) and, for a 360, the
self-assessment and every role group that is shown on its own in ``groups``.
Optional parts (``items``, ``alpha``, ``agreement``, ``gap``, ``team``,
``feedback360``) are filled where the kind gives them meaning.

A statistic that cannot be computed is ``None`` with a reason flag, never 0:
``insufficient`` when too few items were answered, ``suppressed`` when
publishing it could expose one rater (see docs/privacy.md). Results round-trip
exactly through JSON: ``Result.model_validate_json(r.model_dump_json()) == r``.

``ScoringSettings`` lives here, not in ``behaviours.scoring``, because every
result carries the settings it was computed with and this module must not
import the numpy engine.
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field

from behaviours.base import FrozenModel
from behaviours.frameworks.kinds import AssessmentKind, Detail
from behaviours.frameworks.model import FrameworkRef, Scale
from behaviours.responses.model import Subject
from behaviours.scoring.settings import ScoringSettings

__all__ = [
    "Agreement",
    "BehaviourResult",
    "Change",
    "Comment",
    "Comparison",
    "Design",
    "Feedback360",
    "ItemResult",
    "Reliability",
    "ReliableChange",
    "Result",
    "ScaleInfo",
    "Stats",
    "TeamView",
]

Group = str  # "self", "member", "others" or a rater role shown on its own


class ScaleInfo(FrozenModel):
    """A rating scale as reports print it."""

    id: str = Field(description="The scale's name in the framework, e.g. 'agreement'.")
    title: str = Field(description="The scale's title, for display.")
    values: list[int] = Field(description="Scored values, increasing.")
    labels: list[str] = Field(description="Label of each value, in the same order.")
    not_able_to_say: str | None = Field(description="Label of the unscored option, if offered.")

    @property
    def min(self) -> int:
        """The lowest scored value."""
        return self.values[0]

    @property
    def max(self) -> int:
        """The highest scored value."""
        return self.values[-1]

    @classmethod
    def of(cls, scale_id: str, scale: Scale) -> ScaleInfo:
        """The summary of a framework scale."""
        return cls(
            id=scale_id,
            title=scale.title,
            values=list(scale.values),
            labels=[p.label for p in scale.points],
            not_able_to_say=scale.not_able_to_say,
        )


class Stats(FrozenModel):
    """Descriptive statistics of one group's answers to one behaviour or item.

    For a behaviour, the unit is the respondent: each respondent's score is the
    mean of their (reverse-keyed) answers to its items, and ``n`` counts the
    respondents with a score. ``counts`` and ``n_not_able_to_say`` count answers
    to items. Values are on the (keyed) rating scale; ``normalised`` is 0-100.
    """

    n: int = Field(ge=0, description="Respondents with a score (behaviour) or answers (item).")
    n_not_able_to_say: int = Field(ge=0, description="'Not able to say' answers.")
    mean: float | None = Field(description="Mean on the rating scale.")
    normalised: float | None = Field(description="100 * (mean - min) / (max - min).")
    sd: float | None = Field(description="Sample standard deviation (n - 1), when n >= 2.")
    min: float | None = Field(description="Lowest score.")
    max: float | None = Field(description="Highest score.")
    ci_low: float | None = Field(description="Lower end of the 95% t interval, when n >= 2.")
    ci_high: float | None = Field(description="Upper end of the 95% t interval, when n >= 2.")
    counts: list[int] | None = Field(
        description="Answers at each scale value, in the scale's order (keyed)."
    )
    insufficient: bool = Field(
        description="No score: too few items answered (never reported as 0); then only n "
        "(and n_not_able_to_say) is given, every figure and the counts are null."
    )
    suppressed: bool = Field(
        description="Withheld because it could expose an individual rater's answers."
    )


class Reliability(FrozenModel):
    """Cronbach's alpha of a behaviour's items over respondents who answered them all."""

    alpha: float | None = Field(description="None when it cannot be computed.")
    n: int = Field(ge=0, description="Respondents with every item answered.")
    items: int = Field(ge=0, description="Items in the behaviour.")


class Agreement(FrozenModel):
    """Within-group agreement against a uniform null over the scale's points (docs/scoring.md).

    ``rwg_star`` (r*wg(J), Lindell, Brandt & Whitney 1999) is comparable across quick
    and full assessments and carries the flag; ``rwg`` (rwg(J), James, Demaree & Wolf
    1984) is kept beside it for comparison with the literature, but rises with the
    number of items.
    """

    rwg: float | None = Field(
        description="rwg(J), clipped to [0, 1]; None with fewer than min_rwg_raters "
        "respondents (settings)."
    )
    rwg_star: float | None = Field(
        default=None,
        description="r*wg(J) = 1 - mean item variance / null variance, not truncated "
        "(below 0: further apart than chance); None when rwg is.",
    )
    n: int = Field(ge=0, description="Respondents it is computed from.")
    disagreement: bool = Field(
        description="r*wg(J) below the threshold: a conversation to have, not a score to trust."
    )


class ItemResult(FrozenModel):
    """One item's figures, for full assessments."""

    id: str = Field(
        description="The item id: an indicator id, or the behaviour id for quick items."
    )
    reverse: bool = Field(description="Reverse keyed: figures are on the keyed scale.")
    score: Stats = Field(description="The headline group's figures.")
    groups: dict[Group, Stats] = Field(
        default_factory=dict, description="Other groups' figures (a 360's self)."
    )


class BehaviourResult(FrozenModel):
    """One behaviour's scores."""

    id: str = Field(description="The behaviour id, stable across framework versions.")
    scale: str = Field(description="Id of the behaviour's scale, a key of Result.scales.")
    score: Stats = Field(description="Headline: self, the team, or a 360's other raters.")
    groups: dict[Group, Stats] = Field(
        default_factory=dict,
        description="For a 360, 'self' and every rater group shown on its own.",
    )
    items: list[ItemResult] = Field(default_factory=list, description="Full assessments only.")
    alpha: Reliability | None = Field(
        default=None,
        description="Always null in a published result: Cronbach's alpha of one team or one "
        "360 rests on how each respondent's answers go together (docs/privacy.md); kept so "
        "that results stay readable.",
    )
    agreement: Agreement | None = Field(default=None, description="Team and 360 only.")
    gap: float | None = Field(default=None, description="360: self minus others.")
    flag: Literal["blind_spot", "hidden_strength"] | None = Field(
        default=None, description="360: self at least gap_threshold above (or below) others."
    )


class Comment(FrozenModel):
    """A free-text comment, unattributed."""

    behaviour_id: str = Field(description="The behaviour the comment is about.")
    group: Group = Field(description="The shown group it comes from ('others' when folded).")
    text: str = Field(description="The comment as written; never with its author's name or id.")


class TeamView(FrozenModel):
    """What a team assessment adds."""

    disagreements: list[str] = Field(description="Behaviours where members disagree, by id.")


class Feedback360(FrozenModel):
    """What a 360 adds to the headline scores of the other raters."""

    has_self: bool = Field(description="Whether the subject assessed themselves (gaps need it).")
    shown_groups: list[Group] = Field(description="Rater roles shown on their own.")
    blind_spots: list[str] = Field(
        description="Behaviours the subject rates higher than others do by the gap threshold."
    )
    hidden_strengths: list[str] = Field(
        description="Behaviours others rate higher than the subject does by the gap threshold."
    )
    top_items: list[str] = Field(description="Highest rated by others, best first.")
    bottom_items: list[str] = Field(description="Lowest rated by others, lowest first.")
    disagreements: list[str] = Field(description="Behaviours where raters disagree.")


class Result(FrozenModel):
    """The scores of one assessment."""

    format: Literal[1] = Field(default=1, description="Version of this result format.")
    framework: FrameworkRef = Field(description="The framework and version scored.")
    kind: AssessmentKind = Field(description="quick, full, team or 360.")
    detail: Detail = Field(description="'quick' (one item per behaviour) or 'full' (indicators).")
    subject: Subject = Field(description="Who (or which team) was assessed.")
    assessed_on: datetime.date = Field(description="The date the assessment closed.")
    round: str | None = Field(
        default=None,
        description="The round the assessment named, if any; with the subject, framework and "
        "kind (and the date when it is absent) it identifies the round "
        "(behaviours.results.rounds.round_of).",
    )
    settings: ScoringSettings = Field(description="The settings these figures were scored with.")
    scales: dict[str, ScaleInfo] = Field(
        description="Every scale a figure of this result is on, by id (Behaviour.scale)."
    )
    default_scale: str = Field(description="The framework's default scale, a key of scales.")
    headline: Literal["self", "member", "others"] = Field(
        description="Whose ratings the headline scores are."
    )
    respondents: dict[Group, int] = Field(
        description="Respondents by shown group ('others' is every non-self rater of a 360)."
    )
    behaviours: list[BehaviourResult] = Field(
        description="One entry per behaviour, in the framework's order."
    )
    strengths: list[str] = Field(description="Highest behaviours; ties kept, ordered by id.")
    development_areas: list[str] = Field(description="Lowest behaviours; ties kept, by id.")
    comments: list[Comment] = Field(
        default_factory=list,
        description="Comments by behaviour, then group, then text (never in submission order).",
    )
    team: TeamView | None = Field(default=None, description="Team assessments only.")
    feedback360: Feedback360 | None = Field(default=None, description="360 assessments only.")

    @property
    def scale(self) -> ScaleInfo:
        """The framework's default scale."""
        return self.scales[self.default_scale]

    def behaviour(self, behaviour_id: str) -> BehaviourResult:
        """The behaviour's scores; ``KeyError`` when there is none."""
        for b in self.behaviours:
            if b.id == behaviour_id:
                return b
        raise KeyError(behaviour_id)

    def scale_for(self, behaviour_id: str) -> ScaleInfo:
        """The scale the behaviour is rated on."""
        return self.scales[self.behaviour(behaviour_id).scale]


Design = Literal["paired", "independent", "single"]


class ReliableChange(FrozenModel):
    """Jacobson and Truax's reliable change index of one respondent (a self-assessment).

    It rests on a reliability and a norm SD that no single result holds, so it is
    computed only from values the caller states, and they are kept here with it.
    """

    index: float | None = Field(description="change / (sqrt(2) * norm_sd * sqrt(1 - r)).")
    reliable: bool | None = Field(description="|index| > 1.96: a change beyond measurement error.")
    reliability: float | None = Field(description="The reliability r used, as given.")
    norm_sd: float | None = Field(description="The norm SD used, as given (scale points).")
    source: str | None = Field(default=None, description="Where r and the SD come from.")
    reason: str | None = Field(default=None, description="Why there is no index, if none.")


class Change(FrozenModel):
    """How one behaviour's headline score moved between two results."""

    id: str = Field(description="The behaviour id.")
    before: float | None = Field(description="The earlier headline mean, if it had one.")
    after: float | None = Field(description="The later headline mean, if it has one.")
    change: float | None = Field(description="after - before, on the rating scale.")
    normalised_change: float | None = Field(description="Change in normalised (0-100) points.")
    design: Design | None = Field(
        default=None,
        description="The test used: 'paired' (the same respondents' changes), 'independent' "
        "(Welch) or 'single' (one respondent each time: no test); None without a change.",
    )
    estimate: float | None = Field(
        default=None,
        description="The change tested: 'change' (independent), or the mean change of the "
        "paired respondents (paired), which differs when some answered only once.",
    )
    n_pairs: int | None = Field(default=None, description="Paired respondents (paired only).")
    se: float | None = Field(description="Standard error of the estimate, when n allows.")
    df: float | None = Field(default=None, description="Degrees of freedom (exact, not rounded).")
    ci_low: float | None = Field(description="Lower end of the 95% interval of the estimate.")
    ci_high: float | None = Field(description="Upper end of the 95% interval of the estimate.")
    p: float | None = Field(default=None, description="Two-sided p-value of the estimate.")
    p_adjusted: float | None = Field(
        default=None,
        description="p adjusted across the comparison's tested behaviours (Comparison.adjustment).",
    )
    exceeds_uncertainty: bool | None = Field(
        description="p_adjusted < 0.05; None when there is no test (n, design or degenerate)."
    )
    degenerate: bool = Field(
        default=False,
        description="n allows a test but the standard error is 0 (nobody varies, or every "
        "paired change is the same): no test, never certainty.",
    )
    reason: str | None = Field(
        default=None,
        description="Why there is no test, or why a paired comparison compared this "
        "behaviour as independent groups; None otherwise.",
    )
    reliable_change: ReliableChange | None = Field(
        default=None, description="Design 'single' only: the reliable change index."
    )


class Comparison(FrozenModel):
    """Two results of the same subject and framework, side by side."""

    framework: FrameworkRef = Field(description="The later result's framework.")
    before_version: str = Field(description="The earlier result's framework version.")
    subject: Subject = Field(description="The subject of both results.")
    kind: AssessmentKind = Field(description="The later result's kind.")
    before_on: datetime.date = Field(description="The earlier assessment's date.")
    after_on: datetime.date = Field(description="The later assessment's date.")
    behaviours: list[Change] = Field(description="One change per behaviour of the later result.")
    design: Design = Field(
        default="independent",
        description="'paired' when respondents were matched across rounds (each behaviour "
        "says if it fell back to independent), 'independent' (Welch), 'single' (one "
        "respondent each time).",
    )
    design_reason: str = Field(default="", description="Why this design, in words.")
    matching: Literal["respondent_id", "pairing"] | None = Field(
        default=None, description="How respondents were matched (paired only)."
    )
    matched: int | None = Field(default=None, description="Respondents in both rounds.")
    only_before: int | None = Field(default=None, description="Respondents of the earlier only.")
    only_after: int | None = Field(default=None, description="Respondents of the later only.")
    adjustment: Literal["holm", "bh", "none"] = Field(
        default="holm",
        description="Multiplicity adjustment of p across behaviours: Holm (family-wise "
        "error), Benjamini-Hochberg (false discovery rate) or none.",
    )
    tests: int = Field(default=0, ge=0, description="Behaviours tested: the adjusted family.")
