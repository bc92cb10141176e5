"""The framework model: what a behaviour or values framework says, validated.

A framework file is one YAML document that validates against ``Framework``.
The models are frozen and forbid unknown keys so that a typo in a framework is
an error, not a silently ignored field. Every ``Field`` description feeds the
JSON Schema (``frameworks/schema.json``) that YAML editors use to validate and
autocomplete, and the format reference in ``docs/framework-format.md``.

Every piece of prose is a ``Text`` that says where its words come from:
``{source: ...}`` for the source document's own words, ``{authored: ...}`` for
words written for this library, so nobody mistakes ours for theirs.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import (
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError
from typing_extensions import Self

from behaviours.base import FrozenModel, IdentityCache
from behaviours.errors import Loc, location
from behaviours.frameworks.columns import RESERVED

__all__ = [
    "AssessmentScales",
    "Behaviour",
    "Development",
    "Framework",
    "FrameworkKind",
    "FrameworkRef",
    "Indicator",
    "Indicators",
    "Item",
    "Provenance",
    "Scale",
    "ScalePoint",
    "Source",
    "Text",
    "framework_problems",
    "framework_ref",
]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ITEM_ID_PATTERN = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$"
VERSION_PATTERN = r"^\d+\.\d+(?:\.\d+)?$"
MAX_TEXT = 2000
MAX_TITLE = 150
MAX_SHORT = 40

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=64)]
ItemId = Annotated[str, StringConstraints(pattern=ITEM_ID_PATTERN, min_length=1, max_length=100)]
ShortStr = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TITLE)
]
Provenance = Literal["source", "authored"]
FrameworkKind = Literal["behaviours", "values", "ways-of-working", "principles"]


class Text(FrozenModel):
    """A piece of prose with its provenance: exactly one of ``source`` or ``authored``."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["source"]}, {"required": ["authored"]}]}
    )

    source: str | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_TEXT,
        description="Words taken from the source document (verbatim or lightly tidied).",
    )
    authored: str | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_TEXT,
        description="Words written for this library, in the spirit of the source.",
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        if (self.source is None) == (self.authored is None):
            raise ValueError(
                "give exactly one of 'source' (the document's words) or "
                "'authored' (words written for this library)"
            )
        return self

    @property
    def text(self) -> str:
        """The words, whatever their provenance."""
        return self.source if self.source is not None else str(self.authored)

    @property
    def provenance(self) -> Provenance:
        """``"source"`` when the words are the source document's, else ``"authored"``."""
        return "source" if self.source is not None else "authored"

    def __str__(self) -> str:
        return self.text


class ScalePoint(FrozenModel):
    """One point of a rating scale: the integer stored and the label a rater sees."""

    # Strict: YAML's `true` or `2.5` must not quietly become a point.
    value: int = Field(
        strict=True, ge=-100, le=100, description="The integer recorded for this point."
    )
    label: ShortStr = Field(description="What the rater sees, for example 'Often'.")


class Scale(FrozenModel):
    """A rating scale: integer points in increasing order, each with a label."""

    title: ShortStr = Field(description="Name of the scale as shown in reports.")
    question: str | None = Field(
        default=None,
        max_length=MAX_TITLE,
        description="The stem shown above the items, for example 'How often ...?'.",
    )
    points: list[ScalePoint] = Field(
        min_length=2,
        max_length=11,
        description="The scored points, in strictly increasing order of value.",
    )
    not_able_to_say: ShortStr | None = Field(
        default=None,
        description="Label of the 'not able to say / not observed' option. It is recorded "
        "and reported as coverage but never scored. Omit to not offer it.",
    )
    provenance: Provenance = Field(
        description="Whether the scale comes from the source document or was written for "
        "this library.",
    )

    @field_validator("points")
    @classmethod
    def _check_order(cls, points: list[ScalePoint]) -> list[ScalePoint]:
        for before, after in itertools.pairwise(p.value for p in points):
            if after <= before:
                raise ValueError(
                    f"scale points must be in strictly increasing order of value; "
                    f"{after} follows {before}"
                )
        return points

    @model_validator(mode="after")
    def _check_labels(self) -> Self:
        labels = [p.label.casefold() for p in self.points]
        if self.not_able_to_say is not None:
            labels.append(self.not_able_to_say.casefold())
        if len(set(labels)) != len(labels):
            raise ValueError(
                "scale labels (and the not-able-to-say label) must differ, ignoring "
                "case, so that a label can be read back as a rating"
            )
        return self

    @property
    def min(self) -> int:
        """The lowest scored value."""
        return self.points[0].value

    @property
    def max(self) -> int:
        """The highest scored value."""
        return self.points[-1].value

    @property
    def values(self) -> tuple[int, ...]:
        """The scored values in increasing order."""
        return tuple(p.value for p in self.points)

    def label(self, value: int) -> str:
        """The label of ``value``; ``KeyError`` when it is not on the scale."""
        for point in self.points:
            if point.value == value:
                return point.label
        raise KeyError(value)


class Indicator(FrozenModel):
    """An observable behaviour, rated as a full-assessment item."""

    id: ItemId = Field(
        description="Stable item id, unique in the framework. A changed meaning needs a new id."
    )
    text: Text = Field(
        description="A verb phrase that reads after 'I', 'they' or 'the team', "
        "for example 'Listens to understand before responding'."
    )


class Indicators(FrozenModel):
    """What someone who shows the behaviour does, and what they do not do."""

    does: list[Indicator] = Field(
        min_length=1,
        description="Positively keyed indicators: what a person who shows the behaviour does.",
    )
    does_not: list[Indicator] = Field(
        default_factory=list,
        description="Reverse-keyed indicators: what they do not do. Scored as min + max - rating.",
    )


class Development(FrozenModel):
    """Ways to develop a behaviour, printed in reports next to its score."""

    actions: list[Text] = Field(default_factory=list, description="Things to try.")
    questions: list[Text] = Field(default_factory=list, description="Questions for reflection.")
    resources: list[Text] = Field(default_factory=list, description="Reading, tools or people.")

    def __len__(self) -> int:
        return len(self.actions) + len(self.questions) + len(self.resources)


class Behaviour(FrozenModel):
    """One behaviour, value or principle of a framework."""

    id: Slug = Field(description="Stable id, unique in the framework; also the quick item id.")
    title: Text = Field(description="Name of the behaviour, value or principle.")
    short_title: Text | None = Field(
        default=None,
        description=f"Label of at most {MAX_SHORT} characters for charts and tables; the "
        "title when omitted.",
    )
    description: Text = Field(description="What it means, in a few sentences.")
    quick_prompt: Text = Field(
        description="First-person statement for the quick "
        "self-assessment, for example 'I work with communities ...'."
    )
    observer_prompt: Text = Field(
        description="Third-person form for other raters, for "
        "example 'They work with communities ...'."
    )
    team_prompt: Text = Field(
        description="Form for team assessments, for example "
        "'As a team we work with communities ...'."
    )
    indicators: Indicators = Field(
        description="The observable behaviours rated in the full assessment."
    )
    development: Development = Field(
        default_factory=Development, description="Suggestions printed next to its score."
    )
    scale: Slug | None = Field(
        default=None,
        description="Name of the scale for this "
        "behaviour's items; the framework's default_scale when omitted.",
    )

    @model_validator(mode="after")
    def _check_short_title(self) -> Self:
        if self.short_title is not None and len(self.short_title.text) > MAX_SHORT:
            raise ValueError(f"short_title must be at most {MAX_SHORT} characters")
        return self

    @property
    def label(self) -> str:
        """The short title when there is one, else the title: what charts print."""
        return (self.short_title or self.title).text

    @property
    def items(self) -> list[Indicator]:
        """Indicators in questionnaire order: positively keyed first."""
        return [*self.indicators.does, *self.indicators.does_not]


class Source(FrozenModel):
    """The document a framework comes from."""

    title: ShortStr = Field(description="Title of the source document.")
    publisher: ShortStr = Field(description="Who published it.")
    published: str | None = Field(default=None, max_length=40, description="Date or year.")
    url: str | None = Field(default=None, max_length=500, description="Where to read it.")
    note: str | None = Field(
        default=None,
        max_length=MAX_TEXT,
        description="What was taken from it and what was authored.",
    )


class AssessmentScales(FrozenModel):
    """The scales an assessment kind rates every item on, each scored on its own.

    The ICF self-evaluation tool rates each approach twice, for alignment and
    for confidence; naming both here makes them the kind's default, and an
    assessment may still choose a subset (``behaviours.frameworks.evaluations``).
    """

    scales: list[Slug] = Field(
        min_length=1,
        max_length=4,
        description="Names of the framework scales every item is rated on, in the order "
        "they are asked; each is scored separately.",
    )
    confidence: Slug | None = Field(
        default=None,
        description="The one of those scales that says how sure the respondent is of the "
        "others (the ICF's confidence); a high rating with low confidence is flagged.",
    )


class Item(FrozenModel):
    """A rated item as an assessment sees it (derived from the framework, not in YAML)."""

    id: str
    behaviour_id: str
    reverse: bool
    text: Text


class Framework(FrozenModel):
    """A behaviour, values, ways-of-working or principles framework."""

    format: Literal[1] = Field(default=1, description="Version of this file format.")
    id: Slug = Field(description="Stable id; the file is named <id>.yaml.")
    version: Annotated[str, StringConstraints(pattern=VERSION_PATTERN)] = Field(
        description="MAJOR.MINOR[.PATCH]: a new MAJOR when items change meaning or go away."
    )
    title: ShortStr = Field(description="Name of the framework as shown in reports.")
    kind: FrameworkKind = Field(
        description="What its items are: behaviours, values, ways of working or principles."
    )
    subject: Literal["person", "organisation"] = Field(
        default="person",
        description="Who is assessed: a person (or their team), or an organisation in a "
        "partnership.",
    )
    owner: ShortStr = Field(description="Who owns the framework's wording.")
    source: Source = Field(description="The document the framework comes from.")
    summary: Text = Field(description="What the framework is for, in a few sentences.")
    scales: dict[Slug, Scale] = Field(min_length=1, description="Named rating scales.")
    default_scale: Slug = Field(description="Scale used by behaviours that name none.")
    behaviours: list[Behaviour] = Field(
        min_length=1,
        max_length=60,
        description="The behaviours, values or principles, in the order they are asked.",
    )
    assessments: dict[Literal["organisation"], AssessmentScales] = Field(
        default_factory=dict,
        description="Scales per assessment kind, when a kind rates every item on named "
        "scales instead of each behaviour's own: today the organisation self-evaluation "
        "(docs/partnerships.md).",
    )

    @model_validator(mode="after")
    def _check_references(self) -> Self:
        problems = framework_problems(self)
        if problems:
            # Structured, so the loader can point each problem at its line (CROSS_CHECKS).
            summary = "; ".join(f"{location(loc)}: {msg}" for loc, msg in problems)
            raise PydanticCustomError(
                CROSS_CHECKS, "{summary}", {"summary": summary, "problems": problems}
            )
        return self

    def behaviour(self, behaviour_id: str) -> Behaviour:
        """The behaviour with this id; ``KeyError`` when there is none."""
        for behaviour in self.behaviours:
            if behaviour.id == behaviour_id:
                return behaviour
        raise KeyError(behaviour_id)

    def scale_for(self, behaviour: Behaviour | str) -> Scale:
        """The scale a behaviour's items are rated on."""
        if isinstance(behaviour, str):
            behaviour = self.behaviour(behaviour)
        return self.scales[behaviour.scale or self.default_scale]

    @property
    def scale(self) -> Scale:
        """The default scale."""
        return self.scales[self.default_scale]

    def items(self, detail: Literal["quick", "full"]) -> list[Item]:
        """The rated items: one per behaviour (quick) or one per indicator (full)."""
        return list(_ITEMS(self)[detail])

    def _iter_items(self, detail: Literal["quick", "full"]) -> Iterator[Item]:
        for b in self.behaviours:
            if detail == "quick":
                yield Item(id=b.id, behaviour_id=b.id, reverse=False, text=b.quick_prompt)
                continue
            for ind in b.indicators.does:
                yield Item(id=ind.id, behaviour_id=b.id, reverse=False, text=ind.text)
            for ind in b.indicators.does_not:
                yield Item(id=ind.id, behaviour_id=b.id, reverse=True, text=ind.text)


class FrameworkRef(FrozenModel):
    """Which framework, and which version of it, the scores are about."""

    id: str = Field(description="The framework's id (a slug), as in its YAML file name.")
    version: str = Field(description="The framework version scored, MAJOR.MINOR[.PATCH].")
    title: str = Field(description="The framework's title, for display.")


def framework_ref(framework: Framework) -> FrameworkRef:
    """The reference a result keeps to its framework."""
    return FrameworkRef(id=framework.id, version=framework.version, title=framework.title)


# The cross-field checks: what no single field can know (unknown scale names, ids used
# twice or reserved, labels that read as other numbers), each with its location.
CROSS_CHECKS = "framework_cross_checks"


def label_number(label: str) -> float | None:
    """The number a label reads as, the way a cell of a responses file is read; else None.

    The importer reads a cell as a point's label or as its value, so a label
    that reads as another number ("1" on the point valued 3) would make the
    cell "1" mean two things.
    """
    try:
        number = float(" ".join(label.split()))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _scale_problems(framework: Framework) -> list[tuple[Loc, str]]:
    """Labels that read as a number other than their point's value."""
    problems: list[tuple[Loc, str]] = []
    for name, scale in framework.scales.items():
        for j, point in enumerate(scale.points):
            number = label_number(point.label)
            if number is not None and number != point.value:
                problems.append(
                    (
                        ("scales", name, "points", j, "label"),
                        f"label {point.label!r} reads as the number {number:g} but labels the "
                        f"value {point.value}, so a rating {point.label!r} would be ambiguous; "
                        "expected words or the point's own value",
                    )
                )
        nas = scale.not_able_to_say
        number = None if nas is None else label_number(nas)
        if number is not None and number in scale.values:
            problems.append(
                (
                    ("scales", name, "not_able_to_say"),
                    f"the not-able-to-say label {nas!r} reads as the value {number:g} of a "
                    "point; expected words",
                )
            )
    return problems


def _keying_problems(framework: Framework) -> list[tuple[Loc, str]]:
    """Scales that reverse keying (``min + max - v``) would take off their own points.

    Keying by that formula keeps every distance on the scale, so a keyed mean is
    ``min + max`` minus the raw one; it needs the points to be symmetric about
    their midpoint. On 1, 2, 3, 5 a 2 would count as 4, which is not a point, and
    the answer would vanish from the counts. Such a scale is refused where a
    behaviour on it has ``does_not`` indicators, rather than keyed by rank.
    """
    problems: list[tuple[Loc, str]] = []
    reversed_on: dict[str, list[str]] = {}
    for b in framework.behaviours:
        if b.indicators.does_not:
            reversed_on.setdefault(b.scale or framework.default_scale, []).append(b.id)
    for name, users in reversed_on.items():
        scale = framework.scales.get(name)
        if scale is None:
            continue  # an unknown scale is reported on its own
        values = scale.values
        lo, hi = values[0], values[-1]
        off = [v for v in values if lo + hi - v not in values]
        if off:
            v = off[0]
            problems.append(
                (
                    ("scales", name, "points"),
                    f"scale {name!r} cannot be reverse keyed: its points {list(values)} are not "
                    f"symmetric about their midpoint, so 'does_not' items of {users} would "
                    f"turn a rating {v} into {lo + hi - v}, which is not a point; expected "
                    "points whose mirror images min + max - value are points too, or no "
                    "'does_not' indicators on this scale",
                )
            )
    return problems


def _reserved_problems(framework: Framework) -> list[tuple[Loc, str]]:
    """Behaviour and indicator ids that a responses file would read as another column."""
    reserved = RESERVED
    problems: list[tuple[Loc, str]] = []
    places: list[tuple[Loc, str]] = []
    for i, b in enumerate(framework.behaviours):
        places.append((("behaviours", i, "id"), b.id))
        for key in ("does", "does_not"):
            for j, ind in enumerate(getattr(b.indicators, key)):
                places.append((("behaviours", i, "indicators", key, j, "id"), ind.id))
    for loc, item_id in places:
        if item_id.casefold() in reserved:
            problems.append(
                (
                    loc,
                    f"id {item_id!r} is a reserved column name: a responses file's "
                    f"{item_id!r} column is read as who answered or skipped as a survey "
                    "tool's, never as this item; expected another id",
                )
            )
    return problems


# Column prefixes of an organisation self-evaluation (behaviours.questionnaires.evaluation):
# a scale named like one would make its rating column read as evidence or a plan.
EVALUATION_PREFIXES = ("comment", "evidence", "plan-what", "plan-measure", "plan-by", "plan-who")


def _assessment_problems(framework: Framework) -> list[tuple[Loc, str]]:
    """Scales an assessment kind names that the framework lacks, twice, or with a column's name."""
    problems: list[tuple[Loc, str]] = []
    known = sorted(framework.scales)
    for kind, chosen in framework.assessments.items():
        for j, name in enumerate(chosen.scales):
            loc: Loc = ("assessments", kind, "scales", j)
            if name not in framework.scales:
                problems.append((loc, f"unknown scale {name!r}; expected one of {known}"))
            elif name in chosen.scales[:j]:
                problems.append((loc, f"scale {name!r} is named twice"))
            elif name in EVALUATION_PREFIXES:
                problems.append(
                    (
                        loc,
                        f"scale {name!r} has the name of a self-evaluation column; "
                        "expected another name",
                    )
                )
        if chosen.confidence is not None and chosen.confidence not in chosen.scales:
            problems.append(
                (
                    ("assessments", kind, "confidence"),
                    f"confidence scale {chosen.confidence!r} is not one of the kind's scales "
                    f"{chosen.scales}",
                )
            )
    return problems


def framework_problems(framework: Framework) -> list[tuple[Loc, str]]:
    """Cross-field problems: unknown scale names, ids not unique or reserved, numeric labels.

    Returned with their location in the data so the loader can point at the
    line; ``Framework`` raises them itself when built directly in Python.
    """
    problems: list[tuple[Loc, str]] = (
        _scale_problems(framework) + _keying_problems(framework) + _reserved_problems(framework)
    )
    problems += _assessment_problems(framework)
    known = sorted(framework.scales)
    if framework.default_scale not in framework.scales:
        problems.append(
            (
                ("default_scale",),
                f"unknown scale {framework.default_scale!r}; expected one of {known}",
            )
        )
    seen_behaviours: dict[str, int] = {}
    seen_items: dict[str, Loc] = {}
    for i, b in enumerate(framework.behaviours):
        if b.id in seen_behaviours:
            problems.append(
                (
                    ("behaviours", i, "id"),
                    f"duplicate behaviour id {b.id!r} "
                    f"(first used by behaviours[{seen_behaviours[b.id]}])",
                )
            )
        else:
            seen_behaviours[b.id] = i
        if b.scale is not None and b.scale not in framework.scales:
            problems.append(
                (("behaviours", i, "scale"), f"unknown scale {b.scale!r}; expected one of {known}")
            )
        for key in ("does", "does_not"):
            for j, ind in enumerate(getattr(b.indicators, key)):
                loc: Loc = ("behaviours", i, "indicators", key, j, "id")
                if ind.id in seen_items:
                    first = location(seen_items[ind.id])
                    problems.append(
                        (loc, f"duplicate indicator id {ind.id!r} (first used at {first})")
                    )
                else:
                    seen_items[ind.id] = loc
    for i, b in enumerate(framework.behaviours):
        if b.id in seen_items:
            problems.append(
                (
                    ("behaviours", i, "id"),
                    f"behaviour id {b.id!r} is also an indicator id; item ids must be unique",
                )
            )
    return problems


def _both_item_lists(framework: Framework) -> dict[str, tuple[Item, ...]]:
    return {detail: tuple(framework._iter_items(detail)) for detail in ("quick", "full")}


# Both item lists of a framework, made once: every assessment read or scored asks for one.
_ITEMS: IdentityCache[Framework, dict[str, tuple[Item, ...]]] = IdentityCache(_both_item_lists)
