"""The individual development report: a quick or full self-assessment, read with a coach."""

from __future__ import annotations

from behaviours.reports.context import ReportContext, fmt
from behaviours.reports.detail import behaviour_section
from behaviours.reports.document import Block, PageBreak
from behaviours.reports.sections import (
    GroupSeries,
    comparison,
    cover,
    development_plan,
    how_to_read,
    numbers_table,
    summary,
)

__all__ = ["individual_blocks"]


SELF: GroupSeries = ("self", lambda b: b.score)


def _glossary(ctx: ReportContext) -> list[tuple[str, str]]:
    """The how-to-read page's terms for a self-assessment, on this result's scale."""
    r = ctx.result
    full = r.detail == "full"
    scale = r.scale
    return [
        (
            "Your score",
            f"The mean of your ratings of a behaviour's {'indicators' if full else 'statement'}"
            f", on the {scale.min} to {scale.max} scale. Reverse-scored indicators (things a "
            f"person who shows the behaviour does not do) are turned round first, so a higher "
            "score always means more of the behaviour.",
        ),
        (
            "Out of 100",
            f"The same score stretched to 0-100: 0 is {scale.min} "
            f"({scale.labels[0]}), 100 is {scale.max} ({scale.labels[-1]}).",
        ),
        ("Nearest point", "The scale label closest to your score, to read it in words."),
        (
            "No score",
            f"Shown when fewer than {round(r.settings.min_item_fraction * 100)}% of "
            "a behaviour's items were answered; it is not a score of zero.",
        ),
        (
            "Charts",
            "The web (radar) shows all behaviours at once, the bars rank them; the "
            "table beside them prints the same numbers.",
        ),
    ]


def individual_blocks(ctx: ReportContext) -> list[Block]:
    """Cover, how to read, summary, one section per behaviour, plan and comparison."""
    full = ctx.result.detail == "full"
    kind = (
        "Full self-assessment: every indicator of every behaviour"
        if full
        else "Quick self-assessment: one statement per behaviour"
    )
    table = numbers_table(
        ctx,
        [SELF],
        [
            ("Nearest point", lambda b: ctx.nearest_label(b, b.score.mean)),
            ("Out of 100", lambda b: fmt(b.score.normalised, 0)),
        ],
    )
    blocks: list[Block] = [
        *cover(ctx, kind),
        *how_to_read(ctx, _glossary(ctx)),
        *summary(
            ctx,
            [SELF],
            table,
            "Your ratings of yourself, behaviour by behaviour. They are a starting point "
            "for a conversation with your coach or manager, not a verdict.",
        ),
        PageBreak(),
    ]
    for b in ctx.result.behaviours:
        blocks += behaviour_section(
            ctx,
            b,
            [SELF],
            who="Your score",
            item_columns=[("Your rating", "score")] if full else (),
            single_rater_items=True,
        )
    blocks += comparison(ctx, SELF)
    blocks += development_plan(ctx)
    return blocks
