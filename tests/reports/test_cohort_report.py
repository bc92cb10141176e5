"""The cohort report: its parts, withheld cells kept withheld, and hostile unit names."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings

from behaviours import render_cohort_report, score
from behaviours.examples import cohort_rounds, cohort_units
from behaviours.frameworks.catalogue import load_framework
from behaviours.pdf.pages import page_count
from behaviours.reports.cohort import build_cohort_document
from behaviours.reports.document import DotPlot, Table
from behaviours.responses.model import Assessment
from behaviours.results.cohort import CohortTable, Norm, ProgrammeEvaluation
from behaviours.results.cohorting import build_norm, cohort_table, evaluate_programme, parse_units
from behaviours.results.model import Result
from strategies.reports import hostile_text, pdf_pages

NAME = "Compassionate leadership programme 2025-26"


@pytest.fixture(scope="module")
def figures() -> tuple[CohortTable, ProgrammeEvaluation, Norm]:
    before, after = ([score(a) for a in r] for r in cohort_rounds())
    table = cohort_table(after, parse_units(cohort_units(), "team"), by="team")
    return (
        table,
        evaluate_programme(before, after),
        build_norm(before, name="Leaders, September 2025"),
    )


@pytest.fixture(scope="module")
def pages(figures: tuple[CohortTable, ProgrammeEvaluation, Norm]) -> list[str]:
    table, evaluation, norm = figures
    return pdf_pages(render_cohort_report(table, name=NAME, evaluation=evaluation, norm=norm))


def test_the_report_has_every_part_in_order(pages: list[str]) -> None:
    text = "\n".join(pages)
    parts = [
        "COHORT REPORT",
        "How to read this report",
        "Behaviours by team",
        "The same figures, with their intervals",
        "Behaviours ranked",
        "Did the programme change anything?",
        "Norms",
    ]
    positions = [text.index(p) for p in parts]
    assert positions == sorted(positions)


def test_a_withheld_team_prints_as_withheld_never_as_a_number(
    figures: tuple[CohortTable, ProgrammeEvaluation, Norm],
) -> None:
    table, _, _ = figures
    document = build_cohort_document(table, load_framework(table.framework.id), name=NAME)
    heatmaps = [b for b in document.blocks if isinstance(b, Table) and b.shades]
    hub = next(h for h in heatmaps if "Discharge Hub" in h.header)
    column = hub.header.index("Discharge Hub")
    assert {row[column] for row in hub.rows} == {"withheld"}
    assert {shade[column] for shade in hub.shades} == {None}


def test_every_heatmap_cell_prints_its_number_and_n(
    figures: tuple[CohortTable, ProgrammeEvaluation, Norm],
) -> None:
    table, _, _ = figures
    document = build_cohort_document(table, load_framework(table.framework.id), name=NAME)
    for block in document.blocks:
        if isinstance(block, Table) and block.shades:
            for row, shades in zip(block.rows, block.shades, strict=True):
                for text, shade in zip(row[1:], shades[1:], strict=True):
                    assert shade is None or "(n " in text


def test_the_evaluation_draws_each_behaviours_change_with_its_interval(
    figures: tuple[CohortTable, ProgrammeEvaluation, Norm],
) -> None:
    table, evaluation, _ = figures
    document = build_cohort_document(
        table, load_framework(table.framework.id), name=NAME, evaluation=evaluation
    )
    (plot,) = [b for b in document.blocks if isinstance(b, DotPlot)]
    assert [s.values[0] for s in plot.series] == [b.change for b in evaluation.behaviours]
    assert all(i is not None for i in plot.intervals)
    assert plot.scale.min < 0 < plot.scale.max


def test_the_norm_page_prints_the_norm_n_and_dates(pages: list[str]) -> None:
    norms = pages[-1]
    assert "Leaders, September 2025" in norms
    assert "15 September 2025" in norms


def test_the_same_figures_give_the_same_bytes(
    figures: tuple[CohortTable, ProgrammeEvaluation, Norm],
) -> None:
    table, evaluation, norm = figures
    first = render_cohort_report(table, name=NAME, evaluation=evaluation, norm=norm)
    assert render_cohort_report(table, name=NAME, evaluation=evaluation, norm=norm) == first
    assert page_count(first) == 8


def _person(subject: str, k: int) -> Result:
    ratings = {
        b: 1 + (k + j) % 5
        for j, b in enumerate(("attending", "understanding", "empathising", "helping"))
    }
    return score(
        Assessment.model_validate(
            {
                "framework": "compassionate-leadership",
                "framework_version": "1.0",
                "kind": "quick",
                "detail": "quick",
                "subject": {"id": subject, "name": subject},
                "assessed_on": datetime.date(2025, 9, 15),
                "responses": [{"respondent": subject, "role": "self", "ratings": ratings}],
            }
        )
    )


PEOPLE = [_person(f"K{k}", k) for k in range(12)]


@given(hostile_text, hostile_text)
@settings(max_examples=25, deadline=None)
def test_any_unit_name_and_cohort_name_render(unit: str, name: str) -> None:
    units = {p.subject.id: (unit if k < 6 else "Others") or "-" for k, p in enumerate(PEOPLE)}
    table = cohort_table(PEOPLE, units, by="team")
    assert page_count(render_cohort_report(table, name=name or "-")) >= 4
