"""Responses: validation names the respondent and item of every problem; JSON round-trips."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from behaviours import score
from behaviours.errors import ResponsesError
from behaviours.frameworks.model import Framework
from behaviours.responses.model import (
    Assessment,
    Response,
    Subject,
    assessments_json,
    check_assessment,
    detail_of,
    parse_assessments_json,
    read_assessments_json,
)
from strategies.responses import assessments, frameworks, make_framework

FW = make_framework([(2, 1, "five"), (1, 0, "four")])


def assessment(
    kind: str = "quick", responses: list[Response] | None = None, **kw: object
) -> Assessment:
    fields: dict[str, object] = {
        "framework": FW.id,
        "framework_version": FW.version,
        "kind": kind,
        "subject": Subject(id="s1", name="Siobhán"),
        "assessed_on": datetime.date(2025, 1, 31),
        "responses": responses or [Response(respondent="me", role="self", ratings={"b0": 3})],
    }
    fields.update(kw)
    return Assessment.model_validate(fields)


def messages(a: Assessment, fw: Framework = FW) -> list[str]:
    return [f"{p.path}: {p.message}" for p in check_assessment(a, fw)]


def test_a_fitting_assessment_has_no_problems() -> None:
    assert messages(assessment()) == []


def test_unknown_items_and_off_scale_ratings_are_all_reported_with_respondent_and_item() -> None:
    bad = Response(respondent="ann", role="self", ratings={"b0": 7, "b1": 5, "b00": 1})
    found = messages(assessment(responses=[bad]))
    assert found == [
        "responses[0].ratings.b0: respondent 'ann': rating 7 of item 'b0' is not on the scale",
        "responses[0].ratings.b1: respondent 'ann': rating 5 of item 'b1' is not on the scale",
        "responses[0].ratings.b00: respondent 'ann': unknown quick item 'b00'; did you mean 'b0'?",
    ]


def test_a_respondent_twice_is_reported() -> None:
    twice = [Response(respondent="x", role="member"), Response(respondent="x", role="member")]
    assert any("answers twice" in m for m in messages(assessment("team", twice)))


def test_roles_that_do_not_fit_the_kind_are_reported() -> None:
    wrong = [Response(respondent="x", role="peer", ratings={"b0": 2})]
    assert any("role 'peer' does not fit a team" in m for m in messages(assessment("team", wrong)))


def test_a_360_may_have_at_most_one_self_assessment() -> None:
    selves = [Response(respondent=f"x{i}", role="self") for i in range(2)]
    assert any("more than one self" in m for m in messages(assessment("360", selves)))


def test_a_different_major_version_is_incompatible_but_a_minor_one_is_not() -> None:
    assert messages(assessment(framework_version="1.7")) == []
    assert any("not compatible" in m for m in messages(assessment(framework_version="2.0")))


def test_not_able_to_say_is_refused_where_the_scale_does_not_offer_it() -> None:
    data = FW.model_dump()
    data["scales"]["five"]["not_able_to_say"] = None
    fw = Framework.model_validate(data)
    nas = [Response(respondent="me", role="self", ratings={"b0": "not_able_to_say"})]
    assert any("offers no 'not able to say'" in m for m in messages(assessment(responses=nas), fw))


def test_score_raises_one_error_listing_every_problem() -> None:
    bad = Response(respondent="ann", role="self", ratings={"b0": 9, "zz": 1})
    with pytest.raises(ResponsesError) as caught:
        score(assessment(responses=[bad]), FW)
    assert len(caught.value.problems) == 2


def test_detail_is_inferred_from_the_item_ids() -> None:
    team = assessment("team", [Response(respondent="m", role="member", ratings={"b0.d0": 2})])
    assert detail_of(team, FW) == "full"
    assert detail_of(assessment("team", [Response(respondent="m", role="member")]), FW) == "quick"


@given(data=st.data(), fw=frameworks(), kind=st.sampled_from(["quick", "full", "team", "360"]))
def test_assessments_round_trip_through_json(data: st.DataObject, fw: Framework, kind: str) -> None:
    drawn = data.draw(assessments(fw, kind))
    assert parse_assessments_json(assessments_json([drawn])) == [drawn]


def test_reading_a_file_names_the_file_and_json_path(tmp_path: Path) -> None:
    path = tmp_path / "responses.json"
    document = json.loads(assessments_json([assessment()]))
    document[0]["responses"][0]["ratings"]["b0"] = "often"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ResponsesError) as caught:
        read_assessments_json(path)
    problem = caught.value.problems[0]
    assert problem.file == str(path)
    assert problem.path.startswith("[0].responses[0].ratings.b0")


def test_invalid_json_points_at_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n{"framework": }\n]', encoding="utf-8")
    with pytest.raises(ResponsesError) as caught:
        read_assessments_json(path)
    assert caught.value.problems[0].line == 2


def test_a_missing_file_is_a_responses_error(tmp_path: Path) -> None:
    with pytest.raises(ResponsesError, match="cannot read"):
        read_assessments_json(tmp_path / "missing.json")


def test_booleans_are_not_ratings() -> None:
    with pytest.raises(ResponsesError):
        parse_assessments_json(assessments_json([assessment()]).replace('"b0": 3', '"b0": true'))
