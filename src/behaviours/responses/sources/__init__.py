"""Survey tools' exports: which tool wrote a file, and what its header rows and columns mean.

Private to :mod:`behaviours.responses`. Each tool is one module of this package
defining ``TOOL``, a ``SurveyTool``: its own (system) columns, how many header
rows it writes and how they combine into one text per column, how it spells
"not able to say", the codes it can export instead of labels. The registry is
the package's modules, listed when first asked for, so adding a tool is adding
a file. A file's tool is the first whose signature its header shows (tools
with the longest signatures are tried first), or the one named (``tool=``,
``--source``); the project's own item-id layout is the fallback.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from behaviours.errors import Problem, ResponsesError
from behaviours.responses.grid import Framing, norm

__all__ = ["OWN", "SurveyTool", "check_header_rows", "frame_one_row", "framer", "tool", "tools"]

# The codes a tool may export for the k-th answer option (k from 1) instead of its label.
Codes = Callable[[int], tuple[str, ...]]


def frame_one_row(tool: SurveyTool, rows: list[list[str]], name: str) -> Framing:
    """One header row, whose tool's own columns are known by their headers."""
    header = rows[0]
    system = frozenset(c for c, h in enumerate(header) if norm(h) in tool.system)
    return Framing(header, 1, tool.name, system)


def check_header_rows(
    tool: SurveyTool, rows: list[list[str]], system: frozenset[int], name: str
) -> None:
    """Refuse a file whose header rows after the first hold answers under the tool's columns.

    That is what an export looks like after its second header row was deleted
    (in Excel, say): its first response would be read as a header row.
    """
    for n, row in enumerate(rows[1 : tool.header_rows], start=2):
        if any(c < len(row) and row[c].strip() for c in system):
            raise ResponsesError(
                Problem(
                    f"row {n} has answers under {tool.title}'s own columns: it is a response, "
                    f"not one of the {tool.header_rows} header rows {tool.title} writes",
                    name,
                    n,
                    expected=f"{tool.title}'s {tool.header_rows} header rows, as exported "
                    f"({tool.export})",
                ),
                title=f"{name}: not a {tool.title} export as downloaded; nothing was read",
            )


@dataclass(frozen=True)
class SurveyTool:
    """What one survey tool's export looks like, and how to read it.

    ``signature`` are normalised row-1 headers that together only this tool
    writes; ``fits`` may look further (Qualtrics' third row). ``codes`` gives
    the code a tool exports for the k-th answer option (k from 1), when it can
    export codes instead of labels; ``ordered`` says which columns are
    question numbers to be matched to the questionnaire by its order.
    """

    name: str
    title: str
    system: frozenset[str]
    signature: frozenset[str] = frozenset()
    header_rows: int = 1
    not_able_to_say: tuple[str, ...] = ()
    codes: Codes | None = None
    subject_column: str | None = None  # a system column that may name the subject (self form)
    frame: Callable[[SurveyTool, list[list[str]], str], Framing] = frame_one_row
    fits: Callable[[SurveyTool, list[list[str]]], bool] | None = None
    ordered: Callable[[Framing], list[tuple[int, tuple[int, ...]]]] | None = None
    export: str = ""  # the export setting to choose, in the tool's words
    aliases: tuple[str, ...] = field(default=())

    def recognises(self, rows: list[list[str]]) -> bool:
        """Whether the first rows of a file look like this tool's export."""
        if self.fits is not None:
            return self.fits(self, rows)
        return bool(self.signature) and self.signature <= {norm(h) for h in rows[0]}


@functools.cache
def tools() -> Mapping[str, SurveyTool]:
    """Every tool of the package by name, in the order they are tried on a file."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        one = getattr(loaded, "TOOL", None)
        if isinstance(one, SurveyTool):
            found.append(one)
    found.sort(key=lambda t: (t.name == OWN, -len(t.signature), t.name))
    return {t.name: t for t in found}


OWN = "behaviours"  # the project's own layout: item ids, subject, role, respondent
SOURCES = (
    "behaviours",
    "google_forms",
    "jisc",
    "jotform",
    "limesurvey",
    "microsoft_forms",
    "qualtrics",
    "smartsurvey",
    "surveymonkey",
    "typeform",
)  # fmt: skip  (the choices of --source; a test keeps them in step with the package)


def tool(name: str, file: str | None = None) -> SurveyTool:
    """The tool named ``name`` (its module name, or one of its aliases), else an error."""
    key = norm(name).replace(" ", "_").replace("-", "_")
    for one in tools().values():
        if key == one.name or key in one.aliases:
            return one
    known = ", ".join(tools())
    raise ResponsesError(
        Problem(
            f"unknown survey tool {name!r}; expected one of {known}",
            file,
            path="source (--source)",
            expected=known,
        )
    )


def framer(given: SurveyTool | None) -> Callable[[list[list[str]], str], Framing]:
    """How a file's first rows are its header: the given tool's way, or the first that fits."""

    def frame(rows: list[list[str]], name: str) -> Framing:
        chosen = given or next(t for t in tools().values() if t.name == OWN or t.recognises(rows))
        return chosen.frame(chosen, rows, name)

    return frame
