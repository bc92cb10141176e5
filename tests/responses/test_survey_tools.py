"""Every survey tool's export of one 360 round reads, with no flags, and scores as our layout.

The fixtures (tests/fixtures/survey-tools/, written by its make.py) are the
same answers exported as each tool exports them; ``behaviours/`` holds them in
the project's own item-id layout.
"""

from __future__ import annotations

import datetime
import logging
from pathlib import Path

import pytest

from behaviours import load_framework, score
from behaviours.frameworks.columns import SURVEY_TOOLS
from behaviours.responses.reading import read_responses
from behaviours.responses.sources import tools

ROOT = Path(__file__).resolve().parents[1] / "fixtures" / "survey-tools"
FW = load_framework("compassionate-leadership")
DAY = datetime.date(2025, 3, 31)
TOOLS = sorted(p.name for p in ROOT.iterdir() if p.is_dir() and p.name != "behaviours")


def files(tool: str) -> list[Path]:
    found = sorted((ROOT / tool).iterdir())
    return sorted(found, key=lambda p: not p.name.startswith("self"))  # self form first


def scored(paths: list[Path], **options: object) -> list[dict[str, object]]:
    read = read_responses(paths, FW, "360", assessed_on=DAY, **options)  # type: ignore[arg-type]
    return [score(a, FW).model_dump(mode="json") for a in read]


def answers(paths: list[Path]) -> list[tuple[str, str, dict[str, object], dict[str, str]]]:
    """What each respondent said, without the respondent ids (made from file names)."""
    read = read_responses(paths, FW, "360", assessed_on=DAY)
    said = [(a.subject.name, r.role, r.ratings, r.comments) for a in read for r in a.responses]
    return sorted(said, key=repr)


@pytest.fixture(scope="module")
def ours() -> list[dict[str, object]]:
    return scored(files("behaviours"))


def test_every_tool_with_a_reader_has_fixtures_and_a_source_choice() -> None:
    assert sorted(tools()) == sorted(SURVEY_TOOLS) == sorted([*TOOLS, "behaviours"])


@pytest.mark.parametrize("tool", TOOLS)
def test_an_export_reads_as_its_tool_without_flags(
    tool: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, "behaviours.responses"):
        read_responses(files(tool), FW, "360", assessed_on=DAY)
    notes = [r.getMessage() for r in caplog.records]
    assert all(f"read as {tools()[tool].title}" in n for n in notes), notes
    assert len(notes) == 2


@pytest.mark.parametrize("tool", TOOLS)
def test_an_export_holds_the_same_answers_as_the_item_id_layout(tool: str) -> None:
    assert answers(files(tool)) == answers(files("behaviours"))


@pytest.mark.parametrize("tool", TOOLS)
def test_an_export_scores_exactly_as_the_item_id_layout(
    tool: str, ours: list[dict[str, object]]
) -> None:
    assert scored(files(tool)) == ours


@pytest.mark.parametrize("tool", TOOLS)
def test_naming_the_tool_reads_the_same_as_recognising_it(tool: str) -> None:
    assert scored(files(tool), tool=tool) == scored(files(tool))
