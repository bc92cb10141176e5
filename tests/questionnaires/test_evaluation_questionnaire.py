"""The organisation self-evaluation form: every item on each scale, evidence and a plan."""

from __future__ import annotations

import csv
import io

import pytest

from behaviours.errors import FrameworkError
from behaviours.frameworks.catalogue import load_framework
from behaviours.questionnaires.evaluation import (
    PLAN_PARTS,
    EvaluationQuestionnaire,
    build_evaluation_questionnaire,
    evaluation_csv,
)

ICF = load_framework("working-alongside")
COMPACT = load_framework("kirklees-compact")


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_icf_form_rates_each_approach_for_alignment_and_confidence() -> None:
    rows = _rows(evaluation_csv(build_evaluation_questionnaire(ICF)))
    first = [r for r in rows if r["behaviour_id"] == "recognise-everyone"]
    assert [(r["type"], r["item_id"]) for r in first] == [
        ("rating", "icf-alignment:recognise-everyone"),
        ("rating", "icf-confidence:recognise-everyone"),
        ("evidence", "evidence:recognise-everyone"),
        ("plan", "plan-what:recognise-everyone"),
        ("plan", "plan-measure:recognise-everyone"),
        ("date", "plan-by:recognise-everyone"),
        ("plan", "plan-who:recognise-everyone"),
    ]
    assert first[0]["option_1"] == "Not considered"
    assert first[0]["option_6"] == "In place, strong evidence of impact"


def test_every_approach_has_both_ratings_evidence_and_a_four_part_plan() -> None:
    rows = _rows(evaluation_csv(build_evaluation_questionnaire(ICF)))
    for b in ICF.behaviours:
        kinds = [r["type"] for r in rows if r["behaviour_id"] == b.id]
        assert kinds.count("rating") == 2
        assert kinds.count("evidence") == 1
        assert kinds.count("plan") + kinds.count("date") == len(PLAN_PARTS)


def test_the_form_asks_whether_the_partner_may_be_shown_alone() -> None:
    fields = [f.id for f in build_evaluation_questionnaire(COMPACT).fields]
    assert fields == ["subject", "respondent", "shown_alone"]


def test_a_full_form_rates_every_indicator_in_the_organisation_s_voice() -> None:
    form = build_evaluation_questionnaire(COMPACT, detail="full")
    assert form.items[0].prompt.startswith("Our organisation ")
    assert len(form.items) == len(COMPACT.items("full"))


def test_the_form_round_trips_through_json() -> None:
    form = build_evaluation_questionnaire(ICF)
    assert EvaluationQuestionnaire.model_validate_json(form.model_dump_json()) == form


def test_a_form_on_a_scale_the_framework_lacks_is_refused() -> None:
    with pytest.raises(FrameworkError, match="unknown scale 'alignment'"):
        build_evaluation_questionnaire(COMPACT, scales=["alignment"])
