"""The section each behaviour gets, in every kind of report.

Description, the score against the scale (a dot plot whose numbers are
printed beside each mark), the distribution of answers for group assessments,
item-level figures for full assessments, and the framework's own development
suggestions. The views choose which groups to show; the layout is shared.
"""

from __future__ import annotations

from collections.abc import Sequence

from behaviours.reports.context import GROUP_LABELS, ReportContext, fmt, stat_text
from behaviours.reports.document import (
    Block,
    ChartScale,
    DotPlot,
    Heading,
    Paragraph,
    Run,
    Series,
    Table,
)
from behaviours.reports.sections import GroupSeries, bullets
from behaviours.results import BehaviourResult, ItemResult, Stats

__all__ = ["behaviour_section", "distribution", "item_table", "score_line"]


def score_line(ctx: ReportContext, b: BehaviourResult, stats: Stats, who: str) -> Paragraph:
    """The headline score in words and numbers, or why there is none."""
    scale = ctx.result.scale_for(b.id)
    if stats.suppressed:
        return Paragraph.of(f"{who}: withheld to protect the anonymity of raters.")
    if stats.mean is None:
        need = round(ctx.result.settings.min_item_fraction * 100)
        return Paragraph.of(
            f"{who}: no score, because fewer than {need}% of its items were answered. "
            "This is not a score of zero."
        )
    parts = [
        Run(f"{who}: "),
        Run(f"{fmt(stats.mean)} on the {scale.min} to {scale.max} scale", bold=True),
        Run(
            f" (nearest point: {ctx.nearest_label(b, stats.mean)}; {fmt(stats.normalised, 0)} "
            f"out of 100"
        ),
    ]
    if stats.ci_low is not None and stats.ci_high is not None:
        parts.append(Run(f"; 95% interval {fmt(stats.ci_low)} to {fmt(stats.ci_high)}"))
    parts.append(Run(f"; n = {stats.n})."))
    return Paragraph(tuple(parts))


def distribution(ctx: ReportContext, b: BehaviourResult, groups: Sequence[GroupSeries]) -> Table:
    """How many answers fell at each point of the scale, per shown group."""
    scale = ctx.result.scale_for(b.id)
    nas = scale.not_able_to_say
    header = (
        "Answers",
        *(f"{v}\n{label}" for v, label in zip(scale.values, scale.labels, strict=True)),
    )
    header = (*header, nas) if nas else header
    rows = []
    for group, get in groups:
        stats = get(b)
        if stats is None:
            continue
        if stats.suppressed or stats.counts is None:
            cells = ["withheld"] * len(scale.values)
        else:
            cells = [str(c) for c in stats.counts]
        if nas:
            cells.append("withheld" if stats.suppressed else str(stats.n_not_able_to_say))
        rows.append((GROUP_LABELS.get(group, group), *cells))
    n = len(header) - 1
    return Table(
        header,
        tuple(rows),
        (1.4, *([1.0] * n)),
        ("left", *(["center"] * n)),
        caption="Distribution of answers (counts of item answers at each point)",
        compact_header=True,
    )


def _item_cell(ctx: ReportContext, b: BehaviourResult, stats: Stats | None, single: bool) -> str:
    if stats is None or stats.mean is None or stats.suppressed:
        return stat_text(stats)
    if single:
        value = round(stats.mean)
        return f"{value} {ctx.nearest_label(b, stats.mean)}"
    return fmt(stats.mean)


def item_table(
    ctx: ReportContext, b: BehaviourResult, columns: Sequence[tuple[str, str]], single: bool
) -> Table:
    """One row per indicator; ``columns`` are (title, group) with group ``score`` = headline."""

    def stats_of(item: ItemResult, group: str) -> Stats | None:
        return item.score if group == "score" else item.groups.get(group)

    rows = tuple(
        (
            ctx.item_text(item.id),
            *(_item_cell(ctx, b, stats_of(item, g), single) for _, g in columns),
        )
        for item in b.items
    )
    n = len(columns)
    return Table(
        ("Indicator", *(t for t, _ in columns)),
        rows,
        (4.0, *([1.25] * n)),
        ("left", *(["right"] * n)),
        caption="Ratings of each indicator",
    )


def _development(ctx: ReportContext, b: BehaviourResult) -> list[Block]:
    dev = ctx.behaviour(b.id).development
    blocks: list[Block] = []
    for title, texts in (
        ("Things to try", dev.actions),
        ("Questions to reflect on", dev.questions),
        ("Resources", dev.resources),
    ):
        if texts:
            blocks += [Heading(title, 3), *bullets([t.text for t in texts])]
    if blocks:
        blocks.insert(0, Heading("Developing this behaviour", 2))
    return blocks


def behaviour_section(
    ctx: ReportContext,
    b: BehaviourResult,
    series: Sequence[GroupSeries],
    *,
    who: str,
    distribution_groups: Sequence[GroupSeries] = (),
    item_columns: Sequence[tuple[str, str]] = (),
    single_rater_items: bool = False,
    notes: Sequence[Block] = (),
) -> list[Block]:
    """Everything about one behaviour, from its description to ways to develop it."""
    behaviour = ctx.behaviour(b.id)
    blocks: list[Block] = [
        Heading(behaviour.title.text),
        Paragraph.of(behaviour.description.text, "lead"),
        score_line(ctx, b, b.score, who),
    ]
    scale = ctx.result.scale_for(b.id)
    axis = ChartScale(
        float(scale.min),
        float(scale.max),
        tuple((float(v), label) for v, label in zip(scale.values, scale.labels, strict=True)),
    )
    marks, intervals = [], []
    for group, get in series:
        stats = get(b)
        tone, marker = ctx.tone(group)
        shown = stats is not None and not stats.suppressed
        mean = stats.mean if stats is not None and shown else None
        marks.append(Series(GROUP_LABELS.get(group, group), (mean,), tone, marker))
        low = stats.ci_low if stats is not None and shown else None
        high = stats.ci_high if stats is not None and shown else None
        intervals.append((low, high) if low is not None and high is not None else None)
    blocks.append(DotPlot(tuple(marks), axis, tuple(intervals)))
    blocks += list(notes)
    if distribution_groups:
        blocks.append(distribution(ctx, b, distribution_groups))
    if b.items and item_columns:
        blocks.append(item_table(ctx, b, item_columns, single_rater_items))
    blocks += _development(ctx, b)
    return blocks
