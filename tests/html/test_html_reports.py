"""The HTML backend on the example reports: what a screen reader needs, no network, same bytes."""

from __future__ import annotations

import html
import itertools
import re
import unicodedata

import pytest
from hypothesis import assume, given, settings

from behaviours import score
from behaviours.examples import example
from behaviours.frameworks.catalogue import load_framework
from behaviours.html.charts import chart_svg
from behaviours.html.rendering import NO_FIGURE, html_fragment, render_html
from behaviours.html.styles import CLASSES
from behaviours.html.text import escape
from behaviours.reports.charts import describe
from behaviours.reports.document import Document, DotPlot, RadarChart, RankedBars, Table
from behaviours.reports.report import build_document
from strategies.reports import HtmlTree, hostile_text, html_tree, result_of

KINDS = ("individual", "team", "360")


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    out = {}
    for name in KINDS:
        assessment = example(name)  # type: ignore[arg-type]
        framework = load_framework(assessment.framework)
        out[name] = build_document(score(assessment, framework), framework)
    return out


@pytest.fixture(scope="module")
def trees(documents: dict[str, Document]) -> dict[str, HtmlTree]:
    return {name: html_tree(render_html(doc)) for name, doc in documents.items()}


def _headings(tree: HtmlTree) -> list[int]:
    return [int(tag[1]) for tag, _, _ in tree.elements if re.fullmatch(r"h[1-6]", tag)]


@pytest.mark.parametrize("kind", KINDS)
def test_a_report_has_one_h1_and_headings_that_never_skip_a_level(
    trees: dict[str, HtmlTree], kind: str
) -> None:
    levels = _headings(trees[kind])
    assert levels.count(1) == 1
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


@pytest.mark.parametrize("kind", KINDS)
def test_the_page_has_a_language_a_title_and_main_and_footer_landmarks(
    trees: dict[str, HtmlTree], documents: dict[str, Document], kind: str
) -> None:
    tree = trees[kind]
    assert tree.find("html")[0][0]["lang"] == "en-GB"
    assert tree.find("title")[0][1] == documents[kind].title
    assert len(tree.find("main")) == 1
    assert len(tree.find("footer")) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_every_table_heads_its_columns_and_names_its_rows(
    trees: dict[str, HtmlTree], documents: dict[str, Document], kind: str
) -> None:
    tables = [b for b in _all_blocks(documents[kind]) if isinstance(b, Table)]
    th = trees[kind].find("th")
    cols = [a for a, _ in th if a.get("scope") == "col"]
    rows = [a for a, _ in th if a.get("scope") == "row"]
    assert len(cols) == sum(len(t.header) for t in tables)
    assert len(rows) == sum(len(t.rows) for t in tables if t.row_header)
    assert len(th) == len(cols) + len(rows)
    captions = [text for _, text in trees[kind].find("caption")]
    assert captions == [t.caption for t in tables if t.caption]


def _all_blocks(document: Document) -> list[object]:
    out: list[object] = []
    for block in document.blocks:
        out.extend(getattr(block, "blocks", (block,)))
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_every_chart_is_an_svg_image_named_by_every_value_it_marks(
    trees: dict[str, HtmlTree], documents: dict[str, Document], kind: str
) -> None:
    charts = [
        b for b in _all_blocks(documents[kind]) if isinstance(b, RadarChart | RankedBars | DotPlot)
    ]
    svgs = trees[kind].find("svg")
    assert len(svgs) == len(charts) > 0
    titles = {attrs["id"]: text for attrs, text in trees[kind].find("title") if "id" in attrs}
    for (attrs, _), chart in zip(svgs, charts, strict=True):
        assert attrs["role"] == "img"
        assert titles[attrs["aria-labelledby"]] == describe(chart)


def test_a_chart_in_words_names_each_value_or_says_there_is_no_score() -> None:
    from behaviours.reports.document import ChartScale, Series

    scale = ChartScale(1, 5, ((1.0, "1"), (5.0, "5")))
    chart = RadarChart(("A", "B", "C"), (Series("Self", (4.0, None, 2.5), "self"),), scale)
    assert describe(chart).endswith("Self: A 4.00; B no score; C 2.50.")


def test_a_cell_with_no_figure_is_a_dash_to_the_eye_and_words_to_a_screen_reader() -> None:
    doc = Document(
        "T",
        "A",
        "S",
        "F",
        (2025, 1, 1),
        (Table(("Behaviour", "Score"), (("X", "–"),), (1, 1), ("left", "right")),),
    )
    tree = html_tree(render_html(doc))
    cell = tree.find("td")[0]
    assert "bh-none" in cell[0]["class"]
    assert "no figure" in cell[1]
    assert [a for a, _ in tree.find("span") if a.get("aria-hidden") == "true"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_report_asks_nothing_of_the_network(documents: dict[str, Document], kind: str) -> None:
    page = render_html(documents[kind]).decode("utf-8")
    assert not re.search(r"\b(src|href)=|url\(|@import|<script|<link", page)
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) <= {"http://www.w3.org/2000/svg"}


@pytest.mark.parametrize("kind", KINDS)
def test_the_same_document_gives_the_same_bytes(documents: dict[str, Document], kind: str) -> None:
    again = build_document(*_inputs(kind))
    assert render_html(documents[kind]) == render_html(again)


def _inputs(kind: str) -> tuple[object, ...]:
    assessment = example(kind)  # type: ignore[arg-type]
    framework = load_framework(assessment.framework)
    return score(assessment, framework), framework


def test_the_confidentiality_notice_and_how_to_read_come_before_the_figures(
    trees: dict[str, HtmlTree],
) -> None:
    text = trees["360"].text
    notice, reading, summary = (
        text.index(s) for s in ("Confidential", "How to read this report", "Summary")
    )
    assert notice < reading < summary


@pytest.mark.parametrize("kind", KINDS)
def test_consecutive_bullets_are_one_list(trees: dict[str, HtmlTree], kind: str) -> None:
    lists = trees[kind].find("ul")
    assert lists
    assert len(trees[kind].find("li")) > len(lists)


@pytest.mark.parametrize("kind", KINDS)
def test_every_class_written_is_in_the_published_contract(
    trees: dict[str, HtmlTree], kind: str
) -> None:
    used = trees[kind].classes()
    tones = {c for c in used if c.startswith("bh-tone-")}
    kinds = {c for c in used if re.fullmatch(r"bh-(svg|chart)-(radar|bars|dots)", c)}
    assert used - tones - kinds <= set(CLASSES), used - tones - kinds - set(CLASSES)


def test_a_fragment_is_an_article_with_no_page_around_it(documents: dict[str, Document]) -> None:
    fragment = html_fragment(documents["individual"], id_prefix="one", title_level=2)
    tree = html_tree(fragment)
    assert fragment.startswith('<article class="bh-report" lang="en-GB">')
    assert not tree.find("html")
    assert not tree.find("head")
    assert not tree.find("h1")
    assert min(_headings(tree)) == 2
    assert max(_headings(tree)) <= 5
    assert all(a["id"].startswith("one-") for _, a, _ in tree.elements if "id" in a)


def test_a_fragment_refuses_a_title_level_its_headings_cannot_follow(
    documents: dict[str, Document],
) -> None:
    with pytest.raises(ValueError, match="title_level"):
        html_fragment(documents["individual"], title_level=4)


def test_a_chart_alone_is_a_standalone_svg(documents: dict[str, Document]) -> None:
    chart = next(b for b in _all_blocks(documents["360"]) if isinstance(b, RadarChart))
    svg = chart_svg(chart, "radar")
    tree = html_tree(svg)
    assert svg.startswith('<svg class="bh-svg bh-svg-radar" xmlns="http://www.w3.org/2000/svg"')
    assert tree.find("title")[0][1] == describe(chart)


def _shown(typed: str, *, cell: bool = False) -> str:
    """What a browser shows for typed text: the escaped text read back (a cell's line
    breaks are ``br`` elements, so its text has none)."""
    shown = html.unescape(escape(typed))
    return shown.replace("\n", "") if cell else shown


@settings(max_examples=40)
@given(name=hostile_text, comment=hostile_text)
def test_any_name_and_comment_appear_as_text_never_as_markup(name: str, comment: str) -> None:
    """The page has exactly the elements of a page with a plain name and comment, and the
    typed text is the text of the title and of a comment cell (its line breaks ``br``s).
    A comment of a lone dash reads as "no figure", like every dash-only cell."""
    assume(comment != NO_FIGURE)
    result = result_of("360", name=name, comments=(comment,))
    framework = load_framework(result.framework.id)
    page = render_html(build_document(result, framework))
    plain = render_html(build_document(result_of("360", name="N", comments=("C",)), framework))
    tree = html_tree(page)
    tags = [t for t, _, _ in tree.elements if t != "br"]  # a typed line break is a br
    assert tags == [t for t, _, _ in html_tree(plain).elements if t != "br"]
    assert tree.find("h1")[0][1] == _shown(name)
    assert _shown(comment, cell=True) in [text for _, text in tree.find("td")]


@given(typed=hostile_text)
def test_escaped_text_reads_back_as_typed_where_html_can_carry_it(typed: str) -> None:
    carried = all(unicodedata.category(c) not in ("Cc", "Cs") or c in "\t\n\r" for c in typed)
    if carried and not any(0xFDD0 <= ord(c) <= 0xFDEF or ord(c) & 0xFFFE == 0xFFFE for c in typed):
        assert html.unescape(escape(typed)) == unicodedata.normalize("NFC", typed)
    assert not re.search(r"[<>\"']", escape(typed))


def test_the_docs_publish_every_class_of_the_contract() -> None:
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "reports.md").read_text("utf-8")
    listed = set(re.findall(r"^\| `(bh-[a-z-]+)` \|", page, flags=re.MULTILINE))
    assert listed == set(CLASSES)


@pytest.mark.parametrize("kind", KINDS)
def test_every_part_after_the_cover_is_a_section_named_by_its_own_h2(
    trees: dict[str, HtmlTree], kind: str
) -> None:
    tree = trees[kind]
    by_id = {attrs["id"]: (tag, text) for tag, attrs, text in tree.elements if "id" in attrs}
    sections = [(attrs, text) for attrs, text in tree.find("section")]
    h2s = [t for t, _, _ in tree.elements if t == "h2"]
    assert len(sections) == len(h2s) + 1  # the cover has the h1
    for attrs, text in sections[1:]:
        tag, heading = by_id[attrs["aria-labelledby"]]
        assert tag == "h2"
        assert text.lstrip("\n").startswith(heading)
