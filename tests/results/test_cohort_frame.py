"""Cohort tables of a DataFrame (pandas, and Dask on a local cluster): the ``dask`` extra.

Skipped when pandas or dask.dataframe is not installed. The frame holds each
person's published score per behaviour; the sums run where the frame lives.
"""

from __future__ import annotations

import datetime
import math

import pytest

from behaviours import score
from behaviours.errors import ResponsesError
from behaviours.examples import cohort_rounds, cohort_units
from behaviours.frameworks.catalogue import load_framework
from behaviours.results.cohort import CohortCell, CohortTable
from behaviours.results.cohorting import cohort_table, cohort_table_of_frame, parse_units
from behaviours.results.model import Result

pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

DAY = datetime.date(2026, 3, 16)


@pytest.fixture(scope="module")
def after() -> list[Result]:
    return [score(a) for a in cohort_rounds()[1]]


@pytest.fixture(scope="module")
def frame(after: list[Result]) -> object:
    units = parse_units(cohort_units(), "team")
    rows = [
        {"team": units[r.subject.id], **{b.id: b.score.mean for b in r.behaviours}} for r in after
    ]
    return pd.DataFrame(rows)


def _of(frame: object) -> CohortTable:
    return cohort_table_of_frame(
        frame,
        load_framework("compassionate-leadership"),
        by="team",
        kind="full",
        assessed_from=DAY,
        assessed_to=DAY,
    )


def _same_figures(mine: CohortCell, theirs: CohortCell) -> None:
    """Equal counts, and figures equal to 1e-9 (sums in another order differ in the last bits)."""
    assert mine.n == theirs.n
    for field in ("mean", "normalised", "sd", "ci_low", "ci_high"):
        a, b = getattr(mine, field), getattr(theirs, field)
        assert (a is None and b is None) or math.isclose(a, b, abs_tol=1e-9)


def test_a_pandas_frame_gives_the_figures_of_the_results(
    after: list[Result], frame: object
) -> None:
    expected = cohort_table(after, parse_units(cohort_units(), "team"), by="team")
    got = _of(frame)
    assert got.units == expected.units
    # This cohort's withheld cells do not depend on knowing who is in which cell.
    assert [c.withheld for c in got.cells] == [c.withheld for c in expected.cells]
    for mine, theirs in zip(got.cells, expected.cells, strict=True):
        _same_figures(mine, theirs)


@pytest.mark.slow
def test_a_dask_frame_on_a_local_cluster_gives_the_pandas_table(frame: object) -> None:
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster),
    ):
        table = _of(dd.from_pandas(frame, npartitions=4))
    expected = _of(frame)
    assert [c.withheld for c in table.cells] == [c.withheld for c in expected.cells]
    for mine, theirs in zip(table.cells, expected.cells, strict=True):
        _same_figures(mine, theirs)


def test_a_frame_row_without_a_unit_is_refused(frame: object) -> None:
    broken = frame.copy()  # type: ignore[attr-defined]
    broken.loc[0, "team"] = None
    with pytest.raises(ResponsesError, match="1 rows have no 'team'"):
        _of(broken)
