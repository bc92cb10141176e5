"""One assessment as a batch of one: its answers laid out as the engine's arrays, then scored.

The core sorts each group's values before reducing them, so every figure is
bit-for-bit independent of the order responses were submitted in and of which
folded role a rater had.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from behaviours.frameworks.model import Framework
from behaviours.responses.model import NOT_ABLE_TO_SAY, Assessment, Response, detail_of
from behaviours.scoring.anonymity import ROLE_CODES
from behaviours.scoring.batch import BatchScores, score_arrays
from behaviours.scoring.item_layout import ItemLayout, layout_of
from behaviours.scoring.settings import ScoringSettings

__all__ = ["answer_arrays", "batch_of_one"]


def answer_arrays(
    responses: list[Response], layout: ItemLayout
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Ratings (NaN where none) and the "not able to say" mask, as ``score_batch`` takes them.

    The mask is built beside the ratings, never from a sentinel value in them:
    every number is a rating on some scale (scales may be negative), so no
    number can also mean "not able to say".
    """
    x = np.full((1, len(responses), len(layout.item_ids)), np.nan)
    nas = np.zeros(x.shape, dtype=np.bool_)
    column = {item: i for i, item in enumerate(layout.item_ids)}
    for r, response in enumerate(responses):
        for item, rating in response.ratings.items():
            i = column.get(item)
            if i is None:
                continue
            if rating == NOT_ABLE_TO_SAY:
                nas[0, r, i] = True
            else:
                x[0, r, i] = rating
    return x, nas


def batch_of_one(
    assessment: Assessment, framework: Framework, settings: ScoringSettings
) -> BatchScores:
    """The assessment's answers as ``1 x R x I`` arrays, scored; the assessment must be valid."""
    layout = layout_of(framework, detail_of(assessment, framework), settings.min_item_fraction)
    x, nas = answer_arrays(assessment.responses, layout)
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
