"""Cohort benchmark: 100,000 people x 10 behaviours aggregated with disclosure control and a
norm table built, next to a plain group-by floor measured in the same run.

Run with ``.venv/bin/python benchmarks/cohorts.py [--people N] [--units U]``. The
workload: scores on a 1-5 scale in quarters (means of four items), 2% missing,
people spread over ``U`` units of uneven size, a few of them smaller than
``min_people`` so that complementary suppression has work to do. It prints,
best of three runs each:

- ``cohort_table``: the array API (``behaviours.scoring.cohorts.aggregate`` then
  ``suppress``, what ``behaviours.cohort_table`` runs on its results);
- ``norm``: ``behaviours.scoring.norms.distributions`` over every behaviour;
- the floor: ``numpy.bincount`` counts, sums and sums of squares per unit and
  behaviour, the least any group-by must do (no margins, no intervals, no
  suppression), and pandas' ``groupby().agg(["count", "mean", "std"])`` when
  pandas is installed.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from behaviours.scoring.cohorts import aggregate, suppress
from behaviours.scoring.norms import distributions


def workload(people: int, units: int, behaviours: int = 10) -> tuple[Any, Any]:
    """Scores (people x behaviours, NaN where missing) and unit codes."""
    rng = np.random.default_rng(13)
    weights = rng.gamma(2.0, 1.0, size=units)
    weights[: max(units // 50, 1)] = 0.02  # a few tiny units
    codes = rng.choice(units, size=people, p=weights / weights.sum()).astype(np.int64)
    scores = np.clip(np.round((3.5 + rng.normal(0, 0.7, (people, behaviours))) * 4) / 4, 1, 5)
    scores[rng.random(scores.shape) < 0.02] = np.nan
    return scores, codes


def best(run: Callable[[], object], repeats: int = 3) -> float:
    """The best wall time of ``repeats`` runs, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def numpy_floor(scores: Any, codes: Any, units: int) -> None:
    """Counts, sums and sums of squares per unit and behaviour with plain numpy."""
    for column in scores.T:
        ok = np.isfinite(column)
        np.bincount(codes[ok], minlength=units)
        np.bincount(codes[ok], weights=column[ok], minlength=units)
        np.bincount(codes[ok], weights=column[ok] ** 2, minlength=units)


def main() -> None:
    """Print the cohort, norm and floor timings for one workload."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=500)
    args = parser.parse_args()
    scores, codes = workload(args.people, args.units)
    cells = suppress(aggregate(scores, codes, args.units), scores, codes, 5)
    small = int(((cells.n > 0) & (cells.n < 5)).sum())
    print(
        f"{args.people:,} people x {scores.shape[1]} behaviours in {args.units} units "
        f"({small} cells below 5 people, {int(cells.withheld.sum())} withheld)"
    )
    table = best(lambda: suppress(aggregate(scores, codes, args.units), scores, codes, 5))
    norm = best(lambda: distributions(scores))
    print(f"  cohort table (aggregate + suppress)  {table * 1000:8.1f} ms")
    print(f"  norm table (every behaviour)         {norm * 1000:8.1f} ms")
    print(f"  both                                 {(table + norm) * 1000:8.1f} ms  (goal: < 1000)")
    floor = best(lambda: numpy_floor(scores, codes, args.units))
    print(f"  floor: numpy bincount group-by       {floor * 1000:8.1f} ms")
    try:
        import pandas as pd
    except ImportError:
        print("  floor: pandas groupby                (pandas not installed)")
        return
    frame = pd.DataFrame(scores)
    frame["unit"] = codes
    pandas = best(lambda: frame.groupby("unit").agg(["count", "mean", "std"]))
    print(f"  floor: pandas groupby                {pandas * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
