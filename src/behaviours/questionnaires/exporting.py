"""Questionnaires out, for survey tools: one CSV row per question, or the model's JSON.

A survey tool's builder (or a person pasting into one) reads the CSV; every
prompt and option is written as a spreadsheet-safe text cell
(``behaviours._files``), and the importer matches the same prompts back when
the answers come in.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Literal, TextIO

from behaviours._files import CsvWriter, atomic_write
from behaviours.questionnaires.model import Questionnaire

__all__ = ["questionnaire_csv", "write_questionnaire"]


def questionnaire_csv(questionnaire: Questionnaire) -> str:
    """The questionnaire as CSV: one row per question, ready to paste into a survey tool.

    Columns: ``type`` (``text``, ``choice``, ``rating`` or ``comment``), ``item_id``,
    ``behaviour_id``, ``behaviour``, ``prompt``, then ``option_1`` ... with the
    answer labels in order. Identifying questions come first. A prompt or label
    that begins like a formula gets a leading single quote, which the importer
    ignores when it matches an export's headers and answers.
    """
    width = max(
        [len(i.options) for i in questionnaire.items]
        + [len(f.options) for f in questionnaire.fields]
    )
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.header(
        ["type", "item_id", "behaviour_id", "behaviour", "prompt"]
        + [f"option_{n}" for n in range(1, width + 1)]
    )
    for f in questionnaire.fields:
        pad = [""] * (width - len(f.options))
        writer.row(["choice" if f.options else "text", f.id, "", "", f.prompt, *f.options, *pad])
    comments = {c.behaviour_id: c for c in questionnaire.comments}
    for n, i in enumerate(questionnaire.items):
        labels = [o.label for o in i.options]
        pad = [""] * (width - len(labels))
        writer.row(["rating", i.id, i.behaviour_id, i.behaviour, i.prompt, *labels, *pad])
        last = n + 1 == len(questionnaire.items)
        comment = comments.get(i.behaviour_id)
        if comment and (last or questionnaire.items[n + 1].behaviour_id != i.behaviour_id):
            row = ["comment", comment.id, i.behaviour_id, i.behaviour, comment.prompt]
            writer.row(row + [""] * width)
    return out.getvalue()


def write_questionnaire(
    questionnaire: Questionnaire, out: str | Path | TextIO, *, format: Literal["csv", "json"]
) -> None:
    """Write the questionnaire as CSV or JSON to a path or an open text file.

    A CSV written to a path starts with a byte-order mark, so that Excel, which
    many people paste from into survey tools, reads its accents correctly.
    """
    text = (
        questionnaire_csv(questionnaire)
        if format == "csv"
        else questionnaire.model_dump_json(indent=2) + "\n"
    )
    if isinstance(out, (str, os.PathLike)):
        atomic_write(out, text.encode("utf-8-sig" if format == "csv" else "utf-8"))
    else:
        out.write(text)
