"""Mapping files: which column of an export is which question, for tools that number them.

A CSV with a header row and the columns ``column`` (the export's header, as
written there) and ``id`` (an item id, a comment id ``comment:<behaviour>``,
``subject``, ``subject_id``, ``role``, ``respondent`` or ``ignore``); any
other column (the ``prompt`` that ``behaviours questionnaire --format
mapping`` writes) is for people and not read. Headers are compared as every
header is (``grid.norm``). Every bad row is reported, located, before any
export is read.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping
from pathlib import Path

from behaviours.errors import Problem, ResponsesError
from behaviours.frameworks.columns import META
from behaviours.frameworks.kinds import DETAILS
from behaviours.frameworks.model import Framework
from behaviours.questionnaires.model import COMMENT_PREFIX
from behaviours.responses.grid import norm

__all__ = ["IGNORE", "MAX_MAPPING_BYTES", "read_mapping"]

IGNORE = "ignore"
MAX_MAPPING_BYTES = 1_000_000
_EXPECTED = "an item id, comment:<behaviour id>, subject, subject_id, role, respondent or ignore"


def read_mapping(
    source: str | os.PathLike[str] | Mapping[str, str], framework: Framework
) -> dict[str, str]:
    """Normalised export header -> what the column is, from a mapping file or a dict."""
    if isinstance(source, Mapping):
        rows = [(n, str(k), str(v)) for n, (k, v) in enumerate(source.items(), start=1)]
        name = "<mapping>"
    else:
        name = str(source)
        rows = _rows(Path(source), name)
    known = _targets(framework)
    problems: list[Problem] = []
    found: dict[str, str] = {}
    for line, column, target in rows:
        key, value = norm(column), target.strip()
        if not key:
            problems.append(Problem("a blank column header", name, line, 1, "column"))
        elif key in found:
            problems.append(Problem(f"column {column!r} is mapped twice", name, line, 1, "column"))
        elif value not in known:
            problems.append(
                Problem(
                    f"{value!r} is not a question of {framework.id}; expected {_EXPECTED}",
                    name,
                    line,
                    2,
                    "id",
                    _EXPECTED,
                )
            )
        else:
            found[key] = value
    if problems:
        raise ResponsesError(problems, title=f"{name}: {len(problems)} problem(s) in the mapping")
    return found


def _rows(path: Path, name: str) -> list[tuple[int, str, str]]:
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_MAPPING_BYTES else None
        text = None if raw is None else raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResponsesError(
            Problem(f"cannot read the mapping: {exc}", name), title=f"{name}: nothing was read"
        ) from None
    if text is None:
        raise ResponsesError(
            Problem(f"a mapping larger than {MAX_MAPPING_BYTES:,} bytes", name),
            title=f"{name}: nothing was read",
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [norm(h) for h in next(reader, [])]
    if "column" not in header or "id" not in header:
        raise ResponsesError(
            Problem(
                "a mapping needs the columns 'column' and 'id'",
                name,
                1,
                expected="a header row: column,id (and optionally prompt)",
            ),
            title=f"{name}: nothing was read",
        )
    c, i = header.index("column"), header.index("id")
    rows = []
    for row in reader:
        if "".join(row).strip():
            cells = [*row, "", ""]
            rows.append((reader.line_num, cells[c], cells[i]))
    return rows


def _targets(framework: Framework) -> frozenset[str]:
    items = {i.id for d in DETAILS for i in framework.items(d)}
    comments = {COMMENT_PREFIX + b.id for b in framework.behaviours}
    return frozenset({*META, IGNORE, *items, *comments}) - {"item", "rating", "comment"}
