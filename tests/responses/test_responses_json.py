"""Reading JSON: whatever json.loads would take too far is refused, with its line and column."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from behaviours.errors import Problem, ResponsesError
from behaviours.responses.json_text import MAX_JSON_DEPTH, MAX_JSON_NUMBER
from behaviours.responses.json_text import load_json as _load_json
from behaviours.responses.model import (
    Assessment,
    Response,
    Subject,
    assessments_json,
    parse_assessments_json,
)


def _problem(text: str | bytes) -> Problem:
    with pytest.raises(ResponsesError) as caught:
        parse_assessments_json(text, "r.json")
    (problem,) = caught.value.problems
    return problem


def _at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    position = -1
    for _ in range(nth):
        position = text.index(needle, position + 1)
    return text.count("\n", 0, position) + 1, position - text.rfind("\n", 0, position)


def _assessment(raters: int = 1, rating: int = 4) -> Assessment:
    return Assessment(
        framework="compassionate-leadership",
        framework_version="1.0",
        kind="360",
        subject=Subject(id="s1", name="Alex"),
        assessed_on="2025-11-21",  # type: ignore[arg-type]
        responses=[
            Response(respondent=f"r{i}", role="peer", ratings={"attending": rating})
            for i in range(raters)
        ],
    )


BASE = assessments_json([_assessment()])


def _nested(draw: st.DrawFn, depth: int) -> str:
    """JSON nested ``depth`` deep, lists and objects, with brackets and quotes in its strings."""
    text = "0"
    for level in range(depth, 0, -1):
        if draw(st.booleans()):
            text = f'{{"k{level}": "[{{", "v": {text}}}'
        else:
            text = f'["]}}\\"", {text}]'
    return text


@given(st.data(), st.integers(MAX_JSON_DEPTH + 1, 3_000))
def test_nesting_past_the_limit_is_refused_at_the_opener_that_passes_it(
    data: st.DataObject, depth: int
) -> None:
    text = _nested(data.draw, depth)
    problem = _problem(text)
    assert problem.message == f"nested more than {MAX_JSON_DEPTH} deep"
    assert (problem.line, problem.column) == (1, _openers(text)[MAX_JSON_DEPTH] + 1)


@given(st.data(), st.integers(1, MAX_JSON_DEPTH))
def test_nesting_within_the_limit_is_parsed_whatever_its_strings_hold(
    data: st.DataObject, depth: int
) -> None:
    text = _nested(data.draw, depth)
    assert _load_json(text, "r.json") == json.loads(text)


def _openers(text: str) -> list[int]:
    """Positions of the brackets that open a list or object (not those inside strings)."""
    found, quoted, escaped = [], False, False
    for i, c in enumerate(text):
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif c == '"':
            quoted = not quoted
        elif c in "[{" and not quoted:
            found.append(i)
    return found


@given(st.integers(0, 20), st.text("abc", min_size=1, max_size=4))
def test_a_repeated_key_at_any_depth_is_refused_at_its_second_place(depth: int, key: str) -> None:
    inner = f'{{"{key}": 1, "x": [true], "{key}": 2}}'
    text = "[" * depth + inner + "]" * depth
    problem = _problem(text)
    assert problem.message == f"key {key!r} twice in one object"
    assert (problem.line, problem.column) == _at(text, f'"{key}"', 2)


def test_a_repeated_key_spelt_with_an_escape_is_still_the_same_key() -> None:
    text = BASE.replace('"role": "peer"', '"role": "peer", "r\\u006fle": "self"')
    problem = _problem(text)
    assert problem.message == "key 'role' twice in one object"
    assert (problem.line, problem.column) == _at(text, '"r\\u006fle"')


def test_equal_keys_in_sibling_objects_are_not_repeats() -> None:
    text = assessments_json([_assessment(raters=3)])
    assert len(parse_assessments_json(text)[0].responses) == 3


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_where_they_are(literal: str) -> None:
    text = BASE.replace('"attending": 4', f'"attending": {literal}')
    problem = _problem(text)
    assert problem.message == f"{literal} is not a number JSON allows"
    assert (problem.line, problem.column) == _at(text, literal)


@pytest.mark.parametrize("digits", [MAX_JSON_NUMBER + 1, 4_301, 100_000])
def test_a_number_longer_than_the_limit_is_refused_where_it_is(digits: int) -> None:
    text = BASE.replace('"attending": 4', f'"attending": {"4" * digits}')
    problem = _problem(text)
    assert problem.message.startswith(f"a number {digits:,} characters long")
    assert (problem.line, problem.column) == _at(text, "4" * digits)


def test_a_number_at_the_limit_is_read_and_checked_by_the_models() -> None:
    text = BASE.replace('"attending": 4', f'"attending": {"4" * MAX_JSON_NUMBER}')
    assert parse_assessments_json(text)[0].responses[0].ratings["attending"] == int(
        "4" * MAX_JSON_NUMBER
    )


def test_a_float_that_overflows_is_refused_not_read_as_infinity() -> None:
    problem = _problem(BASE.replace('"attending": 4', '"attending": -1e999'))
    assert problem.message == "-1e999 is too large a number"


def test_a_syntax_error_is_located_by_line_and_column() -> None:
    text = BASE.replace('"role": "peer"', '"role": "peer",,')
    problem = _problem(text)
    assert problem.message.startswith("not valid JSON: Expecting property name")
    line, column = _at(text, ",,")
    assert (problem.line, problem.column) == (line, column + 1)


def test_bytes_that_are_not_utf8_are_located_by_line() -> None:
    problem = _problem(BASE.replace("Alex", "Al\u00e9x").encode("latin-1"))
    assert problem.message.startswith("not utf-8 text")
    assert problem.line == _at(BASE, "Alex")[0]


def test_problems_reported_are_bounded_and_counted() -> None:
    document = json.loads(assessments_json([_assessment(raters=80)]))
    for response in document[0]["responses"]:
        response["role"] = "boss"
    with pytest.raises(ResponsesError) as caught:
        parse_assessments_json(json.dumps(document), "r.json", max_errors=50)
    assert len(caught.value.problems) == 50
    assert caught.value.title == "r.json: 80 problem(s), the first 50 shown; nothing was read"
