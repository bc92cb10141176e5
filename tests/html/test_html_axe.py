"""The HTML reports in a real browser: axe-core's WCAG 2.2 A and AA rules find nothing.

``tests/browser/axe.mjs`` opens each page in headless Chromium (Debian's
``chromium``) and runs axe-core (pinned in ``tests/browser/package-lock.json``).
``.ci/run`` installs both on a fresh machine; elsewhere the test runs when
``/usr/bin/chromium`` (or ``$CHROMIUM``), ``node`` and ``tests/browser/node_modules``
are there and is skipped, saying which is missing, when they are not (in CI a
missing piece fails instead, so the check cannot be skipped unseen).

Set ``BEHAVIOURS_SCREENSHOTS=DIR`` to keep a desktop (1280 px) and a phone
(390 px) screenshot of every page.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from behaviours import score
from behaviours.examples import example
from behaviours.frameworks.catalogue import load_framework
from behaviours.html.rendering import html_fragment, render_html
from behaviours.html.styles import STYLESHEET
from behaviours.packs.formats import report_document
from behaviours.reports.report import build_document
from strategies.report_kinds import report_kind_documents
from strategies.reports import result_of

BROWSER = Path(__file__).resolve().parents[1] / "browser"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)"
    if shutil.which("node") is None:
        return "no node on PATH (apt-get install nodejs)"
    if not (BROWSER / "node_modules" / "axe-core").is_dir():
        return f"no axe-core in {BROWSER / 'node_modules'} (run npm ci in {BROWSER})"
    return None


def _pages(folder: Path) -> list[Path]:
    """The example pack's HTML reports (every report kind), and pages that stress the markup."""
    pages = {}
    for name in ("individual", "team", "360"):
        assessment = example(name)  # type: ignore[arg-type]
        framework = load_framework(assessment.framework)
        pages[f"example-{name}"] = render_html(
            build_document(score(assessment, framework), framework)
        )
    hostile = result_of("360", name="عائشہ خان <b>&", comments=("محمد عمران: ہ ے", "x" * 300))
    framework = load_framework(hostile.framework.id)
    pages["hostile-360"] = render_html(build_document(hostile, framework))
    before, after = result_of("full", seed=1), result_of("full", seed=2, on=_later())
    compared = report_document(after, previous=before, framework=framework)
    pages["comparison"] = render_html(compared)
    pages["embedded-fragment"] = _embedding_page(compared)
    for kind, document in report_kind_documents().items():
        pages[f"example-{kind}"] = render_html(document)
    out = []
    for name, data in pages.items():
        path = folder / f"{name}.html"
        path.write_bytes(data)
        out.append(path)
    return out


def _later() -> object:
    import datetime

    return datetime.date(2026, 5, 1)


def _embedding_page(document: object) -> bytes:
    """An appraisal tool's page with its own h1, holding a report fragment at level 2."""
    fragment = html_fragment(document, id_prefix="r1", title_level=2)  # type: ignore[arg-type]
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        "<title>Appraisal</title><style>" + STYLESHEET + "</style></head><body>"
        "<main><h1>Your appraisal</h1>" + fragment + "</main></body></html>"
    ).encode()


def test_axe_core_finds_no_wcag_violation_in_any_html_report(tmp_path: Path) -> None:
    missing = _missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser check, but: {missing}")
        pytest.skip(f"browser accessibility check skipped: {missing}")
    pages = _pages(tmp_path)
    results = tmp_path / "axe-results.json"
    shots = os.environ.get("BEHAVIOURS_SCREENSHOTS", "")
    command = ["node", str(BROWSER / "axe.mjs"), "--chromium", CHROMIUM, "--out", str(results)]
    command += ["--shots", shots] if shots else []
    run = subprocess.run(
        [*command, *map(str, pages)], capture_output=True, text=True, timeout=300, check=False
    )
    assert run.returncode in (0, 1), run.stderr
    report = json.loads(results.read_text(encoding="utf-8"))
    found = {
        (page, width, v["id"]): v["nodes"][:3]
        for page, widths in report["reports"].items()
        for width, result in widths.items()
        for v in result["violations"]
    }
    assert sorted(report["reports"]) == sorted(p.name for p in pages)
    assert found == {}
    too_wide = {
        (page, width): result["page_width"]
        for page, widths in report["reports"].items()
        for width, result in widths.items()
        if result["page_width"] > result["viewport"]
    }
    assert too_wide == {}  # WCAG 1.4.10 reflow: a table scrolls in its box, never the page
    assert run.returncode == 0
