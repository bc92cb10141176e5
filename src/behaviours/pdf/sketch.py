"""A chart as a short list of drawing operations, replayed straight onto the PDF canvas.

reportlab's graphics shapes check every attribute as it is set, and its
renderer saves and restores the graphics state around every shape and group:
a dot plot of forty marks cost more than a page of text. The charts use six
kinds of mark, so a ``Sketch`` records them as plain tuples and ``draw`` makes
the same canvas calls the renderer would (same coordinates, colours, widths,
fonts and fill opacity), setting a colour, width or font only when it changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from behaviours.pdf.styles import colour

__all__ = ["Sketch"]

_Op = tuple[Any, ...]


class Sketch:
    """A chart's marks in drawing order, on a ``width`` x ``height`` area (origin bottom left).

    Colours are hex strings or tone names (see ``styles.colour``); ``None``
    means no fill or no outline.
    """

    def __init__(self, width: float, height: float) -> None:
        self.width = width
        self.height = height
        self.ops: list[_Op] = []

    def line(
        self, x1: float, y1: float, x2: float, y2: float, *, stroke: str, width: float
    ) -> None:
        self.ops.append(("line", stroke, width, x1, y1, x2, y2))

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        fill: str | None,
        stroke: str | None = None,
        width: float = 1.0,
    ) -> None:
        self.ops.append(("rect", fill, stroke, width, x, y, w, h))

    def circle(
        self, x: float, y: float, r: float, *, fill: str | None, stroke: str | None, width: float
    ) -> None:
        self.ops.append(("circle", fill, stroke, width, x, y, r))

    def polygon(
        self,
        points: Sequence[float],
        *,
        fill: str | None,
        stroke: str | None,
        width: float,
        opacity: float = 1.0,
        closed: bool = True,
    ) -> None:
        """A closed outline (or, with ``closed=False``, an open line) through x, y pairs."""
        self.ops.append(("path", fill, stroke, width, tuple(points), closed, opacity))

    def string(self, x: float, y: float, text: str, *, font: str, size: float, fill: str) -> None:
        """One run of text in one face, its baseline starting at ``x, y``."""
        self.ops.append(("string", fill, font, size, x, y, text))

    def draw(self, canvas: Any) -> None:
        """Make the marks on ``canvas`` (already moved to the sketch's origin)."""
        state: dict[str, Any] = {}

        def put(key: str, value: Any, apply: Any) -> None:
            if value is not None and state.get(key) != value:
                state[key] = value
                apply(value)

        def pen(fill: str | None, stroke: str | None, width: float) -> tuple[int, int]:
            put("fill", fill, lambda v: canvas.setFillColor(colour(v)))
            put("stroke", stroke, lambda v: canvas.setStrokeColor(colour(v)))
            if stroke is not None:
                put("width", width, canvas.setLineWidth)
            return int(fill is not None), int(stroke is not None)

        for op in self.ops:
            kind = op[0]
            if kind == "line":
                pen(None, op[1], op[2])
                canvas.line(*op[3:])
            elif kind == "rect":
                filled, stroked = pen(op[1], op[2], op[3])
                canvas.rect(*op[4:], stroke=stroked, fill=filled)
            elif kind == "circle":
                filled, stroked = pen(op[1], op[2], op[3])
                canvas.circle(*op[4:], stroke=stroked, fill=filled)
            elif kind == "path":
                _path(canvas, op, state, pen)
            else:
                put("fill", op[1], lambda v: canvas.setFillColor(colour(v)))
                put("font", (op[2], op[3]), lambda v: canvas.setFont(*v))
                canvas.drawString(op[4], op[5], op[6])


def _path(canvas: Any, op: _Op, state: dict[str, Any], pen: Any) -> None:
    _, fill, stroke, width, points, closed, opacity = op
    if opacity != 1.0:
        # A translucent fill in a graphics state of its own, restored after.
        canvas.saveState()
        saved = dict(state)
    filled, stroked = pen(fill, stroke, width)
    if opacity != 1.0:
        canvas.setFillAlpha(opacity)  # after the colour: setting a colour resets the alpha
    path = canvas.beginPath()
    path.moveTo(points[0], points[1])
    for i in range(2, len(points), 2):
        path.lineTo(points[i], points[i + 1])
    if closed:
        path.close()
    canvas.drawPath(path, stroke=stroked, fill=filled if closed else 0)
    if opacity != 1.0:
        canvas.restoreState()
        state.clear()
        state.update(saved)
