"""render_many(formats=...): a file per subject and format, a manifest row for every file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from behaviours import render_many, score
from behaviours.errors import ReportError
from behaviours.examples import example
from behaviours.packs.manifest import ManifestRow, read_manifest
from behaviours.responses.model import Subject
from behaviours.results.model import Result


@pytest.fixture(scope="module")
def team() -> Result:
    return score(example("team"))


def _others(result: Result, n: int) -> list[Result]:
    return [
        result.model_copy(update={"subject": Subject(id=f"T{i}", name=f"Team {i}")})
        for i in range(n)
    ]


def _rows(folder: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads((folder / "manifest.json").read_text("utf-8"))[
        "reports"
    ]
    return rows


def test_each_subject_gets_a_file_per_format_in_the_order_asked(
    tmp_path: Path, team: Result
) -> None:
    summary = render_many(_others(team, 2), tmp_path, jobs=1, formats=("html", "pdf"))
    rows = _rows(tmp_path)
    assert summary.written == 4
    assert [(r["subject"], r["format"]) for r in rows] == [
        ("T0", "html"),
        ("T0", "pdf"),
        ("T1", "html"),
        ("T1", "pdf"),
    ]
    assert all((tmp_path / r["file"]).stat().st_size == r["bytes"] for r in rows)
    assert rows[0]["file"].removesuffix(".html") == rows[1]["file"].removesuffix(".pdf")


def test_a_rerun_makes_only_the_file_that_went_missing(tmp_path: Path, team: Result) -> None:
    render_many(_others(team, 1), tmp_path, jobs=1, formats=("pdf", "html"))
    html = next(tmp_path.glob("*.html"))
    kept = html.read_bytes()
    html.unlink()
    summary = render_many(_others(team, 1), tmp_path, jobs=1, formats=("pdf", "html"))
    assert (summary.written, summary.current) == (1, 1)
    assert html.read_bytes() == kept
    assert [r["status"] for r in _rows(tmp_path)] == ["current", "written"]


def test_a_subject_that_fails_fails_in_every_format(tmp_path: Path) -> None:
    lonely = example("360").model_copy(update={"responses": example("360").responses[:2]})
    summary = render_many([lonely], tmp_path, jobs=1, formats=("pdf", "html"))
    rows = _rows(tmp_path)
    assert summary.failed == 2
    assert [(r["format"], r["status"]) for r in rows] == [("pdf", "failed"), ("html", "failed")]
    assert all("InsufficientRatersError" in r["error"] for r in rows)
    assert not list(tmp_path.glob("*.pdf"))
    assert not list(tmp_path.glob("*.html"))


def test_an_unknown_format_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"unknown report format\(s\) 'docx': choose from pdf"):
        render_many([], tmp_path / "pack", formats=("pdf", "docx"))
    assert not (tmp_path / "pack").exists()


def test_the_tagged_pdf_without_weasyprint_is_refused_naming_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("behaviours.packs.formats.tagged_pdf_available", lambda: False)
    with pytest.raises(ReportError, match=r"pip install 'behaviours\[tagged-pdf\]'"):
        render_many([], tmp_path / "pack", formats=("tagged-pdf",))
    assert not (tmp_path / "pack").exists()


def test_a_manifest_written_before_formats_reads_as_pdf(tmp_path: Path) -> None:
    row = {"subject": "a", "file": "a.pdf", "pages": 2, "status": "written"}
    (tmp_path / "manifest.json").write_text(json.dumps({"reports": [row]}), "utf-8")
    assert list(read_manifest(tmp_path)) == [ManifestRow("a", "a.pdf", 2, "written")]
