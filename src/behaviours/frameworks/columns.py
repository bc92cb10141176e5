"""Columns of a responses table that are not questions: one list for importer and validator.

The importer reads ``META`` columns as who answered about whom, and skips the
columns survey tools add of their own (``DEFAULT_IGNORED``); a framework whose
item were named like one of them would have that item read as a subject or
dropped as a time stamp, so the validator refuses such ids (``RESERVED``).
"""

from __future__ import annotations

__all__ = ["DEFAULT_IGNORED", "META", "RESERVED", "SURVEY_TOOLS"]

# The survey tools' own columns, lower case (headers are compared case- and space-insensitively).
DEFAULT_IGNORED = frozenset(
    {
        # Microsoft Forms
        "id", "start time", "completion time", "email", "name", "last modified time",
        # Google Forms
        "timestamp", "email address", "score",
        # Qualtrics and SurveyMonkey
        "responseid", "response id", "startdate", "enddate", "recordeddate", "ipaddress",
        "respondent id", "collector id", "start date", "end date", "ip address",
    }
)  # fmt: skip
# Columns with a meaning of their own in a long or wide responses table.
META = ("subject", "subject_id", "respondent", "role", "item", "rating", "comment")
RESERVED = frozenset(META) | DEFAULT_IGNORED
# The survey tools whose exports have a reader of their own (``responses/sources/``, a module
# each; a test keeps the two in step), and the project's own item-id layout: ``--source`` choices.
SURVEY_TOOLS = (
    "behaviours", "google_forms", "jisc", "jotform", "limesurvey", "microsoft_forms",
    "qualtrics", "smartsurvey", "surveymonkey", "typeform",
)  # fmt: skip
