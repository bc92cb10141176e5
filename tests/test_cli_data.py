"""The data commands: questionnaire (and later score, schema result) from the command line."""

import csv
import io
import json
from pathlib import Path

import pytest

from behaviours.cli import main


def test_questionnaire_csv_goes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["questionnaire", "--framework", "compassionate-leadership", "--kind", "quick"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert code == 0
    assert [r["item_id"] for r in rows] == [
        "subject",
        "attending",
        "understanding",
        "empathising",
        "helping",
    ]


def test_questionnaire_json_to_file_names_the_file_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "q.json"
    args = ["questionnaire", "--framework", "compassionate-leadership", "--kind", "360"]
    code = main([*args, "--items", "full", "--format", "json", "--out", str(out)])
    assert code == 0
    assert json.loads(out.read_text("utf-8"))["detail"] == "full"
    assert str(out) in capsys.readouterr().err


def test_questionnaire_with_a_role_the_kind_refuses_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["questionnaire", "--framework", "compassionate-leadership", "--kind", "team"]
    assert main([*args, "--role", "peer"]) == 1
    assert "does not answer a team assessment" in capsys.readouterr().err


def test_schema_result_prints_the_result_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "result"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "behaviours result"


def test_schema_framework_still_works_beside_schema_result(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema", "framework"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "behaviours framework"


def test_questionnaire_pdf_is_written_to_the_file(tmp_path: Path) -> None:
    out = tmp_path / "form.pdf"
    args = ["questionnaire", "--framework", "khws-values", "--kind", "full", "--format", "pdf"]
    assert main([*args, "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
