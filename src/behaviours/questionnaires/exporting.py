"""Questionnaires out, for survey tools: one CSV row per question, or the model's JSON.

A survey tool's builder (or a person pasting into one) reads the CSV; every
prompt and option is written as a spreadsheet-safe text cell
(``behaviours._files``), and the importer matches the same prompts back when
the answers come in.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from behaviours._files import CsvWriter, atomic_write
from behaviours.questionnaires.model import Questionnaire

__all__ = ["Question", "mapping_csv", "questionnaire_csv", "questions", "write_questionnaire"]


@dataclass(frozen=True)
class Question:
    """One question of a questionnaire as a survey tool shows it, in the order it is asked."""

    type: Literal["text", "choice", "rating", "comment"]
    id: str  # the field id, item id or comment id
    behaviour_id: str
    behaviour: str
    prompt: str
    options: tuple[str, ...]


def questions(questionnaire: Questionnaire) -> list[Question]:
    """Every question in the order to ask it: identifying fields, then each behaviour's items
    and its comment box. The one order of the CSV export, the mapping file and of the
    readers that match numbered columns to the questionnaire (Qualtrics' ImportIds).
    """
    out = [
        Question("choice" if f.options else "text", f.id, "", "", f.prompt, tuple(f.options))
        for f in questionnaire.fields
    ]
    comments = {c.behaviour_id: c for c in questionnaire.comments}
    items = questionnaire.items
    for n, i in enumerate(items):
        labels = tuple(o.label for o in i.options)
        out.append(Question("rating", i.id, i.behaviour_id, i.behaviour, i.prompt, labels))
        comment = comments.get(i.behaviour_id)
        if comment and (n + 1 == len(items) or items[n + 1].behaviour_id != i.behaviour_id):
            out.append(
                Question("comment", comment.id, i.behaviour_id, i.behaviour, comment.prompt, ())
            )
    return out


def questionnaire_csv(questionnaire: Questionnaire) -> str:
    """The questionnaire as CSV: one row per question, ready to paste into a survey tool.

    Columns: ``type`` (``text``, ``choice``, ``rating`` or ``comment``), ``item_id``,
    ``behaviour_id``, ``behaviour``, ``prompt``, then ``option_1`` ... with the
    answer labels in order. Identifying questions come first. A prompt or label
    that begins like a formula gets a leading single quote, which the importer
    ignores when it matches an export's headers and answers.
    """
    asked = questions(questionnaire)
    width = max(len(q.options) for q in asked)
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.header(
        ["type", "item_id", "behaviour_id", "behaviour", "prompt"]
        + [f"option_{n}" for n in range(1, width + 1)]
    )
    for q in asked:
        pad = [""] * (width - len(q.options))
        writer.row([q.type, q.id, q.behaviour_id, q.behaviour, q.prompt, *q.options, *pad])
    return out.getvalue()


def mapping_csv(questionnaire: Questionnaire) -> str:
    """A starting mapping file for a tool that heads its columns with question numbers.

    Columns: ``column`` (the export's header, numbered as Jisc Online Surveys
    numbers a survey built in the questionnaire's order: a question each,
    ``Q3_1``, ``Q3_2`` ... for the statements of one behaviour's grid when it has
    several), ``id`` (what the column is: an item id, a comment id, ``subject``,
    ``role``, ``respondent`` or ``ignore``) and ``prompt`` (for the reader of the
    file; not read). Check ``column`` against the export's header and edit it.
    """
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.header(["column", "id", "prompt"])
    number, last, grid = 0, None, 0
    asked = questions(questionnaire)
    sizes = {
        b: sum(1 for q in asked if q.type == "rating" and q.behaviour_id == b)
        for b in {q.behaviour_id for q in asked}
    }
    for q in asked:
        if q.type == "rating" and sizes[q.behaviour_id] > 1:
            if q.behaviour_id != last:
                number, grid, last = number + 1, 0, q.behaviour_id
            grid += 1
            column = f"Q{number}_{grid}"
        else:
            number, last = number + 1, None
            column = f"Q{number}"
        writer.row([column, q.id, q.prompt])
    return out.getvalue()


def write_questionnaire(
    questionnaire: Questionnaire,
    out: str | Path | TextIO,
    *,
    format: Literal["csv", "json", "mapping"],
) -> None:
    """Write the questionnaire as CSV, JSON or a starting mapping file to a path or a text file.

    A CSV written to a path starts with a byte-order mark, so that Excel, which
    many people paste from into survey tools, reads its accents correctly.
    """
    if format == "json":
        text = questionnaire.model_dump_json(indent=2) + "\n"
    else:
        text = (mapping_csv if format == "mapping" else questionnaire_csv)(questionnaire)
    if isinstance(out, (str, os.PathLike)):
        atomic_write(out, text.encode("utf-8" if format == "json" else "utf-8-sig"))
    else:
        out.write(text)
