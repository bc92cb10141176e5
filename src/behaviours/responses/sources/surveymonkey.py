"""SurveyMonkey: Analyze Results > Save As > Export file > All responses data, CSV or XLSX.

Two header rows. Row 1 holds its own columns (``Respondent ID, Collector ID,
Start Date, End Date, IP Address, Email Address, First Name, Last Name,
Custom Data 1``) and each question's text over its first column; row 2 holds,
under a matrix question, each statement (``Response`` or ``Open-Ended
Response`` under a question of one column). A column is read by its statement,
``Question [statement]`` as a Google Forms grid. A rating scale's optional
"N/A" column is "not able to say".
"""

from __future__ import annotations

from behaviours.responses.grid import Framing, norm
from behaviours.responses.sources import SurveyTool, check_header_rows

_PLAIN = frozenset({"", "response", "open-ended response", "other (please specify)"})


def _frame(tool: SurveyTool, rows: list[list[str]], name: str) -> Framing:
    first = rows[0]
    second = rows[1] if len(rows) > 1 else []
    system = frozenset(c for c, h in enumerate(first) if norm(h) in tool.system)
    check_header_rows(tool, rows, system, name)
    header, question = [], ""
    for c, text in enumerate(first):
        question = text.strip() or question if c not in system else ""
        sub = second[c].strip() if c < len(second) else ""
        header.append(text if c in system or norm(sub) in _PLAIN else f"{question} [{sub}]")
    return Framing(header, 2, tool.name, system)


TOOL = SurveyTool(
    name="surveymonkey",
    title="SurveyMonkey",
    system=frozenset(
        {
            "respondent id",
            "collector id",
            "start date",
            "end date",
            "ip address",
            "email address",
            "first name",
            "last name",
            "custom data 1",
            "custom data 2",
        }
    ),
    signature=frozenset({"respondent id", "collector id"}),
    header_rows=2,
    not_able_to_say=("n/a",),
    frame=_frame,
    aliases=("monkey", "survey_monkey"),
    export="Analyze Results > Save As > Export file > All responses data > CSV (or XLSX), "
    "'Actual answer text', columns 'Expanded'",
)
