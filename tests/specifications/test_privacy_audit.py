"""Adversarial privacy audit of 360 feedback: try to recover one rater's answers from any output.

Two attackers. One reads only the outputs (result JSON, tidy CSV, PDF text)
and differences every pair of published figures. The other colludes: they
know some raters' answers (their own, say) and want a colleague's. The
properties state what must hold for neither to succeed:

- every published figure is a function of the multisets of answers of groups
  ("atoms": the raters a shown group and the folded rest tell apart, and in a
  full 360 per item the answers of each role used for the item and of the rest)
  of 0 or at least ``min_raters`` raters, so swapping two raters' answers inside
  an atom changes no byte of any output;
- changing one rater's answers changes only figures that rest on at least
  ``min_raters`` answers (or the manager shown alone by explicit choice).

With atoms of at least ``min_raters``, ``min_raters - 2`` colluders learn no
colleague's answer unless everyone else in the atom answered alike (the
homogeneity limit of any published group, docs/privacy.md).
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import itertools
import json
import math
import random
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from behaviours import compare, render_many, render_report, score
from behaviours.errors import RoundError, ScoringError
from behaviours.examples import example
from behaviours.frameworks.catalogue import load_framework
from behaviours.frameworks.model import Framework
from behaviours.responses.model import NOT_ABLE_TO_SAY, Assessment, Response, Subject
from behaviours.results.exporting import results_csv
from behaviours.results.model import Result
from behaviours.results.rounds import Ledger
from behaviours.scoring.exposure import exposed_respondents, published_sums, spanned
from behaviours.scoring.settings import ScoringSettings
from behaviours.scoring.single import batch_of_one
from specifications.test_scoring_reference import ROLE_ORDER, item_first_360, used_roles
from strategies.reports import pdf_pages
from strategies.responses import assessments, frameworks, make_framework, ratings_for

configs = st.builds(
    ScoringSettings,
    min_raters=st.integers(2, 4),
    show_manager=st.booleans(),
    min_item_fraction=st.sampled_from([0.2, 0.5, 1.0]),
)
# Fewer roles make shown groups (and so differencing) likely; managers come in ones and twos.
role_mixes = st.sampled_from(
    [
        ("manager", "peer", "direct_report", "other"),
        ("peer", "direct_report"),
        ("manager", "peer"),
        ("manager", "direct_report", "direct_report", "direct_report"),
    ]
)


def _scored(data: st.DataObject, fw: Framework, cfg: ScoringSettings) -> tuple[Assessment, Result]:
    roles = data.draw(role_mixes)
    assessment = data.draw(assessments(fw, "360", min_raters=cfg.min_raters, roles=roles))
    return assessment, score(assessment, fw, cfg)


def _items(fw: Framework, detail: str, behaviour_id: str) -> list[str]:
    return [it.id for it in fw.items(detail) if it.behaviour_id == behaviour_id]  # type: ignore[arg-type]


def _answered(r: Response, items: list[str]) -> int:
    return sum(isinstance(r.ratings.get(i), int) for i in items)


def _nas(r: Response, items: list[str]) -> int:
    return sum(r.ratings.get(i) == NOT_ABLE_TO_SAY for i in items)


def _has_score(r: Response, items: list[str], cfg: ScoringSettings) -> bool:
    need = max(1, -int(-(cfg.min_item_fraction * len(items) - 1e-9) // 1))
    return _answered(r, items) >= need


def _label(result: Result, behaviour_id: str, role: str) -> str:
    """The published group a rater's answers to a behaviour are told apart by: role or rest."""
    stats = result.behaviour(behaviour_id).groups.get(role)
    if stats is not None and not stats.suppressed and not stats.insufficient:
        return role
    return "rest"


def _swap(assessment: Assessment, a: int, b: int, items: list[str] | None) -> Assessment:
    """The assessment with raters ``a`` and ``b`` swapping their answers (to ``items`` only)."""
    responses = list(assessment.responses)
    ra, rb = responses[a].ratings, responses[b].ratings
    if items is None:
        new_a, new_b = dict(rb), dict(ra)
    else:
        new_a = {k: v for k, v in ra.items() if k not in items}
        new_a.update({k: v for k, v in rb.items() if k in items})
        new_b = {k: v for k, v in rb.items() if k not in items}
        new_b.update({k: v for k, v in ra.items() if k in items})
    responses[a] = responses[a].model_copy(update={"ratings": new_a})
    responses[b] = responses[b].model_copy(update={"ratings": new_b})
    return assessment.model_copy(update={"responses": responses})


def _outputs(result: Result) -> tuple[str, str]:
    return result.model_dump_json(), results_csv([result], items=True)


def _raters(assessment: Assessment) -> list[int]:
    return [i for i, r in enumerate(assessment.responses) if r.role != "self"]


@settings(max_examples=150)
@given(data=st.data(), fw=frameworks(max_behaviours=3), cfg=configs)
def test_swapping_all_answers_of_two_raters_in_one_shown_group_changes_no_output(
    data: st.DataObject, fw: Framework, cfg: ScoringSettings
) -> None:
    """Same role, or both in folded roles: the outputs cannot say which of them said what."""
    assessment, result = _scored(data, fw, cfg)
    shown = set(result.feedback360.shown_groups)  # type: ignore[union-attr]
    raters = _raters(assessment)

    def atom(i: int) -> str:
        role = assessment.responses[i].role
        return role if role in shown else "folded"

    pairs = [(a, b) for a in raters for b in raters if a < b and atom(a) == atom(b)]
    if not pairs:
        return
    a, b = data.draw(st.sampled_from(pairs))
    again = score(_swap(assessment, a, b, None), fw, cfg)
    assert _outputs(again) == _outputs(result)


def _answer_atoms(
    assessment: Assessment, result: Result, fw: Framework, cfg: ScoringSettings, behaviour_id: str
) -> Iterator[tuple[str, list[int]]]:
    """Raters with a score for the behaviour, by the published group that tells them apart."""
    items = _items(fw, result.detail, behaviour_id)
    atoms: dict[str, list[int]] = {}
    for i in _raters(assessment):
        r = assessment.responses[i]
        if _has_score(r, items, cfg):
            atoms.setdefault(_label(result, behaviour_id, r.role), []).append(i)
    yield from atoms.items()


def _item_atoms(
    assessment: Assessment, result: Result, fw: Framework, cfg: ScoringSettings, behaviour_id: str
) -> Iterator[tuple[tuple[str, str], list[int]]]:
    """A full 360's per-item atoms: the raters who answered an item whose figure for "others"
    is published, by the published role it is used for (docs/privacy.md) or the rest."""
    shown = result.feedback360.shown_groups  # type: ignore[union-attr]
    rs = assessment.responses
    sole = "manager" in shown and sum(r.role == "manager" for r in rs) == 1
    for item in _items(fw, "full", behaviour_id):
        answered = [i for i in _raters(assessment) if isinstance(rs[i].ratings.get(item), int)]
        if len(answered) < cfg.min_raters:
            continue
        n = {g: sum(rs[i].role == g for i in answered) for g in ROLE_ORDER}
        used = used_roles(len(answered), n, shown, cfg.min_raters, sole_manager=sole)
        atoms: dict[tuple[str, str], list[int]] = {}
        for i in answered:
            role = rs[i].role
            published = _label(result, behaviour_id, role) == role or role == "manager"
            label = role if role in used and published else "rest"
            atoms.setdefault((item, label), []).append(i)
        yield from atoms.items()


@settings(max_examples=150)
@given(data=st.data(), fw=frameworks(max_behaviours=3), cfg=configs)
def test_every_answer_atom_has_none_or_at_least_min_raters(
    data: st.DataObject, fw: Framework, cfg: ScoringSettings
) -> None:
    """Per behaviour, and in a full 360 per item: the raters no two published figures can
    tell apart are 0 or enough. A full 360's behaviour figures are made of its item figures
    (item first), so there the item atoms are the ones that count, and a published
    behaviour figure's ``n`` (the raters who answered an item it uses) is enough too."""
    assessment, result = _scored(data, fw, cfg)
    managers = sum(r.role == "manager" for r in assessment.responses)
    for b in result.behaviours:
        atoms: list[tuple[str, list[int]]] = []
        if result.detail == "full":
            atoms += [
                (label, ms) for (_, label), ms in _item_atoms(assessment, result, fw, cfg, b.id)
            ]
        if b.score.suppressed or b.score.insufficient:
            pass
        elif result.detail == "full":
            assert b.score.n >= cfg.min_raters
        else:
            atoms += _answer_atoms(assessment, result, fw, cfg, b.id)
        for label, members in atoms:
            if label == "manager" and cfg.show_manager and managers == 1:
                continue  # the one manager, shown alone by explicit choice
            assert len(members) >= cfg.min_raters, (b.id, label, members)


def _answered_items(r: Response, items: list[str]) -> set[str]:
    return {i for i in items if isinstance(r.ratings.get(i), int)}


def _rater_atoms(assessment: Assessment, result: Result) -> dict[str, list[int]]:
    """Raters by the group that tells them apart: their role when it is shown, else "folded"."""
    shown = set(result.feedback360.shown_groups)  # type: ignore[union-attr]
    atoms: dict[str, list[int]] = {}
    for i in _raters(assessment):
        role = assessment.responses[i].role
        atoms.setdefault(role if role in shown else "folded", []).append(i)
    return atoms


@settings(max_examples=200)
@given(data=st.data(), fw=frameworks(max_behaviours=3), cfg=configs)
def test_swapping_one_behaviours_answers_inside_an_answer_atom_changes_no_output(
    data: st.DataObject, fw: Framework, cfg: ScoringSettings
) -> None:
    """Two raters of one shown role, or both folded, with any mix of answers, "not able to
    say" and skipped items: swapping everything they said about one behaviour changes no
    byte of any output, so no figure rests on which answers one rater gave together."""
    assessment, result = _scored(data, fw, cfg)
    b = data.draw(st.sampled_from(result.behaviours))
    items = _items(fw, result.detail, b.id)
    pairs = [
        (x, y)
        for members in _rater_atoms(assessment, result).values()
        for x in members
        for y in members
        if x < y
    ]
    if not pairs:
        return
    x, y = data.draw(st.sampled_from(pairs))
    again = score(_swap(assessment, x, y, items), fw, cfg)
    assert _outputs(again) == _outputs(result)


@settings(max_examples=200)
@given(data=st.data(), fw=frameworks(max_behaviours=3), cfg=configs)
def test_exchanging_answers_item_by_item_inside_an_atom_changes_no_output(
    data: st.DataObject, fw: Framework, cfg: ScoringSettings
) -> None:
    """The strongest form: two raters of an atom exchange their answers to the items both
    answered, each keeping their own pattern of "not able to say" and skipped items. A rater
    who skipped an item then gets another behaviour score, and no output may show it."""
    assessment, result = _scored(data, fw, cfg)
    pairs = [
        (x, y)
        for members in _rater_atoms(assessment, result).values()
        for x in members
        for y in members
        if x < y
    ]
    if not pairs:
        return
    x, y = data.draw(st.sampled_from(pairs))
    again = score(_swap_values(assessment, x, y), fw, cfg)
    assert _outputs(again) == _outputs(result)


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        for k, v in enumerate(value):
            yield from _leaves(v, (*path, k))
    else:
        yield path, value


FIGURES = {"mean", "normalised", "sd", "min", "max", "ci_low", "ci_high", "counts"}


def _owner(result: Result, path: tuple[Any, ...]) -> tuple[str, int] | None:
    """The group and ``n`` behind a figure at ``path`` of the dumped result, if it is one."""
    if path[0] != "behaviours" or len(path) < 3:
        return None
    b = result.behaviours[path[1]]
    owner: tuple[str, int] | None = None
    if path[-1] in FIGURES and path[2] in ("score", "groups", "items"):
        stats = b.score
        if path[2] == "groups":
            stats = b.groups[path[3]]
        elif path[2] == "items":
            item = b.items[path[3]]
            stats = item.groups[path[5]] if path[4] == "groups" else item.score
        group = path[5] if path[2] == "items" and path[4] == "groups" else "others"
        owner = (path[3] if path[2] == "groups" else group), stats.n
    elif path[2] in ("gap", "flag"):
        owner = "others", b.score.n
    elif path[2] in ("agreement", "alpha"):
        owner = "others", getattr(b, path[2]).n
    return owner


@settings(max_examples=150)
@given(data=st.data(), fw=frameworks(max_behaviours=3), cfg=configs)
def test_changing_one_raters_answers_changes_only_figures_resting_on_enough_answers(
    data: st.DataObject, fw: Framework, cfg: ScoringSettings
) -> None:
    """Neighbouring datasets: every figure that moves rests on min_raters answers or more."""
    roles = data.draw(role_mixes)
    assessment = data.draw(assessments(fw, "360", min_raters=cfg.min_raters, roles=roles))
    result = score(assessment, fw, cfg)
    i = data.draw(st.sampled_from(_raters(assessment)))
    responses = list(assessment.responses)
    responses[i] = responses[i].model_copy(
        update={"ratings": data.draw(ratings_for(fw, result.detail))}
    )
    again = score(assessment.model_copy(update={"responses": responses}), fw, cfg)
    before, after = dict(_leaves(result.model_dump())), dict(_leaves(again.model_dump()))
    assert before.keys() == after.keys()
    sole_manager = sum(r.role == "manager" for r in assessment.responses) == 1
    for path, old in before.items():
        if old == after[path] or path[-1] in ("n", "n_not_able_to_say"):
            continue
        for side, value in ((result, old), (again, after[path])):
            owner = _owner(side, path)
            if owner is None or value is None or value is False:
                continue
            group, n = owner
            assert group != "self", path
            if n == 0:
                continue  # no answers: an empty count is no figure about anyone
            if not (group == "manager" and cfg.show_manager and sole_manager):
                assert n >= cfg.min_raters, (path, value, n)


QUICK = make_framework([(1, 0, "five")])
CHOICES: list[int | str] = [1, 2, 3, 4, 5, NOT_ABLE_TO_SAY]
PEERS: list[tuple[str, int | str]] = [("peer", 1), ("peer", 2), ("peer", 4)]
REPORTS: list[tuple[str, int | str]] = [("direct_report", v) for v in (3, 3, 5)]
FOLDED: list[tuple[str, int | str]] = [("manager", 2), ("other", 4), ("other", 1)]


def _quick_360(answers: list[tuple[str, int | str]], **extra: Any) -> Assessment:
    responses = [Response(respondent="me", role="self", ratings={"b0": 3})]
    responses += [
        Response(respondent=f"r{i}", role=role, ratings={"b0": v})  # type: ignore[arg-type]
        for i, (role, v) in enumerate(answers)
    ]
    return Assessment(
        framework=QUICK.id,
        framework_version=QUICK.version,
        kind="360",
        detail="quick",
        subject=Subject(id="s", name="S"),
        assessed_on=datetime.date(2025, 1, 1),
        responses=responses,
        **extra,
    )


def _with(assessment: Assessment, changes: dict[int, int | str]) -> Assessment:
    responses = list(assessment.responses)
    for i, v in changes.items():
        responses[i] = responses[i].model_copy(update={"ratings": {"b0": v}})
    return assessment.model_copy(update={"responses": responses})


@pytest.mark.parametrize(
    ("answers", "show_manager"),
    [
        # peers and direct reports shown, a manager and two others folded (3)
        (
            [*PEERS, *REPORTS, *FOLDED],
            False,
        ),
        # one direct report is not able to say: both groups withheld for the behaviour
        (
            [*PEERS, ("direct_report", NOT_ABLE_TO_SAY), *REPORTS[1:], *FOLDED],
            False,
        ),
        # two managers with show_manager: each must not learn the other's answer
        ([("manager", 2), ("manager", 4), ("peer", 3), ("peer", 1), ("peer", 5)], True),
    ],
)
def test_a_rater_who_knows_their_own_answer_cannot_learn_any_colleagues(
    answers: list[tuple[str, int | str]], show_manager: bool
) -> None:
    """Brute force: for the attacker (the first rater) and every colleague, another dataset
    that agrees with all the attacker knows gives the same output and another answer."""
    assessment = _quick_360(answers)
    cfg = ScoringSettings(show_manager=show_manager)
    seen = score(assessment, QUICK, cfg).model_dump_json()
    attacker = 1
    for target in range(attacker + 1, len(assessment.responses)):
        actual = assessment.responses[target].ratings["b0"]
        cover = [i for i in range(attacker + 1, len(assessment.responses)) if i != target]
        assert any(
            score(_with(assessment, {target: v, s: w}), QUICK, cfg).model_dump_json() == seen
            for s in cover
            for v in CHOICES
            if v != actual
            for w in CHOICES
        ), (attacker, target)


def test_two_managers_are_not_shown_as_a_pair_even_with_show_manager() -> None:
    """Either manager, reading the report, would learn the other's answers."""
    assessment = _quick_360([("manager", 2), ("manager", 4)] + [("peer", 3)] * 3)
    result = score(assessment, QUICK, ScoringSettings(show_manager=True))
    assert result.feedback360 is not None
    assert result.feedback360.shown_groups == []  # the peers too: else others minus peers
    assert "manager" not in result.behaviour("b0").groups


def test_three_managers_shown_with_show_manager_need_three_answers_per_figure() -> None:
    answers = [("manager", 2), ("manager", 4), ("manager", NOT_ABLE_TO_SAY)]
    result = score(
        _quick_360(answers + [("peer", 3)] * 3), QUICK, ScoringSettings(show_manager=True)
    )
    assert result.feedback360 is not None
    assert result.feedback360.shown_groups == ["manager", "peer"]
    manager = result.behaviour("b0").groups["manager"]
    assert manager.suppressed
    assert (manager.mean, manager.min, manager.counts) == (None, None, None)


def test_the_one_manager_is_shown_alone_only_with_show_manager() -> None:
    assessment = _quick_360([("manager", 2)] + [("peer", 3)] * 3)
    shown = score(assessment, QUICK, ScoringSettings(show_manager=True))
    assert shown.behaviour("b0").groups["manager"].mean == 2
    assert "manager" not in score(assessment, QUICK).behaviour("b0").groups


def test_two_360_results_of_the_same_round_are_not_compared() -> None:
    """Scored before and after a late response, their change would be that one rater's."""
    first = _quick_360([("peer", 1), ("peer", 2), ("peer", 4)])
    late = first.model_copy(
        update={"responses": [*first.responses, Response(respondent="late", role="peer")]}
    )
    late = _with(late, {4: 5})
    with pytest.raises(ScoringError, match="same round"):
        compare(score(first, QUICK), score(late, QUICK))


def test_360_results_of_different_rounds_are_compared() -> None:
    first = _quick_360([("peer", 1), ("peer", 2), ("peer", 4)])
    later = first.model_copy(update={"assessed_on": datetime.date(2025, 7, 1)})
    assert compare(score(first, QUICK), score(later, QUICK)).behaviours[0].change == 0


@pytest.fixture(scope="module")
def example_360() -> tuple[Assessment, Framework, bytes]:
    assessment = example("360")
    framework = load_framework(assessment.framework)
    return assessment, framework, render_report(score(assessment, framework), framework=framework)


@pytest.mark.parametrize(("a", "b"), [("peer", "peer"), ("manager", "other")])
def test_the_example_360_pdf_is_the_same_byte_for_byte_when_two_raters_swap_answers(
    example_360: tuple[Assessment, Framework, bytes], a: str, b: str
) -> None:
    """Two peers (shown), or the manager and another colleague (both folded)."""
    assessment, framework, pdf = example_360
    first = next(i for i, r in enumerate(assessment.responses) if r.role == a)
    second = next(i for i, r in enumerate(assessment.responses) if r.role == b and i != first)
    swapped = score(_swap(assessment, first, second, None), framework)
    assert render_report(swapped, framework=framework) == pdf


def test_the_example_360_pdf_names_no_rater_and_no_folded_role(
    example_360: tuple[Assessment, Framework, bytes],
) -> None:
    assessment, _, pdf = example_360
    text = "\n".join(pdf_pages(pdf))
    for response in assessment.responses[1:]:
        assert response.respondent not in text
    assert re.search(r"\bManager\b", text) is None  # folded: no column, row or cover line


# --- The red-team attacks of issue 10, kept as tests --------------------------------------

SIX = make_framework([(6, 0, "five")])  # one behaviour of six items: k/5 and k/6 grids
ATTACK_ROLES = ("peer", "direct_report", "other", "manager")


def random_full_360(
    rng: random.Random,
    framework: Framework = SIX,
    roles_from: tuple[str, ...] = ATTACK_ROLES,
    sizes: tuple[int, int] = (3, 7),
) -> tuple[Assessment, int]:
    """A full 360 of 3 to 7 raters who answer every item but one, who says "not able to
    say" to one (or skips it): the pattern of attack 1. Returns it and that rater's index."""
    items = [it.id for it in framework.items("full")]
    raters = rng.randint(*sizes)
    roles = [rng.choice(roles_from) for _ in range(raters)]
    responses = [Response(respondent="me", role="self", ratings=dict.fromkeys(items, 3))]
    for k, role in enumerate(roles):
        ratings: dict[str, int | str] = {it: rng.randint(1, 5) for it in items}
        responses.append(Response(respondent=f"r{k}", role=role, ratings=ratings))  # type: ignore[arg-type]
    target = rng.randint(1, raters)
    gap = rng.choice(items)
    ratings = dict(responses[target].ratings)
    if rng.random() < 0.5:
        ratings[gap] = NOT_ABLE_TO_SAY
    else:
        del ratings[gap]
    responses[target] = responses[target].model_copy(update={"ratings": ratings})
    assessment = Assessment(
        framework=framework.id,
        framework_version=framework.version,
        kind="360",
        detail="full",
        subject=Subject(id="s", name="S"),
        assessed_on=datetime.date(2025, 1, 1),
        responses=responses,
    )
    return assessment, target


def _own_score(r: Response) -> float:
    answers = [v for v in r.ratings.values() if isinstance(v, int)]
    return sum(answers) / len(answers)


def _totals(size: int, total: int, squares: int, lo: int, hi: int) -> bool:
    """Whether ``size`` whole numbers in ``lo..hi`` have this sum and sum of squares."""
    if size == 0:
        return total == 0 and squares == 0
    for first in range(lo, hi + 1):
        rest = total - first
        if not (size - 1) * first <= rest <= (size - 1) * hi:
            continue
        if _totals(size - 1, rest, squares - first * first, first, hi):
            return True
    return False


def lattice_attack(result: Result, k: int = 6) -> set[float]:
    """Attack 1 as the red team ran it, from the result JSON alone: the scores the one
    rater with ``k - 1`` answers can have, given others' behaviour n, SD, min and max
    read as rater-level figures (the design before issue 10) and the item counts."""
    b = result.behaviours[0]
    stats = b.score
    if stats.suppressed or stats.sd is None or stats.min is None or stats.max is None:
        return set()
    answers = sum(
        v * c for it in b.items for v, c in zip(range(1, 6), it.score.counts or [], strict=False)
    )
    n, j = stats.n, k - 1
    found = set()
    for t in range(j, 5 * j + 1):
        x = t / j
        if not stats.min - 1e-9 <= x <= stats.max + 1e-9:
            continue
        rest = answers - t
        mean = (rest / k + x) / n
        squares = (stats.sd**2 * (n - 1) + n * mean**2 - x * x) * k * k
        if abs(squares - round(squares)) > 1e-6:
            continue
        lo = math.ceil(stats.min * k - 1e-9)
        hi = math.floor(stats.max * k + 1e-9)
        ends = {round(stats.min * k, 6), round(stats.max * k, 6)}
        if not all(abs(e - round(e)) < 1e-6 or abs(x * k - e) < 1e-6 for e in ends):
            continue  # an end off the k-grid can only be this rater's score
        if _totals(n - 1, rest, round(squares), max(lo, k), min(hi, 5 * k)):
            found.add(round(x, 9))
    return found


def attack_one_result(trials: int, seed: int = 10) -> tuple[int, int]:
    """Attack 1 on ``trials`` random full 360s: (pinned by the lattice search,
    trials where no colleague's answers can be swapped in without changing an output)."""
    rng = random.Random(seed)
    pinned = exposed = 0
    for _ in range(trials):
        assessment, target = random_full_360(rng)
        result = score(assessment, SIX)
        truth = round(_own_score(assessment.responses[target]), 9)
        if lattice_attack(result) == {truth}:
            pinned += 1
        if not _swappable(assessment, result, target):
            exposed += 1
    return pinned, exposed


def _swap_values(assessment: Assessment, a: int, b: int) -> Assessment:
    """Raters ``a`` and ``b`` exchange their answers to the items both answered; who said
    "not able to say" to what, or skipped it, stays as it was."""
    responses = list(assessment.responses)
    ra, rb = dict(responses[a].ratings), dict(responses[b].ratings)
    for item in ra.keys() & rb.keys():
        if isinstance(ra[item], int) and isinstance(rb[item], int):
            ra[item], rb[item] = rb[item], ra[item]
    responses[a] = responses[a].model_copy(update={"ratings": ra})
    responses[b] = responses[b].model_copy(update={"ratings": rb})
    return assessment.model_copy(update={"responses": responses})


def _swappable(assessment: Assessment, result: Result, target: int) -> bool:
    """Whether a dataset with the same outputs gives the target (who keeps their pattern of
    answers) another score: a colleague in the same atom exchanges answers with them. If
    none does, a reader can tell the target's score from the rest."""
    rs = assessment.responses
    shown = set(result.feedback360.shown_groups)  # type: ignore[union-attr]

    def atom(i: int) -> str:
        return rs[i].role if rs[i].role in shown else "folded"

    mine = _own_score(rs[target])
    seen = _outputs(result)
    alternatives = 0
    for i in _raters(assessment):
        if i == target or atom(i) != atom(target):
            continue
        other = _swap_values(assessment, target, i)
        if _own_score(other.responses[target]) == mine:
            continue
        alternatives += 1
        if _outputs(score(other, SIX)) == seen:
            return True
    return alternatives == 0  # everyone in the atom answered alike: nothing to tell apart


def test_attack_1_pins_no_incomplete_raters_score_in_one_result() -> None:
    """A rater who skipped an item no longer stands out: min, max, SD, interval and alpha
    are functions of each item's answers, and swapping them with a colleague's is invisible."""
    assert attack_one_result(60) == (0, 0)


def _plain_inputs_digest(item: Assessment, framework: Framework, generator: str) -> str:
    """The manifest's ``inputs`` as it was before issue 10: a plain SHA-256 anyone can redo."""
    version = generator.removeprefix("behaviours ")
    prefix = "\0".join([version, f"{_fake_render.__module__}.{_fake_render.__qualname__}", ""])
    h = hashlib.sha256(prefix.encode())
    fw = hashlib.sha256(framework.model_dump_json().encode()).hexdigest()
    for part in (fw, "Assessment", item.model_dump_json(), ""):
        h.update(b"\0" + part.encode())
    return h.hexdigest()


def _fake_render(result: Result, *, previous: Result | None, framework: Framework) -> bytes:
    """A stand-in for the PDF (the manifest's digest does not depend on the renderer's bytes)."""
    from behaviours.pdf.rendering import render_document
    from behaviours.reports.report import build_document

    return render_document(build_document(result, framework))


def manifest_attack(folder: Path, seen: Assessment, framework: Framework) -> list[Assessment]:
    """Attack 2: every assignment of answers to the three raters whose plain digest is the
    manifest's ``inputs``. The subject knows who was asked and reads the manifest."""
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    wanted = {row["inputs"] for row in data["reports"]}
    found = []
    values = [1, 2, 3, 4, 5, NOT_ABLE_TO_SAY]
    for guess in itertools.product(values, repeat=3):
        candidate = _with(seen, {i + 1: v for i, v in enumerate(guess)})
        if _plain_inputs_digest(candidate, framework, data["generator"]) in wanted:
            found.append(candidate)
    return found


def test_attack_2_the_manifest_is_no_key_to_the_raw_answers(tmp_path: Path) -> None:
    """A quick 360 of three peers rendered from its assessment: trying every answer of
    every rater against the manifest (and the journal it was built from) recovers nothing."""
    assessment = _quick_360([("peer", 4), ("peer", 2), ("peer", 5)])
    render_many([assessment], tmp_path, framework=QUICK, render=_fake_render, jobs=1)
    assert manifest_attack(tmp_path, assessment, QUICK) == []
    text = (tmp_path / "manifest.json").read_text() + (tmp_path / "manifest.csv").read_text()
    assert _plain_inputs_digest(assessment, QUICK, f"behaviours {_version()}") not in text
    assert not list(tmp_path.glob("*.key"))  # the pack's secret is kept outside the folder


def _version() -> str:
    from importlib import metadata

    return metadata.version("behaviours")


SETTING_PAIRS = [
    (ScoringSettings(), ScoringSettings(show_manager=True)),
    (ScoringSettings(min_item_fraction=0.5), ScoringSettings(min_item_fraction=1.0)),
    (ScoringSettings(show_manager=True), ScoringSettings(min_raters=4, show_manager=True)),
]


ONE = make_framework([(1, 0, "five")])  # one item per behaviour, as a quick 360
MANY_MANAGERS = ("manager", "manager", "peer", "peer", "direct_report", "other")


def attack_two_settings(trials: int, seed: int = 3) -> tuple[int, int]:
    """Attack 3 on random full 360s: (pairs of results of one round under two settings that
    together expose a rater by the rank test, pairs of those the ledger lets through)."""
    rng = random.Random(seed)
    exposed = published = 0
    for t in range(trials):
        fw = (SIX, ONE)[t % 2]
        assessment, _ = random_full_360(rng, fw, roles_from=MANY_MANAGERS, sizes=(6, 10))
        first, second = SETTING_PAIRS[t % len(SETTING_PAIRS)]
        try:
            results = [score(assessment, fw, first), score(assessment, fw, second)]
        except ScoringError:
            continue
        if exposed_respondents([(assessment, first), (assessment, second)], fw):
            exposed += 1
            ledger = Ledger(Path(tempfile.mkdtemp()) / "rounds.sqlite")
            ledger.publish(results[0], assessment=assessment, framework=fw)
            with contextlib.suppress(RoundError):
                ledger.publish(results[1], assessment=assessment, framework=fw)
                published += 1
    return exposed, published


def test_attack_3_two_settings_of_one_round_are_refused_by_the_ledger(tmp_path: Path) -> None:
    """Four managers, three peers, one other: by default peers are shown, with
    ``show_manager`` the managers; each result is safe, together they isolate the other."""
    answers = [("manager", v) for v in (1, 2, 3, 4)] + [("peer", v) for v in (1, 5, 2)]
    assessment = _quick_360([*answers, ("other", 3)])
    first, second = SETTING_PAIRS[0]
    assert exposed_respondents([(assessment, first), (assessment, second)], QUICK) == ["r7"]
    ledger = Ledger(tmp_path / "rounds.sqlite")
    ledger.publish(score(assessment, QUICK, first), assessment=assessment, framework=QUICK)
    with pytest.raises(RoundError, match="settings are fixed per round"):
        ledger.publish(score(assessment, QUICK, second), assessment=assessment, framework=QUICK)
    assert attack_two_settings(40)[1] == 0  # and on random 360s, none gets through


def test_a_round_published_again_as_it_was_is_the_same_publication(tmp_path: Path) -> None:
    assessment, _ = random_full_360(random.Random(1))
    ledger = Ledger(tmp_path / "rounds.sqlite")
    result = score(assessment, SIX)
    assert ledger.publish(result, assessment=assessment, framework=SIX)
    assert not ledger.publish(result, assessment=assessment, framework=SIX)  # nothing new
    with pytest.raises(RoundError, match=r"round 's/test-framework/360/2025-01-01'.*settings"):
        ledger.publish(score(assessment, SIX, ScoringSettings(min_raters=2)))


def _late(assessment: Assessment, value: int | str, **update: Any) -> Assessment:
    """The assessment with one late peer, who answered ``value`` to every item."""
    items = [it.id for it in SIX.items("full")] if assessment.detail == "full" else ["b0"]
    late = Response(respondent="late", role="peer", ratings=dict.fromkeys(items, value))
    return assessment.model_copy(update={"responses": [*assessment.responses, late], **update})


def test_attack_4_a_late_rater_in_a_re_dated_re_run_is_refused(tmp_path: Path) -> None:
    """The appraisal tool re-renders when a response arrives, dated today: a new round by
    its date, but the same answers plus one. The ledger sees the earlier publication's
    answers inside the new one and refuses; with the round named, so does compare()."""
    first, _ = random_full_360(random.Random(4))
    again = _late(first, 5, assessed_on=datetime.date(2025, 1, 2))
    ledger = Ledger(tmp_path / "rounds.sqlite")
    ledger.publish(score(first, SIX), assessment=first, framework=SIX)
    with pytest.raises(RoundError, match="subtract"):
        ledger.publish(score(again, SIX), assessment=again, framework=SIX)
    named = first.model_copy(update={"round": "2025-spring"})
    late = _late(named, 5, assessed_on=datetime.date(2025, 1, 2))
    with pytest.raises(ScoringError, match="same round"):
        compare(score(named, SIX), score(late, SIX))


def test_a_rater_whose_answers_changed_since_the_round_was_published_is_refused(
    tmp_path: Path,
) -> None:
    first = _quick_360([("peer", 1), ("peer", 2), ("peer", 4), ("peer", 5)])
    ledger = Ledger(tmp_path / "rounds.sqlite")
    ledger.publish(score(first, QUICK), assessment=first, framework=QUICK)
    changed = _with(first, {1: 3})
    with pytest.raises(RoundError, match="changed or missing"):
        ledger.publish(score(changed, QUICK), assessment=changed, framework=QUICK)


def test_late_raters_enough_to_hide_among_each_other_are_published(tmp_path: Path) -> None:
    """Three late peers: the difference of the two publications is their three answers
    together, which isolates nobody (the rank test), so the round may be published again."""
    first = _quick_360([("peer", 1), ("peer", 2), ("peer", 4)])
    more = first
    for k, v in enumerate((3, 5, 2)):
        late = Response(respondent=f"late{k}", role="peer", ratings={"b0": v})
        more = more.model_copy(update={"responses": [*more.responses, late]})
    ledger = Ledger(tmp_path / "rounds.sqlite")
    ledger.publish(score(first, QUICK), assessment=first, framework=QUICK)
    assert ledger.publish(score(more, QUICK), assessment=more, framework=QUICK)
    one_more = _late(more, 1)
    with pytest.raises(RoundError, match="1 more rater"):
        ledger.publish(score(one_more, QUICK), assessment=one_more, framework=QUICK)


def test_the_ledger_holds_no_respondent_id_answer_or_plain_digest(tmp_path: Path) -> None:
    assessment = _quick_360([("peer", 4), ("peer", 2), ("peer", 5)])
    path = tmp_path / "rounds.sqlite"
    Ledger(path).publish(score(assessment, QUICK), assessment=assessment, framework=QUICK)
    with contextlib.closing(sqlite3.connect(path)) as db:
        cells = [
            str(v)
            for t in ("rounds", "publications")
            for row in db.execute(f"SELECT * FROM {t}")
            for v in row
        ]
    text = "\n".join(cells)
    for r in assessment.responses:
        assert re.search(rf"\b{r.respondent}\b", text) is None
        plain = hashlib.sha256(r.model_dump_json().encode()).hexdigest()
        assert plain not in text
    assert '"b0"' not in text


def _commented_with_the_manager_shown(answers: list[tuple[str, int]]) -> Result:
    """A quick 360 in which every rater comments on b0 ("said by <id>"), the manager shown."""
    assessment = _quick_360(answers)
    responses = [
        r.model_copy(update={"comments": {"b0": f"said by {r.respondent}"}})
        for r in assessment.responses
    ]
    return score(
        assessment.model_copy(update={"responses": responses}),
        QUICK,
        ScoringSettings(show_manager=True),
    )


def test_the_sole_managers_comments_are_printed_among_others_without_a_label() -> None:
    """Their figures are shown alone by choice (show_manager); their words are not."""
    result = _commented_with_the_manager_shown([("manager", 2)] + [("peer", 3)] * 3)
    assert result.behaviour("b0").groups["manager"].mean == 2
    # every other rater is a labelled peer, so "others" would be the manager's words alone:
    # all comments are printed among "others" (the independent check, docs/privacy.md)
    assert {c.group for c in result.comments} == {"self", "others"}
    assert len([c for c in result.comments if c.group == "others"]) == 4
    text = "\n".join(pdf_pages(render_report(result, framework=QUICK)))
    assert re.search(r"\bManager\b[^\n]*said by", text) is None


def _team(values: list[int]) -> Assessment:
    return Assessment(
        framework=QUICK.id,
        framework_version=QUICK.version,
        kind="team",
        detail="quick",
        subject=Subject(id="t", name="T"),
        assessed_on=datetime.date(2025, 1, 1),
        responses=[
            Response(respondent=f"m{k}", role="member", ratings={"b0": v}, comments={"b0": "x"})
            for k, v in enumerate(values)
        ],
    )


def test_a_team_of_two_reads_nothing_of_each_others_answers() -> None:
    result = score(_team([2, 5]), QUICK)
    b = result.behaviour("b0")
    assert b.score.suppressed
    assert (b.score.mean, b.score.min, b.score.max, b.score.sd, b.score.counts) == (None,) * 5
    assert b.agreement is not None
    assert b.agreement.rwg is None
    assert result.comments == []
    text = " ".join(" ".join(pdf_pages(render_report(result, framework=QUICK))).split())
    assert "figures are withheld: 2 members responded, and at least 3 are needed" in text
    assert not score(_team([2, 5, 4]), QUICK).behaviour("b0").score.suppressed
    small = score(_team([2, 5]), QUICK, ScoringSettings(min_team=2))
    assert small.behaviour("b0").score.mean == 3.5  # configurable, for a team that agrees to it


# --- The independent check after issue 10 (docs/privacy.md), kept as tests ----------------


def test_a_team_figure_rests_on_min_team_answers_not_just_members() -> None:
    """Three members, one "not able to say": the two who answered would read each other's
    answer from the mean (before: 200 of 200 random teams)."""
    rng = random.Random(1)
    for _ in range(50):
        values = [rng.randint(1, 5) for _ in range(3)]
        team = _team(values)
        responses = list(team.responses)
        responses[0] = responses[0].model_copy(update={"ratings": {"b0": NOT_ABLE_TO_SAY}})
        b = score(team.model_copy(update={"responses": responses}), QUICK).behaviour("b0")
        assert b.score.suppressed
        assert (b.score.mean, b.score.sd, b.score.counts) == (None, None, None)
        assert b.agreement is not None
        assert b.agreement.rwg is None


TWO = make_framework([(2, 0, "five")])


def _two_item_team(rows: list[list[int]]) -> Assessment:
    items = [it.id for it in TWO.items("full")]
    return Assessment(
        framework=TWO.id,
        framework_version=TWO.version,
        kind="team",
        detail="full",
        subject=Subject(id="t", name="T"),
        assessed_on=datetime.date(2025, 1, 1),
        responses=[
            Response(respondent=f"m{k}", role="member", ratings=dict(zip(items, row, strict=True)))  # type: ignore[arg-type]
            for k, row in enumerate(rows)
        ],
    )


def _behaviour_minus_items(rows: list[list[int]]) -> float | None:
    """``2 * behaviour sum - item 1 sum - item 2 sum`` of a two-item team, if published."""
    b = score(_two_item_team(rows), TWO).behaviours[0]
    s, one, two = b.score, b.items[0].score, b.items[1].score
    if None in (s.mean, one.mean, two.mean):
        return None
    return 2 * s.mean * s.n - one.mean * one.n - two.mean * two.n  # type: ignore[operator]


def test_a_full_team_leaks_no_answer_of_a_member_who_said_not_able_to_say() -> None:
    """Four to six members, the last "not able to say" to item 2 of two. The attack is
    ``2 * behaviour sum - item sums``; it recovers the member's item 1 answer when it gives
    that answer whatever it is (1 to 5, the rest fixed), not by coincidence. Before (behaviour
    figures over members' scores): 40 of 40 random teams; item first: none, and the
    difference does not move with the member's answer at all."""
    rng = random.Random(8)
    recovered = tried = 0
    for _ in range(40):
        rows = [[rng.randint(1, 5), rng.randint(1, 5)] for _ in range(rng.randint(4, 6))]
        rows[-1][1] = NOT_ABLE_TO_SAY  # type: ignore[call-overload]
        found = []
        for answer in range(1, 6):
            rows[-1][0] = answer
            found.append(_behaviour_minus_items(rows))
        if None in found:
            continue
        tried += 1
        recovered += all(abs(f - a) < 1e-6 for f, a in zip(found, range(1, 6), strict=True))  # type: ignore[operator]
        assert max(found) - min(found) < 1e-9  # type: ignore[type-var,operator]
    assert tried >= 30
    assert recovered == 0


@settings(max_examples=150)
@given(data=st.data(), fw=frameworks(max_behaviours=3), min_team=st.integers(2, 4))
def test_two_members_of_a_full_team_exchanging_answers_item_by_item_change_no_output(
    data: st.DataObject, fw: Framework, min_team: int
) -> None:
    """Members with any mix of answers, "not able to say" and skipped items exchange their
    answers to the items both answered, each keeping their own pattern: no byte of the JSON
    or CSV changes, so every team figure (behaviour figures item first, rwg from item
    variances, counts over the published items; no alpha) is a function of each item's
    answers, not of which answers one member gave together."""
    team = data.draw(assessments(fw, "team", "full", max_raters=7))
    cfg = ScoringSettings(min_team=min_team)
    result = score(team, fw, cfg)
    assert all(b.alpha is None for b in result.behaviours)
    k = len(team.responses)
    if k < 2:
        return
    x, y = data.draw(st.sampled_from([(a, b) for a in range(k) for b in range(k) if a < b]))
    assert _outputs(score(_swap_values(team, x, y), fw, cfg)) == _outputs(result)


def test_the_sole_managers_comments_do_not_stand_alone_among_others() -> None:
    """One manager shown by choice, every other role shown and labelled: "others" would be
    the manager's words alone (before: 100 of 100), so every comment is printed among others."""
    answers = [("manager", 2)] + [("peer", 3)] * 3 + [("direct_report", 4)] * 3
    result = _commented_with_the_manager_shown(answers)
    assert result.behaviour("b0").groups["manager"].mean == 2
    assert {c.group for c in result.comments} == {"self", "others"}
    assert len([c for c in result.comments if c.group == "others"]) == 7


def _fresh_ledger() -> Ledger:
    return Ledger(Path(tempfile.mkdtemp()) / "rounds.sqlite")


def _renumbered(assessment: Assessment) -> Assessment:
    """As re-exported to a file of another name: the importer's row ids all change."""
    responses = [
        r if r.role == "self" else r.model_copy(update={"respondent": f"new.csv row {k}"})
        for k, r in enumerate(assessment.responses)
    ]
    return assessment.model_copy(update={"responses": responses})


def _withdrawn(assessment: Assessment, rng: random.Random) -> Assessment:
    responses = list(assessment.responses)
    responses.pop(rng.randint(1, len(responses) - 1))
    return assessment.model_copy(update={"responses": responses})


def _comment_edited(assessment: Assessment, rng: random.Random) -> Assessment:
    late = _late(assessment, rng.randint(1, 5))
    responses = list(late.responses)
    responses[1] = responses[1].model_copy(update={"comments": {"b0": "typo fixed"}})
    return late.model_copy(update={"responses": responses})


RE_RUNS = {
    "a rater withdrawn": _withdrawn,
    "a comment edited and a late rater": _comment_edited,
    "ids renumbered and a late rater": lambda a, rng: _renumbered(_late(a, rng.randint(1, 5))),
}


def attack_re_dated_re_runs(how: str, trials: int, seed: int = 2) -> int:
    """A re-run under a new date whose responses are not all the earlier ones as they were
    (so the earlier publication is not inside it): how many the ledger publishes."""
    rng = random.Random(seed)
    published = 0
    for _ in range(trials):
        first, _ = random_full_360(rng, sizes=(4, 7))
        ledger = _fresh_ledger()
        ledger.publish(score(first, SIX), assessment=first, framework=SIX)
        again = RE_RUNS[how](first, rng).model_copy(
            update={"assessed_on": datetime.date(2025, 1, 2)}
        )
        try:
            result = score(again, SIX)
        except ScoringError:
            continue
        with contextlib.suppress(RoundError):
            ledger.publish(result, assessment=again, framework=SIX)
            published += 1
    return published


@pytest.mark.parametrize("how", sorted(RE_RUNS))
def test_a_re_dated_re_run_that_is_not_a_superset_is_refused(how: str) -> None:
    """Before: the ledger only checked earlier publications wholly inside the new one, by
    response digests that include ids and comments, so each of these went through (100 of
    100) and the difference showed the withdrawn or late rater's answers."""
    assert attack_re_dated_re_runs(how, 30) == 0


def test_a_round_first_published_from_a_result_alone_is_not_republished_unchecked() -> None:
    """An embedding tool publishes a result alone (allowed for a new round), then the round
    again with its answers and one late rater: before, nothing was checked (100 of 100)."""
    rng = random.Random(4)
    for _ in range(20):
        first, _ = random_full_360(rng)
        ledger = _fresh_ledger()
        ledger.publish(score(first, SIX))
        late = _late(first, rng.randint(1, 5))
        with pytest.raises(RoundError, match="from a result alone"):
            ledger.publish(score(late, SIX), assessment=late, framework=SIX)


def test_a_failed_subjects_manifest_row_quotes_no_respondent_or_answer(tmp_path: Path) -> None:
    """A typo'd answer (9 on a 1 to 5 scale) made the manifest say "respondent 'r1': rating 9
    of item 'b0'": a name and an answer in the folder the subject reads."""
    assessment = _quick_360([("peer", 4), ("peer", 2), ("peer", 5)])
    responses = list(assessment.responses)
    responses[2] = responses[2].model_copy(update={"ratings": {"b0": 9}})
    bad = assessment.model_copy(update={"responses": responses})
    render_many([bad], tmp_path, framework=QUICK, render=_fake_render, jobs=1)
    text = (tmp_path / "manifest.json").read_text() + (tmp_path / "manifest.csv").read_text()
    assert "ResponsesError: 1 problem(s)" in text
    assert "r1" not in text
    assert "rating 9" not in text


@settings(max_examples=150)
@given(data=st.data(), fw=frameworks(max_behaviours=3), cfg=configs)
def test_agreement_and_the_gap_say_nothing_the_published_item_figures_do_not(
    data: st.DataObject, fw: Framework, cfg: ScoringSettings
) -> None:
    """Attack on what issue 11 added: r*wg(J) and rwg(J) are recomputed from others' published
    item SDs and the scale's points alone, and the gap from the published self and others item
    means (full) or behaviour means (quick), so an adversary who reads them learns nothing the
    item figures did not already say; agreement's n is the figure's own n."""
    _, result = _scored(data, fw, cfg)
    for b in result.behaviours:
        a = b.agreement
        assert a is not None
        if a.rwg_star is None:
            assert a.rwg is None
            continue
        items = [it.score for it in b.items] if result.detail == "full" else [b.score]
        variances = [s.sd**2 for s in items if s.sd is not None]
        values = result.scale_for(b.id).values
        centre = math.fsum(values) / len(values)
        null = math.fsum((v - centre) ** 2 for v in values) / len(values)
        ratio = math.fsum(variances) / len(variances) / null
        assert a.rwg_star == pytest.approx(1 - ratio, rel=1e-9, abs=1e-9)
        j = len(variances)
        rwg = 0.0 if ratio >= 1 else j * (1 - ratio) / (j * (1 - ratio) + ratio)
        assert a.rwg == pytest.approx(min(1.0, max(0.0, rwg)), rel=1e-9, abs=1e-9)
        assert a.n == b.score.n
        if b.gap is not None and result.detail == "full":
            pairs = [(it.groups["self"].mean, it.score.mean) for it in b.items]
            diffs = [m - o for m, o in pairs if m is not None and o is not None]
            assert b.gap == pytest.approx(math.fsum(diffs) / len(diffs), rel=1e-9, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), fw=frameworks(max_behaviours=2), cfg=configs)
def test_the_exposure_check_sees_every_figure_a_full_360_publishes(
    data: st.DataObject, fw: Framework, cfg: ScoringSettings
) -> None:
    """Attack on the merge of issue 11 (one population per figure) with the paired
    comparisons and the ledger, which both trust ``published_sums``: if a published figure
    were outside the sums the rank test reads, a reader could combine it with a paired sum
    the check had passed. So every published "others" item mean and every published group
    behaviour mean (weights worked out by the reference implementation's used items) must be
    a linear combination of ``published_sums``' answer sets."""
    assessment = data.draw(
        assessments(fw, "360", min_raters=cfg.min_raters, roles=data.draw(role_mixes))
    )
    if assessment.detail != "full":
        return
    result = score(assessment, fw, cfg)
    assert result.feedback360 is not None
    rows, _ = published_sums(assessment, batch_of_one(assessment, fw, cfg))
    cells = sorted({(r.respondent, i) for r in assessment.responses for i, v in r.ratings.items()})
    column = {c: j for j, c in enumerate(cells)}

    def vector(weights: dict[tuple[str, str], float]) -> np.ndarray:
        out = np.zeros(len(cells))
        for cell, w in weights.items():
            out[column[cell]] += w
        return out

    def mean_of(group: str, item: str) -> dict[tuple[str, str], float]:
        who = [
            r.respondent
            for r in assessment.responses
            if r.role != "self"
            and group in ("others", r.role)
            and isinstance(r.ratings.get(item), int)
        ]
        return {(w, item): 1 / len(who) for w in who}

    targets = []
    used = item_first_360(assessment, fw, list(result.feedback360.shown_groups), cfg)
    for b in result.behaviours:
        for it in b.items:
            if it.score.mean is not None:
                targets.append(vector(mean_of("others", it.id)))
        for group, stats in [("others", b.score), *b.groups.items()]:
            chosen = used[b.id][group]["items"] if group in used[b.id] else []
            if group == "self" or stats.mean is None or not chosen:
                continue
            weights: dict[tuple[str, str], float] = {}
            for item in chosen:
                for cell, w in mean_of(group, item).items():
                    weights[cell] = w / len(chosen)
            targets.append(vector(weights))
    if not targets:
        return
    matrix = np.array([vector(dict.fromkeys(row, 1.0)) for row in rows]).reshape(-1, len(cells))
    assert spanned(matrix, np.array(targets)).all()
