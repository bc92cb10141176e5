"""Text into HTML: typed text always arrives as text, never as markup.

``escape`` is the one way a string enters the page. It normalises to NFC (as
the PDF does), replaces what HTML cannot carry (control characters, lone
surrogates, noncharacters) with U+FFFD so that nothing is silently dropped,
and escapes ``& < > " '``, so it is safe in element content and in quoted
attribute values alike.
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["escape"]

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; lone
# surrogates; the noncharacters U+FDD0-U+FDEF and U+xFFFE/U+xFFFF of every plane.
_NOT_IN_HTML = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(17))
    + "]"
)


def escape(text: str) -> str:
    """``text`` as HTML text: normalised, carriable, and with every markup character escaped."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", _NOT_IN_HTML.sub("\ufffd", text))
    elif not text.isprintable():
        text = _NOT_IN_HTML.sub("\ufffd", text)
    return html.escape(text, quote=True)
