"""Cohorts for hypothesis, and the attacker who solves a cohort table's margin equations.

``determined`` is the attack kept as a test (docs/privacy.md, "Cohorts"): given
which entries of a ``(U + 1) x (B + 1)`` cohort table are withheld, it says
which of them the published entries and the margin equations fix exactly, by
rank (a withheld entry is fixed when its unit vector lies in the row space of
the equations restricted to the withheld entries).
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

__all__ = ["cohorts", "determined", "margin_equations"]


def margin_equations(units: int, behaviours: int) -> np.ndarray:
    """The margin equations of a complete cohort table, one row each, over flattened entries.

    Every person has every behaviour, so the relations are exact: a line's
    entries sum to its margin (the unit overall weighted by B, as each person's
    overall is the mean of their B scores).
    """
    width = behaviours + 1
    shape = (units + 1, width)
    rows = []
    for u in range(units + 1):
        eq = np.zeros(shape)
        eq[u, :behaviours] = 1.0
        eq[u, behaviours] = -behaviours
        rows.append(eq.ravel())
    for b in range(width):
        eq = np.zeros(shape)
        eq[:units, b] = 1.0
        eq[units, b] = -1.0
        rows.append(eq.ravel())
    return np.array(rows)


def determined(equations: np.ndarray, withheld: np.ndarray) -> list[int]:
    """Flat indices of withheld entries that the published entries and equations fix."""
    unknown = np.flatnonzero(withheld.ravel())
    if unknown.size == 0:
        return []
    sub = equations[:, unknown]
    rank = np.linalg.matrix_rank(sub)
    fixed = []
    for k in range(unknown.size):
        probe = np.vstack([sub, np.eye(unknown.size)[k]])
        if np.linalg.matrix_rank(probe) == rank:
            fixed.append(int(unknown[k]))
    return fixed


@st.composite
def cohorts(
    draw: st.DrawFn,
    max_units: int = 5,
    max_behaviours: int = 4,
    max_size: int = 9,
    missing: bool = False,
) -> tuple[np.ndarray, np.ndarray, int]:
    """``(scores, units, n_units)``: integer scores of people in small units.

    Complete unless ``missing``: then some scores are NaN (a behaviour with too
    few answers), so cells of one unit hold different people.
    """
    n_units = draw(st.integers(1, max_units))
    behaviours = draw(st.integers(1, max_behaviours))
    sizes = draw(st.lists(st.integers(0, max_size), min_size=n_units, max_size=n_units))
    units = np.repeat(np.arange(n_units), sizes).astype(np.int64)
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    scores = rng.integers(1, 6, size=(units.size, behaviours)).astype(np.float64)
    if missing:
        scores[rng.random(scores.shape) < draw(st.sampled_from([0.1, 0.3, 0.6]))] = np.nan
    return scores, units, n_units
