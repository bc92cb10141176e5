"""t quantiles, p-values, Welch, paired and adjusted p-values against R (tests/references/compare).

``make.R`` beside the JSON made every value with R's ``qt``, ``pt``, ``t.test``
and ``p.adjust``; CI has no R, so the tests only read what it wrote.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from behaviours.scoring.change import adjust, paired_test, welch_test
from behaviours.scoring.statistics import t_quantile, t_two_sided_p

REFERENCE = json.loads(
    (Path(__file__).parents[1] / "references" / "compare" / "compare.json").read_text("utf-8")
)
TOLERANCE = {"rel": 1e-9, "abs": 1e-9}


def _summary(values: list[float]) -> tuple[float, float, int]:
    x = np.asarray(values, dtype=np.float64)
    return float(x.mean()), float(x.std(ddof=1)), x.size


def test_t_quantiles_match_r_qt_at_fractional_degrees_of_freedom() -> None:
    rows = REFERENCE["quantiles"]
    p = np.array([r["p"] for r in rows])
    df = np.array([r["df"] for r in rows])
    expected = np.array([r["q"] for r in rows])
    assert t_quantile(p, df) == pytest.approx(expected, **TOLERANCE)


def test_two_sided_p_values_match_r_pt() -> None:
    rows = REFERENCE["p_values"]
    got = t_two_sided_p([r["t"] for r in rows], [r["df"] for r in rows])
    assert got == pytest.approx([r["p"] for r in rows], **TOLERANCE)


@pytest.mark.parametrize("case", REFERENCE["welch"], ids=lambda c: f"n{len(c['before'])}")
def test_welch_matches_r_t_test(case: dict[str, Any]) -> None:
    test = welch_test(_summary(case["before"]), _summary(case["after"]))
    got = [float(v) for v in (test.estimate, test.se, test.df, test.low, test.high, test.p)]
    want = [case[k] for k in ("estimate", "se", "df", "low", "high", "p")]
    assert got == pytest.approx(want, **TOLERANCE)


@pytest.mark.parametrize("case", REFERENCE["paired"], ids=lambda c: f"n{len(c['before'])}")
def test_paired_test_matches_r_t_test_paired(case: dict[str, Any]) -> None:
    d = np.asarray(case["after"], dtype=np.float64) - np.asarray(case["before"])
    test = paired_test(d[:, None])
    got = [float(v[0]) for v in (test.estimate, test.se, test.df, test.low, test.high, test.p)]
    want = [case[k] for k in ("estimate", "se", "df", "low", "high", "p")]
    assert got == pytest.approx(want, **TOLERANCE)


@pytest.mark.parametrize("case", REFERENCE["adjusted"], ids=lambda c: f"m{len(c['p'])}")
def test_holm_and_benjamini_hochberg_match_r_p_adjust(case: dict[str, Any]) -> None:
    assert adjust(case["p"], "holm") == pytest.approx(case["holm"], **TOLERANCE)
    assert adjust(case["p"], "bh") == pytest.approx(case["bh"], **TOLERANCE)
