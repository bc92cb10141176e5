"""Results out: the committed result schema is current; JSON round-trips; tidy CSV rows."""

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from behaviours import InsufficientRatersError, ResponsesError, load_framework, score
from behaviours.responses.model import Assessment, Rating, Response, Subject
from behaviours.results.exporting import (
    RESULT_CSV_COLUMNS,
    parse_results_json,
    read_results_json,
    result_schema,
    results_csv,
    results_json,
    write_results,
)
from behaviours.results.model import Result
from strategies.importing import answers

ROOT = Path(__file__).resolve().parents[2]
FW = load_framework("compassionate-leadership")
FULL = [i.id for i in FW.items("full")]


def assessment(ratings: list[dict[str, Rating]], kind: str = "360") -> Assessment:
    roles = ["self"] + ["peer", "direct_report", "manager", "other"] * 3
    return Assessment(
        framework=FW.id,
        framework_version=FW.version,
        kind=kind,  # type: ignore[arg-type]
        detail="full",
        subject=Subject(id="p1", name="Siobhán"),
        assessed_on=datetime.date(2025, 5, 1),
        responses=[
            Response(respondent=f"r{n}", role=roles[n], ratings=r)  # type: ignore[arg-type]
            for n, r in enumerate(ratings)
        ],
    )


@pytest.fixture(scope="module")
def result() -> Result:
    people = [{i: 1 + (n + k) % 5 for k, i in enumerate(FULL)} for n in range(7)]
    return score(assessment(people), FW)


def test_committed_result_schema_is_current() -> None:
    committed = json.loads((ROOT / "docs" / "schema" / "result.json").read_text(encoding="utf-8"))
    hint = "regenerate: behaviours schema result > docs/schema/result.json"
    assert committed == result_schema(), hint


@settings(max_examples=40)
@given(st.lists(answers(FW, FULL), min_size=4, max_size=9))
def test_results_json_reads_back_equal(people: list[dict[str, Rating]]) -> None:
    try:
        scored = score(assessment(people), FW)
    except InsufficientRatersError:  # raters who answered nothing: not this test's business
        assume(False)
        raise
    assert parse_results_json(results_json([scored])) == [scored]


def test_csv_has_one_row_per_behaviour_and_shown_group(result: Result) -> None:
    rows = list(csv.DictReader(io.StringIO(results_csv([result]))))
    groups = 1 + len([g for g in result.behaviours[0].groups if g != result.headline])
    assert len(rows) == len(FW.behaviours) * groups
    assert [r["behaviour_id"] for r in rows[::groups]] == [b.id for b in FW.behaviours]


def test_csv_header_is_the_documented_column_list(result: Result) -> None:
    header = results_csv([result]).splitlines()[0]
    assert tuple(header.split(",")) == RESULT_CSV_COLUMNS


def test_csv_headline_row_carries_the_behaviour_score(result: Result) -> None:
    first = next(csv.DictReader(io.StringIO(results_csv([result]))))
    score_ = result.behaviours[0].score
    assert (first["group"], first["headline"]) == (result.headline, "true")
    assert float(first["mean"]) == score_.mean
    assert int(first["n"]) == score_.n


def test_csv_item_rows_follow_their_behaviour_when_asked(result: Result) -> None:
    rows = list(csv.DictReader(io.StringIO(results_csv([result], items=True))))
    item_ids = [r["item_id"] for r in rows if r["item_id"] and r["headline"] == "true"]
    assert item_ids == FULL


def test_missing_statistics_are_blank_cells_not_zero(result: Result) -> None:
    rows = list(csv.DictReader(io.StringIO(results_csv([result]))))
    self_rows = [r for r in rows if r["group"] == "self"]
    assert self_rows
    assert all(r["sd"] == "" for r in self_rows)


def test_write_results_to_a_path_then_read_back(tmp_path: Path, result: Result) -> None:
    write_results([result], tmp_path / "results.json", format="json")
    assert read_results_json(tmp_path / "results.json") == [result]


def test_invalid_results_json_names_the_path() -> None:
    with pytest.raises(ResponsesError, match=r"\[0\]\.kind"):
        parse_results_json('[{"kind": "sometimes"}]')


def _properties(node: object) -> list[tuple[str, dict[str, object]]]:
    """Every property of every object in a JSON Schema, with its name."""
    found: list[tuple[str, dict[str, object]]] = []
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            found.append((name, prop))
        for value in node.values():
            found += _properties(value)
    elif isinstance(node, list):
        for value in node:
            found += _properties(value)
    return found


def test_every_field_of_the_result_schema_is_described() -> None:
    undescribed = [
        name for name, prop in _properties(result_schema()) if not prop.get("description")
    ]
    assert undescribed == []
