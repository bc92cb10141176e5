"""reportlab flowables of our own, each there to save layout work without changing the page.

reportlab asks a paragraph for its size several times at the same width: a
table measures its cells, then measures them again to draw them; a
``KeepTogether`` measures its content, then the frame measures each part as it
places it. Breaking a paragraph into lines is the costliest thing in a report,
and its result depends only on the width, so ``Paragraph`` keeps the lines of
its last width and answers a repeated question from them.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Paragraph as RLParagraph
from reportlab.rl_config import _FUZZ

__all__ = ["Paragraph"]


class Paragraph(RLParagraph):  # type: ignore[misc]
    """A reportlab ``Paragraph`` that breaks its lines once per width, not once per question.

    ``wrap`` leaves the lines (``blPara``), width and height on the paragraph;
    a second ``wrap`` at the same width would recompute exactly the same values,
    so it returns them as they are. ``split`` may drop ``blPara`` to force a new
    break, and then the next ``wrap`` breaks again.
    """

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if availWidth == self._wrapped_at and "blPara" in self.__dict__:
            return self.width, self.height
        size: Any = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth if availWidth >= _FUZZ else None
        return size  # type: ignore[no-any-return]
