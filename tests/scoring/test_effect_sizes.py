"""Programme-evaluation statistics and norms against R (effectsize, psych) and a hand-worked case.

The references are tests/references/cohorts/cohorts.json, made by make.R
beside it; CI has no R, so the tests only read the committed values.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.stats

from behaviours.scoring.effect_sizes import (
    cronbach_alpha,
    hedges_j,
    paired_change,
    reliable_change,
)
from behaviours.scoring.norms import distributions, percentile, standard_scores

REFERENCE: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "references" / "cohorts" / "cohorts.json").read_text()
)
PAIRS = REFERENCE["pairs"]


def _change(pair: dict[str, Any]) -> Any:
    before = np.array(pair["before"], dtype=np.float64)[:, None]
    after = np.array(pair["after"], dtype=np.float64)[:, None]
    return paired_change(before, after)


@pytest.mark.parametrize("pair", PAIRS, ids=[f"n{p['n']}" for p in PAIRS])
@pytest.mark.parametrize(
    "field", ["change", "sd_change", "ci_low", "ci_high", "d_z", "g_av", "g_av_low", "g_av_high"]
)
def test_paired_figures_match_r_to_1e_9(pair: dict[str, Any], field: str) -> None:
    assert float(getattr(_change(pair), field)[0]) == pytest.approx(pair[field], abs=1e-9)


@pytest.mark.parametrize("pair", PAIRS, ids=[f"n{p['n']}" for p in PAIRS])
def test_the_d_z_interval_matches_r_exact_noncentral_t_to_1e_9(pair: dict[str, Any]) -> None:
    c = _change(pair)
    assert float(c.d_z_low[0]) == pytest.approx(pair["d_z_low"], abs=1e-9)
    assert float(c.d_z_high[0]) == pytest.approx(pair["d_z_high"], abs=1e-9)


@pytest.mark.parametrize("pair", PAIRS, ids=[f"n{p['n']}" for p in PAIRS])
def test_the_d_z_interval_matches_effectsize_cohens_d_paired_to_its_precision(
    pair: dict[str, Any],
) -> None:
    """effectsize 0.8.3 finds the limits with optim(abstol = 1e-9): good to about 1e-6."""
    c = _change(pair)
    assert float(c.d_z_low[0]) == pytest.approx(pair["d_z_low_effectsize"], abs=1e-6)
    assert float(c.d_z_high[0]) == pytest.approx(pair["d_z_high_effectsize"], abs=1e-6)


@pytest.mark.parametrize("pair", PAIRS, ids=[f"n{p['n']}" for p in PAIRS])
def test_hedges_j_times_d_z_is_effectsize_hedges_g_paired(pair: dict[str, Any]) -> None:
    c = _change(pair)
    g_z = float(c.d_z[0] * hedges_j(np.array([pair["n"] - 1.0]))[0])
    assert g_z == pytest.approx(pair["g_z"], abs=1e-9)


def test_cronbach_alpha_matches_psych_raw_alpha() -> None:
    items = np.array(REFERENCE["alpha"]["items"], dtype=np.float64)
    value, n = cronbach_alpha(items)
    assert n == items.shape[0]
    assert value == pytest.approx(REFERENCE["alpha"]["raw_alpha"], abs=1e-9)


def test_reliable_change_counts_match_the_r_script() -> None:
    pair, rci = PAIRS[2], REFERENCE["rci"]
    before = np.array(pair["before"])[:, None]
    after = np.array(pair["after"])[:, None]
    out = reliable_change(
        before, after, np.array([rci["sd_before"]]), np.array([rci["reliability"]])
    )
    assert float(out.s_diff[0]) == pytest.approx(rci["s_diff"], abs=1e-9)
    assert (int(out.improved[0]), int(out.deteriorated[0])) == (
        rci["improved"],
        rci["deteriorated"],
    )


def test_mid_rank_percentiles_match_r_and_scipy() -> None:
    ref = REFERENCE["norm"]
    scores = np.array(ref["scores"], dtype=np.float64)
    (norm,) = distributions(scores[:, None])
    probe = np.array(ref["probe"])
    got = percentile(norm, probe)
    assert got == pytest.approx(ref["percentile"], abs=1e-9)
    assert got == pytest.approx(
        [scipy.stats.percentileofscore(scores, x, kind="mean") for x in probe], abs=1e-9
    )
    z, t = standard_scores(norm, probe)
    assert z == pytest.approx(ref["z"], abs=1e-9)
    assert t == pytest.approx(50 + 10 * np.array(ref["z"]), abs=1e-9)


def test_the_hand_worked_programme_example() -> None:
    """docs/cohorts.md, "A worked example": four people, before 3, 3, 4, 2 and after 4, 3, 5, 4.

    Changes 1, 0, 1, 2: mean 1, SD sqrt(2/3) = 0.8165; t(0.975, 3) = 3.1824, so
    the interval is 1 -/+ 3.1824 * 0.8165 / 2 = -0.2992 to 2.2992. d_z = 1 / 0.8165
    = 1.2247. The SDs before and after are both sqrt(2/3), so
    s_av = 0.8165, d_av = 1.2247, J(3) = 0.7236 and g_av = 0.8862.
    """
    c = paired_change(
        np.array([[3.0], [3.0], [4.0], [2.0]]), np.array([[4.0], [3.0], [5.0], [4.0]])
    )
    assert float(c.change[0]) == 1.0
    assert float(c.sd_change[0]) == pytest.approx(math.sqrt(2 / 3))
    assert float(c.ci_low[0]) == pytest.approx(-0.2992, abs=5e-5)
    assert float(c.ci_high[0]) == pytest.approx(2.2992, abs=5e-5)
    assert float(c.d_z[0]) == pytest.approx(1.2247, abs=5e-5)
    assert float(hedges_j(np.array([3.0]))[0]) == pytest.approx(0.7236, abs=5e-5)
    assert float(c.g_av[0]) == pytest.approx(0.8862, abs=5e-5)


def test_a_behaviour_nobody_has_in_both_rounds_has_no_change_rather_than_zero() -> None:
    c = paired_change(np.array([[3.0], [np.nan]]), np.array([[np.nan], [4.0]]))
    assert int(c.n[0]) == 0
    assert np.isnan([c.change[0], c.d_z[0], c.g_av[0]]).all()


def test_the_hand_worked_reliable_change_example() -> None:
    """docs/cohorts.md: SD before sqrt(2/3), alpha 0.8: S_diff 0.5164; a change of 1 is not
    reliable (RC 1.94), a change of 2 is (RC 3.87)."""
    before = np.array([[3.0], [3.0], [4.0], [2.0]])
    after = np.array([[4.0], [3.0], [5.0], [4.0]])
    out = reliable_change(before, after, np.array([math.sqrt(2 / 3)]), np.array([0.8]))
    assert float(out.s_diff[0]) == pytest.approx(0.5164, abs=5e-5)
    assert (int(out.improved[0]), int(out.deteriorated[0])) == (1, 0)
