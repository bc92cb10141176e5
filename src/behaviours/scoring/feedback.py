"""360 feedback: self, others and the role groups anonymity allows, as arrays.

"Others" is every non-self rater, each weighted equally. Role groups are
filled only where ``anonymity`` shows them, figure by figure. Item-level
figures of "others" are published only where exactly the raters who have a
score for the behaviour answered the item: otherwise the behaviour figure
minus the item figures could isolate a rater who skipped an item (see
docs/privacy.md). Alpha and rwg use only published items.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from behaviours.responses import RATER_ROLES
from behaviours.results import ScoringSettings
from behaviours.scoring import anonymity, core, statistics
from behaviours.scoring.core import BoolArray
from behaviours.scoring.groups import (
    GroupStats,
    Scored,
    agreement,
    nas_counts,
    reduce_items,
    stats,
)
from behaviours.scoring.layout import FloatArray, Layout

__all__ = ["score_360"]

IntArray = npt.NDArray[np.int64]
_SELF = anonymity.ROLE_CODES["self"]


def _off_pattern(
    answered: BoolArray, publish: BoolArray, in_b: BoolArray, layout: Layout
) -> IntArray:
    """Raters with a behaviour score whose answered items differ from the published ones."""
    differs = (answered != publish[:, None, :]) & in_b
    per_rater = np.add.reduceat(differs, layout.starts, axis=2, dtype=np.int64) > 0
    return per_rater.sum(axis=1)  # type: ignore[no-any-return]


def published_items(
    y: FloatArray,
    scores: FloatArray,
    is_rater: BoolArray,
    others_ok: BoolArray,
    layout: Layout,
    min_raters: int,
) -> tuple[BoolArray, IntArray]:
    """Which item figures of "others" may be published (``S x I``), and the partial raters.

    An item needs every answerer to have a score for the behaviour and at least
    ``min_raters`` answers. Then the raters whose answered items differ from the
    published ones (W) must number 0 or at least ``min_raters``, since the
    behaviour figure minus the item figures is a figure about them alone. If
    not, only items every scored rater answered are kept, and if that still
    fails, none of the behaviour's items.
    """
    answered = ~np.isnan(y) & is_rater[:, :, None]
    in_b = ~np.isnan(scores)[:, :, layout.item_behaviour] & is_rater[:, :, None]
    n_items = answered.sum(axis=1)
    inside = ~(answered & ~in_b).any(axis=1)
    first = others_ok[:, layout.item_behaviour] & inside & (n_items >= min_raters)
    w_first = _off_pattern(answered, first, in_b, layout)
    n_b = in_b.sum(axis=1)
    second = first & (n_items == n_b)
    w_second = _off_pattern(answered, second, in_b, layout)
    bad_first = (w_first > 0) & (w_first < min_raters)
    bad_second = (w_second > 0) & (w_second < min_raters)
    fallback = np.where(bad_second[:, layout.item_behaviour], False, second)
    choice = np.where(bad_first[:, layout.item_behaviour], fallback, first)
    partial = np.where(bad_first, np.where(bad_second, n_b[:, layout.starts], w_second), w_first)
    return choice, partial


def score_360(
    layout: Layout,
    y: FloatArray,
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
    total = raters.sum(axis=1)
    too_few = total < m
    shown = anonymity.shown_groups(raters, m, show_manager=settings.show_manager)
    shown &= ~too_few[:, None]

    def nas_b(member: BoolArray) -> IntArray:
        return reduce_items(nas_counts(nas, member, (s, i)), layout)

    others = core.aggregate(scores, is_rater)
    roles = [core.aggregate(scores, mask) for mask in role_masks]
    n_roles = np.stack([np.where(shown[:, g, None], a.n, 0) for g, a in enumerate(roles)], axis=1)
    others_ok, roles_ok = anonymity.published(
        others.n, n_roles, shown, m, show_manager=settings.show_manager
    )
    others_ok &= ~too_few[:, None]
    behaviours: dict[str, GroupStats] = {
        "self": stats(core.aggregate(scores, is_self), nas_b(is_self), layout.lo, layout.hi),
        "others": stats(others, nas_b(is_rater), layout.lo, layout.hi, others_ok),
    }
    for g, role in enumerate(RATER_ROLES):
        behaviours[role] = stats(
            roles[g], nas_b(role_masks[g]), layout.lo, layout.hi, roles_ok[:, g], shown[:, g]
        )
    if layout.identity:  # one item per behaviour: its answerers are the behaviour's scorers
        items_ok, partial = others_ok, np.zeros_like(others.n)
    else:
        items_ok, partial = published_items(y, scores, is_rater, others_ok, layout, m)
    items: dict[str, GroupStats] = {}
    if layout.detail == "full":
        lo, hi = layout.item_lo, layout.item_hi
        items["self"] = stats(core.aggregate(y, is_self), nas_counts(nas, is_self, (s, i)), lo, hi)
        raw_items = core.aggregate(y, is_rater)
        items["others"] = stats(raw_items, nas_counts(nas, is_rater, (s, i)), lo, hi, items_ok)
    if layout.detail == "full":
        item_var = raw_items.sd**2
        # With every item published and no partial rater, the complete cases are exactly
        # the scored raters: alpha follows from published variances, no extra pass.
        n_ok = np.add.reduceat(items_ok, layout.starts, axis=1, dtype=np.int64)
        complete = (n_ok == layout.size) & (partial == 0) & (others.n >= 3)
        with np.errstate(divide="ignore", invalid="ignore"):
            sum_var = np.add.reduceat(item_var, layout.starts, axis=1)
            alpha = statistics.alpha(sum_var, others.sd**2 * layout.size**2, layout.size)
        alpha = np.where(complete, alpha, np.nan)
        alpha_n = np.where(np.isnan(alpha), 0, others.n)
    else:
        item_var = others.sd**2
        alpha, alpha_n = np.full(others.n.shape, np.nan), np.zeros_like(others.n)
    rwg, rwg_n = agreement(item_var, items_ok, others.n, layout)
    rwg = np.where(others_ok, rwg, np.nan)
    rwg_n = np.where(others_ok, rwg_n, 0)
    self_mean = behaviours["self"].mean
    gap = np.where(others_ok, self_mean - behaviours["others"].mean, np.nan)
    respondents = {"self": is_self.sum(axis=1), "others": total}
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
        rwg,
        rwg_n,
        gap,
        too_few,
        members,
        scores,
    )
