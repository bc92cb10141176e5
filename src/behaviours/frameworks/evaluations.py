"""The scales of an organisation self-evaluation, and the framework as seen on one of them.

The ICF self-evaluation tool rates each approach twice (alignment, then how
confident the organisation is in that rating). Rather than teach the engine
about several scales, an evaluation is scored once per scale through the same
engine, each time against the framework *on that scale*: a copy whose every
behaviour is rated on the one scale (:func:`on_scale`). So an existing
one-scale assessment never meets this code, and the figures of each scale are
exactly what the engine makes of that scale's answers.
"""

from __future__ import annotations

from collections.abc import Sequence

from behaviours.base import IdentityCache
from behaviours.errors import FrameworkError, Problem
from behaviours.frameworks.kinds import EVALUATION_KIND
from behaviours.frameworks.model import Framework

__all__ = ["confidence_scale", "evaluation_scales", "on_scale"]


def evaluation_scales(framework: Framework, chosen: Sequence[str] | None = None) -> tuple[str, ...]:
    """The scales an organisation self-evaluation rates every item on, in the order asked.

    ``chosen`` (an assessment's own choice) wins; else the framework's default
    for the kind (``assessments.organisation.scales``); else its default scale
    alone. An unknown or repeated scale is a ``FrameworkError`` naming it.
    """
    named = framework.assessments.get(EVALUATION_KIND)
    scales = tuple(chosen) if chosen else tuple(named.scales) if named else ()
    scales = scales or (framework.default_scale,)
    problems = [
        Problem(
            f"unknown scale {s!r}" if s not in framework.scales else f"scale {s!r} named twice",
            path="scales",
            expected=f"one of {sorted(framework.scales)}",
        )
        for i, s in enumerate(scales)
        if s not in framework.scales or s in scales[:i]
    ]
    if problems:
        raise FrameworkError(problems, title=f"scales of a {framework.id} self-evaluation")
    return scales


def confidence_scale(framework: Framework, scales: Sequence[str]) -> str | None:
    """Which of ``scales`` says how sure the others are: the framework's, when it is asked."""
    named = framework.assessments.get(EVALUATION_KIND)
    found = named.confidence if named else None
    return found if found in scales else None


def _views(framework: Framework) -> dict[str, Framework]:
    return {
        name: framework.model_copy(
            update={
                "default_scale": name,
                "behaviours": [b.model_copy(update={"scale": None}) for b in framework.behaviours],
            }
        )
        for name in framework.scales
    }


# One view per scale, made once per framework: the engine caches its item layout by identity.
_VIEWS: IdentityCache[Framework, dict[str, Framework]] = IdentityCache(_views)


def on_scale(framework: Framework, scale: str) -> Framework:
    """The framework with every behaviour rated on ``scale``: what one scale's answers fit."""
    return _VIEWS(framework)[scale]
