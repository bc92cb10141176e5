"""The files of a feedback pack: safe names, atomic writes, the journal and the manifests."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from behaviours.packs.manifest import (
    MANIFEST_CSV,
    MANIFEST_JSON,
    Journal,
    ManifestRow,
    is_current,
    previous_rows,
    safe_filename,
)


@given(st.text(max_size=300))
def test_safe_filename_is_a_plain_name_in_the_folder(subject: str) -> None:
    name = safe_filename(subject)
    assert name.endswith(".pdf")
    assert Path(name).name == name
    assert not name.startswith(".")
    assert len(name) <= 80
    assert all(c.isascii() and (c.isalnum() or c in "-.") for c in name)


@given(st.text(min_size=1), st.text(min_size=1))
def test_safe_filename_differs_for_different_subjects_ignoring_case(a: str, b: str) -> None:
    if a != b:
        assert safe_filename(a).casefold() != safe_filename(b).casefold()


def test_safe_filename_keeps_a_readable_part() -> None:
    assert safe_filename("Zoë Hughes").startswith("zoe-hughes-")


def test_safe_filename_reads_as_the_display_name_when_given() -> None:
    assert safe_filename("E100917", label="Siobhán Gallagher").startswith("siobhan-gallagher-")


def test_safe_filename_falls_back_to_the_id_for_a_name_in_arabic_script() -> None:
    assert safe_filename("E100918", label="عائشہ ملک").startswith("e100918-")


@given(st.text(min_size=1), st.text(min_size=1), st.text())
def test_safe_filename_stays_unique_by_id_whatever_the_label(a: str, b: str, label: str) -> None:
    if a != b:
        assert safe_filename(a, label=label) != safe_filename(b, label=label)


def test_safe_filename_spells_letters_without_decomposition_in_ascii() -> None:
    assert safe_filename("E1", label="Łukasz Søren Straße").startswith("lukasz-soren-strasse-")


def test_safe_filename_of_path_traversal_stays_in_the_folder() -> None:
    name = safe_filename("../../etc/passwd")
    assert name.startswith("etc-passwd-")


def test_safe_filename_of_arabic_script_falls_back_to_subject() -> None:
    assert safe_filename("عائشہ").startswith("subject-")


def _row(subject: str, status: str = "written", **kw: object) -> ManifestRow:
    base: dict[str, object] = {
        "file": f"{subject}.pdf",
        "pages": 3,
        "bytes": 5,
        "sha256": "ab",
        "inputs": "cd",
    }
    base.update(kw)
    return ManifestRow(subject=subject, status=status, **base)  # type: ignore[arg-type]


def test_journal_finish_writes_both_manifests_in_order(tmp_path: Path) -> None:
    journal = Journal(tmp_path, meta={"format": 1})
    journal.append(_row("b"))
    journal.append(_row("a", "failed", pages=None, error='bad, "quoted"\nline'))
    csv_path, json_path = journal.finish()
    assert (csv_path.name, json_path.name) == (MANIFEST_CSV, MANIFEST_JSON)
    with open(csv_path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["subject"], r["status"], r["pages"]) for r in rows] == [
        ("b", "written", "3"),
        ("a", "failed", ""),
    ]
    assert rows[1]["error"] == 'bad, "quoted"\nline'
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["summary"] == {"written": 1, "current": 0, "failed": 1}
    assert data["reports"][1]["pages"] is None
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST_CSV, MANIFEST_JSON]


def test_previous_rows_include_an_abandoned_journal(tmp_path: Path) -> None:
    first = Journal(tmp_path, meta={})
    first.append(_row("a"))
    first.finish()
    second = Journal(tmp_path, meta={})
    second.append(_row("b"))
    second.append(_row("c", "failed"))
    second.abandon()
    assert sorted(previous_rows(tmp_path)) == [("a", "pdf"), ("b", "pdf")]


def test_previous_rows_skip_a_cut_last_journal_line(tmp_path: Path) -> None:
    journal = Journal(tmp_path, meta={})
    journal.append(_row("a"))
    journal.abandon()
    with open(tmp_path / ".manifest.jsonl.partial", "a", encoding="utf-8") as handle:
        handle.write('{"subject": "b", "fi')
    assert list(previous_rows(tmp_path)) == [("a", "pdf")]


def test_previous_rows_of_an_empty_folder_are_none(tmp_path: Path) -> None:
    assert previous_rows(tmp_path) == {}


def test_is_current_needs_same_inputs_size_and_hash(tmp_path: Path) -> None:
    import hashlib

    data = b"%PDF whole"
    (tmp_path / "a.pdf").write_bytes(data)
    row = _row("a", bytes=len(data), sha256=hashlib.sha256(data).hexdigest(), inputs="x")
    assert is_current(row, tmp_path, "a.pdf", "x")
    assert not is_current(row, tmp_path, "a.pdf", "y")
    (tmp_path / "a.pdf").write_bytes(b"%PDF wholE")
    assert not is_current(row, tmp_path, "a.pdf", "x")
    (tmp_path / "a.pdf").unlink()
    assert not is_current(row, tmp_path, "a.pdf", "x")
