"""The HTML backend: a ``Document`` in, an accessible, self-contained HTML report out.

The same ``Document`` the PDF backend draws, so the report's logic exists
once; this module only chooses elements. The structure a screen reader needs
comes from the document's own semantics: its one ``title`` paragraph is the
page's ``h1`` and its headings follow at ``h2`` to ``h4``; each page break
and each section heading starts a ``section`` named by that heading; a table's header row is
``th scope="col"`` and, when the first column names the row, each row starts
with ``th scope="row"``; consecutive bullets are one list; every chart is an
inline SVG whose title says every value it marks (next to a table of the same
numbers, as in the PDF); a cell with no figure says so in words.

Output is deterministic (the same document gives the same bytes) and needs
no network: styles are inline, charts are inline SVG, fonts optional.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from behaviours.html.charts import chart_svg
from behaviours.html.styles import STYLESHEET
from behaviours.html.text import escape
from behaviours.reports.document import (
    Block,
    Callout,
    Document,
    DotPlot,
    FormField,
    Heading,
    KeepTogether,
    PageBreak,
    Paragraph,
    RadarChart,
    RankedBars,
    Spacer,
    Table,
)
from behaviours.reports.palette import heat_tint

__all__ = ["html_fragment", "render_html"]

# What a cell of a single dash means: there is no figure (no score, nothing to compare).
NO_FIGURE = "–"
_CHART_KINDS = {RadarChart: "radar", RankedBars: "bars", DotPlot: "dots"}


@dataclasses.dataclass
class _Page:
    """One rendering's state: unique ids, and the heading level of the report's title."""

    prefix: str
    top: int
    count: int = 0

    def new_id(self, what: str) -> str:
        self.count += 1
        return f"{self.prefix}-{what}-{self.count}"


def _dir(text: str) -> str:
    """``dir="auto"`` for text that may run right to left, so its own first letter decides."""
    return "" if text.isascii() else ' dir="auto"'


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n"))


def _paragraph(block: Paragraph, page: _Page) -> str:
    body = "".join(
        f"<strong>{escape(r.text)}</strong>" if r.bold else escape(r.text) for r in block.runs
    )
    text = "".join(r.text for r in block.runs)
    if block.style == "title":
        return f'<h{page.top} class="bh-title"{_dir(text)}>{body}</h{page.top}>'
    return f'<p class="bh-{block.style}"{_dir(text)}>{body}</p>'


def _heading(block: Heading, page: _Page) -> str:
    level = page.top + block.level
    return f'<h{level} id="{page.new_id("h")}"{_dir(block.text)}>{escape(block.text)}</h{level}>'


def _cell(text: str, tag: str, align: str, scope: str = "", shade: float | None = None) -> str:
    classes = [f"bh-{align}"] if align != "left" else []
    tint = ""
    if shade is not None:  # a heatmap cell: the tint repeats the figure the cell prints
        classes.append("bh-heat")
        tint = f' style="background: {heat_tint(shade)}"'

    if text == NO_FIGURE:
        classes.append("bh-none")
        body = '<span aria-hidden="true">–</span><span class="bh-sr-only">no figure</span>'
    else:
        body = _lines(text)
    names = f' class="{" ".join(classes)}"' if classes else ""
    return f"<{tag}{scope}{names}{tint}{_dir(text)}>{body}</{tag}>"


def _table(block: Table, page: _Page) -> str:
    head = "".join(
        _cell(t, "th", a, ' scope="col"') for t, a in zip(block.header, block.align, strict=True)
    )
    rows = []
    ruled = set(block.highlight)
    for i, row in enumerate(block.rows):
        shades = block.shades[i] if block.shades else (None,) * len(row)
        cells = [
            _cell(t, "th", a, ' scope="row"', s)
            if j == 0 and block.row_header
            else _cell(t, "td", a, "", s)
            for j, (t, a, s) in enumerate(zip(row, block.align, shades, strict=True))
        ]
        tr = '<tr class="bh-ruled">' if i in ruled else "<tr>"
        rows.append(f"{tr}{''.join(cells)}</tr>")
    table_id = page.new_id("t")
    if block.caption:
        name = f'aria-labelledby="{table_id}-c"'
        caption = f'<caption id="{table_id}-c">{escape(block.caption)}</caption>'
    else:
        name = f'aria-label="Table: {escape(", ".join(h for h in block.header if h))}"'
        caption = ""
    compact = " bh-compact" if block.compact_header else ""
    return (
        f'<div class="bh-table-wrap" role="region" {name} tabindex="0">'
        f'<table class="bh-table{compact}" id="{table_id}">{caption}{_columns(block)}'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _columns(block: Table) -> str:
    """The columns' relative widths, as in the PDF, so a long label does not squeeze the figures."""
    total = sum(block.widths) or 1.0
    cols = "".join(f'<col style="width: {100 * w / total:.1f}%">' for w in block.widths)
    return f"<colgroup>{cols}</colgroup>"


def _chart(block: RadarChart | RankedBars | DotPlot, page: _Page) -> str:
    kind = _CHART_KINDS[type(block)]
    svg = chart_svg(block, page.new_id("c"))
    return f'<figure class="bh-chart bh-chart-{kind}">{svg}</figure>'


def _callout(block: Callout, page: _Page) -> str:
    inner = "".join(_paragraph(p, page) for p in block.paragraphs)
    title = f'<p class="bh-callout-title"{_dir(block.title)}>{escape(block.title)}</p>'
    return f'<div class="bh-callout" role="note">{title}{inner}</div>'


def _field(block: FormField, _page: _Page) -> str:
    hint = f'<p class="bh-small">{escape(block.hint)}</p>' if block.hint else ""
    return (
        f'<div class="bh-field"><p class="bh-field-label">{escape(block.label)}</p>{hint}'
        f'<div class="bh-field-box" style="height: {2 * block.lines}rem"></div></div>'
    )


def _keep(block: KeepTogether, page: _Page) -> str:
    return f'<div class="bh-keep">{_blocks(block.blocks, page)}</div>'


_ELEMENTS: dict[type, Callable[[Any, _Page], str]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    Table: _table,
    RadarChart: _chart,
    RankedBars: _chart,
    DotPlot: _chart,
    Callout: _callout,
    FormField: _field,
    KeepTogether: _keep,
    Spacer: lambda _b, _p: "",
    PageBreak: lambda _b, _p: "",
}


def _blocks(blocks: tuple[Block, ...] | list[Block], page: _Page) -> str:
    """The blocks as elements, consecutive bullets gathered into one list."""
    out: list[str] = []
    bullets: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph) and block.style == "bullet":
            bullets.append(_li(block))
            continue
        if bullets:
            out.append(f'<ul class="bh-list">{"".join(bullets)}</ul>')
            bullets = []
        out.append(_ELEMENTS[type(block)](block, page))
    if bullets:
        out.append(f'<ul class="bh-list">{"".join(bullets)}</ul>')
    return "".join(out)


def _li(block: Paragraph) -> str:
    text = "".join(r.text for r in block.runs)
    body = "".join(
        f"<strong>{escape(r.text)}</strong>" if r.bold else escape(r.text) for r in block.runs
    )
    return f"<li{_dir(text)}>{body}</li>"


def _parts(document: Document) -> list[tuple[bool, list[Block]]]:
    """The report's parts, each with whether it starts a page (as in the PDF).

    A part starts at each page break and at each section heading (level 1), so
    every ``section`` is named by the heading it starts with: one behaviour's
    section, not the run of behaviours that follows a page break.
    """
    parts: list[tuple[bool, list[Block]]] = [(False, [])]
    new_page = False
    for block in document.blocks:
        if isinstance(block, PageBreak):
            new_page = True
            continue
        heading = _leading(block)
        if parts[-1][1] and (new_page or (isinstance(heading, Heading) and heading.level == 1)):
            parts.append((new_page, []))
        elif new_page:  # a break before anything: the part so far (empty) starts a page
            parts[-1] = (True, parts[-1][1])
        new_page = False
        parts[-1][1].append(block)
    return [p for p in parts if p[1]]


def _leading(block: Block) -> Block:
    """The block a reader meets first: a group's first block (a heading kept with its text)."""
    while isinstance(block, KeepTogether) and block.blocks:
        block = block.blocks[0]
    return block


def _has_title(document: Document) -> bool:
    return any(isinstance(b, Paragraph) and b.style == "title" for b in document.blocks)


def _body(document: Document, page: _Page) -> str:
    out = []
    if not _has_title(document):
        out.append(f'<h{page.top} class="bh-title">{escape(document.title)}</h{page.top}>')
    for i, (new_page, blocks) in enumerate(_parts(document)):
        before = page.count
        inner = _blocks(blocks, page)
        first = f"{page.prefix}-h-{before + 1}" if isinstance(_leading(blocks[0]), Heading) else ""
        named = f' aria-labelledby="{first}"' if first else ""
        kind = " bh-cover" if i == 0 else (" bh-page" if new_page else "")
        out.append(f'<section class="bh-section{kind}"{named}>{inner}</section>')
    return "".join(out)


def _footer(document: Document) -> str:
    text = document.footer
    return f'<footer class="bh-footer"><p{_dir(text)}>{escape(text)}</p></footer>'


def html_fragment(document: Document, *, id_prefix: str = "bh", title_level: int = 1) -> str:
    """The report as an ``article`` to place in a page of one's own (no ``html`` or ``head``).

    ``id_prefix`` keeps ids apart when a page holds several reports;
    ``title_level`` is the heading level of the subject's name (2 under a page's
    own ``h1``), and the report's headings follow below it. Style it with
    ``behaviours.html.STYLESHEET`` or with rules for the classes docs/reports.md lists.
    """
    if not 1 <= title_level <= 3:
        raise ValueError("title_level must be 1, 2 or 3 (the report's headings go 3 levels below)")
    page = _Page(escape(id_prefix), title_level)
    lang = escape(document.language)
    return (
        f'<article class="bh-report" lang="{lang}">{_body(document, page)}'
        f"{_footer(document)}</article>"
    )


def _meta(document: Document) -> str:
    y, m, d = document.date
    pairs = [
        ("author", document.author),
        ("description", document.subject),
        ("keywords", ", ".join(document.keywords)),
        ("generator", "behaviours"),
        ("dcterms.created", f"{y:04d}-{m:02d}-{d:02d}"),
    ]
    return "".join(f'<meta name="{n}" content="{escape(v)}">' for n, v in pairs if v)


def render_html(document: Document) -> bytes:
    """The whole report as one self-contained HTML page, UTF-8; the same bytes every time."""
    page = _Page("bh", 1)
    lang = escape(document.language)
    html = (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(document.title)}</title>\n{_meta(document)}\n"
        f"<style>{STYLESHEET}</style>\n</head>\n<body>\n"
        f'<div class="bh-report"><main>{_body(document, page)}</main>{_footer(document)}</div>\n'
        "</body>\n</html>\n"
    )
    return html.encode("utf-8")
