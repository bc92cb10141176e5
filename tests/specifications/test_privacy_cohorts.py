"""Privacy audit of cohort tables: work out a withheld cell from everything published.

The attacker holds the published cohort table (its JSON, as ``behaviours
cohort`` writes it) and knows how it is made: each line's entries add up to its
margin, in people and in sums of scores (``n * mean``). They solve those
equations for every withheld entry. The property: no withheld entry, count or
sum, is fixed by them; and subtracting a line's published entries from its
published margin always leaves at least ``min_people`` people (docs/privacy.md,
"Cohorts").
"""

from __future__ import annotations

import datetime

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from behaviours import score
from behaviours.examples import example
from behaviours.responses.model import Assessment
from behaviours.results.cohort import ALL, CohortTable
from behaviours.results.cohorting import cohort_table
from behaviours.results.model import Result
from strategies.cohorts import determined, margin_equations

BEHAVIOURS = ("attending", "understanding", "empathising", "helping")


def _person(subject: str, ratings: list[int]) -> Result:
    return score(
        Assessment.model_validate(
            {
                "framework": "compassionate-leadership",
                "framework_version": "1.0",
                "kind": "quick",
                "detail": "quick",
                "subject": {"id": subject, "name": subject},
                "assessed_on": datetime.date(2025, 9, 15),
                "responses": [
                    {
                        "respondent": subject,
                        "role": "self",
                        "ratings": dict(zip(BEHAVIOURS, ratings, strict=True)),
                    }
                ],
            }
        )
    )


@st.composite
def published(draw: st.DrawFn) -> CohortTable:
    sizes = draw(st.lists(st.integers(0, 8), min_size=1, max_size=4))
    results, units = [], {}
    for u, size in enumerate(sizes):
        for k in range(size):
            subject = f"P{u}-{k}"
            ratings = draw(st.lists(st.integers(1, 5), min_size=4, max_size=4))
            results.append(_person(subject, ratings))
            units[subject] = f"unit {u}"
    if not results:
        results.append(_person("P0-0", [3, 3, 3, 3]))
        units["P0-0"] = "unit 0"
    table = cohort_table(results, units, by="team")
    return CohortTable.model_validate_json(table.model_dump_json())


def _grid(table: CohortTable) -> tuple[np.ndarray, np.ndarray]:
    """The published counts (NaN where withheld) and which entries are withheld."""
    rows = [*table.units, ALL]
    cols = [*table.behaviours, ALL]
    n = np.full((len(rows), len(cols)), np.nan)
    withheld = np.zeros(n.shape, dtype=bool)
    for cell in table.cells:
        r, c = rows.index(cell.unit), cols.index(cell.behaviour)
        withheld[r, c] = cell.withheld
        if cell.n is not None:
            n[r, c] = cell.n
    return n, withheld


@given(published())
@settings(max_examples=40, deadline=None)
def test_no_withheld_count_or_sum_is_fixed_by_the_published_table(table: CohortTable) -> None:
    _, withheld = _grid(table)
    equations = margin_equations(len(table.units), len(table.behaviours))
    assert determined(equations, withheld) == []


@given(published())
@settings(max_examples=40, deadline=None)
def test_every_published_cell_is_about_at_least_min_people(table: CohortTable) -> None:
    for cell in table.cells:
        if not cell.withheld and cell.n:
            assert cell.n >= table.min_people


@given(published())
@settings(max_examples=40, deadline=None)
def test_a_margin_minus_its_published_cells_covers_at_least_min_people(
    table: CohortTable,
) -> None:
    """Per behaviour: the cohort's n minus the published units' n (units never share people)."""
    n, withheld = _grid(table)
    for b in range(n.shape[1]):
        if withheld[-1, b] or not withheld[:-1, b].any():
            continue
        rest = n[-1, b] - np.nansum(np.where(withheld[:-1, b], np.nan, n[:-1, b]))
        assert rest >= table.min_people


def test_a_withheld_cell_publishes_nothing_about_itself() -> None:
    results = [_person(f"P{k}", [1 + k % 5, 2, 3, 4]) for k in range(9)]
    units = {f"P{k}": "small" if k < 3 else "large" for k in range(9)}
    table = cohort_table(results, units, by="team")
    small = [c for c in table.cells if c.unit == "small"]
    assert all(c.withheld for c in small)
    assert all((c.n, c.mean, c.normalised, c.sd, c.ci_low, c.ci_high) == (None,) * 6 for c in small)


def test_a_360_cohort_counts_each_persons_published_others_score() -> None:
    base = score(example("360"))
    people = [
        base.model_copy(update={"subject": base.subject.model_copy(update={"id": f"S{k}"})})
        for k in range(5)
    ]
    table = cohort_table(people, {f"S{k}": "team" for k in range(5)}, by="team")
    for b in base.behaviours:
        cell = table.cell("team", b.id)
        assert cell.n == 5
        assert cell.mean == b.score.mean
    self_table = cohort_table(
        people, {f"S{k}": "team" for k in range(5)}, by="team", measure="self"
    )
    first = base.behaviours[0]
    assert self_table.cell("team", first.id).mean == first.groups["self"].mean
