"""The worked example of docs/scoring.md, number by number, as computed there by hand."""

from __future__ import annotations

import datetime
import math

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


def _team(settings: behaviours.ScoringSettings | None = None) -> Result:
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
    return score(team, framework, settings)


@pytest.fixture(scope="module")
def result() -> Result:
    return _team()


# Keyed answers by item (columns m1..m4; reverse-keyed items turned round, 6 - r):
# asks 4 3 5 2, explores 5 4 5 -, views 3 3 4 3, jumps 4 3 5 2, blames 5 4 5 -.
ITEM_MEANS = (14 / 4, 14 / 3, 13 / 4, 14 / 4, 14 / 3)
ITEM_SDS = (math.sqrt(5 / 3), math.sqrt(1 / 3), 0.5, math.sqrt(5 / 3), math.sqrt(1 / 3))
ITEM_NS = (4, 3, 4, 4, 3)


def test_mean_is_the_mean_of_the_item_means_and_counts_members_with_enough_items(
    result: Result,
) -> None:
    stats = result.behaviour("understanding").score
    assert stats.n == 4  # m4 answered 3 of 5 items, at least min_item_fraction
    assert stats.mean == pytest.approx(sum(ITEM_MEANS) / 5)  # 3.9167
    assert (stats.min, stats.max) == (2, 5)  # the extreme answers, never one member's score


def test_normalised_score_maps_the_scale_to_0_100(result: Result) -> None:
    normalised = result.behaviour("understanding").score.normalised
    assert normalised == pytest.approx(100 * (sum(ITEM_MEANS) / 5 - 1) / 4)  # 72.92


def test_sd_is_the_mean_of_the_item_sample_sds(result: Result) -> None:
    assert result.behaviour("understanding").score.sd == pytest.approx(sum(ITEM_SDS) / 5)  # 0.8473


def test_confidence_interval_is_the_conservative_item_first_one(result: Result) -> None:
    stats = result.behaviour("understanding").score
    spread = sum(s / math.sqrt(n) for s, n in zip(ITEM_SDS, ITEM_NS, strict=True)) / 5
    half = 4.302653 * spread  # t(.975, 2): the smallest item has 3 answers
    mean = sum(ITEM_MEANS) / 5
    assert (stats.ci_low, stats.ci_high) == pytest.approx((mean - half, mean + half), abs=1e-5)


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


def test_a_team_publishes_no_alpha(result: Result) -> None:
    # alpha rests on how each member's own answers go together (docs/privacy.md)
    assert result.behaviour("understanding").alpha is None


def test_four_members_are_too_few_for_agreement_by_default(result: Result) -> None:
    agreement = result.behaviour("understanding").agreement
    assert agreement is not None
    assert (agreement.rwg, agreement.rwg_star, agreement.n) == (None, None, 4)
    assert not agreement.disagreement


def test_rwg_j_and_r_star_wg_j_from_mean_item_variance() -> None:
    # mean item variance 0.85, null variance of 1..5 = 2, r = 0.425
    agreement = _team(behaviours.ScoringSettings(min_rwg_raters=4)).behaviour("understanding")
    assert agreement.agreement is not None
    assert agreement.agreement.rwg == pytest.approx(2.875 / 3.3)  # 5 * 0.575 / (5 * 0.575 + 0.425)
    assert agreement.agreement.rwg_star == pytest.approx(0.575)
    assert agreement.agreement.disagreement  # r*wg(J) 0.575 < 0.70, though rwg(J) is 0.87


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


SELF = {ITEMS[0]: 3, ITEMS[1]: 3, ITEMS[2]: 5}


def test_the_full_360_item_first_example_of_docs_scoring() -> None:
    framework = behaviours.load_framework("compassionate-leadership")
    me = Response(respondent="me", role="self", ratings=SELF)  # type: ignore[arg-type]
    feedback = Assessment(
        framework=framework.id,
        framework_version=framework.version,
        kind="360",
        detail="full",
        subject=Subject(id="s", name="S"),
        assessed_on=datetime.date(2025, 5, 1),
        responses=[
            me,
            *(
                Response(
                    respondent=who, role="peer", ratings=dict(zip(ITEMS[:2], answers, strict=True))
                )  # type: ignore[arg-type]
                for who, answers in PEERS.items()
            ),
        ],
    )
    cfg = behaviours.ScoringSettings(min_item_fraction=0.2, min_rwg_raters=4)
    result = score(feedback, framework, cfg)
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
    assert understanding.agreement.rwg_star == pytest.approx(2 / 3)
    assert understanding.agreement.disagreement  # 0.667 < 0.70
    # self 3.6667 over three items, but the gap is over the two items both answered:
    # ((3 - 4.5) + (3 - 3.0)) / 2 = -0.75, a hidden strength (3.6667 - 3.75 would say -0.08)
    assert understanding.groups["self"].mean == pytest.approx(11 / 3)
    assert understanding.gap == pytest.approx(-0.75)
    assert understanding.flag == "hidden_strength"
