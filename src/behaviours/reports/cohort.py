"""The cohort report: units x behaviours as a heatmap and a table, ranked behaviours,
programme evaluation with intervals drawn, and the norms table.

Like every view it computes no statistic: the numbers are those of the
``CohortTable``, ``ProgrammeEvaluation`` and ``Norm`` passed in (and
``results.cohorting.norm_quantiles``), so a page says exactly what the JSON and
CSV published beside it say. A withheld cell prints as "withheld", never as a
number or a blank that could be mistaken for zero.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence

from behaviours.frameworks.model import Framework
from behaviours.reports.context import fmt, fmt_date, fmt_signed
from behaviours.reports.document import (
    Block,
    Callout,
    ChartScale,
    Document,
    DotPlot,
    Heading,
    PageBreak,
    Paragraph,
    RankedBars,
    Series,
    Spacer,
    Table,
    aligned,
)
from behaviours.results.cohort import (
    ALL,
    CohortCell,
    CohortTable,
    EvaluationBehaviour,
    Norm,
    ProgrammeEvaluation,
)
from behaviours.results.cohorting import norm_quantiles

__all__ = ["UNITS_PER_TABLE", "build_cohort_document"]

UNITS_PER_TABLE = 6
"""Units side by side in one heatmap table; more are split over further tables."""
_MEASURE = {"headline": "each person's headline score", "self": "each person's self-score"}
_HEADLINE = {
    "quick": "their self-assessment",
    "full": "their self-assessment",
    "team": "the team's score",
    "360": "the others' score of their 360 (never a rater's answers)",
}


def _label(framework: Framework, behaviour: str) -> str:
    if behaviour == ALL:
        return "All behaviours"
    for b in framework.behaviours:
        if b.id == behaviour:
            return b.label
    return behaviour


def _cell_text(cell: CohortCell) -> str:
    if cell.withheld:
        return "withheld"
    if cell.mean is None:
        return "–"
    return f"{cell.mean:.2f}\n(n {cell.n})"


def _minus(text: str) -> str:
    """A printed number with a real minus sign, as ``fmt_signed`` prints changes."""
    return text.replace("-", "−")


def _interval(low: float | None, high: float | None) -> str:
    return "–" if low is None or high is None else _minus(f"{fmt(low)} to {fmt(high)}")


def _with_interval(value: str, low: float | None, high: float | None) -> str:
    return value if low is None or high is None else f"{value}\n({_interval(low, high)})"


def _span(first: datetime.date, last: datetime.date) -> str:
    """A date range as printed; one date when both ends are the same day."""
    if first == last:
        return fmt_date(first)
    return f"{fmt_date(first)} to {fmt_date(last)}"


def _reliable(b: EvaluationBehaviour) -> str:
    if b.improved is None or b.deteriorated is None or b.n == 0:
        return "–"
    up, down = 100 * b.improved / b.n, 100 * b.deteriorated / b.n
    return f"{b.improved} up ({up:.0f}%)\n{b.deteriorated} down ({down:.0f}%)"


def _cover(table: CohortTable, framework: Framework, name: str) -> list[Block]:
    whole = table.cell(ALL, ALL)
    measure = _MEASURE[table.measure]
    if table.measure == "headline":
        measure += f": {_HEADLINE[table.kind]}"
    details = Table(
        header=("About this report", ""),
        rows=(
            ("Framework", f"{framework.title} (version {table.framework.version})"),
            (
                "Assessments",
                f"{table.kind} assessments, {fmt_date(table.assessed_from)} to "
                f"{fmt_date(table.assessed_to)}",
            ),
            ("What is counted", measure),
            ("People", "withheld" if whole.n is None else str(whole.n)),
            ("Grouped by", f"{table.by} ({len(table.units)} units)"),
            ("Smallest group shown", f"{table.min_people} people"),
        ),
        widths=(1.3, 3.0),
        align=("left", "left"),
    )
    return [
        Paragraph.of("COHORT REPORT", "kicker"),
        Paragraph.of(name, "title"),
        Paragraph.of(f"{framework.title} · version {table.framework.version}", "lead"),
        Spacer(10),
        details,
        Callout(
            "No one can be picked out",
            (
                Paragraph.of(
                    f"A figure about fewer than {table.min_people} people is withheld, and so "
                    "are as many others as it takes for no withheld figure to be worked out "
                    "from the totals (docs/privacy.md, 'Cohorts'). Withheld figures are not "
                    "told apart, and no figure here is one person's score."
                ),
            ),
        ),
    ]


def _how_to_read(table: CohortTable) -> list[Block]:
    scale = table.scale
    rows = tuple((str(v), label) for v, label in zip(scale.values, scale.labels, strict=True))
    figures = (
        ("Mean", "The average of the people's scores on the rating scale."),
        ("n", "How many people the figure is about."),
        ("0-100", "The mean placed between the lowest (0) and highest (100) rating."),
        (
            "95% interval",
            "Where the mean of a group like this one would fall 95 times in 100; "
            "a narrow interval means a steady figure.",
        ),
        ("withheld", "Not shown, to keep small groups from being picked out."),
        ("All behaviours", "The mean of each person's average across the behaviours."),
    )
    return [
        PageBreak(),
        Heading("How to read this report"),
        Table(
            ("Rating", "Meaning"),
            rows,
            (1, 4),
            ("center", "left"),
            caption=f"The scale: {scale.title}",
        ),
        Heading("What the figures mean", 2),
        Table(("Figure", "What it means"), figures, (1.3, 4.2), ("left", "left")),
    ]


def _shade(cell: CohortCell, low: float, high: float) -> float | None:
    if cell.withheld or cell.mean is None:
        return None
    return 0.5 if high <= low else (cell.mean - low) / (high - low)


def _heatmap(table: CohortTable, framework: Framework) -> list[Block]:
    means = [c.mean for c in table.cells if c.mean is not None and c.unit != ALL]
    low, high = (min(means), max(means)) if means else (0.0, 1.0)
    blocks: list[Block] = [
        PageBreak(),
        Heading(f"Behaviours by {table.by}"),
        Paragraph.of(
            f"Each cell is the mean score of the people in that {table.by}, with how many "
            f"they are. Darker cells are higher, from {fmt(low)} (lightest) to {fmt(high)} "
            "(darkest) in this table; the numbers are what matters."
        ),
    ]
    units = [*table.units, ALL]
    rows = [*table.behaviours, ALL]
    parts = math.ceil(len(units) / UNITS_PER_TABLE)
    size = math.ceil(len(units) / parts)
    for start in range(0, len(units), size):
        part = units[start : start + size]
        cells = [[table.cell(u, b) for u in part] for b in rows]
        blocks.append(
            Table(
                header=("Behaviour", *("All units" if u == ALL else u for u in part)),
                rows=tuple(
                    (_label(framework, b), *(_cell_text(c) for c in row))
                    for b, row in zip(rows, cells, strict=True)
                ),
                widths=(2.2, *(1.0 for _ in part)),
                align=("left", *aligned("center", len(part))),
                highlight=(len(rows) - 1,),
                compact_header=True,
                shades=tuple((None, *(_shade(c, low, high) for c in row)) for row in cells),
            )
        )
    return blocks


def _numbers(table: CohortTable, framework: Framework) -> list[Block]:
    rows = tuple(
        (
            "All units" if c.unit == ALL else c.unit,
            _label(framework, c.behaviour),
            "–" if c.n is None else str(c.n),
            "withheld" if c.withheld else fmt(c.mean),
            fmt(c.normalised, 0),
            _interval(c.ci_low, c.ci_high),
        )
        for c in table.cells
    )
    return [
        Heading("The same figures, with their intervals", 2),
        Table(
            ("Unit", "Behaviour", "n", "Mean", "0-100", "95% interval"),
            rows,
            (1.6, 2.0, 0.5, 0.8, 0.6, 1.3),
            ("left", "left", "right", "right", "right", "right"),
        ),
    ]


def _ranked(table: CohortTable, framework: Framework) -> list[Block]:
    cells = [table.cell(ALL, b) for b in table.behaviours]
    order = sorted(cells, key=lambda c: (-(c.mean or -math.inf), c.behaviour))
    scale = table.scale
    ticks = tuple((float(v), str(v)) for v in scale.values)
    return [
        PageBreak(),
        Heading("Behaviours ranked"),
        Paragraph.of(
            "The whole cohort's mean on each behaviour, highest first. Behaviours whose "
            "intervals overlap may not really differ."
        ),
        RankedBars(
            labels=tuple(_label(framework, c.behaviour) for c in order),
            values=tuple(None if c.withheld else c.mean for c in order),
            scale=ChartScale(float(scale.min), float(scale.max), ticks),
            tone="team",
            value_labels=tuple(_cell_text(c).split("\n")[0] for c in order),
        ),
        Table(
            ("Behaviour", "n", "Mean", "95% interval"),
            tuple(
                (
                    _label(framework, c.behaviour),
                    "–" if c.n is None else str(c.n),
                    "withheld" if c.withheld else fmt(c.mean),
                    _interval(c.ci_low, c.ci_high),
                )
                for c in order
            ),
            (2.6, 0.6, 0.8, 1.4),
            ("left", "right", "right", "right"),
        ),
    ]


def _axis(values: Sequence[float]) -> ChartScale:
    reach = max([0.5, *(abs(v) for v in values)])
    top = math.ceil(reach * 4) / 4
    steps = [-top, -top / 2, 0.0, top / 2, top]
    return ChartScale(-top, top, tuple((s, f"{s:+g}".replace("+0", "0")) for s in steps))


def _forest(evaluation: ProgrammeEvaluation, framework: Framework) -> DotPlot:
    """Each behaviour's mean change with its interval, on an axis centred on no change."""
    shown = [b for b in evaluation.behaviours if not b.withheld and b.change is not None]
    ends = [v for b in shown for v in (b.ci_low, b.ci_high) if v is not None]
    marks = tuple(Series(_label(framework, b.id), (b.change,), "team") for b in shown)
    intervals = tuple(
        None if b.ci_low is None or b.ci_high is None else (b.ci_low, b.ci_high) for b in shown
    )
    return DotPlot(marks, _axis(ends), intervals)


def _evaluation_table(evaluation: ProgrammeEvaluation, framework: Framework) -> Table:
    rows = tuple(
        (
            _label(framework, b.id),
            str(b.n),
            "withheld" if b.withheld else f"{fmt(b.mean_before)} → {fmt(b.mean_after)}",
            _with_interval(fmt_signed(b.change), b.ci_low, b.ci_high),
            _with_interval(_minus(fmt(b.d_z)), b.d_z_low, b.d_z_high),
            _with_interval(_minus(fmt(b.g_av)), b.g_av_low, b.g_av_high),
            _reliable(b),
        )
        for b in evaluation.behaviours
    )
    return Table(
        (
            "Behaviour",
            "n",
            "Before → after",
            "Change (95%)",
            "d_z (95%)",
            "g_av (95%)",
            "Reliable change",
        ),
        rows,
        (1.45, 0.45, 0.8, 1.45, 1.45, 1.45, 1.25),
        ("left", "right", "center", "right", "right", "right", "right"),
        compact_header=True,
    )


def _evaluation(evaluation: ProgrammeEvaluation, framework: Framework) -> list[Block]:
    if evaluation.withheld_reason is not None:
        return [
            PageBreak(),
            Heading("Did the programme change anything?"),
            Callout(
                "The programme figures are withheld",
                (
                    Paragraph.of(
                        evaluation.withheld_reason[0].upper() + evaluation.withheld_reason[1:] + "."
                    ),
                ),
            ),
        ]
    return _evaluation_page(evaluation, framework)


def _evaluation_page(evaluation: ProgrammeEvaluation, framework: Framework) -> list[Block]:
    sources = [
        f"{_label(framework, b.id)} {fmt(b.reliability)} ({b.reliability_source})"
        for b in evaluation.behaviours
        if b.reliability is not None
    ]
    return [
        PageBreak(),
        Heading("Did the programme change anything?"),
        Paragraph.of(
            f"{evaluation.matched} people took part both before "
            f"({_span(evaluation.before_from, evaluation.before_to)}) and "
            f"after ({_span(evaluation.after_from, evaluation.after_to)}); "
            f"{evaluation.only_before} only before and {evaluation.only_after} only after are "
            f"not in these figures, and {evaluation.incomplete} of the matched lack a score on "
            "some behaviour (they count where they have both)."
        ),
        Paragraph.of(
            "Each line is the mean change per person with its 95% interval: an interval "
            "that crosses 0 means the change could be chance. Leadership programmes "
            "typically move scores a little (d of about 0.05 to 0.15), so small figures are "
            "what honest evidence looks like.",
            "small",
        ),
        _forest(evaluation, framework),
        _evaluation_table(evaluation, framework),
        Paragraph.of(
            "d_z is the mean change in SDs of the changes; g_av in SDs of the scores, "
            "corrected for small groups (Hedges). Reliable change counts people whose own "
            "change is larger than measurement error (Jacobson and Truax), with each "
            "behaviour's reliability (Cronbach's alpha) from this cohort: "
            + "; ".join(sources)
            + ".",
            "small",
        ),
    ]


def _norms(norm: Norm, framework: Framework) -> list[Block]:
    rows = tuple(
        (
            _label(framework, b.id),
            str(b.n),
            fmt(b.mean),
            fmt(b.sd),
            *(fmt(q) for q in norm_quantiles(b, (10, 25, 50, 75, 90))),
        )
        for b in norm.behaviours
    )
    return [
        PageBreak(),
        Heading("Norms"),
        Paragraph.of(
            f"{norm.name}: {norm.n} people ({norm.grouping}), assessed "
            f"{_span(norm.assessed_from, norm.assessed_to)}, "
            f"{norm.kind} assessments of {norm.framework} {norm.framework_major}.x. A score's "
            "percentile is the share of the norm below it, counting ties as half (mid-rank)."
        ),
        Table(
            ("Behaviour", "N", "Mean", "SD", "10th", "25th", "50th", "75th", "90th"),
            rows,
            (2.2, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6),
            ("left", *aligned("right", 8)),
            caption="Scores at each percentile of the norm",
        ),
    ]


def build_cohort_document(
    table: CohortTable,
    framework: Framework,
    *,
    name: str,
    evaluation: ProgrammeEvaluation | None = None,
    norm: Norm | None = None,
) -> Document:
    """The cohort report as plain data, before any PDF is drawn."""
    blocks: list[Block] = [
        *_cover(table, framework, name),
        *_how_to_read(table),
        *_heatmap(table, framework),
        *_numbers(table, framework),
        *_ranked(table, framework),
    ]
    if evaluation is not None:
        blocks += _evaluation(evaluation, framework)
    if norm is not None:
        blocks += _norms(norm, framework)
    date = table.assessed_to
    return Document(
        title=f"Cohort report: {name}",
        author=framework.owner,
        subject=f"{framework.title} (version {table.framework.version}), cohort by {table.by}",
        footer=f"{framework.id} v{table.framework.version} · Cohort report · {name}",
        date=(date.year, date.month, date.day),
        blocks=tuple(blocks),
        keywords=(framework.id, f"version {table.framework.version}", "cohort"),
    )
