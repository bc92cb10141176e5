"""Attacks on the item analysis: what it publishes must not let a reader work out one rater's
answers, alone or with the results published for the same round (docs/privacy.md).

The analysis pools only answers that a published result already covers, so every
pooled item count is a sum of published counts, and an answer no result shows
(an item too few raters answered, a 360 with too few raters, a team below
min_team) changes nothing it publishes.
"""

from __future__ import annotations

import pytest

from behaviours import score
from behaviours.errors import ResponsesError
from behaviours.responses.model import NOT_ABLE_TO_SAY, Assessment, Response
from behaviours.results.quality import analyse
from behaviours.scoring.item_analysis import MIN_SUBJECTS
from strategies.analysis import structured
from strategies.responses import make_framework

FW = make_framework([(3, 1, "five"), (2, 1, "five")])
ITEM = "b0.d1"


def _with(a: Assessment, change: dict[int, dict[str, int | str]]) -> Assessment:
    """``a`` with rater ``r``'s answers updated by ``change[r]`` (raters counted after self)."""
    raters = [r for r in a.responses if r.role != "self"]
    updated = {
        id(raters[r]): raters[r].model_copy(update={"ratings": {**raters[r].ratings, **c}})
        for r, c in change.items()
    }
    return a.model_copy(update={"responses": [updated.get(id(r), r) for r in a.responses]})


def _round(**kinds: int) -> list[Assessment]:
    return structured(FW, "360", subjects=6, respondents=6, subject_effect=0.4, **kinds)


def _suppressed_item(rating: int) -> list[Assessment]:
    """Subject 0's item ITEM answered by two raters only (the rest cannot say): suppressed."""
    found = _round()
    nas: dict[int, dict[str, int | str]] = {r: {ITEM: NOT_ABLE_TO_SAY} for r in range(2, 6)}
    return [_with(found[0], {0: {ITEM: rating}, **nas}), *found[1:]]


def test_an_answer_no_result_shows_changes_nothing_the_analysis_publishes() -> None:
    low, high = (analyse(_suppressed_item(r), FW) for r in (1, 5))
    assert low.withheld_answers == 2
    assert low.model_dump() == high.model_dump()


def test_the_suppressed_item_really_is_withheld_from_the_subjects_result() -> None:
    result = score(_suppressed_item(1)[0], FW)
    item = next(i for b in result.behaviours for i in b.items if i.id == ITEM)
    assert item.score.suppressed


def test_pooled_item_counts_are_sums_of_published_counts() -> None:
    answers = _suppressed_item(3)
    quality = analyse(answers, FW)
    results = [score(a, FW) for a in answers]
    for b in quality.behaviours:
        for item in b.items:
            published = [
                i.score.n
                for r in results
                for rb in r.behaviours
                for i in rb.items
                if i.id == item.id and not i.score.suppressed
            ]
            assert item.n == sum(published)


def test_pooled_not_able_to_say_counts_are_sums_of_published_counts() -> None:
    # Attack on the merge: the pooling mask follows item figures, but "not able to say"
    # answers are pooled for every item of a subject who is in; each must be a count the
    # subject's result publishes (a suppressed item's figure still shows it).
    answers = _suppressed_item(3)
    quality = analyse(answers, FW)
    results = [score(a, FW) for a in answers]
    for b in quality.behaviours:
        for item in b.items:
            published = [
                i.score.n_not_able_to_say
                for r in results
                for rb in r.behaviours
                for i in rb.items
                if i.id == item.id
            ]
            assert item.n_not_able_to_say == sum(published)


def test_a_360_with_too_few_raters_is_left_out_whatever_they_said() -> None:
    found = _round()
    two = found[0].model_copy(update={"responses": found[0].responses[:3]})  # self + 2 raters
    low = analyse([_with(two, {0: {ITEM: 1}}), *found[1:]], FW)
    high = analyse([_with(two, {0: {ITEM: 5}}), *found[1:]], FW)
    assert low.excluded_subjects == 1
    assert low.model_dump() == high.model_dump()


def test_a_team_below_min_team_is_left_out_whatever_they_said() -> None:
    teams = structured(FW, "team", subjects=6, respondents=5)
    small = teams[0].model_copy(update={"responses": teams[0].responses[:2]})
    one, other = (
        analyse([_with(small, {0: {ITEM: v}}), *teams[1:]], FW).model_dump() for v in (1, 5)
    )
    assert one == other


def test_one_subjects_raters_are_refused_however_many() -> None:
    lone = structured(FW, "360", subjects=1, respondents=40)
    with pytest.raises(ResponsesError, match=f"pools at least {MIN_SUBJECTS}"):
        analyse(lone, FW)


def test_self_assessments_never_enter_a_360_analysis() -> None:
    found = _round()
    me = Response(respondent="me", role="self", ratings={i.id: 1 for i in FW.items("full")})
    changed = [
        a.model_copy(update={"responses": [me, *(r for r in a.responses if r.role != "self")]})
        for a in found
    ]
    assert analyse(found, FW).model_dump() == analyse(changed, FW).model_dump()
