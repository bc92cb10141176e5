"""The vectorised engine against a plain-Python implementation of docs/scoring.md.

The reference below is written from the formulas in the docs, one loop at a
time, without numpy and without reading the engine, so a wrong formula or a
broadcasting slip in either shows up as a difference on random data
(skipped items, "not able to say", reverse keying, mixed scales, 1-9 raters).
"""

from __future__ import annotations

import datetime
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from behaviours import score
from behaviours.frameworks.model import Framework
from behaviours.responses.model import NOT_ABLE_TO_SAY, Assessment, Response, Subject
from behaviours.results.model import BehaviourResult, Result, Stats
from behaviours.scoring.settings import ScoringSettings
from strategies.responses import assessments, frameworks

T975 = [
    math.nan, 12.7062047362, 4.3026527297, 3.1824463053,
    2.7764451052, 2.5705818356, 2.4469118511, 2.3646242516,
    2.3060041352, 2.2621571628, 2.2281388520, 2.2009851601,
    2.1788128297, 2.1603686565, 2.1447866879, 2.1314495456,
]  # fmt: skip
APPROX = {"rel": 1e-9, "abs": 1e-9}


def keyed(framework: Framework, item: Any, rating: int) -> float:
    scale = framework.scale_for(item.behaviour_id)
    return float(scale.min + scale.max - rating) if item.reverse else float(rating)


def describe(values: list[float], lo: float, hi: float) -> dict[str, Any]:
    n = len(values)
    if n == 0:
        return {"n": 0, "mean": None}
    mean = math.fsum(values) / n
    out = {"n": n, "mean": mean, "min": min(values), "max": max(values)}
    out["normalised"] = 100 * (mean - lo) / (hi - lo)
    if n >= 2:
        sd = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1))
        half = T975[n - 1] * sd / math.sqrt(n)
        out.update(sd=sd, ci_low=mean - half, ci_high=mean + half)
    else:
        out.update(sd=None, ci_low=None, ci_high=None)
    return out


def variance(values: list[float]) -> float | None:
    if len(values) < 2:
        return None
    mean = math.fsum(values) / len(values)
    return math.fsum((v - mean) ** 2 for v in values) / (len(values) - 1)


def reference(
    assessment: Assessment,
    framework: Framework,
    group: list[int],
    detail: str,
    cfg: ScoringSettings,
) -> dict[str, dict[str, Any]]:
    """Per behaviour: the figures of the respondents at indexes ``group``."""
    out = {}
    responses = [assessment.responses[i] for i in group]
    for b in framework.behaviours:
        scale = framework.scale_for(b)
        items = [it for it in framework.items(detail) if it.behaviour_id == b.id]  # type: ignore[arg-type]
        need = max(1, math.ceil(cfg.min_item_fraction * len(items) - 1e-9))
        scores, counts, nas = [], [0] * len(scale.values), 0
        complete: list[list[float]] = []
        per_item: dict[str, list[float]] = {it.id: [] for it in items}
        for r in responses:
            answers = []
            for it in items:
                rating = r.ratings.get(it.id)
                if rating == NOT_ABLE_TO_SAY:
                    nas += 1
                elif rating is not None:
                    answers.append(keyed(framework, it, rating))  # type: ignore[arg-type]
                    per_item[it.id].append(answers[-1])
            if len(answers) >= need:
                scores.append(math.fsum(answers) / len(answers))
                for a in answers:
                    counts[scale.values.index(int(a))] += 1
            if len(answers) == len(items):
                complete.append(answers)
        entry = describe(scores, scale.min, scale.max)
        entry.update(n_not_able_to_say=nas, counts=counts, items={})
        for it in items:
            entry["items"][it.id] = describe(per_item[it.id], scale.min, scale.max)
        variances = [v for v in (variance(per_item[it.id]) for it in items) if v is not None]
        entry["rwg"] = None
        if len(scores) >= 2 and variances:
            j = len(variances)
            ratio = (math.fsum(variances) / j) / ((len(scale.values) ** 2 - 1) / 12)
            rwg = 0.0 if ratio >= 1 else j * (1 - ratio) / (j * (1 - ratio) + ratio)
            entry["rwg"] = min(1.0, max(0.0, rwg))
        entry["alpha"] = None
        if len(complete) >= 3 and len(items) >= 2:
            item_vars = [variance([row[k] for row in complete]) or 0.0 for k in range(len(items))]
            total_var = variance([math.fsum(row) for row in complete]) or 0.0
            if total_var > 0:
                k = len(items)
                entry["alpha"] = k / (k - 1) * (1 - math.fsum(item_vars) / total_var)
        out[b.id] = entry
    return out


WITHHELD = ("mean", "normalised", "min", "max", "sd", "ci_low", "ci_high", "counts")


def assert_stats(got: Stats, want: dict[str, Any], *, counts: bool = True) -> None:
    assert got.n == want["n"]
    if want["n"] == 0:
        assert got.insufficient
        assert got.mean is None
        return
    for name in ("mean", "normalised", "min", "max", "sd", "ci_low", "ci_high"):
        expected = want[name]
        actual = getattr(got, name)
        assert (actual is None) == (expected is None), name
        if expected is not None:
            assert actual == pytest.approx(expected, **APPROX), name
    if counts and "counts" in want:
        assert got.counts == want["counts"]


def check_group(result: Result, ref: dict[str, Any], *, group: str | None = None) -> None:
    for b in result.behaviours:
        got = b.score if group is None else b.groups[group]
        assert_stats(got, ref[b.id])
        assert got.n_not_able_to_say == ref[b.id]["n_not_able_to_say"]


@settings(max_examples=80)
@given(data=st.data(), fw=frameworks(), kind=st.sampled_from(["quick", "full"]))
def test_self_assessment_matches_the_reference(
    data: st.DataObject, fw: Framework, kind: str
) -> None:
    assessment = data.draw(assessments(fw, kind))
    result = score(assessment, fw)
    ref = reference(assessment, fw, [0], kind, ScoringSettings())
    check_group(result, ref)
    for b in result.behaviours:
        for item in b.items:
            assert_stats(item.score, ref[b.id]["items"][item.id])


@settings(max_examples=80)
@given(data=st.data(), fw=frameworks(), detail=st.sampled_from(["quick", "full"]))
def test_team_assessment_matches_the_reference(
    data: st.DataObject, fw: Framework, detail: str
) -> None:
    assessment = data.draw(assessments(fw, "team", detail))
    cfg = ScoringSettings(min_team=2)
    result = score(assessment, fw, cfg)
    if len(assessment.responses) < cfg.min_team:  # withheld: a member alone, or two
        assert all(b.score.suppressed or b.score.insufficient for b in result.behaviours)
        assert all(b.score.mean is None for b in result.behaviours)
        return
    ref = reference(assessment, fw, list(range(len(assessment.responses))), detail, cfg)
    for entry in ref.values():  # each figure needs min_team answers, not only members
        for figure in [entry, *entry["items"].values()]:
            if 0 < figure["n"] < cfg.min_team:
                figure.update(dict.fromkeys(WITHHELD))
    if detail == "quick":
        check_group(result, ref)
    for b in result.behaviours:
        assert b.agreement is not None
        want = ref[b.id]["rwg"]
        if detail == "full" and b.score.mean is None:
            want = None  # a withheld behaviour has no agreement figure either
        assert (b.agreement.rwg is None) == (want is None)
        if want is not None:
            assert b.agreement.rwg == pytest.approx(want, **APPROX)
        if detail == "full":
            check_full_team(b, ref[b.id], assessment, fw, cfg)


def check_full_team(
    b: BehaviourResult,
    want: dict[str, Any],
    assessment: Assessment,
    fw: Framework,
    cfg: ScoringSettings,
) -> None:
    """A full team's figures, item first (docs/scoring.md): items over the members who
    answered them, the behaviour made of the items with ``min_team`` answers; no alpha."""
    assert b.alpha is None
    for item in b.items:
        assert_stats(item.score, want["items"][item.id])
    used = [it for it, figure in want["items"].items() if figure["n"] >= cfg.min_team]
    if b.score.mean is None:
        assert b.score.suppressed or b.score.insufficient
        return
    scale = fw.scale_for(b.id)
    expected = item_first_stats(want, used, scale.min, scale.max)
    assert_stats(b.score, expected, counts=False)
    counts = [0] * len(scale.values)
    for it in used:
        item = next(x for x in fw.items("full") if x.id == it)
        for r in assessment.responses:
            rating = r.ratings.get(it)
            if isinstance(rating, int):
                counts[scale.values.index(int(keyed(fw, item, rating)))] += 1
    assert b.score.counts == counts


ROLE_ORDER = ("manager", "peer", "direct_report", "other")


def used_roles(
    n_others: int, n_roles: dict[str, int], shown: list[str], m: int, *, sole_manager: bool
) -> set[str]:
    """The shown roles one item's figures of a full 360 are used for (docs/privacy.md)."""
    used = {g for g in shown if n_roles[g] >= m or (g == "manager" and sole_manager and n_roles[g])}
    while n_others >= m and used:
        rest = n_others - sum(n_roles[g] for g in used)
        if rest == 0 or rest >= m:
            break
        used.remove(min(used, key=lambda g: (n_roles[g], ROLE_ORDER.index(g))))
    return used


def item_first_360(
    assessment: Assessment, framework: Framework, shown: list[str], cfg: ScoringSettings
) -> dict[str, dict[str, Any]]:
    """Per behaviour of a full 360: for "others" and each shown role, the items its
    behaviour mean uses, that mean (of item means over the raters who answered each
    item), the answer counts of those items, and others' rwg over them."""
    rs = assessment.responses
    members = {g: [i for i, r in enumerate(rs) if r.role == g] for g in ROLE_ORDER}
    members["others"] = [i for i, r in enumerate(rs) if r.role != "self"]
    sole = "manager" in shown and len(members["manager"]) == 1
    per_group = {g: reference(assessment, framework, members[g], "full", cfg) for g in members}
    out: dict[str, dict[str, Any]] = {}
    for b in framework.behaviours:
        scale = framework.scale_for(b)
        items = [it.id for it in framework.items("full") if it.behaviour_id == b.id]
        used: dict[str, list[str]] = {g: [] for g in members}
        for it in items:
            n = {g: per_group[g][b.id]["items"][it]["n"] for g in members}
            if n["others"] >= cfg.min_raters:
                used["others"].append(it)
            for g in used_roles(n["others"], n, shown, cfg.min_raters, sole_manager=sole):
                used[g].append(it)
        entry: dict[str, Any] = {}
        for g, chosen in used.items():
            means = [per_group[g][b.id]["items"][it]["mean"] for it in chosen]
            counts = [0] * len(scale.values)
            for i in members[g]:
                for it in chosen:
                    rating = rs[i].ratings.get(it)
                    if isinstance(rating, int):
                        item = next(x for x in framework.items("full") if x.id == it)
                        counts[scale.values.index(int(keyed(framework, item, rating)))] += 1
            entry[g] = {
                "items": chosen,
                "mean": math.fsum(means) / len(means) if means else None,
                "counts": counts,
            }
        variances = [variance(_answers(assessment, framework, it)) for it in used["others"]]
        known = [v for v in variances if v is not None]
        entry["rwg"] = None
        if per_group["others"][b.id]["n"] >= 2 and known:
            j = len(known)
            ratio = (math.fsum(known) / j) / ((len(scale.values) ** 2 - 1) / 12)
            rwg = 0.0 if ratio >= 1 else j * (1 - ratio) / (j * (1 - ratio) + ratio)
            entry["rwg"] = min(1.0, max(0.0, rwg))
        out[b.id] = entry
    return out


def _answers(assessment: Assessment, framework: Framework, item_id: str) -> list[float]:
    item = next(x for x in framework.items("full") if x.id == item_id)
    return [
        keyed(framework, item, r.ratings[item_id])  # type: ignore[arg-type]
        for r in assessment.responses
        if r.role != "self" and isinstance(r.ratings.get(item_id), int)
    ]


def item_first_stats(
    rater_level: dict[str, Any], chosen: list[str], lo: float, hi: float
) -> dict[str, Any]:
    """A full 360 group's behaviour figures from its used items' figures only (docs/scoring.md):
    n stays the raters with a score; the mean is the mean of item means, the SD the mean
    of item SDs, min and max the extreme answers, the interval ``mean -/+ t(min n_i - 1) *
    mean(sd_i / sqrt(n_i))``."""
    per = [rater_level["items"][it] for it in chosen]
    mean = math.fsum(p["mean"] for p in per) / len(per)
    want = dict(rater_level, mean=mean, normalised=100 * (mean - lo) / (hi - lo))
    want.update(min=min(p["min"] for p in per), max=max(p["max"] for p in per))
    want.update(sd=None, ci_low=None, ci_high=None)
    if all(p["sd"] is not None for p in per):
        want["sd"] = math.fsum(p["sd"] for p in per) / len(per)
        se = math.fsum(p["sd"] / math.sqrt(p["n"]) for p in per) / len(per)
        half = T975[min(p["n"] for p in per) - 1] * se
        want.update(ci_low=mean - half, ci_high=mean + half)
    return want


def check_item_first(
    b: BehaviourResult, ref: dict[str, Any], rater_level: dict[str, Any], bounds: tuple[int, int]
) -> None:
    """Others' behaviour figures and rwg of a full 360 against ``item_first_360``."""
    if not b.score.insufficient:
        assert_stats(
            b.score, item_first_stats(rater_level, ref["others"]["items"], *bounds), counts=False
        )
        assert b.score.counts == ref["others"]["counts"]
    assert b.agreement is not None
    assert (b.agreement.rwg is None) == (ref["rwg"] is None)
    if ref["rwg"] is not None:
        assert b.agreement.rwg == pytest.approx(ref["rwg"], **APPROX)


@settings(max_examples=80)
@given(data=st.data(), fw=frameworks(), detail=st.sampled_from(["quick", "full"]))
def test_360_published_figures_match_the_reference(
    data: st.DataObject, fw: Framework, detail: str
) -> None:
    assessment = data.draw(assessments(fw, "360", detail, min_raters=3, self_assessed=True))
    result = score(assessment, fw)
    cfg = result.settings
    rs = assessment.responses
    ref_self = reference(assessment, fw, [0], detail, cfg)
    check_group(result, ref_self, group="self")
    ref_others = reference(assessment, fw, list(range(1, len(rs))), detail, cfg)
    shown = result.feedback360.shown_groups  # type: ignore[union-attr]
    first = item_first_360(assessment, fw, shown, cfg) if detail == "full" else {}
    for b in result.behaviours:
        scale = fw.scale_for(b.id)
        if b.score.suppressed:
            assert b.score.mean is None
            continue
        if detail == "full":
            check_item_first(b, first[b.id], ref_others[b.id], (scale.min, scale.max))
        else:
            assert_stats(b.score, ref_others[b.id])
        self_mean = b.groups["self"].mean
        if self_mean is not None and b.score.mean is not None:
            assert b.gap == pytest.approx(self_mean - b.score.mean, **APPROX)
        for role, stats in b.groups.items():
            if role == "self" or stats.suppressed or stats.insufficient:
                assert role == "self" or stats.mean is None
                continue
            members = [i for i, r in enumerate(rs) if r.role == role]
            ref_role = reference(assessment, fw, members, detail, cfg)[b.id]
            if detail == "full":
                ref_role = item_first_stats(
                    ref_role, first[b.id][role]["items"], scale.min, scale.max
                )
                ref_role["counts"] = first[b.id][role]["counts"]
            assert_stats(stats, ref_role)
        for item in b.items:  # over the raters who answered the item
            if not item.score.suppressed:
                assert_stats(item.score, ref_others[b.id]["items"][item.id])
        assert b.alpha is None  # a 360 has no alpha: it rests on how one rater's answers go


@settings(max_examples=60)
@given(data=st.data(), fw=frameworks(), raters=st.integers(3, 6))
def test_full_360_item_first_means_equal_rater_first_means_when_everyone_answers_everything(
    data: st.DataObject, fw: Framework, raters: int
) -> None:
    items = fw.items("full")
    values = {it.id: fw.scale_for(it.behaviour_id).values for it in items}  # type: ignore[arg-type]
    responses = [
        Response(
            respondent=f"r{k}",
            role="peer",
            ratings={i: data.draw(st.sampled_from(v)) for i, v in values.items()},  # type: ignore[misc]
        )
        for k in range(raters)
    ]
    assessment = Assessment(
        framework=fw.id,
        framework_version=fw.version,
        kind="360",
        detail="full",
        subject=Subject(id="s", name="S"),
        assessed_on=datetime.date(2025, 1, 1),
        responses=responses,
    )
    result = score(assessment, fw)
    rater_first = reference(assessment, fw, list(range(raters)), "full", result.settings)
    for b in result.behaviours:
        assert b.score.mean == pytest.approx(rater_first[b.id]["mean"], **APPROX)
        assert b.groups["peer"].mean == pytest.approx(rater_first[b.id]["mean"], **APPROX)
