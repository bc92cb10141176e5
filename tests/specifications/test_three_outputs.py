"""The PDF, the HTML page and the tagged PDF of one result (and of the cohort report) print
the same numbers.

Each output is read back the way a reader's tools would (pypdf's text of each
PDF, the HTML parsed as a browser does), and every figure printed with two
decimals, signed or not, is collected: the three collections must be equal, so
no output can drop, add or round a figure the others print.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from behaviours import score
from behaviours.examples import example
from behaviours.frameworks.catalogue import load_framework
from behaviours.html.rendering import render_html
from behaviours.html.tagged import render_tagged_pdf, tagged_pdf_available
from behaviours.pdf.rendering import render_document
from behaviours.reports.document import Document
from behaviours.reports.report import build_document
from strategies.report_kinds import cohort_document
from strategies.reports import html_tree, pdf_pages

FIGURE = re.compile(r"[−+]?\d+\.\d\d(?!\d)")


@pytest.fixture(scope="module")
def document() -> Document:
    assessment = example("360")
    framework = load_framework(assessment.framework)
    return build_document(score(assessment, framework), framework)


def _figures(text: str) -> Counter[str]:
    return Counter(FIGURE.findall(text))


def test_the_pdf_and_the_html_print_the_same_figures(document: Document) -> None:
    pdf = _figures("\n".join(pdf_pages(render_document(document))))
    html = _figures(html_tree(render_html(document)).text)
    assert sum(pdf.values()) > 100
    assert pdf == html


@pytest.mark.skipif(not tagged_pdf_available(), reason="WeasyPrint (tagged-pdf) not installed")
def test_the_tagged_pdf_prints_the_figures_of_the_html(document: Document) -> None:
    html = _figures(html_tree(render_html(document)).text)
    tagged = _figures("\n".join(pdf_pages(render_tagged_pdf(document))))
    assert tagged == html


@pytest.fixture(scope="module")
def cohort() -> Document:
    return cohort_document()


def test_the_cohort_reports_pdf_and_html_print_the_same_figures(cohort: Document) -> None:
    pdf = _figures("\n".join(pdf_pages(render_document(cohort))))
    html = _figures(html_tree(render_html(cohort)).text)
    assert sum(pdf.values()) > 100
    assert pdf == html


@pytest.mark.skipif(not tagged_pdf_available(), reason="WeasyPrint (tagged-pdf) not installed")
def test_the_cohort_reports_tagged_pdf_prints_the_figures_of_its_html(cohort: Document) -> None:
    html = _figures(html_tree(render_html(cohort)).text)
    tagged = _figures("\n".join(pdf_pages(render_tagged_pdf(cohort))))
    assert tagged == html
