"""Item analysis benchmark: 10,000 respondents x 60 items, beside a bare numpy floor.

Run with ``make bench`` or ``.venv/bin/python benchmarks/analysis.py``. For each
workload it prints (a) the analysis from validated arrays to the published
``FrameworkQuality`` (every behaviour's alpha, Feldt interval, omega, item-rest
r, alpha if dropped, item figures; for a 360 also the scoring that decides
which answers results publish, and ICC(1)/ICC(2)), and (b) the floor: one
``numpy.cov`` of the same ``respondents x items`` matrix, the least any
consistency figure needs. Times are the best of three runs; the target is 1 s.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable

import numpy as np

from behaviours.results.quality import quality_of
from behaviours.scoring.anonymity import ROLE_CODES
from behaviours.scoring.item_analysis import analyse_arrays
from behaviours.scoring.item_layout import layout_of
from behaviours.scoring.settings import ScoringSettings
from scoring import framework  # benchmarks/scoring.py, beside this script

ON = datetime.date(2026, 3, 1)
RATERS = ["manager", "peer", "peer", "peer", "direct_report", "direct_report"]
RATERS += ["direct_report", "other", "other", "peer"]


def best(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def structured(rng: np.random.Generator, shape: tuple[int, int, int], per: int) -> np.ndarray:
    """Ratings 1-5 from one factor per behaviour of ``per`` items, 3% missing."""
    s, r, i = shape
    factor = np.repeat(rng.normal(size=(s, r, i // per)), per, axis=2)
    x = np.clip(np.rint(3 + factor + rng.normal(scale=0.8, size=shape)), 1, 5)
    x[rng.random(shape) < 0.03] = np.nan
    return x


def workload(name: str, kind: str, subjects: int, respondents: int) -> None:
    fw = framework(behaviours=12, indicators=5)
    layout = layout_of(fw, "full")
    settings = ScoringSettings()
    x = structured(np.random.default_rng(14), (subjects, respondents, 60), 5)
    nas = np.zeros(x.shape, dtype=np.bool_)
    roles = ["self"] if kind == "full" else RATERS[:respondents]
    codes = np.broadcast_to(np.array([ROLE_CODES[r] for r in roles], dtype=np.int8), x.shape[:2])

    def run() -> object:
        found = analyse_arrays(fw, kind, layout, x, codes=codes, nas=nas, settings=settings)  # type: ignore[arg-type]
        return quality_of(found, fw, ON)

    took = best(run)
    flat = x.reshape(-1, 60)
    floor = best(lambda: np.cov(np.nan_to_num(flat), rowvar=False))
    verdict = "ok" if took < 1 else "SLOW"
    print(
        f"{name:<46} (a) analysis {took:6.3f} s   (b) numpy.cov floor {floor:6.3f} s   "
        f"analysis/floor {took / floor:5.1f}x   target < 1 s: {verdict}"
    )


def main() -> None:
    workload("full self-assessments: 10,000 x 60 items", "full", 10_000, 1)
    workload("360 raters: 1,000 subjects x 10, 60 items", "360", 1_000, 10)


if __name__ == "__main__":
    main()
