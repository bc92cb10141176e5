"""How long ``import behaviours`` and ``behaviours --help`` take before doing any work.

Target (issue 9): well under 100 ms of our own import time for both. "Our own"
is the self time ``python -X importtime`` gives every ``behaviours.*`` module,
summed; the third-party libraries they pull in are shown beside it, and so is
the floor measured in the same run: the interpreter starting and importing
``argparse`` and nothing else. Best of five fresh interpreters each.

Run: ``.venv/bin/python benchmarks/startup.py``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time

RUNS = 5
CASES = {
    "import behaviours": "import behaviours",
    "behaviours --help": (
        "import sys; sys.argv = ['behaviours', '--help']\n"
        "from behaviours.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    ),
    "floor: import argparse": "import argparse",
}
LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def measure(code: str) -> tuple[float, float, float, list[str]]:
    """Wall time, our modules' self time, and everything's, in ms; and heavy libraries loaded."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
    )
    wall = (time.perf_counter() - start) * 1000
    ours = total = 0.0
    loaded = set()
    for match in LINE.finditer(done.stderr):
        own, name = int(match.group(1)) / 1000, match.group(4)
        total += own
        if name.split(".")[0] == "behaviours":
            ours += own
        top = name.split(".")[0]
        if top in ("numpy", "reportlab", "yaml", "pydantic", "openpyxl"):
            loaded.add(top)
    return wall, ours, total, sorted(loaded)


def main() -> None:
    print(
        f"{'case':24} {'wall ms':>8} {'ours ms':>8} {'all imports ms':>15}  heavy libraries loaded"
    )
    for label, code in CASES.items():
        runs = [measure(code) for _ in range(RUNS)]
        wall = min(r[0] for r in runs)
        ours = min(r[1] for r in runs)
        total = min(r[2] for r in runs)
        print(f"{label:24} {wall:8.1f} {ours:8.1f} {total:15.1f}  {', '.join(runs[0][3]) or '-'}")
    print("target: ours well under 100 ms for both; none of numpy, reportlab, yaml loaded")


if __name__ == "__main__":
    main()
