"""The comparison page says how the rounds were compared, with adjusted p and no false certainty."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from behaviours import compare_assessments, load_framework
from behaviours.examples import example
from behaviours.pdf.rendering import render_document
from behaviours.reports.change_text import change_text, design_text, fmt_p
from behaviours.reports.report import build_document
from behaviours.responses.model import Assessment
from behaviours.results.assessing import score_assessment
from behaviours.results.model import Change, Comparison
from strategies.reports import pdf_pages


def _rounds() -> tuple[Assessment, Assessment]:
    """The bundled team, and an earlier round of it with every answer a point lower."""
    after = example("team")
    responses = [
        r.model_copy(
            update={
                "ratings": {
                    k: v if v == "not_able_to_say" else max(1, v - 1) for k, v in r.ratings.items()
                }
            }
        )
        for r in after.responses
    ]
    earlier = after.assessed_on - datetime.timedelta(days=180)
    return after.model_copy(update={"responses": responses, "assessed_on": earlier}), after


@pytest.fixture(scope="module")
def paired() -> tuple[Comparison, str]:
    before, after = _rounds()
    framework = load_framework(after.framework)
    comparison = compare_assessments(before, after, framework)
    document = build_document(score_assessment(after, framework), framework, comparison=comparison)
    return comparison, "\n".join(pdf_pages(render_document(document)))


def test_a_paired_comparison_page_says_who_was_compared_with_whom(
    paired: tuple[Comparison, str],
) -> None:
    comparison, text = paired
    assert comparison.design == "paired"
    flat = " ".join(text.split())
    assert "compared with themselves" in flat
    assert f"{comparison.matched} answered both times" in flat
    assert "adjusted with Holm's method" in flat


def test_a_paired_comparison_page_prints_the_adjusted_p_values(
    paired: tuple[Comparison, str],
) -> None:
    comparison, text = paired
    flat = " ".join(text.split())
    for change in comparison.behaviours:
        if change.p_adjusted is not None:
            assert f"adjusted {fmt_p(change.p_adjusted)}" in flat


def _change(**update: object) -> Change:
    base = Change(
        id="b0",
        before=3.0,
        after=4.0,
        change=1.0,
        normalised_change=25.0,
        se=None,
        ci_low=None,
        ci_high=None,
        exceeds_uncertainty=None,
    )
    return base.model_copy(update=update)


def test_a_degenerate_change_is_no_test_in_words() -> None:
    text = change_text(_change(design="independent", degenerate=True, se=0.0))
    assert "no test" in text
    assert "beyond chance" not in text


def test_a_degenerate_paired_change_says_everyone_moved_alike() -> None:
    assert "changed by the same amount" in change_text(_change(design="paired", degenerate=True))


def test_an_independent_comparison_names_welch() -> None:
    before, after = _rounds()
    framework = load_framework(after.framework)
    renamed = after.model_copy(
        update={
            "responses": [
                r.model_copy(update={"respondent": f"x{i}"}) for i, r in enumerate(after.responses)
            ]
        }
    )
    comparison = compare_assessments(before, renamed, framework)
    assert comparison.design == "independent"
    assert "Welch" in design_text(comparison)


@given(p=st.floats(0, 1))
def test_p_values_print_with_three_decimals_or_as_below_a_thousandth(p: float) -> None:
    text = fmt_p(p)
    assert text == "< 0.001" if p < 0.001 else text == f"{p:.3f}"
