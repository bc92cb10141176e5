"""The printable questionnaire: a paper form with tick boxes, for staff who answer on paper.

It is built as a report ``Document`` and drawn by the PDF backend (``behaviours.pdf``), so
it has the reports' type, colours, fonts (Unicode names print) and footer,
and no reportlab code of its own. Every statement is printed with its item id,
the same id the importer expects as a column header, so whoever types the
paper answers into a spreadsheet can head each column with the id printed
beside the statement and the file imports unchanged.
"""

from __future__ import annotations

import datetime
from typing import Literal

from behaviours.questionnaires.model import Questionnaire, QuestionnaireItem
from behaviours.reports.document import (
    TEXT_WIDTH,
    Block,
    Document,
    FormField,
    Heading,
    Paragraph,
    Run,
    Spacer,
    Table,
)

__all__ = ["BOX", "CENTRED", "option_width", "questionnaire_document"]

BOX = "\u2610"  # BALLOT BOX, in the shipped DejaVu Sans
CENTRED: tuple[Literal["center"], ...] = ("center",) * 12  # a scale has at most 11 points


def option_width(label: str) -> float:
    """Points an option column needs so its label breaks only between words (7.5 pt bold)."""
    longest = max((len(word) for word in label.split()), default=1)
    return max(40.0, longest * 5.2 + 12)


def _behaviour_table(items: list[QuestionnaireItem]) -> Table:
    labels = [o.label for o in items[0].options]
    n = len(labels)
    options = [option_width(label) for label in labels]
    statement = max(TEXT_WIDTH * 0.35, TEXT_WIDTH - sum(options))
    return Table(
        header=("Statement", *labels),
        rows=tuple((f"{i.prompt}\n[{i.id}]", *(BOX for _ in labels)) for i in items),
        widths=(statement, *options),
        align=("left", *CENTRED[:n]),
        compact_header=True,
    )


def _groups(items: list[QuestionnaireItem]) -> list[list[QuestionnaireItem]]:
    """Items split by behaviour (and by scale, so one table has one set of options)."""
    groups: list[list[QuestionnaireItem]] = []
    for item in items:
        last = groups[-1][-1] if groups else None
        if last is not None and (last.behaviour_id, last.scale) == (item.behaviour_id, item.scale):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def questionnaire_document(questionnaire: Questionnaire, *, date: datetime.date) -> Document:
    """The paper form as a report document: identifying questions, then one table per behaviour."""
    q = questionnaire
    blocks: list[Block] = [
        Paragraph.of(q.framework_title, "kicker"),
        Paragraph.of(q.title, "title"),
        Paragraph.of(q.instructions, "lead"),
        Paragraph.of(
            f"Tick one box per statement. The code in brackets under each statement is its "
            f"item id: keep it when typing the answers into a spreadsheet. Framework "
            f"{q.framework_id}, version {q.framework_version}.",
            "note",
        ),
    ]
    for field in q.fields:
        if field.options:
            blocks.append(Paragraph((Run(field.prompt, bold=True),)))
            blocks += [Paragraph.of(f"{BOX}  {option}") for option in field.options]
            blocks.append(Spacer(8))
        else:
            blocks.append(FormField(label=field.prompt, lines=1))
    comments = {c.behaviour_id: c for c in q.comments}
    for group in _groups(q.items):
        behaviour = group[0].behaviour_id
        blocks += [Heading(group[0].behaviour, 2), _behaviour_table(group)]
        comment = comments.pop(behaviour, None)
        if comment is not None:
            blocks.append(FormField(label=comment.prompt, hint=f"[{comment.id}]", lines=3))
    return Document(
        title=q.title,
        author=q.framework_title,
        subject=f"Questionnaire: {q.framework_title} (version {q.framework_version})",
        footer=f"{q.framework_id} v{q.framework_version} · {q.kind} · {q.detail} items",
        date=(date.year, date.month, date.day),
        blocks=tuple(blocks),
        keywords=(q.framework_id, f"version {q.framework_version}", q.kind, "questionnaire"),
    )
