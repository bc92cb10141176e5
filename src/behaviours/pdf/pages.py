"""How many pages a PDF has, read the way a PDF reader would: trailer, root, page tree."""

from __future__ import annotations

import re

from behaviours.errors import ReportError

__all__ = ["page_count"]


def page_count(pdf: bytes) -> int:
    """Pages of a PDF written by this backend, from the page tree its cross-reference table names.

    Reading the ``/Count`` of the root ``/Pages`` object through the trailer
    (rather than searching the file for ``/Type /Page`` or ``/Count``) cannot be
    fooled by text a person typed into an uncompressed page.

    Raises ``ReportError`` for bytes that are not such a PDF.
    """
    try:
        return _count(pdf)
    except (ValueError, IndexError) as exc:
        raise ReportError(f"not a PDF written by behaviours: {exc}") from None


def _count(pdf: bytes) -> int:
    start = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", pdf[-1024:])
    if start is None:
        raise ValueError("not a PDF with a cross-reference table")
    xref = int(start.group(1))
    trailer = pdf.index(b"trailer", xref)
    root = re.search(rb"/Root (\d+) 0 R", pdf[trailer : trailer + 512])
    if root is None:
        raise ValueError("PDF trailer has no /Root")

    def body(number: int) -> bytes:
        entries = pdf[xref:trailer]
        first = re.search(rb"xref\s+(\d+) \d+\s", entries)
        if first is None:
            raise ValueError("unreadable cross-reference table")
        row = number - int(first.group(1))
        offset = int(entries[first.end() + 20 * row : first.end() + 20 * row + 10])
        return pdf[offset : pdf.index(b"endobj", offset)]

    pages = re.search(rb"/Pages (\d+) 0 R", body(int(root.group(1))))
    count = re.search(rb"/Count (\d+)", body(int(pages.group(1)))) if pages else None
    if count is None:
        raise ValueError("PDF has no page tree")
    return int(count.group(1))
