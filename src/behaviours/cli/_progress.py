"""The progress bar of the commands that work through many subjects or files (stderr only)."""

from __future__ import annotations

from typing import TextIO

from behaviours.packs.manifest import Status

__all__ = ["ProgressBar"]


class ProgressBar:
    """A one-line text progress bar, redrawn in place; plain text, no dependency."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream = stream
        self.width = width

    def __call__(self, done: int, total: int | None, subject: str, status: Status) -> None:
        if total:
            filled = round(self.width * done / total)
            bar = f"[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total}"
        else:
            bar = f"{done} done"
        self.stream.write(f"\r{bar} {status:<8}")
        if total is not None and done == total:
            self.stream.write("\n")
        self.stream.flush()
