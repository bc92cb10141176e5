"""``behaviours frameworks list|show|validate`` and ``behaviours schema framework``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from behaviours.errors import FrameworkError
from behaviours.frameworks.catalogue import list_frameworks, load_framework
from behaviours.frameworks.loading import dump_framework, read_framework_file
from behaviours.frameworks.model import Framework

__all__ = ["framework_schema"]


def framework_schema() -> dict[str, Any]:
    """The JSON Schema of framework files (committed as ``frameworks/schema.json``)."""
    schema = Framework.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "behaviours framework"
    return schema


def _list(args: argparse.Namespace) -> int:
    rows = list_frameworks()
    if args.format == "json":
        print(json.dumps([row.__dict__ for row in rows], indent=2))
        return 0
    width = max((len(r.id) for r in rows), default=2)
    head = ("ID", "VERSION", "KIND", "BEHAVIOURS", "INDICATORS", "TITLE")
    print(
        f"{head[0]:<{width}}  {head[1]:<7}  {head[2]:<15}  {head[3]:>10}  {head[4]:>10}  {head[5]}"
    )
    for r in rows:
        print(
            f"{r.id:<{width}}  {r.version:<7}  {r.kind:<15}  {r.behaviours:>10}  "
            f"{r.indicators:>10}  {r.title}"
        )
    return 0


def _show(args: argparse.Namespace) -> int:
    fw = load_framework(args.id)
    if args.format == "yaml":
        sys.stdout.write(dump_framework(fw))
    elif args.format == "json":
        print(fw.model_dump_json(indent=2, exclude_none=True))
    else:
        print(f"{fw.title} ({fw.id} {fw.version}, {fw.kind})")
        print(f"Owner: {fw.owner}. Source: {fw.source.title}, {fw.source.publisher}.")
        print()
        print(fw.summary.text)
        scale = fw.scale
        print()
        print(
            f"Scale '{fw.default_scale}': "
            + ", ".join(f"{p.value} {p.label}" for p in scale.points)
            + (
                f"; '{scale.not_able_to_say}' is recorded, not scored"
                if scale.not_able_to_say
                else ""
            )
        )
        for b in fw.behaviours:
            print()
            mark = "" if b.title.provenance == "source" else " [authored]"
            print(f"{b.id}: {b.title.text}{mark}")
            print(f"  {b.description.text}")
            print(f"  Quick: {b.quick_prompt.text}")
            print(
                f"  Indicators: {len(b.indicators.does)} does, "
                f"{len(b.indicators.does_not)} does not; development: {len(b.development)}"
            )
    return 0


def _validate(args: argparse.Namespace) -> int:
    failed = 0
    for file in args.files:
        try:
            fw = read_framework_file(file, check_name=True)
        except FrameworkError as exc:
            failed += 1
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            continue
        count = len(fw.behaviours)
        print(f"{file}: ok ({fw.id} {fw.version}, {count} behaviour{'s' * (count != 1)})")
    return 1 if failed else 0


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(framework_schema(), indent=2, ensure_ascii=False))
    return 0
