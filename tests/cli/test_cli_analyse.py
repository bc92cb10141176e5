"""``behaviours analyse`` and ``schema quality`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from behaviours.cli import main
from behaviours.frameworks.catalogue import load_framework
from behaviours.responses.model import assessments_json
from behaviours.results.quality import quality_schema
from strategies.analysis import structured

FRAMEWORK = "compassionate-leadership"


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    fw = load_framework(FRAMEWORK)
    path = tmp_path_factory.mktemp("analyse") / "round.json"
    path.write_text(assessments_json(structured(fw, "360", subjects=6, respondents=6)), "utf-8")
    return path


def test_analyse_writes_the_quality_json_to_stdout(
    answers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["analyse", str(answers), "--framework", FRAMEWORK, "--kind", "360"])
    found = json.loads(capsys.readouterr().out)
    assert code == 0
    assert found["respondents"] == 36
    assert [b["id"] for b in found["behaviours"]] == [
        b.id for b in load_framework(FRAMEWORK).behaviours
    ]


def test_analyse_writes_the_pdf_report_and_names_it(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "quality.pdf"
    args = ["analyse", str(answers), "--framework", FRAMEWORK, "--kind", "360"]
    code = main([*args, "--format", "pdf", "--out", str(out)])
    assert code == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert f"wrote {out} (36 respondents" in capsys.readouterr().err


def test_schema_quality_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "quality"]) == 0
    assert json.loads(capsys.readouterr().out) == quality_schema()


def test_analyse_writes_the_html_report_when_asked(answers: Path, tmp_path: Path) -> None:
    out = tmp_path / "quality.html"
    args = ["analyse", str(answers), "--framework", FRAMEWORK, "--kind", "360"]
    assert main([*args, "--format", "html", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"<!DOCTYPE html>")
