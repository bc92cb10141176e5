"""Microsoft Forms: "Open results in Excel" (an .xlsx; saved from Excel as CSV, often cp1252).

Its own columns come first (``ID, Start time, Completion time, Email, Name,
Last modified time``), then one column per question, a Likert question's rows
each headed by the statement. When the form collects names, Forms fills
*Name* itself, so a self-assessment form without our "Please give your name."
question names its subject there.
"""

from __future__ import annotations

from behaviours.responses.sources import SurveyTool

TOOL = SurveyTool(
    name="microsoft_forms",
    title="Microsoft Forms",
    system=frozenset(
        {
            "id",
            "start time",
            "completion time",
            "email",
            "name",
            "last modified time",
            "total points",
            "quiz feedback",
        }
    ),
    signature=frozenset({"id", "start time", "completion time"}),
    subject_column="name",
    aliases=("forms", "msforms", "microsoft"),
    export="Responses > Open results in Excel (the .xlsx is read as downloaded)",
)
