"""Fonts, colours and paragraph styles: the look of every report, in one place.

Fonts are registered once per process (``fonts()``), never per report: parsing
a TrueType file costs tens of milliseconds and a batch renders thousands of
reports. DejaVu Sans covers Latin (Zoë, Siobhán, Łukasz), Greek, Cyrillic and
Hebrew; Noto Sans Arabic draws Arabic-script runs (Urdu names), because DejaVu
Sans lacks the Urdu letters heh goal and yeh barree. Both are embedded as
subsets; their licences sit next to them in ``fonts/``.

The colours come from ``behaviours.reports.palette``, shared with the HTML
backend (Okabe and Ito's colour-blind-safe set for chart marks; text pairs of at
least 4.5:1), and are re-exported here for the PDF's own modules.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from behaviours.reports.palette import (
    BACKGROUNDS,
    HEADING,
    INK,
    MUTED,
    RULE,
    TEXT_PAIRS,
    TINT,
    TINT_BLUE,
    TONES,
    WHITE,
)

__all__ = [
    "ARABIC",
    "ARABIC_BOLD",
    "BACKGROUNDS",
    "BOLD",
    "HEADING",
    "INK",
    "MUTED",
    "REGULAR",
    "RULE",
    "TEXT_PAIRS",
    "TINT",
    "TINT_BLUE",
    "TONES",
    "WHITE",
    "Fonts",
    "colour",
    "fonts",
    "paragraph_styles",
]

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ARABIC = "NotoSansArabic"
ARABIC_BOLD = "NotoSansArabic-Bold"
_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ARABIC: "NotoSansArabic-Regular.ttf",
    ARABIC_BOLD: "NotoSansArabic-Bold.ttf",
}


def colour(hex_or_tone: str) -> colors.Color:
    """A reportlab colour from a hex string or a tone name."""
    return colors.HexColor(TONES.get(hex_or_tone, hex_or_tone))


@dataclass(frozen=True)
class Fonts:
    """The registered faces and the characters each can draw."""

    latin: frozenset[int]
    arabic: frozenset[int]


def _patch_to_unicode() -> None:
    """Make reportlab write characters beyond U+FFFF correctly in the ToUnicode map.

    reportlab 4 writes ``<1F600>`` where PDF requires UTF-16 (``<D83DDE00>``),
    so text extraction and copy-paste fail for emoji in comments. The fix is
    the documented encoding; it changes nothing for other characters.
    """
    if getattr(ttfonts.makeToUnicodeCMap, "_behaviours_fixed", False):
        return

    def make(fontname: str, subset: list[int]) -> str:
        pairs = [
            f"<{i:02X}> <{''.join(f'{u:04X}' for u in _utf16(v))}>" for i, v in enumerate(subset)
        ]
        return "\n".join(
            [
                "/CIDInit /ProcSet findresource begin",
                "12 dict begin",
                "begincmap",
                "/CIDSystemInfo",
                f"<< /Registry ({fontname})",
                f"/Ordering ({fontname})",
                "/Supplement 0",
                ">> def",
                f"/CMapName /{fontname} def",
                "/CMapType 2 def",
                "1 begincodespacerange",
                f"<00> <{len(subset) - 1:02X}>",
                "endcodespacerange",
                f"{len(subset)} beginbfchar",
                *pairs,
                "endbfchar",
                "endcmap",
                "CMapName currentdict /CMap defineresource pop",
                "end",
                "end",
            ]
        )

    make._behaviours_fixed = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make


def _utf16(value: int) -> tuple[int, ...]:
    if value <= 0xFFFF:
        return (value,)
    value -= 0x10000
    return (0xD800 + (value >> 10), 0xDC00 + (value & 0x3FF))


@functools.cache
def fonts() -> Fonts:
    """Register the shipped fonts (once per process) and report their coverage."""
    _patch_to_unicode()
    folder = resources.files("behaviours.pdf") / "fonts"
    faces: dict[str, TTFont] = {}
    for name, file in _FILES.items():
        with resources.as_file(folder / file) as path:
            faces[name] = TTFont(name, str(path))
        pdfmetrics.registerFont(faces[name])
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    pdfmetrics.registerFontFamily(
        ARABIC, normal=ARABIC, bold=ARABIC_BOLD, italic=ARABIC, boldItalic=ARABIC_BOLD
    )

    def covered(*names: str) -> frozenset[int]:
        sets = [set(faces[n].face.charToGlyph) for n in names]
        return frozenset(set.intersection(*sets))

    return Fonts(latin=covered(REGULAR, BOLD), arabic=covered(ARABIC, ARABIC_BOLD))


@functools.cache
def paragraph_styles() -> dict[str, ParagraphStyle]:
    """The named paragraph styles, built once: the type hierarchy of every report."""
    fonts()
    ink, muted, heading = colour(INK), colour(MUTED), colour(HEADING)
    base = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=10,
        leading=14.5,
        textColor=ink,
        alignment=TA_LEFT,
        spaceAfter=6,
        splitLongWords=True,
        allowWidows=0,
        allowOrphans=0,
    )

    def derive(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    styles = {
        "body": base,
        "lead": derive("lead", fontSize=12, leading=17, spaceAfter=10),
        "small": derive("small", fontSize=8.5, leading=12, textColor=muted, spaceAfter=4),
        "note": derive("note", fontSize=9, leading=13, textColor=muted),
        "quote": derive("quote", fontSize=9.5, leading=13.5, spaceAfter=0),
        "cell": derive("cell", fontSize=9, leading=12, spaceAfter=0),
        "cell-head": derive(
            "cell-head",
            fontName=BOLD,
            fontSize=9,
            leading=12,
            spaceAfter=0,
            textColor=colour(WHITE),
        ),
        "kicker": derive(
            "kicker", fontName=BOLD, fontSize=10, leading=14, textColor=heading, spaceAfter=4
        ),
        "title": derive("title", fontName=BOLD, fontSize=28, leading=34, spaceAfter=10),
        "h1": derive(
            "h1",
            fontName=BOLD,
            fontSize=18,
            leading=23,
            textColor=heading,
            spaceBefore=4,
            spaceAfter=10,
            keepWithNext=1,
        ),
        "h2": derive(
            "h2",
            fontName=BOLD,
            fontSize=12.5,
            leading=17,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=1,
        ),
        "h3": derive(
            "h3",
            fontName=BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=6,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "callout-title": derive(
            "callout-title",
            fontName=BOLD,
            fontSize=10.5,
            leading=14,
            textColor=heading,
            spaceAfter=4,
        ),
        "bullet": derive(
            "bullet", leftIndent=13, bulletIndent=2, spaceAfter=4, bulletFontName=REGULAR
        ),
        "cell-head-small": derive(
            "cell-head-small",
            fontName=BOLD,
            fontSize=7.5,
            leading=9.5,
            spaceAfter=0,
            textColor=colour(WHITE),
        ),
        "caption": derive(
            "caption",
            fontName=BOLD,
            fontSize=9,
            leading=12,
            textColor=muted,
            spaceAfter=3,
            keepWithNext=1,
        ),
    }
    for name in ("cell", "cell-head", "cell-head-small"):
        styles[f"{name}-right"] = ParagraphStyle(
            f"{name}-right", parent=styles[name], alignment=TA_RIGHT
        )
        styles[f"{name}-center"] = ParagraphStyle(
            f"{name}-center", parent=styles[name], alignment=TA_CENTER
        )
    # Right-to-left paragraphs (text whose first letter is Arabic script or Hebrew).
    for name in list(styles):
        styles[f"{name}-rtl"] = ParagraphStyle(
            f"{name}-rtl", parent=styles[name], alignment=TA_RIGHT
        )
    return styles
