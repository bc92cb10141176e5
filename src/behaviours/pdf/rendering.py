"""The reportlab backend: a ``Document`` in, PDF bytes out, the same bytes every time.

Determinism: reportlab's invariant mode fixes the file id and object order, and
the creation and modification dates are set to the document's date (the
assessment date), so the same result gives a byte-identical PDF that a batch
can diff and cache. "Page x of y" needs the page count before the footers are
drawn; ``_Canvas`` keeps each finished page's state and draws every footer at
save time, so the story is laid out once, not twice.
"""

from __future__ import annotations

import calendar
import dataclasses
import io
import time
from collections.abc import Callable
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    NextPageTemplate,
    PageTemplate,
    TableStyle,
)
from reportlab.platypus import KeepTogether as RLKeepTogether
from reportlab.platypus import Spacer as RLSpacer
from reportlab.platypus import Table as RLTable
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.tables import CellStyle

from behaviours.errors import ReportError, without_addresses
from behaviours.pdf import charts
from behaviours.pdf.flowables import Chart, Frame, WriteBox
from behaviours.pdf.flowables import Paragraph as RLParagraph
from behaviours.pdf.sketch import Sketch
from behaviours.pdf.styles import (
    BOLD,
    HEADING,
    INK,
    MUTED,
    REGULAR,
    RULE,
    TINT,
    TINT_BLUE,
    WHITE,
    colour,
    fonts,
    paragraph_styles,
)
from behaviours.pdf.text import clean, markup, markup_wrapped, rtl_first, segments, shorten
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

__all__ = ["FRAME_WIDTH", "render_document"]

_STRING_CHARS = frozenset(
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,:;()%+-/–−"
)


def _fits_as_string(text: str, width: float, font: str, size: float) -> bool:
    """Whether a cell can be drawn as a plain string: one short line of safe characters."""
    return (
        len(text) <= 24
        and all(c in _STRING_CHARS for c in text)
        and stringWidth(text, font, size) <= width
    )


PAGE_W, PAGE_H = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 20 * mm, 20 * mm, 22 * mm
FRAME_WIDTH = PAGE_W - 2 * MARGIN_X
FRAME_HEIGHT = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
_CELL_PAD = 5.0
_KEEP_ROWS = 12
# Ranked bars per chart: 25 rows of 21 pt and the axis fit well inside a page's frame.
BARS_PER_CHART = 25


class _Canvas(Canvas):  # type: ignore[misc]
    """A canvas that draws "Page x of y" and the footer once the page count is known."""

    footer = ""
    date: tuple[int, int, int] = (2000, 1, 1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved: list[dict[str, Any]] = []
        stamp = self._doc._timeStamp
        epoch = calendar.timegm((*self.date, 0, 0, 0, 0, 0, 0))
        stamp.t, stamp.lt = epoch, time.gmtime(epoch)
        stamp.YMDhms = tuple(stamp.lt)[:6]

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        pieces = segments(shorten(self.footer, FRAME_WIDTH - 80, 8))  # the same on every page
        for number, state in enumerate(self._saved, start=1):
            self.__dict__.update(state)
            self._draw_footer(pieces, number, total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _draw_footer(self, pieces: list[tuple[str, str]], number: int, total: int) -> None:
        y = MARGIN_BOTTOM - 10 * mm
        self.setStrokeColor(colour(RULE))
        self.setLineWidth(0.5)
        self.line(MARGIN_X, y + 10, PAGE_W - MARGIN_X, y + 10)
        self.setFillColor(colour(MUTED))
        x = MARGIN_X
        for chunk, font in pieces:
            self.setFont(font, 8)
            self.drawString(x, y, chunk)
            x += stringWidth(chunk, font, 8)
        self.setFont(REGULAR, 8)
        self.drawRightString(PAGE_W - MARGIN_X, y, f"Page {number} of {total}")


def _cover_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
    canvas.saveState()
    canvas.setFillColor(colour(HEADING))
    canvas.rect(0, PAGE_H - 18 * mm, PAGE_W, 18 * mm, stroke=0, fill=1)
    canvas.setFillColor(colour(TINT_BLUE))
    canvas.rect(0, PAGE_H - 21 * mm, PAGE_W, 3 * mm, stroke=0, fill=1)
    canvas.restoreState()


def _templates() -> list[PageTemplate]:
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        FRAME_WIDTH,
        PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    cover = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        FRAME_WIDTH,
        PAGE_H - 45 * mm - MARGIN_BOTTOM,
        id="cover",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    return [
        PageTemplate(id="cover", frames=[cover], onPage=_cover_page, autoNextPageTemplate="body"),
        PageTemplate(id="body", frames=[frame]),
    ]


def _paragraph(text: str, style: str, width: float = FRAME_WIDTH, *, bold: bool = False) -> Any:
    styles = paragraph_styles()
    st = styles[style]
    if rtl_first(text):
        pad = 2 * _CELL_PAD if style.startswith("cell") else 0
        body = markup_wrapped(text, width - pad - 2, st.fontSize, bold=bold)
        return RLParagraph(body, styles.get(f"{style}-rtl", st))
    return RLParagraph(markup(text, bold=bold), st)


def _runs(block: Paragraph) -> Any:
    if block.style == "bullet":
        body = "".join(
            f"<b>{markup(r.text, bold=True)}</b>" if r.bold else markup(r.text) for r in block.runs
        )
        return RLParagraph(body, paragraph_styles()["bullet"], bulletText="•")
    if len(block.runs) == 1 and not block.runs[0].bold:
        return _paragraph(block.runs[0].text, block.style)
    body = "".join(
        f"<b>{markup(r.text, bold=True)}</b>" if r.bold else markup(r.text) for r in block.runs
    )
    return RLParagraph(body, paragraph_styles()[block.style])


def _cell_style(font: str, size: float, leading: float, ink: str, align: str) -> CellStyle:
    """The style of a table's cells in one column: header, or every body row.

    Given to the table whole rather than as FONT, TEXTCOLOR, ALIGN, VALIGN and
    padding commands, which reportlab applies cell by cell, one command at a
    time. Body rows share their column's style: reportlab changes a cell's
    style in place only for middle-aligned cells and spans, which we never use.
    """
    style = CellStyle(align)
    style.fontname, style.fontsize, style.leading = font, size, leading
    style.color, style.alignment, style.valign = colour(ink), align, "TOP"
    style.leftPadding = style.rightPadding = _CELL_PAD
    style.topPadding, style.bottomPadding = 3.5, 4.5
    return style


def _table(block: Table, width: float = FRAME_WIDTH) -> list[Flowable]:
    total = sum(block.widths)
    widths = [width * w / total for w in block.widths]

    def cell(text: str, col: int, head: bool) -> Any:
        size = 7.5 if head and block.compact_header else 9.0
        if _fits_as_string(text, widths[col] - 2 * _CELL_PAD, BOLD if head else REGULAR, size):
            return text  # drawn directly: a Paragraph per number would double the cost
        name = ("cell-head-small" if block.compact_header else "cell-head") if head else "cell"
        if block.align[col] != "left":
            name += "-" + block.align[col]
        return _paragraph(text, name, widths[col], bold=head)

    data = [[cell(t, i, True) for i, t in enumerate(block.header)]]
    data += [[cell(t, i, False) for i, t in enumerate(row)] for row in block.rows]
    head_size = 7.5 if block.compact_header else 9.0
    head = [_cell_style(BOLD, head_size, head_size * 1.27, WHITE, a.upper()) for a in block.align]
    body = [_cell_style(REGULAR, 9, 12, INK, a.upper()) for a in block.align]
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), colour(HEADING)),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, colour(RULE)),
    ]
    commands += [("BACKGROUND", (0, r), (-1, r), colour(TINT)) for r in range(2, len(data), 2)]
    for r in block.highlight:
        commands.append(("LINEABOVE", (0, r + 1), (-1, r + 1), 0.9, colour(INK)))
    commands += _shading(block.shades)
    table = RLTable(
        data,
        colWidths=widths,
        repeatRows=1,
        splitInRow=1,
        hAlign="LEFT",
        spaceAfter=8,
        cellStyles=[head, *(list(body) for _ in block.rows)],
    )
    table.setStyle(TableStyle(commands))
    out: list[Flowable] = []
    if block.caption:
        out.append(_paragraph(block.caption, "caption"))
    out.append(table)
    if len(block.rows) <= _KEEP_ROWS:
        # A short table moves to the next page whole rather than leave two rows behind.
        return [RLKeepTogether(out)]
    return out


def _shading(shades: tuple[tuple[float | None, ...], ...]) -> list[tuple[Any, ...]]:
    """A heatmap's cell backgrounds, the tints of ``palette.heat_tint`` (as in the HTML)."""
    return [
        ("BACKGROUND", (c, r), (c, r), colour(heat_tint(shade)))
        for r, row in enumerate(shades, start=1)
        for c, shade in enumerate(row)
        if shade is not None
    ]


def _callout(block: Callout) -> Flowable:
    inner = [_paragraph(block.title, "callout-title", FRAME_WIDTH - 24, bold=True)]
    inner += [
        _paragraph("".join(r.text for r in p.runs), p.style, FRAME_WIDTH - 24)
        for p in block.paragraphs
    ]
    table = RLTable([[inner]], colWidths=[FRAME_WIDTH], hAlign="LEFT", splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 10),  # no Helvetica default
                ("BACKGROUND", (0, 0), (-1, -1), colour(TINT_BLUE)),
                ("LINEBEFORE", (0, 0), (0, -1), 3, colour(HEADING)),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, -1), 9),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    table.spaceAfter = 10
    return RLKeepTogether([table])


def _form_field(block: FormField) -> Flowable:
    parts: list[Flowable] = [_paragraph(block.label, "h3", bold=True)]
    if block.hint:
        parts.append(_paragraph(block.hint, "small"))
    parts.append(_spaced(WriteBox(block.lines), 10))
    return RLKeepTogether(parts)


def _spaced(flowable: Flowable | Sketch, after: float) -> Flowable:
    """Space after a flowable as ``spaceAfter``, so it vanishes at a page foot."""
    if isinstance(flowable, Sketch):
        return Chart(flowable, after)
    flowable.spaceAfter = after
    return flowable


def _bars(block: RankedBars) -> list[RankedBars]:
    """The bars in parts of at most ``BARS_PER_CHART``, each with its own axis.

    A chart is drawn whole and cannot split across pages, so a framework with
    many behaviours (the validator allows 60) would otherwise be taller than a page.
    """
    size = BARS_PER_CHART
    return [
        dataclasses.replace(
            block,
            labels=block.labels[i : i + size],
            values=block.values[i : i + size],
            value_labels=block.value_labels[i : i + size],
        )
        for i in range(0, max(len(block.labels), 1), size)
    ]


def _heading(block: Heading) -> list[Flowable]:
    # Ask for room first so a section title never sits alone at a page foot.
    room: list[Flowable] = [] if block.level == 3 else [CondPageBreak(110)]
    return [*room, _paragraph(block.text, f"h{block.level}", bold=True)]


_CONVERTERS: dict[type, Callable[[Any], list[Flowable]]] = {
    Heading: _heading,
    Paragraph: lambda b: [_runs(b)],
    Table: _table,
    RadarChart: lambda b: [
        _spaced(charts.radar(b, FRAME_WIDTH, 265 if len(b.labels) <= 8 else 330), 6),
    ],
    RankedBars: lambda b: [_spaced(charts.ranked_bars(part, FRAME_WIDTH), 8) for part in _bars(b)],
    DotPlot: lambda b: [_spaced(charts.dot_plot(b, FRAME_WIDTH), 8)],
    Callout: lambda b: [_callout(b)],
    FormField: lambda b: [_form_field(b)],
    Spacer: lambda b: [RLSpacer(1, b.height)],
    # A break that does nothing at the top of a page: a page the flow filled to the
    # last point would otherwise be followed by a blank one.
    PageBreak: lambda b: [NextPageTemplate(b.template), CondPageBreak(FRAME_HEIGHT - 24)],
    KeepTogether: lambda b: [RLKeepTogether([f for x in b.blocks for f in _unnested(x)])],
}


def _unnested(block: Block) -> list[Flowable]:
    """Flowables of a block inside a KeepTogether, without KeepTogethers of their own.

    reportlab's KeepTogether reports an infinite height to force a split, so one
    nested in another always pushes the outer group to a new page.
    """
    out: list[Flowable] = []
    for f in _flowables(block):
        out.extend(f._content if isinstance(f, RLKeepTogether) else [f])
    return out


def _flowables(block: Block) -> list[Flowable]:
    return _CONVERTERS[type(block)](block)


def render_document(document: Document) -> bytes:
    """The PDF of ``document``: byte-identical for the same document."""
    fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=clean(document.title),
        author=clean(document.author),
        subject=clean(document.subject),
        keywords=list(document.keywords),
        creator="behaviours",
        lang=document.language,
        invariant=1,
        initialFontName=REGULAR,
        displayDocTitle=1,
        pageTemplates=_templates(),
    )
    story = [f for block in document.blocks for f in _flowables(block)]
    canvas_class = type(
        "_ReportCanvas", (_Canvas,), {"footer": document.footer, "date": document.date}
    )
    try:
        doc.build(story, canvasmaker=canvas_class)
    except LayoutError as exc:
        raise ReportError(
            "the report cannot be laid out: a part of it is larger than a page "
            f"({without_addresses(str(exc))}); please report this as a bug"
        ) from None
    return buffer.getvalue()
