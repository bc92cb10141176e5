"""What a survey tool changes in matching: its spellings, its codes, its numbered columns.

Private to :mod:`behaviours.responses.headers`; no ``TOOL`` here, so the
registry passes it by.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

from behaviours.frameworks.kinds import DETAILS, RATER_ROLES, AssessmentKind, Detail, Role
from behaviours.frameworks.model import Framework
from behaviours.questionnaires.exporting import questions
from behaviours.questionnaires.model import build_questionnaire
from behaviours.responses.grid import Framing, Vocabulary, norm
from behaviours.responses.model import NOT_ABLE_TO_SAY, Rating
from behaviours.responses.sources import SurveyTool

__all__ = ["by_order", "tool_vocabulary"]


def tool_vocabulary(vocab: Vocabulary, tool: SurveyTool, framework: Framework) -> Vocabulary:
    """The framework's vocabulary with the tool's spellings of "not able to say" and its codes.

    A code is an option's position (from 1, "not able to say" last), as a
    questionnaire export lists the options; for a role, its position among the
    rater form's roles.
    """
    if not tool.not_able_to_say and tool.codes is None:
        return vocab
    ratings: dict[str, dict[str, Rating]] = {}
    for name, scale in framework.scales.items():
        table = dict(vocab.ratings[name])
        values: list[Rating] = [p.value for p in scale.points]
        if scale.not_able_to_say is not None:
            values.append(NOT_ABLE_TO_SAY)
            table |= dict.fromkeys(map(norm, tool.not_able_to_say), NOT_ABLE_TO_SAY)
        if tool.codes is not None:
            table |= {norm(code): v for k, v in enumerate(values, 1) for code in tool.codes(k)}
        ratings[name] = table
    roles = dict(vocab.roles)
    if tool.codes is not None:
        roles |= {norm(code): r for k, r in enumerate(RATER_ROLES, 1) for code in tool.codes(k)}
    return dataclasses.replace(vocab, ratings=ratings, roles=roles)


def by_order(
    framing: Framing,
    tool: SurveyTool,
    framework: Framework,
    kind: AssessmentKind,
    *,
    detail: Detail | None,
    matched: Mapping[int, str],
    fits: Callable[[int, str], bool],
) -> tuple[dict[int, str], Role | None]:
    """Ids for the tool's numbered columns that matched nothing, by the questionnaire's order.

    Used only when those columns are exactly the rest of one questionnaire the
    kind can have (either 360 form, quick or full items, with or without the
    comment boxes) and every column's answers fit its question (``fits``: a
    rating on the scale, a role); anything else stays unknown and is
    reported, never guessed: a raters' form with one question left out has as
    many columns as the self form, and its role column holds no rating. Also
    the role of the form whose order it was (``self`` for the 360 self form).
    """
    if tool.ordered is None:
        return {}, None
    numbered = [c for c, _ in tool.ordered(framing) if c not in matched]
    if not numbered:
        return {}, None
    taken = set(matched.values())
    for role, asked in _candidates(framework, kind, detail):
        rest = [q for q in asked if q not in taken]
        if len(rest) == len(numbered) and all(map(fits, numbered, rest)):
            return dict(zip(numbered, rest, strict=True)), role
    return {}, None


def _candidates(
    framework: Framework, kind: AssessmentKind, detail: Detail | None
) -> list[tuple[Role | None, list[str]]]:
    roles: list[Role | None] = [None, "self"] if kind == "360" else [None]
    details: list[Detail] = [detail] if detail else [kind] if kind in DETAILS else list(DETAILS)
    out = []
    for role in roles:
        for d in details:
            q = build_questionnaire(framework, kind, role=role, detail=d, comments=True)
            asked = questions(q)
            out.append((role, [a.id for a in asked]))
            out.append((role, [a.id for a in asked if a.type != "comment"]))
    return out
