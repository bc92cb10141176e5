"""The ``behaviours`` command line: its parsers (``parsers``), and a module per group of commands.

Exit codes: 0 ok, 1 invalid input (messages on stderr), 2 usage error, 130
interrupted. Building the parser imports no stage of the pipeline: a command's
module (``data``, ``frameworks``, ``reports``, ``analysis``) is imported when it runs, so
``behaviours --help`` starts at once.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from behaviours.cli.parsers import build_parser
from behaviours.errors import BehavioursError

__all__ = ["build_parser", "main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C


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
