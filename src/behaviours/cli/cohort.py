"""``behaviours cohort``: the cohort table, programme evaluation and norms from result files.

Reads published results (``behaviours score --format json``), never responses:
a cohort is built from each person's published scores. Everything goes into
``--out``: ``cohort.json`` and ``cohort.csv`` (the table), ``evaluation.json``
and ``evaluation.csv`` with ``--before`` and ``--after``, ``norm.json`` with
``--save-norm``, ``norm-scores.csv`` with ``--norm``, and ``cohort.pdf``, the
report of all of them (``cohort.html`` and ``cohort.tagged.pdf`` with
``--format``). Each file is written atomically; the summary goes to standard
output and the progress bar (reading files) to standard error.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from behaviours._facade import render_cohort_report, score
from behaviours._files import CsvWriter, atomic_write
from behaviours.cli._progress import ProgressBar
from behaviours.errors import Problem, ResponsesError
from behaviours.examples import cohort_rounds, cohort_units
from behaviours.packs.formats import SUFFIXES, check_formats
from behaviours.results.cohort import CohortTable, Norm, ProgrammeEvaluation
from behaviours.results.cohorting import (
    apply_norm,
    build_norm,
    cohort_csv,
    cohort_table,
    evaluate_programme,
    evaluation_csv,
    parse_units,
    read_norm,
    read_units,
)
from behaviours.results.exporting import read_results_json
from behaviours.results.model import Result

__all__ = ["CohortOutputs", "example_cohort", "write_cohort"]


@dataclass(frozen=True)
class CohortOutputs:
    """What one cohort run publishes (the evaluation and norms when asked for)."""

    name: str
    table: CohortTable
    evaluation: ProgrammeEvaluation | None = None
    norm: Norm | None = None
    saved_norm: bool = False
    norm_scores: tuple[tuple[object, ...], ...] = ()


class _Reader:
    """Reads result files, one progress bar over every file of the run."""

    def __init__(self, total: int, progress: ProgressBar | None) -> None:
        self.total, self.done, self.progress = total, 0, progress
        self.where: dict[int, list[str]] = {}

    def __call__(self, files: Sequence[str]) -> list[Result]:
        results: list[Result] = []
        where: list[str] = []
        for file in files:
            read = read_results_json(file)
            results.extend(read)
            where.extend(f"{file}[{i}]" for i in range(len(read)))
            self.done += 1
            if self.progress is not None:
                self.progress(self.done, self.total, file, "written")
        self.where[id(results)] = where
        return results

    def of(self, results: list[Result]) -> list[str]:
        """Where each of ``results`` (a list this reader returned) was read from."""
        return self.where.get(id(results), [])


_NORM_COLUMNS = (
    "subject_id",
    "behaviour_id",
    "score",
    "percentile",
    "z",
    "t",
    "norm",
    "norm_n",
    "norm_dates",
    "norm_includes_person",
)


def _norm_rows(norm: Norm, results: Iterable[Result]) -> tuple[tuple[object, ...], ...]:
    """One row per person and behaviour, the norm's name, N and dates on every one."""
    rows = []
    for result in results:
        for s in apply_norm(norm, result):
            figures = ("" if v is None else v for v in (s.score, s.percentile, s.z, s.t))
            rows.append(
                (
                    result.subject.id,
                    s.behaviour,
                    *figures,
                    s.norm_name,
                    s.norm_n,
                    s.norm_dates,
                    "true" if s.includes_person else "false",
                )
            )
    return tuple(rows)


def write_cohort(
    outputs: CohortOutputs, out: str | Path, formats: Iterable[str] = ("pdf",)
) -> list[Path]:
    """Write the JSON, CSV and report of ``outputs`` into the folder ``out``; the paths written.

    The report is written in each of ``formats`` (``pdf``, ``html``, ``tagged-pdf``).
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, str | bytes] = {
        "cohort.json": outputs.table.model_dump_json(indent=2) + "\n",
        "cohort.csv": cohort_csv(outputs.table),
    }
    if outputs.evaluation is not None:
        files["evaluation.json"] = outputs.evaluation.model_dump_json(indent=2) + "\n"
        files["evaluation.csv"] = evaluation_csv(outputs.evaluation)
    if outputs.norm is not None and outputs.saved_norm:
        files["norm.json"] = outputs.norm.model_dump_json(indent=2) + "\n"
    if outputs.norm_scores:
        text = io.StringIO()
        writer = CsvWriter(text)
        writer.header(_NORM_COLUMNS)
        for row in outputs.norm_scores:
            writer.row(row)
        files["norm-scores.csv"] = text.getvalue()
    for fmt in check_formats(formats):
        files["cohort" + SUFFIXES[fmt]] = render_cohort_report(
            outputs.table,
            name=outputs.name,
            evaluation=outputs.evaluation,
            norm=outputs.norm,
            format=fmt,
        )
    written = []
    for name, data in files.items():
        atomic_write(folder / name, data.encode("utf-8") if isinstance(data, str) else data)
        written.append(folder / name)
    return written


def example_cohort() -> CohortOutputs:
    """The example programme (``behaviours.examples``): by team, evaluated, with its norm."""
    before, after = ([score(a) for a in round_] for round_ in cohort_rounds())
    units = parse_units(cohort_units(), "team", "behaviours/examples/cohort-units.csv")
    return CohortOutputs(
        name="Compassionate leadership programme 2025-26",
        table=cohort_table(after, units, by="team"),
        evaluation=evaluate_programme(before, after),
        norm=build_norm(before, name="Programme leaders, September 2025"),
        saved_norm=True,
    )


def _outputs(args: argparse.Namespace, read: _Reader) -> CohortOutputs:
    if bool(args.before) != bool(args.after):
        given = "--before" if args.before else "--after"
        raise ResponsesError(
            Problem(
                f"given without {'--after' if args.before else '--before'}",
                given,
                expected="--before and --after",
            )
        )
    before, after = read(args.before), read(args.after)
    cohort = read(args.results) if args.results else after
    if not cohort:
        raise ResponsesError(Problem("no result files", expected="RESULTS or --after"))
    units = read_units(args.units, args.by)
    table = cohort_table(
        cohort,
        units,
        by=args.by,
        measure=args.measure,
        min_people=args.min_people,
        where=read.of(cohort),
    )
    evaluation = None
    if before:
        evaluation = evaluate_programme(
            before,
            after,
            measure=args.measure,
            min_people=args.min_people,
            where_before=read.of(before),
            where_after=read.of(after),
        )
    norm, saved = None, False
    if args.norm:
        norm = read_norm(args.norm)
    elif args.save_norm:
        source = before or cohort
        norm = build_norm(
            source,
            name=args.save_norm,
            measure=args.measure,
            min_n=args.min_norm,
            where=read.of(source),
        )
        saved = True
    scores = _norm_rows(norm, cohort) if norm is not None and args.norm else ()
    return CohortOutputs(args.name, table, evaluation, norm, saved, scores)


def _cohort(args: argparse.Namespace) -> int:
    count = len(args.results) + len(args.before) + len(args.after)
    wanted = args.progress if args.progress is not None else sys.stderr.isatty()
    progress = ProgressBar(sys.stderr) if wanted and count > 1 else None
    outputs = _outputs(args, _Reader(count, progress))
    for path in write_cohort(outputs, args.out, args.format):
        print(path)
    return 0
