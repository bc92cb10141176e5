"""One assessment's ``Result``: validated, scored as a batch of one, with its comments.

The per-assessment API is the batch engine applied to a batch of one
(``behaviours.scoring.single``), so the two cannot disagree; this module adds
what arrays do not carry: the check that a 360 has enough raters, and the
comments, each labelled with the group it may be shown under.
"""

from __future__ import annotations

from behaviours.errors import InsufficientRatersError
from behaviours.frameworks.model import Framework
from behaviours.responses.model import (
    Assessment,
    validate_assessment,
)
from behaviours.results.building import GROUP_ORDER, result_of
from behaviours.results.model import Comment, Result
from behaviours.scoring.batch import BatchScores
from behaviours.scoring.settings import ScoringSettings
from behaviours.scoring.single import batch_of_one

__all__ = ["score_assessment"]


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


def score_assessment(
    assessment: Assessment, framework: Framework, settings: ScoringSettings | None = None
) -> Result:
    """Score one assessment against its framework.

    Raises ``ResponsesError`` (listing every problem) when the responses do not
    fit the framework or kind, and ``InsufficientRatersError`` when a 360 has
    fewer than ``settings.min_raters`` raters besides the subject.
    """
    settings = settings or ScoringSettings()
    validate_assessment(assessment, framework)
    batch = batch_of_one(assessment, framework, settings)
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
        round_id=assessment.round,
        comments=_comments(assessment, batch, framework),
    )
