"""The Framework model built in Python: the same rules as in YAML, and the helpers others use."""

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from behaviours.frameworks.loading import parse_framework
from behaviours.frameworks.model import Framework, Scale, Text

MINIMAL = Path(__file__).parents[1] / "fixtures" / "frameworks" / "valid" / "minimal.yaml"
FW = parse_framework(MINIMAL.read_bytes())


def _data(**changes: Any) -> dict[str, Any]:
    data = FW.model_dump(mode="json", exclude_none=True)
    data.update(changes)
    return data


def _behaviour(behaviour_id: str, *items: str, reverse: tuple[str, ...] = ()) -> dict[str, Any]:
    words = {"authored": "Words"}
    return {
        "id": behaviour_id,
        "title": words,
        "description": words,
        "quick_prompt": words,
        "observer_prompt": words,
        "team_prompt": words,
        "indicators": {
            "does": [{"id": i, "text": words} for i in items],
            "does_not": [{"id": i, "text": words} for i in reverse],
        },
    }


def test_text_needs_exactly_one_provenance() -> None:
    with pytest.raises(ValidationError, match="exactly one of 'source'"):
        Text()
    with pytest.raises(ValidationError, match="exactly one of 'source'"):
        Text(source="a", authored="b")


def test_text_knows_its_words_and_provenance() -> None:
    assert (Text(source="Ours").text, Text(source="Ours").provenance) == ("Ours", "source")
    assert (str(Text(authored="Mine")), Text(authored="Mine").provenance) == ("Mine", "authored")


def test_models_are_frozen() -> None:
    with pytest.raises(ValidationError, match="frozen"):
        FW.behaviours[0].indicators.does[0].id = "other"  # type: ignore[misc]


def test_unknown_field_is_refused_in_python_too() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Framework.model_validate(_data(colour="blue"))


def test_scale_points_must_increase() -> None:
    points = [{"value": 2, "label": "B"}, {"value": 1, "label": "A"}]
    with pytest.raises(ValidationError, match="1 follows 2"):
        Scale(title="S", points=points, provenance="authored")  # type: ignore[arg-type]


def test_scale_labels_must_differ_from_not_able_to_say() -> None:
    points = [{"value": 1, "label": "A"}, {"value": 2, "label": "Unsure"}]
    with pytest.raises(ValidationError, match="must differ"):
        Scale(title="S", points=points, not_able_to_say="unsure", provenance="authored")  # type: ignore[arg-type]


def test_scale_helpers_report_its_range_and_labels() -> None:
    scale = FW.scale
    assert (scale.min, scale.max, scale.values) == (1, 3, (1, 2, 3))
    assert scale.label(2) == "Sometimes"
    with pytest.raises(KeyError):
        scale.label(4)


def test_duplicate_behaviour_ids_are_refused_in_python() -> None:
    behaviours = [_behaviour("same", "a.one"), _behaviour("same", "b.one")]
    with pytest.raises(ValidationError, match="duplicate behaviour id 'same'"):
        Framework.model_validate(_data(behaviours=behaviours))


def test_indicator_id_may_not_repeat_a_behaviour_id() -> None:
    behaviours = [_behaviour("first", "second"), _behaviour("second", "b.one")]
    with pytest.raises(ValidationError, match="behaviour id 'second' is also an indicator id"):
        Framework.model_validate(_data(behaviours=behaviours))


def test_unknown_default_scale_is_refused_in_python() -> None:
    with pytest.raises(ValidationError, match="unknown scale 'other'"):
        Framework.model_validate(_data(default_scale="other"))


def test_short_title_is_at_most_40_characters() -> None:
    behaviour = _behaviour("b", "b.one") | {"short_title": {"authored": "x" * 41}}
    with pytest.raises(ValidationError, match="at most 40 characters"):
        Framework.model_validate(_data(behaviours=[behaviour]))


def test_label_is_short_title_or_title() -> None:
    with_short = _behaviour("a", "a.one") | {"short_title": {"authored": "Short"}}
    fw = Framework.model_validate(_data(behaviours=[with_short, _behaviour("b", "b.one")]))
    assert [b.label for b in fw.behaviours] == ["Short", "Words"]


def test_quick_items_are_one_per_behaviour() -> None:
    fw = Framework.model_validate(
        _data(behaviours=[_behaviour("a", "a.1", "a.2"), _behaviour("b", "b.1")])
    )
    assert [(i.id, i.behaviour_id, i.reverse) for i in fw.items("quick")] == [
        ("a", "a", False),
        ("b", "b", False),
    ]


def test_full_items_list_positive_then_reverse_keyed_indicators() -> None:
    fw = Framework.model_validate(_data(behaviours=[_behaviour("a", "a.1", reverse=("a.2",))]))
    assert [(i.id, i.reverse) for i in fw.items("full")] == [("a.1", False), ("a.2", True)]


def test_behaviour_uses_its_own_scale_or_the_default() -> None:
    scales = FW.model_dump(mode="json")["scales"]
    scales["agree"] = scales["frequency"] | {"title": "Agreement"}
    own = _behaviour("a", "a.1") | {"scale": "agree"}
    fw = Framework.model_validate(_data(scales=scales, behaviours=[own, _behaviour("b", "b.1")]))
    assert [fw.scale_for(b).title for b in fw.behaviours] == ["Agreement", "How often"]
    assert fw.scale_for("b").title == "How often"


def test_behaviour_lookup_by_id_raises_key_error_when_absent() -> None:
    assert FW.behaviour("listening").id == "listening"
    with pytest.raises(KeyError):
        FW.behaviour("absent")


def test_development_length_counts_every_suggestion() -> None:
    words = [{"authored": "Try this"}]
    development = {"actions": words * 2, "questions": words, "resources": words}
    behaviour = _behaviour("a", "a.1") | {"development": development}
    fw = Framework.model_validate(_data(behaviours=[behaviour]))
    assert (len(fw.behaviours[0].development), len(FW.behaviours[0].development)) == (4, 0)


def test_item_lists_are_made_once_and_belong_to_their_own_framework() -> None:
    from behaviours import load_framework

    fw = load_framework("compassionate-leadership")
    assert fw.items("full") == fw.items("full")
    assert fw.items("full") is not fw.items("full")  # a fresh list: the caller may change it
    fewer = fw.model_copy(update={"behaviours": fw.behaviours[:2]})
    assert [i.id for i in fewer.items("quick")] == [b.id for b in fw.behaviours[:2]]
