"""ICC(1) and ICC(2): how much of the answers is about the subject, and how reliable its mean is.

rwg(J) says whether one group's raters agree; the intraclass correlations say,
over all groups at once, whether raters of the same subject (or members of the
same team) answer more alike than raters of different ones. Both come from the
one-way analysis of variance of respondents' values by group (Bliese 2000):

    ICC(1) = (MSB - MSW) / (MSB + (k - 1) MSW)      ICC(2) = (MSB - MSW) / MSB

with ``k`` the mean group size ``N / J`` when groups differ in size, exactly as
R ``multilevel::ICC1`` (its ``GSIZE``) and ``ICC2``; Shrout and Fleiss (1979)
call them ICC(1,1) and ICC(1,k). Vectorised over columns (behaviours or items).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from behaviours.scoring.types import BoolArray, FloatArray, IntArray

__all__ = ["Intraclass", "intraclass"]


@dataclass(frozen=True, eq=False)
class Intraclass:
    """ICC(1) and ICC(2) per column (``K``), with the values and groups behind them."""

    icc1: FloatArray
    icc2: FloatArray
    n: IntArray  # values used
    groups: IntArray  # groups with at least one value
    mean_group_size: FloatArray


def intraclass(values: FloatArray, member: BoolArray | None = None) -> Intraclass:
    """ICC(1) and ICC(2) of ``S x R x K`` values grouped by ``S`` (NaN: no value).

    ``member`` (``S x R``) picks the respondents who count. NaN where there are
    fewer than two groups, no group with two values, or no variance between groups.
    """
    v = values if member is None else np.where(member[:, :, None], values, np.nan)
    ok = ~np.isnan(v)
    size = ok.sum(axis=1)  # S x K
    n = size.sum(axis=0)
    groups = (size > 0).sum(axis=0)
    z = np.where(ok, v, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        group_mean = z.sum(axis=1) / size
        grand = z.sum(axis=(0, 1)) / n
        within = np.where(ok, v - group_mean[:, None, :], 0.0)
        ssw = np.einsum("srk,srk->k", within, within)
        between = np.where(size > 0, group_mean - grand, 0.0)
        ssb = (size * between**2).sum(axis=0)
        msb = ssb / (groups - 1)
        msw = ssw / (n - groups)
        k = n / groups
        icc1 = (msb - msw) / (msb + (k - 1) * msw)
        icc2 = (msb - msw) / msb
    defined = (groups >= 2) & (n > groups) & (msb > 0)
    return Intraclass(
        icc1=np.where(defined, icc1, np.nan),
        icc2=np.where(defined, icc2, np.nan),
        n=n.astype(np.int64),
        groups=groups.astype(np.int64),
        mean_group_size=np.where(groups > 0, k, np.nan),
    )
