"""compare() and compare_assessments(): the design, exact Welch, paired, multiplicity, RCI.

The worked examples are by hand (in the comments) and agree with R's ``t.test``.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from behaviours import ChangeNorm, ScoringSettings, compare, compare_assessments, score
from behaviours.errors import ResponsesError
from behaviours.responses.model import Assessment, Response, Subject
from strategies.responses import make_framework

FW = make_framework([(1, 0, "five")] * 3)


def team(ratings: dict[str, list[int]], day: int, kind: str = "team") -> Assessment:
    """A quick team (or self-assessment) of ``FW``: respondent id -> answers to b0, b1, b2."""
    role = {"quick": "self", "team": "member"}[kind]
    return Assessment(
        framework=FW.id,
        framework_version=FW.version,
        kind=kind,  # type: ignore[arg-type]
        subject=Subject(id="t", name="T"),
        assessed_on=datetime.date(2025, 1, day),
        responses=[
            Response(respondent=who, role=role, ratings={f"b{k}": v for k, v in enumerate(row)})  # type: ignore[arg-type]
            for who, row in ratings.items()
        ],
    )


def test_issue_11_welch_example_uses_exact_degrees_of_freedom() -> None:
    # Teams [1, 3, 2] then [5, 5, 4, 4]; R's t.test: df = 3, (0.446, 4.554), p = 0.0305.
    before = score(team({"a": [1, 3, 3], "b": [3, 3, 3], "c": [2, 3, 3]}, 1), FW)
    after = score(team({"d": [5, 3, 3], "e": [5, 3, 3], "f": [4, 3, 3], "g": [4, 3, 3]}, 9), FW)
    change = compare(before, after).behaviours[0]
    assert change.design == "independent"
    assert change.df == pytest.approx(3.0, abs=1e-12)
    assert (change.ci_low, change.ci_high) == pytest.approx((0.44573974, 4.55426026), abs=1e-8)
    assert change.p == pytest.approx(0.030466291662170963, abs=1e-12)
    assert change.exceeds_uncertainty is True


def test_two_constant_rounds_are_degenerate_not_certain() -> None:
    before = score(team({"a": [1, 3, 3], "b": [3, 3, 3], "c": [2, 3, 3]}, 1), FW)
    after = score(team({"a": [1, 4, 3], "b": [3, 4, 3], "c": [2, 4, 3]}, 9), FW)
    change = compare(before, after).behaviours[1]
    assert change.change == 1.0
    assert change.degenerate is True
    assert change.exceeds_uncertainty is None
    assert change.p is None
    assert change.ci_low is None
    assert "not the same as certainty" in (change.reason or "")


# Hand-worked paired example: four members, behaviour b0 before 1, 2, 3, 3 and after
# 2, 3, 4, 5. Differences d = 1, 1, 1, 2: mean 1.25, deviations -0.25 (x3) and 0.75,
# squares sum 0.75, variance 0.75 / 3 = 0.25, sd 0.5, se 0.5 / sqrt(4) = 0.25,
# t = 5 on df = 3; t(0.975, 3) = 3.18244631, so the interval is
# 1.25 -/+ 0.79561158 = (0.45438842, 2.04561158), two-sided p = 0.0153924.
# Welch on the same rounds (strangers): se = sqrt(0.9167/4 + 1.6667/4) = 0.8036, t = 1.56.
PAIRED_BEFORE = {"a": [1, 3, 3], "b": [2, 3, 3], "c": [3, 3, 3], "d": [3, 3, 3]}
PAIRED_AFTER = {"a": [2, 3, 3], "b": [3, 3, 3], "c": [4, 3, 3], "d": [5, 3, 3]}


def test_paired_hand_worked_example() -> None:
    comparison = compare_assessments(team(PAIRED_BEFORE, 1), team(PAIRED_AFTER, 9), FW)
    change = comparison.behaviours[0]
    assert comparison.design == "paired"
    assert comparison.matching == "respondent_id"
    assert change.design == "paired"
    assert change.n_pairs == 4
    assert change.estimate == pytest.approx(1.25)
    assert change.se == pytest.approx(0.25)
    assert change.df == 3
    assert (change.ci_low, change.ci_high) == pytest.approx((0.45438842, 2.04561158), abs=1e-8)
    assert change.p == pytest.approx(0.015392438073302296, abs=1e-12)
    assert change.exceeds_uncertainty is True


def test_the_same_rounds_as_strangers_are_not_beyond_chance() -> None:
    before, after = score(team(PAIRED_BEFORE, 1), FW), score(team(PAIRED_AFTER, 9), FW)
    change = compare(before, after).behaviours[0]
    assert change.design == "independent"
    assert change.se == pytest.approx(0.8036375634, abs=1e-9)
    assert change.exceeds_uncertainty is False


def test_an_explicit_pairing_matches_renamed_respondents() -> None:
    renamed = {f"new-{k}": v for k, v in PAIRED_AFTER.items()}
    pairing = {k: f"new-{k}" for k in PAIRED_BEFORE}
    comparison = compare_assessments(team(PAIRED_BEFORE, 1), team(renamed, 9), FW, pairing=pairing)
    assert comparison.matching == "pairing"
    assert comparison.behaviours[0].estimate == pytest.approx(1.25)


def test_without_a_pairing_renamed_respondents_are_counted_not_dropped() -> None:
    renamed = {f"new-{k}": v for k, v in PAIRED_AFTER.items()}
    comparison = compare_assessments(team(PAIRED_BEFORE, 1), team(renamed, 9), FW)
    assert (comparison.matched, comparison.only_before, comparison.only_after) == (0, 4, 4)
    assert comparison.design == "independent"
    assert "0 respondent(s) in both rounds" in comparison.design_reason


def test_a_pairing_that_names_strangers_is_refused_with_every_problem() -> None:
    pairing = {"a": "zz", "nobody": "b", "c": "b"}
    with pytest.raises(ResponsesError) as caught:
        compare_assessments(team(PAIRED_BEFORE, 1), team(PAIRED_AFTER, 9), FW, pairing=pairing)
    text = str(caught.value)
    assert "pairing['a']" in text
    assert "'zz' is no rater of the later round" in text
    assert "'nobody' is no rater of the earlier round" in text
    assert "'b' is paired with more than one rater" in text


def test_every_paired_change_alike_is_degenerate() -> None:
    after = {k: [v[0], 4, 3] for k, v in PAIRED_BEFORE.items()}
    change = compare_assessments(team(PAIRED_BEFORE, 1), team(after, 9), FW).behaviours[1]
    assert change.design == "paired"
    assert change.degenerate is True
    assert change.exceeds_uncertainty is None


def test_holm_is_the_default_and_benjamini_hochberg_can_be_asked_for() -> None:
    # b0: changes 1, 1, 1, 2 (p 0.0154); b1: changes 1, 0, 1, 1 (p 0.0577); b2: none.
    b1_before = dict(zip(PAIRED_BEFORE, [2, 3, 3, 3], strict=True))
    b1_after = dict(zip(PAIRED_AFTER, [3, 3, 4, 4], strict=True))
    before = {k: [v[0], b1_before[k], 3] for k, v in PAIRED_BEFORE.items()}
    after = {k: [v[0], b1_after[k], 3] for k, v in PAIRED_AFTER.items()}
    a, b = team(before, 1), team(after, 9)
    holm = compare_assessments(a, b, FW)
    bh = compare_assessments(a, b, FW, adjustment="bh")
    assert holm.adjustment == "holm"
    assert holm.tests == 2
    low, high = sorted(c.p for c in holm.behaviours[:2])  # type: ignore[type-var]
    assert sorted(c.p_adjusted for c in holm.behaviours[:2]) == pytest.approx(  # type: ignore[type-var]
        [2 * low, max(2 * low, high)]
    )
    assert sorted(c.p_adjusted for c in bh.behaviours[:2]) == pytest.approx(  # type: ignore[type-var]
        [min(2 * low, high), high]
    )


def test_the_flag_follows_the_adjusted_p_value() -> None:
    comparison = compare_assessments(team(PAIRED_BEFORE, 1), team(PAIRED_AFTER, 9), FW)
    for c in comparison.behaviours:
        if c.p_adjusted is not None:
            assert c.exceeds_uncertainty is (c.p_adjusted < 0.05)


def test_a_self_assessment_has_a_reliable_change_index_only_from_a_stated_norm() -> None:
    # RC = 1.5 / (sqrt(2) * 0.6 * sqrt(1 - 0.8)) = 3.95284708 (Jacobson & Truax 1991).
    before = score(team({"me": [2, 3, 3]}, 1, "quick"), FW)
    after = score(team({"me": [4, 3, 3]}, 9, "quick"), FW)
    without = compare(before, after).behaviours[0]
    norm = ChangeNorm(reliability=0.8, sd={"b0": 0.4 * 1.5}, source="framework manual")
    stated = compare(before, after, norm=norm).behaviours[0]
    assert without.design == "single"
    assert without.reliable_change is not None
    assert without.reliable_change.index is None
    assert "reliability and a norm SD" in (without.reliable_change.reason or "")
    assert stated.reliable_change is not None
    assert stated.reliable_change.index == pytest.approx(2 / (2**0.5 * 0.6 * 0.2**0.5))
    assert stated.reliable_change.reliable is True
    assert stated.reliable_change.source == "framework manual"
    assert stated.exceeds_uncertainty is None


def test_a_behaviour_without_a_norm_sd_has_no_index_and_says_why() -> None:
    before = score(team({"me": [2, 3, 3]}, 1, "quick"), FW)
    after = score(team({"me": [4, 3, 3]}, 9, "quick"), FW)
    norm = ChangeNorm(reliability=0.8, sd={"b0": 0.6})
    change = compare(before, after, norm=norm).behaviours[1]
    assert change.reliable_change is not None
    assert change.reliable_change.index is None
    assert change.reliable_change.reliability == 0.8


def test_settings_can_differ_between_rounds() -> None:
    small = ScoringSettings(min_team=2)
    comparison = compare_assessments(
        team(PAIRED_BEFORE, 1), team(PAIRED_AFTER, 9), FW, settings=(small, ScoringSettings())
    )
    assert comparison.design == "paired"


def test_a_paired_behaviour_that_falls_back_says_why() -> None:
    before = {**PAIRED_BEFORE, "e": [3, 3, 3]}
    comparison = compare_assessments(team(before, 1), team(PAIRED_AFTER, 9), FW)
    change = comparison.behaviours[0]
    assert comparison.only_before == 1
    assert change.design == "independent"
    assert (change.reason or "").startswith("not paired: ")


def _rater_360(day: int, shift: int) -> Assessment:
    roles = {"p1": "peer", "p2": "peer", "p3": "peer"}
    roles |= {"d1": "direct_report", "d2": "direct_report", "d3": "direct_report"}
    responses = [Response(respondent="me", role="self", ratings={"b0": 3, "b1": 3, "b2": 3})]
    responses += [
        Response(  # type: ignore[arg-type]
            respondent=who,
            role=role,
            ratings={"b0": min(5, 1 + i % 4 + shift), "b1": 2 + (i + shift) % 3, "b2": 3},
        )
        for i, (who, role) in enumerate(roles.items())
    ]
    return Assessment(
        framework=FW.id,
        framework_version=FW.version,
        kind="360",
        subject=Subject(id="me", name="Me"),
        assessed_on=datetime.date(2025, 1, day),
        responses=responses,
    )


def test_a_360_with_the_same_raters_is_paired() -> None:
    comparison = compare_assessments(_rater_360(1, 0), _rater_360(9, 1), FW)
    assert comparison.design == "paired"
    assert comparison.matched == 6  # the raters; the subject's self-assessment is not paired
    assert comparison.behaviours[0].n_pairs == 6


@settings(max_examples=25)
@given(data=st.data())
def test_the_order_respondents_come_in_changes_nothing(data: st.DataObject) -> None:
    answers = st.lists(st.integers(1, 5), min_size=3, max_size=3)
    before = data.draw(st.dictionaries(st.sampled_from("abcdef"), answers, min_size=3))
    after = data.draw(st.dictionaries(st.sampled_from("abcdef"), answers, min_size=3))
    shuffled = dict(data.draw(st.permutations(list(after.items()))))
    one = compare_assessments(team(before, 1), team(after, 9), FW)
    two = compare_assessments(team(before, 1), team(shuffled, 9), FW)
    assert one == two
