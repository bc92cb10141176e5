"""The worked example of docs/scoring.md, number by number, as computed there by hand."""

from __future__ import annotations

import datetime

import pytest

import behaviours
from behaviours import score
from behaviours.responses.model import Assessment, Response, Subject
from behaviours.results.model import Result

ITEMS = [
    "understanding.asks-questions",
    "understanding.explores-causes",
    "understanding.different-views",
    "understanding.jumps-to-conclusions",
    "understanding.blames",
]
ANSWERS: dict[str, list[int | str | None]] = {
    "m1": [4, 5, 3, 2, 1],
    "m2": [3, 4, 3, 3, 2],
    "m3": [5, 5, 4, 1, 1],
    "m4": [2, "not_able_to_say", 3, 4, None],
}


@pytest.fixture(scope="module")
def result() -> Result:
    framework = behaviours.load_framework("compassionate-leadership")
    responses = [
        Response(
            respondent=who,
            role="member",
            ratings={i: r for i, r in zip(ITEMS, ratings, strict=True) if r is not None},  # type: ignore[misc]
        )
        for who, ratings in ANSWERS.items()
    ]
    team = Assessment(
        framework=framework.id,
        framework_version=framework.version,
        kind="team",
        detail="full",
        subject=Subject(id="ward-7", name="Ward 7"),
        assessed_on=datetime.date(2025, 5, 1),
        responses=responses,
    )
    return score(team, framework)


def test_mean_counts_each_member_with_enough_items_once(result: Result) -> None:
    stats = result.behaviour("understanding").score
    assert stats.n == 4
    assert stats.mean == pytest.approx((4.2 + 3.4 + 4.8 + 7 / 3) / 4)
    assert stats.min == pytest.approx(7 / 3)
    assert stats.max == pytest.approx(4.8)


def test_normalised_score_maps_the_scale_to_0_100(result: Result) -> None:
    assert result.behaviour("understanding").score.normalised == pytest.approx(67.083333, abs=1e-6)


def test_sd_is_the_sample_sd(result: Result) -> None:
    assert result.behaviour("understanding").score.sd == pytest.approx(1.067187, abs=1e-6)


def test_confidence_interval_uses_t_with_n_minus_1_degrees_of_freedom(result: Result) -> None:
    stats = result.behaviour("understanding").score
    assert (stats.ci_low, stats.ci_high) == pytest.approx((1.985200, 5.381467), abs=1e-6)


def test_counts_and_not_able_to_say_are_of_keyed_answers(result: Result) -> None:
    stats = result.behaviour("understanding").score
    assert stats.counts == [0, 2, 5, 5, 6]
    assert stats.n_not_able_to_say == 1


def test_items_are_reverse_keyed_and_counted_over_their_answerers(result: Result) -> None:
    items = {it.id: it for it in result.behaviour("understanding").items}
    jumps = items["understanding.jumps-to-conclusions"]
    assert jumps.reverse
    assert jumps.score.mean == pytest.approx(3.5)
    assert items["understanding.explores-causes"].score.n == 3


def test_alpha_uses_the_complete_cases(result: Result) -> None:
    alpha = result.behaviour("understanding").alpha
    assert alpha is not None
    assert alpha.n == 3
    assert alpha.alpha == pytest.approx(5 / 4 * (1 - 3 / (37 / 3)))


def test_rwg_j_from_mean_item_variance(result: Result) -> None:
    agreement = result.behaviour("understanding").agreement
    assert agreement is not None
    assert agreement.rwg == pytest.approx(2.875 / 3.3)
    assert not agreement.disagreement


def test_behaviours_without_answers_are_insufficient_not_zero(result: Result) -> None:
    stats = result.behaviour("attending").score
    assert stats.insufficient
    assert stats.mean is None
    assert result.strengths == []


PEERS: dict[str, list[int | str]] = {
    "A": [4, 2],
    "B": [4, 3],
    "C": [5, 4],
    "D": [5, "not_able_to_say"],
}


def test_the_full_360_item_first_example_of_docs_scoring() -> None:
    framework = behaviours.load_framework("compassionate-leadership")
    feedback = Assessment(
        framework=framework.id,
        framework_version=framework.version,
        kind="360",
        detail="full",
        subject=Subject(id="s", name="S"),
        assessed_on=datetime.date(2025, 5, 1),
        responses=[
            Response(
                respondent=who, role="peer", ratings=dict(zip(ITEMS[:2], answers, strict=True))
            )  # type: ignore[arg-type]
            for who, answers in PEERS.items()
        ],
    )
    result = score(feedback, framework, behaviours.ScoringSettings(min_item_fraction=0.2))
    understanding = result.behaviour("understanding")
    others = understanding.score
    assert [i.score.mean for i in understanding.items[:2]] == [4.5, 3.0]
    assert (others.n, others.mean) == (4, 3.75)
    assert round(others.sd, 4) == 0.7887  # the mean of the item SDs  # type: ignore[arg-type]
    assert (others.min, others.max) == (2, 5)  # the extreme answers
    assert (round(others.ci_low, 4), round(others.ci_high, 4)) == (1.8869, 5.6131)  # type: ignore[arg-type]
    assert understanding.alpha is None
    assert others.counts == [0, 1, 1, 3, 2]
    assert understanding.agreement is not None
    assert understanding.agreement.rwg == pytest.approx(0.8)
