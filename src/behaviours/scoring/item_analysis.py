"""Item analysis of a framework from many respondents' answers: the quality report's arrays.

The analysis is for the people who own a framework, over a whole round or
programme: it pools respondents, never reports about one subject. So it
refuses a data set too small to pool (fewer than ``MIN_RESPONDENTS``
respondents, or for team and 360 data fewer than ``MIN_SUBJECTS`` subjects:
one subject's raters are that subject's feedback, not a sample of a
framework), and it uses only answers that published results already cover: a
360 subject with too few raters, and any item figure a result suppressed (a
team below ``min_team``, an item too few raters answered), are left out and
counted. A pooled item figure is then a sum of published figures over the
subjects, so no subtraction of published figures from it isolates one rater;
docs/privacy.md gives the argument.

Who counts as a respondent: in a 360 the raters (self-assessments rate a
different relation and stay out), in a team its members, in a quick or full
self-assessment each person. Item figures (mean, SD, floor, ceiling, "not
able to say") use every answer to the item (available cases); consistency
figures each behaviour's complete cases (``behaviours.scoring.reliability``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from behaviours.errors import Problem, ResponsesError, ScoringError
from behaviours.frameworks.kinds import AssessmentKind
from behaviours.frameworks.model import Framework
from behaviours.responses.model import Assessment, detail_of, validate_assessment
from behaviours.scoring import core
from behaviours.scoring.anonymity import RATER_CODES, ROLE_CODES
from behaviours.scoring.batch import score_arrays
from behaviours.scoring.icc import Intraclass, intraclass
from behaviours.scoring.item_layout import ItemLayout, layout_of
from behaviours.scoring.reliability import Consistency, consistency
from behaviours.scoring.settings import ScoringSettings
from behaviours.scoring.single import answer_arrays
from behaviours.scoring.types import BoolArray, FloatArray, IntArray

__all__ = [
    "MIN_RESPONDENTS",
    "MIN_SUBJECTS",
    "SMALL_SAMPLE",
    "ItemAnalysis",
    "analyse_arrays",
    "analyse_assessments",
]

MIN_RESPONDENTS = 10  # below this the analysis is refused
MIN_SUBJECTS = 5  # team and 360: subjects (teams, people rated) the respondents rate
SMALL_SAMPLE = 30  # a figure from fewer people than this says so


@dataclass(frozen=True, eq=False)
class ItemAnalysis:
    """Every figure of the analysis as arrays: ``(I,)`` per item, ``(B,)`` per behaviour."""

    kind: AssessmentKind
    layout: ItemLayout
    subjects: int  # subjects whose answers are used
    respondents: int  # respondents pooled
    excluded_subjects: int  # 360 subjects with too few raters, teams below min_team
    withheld_answers: int  # answers no published figure covers
    n: IntArray  # (I,) ratings of each item
    n_not_able_to_say: IntArray  # (I,)
    mean: FloatArray  # (I,) as answered (before reverse keying)
    sd: FloatArray  # (I,)
    floor: FloatArray  # (I,) share of ratings at the scale's lowest point
    ceiling: FloatArray  # (I,) and at its highest
    consistency: Consistency
    icc_behaviours: Intraclass | None  # team and 360 only
    icc_items: Intraclass | None


def _published(
    framework: Framework,
    kind: AssessmentKind,
    layout: ItemLayout,
    x: FloatArray,
    *,
    codes: npt.NDArray[np.int8],
    nas: BoolArray,
    settings: ScoringSettings,
) -> tuple[BoolArray, BoolArray]:
    """Whose answers count (``S x R``) and which subject's items a result publishes (``S x I``)."""
    if kind in ("quick", "full"):
        return codes != -1, np.ones((x.shape[0], x.shape[2]), dtype=np.bool_)
    batch = score_arrays(framework, kind, layout, x, codes=codes, nas=nas, settings=settings)
    head = batch.headline
    stats = batch.behaviours[head] if layout.identity else batch.items[head]
    figure = ~np.isnan(stats.mean) & ~batch.insufficient_raters[:, None]
    raters = np.isin(codes, RATER_CODES) if kind == "360" else codes == ROLE_CODES["member"]
    return raters, figure


def _item_figures(
    raw: FloatArray, nas: BoolArray, layout: ItemLayout
) -> tuple[IntArray, IntArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    """n, "not able to say", mean, SD, floor and ceiling shares per item (as answered)."""
    ok = ~np.isnan(raw)
    n = ok.sum(axis=0).astype(np.int64)
    z = np.where(ok, raw, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = z.sum(axis=0) / n
        dev = np.where(ok, raw - mean, 0.0)
        sd = np.sqrt((dev * dev).sum(axis=0) / (n - 1))
        floor = (raw == layout.item_lo).sum(axis=0) / n
        ceiling = (raw == layout.item_hi).sum(axis=0) / n
    some = n > 0
    return (
        n,
        nas.sum(axis=0).astype(np.int64),
        np.where(some, mean, np.nan),
        np.where(n >= 2, sd, np.nan),
        np.where(some, floor, np.nan),
        np.where(some, ceiling, np.nan),
    )


def _refuse_small(
    kind: AssessmentKind, subjects: int, respondents: int, source: str | None
) -> None:
    problems = []
    if kind in ("team", "360") and subjects < MIN_SUBJECTS:
        whose = ("team" if subjects == 1 else "teams") if kind == "team" else "people rated"
        whose = "person rated" if whose == "people rated" and subjects == 1 else whose
        problems.append(
            Problem(
                f"answers about {subjects} {whose}; an item analysis pools at least "
                f"{MIN_SUBJECTS}, so that it is about the framework, not one subject's raters",
                source,
                expected=f"a round's answers about {MIN_SUBJECTS} or more subjects",
            )
        )
    if respondents < MIN_RESPONDENTS:
        problems.append(
            Problem(
                f"{respondents} respondents; an item analysis needs at least {MIN_RESPONDENTS}",
                source,
                expected=f"{MIN_RESPONDENTS} or more respondents ({SMALL_SAMPLE} or more for "
                "figures without a small-sample warning)",
            )
        )
    if problems:
        raise ResponsesError(problems, title="too few answers for an item analysis")


def analyse_arrays(
    framework: Framework,
    kind: AssessmentKind,
    layout: ItemLayout,
    x: FloatArray,
    *,
    codes: npt.NDArray[np.int8],
    nas: BoolArray,
    settings: ScoringSettings,
    source: str | None = None,
) -> ItemAnalysis:
    """The analysis of validated ``S x R x I`` raw ratings (NaN: none), roles and "not able to say".

    Raises ``ScoringError`` when the pooled data set is too small (``MIN_RESPONDENTS``,
    ``MIN_SUBJECTS``) once answers no result publishes are left out.
    """
    who, figure = _published(framework, kind, layout, x, codes=codes, nas=nas, settings=settings)
    used_subject: BoolArray = np.asarray(figure.any(axis=1), dtype=np.bool_)
    keep: BoolArray = np.asarray(who & used_subject[:, None], dtype=np.bool_)
    take = keep[:, :, None] & figure[:, None, :]
    raw = np.where(take, x, np.nan)
    withheld = int((~np.isnan(x) & who[:, :, None] & ~take).sum())
    rows = keep.reshape(-1)
    flat = raw.reshape(-1, x.shape[2])[rows]
    flat_nas = (nas & keep[:, :, None]).reshape(-1, x.shape[2])[rows]
    subjects = int(used_subject.sum())
    _refuse_small(kind, subjects, int(rows.sum()), source)
    y = core.keyed(raw, layout)
    icc_b = icc_i = None
    if kind in ("team", "360"):
        scores, _ = core.behaviour_scores(y, layout)
        icc_b, icc_i = intraclass(scores, keep), intraclass(y, keep)
    return ItemAnalysis(
        kind,
        layout,
        subjects,
        int(rows.sum()),
        int((who.any(axis=1) & ~used_subject).sum()),
        withheld,
        *_item_figures(flat, flat_nas, layout),
        consistency=consistency(core.keyed(flat, layout), layout),
        icc_behaviours=icc_b,
        icc_items=icc_i,
    )


def analyse_assessments(
    assessments: Sequence[Assessment],
    framework: Framework,
    settings: ScoringSettings,
    *,
    source: str | None = None,
) -> ItemAnalysis:
    """The analysis of many assessments of one kind and item set (validated here).

    ``source`` names where they were read from, for the messages of a refusal.
    """
    if not assessments:
        raise ScoringError("no assessments to analyse")
    kinds = {a.kind for a in assessments}
    details = {detail_of(a, framework) for a in assessments}
    if len(kinds) > 1 or len(details) > 1:
        raise ScoringError(
            f"an analysis takes one kind and one item set; got kinds {sorted(kinds)} and "
            f"items {sorted(details)}"
        )
    for a in assessments:
        validate_assessment(a, framework)
    layout = layout_of(framework, details.pop(), settings.min_item_fraction)
    width = max(len(a.responses) for a in assessments)
    x = np.full((len(assessments), width, len(layout.item_ids)), np.nan)
    nas = np.zeros(x.shape, dtype=np.bool_)
    codes = np.full((len(assessments), width), -1, dtype=np.int8)
    for s, a in enumerate(assessments):
        r = len(a.responses)
        x[s : s + 1, :r], nas[s : s + 1, :r] = answer_arrays(a.responses, layout)
        codes[s, :r] = [ROLE_CODES[response.role] for response in a.responses]
    return analyse_arrays(
        framework, kinds.pop(), layout, x, codes=codes, nas=nas, settings=settings, source=source
    )
