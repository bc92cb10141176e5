"""``behaviours questionnaire``: data in and out of survey tools and other programs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from behaviours.catalogue import load_framework
from behaviours.exporting import result_schema, write_questionnaire
from behaviours.questionnaire import build_questionnaire
from behaviours.questionnaire_form import questionnaire_pdf
from behaviours.responses import RATER_ROLES

__all__ = ["register"]


def _questionnaire(args: argparse.Namespace) -> int:
    framework = load_framework(args.framework)
    questionnaire = build_questionnaire(framework, args.kind, role=args.role, detail=args.items)
    if args.format == "pdf":
        data = questionnaire_pdf(questionnaire)
        if args.out is None:
            sys.stdout.buffer.write(data)
        else:
            Path(args.out).write_bytes(data)
    else:
        write_questionnaire(questionnaire, args.out or sys.stdout, format=args.format)
    if args.out is not None:
        print(f"wrote {args.out} ({len(questionnaire.items)} items)", file=sys.stderr)
    return 0


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

    p = _schema_subparsers(sub).add_parser(
        "result", help="the schema of results as written by 'behaviours score --format json'"
    )
    p.set_defaults(run=_result_schema)
