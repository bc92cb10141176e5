"""What every backend draws the same way: where a value sits, label wrapping, and words for a chart.

The PDF charts (``behaviours.pdf.charts``) and the SVG charts
(``behaviours.html.charts``) place marks with these functions, so a value
lands at the same fraction of its axis in both, and a radar's axes start at
the top and run clockwise in both. Text is measured by the caller (reportlab's
font metrics in the PDF, an average glyph width in SVG, where the browser
lays out the text); the wrapping rule is written once, here.

``describe`` is a chart's text alternative: what it shows and every value it
marks, in words, so a reader who cannot see the chart loses nothing. The HTML
report uses it as the chart's accessible name and caption, and so does the
tagged PDF made from that HTML.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from behaviours.reports.document import ChartScale, DotPlot, RadarChart, RankedBars, Series

__all__ = ["describe", "fraction", "radar_angles", "value_words", "wrap"]


def fraction(value: float, scale: ChartScale) -> float:
    """Where ``value`` sits on the scale, from 0 (its minimum) to 1 (its maximum), clipped."""
    span = scale.max - scale.min
    return 0.0 if span == 0 else min(1.0, max(0.0, (value - scale.min) / span))


def radar_angles(n: int) -> list[float]:
    """The angle (radians, counter-clockwise from east) of each of ``n`` radar axes.

    The first axis points up and the rest follow clockwise, as a reader expects.
    """
    return [math.pi / 2 - 2 * math.pi * i / n for i in range(n)]


def wrap(text: str, width: float, measure: Callable[[str], float], max_lines: int = 2) -> list[str]:
    """Greedy word wrap of a label to ``width``; an over-long last line ends in an ellipsis.

    ``measure`` gives a line's printed width in the same unit as ``width``.
    """
    words, lines, current = text.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if current and measure(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    last = lines[-1]
    while measure(last) > width and len(last) > 1:
        last = last[:-2] + "…"
    lines[-1] = last
    return lines


def value_words(value: float | None) -> str:
    """A charted value as a chart's text alternative says it: two decimals, or "no score"."""
    return "no score" if value is None else f"{value:.2f}"


def _scale_words(scale: ChartScale) -> str:
    return f"on a scale from {scale.min:g} to {scale.max:g}"


def _series_words(labels: tuple[str, ...], series: Series) -> str:
    pairs = "; ".join(
        f"{label} {value_words(v)}" for label, v in zip(labels, series.values, strict=True)
    )
    return f"{series.name}: {pairs}."


def describe(chart: RadarChart | RankedBars | DotPlot) -> str:
    """The chart in words: its kind, its scale, and every value it marks."""
    if isinstance(chart, RadarChart):
        head = (
            f"Radar chart of {len(chart.labels)} behaviours, {_scale_words(chart.scale)}, "
            f"with {len(chart.series)} series."
        )
        return " ".join([head, *(_series_words(chart.labels, s) for s in chart.series)])
    if isinstance(chart, RankedBars):
        pairs = "; ".join(
            f"{label} {shown}"
            for label, shown in zip(chart.labels, chart.value_labels, strict=True)
        )
        return f"Bar chart, highest first, {_scale_words(chart.scale)}: {pairs}."
    parts = []
    intervals = chart.intervals or tuple(None for _ in chart.series)
    for series, interval in zip(chart.series, intervals, strict=True):
        value = series.values[0] if series.values else None
        text = f"{series.name} {value_words(value)}"
        if interval is not None and value is not None:
            text += f" (95% interval {interval[0]:.2f} to {interval[1]:.2f})"
        parts.append(text)
    return f"Dot plot {_scale_words(chart.scale)}: {'; '.join(parts)}."
