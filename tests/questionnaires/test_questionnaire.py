"""Questionnaires: items in framework order, prompts in the right voice, options from the scale."""

import csv
import io
import json
from pathlib import Path

import pytest

from behaviours import ResponsesError, list_frameworks, load_framework
from behaviours.questionnaires.exporting import questionnaire_csv, write_questionnaire
from behaviours.questionnaires.model import (
    STEMS,
    Questionnaire,
    build_questionnaire,
)

FW = load_framework("compassionate-leadership")


def test_quick_items_follow_framework_order_one_per_behaviour() -> None:
    q = build_questionnaire(FW, "quick")
    assert [i.id for i in q.items] == [b.id for b in FW.behaviours]


def test_full_items_are_every_indicator_in_framework_order() -> None:
    q = build_questionnaire(FW, "full")
    assert [i.id for i in q.items] == [i.id for i in FW.items("full")]


def test_quick_self_prompt_is_the_frameworks_first_person_prompt() -> None:
    q = build_questionnaire(FW, "quick")
    assert q.items[0].prompt == FW.behaviours[0].quick_prompt.text


def test_360_rater_quick_prompt_is_the_observer_prompt() -> None:
    q = build_questionnaire(FW, "360", role="peer")
    assert q.items[0].prompt == FW.behaviours[0].observer_prompt.text


def test_team_quick_prompt_is_the_team_prompt() -> None:
    q = build_questionnaire(FW, "team")
    assert q.items[0].prompt == FW.behaviours[0].team_prompt.text


@pytest.mark.parametrize(
    ("kind", "role", "stem"),
    [
        ("full", None, "I am someone who"),
        ("360", "manager", "This person"),
        ("team", None, "Our team"),
    ],
)
def test_full_prompt_is_stem_then_indicator_lowered(kind: str, role: str | None, stem: str) -> None:
    q = build_questionnaire(FW, kind, role=role, detail="full")  # type: ignore[arg-type]
    assert (
        q.items[0].prompt
        == f"{stem} puts other work aside to give people full attention when they talk."
    )


def test_stems_cover_both_subjects_and_all_voices() -> None:
    assert {(s, v) for s in ("person", "organisation") for v in ("self", "rater", "team")} == set(
        STEMS
    )


def test_acronym_at_start_of_indicator_keeps_its_case() -> None:
    from behaviours.questionnaires.model import _sentence

    assert (
        _sentence("This person", "NHS values guide their work")
        == "This person NHS values guide their work."
    )


def test_options_are_scale_points_then_not_able_to_say() -> None:
    q = build_questionnaire(FW, "quick")
    labels = [o.label for o in q.items[0].options]
    assert labels == [p.label for p in FW.scale.points] + ["Not able to say"]
    assert q.items[0].options[-1].value is None


def test_360_form_without_role_asks_for_the_role() -> None:
    q = build_questionnaire(FW, "360")
    assert [f.id for f in q.fields] == ["subject", "role"]


def test_360_form_for_one_role_does_not_ask_for_it() -> None:
    q = build_questionnaire(FW, "360", role="peer")
    assert [f.id for f in q.fields] == ["subject"]


def test_role_that_does_not_answer_the_kind_is_refused() -> None:
    with pytest.raises(ResponsesError, match="does not answer a quick assessment"):
        build_questionnaire(FW, "quick", role="peer")


def test_detail_that_contradicts_the_kind_is_refused() -> None:
    with pytest.raises(ResponsesError, match="a quick assessment has quick items"):
        build_questionnaire(FW, "quick", detail="full")


def test_csv_has_one_row_per_field_and_item_with_options() -> None:
    q = build_questionnaire(FW, "360", detail="full")
    rows = list(csv.DictReader(io.StringIO(questionnaire_csv(q))))
    ratings = [r for r in rows if r["type"] == "rating"]
    assert [r["item_id"] for r in ratings] == [i.id for i in q.items]
    assert ratings[0]["option_1"] == "Rarely"
    assert rows[1]["option_1"] == "Manager"


def test_json_round_trips_to_the_same_questionnaire(tmp_path: Path) -> None:
    q = build_questionnaire(FW, "team", detail="full")
    write_questionnaire(q, tmp_path / "q.json", format="json")
    again = Questionnaire.model_validate(json.loads((tmp_path / "q.json").read_text("utf-8")))
    assert again == q


def test_csv_file_starts_with_byte_order_mark_for_excel(tmp_path: Path) -> None:
    write_questionnaire(build_questionnaire(FW, "quick"), tmp_path / "q.csv", format="csv")
    assert (tmp_path / "q.csv").read_bytes().startswith(b"\xef\xbb\xbftype,")


@pytest.mark.parametrize("framework_id", [f.id for f in list_frameworks()])
@pytest.mark.parametrize(
    ("kind", "detail"), [("quick", None), ("full", None), ("team", "full"), ("360", "full")]
)
def test_every_prompt_is_unique_so_headers_can_match_by_prompt(
    framework_id: str, kind: str, detail: str | None
) -> None:
    q = build_questionnaire(load_framework(framework_id), kind, detail=detail)  # type: ignore[arg-type]
    prompts = [i.prompt for i in q.items]
    assert len(set(prompts)) == len(prompts)


def test_360_and_team_forms_ask_a_comment_per_behaviour_by_default() -> None:
    q = build_questionnaire(FW, "360")
    assert [c.id for c in q.comments] == [f"comment:{b.id}" for b in FW.behaviours]


def test_self_assessment_asks_no_comments_unless_asked() -> None:
    assert build_questionnaire(FW, "quick").comments == []
    assert len(build_questionnaire(FW, "quick", comments=True).comments) == len(FW.behaviours)


def test_csv_puts_each_comment_after_its_behaviours_last_item() -> None:
    q = build_questionnaire(FW, "360", detail="full")
    rows = list(csv.DictReader(io.StringIO(questionnaire_csv(q))))
    ids = [r["item_id"] for r in rows]
    assert ids.index("comment:attending") == ids.index("attending.distracted") + 1
