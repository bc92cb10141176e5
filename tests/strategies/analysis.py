"""Answers with a known structure, for the item analysis: one factor per behaviour, a subject
effect for team and 360 data, and optionally a planted miskeyed item."""

from __future__ import annotations

import datetime

import numpy as np

from behaviours.frameworks.model import Framework
from behaviours.responses.model import NOT_ABLE_TO_SAY, Assessment, Response, Subject

RATER_ROLES = ("manager", "peer", "peer", "direct_report", "direct_report", "other")


def structured(
    framework: Framework,
    kind: str,
    *,
    subjects: int,
    respondents: int = 1,
    planted: str | None = None,
    subject_effect: float = 0.0,
    nas_item: str | None = None,
    seed: int = 7,
    detail: str = "full",
) -> list[Assessment]:
    """Assessments whose answers follow one factor per behaviour on each item's scale.

    A ``does`` item rises with the factor, a ``does_not`` item falls, except
    ``planted``: a ``does_not`` item answered as if it were a ``does``.
    ``nas_item``, if given, is answered "not able to say" by about half.
    """
    rng = np.random.default_rng(seed)
    detail = kind if kind in ("quick", "full") else detail
    items = framework.items(detail)  # type: ignore[arg-type]
    out = []
    for s in range(subjects):
        effect = rng.normal(scale=subject_effect, size=len(framework.behaviours))
        responses = []
        if kind == "360":
            responses.append(Response(respondent="me", role="self", ratings={}))
        for r in range(respondents):
            factor = effect + rng.normal(size=len(framework.behaviours))
            given: dict[str, int | str] = {}
            for item in items:
                b = next(i for i, x in enumerate(framework.behaviours) if x.id == item.behaviour_id)
                scale = framework.scale_for(item.behaviour_id)
                runs = -1 if item.reverse and item.id != planted else 1
                middle = (scale.min + scale.max) / 2
                raw = middle + runs * factor[b] + rng.normal(scale=0.7)
                if item.id == nas_item and rng.random() < 0.5:
                    given[item.id] = NOT_ABLE_TO_SAY
                else:
                    given[item.id] = int(np.clip(np.rint(raw), scale.min, scale.max))
            role = {"360": RATER_ROLES[r % len(RATER_ROLES)], "team": "member"}.get(kind, "self")
            responses.append(Response(respondent=f"r{r}", role=role, ratings=given))  # type: ignore[arg-type]
        out.append(
            Assessment(
                framework=framework.id,
                framework_version=framework.version,
                kind=kind,  # type: ignore[arg-type]
                detail=detail,  # type: ignore[arg-type]
                subject=Subject(id=f"s{s:03d}", name=f"Subject {s}"),
                assessed_on=datetime.date(2026, 3, 1),
                responses=responses,
            )
        )
    return out
