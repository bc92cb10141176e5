"""``behaviours evaluations score|report``, the organisation form and the demo's review.

A partnership's annual review from the command line: read a survey export of
the organisation self-evaluation form (or the JSON of ``Evaluation``s), score
every partner on each scale, and write results, or every partner's report and
the partnership report (docs/partnerships.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from behaviours._files import atomic_write, check_target
from behaviours.errors import Problem, ResponsesError
from behaviours.examples import partnership_examples
from behaviours.frameworks.catalogue import load_framework
from behaviours.frameworks.model import Framework
from behaviours.packs.partnership import ReviewFiles, render_review
from behaviours.pdf.rendering import render_document
from behaviours.questionnaires.evaluation import (
    build_evaluation_questionnaire,
    write_evaluation_questionnaire,
)
from behaviours.reports.evaluation_form import evaluation_form_document
from behaviours.responses.evaluation import (
    Evaluation,
    check_evaluation,
    read_evaluations_json,
)
from behaviours.responses.evaluation_reading import read_evaluations
from behaviours.results.organisation import EvaluationResult, score_evaluations
from behaviours.results.organisation_exporting import evaluation_schema, evaluations_csv
from behaviours.results.partnership import PartnershipResult

__all__ = ["organisation_questionnaire", "render_examples"]


def organisation_questionnaire(args: argparse.Namespace) -> int:
    """``behaviours questionnaire --kind organisation``: the self-evaluation form."""
    if args.out is not None:
        check_target(args.out)
    framework = load_framework(args.framework)
    form = build_evaluation_questionnaire(framework, detail=args.items, scales=args.scale)
    if args.format == "pdf":
        data = render_document(evaluation_form_document(form))
        if args.out is None:
            sys.stdout.buffer.write(data)
        else:
            atomic_write(args.out, data)
    else:
        write_evaluation_questionnaire(
            form, sys.stdout if args.out is None else args.out, format=args.format
        )
    if args.out is not None:
        print(
            f"wrote {args.out} ({len(form.items)} items on {len(form.scales)} scales)",
            file=sys.stderr,
        )
    return 0


def _pick(
    found: list[Evaluation], framework: Framework, round_id: str | None, file: str
) -> list[Evaluation]:
    """This framework's evaluations of one round: the round asked for, else the latest."""
    mine = [e for e in found if e.framework == framework.id]
    rounds = sorted({e.round for e in mine})
    if not rounds:
        raise ResponsesError(Problem(f"no evaluation against {framework.id!r}", file))
    chosen = round_id or rounds[-1]
    if chosen not in rounds:
        raise ResponsesError(Problem(f"no round {chosen!r}", file, expected=f"one of {rounds}"))
    return [e for e in mine if e.round == chosen]


def _read(
    path: str, framework: Framework, args: argparse.Namespace, round_id: str | None
) -> list[Evaluation]:
    if path.lower().endswith(".json"):
        found = read_evaluations_json(path)
        chosen = _pick(found, framework, round_id, path)
        problems = [
            p
            for i, e in enumerate(found)
            if any(e is c for c in chosen)
            for p in check_evaluation(e, framework, file=path, path=f"[{i}]")
        ]
        if problems:
            raise ResponsesError(problems, title=f"{path}: evaluations do not fit")
        return chosen
    return read_evaluations(
        path,
        framework,
        partnership=args.partnership,
        round=round_id,
        assessed_on=args.assessed_on,
        detail=args.items,
        scales=args.scale,
    )


def _previous(
    args: argparse.Namespace, framework: Framework, current: list[Evaluation]
) -> list[Evaluation]:
    """The previous round: from ``--previous``, else from the same JSON file when it has one."""
    source = args.previous or (args.responses if args.responses.lower().endswith(".json") else None)
    if source is None:
        return []
    if args.previous_round is None and source.lower().endswith(".json"):
        earlier = sorted(
            {
                e.round
                for e in read_evaluations_json(source)
                if e.framework == framework.id and e.round < current[0].round
            }
        )
        if not earlier:
            return []
        return _read(source, framework, args, earlier[-1])
    return _read(source, framework, args, args.previous_round)


def score_command(args: argparse.Namespace) -> int:
    """``behaviours evaluations score``: every partner's figures, each with its scale."""
    if args.out is not None:
        check_target(args.out)
    framework = load_framework(args.framework)
    results = score_evaluations(_read(args.responses, framework, args, args.round), framework)
    if args.format == "csv":
        text = evaluations_csv(results)
    else:
        text = "[\n" + ",\n".join(r.model_dump_json(indent=2) for r in results) + "\n]\n"
    if args.out is None:
        sys.stdout.write(text)
    else:
        atomic_write(args.out, text.encode("utf-8"))
        print(f"wrote {args.out} ({len(results)} partners)", file=sys.stderr)
    return 0


def _said(files: ReviewFiles) -> None:
    for path in files.files:
        review = path in files.reviews
        said = f"  (partnership review, {len(files.organisations)} partners)" if review else ""
        print(f"  {path}{said}")


def report_command(args: argparse.Namespace) -> int:
    """``behaviours evaluations report``: each partner's report and the partnership report."""
    framework = load_framework(args.framework)
    current = _read(args.responses, framework, args, args.round)
    files = render_review(
        current,
        args.out,
        framework=framework,
        previous=_previous(args, framework, current),
        formats=args.format,
    )
    print(f"Partnership review ({files.view.partnership}, round {files.view.round}) in {args.out}:")
    _said(files)
    return 0


def schema_command(args: argparse.Namespace) -> int:
    """``behaviours schema evaluation`` or ``partnership``."""
    model = EvaluationResult if args.which == "evaluation" else PartnershipResult
    print(json.dumps(evaluation_schema(model), indent=2, ensure_ascii=False))
    return 0


def render_examples(out: Path, formats: Iterable[str] = ("pdf",)) -> list[ReviewFiles]:
    """The demo's reviews: each bundled framework's latest round against the one before."""
    found = partnership_examples()
    made = []
    for framework_id in sorted({e.framework for e in found}):
        framework = load_framework(framework_id)
        mine = [e for e in found if e.framework == framework_id]
        rounds = sorted({e.round for e in mine})
        current = [e for e in mine if e.round == rounds[-1]]
        previous = [e for e in mine if len(rounds) > 1 and e.round == rounds[-2]]
        made.append(
            render_review(
                current, out / framework_id, framework=framework, previous=previous, formats=formats
            )
        )
    return made
