"""One assessment as a batch of one: its answers laid out as the engine's arrays, then scored.

The core sorts each group's values before reducing them, so every figure is
bit-for-bit independent of the order responses were submitted in and of which
folded role a rater had.
"""

from __future__ import annotations

import numpy as np

from behaviours.frameworks.model import Framework
from behaviours.responses.model import NOT_ABLE_TO_SAY, Assessment, Response, detail_of
from behaviours.scoring.anonymity import ROLE_CODES
from behaviours.scoring.batch import BatchScores, score_arrays
from behaviours.scoring.item_layout import Layout, layout_of
from behaviours.scoring.settings import ScoringSettings

__all__ = ["batch_of_one"]

_NAS = -1.0  # marks "not able to say" apart from skipped (NaN) until the mask is made


def _row(response: Response, layout: Layout) -> list[float]:
    row = []
    for item in layout.item_ids:
        rating = response.ratings.get(item)
        row.append(np.nan if rating is None else _NAS if rating == NOT_ABLE_TO_SAY else rating)
    return row


def batch_of_one(
    assessment: Assessment, framework: Framework, settings: ScoringSettings
) -> BatchScores:
    """The assessment's answers as ``1 x R x I`` arrays, scored; the assessment must be valid."""
    layout = layout_of(framework, detail_of(assessment, framework), settings.min_item_fraction)
    rows = [_row(r, layout) for r in assessment.responses]
    x = np.array(rows, dtype=np.float64).reshape(1, len(rows), len(layout.item_ids))
    nas = x == _NAS
    x[nas] = np.nan
    codes = np.array([[ROLE_CODES[r.role] for r in assessment.responses]], dtype=np.int8)
    return score_arrays(
        framework,
        assessment.kind,
        layout,
        x,
        codes=codes,
        nas=nas,
        settings=settings,
        subject_ids=[assessment.subject.id],
    )
