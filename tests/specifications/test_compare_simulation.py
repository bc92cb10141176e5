"""compare()'s false-positive rate and power by simulation (benchmarks/comparing.py).

The rates come from the vectorised core that compare() calls, over 4,000 teams
per scenario with a fixed seed, and are asserted within three Monte-Carlo
standard errors; a second test shows that ``compare_assessments`` end to end
gives exactly the same p-values on teams drawn the same way, so the rates are
compare()'s.
"""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "comparing.py"
REPS = 4000
ALPHA = 0.05


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compare_simulation", PATH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


SIM = _load()


def _rates(scenario: Any, seed: int) -> Any:
    rng = np.random.default_rng(seed)
    before, after = SIM.rounds(rng, scenario, REPS)
    raw = SIM.core_p(before, after, scenario.matched)
    return SIM.Rates.of(raw, SIM.holm(raw))


def _error(p: float, n: int) -> float:
    return 3 * math.sqrt(p * (1 - p) / n)


def test_matched_rounds_without_change_flag_about_five_percent_of_behaviours() -> None:
    rates = _rates(SIM.Scenario(matched=True, shift=0.0), 1)
    assert abs(rates.per_behaviour - ALPHA) < _error(ALPHA, REPS * 4)


def test_holm_keeps_the_family_wise_rate_of_matched_rounds_at_five_percent() -> None:
    rates = _rates(SIM.Scenario(matched=True, shift=0.0), 2)
    assert rates.family_raw > 0.15  # unadjusted: 1 - 0.95^4
    assert rates.family_holm <= ALPHA + _error(ALPHA, REPS)


def test_unmatched_quick_rounds_without_change_flag_about_five_percent() -> None:
    rates = _rates(SIM.Scenario(matched=False, shift=0.0, items=1), 3)
    assert abs(rates.per_behaviour - ALPHA) < _error(ALPHA, REPS * 4)
    assert rates.family_holm <= ALPHA + _error(ALPHA, REPS)


def test_pairing_the_same_people_finds_a_real_change_far_more_often() -> None:
    paired = _rates(SIM.Scenario(matched=True, shift=0.5), 4)
    strangers = _rates(SIM.Scenario(matched=False, shift=0.5), 5)
    assert paired.per_behaviour > 0.9
    assert strangers.per_behaviour < 0.3


@pytest.mark.parametrize(
    "scenario",
    [
        SIM.Scenario(matched=True, shift=0.0),
        SIM.Scenario(matched=True, shift=0.5),
        SIM.Scenario(matched=False, shift=0.5),
        SIM.Scenario(matched=False, shift=0.0, items=1),
    ],
    ids=["matched", "matched-change", "unmatched", "unmatched-quick"],
)
def test_compare_assessments_gives_the_simulated_p_values_exactly(scenario: Any) -> None:
    rng = np.random.default_rng(6)
    before, after = SIM.rounds(rng, scenario, 8)
    raw, adjusted = SIM.end_to_end_p(before, after, scenario.matched)
    core = SIM.core_p(before, after, scenario.matched)
    np.testing.assert_allclose(raw, core, rtol=1e-12, atol=1e-14, equal_nan=True)
    np.testing.assert_allclose(adjusted, SIM.holm(core), rtol=1e-12, atol=1e-14, equal_nan=True)


def test_twelve_behaviours_flag_one_in_almost_half_of_unchanged_rounds_unless_adjusted() -> None:
    # Issue 11: with 12 behaviours and no change about 46% (1 - 0.95^12) flag one.
    rates = _rates(SIM.Scenario(matched=True, shift=0.0, behaviours=12), 7)
    assert abs(rates.family_raw - (1 - 0.95**12)) < _error(0.46, REPS) + 0.03
    assert rates.family_holm <= ALPHA + _error(ALPHA, REPS)


def test_the_same_people_compared_as_strangers_rarely_fire() -> None:
    # Issue 11: Welch on rounds of the same raters fired under 1% with no change.
    rng = np.random.default_rng(8)
    before, after = SIM.rounds(rng, SIM.Scenario(matched=True, shift=0.0), REPS)
    raw = SIM.core_p(before, after, False)
    assert float((np.nan_to_num(raw, nan=1.0) < ALPHA).mean()) < 0.01
