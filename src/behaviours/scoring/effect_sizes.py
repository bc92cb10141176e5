"""Programme evaluation: paired change, standardised effect sizes and reliable change.

Arrays are ``people x behaviours`` before and after, matched by row (person);
each behaviour uses the people with a score in both rounds. The formulas, with
their sources, are in docs/cohorts.md:

- mean change ``M = mean(after - before)`` with the paired 95% t interval (the one
  paired t test, ``behaviours.scoring.change.paired_test``)
  ``M -/+ t(0.975, n - 1) * s_diff / sqrt(n)`` (Student's paired t);
- ``d_z = M / s_diff`` (Cohen 1988; Lakens 2013), its
  interval by inverting the noncentral t distribution of ``t = d_z sqrt(n)``
  with ``n - 1`` df (Steiger & Fouladi 1997), as R's
  ``effectsize::cohens_d(paired = TRUE)``;
- ``g_av = J(n - 1) * M / sqrt((s_before^2 + s_after^2) / 2)`` with Hedges'
  exact small-sample correction ``J(df) = Gamma(df/2) / (sqrt(df/2) *
  Gamma((df-1)/2))`` (Hedges 1981) and the normal interval of Algina &
  Keselman (2003) ``d_av -/+ z * (s_diff / sqrt(n)) / s_av``, also times J,
  as ``effectsize::repeated_measures_d(method = "av")``;
- the Jacobson-Truax (1991) reliable change index ``RC = (after - before) /
  S_diff`` with ``S_diff = sqrt(2) * s_before * sqrt(1 - r_xx)``; a change is
  reliable when ``|RC| > 1.96``.

Checked against R's effectsize and psych (tests/references/cohorts/).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.optimize
import scipy.special
import scipy.stats

from behaviours.scoring.change import paired_test
from behaviours.scoring.statistics import Z_975, alpha
from behaviours.scoring.types import FloatArray, IntArray

__all__ = [
    "PairedChange",
    "ReliableChange",
    "cronbach_alpha",
    "hedges_j",
    "paired_change",
    "reliable_change",
]


@dataclass(frozen=True, eq=False)
class PairedChange:
    """Per behaviour: the paired change and its effect sizes (NaN where n does not allow)."""

    n: IntArray
    mean_before: FloatArray
    mean_after: FloatArray
    sd_before: FloatArray
    sd_after: FloatArray
    change: FloatArray
    sd_change: FloatArray
    ci_low: FloatArray
    ci_high: FloatArray
    d_z: FloatArray
    d_z_low: FloatArray
    d_z_high: FloatArray
    g_av: FloatArray
    g_av_low: FloatArray
    g_av_high: FloatArray


def _table(values: npt.ArrayLike) -> FloatArray:
    """People x columns as floats; an empty list is zero people of zero columns."""
    table = np.asarray(values, dtype=np.float64)
    return table.reshape(0, 0) if table.size == 0 else table


def hedges_j(df: FloatArray) -> FloatArray:
    """Hedges' (1981) exact correction ``Gamma(df/2) / (sqrt(df/2) Gamma((df - 1)/2))``."""
    with np.errstate(invalid="ignore", divide="ignore"):
        log_j = (
            scipy.special.gammaln(df / 2)
            - 0.5 * np.log(df / 2)
            - scipy.special.gammaln((df - 1) / 2)
        )
    return np.where(df > 1, np.exp(log_j), np.nan)


def _ncp_limits(t: float, df: float) -> tuple[float, float]:
    """The noncentrality parameters whose t distributions put ``t`` at 97.5% and 2.5%."""

    def at(p: float) -> float:
        def gap(ncp: float) -> float:
            return float(scipy.stats.nct.cdf(t, df, ncp)) - p

        width = 10.0 + abs(t)
        return float(scipy.optimize.brentq(gap, t - width, t + width, xtol=1e-14, rtol=1e-14))

    return at(0.975), at(0.025)


def _sd(values: FloatArray, mask: np.ndarray, n: IntArray) -> tuple[FloatArray, FloatArray]:
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(mask, values, 0.0).sum(axis=0) / n
        dev = np.where(mask, values - mean, 0.0)
        sd = np.sqrt((dev * dev).sum(axis=0) / (n - 1))
    return np.where(n > 0, mean, np.nan), np.where(n > 1, sd, np.nan)


def paired_change(before: npt.ArrayLike, after: npt.ArrayLike) -> PairedChange:
    """The paired change of each behaviour (columns) over people (rows) in both rounds."""
    before, after = _table(before), _table(after)
    both = np.isfinite(before) & np.isfinite(after)
    n = both.sum(axis=0).astype(np.int64)
    mean_before, sd_before = _sd(before, both, n)
    mean_after, sd_after = _sd(after, both, n)
    test = paired_test(np.where(both, after - before, np.nan))  # the one paired t
    one, _ = _sd(after - before, both, n)  # a lone pair's change, which has no test
    change, se = np.where(n >= 2, test.estimate, one), test.se
    sd_change = se * np.sqrt(n)
    df = (n - 1).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        d_z = change / sd_change
        s_av = np.sqrt((sd_before**2 + sd_after**2) / 2)
        d_av = change / s_av
        j = hedges_j(df)
        av_half = Z_975 * se / s_av
    ok = (n > 1) & (sd_change > 0)
    d_z = np.where(ok, d_z, np.nan)
    limits = np.full((2, n.size), np.nan)
    for b in np.flatnonzero(ok & (n > 2)):
        limits[:, b] = np.array(_ncp_limits(float(d_z[b] * np.sqrt(n[b])), float(df[b])))
        limits[:, b] /= np.sqrt(n[b])
    av_ok = (n > 2) & (s_av > 0)
    g_av = np.where(av_ok, d_av * j, np.nan)
    return PairedChange(
        n=n,
        mean_before=mean_before,
        mean_after=mean_after,
        sd_before=sd_before,
        sd_after=sd_after,
        change=change,
        sd_change=sd_change,
        ci_low=np.where(test.degenerate, change, test.low),
        ci_high=np.where(test.degenerate, change, test.high),
        d_z=d_z,
        d_z_low=limits[0],
        d_z_high=limits[1],
        g_av=g_av,
        g_av_low=np.where(av_ok, (d_av - av_half) * j, np.nan),
        g_av_high=np.where(av_ok, (d_av + av_half) * j, np.nan),
    )


@dataclass(frozen=True, eq=False)
class ReliableChange:
    """Per behaviour: how many matched people changed reliably, up and down."""

    n: IntArray
    s_diff: FloatArray
    improved: IntArray
    deteriorated: IntArray


def reliable_change(
    before: npt.ArrayLike,
    after: npt.ArrayLike,
    sd_before: npt.ArrayLike,
    reliability: npt.ArrayLike,
) -> ReliableChange:
    """Jacobson-Truax counts, with ``S_diff`` from the baseline SD and reliability."""
    before, after = _table(before), _table(after)
    sd_before = np.asarray(sd_before, dtype=np.float64)
    reliability = np.asarray(reliability, dtype=np.float64)
    both = np.isfinite(before) & np.isfinite(after)
    with np.errstate(invalid="ignore", divide="ignore"):
        s_diff = np.sqrt(2.0) * sd_before * np.sqrt(1.0 - reliability)
        rc = (after - before) / s_diff
    usable = np.isfinite(s_diff) & (s_diff > 0)
    rc = np.where(both & usable, rc, np.nan)
    with np.errstate(invalid="ignore"):
        improved = (rc > Z_975).sum(axis=0)
        deteriorated = (rc < -Z_975).sum(axis=0)
    return ReliableChange(
        n=both.sum(axis=0).astype(np.int64),
        s_diff=np.where(usable, s_diff, np.nan),
        improved=improved.astype(np.int64),
        deteriorated=deteriorated.astype(np.int64),
    )


def cronbach_alpha(items: npt.ArrayLike) -> tuple[float, int]:
    """Cronbach's alpha of ``items`` (people x items) over people with every item, and that n.

    ``k / (k - 1) * (1 - sum of item variances / variance of totals)``
    (Cronbach 1951), as ``psych::alpha``'s raw alpha; NaN when it cannot be
    computed (fewer than two items or three people, or totals that do not vary).
    """
    table = _table(items)
    complete = table[np.isfinite(table).all(axis=1)]
    n, k = complete.shape
    if n < 3:
        return float("nan"), n
    item_var = np.asarray(complete.var(axis=0, ddof=1).sum())
    total_var = np.asarray(complete.sum(axis=1).var(ddof=1))
    return float(alpha(item_var, total_var, k)), n
