"""The vectorised core: keyed ratings to per-respondent behaviour scores to group statistics.

Arrays are ``subjects x respondents x items`` (``S x R x I``) with NaN for
no rating, so one call scores a whole organisation. A respondent's behaviour
score is the mean of their keyed answers to its items when they answered at
least ``need`` of them, else NaN. A group statistic is computed over a
``member`` mask of respondents (``S x R``): each member with a score counts
once, whatever their role. Single-respondent batches (self-assessments) take a
short path that skips the reductions over respondents, which do no work there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from behaviours.scoring.item_layout import ItemLayout, item_sums
from behaviours.scoring.statistics import confidence_interval
from behaviours.scoring.types import BoolArray, FloatArray, IntArray

__all__ = [
    "Aggregate",
    "BoolArray",
    "aggregate",
    "behaviour_scores",
    "keyed",
    "scale_counts",
]


@dataclass(frozen=True, eq=False)
class Aggregate:
    """Statistics of one group of respondents, per subject and behaviour (or item): ``S x K``."""

    n: IntArray
    mean: FloatArray
    sd: FloatArray
    min: FloatArray
    max: FloatArray
    ci_low: FloatArray
    ci_high: FloatArray


def keyed(ratings: FloatArray, layout: ItemLayout) -> FloatArray:
    """Ratings with reverse-keyed items turned round: ``min + max - rating``."""
    if not layout.reverse.any():
        return ratings
    out: FloatArray = ratings * layout.sign
    out += layout.offset
    return out


def behaviour_scores(y: FloatArray, layout: ItemLayout) -> tuple[FloatArray, IntArray]:
    """Each respondent's behaviour scores and how many of its items they answered, ``S x R x B``."""
    answered = ~np.isnan(y)
    if layout.identity:
        return y, answered.view(np.int8)
    sums = item_sums(np.where(answered, y, 0.0), layout)
    counts = item_sums(answered, layout, np.int16)
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.where(counts >= layout.need, sums / counts, np.nan)
    return scores, counts


def aggregate(values: FloatArray, member: BoolArray | None) -> Aggregate:
    """Mean, sample SD, range and 95% interval over respondents (axis 1) of ``S x R x K``.

    ``member`` (``S x R``, or ``S x R x K`` to choose per column) selects the group.

    The SD is computed in two passes (deviations from the mean), so identical
    answers give exactly 0. Each group's values are sorted first, so every
    figure is the same to the last bit whatever order respondents come in. A
    group of at most one respondent per subject (a self-assessment) is read off
    its row without reductions.
    """
    if member is None and values.shape[1] == 1:
        return _single(values[:, 0, :])
    if member is not None and member.ndim == 2 and int(member.sum(axis=1).max(initial=0)) <= 1:
        row = member.argmax(axis=1)
        picked = np.take_along_axis(values, row[:, None, None], axis=1)[:, 0, :]
        anyone = np.asarray(member.any(axis=1), dtype=np.bool_)
        return _single(np.where(anyone[:, None], picked, np.nan))
    if member is not None and member.ndim == 2:
        member = member[:, :, None]
    vm = values if member is None else np.where(member, values, np.nan)
    vm = np.sort(vm, axis=1)  # NaN last: the same values in the same order, however submitted
    ok = ~np.isnan(vm)
    n = np.count_nonzero(ok, axis=1)
    v0 = np.where(ok, vm, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = v0.sum(axis=1) / n
        dev = v0 - mean[:, None, :]
        dev *= ok
        var = np.einsum("srk,srk->sk", dev, dev) / (n - 1)
    sd = np.sqrt(var, where=n >= 2, out=np.full(var.shape, np.nan))
    low = np.fmin.reduce(vm, axis=1)
    high = np.fmax.reduce(vm, axis=1)
    ci_low, ci_high = confidence_interval(mean, sd, n)
    return Aggregate(n, mean, sd, low, high, ci_low, ci_high)


def _single(values: FloatArray) -> Aggregate:
    nan = np.broadcast_to(np.float64(np.nan), values.shape)
    n = (~np.isnan(values)).view(np.int8)
    return Aggregate(n, values, nan, values, values, nan, nan)  # type: ignore[arg-type]


def scale_counts(
    y: FloatArray, take: BoolArray, layout: ItemLayout, *, items: bool
) -> npt.NDArray[np.int64]:
    """Answers at each scale value: ``S x B x P`` (or ``S x I x P`` with ``items``).

    ``take`` (``S x R x I``) says whose answers count: for a behaviour, a group's
    members with a score for it, so the counts describe the same people as the mean.
    """
    values = layout.values[layout.item_behaviour]  # I x P
    out = np.empty((y.shape[0], y.shape[2], values.shape[1]), dtype=np.int64)
    for p in range(values.shape[1]):
        out[:, :, p] = ((y == values[:, p]) & take).sum(axis=1)
    if items:
        return out
    return np.moveaxis(item_sums(np.moveaxis(out, 1, -1), layout), -1, 1)
