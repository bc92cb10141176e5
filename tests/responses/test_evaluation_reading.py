"""A filled export of the organisation self-evaluation form, read back in."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import pytest

from behaviours.errors import ResponsesError
from behaviours.frameworks.catalogue import load_framework
from behaviours.questionnaires.evaluation import (
    build_evaluation_questionnaire,
)
from behaviours.responses.evaluation import Plan
from behaviours.responses.evaluation_reading import parse_date, read_evaluations

ICF = load_framework("working-alongside")
COMPACT = load_framework("kirklees-compact")
DAY = datetime.date(2026, 3, 27)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _export(tmp_path: Path, header: list[str], rows: list[list[str]]) -> Path:
    path = tmp_path / "export.csv"
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    return path


def _read(path: Path) -> list:  # type: ignore[type-arg]
    return read_evaluations(
        path, COMPACT, partnership="Kirklees Compact", round="2026", assessed_on=DAY
    )


HEADER = [
    "subject",
    "respondent",
    "shown_alone",
    "extent:openness",
    "confidence:openness",
    "evidence:openness",
    "plan-what:openness",
    "plan-measure:openness",
    "plan-by:openness",
    "plan-who:openness",
]


def test_a_filled_export_reads_back_every_answer(tmp_path: Path) -> None:
    path = _export(
        tmp_path,
        HEADER,
        [["Colne Valley Council", "Ann", "Yes", "Mostly", "2", "Minutes", "Publish", "Asked",
          "30/09/2026", "Champion"]],
    )  # fmt: skip
    [evaluation] = _read(path)
    [response] = evaluation.responses
    assert evaluation.shown_alone
    assert response.ratings == {"extent": {"openness": 4}, "confidence": {"openness": 2}}
    assert response.evidence == {"openness": "Minutes"}
    assert response.plans == {
        "openness": Plan(
            what="Publish", measure="Asked", by=datetime.date(2026, 9, 30), who="Champion"
        )
    }


def test_columns_headed_by_their_prompts_read_as_their_ids(tmp_path: Path) -> None:
    form = build_evaluation_questionnaire(COMPACT)
    item = form.items[0]
    header = [form.fields[0].prompt, item.ratings[0].prompt, item.ratings[1].prompt]
    [evaluation] = _read(_export(tmp_path, header, [["Colne Valley Council", "5", "4"]]))
    assert evaluation.responses[0].ratings == {
        "extent": {"openness": 5},
        "confidence": {"openness": 4},
    }


def test_people_of_one_organisation_are_one_evaluation(tmp_path: Path) -> None:
    rows = [
        ["Colne Valley Council", "Ann", "yes", "4", "2"],
        ["colne  valley council", "Bob", "no", "5", "3"],
        ["Spen Valley Youth Project", "Raj", "", "3", "3"],
    ]
    evaluations = _read(_export(tmp_path, HEADER[:5], rows))
    assert [len(e.responses) for e in evaluations] == [2, 1]
    assert [e.shown_alone for e in evaluations] == [False, False]  # one said no


def test_a_person_answering_twice_for_one_organisation_is_refused(tmp_path: Path) -> None:
    rows = [["Colne Valley Council", "Ann", "yes", "4", "2"]] * 2
    with pytest.raises(ResponsesError) as caught:
        _read(_export(tmp_path, HEADER[:5], rows))
    assert "answers twice (first on row 2)" in str(caught.value)


def test_every_bad_cell_is_reported_with_its_row_and_column(tmp_path: Path) -> None:
    rows = [
        ["Colne Valley Council", "Ann", "perhaps", "Most", "2", "", "", "", "2026-02-30", ""],
    ]
    with pytest.raises(ResponsesError) as caught:
        _read(_export(tmp_path, HEADER, rows))
    where = [(p.line, p.column, p.path) for p in caught.value.problems]
    assert where == [
        (2, 3, "shown_alone"),
        (2, 4, "extent:openness"),
        (2, 9, "plan-by:openness"),
    ]


def test_a_row_naming_no_organisation_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ResponsesError, match="no organisation named"):
        _read(_export(tmp_path, HEADER[:5], [["", "Ann", "yes", "4", "2"]]))


def test_indicator_columns_read_as_a_full_evaluation(tmp_path: Path) -> None:
    column = "extent:openness.explains-decisions"
    [evaluation] = _read(_export(tmp_path, ["subject", column], [["Colne Valley Council", "3"]]))
    assert evaluation.detail == "full"


def test_a_json_file_of_evaluations_is_checked_against_the_framework(tmp_path: Path) -> None:
    path = tmp_path / "evaluations.json"
    data = {
        "framework": COMPACT.id,
        "framework_version": "1.1",
        "partnership": "Kirklees Compact",
        "round": "2026",
        "subject": {"id": "x", "name": "X"},
        "assessed_on": "2026-03-27",
        "responses": [{"respondent": "r", "ratings": {"extent": {"openess": 4}}}],
    }
    path.write_text(json.dumps([data]), encoding="utf-8")
    with pytest.raises(ResponsesError, match=r"did you mean 'openness'"):
        read_evaluations(path, COMPACT)


@pytest.mark.parametrize(
    ("cell", "day"),
    [("2026-09-30", (2026, 9, 30)), ("30/09/2026", (2026, 9, 30)), ("1/2/2027", (2027, 2, 1))],
)
def test_plan_dates_are_read_as_iso_or_as_uk_survey_tools_write_them(
    cell: str, day: tuple[int, int, int]
) -> None:
    assert parse_date(cell) == datetime.date(*day)
