"""360 anonymity: no published figure, and no difference of published figures, exposes a rater.

The properties run on random 360s (roles, "not able to say", skipped items,
mixed scales); the examples pin the folding rules of docs/privacy.md.
"""

from __future__ import annotations

import datetime
import functools
import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from behaviours import score
from behaviours.errors import InsufficientRatersError
from behaviours.frameworks.model import Framework
from behaviours.responses.model import NOT_ABLE_TO_SAY, Assessment, Response, Subject
from behaviours.results.model import Result
from behaviours.scoring.settings import ScoringSettings
from specifications.test_scoring_reference import ROLE_ORDER, used_roles
from strategies.responses import assessments, frameworks, make_framework

FRAMEWORK = make_framework([(2, 1, "five"), (1, 0, "five")])


def scorable(
    data: st.DataObject, fw: Framework, cfg: ScoringSettings, **kw: object
) -> tuple[Assessment, Result]:
    assessment = data.draw(assessments(fw, "360", min_raters=cfg.min_raters, **kw))  # type: ignore[arg-type]
    return assessment, score(assessment, fw, cfg)


def ok_size(n: int, m: int) -> bool:
    return n == 0 or n >= m


configs = st.builds(ScoringSettings, min_raters=st.integers(2, 4), show_manager=st.booleans())


@settings(max_examples=120)
@given(data=st.data(), fw=frameworks(), cfg=configs)
def test_every_published_figure_and_every_difference_covers_enough_raters(
    data: st.DataObject, fw: Framework, cfg: ScoringSettings
) -> None:
    _, result = scorable(data, fw, cfg)
    m = cfg.min_raters
    shown = result.feedback360.shown_groups  # type: ignore[union-attr]
    counts = result.respondents
    assert counts["others"] >= m
    for role in shown:
        assert counts[role] >= m or (role == "manager" and cfg.show_manager)
    assert ok_size(counts["others"] - sum(counts[r] for r in shown), m)
    for b in result.behaviours:
        if not b.score.suppressed and not b.score.insufficient:
            assert b.score.n >= m
            published = [
                s
                for g, s in b.groups.items()
                if g != "self" and not s.suppressed and not s.insufficient
            ]
            for g, s in b.groups.items():
                if g not in ("self", "manager") and not s.suppressed and not s.insufficient:
                    assert s.n >= m
            assert ok_size(b.score.n - sum(s.n for s in published), m)
        for item in b.items:
            if not item.score.suppressed and not item.score.insufficient:
                assert item.score.n >= m


def _need(fw: Framework, behaviour_id: str, detail: str, fraction: float) -> int:
    k = sum(1 for it in fw.items(detail) if it.behaviour_id == behaviour_id)  # type: ignore[arg-type]
    return max(1, math.ceil(fraction * k - 1e-9))


def _behaviour_row(
    members: list[int], *, cells: list[tuple[int, str]], col: dict[tuple[int, str], int], need: int
) -> list[float]:
    """The sum of the members' behaviour scores as weights on their answers."""
    row = [0.0] * len(cells)
    for ri in members:
        mine = [c for c in cells if c[0] == ri]
        if len(mine) >= need:
            for c in mine:
                row[col[c]] = 1 / len(mine)
    return row


def _in_row_space(rows: list[list[float]], target: list[float]) -> bool:
    if not rows:
        return False
    m = np.array(rows)
    return bool(
        np.linalg.matrix_rank(np.vstack([m, target]), tol=1e-8)
        == np.linalg.matrix_rank(m, tol=1e-8)
    )


def _item_rows(
    result: Result, behaviour_id: str, raters: list[Response], cells: list[tuple[int, str]], m: int
) -> list[list[float]]:
    """A full 360's published sums: each item's answers of others, and of each role used for it."""
    shown = result.feedback360.shown_groups  # type: ignore[union-attr]
    sole = "manager" in shown and sum(r.role == "manager" for r in raters) == 1
    b = result.behaviour(behaviour_id)
    published = [g for g, s in b.groups.items() if g != "self" and not s.suppressed]
    rows = []
    for it in dict.fromkeys(c[1] for c in cells):
        answered = [c for c in cells if c[1] == it]
        n = {g: sum(raters[c[0]].role == g for c in answered) for g in ROLE_ORDER}
        if len(answered) >= m:
            rows.append([1.0 if d in answered else 0.0 for d in cells])
        for g in used_roles(len(answered), n, shown, m, sole_manager=sole) & set(published):
            rows.append([1.0 if d in answered and raters[d[0]].role == g else 0.0 for d in cells])
    return rows


@settings(max_examples=120)
@given(data=st.data(), fw=frameworks(max_behaviours=2), m=st.integers(2, 4))
def test_no_rater_answer_or_rater_score_is_a_combination_of_published_means(
    data: st.DataObject, fw: Framework, m: int
) -> None:
    """Published means are sums (over raters, or in a full 360 over each item's answers, of
    others and of the roles used for it); no combination of them may single out a rater."""
    cfg = ScoringSettings(min_raters=m)
    assessment, result = scorable(data, fw, cfg, max_raters=7)
    detail = result.detail
    raters = [r for r in assessment.responses if r.role != "self"]
    for b in result.behaviours:
        items = [it.id for it in fw.items(detail) if it.behaviour_id == b.id]  # type: ignore[arg-type]
        cells = [
            (ri, it)
            for ri, r in enumerate(raters)
            for it in items
            if isinstance(r.ratings.get(it), int)
        ]
        col = {c: j for j, c in enumerate(cells)}
        need = _need(fw, b.id, detail, cfg.min_item_fraction)
        rows = []
        behaviour_row = functools.partial(_behaviour_row, cells=cells, col=col, need=need)

        if detail == "quick":  # rater first: behaviour figures of others and shown roles
            if not b.score.suppressed:
                rows.append(behaviour_row(list(range(len(raters)))))
            for group, stats in b.groups.items():
                if group != "self" and not stats.suppressed:
                    rows.append(behaviour_row([i for i, r in enumerate(raters) if r.role == group]))
        else:  # item first: per-item sums of others and of each published role where used
            rows += _item_rows(result, b.id, raters, cells, m)
        for c in cells:
            assert not _in_row_space(rows, [1.0 if d == c else 0.0 for d in cells]), c
        for ri in range(len(raters)):
            own = behaviour_row([ri])
            if any(own):
                assert not _in_row_space(rows, own), ri


@settings(max_examples=60)
@given(data=st.data(), fw=frameworks(), cfg=configs)
def test_submission_order_changes_nothing(
    data: st.DataObject, fw: Framework, cfg: ScoringSettings
) -> None:
    assessment, result = scorable(data, fw, cfg)
    shuffled = data.draw(st.permutations(assessment.responses))
    again = score(assessment.model_copy(update={"responses": list(shuffled)}), fw, cfg)
    assert again == result
    assert again.comments == result.comments


@settings(max_examples=60)
@given(data=st.data(), fw=frameworks(), cfg=configs)
def test_a_folded_raters_role_among_folded_roles_changes_nothing(
    data: st.DataObject, fw: Framework, cfg: ScoringSettings
) -> None:
    assessment, result = scorable(data, fw, cfg)
    shown = set(result.feedback360.shown_groups)  # type: ignore[union-attr]
    folded_roles = sorted({"manager", "peer", "direct_report", "other"} - shown)
    folded = [i for i, r in enumerate(assessment.responses) if r.role in folded_roles]
    if not folded or len(folded_roles) < 2:
        return
    i = data.draw(st.sampled_from(folded))
    role = data.draw(
        st.sampled_from([r for r in folded_roles if r != assessment.responses[i].role])
    )
    responses = list(assessment.responses)
    responses[i] = responses[i].model_copy(update={"role": role})
    again = score(assessment.model_copy(update={"responses": responses}), fw, cfg)
    if set(again.feedback360.shown_groups) == shown:  # type: ignore[union-attr]
        assert again == result


@settings(max_examples=60)
@given(data=st.data(), fw=frameworks(), cfg=configs)
def test_output_names_no_rater_and_no_folded_role(
    data: st.DataObject, fw: Framework, cfg: ScoringSettings
) -> None:
    assessment, result = scorable(data, fw, cfg)
    text = result.model_dump_json(exclude={"comments"})  # comment texts are the raters' words
    shown = set(result.feedback360.shown_groups)  # type: ignore[union-attr]
    assert {c.group for c in result.comments} <= shown | {"self", "others"}
    for response in assessment.responses:
        assert f'"{response.respondent}"' not in text
    for role in {"manager", "peer", "direct_report", "other"} - set(
        result.feedback360.shown_groups
    ):  # type: ignore[union-attr]
        assert f'"{role}"' not in text


def test_fewer_raters_than_the_minimum_raise_insufficient_raters() -> None:
    with pytest.raises(InsufficientRatersError) as caught:
        score(make_360({"self": 1, "peer": 2}), FRAMEWORK)
    assert caught.value.raters == 2
    assert caught.value.min_raters == 3


def make_360(groups: dict[str, int], ratings: dict[str, object] | None = None) -> Assessment:
    rng = random.Random(7)
    responses = []
    for role, count in groups.items():
        for i in range(count):
            given = ratings or {it.id: rng.randint(1, 5) for it in FRAMEWORK.items("full")}
            responses.append(
                Response(
                    respondent=f"{role}-{i}",
                    role=role,  # type: ignore[arg-type]
                    ratings=given,  # type: ignore[arg-type]
                    comments={"b0": f"from {role} {i}"},
                )
            )
    return Assessment(
        framework=FRAMEWORK.id,
        framework_version=FRAMEWORK.version,
        kind="360",
        detail="full",
        subject=Subject(id="s", name="S"),
        assessed_on=datetime.date(2025, 1, 1),
        responses=responses,
    )


@pytest.mark.parametrize(
    ("groups", "show_manager", "shown"),
    [
        ({"self": 1, "direct_report": 3, "peer": 2}, False, []),
        ({"self": 1, "direct_report": 3, "peer": 3}, False, ["peer", "direct_report"]),
        ({"self": 1, "direct_report": 4, "peer": 3, "manager": 1}, False, ["direct_report"]),
        ({"direct_report": 3, "peer": 3, "manager": 1}, True, ["manager", "peer", "direct_report"]),
        ({"direct_report": 3, "peer": 2, "manager": 1}, True, ["direct_report"]),
        ({"direct_report": 3, "manager": 3}, False, ["direct_report"]),
    ],
)
def test_role_groups_are_folded_until_the_rest_is_empty_or_large_enough(
    groups: dict[str, int], show_manager: bool, shown: list[str]
) -> None:
    result = score(make_360(groups), FRAMEWORK, ScoringSettings(show_manager=show_manager))
    assert result.feedback360 is not None
    assert result.feedback360.shown_groups == shown


def test_a_role_group_thinned_by_not_able_to_say_is_suppressed_with_its_sibling() -> None:
    assessment = make_360({"direct_report": 3, "peer": 3})
    responses = list(assessment.responses)
    first = responses[0]
    responses[0] = first.model_copy(update={"ratings": {**first.ratings, "b1.d0": NOT_ABLE_TO_SAY}})
    result = score(assessment.model_copy(update={"responses": responses}), FRAMEWORK)
    b1 = result.behaviour("b1")
    assert b1.score.n == 5
    assert b1.groups["direct_report"].suppressed
    assert b1.groups["peer"].suppressed  # else others minus peers would be the two reports
    assert not result.behaviour("b0").groups["peer"].suppressed


def test_comments_of_folded_raters_are_shown_as_others_in_text_order() -> None:
    result = score(make_360({"self": 1, "direct_report": 3, "peer": 2}), FRAMEWORK)
    assert [(c.group, c.text) for c in result.comments] == [
        ("self", "from self 0"),
        ("others", "from direct_report 0"),
        ("others", "from direct_report 1"),
        ("others", "from direct_report 2"),
        ("others", "from peer 0"),
        ("others", "from peer 1"),
    ]


def test_a_360_without_self_assessment_has_no_gaps() -> None:
    result = score(make_360({"peer": 3}), FRAMEWORK)
    assert result.feedback360 is not None
    assert not result.feedback360.has_self
    assert all(b.gap is None and b.flag is None for b in result.behaviours)
