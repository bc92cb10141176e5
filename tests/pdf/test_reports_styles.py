"""The palette: every text colour on every background it is used on reaches WCAG AA."""

from __future__ import annotations

import pytest

from behaviours.pdf.styles import TEXT_PAIRS, TONES


def _luminance(hex_colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    h = hex_colour.lstrip("#")
    r, g, b = (channel(int(h[i : i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two sRGB colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_wcag_reference_values() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_every_text_colour_has_at_least_4_5_to_1_contrast(text: str, background: str) -> None:
    assert contrast(text, background) >= 4.5


def test_chart_tones_are_distinct_okabe_ito_colours() -> None:
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    marks = {v for k, v in TONES.items() if k != "previous"}
    assert marks <= okabe_ito
    assert len(set(TONES.values())) == len(TONES)
