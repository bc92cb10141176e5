"""One subject's ``Result`` from batch arrays: the per-assessment view of the engine.

Everything numeric comes from ``BatchScores``; this module only picks one row,
turns NaN into ``None``, and adds what arrays do not carry: the subject, the
date, comments and the ranked lists (strengths, development areas, top and
bottom items), whose ties are kept together and ordered by id.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import Any

import numpy as np

from behaviours.frameworks.kinds import RATER_ROLES
from behaviours.frameworks.model import Framework
from behaviours.responses.model import Subject
from behaviours.results.model import (
    Agreement,
    BehaviourResult,
    Comment,
    Feedback360,
    ItemResult,
    Reliability,
    Result,
    ScaleInfo,
    Stats,
    TeamView,
)
from behaviours.scoring.batch import BatchScores
from behaviours.scoring.groups import GroupStats

__all__ = ["GROUP_ORDER", "extremes", "result_of"]

GROUP_ORDER = ("self", *RATER_ROLES, "others", "member")
TIE_DECIMALS = 9
_EPS = 1e-9


def _num(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _rows(g: GroupStats, s: int) -> dict[str, list[Any]]:
    """Row ``s`` of every array of ``g`` as Python lists (one conversion, not one per cell)."""
    return {f.name: getattr(g, f.name)[s].tolist() for f in fields(g)}


def _stats(row: dict[str, list[Any]], k: int, counts: list[int]) -> Stats:
    def num(name: str) -> float | None:
        value = row[name][k]
        return None if math.isnan(value) else float(value)

    suppressed = bool(row["suppressed"][k])
    return Stats(
        n=int(row["n"][k]),
        n_not_able_to_say=int(row["n_not_able_to_say"][k]),
        mean=num("mean"),
        normalised=num("normalised"),
        sd=num("sd"),
        min=num("min"),
        max=num("max"),
        ci_low=num("ci_low"),
        ci_high=num("ci_high"),
        counts=None if suppressed or min(counts, default=0) < 0 else counts,
        insufficient=bool(row["insufficient"][k]),
        suppressed=suppressed,
    )


def extremes(scores: Iterable[tuple[str, float]], n: int) -> tuple[list[str], list[str]]:
    """The ``n`` highest and ``n`` lowest ids by score, ties kept together and ordered by id.

    At most half the scored ids go to each end, so the lists never overlap;
    scores equal to nine decimal places are ties.
    """
    ranked = sorted(((round(v, TIE_DECIMALS), i) for i, v in scores), key=lambda t: (-t[0], t[1]))
    k = min(n, len(ranked) // 2)
    if k == 0:
        return [], []
    top_cut = ranked[k - 1][0]
    top = [i for v, i in ranked if v >= top_cut]
    low = sorted((t for t in ranked if t[1] not in top), key=lambda t: (t[0], t[1]))
    bottom_cut = low[k - 1][0] if len(low) >= k else math.inf
    bottom = [i for v, i in low if v <= bottom_cut]
    return top, bottom


def _flag(gap: float | None, threshold: float) -> str | None:
    if gap is None:
        return None
    if gap > 0 and gap >= threshold - _EPS:
        return "blind_spot"
    if gap < 0 and -gap >= threshold - _EPS:
        return "hidden_strength"
    return None


def result_of(
    batch: BatchScores,
    s: int,
    *,
    framework: Framework,
    subject: Subject,
    assessed_on: datetime.date,
    comments: Sequence[Comment] = (),
    round_id: str | None = None,
) -> Result:
    """Subject ``s`` of ``batch`` as a ``Result``."""
    layout = batch.layout
    head = batch.headline
    is_360 = batch.kind == "360"
    groups = [head]
    if is_360:
        groups += ["self"] + [r for r in RATER_ROLES if bool(batch.shown[r][s])]
    b_counts = {g: batch.counts(g)[s].tolist() for g in groups}
    b_rows = {g: _rows(batch.behaviours[g], s) for g in groups}
    item_groups = list(batch.items)
    i_counts = {g: batch.counts(g, items=True)[s].tolist() for g in item_groups}
    i_rows = {g: _rows(batch.items[g], s) for g in item_groups}
    group_settings = batch.kind in ("team", "360")
    behaviours = []
    for k, bid in enumerate(layout.behaviour_ids):
        points = int(layout.points[k])
        stats = {g: _stats(b_rows[g], k, b_counts[g][k][:points]) for g in groups}
        items = []
        for i in np.flatnonzero(layout.item_behaviour == k) if item_groups else ():
            per = {g: _stats(i_rows[g], int(i), i_counts[g][i][:points]) for g in item_groups}
            items.append(
                ItemResult(
                    id=layout.item_ids[i],
                    reverse=bool(layout.reverse[i]),
                    score=per.pop(head),
                    groups=per,
                )
            )
        alpha = None
        if batch.kind == "team" and layout.detail == "full":  # a 360 has none (privacy.md)
            alpha = Reliability(
                alpha=_num(batch.alpha[s, k]), n=int(batch.alpha_n[s, k]), items=len(items)
            )
        agreement = None
        if group_settings:
            agreement = Agreement(
                rwg=_num(batch.rwg[s, k]),
                n=int(batch.rwg_n[s, k]),
                disagreement=bool(batch.disagreement[s, k]),
            )
        gap = _num(batch.gap[s, k]) if is_360 else None
        behaviours.append(
            BehaviourResult(
                id=bid,
                scale=layout.scale_ids[k],
                score=stats.pop(head),
                groups=stats,
                items=items,
                alpha=alpha,
                agreement=agreement,
                gap=gap,
                flag=_flag(gap, batch.settings.gap_threshold),
            )
        )
    headline = [(b.id, b.score.mean) for b in behaviours if b.score.mean is not None]
    strengths, development = extremes(headline, batch.settings.top_n)
    disagreements = [b.id for b in behaviours if b.agreement and b.agreement.disagreement]
    feedback = None
    if is_360:
        if layout.detail == "full":
            rated = [(it.id, it.score.mean) for b in behaviours for it in b.items]
        else:
            rated = headline  # type: ignore[assignment]
        top, bottom = extremes(
            [(i, m) for i, m in rated if m is not None], batch.settings.top_items
        )
        feedback = Feedback360(
            has_self=int(batch.respondents["self"][s]) > 0,
            shown_groups=groups[2:],
            blind_spots=[b.id for b in behaviours if b.flag == "blind_spot"],
            hidden_strengths=[b.id for b in behaviours if b.flag == "hidden_strength"],
            top_items=top,
            bottom_items=bottom,
            disagreements=disagreements,
        )
    respondents = {g: int(batch.respondents[g][s]) for g in GROUP_ORDER if g in groups}
    used = {*layout.scale_ids, framework.default_scale}
    return Result(
        framework=batch.framework,
        kind=batch.kind,
        detail=layout.detail,
        subject=subject,
        assessed_on=assessed_on,
        round=round_id,
        settings=batch.settings,
        scales={sid: ScaleInfo.of(sid, framework.scales[sid]) for sid in sorted(used)},
        default_scale=framework.default_scale,
        headline=head,
        respondents=respondents,
        behaviours=behaviours,
        strengths=strengths,
        development_areas=development,
        comments=list(comments),
        team=TeamView(disagreements=disagreements) if batch.kind == "team" else None,
        feedback360=feedback,
    )
