"""MkDocs hook: fill docs/cli.md with the ``--help`` of every command, from the parser itself.

The reference is generated at build time, so it cannot drift from the code:
a page that has the marker below gets, in its place, one section per command
and subcommand with its usage and options.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

MARKER = "<!-- cli-reference -->"


def _commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...]
) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    found = [(path, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.extend(_commands(sub, (*path, name)))
    return found


def cli_reference() -> str:
    """Markdown: a section with the help text of each command, in the parser's order."""
    from behaviours.cli import build_parser

    os.environ["COLUMNS"] = "88"  # argparse wraps help to the terminal; fix it for the page
    parts = []
    for path, parser in _commands(build_parser(), ("behaviours",)):
        if len(path) == 1:
            continue
        title = " ".join(path)
        parts.append(f"### `{title}`\n\n```text\n{parser.format_help().rstrip()}\n```\n")
    return "\n".join(parts)


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    """Replace the marker with the generated reference."""
    if MARKER in markdown:
        return markdown.replace(MARKER, cli_reference())
    return markdown
