"""The organisation self-evaluation report, the partnership report and the paper form."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from behaviours.examples import partnership_examples
from behaviours.frameworks.catalogue import load_framework
from behaviours.pdf.rendering import render_document
from behaviours.questionnaires.evaluation import build_evaluation_questionnaire
from behaviours.reports.document import FormField, Heading, Table
from behaviours.reports.evaluation_form import evaluation_form_document
from behaviours.reports.organisation import evaluation_document
from behaviours.reports.partnership import partnership_document
from behaviours.responses.evaluation import Evaluation, EvaluationResponse, Plan
from behaviours.results.organisation import score_evaluation, score_evaluations
from behaviours.results.partnership import partnership_view

COMPACT = load_framework("kirklees-compact")
ICF = load_framework("working-alongside")


def _round(framework_id: str, round_id: str) -> list[Evaluation]:
    return [e for e in partnership_examples() if (e.framework, e.round) == (framework_id, round_id)]


def _one(evidence: str = "Minutes are published", plan: str = "Publish decisions") -> Evaluation:
    return Evaluation(
        framework=COMPACT.id,
        framework_version=COMPACT.version,
        partnership="Kirklees Compact",
        round="2026",
        subject={"id": "cvc", "name": "Colne Valley Council"},
        assessed_on=datetime.date(2026, 3, 27),
        responses=[
            EvaluationResponse(
                respondent="r",
                ratings={"extent": {"openness": 4}, "confidence": {"openness": 1}},
                evidence={"openness": evidence},
                plans={"openness": Plan(what=plan, by=datetime.date(2026, 9, 30), who="Chair")},
            )
        ],
    )


def _headings(blocks: tuple[object, ...]) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Heading)]


def test_the_organisation_report_has_a_how_to_read_page_with_both_scales() -> None:
    document = evaluation_document(score_evaluation(_one(), COMPACT), COMPACT)
    assert "How to read this report" in _headings(document.blocks)
    captions = [b.caption for b in document.blocks if isinstance(b, Table)]
    assert {"How far", "Confidence"} <= set(captions)


def test_the_organisation_report_prints_ratings_evidence_and_plan() -> None:
    text = evaluation_document(score_evaluation(_one(), COMPACT), COMPACT).text()
    assert "4.00 (Mostly)" in text
    assert "1.00 (Not confident)" in text
    assert "Minutes are published" in text
    assert "Publish decisions | – | 30 September 2026 | Chair" in text


def test_the_organisation_report_names_the_rating_ahead_of_its_confidence() -> None:
    document = evaluation_document(score_evaluation(_one(), COMPACT), COMPACT)
    assert "Where the rating runs ahead of the confidence" in _headings(document.blocks)
    assert "Openness | 4.00 (Mostly) | 1.00 (Not confident) | yes: talk it through" in (
        document.text()
    )


@settings(max_examples=15)
@given(st.text(min_size=1, max_size=300).filter(str.strip))
def test_any_evidence_prints_as_written_in_the_pdf(evidence: str) -> None:
    document = evaluation_document(score_evaluation(_one(evidence=evidence), COMPACT), COMPACT)
    assert evidence.strip() in document.text()
    assert render_document(document).startswith(b"%PDF")


def test_the_partnership_report_withholds_what_would_expose_a_partner() -> None:
    current = score_evaluations(_round("kirklees-compact", "2026"), COMPACT)
    document = partnership_document(partnership_view(current), COMPACT)
    assert "Diversity | withheld (n = 4) | withheld (n = 4) | – | withheld" in document.text()


def test_the_partnership_report_shows_by_name_only_partners_who_agreed() -> None:
    current = score_evaluations(_round("kirklees-compact", "2026"), COMPACT)
    document = partnership_document(partnership_view(current), COMPACT)
    named = {
        row[0]
        for b in document.blocks
        if isinstance(b, Table) and b.header[0] == "Shown by name"
        for row in b.rows
    }
    assert named == {"Colne Valley Council", "North Kirklees Community Health NHS Trust"}


def test_the_partnership_report_gives_the_change_since_last_year() -> None:
    current = score_evaluations(_round("working-alongside", "2026"), ICF)
    before = score_evaluations(_round("working-alongside", "2025"), ICF)
    document = partnership_document(partnership_view(current, before), ICF)
    text = document.text()
    assert "Compared with | round 2025" in text
    assert "How to read this report" in _headings(document.blocks)
    assert "Questions for the annual review" in _headings(document.blocks)


def test_both_reports_render_for_the_example_partnership() -> None:
    current = score_evaluations(_round("working-alongside", "2026"), ICF)
    assert render_document(evaluation_document(current[0], ICF)).startswith(b"%PDF")
    view = partnership_view(current)
    assert render_document(partnership_document(view, ICF)).startswith(b"%PDF")


def test_the_paper_form_prints_every_column_id() -> None:
    form = build_evaluation_questionnaire(ICF)
    document = evaluation_form_document(form, date=datetime.date(2026, 1, 5))
    text = document.text()
    hints = {b.hint for b in document.blocks if isinstance(b, FormField)}
    for item in form.items:
        assert all(f"[{r.id}]" in text for r in item.ratings)
        assert f"[{item.evidence_id}]" in hints
    assert {f"[{p.id}]" for p in form.plans} <= hints
    assert render_document(document).startswith(b"%PDF")
