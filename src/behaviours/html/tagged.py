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

import hashlib
from importlib import resources

from behaviours.errors import ReportError
from behaviours.html.rendering import render_html
from behaviours.reports.document import Document

__all__ = ["render_tagged_pdf", "tagged_pdf_available"]

_FACES = (
    ("DejaVu Sans", "normal", "DejaVuSans.ttf"),
    ("DejaVu Sans", "bold", "DejaVuSans-Bold.ttf"),
    ("Noto Sans Arabic", "normal", "NotoSansArabic-Regular.ttf"),
    ("Noto Sans Arabic", "bold", "NotoSansArabic-Bold.ttf"),
)
# Print type sizes of the PDF; the fallback family carries Arabic-script letters.
_PRINT = """
.bh-report { font-family: "DejaVu Sans", "Noto Sans Arabic", sans-serif; }
.bh-svg { max-width: 100%; }
"""


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


def render_tagged_pdf(document: Document) -> bytes:
    """The tagged PDF (PDF/UA-1 intent) of ``document``; the same bytes for the same document.

    Raises ``ReportError`` when WeasyPrint is not installed.
    """
    try:
        import weasyprint  # noqa: PLC0415 - the optional extra, only when asked for
    except (ImportError, OSError) as exc:
        raise ReportError(
            "the tagged PDF needs WeasyPrint: pip install 'behaviours[tagged-pdf]' "
            f"({type(exc).__name__}: {exc})"
        ) from None
    page = render_html(document)
    sheet = weasyprint.CSS(string=_font_faces() + _PRINT)
    pdf = weasyprint.HTML(string=page.decode("utf-8")).write_pdf(
        stylesheets=[sheet],
        pdf_variant="pdf/ua-1",
        pdf_identifier=hashlib.sha256(page).hexdigest()[:32].encode("ascii"),
        custom_metadata=True,
    )
    if pdf is None:  # pragma: no cover - write_pdf returns bytes when given no target
        raise ReportError("WeasyPrint wrote no PDF")
    return bytes(pdf)
