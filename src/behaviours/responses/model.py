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
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, Strict, StringConstraints, TypeAdapter
from pydantic import ValidationError as _ValidationError

from behaviours.base import FrozenModel, IdentityCache
from behaviours.errors import Loc, Problem, ResponsesError, location, validation_problems
from behaviours.frameworks.kinds import (
    ROLES_BY_KIND,
    AssessmentKind,
    Detail,
    Role,
    compatible_versions,
    major_version,
)
from behaviours.frameworks.model import Framework, Scale
from behaviours.responses.json_text import load_json

__all__ = [
    "NOT_ABLE_TO_SAY",
    "Assessment",
    "Rating",
    "Response",
    "Subject",
    "assessments_json",
    "check_assessment",
    "detail_of",
    "parse_assessments_json",
    "read_assessments_json",
    "read_capped",
    "validate_assessment",
]

NOT_ABLE_TO_SAY: Literal["not_able_to_say"] = "not_able_to_say"
Rating = Annotated[int, Strict()] | Literal["not_able_to_say"]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
MAX_COMMENT = 5000
MAX_FILE_BYTES = 200_000_000
# Respondents read from one file. A file at MAX_FILE_BYTES holds up to 2.2 million rows of
# a wide export, and each respondent's model costs about 1.4 KB, so this (ten times the
# largest programme we know of) is what keeps reading any file under 1.5 GB of memory.
MAX_RESPONDENTS = 500_000
MAX_ERRORS = 50  # problems reported from one file; the rest are counted


class Subject(FrozenModel):
    """Who is assessed: a person, or a team for team assessments."""

    id: Name = Field(description="Stable identifier, for example an employee or team number.")
    name: Name = Field(description="Display name printed on reports, as the person writes it.")


class Response(FrozenModel):
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


class Assessment(FrozenModel):
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
    round: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="The round (one collection of answers, say '2025-autumn') this is; with "
        "the subject, framework and kind it identifies a round, which is published once. "
        "When omitted the date stands in for it (docs/privacy.md).",
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


def check_assessment(
    assessment: Assessment, framework: Framework, *, file: str | None = None, path: str = ""
) -> list[Problem]:
    """Every way the assessment does not fit the framework or its kind, each located.

    Each problem's path is ``path`` (say ``"[3]"`` for the fourth assessment of a
    file) followed by where in the assessment, for example ``.responses[0].ratings.b0``.
    """
    problems: list[Problem] = []

    def add(message: str, where: Loc, expected: str | None = None) -> None:
        problems.append(Problem(message, file, path=location(where, path), expected=expected))

    if assessment.framework != framework.id:
        add(f"framework {assessment.framework!r} is not {framework.id!r}", ("framework",))
    elif not compatible_versions(assessment.framework_version, framework.version):
        add(
            f"framework version {assessment.framework_version} is not compatible with "
            f"{framework.version} (the MAJOR number differs: items changed meaning)",
            ("framework_version",),
            f"a {major_version(framework.version)}.x version",
        )
    detail = detail_of(assessment, framework)
    if assessment.kind in ("quick", "full") and detail != assessment.kind:
        add(f"a {assessment.kind} assessment rates {assessment.kind} items", ("detail",))
    items = _ITEM_SCALES(framework)[detail]
    behaviour_ids = [b.id for b in framework.behaviours]
    problems.extend(_role_problems(assessment, file, path))
    seen: dict[str, int] = {}
    for i, response in enumerate(assessment.responses):
        where: Loc = ("responses", i)
        who = f"respondent {response.respondent!r}"
        if response.respondent in seen:
            add(f"{who} answers twice (first at responses[{seen[response.respondent]}])", where)
        seen.setdefault(response.respondent, i)
        if not _plainly_on_scale(response.ratings, framework, detail):
            _rating_problems(response, items, detail, where, add)
        for behaviour_id in response.comments:
            if behaviour_id not in behaviour_ids:
                add(
                    f"{who}: comment on unknown behaviour {behaviour_id!r}",
                    (*where, "comments", behaviour_id),
                    f"one of {behaviour_ids}",
                )
    return problems


def _rating_problems(
    response: Response,
    items: dict[str, tuple[Scale, frozenset[int]]],
    detail: str,
    where: Loc,
    add: Callable[[str, Loc, str | None], None],
) -> None:
    """Each rating of the response that is not a known item's allowed answer, worded."""
    who = f"respondent {response.respondent!r}"
    for item_id, rating in response.ratings.items():
        at = (*where, "ratings", item_id)
        found = items.get(item_id)
        if found is None:
            close = difflib.get_close_matches(item_id, list(items), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            add(f"{who}: unknown {detail} item {item_id!r}{hint}", at, f"a {detail} item id")
            continue
        scale, values = found
        if rating == NOT_ABLE_TO_SAY:
            if scale.not_able_to_say is None:
                add(f"{who}: item {item_id!r} offers no 'not able to say'", at, None)
        elif rating not in values:
            add(
                f"{who}: rating {rating} of item {item_id!r} is not on the scale",
                at,
                f"one of {list(scale.values)}",
            )


def _role_problems(assessment: Assessment, file: str | None, path: str) -> list[Problem]:
    kind = assessment.kind
    allowed = ROLES_BY_KIND[kind]
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
                    path=location(("responses", i, "role"), path),
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
    document = load_json(data, file)
    if isinstance(document, dict):
        document = [document]
    try:
        return _LIST.validate_python(document)
    except _ValidationError as exc:
        errors = exc.errors(include_url=False)
        problems = validation_problems(errors[: max(1, max_errors)], file)
        shown = f", the first {len(problems)} shown" if len(problems) < len(errors) else ""
        raise ResponsesError(
            problems, title=f"{file}: {len(errors)} problem(s){shown}; nothing was read"
        ) from None


def read_capped(path: Path) -> bytes:
    """A JSON input's bytes, refused as a located error past ``MAX_FILE_BYTES`` or unreadable."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ResponsesError(Problem(f"cannot read: {exc.strerror or exc}", str(path))) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ResponsesError(Problem(f"larger than {MAX_FILE_BYTES:,} bytes", str(path)))
    return raw


def read_assessments_json(path: str | Path) -> list[Assessment]:
    """Assessments from a JSON file (see ``parse_assessments_json``)."""
    return parse_assessments_json(read_capped(Path(path)), str(path))


def assessments_json(assessments: list[Assessment]) -> str:
    """Assessments as JSON that ``parse_assessments_json`` reads back to equal models."""
    return _LIST.dump_json(assessments, indent=2).decode("utf-8")


def _item_scales(framework: Framework) -> dict[str, dict[str, tuple[Scale, frozenset[int]]]]:
    """Per item set: each item's scale and the values it allows."""
    scales = {
        b.id: (framework.scale_for(b), frozenset(framework.scale_for(b).values))
        for b in framework.behaviours
    }
    return {
        detail: {item.id: scales[item.behaviour_id] for item in framework.items(detail)}
        for detail in ("quick", "full")
    }


# Worked out once per framework: every assessment read or scored is checked against it.
_ITEM_SCALES = IdentityCache(_item_scales)


def _one_scale(framework: Framework) -> dict[str, tuple[frozenset[str], frozenset[Rating]] | None]:
    """Per item set, when every item is on one scale: the item ids and every answer allowed."""
    found: dict[str, tuple[frozenset[str], frozenset[Rating]] | None] = {}
    for detail, items in _ITEM_SCALES(framework).items():
        scales = {id(scale) for scale, _ in items.values()}
        if len(scales) != 1:
            found[detail] = None
            continue
        scale, values = next(iter(items.values()))
        offered = {NOT_ABLE_TO_SAY} if scale.not_able_to_say is not None else set()
        found[detail] = (frozenset(items), frozenset({*values, *offered}))
    return found


_ONE_SCALE = IdentityCache(_one_scale)


def _plainly_on_scale(ratings: dict[str, Rating], framework: Framework, detail: str) -> bool:
    """True when set arithmetic alone shows every rating is a known item's allowed answer.

    A round of 100,000 respondents is two million ratings: checked as sets (in C)
    they cost little, and only a response with a problem is read item by item,
    by the one loop that words the problems.
    """
    one = _ONE_SCALE(framework)[detail]
    if one is None:
        return False
    ids, allowed = one
    return ratings.keys() <= ids and set(ratings.values()) <= allowed
