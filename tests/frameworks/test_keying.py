"""Reverse keying stays on the scale: the validator refuses a scale it would leave (issue 11)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from behaviours.frameworks.catalogue import list_frameworks, load_framework
from behaviours.frameworks.model import Framework

T = {"authored": "Words."}


def _data(points: list[int], *, reverse: bool) -> dict[str, Any]:
    indicators: dict[str, Any] = {"does": [{"id": "b0.d0", "text": T}]}
    if reverse:
        indicators["does_not"] = [{"id": "b0.n0", "text": T}]
    return {
        "id": "keying",
        "version": "1.0",
        "title": "Keying",
        "kind": "behaviours",
        "owner": "Tests",
        "source": {"title": "Tests", "publisher": "Tests"},
        "summary": T,
        "scales": {
            "odd": {
                "title": "odd",
                "provenance": "authored",
                "points": [{"value": v, "label": f"p{v}"} for v in points],
            }
        },
        "default_scale": "odd",
        "behaviours": [
            {
                "id": "b0",
                "title": T,
                "description": T,
                "quick_prompt": T,
                "observer_prompt": T,
                "team_prompt": T,
                "indicators": indicators,
            }
        ],
    }


def test_a_reverse_keyed_item_on_points_1_2_3_5_is_refused_naming_the_scale_and_why() -> None:
    with pytest.raises(ValidationError) as caught:
        Framework.model_validate(_data([1, 2, 3, 5], reverse=True))
    message = str(caught.value)
    assert "scale 'odd' cannot be reverse keyed" in message
    assert "turn a rating 2 into 4, which is not a point" in message
    assert "['b0']" in message


def test_an_asymmetric_scale_without_reverse_keyed_items_is_accepted() -> None:
    assert Framework.model_validate(_data([1, 2, 3, 5], reverse=False)).scales["odd"]


@given(st.lists(st.integers(-100, 100), min_size=2, max_size=11, unique=True).map(sorted))
def test_a_scale_is_refused_for_reverse_keying_exactly_when_a_point_would_leave_it(
    points: list[int],
) -> None:
    keyable = all(points[0] + points[-1] - v in points for v in points)
    if keyable:
        framework = Framework.model_validate(_data(points, reverse=True))
        item = framework.items("full")[1]
        assert item.reverse
    else:
        with pytest.raises(ValidationError):
            Framework.model_validate(_data(points, reverse=True))


@pytest.mark.parametrize("framework_id", [f.id for f in list_frameworks()])
def test_every_bundled_framework_still_loads(framework_id: str) -> None:
    assert load_framework(framework_id).id == framework_id
