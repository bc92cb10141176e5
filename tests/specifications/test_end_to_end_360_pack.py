"""Issue 12 done-when: ``behaviours report SELF.csv RATERS.csv`` makes the 360 pack, self included.

The two exports the docs prescribe are built from our own questionnaire
exports (``behaviours questionnaire --role self`` and the raters' form), laid
out as a survey tool writes them: its own columns first, our prompts as
headers, answers as labels. The self form's export has no role column, so the
command must find the self-assessment by its prompts, or by ``--role
FILE=self`` when the export is headed by item ids. The PDF's text (pypdf) must
print each subject's own ratings beside the raters'.
"""

import csv
import io
from pathlib import Path

import pypdf
import pytest

from behaviours import load_framework
from behaviours.cli import main

FW = load_framework("ics-leadership-behaviours")  # the bundled examples' framework
TOOL_COLUMNS = ["ID", "Start time", "Completion time", "Email", "Name"]
ROLES = ["Manager", "Peer", "Peer", "Direct report", "Direct report", "Other"]
SUBJECTS = {"Zoë Ahmed": [5, 4, 3, 5, 4, 3], "Łukasz Nowak": [1, 2, 1, 2, 1, 2]}


def form(tmp_path: Path, *args: str) -> list[dict[str, str]]:
    out = tmp_path / "form.csv"
    base = ["questionnaire", "--framework", FW.id, "--kind", "360", *args, "--out", str(out)]
    assert main(base) == 0
    return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))


def labels(question: dict[str, str]) -> list[str]:
    return [question[k] for k in sorted(question) if k.startswith("option_") and question[k]]


def export(path: Path, questions: list[dict[str, str]], rows: list[list[str]], key: str) -> str:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*TOOL_COLUMNS, *(q[key] for q in questions)])
        for n, row in enumerate(rows, start=1):
            writer.writerow([str(n), "1/6/25 9:00", "1/6/25 9:04", "anonymous", "", *row])
    return str(path)


def answers(
    questions: list[dict[str, str]], subject: str, role: str, values: list[int]
) -> list[str]:
    """One respondent's row: the subject, the role, a label per behaviour, no comments."""
    ratings = iter(values)
    cells = {"text": subject, "choice": role, "comment": ""}
    return [
        labels(q)[next(ratings) - 1] if q["type"] == "rating" else cells[q["type"]]
        for q in questions
    ]


def exports(tmp_path: Path, self_header: str) -> tuple[str, str]:
    own_q, rater_q = form(tmp_path, "--role", "self"), form(tmp_path)
    own = [answers(own_q, s, "", values) for s, values in SUBJECTS.items()]
    raters = [
        answers(rater_q, s, role, [2 + n % 2] * len(FW.behaviours))
        for s in SUBJECTS
        for n, role in enumerate(ROLES)
    ]
    return (
        export(tmp_path / "SELF.csv", own_q, own, self_header),
        export(tmp_path / "RATERS.csv", rater_q, raters, "prompt"),
    )


@pytest.mark.parametrize(
    ("self_header", "flags"),
    [("prompt", []), ("item_id", ["--role", "SELF.csv=self"])],
    ids=["self-form-found-by-its-prompts", "self-form-named-by-role-option"],
)
def test_report_of_self_and_raters_exports_prints_the_self_assessment(
    tmp_path: Path, self_header: str, flags: list[str]
) -> None:
    own, raters = exports(tmp_path, self_header)
    pack = tmp_path / "pack"
    args = ["report", own, raters, "--framework", FW.id, "--kind", "360", *flags]
    assert main([*args, "--assessed-on", "2025-06-30", "--out", str(pack), "--jobs", "1"]) == 0
    texts = [
        "\n".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
        for pdf in pack.glob("*.pdf")
    ]
    assert len(texts) == len(SUBJECTS)
    for subject, values in SUBJECTS.items():
        (text,) = [t for t in texts if t.startswith(f"360 FEEDBACK REPORT\n{subject}\n")]
        assert "Respondents: Self\n1\n" in text
        for behaviour, value in zip(FW.behaviours, values, strict=True):
            others = 2.5
            gap = f"{value - others:+.2f}".replace("-", "\N{MINUS SIGN}")  # as typeset
            row = f"{behaviour.label}\n{value:.2f}\n{others:.2f}\n{gap}\n"
            assert row in text, (subject, behaviour.id)


def test_pack_from_the_imported_json_is_the_pack_from_the_exports(tmp_path: Path) -> None:
    own, raters = exports(tmp_path, "prompt")
    common = ["--framework", FW.id, "--kind", "360", "--assessed-on", "2025-06-30"]
    checked = str(tmp_path / "checked.json")
    assert main(["import", own, raters, *common, "--out", checked]) == 0
    for name, files in (("from-exports", [own, raters]), ("from-json", [checked])):
        assert main(["report", *files, *common, "--out", str(tmp_path / name), "--jobs", "1"]) == 0
    first, second = (
        {p.name: p.read_bytes() for p in (tmp_path / name).glob("*.pdf")}
        for name in ("from-exports", "from-json")
    )
    assert len(first) == len(SUBJECTS)
    assert first == second
