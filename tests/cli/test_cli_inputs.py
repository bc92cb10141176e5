"""The inputs of score, report and import: the same files and options, each file's own options."""

import argparse
import json
from pathlib import Path

import pytest

from behaviours.cli import main
from behaviours.cli.parsers import build_parser
from behaviours.responses.model import parse_assessments_json

FRAMEWORK = "compassionate-leadership"
BASE = ["--framework", FRAMEWORK, "--kind", "360", "--assessed-on", "2025-03-31"]
RATERS = "subject,role,attending\nAlex,peer,3\nAlex,other,5\nAlex,manager,4\n"


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def imported(capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[str, list[str]]]:
    assert main(["import", *args, *BASE]) == 0, capsys.readouterr().err
    found = parse_assessments_json(capsys.readouterr().out)
    return [(a.subject.id, [r.role for r in a.responses]) for a in found]


def _inputs(command: str) -> dict[str, tuple[object, ...]]:
    """Each input option of a command: its flags, nargs, type, choices and default."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    own = {"out", "jobs", "progress", "ledger", "format", "item_rows", "skip_insufficient"}
    own |= {"min_raters", "show_manager", "help"}
    return {
        a.dest: (tuple(a.option_strings), a.nargs, a.type, a.choices, a.default)
        for a in sub.choices[command]._actions
        if a.dest not in own
    }


def test_score_report_and_import_take_the_same_inputs_and_options() -> None:
    score = _inputs("score")
    assert {"responses", "role", "encoding", "sheet", "round"} <= set(score)
    assert _inputs("report") == score
    assert _inputs("import") == score


def test_a_role_for_one_file_applies_to_that_file_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = write(tmp_path, "SELF.csv", "subject,attending\nAlex,4\n")
    raters = write(tmp_path, "RATERS.csv", RATERS)
    found = imported(capsys, own, raters, "--role", "SELF.csv=self")
    assert found == [("Alex", ["self", "peer", "other", "manager"])]


def test_a_role_for_a_file_not_given_exits_1_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raters = write(tmp_path, "RATERS.csv", RATERS)
    assert main(["import", raters, *BASE, "--role", "SELF.csv=self"]) == 1
    err = capsys.readouterr().err
    assert "SELF.csv: --role: --role SELF.csv=self: 'SELF.csv' is not one of the responses" in err


def test_a_role_that_is_no_role_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "a.csv", *BASE, "--role", "a.csv=boss"]) == 2
    assert "expected ROLE or FILE=ROLE" in capsys.readouterr().err


def test_two_roles_for_one_file_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raters = write(tmp_path, "RATERS.csv", RATERS)
    args = ["--role", f"{raters}=peer", "--role", "RATERS.csv=other"]
    assert main(["import", raters, *BASE, *args]) == 1
    assert "--role given twice" in capsys.readouterr().err


def test_an_encoding_for_one_file_decodes_that_file_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = tmp_path / "self.csv"
    own.write_bytes("subject,role,attending\nZoë,self,4\n".encode("cp1252"))
    raters = write(tmp_path, "raters.csv", "subject,role,attending\nZoë,peer,3\n")
    found = imported(capsys, str(own), raters, "--encoding", "self.csv=cp1252")
    assert found == [("Zoë", ["self", "peer"])]


def test_a_subject_for_one_file_with_an_equals_sign_in_it_is_kept_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raters = write(tmp_path, "raters.csv", "role,attending\npeer,3\n")
    assert imported(capsys, raters, "--subject", "raters.csv=A=B") == [("A=B", ["peer"])]


def test_import_writes_one_file_the_other_commands_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raters = write(tmp_path, "raters.csv", RATERS)
    out = tmp_path / "checked.json"
    assert main(["import", raters, *BASE, "--round", "2025-spring", "--out", str(out)]) == 0
    assert "wrote" in capsys.readouterr().err
    (assessment,) = parse_assessments_json(out.read_bytes())
    assert (assessment.round, str(assessment.assessed_on)) == ("2025-spring", "2025-03-31")
    for command in (["score", str(out)], ["score", raters, "--round", "2025-spring"]):
        assert main([*command, *BASE]) == 0
    first, second = capsys.readouterr().out.split("\n]\n", 1)
    assert json.loads(first + "]") == json.loads(second)


def test_import_to_a_folder_writes_one_file_per_subject(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raters = write(tmp_path, "raters.csv", RATERS + "Zoë Ahmed,peer,2\n")
    out = tmp_path / "checked"
    assert main(["import", raters, *BASE, "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert [n.rsplit("-", 1)[0] for n in names] == ["alex", "zoe-ahmed"]
    assert all(len(parse_assessments_json((out / n).read_bytes())) == 1 for n in names)


def test_import_of_bad_files_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raters = write(tmp_path, "raters.csv", "subject,role,attending\nAlex,peer,9\n")
    out = tmp_path / "checked"
    assert main(["import", raters, *BASE, "--out", str(out)]) == 1
    assert "raters.csv:2:3" in capsys.readouterr().err
    assert not out.exists()


def test_a_role_the_kind_has_not_for_one_file_names_that_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = write(tmp_path, "SELF.csv", "subject,attending\nAlex,4\n")
    raters = write(tmp_path, "RATERS.csv", RATERS)
    assert main(["import", own, raters, *BASE, "--role", "SELF.csv=member"]) == 1
    assert f"{own}: role: role 'member' does not answer a 360 assessment" in capsys.readouterr().err


def test_import_to_a_folder_that_is_a_file_exits_1_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raters = write(tmp_path, "raters.csv", "subject,role,attending\nAlex,peer,9\n")
    out = write(tmp_path, "checked", "not a folder")
    assert main(["import", raters, *BASE, "--out", out]) == 1
    err = capsys.readouterr().err
    assert "it is a file, not a folder" in err
    assert "raters.csv:2" not in err  # refused before the files were read
