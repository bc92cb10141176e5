"""Attacks on paired comparisons: the paired figures with both rounds' results, as a reader.

A paired comparison publishes, per behaviour, the mean change of the paired
respondents, its se and interval, and the number of pairs. With the two
results of the rounds, that is one more sum per behaviour; each attack below
is a way it could single out a rater, and the test asserts that
``compare_assessments`` does not publish the paired figures that would allow it
(docs/privacy.md, "Comparing rounds").
"""

from __future__ import annotations

import datetime

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from behaviours import ScoringSettings, compare_assessments, score
from behaviours.frameworks.model import Framework
from behaviours.responses.model import Assessment, Response, Subject
from behaviours.results.model import Comparison, Result
from strategies.responses import make_framework

QUICK = make_framework([(1, 0, "five")] * 2)
FULL = make_framework([(2, 0, "five")])


def rated(
    framework: Framework, kind: str, raters: dict[str, tuple[str, dict[str, int]]], day: int
) -> Assessment:
    """An assessment of ``framework``: respondent id -> (role, ratings by item id)."""
    return Assessment(
        framework=framework.id,
        framework_version=framework.version,
        kind=kind,  # type: ignore[arg-type]
        subject=Subject(id="s", name="S"),
        assessed_on=datetime.date(2025, 1, day),
        round=f"r{day}",
        responses=[
            Response(respondent=who, role=role, ratings=ratings)  # type: ignore[arg-type]
            for who, (role, ratings) in raters.items()
        ],
    )


def members(answers: dict[str, int]) -> dict[str, tuple[str, dict[str, int]]]:
    return {who: ("member", {"b0": v, "b1": 3}) for who, v in answers.items()}


def paired_sum(comparison: Comparison, behaviour: int) -> float | None:
    """What the comparison publishes of the paired raters' total change, if anything."""
    change = comparison.behaviours[behaviour]
    if change.design != "paired" or change.estimate is None or change.n_pairs is None:
        return None
    return change.estimate * change.n_pairs


def total(result: Result, behaviour: int) -> float:
    stats = result.behaviours[behaviour].score
    assert stats.mean is not None
    return stats.mean * stats.n


def test_a_team_member_who_joined_is_not_the_paired_figures_difference() -> None:
    # Attack: d joined. Paired total = a+b+c after - (a+b+c before) and the before total is
    # published, so d = after total - (paired total + before total).
    before = rated(QUICK, "team", members({"a": 2, "b": 3, "c": 4}), 1)
    after = rated(QUICK, "team", members({"a": 3, "b": 3, "c": 5, "d": 1}), 9)
    comparison = compare_assessments(before, after, QUICK)
    found = paired_sum(comparison, 0)
    assert comparison.only_after == 1
    assert found is None  # withheld: else d's answer would be (see the attack below)
    published = total(score(after, QUICK), 0) - total(score(before, QUICK), 0)
    assert published - (3 + 3 + 5 - 2 - 3 - 4) == 1  # what the paired total would give away


def test_a_team_member_who_left_is_not_the_paired_figures_difference() -> None:
    before = rated(QUICK, "team", members({"a": 2, "b": 3, "c": 4, "d": 5}), 1)
    after = rated(QUICK, "team", members({"a": 3, "b": 3, "c": 5}), 9)
    comparison = compare_assessments(before, after, QUICK)
    assert comparison.only_before == 1
    assert paired_sum(comparison, 0) is None
    assert comparison.design == "independent"
    assert "withheld" in comparison.design_reason


def test_a_360_role_split_by_the_pairs_is_not_published() -> None:
    # Attack: before, 2 peers and 2 direct reports (no role shown); after, a third of each
    # and three others join, and peers and direct reports are shown. Then
    # peers + direct reports - (paired total + before total) = p3 + d3, and p3, who knows
    # their own answer, reads d3's.
    before_raters = {
        "p1": ("peer", {"b0": 2, "b1": 3}),
        "p2": ("peer", {"b0": 3, "b1": 3}),
        "d1": ("direct_report", {"b0": 4, "b1": 3}),
        "d2": ("direct_report", {"b0": 2, "b1": 3}),
    }
    after_raters = {k: (r, {"b0": v["b0"] + 1, "b1": 3}) for k, (r, v) in before_raters.items()}
    after_raters |= {
        "p3": ("peer", {"b0": 1, "b1": 3}),
        "d3": ("direct_report", {"b0": 5, "b1": 3}),
        **{f"o{i}": ("other", {"b0": 3, "b1": 3}) for i in range(3)},
    }
    before, after = rated(QUICK, "360", before_raters, 1), rated(QUICK, "360", after_raters, 9)
    shown = score(after, QUICK).feedback360
    assert shown is not None
    assert set(shown.shown_groups) >= {"peer", "direct_report"}  # the attack's premise
    comparison = compare_assessments(before, after, QUICK)
    assert comparison.matched == 4
    assert paired_sum(comparison, 0) is None


def test_a_full_team_member_who_skipped_an_item_is_not_exposed() -> None:
    # Attack: d answered one of two items after. A paired score is a rater's mean over the
    # items they answered, so 2 * paired total - (item sums after - item sums before) = d's
    # answer to the item they did answer.
    def full(answers: dict[str, list[int | None]], day: int) -> Assessment:
        raters = {
            who: ("member", {f"b0.d{i}": v for i, v in enumerate(row) if v is not None})
            for who, row in answers.items()
        }
        return rated(FULL, "team", raters, day)

    before = full({"a": [2, 3], "b": [3, 3], "c": [4, 2], "d": [3, 3]}, 1)
    after = full({"a": [3, 3], "b": [4, 3], "c": [4, 4], "d": [5, None]}, 9)
    comparison = compare_assessments(before, after, FULL)
    assert comparison.matched == 4
    assert paired_sum(comparison, 0) is None


def test_a_team_that_stayed_together_publishes_its_paired_figures() -> None:
    before = rated(QUICK, "team", members({"a": 2, "b": 3, "c": 4}), 1)
    after = rated(QUICK, "team", members({"a": 3, "b": 4, "c": 5}), 9)
    assert paired_sum(compare_assessments(before, after, QUICK), 0) == 3


def _exposes(rows: list[np.ndarray], n_cells: int) -> bool:
    """Independent check: is one cell (a rater's answer in a round) in the span of rows?"""
    matrix = np.array(rows, dtype=np.float64).reshape(-1, n_cells)
    for cell in range(n_cells):
        target = np.zeros(n_cells)
        target[cell] = 1
        coefficients, *_ = np.linalg.lstsq(matrix.T, target, rcond=None)
        if np.abs(matrix.T @ coefficients - target).max() < 1e-8:
            return True
    return False


@settings(max_examples=40)
@given(
    before=st.dictionaries(st.sampled_from("abcdefg"), st.integers(1, 5), min_size=3),
    after=st.dictionaries(st.sampled_from("abcdefg"), st.integers(1, 5), min_size=3),
    knower=st.sampled_from("abcdefg"),
)
def test_no_paired_team_figure_with_both_results_gives_one_members_answer(
    before: dict[str, int], after: dict[str, int], knower: str
) -> None:
    # Cells: every member's answer to b0 in each round. A reader has the two team totals,
    # the paired total when published, and (as one member) their own answers.
    comparison = compare_assessments(
        rated(QUICK, "team", members(before), 1), rated(QUICK, "team", members(after), 9), QUICK
    )
    cells = [(0, w) for w in sorted(before)] + [(1, w) for w in sorted(after)]
    column = {c: k for k, c in enumerate(cells)}
    rows = [np.array([c[0] == r for c in cells], dtype=float) for r in (0, 1)]
    if paired_sum(comparison, 0) is not None:
        both = sorted(before.keys() & after.keys())
        row = np.zeros(len(cells))
        for w in both:
            row[column[(1, w)]], row[column[(0, w)]] = 1, -1
        rows.append(row)
    # The knower's own answers are subtracted out: the reader works on everyone else's.
    others = [k for k, c in enumerate(cells) if c[1] != knower]
    reduced = [r[others] for r in rows if r[others].any()]
    assert not _exposes(reduced, len(others))


def test_min_team_two_still_pairs_a_pair() -> None:
    small = ScoringSettings(min_team=2)
    before = rated(QUICK, "team", members({"a": 2, "b": 3}), 1)
    after = rated(QUICK, "team", members({"a": 3, "b": 5}), 9)
    assert paired_sum(compare_assessments(before, after, QUICK, settings=small), 0) == 3


THREE = make_framework([(3, 0, "five")])


def full_peers(rows: dict[str, list[int | None]], day: int) -> Assessment:
    """A full 360 of THREE: the subject "s" and peers, answers by item (None: skipped)."""
    raters = {
        who: (
            "self" if who == "s" else "peer",
            {f"b0.d{i}": v for i, v in enumerate(row) if v is not None},
        )
        for who, row in rows.items()
    }
    return rated(THREE, "360", raters, day)


def test_a_joiner_without_a_score_who_answered_a_used_item_is_not_exposed() -> None:
    # Attack on the merged definitions (issue 11's n = raters who answered a used item,
    # paired scores = raters with a score): d joins and answers one of three items, too few
    # for a score of their own, but item 0's 4 answers are published with them. The pairs
    # a, b, c split "others" (by score) 3 + 0, so only the population of the figure shows
    # d: item 0's after sum - (3 * paired mean + before total - items 1 and 2 after) = d.
    before = full_peers({"s": [3, 3, 3], "a": [2, 3, 4], "b": [3, 3, 3], "c": [4, 2, 5]}, 1)
    after = full_peers(
        {"s": [3, 3, 3], "a": [3, 3, 4], "b": [4, 3, 3], "c": [4, 4, 5], "d": [1, None, None]}, 9
    )
    assert score(after, THREE).behaviours[0].score.n == 4  # d is in the published figure
    comparison = compare_assessments(before, after, THREE)
    assert paired_sum(comparison, 0) is None
    reason = comparison.behaviours[0].reason or ""
    assert "others group would split" in reason  # rule 2 sees the figure's population


def test_a_full_360_whose_raters_all_stayed_publishes_its_paired_figures() -> None:
    rows = {"s": [3, 3, 3], "a": [2, 3, 4], "b": [3, 3, 3], "c": [4, 2, 5]}
    before = full_peers(rows, 1)
    after = full_peers({w: [min(5, v + 1) for v in r if v is not None] for w, r in rows.items()}, 9)
    assert paired_sum(compare_assessments(before, after, THREE), 0) is not None
