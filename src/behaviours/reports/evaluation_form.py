"""The organisation self-evaluation on paper: tick boxes per scale, boxes for evidence and the plan.

Laid out like the paper questionnaire (``reports.form``): per behaviour, one
tick-box table per scale, then a box for the evidence and the four parts of
the plan. Every box is printed with its column id, so whoever types a paper
form into a spreadsheet heads each column with it and the file imports as it is.
"""

from __future__ import annotations

import datetime

from behaviours.questionnaires.evaluation import (
    EvaluationItem,
    EvaluationQuestionnaire,
    PlanQuestion,
)
from behaviours.reports.document import (
    TEXT_WIDTH,
    Block,
    Document,
    FormField,
    Heading,
    KeepTogether,
    Paragraph,
    Table,
)
from behaviours.reports.form import BOX, CENTRED, option_width

__all__ = ["evaluation_form_document"]


def _rating_table(item: EvaluationItem, scale: int) -> Table:
    rating = item.ratings[scale]
    labels = [o.label for o in rating.options]
    options = [option_width(label) for label in labels]
    statement = max(TEXT_WIDTH * 0.3, TEXT_WIDTH - sum(options))
    return Table(
        header=(rating.prompt.split(":", 1)[0], *labels),
        rows=((f"{item.prompt}\n[{rating.id}]", *(BOX for _ in labels)),),
        widths=(statement, *options),
        align=("left", *CENTRED[: len(labels)]),
        compact_header=True,
    )


def evaluation_form_document(
    form: EvaluationQuestionnaire, *, date: datetime.date | None = None
) -> Document:
    """The paper self-evaluation form as a report document."""
    day = date or datetime.date.today()
    blocks: list[Block] = [
        Paragraph.of(form.framework_title, "kicker"),
        Paragraph.of(form.title, "title"),
        Paragraph.of(form.instructions, "lead"),
        Paragraph.of(
            "Tick one box per scale. The code in brackets is the column id: keep it when typing "
            f"the answers into a spreadsheet. Framework {form.framework_id}, version "
            f"{form.framework_version}.",
            "note",
        ),
        *(FormField(label=f.prompt, hint=f"[{f.id}]", lines=1) for f in form.fields),
    ]
    plans: dict[str, list[PlanQuestion]] = {}
    for p in form.plans:
        plans.setdefault(p.behaviour_id, []).append(p)
    for n, item in enumerate(form.items):
        first = n == 0 or form.items[n - 1].behaviour_id != item.behaviour_id
        tables = [_rating_table(item, s) for s in range(len(item.ratings))]
        head: list[Block] = [Heading(item.behaviour, 2)] if first else []
        blocks.append(KeepTogether((*head, *tables)))  # an item's scales on one page
        blocks.append(FormField(label=item.evidence_prompt, hint=f"[{item.evidence_id}]", lines=3))
        last = n + 1 == len(form.items) or form.items[n + 1].behaviour_id != item.behaviour_id
        if last:
            blocks += [
                FormField(label=p.prompt, hint=f"[{p.id}]", lines=1 if p.part == "by" else 2)
                for p in plans.pop(item.behaviour_id, [])
            ]
    return Document(
        title=form.title,
        author=form.framework_title,
        subject=f"Self-evaluation form: {form.framework_title} (version {form.framework_version})",
        footer=f"{form.framework_id} v{form.framework_version} · organisation · "
        f"{form.detail} items",
        date=(day.year, day.month, day.day),
        blocks=tuple(blocks),
        keywords=(
            form.framework_id,
            f"version {form.framework_version}",
            "organisation",
            "questionnaire",
        ),
    )
