"""Self-evaluation results out: a tidy CSV with the scale of every figure, and the schemas.

The CSV is the results CSV (``behaviours.results.exporting``), one block of
rows per partner and scale, with the partnership and round in front and
whether the behaviour's rating runs ahead of its confidence at the end; each
row's ``scale`` says which scale its figures are on.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from behaviours._files import CsvWriter
from behaviours.results.exporting import RESULT_CSV_COLUMNS, result_cell, result_rows
from behaviours.results.organisation import EvaluationResult

__all__ = ["EVALUATION_CSV_COLUMNS", "evaluation_schema", "evaluations_csv"]

EVALUATION_CSV_COLUMNS: tuple[str, ...] = (
    "partnership",
    "round",
    *RESULT_CSV_COLUMNS,
    "confidence_gap",
)
"""Columns of the self-evaluation CSV: the results CSV's, with partnership, round and the flag."""


def evaluations_csv(results: Iterable[EvaluationResult]) -> str:
    """Every partner's figures, one row per partner, scale, behaviour and group."""
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.header(EVALUATION_CSV_COLUMNS)
    for r in results:
        for scale in r.scales:
            for found in result_rows(r.results[scale]):
                row = {
                    **found,
                    "partnership": r.partnership,
                    "round": r.round,
                    "kind": r.kind,
                    "confidence_gap": found["behaviour_id"] in r.confidence_gaps,
                }
                writer.row(result_cell(row.get(k)) for k in EVALUATION_CSV_COLUMNS)
    return out.getvalue()


def evaluation_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of an ``EvaluationResult`` or a ``PartnershipResult`` as written."""
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"behaviours {model.__name__}"
    return schema
