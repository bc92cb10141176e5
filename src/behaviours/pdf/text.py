"""Text on its way to the PDF: cleaned, escaped, shaped and set in the right font.

Every string reaches reportlab through ``markup`` (paragraphs) or ``plain``
(chart labels), whether a person typed it or we wrote it, so no name or comment
can inject paragraph markup or break the layout.

Cleaning: Unicode NFC; line and paragraph separators become line breaks; tabs
and other spaces become a plain space; control characters, bidi overrides and
other invisible format characters are removed (zero-width joiners stay: they
change how Arabic-script letters join); a character no shipped font can draw
becomes U+FFFD so the reader sees that something was there.

Right-to-left: reportlab has no bidi layout without optional native code, so a
line with Arabic-script or Hebrew letters is shaped (``arabic_reshaper``: the
joined forms) and put in visual order (``bidi.get_display``) here, and its
Arabic-script runs are set in Noto Sans Arabic. This is right for any line that
fits on one printed line (names, team names, short comments); a long
right-to-left comment that wraps is reordered line by line by
``rtl_lines`` when the backend knows the width (see docs/reports.md).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

from arabic_reshaper import ArabicReshaper
from bidi.algorithm import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth

from behaviours.pdf.styles import ARABIC, ARABIC_BOLD, BOLD, REGULAR, fonts

__all__ = [
    "clean",
    "has_rtl",
    "markup",
    "markup_wrapped",
    "plain",
    "rtl_first",
    "rtl_lines",
    "segments",
    "shorten",
    "visual",
    "width_of",
]

_KEEP_FORMAT = frozenset({0x200C, 0x200D})  # ZWNJ, ZWJ
_LINE_BREAKS = frozenset({"\n", "\u2028", "\u2029", "\x85", "\r", "\x0b", "\x0c"})
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_ESCAPE_RE = re.compile("[&<>\"']")
_ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_RESHAPER = ArabicReshaper(configuration={"delete_harakat": False, "support_ligatures": True})


def _arabic_block(code: int) -> bool:
    return (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    )


@functools.lru_cache(maxsize=4096)
def _char_map(char: str) -> str:
    """What one character becomes after cleaning ('' to drop it)."""
    if char in _LINE_BREAKS:
        return "\n"
    category = unicodedata.category(char)
    if category == "Zs" or char == "\t":
        return " "
    code = ord(char)
    if category in ("Cc", "Cs", "Zl", "Zp") or (category == "Cf" and code not in _KEEP_FORMAT):
        return ""
    covered = fonts().arabic if _arabic_block(code) else fonts().latin
    return char if code in covered else "\ufffd"


def clean(text: str) -> str:
    """``text`` as it will print: NFC, no control characters, undrawable ones as U+FFFD."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii() and text.isprintable():
        return text
    return "".join(_char_map(c) for c in text)


def has_rtl(text: str) -> bool:
    """Whether ``text`` contains a right-to-left letter (Arabic script, Hebrew, ...)."""
    if text.isascii():
        return False
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def visual(line: str) -> str:
    """One line (no breaks) shaped and in visual, left-to-right drawing order."""
    if not has_rtl(line):
        return line
    shaped = _RESHAPER.reshape(line)
    return str(get_display(shaped))


def _escape(text: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], text)


def _runs(line: str, *, bold: bool) -> str:
    """Escape a visual line, setting its Arabic-script runs in the Arabic face."""
    if line.isascii() or not _ARABIC_RE.search(line):
        return _escape(line)
    face = ARABIC_BOLD if bold else ARABIC
    out: list[str] = []
    for arabic, chunk in _chunks(line, _is_arabic_or_space):
        text = _escape(chunk)
        out.append(f'<font face="{face}">{text}</font>' if arabic else text)
    return "".join(out)


def _is_arabic_or_space(char: str) -> bool:
    return char == " " or _arabic_block(ord(char))


def _chunks(line: str, pred: Callable[[str], bool]) -> list[tuple[bool, str]]:
    chunks: list[tuple[bool, str]] = []
    for char in line:
        flag = pred(char)
        if chunks and chunks[-1][0] == flag:
            chunks[-1] = (flag, chunks[-1][1] + char)
        else:
            chunks.append((flag, char))
    return chunks


def markup(text: str, *, bold: bool = False) -> str:
    """Paragraph markup that prints ``text`` exactly as typed (after ``clean``)."""
    if text.isascii() and text.isprintable():
        return _escape(text)
    lines = clean(text).split("\n")
    return "<br/>".join(_runs(visual(line), bold=bold) for line in lines)


def plain(text: str) -> str:
    """A single line for a chart label: cleaned, breaks as spaces, in visual order."""
    return visual(clean(text).replace("\n", " "))


def segments(text: str, *, bold: bool = False) -> list[tuple[str, str]]:
    """A single line as (chunk, font name) pieces in drawing order, for canvas strings.

    Canvas strings (footers, chart labels) have one font each, so a line with
    Arabic-script letters is drawn as several strings, each in a face that has
    its glyphs.
    """
    line = plain(text)
    latin, arabic = (BOLD, ARABIC_BOLD) if bold else (REGULAR, ARABIC)
    if line.isascii() or not _ARABIC_RE.search(line):
        return [(line, latin)]
    return [(chunk, arabic if ar else latin) for ar, chunk in _chunks(line, _is_arabic_or_space)]


def width_of(text: str, size: float, *, bold: bool = False) -> float:
    """Printed width of a single line (see ``segments``)."""
    return sum(float(stringWidth(c, f, size)) for c, f in segments(text, bold=bold))


def shorten(text: str, width: float, size: float, *, bold: bool = False) -> str:
    """``text`` cut at the end, with an ellipsis, until it fits ``width``."""
    text = clean(text).replace("\n", " ")
    if width_of(text, size, bold=bold) <= width:
        return text
    while text and width_of(text + "…", size, bold=bold) > width:
        text = text[: max(0, min(len(text) - 1, int(len(text) * 0.9)))]
    return text + "…"


def rtl_lines(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Break a right-to-left paragraph into lines in reading order, then make each visual.

    Wrapping after reordering would put the end of the text on the first line;
    breaking first (by ``measure``, the printed width of a logical string) and
    reordering each line keeps the reading order top to bottom.
    """
    lines: list[str] = []
    for para in clean(text).split("\n"):
        current = ""
        for word in para.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and measure(_RESHAPER.reshape(candidate)) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return [visual(line) for line in lines]


def rtl_first(text: str) -> bool:
    """Whether the first strong letter of ``text`` is right-to-left (an RTL paragraph)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def markup_wrapped(text: str, width: float, size: float, *, bold: bool = False) -> str:
    """Markup for a right-to-left paragraph, pre-broken into lines of at most ``width``."""
    latin, arabic = (BOLD, ARABIC_BOLD) if bold else (REGULAR, ARABIC)

    def measure(line: str) -> float:
        return sum(
            float(stringWidth(chunk, arabic if is_ar else latin, size))
            for is_ar, chunk in _chunks(line, _is_arabic_or_space)
        )

    return "<br/>".join(_runs(line, bold=bold) for line in rtl_lines(text, width, measure))
