"""Every ```python block in docs/*.md and README.md runs, so the docs cannot rot.

The blocks of one page run in order in one namespace (a later block may use
what an earlier one defined), in a fresh temporary working directory. Shell
blocks (```sh, ```console) are not run. A block is skipped only when the line
just before its fence is the marker ``<!-- docs-test: skip -->`` (give the
reason after it); use it for blocks that cannot run here, such as a server
that never returns, and keep such blocks rare.
"""

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted([*ROOT.glob("docs/**/*.md"), ROOT / "README.md"])
SKIP_MARKER = "<!-- docs-test: skip"
_FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>[\w+-]*)[^\n]*$")


def python_blocks(text: str) -> list[tuple[int, str]]:
    """The ```python blocks of a Markdown page as (first line number, code), skips removed."""
    blocks: list[tuple[int, str]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        indent, lang, start = match["indent"], match["lang"], i
        body: list[str] = []
        i += 1
        while i < len(lines) and lines[i].strip() != "```":
            body.append(lines[i][len(indent) :])
            i += 1
        i += 1
        skipped = start > 0 and lines[start - 1].strip().startswith(SKIP_MARKER)
        if lang in ("python", "py") and not skipped:
            blocks.append((start + 2, "\n".join(body) + "\n"))
    return blocks


def test_block_finder_honours_the_skip_marker_and_ignores_shell() -> None:
    page = (
        "```python\na = 1\n```\n```sh\nls\n```\n"
        "<!-- docs-test: skip (server) -->\n```python\nb\n```\n"
    )
    assert python_blocks(page) == [(2, "a = 1\n")]


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_python_blocks_on_page_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BEHAVIOURS_DOCS_TEST", "1")
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for line, code in python_blocks(page.read_text(encoding="utf-8")):
        # Pad so a traceback's line numbers are the page's.
        compiled = compile("\n" * (line - 1) + code, str(page), "exec")
        exec(compiled, namespace)
    assert os.getcwd() == str(tmp_path), "a docs block changed the working directory"
