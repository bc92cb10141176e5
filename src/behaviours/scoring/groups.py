"""From keyed ratings to the statistics of every group: the one engine behind all kinds.

Quick and full self-assessments have one group ("self"), team assessments
one ("member"), a 360 the self-assessment, "others" (every non-self rater)
and each rater role, of which only the ones ``anonymity`` allows are filled.
Agreement (rwg) is computed for a team's members and a 360's other raters,
from the variances of the items that are themselves published. A full team,
like a full 360, is scored item first: its behaviour figures are built from
its published item figures (``atom_figures``), so they are functions of each
item's answers, never of which answers one member gave together; for the same
reason Cronbach's alpha is withheld (docs/privacy.md).
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
    "AgreementArrays",
    "GroupStats",
    "Scored",
    "agreement",
    "atom_figures",
    "contributors",
    "item_first",
    "nas_counts",
    "present_respondents",
    "reduce_items",
    "score_groups",
    "shared_gap",
    "stats",
    "too_few_items",
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
    rwg_star: FloatArray
    rwg_n: IntArray
    gap: FloatArray
    insufficient_raters: BoolArray
    members: dict[str, BoolArray | None]
    scores: FloatArray
    item_used: dict[str, BoolArray] = field(default_factory=dict)  # full 360, team: S x I


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
    insufficient: BoolArray | None = None,
) -> GroupStats:
    """A group's published statistics: NaN where insufficient, withheld or not shown.

    ``insufficient`` defaults to "nobody answered" (``n == 0``); an item-first group
    passes ``too_few_items``, since its figure needs answers to ``need`` items.
    """
    n = agg.n
    figures = [agg.mean, agg.sd, agg.min, agg.max, agg.ci_low, agg.ci_high]
    if insufficient is None:  # rater first: nobody answered, so every figure is NaN already
        insufficient = n == 0
    elif insufficient.any():  # item first: too few items, nothing but n (docs/scoring.md)
        figures = [np.where(insufficient, np.nan, f) for f in figures]
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


@dataclass(frozen=True, eq=False)
class AgreementArrays:
    """rwg(J), r*wg(J) and the respondents they rest on, ``S x B``; NaN where withheld."""

    rwg: FloatArray
    rwg_star: FloatArray
    n: IntArray

    def where(self, keep: BoolArray) -> AgreementArrays:
        """Only where ``keep`` (a published behaviour): elsewhere NaN and n 0."""
        nan = np.float64(np.nan)
        return AgreementArrays(
            np.where(keep, self.rwg, nan),
            np.where(keep, self.rwg_star, nan),
            np.where(keep, self.n, 0),
        )


def agreement(
    item_var: FloatArray,
    items_ok: BoolArray | None,
    n: IntArray,
    layout: ItemLayout,
    min_n: int,
) -> AgreementArrays:
    """rwg(J) and r*wg(J) per behaviour from the group's item variances (``S x I``) and ``n``.

    Only items with a variance (two answers or more) count towards J, and in a
    360 only items whose figures are published. Both need ``min_n`` respondents
    (``ScoringSettings.min_rwg_raters``): below it they are NaN, and ``n`` says
    how many there were.
    """
    usable = ~np.isnan(item_var)
    if items_ok is not None:
        usable &= items_ok
    j = item_sums(usable, layout, np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_var = item_sums(np.where(usable, item_var, 0.0), layout) / j
    mean_var = np.where((n >= 2) & (j >= 1), mean_var, np.nan)
    computed = ~np.isnan(mean_var)
    mean_var = np.where(n >= min_n, mean_var, np.nan)
    null = layout.null_variance
    return AgreementArrays(
        statistics.rwg(mean_var, j, null),
        statistics.rwg_star(mean_var, null),
        np.where(computed, n, 0),
    )


def too_few_items(item_n: IntArray, layout: ItemLayout) -> BoolArray:
    """Behaviours (``S x B``) whose items the group answered are fewer than ``need``.

    An item-first figure is insufficient then, as a respondent's score is: too few
    items answered, whatever anonymity would allow (that is ``suppressed``).
    """
    return item_sums(item_n > 0, layout, np.int64) < layout.need


def contributors(
    answered: BoolArray, member: BoolArray | None, used: BoolArray, layout: ItemLayout
) -> IntArray:
    """Respondents (of ``member``, ``S x R``) who answered at least one ``used`` item, ``S x B``.

    The ``n`` of an item-first figure: the people whose answers it is made of.
    """
    take = answered & used[:, None, :]
    if member is not None:
        take &= member[:, :, None]
    return (item_sums(take, layout, np.int64) > 0).sum(axis=1)  # type: ignore[no-any-return]


def shared_gap(
    self_items: FloatArray, others_items: FloatArray, used: BoolArray, layout: ItemLayout
) -> FloatArray:
    """Self minus others over the items both have (``S x B``): the self's answer and others'
    used item mean; NaN when those shared items are fewer than ``need``.

    Both sides then describe the same items, so a gap is never one item set against
    another (issue 11); it is the mean over those items of ``self_i - others_i``.
    """
    shared = used & ~np.isnan(self_items) & ~np.isnan(others_items)
    gap, k = item_first(np.where(shared, self_items - others_items, 0.0), shared, layout)
    return np.where(k >= layout.need, gap, np.nan)


def item_first(
    item_mean: FloatArray, used: BoolArray, layout: ItemLayout
) -> tuple[FloatArray, IntArray]:
    """The mean of the used item means per behaviour (``S x B``), and how many items it uses."""
    k = item_sums(used, layout, np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean: FloatArray = item_sums(np.where(used, item_mean, 0.0), layout) / k
    return mean, k


def _behaviour_extreme(
    values: FloatArray, used: BoolArray, layout: ItemLayout, *, low: bool
) -> FloatArray:
    """The lowest (or highest) of the used items' values per behaviour; NaN when none is used."""
    fill = np.inf if low else -np.inf
    picked = np.where(used, values, fill)
    reduce = np.minimum if low else np.maximum
    out: FloatArray = reduce.reduceat(picked, layout.starts, axis=-1)
    return np.where(np.isinf(out), np.nan, out)


def atom_figures(
    per_item: Aggregate, used: BoolArray, n: IntArray, layout: ItemLayout
) -> Aggregate:
    """A full 360 group's or full team's behaviour figures (``S x B``) from its items' (``S x I``).

    Only the ``used`` items count, and only through each item's answers, so every
    figure is a function of the per-item answer atoms:

    - mean: the mean of the used item means;
    - sd: the mean of the used item SDs (each needs two answers), an upper bound of
      the SD of the raters' behaviour scores when everyone answers every item;
    - min, max: the lowest and highest answer to a used item;
    - interval: ``mean -/+ t(min n_i - 1) * mean(sd_i / sqrt(n_i))``, conservative
      whatever the items' correlation (the SD of a mean is at most the mean of SDs).

    ``n`` is the group's respondents who answered a used item (``contributors``), so
    every figure, ``n`` included, describes the same answers.
    """
    mean, k = item_first(per_item.mean, used, layout)
    with np.errstate(divide="ignore", invalid="ignore"):
        sd = item_sums(np.where(used, per_item.sd, 0.0), layout) / k
        se = item_sums(np.where(used, per_item.sd / np.sqrt(per_item.n), 0.0), layout) / k
    fewest = _behaviour_extreme(per_item.n.astype(np.float64), used, layout, low=True)
    half = statistics.t_975(np.nan_to_num(fewest, nan=0.0) - 1) * se
    half = np.where(np.isnan(se) | (np.nan_to_num(fewest) < 2), np.nan, half)
    low = _behaviour_extreme(per_item.min, used, layout, low=True)
    high = _behaviour_extreme(per_item.max, used, layout, low=False)
    return Aggregate(n, mean, sd, low, high, mean - half, mean + half)


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

    A full team is scored item first, like a full 360 (``_team_items``); a 360 is
    scored by ``behaviours.scoring.feedback360.score_360``.
    """
    scores, _ = core.behaviour_scores(y, layout)
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
    items: dict[str, GroupStats] = {}
    used: dict[str, BoolArray] = {}
    if full:
        per_item = core.aggregate(y, None)
        item_ok = None if shown is None else shown & (per_item.n >= settings.min_team)
        items[head] = stats(
            per_item, nas_counts(nas, None, (s, i)), layout.item_lo, layout.item_hi, publish=item_ok
        )
        if item_ok is not None and shown is not None and not layout.identity:
            agg, publish_b = _team_items(y, per_item, item_ok, shown, layout)
            used[head] = item_ok
    few = too_few_items(per_item.n, layout) if head in used else None
    behaviours = {
        head: stats(agg, n_nas, layout.lo, layout.hi, publish=publish_b, insufficient=few)
    }
    rwg = AgreementArrays(nan_b, nan_b, zero_b)
    if r >= 2:
        spread = items[head].sd if full else behaviours[head].sd
        n_rwg = behaviours[head].n
        rwg = agreement(spread**2, None, n_rwg, layout, settings.min_rwg_raters)
        if publish_b is not None:
            rwg = rwg.where(publish_b)
    return Scored(
        head,
        {head: present.sum(axis=1)},
        np.zeros((s, 0), dtype=np.bool_),
        behaviours,
        items,
        nan_b,  # alpha: withheld in a full team too (docs/privacy.md)
        zero_b,
        rwg.rwg,
        rwg.rwg_star,
        rwg.n,
        nan_b,
        np.zeros(s, dtype=np.bool_),
        {head: None},
        scores,
        used,
    )


def _team_items(
    y: FloatArray, per_item: Aggregate, item_ok: BoolArray, shown: BoolArray, layout: ItemLayout
) -> tuple[Aggregate, BoolArray]:
    """A full team's behaviour figures item first, from its published items (as a full 360).

    A member who said "not able to say" to an item weighs the same in the behaviour
    figures as in the item figures, so no difference of them is one member's answer.
    ``n`` is the members who answered a published item; the behaviour is published
    when the team is shown and its published items are at least ``need`` (each has
    ``min_team`` answers, so then ``n`` has too).
    """
    n = contributors(~np.isnan(y), None, item_ok, layout)
    figures = atom_figures(per_item, item_ok, n, layout)
    enough = item_sums(item_ok, layout, np.int64) >= layout.need
    return figures, shown & enough


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
