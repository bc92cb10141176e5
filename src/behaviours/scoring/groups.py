"""From keyed ratings to the statistics of every group: the one engine behind all kinds.

Quick and full self-assessments have one group ("self"), team assessments
one ("member"), a 360 the self-assessment, "others" (every non-self rater)
and each rater role, of which only the ones ``anonymity`` allows are filled.
Agreement (rwg) and reliability (alpha) are computed for a team's members and
a 360's other raters, over the items that are themselves published.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from behaviours.frameworks.kinds import AssessmentKind
from behaviours.scoring import anonymity, core, statistics
from behaviours.scoring.core import Aggregate
from behaviours.scoring.item_layout import ItemLayout, item_sums
from behaviours.scoring.settings import ScoringSettings
from behaviours.scoring.types import BoolArray, FloatArray, IntArray

__all__ = [
    "GroupStats",
    "Scored",
    "agreement",
    "cronbach",
    "nas_counts",
    "present_respondents",
    "reduce_items",
    "score_groups",
    "stats",
]


@dataclass(frozen=True, eq=False)
class GroupStats:
    """One group's statistics, ``S x K`` (behaviours or items); NaN where there is no figure."""

    n: IntArray
    n_not_able_to_say: IntArray
    mean: FloatArray
    normalised: FloatArray
    sd: FloatArray
    min: FloatArray
    max: FloatArray
    ci_low: FloatArray
    ci_high: FloatArray
    insufficient: BoolArray
    suppressed: BoolArray


@dataclass(frozen=True, eq=False)
class Scored:
    """Everything ``score_groups`` computes, before it is wrapped as ``BatchScores``."""

    headline: str
    respondents: dict[str, IntArray]
    shown: BoolArray
    behaviours: dict[str, GroupStats]
    items: dict[str, GroupStats]
    alpha: FloatArray
    alpha_n: IntArray
    rwg: FloatArray
    rwg_n: IntArray
    gap: FloatArray
    insufficient_raters: BoolArray
    members: dict[str, BoolArray | None]
    scores: FloatArray
    item_used: dict[str, BoolArray] = field(default_factory=dict)  # full 360: S x I per group


def nas_counts(nas: BoolArray | None, member: BoolArray | None, shape: tuple[int, int]) -> IntArray:
    if nas is None:
        return np.broadcast_to(np.int64(0), shape)
    if member is not None:
        nas = nas & member[:, :, None]
    if nas.shape[1] == 1:
        return nas[:, 0, :].view(np.int8)
    return nas.sum(axis=1)  # type: ignore[no-any-return]


def stats(
    agg: Aggregate,
    n_nas: IntArray,
    lo: FloatArray,
    hi: FloatArray,
    *,
    publish: BoolArray | None = None,
    shown: BoolArray | None = None,
) -> GroupStats:
    n = agg.n
    insufficient = n == 0
    figures = [agg.mean, agg.sd, agg.min, agg.max, agg.ci_low, agg.ci_high]
    if publish is None:
        suppressed = np.broadcast_to(np.False_, n.shape)
    else:
        suppressed = ~publish & ~insufficient
        figures = [np.where(publish, f, np.nan) for f in figures]
    if shown is not None:  # a role not shown on its own: nothing about it, not even n
        n = np.where(shown[:, None], n, 0)
        n_nas = np.where(shown[:, None], n_nas, 0)
        insufficient = insufficient & shown[:, None]
        suppressed = suppressed | ~shown[:, None]
    mean, sd, low, high, ci_low, ci_high = figures
    normalised = mean - lo
    normalised *= 100 / (hi - lo)
    return GroupStats(
        n, n_nas, mean, normalised, sd, low, high, ci_low, ci_high, insufficient, suppressed
    )


def agreement(
    item_var: FloatArray, items_ok: BoolArray | None, n: IntArray, layout: ItemLayout
) -> tuple[FloatArray, IntArray]:
    """rwg(J) per behaviour from the group's item variances (``S x I``) and scored ``n``.

    Only items with a variance (two answers or more) count towards J, and in a
    360 only items whose figures are published.
    """
    usable = ~np.isnan(item_var)
    if items_ok is not None:
        usable &= items_ok
    j = item_sums(usable, layout, np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_var = item_sums(np.where(usable, item_var, 0.0), layout) / j
    value = statistics.rwg(np.where(n >= 2, mean_var, np.nan), j, layout.points)
    return value, np.where(np.isnan(value), 0, n)


def cronbach(
    y: FloatArray, scores: FloatArray, answered: IntArray, layout: ItemLayout
) -> tuple[FloatArray, IntArray]:
    """Cronbach's alpha per behaviour over the respondents who answered all its items."""
    complete = answered == layout.size
    var = core.aggregate(y, complete[:, :, layout.item_behaviour]).sd ** 2
    item_var_sum = item_sums(var, layout)
    totals = core.aggregate(np.where(complete, scores * layout.size, np.nan), None)
    value = statistics.alpha(item_var_sum, totals.sd**2, layout.size)
    value = np.where(totals.n >= 3, value, np.nan)
    return value, np.where(np.isnan(value), 0, totals.n)


def score_groups(
    kind: AssessmentKind,
    layout: ItemLayout,
    y: FloatArray,
    *,
    codes: npt.NDArray[np.int8] | None,
    nas: BoolArray | None,
    settings: ScoringSettings,
) -> Scored:
    """The group statistics of a quick, full or team batch from keyed ratings ``y`` (``S x R x I``).

    A 360 is scored by ``behaviours.scoring.feedback360.score_360``.
    """
    scores, answered = core.behaviour_scores(y, layout)
    s, r, i = y.shape
    b = len(layout.behaviour_ids)
    full = layout.detail == "full"
    nan_b = np.broadcast_to(np.float64(np.nan), (s, b))
    zero_b = np.broadcast_to(np.int64(0), (s, b))
    present = present_respondents(y, codes, nas)
    head = "member" if kind == "team" else "self"
    # A team below ``min_team`` members publishes no figure: two would read each other's.
    # Per figure too: "not able to say" can leave fewer answers than members.
    shown = None if kind != "team" else (present.sum(axis=1) >= settings.min_team)[:, None]
    agg = core.aggregate(scores, None)
    n_nas = reduce_items(nas_counts(nas, None, (s, i)), layout)
    publish_b = None if shown is None else shown & (agg.n >= settings.min_team)
    behaviours = {head: stats(agg, n_nas, layout.lo, layout.hi, publish=publish_b)}
    items = {}
    if full:
        per_item = core.aggregate(y, None)
        items[head] = stats(
            per_item,
            nas_counts(nas, None, (s, i)),
            layout.item_lo,
            layout.item_hi,
            publish=None if shown is None else shown & (per_item.n >= settings.min_team),
        )
    alpha, alpha_n, rwg, rwg_n = nan_b, zero_b, nan_b, zero_b
    if r >= 2:
        spread = items[head].sd if full else behaviours[head].sd
        rwg, rwg_n = agreement(spread**2, None, agg.n, layout)  # unpublished items: NaN
        if full:
            alpha, alpha_n = cronbach(y, scores, answered, layout)
        if publish_b is not None:
            ok = publish_b & (alpha_n >= settings.min_team)
            rwg, rwg_n = np.where(publish_b, rwg, np.nan), np.where(publish_b, rwg_n, 0)
            alpha, alpha_n = np.where(ok, alpha, np.nan), np.where(ok, alpha_n, 0)
    return Scored(
        head,
        {head: present.sum(axis=1)},
        np.zeros((s, 0), dtype=np.bool_),
        behaviours,
        items,
        alpha,
        alpha_n,
        rwg,
        rwg_n,
        nan_b,
        np.zeros(s, dtype=np.bool_),
        {head: None},
        scores,
    )


def present_respondents(
    y: FloatArray, codes: npt.NDArray[np.int8] | None, nas: BoolArray | None
) -> BoolArray:
    """Who responded (``S x R``): a role that is not padding, else any answer at all."""
    if codes is not None:
        present: BoolArray = codes != anonymity.ABSENT
    elif nas is None:
        present = ~np.asarray(np.isnan(y).all(axis=2), dtype=np.bool_)
    else:
        present = ~np.asarray((np.isnan(y) & ~nas).all(axis=2), dtype=np.bool_)
    return present


def reduce_items(per_item: IntArray, layout: ItemLayout) -> IntArray:
    if layout.identity:
        return per_item
    return item_sums(per_item, layout)
