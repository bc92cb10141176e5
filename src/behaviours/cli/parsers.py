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
from behaviours.frameworks.columns import SURVEY_TOOLS
from behaviours.frameworks.kinds import EVALUATION_KIND, KINDS, RATER_ROLES

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
    for register in (
        _frameworks,
        _data,
        _import,
        _analysis,
        _reports,
        _comparing,
        _evaluations,
        _cohort,
    ):
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


ROLE_CHOICES = ("self", *RATER_ROLES, "member")


def _file_role(text: str) -> str:
    """``ROLE`` or ``FILE=ROLE``: the role checked here, the file once the files are known."""
    role = text.rsplit("=", 1)[-1]
    if role not in ROLE_CHOICES:
        raise argparse.ArgumentTypeError(
            f"expected ROLE or FILE=ROLE with ROLE one of {', '.join(ROLE_CHOICES)}, not {text!r}"
        )
    return text


def _add_reading(p: argparse.ArgumentParser) -> None:
    """Options of ``read_responses``, shared by every command that reads a responses file.

    ``--role``, ``--subject``, ``--encoding`` and ``--sheet`` hold for every file,
    or, written ``FILE=VALUE``, for that file alone (``behaviours.cli._inputs``).
    """
    p.add_argument(
        "--items",
        choices=["quick", "full"],
        help="quick or full items (team and 360); inferred from the columns when omitted",
    )
    p.add_argument("--shape", choices=["auto", "wide", "long"], default="auto")
    p.add_argument(
        "--role",
        action="append",
        type=_file_role,
        metavar="[FILE=]ROLE",
        help=f"role of every row ({', '.join(ROLE_CHOICES)}) of every file, or of FILE "
        "alone: --role self-form.csv=self (repeatable)",
    )
    p.add_argument(
        "--subject",
        action="append",
        metavar="[FILE=]NAME",
        help="subject of every row, when the file (or FILE) has no subject column",
    )
    p.add_argument(
        "--require-self",
        action="store_true",
        help="a 360 subject without self-assessment is an error",
    )
    p.add_argument(
        "--ignore-column", action="append", metavar="HEADER", help="a column to skip (repeatable)"
    )
    p.add_argument(
        "--encoding",
        action="append",
        metavar="[FILE=]ENCODING",
        help="of a CSV file without a byte order mark (default utf-8, or cp1252 when the "
        "bytes are not utf-8), or of FILE alone",
    )
    p.add_argument(
        "--sheet",
        action="append",
        metavar="[FILE=]SHEET",
        help="sheet of an .xlsx workbook (default the first), or of FILE alone",
    )
    _add_source(p)
    p.add_argument(
        "--assessed-on",
        type=_date,
        metavar="YYYY-MM-DD",
        help="date the round closed, printed on reports (a survey export has none: "
        "default today, and the command says so)",
    )


def _add_source(p: argparse.ArgumentParser) -> None:
    """Which survey tool wrote the files, and what a question-numbered export's columns are."""
    p.add_argument(
        "--source",
        metavar="TOOL",
        choices=SURVEY_TOOLS,
        help="the survey tool that wrote the files (default: recognised from each file): "
        + ", ".join(SURVEY_TOOLS),
    )
    p.add_argument(
        "--mapping",
        metavar="FILE",
        help="CSV saying which export column is which question (column,id), for exports "
        "headed by question numbers; 'behaviours questionnaire --format mapping' writes one",
    )


def _add_responses(p: argparse.ArgumentParser) -> None:
    """The inputs of every command that reads responses (score, report, import), defined once:
    the files, the framework and kind, how to read them and which round they are."""
    p.add_argument(
        "responses",
        metavar="RESPONSES",
        nargs="+",
        help="responses files: survey exports (CSV, .xlsx) or JSON assessments; several "
        "(a 360's self form and raters' form) are read together, one assessment per subject",
    )
    _add_framework_and_kind(p)
    _add_reading(p)
    _add_round_name(p)


def _schema_subparsers(
    sub: Subparsers,
) -> Subparsers:
    """The ``schema`` command's subcommands (made by the frameworks module), or new ones."""
    schema = sub.choices.get("schema") or sub.add_parser("schema", help="print a JSON Schema")
    for action in schema._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return schema.add_subparsers(dest="which", metavar="WHICH", required=True)


def _add_framework_and_kind(p: argparse.ArgumentParser, *extra: str) -> None:
    p.add_argument("--framework", required=True, metavar="ID", help="framework id or YAML path")
    p.add_argument(
        "--kind",
        required=True,
        choices=[*KINDS, *extra],
        help="the kind of assessment"
        + (f" ({', '.join(extra)}: a partner's self-evaluation)" if extra else ""),
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
    _add_framework_and_kind(p, EVALUATION_KIND)
    _add_scales(p)
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
    p.add_argument("--format", choices=["csv", "json", "pdf", "mapping"], default="csv")
    p.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(run=command("data", "_questionnaire"))

    p = sub.add_parser(
        "score",
        help="score responses (CSV, .xlsx or JSON) and write results as JSON or tidy CSV",
        description="Read a responses file (wide or long CSV, .xlsx, or JSON), score every "
        "subject and write the results: a JSON array of results (see 'behaviours schema "
        "result') or a tidy CSV with one row per subject, behaviour and group.",
    )
    _add_responses(p)
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
    p.set_defaults(run=command("data", "_score"))

    p = _schema_subparsers(sub).add_parser(
        "result", help="the schema of results as written by 'behaviours score --format json'"
    )
    p.set_defaults(run=command("data", "_result_schema"))


def _import(sub: Subparsers) -> None:
    """The import command: what the other commands would read, written as JSON to check."""
    p: Any = sub.add_parser(
        "import",
        help="read responses as score and report would, and write the assessments as JSON",
        description="Read responses files exactly as 'behaviours score' and 'behaviours "
        "report' do (the same files and options) and write the assessments read, one per "
        "subject, as the JSON both commands accept: check what was read before making a "
        "pack. The JSON holds every respondent's answers: keep it as safe as the exports.",
    )
    _add_responses(p)
    p.add_argument(
        "--out",
        metavar="FILE|DIR",
        help="a .json file (a list of assessments), or a folder (one file per subject, "
        "made when missing); default standard output",
    )
    p.set_defaults(run=command("importing", "_import"))


def _analysis(sub: Subparsers) -> None:
    """The framework owner's commands: analyse, schema quality."""
    p: Any = sub.add_parser(
        "analyse",
        help="item analysis of a framework from many respondents: JSON or a quality report",
        description="Pool many respondents' answers (a round, a programme) and say how each "
        "behaviour's items work: alpha with its Feldt interval, omega, item-rest "
        "correlations, alpha if an item is dropped, floor, ceiling, 'not able to say', a "
        "keying check and, for team and 360 data, ICC(1) and ICC(2). Only answers that "
        "results publish are pooled; fewer than 10 respondents (team and 360: 5 subjects) "
        "are refused (docs/analysis.md, docs/privacy.md).",
    )
    _add_responses(p)
    p.add_argument(
        "--format",
        choices=["json", *REPORT_FORMATS],
        default="json",
        help="the analysis as JSON (default), or the quality report as PDF, the accessible "
        "HTML page or the tagged PDF (needs pip install 'behaviours[tagged-pdf]')",
    )
    p.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    add_settings_arguments(p)
    p.set_defaults(run=command("analysis", "_analyse"))
    p = _schema_subparsers(sub).add_parser(
        "quality", help="the schema of 'behaviours analyse --format json'"
    )
    p.set_defaults(run=command("analysis", "_quality_schema"))


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
        description="Render the bundled example responses into a feedback pack: each "
        "report as PDF and HTML, and as a tagged PDF when WeasyPrint is installed.",
    )
    _add_common(p, "out")
    p.set_defaults(run=command("reports", "_demo"))

    p = sub.add_parser(
        "report",
        help="render one report per subject from responses (JSON, CSV or .xlsx)",
        description="Score assessments and write one report per subject (PDF by default; "
        "HTML and tagged PDF with --format), with a manifest (manifest.csv, manifest.json) "
        "that lists every file. Reports already in DIR and current are "
        "kept. Exit 1 when the input is invalid or any subject failed.",
    )
    _add_responses(p)
    _add_common(p, None)
    _add_formats(p)
    add_settings_arguments(p)
    p.add_argument(
        "--ledger",
        metavar="FILE",
        help="SQLite ledger of what each round published: a second, different publication "
        "of a round that could expose a rater fails for that subject (docs/privacy.md)",
    )
    p.set_defaults(run=command("reports", "_report"))


# The pack's formats, written here (not imported) so that --help loads no report code;
# tests/cli checks it against behaviours.packs.formats.FORMATS.
REPORT_FORMATS = ("pdf", "html", "tagged-pdf")


def _formats(text: str) -> tuple[str, ...]:
    wanted = tuple(f.strip() for f in text.split(",") if f.strip())
    unknown = [f for f in wanted if f not in REPORT_FORMATS]
    if unknown or not wanted:
        raise argparse.ArgumentTypeError(
            f"{text!r}: choose one or more of {', '.join(REPORT_FORMATS)}, separated by commas"
        )
    return wanted


def _add_formats(p: Any) -> None:
    p.add_argument(
        "--format",
        type=_formats,
        default=("pdf",),
        metavar="pdf|html|tagged-pdf",
        help="what to write of each report, several separated by commas (default pdf): "
        "the PDF, the accessible HTML page, the tagged PDF (PDF/UA-1 intent; needs "
        "pip install 'behaviours[tagged-pdf]')",
    )


def _add_round_name(p: Any) -> None:
    p.add_argument(
        "--round",
        metavar="NAME",
        help="the round these answers are, say 2025-autumn (default: the date); a 360 round "
        "is published once",
    )


def _add_scales(p: Any) -> None:
    p.add_argument(
        "--scale",
        action="append",
        metavar="NAME",
        help="organisation self-evaluation: a scale to rate on (repeatable; default the "
        "framework's for the kind)",
    )


def _add_evaluation_reading(p: Any) -> None:
    p.add_argument(
        "responses",
        metavar="RESPONSES",
        help="a survey export of the organisation form (CSV or .xlsx), or evaluations as JSON",
    )
    p.add_argument("--framework", required=True, metavar="ID", help="framework id or YAML path")
    p.add_argument("--partnership", metavar="NAME", help="the partnership (survey exports)")
    p.add_argument(
        "--round", metavar="NAME", help="the round, say 2026 (a JSON file: default its latest)"
    )
    p.add_argument("--items", choices=["quick", "full"], help="inferred from the columns")
    _add_scales(p)
    p.add_argument("--assessed-on", type=_date, metavar="YYYY-MM-DD", help="date the round closed")


def _evaluations(sub: Subparsers) -> None:
    """The self-evaluation commands: evaluations score and report; schema evaluation."""
    evaluations = sub.add_parser(
        "evaluations",
        help="organisation self-evaluations: score them, or write the partnership review",
    )
    esub = evaluations.add_subparsers(dest="action", metavar="ACTION", required=True)
    p: Any = esub.add_parser("score", help="every partner's figures on each scale, JSON or CSV")
    _add_evaluation_reading(p)
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(run=command("evaluations", "score_command"))
    p = esub.add_parser(
        "report",
        help="each partner's self-evaluation report and the partnership review report",
    )
    _add_evaluation_reading(p)
    p.add_argument("--previous", metavar="FILE", help="last year's evaluations, for the change")
    p.add_argument("--previous-round", metavar="NAME", help="the round of --previous")
    p.add_argument("--out", metavar="DIR", required=True, help="folder for the reports")
    _add_formats(p)
    p.set_defaults(run=command("evaluations", "report_command"))
    for which, what in (("evaluation", "a partner's"), ("partnership", "the partnership's")):
        p = _schema_subparsers(sub).add_parser(
            which, help=f"the schema of {what} self-evaluation results (evaluations score)"
        )
        p.set_defaults(run=command("evaluations", "schema_command"))


def _comparing(sub: Subparsers) -> None:
    """``compare`` two rounds of responses, and ``schema comparison``."""
    p: Any = sub.add_parser(
        "compare",
        help="compare two rounds of responses per subject (paired when the same people answered)",
        description="Score both rounds and compare every subject's headline scores: the same "
        "respondents paired (by respondent id, or --pairing), else as independent groups "
        "(Welch); p-values adjusted across behaviours. Writes a JSON array of comparisons "
        "(see 'behaviours schema comparison').",
    )
    p.add_argument("before", metavar="BEFORE", help="the earlier round's responses file")
    p.add_argument("after", metavar="AFTER", help="the later round's responses file")
    _add_framework_and_kind(p)
    for side in ("before", "after"):
        p.add_argument(
            f"--{side}-on",
            type=_date,
            metavar="YYYY-MM-DD",
            help=f"date the {side} round closed, for a survey export (JSON carries its own)",
        )
    p.add_argument(
        "--pairing",
        metavar="CSV",
        help="who is who across rounds: columns before,after (and subject); only these pair",
    )
    p.add_argument(
        "--adjustment",
        choices=["holm", "bh", "none"],
        default="holm",
        help="multiplicity adjustment across behaviours (default holm)",
    )
    p.add_argument("--reliability", type=float, help="for a reliable change index (with --norm-sd)")
    p.add_argument("--norm-sd", type=float, help="norm SD of scores, for a reliable change index")
    p.add_argument("--norm-source", help="where the reliability and norm SD come from")
    p.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    add_settings_arguments(p)
    p.set_defaults(run=command("comparing", "_compare"))
    p = _schema_subparsers(sub).add_parser(
        "comparison", help="the schema of comparisons as written by 'behaviours compare'"
    )
    p.set_defaults(run=command("comparing", "_comparison_schema"))


def _cohort(sub: Subparsers) -> None:
    """``behaviours cohort``: cohort table, programme evaluation and norms (docs/cohorts.md)."""
    p: Any = sub.add_parser(
        "cohort",
        help="a cohort report from result files: units x behaviours, programme evaluation, norms",
        description="Aggregate published results (behaviours score --format json) by a "
        "grouping column, with disclosure control; with --before and --after, evaluate a "
        "programme on the people in both rounds; build or apply a local norm. Writes "
        "cohort.json, cohort.csv, the report cohort.pdf (cohort.html and cohort.tagged.pdf "
        "with --format; and evaluation.*, norm.json, norm-scores.csv) into --out.",
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
    _add_formats(p)
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
