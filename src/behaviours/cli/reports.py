"""``behaviours demo`` and ``behaviours report``: feedback packs from the command line.

Both go through ``render_many``, so what the command line does is what a
program embedding the library gets: one file per subject and format, a manifest, atomic
files, re-runs that skip current reports. The summary line goes to standard
output; the progress bar and per-subject failures go to standard error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from behaviours._facade import render_many
from behaviours.cli import EXIT_INTERRUPTED
from behaviours.cli._inputs import read_inputs
from behaviours.cli._progress import ProgressBar
from behaviours.cli._settings import settings_from
from behaviours.cli.cohort import example_cohort, write_cohort
from behaviours.examples import examples
from behaviours.frameworks.catalogue import load_framework
from behaviours.html.tagged import tagged_pdf_available
from behaviours.packs.running import PackSummary
from behaviours.results.rounds import Ledger

__all__ = ["ProgressBar"]


def _summary(summary: PackSummary) -> str:
    return (
        f"{summary.written} written, {summary.current} skipped as current, "
        f"{summary.failed} failed -> {summary.manifest_csv}"
    )


def _rows(summary: PackSummary) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(summary.manifest_json.read_text(encoding="utf-8"))[
        "reports"
    ]
    return rows


def _report_failures(summary: PackSummary) -> None:
    """Name each failed subject and why on stderr, read back from the manifest just written."""
    if summary.ok:
        return
    for row in _rows(summary):
        if row["status"] == "failed":
            print(f"behaviours: {row['subject']}: {row['error']}", file=sys.stderr)


def _progress(args: argparse.Namespace, count: int) -> ProgressBar | None:
    wanted = args.progress if args.progress is not None else sys.stderr.isatty()
    return ProgressBar(sys.stderr) if wanted and count > 1 else None


def _interruptible(render: Callable[[], PackSummary]) -> PackSummary | None:
    """Run a pack; on Ctrl-C say that the finished reports are kept, and return None."""
    try:
        return render()
    except KeyboardInterrupt:
        print(
            "\nbehaviours: interrupted; the reports finished so far are kept, "
            "run the same command again to finish the pack",
            file=sys.stderr,
        )
        return None


def _demo(args: argparse.Namespace) -> int:
    items = examples()
    progress = _progress(args, len(items))
    tagged = tagged_pdf_available()
    formats = ("pdf", "html", "tagged-pdf") if tagged else ("pdf", "html")
    summary = _interruptible(
        lambda: render_many(items, args.out, jobs=args.jobs, progress=progress, formats=formats)
    )
    if summary is None:
        return EXIT_INTERRUPTED
    _report_failures(summary)
    print(f"Example feedback pack (an individual, a team and a 360 report) in {args.out}:")
    for row in _rows(summary):
        if row["status"] != "failed":
            size = "HTML" if row["pages"] is None else f"{row['pages']} pages"
            print(f"  {Path(args.out) / row['file']}  ({size})")
    if not tagged:
        print(
            "  (no tagged PDFs: WeasyPrint is not installed; "
            "pip install 'behaviours[tagged-pdf]' to add them)"
        )
    _demo_reviews(Path(args.out) / "partnerships", formats)
    written = write_cohort(example_cohort(), Path(args.out) / "cohort", formats)
    print(f"Example cohort report (eight teams, two rounds) in {Path(args.out) / 'cohort'}:")
    for path in written:
        print(f"  {path}")
    print(_summary(summary))
    return 0 if summary.ok else 1


def _demo_reviews(out: Path, formats: tuple[str, ...]) -> None:
    """The example partnership's annual reviews, beside the pack (docs/partnerships.md)."""
    from behaviours.cli.evaluations import render_examples  # noqa: PLC0415

    for files in render_examples(out, formats):
        view = files.view
        print(
            f"Partnership review ({view.partnership}, round {view.round} against "
            f"{view.previous_round}) in {files.partnership.parent}: "
            f"{len(files.organisations)} partner reports and {files.partnership.name} "
            f"(each as {', '.join(formats)})"
        )


def _report(args: argparse.Namespace) -> int:
    framework = load_framework(args.framework)
    items = read_inputs(args, framework)  # every file checked whole before anything renders
    ledger = Ledger(args.ledger) if args.ledger else None
    progress = _progress(args, len(items))
    summary = _interruptible(
        lambda: render_many(
            items,
            args.out,
            framework=framework,
            jobs=args.jobs,
            progress=progress,
            settings=settings_from(args),
            ledger=ledger,
            formats=args.format,
        )
    )
    if summary is None:
        return EXIT_INTERRUPTED
    _report_failures(summary)
    print(_summary(summary))
    return 0 if summary.ok else 1
