"""Notes that are not problems, on stderr while a command reads: what a file was read as.

The reader says them through :mod:`logging` (``behaviours.responses``, at
INFO), as a library should; the command line shows them as ``behaviours:
note: ...`` lines, and only while it reads.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["notes_on_stderr"]


@contextmanager
def notes_on_stderr(name: str = "behaviours.responses") -> Iterator[None]:
    """Show the INFO notes of logger ``name`` on stderr for the duration of the block."""
    logger = logging.getLogger(name)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("behaviours: note: %(message)s"))
    level = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
