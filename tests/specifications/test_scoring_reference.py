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


def null_variance(values: tuple[int, ...] | list[int]) -> float:
    """Every point equally likely, as a discrete distribution: the variance of the points."""
    mean = math.fsum(values) / len(values)
    return math.fsum((v - mean) ** 2 for v in values) / len(values)


def agreement(
    variances: list[float | None], n: int, values: tuple[int, ...], cfg: ScoringSettings
) -> tuple[float | None, float | None]:
    """rwg(J) (clipped to [0, 1]) and r*wg(J) (not clipped) from the items' variances over
    ``n`` respondents, None below two respondents or ``min_rwg_raters``."""
    known = [v for v in variances if v is not None]
    if n < max(2, cfg.min_rwg_raters) or not known:
        return None, None
    j = len(known)
    ratio = (math.fsum(known) / j) / null_variance(values)
    rwg = 0.0 if ratio >= 1 else j * (1 - ratio) / (j * (1 - ratio) + ratio)
    return min(1.0, max(0.0, rwg)), 1 - ratio


def contributors(responses: list[Response], chosen: list[str]) -> int:
    """Respondents who answered at least one of the ``chosen`` items: the n of an item-first
    figure (docs/scoring.md, one population per figure)."""
    return sum(any(isinstance(r.ratings.get(it), int) for it in chosen) for r in responses)


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
        variances = [variance(per_item[it.id]) for it in items]
        entry["rwg"], entry["rwg_star"] = agreement(variances, len(scores), scale.values, cfg)
        entry["answered_items"] = sum(bool(per_item[it.id]) for it in items)
        entry["need"] = need
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
    if want["n"] == 0 or want.get("insufficient"):
        assert got.insufficient
        assert_only_n(got)
        return
    for name in ("mean", "normalised", "min", "max", "sd", "ci_low", "ci_high"):
        expected = want[name]
        actual = getattr(got, name)
        assert (actual is None) == (expected is None), name
        if expected is not None:
            assert actual == pytest.approx(expected, **APPROX), name
    if counts and "counts" in want:
        assert got.counts == want["counts"]


def assert_only_n(got: Stats) -> None:
    """An insufficient figure publishes nothing but its n (and its "not able to say" count)."""
    assert [getattr(got, name) for name in WITHHELD] == [None] * len(WITHHELD)


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
    cfg = ScoringSettings(min_team=2, min_rwg_raters=2)
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
        if detail == "full":
            want = check_full_team(b, ref[b.id], assessment, fw, cfg)
        else:
            want = (ref[b.id]["rwg"], ref[b.id]["rwg_star"])
        check_agreement(b, want, cfg)


def check_agreement(
    b: BehaviourResult, want: tuple[float | None, float | None], cfg: ScoringSettings
) -> None:
    """rwg(J) and r*wg(J) as the reference has them, and the flag on r*wg(J)."""
    assert b.agreement is not None
    got = (b.agreement.rwg, b.agreement.rwg_star)
    assert [g is None for g in got] == [w is None for w in want]
    for g, w in zip(got, want, strict=True):
        if w is not None:
            assert g == pytest.approx(w, **APPROX)
    assert b.agreement.disagreement == (want[1] is not None and want[1] < cfg.rwg_threshold)


def check_full_team(
    b: BehaviourResult,
    want: dict[str, Any],
    assessment: Assessment,
    fw: Framework,
    cfg: ScoringSettings,
) -> tuple[float | None, float | None]:
    """A full team's figures, item first (docs/scoring.md): items over the members who
    answered them, the behaviour made of the items with ``min_team`` answers and ``n`` the
    members who answered one of them; no alpha. Returns the expected agreement."""
    assert b.alpha is None
    for item in b.items:
        assert_stats(item.score, want["items"][item.id])
    used = [it for it, figure in want["items"].items() if figure["n"] >= cfg.min_team]
    n = contributors(list(assessment.responses), used)
    assert b.score.n == n
    assert b.score.insufficient == (want["answered_items"] < want["need"])
    if b.score.mean is None:
        assert b.score.suppressed or b.score.insufficient
        assert b.score.counts is None
        return None, None
    scale = fw.scale_for(b.id)
    expected = item_first_stats(want, used, scale.min, scale.max, n)
    assert_stats(b.score, expected, counts=False)
    counts = [0] * len(scale.values)
    for it in used:
        item = next(x for x in fw.items("full") if x.id == it)
        for r in assessment.responses:
            rating = r.ratings.get(it)
            if isinstance(rating, int):
                counts[scale.values.index(int(keyed(fw, item, rating)))] += 1
    assert b.score.counts == counts
    variances = [variance(_answers(assessment, fw, it, role=None)) for it in used]
    return agreement(variances, n, scale.values, cfg)


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
    item), the raters who answered one of them (n), the answer counts of those items, others'
    rwg(J) and r*wg(J) over them, and the gap over the items self and others share."""
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
                "n": contributors([rs[i] for i in members[g]], chosen),
                "mean": math.fsum(means) / len(means) if means else None,
                "counts": counts,
                "insufficient": per_group[g][b.id]["answered_items"] < per_group[g][b.id]["need"],
            }
        variances = [variance(_answers(assessment, framework, it)) for it in used["others"]]
        n = entry["others"]["n"]
        entry["rwg"], entry["rwg_star"] = agreement(variances, n, scale.values, cfg)
        if entry["others"]["insufficient"]:  # an insufficient figure publishes only its n
            entry["rwg"] = entry["rwg_star"] = None
        entry["gap"] = shared_gap(assessment, framework, used["others"], per_group["others"][b.id])
        out[b.id] = entry
    return out


def _answers(
    assessment: Assessment, framework: Framework, item_id: str, role: str | None = "self"
) -> list[float]:
    """Keyed answers to an item by everyone but ``role`` (the self; None: everyone)."""
    item = next(x for x in framework.items("full") if x.id == item_id)
    return [
        keyed(framework, item, r.ratings[item_id])  # type: ignore[arg-type]
        for r in assessment.responses
        if r.role != role and isinstance(r.ratings.get(item_id), int)
    ]


def shared_gap(
    assessment: Assessment, framework: Framework, used: list[str], others: dict[str, Any]
) -> float | None:
    """Self minus others over the items the self answered and others' mean uses, when they
    are at least ``need``: the mean of ``self answer - others' item mean``."""
    me = next((r for r in assessment.responses if r.role == "self"), None)
    if me is None:
        return None
    diffs = []
    for it in used:
        rating = me.ratings.get(it)
        if isinstance(rating, int):
            item = next(x for x in framework.items("full") if x.id == it)
            diffs.append(keyed(framework, item, rating) - others["items"][it]["mean"])
    return math.fsum(diffs) / len(diffs) if diffs and len(diffs) >= others["need"] else None


def item_first_stats(
    rater_level: dict[str, Any], chosen: list[str], lo: float, hi: float, n: int
) -> dict[str, Any]:
    """A full 360 group's behaviour figures from its used items' figures only (docs/scoring.md):
    n is the raters who answered a used item; the mean is the mean of item means, the SD the
    mean of item SDs, min and max the extreme answers, the interval ``mean -/+ t(min n_i - 1)
    * mean(sd_i / sqrt(n_i))``."""
    per = [rater_level["items"][it] for it in chosen]
    mean = math.fsum(p["mean"] for p in per) / len(per)
    want = dict(rater_level, n=n, mean=mean, normalised=100 * (mean - lo) / (hi - lo))
    want.update(min=min(p["min"] for p in per), max=max(p["max"] for p in per))
    want.update(sd=None, ci_low=None, ci_high=None)
    if all(p["sd"] is not None for p in per):
        want["sd"] = math.fsum(p["sd"] for p in per) / len(per)
        se = math.fsum(p["sd"] / math.sqrt(p["n"]) for p in per) / len(per)
        half = T975[min(p["n"] for p in per) - 1] * se
        want.update(ci_low=mean - half, ci_high=mean + half)
    return want


def check_item_first(
    b: BehaviourResult,
    ref: dict[str, Any],
    rater_level: dict[str, Any],
    bounds: tuple[int, int],
    cfg: ScoringSettings,
) -> None:
    """Others' behaviour figures, agreement and gap of a full 360 against ``item_first_360``."""
    others = ref["others"]
    assert b.score.n == others["n"]
    assert b.score.insufficient == others["insufficient"]
    if b.score.insufficient:
        assert_only_n(b.score)
    else:
        want = item_first_stats(rater_level, others["items"], *bounds, others["n"])
        assert_stats(b.score, want, counts=False)
        assert b.score.counts == others["counts"]
    check_agreement(b, (ref["rwg"], ref["rwg_star"]), cfg)
    assert (b.gap is None) == (ref["gap"] is None)
    if ref["gap"] is not None:
        assert b.gap == pytest.approx(ref["gap"], **APPROX)


@settings(max_examples=80)
@given(data=st.data(), fw=frameworks(), detail=st.sampled_from(["quick", "full"]))
def test_360_published_figures_match_the_reference(
    data: st.DataObject, fw: Framework, detail: str
) -> None:
    assessment = data.draw(assessments(fw, "360", detail, min_raters=3, self_assessed=True))
    cfg = ScoringSettings(min_rwg_raters=3)
    result = score(assessment, fw, cfg)
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
            check_item_first(b, first[b.id], ref_others[b.id], (scale.min, scale.max), cfg)
        else:
            assert_stats(b.score, ref_others[b.id])
            check_agreement(b, (ref_others[b.id]["rwg"], ref_others[b.id]["rwg_star"]), cfg)
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
                mine = first[b.id][role]
                ref_role = item_first_stats(
                    ref_role, mine["items"], scale.min, scale.max, mine["n"]
                )
                ref_role["counts"] = mine["counts"]
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
