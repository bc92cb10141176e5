"""Score one assessment: validate it, lay it out as arrays, and run the batch core on it.

The per-assessment API is the batch engine applied to a batch of one, so the
two cannot disagree. The core sorts each group's values before reducing them,
so every figure is bit-for-bit independent of the order responses were
submitted in and of which folded role a rater had.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from behaviours.catalogue import load_framework
from behaviours.errors import InsufficientRatersError
from behaviours.framework import Framework
from behaviours.responses import (
    NOT_ABLE_TO_SAY,
    Assessment,
    Response,
    detail_of,
    validate_assessment,
)
from behaviours.results import Comment, Result, ScoringSettings
from behaviours.scoring.anonymity import ROLE_CODES
from behaviours.scoring.batch import BatchScores, score_arrays
from behaviours.scoring.layout import Layout, layout_of
from behaviours.scoring.views import GROUP_ORDER, result_of

__all__ = ["score", "score_all"]


def _arrays(
    responses: list[Response], layout: Layout
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


def _comments(assessment: Assessment, batch: BatchScores, framework: Framework) -> list[Comment]:
    order = {b.id: i for i, b in enumerate(framework.behaviours)}
    found = []
    for response in assessment.responses:
        group: str = response.role
        if assessment.kind == "360" and response.role != "self":
            group = response.role if bool(batch.shown[response.role][0]) else "others"
        for behaviour_id, text in response.comments.items():
            if text.strip():
                found.append(Comment(behaviour_id=behaviour_id, group=group, text=text))
    rank = {g: i for i, g in enumerate(GROUP_ORDER)}
    found.sort(key=lambda c: (order[c.behaviour_id], rank[c.group], c.text.casefold(), c.text))
    return found


def _batch_of_one(
    assessment: Assessment, framework: Framework, settings: ScoringSettings
) -> BatchScores:
    layout = layout_of(framework, detail_of(assessment, framework), settings.min_item_fraction)
    x, nas = _arrays(assessment.responses, layout)
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


def score(
    assessment: Assessment,
    framework: Framework | None = None,
    settings: ScoringSettings | None = None,
) -> Result:
    """Score one assessment.

    ``framework`` defaults to the one the assessment names, loaded by id (and
    cached), so a caller holding only responses needs nothing else.

    Raises ``ResponsesError`` (listing every problem) when the responses do not
    fit the framework or kind, and ``InsufficientRatersError`` when a 360 has
    fewer than ``settings.min_raters`` raters besides the subject.
    """
    settings = settings or ScoringSettings()
    if framework is None:
        framework = load_framework(assessment.framework)
    validate_assessment(assessment, framework)
    batch = _batch_of_one(assessment, framework, settings)
    if bool(batch.insufficient_raters[0]):
        raters = int(batch.respondents["others"][0])
        raise InsufficientRatersError(
            f"360 for {assessment.subject.id!r} has {raters} rater(s) besides the subject; "
            f"at least {settings.min_raters} are needed to keep their answers anonymous",
            subject=assessment.subject.id,
            raters=raters,
            min_raters=settings.min_raters,
        )
    return result_of(
        batch,
        0,
        framework=framework,
        subject=assessment.subject,
        assessed_on=assessment.assessed_on,
        comments=_comments(assessment, batch, framework),
    )


def score_all(
    assessments: list[Assessment],
    framework: Framework | None = None,
    settings: ScoringSettings | None = None,
) -> list[Result]:
    """Score several assessments one by one (see ``score_batch`` for speed at scale)."""
    return [score(a, framework, settings) for a in assessments]
