"""Questionnaires out: the items of an assessment as a respondent sees them.

Survey tools (Microsoft Forms, Google Forms, Qualtrics) and paper forms need
the items in order, each with its id, the words the respondent reads, and the
answer options. The ids are the contract with :mod:`behaviours.responses.reading`: a
column headed by an item id, or by the exact prompt printed here, reads back
as that item without hand editing.

Prompts follow who answers. Quick items have their own three forms in the
framework (``quick_prompt``, ``observer_prompt``, ``team_prompt``). Indicators
are verb phrases written to follow "they" ("Listens to understand before
responding"), so a full questionnaire puts a stem in front that keeps the verb
as it is: "I am someone who listens ...", "This person listens ...", "Our team
listens ...". For an organisation framework (a partnership self-assessment)
the stems are "Our organisation" and "This organisation". Stems are data
(:data:`STEMS`), so the docs and the tests quote the same words. Writers to
CSV and JSON are in :mod:`behaviours.results.exporting`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from behaviours.base import FrozenModel
from behaviours.errors import ResponsesError
from behaviours.frameworks.kinds import (
    KINDS,
    RATER_ROLES,
    ROLE_LABELS,
    ROLES_BY_KIND,
    AssessmentKind,
    Detail,
    Role,
    own_role,
)
from behaviours.frameworks.model import Behaviour, Framework, Item

__all__ = [
    "COMMENT_PREFIX",
    "ROLE_LABELS",
    "STEMS",
    "AnswerOption",
    "CommentQuestion",
    "Questionnaire",
    "QuestionnaireField",
    "QuestionnaireItem",
    "Voice",
    "build_questionnaire",
    "voice_for",
]

Voice = Literal["self", "rater", "team"]

COMMENT_PREFIX = "comment:"
STEMS: dict[tuple[str, Voice], str] = {
    ("person", "self"): "I am someone who",
    ("person", "rater"): "This person",
    ("person", "team"): "Our team",
    ("organisation", "self"): "Our organisation",
    ("organisation", "rater"): "This organisation",
    ("organisation", "team"): "Our partnership",
}


class AnswerOption(FrozenModel):
    """One answer a respondent can tick: a scale point, or 'not able to say'."""

    value: int | None = Field(description="The rating recorded; null for 'not able to say'.")
    label: str = Field(description="What the respondent reads, for example 'Often'.")


class QuestionnaireField(FrozenModel):
    """An identifying question that is not rated: who is assessed, in which role."""

    id: Literal["subject", "respondent", "role"] = Field(
        description="Column name the importer expects for this answer."
    )
    prompt: str = Field(description="The question as the respondent reads it.")
    options: list[str] = Field(
        default_factory=list, description="Choices, when the answer is one of a list."
    )


class QuestionnaireItem(FrozenModel):
    """A rated item, in questionnaire order."""

    id: str = Field(description="Item id: the column header the importer matches first.")
    behaviour_id: str = Field(description="The behaviour this item scores.")
    behaviour: str = Field(description="The behaviour's title, for section headings.")
    prompt: str = Field(description="The full statement the respondent rates.")
    scale: str = Field(description="Name of the framework scale the options come from.")
    options: list[AnswerOption] = Field(description="Answer options in the order to show them.")


class CommentQuestion(FrozenModel):
    """An optional free-text question about one behaviour."""

    id: str = Field(description="'comment:' then the behaviour id: the column the importer reads.")
    behaviour_id: str = Field(description="The behaviour the comment is about.")
    prompt: str = Field(description="The question as the respondent reads it.")


class Questionnaire(FrozenModel):
    """Everything a survey tool or a paper form needs to ask one kind of respondent."""

    framework_id: str = Field(description="Id of the framework the items come from.")
    framework_version: str = Field(description="Version of that framework.")
    framework_title: str = Field(description="Title of that framework.")
    kind: AssessmentKind = Field(description="The assessment this questionnaire is for.")
    detail: Detail = Field(description="'quick': one item per behaviour; 'full': per indicator.")
    role: Role | None = Field(
        description="Role of the respondents; null for a 360 rater form that asks for it."
    )
    title: str = Field(description="A heading for the form.")
    instructions: str = Field(description="What to do, in a sentence or two.")
    fields: list[QuestionnaireField] = Field(description="Identifying questions, asked first.")
    items: list[QuestionnaireItem] = Field(description="The rated items in order.")
    comments: list[CommentQuestion] = Field(
        default_factory=list,
        description="Free-text questions, one per behaviour, asked after its items.",
    )

    def item(self, item_id: str) -> QuestionnaireItem:
        """The item with this id; ``KeyError`` when there is none."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)


def voice_for(kind: AssessmentKind, role: Role | None) -> Voice:
    """Whose words the prompts are in: the subject's own, a rater's, or the team's."""
    if kind == "team":
        return "team"
    if kind in ("quick", "full") or role == "self":
        return "self"
    return "rater"


def _check_role(kind: AssessmentKind, role: Role | None) -> Role | None:
    if role is not None and role not in ROLES_BY_KIND[kind]:
        choices = ", ".join(ROLES_BY_KIND[kind])
        raise ResponsesError(f"role {role!r} does not answer a {kind} assessment; use {choices}")
    return own_role(kind) or role


def _sentence(stem: str, phrase: str) -> str:
    """``stem`` then ``phrase`` with its first letter lowered, unless it starts an acronym."""
    first = phrase.split(" ", 1)[0]
    if first[:1].isupper() and not (len(first) > 1 and first[1:2].isupper()) and first != "I":
        phrase = phrase[:1].lower() + phrase[1:]
    text = f"{stem} {phrase}".strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _prompt(framework: Framework, item: Item, detail: Detail, voice: Voice) -> str:
    if detail == "quick":
        behaviour: Behaviour = framework.behaviour(item.behaviour_id)
        forms = {
            "self": behaviour.quick_prompt,
            "rater": behaviour.observer_prompt,
            "team": behaviour.team_prompt,
        }
        return forms[voice].text
    return _sentence(STEMS[(framework.subject, voice)], item.text.text)


def _options(framework: Framework, behaviour_id: str) -> list[AnswerOption]:
    scale = framework.scale_for(behaviour_id)
    options = [AnswerOption(value=p.value, label=p.label) for p in scale.points]
    if scale.not_able_to_say is not None:
        options.append(AnswerOption(value=None, label=scale.not_able_to_say))
    return options


def _fields(
    framework: Framework, kind: AssessmentKind, role: Role | None
) -> list[QuestionnaireField]:
    who = "organisation" if framework.subject == "organisation" else "person"
    if kind == "team":
        return [QuestionnaireField(id="subject", prompt="Which team are you rating?")]
    if voice_for(kind, role) == "self":
        name = "your organisation's name" if who == "organisation" else "your name"
        return [QuestionnaireField(id="subject", prompt=f"Please give {name}.")]
    fields = [QuestionnaireField(id="subject", prompt=f"Which {who} are you giving feedback on?")]
    if role is None:
        fields.append(
            QuestionnaireField(
                id="role",
                prompt=f"How do you work with this {who}?",
                options=[ROLE_LABELS[r].one for r in RATER_ROLES],
            )
        )
    return fields


def _comments(framework: Framework, voice: Voice) -> list[CommentQuestion]:
    after = "" if voice == "self" else " Comments are shown in the report without your name."
    return [
        CommentQuestion(
            id=COMMENT_PREFIX + b.id,
            behaviour_id=b.id,
            prompt=f"Any comments on {b.title.text}? (optional){after}",
        )
        for b in framework.behaviours
    ]


def _instructions(framework: Framework, voice: Voice) -> str:
    about = {
        "self": "yourself",
        "rater": "the person you are giving feedback on",
        "team": "your team",
    }
    if framework.subject == "organisation":
        about = {
            "self": "your organisation",
            "rater": "that organisation",
            "team": "the partnership",
        }
    question = framework.scale.question or framework.scale.title
    return (
        f"For each statement, think about {about[voice]} over the last few months and choose "
        f"the answer that fits best ({question}). If you cannot judge a statement, choose "
        "the 'not able to say' answer where there is one, or leave it blank."
    )


def build_questionnaire(
    framework: Framework,
    kind: AssessmentKind,
    *,
    role: Role | None = None,
    detail: Detail | None = None,
    comments: bool | None = None,
) -> Questionnaire:
    """The questionnaire one kind of respondent answers.

    Args:
        framework: the framework whose items are asked.
        kind: ``quick`` and ``full`` are self-assessments; ``team`` is answered by
            members about their team; ``360`` by the subject (``role="self"``) and
            by raters (any other role, or no role for a form that asks for it).
        role: who answers; defaults to the only role a kind allows.
        detail: quick or full items for team and 360 assessments; ``quick`` and
            ``full`` kinds fix it. Defaults to ``quick``.
        comments: ask for a free-text comment on each behaviour; by default for
            team and 360 assessments, whose reports print comments unattributed.
    """
    if kind not in ROLES_BY_KIND:
        raise ResponsesError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if detail not in (None, "quick", "full"):
        raise ResponsesError(f"unknown items {detail!r}; expected quick or full")
    role = _check_role(kind, role)
    if kind in ("quick", "full"):
        if detail is not None and detail != kind:
            raise ResponsesError(f"a {kind} assessment has {kind} items, not {detail} items")
        detail = kind
    detail = detail or "quick"
    voice = voice_for(kind, role)
    items = [
        QuestionnaireItem(
            id=item.id,
            behaviour_id=item.behaviour_id,
            behaviour=framework.behaviour(item.behaviour_id).title.text,
            prompt=_prompt(framework, item, detail, voice),
            scale=framework.behaviour(item.behaviour_id).scale or framework.default_scale,
            options=_options(framework, item.behaviour_id),
        )
        for item in framework.items(detail)
    ]
    kind_title = {
        "quick": "quick self-assessment",
        "full": "self-assessment",
        "team": "team assessment",
        "360": "360 feedback",
    }[kind]
    who = {"self": "", "rater": " (for raters)", "team": ""}[voice]
    if kind == "360" and voice == "self":
        who = " (self-assessment)"
    return Questionnaire(
        framework_id=framework.id,
        framework_version=framework.version,
        framework_title=framework.title,
        kind=kind,
        detail=detail,
        role=role,
        title=f"{framework.title}: {kind_title}{who}",
        instructions=_instructions(framework, voice),
        fields=_fields(framework, kind, role),
        items=items,
        comments=_comments(framework, voice)
        if (comments is None and kind in ("team", "360")) or comments
        else [],
    )
