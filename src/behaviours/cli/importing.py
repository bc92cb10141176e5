"""``behaviours import``: what ``score`` and ``report`` would read, written out to be checked.

A team about to send a hundred feedback packs wants to see first who was
read, in which role, with which answers. ``import`` reads the files exactly
as the other two do (``behaviours.cli._inputs``) and writes the canonical
JSON assessments, which both accept as they are: read, check, then
``behaviours report assessments.json`` makes the same pack the exports would.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from behaviours._files import atomic_write, check_target, output_folder
from behaviours.cli._inputs import read_inputs
from behaviours.frameworks.catalogue import load_framework
from behaviours.packs.manifest import safe_filename
from behaviours.responses.model import Assessment, assessments_json

__all__: list[str] = []


def _import(args: argparse.Namespace) -> int:
    one_file = args.out is not None and args.out.lower().endswith(".json")
    if one_file:
        check_target(args.out)  # a bad --out is said before the files are read
    elif args.out is not None and Path(args.out).exists() and not Path(args.out).is_dir():
        output_folder(args.out)  # refuses a file where the folder should be, making nothing
    assessments = read_inputs(args, load_framework(args.framework))
    if args.out is None:
        sys.stdout.write(assessments_json(assessments) + "\n")
        return 0
    if one_file:
        atomic_write(args.out, (assessments_json(assessments) + "\n").encode("utf-8"))
        print(f"wrote {args.out} ({_count(assessments)})", file=sys.stderr)
        return 0
    folder = output_folder(args.out)
    for a in assessments:  # one file per subject, named as its report would be
        path = folder / safe_filename(a.subject.id, ".json", label=a.subject.name)
        atomic_write(path, (assessments_json([a]) + "\n").encode("utf-8"))
    print(
        f"wrote {len(assessments)} files to {Path(args.out)} ({_count(assessments)})",
        file=sys.stderr,
    )
    return 0


def _count(assessments: list[Assessment]) -> str:
    responses = sum(len(a.responses) for a in assessments)
    return f"{len(assessments)} assessment(s), {responses} response(s)"
