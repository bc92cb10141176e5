"""Make the generated data sets of the analysis references (run once; the CSVs are committed).

``planted.csv``: 300 respondents, two behaviours of a one-factor model on a
1-5 scale, 3% of answers missing. Behaviour ``b0`` has four ``does`` items and
one correctly worded ``does_not`` item; behaviour ``b1`` has three ``does``
items, one correctly worded ``does_not`` item (``b1.n0``) and one planted
miskeyed item (``b1.n1``): listed as ``does_not`` but answered like a ``does``.
``groups.csv``: 40 groups of 2 to 9 members, two variables with a group effect
(strong for ``y1``, weak for ``y2``), for ICC(1) and ICC(2).

Usage: ``python tests/references/analysis/make_data.py`` then ``Rscript make.R``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def planted(rng: np.random.Generator, n: int = 300) -> None:
    f0, f1 = rng.normal(size=n), rng.normal(size=n)
    columns: dict[str, np.ndarray] = {}
    for name, factor, runs in [
        *[(f"b0.d{j}", f0, 1) for j in range(4)],
        ("b0.n0", f0, -1),
        *[(f"b1.d{j}", f1, 1) for j in range(3)],
        ("b1.n0", f1, -1),
        ("b1.n1", f1, 1),  # planted: a does_not item answered like a does item
    ]:
        raw = 3 + runs * 0.9 * factor + rng.normal(scale=0.8, size=n)
        columns[name] = np.clip(np.rint(raw), 1, 5)
    with (HERE / "planted.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        missing = rng.random((n, len(columns))) < 0.03
        for r in range(n):
            w.writerow(
                "" if missing[r, i] else str(int(c[r])) for i, c in enumerate(columns.values())
            )


def groups(rng: np.random.Generator, j: int = 40) -> None:
    sizes = rng.integers(2, 10, size=j)
    with (HERE / "groups.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["group", "y1", "y2"])
        for g, size in enumerate(sizes):
            u1, u2 = rng.normal(scale=0.7), rng.normal(scale=0.2)
            for _ in range(size):
                y1 = 3 + u1 + rng.normal(scale=0.8)
                y2 = 3 + u2 + rng.normal(scale=0.8)
                w.writerow([f"g{g:02d}", f"{y1:.6f}", f"{y2:.6f}"])


if __name__ == "__main__":
    generator = np.random.default_rng(20261201)
    planted(generator)
    groups(generator)
