"""The framework quality models: their committed schema, JSON round-trip, ranks and flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from behaviours.results.quality import FrameworkQuality, analyse, quality_schema
from strategies.analysis import structured
from strategies.responses import make_framework

ROOT = Path(__file__).resolve().parents[2]
FW = make_framework([(4, 1, "five"), (3, 2, "five"), (1, 0, "five")])
PLANTED = "b1.n1"


@pytest.fixture(scope="module")
def quality() -> FrameworkQuality:
    return analyse(structured(FW, "full", subjects=200, planted=PLANTED, seed=3), FW)


def test_committed_quality_schema_is_current() -> None:
    committed = json.loads((ROOT / "docs" / "schema" / "quality.json").read_text("utf-8"))
    hint = "regenerate: behaviours schema quality > docs/schema/quality.json"
    assert committed == quality_schema(), hint


def test_quality_json_reads_back_equal(quality: FrameworkQuality) -> None:
    assert FrameworkQuality.model_validate_json(quality.model_dump_json()) == quality


def test_the_planted_miskeyed_item_is_flagged_and_no_other(quality: FrameworkQuality) -> None:
    flagged = [
        i.id for b in quality.behaviours for i in b.items if "runs_against_keying" in i.flags
    ]
    assert flagged == [PLANTED]


def test_items_are_ranked_by_what_they_add(quality: FrameworkQuality) -> None:
    for b in quality.behaviours[:2]:
        adds = [i.adds for i in b.items]
        assert [i.rank for i in b.items] == list(range(1, len(b.items) + 1))
        assert adds == sorted(adds, reverse=True)  # type: ignore[type-var]


def test_a_one_item_behaviour_says_why_it_has_no_alpha(quality: FrameworkQuality) -> None:
    single = quality.behaviours[2]
    assert single.alpha is None
    assert single.reason == "one item: consistency needs two or more items"


def test_fewer_than_30_respondents_say_so() -> None:
    few = analyse(structured(FW, "full", subjects=12, seed=4), FW)
    assert few.behaviours[0].small_sample
    assert few.behaviours[0].items[0].small_sample
    assert any("fewer than 30" in w for w in few.warnings)


def test_an_item_many_raters_cannot_observe_is_flagged() -> None:
    data = structured(FW, "360", subjects=8, respondents=6, nas_item="b0.d0", seed=5)
    item = analyse(data, FW).behaviours[0].items
    found = next(i for i in item if i.id == "b0.d0")
    assert "many_not_able_to_say" in found.flags
    assert found.not_able_to_say_share is not None
    assert found.not_able_to_say_share > 0.3
