"""Responses in: who was assessed, by whom, and what each respondent answered.

An ``Assessment`` is one subject (a person or a team) assessed against one
framework in one of four kinds. Its models check only their own shape; whether
the answers fit a framework (known item ids, ratings on the scale, roles that
fit the kind) is checked by ``check_assessment``, which collects every problem
with the respondent and item it concerns, so a survey export with ten bad
cells reports ten problems at once and nothing is silently dropped.

"Not able to say" is recorded, never scored: in JSON it is the string
``"not_able_to_say"``; an item a respondent skipped is simply absent.
"""

from __future__ import annotations

import datetime
import difflib
import json
import math
import re
from pathlib import Path
from typing import Annotated, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints, TypeAdapter
from pydantic import ValidationError as _ValidationError

from behaviours.errors import Problem, ResponsesError
from behaviours.framework import AssessmentKind, Framework

__all__ = [
    "NOT_ABLE_TO_SAY",
    "RATER_ROLES",
    "ROLES",
    "Assessment",
    "Detail",
    "Rating",
    "Response",
    "Role",
    "Subject",
    "assessments_json",
    "check_assessment",
    "detail_of",
    "parse_assessments_json",
    "read_assessments_json",
    "validate_assessment",
]

NOT_ABLE_TO_SAY: Literal["not_able_to_say"] = "not_able_to_say"
Role = Literal["self", "manager", "peer", "direct_report", "other", "member"]
ROLES: tuple[Role, ...] = ("self", "manager", "peer", "direct_report", "other", "member")
RATER_ROLES: tuple[Role, ...] = ("manager", "peer", "direct_report", "other")
Detail = Literal["quick", "full"]
Rating = Annotated[int, Strict()] | Literal["not_able_to_say"]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
MAX_COMMENT = 5000
MAX_FILE_BYTES = 200_000_000
MAX_ERRORS = 50  # problems reported from one file; the rest are counted


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Subject(_Model):
    """Who is assessed: a person, or a team for team assessments."""

    id: Name = Field(description="Stable identifier, for example an employee or team number.")
    name: Name = Field(description="Display name printed on reports, as the person writes it.")


class Response(_Model):
    """One respondent's answers."""

    respondent: Name = Field(
        description="Identifier of the respondent, unique in the assessment. Never printed "
        "for raters of a 360."
    )
    role: Role = Field(
        description="self; manager, peer, direct_report or other (360 raters); member (team)."
    )
    ratings: dict[str, Rating] = Field(
        default_factory=dict,
        description="Rating by item id: an integer on the item's scale or 'not_able_to_say'. "
        "Skipped items are left out.",
    )
    comments: dict[str, Annotated[str, StringConstraints(max_length=MAX_COMMENT)]] = Field(
        default_factory=dict, description="Free-text comment by behaviour id."
    )


class Assessment(_Model):
    """One subject assessed against one framework, with every respondent's answers."""

    framework: str = Field(description="Id of the framework the items come from.")
    framework_version: str = Field(
        description="Version of the framework the questionnaire was built from. Any version "
        "with the same MAJOR number is compatible."
    )
    kind: AssessmentKind = Field(description="quick, full, team or 360.")
    detail: Detail | None = Field(
        default=None,
        description="Which items were rated: 'quick' (one per behaviour) or 'full' (one per "
        "indicator). Inferred from the item ids when omitted.",
    )
    subject: Subject
    assessed_on: datetime.date = Field(
        description="Date the assessment closed; reports use it as their date."
    )
    responses: list[Response] = Field(description="Every respondent's answers.")


def detail_of(assessment: Assessment, framework: Framework) -> Detail:
    """The item set the assessment rated: as stated, else as its item ids and kind suggest."""
    if assessment.detail is not None:
        return assessment.detail
    if assessment.kind in ("quick", "full"):
        return assessment.kind
    quick = {b.id for b in framework.behaviours}
    rated = {item for r in assessment.responses for item in r.ratings}
    return "quick" if not rated or rated <= quick else "full"


def _major(version: str) -> str:
    return version.split(".", 1)[0]


def check_assessment(
    assessment: Assessment, framework: Framework, *, file: str | None = None, path: str = ""
) -> list[Problem]:
    """Every way the assessment does not fit the framework or its kind, each located.

    Each problem's path is ``path`` (say ``"[3]"`` for the fourth assessment of a
    file) followed by where in the assessment, for example ``.responses[0].ratings.b0``.
    """
    problems: list[Problem] = []

    def add(message: str, where: str, expected: str | None = None) -> None:
        problems.append(Problem(message, file, path=path + where, expected=expected))

    if assessment.framework != framework.id:
        add(f"framework {assessment.framework!r} is not {framework.id!r}", ".framework")
    elif _major(assessment.framework_version) != _major(framework.version):
        add(
            f"framework version {assessment.framework_version} is not compatible with "
            f"{framework.version} (the MAJOR number differs: items changed meaning)",
            ".framework_version",
            f"a {_major(framework.version)}.x version",
        )
    detail = detail_of(assessment, framework)
    if assessment.kind in ("quick", "full") and detail != assessment.kind:
        add(f"a {assessment.kind} assessment rates {assessment.kind} items", ".detail")
    scales = {
        b.id: (framework.scale_for(b), set(framework.scale_for(b).values))
        for b in framework.behaviours
    }
    items = {item.id: scales[item.behaviour_id] for item in framework.items(detail)}
    behaviour_ids = [b.id for b in framework.behaviours]
    problems.extend(_role_problems(assessment, file, path))
    seen: dict[str, int] = {}
    for i, response in enumerate(assessment.responses):
        where = f".responses[{i}]"
        who = f"respondent {response.respondent!r}"
        if response.respondent in seen:
            add(f"{who} answers twice (first at responses[{seen[response.respondent]}])", where)
        seen.setdefault(response.respondent, i)
        for item_id, rating in response.ratings.items():
            at = f"{where}.ratings.{item_id}"
            found = items.get(item_id)
            if found is None:
                close = difflib.get_close_matches(item_id, list(items), n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                add(f"{who}: unknown {detail} item {item_id!r}{hint}", at, f"a {detail} item id")
                continue
            scale, values = found
            if rating == NOT_ABLE_TO_SAY:
                if scale.not_able_to_say is None:
                    add(f"{who}: item {item_id!r} offers no 'not able to say'", at)
            elif rating not in values:
                add(
                    f"{who}: rating {rating} of item {item_id!r} is not on the scale",
                    at,
                    f"one of {list(scale.values)}",
                )
        for behaviour_id in response.comments:
            if behaviour_id not in behaviour_ids:
                add(
                    f"{who}: comment on unknown behaviour {behaviour_id!r}",
                    f"{where}.comments.{behaviour_id}",
                    f"one of {behaviour_ids}",
                )
    return problems


def _role_problems(assessment: Assessment, file: str | None, path: str) -> list[Problem]:
    kind = assessment.kind
    allowed: tuple[Role, ...] = {"team": ("member",), "360": ("self", *RATER_ROLES)}.get(
        kind, ("self",)
    )
    problems = []
    if not assessment.responses:
        problems.append(Problem(f"a {kind} assessment needs responses", file, path=path))
    for i, response in enumerate(assessment.responses):
        if response.role not in allowed:
            problems.append(
                Problem(
                    f"respondent {response.respondent!r}: role {response.role!r} does not fit "
                    f"a {kind} assessment",
                    file,
                    path=f"{path}.responses[{i}].role",
                    expected=f"one of {list(allowed)}",
                )
            )
    selves = [i for i, r in enumerate(assessment.responses) if r.role == "self"]
    if kind in ("quick", "full") and len(assessment.responses) > 1:
        problems.append(Problem(f"a {kind} self-assessment has one response", file, path=path))
    elif kind == "360" and len(selves) > 1:
        problems.append(
            Problem(
                "more than one self-assessment",
                file,
                path=f"{path}.responses[{selves[1]}]",
            )
        )
    return problems


def validate_assessment(assessment: Assessment, framework: Framework) -> Assessment:
    """The assessment when it fits the framework; else ``ResponsesError`` with every problem."""
    problems = check_assessment(assessment, framework)
    if problems:
        raise ResponsesError(problems, title=f"responses for {assessment.subject.id!r}")
    return assessment


_LIST = TypeAdapter(list[Assessment])


def parse_assessments_json(
    data: str | bytes, file: str = "<string>", *, max_errors: int = MAX_ERRORS
) -> list[Assessment]:
    """Assessments from JSON text: a list of assessments, or one assessment.

    Raises ``ResponsesError`` naming the file and the JSON path (or the line and
    column) of every problem, up to ``max_errors`` of them.
    """
    document = _load_json(data, file)
    if isinstance(document, dict):
        document = [document]
    try:
        return _LIST.validate_python(document)
    except _ValidationError as exc:
        errors = exc.errors(include_url=False)
        problems = []
        for error in errors[: max(1, max_errors)]:
            loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error["loc"])
            given = error.get("input")
            message = error["msg"]
            if error["type"] != "missing" and not isinstance(given, (dict, list)):
                message += f" (got {given!r:.60})"
            problems.append(Problem(message, file, path=loc.lstrip(".")))
        shown = f", the first {len(problems)} shown" if len(problems) < len(errors) else ""
        raise ResponsesError(
            problems, title=f"{file}: {len(errors)} problem(s){shown}; nothing was read"
        ) from None


# What JSON text may hold, besides fitting the models: json.loads itself takes
# NaN and Infinity, keeps the last of two equal keys, parses a number of any
# length (in time that grows with its square) and recurses once per level.
MAX_JSON_DEPTH = 32
MAX_JSON_NUMBER = 20  # characters of one number: any 64-bit integer fits


class _RefusedError(Exception):
    """Raised by a json.loads hook; ``_first_refusal`` then finds where."""


def _load_json(data: str | bytes, file: str) -> object:
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


def read_assessments_json(path: str | Path) -> list[Assessment]:
    """Assessments from a JSON file (see ``parse_assessments_json``)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ResponsesError(Problem(f"cannot read: {exc.strerror or exc}", str(path))) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ResponsesError(Problem(f"larger than {MAX_FILE_BYTES:,} bytes", str(path)))
    return parse_assessments_json(raw, str(path))


def assessments_json(assessments: list[Assessment]) -> str:
    """Assessments as JSON that ``parse_assessments_json`` reads back to equal models."""
    return _LIST.dump_json(assessments, indent=2).decode("utf-8")
