"""The project's own layout: columns headed by item ids (or prompts), ``subject``, ``role``.

What ``behaviours questionnaire`` describes and a spreadsheet typed by hand
uses; also the fallback for any export no other reader recognises, so it
skips the columns survey tools commonly add (``DEFAULT_IGNORED``).
"""

from __future__ import annotations

from behaviours.frameworks.columns import DEFAULT_IGNORED
from behaviours.responses.sources import SurveyTool

TOOL = SurveyTool(
    name="behaviours",
    title="the item-id layout",
    system=DEFAULT_IGNORED,
    aliases=("own", "ours", "item_ids"),
    export="columns headed by item ids, as 'behaviours questionnaire' lists them",
)
