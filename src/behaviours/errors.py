"""The one exception tree of the library.

Every error the library raises on purpose is a ``BehavioursError``, so an
application embedding it can catch one class. Errors about input carry their
problems as data (file, line, column, path, message), not only as text, so a
web form or an editor can point at the exact place::

    BehavioursError
    ├── FrameworkError            a framework file or model is invalid
    │   └── FrameworkNotFoundError  no framework with that id or path
    ├── ResponsesError            responses do not fit the framework or kind
    ├── ScoringError              scores cannot be computed as asked
    │   ├── InsufficientRatersError  too few raters to keep a 360 anonymous
    │   └── RoundError            a second publication of a 360 round is refused
    ├── ReportError               a report cannot be rendered
    └── OutputError               a file cannot be written where asked
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "BehavioursError",
    "FrameworkError",
    "FrameworkNotFoundError",
    "InsufficientRatersError",
    "Loc",
    "OutputError",
    "Problem",
    "ReportError",
    "ResponsesError",
    "RoundError",
    "ScoringError",
    "location",
    "validation_problems",
    "without_addresses",
]

Loc = tuple[str | int, ...]
"""A route through data, as pydantic gives it: ``("behaviours", 2, "indicators")``."""


def location(parts: Iterable[str | int], within: str = "") -> str:
    """Where a value is, as every problem prints it: ``behaviours[2].indicators.does[0]``.

    The one spelling of a path in the library (cattrs' rule: ``[i]`` for an
    index, ``.name`` for a field, no dot at the start). ``within`` is where
    ``parts`` start, for example ``"[3]"`` for the fourth assessment of a file.
    """
    out = within
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validation_problems(
    errors: Iterable[Mapping[str, Any]], file: str | None, *, within: str = ""
) -> list[Problem]:
    """One located problem per error of a pydantic ``ValidationError.errors()`` list.

    Takes the plain error list, not the exception, so that this module needs no
    pydantic (it is imported by everything, the command line's ``--help`` too).
    What was given is quoted unless it is a whole object or list.
    """
    problems = []
    for error in errors:
        given = error.get("input")
        message = str(error["msg"])
        if error["type"] != "missing" and not isinstance(given, (dict, list)):
            message += f" (got {given!r:.60})"
        problems.append(Problem(message, file, path=location(error["loc"], within)))
    return problems


_ADDRESS = re.compile(r"\s+at 0x[0-9a-fA-F]+|0x[0-9a-fA-F]{6,}")


def without_addresses(text: str) -> str:
    """``text`` without memory addresses (``<Chart at 0x7f...>``), which say nothing to a reader.

    They also differ from run to run, so a manifest holding one would change
    every time the same failure was met again.
    """
    return " ".join(_ADDRESS.sub("", text).split())


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, and where it is.

    ``path`` is the route through the data (``behaviours[2].indicators``),
    ``line`` and ``column`` are 1-based positions in ``file`` when known.
    """

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str = ""
    expected: str | None = None

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        at = f" {self.path}:" if self.path else ""
        return f"{where}:{at} {self.message}"


class BehavioursError(Exception):
    """Root of every error this library raises on purpose."""


class _ProblemsError(BehavioursError):
    """An error that lists every problem found, each with its location."""

    def __init__(self, problems: list[Problem] | Problem | str, *, title: str | None = None):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        self.title = title
        lines = [str(p) for p in self.problems]
        head = f"{title}\n" if title else ""
        super().__init__(head + "\n".join(lines))


class FrameworkError(_ProblemsError):
    """A framework file or model is invalid; ``problems`` says where and why."""


class FrameworkNotFoundError(FrameworkError):
    """No bundled, configured or installed framework has that id, and no such file exists."""


class ResponsesError(_ProblemsError):
    """Responses do not fit the framework or the assessment kind."""


class ScoringError(BehavioursError):
    """Scores cannot be computed with the settings asked for."""


class InsufficientRatersError(ScoringError):
    """Too few non-self raters remain to report a 360 without exposing anyone."""

    def __init__(
        self, message: str, *, subject: str | None = None, raters: int = 0, min_raters: int = 0
    ) -> None:
        self.subject = subject
        self.raters = raters
        self.min_raters = min_raters
        super().__init__(message)


class RoundError(ScoringError):
    """A publication of a 360 round is refused: with what the round published before, it
    could expose a rater (or its settings differ). The message names the round and why."""

    def __init__(self, message: str, *, round_id: str) -> None:
        self.round_id = round_id
        super().__init__(message)


class ReportError(BehavioursError):
    """A report cannot be rendered."""


class OutputError(_ProblemsError):
    """A file cannot be written where asked; ``problems`` names the path and what was expected.

    Nothing is left half-written when this is raised: the file asked for is
    as it was (or still absent) and no temporary file remains.
    """
