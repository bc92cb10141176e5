"""Hypothesis strategies for scoring: small frameworks and assessments of every kind."""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import strategies as st

from behaviours.frameworks.kinds import RATER_ROLES
from behaviours.frameworks.model import Framework
from behaviours.responses.model import NOT_ABLE_TO_SAY, Assessment, Response, Subject

T = {"authored": "Words."}
# Every shape a scale may take: from 1, from 0, gapped, negative, asymmetric about
# zero, and as wide as a point's value may be (-100 to 100). Gapped scales are
# symmetric about their middle: reverse keying (min + max - rating) maps a point
# of any other gapped scale off the scale.
SCALES = {
    "five": [1, 2, 3, 4, 5],
    "four": [0, 1, 2, 3],
    "gapped": [1, 3, 5, 7],
    "negative": [-5, -4, -3, -2, -1],
    "asymmetric": [-1, 0, 1, 2, 3, 4, 5],
    "wide": [-100, -99, -1, 0, 1, 99, 100],
}


def make_framework(shape: list[tuple[int, int, str]], version: str = "1.0") -> Framework:
    """A framework with one behaviour per ``(does, does_not, scale)`` in ``shape``."""
    behaviours: list[dict[str, Any]] = []
    for i, (does, does_not, scale) in enumerate(shape):
        behaviours.append(
            {
                "id": f"b{i}",
                "title": T,
                "description": T,
                "quick_prompt": T,
                "observer_prompt": T,
                "team_prompt": T,
                "scale": scale,
                "indicators": {
                    "does": [{"id": f"b{i}.d{j}", "text": T} for j in range(does)],
                    "does_not": [{"id": f"b{i}.n{j}", "text": T} for j in range(does_not)],
                },
            }
        )
    scales = {
        name: {
            "title": name,
            "provenance": "authored",
            "not_able_to_say": "Not able to say",
            "points": [{"value": v, "label": f"p{v}"} for v in values],
        }
        for name, values in SCALES.items()
    }
    return Framework.model_validate(
        {
            "id": "test-framework",
            "version": version,
            "title": "Test framework",
            "kind": "behaviours",
            "owner": "Tests",
            "source": {"title": "Tests", "publisher": "Tests"},
            "summary": T,
            "scales": scales,
            "default_scale": "five",
            "behaviours": behaviours,
        }
    )


@st.composite
def frameworks(draw: st.DrawFn, max_behaviours: int = 4) -> Framework:
    """Frameworks of 1 to ``max_behaviours`` behaviours, mixed scales and keying."""
    shape = draw(
        st.lists(
            st.tuples(st.integers(1, 3), st.integers(0, 2), st.sampled_from(sorted(SCALES))),
            min_size=1,
            max_size=max_behaviours,
        )
    )
    return make_framework(shape)


def ratings_for(framework: Framework, detail: str) -> st.SearchStrategy[dict[str, Any]]:
    """One respondent's ratings: each item rated, 'not able to say', or skipped."""
    parts = {}
    for item in framework.items(detail):  # type: ignore[arg-type]
        values = framework.scale_for(item.behaviour_id).values
        parts[item.id] = st.one_of(
            st.sampled_from(values),
            st.sampled_from(values),
            st.sampled_from(values),
            st.just(NOT_ABLE_TO_SAY),
            st.none(),
        )
    return st.fixed_dictionaries(parts).map(lambda d: {k: v for k, v in d.items() if v is not None})


@st.composite
def assessments(
    draw: st.DrawFn,
    framework: Framework,
    kind: str,
    detail: str | None = None,
    *,
    min_raters: int = 0,
    max_raters: int = 9,
    self_assessed: bool | None = None,
    roles: tuple[str, ...] = RATER_ROLES,
) -> Assessment:
    """An assessment of ``kind`` that fits ``framework`` (ratings random, with gaps)."""
    detail = detail or ("full" if kind == "full" else draw(st.sampled_from(["quick", "full"])))
    if kind in ("quick", "full"):
        detail = kind
    ratings = ratings_for(framework, detail)
    responses = []
    if kind in ("quick", "full"):
        responses.append(Response(respondent="me", role="self", ratings=draw(ratings)))
    elif kind == "team":
        for i in range(draw(st.integers(1, max_raters))):
            responses.append(Response(respondent=f"m{i}", role="member", ratings=draw(ratings)))
    else:
        has_self = draw(st.booleans()) if self_assessed is None else self_assessed
        if has_self:
            responses.append(Response(respondent="me", role="self", ratings=draw(ratings)))
        count = draw(st.integers(min_raters, max_raters))
        for i in range(count):
            comments = draw(
                st.dictionaries(
                    st.sampled_from([b.id for b in framework.behaviours]),
                    st.text(min_size=1, max_size=8),
                    max_size=1,
                )
            )
            responses.append(
                Response(
                    respondent=f"r{i}",
                    role=draw(st.sampled_from(roles)),
                    ratings=draw(ratings),
                    comments=comments,
                )
            )
    return Assessment(
        framework=framework.id,
        framework_version=framework.version,
        kind=kind,  # type: ignore[arg-type]
        detail=detail,  # type: ignore[arg-type]
        subject=Subject(id="subject", name="Subject"),
        assessed_on=datetime.date(2025, 3, 1),
        responses=responses,
    )
