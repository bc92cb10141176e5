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


def _people_table(
    sizes: list[int], ratings: list[list[int]], min_people: int
) -> tuple[CohortTable, list[str], dict[str, str]]:
    """A cohort of self-assessed people, ``sizes[u]`` in unit u, and who is where."""
    people = [f"P{u}-{k}" for u, size in enumerate(sizes) for k in range(size)]
    units = {p: f"unit {p[1:].split('-')[0]}" for p in people}
    results = [_person(p, ratings[k % len(ratings)]) for k, p in enumerate(people)]
    table = cohort_table(results, units, by="team", min_people=min_people)
    return table, people, units


def _learns_another(
    table: CohortTable, people: list[str], units: dict[str, str], reader: str
) -> bool:
    """Independent check: with the published sums (n * mean) of every cell and margin, and
    their own scores (from their own report), can ``reader`` work out another person's score
    for a behaviour? Unknowns are each person's behaviour scores; a person's overall is the
    mean of their behaviours."""
    behaviours = list(table.behaviours)
    cells = [(p, b) for p in people for b in behaviours]
    column = {c: j for j, c in enumerate(cells)}
    rows = []
    for cell in table.cells:
        if cell.withheld:
            continue
        row = np.zeros(len(cells))
        for p in people:
            if cell.unit not in (ALL, units[p]):
                continue
            for b in behaviours if cell.behaviour == ALL else [cell.behaviour]:
                row[column[(p, b)]] = 1 / len(behaviours) if cell.behaviour == ALL else 1
        rows.append(row)
    unknown = [j for j, (p, _) in enumerate(cells) if p != reader]
    matrix = np.array(rows).reshape(-1, len(cells))[:, unknown]
    if matrix.size == 0:
        return False
    for k in range(len(unknown)):
        target = np.zeros(len(unknown))
        target[k] = 1
        coefficients, *_ = np.linalg.lstsq(matrix.T, target, rcond=None)
        if np.abs(matrix.T @ coefficients - target).max() < 1e-8:
            return True
    return False


@given(
    sizes=st.lists(st.integers(0, 7), min_size=2, max_size=4).filter(lambda s: sum(s) > 0),
    ratings=st.lists(st.lists(st.integers(1, 5), min_size=4, max_size=4), min_size=1, max_size=3),
)
@settings(max_examples=25, deadline=None)
def test_a_person_who_knows_their_own_score_learns_no_one_elses_from_the_table(
    sizes: list[int], ratings: list[list[int]]
) -> None:
    # Attack: a cohort member has their own score (their own report, or a 360's self
    # score); a withheld cell minus their own is the rest of the withheld people.
    table, people, units = _people_table(sizes, ratings, 5)
    for reader in people:
        assert not _learns_another(table, people, units, reader)


def test_with_min_people_two_a_member_of_a_withheld_pair_learns_the_other() -> None:
    # The residual risk docs/privacy.md names: complementary suppression leaves withheld
    # cells of min_people people together, so with 2 a member who knows their own score
    # reads the other's (as a rater of a group of min_raters 2 does).
    table, people, units = _people_table([1, 1, 4], [[1, 2, 3, 4], [5, 4, 3, 2]], 2)
    assert _learns_another(table, people, units, "P0-0")
    assert not _learns_another(*_people_table([1, 1, 4], [[1, 2, 3, 4]], 3), "P0-0")
