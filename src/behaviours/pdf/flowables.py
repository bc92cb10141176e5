"""reportlab flowables of our own: a box to write in, a chart, and three that save work.

reportlab asks a paragraph for its size several times at the same width: a
table measures its cells, then measures them again to draw them; a
``KeepTogether`` measures its content, then the frame measures each part as it
places it. Breaking a paragraph into lines is the costliest thing in a report,
and its result depends only on the width, so ``Paragraph`` keeps the lines of
its last width and answers a repeated question from them.

Parsing a paragraph's markup into styled fragments comes next, and most
paragraphs of a pack are the same in every report (headings, the framework's
descriptions and suggestions), so the fragments of recent (markup, style)
pairs are kept, and each new paragraph gets its own copy of them.

Every ``KeepTogether`` measures its content against a deep copy of the
current frame; ``Frame`` makes that copy cheaply, since a frame holds only
numbers and strings (and, at times, a list of generated content).
"""

from __future__ import annotations

import copy
from typing import Any

from reportlab.platypus import Flowable
from reportlab.platypus import Frame as RLFrame
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.rl_config import _FUZZ

from behaviours.pdf.sketch import Sketch
from behaviours.pdf.styles import MUTED, RULE, colour

__all__ = ["Chart", "Frame", "Paragraph", "WriteBox"]

_PARSED: dict[tuple[str, Any], tuple[str, Any, list[Any]]] = {}
_PARSED_MAX = 4096  # distinct paragraphs kept; the cache empties when full


class Paragraph(RLParagraph):  # type: ignore[misc]
    """A reportlab ``Paragraph`` that breaks its lines once per width, not once per question.

    ``wrap`` leaves the lines (``blPara``), width and height on the paragraph;
    a second ``wrap`` at the same width would recompute exactly the same values,
    so it returns them as they are. ``split`` may drop ``blPara`` to force a new
    break, and then the next ``wrap`` breaks again.

    Made from markup it has parsed before with the same style, it starts from
    copies of the fragments that parse gave, exactly as a new parse would.
    """

    _wrapped_at: float | None = None

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:  # noqa: N803
        if frags is not None or not isinstance(text, str) or self.caseSensitive != 1:
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        key = (text, style)
        known = _PARSED.get(key)
        if known is not None:
            cleaned, parsed_style, parsed = known
            super()._setup(cleaned, parsed_style, bulletText, [f.clone() for f in parsed], cleaner)
            return
        super()._setup(text, style, bulletText, None, cleaner)
        if self.bulletText is bulletText:  # no <bullet> in the markup
            if len(_PARSED) >= _PARSED_MAX:
                _PARSED.clear()
            _PARSED[key] = (self.text, self.style, [f.clone() for f in self.frags])

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if availWidth == self._wrapped_at and "blPara" in self.__dict__:
            return self.width, self.height
        size: Any = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth if availWidth >= _FUZZ else None
        return size  # type: ignore[no-any-return]


class Frame(RLFrame):  # type: ignore[misc]
    """A reportlab ``Frame`` whose deep copy is a shallow copy plus its generated content."""

    def __deepcopy__(self, memo: dict[int, Any]) -> Frame:
        twin = copy.copy(self)
        if "_generated_content" in self.__dict__:
            twin._generated_content = copy.deepcopy(self._generated_content, memo)
        return twin


class WriteBox(Flowable):  # type: ignore[misc]
    """A ruled box to write in by hand."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self.lines = lines
        self.height = 22.0 * lines + 6

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(colour(MUTED))
        c.setLineWidth(0.6)
        c.roundRect(0, 0, self.width, self.height, 4, stroke=1, fill=0)
        c.setStrokeColor(colour(RULE))
        c.setDash(1, 2)
        for i in range(1, self.lines + 1):
            y = self.height - 22.0 * i
            c.line(10, y, self.width - 10, y)


class Chart(Flowable):  # type: ignore[misc]
    """A chart with space after it that, unlike a Spacer, vanishes at a page foot."""

    def __init__(self, sketch: Sketch, after: float) -> None:
        super().__init__()
        self.sketch = sketch
        self.spaceAfter = after

    def wrap(self, _avail_width: float, _avail_height: float) -> tuple[float, float]:
        return self.sketch.width, self.sketch.height

    def draw(self) -> None:
        self.sketch.draw(self.canv)
