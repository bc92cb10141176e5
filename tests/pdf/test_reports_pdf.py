"""The reportlab backend on small synthetic documents: layout rules, fonts, determinism."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from behaviours.pdf.rendering import render_document
from behaviours.reports.document import (
    Callout,
    ChartScale,
    Document,
    DotPlot,
    FormField,
    Heading,
    PageBreak,
    Paragraph,
    RadarChart,
    RankedBars,
    Series,
    Table,
)
from strategies.reports import pdf_pages

SCALE = ChartScale(1, 5, tuple((float(v), str(v)) for v in range(1, 6)))


def _doc(*blocks: object, title: str = "Report: Zoë") -> Document:
    return Document(
        title=title,
        author="An author",
        subject="A subject",
        footer="test-framework v1.2 · Test report",
        date=(2025, 11, 21),
        blocks=tuple(blocks),  # type: ignore[arg-type]
    )


def _sample() -> Document:
    labels = ("Attending", "Understanding", "Empathising", "Helping")
    return _doc(
        Paragraph.of("Cover", "title"),
        PageBreak(),
        Heading("Summary"),
        RadarChart(labels, (Series("Self", (3.0, 4.0, 2.5, 5.0), "self"),), SCALE),
        RankedBars(labels, (5.0, 4.0, 3.0, None), SCALE, "self", ("5.00", "4.00", "3.00", "–")),
        DotPlot((Series("Self", (3.5,), "self"), Series("Others", (None,), "others")), SCALE),
        Callout("Confidential", (Paragraph.of("Only you see this."),)),
        FormField("What I will do", "Be specific.", 3),
    )


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return render_document(_sample())


def test_same_document_gives_byte_identical_pdf(sample_pdf: bytes) -> None:
    assert render_document(_sample()) == sample_pdf


def test_metadata_has_title_author_subject_language_and_the_documents_date(
    sample_pdf: bytes,
) -> None:
    reader = PdfReader(io.BytesIO(sample_pdf))
    info = reader.metadata
    assert info is not None
    assert (info.title, info.author, info.subject) == ("Report: Zoë", "An author", "A subject")
    assert info["/CreationDate"].startswith("D:20251121")
    assert info["/ModDate"].startswith("D:20251121")
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def _fonts(reader: PdfReader) -> list[dict[str, object]]:
    found = []
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        found += [fonts[name].get_object() for name in fonts]
    return found


def test_every_font_is_an_embedded_subset_and_no_standard_font_leaks(sample_pdf: bytes) -> None:
    fonts = _fonts(PdfReader(io.BytesIO(sample_pdf)))
    assert fonts
    for font in fonts:
        descriptor = font["/FontDescriptor"].get_object()  # type: ignore[attr-defined]
        assert "/FontFile2" in descriptor, font["/BaseFont"]
        assert "Helvetica" not in str(font["/BaseFont"])


def test_arabic_face_is_embedded_only_when_arabic_text_is_printed(sample_pdf: bytes) -> None:
    plain = {str(f["/BaseFont"]).split("+")[-1] for f in _fonts(PdfReader(io.BytesIO(sample_pdf)))}
    urdu = render_document(_doc(Paragraph.of("عائشہ خان")))
    with_urdu = {str(f["/BaseFont"]).split("+")[-1] for f in _fonts(PdfReader(io.BytesIO(urdu)))}
    assert not any("Arabic" in name for name in plain)
    assert any("Arabic" in name for name in with_urdu)


def test_every_page_has_page_x_of_y_and_the_footer_line(sample_pdf: bytes) -> None:
    pages = pdf_pages(sample_pdf)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "test-framework v1.2" in text


def test_markup_characters_print_as_typed() -> None:
    pdf = render_document(_doc(Paragraph.of("<b>&\"'</b> & <i>")))
    assert "<b>&\"'</b> & <i>" in pdf_pages(pdf)[0]


def test_long_table_repeats_its_header_on_every_page() -> None:
    rows = tuple((f"row {i}", str(i)) for i in range(120))
    pdf = render_document(_doc(Table(("Behaviour name", "Score"), rows, (3, 1), ("left", "right"))))
    pages = pdf_pages(pdf)
    assert len(pages) >= 3
    assert all("Behaviour name" in p for p in pages)


def test_a_comment_longer_than_a_page_splits_inside_its_row() -> None:
    comment = " ".join(f"word{i}" for i in range(1500))
    pdf = render_document(
        _doc(Table(("From", "Comment"), (("Peers", comment),), (1, 5), ("left", "left")))
    )
    text = "".join(pdf_pages(pdf)).replace("\n", " ")
    assert len(pdf_pages(pdf)) >= 2
    assert "word0 " in text
    assert "word1499" in text


def test_a_heading_is_never_the_last_thing_on_a_page() -> None:
    blocks: list[object] = []
    for i in range(30):
        blocks += [
            Heading(f"HEADING{i}", 2),
            *(Paragraph.of("Some body text. " * 9),) * (i % 4 + 1),
        ]
    pages = pdf_pages(render_document(_doc(*blocks)))
    assert len(pages) > 3
    for text in pages[:-1]:
        body = [line for line in text.splitlines() if line.strip() and "Page " not in line]
        body = [line for line in body if "test-framework" not in line]
        assert not body[-1].startswith("HEADING"), body[-3:]


def test_no_page_is_empty(sample_pdf: bytes) -> None:
    for text in pdf_pages(sample_pdf):
        body = [line for line in text.splitlines() if "Page " not in line and line.strip()]
        assert len(body) > 1


def test_very_long_words_wrap_instead_of_running_off_the_page() -> None:
    word = "x" * 400
    pdf = render_document(_doc(Paragraph.of(word)))
    lines = [line for line in pdf_pages(pdf)[0].splitlines() if line.startswith("x")]
    assert len(lines) >= 3
    assert "".join(lines) == word


def test_the_layout_text_width_is_the_pdf_frame_width() -> None:
    from behaviours.pdf.rendering import FRAME_WIDTH
    from behaviours.reports.document import TEXT_WIDTH

    assert TEXT_WIDTH == FRAME_WIDTH
