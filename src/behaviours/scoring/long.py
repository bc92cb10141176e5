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
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from behaviours.errors import Problem, ResponsesError
from behaviours.frameworks.kinds import AssessmentKind, Detail
from behaviours.frameworks.model import Framework
from behaviours.responses.model import NOT_ABLE_TO_SAY
from behaviours.scoring.arrays import MAX_PROBLEMS
from behaviours.scoring.batch import BatchScores, score_batch
from behaviours.scoring.item_layout import ItemLayout, layout_of
from behaviours.scoring.settings import ScoringSettings
from behaviours.scoring.types import BoolArray

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
    item_idx = _item_columns(item, layout)
    problems = _rows(item_idx < 0, f"unknown {detail} item")
    place = _Placement.of(subj, resp)
    role_codes = None
    if roles is not None:
        role = np.asarray(roles).astype(str)
        problems += _rows(
            role != role[place.first_row][place.pair], "respondent listed with two roles"
        )
        role_codes = place.table(role[place.first_row], role.dtype)
    problems += _rows(
        _repeated(place.pair, item_idx, len(layout.item_ids)),
        "the respondent rated this item more than once",
    )
    if problems:
        raise ResponsesError(problems, title=f"{kind} table")
    x = np.full((len(place.subject_ids), place.width, len(layout.item_ids)), np.nan)
    nas = np.zeros(x.shape, dtype=np.bool_)
    s_of_row, p_of_row = place.subject[place.pair], place.position[place.pair]
    x[s_of_row, p_of_row, item_idx] = rating
    nas[s_of_row, p_of_row, item_idx] = np.isnan(rating)
    if role_codes is None and kind not in ("quick", "full"):
        role_codes = place.table(np.array(["member" if kind == "team" else "self"]), "<U6")
    subject_ids = place.subject_ids
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


def _item_columns(item: npt.NDArray[np.str_], layout: ItemLayout) -> npt.NDArray[np.int64]:
    """Each row's item as a column of the layout; -1 for an item the layout does not have."""
    names, inverse = np.unique(item, return_inverse=True)
    index = {item_id: i for i, item_id in enumerate(layout.item_ids)}
    lookup = np.array([index.get(str(n), -1) for n in names], dtype=np.int64)
    return lookup[inverse] if len(names) else np.zeros(0, dtype=np.int64)


def _repeated(pair: npt.NDArray[np.intp], item_idx: npt.NDArray[np.int64], items: int) -> BoolArray:
    """Rows whose respondent rated the same (known) item on another row too."""
    cell = pair.astype(np.int64) * items + item_idx
    known = item_idx >= 0
    _, inverse, counts = np.unique(cell[known], return_inverse=True, return_counts=True)
    repeated = np.zeros(len(cell), dtype=np.bool_)
    repeated[np.flatnonzero(known)] = (counts > 1)[inverse]
    return repeated


@dataclass(frozen=True)
class _Placement:
    """Where each row goes in the ``S x R x I`` array: its subject, and its respondent's slot."""

    subject_ids: npt.NDArray[np.str_]
    pair: npt.NDArray[np.intp]  # row -> (subject, respondent) pair
    first_row: npt.NDArray[np.intp]  # pair -> its first row
    subject: npt.NDArray[np.int64]  # pair -> subject index
    position: npt.NDArray[np.int64]  # pair -> respondent slot within its subject
    width: int

    @classmethod
    def of(cls, subj: npt.NDArray[np.str_], resp: npt.NDArray[np.str_]) -> _Placement:
        subject_ids, s_idx = np.unique(subj, return_inverse=True)
        respondent_ids, r_idx = np.unique(resp, return_inverse=True)
        per = max(len(respondent_ids), 1)
        pairs, first_row, pair = np.unique(
            s_idx.astype(np.int64) * per + r_idx, return_index=True, return_inverse=True
        )
        subject = pairs // per
        position = np.arange(len(pairs)) - np.searchsorted(subject, subject)
        width = int(position.max()) + 1 if len(pairs) else 1
        return cls(subject_ids, pair, first_row, subject, position, width)

    def table(self, per_pair: npt.NDArray[Any], dtype: Any) -> npt.NDArray[Any]:
        """An ``S x R`` table holding each pair's value in its slot, '' elsewhere."""
        out = np.full((len(self.subject_ids), self.width), "", dtype=dtype)
        out[self.subject, self.position] = per_pair
        return out
