"""PDF reports from scoring results: individual, team and 360 feedback.

``render_report`` picks the view from the result's kind, builds a neutral
``Document`` (``document``: no reportlab) and hands it to the one backend that
imports reportlab (``pdf``). The same result always gives the same bytes.
"""

from __future__ import annotations

import os

from behaviours._files import atomic_write
from behaviours.catalogue import load_framework
from behaviours.errors import ReportError
from behaviours.framework import Framework
from behaviours.reports.batch import PackSummary, count_pages, render_many
from behaviours.reports.context import ReportContext
from behaviours.reports.document import Document
from behaviours.reports.feedback import feedback_blocks
from behaviours.reports.individual import individual_blocks
from behaviours.reports.pdf import render_document
from behaviours.reports.team import team_blocks
from behaviours.results import Result

__all__ = [
    "PackSummary",
    "build_document",
    "render_many",
    "render_report",
    "report_page_count",
    "write_report",
]

_VIEWS = {
    "quick": individual_blocks,
    "full": individual_blocks,
    "team": team_blocks,
    "360": feedback_blocks,
}


def _context(result: Result, previous: Result | None, framework: Framework | None) -> ReportContext:
    if framework is None:
        framework = load_framework(result.framework.id)
    if framework.id != result.framework.id:
        raise ReportError(
            f"the result is for framework {result.framework.id!r} but framework "
            f"{framework.id!r} was given"
        )
    if previous is not None and previous.framework.id != result.framework.id:
        raise ReportError(
            f"the previous result is for framework {previous.framework.id!r}, not "
            f"{result.framework.id!r}; only results of the same framework can be compared"
        )
    return ReportContext(result, framework, previous)


def build_document(
    result: Result, *, previous: Result | None = None, framework: Framework | None = None
) -> Document:
    """The report as plain data (headings, tables, charts), before any PDF is drawn."""
    ctx = _context(result, previous, framework)
    fw = ctx.framework
    date = result.assessed_on
    return Document(
        title=f"{ctx.kind_label}: {ctx.name}",
        author=fw.owner,
        subject=f"{fw.title} (version {fw.version}), {ctx.kind_label.lower()}",
        footer=f"{fw.id} v{fw.version} · {ctx.kind_label} · {ctx.name}",
        date=(date.year, date.month, date.day),
        blocks=tuple(_VIEWS[result.kind](ctx)),
        keywords=(fw.id, f"version {fw.version}", result.kind),
    )


def render_report(
    result: Result, *, previous: Result | None = None, framework: Framework | None = None
) -> bytes:
    """The PDF of one report, chosen by the result's kind; byte-identical for the same input.

    Args:
        result: the scores to report.
        previous: an earlier result of the same framework and subject, for a comparison page.
        framework: the loaded framework (descriptions and development suggestions); loaded
            by the result's framework id when omitted.
    """
    return render_document(build_document(result, previous=previous, framework=framework))


def report_page_count(pdf: bytes) -> int:
    """Pages in a PDF, read from the page tree its cross-reference table points at.

    Following the trailer to the root ``/Pages`` object, rather than searching
    the bytes for ``/Count``, cannot be fooled by text a person typed.
    """
    try:
        return count_pages(pdf)
    except ValueError as exc:
        raise ReportError(f"not a PDF written by behaviours.reports: {exc}") from None


def write_report(
    result: Result,
    path: str | os.PathLike[str],
    *,
    previous: Result | None = None,
    framework: Framework | None = None,
) -> int:
    """Write the report's PDF to ``path``, atomically; returns its page count.

    Raises ``OutputError`` (and leaves ``path`` as it was) when it cannot be written.
    """
    pdf = render_report(result, previous=previous, framework=framework)
    atomic_write(path, pdf)
    return report_page_count(pdf)
