"""Charts as vector drawings: a radar of all behaviours, ranked bars and a dot plot.

Drawn from plain marks on a ``Sketch`` rather than with reportlab's chart
widgets or graphics shapes: the widgets compute much we do not need, the shapes
cost more to check and render than the text around them, and drawing directly
keeps every label where we put it. Every label names its font (an embedded
one, never Helvetica), and every value a mark shows is also printed as a
number (on the chart or in the table next to it), never by colour alone.
"""

from __future__ import annotations

import math

from reportlab.pdfbase.pdfmetrics import stringWidth

from behaviours.pdf.sketch import Sketch
from behaviours.pdf.styles import INK, MUTED, REGULAR, RULE, TINT
from behaviours.pdf.text import plain, segments
from behaviours.reports.charts import fraction, radar_angles, wrap
from behaviours.reports.document import ChartScale, DotPlot, RadarChart, RankedBars, Series

__all__ = ["dot_plot", "radar", "ranked_bars"]

LABEL_SIZE = 8.5


def _text(
    d: Sketch,
    x: float,
    y: float,
    text: str,
    *,
    size: float = LABEL_SIZE,
    anchor: str = "start",
    bold: bool = False,
    tone: str = INK,
) -> None:
    """A label in the face(s) that can draw it, anchored like a reportlab ``String``."""
    pieces = segments(text, bold=bold)
    widths = [stringWidth(chunk, font, size) for chunk, font in pieces]
    x -= {"start": 0.0, "middle": sum(widths) / 2, "end": sum(widths)}[anchor]
    for (chunk, font), width in zip(pieces, widths, strict=True):
        d.string(x, y, chunk, font=font, size=size, fill=tone)
        x += width


def _wrap(text: str, width: float, size: float = LABEL_SIZE, max_lines: int = 2) -> list[str]:
    """A label wrapped to ``width`` in the regular face at ``size`` (rule: ``reports.charts``)."""
    return wrap(plain(text), width, lambda line: stringWidth(line, REGULAR, size), max_lines)


def _marker(d: Sketch, shape: str, x: float, y: float, r: float, *, tone: str) -> None:
    if shape == "square":
        d.rect(x - r, y - r, 2 * r, 2 * r, fill=tone, stroke=INK, width=0.5)
    elif shape == "diamond":
        pts = [x, y + r * 1.3, x + r * 1.3, y, x, y - r * 1.3, x - r * 1.3, y]
        d.polygon(pts, fill=tone, stroke=INK, width=0.5)
    elif shape == "triangle":
        pts = [x, y + r * 1.3, x + r * 1.2, y - r, x - r * 1.2, y - r]
        d.polygon(pts, fill=tone, stroke=INK, width=0.5)
    else:
        d.circle(x, y, r, fill=tone, stroke=INK, width=0.5)


def radar(chart: RadarChart, width: float, height: float) -> Sketch:
    """Behaviours round a web; concentric rings at the scale's labelled points; a legend."""
    d = Sketch(width, height)
    n = len(chart.labels)
    legend_h = 18.0
    cx, cy = width / 2, legend_h + (height - legend_h) / 2
    radius = min(width / 2 - 120, (height - legend_h) / 2 - 28)
    angles = radar_angles(n)
    between = angles[0] - math.pi / n  # tick labels sit between the first two axes
    for value, label in chart.scale.ticks:
        r = radius * fraction(value, chart.scale)
        ring = [c for a in angles for c in (cx + r * math.cos(a), cy + r * math.sin(a))]
        d.polygon(ring, fill=None, stroke=RULE, width=0.5)
        along = r * math.cos(math.pi / n)
        tx, ty = cx + along * math.cos(between), cy + along * math.sin(between)
        _text(d, tx + 2, ty + 1, label, size=7, tone=MUTED)
    for i, a in enumerate(angles):
        _radar_axis(d, chart.labels[i], a, (cx, cy, radius))
    for series in chart.series:
        _radar_series(d, series, chart.scale, angles, (cx, cy, radius))
    _legend(d, chart.series, 0, 4)
    return d


def _radar_axis(d: Sketch, label: str, a: float, centre: tuple[float, float, float]) -> None:
    cx, cy, radius = centre
    cos, sin = math.cos(a), math.sin(a)
    d.line(cx, cy, cx + radius * cos, cy + radius * sin, stroke=RULE, width=0.5)
    lx, ly = cx + (radius + 8) * cos, cy + (radius + 8) * sin
    anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
    lines = _wrap(label, 110 if abs(cos) >= 0.2 else 150)
    if sin > 0.5:
        top = ly + 2 + (len(lines) - 1) * 10
    elif sin < -0.5:
        top = ly - 9
    else:
        top = ly - 3 + (len(lines) - 1) * 5
    for k, line in enumerate(lines):
        _text(d, lx, top - 10 * k, line, anchor=anchor)


def _legend(d: Sketch, series: tuple[Series, ...], x: float, y: float) -> None:
    """Marker and name of each series, so the chart never relies on colour alone."""
    for s in series:
        _marker(d, s.marker, x + 5, y + 3, 3.5, tone=s.tone)
        _text(d, x + 13, y, s.name)
        x += 13 + stringWidth(plain(s.name), REGULAR, LABEL_SIZE) + 16


def _radar_series(
    d: Sketch,
    series: Series,
    scale: ChartScale,
    angles: list[float],
    centre: tuple[float, float, float],
) -> None:
    cx, cy, radius = centre
    points: list[tuple[float, float] | None] = []
    for a, value in zip(angles, series.values, strict=True):
        if value is None:
            points.append(None)
            continue
        r = radius * fraction(value, scale)
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    drawn = [p for p in points if p is not None]
    tone = series.tone
    if len(drawn) == len(points) and len(drawn) >= 3:
        flat = [c for p in drawn for c in p]
        d.polygon(flat, fill=tone, stroke=tone, width=1.6, opacity=0.12)
    elif len(drawn) >= 2:
        d.polygon([c for p in drawn for c in p], fill=None, stroke=tone, width=1.6, closed=False)
    for p in drawn:
        _marker(d, series.marker, p[0], p[1], 2.8, tone=series.tone)


def ranked_bars(chart: RankedBars, width: float) -> Sketch:
    """One bar per label in the given order, its value printed at its end."""
    row, label_w, value_w = 21.0, 150.0, 42.0
    axis_h = 26.0
    height = row * len(chart.labels) + axis_h + 4
    d = Sketch(width, height)
    x0, x1 = label_w + 8, width - value_w
    top = height - 2
    for tick, label in chart.scale.ticks:
        x = x0 + (x1 - x0) * fraction(tick, chart.scale)
        d.line(x, axis_h - 2, x, top, stroke=RULE, width=0.5)
        _text(d, x, axis_h - 12, label, size=7.5, anchor="middle", tone=MUTED)
    for i, (label, value, shown) in enumerate(
        zip(chart.labels, chart.values, chart.value_labels, strict=True)
    ):
        y = top - row * (i + 1)
        lines = _wrap(label, label_w, max_lines=2)
        base = y + row / 2 - 3 + (len(lines) - 1) * 4.5
        for k, line in enumerate(lines):
            _text(d, label_w, base - 9 * k, line, anchor="end")
        if value is None:
            _text(d, x0 + 4, y + row / 2 - 3, shown, tone=MUTED)
            continue
        w = (x1 - x0) * fraction(value, chart.scale)
        d.rect(x0, y + 5, max(w, 0.5), row - 10, fill=chart.tone)
        _text(d, x0 + w + 4, y + row / 2 - 3, shown, bold=True)
    d.line(x0, axis_h - 2, x0, top, stroke=MUTED, width=0.8)
    return d


def dot_plot(chart: DotPlot, width: float) -> Sketch:
    """Each series on its own row along the scale, with its interval when known."""
    row, label_w, value_w, axis_h = 20.0, 120.0, 40.0, 30.0
    height = row * len(chart.series) + axis_h + 6
    d = Sketch(width, height)
    x0, x1 = label_w + 10, width - value_w
    top = height - 2
    d.rect(x0, axis_h, x1 - x0, top - axis_h, fill=TINT)
    spacing = (x1 - x0) / max(len(chart.scale.ticks) - 1, 1)
    for tick, label in chart.scale.ticks:
        x = x0 + (x1 - x0) * fraction(tick, chart.scale)
        d.line(x, axis_h, x, top, stroke=RULE, width=0.5)
        number = f"{tick:g}"
        _text(d, x, axis_h - 10, number, size=7.5, anchor="middle", bold=True, tone=MUTED)
        if label != number:
            shown = _wrap(label, spacing - 4, size=6.5, max_lines=1)[0]
            _text(d, x, axis_h - 19, shown, size=6.5, anchor="middle", tone=MUTED)
    intervals = chart.intervals or tuple(None for _ in chart.series)
    for i, (series, interval) in enumerate(zip(chart.series, intervals, strict=True)):
        y = top - row * (i + 1) + row / 2
        _text(d, label_w, y - 3, _wrap(series.name, label_w, max_lines=1)[0], anchor="end")
        value = series.values[0] if series.values else None
        if value is None:
            _text(d, x0 + 4, y - 3, "no score", tone=MUTED)
            continue
        if interval is not None:
            lo = x0 + (x1 - x0) * fraction(interval[0], chart.scale)
            hi = x0 + (x1 - x0) * fraction(interval[1], chart.scale)
            d.line(lo, y, hi, y, stroke=INK, width=0.8)
            d.line(lo, y - 3, lo, y + 3, stroke=INK, width=0.8)
            d.line(hi, y - 3, hi, y + 3, stroke=INK, width=0.8)
        x = x0 + (x1 - x0) * fraction(value, chart.scale)
        _marker(d, series.marker, x, y, 4, tone=series.tone)
        _text(d, width - 2, y - 3, f"{value:.2f}", anchor="end", bold=True)
    return d
