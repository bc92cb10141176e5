"""Results out, for other programs: a tidy CSV, the JSON of the models, and their schema.

Two audiences. Spreadsheets take CSV: results are tidy, one row per subject,
behaviour and group, so a pivot table or ``pandas.read_csv`` needs no reshaping. Programs take
JSON: results are the ``Result`` models themselves, which read back equal
(``read_results_json``), and ``result_schema()`` is the JSON Schema they can
validate against (committed as ``docs/schema/result.json``).

Every CSV is written so a spreadsheet cannot run it: a text cell beginning
with ``=``, ``+``, ``-``, ``@``, a tab or a line break gets a leading single
quote and every text cell is quoted (``behaviours._files.spreadsheet_text``);
numbers stay numbers and the JSON keeps every text exactly. Files written to a
path replace it atomically.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, TextIO

from pydantic import TypeAdapter
from pydantic import ValidationError as _ValidationError

from behaviours._files import CsvWriter, atomic_write
from behaviours.errors import Problem, ResponsesError, validation_problems
from behaviours.results.model import BehaviourResult, Result, Stats

__all__ = [
    "RESULT_CSV_COLUMNS",
    "parse_results_json",
    "read_results_json",
    "result_cell",
    "result_rows",
    "result_schema",
    "results_csv",
    "results_json",
    "write_results",
]

_RESULTS = TypeAdapter(list[Result])
RESULT_CSV_COLUMNS: tuple[str, ...] = (
    "framework",
    "framework_version",
    "kind",
    "detail",
    "subject_id",
    "subject_name",
    "assessed_on",
    "behaviour_id",
    "item_id",
    "group",
    "headline",
    "n",
    "n_not_able_to_say",
    "mean",
    "normalised",
    "sd",
    "min",
    "max",
    "ci_low",
    "ci_high",
    "insufficient",
    "suppressed",
    "rwg",
    "disagreement",
    "alpha",
    "gap",
    "flag",
    "strength",
    "development_area",
    "rwg_star",
    "scale",
)
"""Columns of the tidy results CSV, in order. New columns are only ever added at the end."""


def result_cell(value: object) -> object:
    """A results cell: blank for None, ``true``/``false`` for flags, numbers as numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _stats_cells(stats: Stats) -> dict[str, object]:
    return {
        "n": stats.n,
        "n_not_able_to_say": stats.n_not_able_to_say,
        "mean": stats.mean,
        "normalised": stats.normalised,
        "sd": stats.sd,
        "min": stats.min,
        "max": stats.max,
        "ci_low": stats.ci_low,
        "ci_high": stats.ci_high,
        "insufficient": stats.insufficient,
        "suppressed": stats.suppressed,
    }


def _behaviour_rows(
    result: Result, behaviour: BehaviourResult, base: dict[str, object], items: bool
) -> Iterator[dict[str, object]]:
    shared = {
        **base,
        "behaviour_id": behaviour.id,
        "scale": behaviour.scale,
        "rwg": behaviour.agreement.rwg if behaviour.agreement else None,
        "disagreement": behaviour.agreement.disagreement if behaviour.agreement else None,
        "alpha": behaviour.alpha.alpha if behaviour.alpha else None,
        "gap": behaviour.gap,
        "flag": behaviour.flag,
        "strength": behaviour.id in result.strengths,
        "development_area": behaviour.id in result.development_areas,
        "rwg_star": behaviour.agreement.rwg_star if behaviour.agreement else None,
    }
    groups: list[tuple[str, bool, Stats]] = [(result.headline, True, behaviour.score)]
    groups += [(g, False, s) for g, s in behaviour.groups.items() if g != result.headline]
    for group, headline, stats in groups:
        yield {**shared, "group": group, "headline": headline, **_stats_cells(stats)}
    if not items:
        return
    for item in behaviour.items:
        item_groups: list[tuple[str, bool, Stats]] = [(result.headline, True, item.score)]
        item_groups += [(g, False, s) for g, s in item.groups.items() if g != result.headline]
        for group, headline, stats in item_groups:
            yield {
                **base,
                "behaviour_id": behaviour.id,
                "scale": behaviour.scale,
                "item_id": item.id,
                "group": group,
                "headline": headline,
                **_stats_cells(stats),
            }


def result_rows(result: Result, *, items: bool = False) -> Iterator[dict[str, object]]:
    """The tidy rows of one result: per behaviour, the headline group then the others.

    With ``items=True``, each behaviour's rows are followed by its items' rows
    (``item_id`` set; behaviour-level columns such as ``gap`` left empty).
    """
    base: dict[str, object] = {
        "framework": result.framework.id,
        "framework_version": result.framework.version,
        "kind": result.kind,
        "detail": result.detail,
        "subject_id": result.subject.id,
        "subject_name": result.subject.name,
        "assessed_on": result.assessed_on.isoformat(),
    }
    for behaviour in result.behaviours:
        yield from _behaviour_rows(result, behaviour, base, items)


def results_csv(results: Iterable[Result], *, items: bool = False) -> str:
    """Results as a tidy CSV, one row per subject, behaviour and group (see ``result_rows``).

    Safe to open in a spreadsheet: a text that begins like a formula (a
    subject named ``=HYPERLINK(...)``) is written with a leading single quote
    and numbers are written bare (docs/survey-tools.md).
    """
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.header(RESULT_CSV_COLUMNS)
    for result in results:
        for row in result_rows(result, items=items):
            writer.row(result_cell(row.get(k)) for k in RESULT_CSV_COLUMNS)
    return out.getvalue()


def results_json(results: Sequence[Result]) -> str:
    """Results as a JSON array that ``parse_results_json`` reads back to equal models."""
    return _RESULTS.dump_json(list(results), indent=2).decode("utf-8") + "\n"


def parse_results_json(data: str | bytes, file: str = "<string>") -> list[Result]:
    """Results from JSON: an array of results, or one result.

    Raises ``ResponsesError`` naming the file and the path of every problem.
    """
    try:
        document = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        raise ResponsesError(Problem(f"not valid JSON: {exc}", file, line, column)) from None
    if isinstance(document, dict):
        document = [document]
    try:
        return _RESULTS.validate_python(document)
    except _ValidationError as exc:
        problems = validation_problems(exc.errors(include_url=False), file)
        raise ResponsesError(problems, title="not a valid result file") from None


def read_results_json(path: str | Path) -> list[Result]:
    """Results from a JSON file written by ``write_results`` or ``behaviours score``."""
    return parse_results_json(Path(path).read_bytes(), str(path))


def write_results(
    results: Sequence[Result],
    out: str | Path | TextIO,
    *,
    format: Literal["json", "csv"],
    items: bool = False,
) -> None:
    """Write results as a JSON array or a tidy CSV, to a path or an open text file."""
    text = results_json(results) if format == "json" else results_csv(results, items=items)
    if isinstance(out, (str, os.PathLike)):
        atomic_write(out, text.encode("utf-8"))
    else:
        out.write(text)


def result_schema() -> dict[str, Any]:
    """The JSON Schema of one result as written (``behaviours schema result``).

    Files written by ``behaviours score --format json`` are arrays of these.
    """
    schema = Result.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "behaviours result"
    return schema
