"""A partnership's annual review from the command line: form out, filled export in, reports.

The issue's test of done: ``behaviours questionnaire --kind organisation``
lists both scales per approach with evidence and plan fields; a filled export
of it imports, scores both scales and renders the organisation and partnership
reports; and the Compact self-assessment runs the same way.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from behaviours.cli import main
from behaviours.frameworks.catalogue import load_framework
from behaviours.frameworks.evaluations import evaluation_scales

PARTNERS = [
    ("Colne Valley Council", "yes"),
    ("North Kirklees Community Health NHS Trust", "yes"),
    ("Batley Women's Wellbeing Collective", "no"),
    ("Holme Valley Volunteer Drivers", "no"),
    ("Spen Valley Youth Project", "no"),
]


def _questionnaire(framework: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, str]]:
    args = ["questionnaire", "--framework", framework, "--kind", "organisation"]
    assert main([*args, "--format", "csv"]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def _filled(rows: list[dict[str, str]], path: Path) -> Path:
    """What a survey tool exports: a column per question, a row per partner."""
    columns = [r["item_id"] for r in rows]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for n, (name, shown) in enumerate(PARTNERS):
        cells = []
        for r in rows:
            if r["item_id"] == "subject":
                cells.append(name)
            elif r["item_id"] == "respondent":
                cells.append(f"champion {n}")
            elif r["item_id"] == "shown_alone":
                cells.append(shown)
            elif r["type"] == "rating":
                cells.append(r[f"option_{1 + (n + len(r['item_id'])) % 5}"])
            elif r["type"] == "date":
                cells.append(f"28/0{1 + n}/2027")
            else:
                cells.append(f"{r['type']} from {name}")
        writer.writerow(cells)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("framework", ["working-alongside", "kirklees-compact"])
def test_the_organisation_form_lists_both_scales_evidence_and_plan_per_approach(
    framework: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _questionnaire(framework, capsys)
    scales = evaluation_scales(load_framework(framework))
    for b in load_framework(framework).behaviours:
        mine = {r["item_id"] for r in rows if r["behaviour_id"] == b.id}
        assert {f"{s}:{b.id}" for s in scales} <= mine
        assert f"evidence:{b.id}" in mine
        assert {f"plan-{p}:{b.id}" for p in ("what", "measure", "by", "who")} <= mine


@pytest.mark.parametrize("framework", ["working-alongside", "kirklees-compact"])
def test_a_filled_export_renders_every_partner_s_report_and_the_review(
    framework: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = _filled(_questionnaire(framework, capsys), tmp_path / "export.csv")
    args = ["--framework", framework, "--partnership", "Kirklees", "--round", "2026"]
    assert main(["evaluations", "report", str(export), *args, "--out", str(tmp_path / "r")]) == 0
    pdfs = sorted((tmp_path / "r").glob("*.pdf"))
    assert len(pdfs) == len(PARTNERS) + 1
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    assert "partnership review" in capsys.readouterr().out


@pytest.mark.parametrize("framework", ["working-alongside", "kirklees-compact"])
def test_a_filled_export_scores_both_scales(
    framework: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = _filled(_questionnaire(framework, capsys), tmp_path / "export.csv")
    args = ["--framework", framework, "--partnership", "Kirklees", "--round", "2026"]
    assert main(["evaluations", "score", str(export), *args]) == 0
    results = json.loads(capsys.readouterr().out)
    assert len(results) == len(PARTNERS)
    scales = list(evaluation_scales(load_framework(framework)))
    for r in results:
        assert r["scales"] == scales
        assert [r["results"][s]["behaviours"][0]["scale"] for s in scales] == scales
        assert r["plans"]
        assert r["evidence"]


def test_the_csv_of_scores_names_each_figure_s_scale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = _filled(_questionnaire("kirklees-compact", capsys), tmp_path / "export.csv")
    args = ["--framework", "kirklees-compact", "--partnership", "K", "--round", "2026"]
    assert main(["evaluations", "score", str(export), *args, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["scale"] for r in rows} == {"extent", "confidence"}


def test_the_bundled_json_reviews_its_latest_round_against_the_one_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(__file__).parents[2] / "src/behaviours/examples/partnerships.json"
    args = ["evaluations", "report", str(source), "--framework", "kirklees-compact"]
    assert main([*args, "--out", str(tmp_path)]) == 0
    assert "round 2026" in capsys.readouterr().out


def test_the_review_writes_every_report_in_each_format_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(__file__).parents[2] / "src/behaviours/examples/partnerships.json"
    args = ["evaluations", "report", str(source), "--framework", "kirklees-compact"]
    assert main([*args, "--out", str(tmp_path), "--format", "pdf,html"]) == 0
    pdfs = sorted(p.stem for p in tmp_path.glob("*.pdf"))
    htmls = sorted(p.stem for p in tmp_path.glob("*.html"))
    assert len(pdfs) > 1
    assert htmls == pdfs
    said = capsys.readouterr().out
    assert all(name in said for name in htmls)
    assert said.count("(partnership review") == 2  # the review's PDF and its HTML


def test_the_paper_self_evaluation_form_is_a_pdf(tmp_path: Path) -> None:
    out = tmp_path / "form.pdf"
    args = ["questionnaire", "--framework", "working-alongside", "--kind", "organisation"]
    assert main([*args, "--format", "pdf", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("which", ["evaluation", "partnership"])
def test_the_schemas_of_self_evaluation_results_are_printed(
    which: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", which]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "scales" in schema["properties"]
