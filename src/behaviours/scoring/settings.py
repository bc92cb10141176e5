"""Scoring settings: thresholds that change what a result shows.

The model is defined in ``behaviours.results.model`` because every result records
the settings it was computed with, and the result models must not import
numpy; it is re-exported here, where scoring code looks for it.

Defaults: ``min_item_fraction`` 0.5 (a behaviour score needs at least half its
items answered), ``min_raters`` 3 (no 360 figure rests on fewer than three
raters), ``show_manager`` False, ``gap_threshold`` 0.5 scale points,
``rwg_threshold`` 0.70, ``top_n`` 3 strengths and development areas,
``top_items`` 5 highest and lowest items in a 360.
"""

from __future__ import annotations

from behaviours.results.model import ScoringSettings

__all__ = ["DEFAULT_SETTINGS", "ScoringSettings"]

DEFAULT_SETTINGS = ScoringSettings()
