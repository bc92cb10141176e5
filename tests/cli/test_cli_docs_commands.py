"""The example commands of the README and the command-line pages are ones the parser accepts.

The docs' Python blocks run (``test_docs_code``); shell blocks cannot, so each
``behaviours ...`` line in them is at least parsed, options and all: an
option renamed or a file argument moved makes the example fail here.
"""

import re
import shlex
from pathlib import Path

import pytest

from behaviours.cli.parsers import build_parser

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["README.md", "docs/cli.md", "docs/getting-started.md"]
_BLOCK = re.compile(r"^```(?:sh|console)\n(.*?)^```", re.MULTILINE | re.DOTALL)
_COMMAND = re.compile(r"^(?:\$ )?(?:\.venv/bin/)?behaviours (.*)$")


def commands() -> list[tuple[str, str]]:
    found = []
    for page in PAGES:
        for block in _BLOCK.findall((ROOT / page).read_text(encoding="utf-8")):
            for line in block.splitlines():
                match = _COMMAND.match(line.strip())
                if match:
                    found.append((page, match[1].split(" > ", 1)[0].split(" | ", 1)[0]))
    return found


def test_the_pages_have_example_commands() -> None:
    pages = {page for page, _ in commands()}
    assert pages == set(PAGES)
    assert any(c.startswith("report SELF.csv RATERS.csv") for _, c in commands())


@pytest.mark.parametrize(("page", "line"), commands(), ids=[f"{p}: {c}" for p, c in commands()])
def test_example_command_parses(page: str, line: str) -> None:
    try:
        build_parser().parse_args(shlex.split(line))
    except SystemExit as exc:  # argparse's usage error
        pytest.fail(f"{page}: `behaviours {line}` does not parse (exit {exc.code})")
