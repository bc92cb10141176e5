"""``behaviours compare`` and ``schema comparison`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from behaviours.cli import main
from behaviours.results.comparing import comparison_schema

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = ROOT / "tests" / "fixtures" / "responses" / "cmp-pairing-twice"
ARGS = ["--framework", "ics-leadership-behaviours", "--kind", "team"]


def _compare(capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict[str, object]]:
    code = main(["compare", str(ROUNDS / "before.json"), str(ROUNDS / "after.json"), *ARGS, *extra])
    assert code == 0, capsys.readouterr().err
    found: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return found


def test_compare_pairs_the_same_respondents_by_id(capsys: pytest.CaptureFixture[str]) -> None:
    (comparison,) = _compare(capsys)
    assert comparison["design"] == "paired"
    assert (comparison["matched"], comparison["only_before"], comparison["only_after"]) == (4, 0, 0)


def test_compare_takes_an_explicit_pairing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pairing = tmp_path / "pairing.csv"
    pairing.write_text("before,after\nann,ann\nbo,bo\ncy,cy\n", encoding="utf-8")
    (comparison,) = _compare(capsys, "--pairing", str(pairing))
    assert comparison["matching"] == "pairing"
    assert comparison["matched"] == 3


def test_compare_states_the_adjustment_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    (comparison,) = _compare(capsys, "--adjustment", "bh")
    assert comparison["adjustment"] == "bh"


def test_compare_writes_to_out_and_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "comparison.json"
    args = ["compare", str(ROUNDS / "before.json"), str(ROUNDS / "after.json"), *ARGS]
    assert main([*args, "--out", str(out)]) == 0
    assert json.loads(out.read_text("utf-8"))[0]["design"] == "paired"
    assert str(out) in capsys.readouterr().err


def test_schema_comparison_prints_the_comparison_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema", "comparison"]) == 0
    assert json.loads(capsys.readouterr().out) == comparison_schema()


def test_committed_comparison_schema_is_current() -> None:
    committed = json.loads((ROOT / "docs" / "schema" / "comparison.json").read_text("utf-8"))
    hint = "regenerate: behaviours schema comparison > docs/schema/comparison.json"
    assert committed == comparison_schema(), hint


def _properties(node: object) -> list[tuple[str, dict[str, object]]]:
    found: list[tuple[str, dict[str, object]]] = []
    if isinstance(node, dict):
        found += list(node.get("properties", {}).items())
        for value in node.values():
            found += _properties(value)
    elif isinstance(node, list):
        for value in node:
            found += _properties(value)
    return found


def test_every_field_of_the_comparison_schema_is_described() -> None:
    schema = comparison_schema()
    assert [name for name, prop in _properties(schema) if not prop.get("description")] == []
