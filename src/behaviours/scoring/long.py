"""Score a long table: one row per (subject, respondent, role, item, rating).

This is the shape survey tools and databases export. Rows are grouped into a
``subjects x respondents x items`` array with a few sorts and scatters, no
Python loop over rows. A row whose rating is NaN (or ``"not_able_to_say"``)
records "not able to say"; an item with no row was not answered. Subjects
come out sorted by id (``BatchScores.subject_ids``), respondents within a
subject sorted by id.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from behaviours.errors import Problem, ResponsesError
from behaviours.frameworks.kinds import AssessmentKind, Detail
from behaviours.frameworks.model import Framework
from behaviours.responses.model import NOT_ABLE_TO_SAY
from behaviours.scoring.arrays import MAX_PROBLEMS
from behaviours.scoring.batch import BatchScores, score_batch
from behaviours.scoring.item_layout import layout_of
from behaviours.scoring.settings import ScoringSettings

__all__ = ["score_long"]


def _rows(mask: npt.NDArray[np.bool_], message: str) -> list[Problem]:
    found = np.flatnonzero(mask)
    problems = [Problem(f"row {int(r) + 1}: {message}") for r in found[:MAX_PROBLEMS]]
    if len(found) > MAX_PROBLEMS:
        problems.append(Problem(f"... and {len(found) - MAX_PROBLEMS} more rows like these"))
    return problems


def _ratings(ratings: npt.ArrayLike) -> npt.NDArray[np.float64]:
    given = np.asarray(ratings)
    if given.dtype.kind in "OUS":
        given = given.astype(object)
        given[given == NOT_ABLE_TO_SAY] = np.nan
    try:
        return given.astype(np.float64)
    except ValueError as exc:
        raise ResponsesError(
            Problem(f"ratings must be numbers or {NOT_ABLE_TO_SAY!r}: {exc}")
        ) from None


def score_long(
    framework: Framework,
    kind: AssessmentKind,
    *,
    subjects: Sequence[str] | npt.ArrayLike,
    respondents: Sequence[str] | npt.ArrayLike,
    items: Sequence[str] | npt.ArrayLike,
    ratings: Sequence[float | str] | npt.ArrayLike,
    roles: Sequence[str] | npt.ArrayLike | None = None,
    detail: Detail | None = None,
    settings: ScoringSettings | None = None,
) -> BatchScores:
    """Score every subject of a long table (columns as equal-length sequences).

    Raises ``ResponsesError`` naming the rows with unknown items, a respondent
    listed with two roles, an item answered twice, or ratings off the scale.
    """
    settings = settings or ScoringSettings()
    detail = detail or ("full" if kind == "full" else "quick")
    layout = layout_of(framework, detail, settings.min_item_fraction)
    subj = np.asarray(subjects).astype(str)
    resp = np.asarray(respondents).astype(str)
    item = np.asarray(items).astype(str)
    rating = _ratings(ratings)
    if not len(subj) == len(resp) == len(item) == len(rating):
        raise ResponsesError(Problem("the columns of the table have different lengths"))
    problems: list[Problem] = []
    names, item_inverse = np.unique(item, return_inverse=True)
    index = {item_id: i for i, item_id in enumerate(layout.item_ids)}
    lookup = np.array([index.get(str(n), -1) for n in names], dtype=np.int64)
    item_idx = lookup[item_inverse] if len(names) else np.zeros(0, dtype=np.int64)
    problems += _rows(item_idx < 0, f"unknown {detail} item")
    subject_ids, s_idx = np.unique(subj, return_inverse=True)
    respondent_ids, r_idx = np.unique(resp, return_inverse=True)
    pair_key = s_idx.astype(np.int64) * max(len(respondent_ids), 1) + r_idx
    pairs, first_row, pair_idx = np.unique(pair_key, return_index=True, return_inverse=True)
    pair_subject = pairs // max(len(respondent_ids), 1)
    position = np.arange(len(pairs)) - np.searchsorted(pair_subject, pair_subject)
    width = int(position.max()) + 1 if len(pairs) else 1
    role_codes = None
    if roles is not None:
        role = np.asarray(roles).astype(str)
        problems += _rows(role != role[first_row][pair_idx], "respondent listed with two roles")
        role_codes = np.full((len(subject_ids), width), "", dtype=role.dtype)
        role_codes[pair_subject, position] = role[first_row]
    cell = pair_idx.astype(np.int64) * len(layout.item_ids) + item_idx
    known = item_idx >= 0
    _, cell_inverse, counts = np.unique(cell[known], return_inverse=True, return_counts=True)
    repeated = np.zeros(len(cell), dtype=np.bool_)
    repeated[np.flatnonzero(known)] = (counts > 1)[cell_inverse]
    problems += _rows(repeated, "the respondent rated this item more than once")
    if problems:
        raise ResponsesError(problems, title=f"{kind} table")
    x = np.full((len(subject_ids), width, len(layout.item_ids)), np.nan)
    nas = np.zeros(x.shape, dtype=np.bool_)
    s_of_row = pair_subject[pair_idx]
    p_of_row = position[pair_idx]
    x[s_of_row, p_of_row, item_idx] = rating
    nas[s_of_row, p_of_row, item_idx] = np.isnan(rating)
    if role_codes is None and kind not in ("quick", "full"):
        role_codes = np.full((len(subject_ids), width), "", dtype="<U6")
        role_codes[pair_subject, position] = "member" if kind == "team" else "self"
    return score_batch(
        framework,
        kind,
        x,
        roles=role_codes,
        not_able_to_say=nas,
        detail=detail,
        settings=settings,
        subject_ids=[str(s) for s in subject_ids],
    )
