"""360 feedback: self, others and the role groups anonymity allows, as arrays.

"Others" is every non-self rater, each weighted equally. Role groups are
filled only where ``anonymity`` shows them, figure by figure, and get
behaviour figures only. A quick 360 (one item per behaviour) is scored rater
by rater. A full 360 is scored item first: a group's behaviour mean is the
mean of its published item means, each over the raters who answered that
item. Every published mean is then a sum over per-item answer sets ("atoms")
of 0 or at least ``min_raters`` answers, so no difference of figures isolates
a rater who skipped an item, as it could with rater-first behaviour means
next to item means (docs/privacy.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from behaviours.frameworks.kinds import RATER_ROLES
from behaviours.scoring import anonymity, core, statistics
from behaviours.scoring.core import Aggregate
from behaviours.scoring.groups import (
    GroupStats,
    Scored,
    agreement,
    nas_counts,
    reduce_items,
    stats,
)
from behaviours.scoring.item_layout import ItemLayout, item_sums
from behaviours.scoring.settings import ScoringSettings
from behaviours.scoring.types import BoolArray, FloatArray, IntArray

__all__ = ["item_first", "score_360"]

_SELF = anonymity.ROLE_CODES["self"]


def _item_means(y: FloatArray, member: BoolArray) -> tuple[IntArray, FloatArray]:
    """Answers and mean per item (``S x I``) of ``member``'s raters.

    Keyed answers are whole numbers, so their float sums are exact in any
    order: unlike behaviour scores, they need no sorting to be order-independent.
    """
    ok = member[:, :, None] & ~np.isnan(y)
    n = np.count_nonzero(ok, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean: FloatArray = np.where(ok, y, 0.0).sum(axis=1) / n
    return n, mean


def item_first(
    item_mean: FloatArray, used: BoolArray, layout: ItemLayout
) -> tuple[FloatArray, IntArray]:
    """The mean of the used item means per behaviour (``S x B``), and how many items it uses."""
    k = item_sums(used, layout, np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean: FloatArray = item_sums(np.where(used, item_mean, 0.0), layout) / k
    return mean, k


def _centred(agg: Aggregate, mean: FloatArray) -> Aggregate:
    """Rater-level SD and range of ``agg``, with the interval around the item-first ``mean``."""
    ci_low, ci_high = statistics.confidence_interval(mean, agg.sd, agg.n)
    return Aggregate(agg.n, mean, agg.sd, agg.min, agg.max, ci_low, ci_high)


@dataclass(frozen=True, eq=False)
class _ItemFirst:
    """A full 360's item figures of "others" and which items each group's behaviour mean uses."""

    others: Aggregate  # S x I, over the raters who answered each item
    used: dict[str, BoolArray]  # group -> S x I
    means: dict[str, FloatArray]  # group -> S x B, item-first
    enough: dict[str, BoolArray]  # group -> S x B: uses at least ``need`` items

    @classmethod
    def of(
        cls,
        y: FloatArray,
        *,
        is_rater: BoolArray,
        role_masks: list[BoolArray],
        shown: BoolArray,
        manager_alone: BoolArray,
        too_few: BoolArray,
        layout: ItemLayout,
        min_raters: int,
    ) -> _ItemFirst:
        """Per item: others publish with ``min_raters`` answers; a shown role is used when it
        has as many (a sole shown manager: any) and the answers of the rest are 0 or as many,
        folding the smallest used role until they are (``anonymity.published``)."""
        raw = core.aggregate(y, is_rater)
        role_items = [_item_means(y, mask) for mask in role_masks]
        n_roles = np.stack([n for n, _ in role_items], axis=1)
        others_ok, roles_used = anonymity.published(
            raw.n, n_roles, shown, min_raters, manager_alone=manager_alone
        )
        used = {"others": others_ok & ~too_few[:, None]}
        item_means = {"others": raw.mean}
        for g, role in enumerate(RATER_ROLES):
            used[role] = roles_used[:, g]
            item_means[role] = role_items[g][1]
        means, enough = {}, {}
        for group, mask in used.items():
            means[group], k = item_first(item_means[group], mask, layout)
            enough[group] = k >= layout.need
        return cls(raw, used, means, enough)


def _item_range(layout: ItemLayout) -> tuple[FloatArray, FloatArray]:
    return layout.item_lo, layout.item_hi


def _alpha(
    y: FloatArray,
    scores: FloatArray,
    complete: BoolArray,
    layout: ItemLayout,
    *,
    min_raters: int,
    publish: BoolArray,
) -> tuple[FloatArray, IntArray]:
    """Cronbach's alpha over the complete raters, where there are ``max(3, min_raters)``
    and others' behaviour figures are published."""
    var = core.aggregate(y, complete[:, :, layout.item_behaviour]).sd ** 2
    totals = core.aggregate(np.where(complete, scores * layout.size, np.nan), None)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = statistics.alpha(item_sums(var, layout), totals.sd**2, layout.size)
    value = np.where(publish & (totals.n >= max(3, min_raters)), value, np.nan)
    return value, np.where(np.isnan(value), 0, totals.n)


def score_360(
    layout: ItemLayout,
    y: FloatArray,
    *,
    codes: npt.NDArray[np.int8],
    nas: BoolArray | None,
    settings: ScoringSettings,
) -> Scored:
    """Self, others and shown role groups of a 360 batch from keyed ratings ``y``."""
    m = settings.min_raters
    scores, answered = core.behaviour_scores(y, layout)
    s, _, i = y.shape
    is_self = codes == _SELF
    is_rater = np.isin(codes, anonymity.RATER_CODES)
    role_masks = [codes == code for code in anonymity.RATER_CODES]
    raters = np.stack([mask.sum(axis=1) for mask in role_masks], axis=1).astype(np.int64)
    too_few = raters.sum(axis=1) < m
    shown = anonymity.shown_groups(raters, m, show_manager=settings.show_manager)
    shown &= ~too_few[:, None]
    manager_alone = anonymity.sole_manager(raters, shown)

    def nas_b(member: BoolArray) -> IntArray:
        return reduce_items(nas_counts(nas, member, (s, i)), layout)

    others = core.aggregate(scores, is_rater)
    roles = [core.aggregate(scores, mask) for mask in role_masks]
    n_roles = np.stack([np.where(shown[:, g, None], a.n, 0) for g, a in enumerate(roles)], axis=1)
    full = None
    if layout.detail == "full" and not layout.identity:
        full = _ItemFirst.of(
            y,
            is_rater=is_rater,
            role_masks=role_masks,
            shown=shown,
            manager_alone=manager_alone,
            too_few=too_few,
            layout=layout,
            min_raters=m,
        )
        others = _centred(others, full.means["others"])
        for g, role in enumerate(RATER_ROLES):
            roles[g] = _centred(roles[g], full.means[role])
            n_roles[:, g] = np.where(full.enough[role], n_roles[:, g], 0)  # refolded below
    others_ok, roles_ok = anonymity.published(
        others.n, n_roles, shown, m, manager_alone=manager_alone
    )
    others_ok &= ~too_few[:, None]
    if full is not None:
        others_ok &= full.enough["others"]
    lo, hi = layout.lo, layout.hi
    behaviours: dict[str, GroupStats] = {
        "self": stats(core.aggregate(scores, is_self), nas_b(is_self), lo, hi),
        "others": stats(others, nas_b(is_rater), lo, hi, publish=others_ok),
    }
    for g, role in enumerate(RATER_ROLES):
        behaviours[role] = stats(
            roles[g], nas_b(role_masks[g]), lo, hi, publish=roles_ok[:, g], shown=shown[:, g]
        )
    items: dict[str, GroupStats] = {}
    alpha, alpha_n = np.full(others.n.shape, np.nan), np.zeros_like(others.n)
    item_var, rwg_items = others.sd**2, None
    if layout.detail == "full":
        nas_others = nas_counts(nas, is_rater, (s, i))
        if full is not None:
            item_var, rwg_items = full.others.sd**2, full.used["others"]
            others_items = stats(full.others, nas_others, *_item_range(layout), publish=rwg_items)
        else:  # one item per behaviour: the items are the behaviours
            others_items = stats(others, nas_others, *_item_range(layout), publish=others_ok)
        self_items = core.aggregate(y, is_self)
        items = {
            "self": stats(self_items, nas_counts(nas, is_self, (s, i)), *_item_range(layout)),
            "others": others_items,
        }
        complete = (answered == layout.size) & is_rater[:, :, None]
        alpha, alpha_n = _alpha(y, scores, complete, layout, min_raters=m, publish=others_ok)
    rwg, rwg_n = agreement(item_var, rwg_items, others.n, layout)
    respondents = {"self": is_self.sum(axis=1), "others": raters.sum(axis=1)}
    for g, role in enumerate(RATER_ROLES):
        respondents[role] = np.where(shown[:, g], raters[:, g], 0)
    members: dict[str, BoolArray | None] = {"self": is_self, "others": is_rater}
    members.update(zip(RATER_ROLES, role_masks, strict=True))
    return Scored(
        "others",
        respondents,
        shown,
        behaviours,
        items,
        alpha,
        alpha_n,
        np.where(others_ok, rwg, np.nan),
        np.where(others_ok, rwg_n, 0),
        np.where(others_ok, behaviours["self"].mean - others.mean, np.nan),
        too_few,
        members,
        scores,
        {} if full is None else full.used,
    )
