"""The scoring settings every command that scores takes, defined once."""

from __future__ import annotations

import argparse
from typing import Any

from behaviours.scoring.settings import ScoringSettings

__all__ = ["add_settings_arguments", "settings_from"]


def _bounds(name: str) -> tuple[int, int]:
    """The limits ``ScoringSettings`` sets on a field, read from it, not copied."""
    metadata = ScoringSettings.model_fields[name].metadata
    low = next(m.ge for m in metadata if getattr(m, "ge", None) is not None)
    high = next(m.le for m in metadata if getattr(m, "le", None) is not None)
    return int(low), int(high)


def _min_raters(text: str) -> int:
    low, high = _bounds("min_raters")
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a whole number from {low} to {high}, not {text!r}"
        ) from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(
            f"expected a whole number from {low} to {high}, not {value}"
        )
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
