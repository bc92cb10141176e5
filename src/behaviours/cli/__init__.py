"""The ``behaviours`` command line: argparse, one module per group of subcommands.

Exit codes: 0 ok, 1 invalid input (messages on stderr), 2 usage error.
Each subcommand module exposes ``register(subparsers)``; adding a group of
commands is one import and one call below.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from behaviours.cli import data as _data
from behaviours.cli import frameworks as _frameworks
from behaviours.cli import reports as _reports
from behaviours.errors import BehavioursError

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="behaviours",
        description="Leadership behaviour and values frameworks: assessments, scores, reports.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in _MODULES:
        module.register(sub)
    return parser


_MODULES = [_frameworks, _data, _reports]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        code: int = args.run(args)
    except BehavioursError as exc:
        print(f"behaviours: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:  # `behaviours ... | head` closed the pipe: not our error
        return EXIT_OK
    except KeyboardInterrupt:  # Ctrl-C: one line, never a traceback
        print("\nbehaviours: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return code
