"""The one base of every model the library publishes: frozen, and strict about unknown keys.

Frozen, because a loaded framework, an assessment or a result is shared (cached,
sent to worker processes, compared) and must not change under anyone's feet;
``extra="forbid"``, because a misspelt key in a file or a request must be an
error that names it, never a value silently dropped.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict

__all__ = ["FrozenModel", "IdentityCache"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenModel(BaseModel):
    """A pydantic model that cannot be changed after validation and refuses unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class IdentityCache(Generic[K, V]):
    """Values worked out once per live object, and forgotten when the object goes.

    For what a frozen model implies but does not store (a framework's item lists,
    its importer vocabulary). Keyed by identity, because models holding dicts are
    not hashable; a ``functools.cached_property`` would not do, since
    ``model_copy(update=...)`` copies the cached value along with the fields.
    """

    def __init__(self, make: Callable[[K], V]) -> None:
        self._make = make
        self._kept: dict[int, tuple[weakref.ref[K], V]] = {}

    def __call__(self, obj: K) -> V:
        """The value for ``obj``, made on first use."""
        key = id(obj)
        kept = self._kept.get(key)
        if kept is not None and kept[0]() is obj:
            return kept[1]
        value = self._make(obj)
        self._kept[key] = (weakref.ref(obj, lambda _: self._kept.pop(key, None)), value)
        return value

    def __len__(self) -> int:
        return len(self._kept)
