"""``behaviours analyse`` and ``schema quality``: item analysis, JSON or a report."""

from __future__ import annotations

import argparse
import json
import sys

from behaviours._facade import render_quality_report
from behaviours._files import atomic_write, check_target
from behaviours.cli._inputs import read_inputs
from behaviours.cli._settings import settings_from
from behaviours.frameworks.catalogue import load_framework
from behaviours.results.quality import analyse, quality_schema

__all__: list[str] = []


def _analyse(args: argparse.Namespace) -> int:
    if args.out is not None:
        check_target(args.out)
    framework = load_framework(args.framework)
    answers = read_inputs(args, framework)
    source = ", ".join(str(path) for path in args.responses)
    quality = analyse(answers, framework, settings_from(args), source=source)
    if args.format != "json":
        data = render_quality_report(quality, framework, format=args.format)
    else:
        data = (quality.model_dump_json(indent=2) + "\n").encode("utf-8")
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        atomic_write(args.out, data)
        print(
            f"wrote {args.out} ({quality.respondents} respondents, "
            f"{len(quality.behaviours)} behaviours)",
            file=sys.stderr,
        )
    for warning in quality.warnings:
        print(f"behaviours: note: {warning}", file=sys.stderr)
    return 0


def _quality_schema(_args: argparse.Namespace) -> int:
    print(json.dumps(quality_schema(), indent=2, ensure_ascii=False))
    return 0
