"""The conveniences that cross stages, written once: what ``behaviours.score`` and friends add.

Each stage takes the objects it works on (a ``Framework``, a ``Comparison``);
only here does the library reach back to find a framework by the id a result
or an assessment names, or compare a result with a previous one on the
caller's behalf. So the stages stay testable on their own, and the rule
"load the framework by id when none is given" has exactly one home.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import Executor
from typing import Any

from behaviours._files import atomic_write
from behaviours.errors import ScoringError
from behaviours.frameworks.catalogue import load_framework
from behaviours.frameworks.model import Framework
from behaviours.html.charts import chart_svg
from behaviours.html.rendering import html_fragment
from behaviours.packs.formats import (
    Format,
    check_formats,
    document_as,
    report_document,
    report_files,
)
from behaviours.packs.running import (
    PackSummary,
    Previous,
    ProgressCallback,
    RenderFunction,
    render_pdf,
)
from behaviours.packs.running import render_many as _render_many
from behaviours.pdf.pages import page_count
from behaviours.reports.cohort import build_cohort_document
from behaviours.reports.quality import quality_document
from behaviours.responses.model import Assessment
from behaviours.results.assessing import score_assessment
from behaviours.results.cohort import CohortTable, Norm, ProgrammeEvaluation
from behaviours.results.model import Result
from behaviours.results.quality import FrameworkQuality
from behaviours.results.quality import analyse as _analyse
from behaviours.results.rounds import Ledger
from behaviours.scoring.settings import ScoringSettings

__all__ = [
    "analyse",
    "render_cohort_report",
    "render_many",
    "render_quality_report",
    "render_report",
    "report_charts",
    "report_fragment",
    "score",
    "score_all",
    "write_report",
]


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
    result: Result,
    *,
    previous: Result | None = None,
    framework: Framework | None = None,
    format: Format = "pdf",
) -> bytes:
    """One report, chosen by the result's kind; byte-identical for the same input.

    Args:
        result: the scores to report.
        previous: an earlier result of the same framework and subject, for a comparison page.
        framework: the loaded framework (descriptions and development suggestions); loaded
            by the result's framework id when omitted.
        format: ``pdf`` (reportlab, the fast default), ``html`` (a self-contained,
            accessible page, UTF-8) or ``tagged-pdf`` (PDF/UA-1 intent, made from the
            HTML by WeasyPrint: the ``tagged-pdf`` extra). docs/reports.md says what
            each guarantees.
    """
    framework = framework or load_framework(result.framework.id)
    if format == "pdf":
        return render_pdf(result, previous=previous, framework=framework)
    wanted = check_formats([format])
    return report_files(result, wanted, previous=previous, framework=framework)[0][1]


def report_fragment(
    result: Result,
    *,
    previous: Result | None = None,
    framework: Framework | None = None,
    id_prefix: str = "bh",
    title_level: int = 1,
) -> str:
    """The HTML report as a fragment (an ``article``) for a page of one's own.

    ``title_level`` is the heading level of the subject's name (2 under the
    page's own ``h1``); ``id_prefix`` keeps ids apart when a page holds several
    reports. Style it with ``behaviours.html.styles.STYLESHEET`` or with your own
    rules for the classes listed in docs/reports.md.
    """
    framework = framework or load_framework(result.framework.id)
    document = report_document(result, previous=previous, framework=framework)
    return html_fragment(document, id_prefix=id_prefix, title_level=title_level)


def report_charts(
    result: Result,
    *,
    previous: Result | None = None,
    framework: Framework | None = None,
    id_prefix: str = "bh-chart",
) -> list[str]:
    """The report's charts alone, in report order, each a standalone SVG (``role="img"``).

    Each SVG's ``title`` says every value it marks, and its marks carry the
    classes of docs/reports.md; the ids are ``{id_prefix}-1``, ``-2``, ...
    """
    framework = framework or load_framework(result.framework.id)
    document = report_document(result, previous=previous, framework=framework)
    charts = document.charts()
    return [chart_svg(chart, f"{id_prefix}-{i}") for i, chart in enumerate(charts, start=1)]


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


def render_cohort_report(
    table: CohortTable,
    *,
    name: str,
    evaluation: ProgrammeEvaluation | None = None,
    norm: Norm | None = None,
    framework: Framework | None = None,
    format: Format = "pdf",
) -> bytes:
    """A cohort report (docs/cohorts.md); byte-identical for the same input.

    ``framework`` (for behaviour names) is loaded by the table's framework id when omitted;
    ``format`` is ``pdf``, ``html`` or ``tagged-pdf``, as for ``render_report``.
    """
    framework = framework or load_framework(table.framework.id)
    document = build_cohort_document(table, framework, name=name, evaluation=evaluation, norm=norm)
    return document_as(document, format)


def render_many(
    results: Iterable[Any],
    out_dir: str | os.PathLike[str],
    *,
    framework: Framework | None = None,
    previous: Previous = None,
    executor: Executor | None = None,
    jobs: int | None = None,
    progress: ProgressCallback | None = None,
    settings: ScoringSettings | None = None,
    render: RenderFunction | None = None,
    window: int | None = None,
    key: bytes | None = None,
    ledger: Ledger | None = None,
    formats: Iterable[str] = ("pdf",),
) -> PackSummary:
    """Write one report per subject and format into ``out_dir``, with ``manifest.csv``/``.json``.

    Args:
        results: results or assessments (scored in the worker), any iterable;
            a generator is consumed as the batch goes, never held whole.
        out_dir: the pack folder, created when missing. Reports already there
            and current (same inputs, file unchanged) are kept, not re-rendered.
        framework: the framework of every item; by default each item's own
            framework is loaded from the catalogue by id.
        previous: earlier results by subject id (a mapping or a function), for
            the comparison page.
        executor: where the work runs; default a process pool with ``jobs``
            workers (all cores). ``jobs=1`` without an executor runs in this
            process. An executor passed in is not shut down.
        progress: called after each subject as ``(done, total, subject, status)``.
        settings: how assessments are scored (``ScoringSettings``; the defaults
            when omitted). Results keep the settings they were scored with.
        render: the renderer, ``render_report`` by default.
        window: most reports in flight at once; default four per worker.
        key: the secret the manifest's ``inputs`` digests are keyed with; by default
            one per pack folder, kept in the key folder outside it (``BEHAVIOURS_KEYS``).
        ledger: the round ledger (``behaviours.results.rounds.Ledger``): each result is
            recorded there before its report is written, and a publication it refuses
            (``RoundError``) fails for that subject alone. Assessments are then scored
            in this process.
        formats: any of ``pdf`` (the default), ``html`` (the accessible page) and
            ``tagged-pdf`` (PDF/UA-1 intent; needs the ``tagged-pdf`` extra), each
            subject's files named alike but for the ending (``.pdf``, ``.html``,
            ``.tagged.pdf``). The manifest has a row for every file, with its ``format``.

    Returns:
        The counts of files written, kept as current and failed.
    """
    return _render_many(
        results,
        out_dir,
        framework=framework,
        find_framework=load_framework,
        previous=previous,
        executor=executor,
        jobs=jobs,
        progress=progress,
        settings=settings,
        render=render,
        window=window,
        key=key,
        ledger=ledger,
        formats=formats,
    )


def analyse(
    assessments: Iterable[Assessment],
    framework: Framework | None = None,
    settings: ScoringSettings | None = None,
) -> FrameworkQuality:
    """The item analysis of a framework from many assessments of one kind (docs/analysis.md).

    ``framework`` defaults to the one the first assessment names. Only answers
    that results publish under ``settings`` are pooled. Raises ``ResponsesError``
    when the answers do not fit, or when too few respondents or subjects remain
    (at least 10 respondents; for team and 360 data, 5 subjects: docs/privacy.md).
    """
    given = list(assessments)
    if framework is None and given:
        framework = load_framework(given[0].framework)
    if framework is None:
        raise ScoringError("no assessments to analyse")
    return _analyse(given, framework, settings)


def render_quality_report(
    quality: FrameworkQuality, framework: Framework | None = None, *, format: Format = "pdf"
) -> bytes:
    """The framework quality report of an analysis; byte-identical for the same input.

    ``format`` is ``pdf``, ``html`` or ``tagged-pdf``, as for ``render_report``.
    """
    framework = framework or load_framework(quality.framework.id)
    return document_as(quality_document(quality, framework), format)
