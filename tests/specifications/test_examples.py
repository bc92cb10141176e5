"""The bundled example responses: valid, current with their generator, shaped like a team."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from behaviours.examples import EXAMPLES, example, examples
from behaviours.frameworks.catalogue import load_framework
from behaviours.responses.model import NOT_ABLE_TO_SAY, check_assessment

ROOT = Path(__file__).resolve().parents[2]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_examples", ROOT / "scripts/make_examples.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_examples_are_what_the_generator_writes(tmp_path: Path) -> None:
    generator = _generator()
    assert generator.main(["--check"]) == 0
    generator.main(["--out", str(tmp_path)])
    for name in EXAMPLES:
        committed = (ROOT / "src/behaviours/examples" / f"{name}.json").read_bytes()
        assert (tmp_path / f"{name}.json").read_bytes() == committed


def test_generator_check_notices_a_stale_file(tmp_path: Path) -> None:
    generator = _generator()
    generator.main(["--out", str(tmp_path)])
    (tmp_path / "team.json").write_text("{}", encoding="utf-8")
    assert generator.main(["--check", "--out", str(tmp_path)]) == 1


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_fits_its_framework(name: str) -> None:
    assessment = example(name)
    framework = load_framework(assessment.framework)
    assert check_assessment(assessment, framework) == []


def test_examples_are_one_of_each_kind_in_order() -> None:
    assert [a.kind for a in examples()] == ["full", "team", "360"]


def test_unknown_example_name_is_refused() -> None:
    with pytest.raises(ValueError, match="expected one of"):
        example("quick")  # type: ignore[arg-type]


def test_team_example_has_six_to_eight_members() -> None:
    responses = example("team").responses
    assert 6 <= len(responses) <= 8
    assert {r.role for r in responses} == {"member"}


def test_360_example_has_every_rater_group_in_realistic_numbers() -> None:
    roles = Counter(r.role for r in example("360").responses)
    assert roles["self"] == 1
    assert roles["manager"] == 1
    assert 3 <= roles["peer"] <= 4
    assert 3 <= roles["direct_report"] <= 4
    assert 1 <= roles["other"] <= 2


def test_360_example_has_not_able_to_say_and_comments() -> None:
    raters = [r for r in example("360").responses if r.role != "self"]
    assert any(NOT_ABLE_TO_SAY in r.ratings.values() for r in raters)
    assert sum(len(r.comments) for r in raters) >= 4


def test_examples_use_names_in_accents_and_arabic_script() -> None:
    text = " ".join(a.model_dump_json() for a in examples())
    for name in ("Zoë", "Siobhán", "Łukasz", "عائشہ"):
        assert name in text


def test_examples_are_dated_in_order_of_a_programme() -> None:
    dates = [a.assessed_on for a in examples()]
    assert dates == sorted(dates)
    assert len(set(dates)) == 3
