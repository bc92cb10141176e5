"""Which 360 figures may be published without exposing any rater.

The guarantee, for every subject, behaviour and item: every published figure
about raters covers 0 or at least ``min_raters`` of them, and so does every
difference between published figures (the raters in "others" but in no shown
group). Role groups are folded in two passes:

1. Rater level (``shown_groups``): a role is shown on its own when it has at
   least ``min_raters`` raters; managers only when ``show_manager`` says so,
   and then also a sole manager (everyone knows who the manager is), but never
   two (each would learn the other's answers). While the raters in no shown
   group number 1 to ``min_raters - 1``, the smallest shown group is folded
   too (ties: in role order manager, peer, direct_report, other).
2. Answer level (``published``): per behaviour (or item), a figure exists only
   when at least ``min_raters`` raters gave answers to it (a sole manager shown
   alone excepted, ``sole_manager``), and the same folding is repeated on
   answer counts, since "not able to say" shrinks groups item by item.

Everything is vectorised over subjects; each loop runs at most once per role.
docs/privacy.md explains the rules with examples.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from behaviours.frameworks.kinds import RATER_ROLES, ROLES
from behaviours.scoring.types import BoolArray

__all__ = ["ABSENT", "RATER_CODES", "ROLE_CODES", "published", "shown_groups", "sole_manager"]

ROLE_CODES: dict[str, int] = {role: code for code, role in enumerate(ROLES)}
RATER_CODES: tuple[int, ...] = tuple(ROLE_CODES[role] for role in RATER_ROLES)
ABSENT = -1
_MANAGER = RATER_ROLES.index("manager")
_BIG = np.int64(np.iinfo(np.int64).max)


def shown_groups(
    raters: npt.NDArray[np.int64], min_raters: int, *, show_manager: bool
) -> BoolArray:
    """Which rater roles are shown on their own: ``S x roles`` from raters per role."""
    shown = raters >= min_raters
    managers = raters[:, _MANAGER]
    shown[:, _MANAGER] = show_manager & ((managers == 1) | (managers >= min_raters))
    total = raters.sum(axis=1)
    return _fold(raters, total, shown, total >= min_raters, min_raters)


def sole_manager(raters: npt.NDArray[np.int64], shown: BoolArray) -> BoolArray:
    """Subjects (``S``) whose one manager is shown alone: their figures need no group size."""
    return shown[:, _MANAGER] & (raters[:, _MANAGER] == 1)  # type: ignore[no-any-return]


def published(
    n_others: npt.NDArray[np.int64],
    n_groups: npt.NDArray[np.int64],
    shown: BoolArray,
    min_raters: int,
    *,
    manager_alone: BoolArray,
) -> tuple[BoolArray, BoolArray]:
    """Which figures may be published, from answer counts ``S x K`` and ``S x roles x K``.

    ``manager_alone`` (``S``, from ``sole_manager``) marks the subjects whose one
    manager is shown by explicit choice. Returns the masks for "others" (``S x K``)
    and for each role (``S x roles x K``).
    """
    others = n_others >= min_raters
    groups = shown[:, :, None] & (n_groups >= min_raters)
    groups[:, _MANAGER] |= manager_alone[:, None] & (n_groups[:, _MANAGER] >= 1)
    s, g, k = n_groups.shape
    flat = _fold(
        n_groups.transpose(0, 2, 1).reshape(s * k, g),
        n_others.reshape(s * k),
        groups.transpose(0, 2, 1).reshape(s * k, g),
        others.reshape(s * k),
        min_raters,
    )
    return others, flat.reshape(s, k, g).transpose(0, 2, 1)


def _fold(
    sizes: npt.NDArray[np.int64],
    total: npt.NDArray[np.int64],
    shown: BoolArray,
    active: BoolArray,
    min_raters: int,
) -> BoolArray:
    """Fold the smallest shown group of each row until the unshown rest is 0 or enough."""
    shown = shown.copy()
    sizes = sizes.astype(np.int64)  # a small dtype would wrap the sentinel below
    rows = np.arange(len(sizes))
    for _ in range(sizes.shape[1]):
        rest = total - np.where(shown, sizes, 0).sum(axis=1)
        bad = active & (rest > 0) & (rest < min_raters)
        if not bad.any():
            break
        smallest = np.where(shown, sizes, _BIG).argmin(axis=1)
        shown[rows[bad], smallest[bad]] = False
    return shown
