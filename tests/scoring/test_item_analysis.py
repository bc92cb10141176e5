"""Item analysis arrays: alpha, item-rest r, alpha if dropped, omega and ICCs, checked against
plain per-behaviour loops, the hand-worked example of docs/analysis.md, and the pooling rules."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from behaviours.errors import ResponsesError
from behaviours.scoring.core import keyed
from behaviours.scoring.icc import intraclass
from behaviours.scoring.item_analysis import MIN_SUBJECTS, analyse_assessments
from behaviours.scoring.item_layout import layout_of
from behaviours.scoring.reliability import consistency
from behaviours.scoring.settings import ScoringSettings
from strategies.analysis import structured
from strategies.responses import make_framework

FW = make_framework([(3, 1, "five"), (2, 0, "five"), (1, 0, "five")])
LAYOUT = layout_of(FW, "full")
SETTINGS = ScoringSettings()


def _alpha(x: np.ndarray) -> float:
    k = x.shape[1]
    return k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))


def _plain(y: np.ndarray, b: int) -> dict[str, object]:
    """One behaviour's figures the slow way: its complete rows, then textbook formulas."""
    block = y[:, LAYOUT.starts[b] : LAYOUT.starts[b] + LAYOUT.size[b]]
    rows = block[~np.isnan(block).any(axis=1)]
    k = block.shape[1]
    rest = [np.delete(rows, i, axis=1) for i in range(k)]
    corr = np.corrcoef(rows, rowvar=False)
    return {
        "n": len(rows),
        "alpha": _alpha(rows),
        "r_drop": [np.corrcoef(rows[:, i], rest[i].sum(axis=1))[0, 1] for i in range(k)],
        "dropped": [_alpha(r) if k >= 3 else np.nan for r in rest],
        "mean_r": (corr.sum() - k) / (k * (k - 1)),
    }


ratings = hnp.arrays(
    np.float64,
    st.tuples(st.integers(12, 40), st.just(len(LAYOUT.item_ids))),
    elements=st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0, np.nan]),
)


@settings(max_examples=60, deadline=None)
@given(ratings)
def test_consistency_equals_a_plain_loop_over_behaviours(raw: np.ndarray) -> None:
    y = keyed(raw, LAYOUT)
    c = consistency(y, LAYOUT)
    for b in range(2):  # the behaviours with two items or more
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # the slow way on no rows
            want = _plain(y, b)
        block = slice(int(LAYOUT.starts[b]), int(LAYOUT.starts[b] + LAYOUT.size[b]))
        assert int(c.n[b]) == want["n"]
        with np.errstate(all="ignore"):
            if want["n"] < 2 or not np.isfinite(want["alpha"]):
                assert np.isnan(c.alpha[b])
                continue
            np.testing.assert_allclose(c.alpha[b], want["alpha"], atol=1e-9)
            np.testing.assert_allclose(c.r_drop[block], want["r_drop"], atol=1e-9)
            np.testing.assert_allclose(c.alpha_dropped[block], want["dropped"], atol=1e-9)
            np.testing.assert_allclose(c.mean_r[b], want["mean_r"], atol=1e-9)


@settings(max_examples=30, deadline=None)
@given(ratings, st.randoms(use_true_random=False))
def test_consistency_does_not_depend_on_the_order_of_respondents(raw: np.ndarray, rnd) -> None:  # type: ignore[no-untyped-def]
    order = list(range(len(raw)))
    rnd.shuffle(order)
    a, b = consistency(keyed(raw, LAYOUT), LAYOUT), consistency(keyed(raw[order], LAYOUT), LAYOUT)
    np.testing.assert_allclose(a.alpha, b.alpha, atol=1e-12, equal_nan=True)
    np.testing.assert_allclose(a.r_drop, b.r_drop, atol=1e-12, equal_nan=True)


def test_a_behaviour_of_one_item_has_no_consistency_figures() -> None:
    raw = np.random.default_rng(1).integers(1, 6, (50, len(LAYOUT.item_ids))).astype(float)
    c = consistency(keyed(raw, LAYOUT), LAYOUT)
    assert np.isnan(c.alpha[2])
    assert np.isnan(c.factor.omega[2])
    assert np.isnan(c.r_drop[-1])


def test_the_hand_worked_example_of_the_docs() -> None:
    fw = make_framework([(3, 0, "five")])
    layout = layout_of(fw, "full")
    x = np.array([[2, 3, 3], [4, 4, 5], [3, 2, 3], [5, 5, 4], [1, 2, 2]], dtype=float)
    c = consistency(x, layout)
    # item variances 2.5, 1.7, 1.3 (sum 5.5); totals 8, 13, 8, 14, 5 have variance 14.3
    assert c.alpha[0] == pytest.approx(1.5 * (1 - 5.5 / 14.3), abs=1e-12)
    assert round(float(c.alpha[0]), 4) == 0.9231


def _plain_icc(values: list[list[float]]) -> tuple[float, float]:
    n = sum(map(len, values))
    j = len(values)
    grand = sum(map(sum, values)) / n
    ssb = sum(len(v) * (np.mean(v) - grand) ** 2 for v in values)
    ssw = sum(((np.array(v) - np.mean(v)) ** 2).sum() for v in values)
    msb, msw = ssb / (j - 1), ssw / (n - j)
    return (msb - msw) / (msb + (n / j - 1) * msw), (msb - msw) / msb


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.integers(1, 5).map(float), min_size=1, max_size=7), min_size=3, max_size=9)
)
def test_icc_equals_the_one_way_anova_by_hand(groups: list[list[float]]) -> None:
    values = np.full((len(groups), 7, 1), np.nan)
    for s, v in enumerate(groups):
        values[s, : len(v), 0] = v
    got = intraclass(values)
    n = sum(map(len, groups))
    if n == len(groups) or len({x for v in groups for x in v}) == 1:
        assert np.isnan(got.icc1[0]) or got.icc1[0] <= 1
        return
    with np.errstate(all="ignore"):
        icc1, icc2 = _plain_icc(groups)
    if not np.isfinite(icc2):
        assert np.isnan(got.icc2[0])
        return
    assert got.icc1[0] == pytest.approx(icc1, abs=1e-9)
    assert got.icc2[0] == pytest.approx(icc2, abs=1e-9)


def test_a_360_analysis_pools_raters_and_leaves_the_self_assessment_out() -> None:
    found = structured(FW, "360", subjects=6, respondents=5, subject_effect=0.5)
    changed = [
        a.model_copy(
            update={
                "responses": [
                    r.model_copy(update={"ratings": {i.id: 1 for i in FW.items("full")}})
                    if r.role == "self"
                    else r
                    for r in a.responses
                ]
            }
        )
        for a in found
    ]
    first, second = (analyse_assessments(x, FW, SETTINGS) for x in (found, changed))
    assert first.respondents == 30
    np.testing.assert_array_equal(first.mean, second.mean)
    np.testing.assert_array_equal(first.consistency.alpha, second.consistency.alpha)


def test_one_subjects_raters_are_refused() -> None:
    one = structured(FW, "360", subjects=MIN_SUBJECTS - 1, respondents=6)
    with pytest.raises(ResponsesError, match="pools at least"):
        analyse_assessments(one, FW, SETTINGS)


def test_team_data_gives_icc_per_behaviour_and_item_that_see_a_team_effect() -> None:
    def icc1(effect: float) -> np.ndarray:
        teams = structured(FW, "team", subjects=20, respondents=5, subject_effect=effect)
        found = analyse_assessments(teams, FW, SETTINGS)
        assert found.icc_items is not None
        assert found.icc_behaviours is not None
        assert found.icc_behaviours.groups.tolist() == [20, 20, 20]
        return found.icc_behaviours.icc1

    assert (icc1(1.0) > icc1(0.0) + 0.2).all()
