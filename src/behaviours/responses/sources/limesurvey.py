"""LimeSurvey: Responses > Export > Export responses, CSV.

UTF-8 with a byte order mark, every cell quoted, comma or semicolon between
cells (the "CSV field separator" option). Its own columns first: ``Response
ID, Date submitted, Last page, Start language, Seed, Date started, Date last
action`` (and ``IP address``, ``Referrer URL`` when recorded). With headings
as "Full question text" an array's rows are ``Question [Subquestion]``; with
"Question code" they are codes (``G01Q03[SQ001]``), matched to the
questionnaire's order. Answers are the full answers, or with "Answer codes"
the option codes LimeSurvey gives by default (``A1``, ``A2`` ... or ``AO01``,
``AO02`` ...), read as the options' positions.
"""

from __future__ import annotations

import re

from behaviours.responses.grid import Framing, norm
from behaviours.responses.sources import SurveyTool

_CODE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:\[[A-Za-z0-9]+\])?")


# Its own columns under "Question code" headings: the database's column names.
_CODED = frozenset({"id", "submitdate", "lastpage", "startlanguage"})


def _fits(tool: SurveyTool, rows: list[list[str]]) -> bool:
    headers = {norm(h) for h in rows[0]}
    return tool.signature <= headers or headers >= _CODED


def _ordered(framing: Framing) -> list[tuple[int, tuple[int, ...]]]:
    """Question-code columns, in the export's order (the survey's)."""
    return [
        (c, (c,))
        for c, text in enumerate(framing.header)
        if c not in framing.system and _CODE.fullmatch(text.strip())
    ]


TOOL = SurveyTool(
    name="limesurvey",
    title="LimeSurvey",
    system=frozenset(
        {
            "response id",
            "date submitted",
            "last page",
            "start language",
            "seed",
            "date started",
            "date last action",
            "ip address",
            "referrer url",
            "token",
            "id",
            "submitdate",
            "lastpage",
            "startlanguage",
            "startdate",
            "datestamp",
            "ipaddr",
            "refurl",
        }
    ),
    signature=frozenset({"response id", "date submitted", "last page", "start language"}),
    codes=lambda k: (f"A{k}", f"AO{k:02d}"),
    fits=_fits,
    ordered=_ordered,
    aliases=("lime",),
    export="Responses > Export > Export responses > CSV; Headings: Full question text; "
    "Responses: Full answers (or Answer codes)",
)
