"""Google Forms: "Download responses (.csv)", a .zip holding one CSV.

``Timestamp`` (and ``Email address`` when collected) first, then one column
per question; a multiple-choice grid heads each row ``Question [Row]``, read
by the statement in brackets. The .zip is opened here as downloaded.
"""

from __future__ import annotations

from behaviours.responses.sources import SurveyTool

TOOL = SurveyTool(
    name="google_forms",
    title="Google Forms",
    system=frozenset({"timestamp", "email address", "score"}),
    signature=frozenset({"timestamp"}),
    aliases=("google", "gforms"),
    export="Responses > the three dots > Download responses (.csv)",
)
