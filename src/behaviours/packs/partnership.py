"""A partnership's annual review as files: each partner's self-evaluation report and the review.

One round of one partnership: every partner's evaluation is scored on each of
its scales (``score_evaluation``), each partner gets its own report, and the
partnership report puts them together, compared with the previous round when
its evaluations are given. Every file is written atomically, so a stopped run
leaves whole reports or none; a review is a handful of PDFs, so they are
rendered in this process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from behaviours._files import atomic_write
from behaviours.frameworks.model import Framework
from behaviours.packs.manifest import safe_filename
from behaviours.pdf.rendering import render_document
from behaviours.reports.organisation import evaluation_document
from behaviours.reports.partnership import partnership_document
from behaviours.responses.evaluation import Evaluation
from behaviours.results.organisation import (
    EvaluationResult,
    EvaluationSettings,
    score_evaluations,
)
from behaviours.results.partnership import PartnershipResult, partnership_view
from behaviours.scoring.settings import ScoringSettings

__all__ = ["ReviewFiles", "render_review"]


@dataclass(frozen=True)
class ReviewFiles:
    """What a review wrote: the partners' reports, in the order given, and the review's."""

    organisations: tuple[Path, ...]
    partnership: Path
    results: tuple[EvaluationResult, ...]
    view: PartnershipResult


def render_review(
    evaluations: Sequence[Evaluation],
    out: str | Path,
    *,
    framework: Framework,
    previous: Sequence[Evaluation] = (),
    settings: ScoringSettings | None = None,
    evaluation_settings: EvaluationSettings | None = None,
) -> ReviewFiles:
    """Score one round of a partnership and write every partner's report and the review.

    Raises ``ResponsesError`` when an evaluation does not fit the framework or
    the evaluations are not one partnership's round; nothing is written then.
    """
    results = score_evaluations(evaluations, framework, settings, evaluation_settings)
    before = score_evaluations(previous, framework, settings, evaluation_settings)
    view = partnership_view(results, before, settings=evaluation_settings)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for r in results:
        path = folder / safe_filename(
            f"{r.round}/{r.subject.id}", label=f"{r.round} {r.subject.name}"
        )
        atomic_write(path, render_document(evaluation_document(r, framework)))
        written.append(path)
    review = folder / safe_filename(
        f"{view.partnership}/{view.round}", label=f"{view.round} partnership review"
    )
    atomic_write(review, render_document(partnership_document(view, framework)))
    return ReviewFiles(tuple(written), review, tuple(results), view)
