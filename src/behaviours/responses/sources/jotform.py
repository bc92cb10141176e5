"""JotForm: Tables > Download All > Download as CSV.

``Submission Date`` first, then one column per field headed by its label;
``Submission ID`` and ``Submission IP`` when chosen among the columns.
"""

from __future__ import annotations

from behaviours.responses.sources import SurveyTool

TOOL = SurveyTool(
    name="jotform",
    title="JotForm",
    system=frozenset(
        {"submission date", "submission id", "submission ip", "last update date", "ip", "edit link"}
    ),
    signature=frozenset({"submission date"}),
    export="Tables > Download All > Download as CSV",
)
