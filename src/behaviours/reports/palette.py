"""The colours of every report, in one place, for every backend.

Text uses only ``INK``, ``MUTED`` and ``HEADING`` on white or the light tints,
each at least 4.5:1 (WCAG AA); ``tests/test_reports_styles.py`` computes every
pair. Chart marks use Okabe and Ito's colour-blind-safe set (``TONES``), and a
series also differs by its marker's shape, so colour never carries meaning alone.
The PDF backend turns these into reportlab colours, the HTML backend into CSS.
"""

from __future__ import annotations

__all__ = [
    "BACKGROUNDS",
    "HEADING",
    "INK",
    "MUTED",
    "RULE",
    "TEXT_PAIRS",
    "TINT",
    "TINT_BLUE",
    "TONES",
    "WHITE",
]

# Text colours and the backgrounds they sit on.
INK = "#1A1A1A"
MUTED = "#4D4D4D"
HEADING = "#005A8C"  # a darker Okabe-Ito blue: 7.4:1 on white, and white on it
WHITE = "#FFFFFF"
TINT = "#F2F2F2"  # zebra rows
TINT_BLUE = "#EAF3FA"  # callouts
RULE = "#BFBFBF"  # lines only, never text
BACKGROUNDS = (WHITE, TINT, TINT_BLUE)
# Every (text, background) pair the backends use; the contrast test reads this.
TEXT_PAIRS = (
    *((fg, bg) for fg in (INK, MUTED, HEADING) for bg in BACKGROUNDS),
    (WHITE, HEADING),
)

# Okabe-Ito marks for chart series; a series also differs by marker shape.
TONES = {
    "self": "#0072B2",  # blue
    "others": "#E69F00",  # orange
    "team": "#009E73",  # bluish green
    "previous": "#999999",  # grey
    "group1": "#D55E00",  # vermillion
    "group2": "#CC79A7",  # reddish purple
    "group3": "#56B4E9",  # sky blue
    "group4": "#F0E442",  # yellow
}
