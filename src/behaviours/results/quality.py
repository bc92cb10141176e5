"""Framework quality out: the item analysis as JSON models, for the people who own a framework.

``analyse`` pools many respondents' answers to a framework and says, per
behaviour, how consistently its items measure it (Cronbach's alpha with its
Feldt interval, McDonald's omega total, the mean inter-item correlation) and,
per item, how it behaves (mean, SD, floor and ceiling, "not able to say", the
corrected item-total correlation, alpha without it and whether it runs the
way its keying says). This is the one place the library publishes alpha: it is
a statement about the framework over a round, never about one subject
(docs/privacy.md). Every figure carries the ``n`` behind it and a
``small_sample`` flag below 30; a figure that cannot be computed is ``None``
with a ``reason``. Formulas and citations: docs/analysis.md. The schema is
committed as docs/schema/quality.json (``behaviours schema quality``).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import Field

from behaviours.base import FrozenModel
from behaviours.frameworks.kinds import AssessmentKind, Detail
from behaviours.frameworks.model import Framework, FrameworkRef, framework_ref
from behaviours.responses.model import Assessment
from behaviours.scoring.icc import Intraclass
from behaviours.scoring.item_analysis import SMALL_SAMPLE, ItemAnalysis, analyse_assessments
from behaviours.scoring.settings import ScoringSettings

__all__ = [
    "BehaviourQuality",
    "FrameworkQuality",
    "IntraclassFigures",
    "ItemFlag",
    "ItemQuality",
    "QualityMethod",
    "analyse",
    "quality_of",
    "quality_schema",
]

ItemFlag = Literal[
    "runs_against_keying", "weak", "lowers_alpha", "many_not_able_to_say", "floor", "ceiling"
]
WEAK_R_DROP = 0.3  # corrected item-total correlation below which an item is weak
MANY_NOT_ABLE_TO_SAY = 0.2  # share of "not able to say" that makes a poor observer item
PILED_UP = 0.5  # share of ratings at one end of the scale that leaves no room to move


class QualityMethod(FrozenModel):
    """How the figures were made, so a reader can reproduce them."""

    missing: str = Field(
        default="listwise per behaviour for alpha, omega, inter-item and item-total "
        "correlations (each behaviour's complete cases, n_complete); available cases per "
        "item for item means, SDs, floor, ceiling and not able to say (n)",
        description="How missing answers are handled.",
    )
    alpha_interval: str = Field(
        default="Feldt, Woodruff and Salih (1987) 95% interval: (1 - alpha) / (1 - rho) "
        "follows F on n - 1 and (n - 1)(k - 1) degrees of freedom",
        description="The interval given for alpha.",
    )
    omega: str = Field(
        default="McDonald's omega total from a one-factor minres (unweighted least squares) "
        "solution of the correlation matrix: 1 - sum of uniquenesses / sum of correlations",
        description="The omega given.",
    )
    icc: str = Field(
        default="ICC(1) and ICC(2) from the one-way ANOVA of respondents' values by subject "
        "(Bliese 2000); unequal group sizes use the mean group size N / J, as R "
        "multilevel::ICC1",
        description="The intraclass correlations given (team and 360 data).",
    )
    small_sample: int = Field(
        default=SMALL_SAMPLE, description="A figure from fewer respondents than this says so."
    )


class IntraclassFigures(FrozenModel):
    """ICC(1) and ICC(2) of a behaviour or item over the subjects of team or 360 data."""

    icc1: float | None = Field(description="Share of the variance that lies between subjects.")
    icc2: float | None = Field(description="Reliability of a subject's mean of its raters.")
    n: int = Field(description="Respondents' values used.")
    groups: int = Field(description="Subjects (teams, people rated) with at least one value.")
    mean_group_size: float | None = Field(description="n / groups, the k of ICC(1).")


class ItemQuality(FrozenModel):
    """How one item behaves over the pooled respondents."""

    id: str = Field(description="The item id.")
    text: str = Field(description="The item's words as the framework gives them.")
    reverse: bool = Field(description="Reverse keyed (a 'does not' indicator).")
    n: int = Field(description="Ratings of the item (not able to say and skipped excluded).")
    n_not_able_to_say: int = Field(description="Answers 'not able to say'.")
    not_able_to_say_share: float | None = Field(
        description="n_not_able_to_say / (n + n_not_able_to_say)."
    )
    small_sample: bool = Field(description=f"n is below {SMALL_SAMPLE}.")
    mean: float | None = Field(description="Mean rating as answered (before reverse keying).")
    sd: float | None = Field(description="Sample SD of the ratings.")
    floor: float | None = Field(description="Share of ratings at the scale's lowest point.")
    ceiling: float | None = Field(description="Share of ratings at the scale's highest point.")
    r_drop: float | None = Field(
        description="Corrected item-total correlation after keying: with the sum of the "
        "behaviour's other items, on its complete cases (psych r.drop)."
    )
    alpha_if_dropped: float | None = Field(description="Alpha of the behaviour without it.")
    adds: float | None = Field(
        description="alpha - alpha_if_dropped: how much alpha the item adds (negative: alpha "
        "rises without it)."
    )
    loading: float | None = Field(description="Its loading on the behaviour's one factor.")
    runs_against_keying: bool | None = Field(
        description="r_drop < 0: after keying it runs against its behaviour; for a reverse "
        "keyed item, respondents answer it as if it were positively keyed (miskeyed or "
        "misworded)."
    )
    rank: int | None = Field(description="1 for the item that adds most to its behaviour.")
    agreement: IntraclassFigures | None = Field(description="ICC(1), ICC(2): team and 360.")
    flags: list[ItemFlag] = Field(description="What the guidance asks to look at.")


class BehaviourQuality(FrozenModel):
    """How consistently one behaviour's items measure it."""

    id: str = Field(description="The behaviour id.")
    title: str = Field(description="The behaviour's title.")
    items: list[ItemQuality] = Field(description="Its items, ranked by how much they add.")
    n_complete: int = Field(description="Respondents who rated every item: n of alpha and omega.")
    small_sample: bool = Field(description=f"n_complete is below {SMALL_SAMPLE}.")
    alpha: float | None = Field(description="Cronbach's alpha (raw), on the complete cases.")
    alpha_ci_low: float | None = Field(description="Feldt 95% interval, lower end.")
    alpha_ci_high: float | None = Field(description="Feldt 95% interval, upper end.")
    omega_total: float | None = Field(description="McDonald's omega total (one factor).")
    mean_inter_item_r: float | None = Field(description="Mean correlation between its items.")
    reason: str | None = Field(description="Why a consistency figure is None, if it is.")
    agreement: IntraclassFigures | None = Field(
        description="ICC(1), ICC(2) of respondents' behaviour scores: team and 360."
    )


class FrameworkQuality(FrozenModel):
    """The item analysis of a framework over many respondents (``behaviours analyse``)."""

    framework: FrameworkRef
    kind: AssessmentKind = Field(description="The kind of assessment the answers come from.")
    detail: Detail = Field(description="Quick (one item per behaviour) or full items.")
    assessed_on: datetime.date = Field(
        description="The latest date the analysed assessments closed; the report's date."
    )
    subjects: int = Field(description="Subjects whose answers are used.")
    respondents: int = Field(description="Respondents pooled (360: raters; team: members).")
    excluded_subjects: int = Field(
        description="Subjects left out because no result publishes their figures (a 360 with "
        "too few raters, a team below min_team)."
    )
    withheld_answers: int = Field(
        description="Answers left out because no published figure covers them."
    )
    method: QualityMethod = Field(default_factory=QualityMethod)
    warnings: list[str] = Field(description="What a reader must know before trusting a figure.")
    behaviours: list[BehaviourQuality]


def _number(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _agreement(icc: Intraclass | None, index: int) -> IntraclassFigures | None:
    if icc is None:
        return None
    return IntraclassFigures(
        icc1=_number(icc.icc1.tolist()[index]),
        icc2=_number(icc.icc2.tolist()[index]),
        n=int(icc.n.tolist()[index]),
        groups=int(icc.groups.tolist()[index]),
        mean_group_size=_number(icc.mean_group_size.tolist()[index]),
    )


def _flags(item: dict[str, Any]) -> list[ItemFlag]:
    checks: list[tuple[ItemFlag, bool]] = [
        ("runs_against_keying", bool(item["runs_against_keying"])),
        ("weak", item["r_drop"] is not None and 0 <= item["r_drop"] < WEAK_R_DROP),
        ("lowers_alpha", item["adds"] is not None and item["adds"] < 0),
        ("many_not_able_to_say", (item["not_able_to_say_share"] or 0) >= MANY_NOT_ABLE_TO_SAY),
        ("floor", (item["floor"] or 0) >= PILED_UP),
        ("ceiling", (item["ceiling"] or 0) >= PILED_UP),
    ]
    return [flag for flag, on in checks if on]


def _items(analysis: ItemAnalysis, framework: Framework) -> list[ItemQuality]:
    lists = {
        name: getattr(analysis, name).tolist()
        for name in ("n", "n_not_able_to_say", "mean", "sd", "floor", "ceiling")
    }
    c = analysis.consistency
    r_drop, dropped = c.r_drop.tolist(), c.alpha_dropped.tolist()
    loadings, alphas = c.factor.loadings.tolist(), c.alpha.tolist()
    layout = analysis.layout
    out = []
    for i, item in enumerate(framework.items(layout.detail)):
        n, nas = lists["n"][i], lists["n_not_able_to_say"][i]
        b = int(layout.item_behaviour[i])
        fields: dict[str, Any] = {
            "id": item.id,
            "text": item.text.text,
            "reverse": item.reverse,
            "n": n,
            "n_not_able_to_say": nas,
            "not_able_to_say_share": nas / (n + nas) if n + nas else None,
            "small_sample": n < SMALL_SAMPLE,
            **{k: _number(lists[k][i]) for k in ("mean", "sd", "floor", "ceiling")},
            "r_drop": _number(r_drop[i]),
            "alpha_if_dropped": _number(dropped[i]),
            "adds": _number(alphas[b] - dropped[i]),
            "loading": _number(loadings[i]),
            "rank": None,
            "agreement": _agreement(analysis.icc_items, i),
        }
        fields["runs_against_keying"] = None if fields["r_drop"] is None else fields["r_drop"] < 0
        out.append(ItemQuality(**fields, flags=_flags(fields)))
    return out


def _ranked(items: list[ItemQuality]) -> list[ItemQuality]:
    """Items by how much they add to alpha, most first; items without the figure last."""
    order = sorted(
        range(len(items)), key=lambda i: (items[i].adds is None, -(items[i].adds or 0.0), i)
    )
    return [
        items[i].model_copy(update={"rank": rank + 1 if items[i].adds is not None else None})
        for rank, i in enumerate(order)
    ]


def _reason(k: int, n: int, alpha: float | None, omega: float | None) -> str | None:
    if k < 2:
        return "one item: consistency needs two or more items"
    if n < 2:
        return f"{n} respondent(s) rated every item; consistency needs two or more"
    if alpha is None:
        return "the behaviour's totals do not vary"
    if omega is None:
        return "no one-factor solution (a Heywood case or no convergence): omega not given"
    return None


def _behaviours(analysis: ItemAnalysis, framework: Framework) -> list[BehaviourQuality]:
    c, layout = analysis.consistency, analysis.layout
    items = _items(analysis, framework)
    numbers = {
        name: [_number(v) for v in array.tolist()]
        for name, array in (
            ("alpha", c.alpha),
            ("alpha_ci_low", c.alpha_low),
            ("alpha_ci_high", c.alpha_high),
            ("omega_total", c.factor.omega),
            ("mean_inter_item_r", c.mean_r),
        )
    }
    out = []
    for b, behaviour in enumerate(framework.behaviours):
        start, k, n = int(layout.starts[b]), int(layout.size[b]), int(c.n[b])
        figures = {name: values[b] for name, values in numbers.items()}
        out.append(
            BehaviourQuality(
                id=behaviour.id,
                title=behaviour.title.text,
                items=_ranked(items[start : start + k]),
                n_complete=n,
                small_sample=n < SMALL_SAMPLE,
                reason=_reason(k, n, figures["alpha"], figures["omega_total"]),
                agreement=_agreement(analysis.icc_behaviours, b),
                **figures,
            )
        )
    return out


def _warnings(analysis: ItemAnalysis, behaviours: list[BehaviourQuality]) -> list[str]:
    warnings = []
    if analysis.respondents < SMALL_SAMPLE:
        warnings.append(
            f"{analysis.respondents} respondents: every figure rests on fewer than "
            f"{SMALL_SAMPLE} people and may change a lot with the next round"
        )
    small = [b.id for b in behaviours if b.small_sample and b.reason is None]
    if small and analysis.respondents >= SMALL_SAMPLE:
        warnings.append(
            f"fewer than {SMALL_SAMPLE} complete answers behind the consistency of: "
            + ", ".join(small)
        )
    if analysis.kind in ("team", "360"):
        warnings.append(
            "respondents rating the same subject are not independent; alpha and omega pool "
            "them as if they were (ICC(1) says how much they share)"
        )
    if analysis.excluded_subjects or analysis.withheld_answers:
        warnings.append(
            f"{analysis.excluded_subjects} subject(s) and {analysis.withheld_answers} "
            "answer(s) left out: no published result covers them (docs/privacy.md)"
        )
    return warnings


def quality_of(
    analysis: ItemAnalysis, framework: Framework, assessed_on: datetime.date
) -> FrameworkQuality:
    """The published model of an item analysis (``behaviours.scoring.item_analysis``)."""
    behaviours = _behaviours(analysis, framework)
    return FrameworkQuality(
        framework=framework_ref(framework),
        kind=analysis.kind,
        detail=analysis.layout.detail,
        assessed_on=assessed_on,
        subjects=analysis.subjects,
        respondents=analysis.respondents,
        excluded_subjects=analysis.excluded_subjects,
        withheld_answers=analysis.withheld_answers,
        warnings=_warnings(analysis, behaviours),
        behaviours=behaviours,
    )


def analyse(
    assessments: Sequence[Assessment],
    framework: Framework,
    settings: ScoringSettings | None = None,
    *,
    source: str | None = None,
) -> FrameworkQuality:
    """The item analysis of many assessments of one kind against ``framework``.

    ``settings`` decide which answers results publish (``min_raters``,
    ``min_team``, ``show_manager``): only those are pooled. Raises
    ``ResponsesError`` when the assessments do not fit the framework, or when
    too few respondents or subjects remain to pool (docs/privacy.md); ``source``
    names the files they came from in its messages.
    """
    analysis = analyse_assessments(
        assessments, framework, settings or ScoringSettings(), source=source
    )
    return quality_of(analysis, framework, max(a.assessed_on for a in assessments))


def quality_schema() -> dict[str, Any]:
    """The JSON Schema of a framework quality analysis (``behaviours schema quality``)."""
    schema = FrameworkQuality.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "behaviours framework quality"
    return schema
