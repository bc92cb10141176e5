"""The conveniences that cross stages, written once: what ``behaviours.score`` and friends add.

Each stage takes the objects it works on (a ``Framework``, a ``Comparison``);
only here does the library reach back to find a framework by the id a result
or an assessment names, or compare a result with a previous one on the
caller's behalf. So the stages stay testable on their own, and the rule
"load the framework by id when none is given" has exactly one home.
"""

from __future__ import annotations

import os

from behaviours._files import atomic_write
from behaviours.frameworks.catalogue import load_framework
from behaviours.frameworks.model import Framework
from behaviours.packs.running import render_pdf
from behaviours.pdf.pages import page_count
from behaviours.responses.model import Assessment
from behaviours.results.assessing import score_assessment
from behaviours.results.model import Result
from behaviours.scoring.settings import ScoringSettings

__all__ = ["render_report", "score", "score_all", "write_report"]


def score(
    assessment: Assessment,
    framework: Framework | None = None,
    settings: ScoringSettings | None = None,
) -> Result:
    """Score one assessment.

    ``framework`` defaults to the one the assessment names, loaded by id (and
    cached), so a caller holding only responses needs nothing else.

    Raises ``ResponsesError`` (listing every problem) when the responses do not
    fit the framework or kind, and ``InsufficientRatersError`` when a 360 has
    fewer than ``settings.min_raters`` raters besides the subject.
    """
    return score_assessment(assessment, framework or load_framework(assessment.framework), settings)


def score_all(
    assessments: list[Assessment],
    framework: Framework | None = None,
    settings: ScoringSettings | None = None,
) -> list[Result]:
    """Score several assessments one by one (see ``score_batch`` for speed at scale)."""
    return [score(a, framework, settings) for a in assessments]


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
    """Write the report's PDF to ``path``, atomically; returns its page count.

    Raises ``OutputError`` (and leaves ``path`` as it was) when it cannot be written.
    """
    pdf = render_report(result, previous=previous, framework=framework)
    atomic_write(path, pdf)
    return page_count(pdf)
