"""Score many subjects in one call, straight from arrays.

``score_batch`` takes a ``subjects x respondents x items`` array of ratings
(NaN where there is no rating) and returns ``BatchScores``: plain numpy arrays
per group, ``subjects x behaviours`` (and ``subjects x items`` for full
assessments). No pydantic model is built per subject, which is what makes a
million assessments a second possible; ``behaviours.scoring.score`` builds the
``Result`` of one assessment from the same arrays.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from behaviours.frameworks.kinds import RATER_ROLES, AssessmentKind, Detail
from behaviours.frameworks.model import Framework, FrameworkRef, framework_ref
from behaviours.scoring import core
from behaviours.scoring.arrays import as_arrays
from behaviours.scoring.feedback360 import score_360
from behaviours.scoring.groups import GroupStats, score_groups
from behaviours.scoring.item_layout import ItemLayout, layout_of
from behaviours.scoring.settings import ScoringSettings
from behaviours.scoring.types import BoolArray, FloatArray, IntArray

__all__ = ["BatchScores", "GroupStats", "score_batch"]


@dataclass(frozen=True, eq=False)
class BatchScores:
    """Scores of many subjects as arrays; index ``[s]`` of every array is subject ``s``.

    ``behaviours[group]`` holds ``S x B`` statistics of a group ("self",
    "member", "others" or a rater role); ``items[group]`` the ``S x I`` ones of
    full assessments. A rater role's arrays are empty (NaN, n 0) for subjects
    where the role is not shown on its own (``shown[role]``).
    """

    framework: FrameworkRef
    kind: AssessmentKind
    detail: Detail
    settings: ScoringSettings
    layout: ItemLayout
    subject_ids: tuple[str, ...] | None
    headline: str
    respondents: dict[str, IntArray]
    shown: dict[str, BoolArray]
    behaviours: dict[str, GroupStats]
    items: dict[str, GroupStats]
    alpha: FloatArray
    alpha_n: IntArray
    rwg: FloatArray
    rwg_star: FloatArray
    rwg_n: IntArray
    disagreement: BoolArray
    gap: FloatArray
    insufficient_raters: BoolArray
    _keyed: FloatArray = field(repr=False)
    _scores: FloatArray = field(repr=False)
    _members: dict[str, BoolArray | None] = field(repr=False)
    _item_used: dict[str, BoolArray] = field(repr=False)
    # counts() of every subject, made once per group on first use: a caller building the
    # Result of each subject in turn would otherwise pay for all S subjects S times.
    _counts: dict[tuple[str, bool], npt.NDArray[np.int64]] = field(default_factory=dict, repr=False)

    @property
    def behaviour_ids(self) -> tuple[str, ...]:
        """Column order of ``S x B`` arrays."""
        return self.layout.behaviour_ids

    @property
    def item_ids(self) -> tuple[str, ...]:
        """Column order of ``S x I`` arrays."""
        return self.layout.item_ids

    def __len__(self) -> int:
        return int(self.insufficient_raters.shape[0])

    def counts(self, group: str, *, items: bool = False) -> npt.NDArray[np.int64]:
        """Answers at each scale value, ``S x B x P`` (``S x I x P``); -1 where not published.

        Computed on demand, once per group: it is the largest array and most callers
        never need it; asking again returns the same (read-only) array.
        A behaviour's counts are its members' answers from those with a score, except
        for the item-first groups (a full team, a full 360's rater groups): the answers
        to the items its mean uses, so they describe the same answers as the mean and
        are sums of published item figures (docs/scoring.md).
        """
        key = (group, items)
        if key not in self._counts:
            out = self._count(group, items)
            out.setflags(write=False)
            self._counts[key] = out
        return self._counts[key]

    def _count(self, group: str, items: bool) -> npt.NDArray[np.int64]:
        member = self._members[group]
        y = self._keyed
        if items:
            take = ~np.isnan(y)
        elif group in self._item_used:
            take = ~np.isnan(y) & self._item_used[group][:, None, :]
        else:
            take = ~np.isnan(self._scores)[:, :, self.layout.item_behaviour]
        if member is not None:
            take &= member[:, :, None]
        out = core.scale_counts(y, take, self.layout, items=items)
        stats = (self.items if items else self.behaviours)[group]
        out[stats.suppressed] = -1
        return out


def score_batch(
    framework: Framework,
    kind: AssessmentKind,
    ratings: npt.ArrayLike,
    *,
    roles: npt.ArrayLike | None = None,
    not_able_to_say: npt.ArrayLike | None = None,
    detail: Detail | None = None,
    settings: ScoringSettings | None = None,
    subject_ids: tuple[str, ...] | list[str] | None = None,
) -> BatchScores:
    """Score many assessments of one kind at once.

    Args:
        framework: the framework the items come from.
        kind: quick, full, team or 360.
        ratings: ``S x R x I`` (or ``S x I`` for one respondent each) raw ratings
            in the order of ``framework.items(detail)``; NaN where not rated.
        roles: ``S x R`` role names (or codes of ``behaviours.responses.model.ROLES``);
            ``""`` or -1 marks padding where a subject has fewer respondents.
            Required for a 360; all "self" (quick, full) or "member" (team) if omitted.
        not_able_to_say: optional ``S x R x I`` booleans: answered "not able to say".
        detail: quick or full items; the kind's own for quick and full, else quick.
        settings: thresholds; the defaults when omitted.
        subject_ids: optional ids, kept for the caller.

    Raises ``ResponsesError`` for ratings off the scale or roles that do not fit.
    """
    settings = settings or ScoringSettings()
    if detail is None:
        detail = "full" if kind == "full" else "quick"
    layout = layout_of(framework, detail, settings.min_item_fraction)
    x, codes, nas = as_arrays(
        layout, kind, ratings, roles=roles, not_able_to_say=not_able_to_say, subject_ids=subject_ids
    )
    return score_arrays(
        framework, kind, layout, x, codes=codes, nas=nas, settings=settings, subject_ids=subject_ids
    )


def score_arrays(
    framework: Framework,
    kind: AssessmentKind,
    layout: ItemLayout,
    x: FloatArray,
    *,
    codes: npt.NDArray[np.int8] | None,
    nas: BoolArray | None,
    settings: ScoringSettings,
    subject_ids: tuple[str, ...] | list[str] | None = None,
) -> BatchScores:
    """Score validated arrays (the shared core of ``score_batch`` and ``score``)."""
    y = core.keyed(x, layout)
    if kind == "360":
        if codes is None:
            raise ValueError("a 360 needs roles")
        g = score_360(layout, y, codes=codes, nas=nas, settings=settings)
    else:
        g = score_groups(kind, layout, y, codes=codes, nas=nas, settings=settings)
    return BatchScores(
        framework=framework_ref(framework),
        kind=kind,
        detail=layout.detail,
        settings=settings,
        layout=layout,
        subject_ids=tuple(subject_ids) if subject_ids is not None else None,
        headline=g.headline,
        respondents=g.respondents,
        shown={role: g.shown[:, i] for i, role in enumerate(RATER_ROLES)} if kind == "360" else {},
        behaviours=g.behaviours,
        items=g.items,
        alpha=g.alpha,
        alpha_n=g.alpha_n,
        rwg=g.rwg,
        rwg_star=g.rwg_star,
        rwg_n=g.rwg_n,
        disagreement=np.less(g.rwg_star, settings.rwg_threshold),
        gap=g.gap,
        insufficient_raters=g.insufficient_raters,
        _keyed=y,
        _scores=g.scores,
        _members=g.members,
        _item_used=g.item_used,
    )
