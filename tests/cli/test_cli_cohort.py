"""``behaviours cohort``: files written, the progress bar, and the figures matching the API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from behaviours import score
from behaviours.cli import main
from behaviours.examples import cohort_rounds, cohort_units
from behaviours.results.exporting import write_results


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cohort")
    before, after = cohort_rounds()
    write_results([score(a) for a in before], folder / "before.json", format="json")
    write_results([score(a) for a in after], folder / "after.json", format="json")
    (folder / "units.csv").write_text(cohort_units(), encoding="utf-8")
    return folder


def _run(inputs: Path, out: Path, *extra: str) -> int:
    return main(
        [
            "cohort",
            "--by",
            "team",
            "--units",
            str(inputs / "units.csv"),
            "--out",
            str(out),
            "--no-progress",
            *extra,
        ]
    )


def test_cohort_writes_the_table_evaluation_norm_and_report(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _run(
        inputs,
        tmp_path,
        "--before",
        str(inputs / "before.json"),
        "--after",
        str(inputs / "after.json"),
        "--save-norm",
        "Leaders 2025",
    )
    assert code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "cohort.csv",
        "cohort.json",
        "cohort.pdf",
        "evaluation.csv",
        "evaluation.json",
        "norm.json",
    ]
    assert capsys.readouterr().out.splitlines() == [
        str(tmp_path / n)
        for n in (
            "cohort.json",
            "cohort.csv",
            "evaluation.json",
            "evaluation.csv",
            "norm.json",
            "cohort.pdf",
        )
    ]
    norm = json.loads((tmp_path / "norm.json").read_text())
    assert (norm["name"], norm["framework_major"], norm["method"]) == (
        "Leaders 2025",
        "1",
        "mid-rank",
    )


def test_cohort_places_every_person_in_a_norm_with_its_n_and_dates(
    inputs: Path, tmp_path: Path
) -> None:
    _run(inputs, tmp_path / "a", str(inputs / "before.json"), "--save-norm", "Leaders 2025")
    assert (
        _run(
            inputs,
            tmp_path / "b",
            str(inputs / "after.json"),
            "--norm",
            str(tmp_path / "a" / "norm.json"),
        )
        == 0
    )
    lines = (tmp_path / "b" / "norm-scores.csv").read_text().splitlines()
    assert lines[0].endswith("norm,norm_n,norm_dates,norm_includes_person")
    assert all('"Leaders 2025",54,"2025-09-15 to 2025-09-15"' in line for line in lines[1:])


def test_the_progress_bar_goes_to_stderr_only_when_asked(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--before", str(inputs / "before.json"), "--after", str(inputs / "after.json")]
    _run(inputs, tmp_path / "quiet", *args)
    assert capsys.readouterr().err == ""
    main(
        [
            "cohort",
            "--by",
            "team",
            "--units",
            str(inputs / "units.csv"),
            "--out",
            str(tmp_path / "loud"),
            "--progress",
            *args,
        ]
    )
    assert "2/2" in capsys.readouterr().err


def test_cohort_writes_the_report_in_each_format_asked_for(inputs: Path, tmp_path: Path) -> None:
    code = _run(inputs, tmp_path, str(inputs / "after.json"), "--format", "html,pdf")
    assert code == 0
    assert (tmp_path / "cohort.html").read_bytes().startswith(b"<!DOCTYPE html>")
    assert (tmp_path / "cohort.pdf").read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "cohort.tagged.pdf").exists()
