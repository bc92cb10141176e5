"""Smoke test of benchmarks/reports.py: it runs with tiny counts and prints every figure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "reports.py"


@pytest.mark.slow
def test_reports_benchmark_quick_run_prints_every_figure() -> None:
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    lines = run.stdout.splitlines()
    starts = [
        "individual report (",
        "360 report (",
        "individual reports/s: ",
        "360 reports/s: ",
        "memory over 20 individual reports in one process: RSS ",
        "individual HTML report: ",
        "360 HTML report: ",
    ]
    assert len(lines) == len(starts)
    for start, line in zip(starts, lines, strict=True):
        assert line.startswith(start)
    assert "x the floor" in lines[0]
    assert "per core" in lines[2]
    assert "growth" in lines[4]
    assert "floor (html.escape" in lines[5]
