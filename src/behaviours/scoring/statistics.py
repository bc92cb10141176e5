"""The statistics, as array functions: t quantiles, confidence intervals, alpha and agreement.

No scipy: the 97.5% quantile of Student's t is tabulated for 1 to 30 degrees
of freedom (to ten decimal places) and above 30 computed from the
Cornish-Fisher expansion in 1/df to the fourth order, which is within 3e-8 of
the exact value there. Every function takes and returns numpy arrays and gives
NaN where a statistic does not exist, so callers never see a made-up 0.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from behaviours.scoring.types import FloatArray

__all__ = [
    "Z_975",
    "alpha",
    "confidence_interval",
    "null_variance",
    "rwg",
    "rwg_star",
    "t_975",
]

Z_975 = 1.959963984540054
_T_975 = np.array(
    [
        np.nan,
        12.7062047362,
        4.3026527297,
        3.1824463053,
        2.7764451052,
        2.5705818356,
        2.4469118511,
        2.3646242516,
        2.3060041352,
        2.2621571628,
        2.2281388520,
        2.2009851601,
        2.1788128297,
        2.1603686565,
        2.1447866879,
        2.1314495456,
        2.1199052992,
        2.1098155778,
        2.1009220402,
        2.0930240544,
        2.0859634473,
        2.0796138447,
        2.0738730679,
        2.0686576104,
        2.0638985616,
        2.0595385528,
        2.0555294386,
        2.0518305165,
        2.0484071418,
        2.0452296421,
        2.0422724563,
    ]
)


def _cornish_fisher(df: FloatArray) -> FloatArray:
    z = Z_975
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    result: FloatArray = z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4
    return result


_LOOKUP = 4096
_TABLE = np.concatenate([_T_975, _cornish_fisher(np.arange(31, _LOOKUP, dtype=np.float64))])
_TABLE.setflags(write=False)


def t_975(df: npt.ArrayLike) -> FloatArray:
    """The 97.5% quantile of Student's t with ``df`` degrees of freedom (NaN below 1).

    Fractional ``df`` is rounded down, which errs on the side of a wider interval.
    """
    d = np.asarray(df)
    if d.dtype.kind == "f":
        d = np.floor(np.nan_to_num(d, nan=0.0, posinf=1e9))
    d = d.astype(np.int64)
    out = _TABLE[np.clip(d, 0, _LOOKUP - 1)]
    if (d >= _LOOKUP).any():
        out = np.where(d >= _LOOKUP, _cornish_fisher(np.maximum(d, _LOOKUP).astype(float)), out)
    return out  # type: ignore[no-any-return]


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
