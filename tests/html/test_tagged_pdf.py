"""The tagged PDF, read with pikepdf: what a screen reader relies on is in the file.

Checked here: a structure tree; marked content on every page, tied to the tree;
a ``Figure`` with alternative text for every chart; ``TH`` header cells; the
document language; the title shown in the window; the PDF/UA-1 identification.
What a dedicated validator (veraPDF) checks beyond this is in docs/reports.md.
"""

from __future__ import annotations

import io
from collections import Counter

import pytest

from behaviours import score
from behaviours.examples import example
from behaviours.frameworks.catalogue import load_framework
from behaviours.html.tagged import render_tagged_pdf, tagged_pdf_available
from behaviours.reports.charts import describe
from behaviours.reports.document import Document, DotPlot, RadarChart, RankedBars, Table
from behaviours.reports.report import build_document

pytestmark = pytest.mark.skipif(
    not tagged_pdf_available(), reason="WeasyPrint (the tagged-pdf extra) is not installed"
)
pikepdf = pytest.importorskip("pikepdf")


@pytest.fixture(scope="module")
def document() -> Document:
    assessment = example("360")
    framework = load_framework(assessment.framework)
    return build_document(score(assessment, framework), framework)


@pytest.fixture(scope="module")
def tagged(document: Document) -> bytes:
    return render_tagged_pdf(document)


@pytest.fixture(scope="module")
def pdf(tagged: bytes) -> object:
    return pikepdf.open(io.BytesIO(tagged))


def _elements(pdf: object) -> list[object]:
    """Every structure element of the tree, depth first."""
    out: list[object] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            out.append(node)
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot.K)  # type: ignore[attr-defined]
    return out


def _charts(document: Document) -> list[RadarChart | RankedBars | DotPlot]:
    blocks = [b for block in document.blocks for b in getattr(block, "blocks", (block,))]
    return [b for b in blocks if isinstance(b, RadarChart | RankedBars | DotPlot)]


def test_the_tagged_pdf_has_a_structure_tree_and_says_it_is_marked(pdf: object) -> None:
    root = pdf.Root  # type: ignore[attr-defined]
    assert root.MarkInfo.Marked is True
    kinds = Counter(str(e.S) for e in _elements(pdf))
    assert kinds["/Document"] == 1
    assert kinds["/H1"] == 1
    assert kinds["/P"] > 10


def test_every_page_has_marked_content_tied_to_the_structure_tree(pdf: object) -> None:
    for number, page in enumerate(pdf.pages, start=1):  # type: ignore[attr-defined]
        streams = page.Contents if isinstance(page.Contents, pikepdf.Array) else [page.Contents]
        content = b"".join(s.read_bytes() for s in streams)
        assert b"BDC" in content, f"page {number} has no marked content"
        assert "/StructParents" in page, f"page {number} is not tied to the structure tree"


def test_every_chart_is_a_figure_whose_alternative_text_gives_its_values(
    pdf: object, document: Document
) -> None:
    figures = [e for e in _elements(pdf) if str(e.S) == "/Figure"]
    assert [str(f.Alt) for f in figures] == [describe(c) for c in _charts(document)]


def _kids(node: object, kind: str) -> list[object]:
    """The structure elements of ``kind`` below ``node``."""
    return [e for e in _elements_below(node) if str(e.S) == kind]


def _elements_below(node: object) -> list[object]:
    out: list[object] = []
    kids = node.K if "/K" in node else []  # type: ignore[attr-defined, operator]
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            out += [kid, *_elements_below(kid)]
    return out


def test_every_table_row_has_a_header_cell(pdf: object, document: Document) -> None:
    """Each row starts with a ``TH`` (the header row, and each row's name). A table that
    runs over a page break is tagged as one ``Table`` per page, its header row repeated."""
    tables = [e for e in _elements(pdf) if str(e.S) == "/Table"]
    blocks = [b for block in document.blocks for b in getattr(block, "blocks", (block,))]
    assert len(tables) >= len([t for t in blocks if isinstance(t, Table)])
    for table in tables:
        rows = _kids(table, "/TR")
        assert rows
        assert all(_kids(row, "/TH") for row in rows)


def test_the_language_is_set_and_the_window_shows_the_title(
    pdf: object, document: Document
) -> None:
    root = pdf.Root  # type: ignore[attr-defined]
    assert str(root.Lang) == "en-GB"
    assert root.ViewerPreferences.DisplayDocTitle is True
    assert str(pdf.docinfo.Title) == document.title  # type: ignore[attr-defined]


def test_the_file_says_it_intends_pdf_ua_1(pdf: object) -> None:
    with pdf.open_metadata() as xmp:  # type: ignore[attr-defined]
        assert xmp.get("pdfuaid:part") == "1"


def test_the_same_document_gives_the_same_tagged_pdf(document: Document, tagged: bytes) -> None:
    assert render_tagged_pdf(document) == tagged
