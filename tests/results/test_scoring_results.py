"""Result models: exact JSON round trips, ranked lists with ties, 360 flags, comparisons."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from behaviours import ScoringSettings, compare, score
from behaviours.errors import ScoringError
from behaviours.frameworks.model import Framework
from behaviours.responses.model import Assessment, Response, Subject
from behaviours.results.building import extremes
from behaviours.results.model import Result
from strategies.responses import assessments, frameworks, make_framework

FW = make_framework([(1, 0, "five")] * 6)


@settings(max_examples=60)
@given(data=st.data(), fw=frameworks(), kind=st.sampled_from(["quick", "full", "team", "360"]))
def test_results_round_trip_through_json_exactly(
    data: st.DataObject, fw: Framework, kind: str
) -> None:
    result = score(data.draw(assessments(fw, kind, min_raters=3)), fw)
    assert Result.model_validate_json(result.model_dump_json()) == result


def test_extremes_keep_ties_together_ordered_by_id() -> None:
    scores = [("e", 4.0), ("a", 4.0), ("c", 2.0), ("b", 3.0), ("d", 1.0), ("f", 2.0)]
    assert extremes(scores, 1) == (["a", "e"], ["d"])
    assert extremes(scores, 2) == (["a", "e"], ["d", "c", "f"])


def test_extremes_name_no_strength_when_everything_ties() -> None:
    assert extremes([("a", 3.0), ("b", 3.0)], 3) == ([], [])
    assert extremes([("a", 3.0), ("b", 3.0), ("c", 3.0), ("d", 1.0)], 1) == ([], ["d"])


@given(
    st.lists(
        st.tuples(st.text(min_size=1, max_size=3), st.sampled_from([1.0, 2.0, 3.0])),
        unique_by=lambda t: t[0],
        max_size=12,
    ),
    st.integers(1, 6),
)
def test_extremes_take_at_most_half_at_each_end_and_never_overlap(
    scores: list[tuple[str, float]], n: int
) -> None:
    top, bottom = extremes(scores, n)
    assert len(top) <= len(scores) // 2
    assert len(bottom) <= len(scores) // 2
    assert not set(top) & set(bottom)
    value = dict(scores)
    if top and bottom:
        assert min(value[i] for i in top) > max(value[i] for i in bottom)


def quick(who: str, kind: str, ratings: list[list[int]], day: int = 1) -> Assessment:
    role = {"quick": "self", "team": "member"}[kind]
    return Assessment(
        framework=FW.id,
        framework_version=FW.version,
        kind=kind,  # type: ignore[arg-type]
        subject=Subject(id=who, name=who),
        assessed_on=datetime.date(2025, 1, day),
        responses=[
            Response(respondent=f"r{i}", role=role, ratings={f"b{k}": v for k, v in enumerate(row)})  # type: ignore[arg-type]
            for i, row in enumerate(ratings)
        ],
    )


def test_strengths_and_development_areas_of_a_self_assessment() -> None:
    result = score(quick("me", "quick", [[5, 4, 4, 2, 1, 3]]), FW)
    assert result.strengths == ["b0", "b1", "b2"]
    assert result.development_areas == ["b4", "b3", "b5"]


def test_blind_spots_and_hidden_strengths_use_the_gap_threshold() -> None:
    raters = [
        Response(respondent=f"p{i}", role="peer", ratings={"b0": 3, "b1": 4, "b2": 3})
        for i in range(3)
    ]
    me = Response(respondent="me", role="self", ratings={"b0": 4, "b1": 3, "b2": 3})
    a = Assessment(
        framework=FW.id,
        framework_version=FW.version,
        kind="360",
        subject=Subject(id="s", name="S"),
        assessed_on=datetime.date(2025, 1, 1),
        responses=[me, *raters],
    )
    result = score(a, FW)
    assert result.feedback360 is not None
    assert result.feedback360.blind_spots == ["b0"]
    assert result.feedback360.hidden_strengths == ["b1"]
    assert result.behaviour("b2").flag is None


def test_team_disagreement_is_flagged_below_the_threshold() -> None:
    two = [[1, 3, 3, 3, 3, 3], [5, 3, 3, 3, 3, 4]]
    result = score(quick("t", "team", two), FW, ScoringSettings(min_team=2, min_rwg_raters=2))
    assert result.team is not None
    assert result.team.disagreements == ["b0"]
    assert result.behaviour("b1").agreement.rwg == 1.0  # type: ignore[union-attr]


def test_compare_flags_a_change_beyond_the_combined_uncertainty() -> None:
    before = score(
        quick("t", "team", [[2, 3, 3, 3, 3, 3], [2, 4, 3, 3, 3, 3], [3, 3, 3, 3, 3, 3]]), FW
    )
    after = score(
        quick("t", "team", [[4, 3, 3, 3, 3, 3], [5, 4, 3, 3, 3, 3], [4, 4, 3, 3, 3, 3]], 9), FW
    )
    changes = {c.id: c for c in compare(before, after).behaviours}
    assert changes["b0"].change == pytest.approx(13 / 3 - 7 / 3)
    assert changes["b0"].exceeds_uncertainty is True
    assert changes["b1"].exceeds_uncertainty is False
    assert changes["b2"].se == 0.0
    assert changes["b2"].degenerate is True
    assert changes["b2"].exceeds_uncertainty is None


def test_compare_of_self_assessments_has_no_uncertainty() -> None:
    before = score(quick("me", "quick", [[2, 3, 3, 3, 3, 3]]), FW)
    after = score(quick("me", "quick", [[4, 3, 3, 3, 3, 3]], 2), FW)
    change = compare(before, after).behaviours[0]
    assert change.change == 2
    assert change.normalised_change == 50
    assert change.exceeds_uncertainty is None


def test_compare_refuses_another_major_version() -> None:
    before = score(quick("me", "quick", [[2, 3, 3, 3, 3, 3]]), FW)
    after = before.model_copy(
        update={"framework": before.framework.model_copy(update={"version": "2.0"})}
    )
    with pytest.raises(ScoringError, match="MAJOR"):
        compare(before, after)
