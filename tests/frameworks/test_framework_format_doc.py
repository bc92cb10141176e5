"""docs/framework-format.md: its field tables are generated from the JSON Schema, and kept current.

The tables sit between two markers in the page; the prose around them is
written by hand. After changing the models, regenerate the tables with::

    .venv/bin/python tests/test_framework_format_doc.py
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

if __name__ == "__main__":  # run as a script: make the package importable from src/
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from behaviours.frameworks.model import ITEM_ID_PATTERN, SLUG_PATTERN, Framework

DOC = Path(__file__).resolve().parents[2] / "docs" / "framework-format.md"
START = "<!-- format-reference:start (generated from the JSON Schema; do not edit) -->"
END = "<!-- format-reference:end -->"
# Models in the order a reader meets them in a file.
ORDER = [
    "Framework",
    "Source",
    "Text",
    "Scale",
    "ScalePoint",
    "Behaviour",
    "Indicators",
    "Indicator",
    "Development",
    "AssessmentScales",
]


def _ref(name: str) -> str:
    return f"[{name}](#{name.lower()})"


def _describe(prop: dict[str, Any]) -> str:
    """The type of one property in words, with its limits."""
    if "$ref" in prop:
        return _ref(prop["$ref"].rsplit("/", 1)[1])
    if "anyOf" in prop:
        return " or ".join(_describe(p) for p in prop["anyOf"] if p.get("type") != "null")
    if "const" in prop:
        return f"`{prop['const']}`"
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    words, limits = _WORDS[prop["type"]](prop)
    return words + (f" ({', '.join(limits)})" if limits else "")


def _array(prop: dict[str, Any]) -> tuple[str, list[str]]:
    limits = []
    if "maxItems" in prop:
        limits.append(f"{prop.get('minItems', 0)} to {prop['maxItems']}")
    elif "minItems" in prop:
        limits.append(f"at least {prop['minItems']}")
    return f"list of {_describe(prop['items'])}", limits


def _object(prop: dict[str, Any]) -> tuple[str, list[str]]:
    limits = [f"at least {prop['minProperties']}"] if "minProperties" in prop else []
    if "const" in prop.get("propertyNames", {}):  # keys from a fixed list: assessment kinds
        keys = _describe(prop["propertyNames"])
        return f"map of {keys} to {_describe(prop['additionalProperties'])}", limits
    [value] = prop["patternProperties"].values()
    return f"map of slug to {_describe(value)}", limits


def _string(prop: dict[str, Any]) -> tuple[str, list[str]]:
    pattern = prop.get("pattern")
    words = {None: "text", SLUG_PATTERN: "slug", ITEM_ID_PATTERN: "item id"}.get(pattern)
    if words is None:
        words = f"text matching `{pattern}`"
    limits = []
    if "maxLength" in prop:
        limits.append(f"{prop.get('minLength', 0)} to {prop['maxLength']} characters")
    return words, limits


def _integer(prop: dict[str, Any]) -> tuple[str, list[str]]:
    limits = [f"{prop['minimum']} to {prop['maximum']}"] if "minimum" in prop else []
    return "integer", limits


_WORDS = {"array": _array, "object": _object, "string": _string, "integer": _integer}


def _default(prop: dict[str, Any], required: bool) -> str:
    if required:
        return "required"
    if prop.get("default") is None:
        return "optional"
    return f"default `{prop['default']}`"


def _table(name: str, model: dict[str, Any]) -> list[str]:
    lines = [f"### {name}", "", model.get("description", "").replace("``", "`"), ""]
    lines += ["| Key | Type | Required | Description |", "| --- | --- | --- | --- |"]
    required = set(model.get("required", []))
    for key, prop in model["properties"].items():
        description = prop.get("description", "").replace("|", "\\|").replace("<", "&lt;")
        cells = [f"`{key}`", _describe(prop), _default(prop, key in required), description]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def format_reference() -> str:
    """The generated part of docs/framework-format.md: one table per model."""
    schema = Framework.model_json_schema(mode="validation")
    models = {"Framework": schema, **schema["$defs"]}
    lines = [START, ""]
    for name in ORDER:
        lines += _table(name, models[name])
    return "\n".join([*lines, END])


def _current_doc(reference: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    return before + reference + after


def test_format_reference_is_current() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert START in text
    assert END in text
    assert text == _current_doc(format_reference()), (
        "docs/framework-format.md is out of date: run .venv/bin/python "
        "tests/test_framework_format_doc.py"
    )


def test_every_model_in_the_schema_has_a_table() -> None:
    schema = Framework.model_json_schema(mode="validation")
    assert sorted(ORDER) == sorted(["Framework", *schema["$defs"]])


def test_every_field_has_a_description() -> None:
    schema = Framework.model_json_schema(mode="validation")
    models = {"Framework": schema, **schema["$defs"]}
    missing = [
        f"{name}.{key}"
        for name, model in models.items()
        for key, prop in model["properties"].items()
        if not prop.get("description")
    ]
    assert missing == []


def test_type_words_cover_every_kind_of_property() -> None:
    assert _describe({"type": "integer", "minimum": -100, "maximum": 100}) == (
        "integer (-100 to 100)"
    )
    assert _describe({"type": "string", "pattern": "^[a-z0-9]+(?:[-.][a-z0-9]+)*$"}) == "item id"
    assert _describe({"anyOf": [{"$ref": "#/$defs/Text"}, {"type": "null"}]}) == "[Text](#text)"


if __name__ == "__main__":
    DOC.write_text(_current_doc(format_reference()), encoding="utf-8")
    print(f"wrote {DOC}")
