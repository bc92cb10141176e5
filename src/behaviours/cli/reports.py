"""``behaviours demo`` and ``behaviours report``: feedback packs from the command line.

Both go through ``render_many``, so what the command line does is what a
program embedding the library gets: one PDF per subject, a manifest, atomic
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
from behaviours.cli._progress import ProgressBar
from behaviours.cli._rounds import with_round
from behaviours.cli._settings import settings_from
from behaviours.cli.cohort import example_cohort, write_cohort
from behaviours.errors import Problem, ResponsesError
from behaviours.examples import examples
from behaviours.frameworks.catalogue import load_framework
from behaviours.packs.running import PackSummary
from behaviours.responses.model import Assessment, check_assessment, read_assessments_json
from behaviours.responses.reading import read_responses
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
    summary = _interruptible(
        lambda: render_many(items, args.out, jobs=args.jobs, progress=progress)
    )
    if summary is None:
        return EXIT_INTERRUPTED
    _report_failures(summary)
    print(f"Example feedback pack (an individual, a team and a 360 report) in {args.out}:")
    for row in _rows(summary):
        if row["status"] != "failed":
            print(f"  {Path(args.out) / row['file']}  ({row['pages']} pages)")
    written = write_cohort(example_cohort(), Path(args.out) / "cohort")
    print(f"Example cohort report (eight teams, two rounds) in {Path(args.out) / 'cohort'}:")
    for path in written:
        print(f"  {path}")
    print(_summary(summary))
    return 0 if summary.ok else 1


def _check(items: list[Assessment], args: argparse.Namespace) -> None:
    """Refuse, before rendering anything, responses that do not fit the framework or kind."""
    framework = load_framework(args.framework)
    problems: list[Problem] = []
    for i, item in enumerate(items):
        where = f"[{i}]" if len(items) > 1 else ""
        if item.kind != args.kind:
            problems.append(
                Problem(
                    f"a {item.kind} assessment, not {args.kind}",
                    args.responses,
                    path=f"{where}.kind".lstrip("."),
                    expected=args.kind,
                )
            )
        problems.extend(check_assessment(item, framework, file=args.responses, path=where))
    if problems:
        raise ResponsesError(problems, title=f"{args.responses}: responses do not fit")


def _report(args: argparse.Namespace) -> int:

    if args.responses.lower().endswith(".json"):
        items = read_assessments_json(args.responses)
        _check(items, args)
    else:  # a survey export (CSV or .xlsx), checked whole as it is read
        items = read_responses(
            args.responses,
            load_framework(args.framework),
            args.kind,
            assessed_on=args.assessed_on,
        )
    items = with_round(items, args, dated=args.responses.lower().endswith(".json"))
    ledger = Ledger(args.ledger) if args.ledger else None
    framework = load_framework(args.framework)
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
        )
    )
    if summary is None:
        return EXIT_INTERRUPTED
    _report_failures(summary)
    print(_summary(summary))
    return 0 if summary.ok else 1
