"""Jisc Online Surveys: Analyse > Export data > CSV.

Its columns are headed by question numbers (``Q1``, ``Q3_1`` for the first
row of a grid, ``Q3_1_a``), not texts. A mapping file (``mapping=``,
``--mapping``; ``behaviours questionnaire --format mapping`` writes a starting
one) says which is which; without one, the numbered columns are matched to
the questionnaire's order, which holds when the survey was built in that
order from the questionnaire export.
"""

from __future__ import annotations

import re

from behaviours.responses.grid import Framing, norm
from behaviours.responses.sources import SurveyTool

_NUMBERED = re.compile(r"Q?(\d+)((?:[._]\d+)*)(?:[._][a-z])?", re.IGNORECASE)


def _numbered(rows: list[list[str]]) -> list[str]:
    return [h for h in rows[0] if _NUMBERED.fullmatch(h.strip())]


def _fits(tool: SurveyTool, rows: list[list[str]]) -> bool:
    named = [h for h in rows[0] if h.strip() and norm(h) not in tool.system]
    return len(named) >= 2 and len(_numbered(rows)) == len(named)


def _ordered(framing: Framing) -> list[tuple[int, tuple[int, ...]]]:
    found = []
    for c, text in enumerate(framing.header):
        match = _NUMBERED.fullmatch(text.strip())
        if match is not None and c not in framing.system:
            rest = tuple(int(n) for n in re.findall(r"\d+", match[2]))
            found.append((c, (int(match[1]), *rest)))
    return sorted(found, key=lambda one: one[1])


TOOL = SurveyTool(
    name="jisc",
    title="Jisc Online Surveys",
    system=frozenset(
        {"response id", "started", "completed", "timestamp", "start date", "completion date"}
    ),
    fits=_fits,
    ordered=_ordered,
    aliases=("jisc_online_surveys", "online_surveys", "bos"),
    export="Analyse > Export data > CSV (one row per respondent)",
)
