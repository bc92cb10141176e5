"""SmartSurvey: Results > Export > Standard export (CSV), or its API export.

Three header rows: its own columns and each question's number and text
(``Q3. Attending``) over the question's first column; under a matrix, each
row's number and statement (``Q3.1. They give people ...``); the third row
names the answer option of a column where a question has one column per
option (blank otherwise). A column is read by its most specific text, the
numbers taken off. The API export writes an apostrophe as ``@SQ@`` (and a
double quote as ``@DQ@``), in headers and answers alike.
"""

from __future__ import annotations

import re

from behaviours.responses.grid import Framing, norm
from behaviours.responses.sources import SurveyTool, check_header_rows

_NUMBER = re.compile(r"^\s*Q\d+(?:\.\d+)*\.\s*")
_GENERIC = frozenset({"", "response", "answer", "open-ended response", "comments"})


def unescape(text: str) -> str:
    """A cell as it was typed: SmartSurvey's ``@SQ@`` and ``@DQ@`` made quotes again."""
    if "@" not in text:
        return text
    return text.replace("@SQ@", "'").replace("@DQ@", '"')


def _frame(tool: SurveyTool, rows: list[list[str]], name: str) -> Framing:
    first = rows[0]
    width = len(first)
    lower = [([*r, *[""] * width][:width]) for r in rows[1:3]]
    system = frozenset(c for c, h in enumerate(first) if norm(h) in tool.system)
    check_header_rows(tool, rows, system, name)
    header, question = [], ""
    for c, text in enumerate(first):
        if c in system:
            header.append(text)
            continue
        question = _NUMBER.sub("", unescape(text)).strip() or question
        specific = [_NUMBER.sub("", unescape(r[c])).strip() for r in lower]
        chosen = next((s for s in reversed(specific) if norm(s) not in _GENERIC), "")
        header.append(f"{question} [{chosen}]" if chosen else question)
    return Framing(header, 1 + len(lower), tool.name, system, fix=unescape)


TOOL = SurveyTool(
    name="smartsurvey",
    title="SmartSurvey",
    system=frozenset(
        {
            "userid",
            "userno",
            "name",
            "email",
            "ip address",
            "unique id",
            "started",
            "ended",
            "tracking link",
            "custom field 1",
        }
    ),
    signature=frozenset({"userid", "userno", "tracking link"}),
    header_rows=3,
    frame=_frame,
    aliases=("smart_survey",),
    export="Results > Export > New export > Standard export > CSV",
)
