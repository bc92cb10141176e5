"""A partnership's annual review as files: each partner's self-evaluation report and the review.

One round of one partnership: every partner's evaluation is scored on each of
its scales (``score_evaluation``), each partner gets its own report, and the
partnership report puts them together, compared with the previous round when
its evaluations are given. Each report is written in every format asked for
(PDF, the accessible HTML page, the tagged PDF), named alike but for the ending.
Every file is written atomically, so a stopped run leaves whole reports or
none; a review is a handful of reports, so they are rendered in this process.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from behaviours._files import atomic_write
from behaviours.frameworks.model import Framework
from behaviours.packs.formats import SUFFIXES, check_formats, document_files
from behaviours.packs.manifest import safe_filename
from behaviours.reports.document import Document
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
    """What a review wrote: the partners' reports, in the order given, and the review's.

    ``organisations`` and ``partnership`` are the files of the first format asked
    for; ``files`` is every file written, each report's formats together, the
    review's (``reviews``) last.
    """

    organisations: tuple[Path, ...]
    partnership: Path
    results: tuple[EvaluationResult, ...]
    view: PartnershipResult
    files: tuple[Path, ...] = ()
    reviews: tuple[Path, ...] = ()


def _write(document: Document, folder: Path, stem: str, formats: Iterable[str]) -> list[Path]:
    """The report in each format, ``stem`` plus the format's ending; the paths, in order."""
    paths = []
    for fmt, data, _pages in document_files(document, formats):
        path = folder / (stem + SUFFIXES[fmt])
        atomic_write(path, data)
        paths.append(path)
    return paths


def render_review(
    evaluations: Sequence[Evaluation],
    out: str | Path,
    *,
    framework: Framework,
    previous: Sequence[Evaluation] = (),
    settings: ScoringSettings | None = None,
    evaluation_settings: EvaluationSettings | None = None,
    formats: Iterable[str] = ("pdf",),
) -> ReviewFiles:
    """Score one round of a partnership and write every partner's report and the review.

    ``formats``: any of ``pdf`` (the default), ``html`` and ``tagged-pdf`` (the
    ``tagged-pdf`` extra), as for ``render_many``. Raises ``ResponsesError`` when an
    evaluation does not fit the framework or the evaluations are not one
    partnership's round, and ``ReportError`` for a format it cannot make; nothing
    is written then.
    """
    wanted = check_formats(formats)
    results = score_evaluations(evaluations, framework, settings, evaluation_settings)
    before = score_evaluations(previous, framework, settings, evaluation_settings)
    view = partnership_view(results, before, settings=evaluation_settings)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    firsts, every = [], []
    for r in results:
        stem = safe_filename(f"{r.round}/{r.subject.id}", "", label=f"{r.round} {r.subject.name}")
        paths = _write(evaluation_document(r, framework), folder, stem, wanted)
        firsts.append(paths[0])
        every += paths
    stem = safe_filename(
        f"{view.partnership}/{view.round}", "", label=f"{view.round} partnership review"
    )
    review = _write(partnership_document(view, framework), folder, stem, wanted)
    return ReviewFiles(
        tuple(firsts), review[0], tuple(results), view, (*every, *review), tuple(review)
    )
