"""``behaviours questionnaire``, ``score`` and ``schema result``: data in and out."""

from __future__ import annotations

import argparse
import json
import sys

from behaviours._facade import score
from behaviours._files import atomic_write, check_target
from behaviours.cli._notes import notes_on_stderr
from behaviours.cli._rounds import with_round
from behaviours.cli._settings import settings_from
from behaviours.errors import InsufficientRatersError, ScoringError
from behaviours.frameworks.catalogue import load_framework
from behaviours.frameworks.model import Framework
from behaviours.pdf.forms import questionnaire_pdf
from behaviours.questionnaires.exporting import write_questionnaire
from behaviours.questionnaires.model import build_questionnaire
from behaviours.responses.model import Assessment
from behaviours.responses.reading import read_responses
from behaviours.results.exporting import result_schema, write_results
from behaviours.results.model import Result

__all__: list[str] = []


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
    with notes_on_stderr():
        return _read_quietly(args, framework)


def _read_quietly(args: argparse.Namespace, framework: Framework) -> list[Assessment]:
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
        tool=args.source,
        mapping=args.mapping,
    )


def _score(args: argparse.Namespace) -> int:
    if args.out is not None:
        check_target(args.out)
    framework = load_framework(args.framework)
    dated = all(str(path).lower().endswith(".json") for path in args.responses)
    assessments = with_round(_read(args, framework), args, dated=dated)
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


def _result_schema(args: argparse.Namespace) -> int:
    print(json.dumps(result_schema(), indent=2, ensure_ascii=False))
    return 0
