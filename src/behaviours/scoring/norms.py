"""Local norms as arrays: the distribution of a cohort's scores, and where a score sits in it.

A norm keeps, per behaviour, the distinct scores of its people with their
counts (scores are means of a few integer answers, so there are few distinct
values; they are rounded to ``DECIMALS`` places so that float noise does not
split one value in two), and their mean and SD. From it:

- the **mid-rank percentile** ``PR = 100 * (below + equal / 2) / N`` (the
  share of the norm below the score, counting ties as half; Crocker & Algina
  1986, ch. 19), equal to ``scipy.stats.percentileofscore(kind="mean")``;
- ``z = (x - mean) / sd`` with the sample SD (n - 1) and ``T = 50 + 10 z``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from behaviours.scoring.types import FloatArray, IntArray

__all__ = [
    "DECIMALS",
    "Distribution",
    "distributions",
    "percentile",
    "place",
    "standard_scores",
]

DECIMALS = 6


@dataclass(frozen=True, eq=False)
class Distribution:
    """One behaviour's norm: distinct scores ascending, their counts, N, mean and SD."""

    values: FloatArray
    counts: IntArray
    n: int
    mean: float
    sd: float

    @classmethod
    def of(
        cls, values: list[float], counts: list[int], n: int, mean: float | None, sd: float | None
    ) -> Distribution:
        """A distribution as a norm file stores it (None for a mean or SD it has not)."""
        return cls(
            np.asarray(values, dtype=np.float64),
            np.asarray(counts, dtype=np.int64),
            n,
            float("nan") if mean is None else mean,
            float("nan") if sd is None else sd,
        )


def distributions(scores: npt.ArrayLike) -> list[Distribution]:
    """The norm distribution of each behaviour (column) of ``scores`` (NaN: no score)."""
    out = []
    for column in np.asarray(scores, dtype=np.float64).T:
        present = np.round(column[np.isfinite(column)], DECIMALS)
        values, counts = np.unique(present, return_counts=True)
        n = int(present.size)
        mean = float(present.mean()) if n else float("nan")
        sd = float(present.std(ddof=1)) if n > 1 else float("nan")
        out.append(Distribution(values, counts.astype(np.int64), n, mean, sd))
    return out


def percentile(norm: Distribution, x: FloatArray) -> FloatArray:
    """The mid-rank percentile of each score in ``x`` (NaN where ``x`` is NaN)."""
    cum = np.concatenate([[0], np.cumsum(norm.counts)])
    xr = np.round(np.nan_to_num(x, nan=0.0), DECIMALS)
    below = cum[np.searchsorted(norm.values, xr, side="left")]
    upto = cum[np.searchsorted(norm.values, xr, side="right")]
    pr = 100.0 * (below + (upto - below) / 2.0) / norm.n
    return np.where(np.isfinite(x), pr, np.nan)


def standard_scores(norm: Distribution, x: FloatArray) -> tuple[FloatArray, FloatArray]:
    """``z`` and ``T = 50 + 10 z`` of each score in ``x`` against the norm (NaN with SD 0)."""
    z = np.full(np.shape(x), np.nan) if not norm.sd > 0 else (x - norm.mean) / norm.sd
    return z, 50.0 + 10.0 * z


def place(norm: Distribution, x: float) -> tuple[float, float, float]:
    """One score's percentile, z and T in the norm (NaN where there is no score or norm)."""
    if norm.n == 0 or math.isnan(x):
        return math.nan, math.nan, math.nan
    score = np.array([x])
    z, t = standard_scores(norm, score)
    return float(percentile(norm, score)[0]), float(z[0]), float(t[0])
