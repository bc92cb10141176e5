"""Qualtrics: Data & Analysis > Export & Import > Export data, CSV or TSV.

Three header rows: the export tags (``StartDate``, ``Q3_1``), the question
texts in the respondent's language (a matrix statement as ``Question -
Statement``), and ``{"ImportId": ...}`` cells. The ImportIds do not depend on
the language: its own columns (``startDate``, ``status``, ``progress``, ...)
are known by them, and when the texts match nothing (a survey translated into
Welsh, say) the question columns are matched by their ids (``QID3_1``: the
first statement of the third question) to the questionnaire's order. With
"Use numeric values" an answer is its option's number (1 for the first
option, the last for "not able to say"), and a role is the number of its
option too. "Download Data Table as TSV" is UTF-16 with a byte order mark,
which the reader decodes whatever ``encoding`` says.
"""

from __future__ import annotations

import json
import re

from behaviours.responses.grid import Framing, norm
from behaviours.responses.sources import SurveyTool

_IMPORT_IDS = frozenset(
    {
        "startdate", "enddate", "status", "ipaddress", "progress", "duration", "finished",
        "recordeddate", "_recordid", "recipientlastname", "recipientfirstname",
        "recipientemail", "externaldatareference", "locationlatitude", "locationlongitude",
        "distributionchannel", "userlanguage", "q_recaptchascore", "q_relevantidduplicate",
    }
)  # fmt: skip
_QID = re.compile(r"QID(\d+)(?:_(\d+))?(?:_TEXT)?", re.IGNORECASE)
_TAG = re.compile(r"Q(\d+)(?:_(\d+))?(?:_TEXT)?", re.IGNORECASE)


def _import_id(cell: str) -> str | None:
    text = cell.strip()
    if not text.startswith('{"ImportId"'):
        return None
    try:
        found = json.loads(text).get("ImportId")
    except (ValueError, AttributeError):
        return None
    return found if isinstance(found, str) else None


def _has_import_ids(rows: list[list[str]]) -> bool:
    cells = [c for c in rows[2] if c.strip()] if len(rows) > 2 else []
    return bool(cells) and all(_import_id(c) is not None for c in cells)


def _fits(tool: SurveyTool, rows: list[list[str]]) -> bool:
    return _has_import_ids(rows) or tool.signature <= {norm(h) for h in rows[0]}


def _frame(tool: SurveyTool, rows: list[list[str]], name: str) -> Framing:
    tags = rows[0]
    if not _has_import_ids(rows):  # rows 2 and 3 taken out (a common clean-up): tags only
        system = frozenset(c for c, h in enumerate(tags) if norm(h) in tool.system)
        return Framing(tags, 1, tool.name, system)
    texts, ids = rows[1], [_import_id(c) or "" for c in rows[2]]
    width = len(tags)
    texts = [*texts, *[""] * (width - len(texts))][:width]
    ids = [*ids, *[""] * (width - len(ids))][:width]
    system = frozenset(
        c for c in range(width) if ids[c].casefold() in _IMPORT_IDS or norm(tags[c]) in tool.system
    )
    header = [texts[c] or tags[c] for c in range(width)]
    return Framing(header, 3, tool.name, system, tuple(tags), tuple(ids))


def _ordered(framing: Framing) -> list[tuple[int, tuple[int, ...]]]:
    """Question columns by their ImportIds (``QID3_1``), or their export tags (``Q3_1``)."""
    found = []
    for c, text in enumerate(framing.keys or framing.header):
        match = (_QID if framing.keys else _TAG).fullmatch(text.strip())
        if match is not None and c not in framing.system:
            found.append((c, (int(match[1]), int(match[2] or 0))))
    return sorted(found, key=lambda one: one[1])


TOOL = SurveyTool(
    name="qualtrics",
    title="Qualtrics",
    system=frozenset(
        {
            "startdate",
            "enddate",
            "status",
            "ipaddress",
            "progress",
            "duration (in seconds)",
            "finished",
            "recordeddate",
            "responseid",
            "recipientlastname",
            "recipientfirstname",
            "recipientemail",
            "externalreference",
            "locationlatitude",
            "locationlongitude",
            "distributionchannel",
            "userlanguage",
            "q_recaptchascore",
        }
    ),
    signature=frozenset({"startdate", "enddate", "responseid"}),
    header_rows=3,
    codes=lambda k: (str(k),),
    frame=_frame,
    fits=_fits,
    ordered=_ordered,
    export="Data & Analysis > Export & Import > Export data > CSV (or TSV), "
    "'Use choice text' or 'Use numeric values'",
)
