"""360 feedback: self, others and the role groups anonymity allows, as arrays.

"Others" is every non-self rater, each weighted equally. Role groups are
filled only where ``anonymity`` shows them, figure by figure, and get
behaviour figures only. A quick 360 (one item per behaviour) is scored rater
by rater: a rater's score is their one answer. A full 360 is scored item
first, and every figure of a rater group is built from per-item answers only:
per item, the answers split into "atoms" (each role used for the item and the
rest) of 0 or at least ``min_raters`` answers, and every published figure is
a function of the atoms' answers, never of which answers one rater gave
together. So the mean is the mean of the used item means, the SD the mean of
their SDs, min and max the lowest and highest answer, the interval the
conservative one from the item SDs, ``n`` the raters who gave one of those
answers (one population per figure), the gap the self against others over the
items both have, and Cronbach's alpha (which rests on how each rater's answers
go together) is withheld (docs/privacy.md, docs/scoring.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from behaviours.frameworks.kinds import RATER_ROLES
from behaviours.scoring import anonymity, core
from behaviours.scoring.core import Aggregate
from behaviours.scoring.groups import (
    AgreementArrays,
    GroupStats,
    Scored,
    agreement,
    atom_figures,
    contributors,
    item_first,
    nas_counts,
    reduce_items,
    shared_gap,
    stats,
    too_few_items,
)
from behaviours.scoring.item_layout import ItemLayout, item_sums
from behaviours.scoring.settings import ScoringSettings
from behaviours.scoring.types import BoolArray, FloatArray, IntArray

__all__ = ["item_first", "score_360"]

_SELF = anonymity.ROLE_CODES["self"]


@dataclass(frozen=True, eq=False)
class _Raters:
    """Who is who in a 360 batch, and which role groups are shown on their own."""

    is_self: BoolArray  # S x R
    is_rater: BoolArray  # S x R
    role_masks: list[BoolArray]  # per rater role, S x R
    counts: IntArray  # S x roles
    too_few: BoolArray  # S
    shown: BoolArray  # S x roles
    manager_alone: BoolArray  # S

    @classmethod
    def of(cls, codes: npt.NDArray[np.int8], settings: ScoringSettings) -> _Raters:
        m = settings.min_raters
        role_masks = [codes == code for code in anonymity.RATER_CODES]
        counts = np.stack([mask.sum(axis=1) for mask in role_masks], axis=1).astype(np.int64)
        too_few = counts.sum(axis=1) < m
        shown = anonymity.shown_groups(counts, m, show_manager=settings.show_manager)
        shown &= ~too_few[:, None]
        return cls(
            codes == _SELF,
            np.isin(codes, anonymity.RATER_CODES),
            role_masks,
            counts,
            too_few,
            shown,
            anonymity.sole_manager(counts, shown),
        )


@dataclass(frozen=True, eq=False)
class _Groups:
    """The behaviour aggregates of "others" and each role, and which may be published."""

    others: Aggregate
    roles: list[Aggregate]
    others_ok: BoolArray  # S x B
    roles_ok: BoolArray  # S x roles x B
    others_items: Aggregate | None = None  # full 360: S x I, over the raters who answered
    used: dict[str, BoolArray] | None = None  # full 360: group -> S x I
    few_items: dict[str, BoolArray] | None = None  # full 360: group -> S x B, too_few_items


def _quick_groups(scores: FloatArray, who: _Raters, m: int) -> _Groups:
    """One item per behaviour: a rater's score is their answer, so rater level is answer level."""
    others = core.aggregate(scores, who.is_rater)
    roles = [core.aggregate(scores, mask) for mask in who.role_masks]
    n_roles = np.stack([np.where(who.shown[:, g, None], a.n, 0) for g, a in enumerate(roles)], 1)
    others_ok, roles_ok = anonymity.published(
        others.n, n_roles, who.shown, m, manager_alone=who.manager_alone
    )
    return _Groups(others, roles, others_ok & ~who.too_few[:, None], roles_ok)


def _full_groups(y: FloatArray, who: _Raters, layout: ItemLayout, m: int) -> _Groups:
    """Item first: per item, others publish with ``m`` answers; a shown role is used when it
    has as many (a sole shown manager: any) and the rest are 0 or as many, folding the
    smallest used role until they are; behaviour figures come from the used items only."""
    raw = core.aggregate(y, who.is_rater)
    role_items = [core.aggregate(y, mask) for mask in who.role_masks]
    n_items = np.stack([a.n for a in role_items], axis=1)
    items_ok, roles_used = anonymity.published(
        raw.n, n_items, who.shown, m, manager_alone=who.manager_alone
    )
    used = {"others": items_ok & ~who.too_few[:, None]}
    used.update((role, roles_used[:, g]) for g, role in enumerate(RATER_ROLES))
    answered = ~np.isnan(y)
    others = atom_figures(
        raw, used["others"], contributors(answered, who.is_rater, used["others"], layout), layout
    )
    roles = [
        atom_figures(
            role_items[g],
            used[role],
            contributors(answered, who.role_masks[g], used[role], layout),
            layout,
        )
        for g, role in enumerate(RATER_ROLES)
    ]
    enough = {g: item_sums(mask, layout, np.int64) >= layout.need for g, mask in used.items()}
    n_roles = np.stack(
        [
            np.where(who.shown[:, g, None] & enough[r], roles[g].n, 0)
            for g, r in enumerate(RATER_ROLES)
        ],
        axis=1,
    )  # a role without enough used items is refolded here
    others_ok, roles_ok = anonymity.published(
        others.n, n_roles, who.shown, m, manager_alone=who.manager_alone
    )
    others_ok &= ~who.too_few[:, None] & enough["others"]
    few = {"others": too_few_items(raw.n, layout)}
    few.update((r, too_few_items(role_items[g].n, layout)) for g, r in enumerate(RATER_ROLES))
    return _Groups(others, roles, others_ok, roles_ok, raw, used, few)


def _item_stats(
    y: FloatArray, groups: _Groups, who: _Raters, nas: BoolArray | None, layout: ItemLayout
) -> dict[str, GroupStats]:
    """A full 360's item figures: the self-assessment's, and others' where published."""
    shape = (y.shape[0], y.shape[2])
    lo, hi = layout.item_lo, layout.item_hi
    if groups.others_items is not None and groups.used is not None:
        others, ok = groups.others_items, groups.used["others"]
    else:  # one item per behaviour: the items are the behaviours
        others, ok = groups.others, groups.others_ok
    return {
        "self": stats(core.aggregate(y, who.is_self), nas_counts(nas, who.is_self, shape), lo, hi),
        "others": stats(others, nas_counts(nas, who.is_rater, shape), lo, hi, publish=ok),
    }


def score_360(
    layout: ItemLayout,
    y: FloatArray,
    *,
    codes: npt.NDArray[np.int8],
    nas: BoolArray | None,
    settings: ScoringSettings,
) -> Scored:
    """Self, others and shown role groups of a 360 batch from keyed ratings ``y``.

    No alpha: in a 360 it would rest on how each rater's answers go together.
    """
    m = settings.min_raters
    scores, _ = core.behaviour_scores(y, layout)
    s, _, i = y.shape
    who = _Raters.of(codes, settings)
    full = layout.detail == "full" and not layout.identity
    groups = _full_groups(y, who, layout, m) if full else _quick_groups(scores, who, m)

    def nas_b(member: BoolArray) -> IntArray:
        return reduce_items(nas_counts(nas, member, (s, i)), layout)

    lo, hi = layout.lo, layout.hi
    few = groups.few_items or {}
    behaviours: dict[str, GroupStats] = {
        "self": stats(core.aggregate(scores, who.is_self), nas_b(who.is_self), lo, hi),
        "others": stats(
            groups.others,
            nas_b(who.is_rater),
            lo,
            hi,
            publish=groups.others_ok,
            insufficient=few.get("others"),
        ),
    }
    for g, role in enumerate(RATER_ROLES):
        behaviours[role] = stats(
            groups.roles[g],
            nas_b(who.role_masks[g]),
            lo,
            hi,
            publish=groups.roles_ok[:, g],
            shown=who.shown[:, g],
            insufficient=few.get(role),
        )
    items = _item_stats(y, groups, who, nas, layout) if layout.detail == "full" else {}
    if groups.others_items is not None and groups.used is not None:
        used = groups.used["others"]
        rwg = agreement(
            groups.others_items.sd**2, used, groups.others.n, layout, settings.min_rwg_raters
        )
        self_items = core.aggregate(y, who.is_self).mean
        gap = shared_gap(self_items, groups.others_items.mean, used, layout)
    else:
        rwg = agreement(groups.others.sd**2, None, groups.others.n, layout, settings.min_rwg_raters)
        gap = behaviours["self"].mean - groups.others.mean
    return _scored(
        who, behaviours=behaviours, items=items, groups=groups, rwg=rwg, gap=gap, scores=scores
    )


def _scored(
    who: _Raters,
    *,
    behaviours: dict[str, GroupStats],
    items: dict[str, GroupStats],
    groups: _Groups,
    rwg: AgreementArrays,
    gap: FloatArray,
    scores: FloatArray,
) -> Scored:
    ok = groups.others_ok
    rwg = rwg.where(ok)
    respondents = {"self": who.is_self.sum(axis=1), "others": who.counts.sum(axis=1)}
    for g, role in enumerate(RATER_ROLES):
        respondents[role] = np.where(who.shown[:, g], who.counts[:, g], 0)
    members: dict[str, BoolArray | None] = {"self": who.is_self, "others": who.is_rater}
    members.update(zip(RATER_ROLES, who.role_masks, strict=True))
    return Scored(
        "others",
        respondents,
        who.shown,
        behaviours,
        items,
        np.full(ok.shape, np.nan),
        np.zeros(ok.shape, dtype=np.int64),
        rwg.rwg,
        rwg.rwg_star,
        rwg.n,
        np.where(ok, gap, np.nan),
        who.too_few,
        members,
        scores,
        groups.used or {},
    )
