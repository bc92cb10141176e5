"""Internal consistency of every behaviour at once: alpha, its Feldt interval, omega, item-rest r.

A framework owner asks "do this behaviour's items measure one thing, and which
item helps least?". Everything here answers it for all behaviours in one pass
over a ``respondents x items`` matrix of keyed ratings (reverse-keyed items
already turned round), on each behaviour's complete cases (listwise: the
respondents who rated every item of it), so each behaviour's figures rest on
one sample whose size is reported beside them.

The only pass over the respondents is one cross-product of the centred
matrix (``I x I``); every figure is then arithmetic on its within-behaviour
blocks, summed per behaviour with ``numpy.bincount``. Formulas, citations and
worked examples: docs/analysis.md. Tested against R ``psych::alpha`` (raw_alpha,
average_r, r.drop, alpha.drop), ``psych::alpha.ci`` and ``psych::fa(nfactors=1,
fm="minres")`` / ``psych::omega(nfactors=1, flip=FALSE)``
(tests/references/analysis/).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats as _stats

from behaviours.scoring.item_layout import ItemLayout
from behaviours.scoring.statistics import alpha
from behaviours.scoring.types import BoolArray, FloatArray, IntArray

__all__ = ["Consistency", "OneFactor", "consistency", "feldt_interval", "one_factor"]

_TOLERANCE = 1e-13  # change in communalities at which the minres iteration stops
_MAX_ITERATIONS = 10_000


@dataclass(frozen=True, eq=False)
class OneFactor:
    """A one-factor minres solution per behaviour, and McDonald's omega total from it."""

    loadings: FloatArray  # (I,) standardised loading of each item; NaN where none
    omega: FloatArray  # (B,) omega total; NaN where there is no solution
    converged: BoolArray  # (B,) the iteration met its tolerance
    heywood: BoolArray  # (B,) a communality reached 1 (a uniqueness of 0 or less)


@dataclass(frozen=True, eq=False)
class Consistency:
    """Each behaviour's consistency on its complete cases (``B``), and its items' (``I``)."""

    n: IntArray  # (B,) complete cases behind every figure of the behaviour
    alpha: FloatArray  # (B,) Cronbach's alpha (raw)
    alpha_low: FloatArray  # (B,) Feldt 95% interval
    alpha_high: FloatArray
    mean_r: FloatArray  # (B,) mean inter-item correlation
    r_drop: FloatArray  # (I,) corrected item-total (item-rest) correlation
    alpha_dropped: FloatArray  # (I,) alpha of the behaviour without the item
    factor: OneFactor


def feldt_interval(
    a: FloatArray, n: IntArray, k: IntArray, level: float = 0.95
) -> tuple[FloatArray, FloatArray]:
    """Feldt, Woodruff and Salih's (1987) interval for alpha: ``(1 - rho) / (1 - alpha) ~ F``.

    With ``F`` on ``n - 1`` and ``(n - 1)(k - 1)`` degrees of freedom, the
    interval is ``1 - (1 - alpha) F(1 - p/2)`` to ``1 - (1 - alpha) F(p/2)``,
    as ``psych::alpha.ci``. NaN where alpha is NaN or ``n < 2``.
    """
    df1 = np.asarray(n, dtype=np.float64) - 1
    df2 = df1 * (np.asarray(k, dtype=np.float64) - 1)
    ok = (df1 >= 1) & (df2 >= 1) & ~np.isnan(a)
    d1, d2 = np.where(ok, df1, 1.0), np.where(ok, df2, 1.0)
    p = (1 - level) / 2
    low = 1 - (1 - a) * _stats.f.ppf(1 - p, d1, d2)
    high = 1 - (1 - a) * _stats.f.ppf(p, d1, d2)
    return np.where(ok, low, np.nan), np.where(ok, high, np.nan)


def _complete_covariance(
    keyed: FloatArray, layout: ItemLayout
) -> tuple[FloatArray, IntArray, BoolArray]:
    """Within-behaviour covariances on each behaviour's complete cases, and their ``n``.

    Entry ``[i, j]`` is meaningful only when items ``i`` and ``j`` share a
    behaviour (``same``): each behaviour's items are centred on and summed over
    its own complete cases, so its block is its listwise covariance matrix.
    """
    ib = layout.item_behaviour
    answered = ~np.isnan(keyed)
    missing = np.add.reduceat(~answered, layout.starts, axis=1) if keyed.size else answered
    complete = missing == 0  # R x B
    n = complete.sum(axis=0).astype(np.int64)
    weight = complete[:, ib]
    z = np.where(weight, keyed, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = z.sum(axis=0) / n[ib]
        z -= mean
        z *= weight
        cov = (z.T @ z) / (n[ib] - 1)[:, None]
    same: BoolArray = ib[:, None] == ib[None, :]
    cov = np.where(same & (n[ib] >= 2)[:, None], cov, np.nan)
    return cov, n, same


def _per_behaviour(per_item: FloatArray, layout: ItemLayout) -> FloatArray:
    """Sum ``(I,)`` item values into their behaviours, ``(B,)``."""
    sums = np.bincount(layout.item_behaviour, weights=per_item, minlength=len(layout.size))
    return sums.astype(np.float64)


def consistency(keyed: FloatArray, layout: ItemLayout) -> Consistency:
    """Alpha, its interval, omega, mean inter-item r, item-rest r and alpha if dropped.

    ``keyed`` is ``respondents x items`` in the layout's item order, NaN where
    there is no rating. A behaviour of one item, or of fewer than two complete
    cases, has NaN figures (no consistency to speak of).
    """
    ib, k = layout.item_behaviour, layout.size
    cov, n, same = _complete_covariance(keyed, layout)
    var = np.diagonal(cov).copy()
    rowsum = np.where(same, cov, 0.0).sum(axis=1)  # cov of each item with its behaviour total
    total = _per_behaviour(rowsum, layout)
    item_var = _per_behaviour(var, layout)
    usable = (k >= 2) & (n >= 2)
    total = np.where(usable, total, np.nan)
    a = alpha(item_var, total, k)
    low, high = feldt_interval(a, n, k)
    rest_var = total[ib] - 2 * rowsum + var
    with np.errstate(divide="ignore", invalid="ignore"):
        r_drop = (rowsum - var) / np.sqrt(var * rest_var)
        corr = cov / np.sqrt(var[:, None] * var[None, :])
    dropped = alpha(item_var[ib] - var, rest_var, k[ib] - 1)
    corr_sum = _per_behaviour(np.where(same, corr, 0.0).sum(axis=1), layout)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_r = np.where(usable, (corr_sum - k) / (k * (k - 1)), np.nan)
    return Consistency(
        n=n,
        alpha=a,
        alpha_low=low,
        alpha_high=high,
        mean_r=mean_r,
        r_drop=np.where(usable[ib], r_drop, np.nan),
        alpha_dropped=np.where(usable[ib] & (k[ib] >= 3), dropped, np.nan),
        factor=one_factor(np.where(same, corr, 0.0), corr_sum, layout, usable),
    )


def _stacked(corr: FloatArray, layout: ItemLayout) -> tuple[FloatArray, BoolArray]:
    """Each behaviour's correlation block, zero-padded into ``B x K x K`` (K its most items)."""
    width = int(layout.size.max(initial=1))
    position = np.arange(len(layout.item_behaviour)) - layout.starts[layout.item_behaviour]
    blocks = np.zeros((len(layout.size), width, width))
    ib = layout.item_behaviour
    rows, cols = np.nonzero(ib[:, None] == ib[None, :])
    blocks[ib[rows], position[rows], position[cols]] = corr[rows, cols]
    real = np.zeros((len(layout.size), width), dtype=np.bool_)
    real[ib, position] = True
    return np.nan_to_num(blocks), real


def one_factor(
    corr: FloatArray, corr_sum: FloatArray, layout: ItemLayout, usable: BoolArray
) -> OneFactor:
    """One-factor minres (unweighted least squares) loadings and omega total, per behaviour.

    Iterated principal axes: communalities ``h`` start at the squared multiple
    correlations and are replaced by the squared loadings of the first
    eigenvector of ``R - diag(1 - h)`` until they change by less than 1e-13.
    Its fixed point is where the off-diagonal residuals' sum of squares (the
    minres criterion) is stationary (Harman and Jones 1966), which
    ``psych::fa(fm="minres")`` minimises directly. Omega total (McDonald 1999)
    is ``1 - sum(1 - h) / sum(R)``, the model's unique variance over the
    variance of the standardised total, as ``psych::omega``'s ``omega.tot``.
    Loadings are signed so that they sum to a positive number.
    """
    blocks, real = _stacked(corr, layout)
    ok = usable.copy()
    inverse_diag = np.ones(real.shape)
    for b in np.flatnonzero(ok):  # squared multiple correlations: 1 - 1 / diag(R^-1)
        k = int(layout.size[b])
        try:
            inverse_diag[b, :k] = np.diagonal(np.linalg.inv(blocks[b, :k, :k]))
        except np.linalg.LinAlgError:
            ok[b] = False
    h = np.where(real, 1 - 1 / inverse_diag, 0.0)
    eye = np.eye(real.shape[1], dtype=np.bool_)
    converged = np.zeros(len(ok), dtype=np.bool_)
    vector = np.zeros(real.shape)
    for _ in range(_MAX_ITERATIONS):
        reduced = np.where(eye, h[:, :, None] * eye, blocks)
        values, vectors = np.linalg.eigh(reduced)
        vector = vectors[:, :, -1] * np.sqrt(np.maximum(values[:, -1], 0.0))[:, None]
        new = np.where(real, vector**2, 0.0)
        converged = np.abs(new - h).max(axis=1, initial=0.0) < _TOLERANCE
        h = new
        if converged[ok].all():
            break
    vector *= np.where(vector.sum(axis=1) < 0, -1.0, 1.0)[:, None]
    heywood = ((h >= 1) & real).any(axis=1)
    good = ok & converged & ~heywood
    # A total with no variance (items that cancel out, sum(R) = 0) has no omega.
    unique = np.where(real, 1 - h, 0.0).sum(axis=1)
    defined = good & (corr_sum > 0)
    omega = 1 - np.divide(unique, corr_sum, out=np.full(len(ok), np.nan), where=defined)
    ib = layout.item_behaviour
    position = np.arange(len(ib)) - layout.starts[ib]
    loadings = np.where(good[ib], vector[ib, position], np.nan)
    return OneFactor(loadings, omega, converged & ok, heywood & ok)
