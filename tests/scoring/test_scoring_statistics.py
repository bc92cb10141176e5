"""The statistics helpers against published values and their defining properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from behaviours.scoring.statistics import alpha, confidence_interval, rwg, t_975

# 97.5% quantiles of Student's t (R: qt(0.975, df)).
KNOWN_T = {
    1: 12.7062047362,
    2: 4.3026527297,
    5: 2.5705818356,
    10: 2.2281388520,
    30: 2.0422724563,
    31: 2.0395134464,
    40: 2.0210753903,
    60: 2.0002978220,
    120: 1.9799304051,
    10_000: 1.9602012636,
}


@pytest.mark.parametrize(("df", "expected"), sorted(KNOWN_T.items()))
def test_t_quantile_matches_published_values(df: int, expected: float) -> None:
    assert float(t_975(df)) == pytest.approx(expected, abs=5e-8)


def test_t_quantile_is_undefined_below_one_degree_of_freedom() -> None:
    assert np.isnan(t_975([0, -1])).all()


def test_t_quantile_decreases_towards_the_normal_quantile() -> None:
    values = t_975(np.arange(1, 5000))
    assert (np.diff(values) < 0).all()
    assert values[-1] > 1.959963984540054


def test_confidence_interval_needs_two_respondents() -> None:
    low, high = confidence_interval(np.array([3.0, 3.0]), np.array([np.nan, 1.0]), np.array([1, 4]))
    assert np.isnan(low[0])
    assert np.isnan(high[0])
    assert (low[1], high[1]) == pytest.approx((3 - 3.1824463053 / 2, 3 + 3.1824463053 / 2))


def test_rwg_is_one_minus_the_variance_ratio_for_one_item() -> None:
    assert float(rwg(np.array(0.5), 1, 2.0)) == pytest.approx(1 - 0.5 / 2)


def test_rwg_is_zero_when_the_variance_reaches_the_uniform_null() -> None:
    assert float(rwg(np.array(2.5), 3, 2.0)) == 0.0


@given(var=st.floats(0, 20), j=st.integers(1, 10), a=st.integers(2, 11))
def test_rwg_stays_within_0_and_1(var: float, j: int, a: int) -> None:
    value = float(rwg(np.array(var), j, (a * a - 1) / 12))
    assert 0.0 <= value <= 1.0


def test_alpha_is_undefined_for_one_item_or_constant_totals() -> None:
    assert np.isnan(alpha(np.array([1.0, 1.0]), np.array([2.0, 0.0]), np.array([1, 3]))).all()


def test_alpha_of_perfectly_parallel_items_is_one() -> None:
    # Two identical items: item variances v, v; totals 2x have variance 4v.
    assert float(alpha(np.array(2.0), np.array(4.0), 2)) == pytest.approx(1.0)
