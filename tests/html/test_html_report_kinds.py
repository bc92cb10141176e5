"""Every report kind beyond a subject's report as HTML: the cohort, quality, organisation and
partnership reports, drawn by the one HTML backend from the Document the PDF draws."""

from __future__ import annotations

import itertools
import re

import pytest

from behaviours import render_cohort_report, render_quality_report
from behaviours.cli.cohort import example_cohort
from behaviours.errors import ReportError
from behaviours.frameworks.catalogue import load_framework
from behaviours.html.rendering import render_html
from behaviours.html.styles import CLASSES
from behaviours.reports.document import Document, Table
from behaviours.reports.palette import heat_tint
from behaviours.results.quality import analyse
from strategies.report_kinds import (
    REPORT_KINDS,
    cohort_document,
    quality_assessments,
    report_kind_documents,
)
from strategies.reports import HtmlTree, html_tree


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return report_kind_documents()


@pytest.fixture(scope="module")
def trees(documents: dict[str, Document]) -> dict[str, HtmlTree]:
    return {kind: html_tree(render_html(doc)) for kind, doc in documents.items()}


@pytest.mark.parametrize("kind", REPORT_KINDS)
def test_each_kind_has_one_h1_and_headings_that_never_skip_a_level(
    trees: dict[str, HtmlTree], kind: str
) -> None:
    levels = [int(t[1]) for t, _, _ in trees[kind].elements if re.fullmatch(r"h[1-6]", t)]
    assert levels.count(1) == 1
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


@pytest.mark.parametrize("kind", REPORT_KINDS)
def test_each_kind_heads_every_table_column(
    trees: dict[str, HtmlTree], documents: dict[str, Document], kind: str
) -> None:
    tables = [
        b
        for block in documents[kind].blocks
        for b in getattr(block, "blocks", (block,))
        if isinstance(b, Table)
    ]
    cols = [a for a, _ in trees[kind].find("th") if a.get("scope") == "col"]
    assert tables
    assert len(cols) == sum(len(t.header) for t in tables)


@pytest.mark.parametrize("kind", REPORT_KINDS)
def test_each_kind_writes_only_classes_of_the_published_contract(
    trees: dict[str, HtmlTree], kind: str
) -> None:
    used = trees[kind].classes()
    extra = {c for c in used if re.fullmatch(r"bh-(tone-.+|(svg|chart)-(radar|bars|dots))", c)}
    assert used - extra <= set(CLASSES), used - extra - set(CLASSES)


def test_a_heatmap_cell_prints_its_figure_on_the_tint_the_pdf_uses(
    documents: dict[str, Document], trees: dict[str, HtmlTree]
) -> None:
    heatmaps = [b for b in documents["cohort"].blocks if isinstance(b, Table) and b.shades]
    cells = [(a, t) for a, t in trees["cohort"].find("td") if "bh-heat" in a.get("class", "")]
    shaded = [
        (text, shade)
        for table in heatmaps
        for row, shades in zip(table.rows, table.shades, strict=True)
        for text, shade in zip(row, shades, strict=True)
        if shade is not None
    ]
    assert shaded
    assert [(t, a["style"]) for a, t in cells] == [
        (text.replace("\n", ""), f"background: {heat_tint(shade)}") for text, shade in shaded
    ]
    assert all(re.search(r"\d\.\d\d", t) for _, t in cells)  # the number is always there


def test_a_withheld_heatmap_cell_has_no_tint_and_says_withheld(
    trees: dict[str, HtmlTree],
) -> None:
    withheld = [a for a, t in trees["cohort"].find("td") if t == "withheld"]
    assert withheld
    assert not any("style" in a for a in withheld)


def test_render_cohort_report_writes_the_html_of_the_cohort_document() -> None:
    outputs = example_cohort()
    html = render_cohort_report(
        outputs.table,
        name=outputs.name,
        evaluation=outputs.evaluation,
        norm=outputs.norm,
        format="html",
    )
    assert html == render_html(cohort_document())


def test_render_quality_report_writes_html_when_asked() -> None:
    framework = load_framework("compassionate-leadership")
    html = render_quality_report(analyse(quality_assessments(), framework), format="html")
    assert html.startswith(b"<!DOCTYPE html>")
    assert b"Framework quality report" in html or b"FRAMEWORK QUALITY" in html.upper()


def test_an_unknown_format_is_refused_by_name() -> None:
    framework = load_framework("compassionate-leadership")
    quality = analyse(quality_assessments(), framework)
    with pytest.raises(ReportError, match="'docx'"):
        render_quality_report(quality, format="docx")  # type: ignore[arg-type]
