"""Respondents matched across two rounds, and their changes where publishing them is safe.

A paired comparison needs what a published ``Result`` never holds: each
respondent's behaviour score in both rounds. So it starts from the two
assessments, scored by the engine (``batch_of_one``), matched by respondent id
or by an explicit ``pairing`` (before id -> after id). Only the headline group
is paired: the subject of a quick or full assessment, a team's members, a
360's raters (whatever their role in each round).

The per-respondent differences are new figures about raters, so for a team or
a 360 a behaviour's paired figures are published only when (docs/privacy.md,
"Comparing rounds"):

1. at least ``m`` respondents are paired for it (``min_team`` for a team,
   ``min_raters`` for a 360, the larger of the two rounds' settings);
2. in each round, every group whose figure of the behaviour is published
   splits into paired and unpaired raters of 0 or at least ``m`` each (so no
   published mean minus the paired sum is a small group);
3. in a full assessment, in each round and for each item of the behaviour,
   the paired raters who answered it and those who did not are 0 or at least
   ``m`` each (a paired rater's score weighs their answers by how many items
   they answered);
4. no rater's answer, behaviour score or change is a linear combination of the
   two rounds' published sums and the paired sums, even for a reader who knows
   one paired rater's answers in both rounds (the rank test of
   ``behaviours.scoring.exposure``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np

from behaviours.errors import Problem, ResponsesError
from behaviours.frameworks.model import Framework
from behaviours.responses.model import Assessment
from behaviours.scoring.batch import BatchScores
from behaviours.scoring.exposure import published_sums, spanned
from behaviours.scoring.settings import ScoringSettings
from behaviours.scoring.single import batch_of_one
from behaviours.scoring.types import BoolArray, FloatArray, IntArray

__all__ = ["Pairs", "headline_respondents", "paired_differences"]

Matching = Literal["respondent_id", "pairing"]
_Cell = tuple[int, str, str]  # round (0 before, 1 after), respondent id, item id


@dataclass(frozen=True, eq=False)
class Pairs:
    """The matched respondents of two rounds and their behaviour-score changes.

    ``differences`` is ``pairs x B``: after minus before, NaN where the respondent
    has no score in a round or the behaviour's paired figures are ``withheld``
    (the reason, else None).
    """

    behaviour_ids: tuple[str, ...]
    matching: Matching
    matched: int
    only_before: int
    only_after: int
    min_group: int
    differences: FloatArray
    withheld: tuple[str | None, ...]


def headline_respondents(assessment: Assessment) -> list[int]:
    """Indexes of the respondents whose ratings the headline figures are."""
    if assessment.kind in ("quick", "full"):
        return [i for i, r in enumerate(assessment.responses) if r.role == "self"]
    return [i for i, r in enumerate(assessment.responses) if r.role != "self"]


def _pairs(
    before: Assessment, after: Assessment, pairing: Mapping[str, str] | None
) -> tuple[list[tuple[int, int]], Matching]:
    """(before index, after index) of every matched headline respondent."""
    ids_b = {before.responses[i].respondent: i for i in headline_respondents(before)}
    ids_a = {after.responses[i].respondent: i for i in headline_respondents(after)}
    if pairing is None:
        if before.kind in ("quick", "full"):  # the subject is the subject, whatever the id
            return [(i, j) for i in ids_b.values() for j in ids_a.values()], "respondent_id"
        return [(ids_b[k], ids_a[k]) for k in sorted(ids_b.keys() & ids_a.keys())], (
            "respondent_id"
        )
    problems = []
    for key, value in sorted(pairing.items()):
        where = f"pairing[{key!r}]"
        if key not in ids_b:
            problems.append(Problem(f"{key!r} is no rater of the earlier round", path=where))
        if value not in ids_a:
            problems.append(Problem(f"{value!r} is no rater of the later round", path=where))
    first: dict[str, str] = {}
    for key, value in sorted(pairing.items()):
        if value in first:
            problems.append(
                Problem(
                    f"{value!r} is paired with more than one rater (also {first[value]!r})",
                    path=f"pairing[{key!r}]",
                )
            )
        first.setdefault(value, key)
    if problems:
        raise ResponsesError(problems, title="the pairing does not fit the two rounds")
    return [(ids_b[k], ids_a[v]) for k, v in sorted(pairing.items())], "pairing"


def paired_differences(
    before: Assessment,
    after: Assessment,
    framework: Framework,
    settings: tuple[ScoringSettings, ScoringSettings],
    pairing: Mapping[str, str] | None = None,
) -> Pairs:
    """The matched respondents' changes per behaviour; both assessments must be valid.

    Raises ``ResponsesError`` when ``pairing`` names a respondent who is not a
    headline respondent of its round, or pairs two with one.
    """
    pairs, matching = _pairs(before, after, pairing)
    batches = (
        batch_of_one(before, framework, settings[0]),
        batch_of_one(after, framework, settings[1]),
    )
    kind = after.kind
    m = 1
    if kind == "360":
        m = max(s.min_raters for s in settings)
    elif kind == "team":
        m = max(s.min_team for s in settings)
    ib = np.array([p[0] for p in pairs], dtype=np.int64)
    ia = np.array([p[1] for p in pairs], dtype=np.int64)
    d = batches[1]._scores[0][ia] - batches[0]._scores[0][ib]  # pairs x B
    withheld: list[str | None] = [None] * d.shape[1]
    if kind in ("team", "360"):
        rounds = _Rounds((before, after), batches, (ib, ia))
        for b in range(d.shape[1]):
            withheld[b] = _rule_broken(rounds, ~np.isnan(d[:, b]), b, m)
        open_ = [b for b in range(d.shape[1]) if withheld[b] is None]
        for b in _exposed(rounds, d, open_, m):
            withheld[b] = (
                "a reader could work out one rater's answers from the paired and the "
                "published figures together"
            )
    d[:, [b for b, w in enumerate(withheld) if w is not None]] = np.nan
    n_b, n_a = len(headline_respondents(before)), len(headline_respondents(after))
    return Pairs(
        behaviour_ids=batches[1].behaviour_ids,
        matching=matching,
        matched=len(pairs),
        only_before=n_b - len(set(ib.tolist())),
        only_after=n_a - len(set(ia.tolist())),
        min_group=m,
        differences=d,
        withheld=tuple(withheld),
    )


def _split_ok(group: BoolArray, paired: BoolArray, m: int) -> bool:
    """Whether ``group`` splits into paired and unpaired parts of 0 or at least ``m`` each."""
    inside = int((group & paired).sum())
    outside = int((group & ~paired).sum())
    return all(k == 0 or k >= m for k in (inside, outside))


@dataclass(frozen=True, eq=False)
class _Rounds:
    """Both rounds as the checks read them: assessments, batches, the pairs' row indexes."""

    assessments: tuple[Assessment, Assessment]
    batches: tuple[BatchScores, BatchScores]
    index: tuple[IntArray, IntArray]

    @property
    def ids(self) -> tuple[list[str], list[str]]:
        """Respondent ids by row, per round."""
        a, b = ([x.respondent for x in a.responses] for a in self.assessments)
        return a, b


def _rule_broken(rounds: _Rounds, pair_ok: BoolArray, b: int, m: int) -> str | None:
    """Why behaviour ``b``'s paired figures may not be published (rules 1 to 3), or None."""
    n = int(pair_ok.sum())
    if n < max(m, 2):
        return f"{n} respondent(s) have a score in both rounds; at least {max(m, 2)} are needed"
    for r, (assessment, batch) in enumerate(zip(rounds.assessments, rounds.batches, strict=True)):
        paired = np.zeros(len(assessment.responses), dtype=np.bool_)
        paired[rounds.index[r][pair_ok]] = True
        scored = ~np.isnan(batch._scores[0][:, b])
        everyone = np.array([x.role != "self" for x in assessment.responses], dtype=np.bool_)
        answered = ~np.isnan(batch._keyed[0])  # R x I
        of_b = batch.layout.item_behaviour == b
        for group, member in batch._members.items():
            stats = batch.behaviours[group]
            if group == "self" or bool(stats.suppressed[0, b] or stats.insufficient[0, b]):
                continue
            # The figure's population is who answered an item it uses (its n); a paired
            # score is a rater's own. Either one puts a rater in the group.
            used = batch._item_used[group][0] if group in batch._item_used else of_b
            gives = answered[:, used & of_b].any(axis=1)
            mask = (everyone if member is None else member[0]) & (scored | gives)
            if not (group == "manager" and int(mask.sum()) == 1) and not _split_ok(mask, paired, m):
                return f"in one round the {group} group would split into a group of fewer than {m}"
        items = np.flatnonzero(of_b)
        if items.size > 1 and not all(_split_ok(paired, answered[:, j], m) for j in items):
            return (
                f"in one round the paired raters who answered an item and those who did not "
                f"would be fewer than {m}"
            )
    return None


def _score_vector(
    batch: BatchScores, r: int, who: int, b: int, ids: list[str]
) -> dict[_Cell, float]:
    """A respondent's behaviour score as weights on their answer cells (1/k each)."""
    layout = batch.layout
    items = np.flatnonzero((layout.item_behaviour == b) & ~np.isnan(batch._keyed[0][who]))
    return {(r, ids[who], layout.item_ids[i]): 1.0 / items.size for i in items.tolist()}


def _exposed(rounds: _Rounds, d: FloatArray, behaviours: list[int], m: int) -> list[int]:
    """The behaviours whose paired sum, with both rounds' published sums, exposes a rater
    (rule 4); with ``m >= 3`` also to a reader who knows one rater's answers."""
    ids, batches, index = rounds.ids, rounds.batches, rounds.index
    published = [
        published_sums(a, x) for a, x in zip(rounds.assessments, rounds.batches, strict=True)
    ]
    alone = {(r, who) for r, (_, sole) in enumerate(published) for who in sole}
    layout = batches[0].layout
    persons = [frozenset({(0, ids[0][i]), (1, ids[1][j])}) for i, j in zip(*index, strict=True)]
    for r, a in enumerate(rounds.assessments):
        paired = set(index[r].tolist())
        persons += [frozenset({(r, ids[r][i])}) for i in headline_respondents(a) if i not in paired]
    found = []
    for b in behaviours:
        items = {layout.item_ids[i] for i in np.flatnonzero(layout.item_behaviour == b)}
        rows = [
            {(r, who, item): 1.0 for who, item in row}
            for r, (sums, _) in enumerate(published)
            for row in sums
            if next(iter(row))[1] in items
        ]
        targets: list[dict[_Cell, float]] = []
        for r, batch in enumerate(batches):
            scored = np.flatnonzero(~np.isnan(batch._scores[0][:, b]))
            targets += [_score_vector(batch, r, int(w), b, ids[r]) for w in scored.tolist()]
        change: dict[_Cell, float] = {}
        for p in np.flatnonzero(~np.isnan(d[:, b])).tolist():
            after = _score_vector(batches[1], 1, int(index[1][p]), b, ids[1])
            before = _score_vector(batches[0], 0, int(index[0][p]), b, ids[0])
            one = {**after, **{c: -w for c, w in before.items()}}
            change.update(one)
            targets.append(one)
        rows.append(change)
        if _any_exposed(rows, targets, alone, persons, m):
            found.append(b)
    return found


def _matrix(weights: list[dict[_Cell, float]], column: dict[_Cell, int]) -> FloatArray:
    out = np.zeros((len(weights), len(column)))
    for k, row in enumerate(weights):
        out[k, [column[c] for c in row]] = list(row.values())
    return out


def _any_exposed(
    rows: list[dict[_Cell, float]],
    targets: list[dict[_Cell, float]],
    alone: set[tuple[int, str]],
    persons: list[frozenset[tuple[int, str]]],
    m: int,
) -> bool:
    """Whether a target that is not the sole manager's (nor the reader's own) is spanned,
    for a reader who knows nothing, or (``m >= 3``) one of ``persons``' answers in both
    rounds."""
    cells = sorted({c for row in rows for c in row} | {c for t in targets for c in t})
    targets = targets + [{c: 1.0} for c in cells]
    column = {c: j for j, c in enumerate(cells)}
    published, wanted = _matrix(rows, column), _matrix(targets, column)
    owner = np.array([(r, who) in alone for r, who, _ in cells], dtype=np.bool_)
    readers: list[frozenset[tuple[int, str]]] = [frozenset()]
    if m >= 3:
        readers += persons
    for reader in readers:
        # What a reader knows is subtracted out: the rest must not be spanned.
        known = owner | np.array([(r, who) in reader for r, who, _ in cells], dtype=np.bool_)
        theirs = (wanted[:, ~known] != 0).any(axis=1)
        if not theirs.any():
            continue
        hit = spanned(published[:, ~known], wanted[theirs][:, ~known])
        if hit.any():
            return True
    return False
