"""The framework quality report: a page per behaviour, the version reminder, guidance, any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from behaviours import render_quality_report
from behaviours.reports.document import Heading, PageBreak
from behaviours.reports.quality import VERSION_REMINDER, quality_document
from behaviours.results.quality import FrameworkQuality, analyse
from strategies.analysis import structured
from strategies.reports import hostile_text, pdf_pages
from strategies.responses import make_framework

FW = make_framework([(4, 1, "five"), (3, 2, "five")])


@pytest.fixture(scope="module")
def quality() -> FrameworkQuality:
    return analyse(structured(FW, "360", subjects=8, respondents=6, planted="b1.n1"), FW)


def test_each_behaviour_starts_a_page_with_its_title(quality: FrameworkQuality) -> None:
    blocks = quality_document(quality, FW).blocks
    opened = [
        blocks[i + 1].text
        for i, b in enumerate(blocks[:-1])
        if isinstance(b, PageBreak) and isinstance(blocks[i + 1], Heading)
    ]
    assert opened[: len(FW.behaviours)] == [b.title.text for b in FW.behaviours]


def test_the_report_reminds_that_a_changed_meaning_needs_a_new_major(
    quality: FrameworkQuality,
) -> None:
    assert VERSION_REMINDER in quality_document(quality, FW).text()
    assert "new MAJOR version" in VERSION_REMINDER


def test_the_miskeyed_item_gets_plain_guidance(quality: FrameworkQuality) -> None:
    text = quality_document(quality, FW).text()
    assert "People answer this 'does not' item as if it described the behaviour" in text


def test_the_pdf_is_the_same_bytes_every_time(quality: FrameworkQuality) -> None:
    first = render_quality_report(quality, FW)
    assert first == render_quality_report(quality, FW)
    assert len(pdf_pages(first)) == 2 + len(FW.behaviours)


@settings(max_examples=10, deadline=None)
@given(hostile_text)
def test_any_item_text_renders(text: str) -> None:
    base = analyse(structured(FW, "full", subjects=12, seed=2), FW)
    behaviour = base.behaviours[0]
    items = [behaviour.items[0].model_copy(update={"text": text}), *behaviour.items[1:]]
    changed = base.model_copy(
        update={"behaviours": [behaviour.model_copy(update={"items": items})]}
    )
    assert render_quality_report(changed, FW).startswith(b"%PDF")
