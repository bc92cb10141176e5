"""A report as plain data: what it says and in what order, with no reportlab in sight.

The views (``individual``, ``team``, ``feedback``) build a ``Document`` from a
scoring result; the backend (``pdf``) turns it into PDF bytes. Keeping the two
apart means the layout can be tested by reading the document (headings, table
cells, chart values) without parsing a PDF, and a second backend (HTML, DOCX)
would not touch the views.

Every string here is plain text exactly as it should read: never markup. The
backend escapes all of it, so a name like ``<b>&"'`` prints as typed whether it
came from a person or from us. The blocks are frozen dataclasses rather than
pydantic models because a batch builds thousands of them per second and they
are never read from outside.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "TEXT_WIDTH",
    "Align",
    "Block",
    "Callout",
    "ChartScale",
    "Document",
    "DotPlot",
    "FormField",
    "Heading",
    "KeepTogether",
    "Marker",
    "PageBreak",
    "Paragraph",
    "RadarChart",
    "RankedBars",
    "Run",
    "Series",
    "Spacer",
    "Table",
    "aligned",
]

Align = Literal["left", "right", "center"]


# The width, in points, that the text of a page is laid out to: A4 less 20 mm margins each
# side, written the way reportlab defines A4 and mm so the number is exactly the PDF
# backend's frame (a test checks it). Layout that sizes columns by their labels needs it.
_MM = 72.0 / 2.54 * 0.1
TEXT_WIDTH = 210 * _MM - 2 * (20 * _MM)


def aligned(align: Align, n: int) -> tuple[Align, ...]:
    """``n`` columns with the same alignment, for a table's ``align``."""
    return (align,) * n


Marker = Literal["circle", "square", "diamond", "triangle"]
ParagraphStyleName = Literal["body", "lead", "small", "note", "quote", "title", "kicker", "bullet"]


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text in one weight; a paragraph is a sequence of runs."""

    text: str
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading; level 1 starts a section, 2 and 3 divide it. Never left alone at a page foot."""

    text: str
    level: Literal[1, 2, 3] = 1


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Running text. ``quote`` is for what a person typed (comments): set apart, never bold."""

    runs: tuple[Run, ...]
    style: ParagraphStyleName = "body"

    @classmethod
    def of(cls, text: str, style: ParagraphStyleName = "body") -> Paragraph:
        """A paragraph of one plain run."""
        return cls((Run(text),), style)


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row repeated on every page it spans.

    ``widths`` are relative (they are scaled to the frame); ``align`` is per
    column; ``compact_header`` sets the header row in smaller type for many
    narrow columns (a line break in a header cell is kept). ``highlight`` lists
    body rows (0-based) to rule off, such as a total; it never carries meaning
    that the cells do not also say. ``row_header`` says the first cell of each
    row names the row (a behaviour, a rating, a rater group), so a screen reader
    announces it with every figure of the row (HTML ``th scope="row"``, a ``TH``
    in the tagged PDF); the header row always heads the columns. ``shades``
    makes the table a heatmap: per body row, per column, a strength from 0 to 1
    of one sequential tint (None: no tint); it too never says what the cell's
    text does not.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    align: tuple[Align, ...]
    highlight: tuple[int, ...] = ()
    caption: str | None = None
    compact_header: bool = False
    row_header: bool = True
    shades: tuple[tuple[float | None, ...], ...] = ()

    def __post_init__(self) -> None:
        n = len(self.header)
        if len(self.widths) != n or len(self.align) != n:
            raise ValueError("a table needs one width and one alignment per column")
        for row in self.rows:
            if len(row) != n:
                raise ValueError(f"table row has {len(row)} cells; the header has {n}")
        if self.shades and [len(r) for r in self.shades] != [n] * len(self.rows):
            raise ValueError("a heatmap needs one shade per cell of every body row")


@dataclass(frozen=True, slots=True)
class ChartScale:
    """The value axis of a chart: its range and the labelled points on it."""

    min: float
    max: float
    ticks: tuple[tuple[float, str], ...]


@dataclass(frozen=True, slots=True)
class Series:
    """One line of values in a chart, one value per label; ``None`` where there is no score.

    ``tone`` names a palette entry (``self``, ``others``, ``team``, ``previous``,
    ``group1`` to ``group4``) that the backend maps to a colour-blind-safe
    colour; ``marker`` names a shape so that series differ by more than colour.
    """

    name: str
    values: tuple[float | None, ...]
    tone: str
    marker: Marker = "circle"


@dataclass(frozen=True, slots=True)
class RadarChart:
    """All behaviours on one web; always printed next to a table of the same numbers."""

    labels: tuple[str, ...]
    series: tuple[Series, ...]
    scale: ChartScale


@dataclass(frozen=True, slots=True)
class RankedBars:
    """Horizontal bars, one per label, in the order given (the view ranks them).

    Each bar prints its value at its end, so the chart reads without colour.
    """

    labels: tuple[str, ...]
    values: tuple[float | None, ...]
    scale: ChartScale
    tone: str
    value_labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DotPlot:
    """Where each series sits on the scale for one behaviour, with optional intervals.

    ``intervals`` holds (low, high) per series or ``None``; each marker is also
    printed as a number in the legend line, so nothing relies on position alone.
    """

    series: tuple[Series, ...]
    scale: ChartScale
    intervals: tuple[tuple[float, float] | None, ...] = ()


@dataclass(frozen=True, slots=True)
class Callout:
    """A boxed note the reader should not miss, such as the confidentiality notice."""

    title: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class FormField:
    """A box to write in by hand, with a prompt above it."""

    label: str
    hint: str = ""
    lines: int = 4


@dataclass(frozen=True, slots=True)
class Spacer:
    """Vertical space in points."""

    height: float = 12.0


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Start a new page. ``template`` picks the page layout (``cover`` or ``body``)."""

    template: Literal["cover", "body"] = "body"


@dataclass(frozen=True, slots=True)
class KeepTogether:
    """Blocks that must share a page (moved to the next page whole when they do not fit)."""

    blocks: tuple[Block, ...]


Block = (
    Heading
    | Paragraph
    | Table
    | RadarChart
    | RankedBars
    | DotPlot
    | Callout
    | FormField
    | Spacer
    | PageBreak
    | KeepTogether
)


@dataclass(frozen=True, slots=True)
class Document:
    """A whole report: metadata for the PDF, the footer line and the blocks in order."""

    title: str
    author: str
    subject: str
    footer: str
    date: tuple[int, int, int]
    blocks: tuple[Block, ...]
    language: str = "en-GB"
    keywords: tuple[str, ...] = field(default_factory=tuple)

    def text(self) -> str:
        """Every heading and paragraph as plain text, for tests and search."""
        return "\n".join(_block_text(b) for b in self.blocks)

    def charts(self) -> list[RadarChart | RankedBars | DotPlot]:
        """The charts in reading order, for a backend that offers them alone."""
        return [b for b in _walk(self.blocks) if isinstance(b, RadarChart | RankedBars | DotPlot)]


def _walk(blocks: tuple[Block, ...]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, KeepTogether):
            out.extend(_walk(block.blocks))
        else:
            out.append(block)
    return out


def _block_text(block: Block) -> str:
    if isinstance(block, Heading | FormField):
        return block.text if isinstance(block, Heading) else block.label
    if isinstance(block, Paragraph):
        return "".join(r.text for r in block.runs)
    if isinstance(block, Table):
        return "\n".join([" | ".join(block.header), *(" | ".join(r) for r in block.rows)])
    if isinstance(block, Callout):
        return "\n".join([block.title, *(_block_text(p) for p in block.paragraphs)])
    if isinstance(block, KeepTogether):
        return "\n".join(_block_text(b) for b in block.blocks)
    return ""
