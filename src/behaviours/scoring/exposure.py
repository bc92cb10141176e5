"""Would several publications of one 360 round, read together, single out a rater?

Each publication alone is safe by construction (``anonymity``). Two of them
are not, in general: a report re-rendered after one late response differs
from the first by that rater's answers. This module checks a set of
publications the way ``tests/scoring/test_scoring_anonymity.py`` checks one:
every published mean is a sum over answers (in a full 360 per item, of
"others" and of each role used for the item; in a quick 360 per behaviour, of
each published group), so a reader can form any linear combination of them.
A rater is exposed when one of their answers, or their behaviour score, is
such a combination. Answers are matched across publications by respondent
id and item: the check assumes a respondent who appears in several
publications answered alike in each, which is what the ledger establishes
(``behaviours.results.rounds``) before it asks.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from behaviours.frameworks.model import Framework
from behaviours.responses.model import Assessment
from behaviours.scoring.batch import BatchScores
from behaviours.scoring.settings import ScoringSettings
from behaviours.scoring.single import batch_of_one
from behaviours.scoring.types import BoolArray, FloatArray

__all__ = ["Cell", "exposed_respondents", "published_sums", "spanned"]

_TOLERANCE = 1e-8
Cell = tuple[str, str]  # respondent id, item id


def published_sums(assessment: Assessment, batch: BatchScores) -> tuple[list[set[Cell]], list[str]]:
    """The answer sets of one publication's published sums (``batch`` is the assessment
    scored), and the raters shown alone by choice (a sole manager with ``show_manager``),
    whose answers are published as such. A group without a member mask (a team's
    members) is every respondent but the subject."""
    layout = batch.layout
    ids = [r.respondent for r in assessment.responses]
    answered = ~np.isnan(batch._keyed[0])  # R x I
    everyone = np.array([r.role != "self" for r in assessment.responses], dtype=np.bool_)
    rows: list[set[Cell]] = []
    for group, member in batch._members.items():
        if group == "self":
            continue
        if group in batch._item_used:  # full 360: per item, where the group is used
            used = batch._item_used[group][0]
        else:  # one item per behaviour: where the group's behaviour figure is published
            stats = batch.behaviours[group]
            used = (~stats.suppressed[0] & ~stats.insufficient[0])[layout.item_behaviour]
        mask = everyone if member is None else member[0]
        for i in np.flatnonzero(used):
            who = np.flatnonzero(mask & answered[:, i])
            if who.size:
                rows.append({(ids[r], layout.item_ids[i]) for r in who.tolist()})
    alone = []
    if batch.shown.get("manager") is not None and bool(batch.shown["manager"][0]):
        managers = [r.respondent for r in assessment.responses if r.role == "manager"]
        alone = managers if len(managers) == 1 else []
    return rows, alone


def spanned(rows: FloatArray, targets: FloatArray) -> BoolArray:
    """Which rows of ``targets`` are linear combinations of the rows of ``rows``: what a
    reader who can add and subtract published sums can work out."""
    if rows.size == 0:
        return np.zeros(targets.shape[0], dtype=np.bool_)
    _, singular, vt = np.linalg.svd(rows, full_matrices=False)
    basis = vt[singular > _TOLERANCE * max(1.0, float(singular.max(initial=0.0)))]
    residual = targets - (targets @ basis.T) @ basis
    found: BoolArray = np.abs(residual).max(axis=1, initial=0.0) < 1e-7
    return found


def _behaviour_cells(
    assessment: Assessment, framework: Framework, settings: ScoringSettings
) -> list[set[Cell]]:
    """Each rater's answers to each behaviour they have a score for (weighted alike)."""
    batch = batch_of_one(assessment, framework, settings)
    layout = batch.layout
    answered = ~np.isnan(batch._keyed[0])
    scored = ~np.isnan(batch._scores[0])  # R x B
    out = []
    for r, response in enumerate(assessment.responses):
        if response.role == "self":
            continue
        for b in np.flatnonzero(scored[r]):
            items = np.flatnonzero((layout.item_behaviour == b) & answered[r])
            out.append({(response.respondent, layout.item_ids[i]) for i in items.tolist()})
    return out


def exposed_respondents(
    publications: Sequence[tuple[Assessment, ScoringSettings]], framework: Framework
) -> list[str]:
    """The raters (by respondent id) whose answer to an item, or behaviour score, follows
    from the published sums of all ``publications`` (each with the settings it was scored
    with) together; empty when nobody's does."""
    rows: list[set[Cell]] = []
    alone: set[str] = set()
    targets: list[set[Cell]] = []
    for p, settings in publications:
        found, sole = published_sums(p, batch_of_one(p, framework, settings))
        rows += found
        alone.update(sole)
        targets += _behaviour_cells(p, framework, settings)
    cells = sorted({c for row in rows for c in row} | {c for t in targets for c in t})
    if not rows or not cells:
        return []
    column = {c: j for j, c in enumerate(cells)}
    matrix = np.zeros((len(rows), len(cells)))
    for k, row in enumerate(rows):
        matrix[k, [column[c] for c in row]] = 1.0
    targets += [{c} for c in cells]
    vectors = np.zeros((len(targets), len(cells)))
    for k, target in enumerate(targets):
        vectors[k, [column[c] for c in target]] = 1.0 / len(target)
    exposed = {who for k in np.flatnonzero(spanned(matrix, vectors)) for who, _ in targets[k]}
    return sorted(exposed - alone)
