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
    if assessment.kind == "team" and int(batch.respondents["member"][0]) < batch.settings.min_team:
        return []  # a team too small for figures is too small for its members' words too
    roles = {r.role for r in assessment.responses if r.role != "self"}
    named: dict[str, bool] = {r: assessment.kind == "360" and _named(r, batch) for r in roles}
    if assessment.kind == "360" and _manager_alone_in_others(assessment, named):
        named = dict.fromkeys(named, False)  # else "others" would be the sole manager's words
    for response in assessment.responses:
        group: str = response.role
        if assessment.kind == "360" and response.role != "self":
            group = response.role if named[response.role] else "others"
        for behaviour_id, text in response.comments.items():
            if text.strip():
                found.append(Comment(behaviour_id=behaviour_id, group=group, text=text))
    rank = {g: i for i, g in enumerate(GROUP_ORDER)}
    found.sort(key=lambda c: (order[c.behaviour_id], rank[c.group], c.text.casefold(), c.text))
    return found


def _manager_alone_in_others(assessment: Assessment, named: dict[str, bool]) -> bool:
    """Whether the comments printed among "others" would all be one manager's."""
    unnamed = [r.role for r in assessment.responses if r.role != "self" and not named[r.role]]
    return unnamed == ["manager"]


def _named(role: str, batch: BatchScores) -> bool:
    """Whether a rater's comments are labelled with their role: when the role is shown and
    has ``min_raters`` raters. A sole manager shown by ``show_manager`` has their figures
    shown alone, by choice, but their words are printed among "others", without a name."""
    return bool(batch.shown[role][0]) and int(batch.respondents[role][0]) >= (
        batch.settings.min_raters
    )


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
