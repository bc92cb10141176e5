"""The partnership view: per principle and scale over partners, worked by hand, and its privacy.

Worked example (Kirklees Compact, openness, one response per partner):

| partner | shown alone | extent | confidence | own gap (0-100) |
| --- | --- | --- | --- | --- |
| Council | yes | 4 | 2 | 75 - 25 = 50: flagged |
| NHS | yes | 5 | 4 | 100 - 75 = 25 |
| A | no | 3 | 1 | 50 - 0 = 50: flagged |
| B | no | 2 | 2 | 25 - 25 = 0 |
| C | no | 4 | 1 | 75 - 0 = 75: flagged |

Extent: n 5, mean 18 / 5 = 3.6, 0-100 65, partners at 1..5: 0, 1, 1, 2, 1.
Confidence: mean 10 / 5 = 2, 0-100 25. Confidence gap 65 - 25 = 40: flagged;
partners flagged 3. Last year every partner rated extent 3: change +0.6.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from behaviours.errors import ResponsesError
from behaviours.frameworks.catalogue import load_framework
from behaviours.responses.evaluation import Evaluation, EvaluationResponse
from behaviours.responses.model import Rating
from behaviours.results.organisation import EvaluationResult, EvaluationSettings, score_evaluations
from behaviours.results.partnership import PrincipleView, partnership_view

COMPACT = load_framework("kirklees-compact")


def partner(
    name: str, extent: Rating | None, confidence: int | None, *, shown: bool, year: str = "2026"
) -> Evaluation:
    ratings: dict[str, dict[str, Rating]] = {"extent": {}, "confidence": {}}
    if extent is not None:
        ratings["extent"]["openness"] = extent
    if confidence is not None:
        ratings["confidence"]["openness"] = confidence
    return Evaluation(
        framework=COMPACT.id,
        framework_version=COMPACT.version,
        partnership="Kirklees Compact",
        round=year,
        subject={"id": name, "name": name},
        assessed_on=datetime.date(int(year), 3, 27),
        shown_alone=shown,
        responses=[EvaluationResponse(respondent="r", ratings=ratings)],
    )


def worked() -> list[EvaluationResult]:
    return score_evaluations(
        [
            partner("Council", 4, 2, shown=True),
            partner("NHS", 5, 4, shown=True),
            partner("A", 3, 1, shown=False),
            partner("B", 2, 2, shown=False),
            partner("C", 4, 1, shown=False),
        ],
        COMPACT,
    )


def openness(results: list[EvaluationResult], **kwargs: object) -> PrincipleView:
    return partnership_view(results, **kwargs).principles[0]  # type: ignore[arg-type]


def test_the_mean_and_distribution_over_partners_worked_example() -> None:
    extent, confidence = openness(worked()).scales
    assert (extent.n, extent.mean, extent.normalised) == (5, pytest.approx(3.6), pytest.approx(65))
    assert extent.counts == [0, 1, 1, 2, 1]
    assert (confidence.mean, confidence.normalised) == (pytest.approx(2.0), pytest.approx(25))


def test_a_principle_rated_ahead_of_the_partnership_s_confidence_is_flagged() -> None:
    view = openness(worked())
    assert view.confidence_gap == pytest.approx(40)
    assert view.flagged
    assert view.gap_partners == 3


def test_every_summary_names_the_scale_of_its_figures() -> None:
    assert [s.scale for s in openness(worked()).scales] == ["extent", "confidence"]


def test_only_partners_who_agreed_are_shown_by_name() -> None:
    extent, _ = openness(worked()).scales
    assert [(p.organisation, p.mean) for p in extent.named] == [("Council", 4.0), ("NHS", 5.0)]


def test_a_figure_over_two_partners_who_asked_not_to_be_shown_alone_is_withheld() -> None:
    results = worked()[:4]  # Council, NHS (named), A, B: the named could be subtracted
    view = openness(results)
    assert all(s.suppressed and s.mean is None and s.counts is None for s in view.scales)
    assert view.gap_partners is None
    assert view.confidence_gap is None


def test_partners_answering_don_t_know_do_not_count_towards_the_minimum() -> None:
    results = score_evaluations(
        [
            partner("Council", 4, 2, shown=True),
            partner("A", 3, 1, shown=False),
            partner("B", 2, 2, shown=False),
            partner("C", "not_able_to_say", 1, shown=False),
        ],
        COMPACT,
    )
    extent, confidence = openness(results).scales
    assert extent.suppressed
    assert extent.n == 3
    assert not confidence.suppressed


def test_a_smaller_minimum_shows_what_the_default_withholds() -> None:
    view = openness(worked()[:4], settings=EvaluationSettings(min_partners=2))
    assert view.scales[0].mean == pytest.approx(3.5)


def test_named_partners_alone_are_shown_however_few() -> None:
    view = openness(worked()[:2])
    assert view.scales[0].mean == pytest.approx(4.5)


def test_half_way_between_two_points_counts_at_the_higher() -> None:
    four = partner("Council", 3, 3, shown=True)
    people = [
        EvaluationResponse(respondent=f"r{i}", ratings={"extent": {"openness": 3 + i % 2}})
        for i in range(4)
    ]
    results = score_evaluations([four.model_copy(update={"responses": people})], COMPACT)
    extent = openness(results).scales[0]
    assert extent.mean == 3.5
    assert extent.counts == [0, 0, 0, 1, 0]


def test_change_since_last_year_is_the_difference_of_the_published_means() -> None:
    before = score_evaluations(
        [
            partner(n, 3, 3, shown=s, year="2025")
            for n, s in [("Council", True), ("A", False), ("B", False), ("C", False)]
        ],
        COMPACT,
    )
    extent, _ = openness(worked(), previous=before).scales
    assert (extent.previous_n, extent.previous_mean) == (4, 3.0)
    assert extent.change == pytest.approx(0.6)


def test_no_change_is_given_against_a_withheld_figure_of_last_year() -> None:
    before = score_evaluations(
        [partner(n, 3, 3, shown=s, year="2025") for n, s in [("Council", True), ("A", False)]],
        COMPACT,
    )
    extent, _ = openness(worked(), previous=before).scales
    assert extent.previous_mean is None
    assert extent.change is None


def test_partners_of_different_rounds_are_refused_with_where() -> None:
    results = worked() + score_evaluations([partner("D", 3, 3, shown=False, year="2025")], COMPACT)
    with pytest.raises(ResponsesError) as caught:
        partnership_view(results)
    assert [p.path for p in caught.value.problems] == ["[5].round"]


def test_a_partner_evaluated_twice_is_refused() -> None:
    with pytest.raises(ResponsesError, match="evaluated twice"):
        partnership_view([*worked(), worked()[0]])


# Privacy: a partner that asked not to be shown alone is never recoverable by subtracting
# the named partners' own figures from a published figure (docs/privacy.md).

partners = st.lists(
    st.tuples(st.booleans(), st.one_of(st.none(), st.integers(1, 5)), st.integers(1, 5)),
    min_size=1,
    max_size=8,
)


@given(partners, st.integers(2, 4))
def test_no_published_figure_rests_on_fewer_hidden_partners_than_the_minimum(
    found: list[tuple[bool, int | None, int]], minimum: int
) -> None:
    evaluations = [
        partner(f"p{i}", extent if extent is not None else "not_able_to_say", c, shown=shown)
        for i, (shown, extent, c) in enumerate(found)
    ]
    results = score_evaluations(evaluations, COMPACT)
    view = openness(results, settings=EvaluationSettings(min_partners=minimum))
    for scale, summary in zip(("extent", "confidence"), view.scales, strict=True):
        behind = [
            r for r in results if r.results[scale].behaviour("openness").score.mean is not None
        ]
        hidden = sum(not r.shown_alone for r in behind)
        published = summary.mean is not None or summary.counts is not None
        assert not published or hidden == 0 or hidden >= minimum


@given(partners)
def test_the_attack_of_subtracting_named_partners_recovers_no_hidden_partner(
    found: list[tuple[bool, int | None, int]],
) -> None:
    evaluations = [
        partner(f"p{i}", extent if extent is not None else "not_able_to_say", c, shown=shown)
        for i, (shown, extent, c) in enumerate(found)
    ]
    view = openness(score_evaluations(evaluations, COMPACT))
    extent = view.scales[0]
    if extent.mean is None:
        return
    named_total = sum(p.mean or 0 for p in extent.named)
    hidden = extent.n - len(extent.named)
    # What an attacker learns is the hidden partners' total; with one or two of them it
    # would be a partner's own rating (or a pair a partner knows half of).
    assert hidden == 0 or hidden >= EvaluationSettings().min_partners
    assert extent.mean * extent.n - named_total == pytest.approx(
        sum(e for s, e, _ in found if not s and e is not None)
    )
