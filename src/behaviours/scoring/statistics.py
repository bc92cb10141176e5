"""The statistics, as array functions: t quantiles and p-values, intervals, alpha and agreement.

Student's t comes from scipy's ``stdtrit`` and ``stdtr`` (the incomplete beta
function of Cephes, as R's ``qt`` and ``pt`` use), exact at any real degrees
of freedom, so a Welch interval at ``df = 2.6`` is not widened to ``df = 2``.
``tests/references/compare/`` holds R's values; they agree to 1e-9. Only
``scipy.special`` is imported (a tenth of the time ``scipy.stats`` takes).
Every function takes and returns numpy arrays and gives NaN where a statistic
does not exist, so callers never see a made-up 0.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import special

from behaviours.scoring.types import FloatArray

__all__ = [
    "Z_975",
    "alpha",
    "confidence_interval",
    "null_variance",
    "rwg",
    "rwg_star",
    "t_975",
    "t_quantile",
    "t_two_sided_p",
]

Z_975 = 1.959963984540054


def t_quantile(p: npt.ArrayLike, df: npt.ArrayLike) -> FloatArray:
    """The ``p`` quantile of Student's t with ``df`` (any real > 0) degrees of freedom.

    NaN where ``df`` is not positive or is NaN, and where ``p`` is outside (0, 1);
    the normal quantile at ``df = inf``. Broadcasts like any numpy function.
    """
    pp = np.asarray(p, dtype=np.float64)
    d = np.asarray(df, dtype=np.float64)
    ok = (d > 0) & (pp > 0) & (pp < 1)
    out = special.stdtrit(np.where(ok, d, 1.0), np.where(ok, pp, 0.5))
    return np.where(ok, out, np.nan)


def t_975(df: npt.ArrayLike) -> FloatArray:
    """The 97.5% quantile of Student's t, the one a 95% interval uses (``t_quantile``)."""
    return t_quantile(0.975, df)


def t_two_sided_p(t: npt.ArrayLike, df: npt.ArrayLike) -> FloatArray:
    """``P(|T| >= |t|)`` for Student's t with ``df`` degrees of freedom; NaN where undefined."""
    tt = np.abs(np.asarray(t, dtype=np.float64))
    d = np.asarray(df, dtype=np.float64)
    ok = (d > 0) & ~np.isnan(tt)
    tail = special.stdtr(np.where(ok, d, 1.0), -np.where(ok, tt, 0.0))
    return np.where(ok, np.minimum(2 * tail, 1.0), np.nan)


def confidence_interval(
    mean: FloatArray, sd: FloatArray, n: npt.NDArray[np.int64]
) -> tuple[FloatArray, FloatArray]:
    """The 95% t interval ``mean -/+ t(n - 1) * sd / sqrt(n)``; NaN where n < 2."""
    with np.errstate(divide="ignore", invalid="ignore"):
        half = t_975(n - 1) * sd / np.sqrt(n)
    half = np.where(n >= 2, half, np.nan)
    return mean - half, mean + half


def alpha(item_var_sum: FloatArray, total_var: FloatArray, k: npt.ArrayLike) -> FloatArray:
    """Cronbach's alpha ``k / (k - 1) * (1 - sum of item variances / variance of totals)``.

    NaN when there are fewer than two items or the totals do not vary.
    """
    kk = np.asarray(k, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        a = kk / (kk - 1) * (1 - item_var_sum / total_var)
    ok = (kk >= 2) & (total_var > 0) & np.isfinite(a)
    return np.where(ok, a, np.nan)


def null_variance(values: FloatArray) -> FloatArray:
    """The uniform ("no agreement") null variance of each scale: the variance of its points.

    ``values`` is ``B x P`` (NaN-padded). Each point equally likely, as a discrete
    distribution: ``sigma_EU^2 = sum((v - mean v)^2) / A`` over the ``A`` points,
    which is ``(A^2 - 1) / 12`` for consecutive points (James, Demaree & Wolf 1984)
    and scales with the spacing otherwise (0, 2, 4, 6, 8: 8, not 2), so rwg does
    not depend on how the points are numbered.
    """
    mean = np.nanmean(values, axis=-1, keepdims=True)
    out: FloatArray = np.nanmean((values - mean) ** 2, axis=-1)
    return out


def rwg(mean_item_var: FloatArray, items: npt.ArrayLike, null: npt.ArrayLike) -> FloatArray:
    """rwg(J) of James, Demaree and Wolf (1984) against a uniform null, clipped to [0, 1].

    With ``r = mean item variance / null`` (``null_variance``) and ``J`` items,
    ``rwg(J) = J (1 - r) / (J (1 - r) + r)``; for one item that is ``1 - r``. When
    the observed variance reaches the null (r >= 1) it is 0, as ``multilevel::rwg.j``
    truncates it. It is a Spearman-Brown step-up of the single-item value, so at the
    same per-item agreement it rises with J: compare groups with ``rwg_star``.
    NaN where the variance is unknown (fewer than two respondents) or J is 0.
    Tested against R's ``multilevel::rwg`` and ``rwg.j`` (tests/references/agreement).
    """
    j = np.asarray(items, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = mean_item_var / np.asarray(null, dtype=np.float64)
        value = j * (1 - r) / (j * (1 - r) + r)
    value = np.where(r >= 1, 0.0, value)
    value = np.where(np.isnan(mean_item_var) | (j < 1), np.nan, value)
    return np.clip(value, 0.0, 1.0)


def rwg_star(mean_item_var: FloatArray, null: npt.ArrayLike) -> FloatArray:
    """r*wg(J) of Lindell, Brandt and Whitney (1999): ``1 - mean item variance / null``.

    The mean item variance against the null without the Spearman-Brown step-up,
    so it does not grow with the number of items and one threshold means the same
    for a quick (one item) and a full assessment. Equal to the mean of the items'
    single-item rwg before truncation (every item of a behaviour shares its scale).
    Not truncated: below 0 the answers are further apart than chance (split
    camps), about -1 for two equal camps at the ends (lower in small groups).
    NaN where the variance is unknown. Tested against R's
    ``multilevel::rwg.j.lindell`` (tests/references/agreement).
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        out: FloatArray = 1 - mean_item_var / np.asarray(null, dtype=np.float64)
    return out
