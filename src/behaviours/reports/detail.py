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
    KeepTogether,
    Paragraph,
    Run,
    Series,
    Table,
    aligned,
)
from behaviours.reports.sections import GroupSeries, bullets
from behaviours.results.model import BehaviourResult, ItemResult, Stats

__all__ = [
    "behaviour_section",
    "comments_table",
    "distribution",
    "item_table",
    "published",
    "score_line",
]


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


def published(stats: Stats | None) -> list[int] | None:
    """The counts at each scale point when scoring published them, else None.

    Scoring withholds counts that could single out a rater (``suppressed``, or
    -1 for the behaviour-level counts of a full 360's rater groups).
    """
    if stats is None or stats.suppressed or stats.counts is None:
        return None
    return None if any(c < 0 for c in stats.counts) else stats.counts


def _scale_header(
    ctx: ReportContext, b: BehaviourResult, *, short: bool = False
) -> tuple[str, ...]:
    """Scale points as column titles: value and label, or (``short``) the value alone."""
    scale = ctx.result.scale_for(b.id)
    points = tuple(
        str(v) if short else f"{v}\n{label}"
        for v, label in zip(scale.values, scale.labels, strict=True)
    )
    if scale.not_able_to_say:
        return (*points, "n/a" if short else scale.not_able_to_say)
    return points


def _count_cells(ctx: ReportContext, b: BehaviourResult, stats: Stats | None) -> tuple[str, ...]:
    scale = ctx.result.scale_for(b.id)
    counts = published(stats)
    width = len(scale.values) + (1 if scale.not_able_to_say else 0)
    if counts is None or stats is None:
        return ("–",) * width
    cells = [str(c) for c in counts]
    if scale.not_able_to_say:
        cells.append(str(stats.n_not_able_to_say))
    return tuple(cells)


def distribution(
    ctx: ReportContext, b: BehaviourResult, groups: Sequence[GroupSeries]
) -> Table | None:
    """How many answers fell at each point of the scale, per group whose counts are published."""
    header = ("Answers", *_scale_header(ctx, b))
    rows = tuple(
        (GROUP_LABELS.get(group, group), *_count_cells(ctx, b, get(b)))
        for group, get in groups
        if published(get(b)) is not None
    )
    if not rows:
        return None
    n = len(header) - 1
    return Table(
        header,
        rows,
        (1.4, *([1.0] * n)),
        ("left", *(aligned("center", n))),
        caption="Distribution of answers (counts of item answers at each point)",
        compact_header=True,
    )


def _item_cell(
    ctx: ReportContext, b: BehaviourResult, stats: Stats | None, single: bool, reverse: bool
) -> str:
    if stats is None or stats.mean is None or stats.suppressed:
        return stat_text(stats)
    if single and reverse:
        # Print the answer as given ("2 Occasionally" checks email while someone
        # talks), then what it scores: the keyed value's label would misread.
        scale = ctx.result.scale_for(b.id)
        given = scale.min + scale.max - stats.mean
        return f"{round(given)} {ctx.nearest_label(b, given)} (scores {round(stats.mean)})"
    if single:
        value = round(stats.mean)
        return f"{value} {ctx.nearest_label(b, stats.mean)}"
    return fmt(stats.mean)


def _item_widths(n: int, k: int, *, single: bool, counts: bool) -> tuple[float, ...]:
    if counts:
        return (3.0, *([1.1] * n), *([0.55] * k))
    # A single person's answer reads "2 Occasionally (scores 4)": give it room.
    return (3.2, *([2.05] * n)) if single else (4.0, *([1.25] * n))


def item_table(
    ctx: ReportContext,
    b: BehaviourResult,
    columns: Sequence[tuple[str, str]],
    single: bool,
    *,
    counts: bool = False,
) -> Table:
    """One row per indicator; ``columns`` are (title, group) with group ``score`` = headline.

    With ``counts`` the headline group's answers at each scale point follow, so
    a full 360 shows its distribution item by item (behaviour-level counts of
    rater groups are never published).
    """

    def stats_of(item: ItemResult, group: str) -> Stats | None:
        return item.score if group == "score" else item.groups.get(group)

    extra = _scale_header(ctx, b, short=True) if counts else ()
    rows = tuple(
        (
            ctx.item_text(item.id),
            *(_item_cell(ctx, b, stats_of(item, g), single, item.reverse) for _, g in columns),
            *(_count_cells(ctx, b, item.score) if counts else ()),
        )
        for item in b.items
    )
    n, k = len(columns), len(extra)
    caption = "Ratings of each indicator"
    if counts:
        caption += f" (means; then how many answers from {GROUP_LABELS[ctx.result.headline]}"
        caption += " fell at each point of the scale, n/a: not able to say)"
    return Table(
        ("Indicator", *(t for t, _ in columns), *extra),
        rows,
        _item_widths(n, k, single=single, counts=counts),
        ("left", *(aligned("right", n)), *(aligned("center", k))),
        caption=caption,
        compact_header=counts,
    )


def comments_table(ctx: ReportContext, b: BehaviourResult) -> list[Block]:
    """What people wrote about a behaviour, unattributed, in the order scoring gives."""
    texts = [c for c in ctx.result.comments if c.behaviour_id == b.id]
    if not texts:
        return []
    rows = tuple((GROUP_LABELS.get(c.group, c.group), c.text) for c in texts)
    return [
        Table(
            ("From", "What people wrote (unattributed)"),
            rows,
            (1.1, 5),
            ("left", "left"),
            caption="Comments",
        )
    ]


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
    item_counts: bool = False,
    notes: Sequence[Block] = (),
) -> list[Block]:
    """Everything about one behaviour, from its description to ways to develop it."""
    behaviour = ctx.behaviour(b.id)
    opening: list[Block] = [
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
    opening.append(DotPlot(tuple(marks), axis, tuple(intervals)))
    # The title, the score and its chart start a page together.
    blocks: list[Block] = [KeepTogether(tuple(opening)), *notes]
    table = distribution(ctx, b, distribution_groups) if distribution_groups else None
    if table is not None:
        blocks.append(table)
    if b.items and item_columns:
        blocks.append(item_table(ctx, b, item_columns, single_rater_items, counts=item_counts))
    blocks += _development(ctx, b)
    return blocks
