"""render_many on a local Dask cluster, through ``Client.get_executor()`` (the ``dask`` extra).

Skipped when ``distributed`` is not installed. This is the code docs/batch.md
shows: worker processes score and render, the calling process writes the files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from behaviours import render_many
from behaviours.examples import examples

distributed = pytest.importorskip("distributed")


@pytest.mark.slow
def test_render_many_runs_on_a_local_dask_cluster(tmp_path: Path) -> None:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        summary = render_many(
            examples(), tmp_path / "dask", executor=client.get_executor(), window=8
        )
    render_many(examples(), tmp_path / "local", jobs=1)
    assert (summary.written, summary.failed) == (3, 0)

    def hashes(folder: Path) -> list[str]:
        data = json.loads((folder / "manifest.json").read_text("utf-8"))
        return [row["sha256"] for row in data["reports"]]

    assert hashes(tmp_path / "dask") == hashes(tmp_path / "local")
