"""360 feedback: self, others and the role groups anonymity allows, as arrays.

"Others" is every non-self rater, each weighted equally. Role groups are
filled only where ``anonymity`` shows them, figure by figure, and get
behaviour figures only. Item figures of "others" are computed over the raters
who answered all of the behaviour's items and published only where that
cannot single anyone out (``published_items``; docs/privacy.md). Alpha and
rwg use the same complete raters and published items.
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
from behaviours.scoring.layout import FloatArray, Layout, item_sums

__all__ = ["score_360"]

IntArray = npt.NDArray[np.int64]
_SELF = anonymity.ROLE_CODES["self"]


def _enough(n: IntArray, m: int) -> BoolArray:
    return (n == 0) | (n >= m)  # type: ignore[no-any-return]


def published_items(
    complete: BoolArray,
    scored: BoolArray,
    role_masks: list[BoolArray],
    roles_ok: BoolArray,
    others_ok: BoolArray,
    settings: ScoringSettings,
) -> BoolArray:
    """Whether the item figures of "others" may be published, per subject and behaviour.

    Item figures are computed over the raters who answered every item of the
    behaviour (``complete``, ``S x R x B``), so that they and the behaviour
    figure are sums over whole groups: the behaviour figure minus the item
    figures is then the figure of the incomplete raters. Hence every group of
    raters the published figures tell apart (each shown role group and the
    folded rest, each split into complete and incomplete raters) must number
    0 or at least ``min_raters``, and the complete raters at least ``min_raters``.
    """
    m = settings.min_raters
    partial = scored & ~complete
    n_complete = complete.sum(axis=1)
    ok = others_ok & (n_complete >= m)
    rest_complete, rest_partial = n_complete, partial.sum(axis=1)
    for g, mask in enumerate(role_masks):
        shown = roles_ok[:, g]
        in_group = mask[:, :, None]
        group_complete = np.where(shown, (complete & in_group).sum(axis=1), 0)
        group_partial = np.where(shown, (partial & in_group).sum(axis=1), 0)
        rest_complete = rest_complete - group_complete
        rest_partial = rest_partial - group_partial
        if settings.show_manager and RATER_ROLES[g] == "manager":
            continue  # shown on their own by explicit choice
        ok &= _enough(group_complete, m) & _enough(group_partial, m)
    return ok & _enough(rest_complete, m) & _enough(rest_partial, m)  # type: ignore[no-any-return]


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
    scored = ~np.isnan(scores) & is_rater[:, :, None]
    complete = (answered == layout.size) & is_rater[:, :, None]
    if layout.identity:  # one item per behaviour: its answerers are the behaviour's scorers
        beh_ok = others_ok
    else:
        beh_ok = published_items(complete, scored, role_masks, roles_ok, others_ok, settings)
    items_ok = beh_ok[:, layout.item_behaviour]
    items: dict[str, GroupStats] = {}
    alpha, alpha_n = np.full(others.n.shape, np.nan), np.zeros_like(others.n)
    item_var = others.sd**2
    if layout.detail == "full":
        lo, hi = layout.item_lo, layout.item_hi
        items["self"] = stats(core.aggregate(y, is_self), nas_counts(nas, is_self, (s, i)), lo, hi)
        raw_items = core.aggregate(y, complete[:, :, layout.item_behaviour])
        items["others"] = stats(raw_items, nas_counts(nas, is_rater, (s, i)), lo, hi, items_ok)
        item_var = raw_items.sd**2
        totals = core.aggregate(np.where(complete, scores * layout.size, np.nan), None)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = statistics.alpha(item_sums(item_var, layout), totals.sd**2, layout.size)
        alpha = np.where(beh_ok & (totals.n >= 3), value, np.nan)
        alpha_n = np.where(np.isnan(alpha), 0, totals.n)
    rwg, rwg_n = agreement(item_var, items_ok, others.n, layout)
    rwg = np.where(others_ok, rwg, np.nan)
    rwg_n = np.where(others_ok, rwg_n, 0)
    self_mean = behaviours["self"].mean
    gap = np.where(others_ok, self_mean - behaviours["others"].mean, np.nan)
    respondents = {"self": is_self.sum(axis=1), "others": total}
    for g, role in enumerate(RATER_ROLES):
        respondents[role] = np.where(shown[:, g], raters[:, g], 0)
    members: dict[str, BoolArray | None] = {"self": is_self, "others": is_rater}
    item_members = {"others": complete[:, :, layout.item_behaviour]}
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
        item_members,
    )
