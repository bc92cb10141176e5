"""The formats a pack can write for each subject, and how each is made from one ``Document``.

``pdf`` is the reportlab PDF (the fast default), ``html`` the accessible HTML
page, ``tagged-pdf`` the tagged PDF (PDF/UA-1 intent) WeasyPrint makes from
that HTML (the optional ``tagged-pdf`` extra). All three come from the same
layout ``Document``, built once per subject, so they say the same words and
print the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal, get_args

from behaviours.errors import ReportError, ScoringError
from behaviours.frameworks.model import Framework
from behaviours.html.rendering import render_html
from behaviours.html.tagged import tagged_pdf, tagged_pdf_available
from behaviours.pdf.pages import page_count
from behaviours.pdf.rendering import render_document
from behaviours.reports.document import Document
from behaviours.reports.report import build_document
from behaviours.results.comparing import compare
from behaviours.results.model import Result

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "Format",
    "check_formats",
    "document_as",
    "document_files",
    "report_document",
    "report_files",
]

Format = Literal["pdf", "html", "tagged-pdf"]
FORMATS: tuple[Format, ...] = get_args(Format)
SUFFIXES: dict[str, str] = {"pdf": ".pdf", "html": ".html", "tagged-pdf": ".tagged.pdf"}
"""The end of each format's file name: a subject's files differ only there."""


def check_formats(formats: Iterable[str]) -> tuple[Format, ...]:
    """The formats asked for, in order, without repeats; ``ReportError`` for one we cannot make."""
    wanted = tuple(dict.fromkeys(formats))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise ReportError(
            f"unknown report format(s) {', '.join(map(repr, unknown)) or '(none given)'}: "
            f"choose from {', '.join(FORMATS)}"
        )
    if "tagged-pdf" in wanted and not tagged_pdf_available():
        raise ReportError(
            "the tagged-pdf format needs WeasyPrint: pip install 'behaviours[tagged-pdf]'"
        )
    return wanted  # type: ignore[return-value]


def report_document(result: Result, *, previous: Result | None, framework: Framework) -> Document:
    """The report's ``Document``, with its comparison when there is a previous result."""
    comparison = None
    if previous is not None:
        try:
            comparison = compare(previous, result)
        except ScoringError as exc:
            raise ReportError(f"cannot compare with the previous result: {exc}") from exc
    return build_document(result, framework, comparison=comparison)


def report_files(
    result: Result,
    formats: tuple[str, ...],
    *,
    previous: Result | None,
    framework: Framework,
    render: Callable[..., bytes] | None = None,
) -> list[tuple[str, bytes, int | None]]:
    """Each format's bytes and page count (None for HTML); ``render`` makes the PDF if given."""
    document: Document | None = None
    out: list[tuple[str, bytes, int | None]] = []
    for fmt in formats:
        if fmt == "pdf" and render is not None:
            data = render(result, previous=previous, framework=framework)
            out.append((fmt, data, page_count(data)))
            continue
        if document is None:
            document = report_document(result, previous=previous, framework=framework)
        out.append(_made(fmt, document))
    return out


def document_files(
    document: Document, formats: Iterable[str]
) -> list[tuple[str, bytes, int | None]]:
    """Any report's ``Document`` in each format asked for: its bytes and page count (None
    for HTML). Every report kind (cohort, quality, organisation, partnership) writes its
    formats through here, so each has the same three outputs of the same words."""
    return [_made(fmt, document) for fmt in check_formats(formats)]


def document_as(document: Document, format: str) -> bytes:
    """One format's bytes of ``document``; ``ReportError`` for a format we cannot make."""
    return document_files(document, [format])[0][1]


def _made(fmt: str, document: Document) -> tuple[str, bytes, int | None]:
    if fmt == "pdf":
        data = render_document(document)
        return fmt, data, page_count(data)
    if fmt == "html":
        return fmt, render_html(document), None
    data, pages = tagged_pdf(document)
    return fmt, data, pages
