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
from dataclasses import dataclass, fields
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
    insufficient = bool(row["insufficient"][k])
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
        counts=None if suppressed or insufficient or min(counts, default=0) < 0 else counts,
        insufficient=insufficient,
        suppressed=suppressed,
    )


def extremes(scores: Iterable[tuple[str, float]], n: int) -> tuple[list[str], list[str]]:
    """The ``n`` highest and ``n`` lowest ids by score, ties kept together and ordered by id.

    At most half the scored ids go to each end, so the lists never overlap;
    scores equal to nine decimal places are ties. A tie that would take an end
    past half is left out of it: when every behaviour scores the same, none is
    a strength, rather than all of them.
    """
    ranked = sorted(((round(v, TIE_DECIMALS), i) for i, v in scores), key=lambda t: (-t[0], t[1]))
    half = len(ranked) // 2
    k = min(n, half)
    if k == 0:
        return [], []
    top_cut = ranked[k - 1][0]
    top = [i for v, i in ranked if v >= top_cut]
    if len(top) > half:
        top = [i for v, i in ranked if v > top_cut]
    low = sorted((t for t in ranked if t[1] not in top), key=lambda t: (t[0], t[1]))
    bottom_cut = low[k - 1][0] if len(low) >= k else math.inf
    bottom = [i for v, i in low if v <= bottom_cut]
    if len(bottom) > half:
        bottom = [i for v, i in low if v < bottom_cut]
    return top, bottom


def _flag(gap: float | None, threshold: float) -> str | None:
    if gap is None:
        return None
    if gap > 0 and gap >= threshold - _EPS:
        return "blind_spot"
    if gap < 0 and -gap >= threshold - _EPS:
        return "hidden_strength"
    return None


@dataclass(frozen=True)
class _Row:
    """Subject ``s`` of a batch as Python lists, converted once (not once per cell)."""

    batch: BatchScores
    s: int
    groups: list[str]
    counts: dict[str, list[Any]]
    rows: dict[str, dict[str, list[Any]]]
    item_counts: dict[str, list[Any]]
    item_rows: dict[str, dict[str, list[Any]]]

    @classmethod
    def of(cls, batch: BatchScores, s: int) -> _Row:
        groups = [batch.headline]
        if batch.kind == "360":
            groups += ["self"] + [r for r in RATER_ROLES if bool(batch.shown[r][s])]
        items = list(batch.items)
        return cls(
            batch,
            s,
            groups,
            {g: batch.counts(g)[s].tolist() for g in groups},
            {g: _rows(batch.behaviours[g], s) for g in groups},
            {g: batch.counts(g, items=True)[s].tolist() for g in items},
            {g: _rows(batch.items[g], s) for g in items},
        )

    def items(self, k: int, points: int) -> list[ItemResult]:
        """The item results of behaviour ``k`` (full assessments), headline group first."""
        layout, head = self.batch.layout, self.batch.headline
        found = []
        for i in (int(i) for i in np.flatnonzero(layout.item_behaviour == k)):
            per = {
                g: _stats(self.item_rows[g], i, self.item_counts[g][i][:points])
                for g in self.item_rows
            }
            found.append(
                ItemResult(
                    id=layout.item_ids[i],
                    reverse=bool(layout.reverse[i]),
                    score=per.pop(head),
                    groups=per,
                )
            )
        return found

    def behaviour(self, k: int) -> BehaviourResult:
        """Behaviour ``k``: its groups' figures, items, reliability, agreement and 360 gap."""
        batch, s, layout = self.batch, self.s, self.batch.layout
        points = int(layout.points[k])
        stats = {g: _stats(self.rows[g], k, self.counts[g][k][:points]) for g in self.groups}
        items = self.items(k, points) if self.item_rows else []
        in_groups = batch.kind in ("team", "360")
        alpha = None  # withheld: it rests on how each respondent's answers go together
        agreement = None
        if in_groups:
            agreement = Agreement(
                rwg=_num(batch.rwg[s, k]),
                rwg_star=_num(batch.rwg_star[s, k]),
                n=int(batch.rwg_n[s, k]),
                disagreement=bool(batch.disagreement[s, k]),
            )
        gap = _num(batch.gap[s, k]) if batch.kind == "360" else None
        return BehaviourResult(
            id=layout.behaviour_ids[k],
            scale=layout.scale_ids[k],
            score=stats.pop(batch.headline),
            groups=stats,
            items=items,
            alpha=alpha,
            agreement=agreement,
            gap=gap,
            flag=_flag(gap, batch.settings.gap_threshold),
        )

    def feedback(self, behaviours: list[BehaviourResult]) -> Feedback360:
        """What a 360 adds: who is shown, blind spots, hidden strengths, top and bottom items."""
        settings = self.batch.settings
        if self.batch.layout.detail == "full":
            rated = [(it.id, it.score.mean) for b in behaviours for it in b.items]
        else:
            rated = [(b.id, b.score.mean) for b in behaviours]
        top, bottom = extremes([(i, m) for i, m in rated if m is not None], settings.top_items)
        return Feedback360(
            has_self=int(self.batch.respondents["self"][self.s]) > 0,
            shown_groups=self.groups[2:],
            blind_spots=[b.id for b in behaviours if b.flag == "blind_spot"],
            hidden_strengths=[b.id for b in behaviours if b.flag == "hidden_strength"],
            top_items=top,
            bottom_items=bottom,
            disagreements=_disagreements(behaviours),
        )


def _disagreements(behaviours: list[BehaviourResult]) -> list[str]:
    return [b.id for b in behaviours if b.agreement and b.agreement.disagreement]


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
    row = _Row.of(batch, s)
    layout = batch.layout
    behaviours = [row.behaviour(k) for k in range(len(layout.behaviour_ids))]
    headline = [(b.id, b.score.mean) for b in behaviours if b.score.mean is not None]
    strengths, development = extremes(headline, batch.settings.top_n)
    respondents = {g: int(batch.respondents[g][s]) for g in GROUP_ORDER if g in row.groups}
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
        headline=batch.headline,
        respondents=respondents,
        behaviours=behaviours,
        strengths=strengths,
        development_areas=development,
        comments=list(comments),
        team=TeamView(disagreements=_disagreements(behaviours)) if batch.kind == "team" else None,
        feedback360=row.feedback(behaviours) if batch.kind == "360" else None,
    )
