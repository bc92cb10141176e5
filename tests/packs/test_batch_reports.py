"""render_many with the real scoring and reports: the example pack and its failures."""

from __future__ import annotations

import io
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from behaviours import render_many, score
from behaviours.examples import example, examples
from behaviours.frameworks.catalogue import load_framework
from behaviours.pdf.pages import page_count
from behaviours.responses.model import Assessment, Subject

# Pages of each example report: a change in layout that moves these must be deliberate
# (render the pack and look at it), then update them here.
EXPECTED_PAGES = {"E104823": 8, "T-WF-CNT": 12, "E100917": 17}


def rows(folder: Path) -> list[dict[str, Any]]:
    data: dict[str, Any] = json.loads((folder / "manifest.json").read_text("utf-8"))
    return list(data["reports"])


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pack")
    summary = render_many(examples(), folder, jobs=1)
    assert summary.ok
    return folder


def test_example_pack_has_the_expected_pages_per_report(pack: Path) -> None:
    found = {row["subject"]: row["pages"] for row in rows(pack)}
    assert found == EXPECTED_PAGES
    for row in rows(pack):
        pdf = (pack / row["file"]).read_bytes()
        assert page_count(pdf) == len(PdfReader(io.BytesIO(pdf)).pages) == row["pages"]


def test_example_pack_has_no_empty_page(pack: Path) -> None:
    for row in rows(pack):
        reader = PdfReader(pack / row["file"])
        for number, page in enumerate(reader.pages, start=1):
            assert page.extract_text().strip(), f"{row['file']} page {number} is empty"


def test_example_pack_reports_carry_their_subjects_names(pack: Path) -> None:
    names = {"E104823": "Nowak", "T-WF-CNT": "Wyre Forest", "E100917": "Gallagher"}
    for row in rows(pack):
        first = PdfReader(pack / row["file"]).pages[0].extract_text()
        assert names[row["subject"]] in first


def _too_few_raters() -> Assessment:
    full = example("360")
    kept = [r for r in full.responses if r.role in ("self", "peer")][:3]
    return full.model_copy(
        update={"subject": Subject(id="E999", name="Few Raters"), "responses": kept}
    )


def test_a_360_with_too_few_raters_fails_alone(tmp_path: Path) -> None:
    summary = render_many([example("team"), _too_few_raters(), example("360")], tmp_path, jobs=1)
    found = [(row["subject"], row["status"]) for row in rows(tmp_path)]
    assert found == [("T-WF-CNT", "written"), ("E999", "failed"), ("E100917", "written")]
    assert rows(tmp_path)[1]["error"].startswith("InsufficientRatersError: ")
    assert (summary.written, summary.failed) == (2, 1)


def test_results_and_assessments_give_the_same_report(tmp_path: Path) -> None:
    assessment = example("individual")
    result = score(assessment, load_framework(assessment.framework))
    render_many([assessment], tmp_path / "a", jobs=1)
    render_many([result], tmp_path / "r", jobs=1)
    (a,), (r,) = rows(tmp_path / "a"), rows(tmp_path / "r")
    assert a["sha256"] == r["sha256"]


def test_process_pool_and_threads_write_the_same_bytes_as_one_process(
    pack: Path, tmp_path: Path
) -> None:
    render_many(examples(), tmp_path / "procs", jobs=2)
    with ThreadPoolExecutor(max_workers=2) as pool:
        render_many(examples(), tmp_path / "threads", executor=pool)
    expected = [row["sha256"] for row in rows(pack)]
    assert [row["sha256"] for row in rows(tmp_path / "procs")] == expected
    assert [row["sha256"] for row in rows(tmp_path / "threads")] == expected


def test_a_previous_result_adds_the_comparison_and_renders_again(tmp_path: Path) -> None:
    assessment = example("individual")
    framework = load_framework(assessment.framework)
    before = score(
        assessment.model_copy(update={"assessed_on": assessment.assessed_on.replace(year=2024)}),
        framework,
    )
    render_many([assessment], tmp_path, jobs=1)
    pages = rows(tmp_path)[0]["pages"]
    render_many([assessment], tmp_path, jobs=1, previous={assessment.subject.id: before})
    (row,) = rows(tmp_path)
    assert row["status"] == "written"
    assert row["pages"] > pages
