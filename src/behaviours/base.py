"""The one base of every model the library publishes: frozen, and strict about unknown keys.

Frozen, because a loaded framework, an assessment or a result is shared (cached,
sent to worker processes, compared) and must not change under anyone's feet;
``extra="forbid"``, because a misspelt key in a file or a request must be an
error that names it, never a value silently dropped.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["FrozenModel"]


class FrozenModel(BaseModel):
    """A pydantic model that cannot be changed after validation and refuses unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")
