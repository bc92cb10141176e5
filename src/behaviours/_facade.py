"""The conveniences that cross stages, written once: what ``behaviours.score`` and friends add.

Each stage takes the objects it works on (a ``Framework``, a ``Comparison``);
only here does the library reach back to find a framework by the id a result
or an assessment names, or compare a result with a previous one on the
caller's behalf. So the stages stay testable on their own, and the rule
"load the framework by id when none is given" has exactly one home.
"""

from __future__ import annotations

import os
from pathlib import Path

from behaviours.frameworks.catalogue import load_framework
from behaviours.frameworks.model import Framework
from behaviours.packs.running import render_pdf
from behaviours.pdf.pages import page_count
from behaviours.results.model import Result

__all__ = ["render_report", "write_report"]


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
    framework = framework or load_framework(result.framework.id)
    return render_pdf(result, previous=previous, framework=framework)


def write_report(
    result: Result,
    path: str | os.PathLike[str],
    *,
    previous: Result | None = None,
    framework: Framework | None = None,
) -> int:
    """Write the report's PDF to ``path``; returns its page count."""
    pdf = render_report(result, previous=previous, framework=framework)
    Path(path).write_bytes(pdf)
    return page_count(pdf)
