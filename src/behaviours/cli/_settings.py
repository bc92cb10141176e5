"""The scoring settings every command that scores takes, defined once."""

from __future__ import annotations

import argparse
from typing import Any

from behaviours.scoring.settings import ScoringSettings

__all__ = ["add_settings_arguments", "settings_from"]


def _min_raters(text: str) -> int:
    value = int(text)
    if value < 2:
        raise argparse.ArgumentTypeError(f"must be at least 2, not {value}")
    return value


def add_settings_arguments(p: Any) -> None:
    """Add ``--min-raters`` and ``--show-manager`` to a subcommand."""
    p.add_argument(
        "--min-raters",
        type=_min_raters,
        default=ScoringSettings().min_raters,
        help="smallest rater group shown on its own in a 360 (default %(default)s)",
    )
    p.add_argument(
        "--show-manager",
        action="store_true",
        help="show the manager's ratings on their own in a 360 (they can then be identified)",
    )


def settings_from(args: argparse.Namespace) -> ScoringSettings:
    """The settings the command line asked for."""
    return ScoringSettings(min_raters=args.min_raters, show_manager=args.show_manager)
