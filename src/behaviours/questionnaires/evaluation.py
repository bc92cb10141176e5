"""The organisation self-evaluation form: every item on each named scale, evidence and a plan.

The ICF self-evaluation tool asks a partner organisation to rate each approach
for alignment and for confidence, to say what evidence it has, and to write an
action plan for the next twelve months. This form asks exactly that, for any
framework: every item on each of the evaluation's scales
(:func:`behaviours.frameworks.evaluations.evaluation_scales`), a free-text
evidence answer per item, and per behaviour (principle, approach) a plan in
four parts: what we will do, how we will know (the measure of success), by
when, and who leads it.

Column ids are the contract with :mod:`behaviours.responses.evaluation`:
``<scale>:<item>`` for a rating, ``evidence:<item>``, and
``plan-what:<behaviour>``, ``plan-measure:<behaviour>``, ``plan-by:<behaviour>``
and ``plan-who:<behaviour>`` for the plan. A column may also be headed by the
exact prompt printed here. Several people of one organisation may each fill
it in; their answers are their organisation's record, not anonymous within it.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, TextIO

from pydantic import Field

from behaviours._files import CsvWriter, atomic_write
from behaviours.base import FrozenModel
from behaviours.errors import ResponsesError
from behaviours.frameworks.evaluations import evaluation_scales
from behaviours.frameworks.kinds import EVALUATION_KIND, Detail, EvaluationKind
from behaviours.frameworks.model import Framework, Item
from behaviours.questionnaires.model import STEMS, AnswerOption, _sentence

__all__ = [
    "PLAN_PARTS",
    "SHOWN_ALONE_PROMPT",
    "EvaluationField",
    "EvaluationItem",
    "EvaluationQuestionnaire",
    "EvaluationRating",
    "PlanPart",
    "PlanQuestion",
    "build_evaluation_questionnaire",
    "evaluation_csv",
    "evidence_column",
    "plan_column",
    "rating_column",
    "write_evaluation_questionnaire",
]

PlanPart = Literal["what", "measure", "by", "who"]
# The four parts of a plan, as the ICF tool's action plan asks for them.
PLAN_PARTS: dict[PlanPart, str] = {
    "what": "What we will do",
    "measure": "How we will know it has worked (measure of success)",
    "by": "By when (a date, YYYY-MM-DD)",
    "who": "Who will lead it",
}


SHOWN_ALONE_PROMPT = (
    "May the partnership report show your organisation's ratings under its name? (yes or no)"
)


def rating_column(scale: str, item_id: str) -> str:
    """The column of one item's rating on one scale."""
    return f"{scale}:{item_id}"


def evidence_column(item_id: str) -> str:
    """The column of one item's evidence."""
    return f"evidence:{item_id}"


def plan_column(part: PlanPart, behaviour_id: str) -> str:
    """The column of one part of a behaviour's plan."""
    return f"plan-{part}:{behaviour_id}"


class EvaluationField(FrozenModel):
    """An identifying question: the organisation, who answers, whether it may be shown alone."""

    id: Literal["subject", "respondent", "shown_alone"] = Field(
        description="Column name the importer expects for this answer."
    )
    prompt: str = Field(description="The question as the respondent reads it.")
    options: list[str] = Field(default_factory=list, description="Choices, if any.")


class EvaluationRating(FrozenModel):
    """One item rated on one scale."""

    id: str = Field(description="'<scale>:<item>': the column the importer reads.")
    scale: str = Field(description="Name of the framework scale the options come from.")
    prompt: str = Field(description="The scale's title, then the item's prompt.")
    options: list[AnswerOption] = Field(description="Answer options in the order to show them.")


class EvaluationItem(FrozenModel):
    """An item with its ratings (one per scale) and its evidence question."""

    id: str = Field(description="Item id: the behaviour id (quick) or an indicator id (full).")
    behaviour_id: str = Field(description="The behaviour this item scores.")
    behaviour: str = Field(description="The behaviour's title, for section headings.")
    prompt: str = Field(description="The statement the organisation rates.")
    ratings: list[EvaluationRating] = Field(description="One rating per scale, in order.")
    evidence_id: str = Field(description="'evidence:<item>': the evidence column.")
    evidence_prompt: str = Field(description="The evidence question.")


class PlanQuestion(FrozenModel):
    """One part of the plan for one behaviour."""

    id: str = Field(description="'plan-<part>:<behaviour>': the column the importer reads.")
    behaviour_id: str = Field(description="The behaviour the plan is for.")
    part: PlanPart = Field(description="what, measure, by (a date) or who.")
    prompt: str = Field(description="The question as the respondent reads it.")


class EvaluationQuestionnaire(FrozenModel):
    """Everything a survey tool or a paper form needs to ask for a self-evaluation."""

    framework_id: str = Field(description="Id of the framework the items come from.")
    framework_version: str = Field(description="Version of that framework.")
    framework_title: str = Field(description="Title of that framework.")
    kind: EvaluationKind = Field(description="'organisation': a partner's self-evaluation.")
    detail: Detail = Field(description="'quick': one item per behaviour; 'full': per indicator.")
    scales: list[str] = Field(description="The scales every item is rated on, in order.")
    title: str = Field(description="A heading for the form.")
    instructions: str = Field(description="What to do, in a few sentences.")
    fields: list[EvaluationField] = Field(description="Identifying questions, asked first.")
    items: list[EvaluationItem] = Field(description="The rated items in order.")
    plans: list[PlanQuestion] = Field(description="Plan questions, per behaviour, after its items.")


def _prompt(framework: Framework, item: Item, detail: Detail) -> str:
    """An organisation's words: its own prompt, or (a framework about people) the behaviour's title.

    A values framework's quick prompts are a person's ("I notice ..."); the ICF
    tool rates each approach by its name, so an organisation rates the title.
    """
    if detail == "full":
        return _sentence(STEMS[("organisation", "self")], item.text.text)
    behaviour = framework.behaviour(item.behaviour_id)
    return (
        behaviour.quick_prompt.text if framework.subject == "organisation" else behaviour.title.text
    )


def _options(framework: Framework, scale: str) -> list[AnswerOption]:
    s = framework.scales[scale]
    options = [AnswerOption(value=p.value, label=p.label) for p in s.points]
    if s.not_able_to_say is not None:
        options.append(AnswerOption(value=None, label=s.not_able_to_say))
    return options


def _item(
    framework: Framework, item: Item, detail: Detail, scales: Sequence[str]
) -> EvaluationItem:
    prompt = _prompt(framework, item, detail)
    return EvaluationItem(
        id=item.id,
        behaviour_id=item.behaviour_id,
        behaviour=framework.behaviour(item.behaviour_id).title.text,
        prompt=prompt,
        ratings=[
            EvaluationRating(
                id=rating_column(s, item.id),
                scale=s,
                prompt=f"{framework.scales[s].title}: {prompt}",
                options=_options(framework, s),
            )
            for s in scales
        ],
        evidence_id=evidence_column(item.id),
        evidence_prompt=f"Evidence: {prompt}",
    )


def _instructions(framework: Framework, scales: Sequence[str]) -> str:
    asked = "; ".join(
        f"{framework.scales[s].title} ({framework.scales[s].question or framework.scales[s].title})"
        for s in scales
    )
    return (
        f"Rate each statement about your organisation on each scale: {asked}. Say what "
        "evidence you have for your rating, then write your plan for the next twelve months: "
        "what you will do, how you will know it has worked, by when and who will lead it. "
        "Your answers are your organisation's record for the partnership's annual review; "
        "they are not anonymous within your organisation."
    )


def build_evaluation_questionnaire(
    framework: Framework,
    kind: EvaluationKind = EVALUATION_KIND,
    *,
    detail: Detail | None = None,
    scales: Sequence[str] | None = None,
) -> EvaluationQuestionnaire:
    """The self-evaluation form of one partner organisation.

    Args:
        framework: the framework whose items are asked.
        kind: ``organisation``, the only evaluation kind.
        detail: ``quick`` (one item per behaviour, as the ICF tool asks; the
            default) or ``full`` (one per indicator).
        scales: the scales to rate on; by default the framework's for the kind.
    """
    if kind != EVALUATION_KIND:
        raise ResponsesError(f"unknown evaluation kind {kind!r}; expected {EVALUATION_KIND}")
    detail = detail or "quick"
    chosen = evaluation_scales(framework, scales)
    items = [_item(framework, item, detail, chosen) for item in framework.items(detail)]
    plans = [
        PlanQuestion(
            id=plan_column(part, b.id),
            behaviour_id=b.id,
            part=part,
            prompt=f"{label}: {b.title.text}",
        )
        for b in framework.behaviours
        for part, label in PLAN_PARTS.items()
    ]
    return EvaluationQuestionnaire(
        framework_id=framework.id,
        framework_version=framework.version,
        framework_title=framework.title,
        kind=kind,
        detail=detail,
        scales=list(chosen),
        title=f"{framework.title}: organisation self-evaluation",
        instructions=_instructions(framework, chosen),
        fields=[
            EvaluationField(id="subject", prompt="Please give your organisation's name."),
            EvaluationField(id="respondent", prompt="Please give your name."),
            EvaluationField(id="shown_alone", prompt=SHOWN_ALONE_PROMPT, options=["Yes", "No"]),
        ],
        items=items,
        plans=plans,
    )


def evaluation_csv(questionnaire: EvaluationQuestionnaire) -> str:
    """The form as CSV, one row per question, in the order asked.

    Columns: ``type`` (``text``, ``rating``, ``evidence``, ``plan`` or ``date``),
    ``item_id`` (the column the importer reads), ``behaviour_id``, ``behaviour``,
    ``scale`` (of a rating), ``prompt``, then ``option_1`` ... with the answer
    labels of a rating. Every cell is written spreadsheet-safe.
    """
    width = max(len(r.options) for i in questionnaire.items for r in i.ratings)
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.header(
        ["type", "item_id", "behaviour_id", "behaviour", "scale", "prompt"]
        + [f"option_{n}" for n in range(1, width + 1)]
    )
    blank = [""] * width
    for f in questionnaire.fields:
        kind = "choice" if f.options else "text"
        writer.row([kind, f.id, "", "", "", f.prompt, *f.options, *blank[len(f.options) :]])
    plans: dict[str, list[PlanQuestion]] = {}
    for p in questionnaire.plans:
        plans.setdefault(p.behaviour_id, []).append(p)
    for n, i in enumerate(questionnaire.items):
        for r in i.ratings:
            labels = [o.label for o in r.options]
            pad = [""] * (width - len(labels))
            writer.row(
                ["rating", r.id, i.behaviour_id, i.behaviour, r.scale, r.prompt, *labels, *pad]
            )
        writer.row(
            ["evidence", i.evidence_id, i.behaviour_id, i.behaviour, "", i.evidence_prompt, *blank]
        )
        following = (
            questionnaire.items[n + 1].behaviour_id if n + 1 < len(questionnaire.items) else None
        )
        if following != i.behaviour_id:
            for p in plans.get(i.behaviour_id, []):
                kind = "date" if p.part == "by" else "plan"
                writer.row([kind, p.id, p.behaviour_id, i.behaviour, "", p.prompt, *blank])
    return out.getvalue()


def write_evaluation_questionnaire(
    questionnaire: EvaluationQuestionnaire,
    out: str | Path | TextIO,
    *,
    format: Literal["csv", "json"],
) -> None:
    """Write the form as CSV (with a byte-order mark, for Excel) or JSON, to a path or a file."""
    text = (
        evaluation_csv(questionnaire)
        if format == "csv"
        else questionnaire.model_dump_json(indent=2) + "\n"
    )
    if isinstance(out, (str, os.PathLike)):
        atomic_write(out, text.encode("utf-8-sig" if format == "csv" else "utf-8"))
    else:
        out.write(text)
