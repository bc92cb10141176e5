"""Sections every report shares: cover, how to read, summary, plan and comparison.

The three views (``individual``, ``team``, ``feedback``) assemble these with a
few sections of their own; what differs between kinds is passed in as data
(which series to chart, which columns to print), so no section is written
twice. A builder returns a list of blocks; it never draws.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from behaviours.reports.change_text import change_text, design_text, not_paired_text
from behaviours.reports.context import (
    GROUP_LABELS,
    ReportContext,
    fmt,
    fmt_date,
    stat_text,
)
from behaviours.reports.document import (
    Block,
    ChartScale,
    FormField,
    Heading,
    KeepTogether,
    PageBreak,
    Paragraph,
    RadarChart,
    RankedBars,
    Run,
    Series,
    Spacer,
    Table,
    aligned,
)
from behaviours.results.model import BehaviourResult, Stats

__all__ = [
    "GroupSeries",
    "bullets",
    "chart_scale",
    "chart_value",
    "comparison",
    "cover",
    "development_plan",
    "how_to_read",
    "numbers_table",
    "summary",
]


# A web of more axes than this cannot print its labels legibly; the bars and the
# table carry the same numbers, so beyond it the summary has no web.
MAX_RADAR = 24
_COVER_LABELS = {"member": "Team members", "others": "All other raters"}
GroupSeries = tuple[str, Callable[[BehaviourResult], Stats | None]]
"""A column of figures: its group key and how to find its stats in a behaviour."""


def bullets(texts: Sequence[str]) -> list[Block]:
    """A bulleted list, one paragraph per item."""
    return [Paragraph((Run(t),), "bullet") for t in texts]


def _one_scale(ctx: ReportContext) -> bool:
    return len({b.scale for b in ctx.result.behaviours}) == 1


def chart_scale(ctx: ReportContext) -> ChartScale:
    """The rating scale when all behaviours share it, else 0-100 (normalised)."""
    if _one_scale(ctx):
        scale = ctx.result.scale_for(ctx.result.behaviours[0].id)
        ticks = tuple((float(v), str(v)) for v in scale.values)
        return ChartScale(float(scale.min), float(scale.max), ticks)
    return ChartScale(0.0, 100.0, tuple((float(v), str(v)) for v in (0, 25, 50, 75, 100)))


def chart_value(ctx: ReportContext, stats: Stats | None) -> float | None:
    """The value a chart plots: the mean, or the 0-100 score when scales differ."""
    if stats is None or stats.suppressed:
        return None
    return stats.mean if _one_scale(ctx) else stats.normalised


def cover(ctx: ReportContext, kind_detail: str, extra: Sequence[Block] = ()) -> list[Block]:
    """Subject, framework, kind, date and respondents by group."""
    r, fw = ctx.result, ctx.framework
    respondents = [
        (_COVER_LABELS.get(group) or GROUP_LABELS.get(group, group), str(n))
        for group, n in _ordered(ctx, r.respondents)
    ]
    details = Table(
        header=("About this report", ""),
        rows=(
            ("Framework", f"{fw.title} (version {fw.version}, id {fw.id})"),
            ("Assessment", kind_detail),
            ("Date", fmt_date(r.assessed_on)),
            *(("Respondents: " + g, n) for g, n in respondents),
        ),
        widths=(1.2, 3.0),
        align=("left", "left"),
    )
    return [
        Paragraph.of(ctx.kind_label.upper(), "kicker"),
        Paragraph.of(ctx.name, "title"),
        Paragraph.of(f"{fw.title} · version {fw.version}", "lead"),
        Spacer(10),
        details,
        Paragraph.of(fw.summary.text, "body"),
        Paragraph.of(f"Framework source: {fw.source.title}, {fw.source.publisher}.", "small"),
        *extra,
    ]


def _ordered(ctx: ReportContext, counts: dict[str, int]) -> list[tuple[str, int]]:
    order = ["self", "member", *ctx.groups, "others"]
    known = [(g, counts[g]) for g in order if g in counts]
    return known + sorted((g, n) for g, n in counts.items() if g not in order)


def how_to_read(ctx: ReportContext, figures: Sequence[tuple[str, str]]) -> list[Block]:
    """One page: the scale with its labels, what each figure means, the thresholds used."""
    r = ctx.result
    blocks: list[Block] = [PageBreak(), Heading("How to read this report")]
    for scale_id in sorted({b.scale for b in r.behaviours}):
        scale = r.scales[scale_id]
        rows = [(str(v), label) for v, label in zip(scale.values, scale.labels, strict=True)]
        if scale.not_able_to_say:
            rows.append(("–", f"{scale.not_able_to_say} (recorded, never scored)"))
        blocks.append(
            Table(
                ("Rating", "Meaning"),
                tuple(rows),
                (1, 4),
                ("center", "left"),
                caption=f"The scale: {scale.title}",
            )
        )
    reading = (
        "Strength, To develop",
        f"The {r.settings.top_n} highest and the {r.settings.top_n} lowest scoring behaviours "
        "(the Reading column of the summary); behaviours with equal scores are kept together, "
        "so there can be more, but never more than half of them.",
    )
    blocks.append(Heading("What the figures mean", 2))
    blocks.append(
        Table(("Figure", "What it means"), (*figures, reading), (1.3, 4.2), ("left", "left"))
    )
    return blocks


def numbers_table(
    ctx: ReportContext,
    columns: Sequence[GroupSeries],
    extra: Sequence[tuple[str, Callable[[BehaviourResult], str]]] = (),
) -> Table:
    """Every behaviour's figures as numbers: what the charts show, readable without them."""
    header = (
        "Behaviour",
        *(GROUP_LABELS.get(g, g) for g, _ in columns),
        *(h for h, _ in extra),
        "Reading",
    )
    rows = tuple(
        (
            ctx.label(b.id),
            *(stat_text(get(b)) for _, get in columns),
            *(f(b) for _, f in extra),
            _highlight(ctx, b.id),
        )
        for b in ctx.ranked()
    )
    n = len(header) - 2
    return Table(header, rows, (2.6, *([1.0] * n), 1.5), ("left", *(aligned("right", n)), "left"))


def _highlight(ctx: ReportContext, behaviour_id: str) -> str:
    """Strength or area to develop, in words (ties are kept, so both lists can be longer)."""
    if behaviour_id in ctx.result.strengths:
        return "Strength"
    if behaviour_id in ctx.result.development_areas:
        return "To develop"
    return ""


def summary(
    ctx: ReportContext, series: Sequence[GroupSeries], table: Table, intro: str
) -> list[Block]:
    """A radar of all behaviours and a ranked bar chart, each with the numbers beside it."""
    scale = chart_scale(ctx)
    behaviours = ctx.result.behaviours
    blocks: list[Block] = [PageBreak(), Heading("Summary"), Paragraph.of(intro)]
    chart_series = []
    for group, get in series:
        tone, marker = ctx.tone(group)
        values = tuple(chart_value(ctx, get(b)) for b in behaviours)
        chart_series.append(Series(GROUP_LABELS.get(group, group), values, tone, marker))
    if 3 <= len(behaviours) <= MAX_RADAR:
        labels = tuple(ctx.label(b.id) for b in behaviours)
        blocks.append(RadarChart(labels, tuple(chart_series), scale))
    blocks.append(table)
    ranked = ctx.ranked()
    head_group, head_get = series[-1] if ctx.result.headline == "others" else series[0]
    values = tuple(chart_value(ctx, head_get(b)) for b in ranked)
    bars = RankedBars(
        labels=tuple(ctx.label(b.id) for b in ranked),
        values=values,
        scale=scale,
        tone=ctx.tone(head_group)[0],
        value_labels=tuple(stat_text(head_get(b)) for b in ranked),
    )
    blocks.append(
        KeepTogether((Heading(f"Ranked: {GROUP_LABELS.get(head_group, head_group)}", 2), bars))
    )
    return blocks


def development_plan(ctx: ReportContext, who: str = "I") -> list[Block]:
    """A page to fill in by hand, with the development areas as a starting point."""
    areas = ", ".join(ctx.title(i) for i in ctx.result.development_areas) or "any behaviour"
    we = who == "we"
    return [
        PageBreak(),
        Heading("Our development plan" if we else "My development plan"),
        Paragraph.of(
            f"Choose one or two behaviours to work on (this report suggests {areas}) and "
            f"write down what {who} will do. Review it with "
            + ("the whole team in a month." if we else "your coach or manager in a month.")
        ),
        FormField(f"What {who} will do", "Specific, small and visible to others.", 5),
        FormField(f"Support {who} need", "From whom, and what you will ask them for.", 4),
        FormField("By when", "A date to start and a date to review.", 2),
        FormField(f"How {who} will know", "What others will notice; what you will measure.", 4),
    ]


def comparison(ctx: ReportContext, group: GroupSeries) -> list[Block]:
    """Headline scores at the previous assessment and now, with the change and its certainty."""
    changes = ctx.comparison
    if changes is None:
        return []
    name = group[0]
    rows = tuple(
        (ctx.label(c.id), fmt(c.before), fmt(c.after), change_text(c)) for c in changes.behaviours
    )
    blocks: list[Block] = [
        PageBreak(),
        Heading(f"Change since {fmt_date(changes.before_on)}"),
        Paragraph.of(
            f"Headline scores ({GROUP_LABELS.get(name, name)}) at the previous assessment "
            f"({fmt_date(changes.before_on)}, framework version {changes.before_version}) "
            f"and now ({fmt_date(ctx.result.assessed_on)}). {design_text(changes)}"
        ),
    ]
    fallen = not_paired_text(changes)
    if fallen is not None:
        blocks.append(Paragraph.of(fallen))
    if 3 <= len(changes.behaviours) <= MAX_RADAR and _one_scale(ctx):
        tone, marker = ctx.tone(name)
        labels = tuple(ctx.label(c.id) for c in changes.behaviours)
        series = (
            Series(
                f"Before ({fmt_date(changes.before_on)})",
                tuple(c.before for c in changes.behaviours),
                "previous",
                "triangle",
            ),
            Series("Now", tuple(c.after for c in changes.behaviours), tone, marker),
        )
        blocks.append(RadarChart(labels, series, chart_scale(ctx)))
    blocks.append(
        Table(
            ("Behaviour", "Before", "Now", "Change"),
            rows,
            (2.4, 1, 1, 2.4),
            ("left", "right", "right", "left"),
        )
    )
    return blocks
