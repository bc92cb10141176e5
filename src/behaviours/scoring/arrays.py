"""Check and convert batch input arrays, reporting every bad cell by subject, respondent and item.

The checks are whole-array operations (a range and an integer test per scale,
an exact membership test only for scales with gaps), so validating a million
assessments costs a few passes over the data; locations are worked out only
when something is wrong.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from behaviours.errors import Problem, ResponsesError
from behaviours.frameworks.kinds import ROLES_BY_KIND, AssessmentKind
from behaviours.scoring.anonymity import ABSENT, ROLE_CODES
from behaviours.scoring.item_layout import ItemLayout
from behaviours.scoring.types import BoolArray, FloatArray

__all__ = ["MAX_PROBLEMS", "allowed_roles", "as_arrays"]

MAX_PROBLEMS = 20


def allowed_roles(kind: AssessmentKind) -> tuple[str, ...]:
    """The roles respondents of a kind may have."""
    return ROLES_BY_KIND[kind]


def _where(
    cells: npt.NDArray[np.intp], layout: ItemLayout, subject_ids: tuple[str, ...] | list[str] | None
) -> str:
    s, r = int(cells[0]), int(cells[1])
    subject = repr(subject_ids[s]) if subject_ids is not None else f"#{s}"
    where = f"subject {subject}, respondent #{r}"
    if len(cells) > 2:
        where += f", item {layout.item_ids[int(cells[2])]!r}"
    return where


def _problems(
    bad: BoolArray,
    message: str,
    layout: ItemLayout,
    subject_ids: tuple[str, ...] | list[str] | None,
) -> list[Problem]:
    if not bad.any():
        return []
    found = np.argwhere(bad)
    problems = [
        Problem(f"{_where(cell, layout, subject_ids)}: {message}") for cell in found[:MAX_PROBLEMS]
    ]
    if len(found) > MAX_PROBLEMS:
        problems.append(Problem(f"... and {len(found) - MAX_PROBLEMS} more like these"))
    return problems


def _off_scale(x: FloatArray, layout: ItemLayout) -> BoolArray | None:
    """Cells whose rating is not on their item's scale, or None when all are fine.

    NaN compares false, so skipped cells pass the range and integer tests.
    """
    lo, hi = layout.item_lo, layout.item_hi
    if x.size and lo.min() == lo.max() and hi.min() == hi.max():  # one range: check it whole
        flat = x.reshape(-1)
        low, high = np.fmin.reduce(flat), np.fmax.reduce(flat)
        in_range = bool(np.isnan(low) or (low >= lo[0] and high <= hi[0]))
        gapless = bool((layout.points == layout.hi - layout.lo + 1).all())
        if in_range and gapless and not (np.floor(flat) < flat).any():
            return None
    with np.errstate(invalid="ignore"):
        off = (x < lo) | (x > hi) | (np.floor(x) < x)
    gaps = np.flatnonzero(layout.points != layout.hi - layout.lo + 1)
    for item in np.flatnonzero(np.isin(layout.item_behaviour, gaps)):
        b = int(layout.item_behaviour[item])
        values = layout.values[b, : layout.points[b]]
        off[:, :, item] |= ~np.isnan(x[:, :, item]) & ~np.isin(x[:, :, item], values)
    return off if off.any() else None


def as_arrays(
    layout: ItemLayout,
    kind: AssessmentKind,
    ratings: npt.ArrayLike,
    *,
    roles: npt.ArrayLike | None,
    not_able_to_say: npt.ArrayLike | None,
    subject_ids: tuple[str, ...] | list[str] | None,
) -> tuple[FloatArray, npt.NDArray[np.int8] | None, BoolArray | None]:
    """Ratings as float ``S x R x I``, roles as codes, "not able to say" as booleans; checked."""
    x = np.asarray(ratings, dtype=np.float64)
    if x.ndim == 2:
        x = x[:, None, :]
    items = len(layout.item_ids)
    if x.ndim != 3 or x.shape[2] != items:
        raise ResponsesError(
            Problem(
                f"ratings have shape {x.shape}; expected subjects x respondents x {items} "
                f"({layout.detail} items in framework order)"
            )
        )
    if subject_ids is not None and len(subject_ids) != x.shape[0]:
        raise ResponsesError(Problem(f"{len(subject_ids)} subject ids for {x.shape[0]} subjects"))
    problems: list[Problem] = []
    off = _off_scale(x, layout)
    if off is not None:
        problems += _problems(off, "rating not on the item's scale", layout, subject_ids)
    nas = None
    if not_able_to_say is not None:
        nas = np.asarray(not_able_to_say, dtype=np.bool_).reshape(x.shape)
        both = nas & ~np.isnan(x)
        if both.any():
            problems += _problems(both, "both a rating and 'not able to say'", layout, subject_ids)
    codes = _codes(
        kind, x.shape[:2], roles, layout=layout, subject_ids=subject_ids, problems=problems
    )
    if problems:
        raise ResponsesError(problems, title=f"{kind} ratings")
    return x, codes, nas


def _codes(
    kind: AssessmentKind,
    shape: tuple[int, ...],
    roles: npt.ArrayLike | None,
    *,
    layout: ItemLayout,
    subject_ids: tuple[str, ...] | list[str] | None,
    problems: list[Problem],
) -> npt.NDArray[np.int8] | None:
    if roles is None:
        if kind == "360":
            problems.append(Problem("a 360 needs the role of every respondent"))
        elif kind != "team" and shape[1] != 1:
            problems.append(Problem(f"a {kind} self-assessment has one respondent per subject"))
        return None
    given = np.asarray(roles)
    if given.dtype.kind in "USO":
        names, inverse = np.unique(given.astype(str), return_inverse=True)
        lookup = np.array([ROLE_CODES.get(str(n), -2 if n else ABSENT) for n in names])
        codes = lookup[inverse].reshape(given.shape).astype(np.int8)
    else:
        codes = given.astype(np.int8)
    if codes.shape != shape:
        problems.append(Problem(f"roles have shape {codes.shape}; expected {shape}"))
        return None
    allowed = np.array([ROLE_CODES[r] for r in allowed_roles(kind)] + [ABSENT])
    bad = ~np.isin(codes, allowed)
    problems += _problems(
        bad,
        f"role does not fit a {kind} assessment (expected one of {allowed_roles(kind)})",
        layout,
        subject_ids,
    )
    selves = (codes == ROLE_CODES["self"]).sum(axis=1)
    for s in np.flatnonzero(selves > 1)[:MAX_PROBLEMS] if kind == "360" else ():
        subject = repr(subject_ids[s]) if subject_ids is not None else f"#{s}"
        problems.append(Problem(f"subject {subject}: more than one self-assessment"))
    if kind in ("quick", "full") and (codes != ABSENT).sum(axis=1).max(initial=0) > 1:
        problems.append(Problem(f"a {kind} self-assessment has one respondent per subject"))
    return codes
