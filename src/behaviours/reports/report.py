"""One report as a ``Document``: the view chosen by the result's kind, laid out with its framework.

The layout never computes a statistic: a comparison with an earlier round is
passed in (``behaviours.results.comparing.compare`` makes it), so the numbers
on a page are exactly the numbers of the results, and the layout can be
tested with results and comparisons made by hand.
"""

from __future__ import annotations

from behaviours.errors import ReportError
from behaviours.frameworks.model import Framework
from behaviours.reports.context import ReportContext
from behaviours.reports.document import Document
from behaviours.reports.feedback360 import feedback_blocks
from behaviours.reports.individual import individual_blocks
from behaviours.reports.team import team_blocks
from behaviours.results.model import Comparison, Result

__all__ = ["build_document"]

_VIEWS = {
    "quick": individual_blocks,
    "full": individual_blocks,
    "team": team_blocks,
    "360": feedback_blocks,
}


def _context(result: Result, framework: Framework, comparison: Comparison | None) -> ReportContext:
    if framework.id != result.framework.id:
        raise ReportError(
            f"the result is for framework {result.framework.id!r} but framework "
            f"{framework.id!r} was given"
        )
    if comparison is not None and (
        comparison.framework.id != result.framework.id
        or comparison.subject.id != result.subject.id
        or comparison.after_on != result.assessed_on
    ):
        raise ReportError(
            f"the comparison is of {comparison.subject.id!r} on {comparison.after_on} "
            f"({comparison.framework.id}), not of this result ({result.subject.id!r} on "
            f"{result.assessed_on}, {result.framework.id})"
        )
    return ReportContext(result, framework, comparison)


def build_document(
    result: Result, framework: Framework, *, comparison: Comparison | None = None
) -> Document:
    """The report as plain data (headings, tables, charts), before any PDF is drawn."""
    ctx = _context(result, framework, comparison)
    date = result.assessed_on
    return Document(
        title=f"{ctx.kind_label}: {ctx.name}",
        author=framework.owner,
        subject=f"{framework.title} (version {framework.version}), {ctx.kind_label.lower()}",
        footer=f"{framework.id} v{framework.version} · {ctx.kind_label} · {ctx.name}",
        date=(date.year, date.month, date.day),
        blocks=tuple(_VIEWS[result.kind](ctx)),
        keywords=(framework.id, f"version {framework.version}", result.kind),
    )
