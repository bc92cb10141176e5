"""Agreement (docs/scoring.md): r*wg(J) and rwg(J) against R, and the examples of issue 11.

The reference values were made by R's ``multilevel::rwg``, ``rwg.j`` and
``rwg.j.lindell`` (tests/references/agreement/make.R) on the data sets
``multilevel`` ships (``lq2002``, ``bhr2000``) and on cases of our own; the
tests read the committed JSON and CSVs, so they need no R.
"""

from __future__ import annotations

import csv
import json
import math
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from behaviours.frameworks.model import Framework
from behaviours.scoring.batch import BatchScores, score_batch
from behaviours.scoring.settings import ScoringSettings
from behaviours.scoring.statistics import null_variance

HERE = Path(__file__).resolve().parents[1] / "references" / "agreement"
TOLERANCE = {"rel": 1e-9, "abs": 1e-9}
LENIENT = ScoringSettings(min_team=2, min_rwg_raters=2)
T = {"authored": "Words."}


@cache
def _references() -> dict[str, Any]:
    return json.loads((HERE / "agreement.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def framework(points: list[int] | list[float], items: list[int]) -> Framework:
    """One behaviour per entry of ``items`` (that many ``does`` indicators), all on ``points``."""
    behaviours = [
        {
            "id": f"b{k}",
            "title": T,
            "description": T,
            "quick_prompt": T,
            "observer_prompt": T,
            "team_prompt": T,
            "indicators": {"does": [{"id": f"b{k}.d{j}", "text": T} for j in range(count)]},
        }
        for k, count in enumerate(items)
    ]
    scale = {
        "title": "scale",
        "provenance": "authored",
        "points": [{"value": int(v), "label": f"p{int(v)}"} for v in points],
    }
    return Framework.model_validate(
        {
            "id": "agreement",
            "version": "1.0",
            "title": "Agreement",
            "kind": "behaviours",
            "owner": "Tests",
            "source": {"title": "Tests", "publisher": "Tests"},
            "summary": T,
            "scales": {"scale": scale},
            "default_scale": "scale",
            "behaviours": behaviours,
        }
    )


def team(fw: Framework, answers: np.ndarray[Any, Any], detail: str) -> BatchScores:
    """``answers`` is ``groups x members x items`` (NaN: not answered or no such member)."""
    roles = np.where(np.isnan(answers).all(axis=2), "", "member")
    return score_batch(fw, "team", answers, roles=roles, detail=detail, settings=LENIENT)  # type: ignore[arg-type]


@cache
def _dataset(name: str) -> tuple[list[str], np.ndarray[Any, Any]]:
    """A data set's groups (in R's order) and answers, ``groups x members x items``."""
    spec = _references()["datasets"][name]
    with (HERE / spec["file"]).open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    by_group: dict[str, list[list[float]]] = {}
    for row in rows[1:]:
        by_group.setdefault(str(int(float(row[0]))), []).append([float(v) for v in row[1:]])
    groups = spec["blocks"][0]["values"]["group"]
    size = max(len(v) for v in by_group.values())
    out = np.full((len(groups), size, len(rows[0]) - 1), np.nan)
    for s, g in enumerate(groups):
        out[s, : len(by_group[g])] = by_group[g]
    return groups, out


@pytest.mark.parametrize("name", ["lq2002", "bhr2000"])
def test_rwg_j_and_r_star_wg_j_match_multilevel_on_its_data_sets(name: str) -> None:
    spec = _references()["datasets"][name]
    _, answers = _dataset(name)
    blocks = spec["blocks"]
    sizes = [len(b["items"]) for b in blocks]
    for k, block in enumerate(blocks):  # one framework per block: each has its own scale
        first = sum(sizes[:k])
        mine = answers[:, :, first : first + sizes[k]]
        got = team(framework(block["points"], [sizes[k]]), mine, "full")
        want = block["values"]
        assert got.rwg[:, 0] == pytest.approx(want["rwg_j"], **TOLERANCE)
        assert got.rwg_star[:, 0] == pytest.approx(want["rwg_star"], **TOLERANCE)
        assert got.rwg_n[:, 0].tolist() == want["gsize"]


@pytest.mark.parametrize("name", ["lq2002", "bhr2000"])
def test_single_item_rwg_and_r_star_wg_match_multilevel_on_its_data_sets(name: str) -> None:
    spec = _references()["datasets"][name]
    _, answers = _dataset(name)
    sizes = [len(b["items"]) for b in spec["blocks"]]
    for k, block in enumerate(spec["blocks"]):
        first_item = answers[:, :, sum(sizes[:k]) : sum(sizes[:k]) + 1]
        got = team(framework(block["points"], [1]), first_item, "quick")
        assert got.rwg[:, 0] == pytest.approx(block["values"]["rwg"], **TOLERANCE)
        assert got.rwg_star[:, 0] == pytest.approx(block["values"]["rwg_star_1"], **TOLERANCE)


def _own(name: str) -> dict[str, Any]:
    return next(c for c in _references()["own"] if c["name"] == name)


def _score_own(case: dict[str, Any]) -> BatchScores:
    rows = [r if isinstance(r, list) else [r] for r in case["answers"]]
    answers = np.array([[np.nan if v is None else v for v in r] for r in rows], dtype=float)
    j = answers.shape[1]
    detail = "quick" if j == 1 else "full"
    return team(framework(case["points"], [j]), answers[None], detail)


@pytest.mark.parametrize("name", [c["name"] for c in _references()["own"]])
def test_own_cases_match_r(name: str) -> None:
    case = _own(name)
    got = _score_own(case)
    assert float(null_variance(np.array([case["points"]], dtype=float))[0]) == pytest.approx(
        case["null_variance"], **TOLERANCE
    )
    assert float(got.rwg[0, 0]) == pytest.approx(case["rwg_j"], **TOLERANCE)
    assert float(got.rwg_star[0, 0]) == pytest.approx(case["rwg_star"], **TOLERANCE)
    for ours, theirs in (("rwg_j", "rwg_j_multilevel"), ("rwg_star", "rwg_star_multilevel")):
        if theirs in case:  # multilevel itself, where the case has no gaps
            assert case[ours] == pytest.approx(case[theirs], **TOLERANCE)
    if "rwg_multilevel" in case:
        assert float(got.rwg[0, 0]) == pytest.approx(case["rwg_multilevel"], **TOLERANCE)


def test_issue_11_answers_2_3_3_3_4_on_1_to_5_give_0_75() -> None:
    got = team(
        framework([1, 2, 3, 4, 5], [1]), np.array([[[2], [3], [3], [3], [4]]], float), "quick"
    )
    assert float(got.rwg[0, 0]) == pytest.approx(0.75)
    assert float(got.rwg_star[0, 0]) == pytest.approx(0.75)


def test_issue_11_the_same_answers_by_rank_on_0_2_4_6_8_give_the_same_0_75() -> None:
    points = [0, 2, 4, 6, 8]
    got = team(framework(points, [1]), np.array([[[2], [4], [4], [4], [6]]], float), "quick")
    assert float(got.rwg[0, 0]) == pytest.approx(0.75)  # (A^2 - 1) / 12 gave 0.0
    assert float(got.rwg_star[0, 0]) == pytest.approx(0.75)


@given(a=st.integers(2, 11), start=st.integers(-100, 80))
def test_the_null_variance_of_consecutive_points_is_a_squared_minus_1_over_12(
    a: int, start: int
) -> None:
    values = np.arange(start, start + a, dtype=float)[None]
    assert float(null_variance(values)[0]) == pytest.approx((a * a - 1) / 12, **TOLERANCE)


@given(step=st.integers(1, 20), a=st.integers(2, 6), start=st.integers(-20, 20))
def test_the_null_variance_scales_with_the_spacing_of_the_points(
    step: int, a: int, start: int
) -> None:
    values = np.arange(start, start + a * step, step, dtype=float)[None]
    assert float(null_variance(values)[0]) == pytest.approx(step**2 * (a * a - 1) / 12)


@given(
    answers=st.lists(st.integers(1, 5), min_size=5, max_size=12),
    repeats=st.integers(2, 11),
)
def test_r_star_wg_j_does_not_rise_with_the_number_of_items_but_rwg_j_does(
    answers: list[int], repeats: int
) -> None:
    one = np.array([[[v] for v in answers]], dtype=float)
    many = np.repeat(one, repeats, axis=2)
    quick = team(framework([1, 2, 3, 4, 5], [1]), one, "quick")
    full = team(framework([1, 2, 3, 4, 5], [repeats]), many, "full")
    assert float(full.rwg_star[0, 0]) == pytest.approx(float(quick.rwg_star[0, 0]), abs=1e-12)
    assert bool(full.disagreement[0, 0]) == bool(quick.disagreement[0, 0])  # one threshold
    assert float(full.rwg[0, 0]) >= float(quick.rwg[0, 0]) - 1e-12


def test_the_disagreement_flag_is_on_r_star_wg_j_not_rwg_j() -> None:
    # Four members, 2 3 4 3 on each of 11 items: rwg(J) 0.957 but r*wg(J) 0.667.
    answers = np.repeat(np.array([[[2], [3], [4], [3]]], dtype=float), 11, axis=2)
    got = team(framework([1, 2, 3, 4, 5], [11]), answers, "full")
    assert float(got.rwg[0, 0]) > 0.95
    assert float(got.rwg_star[0, 0]) == pytest.approx(2 / 3)
    assert bool(got.disagreement[0, 0])


@pytest.mark.parametrize("members", [2, 3, 4])
def test_agreement_needs_min_rwg_raters_and_says_how_many_there_were(members: int) -> None:
    answers = np.array([[[3], [4], [3], [4]][:members]], dtype=float)
    got = score_batch(
        framework([1, 2, 3, 4, 5], [1]),
        "team",
        answers,
        detail="quick",
        settings=ScoringSettings(min_team=2, min_rwg_raters=members + 1),
    )
    assert math.isnan(float(got.rwg[0, 0]))
    assert math.isnan(float(got.rwg_star[0, 0]))
    assert int(got.rwg_n[0, 0]) == members
    assert not bool(got.disagreement[0, 0])


def test_the_default_minimum_for_agreement_is_five_raters() -> None:
    assert ScoringSettings().min_rwg_raters == 5
    answers = np.array([[[3], [4], [3], [4], [5]]], dtype=float)
    got = score_batch(framework([1, 2, 3, 4, 5], [1]), "team", answers, detail="quick")
    assert float(got.rwg_star[0, 0]) == pytest.approx(1 - 0.7 / 2)
