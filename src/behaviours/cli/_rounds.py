"""``--round`` and ``--assessed-on`` applied to what was read, and said: never invented silently.

A 360 round is published once (docs/privacy.md), and a survey export carries no
date of its own, so every command that reads responses says on stderr which
date and round it used, and where each came from.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from behaviours.responses.model import Assessment

__all__ = ["with_round"]


def with_round(
    items: list[Assessment], args: argparse.Namespace, *, dated: bool
) -> list[Assessment]:
    """Apply ``--round`` and ``--assessed-on``, and say on stderr which date and round are used:
    a 360 round is published once, so neither may be invented silently (docs/privacy.md)."""
    update: dict[str, Any] = {}
    if args.round is not None:
        update["round"] = args.round
    if args.assessed_on is not None:
        update["assessed_on"] = args.assessed_on
    items = [item.model_copy(update=update) for item in items] if update else items
    for on, name in sorted({(str(i.assessed_on), i.round or "") for i in items}):
        source = "from --assessed-on" if args.assessed_on else "from the file"
        if not dated and args.assessed_on is None:
            source = "today: pass --assessed-on for the date the round closed"
        window = f"round {name!r}" if name else "no --round: the date identifies the round"
        print(f"behaviours: dated {on} ({source}); {window}", file=sys.stderr)
    return items
