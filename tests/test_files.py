"""Writing files safely: atomic replacement, no link followed, only our own leftovers removed,
and CSV cells a spreadsheet shows as text."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from behaviours import OutputError, dump_framework, load_framework, parse_framework, score
from behaviours._files import (
    FORMULA_TRIGGERS,
    CsvWriter,
    atomic_file,
    atomic_write,
    clean_temporary_files,
    formula_key,
    fresh_file,
    is_temporary_name,
    output_folder,
    plain_text,
)
from behaviours.examples import examples
from behaviours.packs.manifest import MANIFEST_CSV, MANIFEST_JSON, Journal, ManifestRow
from behaviours.questionnaires.exporting import questionnaire_csv
from behaviours.questionnaires.model import build_questionnaire
from behaviours.responses.reading import read_responses
from behaviours.results.exporting import RESULT_CSV_COLUMNS, results_csv, results_json

# ------------------------------------------------------------------ CSV formula injection


def _cells(values: list[object]) -> list[str]:
    out = io.StringIO()
    CsvWriter(out).row(values)
    return next(csv.reader(io.StringIO(out.getvalue())))


@given(st.text())
def test_a_text_cell_never_reads_back_as_a_formula_and_loses_only_the_added_quote(
    text: str,
) -> None:
    (cell,) = _cells([text])
    assert cell[:1] not in FORMULA_TRIGGERS
    assert cell == text or (cell[0] == "'" and cell[1:] == text)


@given(st.text())
def test_plain_text_gives_back_exactly_the_text_that_was_written(text: str) -> None:
    (cell,) = _cells([text])
    assert plain_text(cell) == text


@given(st.text())
def test_a_text_and_its_written_cell_match_as_one_header(text: str) -> None:
    (cell,) = _cells([text])
    assert formula_key(cell) == formula_key(text) == formula_key(plain_text(cell))


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_each_formula_trigger_gets_a_quote(text: str) -> None:
    assert _cells([text]) == ["'" + text]


def test_a_text_already_quoted_before_a_trigger_gets_one_more_so_it_reads_back() -> None:
    assert _cells(["'=x"]) == ["''=x"]
    assert _cells(["'Tis"]) == ["'Tis"]


@given(st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False)))
def test_numbers_are_written_bare_and_read_back_exactly(number: float) -> None:
    out = io.StringIO()
    CsvWriter(out).row([number])
    line = out.getvalue().strip()
    assert not line.startswith(("'", '"'))
    assert (int(line) if isinstance(number, int) else float(line)) == number


def test_a_negative_number_stays_a_number_and_the_same_text_is_neutralised() -> None:
    out = io.StringIO()
    CsvWriter(out).row([-0.5, "-0.5"])
    assert out.getvalue() == '-0.5,"\'-0.5"\n'


def test_a_header_that_looks_like_a_formula_is_refused() -> None:
    with pytest.raises(ValueError, match="formula"):
        CsvWriter(io.StringIO()).header(["subject", "=cmd"])


@pytest.fixture(scope="module")
def hostile_result():  # type: ignore[no-untyped-def]
    assessment = next(a for a in examples() if a.kind == "full")
    subject = assessment.subject.model_copy(update={"name": '=HYPERLINK("http://evil","x")'})
    return score(assessment.model_copy(update={"subject": subject}))


def test_results_csv_neutralises_a_subject_name_and_the_json_keeps_it(hostile_result) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.DictReader(io.StringIO(results_csv([hostile_result]))))
    assert rows[0]["subject_name"] == "'" + hostile_result.subject.name
    assert json.loads(results_json([hostile_result]))[0]["subject"]["name"] == (
        '=HYPERLINK("http://evil","x")'
    )


def test_results_csv_writes_scores_as_bare_numbers(hostile_result) -> None:  # type: ignore[no-untyped-def]
    body = results_csv([hostile_result]).split("\n", 1)[1]
    first = next(csv.reader(io.StringIO(body), quoting=csv.QUOTE_NONNUMERIC))
    mean = first[RESULT_CSV_COLUMNS.index("mean")]
    assert isinstance(mean, float)
    assert mean == hostile_result.behaviours[0].score.mean


def test_manifest_csv_neutralises_a_subject_id_and_the_json_keeps_it(tmp_path: Path) -> None:
    journal = Journal(tmp_path, meta={"format": 1})
    journal.append(ManifestRow("=cmd|'/c calc'!A1", "a.pdf", 2, "written", None, 5, "ab", "cd"))
    journal.finish()
    row = next(csv.DictReader(io.StringIO((tmp_path / MANIFEST_CSV).read_text("utf-8"))))
    assert (row["subject"], row["pages"]) == ("'=cmd|'/c calc'!A1", "2")
    reports = json.loads((tmp_path / MANIFEST_JSON).read_text("utf-8"))["reports"]
    assert reports[0]["subject"] == "=cmd|'/c calc'!A1"


def test_a_questionnaire_prompt_starting_with_a_minus_reads_back_through_the_importer() -> None:
    fw = load_framework("compassionate-leadership")
    prompt = fw.behaviours[0].observer_prompt.text
    yaml = dump_framework(fw).replace(f"authored: {prompt}", f"authored: '- {prompt}'")
    dashed = parse_framework(yaml, "dashed.yaml")
    written = list(csv.reader(io.StringIO(questionnaire_csv(build_questionnaire(dashed, "360")))))
    header = next(r[4] for r in written if r[1] == "attending")
    assert header == f"'- {prompt}"
    export = io.StringIO(f'subject,role,"{header}"\nAlex,peer,2\n')
    (assessment,) = read_responses(export, dashed, "360")
    assert assessment.responses[0].ratings == {"attending": 2}


# ------------------------------------------------------------------ atomic writes


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_atomic_write_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")
    atomic_write(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert _names(tmp_path) == ["a.pdf"]


def test_a_crash_between_write_and_rename_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")

    def crash(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new content that never lands")
    assert target.read_bytes() == b"old"
    assert _names(tmp_path) == ["a.pdf"]


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_a_full_disk_is_located_and_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    target = tmp_path / "results.json"
    target.write_bytes(b"old")

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, call, full)
    with pytest.raises(OutputError) as info:
        atomic_write(target, b"x" * 100_000)
    (problem,) = info.value.problems
    assert problem.file == str(target)
    assert "no space left" in problem.message
    assert target.read_bytes() == b"old"
    assert _names(tmp_path) == ["results.json"]


def test_an_error_inside_the_block_leaves_no_temporary_and_no_target(tmp_path: Path) -> None:
    def interrupted() -> None:
        with atomic_file(tmp_path / "a.csv") as handle:
            handle.write(b"half")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        interrupted()
    assert _names(tmp_path) == []


def test_a_permission_error_is_located_with_what_was_expected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(OutputError) as info:
        atomic_write(tmp_path / "a.csv", b"x")
    assert "permission denied; expected a folder this user may write in" in str(info.value)


def test_the_permissions_of_a_replaced_file_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_symlink_at_the_target_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "out.json").symlink_to(victim)
    with pytest.raises(OutputError, match="symbolic link"):
        atomic_write(tmp_path / "out.json", b"x")
    assert victim.read_text() == "precious"
    assert (tmp_path / "out.json").is_symlink()


def test_a_symlink_planted_after_the_check_is_replaced_not_written_through(
    tmp_path: Path,
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    target = tmp_path / "out.json"
    with atomic_file(target) as handle:
        target.symlink_to(victim)
        handle.write(b"ours")
    assert victim.read_text() == "precious"
    assert not target.is_symlink()
    assert target.read_bytes() == b"ours"


def test_the_temporary_name_never_collides_with_a_file_already_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from behaviours import _files

    tokens = iter(["0" * 16, "0" * 16, "1" * 16])
    monkeypatch.setattr(_files, "_token", lambda: next(tokens))
    taken = tmp_path / f".a.csv~{os.getpid()}-{'0' * 16}.behaviours-tmp"
    taken.write_bytes(b"someone else's")
    atomic_write(tmp_path / "a.csv", b"new")
    assert taken.read_bytes() == b"someone else's"
    assert (tmp_path / "a.csv").read_bytes() == b"new"
    assert _names(tmp_path) == sorted(["a.csv", taken.name])


def test_a_link_planted_at_the_temporary_name_is_never_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from behaviours import _files

    tokens = iter(["0" * 16, "1" * 16])
    monkeypatch.setattr(_files, "_token", lambda: next(tokens))
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / f".a.csv~{os.getpid()}-{'0' * 16}.behaviours-tmp").symlink_to(victim)
    atomic_write(tmp_path / "a.csv", b"new")
    assert victim.read_text() == "precious"


@given(st.text(alphabet=st.characters(blacklist_characters="/\0"), min_size=1, max_size=300))
def test_every_temporary_name_the_writer_makes_is_recognised_as_ours(name: str) -> None:
    from behaviours import _files

    made = f".{name[: _files._STEM_MAX]}~{os.getpid()}-{_files._token()}{_files.TEMP_SUFFIX}"
    assert is_temporary_name(made)


def test_cleanup_removes_our_leftovers_and_nothing_that_only_looks_like_them(
    tmp_path: Path,
) -> None:
    ours = tmp_path / ".a.pdf~123-0123456789abcdef.behaviours-tmp"
    ours.write_bytes(b"%PDF-1.4 trunc")
    foreign = [
        ".a.pdf.123.abcd.partial",  # an old-style or a user's name
        ".notes.partial",
        "a.pdf~123-0123456789abcdef.behaviours-tmp",  # not hidden
        ".a.pdf~123-0123456789ABCDEF.behaviours-tmp",  # not our token
        ".a.pdf~123-0123456789abcdef.behaviours-tmp.bak",
        "a.pdf",
    ]
    for name in foreign:
        (tmp_path / name).write_bytes(b"keep")
    (tmp_path / ".d~1-0123456789abcdef.behaviours-tmp").mkdir()
    (tmp_path / ".l~1-0123456789abcdef.behaviours-tmp").symlink_to(tmp_path / "a.pdf")
    assert clean_temporary_files(tmp_path) == 1
    assert not ours.exists()
    assert all((tmp_path / name).read_bytes() == b"keep" for name in foreign)
    assert (tmp_path / ".d~1-0123456789abcdef.behaviours-tmp").is_dir()
    assert (tmp_path / ".l~1-0123456789abcdef.behaviours-tmp").is_symlink()


def test_a_fresh_journal_replaces_a_planted_link_instead_of_writing_through(
    tmp_path: Path,
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "journal").symlink_to(victim)
    with fresh_file(tmp_path / "journal") as handle:
        handle.write("row\n")
    assert victim.read_text() == "precious"
    assert (tmp_path / "journal").read_text() == "row\n"
    assert _names(tmp_path) == ["journal", "victim.txt"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("x"), "it is a file, not a folder"),
        (lambda p: None, None),
    ],
)
def test_an_output_folder_is_made_when_missing_and_refused_when_a_file(
    tmp_path: Path, make: object, message: str | None
) -> None:
    path = tmp_path / "pack"
    make(path)  # type: ignore[operator]
    if message is None:
        assert output_folder(path).is_dir()
    else:
        with pytest.raises(OutputError, match=message):
            output_folder(path)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("", "the path is empty; expected a file name"),
        ("{tmp}", "it is a folder; expected a file name"),
        ("{tmp}/missing/a.json", "does not exist; expected an existing folder"),
        ("{tmp}/file.txt/a.json", "file.txt is a file, not a folder"),
    ],
)
def test_a_place_that_cannot_hold_the_file_is_refused_before_anything_is_made(
    tmp_path: Path, path: str, message: str
) -> None:
    (tmp_path / "file.txt").write_text("mine")
    with pytest.raises(OutputError, match=message):
        atomic_write(path.replace("{tmp}", str(tmp_path)), b"x")
    assert _names(tmp_path) == ["file.txt"]
    assert (tmp_path / "file.txt").read_text() == "mine"
