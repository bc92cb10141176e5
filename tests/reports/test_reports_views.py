"""The three reports from real scoring results: sections, pages, anonymity, hostile text."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from hypothesis import given, settings

from behaviours import render_report, score, write_report
from behaviours.examples import example
from behaviours.frameworks.catalogue import load_framework
from behaviours.pdf.pages import page_count
from behaviours.pdf.text import clean
from behaviours.reports.document import DotPlot, RadarChart, Table
from behaviours.reports.report import build_document
from behaviours.responses.model import Assessment, Response, Subject
from behaviours.results.model import Result
from strategies.reports import hostile_text, pdf_pages, result_of


def _scored(name: str) -> Result:
    assessment = example(name)  # type: ignore[arg-type]
    return score(assessment, load_framework(assessment.framework))


@pytest.fixture(scope="module")
def results() -> dict[str, Result]:
    return {name: _scored(name) for name in ("individual", "team", "360")}


@pytest.fixture(scope="module")
def pdfs(results: dict[str, Result]) -> dict[str, bytes]:
    return {name: render_report(r) for name, r in results.items()}


@pytest.fixture(scope="module")
def texts(pdfs: dict[str, bytes]) -> dict[str, list[str]]:
    return {name: pdf_pages(pdf) for name, pdf in pdfs.items()}


COMMON = ("How to read this report", "Summary")


@pytest.mark.parametrize(
    ("name", "headings"),
    [
        ("individual", (*COMMON, "My development plan")),
        (
            "team",
            (
                *COMMON,
                "Where we agree and where we do not",
                "Questions for the team conversation",
                "Our development plan",
            ),
        ),
        (
            "360",
            (
                *COMMON,
                "Self and others",
                "Highest and lowest rated items",
                "Rater agreement",
                "Confidential: who sees this report",
                "My development plan",
            ),
        ),
    ],
)
def test_each_report_has_its_sections(
    name: str, headings: tuple[str, ...], texts: dict[str, list[str]], results: dict[str, Result]
) -> None:
    text = "\n".join(texts[name])
    fw = load_framework(results[name].framework.id)
    for heading in (*headings, *(b.title.text for b in fw.behaviours)):
        assert heading in text, heading


@pytest.mark.parametrize("name", ["individual", "team", "360"])
def test_cover_names_subject_framework_version_kind_and_date(
    name: str, texts: dict[str, list[str]], results: dict[str, Result]
) -> None:
    r = results[name]
    cover = texts[name][0]
    assert r.subject.name in cover
    assert f"version {r.framework.version}" in cover
    assert "REPORT" in cover
    assert f"{r.assessed_on.day} {r.assessed_on:%B %Y}" in cover
    assert "Respondents:" in cover


@pytest.mark.parametrize("name", ["individual", "team", "360"])
def test_page_count_is_sane_and_no_page_is_empty(
    name: str, pdfs: dict[str, bytes], texts: dict[str, list[str]]
) -> None:
    pages = texts[name]
    assert page_count(pdfs[name]) == len(pages)
    assert 5 <= len(pages) <= 30
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        body = [line for line in text.splitlines() if line.strip() and "Page " not in line]
        assert len(body) >= 3, f"page {number} is (nearly) empty"


@pytest.mark.parametrize("name", ["individual", "team", "360"])
def test_summary_pairs_every_chart_with_a_table_of_the_same_numbers(
    name: str, results: dict[str, Result]
) -> None:
    blocks = build_document(results[name], load_framework(results[name].framework.id)).blocks
    radar = next(i for i, b in enumerate(blocks) if isinstance(b, RadarChart))
    assert isinstance(blocks[radar + 1], Table)
    for value in (v for s in blocks[radar].series for v in s.values):  # type: ignore[union-attr]
        assert value is None or f"{value:.2f}" in "\n".join(
            " ".join(row)
            for row in blocks[radar + 1].rows  # type: ignore[union-attr]
        )


def test_same_result_gives_byte_identical_pdf(results: dict[str, Result], pdfs: dict[str, bytes]):
    assert render_report(results["360"]) == pdfs["360"]


def test_pdf_date_is_the_assessment_date(pdfs: dict[str, bytes], results: dict[str, Result]):
    stamp = results["team"].assessed_on.strftime("D:%Y%m%d").encode()
    assert b"/CreationDate (" + stamp in pdfs["team"]


def test_comparison_page_appears_with_a_previous_result(results: dict[str, Result]) -> None:
    now = results["individual"]
    before = now.model_copy(update={"assessed_on": datetime.date(2024, 11, 1)})
    text = "\n".join(pdf_pages(render_report(now, previous=before)))
    assert "Change since 1 November 2024" in text
    assert "Change since" not in "\n".join(pdf_pages(render_report(now)))


def test_write_report_writes_the_pdf_and_returns_its_pages(
    tmp_path: pytest.TempPathFactory, results: dict[str, Result], pdfs: dict[str, bytes]
) -> None:
    path = tmp_path / "report.pdf"  # type: ignore[operator]
    pages = write_report(results["individual"], path)
    assert path.read_bytes() == pdfs["individual"]
    assert pages == page_count(pdfs["individual"])


def test_urdu_name_prints_joined_right_to_left() -> None:
    name = "عائشہ خان"
    cover = pdf_pages(render_report(result_of("quick", name=name)))[0]
    # Joined: the letters are drawn as Arabic presentation (contextual) forms.
    assert sum(0xFB50 <= ord(c) <= 0xFEFF for c in cover) >= len(name) - 1
    # pypdf reads right-to-left runs back in logical order; NFKC maps the joined
    # forms to the letters typed, so the name reads as typed.
    assert name in unicodedata.normalize("NFKC", cover)


def _folded_360() -> Assessment:
    """A manager and one 'other' rater, too few to show: they must fold into All others."""
    fw = load_framework("compassionate-leadership")
    ids = [b.id for b in fw.behaviours]
    roles = [
        "self",
        "manager",
        "other",
        "peer",
        "peer",
        "peer",
        "direct_report",
        "direct_report",
        "direct_report",
    ]
    responses = [
        Response(
            respondent=f"rater-{i}-XQZ",
            role=role,  # type: ignore[arg-type]
            ratings={b: 1 + (i * 7 + k * 3) % 5 for k, b in enumerate(ids)},
            comments={ids[0]: f"Comment number {i}."},
        )
        for i, role in enumerate(roles)
    ]
    return Assessment(
        framework=fw.id,
        framework_version=fw.version,
        kind="360",
        detail="quick",
        subject=Subject(id="S9", name="Ola Nordmann"),
        assessed_on=datetime.date(2025, 6, 30),
        responses=responses,
    )


def test_360_never_prints_a_folded_group_or_any_rater_id() -> None:
    assessment = _folded_360()
    result = score(assessment, load_framework(assessment.framework))
    assert result.feedback360 is not None
    folded = {"manager", "other"} - set(result.feedback360.shown_groups)
    assert folded == {"manager", "other"}
    document = build_document(result, load_framework(result.framework.id))
    labels = {"manager": "Manager", "other": "Other colleagues"}
    for block in document.blocks:
        if isinstance(block, Table):
            cells = {*block.header, *(c for row in block.rows for c in row)}
            assert not any(labels[g] in cells for g in folded)
        if isinstance(block, DotPlot | RadarChart):
            assert not any(s.name == labels[g] for s in block.series for g in folded)
    text = "\n".join(pdf_pages(render_report(result)))
    assert "XQZ" not in text
    assert "Respondents: Manager" not in text
    assert "Other colleagues" not in text
    assert "minimum group size applied to this report: 3" in text


def _findable(typed: str) -> str:
    """What must be findable: the cleaned text without whitespace and invisible characters."""
    return "".join(c for c in unicodedata.normalize("NFKC", clean(typed)) if _visible(c))


def _visible(char: str) -> bool:
    return not unicodedata.category(char).startswith(("C", "Z")) and not char.isspace()


@settings(max_examples=20)
@given(name=hostile_text, comment=hostile_text)
def test_any_name_and_comment_render_and_can_be_found_in_the_pdf(name: str, comment: str) -> None:
    """Normalisation: NFKC on both sides (undoes Arabic joined forms and ligatures), then
    whitespace and invisible characters dropped (lines wrap anywhere in a long word). Text
    with right-to-left letters is compared as a multiset of characters, without mirrored
    brackets, because it is drawn in visual order and wrapped line by line."""
    result = result_of("360", name=name, comments=(comment,), framework="compassionate-leadership")
    pdf = render_report(result)
    extracted = _findable("".join(pdf_pages(pdf)))
    for typed in (name, comment):
        want = _findable(typed)
        if any(unicodedata.bidirectional(c) in ("R", "AL") for c in typed):
            have = list(extracted)
            for char in (c for c in want if not unicodedata.mirrored(c)):
                assert char in have, (typed, char)
                have.remove(char)
        else:
            assert want in extracted, typed


def test_page_count_is_read_correctly_for_a_long_report() -> None:
    from behaviours.pdf.rendering import render_document
    from behaviours.reports.document import Document, Paragraph

    blocks = tuple(Paragraph.of("Line of text. " * 40) for _ in range(300))
    pdf = render_document(Document("t", "a", "s", "f", (2025, 1, 1), blocks))
    assert page_count(pdf) == len(pdf_pages(pdf)) > 30


def test_page_count_rejects_bytes_that_are_not_a_report() -> None:
    from behaviours.errors import ReportError

    with pytest.raises(ReportError, match=r"not a PDF written by behaviours"):
        page_count(b"%PDF-1.4 nothing")
