"""Charts as inline SVG: the radar, the ranked bars and the dot plot of the PDF, for a browser.

Marks are placed with the same rules as the PDF's (``behaviours.reports.charts``:
where a value sits on its axis, the radar's axes, label wrapping); only the
drawing differs. The browser lays out the text, so labels are measured with an
average glyph width, and anchored (``text-anchor``) rather than placed by
their measured width.

Every chart is ``role="img"`` with a ``title`` that says every value it marks
(``describe``), every mark has a presentation colour (a chart alone, outside
the report's stylesheet, still draws) and a class of the CSS contract
(``bh-mark``, ``bh-tone-<tone>``, ``bh-axis``, ``bh-grid``, ``bh-label``) so an
embedding page can restyle it. Colour never carries meaning alone: a series
has its marker shape and its name in the legend; a bar prints its value.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from behaviours.html.text import escape
from behaviours.reports.charts import describe, fraction, radar_angles, wrap
from behaviours.reports.document import DotPlot, RadarChart, RankedBars, Series
from behaviours.reports.palette import INK, MUTED, RULE, TINT, TONES

__all__ = ["chart_svg"]

_SIZE = 15.0  # label size in SVG units (the viewBox is drawn at 1 unit = 1 CSS pixel)


def _measure(size: float) -> Callable[[str], float]:
    """A line's width at ``size``, by an average glyph width (the browser sets the text)."""
    return lambda line: 0.56 * size * len(line)


def _n(value: float) -> str:
    """A coordinate as printed: at most two decimals, no trailing zeros (same bytes every run)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: float = _SIZE,
    anchor: str = "start",
    bold: bool = False,
    tone: str = INK,
    cls: str = "bh-label",
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text class="{cls}" x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" '
        f'text-anchor="{anchor}" fill="{tone}"{weight}>{escape(text)}</text>'
    )


def _tone(tone: str) -> str:
    return TONES.get(tone, tone)


def _marker(shape: str, x: float, y: float, r: float, tone: str) -> str:
    attrs = f'class="bh-mark bh-tone-{escape(tone)}" fill="{_tone(tone)}" stroke="{INK}"'
    if shape == "square":
        return _rect(x - r, y - r, 2 * r, 2 * r, attrs)
    if shape in ("diamond", "triangle"):
        k = r * 1.3
        pts = (
            [(x, y - k), (x + k, y), (x, y + k), (x - k, y)]
            if shape == "diamond"
            else [(x, y - k), (x + r * 1.2, y + r), (x - r * 1.2, y + r)]
        )
        return f'<polygon {attrs} points="{_points(pts)}"/>'
    return f'<circle {attrs} cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}"/>'


def _rect(x: float, y: float, w: float, h: float, attrs: str) -> str:
    return f'<rect {attrs} x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"/>'


def _vline(x: float, top: float, bottom: float, cls: str, stroke: str) -> str:
    """A vertical line: a grid line at a tick, or the value axis."""
    return (
        f'<line class="{cls}" x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" y2="{_n(bottom)}" '
        f'stroke="{stroke}"/>'
    )


def _points(pts: list[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in pts)


def _svg(kind: str, size: tuple[float, float], label_id: str, title: str, body: list[str]) -> str:
    width, height = size
    return (
        f'<svg class="bh-svg bh-svg-{kind}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" role="img" aria-labelledby="{label_id}" '
        f'font-family="DejaVu Sans, Noto Sans Arabic, Verdana, sans-serif">'
        f'<title id="{label_id}">{escape(title)}</title>{"".join(body)}</svg>'
    )


def _legend(series: tuple[Series, ...], x: float, y: float) -> list[str]:
    out = []
    for s in series:
        out.append(_marker(s.marker, x + 6, y - 4, 5, s.tone))
        out.append(_text(x + 16, y, s.name))
        x += 16 + 0.56 * _SIZE * len(s.name) + 20
    return out


def radar(chart: RadarChart, label_id: str) -> str:
    """All behaviours round a web, rings at the scale's labelled points, a legend above."""
    n = len(chart.labels)
    width, height, legend_h = 640.0, 500.0 if n <= 8 else 600.0, 28.0
    cx, cy = width / 2, legend_h + (height - legend_h) / 2
    radius = min(width / 2 - 160, (height - legend_h) / 2 - 48)
    angles = radar_angles(n)
    body = _legend(chart.series, 0, 16)
    between = angles[0] - math.pi / n
    for value, label in chart.scale.ticks:
        r = radius * fraction(value, chart.scale)
        ring = [(cx + r * math.cos(a), cy - r * math.sin(a)) for a in angles]
        body.append(
            f'<polygon class="bh-grid" points="{_points(ring)}" fill="none" stroke="{RULE}"/>'
        )
        along = r * math.cos(math.pi / n)
        tx, ty = cx + along * math.cos(between), cy - along * math.sin(between)
        body.append(_text(tx + 3, ty - 2, label, size=12, tone=MUTED))
    for a, label in zip(angles, chart.labels, strict=True):
        body += _radar_axis(label, a, (cx, cy, radius))
    for series in chart.series:
        body += _radar_series(series, chart, angles, (cx, cy, radius))
    return _svg("radar", (width, height), label_id, describe(chart), body)


def _radar_axis(label: str, a: float, centre: tuple[float, float, float]) -> list[str]:
    cx, cy, radius = centre
    cos, sin = math.cos(a), math.sin(a)
    out = [
        f'<line class="bh-axis" x1="{_n(cx)}" y1="{_n(cy)}" x2="{_n(cx + radius * cos)}" '
        f'y2="{_n(cy - radius * sin)}" stroke="{RULE}"/>'
    ]
    lx, ly = cx + (radius + 10) * cos, cy - (radius + 10) * sin
    anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
    lines = wrap(label, 150 if abs(cos) >= 0.2 else 220, _measure(_SIZE), max_lines=3)
    if sin > 0.5:
        top = ly - (len(lines) - 1) * 17
    elif sin < -0.5:
        top = ly + 14
    else:
        top = ly + 5 - (len(lines) - 1) * 8.5
    out += [_text(lx, top + 17 * k, line, anchor=anchor) for k, line in enumerate(lines)]
    return out


def _radar_series(
    series: Series, chart: RadarChart, angles: list[float], centre: tuple[float, float, float]
) -> list[str]:
    cx, cy, radius = centre
    points: list[tuple[float, float]] = []
    for a, value in zip(angles, series.values, strict=True):
        if value is not None:
            r = radius * fraction(value, chart.scale)
            points.append((cx + r * math.cos(a), cy - r * math.sin(a)))
    tone, cls = _tone(series.tone), f"bh-line bh-tone-{escape(series.tone)}"
    out = []
    if len(points) == len(series.values) and len(points) >= 3:
        out.append(
            f'<polygon class="{cls}" points="{_points(points)}" fill="{tone}" '
            f'fill-opacity="0.12" stroke="{tone}" stroke-width="2"/>'
        )
    elif len(points) >= 2:
        out.append(
            f'<polyline class="{cls}" points="{_points(points)}" fill="none" '
            f'stroke="{tone}" stroke-width="2"/>'
        )
    out += [_marker(series.marker, x, y, 4, series.tone) for x, y in points]
    return out


def ranked_bars(chart: RankedBars, label_id: str) -> str:
    """One bar per label in the given order, its value printed at its end."""
    row, label_w, value_w, axis_h, width = 32.0, 190.0, 100.0, 30.0, 540.0
    height = row * len(chart.labels) + axis_h + 6
    x0, x1 = label_w + 10, width - value_w
    bottom = height - axis_h
    body = []
    for tick, label in chart.scale.ticks:
        x = x0 + (x1 - x0) * fraction(tick, chart.scale)
        body.append(_vline(x, 2, bottom, "bh-grid", RULE))
        body.append(_text(x, bottom + 18, label, size=12, anchor="middle", tone=MUTED))
    rows = zip(chart.labels, chart.values, chart.value_labels, strict=True)
    for i, (label, value, shown) in enumerate(rows):
        y = 2 + row * i
        lines = wrap(label, label_w, _measure(14), max_lines=2)
        base = y + row / 2 + 5 - (len(lines) - 1) * 7.5
        body += [
            _text(label_w, base + 15 * k, t, size=14, anchor="end") for k, t in enumerate(lines)
        ]
        if value is None:
            body.append(_text(x0 + 6, y + row / 2 + 4, shown, size=14, tone=MUTED))
            continue
        w = max((x1 - x0) * fraction(value, chart.scale), 0.5)
        body.append(
            f'<rect class="bh-bar bh-tone-{escape(chart.tone)}" x="{_n(x0)}" y="{_n(y + 6)}" '
            f'width="{_n(w)}" height="{_n(row - 12)}" fill="{_tone(chart.tone)}"/>'
        )
        body.append(_text(x0 + w + 6, y + row / 2 + 4, shown, size=14, bold=True))
    body.append(_vline(x0, 2, bottom, "bh-axis", MUTED))
    return _svg("bars", (width, height), label_id, describe(chart), body)


def dot_plot(chart: DotPlot, label_id: str) -> str:
    """Each series on its own row along the scale, with its interval when known."""
    row, label_w, value_w, axis_h, width = 30.0, 140.0, 56.0, 44.0, 540.0
    height = row * len(chart.series) + axis_h + 6
    x0, x1 = label_w + 12, width - value_w
    bottom = height - axis_h
    body = [_rect(x0, 2, x1 - x0, bottom - 2, f'class="bh-plot" fill="{TINT}"')]
    spacing = (x1 - x0) / max(len(chart.scale.ticks) - 1, 1)
    for tick, label in chart.scale.ticks:
        x = x0 + (x1 - x0) * fraction(tick, chart.scale)
        body.append(_vline(x, 2, bottom, "bh-grid", RULE))
        number = f"{tick:g}"
        body.append(_text(x, bottom + 15, number, size=12, anchor="middle", bold=True, tone=MUTED))
        if label != number:
            shown = wrap(label, spacing - 2, _measure(10), max_lines=1)[0]
            body.append(_text(x, bottom + 30, shown, size=10, anchor="middle", tone=MUTED))
    intervals = chart.intervals or tuple(None for _ in chart.series)
    for i, (series, interval) in enumerate(zip(chart.series, intervals, strict=True)):
        body += _dot_row(chart, series, interval, 2 + row * i + row / 2, (x0, x1, label_w, width))
    return _svg("dots", (width, height), label_id, describe(chart), body)


def _dot_row(
    chart: DotPlot,
    series: Series,
    interval: tuple[float, float] | None,
    y: float,
    frame: tuple[float, float, float, float],
) -> list[str]:
    x0, x1, label_w, width = frame
    name = wrap(series.name, label_w, _measure(14), max_lines=1)[0]
    out = [_text(label_w, y + 4, name, size=14, anchor="end")]
    value = series.values[0] if series.values else None
    if value is None:
        return [*out, _text(x0 + 6, y + 4, "no score", size=14, tone=MUTED)]
    if interval is not None:
        lo = x0 + (x1 - x0) * fraction(interval[0], chart.scale)
        hi = x0 + (x1 - x0) * fraction(interval[1], chart.scale)
        out.append(
            f'<path class="bh-interval" d="M{_n(lo)} {_n(y)}H{_n(hi)}M{_n(lo)} {_n(y - 4)}'
            f'V{_n(y + 4)}M{_n(hi)} {_n(y - 4)}V{_n(y + 4)}" stroke="{INK}" fill="none"/>'
        )
    x = x0 + (x1 - x0) * fraction(value, chart.scale)
    out.append(_marker(series.marker, x, y, 5.5, series.tone))
    out.append(_text(width - 4, y + 4, f"{value:.2f}", size=14, anchor="end", bold=True))
    return out


def chart_svg(chart: RadarChart | RankedBars | DotPlot, label_id: str = "bh-chart") -> str:
    """One chart as a standalone ``<svg>`` element; ``label_id`` must be unique on its page."""
    if isinstance(chart, RadarChart):
        return radar(chart, label_id)
    if isinstance(chart, RankedBars):
        return ranked_bars(chart, label_id)
    return dot_plot(chart, label_id)
