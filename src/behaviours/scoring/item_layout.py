"""The arrays a framework turns into: item order, keying and item-to-behaviour groups.

Scoring works on ``respondents x items`` matrices whose columns are the
framework's items in questionnaire order, which keeps each behaviour's items
contiguous; so summing items into behaviours is one ``numpy.add.reduceat``, or
a few strided additions when every behaviour has as many items.
Reverse keying is ``rating * sign + offset`` with sign -1 and offset
``min + max`` for reverse-keyed items (sign 1, offset 0 otherwise), one fused
array operation whatever the mix of keys.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from behaviours.frameworks.kinds import Detail
from behaviours.frameworks.model import Framework
from behaviours.scoring.statistics import null_variance
from behaviours.scoring.types import FloatArray, IntArray

__all__ = ["FloatArray", "ItemLayout", "item_sums", "layout_of"]

_CACHE: dict[tuple[int, str], tuple[Framework, ItemLayout]] = {}
_CACHE_SIZE = 32


@dataclass(frozen=True, eq=False)
class ItemLayout:
    """A framework's items as arrays, for one detail (quick or full)."""

    detail: Detail
    item_ids: tuple[str, ...]
    behaviour_ids: tuple[str, ...]
    scale_ids: tuple[str, ...]
    item_behaviour: IntArray  # (I,) behaviour index of each item
    starts: IntArray  # (B,) first item of each behaviour
    size: IntArray  # (B,) items per behaviour
    need: IntArray  # (B,) items a respondent must answer for a behaviour score
    reverse: npt.NDArray[np.bool_]  # (I,)
    sign: FloatArray  # (I,) 1 or -1
    offset: FloatArray  # (I,) 0 or min + max
    lo: FloatArray  # (B,) scale minimum
    hi: FloatArray  # (B,) scale maximum
    points: IntArray  # (B,) number of scale points
    null_variance: FloatArray  # (B,) variance of the scale's points, rwg's uniform null
    values: FloatArray  # (B, P) scale values, NaN-padded to the longest scale
    identity: bool  # one item per behaviour, in behaviour order (quick)
    uniform: int  # items per behaviour when all behaviours have as many, else 0

    @property
    def item_lo(self) -> FloatArray:
        """Scale minimum of each item."""
        return self.lo[self.item_behaviour]

    @property
    def item_hi(self) -> FloatArray:
        """Scale maximum of each item."""
        return self.hi[self.item_behaviour]


def item_sums(a: npt.NDArray[Any], layout: ItemLayout, dtype: Any = None) -> npt.NDArray[Any]:
    """Sum the last axis (items) into behaviours: a reshape when behaviours are equally long."""
    if layout.identity:
        return a if dtype is None else a.astype(dtype)
    if layout.uniform:  # adding k strided slices beats reducing a short last axis
        shape = (*a.shape[:-1], len(layout.behaviour_ids), layout.uniform)
        parts = a.reshape(shape)
        total = parts[..., 0].astype(dtype or (np.int64 if a.dtype == np.bool_ else a.dtype))
        for j in range(1, layout.uniform):
            total += parts[..., j]
        return total
    return np.add.reduceat(a, layout.starts, axis=-1, dtype=dtype)


def layout_of(framework: Framework, detail: Detail, min_item_fraction: float = 0.5) -> ItemLayout:
    """The layout of ``framework``'s ``detail`` items; cached per framework object."""
    key = (id(framework), f"{detail}:{min_item_fraction!r}")
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is framework:
        return cached[1]
    layout = _build(framework, detail, min_item_fraction)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = (framework, layout)  # keeps the framework alive, so its id stays unique
    return layout


def _build(framework: Framework, detail: Detail, min_item_fraction: float) -> ItemLayout:
    items = framework.items(detail)
    behaviour_ids = tuple(b.id for b in framework.behaviours)
    index = {b: i for i, b in enumerate(behaviour_ids)}
    item_behaviour = np.array([index[item.behaviour_id] for item in items], dtype=np.int64)
    size = np.bincount(item_behaviour, minlength=len(behaviour_ids)).astype(np.int64)
    starts = np.concatenate([[0], np.cumsum(size)[:-1]]).astype(np.int64)
    scales = [framework.scale_for(b) for b in framework.behaviours]
    lo = np.array([s.min for s in scales], dtype=np.float64)
    hi = np.array([s.max for s in scales], dtype=np.float64)
    width = max(len(s.values) for s in scales)
    values = np.full((len(scales), width), np.nan)
    for i, scale in enumerate(scales):
        values[i, : len(scale.values)] = scale.values
    reverse = np.array([item.reverse for item in items], dtype=np.bool_)
    need = np.array([max(1, math.ceil(min_item_fraction * k - 1e-9)) for k in size.tolist()])
    fields: dict[str, Any] = {
        "item_behaviour": item_behaviour,
        "starts": starts,
        "size": size,
        "need": need.astype(np.int64),
        "reverse": reverse,
        "sign": np.where(reverse, -1.0, 1.0),
        "offset": np.where(reverse, (lo + hi)[item_behaviour], 0.0),
        "lo": lo,
        "hi": hi,
        "points": np.array([len(s.values) for s in scales], dtype=np.int64),
        "values": values,
        "null_variance": null_variance(values),
    }
    for array in fields.values():
        array.setflags(write=False)
    return ItemLayout(
        detail=detail,
        item_ids=tuple(item.id for item in items),
        behaviour_ids=behaviour_ids,
        scale_ids=tuple(b.scale or framework.default_scale for b in framework.behaviours),
        identity=len(items) == len(behaviour_ids),
        uniform=int(size[0]) if (size == size[0]).all() else 0,
        **fields,
    )
