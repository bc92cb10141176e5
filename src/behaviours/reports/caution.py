"""Small samples in words: the caution a report prints where a figure rests on few people.

A mean of four people is a fact about those four, and its interval is wide;
LeBreton and Senter (2008) advise reading agreement from fewer than about ten
raters with caution. ``ScoringSettings.caution_below`` (default 10) sets the
line; the note says how many people the figure rests on and what that means,
beside the figure (docs/scoring.md, "Small samples").
"""

from __future__ import annotations

from collections.abc import Sequence

from behaviours.reports.context import ReportContext
from behaviours.results.model import Stats

__all__ = ["few_people", "small_sample_text"]


def few_people(ctx: ReportContext, stats: Stats | None) -> bool:
    """Whether a published figure rests on fewer people than ``caution_below``."""
    if stats is None or stats.mean is None:
        return False
    return 0 < stats.n < ctx.result.settings.caution_below


def small_sample_text(ctx: ReportContext, figures: Sequence[tuple[str, Stats | None]]) -> str:
    """The caution for the ``(who, figure)`` pairs that rest on few people; else ``""``."""
    few = [(who, stats.n) for who, stats in figures if stats is not None and few_people(ctx, stats)]
    if not few:
        return ""
    parts = [f"{who} ({n})" for who, n in few]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return (
        f"Small sample: fewer than {ctx.result.settings.caution_below} people behind the "
        f"figures for {listed}; one person's answers can move them a long way, so read them "
        "as a starting point for conversation."
    )
