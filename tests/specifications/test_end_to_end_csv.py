"""Issue 5 done-when: questionnaire CSV out, a survey tool's export in, scores, a feedback pack.

A script plays the survey tool: it builds a Microsoft Forms-like export from
our questionnaire CSV (its own columns first, our prompts as headers, answers
as labels, some blank, some 'not able to say'), with a few bad rows. The
import must report exactly those rows; once they are fixed, the files score
and render into a pack.
"""

import csv
import io
import json
import random
from pathlib import Path

import pytest

from behaviours import ResponsesError, load_framework, render_many, score
from behaviours.cli import main
from behaviours.responses.reading import read_responses

FW = load_framework("compassionate-leadership")
FORMS_COLUMNS = ["ID", "Start time", "Completion time", "Email", "Name"]
SUBJECTS = ["Zoë Ahmed", "Łukasz Nowak"]


def export_questionnaire(tmp_path: Path, name: str, *args: str) -> list[dict[str, str]]:
    out = tmp_path / name
    base = ["questionnaire", "--framework", FW.id, "--kind", "360", "--items", "full"]
    assert main([*base, *args, "--out", str(out)]) == 0
    return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))


def answer(question: dict[str, str], subject: str, role: str, rng: random.Random) -> str:
    """What one respondent types or ticks for one question, as the survey tool stores it."""
    if question["type"] == "text":
        return subject
    if question["type"] == "choice":
        return role
    if question["type"] == "comment":
        return rng.choice(["", "", "Listens <really> well & follows up"])
    options = [question[k] for k in sorted(question) if k.startswith("option_") and question[k]]
    return rng.choice(["", *options, *options[1:5]])  # blanks, labels, 'Not able to say'


def survey_export(
    questions: list[dict[str, str]], people: list[tuple[str, str]], seed: int
) -> list[list[str]]:
    rng = random.Random(seed)
    rows = [[*FORMS_COLUMNS, *(q["prompt"] for q in questions)]]
    for n, (subject, role) in enumerate(people, start=1):
        meta = [str(n), "1/6/25 9:00:00", "1/6/25 9:04:00", "anonymous", ""]
        rows.append([*meta, *(answer(q, subject, role, rng) for q in questions)])
    return rows


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


@pytest.fixture
def exports(tmp_path: Path) -> tuple[Path, Path, set[tuple[str, int, int | None]]]:
    """The self form's and the rater form's exports, and where the bad cells are."""
    self_q = export_questionnaire(tmp_path, "self-form.csv", "--role", "self")
    rater_q = export_questionnaire(tmp_path, "rater-form.csv")
    selves = survey_export(self_q, [(s, "") for s in SUBJECTS], seed=1)
    roles = ["Manager", "Peer", "Peer", "Direct report", "Direct report", "Other"]
    raters = survey_export(rater_q, [(s, r) for s in SUBJECTS for r in roles], seed=2)
    first_item = len(FORMS_COLUMNS) + 2  # 0-based: after subject and role
    bad = [list(raters[1]), list(raters[2]), list(raters[3])]
    bad[0][first_item] = "Sometimez"  # a typo in a rating
    bad[1][len(FORMS_COLUMNS)] = ""  # no subject
    bad[2][len(FORMS_COLUMNS) + 1] = "Boss"  # not a role
    raters[4:4] = bad  # rows 5, 6 and 7 of the file (the header is row 1)
    self_path, rater_path = tmp_path / "self-export.csv", tmp_path / "rater-export.csv"
    write_csv(self_path, selves)
    write_csv(rater_path, raters)
    expected = {
        (str(rater_path), 5, first_item + 1),
        (str(rater_path), 6, len(FORMS_COLUMNS) + 1),
        (str(rater_path), 7, len(FORMS_COLUMNS) + 2),
    }
    return self_path, rater_path, expected


def test_survey_export_reports_exactly_the_bad_rows(
    exports: tuple[Path, Path, set[tuple[str, int, int | None]]],
) -> None:
    self_path, rater_path, expected = exports
    with pytest.raises(ResponsesError) as info:
        read_responses([self_path, rater_path], FW, "360", require_self=True)
    assert {(p.file, p.line, p.column) for p in info.value.problems} == expected


def test_fixed_export_scores_and_renders_a_pack(
    exports: tuple[Path, Path, set[tuple[str, int, int | None]]], tmp_path: Path
) -> None:
    self_path, rater_path, expected = exports
    lines = rater_path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    bad_lines = {line for _, line, _ in expected}
    rater_path.write_text(
        "".join(t for n, t in enumerate(lines, start=1) if n not in bad_lines), encoding="utf-8"
    )
    assessments = read_responses([self_path, rater_path], FW, "360", require_self=True)
    assert [a.subject.name for a in assessments] == SUBJECTS
    assert all(len(a.responses) == 7 for a in assessments)
    results = [score(a, FW) for a in assessments]
    assert all(r.feedback360 is not None and r.feedback360.has_self for r in results)
    summary = render_many(results, tmp_path / "pack", framework=FW, jobs=1)
    manifest = json.loads(summary.manifest_json.read_text(encoding="utf-8"))["reports"]
    assert [(row["status"], row["pages"] > 3) for row in manifest] == [("written", True)] * 2
    assert all((tmp_path / "pack" / row["file"]).read_bytes()[:5] == b"%PDF-" for row in manifest)


def test_report_command_renders_a_pack_from_one_csv_export(tmp_path: Path) -> None:
    rows = ["subject,respondent,role,attending,understanding,empathising,helping"]
    rows += [
        f"Zoë Ahmed,r{n},{role},Often,3,,Not able to say"
        for n, role in enumerate(["self", "peer", "peer", "direct report", "Manager"])
    ]
    path = tmp_path / "export.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    args = ["report", "--framework", FW.id, "--kind", "360", str(path), "--out", str(tmp_path)]
    assert main([*args, "--jobs", "1"]) == 0
    assert len(list(tmp_path.glob("*.pdf"))) == 1
