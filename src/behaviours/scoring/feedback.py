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
    *,
    role_masks: list[BoolArray],
    roles_ok: BoolArray,
    others_ok: BoolArray,
    manager_alone: BoolArray,
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
        fine = _enough(group_complete, m) & _enough(group_partial, m)
        if RATER_ROLES[g] == "manager":
            fine |= manager_alone[:, None]  # the one manager, shown alone by explicit choice
        ok &= fine
    return ok & _enough(rest_complete, m) & _enough(rest_partial, m)  # type: ignore[no-any-return]


def _item_figures(
    y: FloatArray,
    scores: FloatArray,
    *,
    complete: BoolArray,
    groups: tuple[BoolArray, BoolArray],
    nas: BoolArray | None,
    publish: BoolArray,
    layout: Layout,
) -> tuple[dict[str, GroupStats], FloatArray, FloatArray, IntArray]:
    """Item figures of self and "others", the item variances, and alpha (full detail)."""
    s, _, i = y.shape
    lo, hi = layout.item_lo, layout.item_hi
    is_self, raters = groups
    raw = core.aggregate(y, complete[:, :, layout.item_behaviour])
    items = {
        "self": stats(core.aggregate(y, is_self), nas_counts(nas, is_self, (s, i)), lo, hi),
        "others": stats(
            raw, nas_counts(nas, raters, (s, i)), lo, hi, publish=publish[:, layout.item_behaviour]
        ),
    }
    item_var = raw.sd**2
    totals = core.aggregate(np.where(complete, scores * layout.size, np.nan), None)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = statistics.alpha(item_sums(item_var, layout), totals.sd**2, layout.size)
    alpha = np.where(publish & (totals.n >= 3), value, np.nan)
    return items, item_var, alpha, np.where(np.isnan(alpha), 0, totals.n)


def score_360(
    layout: Layout,
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
    others_ok, roles_ok = anonymity.published(
        others.n, n_roles, shown, m, manager_alone=manager_alone
    )
    others_ok &= ~too_few[:, None]
    lo, hi = layout.lo, layout.hi
    behaviours: dict[str, GroupStats] = {
        "self": stats(core.aggregate(scores, is_self), nas_b(is_self), lo, hi),
        "others": stats(others, nas_b(is_rater), lo, hi, publish=others_ok),
    }
    for g, role in enumerate(RATER_ROLES):
        behaviours[role] = stats(
            roles[g], nas_b(role_masks[g]), lo, hi, publish=roles_ok[:, g], shown=shown[:, g]
        )
    complete = (answered == layout.size) & is_rater[:, :, None]
    items: dict[str, GroupStats] = {}
    alpha, alpha_n = np.full(others.n.shape, np.nan), np.zeros_like(others.n)
    item_var, items_ok = others.sd**2, others_ok
    if layout.detail == "full":
        scored = ~np.isnan(scores) & is_rater[:, :, None]
        if not layout.identity:
            items_ok = published_items(
                complete,
                scored,
                role_masks=role_masks,
                roles_ok=roles_ok,
                others_ok=others_ok,
                manager_alone=manager_alone,
                settings=settings,
            )
        items, item_var, alpha, alpha_n = _item_figures(
            y,
            scores,
            complete=complete,
            groups=(is_self, is_rater),
            nas=nas,
            publish=items_ok,
            layout=layout,
        )
    rwg, rwg_n = agreement(item_var, items_ok[:, layout.item_behaviour], others.n, layout)
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
        {"others": complete[:, :, layout.item_behaviour]},
    )
