"""A subject name that fills the confidentiality box still renders (it splits across pages)."""

import behaviours
from behaviours.examples import examples
from behaviours.pdf.pages import page_count


def test_360_report_renders_a_name_made_of_many_lines() -> None:
    assessment = next(a for a in examples() if a.kind == "360")
    subject = assessment.subject.model_copy(update={"name": "Zoë\n" * 40})
    result = behaviours.score(assessment.model_copy(update={"subject": subject}))
    normal = page_count(behaviours.render_report(behaviours.score(assessment)))
    assert page_count(behaviours.render_report(result)) > normal
