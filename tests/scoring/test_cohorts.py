"""Cohort aggregates and their disclosure control: the figures, and attacks on the withheld cells.

The attacks are kept as tests (docs/privacy.md, "Cohorts"): a reader who has
every published entry of a cohort table solves the margin equations for the
withheld sums and counts; no withheld entry may come out determined, and no
line may leave a residual about fewer than ``min_people`` people.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

from behaviours.scoring.cohorts import _bridges, aggregate, suppress
from strategies.cohorts import cohorts, determined, margin_equations

MIN = 5


@given(cohorts())
@settings(max_examples=300, deadline=None)
def test_no_withheld_entry_of_a_complete_cohort_is_fixed_by_the_published_sums_and_counts(
    cohort: tuple[np.ndarray, np.ndarray, int],
) -> None:
    scores, units, n_units = cohort
    cells = suppress(aggregate(scores, units, n_units), scores, units, MIN)
    assert determined(margin_equations(n_units, scores.shape[1]), cells.withheld) == []


@given(cohorts(missing=True))
@settings(max_examples=300, deadline=None)
def test_every_entry_below_min_people_is_withheld(
    cohort: tuple[np.ndarray, np.ndarray, int],
) -> None:
    scores, units, n_units = cohort
    cells = suppress(aggregate(scores, units, n_units), scores, units, MIN)
    small = (cells.n > 0) & (cells.n < MIN)
    assert not (small & ~cells.withheld).any()


@given(cohorts(missing=True))
@settings(max_examples=300, deadline=None)
def test_subtracting_the_published_entries_from_a_margin_leaves_at_least_min_people(
    cohort: tuple[np.ndarray, np.ndarray, int],
) -> None:
    scores, units, n_units = cohort
    cells = suppress(aggregate(scores, units, n_units), scores, units, MIN)
    _assert_residuals_cover_min_people(cells.withheld, cells.n, scores, units, n_units)


def _assert_residuals_cover_min_people(
    w: np.ndarray, n: np.ndarray, scores: np.ndarray, units: np.ndarray, n_units: int
) -> None:
    """Every published margin minus its line's published entries is about >= MIN people."""
    for b in range(w.shape[1]):
        if not w[-1, b] and w[:-1, b].any():
            assert n[:-1, b][w[:-1, b]].sum() >= MIN
    for u in range(w.shape[0]):
        if not w[u, -1] and w[u, :-1].any():
            people = units == u if u < n_units else np.ones(units.size, dtype=bool)
            hidden = np.isfinite(scores[people][:, w[u, :-1]]).any(axis=1).sum()
            assert hidden >= MIN


@given(cohorts(missing=True))
@settings(max_examples=200, deadline=None)
def test_every_withheld_entry_lies_on_a_cycle_of_withheld_entries(
    cohort: tuple[np.ndarray, np.ndarray, int],
) -> None:
    """With scores missing the margins are not exact sums, so the rank attack does not apply;
    the rule it rests on still holds: no withheld entry is a bridge."""
    scores, units, n_units = cohort
    cells = suppress(aggregate(scores, units, n_units), scores, units, MIN)
    assert _bridges(cells.withheld) == []


@given(cohorts(missing=True))
@settings(max_examples=200, deadline=None)
def test_suppression_from_sums_alone_keeps_both_rules_for_the_real_people(
    cohort: tuple[np.ndarray, np.ndarray, int],
) -> None:
    """Without the people (a Dask frame's sums), a row's distinct people are taken as the
    fewest they can be; checked against the real people, both rules still hold."""
    scores, units, n_units = cohort
    blind = suppress(aggregate(scores, units, n_units), None, None, MIN)
    assert _bridges(blind.withheld) == []
    _assert_residuals_cover_min_people(blind.withheld, blind.n, scores, units, n_units)


def test_the_attack_recovers_a_cell_withheld_alone() -> None:
    """The attacker is real: withhold only the small cell and it is solved from the totals."""
    units = np.repeat([0, 1, 2], [3, 6, 8]).astype(np.int64)
    scores = np.linspace(1, 5, units.size)[:, None]
    cells = aggregate(scores, units, 3)
    only_primary = (cells.n > 0) & (cells.n < MIN)
    assert determined(margin_equations(3, 1), only_primary) != []


def test_a_unit_of_three_is_withheld_with_the_next_smallest_unit() -> None:
    """By hand: units of 3, 6 and 8 people. The 3 is withheld; the 6 with it, so the
    cohort figure minus the 8 is about 9 people, never the 3 alone."""
    units = np.repeat([0, 1, 2], [3, 6, 8]).astype(np.int64)
    scores = np.linspace(1, 5, units.size)[:, None]
    cells = suppress(aggregate(scores, units, 3), scores, units, MIN)
    assert cells.withheld[:3, 0].tolist() == [True, True, False]
    assert not cells.withheld[3, 0]


def test_the_cohort_figures_are_the_plain_group_means_and_sds() -> None:
    units = np.array([0, 0, 1, 1, 1], dtype=np.int64)
    scores = np.array([[1.0, 2.0], [3.0, np.nan], [4.0, 4.0], [5.0, 2.0], [3.0, 3.0]])
    cells = aggregate(scores, units, 2)
    assert cells.n.tolist() == [[2, 1, 2], [3, 3, 3], [5, 4, 5]]
    assert cells.mean[0, 0] == pytest.approx(2.0)
    assert cells.mean[1, 1] == pytest.approx(3.0)
    assert cells.mean[0, 2] == pytest.approx((1.5 + 3.0) / 2)
    assert cells.sd[1, 0] == pytest.approx(1.0)
    assert cells.mean[2, 0] == pytest.approx(16 / 5)
    assert np.isnan(cells.sd[0, 1])
