"""HTML reports: the layout ``Document`` as an accessible page, a fragment, or SVG charts alone.

Standard library only (``html.escape``), so ``import behaviours.html`` costs
nothing beyond the document model; the tagged PDF made from this HTML
(``behaviours.html.tagged``) needs the optional ``tagged-pdf`` extra.
"""
