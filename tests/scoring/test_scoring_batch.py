"""The batch API: same figures as the per-assessment API, long tables, errors, and properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from behaviours import ScoringSettings, score, score_batch, score_long
from behaviours.errors import ResponsesError
from behaviours.frameworks.model import Framework
from behaviours.responses.model import NOT_ABLE_TO_SAY, Assessment
from behaviours.results.model import Stats
from behaviours.scoring.core import keyed
from behaviours.scoring.groups import GroupStats
from behaviours.scoring.item_layout import layout_of
from strategies.responses import assessments, frameworks, make_framework

FW = make_framework([(2, 1, "five"), (1, 1, "four"), (1, 0, "five")])
FIVE = make_framework([(1, 0, "five")] * 3)

PAIRS = ScoringSettings(min_team=2)  # teams of two, which a team report would withhold


def as_arrays(
    batch: list[Assessment], fw: Framework, detail: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # type: ignore[type-arg]
    items = [it.id for it in fw.items(detail)]  # type: ignore[arg-type]
    width = max(len(a.responses) for a in batch)
    x = np.full((len(batch), width, len(items)), np.nan)
    nas = np.zeros(x.shape, dtype=bool)
    roles = np.full((len(batch), width), "", dtype="<U16")
    for s, a in enumerate(batch):
        for r, response in enumerate(a.responses):
            roles[s, r] = response.role
            for i, item in enumerate(items):
                rating = response.ratings.get(item)
                if rating == NOT_ABLE_TO_SAY:
                    nas[s, r, i] = True
                elif rating is not None:
                    x[s, r, i] = rating
    return x, roles, nas


def same(stats: Stats, arrays: GroupStats, s: int, k: int) -> None:
    assert stats.n == arrays.n[s, k]
    assert stats.n_not_able_to_say == arrays.n_not_able_to_say[s, k]
    assert stats.suppressed == bool(arrays.suppressed[s, k])
    assert stats.insufficient == bool(arrays.insufficient[s, k])
    for name in ("mean", "sd", "min", "max", "ci_low", "ci_high", "normalised"):
        value = float(getattr(arrays, name)[s, k])
        expected = getattr(stats, name)
        if expected is None:
            assert math.isnan(value), name
        else:
            assert value == pytest.approx(expected, rel=1e-12, abs=1e-12), name


@settings(max_examples=40)
@given(
    data=st.data(),
    fw=frameworks(),
    kind=st.sampled_from(["quick", "full", "team", "360"]),
    detail=st.sampled_from(["quick", "full"]),
)
def test_batch_gives_the_per_assessment_figures(
    data: st.DataObject, fw: Framework, kind: str, detail: str
) -> None:
    detail = kind if kind in ("quick", "full") else detail
    batch = data.draw(st.lists(assessments(fw, kind, detail, min_raters=3), min_size=1, max_size=4))
    x, roles, nas = as_arrays(batch, fw, detail)
    scores = score_batch(fw, kind, x, roles=roles, not_able_to_say=nas, detail=detail)  # type: ignore[arg-type]
    for s, assessment in enumerate(batch):
        result = score(assessment, fw)
        for k, b in enumerate(result.behaviours):
            same(b.score, scores.behaviours[scores.headline], s, k)
            for group, stats in b.groups.items():
                same(stats, scores.behaviours[group], s, k)
            assert scores.counts(scores.headline)[s, k, : len(b.score.counts or [])].tolist() == (
                b.score.counts or []
            )


def test_a_long_table_scores_like_the_arrays() -> None:
    rows = [
        ("s2", "a", "member", "b0", 4),
        ("s2", "b", "member", "b0", 2),
        ("s1", "a", "member", "b0", 5),
        ("s1", "a", "member", "b1", NOT_ABLE_TO_SAY),
        ("s1", "b", "member", "b0", 3),
        ("s1", "b", "member", "b2", 1),
    ]
    subjects, respondents, roles, items, ratings = zip(*rows, strict=True)
    table = score_long(
        FW,
        "team",
        subjects=subjects,
        respondents=respondents,
        roles=roles,
        items=items,
        ratings=ratings,
        settings=PAIRS,
    )
    assert table.subject_ids == ("s1", "s2")
    stats = table.behaviours["member"]
    assert stats.mean[:, 0].tolist() == [4.0, 3.0]
    assert stats.n_not_able_to_say[0].tolist() == [0, 1, 0]
    assert stats.n[0].tolist() == [2, 0, 1]


def test_long_table_errors_name_the_rows() -> None:
    with pytest.raises(ResponsesError) as caught:
        score_long(
            FW,
            "team",
            subjects=["s", "s", "s"],
            respondents=["a", "a", "b"],
            roles=["member", "member", "member"],
            items=["b0", "b0", "bx"],
            ratings=[1, 2, 3],
        )
    text = str(caught.value)
    assert "row 3: unknown quick item" in text
    assert "row 1: the respondent rated this item more than once" in text
    assert "row 2: the respondent rated this item more than once" in text


def test_off_scale_batch_ratings_name_subject_respondent_and_item() -> None:
    x = np.array([[[3.0, 9.0, 2.0]]])
    with pytest.raises(ResponsesError, match=r"subject 'x', respondent #0, item 'b1'"):
        score_batch(FW, "team", x, subject_ids=["x"])


def test_a_360_batch_needs_roles() -> None:
    with pytest.raises(ResponsesError, match="needs the role"):
        score_batch(FW, "360", np.ones((1, 3, 3)))


def test_a_half_point_is_not_a_rating() -> None:
    with pytest.raises(ResponsesError, match="not on the item's scale"):
        score_batch(FW, "quick", np.array([[2.5, 1.0, 1.0]]))


@settings(max_examples=40)
@given(data=st.data(), fw=frameworks(), kind=st.sampled_from(["full", "team", "360"]))
def test_scores_stay_within_the_scale(data: st.DataObject, fw: Framework, kind: str) -> None:
    result = score(data.draw(assessments(fw, kind, min_raters=3)), fw)
    for b in result.behaviours:
        scale = result.scales[b.scale]
        for stats in [b.score, *b.groups.values(), *(i.score for i in b.items)]:
            for value in (stats.mean, stats.min, stats.max):
                assert value is None or scale.min <= value <= scale.max
            assert stats.normalised is None or 0 <= stats.normalised <= 100


@given(fw=frameworks(), seed=st.integers(0, 2**32 - 1))
def test_reverse_keying_twice_is_the_identity(fw: Framework, seed: int) -> None:
    layout = layout_of(fw, "full")
    rng = np.random.default_rng(seed)
    x = rng.choice(layout.values[layout.item_behaviour][:, 0], size=(3, 4, len(layout.item_ids)))
    assert np.array_equal(keyed(keyed(x, layout), layout), x)


@settings(max_examples=40)
@given(data=st.data(), fw=frameworks(), detail=st.sampled_from(["quick", "full"]))
def test_permuting_respondents_of_a_batch_changes_nothing(
    data: st.DataObject, fw: Framework, detail: str
) -> None:
    team = data.draw(assessments(fw, "team", detail))
    x, roles, nas = as_arrays([team], fw, detail)
    order = data.draw(st.permutations(range(x.shape[1])))
    one = score_batch(fw, "team", x, roles=roles, not_able_to_say=nas, detail=detail)  # type: ignore[arg-type]
    two = score_batch(
        fw, "team", x[:, order], roles=roles[:, order], not_able_to_say=nas[:, order], detail=detail
    )  # type: ignore[arg-type]
    for name in ("n", "mean", "sd", "min", "max"):
        a = getattr(one.behaviours["member"], name)
        b = getattr(two.behaviours["member"], name)
        assert np.array_equal(a, b, equal_nan=True), name
    assert np.array_equal(one.rwg, two.rwg, equal_nan=True)


@given(
    centre=st.integers(2, 4),
    spreads=st.lists(st.integers(0, 1), min_size=1, max_size=4),
)
def test_adding_a_rater_who_matches_the_mean_leaves_the_mean_unchanged(
    centre: int, spreads: list[int]
) -> None:
    ratings = [centre + d for d in spreads] + [centre - d for d in spreads]
    x = np.array(ratings, dtype=float)[None, :, None].repeat(3, axis=2)
    before = score_batch(FIVE, "team", x, settings=PAIRS).behaviours["member"]
    grown = np.concatenate([x, np.full((1, 1, 3), centre)], axis=1)
    after = score_batch(FIVE, "team", grown, settings=PAIRS)
    assert np.array_equal(after.behaviours["member"].mean, before.mean)
    assert after.behaviours["member"].n[0, 0] == before.n[0, 0] + 1


def _long_rows(batch: list[Assessment]) -> list[tuple[str, str, str, str, object]]:
    """The batch as a long table: one row per rating given, 'not able to say' as itself."""
    return [
        (f"s{s:03d}", response.respondent, response.role, item, rating)
        for s, assessment in enumerate(batch)
        for response in assessment.responses
        for item, rating in response.ratings.items()
    ]


@settings(max_examples=60)
@given(
    data=st.data(),
    fw=frameworks(),
    kind=st.sampled_from(["quick", "full", "team", "360"]),
    detail=st.sampled_from(["quick", "full"]),
)
def test_score_batch_and_long_agree_on_not_able_to_say_whatever_the_scale(
    data: st.DataObject, fw: Framework, kind: str, detail: str
) -> None:
    """Negative, asymmetric and wide scales too: no rating is read as 'not able to say'."""
    detail = kind if kind in ("quick", "full") else detail
    drawn = data.draw(st.lists(assessments(fw, kind, detail, min_raters=3), min_size=1, max_size=3))
    # A long table has no row for a respondent who rated nothing, so leave them out.
    batch = [
        a.model_copy(update={"responses": [r for r in a.responses if r.ratings]}) for a in drawn
    ]
    assume(all(a.responses for a in batch))
    x, roles, nas = as_arrays(batch, fw, detail)
    arrays = score_batch(fw, kind, x, roles=roles, not_able_to_say=nas, detail=detail)  # type: ignore[arg-type]
    subjects, respondents, role_column, items, ratings = zip(*_long_rows(batch), strict=True)
    table = score_long(
        fw,
        kind,  # type: ignore[arg-type]
        subjects=subjects,
        respondents=respondents,
        roles=role_column,
        items=items,
        ratings=np.array(ratings, dtype=object),
        detail=detail,  # type: ignore[arg-type]
    )
    for s, assessment in enumerate(batch):
        assert bool(table.insufficient_raters[s]) == bool(arrays.insufficient_raters[s])
        if arrays.insufficient_raters[s]:
            continue
        result = score(assessment, fw)
        for k, b in enumerate(result.behaviours):
            for group, stats in b.groups.items():
                same(stats, arrays.behaviours[group], s, k)
                same(stats, table.behaviours[group], s, k)


def test_a_rating_of_minus_one_is_scored_not_read_as_not_able_to_say() -> None:
    fw = make_framework([(1, 0, "negative")])
    ratings: dict[str, int | str] = {"b0": -1}
    assessment = Assessment(
        framework=fw.id,
        framework_version=fw.version,
        kind="quick",
        detail="quick",
        subject={"id": "s", "name": "S"},  # type: ignore[arg-type]
        assessed_on="2025-03-01",  # type: ignore[arg-type]
        responses=[{"respondent": "me", "role": "self", "ratings": ratings}],  # type: ignore[list-item]
    )
    stats = score(assessment, fw).behaviours[0].score
    assert (stats.mean, stats.n_not_able_to_say) == (-1.0, 0)


def test_counts_are_made_once_per_group_and_cannot_be_changed() -> None:
    fw = make_framework([(1, 0, "five"), (1, 0, "five")])
    x = np.array([[[1.0, 2.0], [3.0, 4.0], [5.0, 5.0]]])
    batch = score_batch(fw, "team", x)
    first = batch.counts("member")
    assert batch.counts("member") is first
    assert not first.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        first[0, 0, 0] = 99
