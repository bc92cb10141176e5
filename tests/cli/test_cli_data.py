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


RESPONSES = (
    "subject,respondent,role,attending,understanding,empathising,helping\n"
    "Alex,a,self,4,4,3,5\nAlex,b,peer,3,Often,2,5\nAlex,c,peer,2,3,,4\n"
    "Alex,d,direct report,4,3,3,Not able to say\n"
    "Sam,e,self,3,3,3,3\nSam,f,peer,3,3,3,3\n"
)


def _score_args(path: Path, *extra: str) -> list[str]:
    return [
        "score",
        str(path),
        "--framework",
        "compassionate-leadership",
        "--kind",
        "360",
        "--assessed-on",
        "2025-02-01",
        *extra,
    ]


def test_score_with_too_few_raters_fails_naming_the_subject(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "responses.csv"
    path.write_text(RESPONSES, encoding="utf-8")
    assert main(_score_args(path)) == 1
    assert "'Sam' has 1 rater(s)" in capsys.readouterr().err


def test_score_skips_insufficient_subjects_when_asked_and_writes_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "responses.csv"
    path.write_text(RESPONSES, encoding="utf-8")
    assert main(_score_args(path, "--skip-insufficient")) == 0
    captured = capsys.readouterr()
    results = json.loads(captured.out)
    assert [r["subject"]["name"] for r in results] == ["Alex"]
    assert results[0]["assessed_on"] == "2025-02-01"
    assert "skipped" in captured.err


def test_score_csv_to_a_file_has_a_row_per_behaviour_and_group(tmp_path: Path) -> None:
    path = tmp_path / "responses.csv"
    path.write_text(RESPONSES, encoding="utf-8")
    out = tmp_path / "results.csv"
    args = _score_args(path, "--skip-insufficient", "--format", "csv", "--out", str(out))
    assert main(args) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert {(r["behaviour_id"], r["group"]) for r in rows} >= {("attending", "others")}
    assert {r["subject_name"] for r in rows} == {"Alex"}


def test_score_with_a_bad_cell_reports_its_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "responses.csv"
    path.write_text(RESPONSES.replace("Alex,c,peer,2", "Alex,c,peer,7"), encoding="utf-8")
    assert main(_score_args(path)) == 1
    assert f"{path}:4:4: attending: rating '7' is not on the scale" in capsys.readouterr().err


def test_score_says_which_date_and_round_it_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    responses = tmp_path / "quick.csv"
    responses.write_text(
        "subject,attending,understanding,empathising,helping\nAnn,4,4,3,5\n", encoding="utf-8"
    )
    args = ["score", str(responses), "--framework", "compassionate-leadership", "--kind", "quick"]
    assert main([*args, "--round", "2026-autumn"]) == 0
    captured = capsys.readouterr()
    assert "today: pass --assessed-on" in captured.err
    assert "round '2026-autumn'" in captured.err
    assert json.loads(captured.out)[0]["round"] == "2026-autumn"
    assert main([*args, "--assessed-on", "2026-11-20"]) == 0
    captured = capsys.readouterr()
    assert "dated 2026-11-20 (from --assessed-on)" in captured.err
    assert json.loads(captured.out)[0]["assessed_on"] == "2026-11-20"
