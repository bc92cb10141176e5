"""Typeform: Results > Responses > Download all responses, CSV.

``#`` (its response token) first, then one column per question headed by its
title, then ``Response Type, Start Date (UTC), Stage Date (UTC), Submit Date
(UTC), Network ID, Tags``.
"""

from __future__ import annotations

from behaviours.responses.sources import SurveyTool

TOOL = SurveyTool(
    name="typeform",
    title="Typeform",
    system=frozenset(
        {
            "#",
            "response type",
            "start date (utc)",
            "stage date (utc)",
            "submit date (utc)",
            "network id",
            "tags",
            "ending",
        }
    ),
    signature=frozenset({"#", "submit date (utc)"}),
    export="Results > Responses > Download all responses > CSV",
)
