"""``behaviours questionnaire``, ``score`` and ``schema result``: data in and out."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from typing import Any

from behaviours._facade import score
from behaviours._files import atomic_write, check_target
from behaviours.cli._settings import add_settings_arguments, settings_from
from behaviours.errors import InsufficientRatersError, ScoringError
from behaviours.frameworks.catalogue import load_framework
from behaviours.frameworks.kinds import RATER_ROLES
from behaviours.frameworks.model import Framework
from behaviours.pdf.forms import questionnaire_pdf
from behaviours.questionnaires.exporting import write_questionnaire
from behaviours.questionnaires.model import build_questionnaire
from behaviours.responses.model import Assessment
from behaviours.responses.reading import read_responses
from behaviours.results.exporting import result_schema, write_results
from behaviours.results.model import Result

__all__ = ["register"]


def _questionnaire(args: argparse.Namespace) -> int:
    if args.out is not None:
        check_target(args.out)
    framework = load_framework(args.framework)
    questionnaire = build_questionnaire(framework, args.kind, role=args.role, detail=args.items)
    if args.format == "pdf":
        data = questionnaire_pdf(questionnaire)
        if args.out is None:
            sys.stdout.buffer.write(data)
        else:
            atomic_write(args.out, data)
    else:
        out = sys.stdout if args.out is None else args.out
        write_questionnaire(questionnaire, out, format=args.format)
    if args.out is not None:
        print(f"wrote {args.out} ({len(questionnaire.items)} items)", file=sys.stderr)
    return 0


def _read(args: argparse.Namespace, framework: Framework) -> list[Assessment]:
    return read_responses(
        args.responses,
        framework,
        args.kind,
        shape=args.shape,
        detail=args.items,
        role=args.role,
        subject=args.subject,
        require_self=args.require_self,
        ignore_columns=tuple(args.ignore_column or ()),
        encoding=args.encoding,
        sheet=args.sheet,
        assessed_on=args.assessed_on,
    )


def _score(args: argparse.Namespace) -> int:
    if args.out is not None:
        check_target(args.out)
    framework = load_framework(args.framework)
    assessments = _read(args, framework)
    settings = settings_from(args)
    results: list[Result] = []
    failures: list[str] = []
    for assessment in assessments:
        try:
            results.append(score(assessment, framework, settings))
        except InsufficientRatersError as exc:
            failures.append(str(exc))
    if failures and not args.skip_insufficient:
        raise ScoringError(
            "; ".join(failures) + " (pass --skip-insufficient to score the other subjects)"
        )
    for failure in failures:
        print(f"behaviours: skipped: {failure}", file=sys.stderr)
    out = sys.stdout if args.out is None else args.out
    write_results(results, out, format=args.format, items=args.item_rows)
    if args.out is not None:
        print(f"wrote {args.out} ({len(results)} results)", file=sys.stderr)
    return 0


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"expected a date as YYYY-MM-DD, not {text!r} ({exc})"
        ) from None


def _add_reading(p: argparse.ArgumentParser) -> None:
    """Options of ``read_responses``, shared by every command that reads a responses file."""
    p.add_argument(
        "--items",
        choices=["quick", "full"],
        help="quick or full items (team and 360); inferred from the columns when omitted",
    )
    p.add_argument("--shape", choices=["auto", "wide", "long"], default="auto")
    p.add_argument("--role", choices=["self", *RATER_ROLES, "member"], help="role of every row")
    p.add_argument("--subject", help="subject of every row, when the file has no subject column")
    p.add_argument(
        "--require-self",
        action="store_true",
        help="a 360 subject without self-assessment is an error",
    )
    p.add_argument(
        "--ignore-column", action="append", metavar="HEADER", help="a column to skip (repeatable)"
    )
    p.add_argument("--encoding", default="utf-8", help="of a CSV file (default utf-8)")
    p.add_argument("--sheet", help="sheet of an .xlsx workbook (default the first)")
    p.add_argument(
        "--assessed-on",
        type=_date,
        metavar="YYYY-MM-DD",
        help="date the assessment closed, printed on reports (default today)",
    )


def _result_schema(args: argparse.Namespace) -> int:
    print(json.dumps(result_schema(), indent=2, ensure_ascii=False))
    return 0


def _schema_subparsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """The ``schema`` command's subcommands (made by the frameworks module), or new ones."""
    schema = sub.choices.get("schema") or sub.add_parser("schema", help="print a JSON Schema")
    for action in schema._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return schema.add_subparsers(dest="which", metavar="WHICH", required=True)


def _add_framework_and_kind(p: argparse.ArgumentParser) -> None:
    p.add_argument("--framework", required=True, metavar="ID", help="framework id or YAML path")
    p.add_argument(
        "--kind",
        required=True,
        choices=["quick", "full", "team", "360"],
        help="the kind of assessment",
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the data commands to the top-level parser."""
    p: Any = sub.add_parser(
        "questionnaire",
        help="the items of an assessment as CSV or JSON for a survey tool, or a PDF form",
        description="Write the questionnaire one kind of respondent answers: item ids, "
        "prompts in their voice, answer options. Its item ids and prompts are what "
        "the importer matches columns against.",
    )
    _add_framework_and_kind(p)
    p.add_argument(
        "--role",
        choices=["self", *RATER_ROLES, "member"],
        help="who answers; for a 360, 'self' gives the self-assessment form, a rater role "
        "a form for that role, and no role a rater form that asks for the role",
    )
    p.add_argument(
        "--items",
        choices=["quick", "full"],
        help="quick (one per behaviour) or full (one per indicator) items for team and 360 "
        "assessments (default quick)",
    )
    p.add_argument("--format", choices=["csv", "json", "pdf"], default="csv")
    p.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(run=_questionnaire)

    p = sub.add_parser(
        "score",
        help="score responses (CSV, .xlsx or JSON) and write results as JSON or tidy CSV",
        description="Read a responses file (wide or long CSV, .xlsx, or JSON), score every "
        "subject and write the results: a JSON array of results (see 'behaviours schema "
        "result') or a tidy CSV with one row per subject, behaviour and group.",
    )
    p.add_argument(
        "responses",
        metavar="RESPONSES",
        nargs="+",
        help="responses files; several (a 360's self and raters' exports) are merged by subject",
    )
    _add_framework_and_kind(p)
    _add_reading(p)
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    p.add_argument(
        "--item-rows", action="store_true", help="CSV: add a row per item after each behaviour"
    )
    add_settings_arguments(p)
    p.add_argument(
        "--skip-insufficient",
        action="store_true",
        help="skip 360 subjects with too few raters (named on stderr) instead of failing",
    )
    p.set_defaults(run=_score)

    p = _schema_subparsers(sub).add_parser(
        "result", help="the schema of results as written by 'behaviours score --format json'"
    )
    p.set_defaults(run=_result_schema)
