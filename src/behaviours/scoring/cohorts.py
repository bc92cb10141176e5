"""Cohort aggregates: people x behaviours grouped by unit, with disclosure control.

The table a cohort publishes is a two-way table with margins, laid out as one
``(U + 1) x (B + 1)`` array: ``[u, b]`` is unit ``u`` on behaviour ``b``,
``[u, B]`` the unit on every behaviour (the mean of its people's overall
scores), ``[U, b]`` the whole cohort on behaviour ``b`` and ``[U, B]`` the
cohort's overall figure. The unit of counting is the person: each person's one
published score per behaviour (a 360's others-score or self-score, never a
rater's answers).

Disclosure control (docs/privacy.md, "Cohorts"; Hundepool et al. 2012, ch. 4)
withholds every entry with fewer than ``min_people`` people (primary
suppression) and then more (complementary suppression) until

1. every line (a row or column with its margin) whose margin is published has
   either no withheld entry or withheld entries that together cover at least
   ``min_people`` distinct people, so the figure left by subtracting the
   published entries from the margin is always about ``min_people`` or more; and
2. no withheld entry is a bridge of the graph whose vertices are lines and
   whose edges are withheld entries: the published sums and counts fix a
   withheld entry exactly when, and only when, it lies on no cycle of withheld
   entries (the null space of a two-way table's margin equations is spanned
   by its cycles).

Everything is arrays (``numpy.bincount`` on flat indices) except the
suppression loop, which walks a table of units, not of people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from behaviours.scoring.statistics import confidence_interval
from behaviours.scoring.types import BoolArray, FloatArray, IntArray

__all__ = ["CohortCells", "aggregate", "cohort_table", "frame_table", "suppress"]


@dataclass(frozen=True, eq=False)
class CohortCells:
    """The ``(U + 1) x (B + 1)`` table of one measure (see the module docstring).

    ``n`` counts people with a score in the entry; ``withheld`` is the result of
    ``suppress`` (all False until then). ``mean``, ``sd`` and the 95% t
    interval are NaN where ``n`` does not allow them.
    """

    n: IntArray
    mean: FloatArray
    sd: FloatArray
    ci_low: FloatArray
    ci_high: FloatArray
    withheld: BoolArray


def _moments(
    flat: IntArray, values: FloatArray, size: int
) -> tuple[IntArray, FloatArray, FloatArray]:
    n = np.bincount(flat, minlength=size).astype(np.int64)
    total = np.bincount(flat, weights=values, minlength=size)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = total / n
        # Deviations from each group's own mean, so large scores lose no precision.
        dev = values - mean[flat]
        ss = np.bincount(flat, weights=dev * dev, minlength=size)
        sd = np.sqrt(ss / (n - 1))
    return n, np.where(n > 0, mean, np.nan), np.where(n > 1, sd, np.nan)


def _overall(scores: FloatArray) -> FloatArray:
    """Each person's overall score: the mean of their behaviour scores (NaN with none)."""
    scored = np.isfinite(scores)
    count = scored.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(scored, scores, 0.0).sum(axis=1) / count
    return np.where(count > 0, out, np.nan)


def aggregate(scores: FloatArray, units: IntArray, n_units: int) -> CohortCells:
    """The cohort table of ``scores`` (people x behaviours, NaN where none) by ``units``.

    ``units[p]`` is person ``p``'s unit, ``0 <= units[p] < n_units``.
    """
    people, b = scores.shape
    width = b + 1
    size = (n_units + 1) * width
    with_overall = np.concatenate([scores, _overall(scores)[:, None]], axis=1)
    rows = np.concatenate([units, np.full(people, n_units)])
    stacked = np.concatenate([with_overall, with_overall])
    flat_all = rows[:, None] * width + np.arange(width)[None, :]
    scored = np.isfinite(stacked)
    n, mean, sd = _moments(flat_all[scored], stacked[scored], size)
    shape = (n_units + 1, width)
    n, mean, sd = n.reshape(shape), mean.reshape(shape), sd.reshape(shape)
    low, high = confidence_interval(mean, sd, n)
    return CohortCells(n, mean, sd, low, high, np.zeros(shape, dtype=bool))


class _Lines:
    """Who is in each line's withheld entries: the people counting rule of the module.

    Without the people (``scores`` None: a table summed elsewhere, such as on a
    Dask cluster) a row's distinct people are taken as the largest withheld
    entry's n, the fewest they can be, so the rule is never weaker.
    """

    def __init__(
        self, scores: FloatArray | None, units: IntArray | None, n_units: int, n: IntArray
    ) -> None:
        self.scored = None if scores is None else np.isfinite(scores)
        self.units = units
        self.n_units = n_units
        self.n = n

    def people(self, withheld: BoolArray, axis: int, index: int) -> int:
        """Distinct people in the withheld non-margin entries of one line."""
        u_max, b_max = self.n_units, self.n.shape[1] - 1
        if axis == 1:  # a column: units are disjoint, so counts add
            rows = np.flatnonzero(withheld[:u_max, index])
            return int(self.n[rows, index].sum())
        cols = np.flatnonzero(withheld[index, :b_max])
        if cols.size == 0:
            return 0
        if self.scored is None or self.units is None:
            return int(self.n[index, cols].max())
        members = self.scored if index == u_max else self.scored[self.units == index]
        return int(members[:, cols].any(axis=1).sum())


def _line_fix(withheld: BoolArray, n: IntArray, lines: _Lines, min_people: int) -> bool:
    """Withhold one more entry in the first line that breaks rule 1; False when none does."""
    rows, cols = withheld.shape
    for axis, count in ((0, rows), (1, cols)):
        for index in range(count):
            line = withheld[index] if axis == 0 else withheld[:, index]
            margin = line[-1]
            if margin or not line[:-1].any():
                continue
            if lines.people(withheld, axis, index) >= min_people:
                continue
            counts = n[index, :-1] if axis == 0 else n[:-1, index]
            open_ = ~line[:-1] & (counts > 0)
            if open_.any():
                pick = int(np.flatnonzero(open_)[np.argmin(counts[open_])])
            else:
                pick = len(line) - 1
            if axis == 0:
                withheld[index, pick] = True
            else:
                withheld[pick, index] = True
            return True
    return False


def _bridges(withheld: BoolArray) -> list[tuple[int, int]]:
    """Withheld entries on no cycle of the line graph (rows and columns as vertices)."""
    rows, cols = withheld.shape
    adjacency: dict[int, list[tuple[int, int]]] = {v: [] for v in range(rows + cols)}
    edges = [(int(r), int(c)) for r, c in zip(*np.nonzero(withheld), strict=True)]
    for e, (r, c) in enumerate(edges):
        adjacency[r].append((rows + c, e))
        adjacency[rows + c].append((r, e))
    order: dict[int, int] = {}
    low: dict[int, int] = {}
    found: list[tuple[int, int]] = []
    for root, neighbours in adjacency.items():
        if root in order or not neighbours:
            continue
        order[root] = low[root] = len(order)
        stack: list[tuple[int, int, int]] = [(root, -1, 0)]
        while stack:
            v, via, i = stack.pop()
            if i < len(adjacency[v]):
                stack.append((v, via, i + 1))
                w, e = adjacency[v][i]
                if e == via:
                    continue
                if w in order:
                    low[v] = min(low[v], order[w])
                else:
                    order[w] = low[w] = len(order)
                    stack.append((w, e, 0))
            elif via >= 0:
                parent = stack[-1][0]
                low[parent] = min(low[parent], low[v])
                if low[v] > order[parent]:
                    found.append(edges[via])
    return found


def _side(withheld: BoolArray, bridge: tuple[int, int]) -> BoolArray:
    """The vertices reachable from the bridge's row without crossing the bridge."""
    rows, cols = withheld.shape
    graph = withheld.copy()
    graph[bridge] = False
    seen = np.zeros(rows + cols, dtype=bool)
    todo = [bridge[0]]
    seen[bridge[0]] = True
    while todo:
        v = todo.pop()
        nxt = np.flatnonzero(graph[v]) + rows if v < rows else np.flatnonzero(graph[:, v - rows])
        for w in nxt:
            if not seen[w]:
                seen[w] = True
                todo.append(int(w))
    return seen


def _bridge_fix(withheld: BoolArray, n: IntArray) -> bool:
    """Withhold the smallest published entry that puts the first bridge on a cycle."""
    bridges = _bridges(withheld)
    if not bridges:
        return False
    rows, _ = withheld.shape
    side = _side(withheld, bridges[0])
    row_side, col_side = side[:rows], side[rows:]
    crossing = (row_side[:, None] != col_side[None, :]) & ~withheld
    weight = np.where(crossing & (n > 0), n, np.iinfo(np.int64).max)
    if not crossing.any():  # cannot happen once rule 1 holds; withhold the line whole
        withheld[bridges[0][0]] = True
        return True
    pick = np.unravel_index(int(np.argmin(np.where(crossing, weight, weight.max()))), n.shape)
    withheld[pick] = True
    return True


def suppress(
    cells: CohortCells, scores: FloatArray | None, units: IntArray | None, min_people: int
) -> CohortCells:
    """``cells`` with every entry withheld that the module's two rules require.

    ``scores`` and ``units`` are the people the cells were made from (None when
    only the sums are at hand: see ``_Lines``). Deterministic: ties go to the
    lowest index, so the same cohort always withholds the same entries.
    """
    n = cells.n
    withheld = (n > 0) & (n < min_people)
    lines = _Lines(scores, units, n.shape[0] - 1, n)
    while _line_fix(withheld, n, lines, min_people) or _bridge_fix(withheld, n):
        pass
    return CohortCells(n, cells.mean, cells.sd, cells.ci_low, cells.ci_high, withheld)


def cohort_table(
    scores: Sequence[Sequence[float]], units: Sequence[int], n_units: int, min_people: int
) -> CohortCells:
    """``aggregate`` then ``suppress``, from plain lists (what the results stage holds)."""
    values = np.asarray(scores, dtype=np.float64).reshape(len(units), -1)
    codes = np.asarray(units, dtype=np.int64)
    return suppress(aggregate(values, codes, n_units), values, codes, min_people)


def _cells_of_sums(n: IntArray, total: FloatArray, squares: FloatArray) -> CohortCells:
    """Cells from counts, sums and sums of squares per entry (margins included)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(n > 0, total / n, np.nan)
        var = np.maximum((squares - n * mean * mean) / (n - 1), 0.0)
        sd = np.where(n > 1, np.sqrt(var), np.nan)
    low, high = confidence_interval(mean, sd, n)
    return CohortCells(n, mean, sd, low, high, np.zeros(n.shape, dtype=bool))


def frame_table(
    frame: Any, by: str, behaviours: Sequence[str], min_people: int
) -> tuple[list[str], CohortCells]:
    """The suppressed cohort table of a pandas or Dask DataFrame: one row per person.

    ``frame`` has the column ``by`` (the unit) and one column per behaviour
    (the person's score, NaN for none). The sums are computed where the frame
    lives (``groupby().agg`` then ``compute()`` on a Dask cluster); only the
    units x behaviours sums come back. Returns the units, sorted, and the cells.
    """
    columns = [*behaviours, "__all"]
    scores = frame[list(behaviours)]
    work = frame[[by]].assign(__all=scores.mean(axis=1), **{b: frame[b] for b in behaviours})
    squared = work[columns] ** 2
    work = work.assign(**{f"{c}__sq": squared[c] for c in columns})
    sums = work.groupby(by).agg(["count", "sum"])
    sums = sums.compute() if hasattr(sums, "compute") else sums
    names = sorted(str(u) for u in sums.index)
    sums.index = [str(u) for u in sums.index]
    sums = sums.loc[names]

    def block(suffix: str, stat: str) -> FloatArray:
        wanted = [(f"{c}{suffix}", stat) for c in columns]
        part = np.asarray(sums[wanted].to_numpy(), dtype=np.float64)
        return np.vstack([part, part.sum(axis=0, keepdims=True)])

    n = block("", "count").astype(np.int64)
    cells = _cells_of_sums(n, block("", "sum"), block("__sq", "sum"))
    return names, suppress(cells, None, None, min_people)
