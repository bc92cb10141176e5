"""Checks across a framework's fields, kept apart from the models they check.

``framework_problems`` finds what a single field cannot know (unknown scale
names, ids used twice) and returns each problem with its location, so the
loader can point at the line; ``model_fields_at`` tells the loader which keys
are allowed at a place, so an unknown key can suggest the nearest known one.
"""

from __future__ import annotations

import math
import types
import typing
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from behaviours.frameworks.columns import RESERVED

if TYPE_CHECKING:
    from behaviours.frameworks.model import Framework

__all__ = ["Loc", "framework_problems", "label_number", "model_fields_at"]

Loc = tuple[str | int, ...]


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


def framework_problems(framework: Framework) -> list[tuple[Loc, str]]:
    """Cross-field problems: unknown scale names, ids not unique or reserved, numeric labels.

    Returned with their location in the data so the loader can point at the
    line; ``Framework`` raises them itself when built directly in Python.
    """
    problems: list[tuple[Loc, str]] = _scale_problems(framework) + _reserved_problems(framework)
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
                    first = "".join(
                        f"[{part}]" if isinstance(part, int) else f".{part}"
                        for part in seen_items[ind.id]
                    ).lstrip(".")
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


def model_fields_at(root: type[BaseModel], loc: Loc) -> list[str] | None:
    """Field names of the model found at ``loc`` inside ``root``, if any."""
    current: Any = root
    for part in loc:
        origin = typing.get_origin(current)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(current) if a is not type(None)]
            current = args[0] if len(args) == 1 else None
            origin = typing.get_origin(current)
        if origin is typing.Annotated:
            current = typing.get_args(current)[0]
            origin = typing.get_origin(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            field = current.model_fields.get(part)
            if field is None:
                return None
            current = field.annotation
        elif origin is list and isinstance(part, int):
            current = typing.get_args(current)[0]
        elif origin is dict and isinstance(part, str):
            current = typing.get_args(current)[1]
        else:
            return None
    origin = typing.get_origin(current)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(current) if a is not type(None)]
        current = args[0] if len(args) == 1 else None
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return None
