"""The statistics of a change between two rounds: Welch, paired, multiplicity, reliable change.

Each function works on arrays of behaviours (``B``) and gives NaN where a
figure does not exist. Formulas and citations are in docs/scoring.md
("Comparing two results"); the values are checked against R's ``t.test``,
``p.adjust`` and a hand-worked example (``tests/references/compare/``).

- **Welch** (independent rounds): ``se = sqrt(s1^2/n1 + s2^2/n2)`` with the
  Welch-Satterthwaite degrees of freedom ``(v1 + v2)^2 / (v1^2/(n1-1) + v2^2/(n2-1))``,
  ``v = s^2 / n`` (Welch 1947; Satterthwaite 1946), never rounded.
- **Paired** (the same respondents in both rounds): the one-sample t test of the
  per-respondent differences, ``se = sd(d) / sqrt(n)``, ``df = n - 1`` (Student 1908).
- **Degenerate**: when ``se`` is 0 (neither side varies, or every difference is the
  same) there is no test at all: no interval, no p-value, ``degenerate`` true.
- **Holm** (1979) and **Benjamini-Hochberg** (1995) adjust the p-values of one
  comparison's behaviours, as R's ``p.adjust``.
- **Reliable change index** (Jacobson & Truax 1991): ``(x2 - x1) / (sqrt(2) * SD *
  sqrt(1 - r))`` for one respondent, given a reliability ``r`` and a norm ``SD``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from behaviours.scoring.statistics import Z_975, t_975, t_two_sided_p
from behaviours.scoring.types import BoolArray, FloatArray, IntArray

__all__ = [
    "ADJUSTMENTS",
    "Adjustment",
    "ChangeTest",
    "adjust",
    "paired_test",
    "reliable_change_index",
    "welch_test",
]

Adjustment = Literal["holm", "bh", "none"]
ADJUSTMENTS: tuple[Adjustment, ...] = ("holm", "bh", "none")


@dataclass(frozen=True, eq=False)
class ChangeTest:
    """One test per behaviour (arrays of ``B``): the estimate, its uncertainty and p-value.

    ``tested`` is where there is a test (n allows and the variance is not 0);
    ``degenerate`` where n allows but the standard error is 0.
    """

    n: IntArray  # pairs (paired) or the smaller side's n (Welch)
    estimate: FloatArray
    se: FloatArray
    df: FloatArray
    low: FloatArray
    high: FloatArray
    p: FloatArray
    tested: BoolArray
    degenerate: BoolArray


def _test(n: IntArray, estimate: FloatArray, se: FloatArray, df: FloatArray) -> ChangeTest:
    """Interval and p-value of ``estimate`` with ``se`` and ``df``, where they exist."""
    has = ~np.isnan(se) & ~np.isnan(estimate)
    degenerate = has & (se == 0)
    tested = has & (se > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        half = np.where(tested, t_975(np.where(tested, df, np.nan)) * se, np.nan)
        p = t_two_sided_p(np.where(tested, estimate / se, np.nan), np.where(tested, df, np.nan))
    return ChangeTest(
        n=n,
        estimate=estimate,
        se=np.where(has, se, np.nan),
        df=np.where(tested, df, np.nan),
        low=estimate - half,
        high=estimate + half,
        p=p,
        tested=tested,
        degenerate=degenerate,
    )


def welch_test(
    before: tuple[npt.ArrayLike, npt.ArrayLike, npt.ArrayLike],
    after: tuple[npt.ArrayLike, npt.ArrayLike, npt.ArrayLike],
) -> ChangeTest:
    """Welch's test of ``after - before`` from each side's ``(mean, sd, n)``; needs n >= 2."""
    m1, s1, n1 = (np.asarray(v, dtype=np.float64) for v in before)
    m2, s2, n2 = (np.asarray(v, dtype=np.float64) for v in after)
    ok = (n1 >= 2) & (n2 >= 2) & ~np.isnan(s1) & ~np.isnan(s2)
    with np.errstate(divide="ignore", invalid="ignore"):
        v1, v2 = s1**2 / n1, s2**2 / n2
        se = np.sqrt(v1 + v2)
        df = (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
    n = np.minimum(np.nan_to_num(n1), np.nan_to_num(n2)).astype(np.int64)
    return _test(n, np.where(ok, m2 - m1, np.nan), np.where(ok, se, np.nan), df)


def paired_test(differences: FloatArray) -> ChangeTest:
    """The paired t test per column of ``differences`` (``pairs x B``, NaN: not a pair).

    The SD is computed in two passes over the sorted differences, so equal
    differences give exactly 0 and the order of respondents changes no bit.
    """
    d = np.sort(np.asarray(differences, dtype=np.float64), axis=0)
    ok = ~np.isnan(d)
    n = np.count_nonzero(ok, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(ok, d, 0.0).sum(axis=0) / n
        dev = np.where(ok, d - mean, 0.0)
        sd = np.sqrt((dev**2).sum(axis=0) / (n - 1))
        se = np.where(n >= 2, sd / np.sqrt(n), np.nan)
    return _test(n.astype(np.int64), np.where(n >= 2, mean, np.nan), se, (n - 1.0))


def adjust(p: npt.ArrayLike, method: Adjustment) -> FloatArray:
    """Adjusted p-values over the family of finite ``p`` (NaN stays NaN), as R's ``p.adjust``.

    Holm: the i-th smallest of m becomes ``max over j <= i of min(1, (m - j + 1) p_(j))``.
    Benjamini-Hochberg: ``min over j >= i of min(1, m / j * p_(j))``.
    """
    values = np.asarray(p, dtype=np.float64)
    out = np.full(values.shape, np.nan)
    family = np.flatnonzero(~np.isnan(values))
    m = family.size
    if method == "none" or m == 0:
        return np.where(np.isnan(values), np.nan, values)
    order = family[np.argsort(values[family], kind="stable")]
    ranked = values[order]
    rank = np.arange(1, m + 1)
    if method == "holm":
        adjusted = np.maximum.accumulate(np.minimum(1.0, (m - rank + 1) * ranked))
    else:
        adjusted = np.minimum.accumulate(np.minimum(1.0, m / rank * ranked)[::-1])[::-1]
    out[order] = adjusted
    return out


def reliable_change_index(
    change: npt.ArrayLike, reliability: npt.ArrayLike, norm_sd: npt.ArrayLike
) -> tuple[FloatArray, BoolArray]:
    """Jacobson and Truax's RC and whether it is reliable (``|RC| > 1.96``).

    ``S_diff = sqrt(2) * SD * sqrt(1 - r)``, the standard error of a difference of
    two scores each measured with reliability ``r`` in a population of SD ``SD``.
    NaN where ``r`` is not in [0, 1) or ``SD`` is not positive.
    """
    c = np.asarray(change, dtype=np.float64)
    r = np.asarray(reliability, dtype=np.float64)
    sd = np.asarray(norm_sd, dtype=np.float64)
    ok = (r >= 0) & (r < 1) & (sd > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        s_diff = np.sqrt(2.0) * sd * np.sqrt(np.where(ok, 1 - r, np.nan))
        rc = np.where(ok, c / s_diff, np.nan)
    return rc, np.abs(rc) > Z_975
