"""The tagged PDF: the HTML report printed by WeasyPrint as PDF/UA-1, for screen readers.

reportlab's open-source build cannot tag a PDF, so the fast default PDF has
no structure tree; this one is made from the HTML report (the same
``Document``, so the same words and numbers) by WeasyPrint's ``pdf/ua-1``
variant, which writes the structure tree from the HTML elements (headings,
paragraphs, lists, tables with their header cells, figures), marks every piece
of page content, sets the language and shows the title in the window. It is
an optional extra (``pip install 'behaviours[tagged-pdf]'``): WeasyPrint is a
larger dependency than the library, and slower than reportlab.

The fonts are the ones the reportlab PDF embeds (shipped with the library), so
the page looks the same on every machine; the file identifier is derived from
the HTML, so the same document gives the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Iterator
from importlib import resources

from behaviours.errors import ReportError
from behaviours.html.rendering import render_html
from behaviours.reports.document import Document

__all__ = ["render_tagged_pdf", "tagged_pdf", "tagged_pdf_available"]

_FACES = (
    ("DejaVu Sans", "normal", "DejaVuSans.ttf"),
    ("DejaVu Sans", "bold", "DejaVuSans-Bold.ttf"),
    ("Noto Sans Arabic", "normal", "NotoSansArabic-Regular.ttf"),
    ("Noto Sans Arabic", "bold", "NotoSansArabic-Bold.ttf"),
)
# Only the shipped faces: the second carries the Arabic-script letters DejaVu lacks. No
# ligatures: a glyph for "ffi" maps to three letters, which some text extractors misread.
_PRINT = """
.bh-report { font-family: "DejaVu Sans", "Noto Sans Arabic"; font-variant-ligatures: none; }
"""


# What WeasyPrint says of the rules of our stylesheet that only a browser uses (media
# queries on width, @supports, scrolling): known, and not a problem with the PDF.
_BROWSER_ONLY = ("Ignored `", "Expected a media type", "Invalid media type", "Unknown rule")


def _browser_only(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(_BROWSER_ONLY)


@contextlib.contextmanager
def _quiet_about_browser_rules() -> Iterator[None]:
    """Drop WeasyPrint's notes on browser-only CSS while it reads our page; keep the rest."""
    logger = logging.getLogger("weasyprint")
    logger.addFilter(_browser_only)
    try:
        yield
    finally:
        logger.removeFilter(_browser_only)


def tagged_pdf_available() -> bool:
    """Whether WeasyPrint (the ``tagged-pdf`` extra) can be imported here."""
    try:
        import weasyprint  # noqa: F401, PLC0415 - the optional extra, only when asked for
    except (ImportError, OSError):  # OSError: WeasyPrint present, its Pango library missing
        return False
    return True


def _font_faces() -> str:
    """``@font-face`` rules for the fonts shipped with the library (in ``behaviours/pdf/fonts``)."""
    folder = resources.files("behaviours") / "pdf" / "fonts"
    rules = []
    for family, weight, file in _FACES:
        with resources.as_file(folder / file) as path:
            url = path.resolve().as_uri()
        rules.append(
            f'@font-face {{ font-family: "{family}"; font-weight: {weight}; src: url("{url}"); }}'
        )
    return "\n".join(rules)


def tagged_pdf(document: Document) -> tuple[bytes, int]:
    """The tagged PDF (PDF/UA-1 intent) of ``document`` and its page count.

    The same document gives the same bytes. Raises ``ReportError`` when
    WeasyPrint is not installed.
    """
    try:
        import weasyprint  # noqa: PLC0415 - the optional extra, only when asked for
    except (ImportError, OSError) as exc:
        raise ReportError(
            "the tagged PDF needs WeasyPrint: pip install 'behaviours[tagged-pdf]' "
            f"({type(exc).__name__}: {exc})"
        ) from None
    page = render_html(document)
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415 - as above

    fonts = FontConfiguration()  # without it WeasyPrint ignores @font-face
    with _quiet_about_browser_rules():
        sheet = weasyprint.CSS(string=_font_faces() + _PRINT, font_config=fonts)
        laid_out = weasyprint.HTML(string=page.decode("utf-8")).render(
            stylesheets=[sheet], font_config=fonts
        )
    pdf = laid_out.write_pdf(
        pdf_variant="pdf/ua-1",
        pdf_identifier=hashlib.sha256(page).hexdigest()[:32].encode("ascii"),
        custom_metadata=True,
    )
    return bytes(pdf), len(laid_out.pages)


def render_tagged_pdf(document: Document) -> bytes:
    """The tagged PDF (PDF/UA-1 intent) of ``document``; see ``tagged_pdf``."""
    return tagged_pdf(document)[0]
