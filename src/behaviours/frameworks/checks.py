"""Checks across a framework's fields, kept apart from the models they check.

``framework_problems`` finds what a single field cannot know (unknown scale
names, ids used twice) and returns each problem with its location, so the
loader can point at the line; ``model_fields_at`` tells the loader which keys
are allowed at a place, so an unknown key can suggest the nearest known one.
"""

from __future__ import annotations

import types
import typing
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    from behaviours.frameworks.model import Framework

__all__ = ["Loc", "framework_problems", "model_fields_at"]

Loc = tuple[str | int, ...]


def framework_problems(framework: Framework) -> list[tuple[Loc, str]]:
    """Cross-field problems: unknown scale names and ids that are not unique.

    Returned with their location in the data so the loader can point at the
    line; ``Framework`` raises them itself when built directly in Python.
    """
    problems: list[tuple[Loc, str]] = []
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
