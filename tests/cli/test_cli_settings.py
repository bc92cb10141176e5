"""`report` and `score` take the same scoring settings, and the settings reach the scores."""

import json
from pathlib import Path

import pytest

import behaviours.examples
from behaviours.cli import main

EXAMPLE_360 = Path(behaviours.examples.__file__).parent / "360.json"
FRAMEWORK = "ics-leadership-behaviours"


def test_report_fails_a_360_with_fewer_raters_than_min_raters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["report", "--framework", FRAMEWORK, "--kind", "360", str(EXAMPLE_360),
         "--out", str(tmp_path), "--jobs", "1", "--min-raters", "12"]
    )  # fmt: skip
    assert code == 1
    rows = json.loads((tmp_path / "manifest.json").read_text("utf-8"))["reports"]
    assert [r["status"] for r in rows] == ["failed"]
    assert "11 rater" in rows[0]["error"]
    assert list(tmp_path.glob("*.pdf")) == []


def test_score_min_raters_folds_groups_smaller_than_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["score", str(EXAMPLE_360), "--framework", FRAMEWORK, "--kind", "360"]
    assert main(args) == 0
    default = json.loads(capsys.readouterr().out)[0]["feedback360"]["shown_groups"]
    assert main([*args, "--min-raters", "5"]) == 0
    stricter = json.loads(capsys.readouterr().out)[0]["feedback360"]["shown_groups"]
    assert default == ["peer", "direct_report"]  # four of each in the example
    assert stricter == []


@pytest.mark.parametrize("command", ["report", "score"])
def test_min_raters_below_two_is_a_usage_error(command: str, tmp_path: Path) -> None:
    args = [command, "--framework", FRAMEWORK, "--kind", "360", str(EXAMPLE_360)]
    args += ["--out", str(tmp_path / "x"), "--min-raters", "1"]
    assert main(args) == 2
