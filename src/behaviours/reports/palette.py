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
    "heat_tint",
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


def heat_tint(shade: float) -> str:
    """A heatmap cell's background for a strength from 0 to 1: white to half the heading blue.

    Even the darkest (``heat_tint(1.0)``) keeps ``INK`` text at 4.5:1 or more
    (``TEXT_PAIRS`` holds it), and the cell always prints its figure: the tint only repeats it.
    """
    t = min(max(shade, 0.0), 1.0) * 0.5 + 0.04
    light, dark = WHITE.lstrip("#"), HEADING.lstrip("#")
    mixed = (
        round((1 - t) * int(light[i : i + 2], 16) + t * int(dark[i : i + 2], 16)) for i in (0, 2, 4)
    )
    return "#" + "".join(f"{v:02X}" for v in mixed)


# Every (text, background) pair the backends use; the contrast test reads this.
TEXT_PAIRS = (
    *((fg, bg) for fg in (INK, MUTED, HEADING) for bg in BACKGROUNDS),
    (WHITE, HEADING),
    (INK, heat_tint(1.0)),  # the darkest heatmap cell
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
