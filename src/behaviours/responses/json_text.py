"""JSON text read safely: bounded depth, number length, no NaN, no repeated keys, located.

``json.loads`` takes NaN and Infinity, keeps the last of two equal keys,
parses a number of any length (in time that grows with its square) and
recurses once per level of nesting; each is refused here with the line and
column of the offending text, before or while the text is parsed.
"""

from __future__ import annotations

import json
import math
import re

import numpy as np

from behaviours.errors import Problem, ResponsesError

__all__ = ["MAX_JSON_DEPTH", "MAX_JSON_NUMBER", "load_json"]

# What JSON text may hold, besides fitting the models: json.loads itself takes
# NaN and Infinity, keeps the last of two equal keys, parses a number of any
# length (in time that grows with its square) and recurses once per level.
MAX_JSON_DEPTH = 32
MAX_JSON_NUMBER = 20  # characters of one number: any 64-bit integer fits


class _RefusedError(Exception):
    """Raised by a json.loads hook; ``_first_refusal`` then finds where."""


def load_json(data: str | bytes, file: str) -> object:
    """JSON text as Python data, or ``ResponsesError`` with the line and column of its fault."""
    text = _json_text(data, file)
    too_deep = _too_deep(text)
    if too_deep is not None:
        raise _json_error(
            f"nested more than {MAX_JSON_DEPTH} deep", file, text, too_deep, "flatter JSON"
        )
    try:
        return json.loads(
            text,
            object_pairs_hook=_unique_keys,
            parse_constant=_checked_number,
            parse_int=_checked_int,
            parse_float=_checked_number,
        )
    except json.JSONDecodeError as exc:
        raise _json_error(f"not valid JSON: {exc.msg}", file, text, exc.pos) from None
    except _RefusedError:
        position, message = _first_refusal(text) or (0, "refused by the JSON reader")
        raise _json_error(message, file, text, position) from None


def _json_text(data: str | bytes, file: str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode(json.detect_encoding(data), "surrogatepass")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ResponsesError(
            Problem(f"not {exc.encoding} text (byte {exc.start + 1})", file, line),
            title=f"{file}: cannot be read",
        ) from None


def _json_error(
    message: str, file: str, text: str, position: int, expected: str | None = None
) -> ResponsesError:
    line = text.count("\n", 0, position) + 1
    column = position - text.rfind("\n", 0, position)
    return ResponsesError(
        Problem(message, file, line, column, expected=expected),
        title=f"{file}: cannot be read",
    )


def _number_problem(token: str) -> str | None:
    """Why a number (or NaN, Infinity) is refused; one rule for the hooks and the locator."""
    if token in ("NaN", "Infinity", "-Infinity"):
        return f"{token} is not a number JSON allows"
    if len(token) > MAX_JSON_NUMBER:
        return f"a number {len(token):,} characters long; at most {MAX_JSON_NUMBER} are read"
    if not math.isfinite(float(token)):
        return f"{token} is too large a number"
    return None


def _checked_number(token: str) -> int | float:
    if _number_problem(token) is not None:
        raise _RefusedError
    return int(token) if token.lstrip("-").isdigit() else float(token)


def _checked_int(token: str) -> int:
    if len(token) > MAX_JSON_NUMBER:  # the length rule of _number_problem, on every int: fast
        raise _RefusedError
    return int(token)


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise _RefusedError
    return document


_TOKEN = re.compile(
    r'(?P<string>"(?:[^"\\]|\\.)*")(?P<key>\s*:)?|[{}\[\]]|NaN|-?Infinity|-?[0-9][-+0-9.eE]*',
    re.DOTALL,
)


def _first_refusal(text: str) -> tuple[int, str] | None:
    """Where the first number, constant or repeated key that a hook refused is, and why.

    Slow (a Python loop over every token) and so only run once a hook has refused something.
    """
    keys: list[set[str] | None] = []  # of each open object; None for a list
    for match in _TOKEN.finditer(text):
        token = match.group()
        if match.group("key"):
            key = json.loads(match.group("string"))
            if keys and keys[-1] is not None:
                if key in keys[-1]:
                    return match.start(), f"key {key!r} twice in one object"
                keys[-1].add(key)
        elif token in ("{", "["):
            keys.append(set() if token == "{" else None)
        elif token in ("}", "]"):
            keys = keys[:-1]
        elif not match.group("string"):
            message = _number_problem(token)
            if message is not None:
                return match.start(), message
    return None


_STEP = np.zeros(256, np.int32)
_STEP[[ord("["), ord("{")]] = 1
_STEP[[ord("]"), ord("}")]] = -1
_MARK = _STEP != 0
_MARK[ord('"')] = True


def _too_deep(text: str, chunk: int = 1 << 22) -> int | None:
    """Where the text first nests deeper than ``MAX_JSON_DEPTH``, outside strings; or None.

    Runs before json.loads, which would recurse once per level; vectorised,
    because it runs on every file: about 4 ms a megabyte.
    """
    data = text.encode("utf-8", "surrogatepass")
    if data.count(b"[") + data.count(b"{") <= MAX_JSON_DEPTH:
        return None
    if b"\\" in data:  # escaped backslashes and quotes are not string ends: blank them
        data = data.replace(b"\\\\", b"  ").replace(b'\\"', b"  ")
    array = np.frombuffer(data, np.uint8)
    quoted = depth = 0
    for start in range(0, len(array), chunk):
        part = array[start : start + chunk]
        at = np.flatnonzero(_MARK[part])
        marks = part[at]
        inside = (np.cumsum(marks == ord('"')) + quoted) & 1
        levels = np.cumsum(_STEP[marks] * (1 - inside)) + depth
        if len(levels) == 0:
            continue
        deep = np.flatnonzero(levels > MAX_JSON_DEPTH)
        if len(deep):
            offset = start + int(at[deep[0]])
            return len(data[:offset].decode("utf-8", "surrogatepass"))
        quoted, depth = int(inside[-1]), int(levels[-1])
    return None
