"""``behaviours demo`` and ``behaviours report``: files, output lines and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from behaviours.cli import main
from behaviours.cli.parsers import REPORT_FORMATS
from behaviours.examples import example
from behaviours.html.tagged import tagged_pdf_available
from behaviours.packs.formats import FORMATS
from behaviours.responses.model import Subject, assessments_json

FRAMEWORK = "ics-leadership-behaviours"


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_demo_writes_the_example_pack_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["demo", "--out", str(out), "--jobs", "1"]) == 0
    stdout = capsys.readouterr().out
    files = sorted(
        p.name for p in out.iterdir() if p.is_file() and not p.name.startswith("manifest.")
    )
    suffixes = [".pdf", ".html", *([".tagged.pdf"] if tagged_pdf_available() else [])]
    assert sorted(n.split("-")[-1].split(".", 1)[1] for n in files) == sorted(
        [s[1:] for s in suffixes] * 3
    )
    assert (out / "manifest.csv").exists()
    assert (out / "manifest.json").exists()
    assert str(out) in stdout
    for name in files:
        assert name in stdout
    assert stdout.splitlines()[-1] == (
        f"{len(files)} written, 0 skipped as current, 0 failed -> {out / 'manifest.csv'}"
    )


def test_demo_writes_the_cohort_and_partnership_reports_as_html_too(tmp_path: Path) -> None:
    assert main(["demo", "--out", str(tmp_path), "--jobs", "1"]) == 0
    assert (tmp_path / "cohort" / "cohort.html").exists()
    reviews = [p for p in (tmp_path / "partnerships").rglob("*") if p.is_file()]
    pdfs = {
        p.with_suffix("") for p in reviews if p.name.endswith(".pdf") and ".tagged" not in p.name
    }
    htmls = {p.with_suffix("") for p in reviews if p.suffix == ".html"}
    assert pdfs
    assert htmls == pdfs


def test_demo_says_when_it_writes_no_tagged_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("behaviours.cli.reports.tagged_pdf_available", lambda: False)
    assert main(["demo", "--out", str(tmp_path), "--jobs", "1"]) == 0
    assert "no tagged PDFs: WeasyPrint is not installed" in capsys.readouterr().out
    assert not list(tmp_path.glob("*.tagged.pdf"))


def test_demo_again_skips_every_report_as_current(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["demo", "--out", str(tmp_path), "--jobs", "1"])
    capsys.readouterr()
    assert main(["demo", "--out", str(tmp_path), "--jobs", "1"]) == 0
    files = 3 * (3 if tagged_pdf_available() else 2)
    assert f"0 written, {files} skipped as current, 0 failed" in capsys.readouterr().out


def test_report_renders_a_list_of_assessments_with_a_progress_bar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = example("team")
    other = team.model_copy(update={"subject": Subject(id="T-2", name="Bewdley & Stourport")})
    responses = _write(tmp_path / "teams.json", assessments_json([team, other]))
    out = tmp_path / "pack"
    args = ["report", "--framework", FRAMEWORK, "--kind", "team", responses, "--out", str(out)]
    code = main([*args, "--jobs", "1", "--progress"])
    captured = capsys.readouterr()
    assert code == 0
    assert len(list(out.glob("*.pdf"))) == 2
    assert "[" + "#" * 30 + "] 2/2" in captured.err
    assert captured.out.strip() == (
        f"2 written, 0 skipped as current, 0 failed -> {out / 'manifest.csv'}"
    )


def test_report_with_two_formats_writes_both_and_the_manifest_lists_each_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    responses = _write(tmp_path / "one.json", example("team").model_dump_json())
    out = tmp_path / "pack"
    args = ["report", "--framework", FRAMEWORK, "--kind", "team", responses, "--out", str(out)]
    assert main([*args, "--jobs", "1", "--format", "html,pdf"]) == 0
    rows = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"]
    assert [(r["format"], r["file"].rsplit(".", 1)[1], r["pages"] is None) for r in rows] == [
        ("html", "html", True),
        ("pdf", "pdf", False),
    ]
    assert sorted(p.name for p in out.iterdir() if p.suffix != ".csv") == sorted(
        [r["file"] for r in rows] + ["manifest.json"]
    )
    assert "2 written" in capsys.readouterr().out


def test_report_refuses_an_unknown_format_naming_the_choices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["report", "--framework", FRAMEWORK, "--kind", "team", "x.json", "--format", "docx"]
    assert main(args) == 2
    assert "choose one or more of pdf, html, tagged-pdf" in capsys.readouterr().err


def test_the_command_line_offers_exactly_the_formats_a_pack_can_write() -> None:
    assert REPORT_FORMATS == FORMATS


def test_report_of_one_assessment_shows_no_progress_bar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    responses = _write(tmp_path / "one.json", example("360").model_dump_json())
    args = ["report", "--framework", FRAMEWORK, "--kind", "360", responses]
    assert main([*args, "--out", str(tmp_path / "pack"), "--jobs", "1", "--progress"]) == 0
    assert capsys.readouterr().err == (  # the round it publishes, and no progress bar
        "behaviours: dated 2025-11-21 (from the file); no --round: the date identifies the round\n"
    )


def test_report_says_the_date_it_used_and_takes_a_round(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    responses = _write(tmp_path / "one.json", example("360").model_dump_json())
    args = ["report", "--framework", FRAMEWORK, "--kind", "360", responses, "--jobs", "1"]
    ledger = str(tmp_path / "rounds.sqlite")
    out = str(tmp_path / "pack")
    common = [*args, "--out", out, "--ledger", ledger, "--round", "2025-autumn"]
    assert main([*common, "--assessed-on", "2025-11-30"]) == 0
    err = capsys.readouterr().err
    assert "dated 2025-11-30 (from --assessed-on); round '2025-autumn'" in err
    assert main([*common, "--min-raters", "4"]) == 1  # other settings for the same round
    assert "settings are fixed per round" in capsys.readouterr().err


def test_report_exits_1_naming_a_subject_that_failed_and_writes_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    full = example("360")
    few = full.model_copy(
        update={
            "subject": Subject(id="E999", name="Few Raters"),
            "responses": [r for r in full.responses if r.role in ("self", "peer")][:3],
        }
    )
    responses = _write(tmp_path / "360s.json", assessments_json([few, full]))
    out = tmp_path / "pack"
    args = ["report", "--framework", FRAMEWORK, "--kind", "360", responses, "--out", str(out)]
    assert main([*args, "--jobs", "1"]) == 1
    captured = capsys.readouterr()
    assert "E999: InsufficientRatersError" in captured.err
    assert "1 written, 0 skipped as current, 1 failed" in captured.out
    assert len(list(out.glob("*.pdf"))) == 1


def test_report_of_invalid_json_exits_1_naming_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(example("team").model_dump_json())
    data["subject"] = {"id": "T-1"}
    responses = _write(tmp_path / "bad.json", json.dumps(data))
    args = ["report", "--framework", FRAMEWORK, "--kind", "team", responses]
    assert main([*args, "--out", str(tmp_path / "pack")]) == 1
    err = capsys.readouterr().err
    assert "bad.json" in err
    assert "subject.name" in err
    assert not (tmp_path / "pack").exists()


def test_report_of_responses_that_do_not_fit_exits_1_before_rendering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = example("team")
    first = team.responses[0].model_copy(update={"ratings": {"compassion.no-such-item": 3}})
    bad = team.model_copy(update={"responses": [first, *team.responses[1:]]})
    responses = _write(tmp_path / "bad.json", assessments_json([bad, team]))
    args = ["report", "--framework", FRAMEWORK, "--kind", "360", responses]
    assert main([*args, "--out", str(tmp_path / "pack")]) == 1
    err = capsys.readouterr().err
    assert "[0].kind" in err
    assert "[1].kind" in err
    assert "[0].responses[0].ratings.compassion.no-such-item" in err
    assert not (tmp_path / "pack").exists()


def test_report_of_an_unreadable_survey_export_exits_1_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    responses = _write(tmp_path / "answers.csv", "subject,respondent\n")
    args = ["report", "--framework", FRAMEWORK, "--kind", "team", responses]
    assert main([*args, "--out", str(tmp_path / "pack")]) == 1
    assert "answers.csv" in capsys.readouterr().err


def test_interrupted_report_exits_130_and_says_the_finished_reports_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from behaviours.cli import reports

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(reports, "render_many", interrupted)
    assert main(["demo", "--out", str(tmp_path)]) == 130
    assert "run the same command again" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--framework", FRAMEWORK, "--kind", "team", "x.json"],
        ["report", "--framework", FRAMEWORK, "--kind", "weekly", "x.json", "--out", "o"],
        ["demo", "--jobs", "0"],
    ],
    ids=["no-out", "unknown-kind", "no-jobs"],
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    assert "usage:" in capsys.readouterr().err
