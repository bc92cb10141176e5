"""``behaviours compare`` and ``schema comparison``: two rounds of responses, side by side.

Each subject in both files is compared with ``compare_assessments``, so the
same respondents are paired (by respondent id, or by a ``--pairing`` CSV) and
the comparison says which design it used. A subject in one file only is an
error that names it: a comparison is never left out silently.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import json
import sys

from behaviours._files import atomic_write, check_target
from behaviours.cli._settings import settings_from
from behaviours.errors import Problem, ResponsesError, ScoringError
from behaviours.frameworks.catalogue import load_framework
from behaviours.frameworks.model import Framework
from behaviours.responses.model import Assessment
from behaviours.responses.reading import read_responses, read_table
from behaviours.results.comparing import ChangeNorm, compare_assessments, comparison_schema
from behaviours.results.model import Comparison

__all__: list[str] = []

PAIRING_COLUMNS = ("before", "after")


def _round(
    path: str, framework: Framework, kind: str, on: datetime.date | None
) -> dict[str, Assessment]:
    found = read_responses(path, framework, kind, assessed_on=on)  # type: ignore[arg-type]
    return {a.subject.id: a for a in found}


class Pairing:
    """A ``--pairing`` CSV: ``before,after`` (and ``subject`` when the files hold several),
    with the line of every entry, so a problem names the line it is on."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.pairs: dict[str | None, dict[str, str]] = {}
        self.lines: dict[tuple[str | None, str], int] = {}
        table = read_table(path)
        header = [h.strip() for h in table.header]
        missing = [c for c in PAIRING_COLUMNS if c not in header]
        if missing:
            raise ResponsesError(
                Problem(
                    f"the pairing has no {' or '.join(repr(c) for c in missing)} column",
                    table.name,
                    line=1,
                    expected="a header 'before,after' (and 'subject' for several subjects)",
                ),
                title="the pairing cannot be read",
            )
        at = {name: header.index(name) for name in (*PAIRING_COLUMNS, "subject") if name in header}
        problems: list[Problem] = []
        for line, row in table.rows:
            cell = {k: row[i].strip() for k, i in at.items()}
            if not any(cell.values()):
                continue
            subject = cell.get("subject")
            first = self.lines.get((subject, cell["before"]))
            if not (cell["before"] and cell["after"]) or first is not None:
                why = (
                    f"{cell['before']!r} is paired twice (first on line {first})"
                    if first is not None
                    else "a pair needs a respondent id in both columns"
                )
                problems.append(Problem(why, table.name, line=line))
                continue
            self.pairs.setdefault(subject, {})[cell["before"]] = cell["after"]
            self.lines[(subject, cell["before"])] = line
        if problems:
            raise ResponsesError(problems, title="the pairing cannot be read")

    def of(self, subject: str, several: bool) -> dict[str, str] | None:
        """The pairs of one subject (all of them when the file names no subjects)."""
        if None in self.pairs and several:
            raise ResponsesError(
                Problem(
                    "the pairing has no 'subject' column, and the files hold several subjects",
                    self.path,
                    line=1,
                    expected="a header 'subject,before,after'",
                )
            )
        return self.pairs.get(None, self.pairs.get(subject, {}))

    def located(self, subject: str, error: ResponsesError) -> ResponsesError:
        """The library's pairing problems (at ``pairing[<before id>]``), each on its line."""
        key = None if None in self.pairs else subject
        problems = []
        for p in error.problems:
            before = ast.literal_eval(p.path.removeprefix("pairing[")[:-1])
            line = self.lines.get((key, before))
            problems.append(Problem(p.message, self.path, line=line, expected=p.expected))
        return ResponsesError(problems, title=error.title)


def _norm(args: argparse.Namespace) -> ChangeNorm | None:
    if args.reliability is None and args.norm_sd is None:
        return None
    if args.reliability is None or args.norm_sd is None:
        raise ScoringError("--reliability and --norm-sd go together: a reliable change needs both")
    return ChangeNorm(reliability=args.reliability, sd=args.norm_sd, source=args.norm_source)


def _compare(args: argparse.Namespace) -> int:
    if args.out is not None:
        check_target(args.out)
    framework = load_framework(args.framework)
    before = _round(args.before, framework, args.kind, args.before_on)
    after = _round(args.after, framework, args.kind, args.after_on)
    alone = sorted(before.keys() ^ after.keys())
    if alone:
        where = {s: args.before if s in before else args.after for s in alone}
        named = ", ".join(f"{s!r} (only in {where[s]})" for s in alone)
        raise ScoringError(f"every subject must be in both rounds to be compared: {named}")
    pairing = None if args.pairing is None else Pairing(args.pairing)
    comparisons: list[Comparison] = []
    for subject in after:
        pairs = None if pairing is None else pairing.of(subject, len(after) > 1)
        try:
            comparisons.append(
                compare_assessments(
                    before[subject],
                    after[subject],
                    framework,
                    settings=settings_from(args),
                    pairing=pairs,
                    adjustment=args.adjustment,
                    norm=_norm(args),
                )
            )
        except ResponsesError as exc:
            if pairing is not None and all(p.path.startswith("pairing[") for p in exc.problems):
                raise pairing.located(subject, exc) from None
            raise
    _write(comparisons, args.out)
    return 0


def _write(comparisons: list[Comparison], out: str | None) -> None:
    text = json.dumps([c.model_dump(mode="json") for c in comparisons], indent=2) + "\n"
    if out is None:
        sys.stdout.write(text)
        return
    atomic_write(out, text.encode("utf-8"))
    print(f"wrote {out} ({len(comparisons)} comparisons)", file=sys.stderr)


def _comparison_schema(args: argparse.Namespace) -> int:
    del args
    print(json.dumps(comparison_schema(), indent=2, ensure_ascii=False))
    return 0
