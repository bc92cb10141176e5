"""The command line's parsers: every subcommand and option, and nothing that does the work.

Reading ``--help`` or a bad option must not import numpy, pydantic, reportlab
or PyYAML, so this module imports only argparse and the vocabulary of kinds and
roles; each subcommand's function (in ``data``, ``frameworks`` or ``reports``)
is imported when that subcommand runs (``command``).
"""

from __future__ import annotations

import argparse
import datetime
import importlib
from collections.abc import Callable
from typing import Any, TypeAlias

from behaviours.cli._settings import add_settings_arguments
from behaviours.frameworks.kinds import KINDS, RATER_ROLES

__all__ = ["build_parser", "command"]

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def command(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """The run function ``name`` of ``behaviours.cli.<module>``, imported when it runs."""

    def run(args: argparse.Namespace) -> int:
        found: Callable[[argparse.Namespace], int] = getattr(
            importlib.import_module(f"behaviours.cli.{module}"), name
        )
        return found(args)

    return run


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="behaviours",
        description="Leadership behaviour and values frameworks: assessments, scores, reports.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for register in (_frameworks, _data, _reports, _cohort):
        register(sub)
    return parser


def _frameworks(sub: Subparsers) -> None:
    """The framework commands: frameworks list, show and validate; schema framework."""
    frameworks = sub.add_parser("frameworks", help="list, show and validate frameworks")
    fsub = frameworks.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = fsub.add_parser("list", help="the frameworks that can be loaded by id")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(run=command("frameworks", "_list"))
    p = fsub.add_parser("show", help="one framework, as text, YAML or JSON")
    p.add_argument("id", metavar="ID", help="framework id or path to a YAML file")
    p.add_argument("--format", choices=["text", "yaml", "json"], default="text")
    p.set_defaults(run=command("frameworks", "_show"))
    p = fsub.add_parser("validate", help="check framework files; problems as file:line:column")
    p.add_argument("files", metavar="FILE", nargs="+")
    p.set_defaults(run=command("frameworks", "_validate"))

    schema = sub.add_parser("schema", help="print a JSON Schema")
    ssub = schema.add_subparsers(dest="which", metavar="WHICH", required=True)
    p = ssub.add_parser("framework", help="the schema of framework YAML files")
    p.set_defaults(run=command("frameworks", "_schema"))


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


def _schema_subparsers(
    sub: Subparsers,
) -> Subparsers:
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


def _data(sub: Subparsers) -> None:
    """The data commands: questionnaire, score, schema result."""
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
    p.set_defaults(run=command("data", "_questionnaire"))

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
    _add_round_name(p)
    p.add_argument(
        "--skip-insufficient",
        action="store_true",
        help="skip 360 subjects with too few raters (named on stderr) instead of failing",
    )
    p.set_defaults(run=command("data", "_score"))

    p = _schema_subparsers(sub).add_parser(
        "result", help="the schema of results as written by 'behaviours score --format json'"
    )
    p.set_defaults(run=command("data", "_result_schema"))


def _jobs(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _add_common(p: Any, out_default: str | None) -> None:
    p.add_argument(
        "--out",
        metavar="DIR",
        default=out_default,
        required=out_default is None,
        help="folder for the PDFs and the manifest"
        + (f" (default {out_default})" if out_default else ""),
    )
    p.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N",
        help="processes to render with (default: every core; 1 renders in this process)",
    )
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on stderr (default: when stderr is a terminal)",
    )


def _reports(sub: Subparsers) -> None:
    """The report commands: demo and report."""
    p: Any = sub.add_parser(
        "demo",
        help="write the example feedback pack (individual, team and 360 reports)",
        description="Render the bundled example responses into a feedback pack.",
    )
    _add_common(p, "out")
    p.set_defaults(run=command("reports", "_demo"))

    p = sub.add_parser(
        "report",
        help="render one PDF report per subject from responses (JSON, CSV or .xlsx)",
        description="Score assessments and write one PDF report per subject, with a "
        "manifest (manifest.csv, manifest.json). Reports already in DIR and current are "
        "kept. Exit 1 when the input is invalid or any subject failed.",
    )
    p.add_argument("--framework", required=True, metavar="ID", help="framework id or YAML path")
    p.add_argument("--kind", required=True, choices=KINDS, help="the kind of assessment")
    p.add_argument(
        "responses",
        metavar="RESPONSES",
        help="a JSON file (one assessment or a list), or a survey export as CSV or .xlsx "
        "(see 'behaviours score' and docs/survey-tools.md)",
    )
    _add_common(p, None)
    add_settings_arguments(p)
    _add_rounds(p)
    p.set_defaults(run=command("reports", "_report"))


def _add_rounds(p: Any) -> None:
    """``--assessed-on``, ``--round`` and ``--ledger``: which round a report publishes."""
    p.add_argument(
        "--assessed-on",
        type=_date,
        metavar="YYYY-MM-DD",
        help="date the round closed, printed on reports (a survey export has none: "
        "default today, and the command says so)",
    )
    _add_round_name(p)
    p.add_argument(
        "--ledger",
        metavar="FILE",
        help="SQLite ledger of what each round published: a second, different publication "
        "of a round that could expose a rater fails for that subject (docs/privacy.md)",
    )


def _add_round_name(p: Any) -> None:
    p.add_argument(
        "--round",
        metavar="NAME",
        help="the round these answers are, say 2025-autumn (default: the date); a 360 round "
        "is published once",
    )


def _cohort(sub: Subparsers) -> None:
    """``behaviours cohort``: cohort table, programme evaluation and norms (docs/cohorts.md)."""
    p: Any = sub.add_parser(
        "cohort",
        help="a cohort report from result files: units x behaviours, programme evaluation, norms",
        description="Aggregate published results (behaviours score --format json) by a "
        "grouping column, with disclosure control; with --before and --after, evaluate a "
        "programme on the people in both rounds; build or apply a local norm. Writes "
        "cohort.json, cohort.csv, cohort.pdf (and evaluation.*, norm.json, norm-scores.csv) "
        "into --out.",
    )
    p.add_argument(
        "results",
        metavar="RESULTS",
        nargs="*",
        help="result JSON files to aggregate (default: the --after files)",
    )
    p.add_argument(
        "--by",
        required=True,
        metavar="COLUMN",
        help="the units file's column to group by, e.g. team or organisation",
    )
    p.add_argument(
        "--units",
        required=True,
        metavar="FILE",
        help="CSV of subject_id and the grouping columns; every person in the results needs a row",
    )
    _add_programme(p)
    p.add_argument(
        "--measure",
        choices=["headline", "self"],
        default="headline",
        help="each person's headline score (a 360's others) or a 360's self-score",
    )
    p.add_argument(
        "--min-people",
        type=_jobs,
        default=5,
        metavar="N",
        help="withhold figures about fewer people (default 5)",
    )
    p.add_argument("--name", default="Cohort", help="what the cohort is, for the report")
    _add_norms(p)
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the outputs")
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on stderr (default: when stderr is a terminal)",
    )
    p.set_defaults(run=command("cohort", "_cohort"))


def _add_programme(p: Any) -> None:
    """``--before`` and ``--after``: the two rounds of a programme evaluation."""
    p.add_argument(
        "--before",
        nargs="+",
        default=[],
        metavar="FILE",
        help="result files of the round before the programme",
    )
    p.add_argument(
        "--after",
        nargs="+",
        default=[],
        metavar="FILE",
        help="result files of the round after it; people are matched by subject id",
    )


def _add_norms(p: Any) -> None:
    """``--save-norm`` or ``--norm``, and ``--min-norm``: the local norm of ``cohort``."""
    norm = p.add_mutually_exclusive_group()
    norm.add_argument(
        "--save-norm",
        metavar="NAME",
        help="build a norm named NAME from the "
        "cohort (from --before when given) and write norm.json",
    )
    norm.add_argument(
        "--norm",
        metavar="FILE",
        help="place every person of the cohort in this norm (norm-scores.csv)",
    )
    p.add_argument(
        "--min-norm",
        type=_jobs,
        default=30,
        metavar="N",
        help="refuse a norm of fewer people (default 30; never below 10)",
    )
