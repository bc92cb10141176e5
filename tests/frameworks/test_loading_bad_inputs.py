"""The bad-input catalogue: every file under fixtures/frameworks/invalid/ is refused, located.

Each case names the exact line and column the error must point at and a phrase
its message must contain, through the Python API and through
``behaviours frameworks validate``. docs/bad-inputs.md shows the same
catalogue as a table; a test below keeps the two in step.
"""

import re
from pathlib import Path

import pytest

from behaviours.cli import main
from behaviours.errors import FrameworkError
from behaviours.frameworks.loading import read_framework_file

ROOT = Path(__file__).resolve().parents[2]
INVALID = ROOT / "tests" / "fixtures" / "frameworks" / "invalid"
VALID = ROOT / "tests" / "fixtures" / "frameworks" / "valid"
DOC = ROOT / "docs" / "bad-inputs.md"

# fixture stem -> (line, column, a phrase the message at that place contains)
CASES: dict[str, tuple[int, int, str]] = {
    "assessment-confidence-not-asked": (23, 17, "confidence scale 'certainty' is not one of"),
    "assessment-unknown-scale": (22, 25, "unknown scale 'confidence'"),
    "bad-slug": (21, 9, "expected a slug"),
    "billion-laughs": (4, 10, "YAML aliases (*a0) are not allowed"),
    "binary-garbage": (1, 1, "this is a binary file"),
    "control-character": (4, 15, "character U+0007 is not allowed"),
    "deep-nesting": (3, 47, "nesting deeper than 40 levels"),
    "duplicate-behaviour-ids": (31, 9, "duplicate behaviour id 'listening'"),
    "duplicate-indicator-ids": (31, 15, "duplicate indicator id 'listening.attends'"),
    "duplicate-keys": (5, 1, "duplicate key 'title' (first given on line 4)"),
    "empty": (1, 1, "the file is empty"),
    "impossible-date": (10, 14, "cannot read '2023-02-30' as a timestamp"),
    "latin-1": (4, 11, "byte 0xe9 is not valid UTF-8"),
    "misnamed": (2, 5, "the file is named 'misnamed' but declares id 'minimal'"),
    "missing-field": (2, 1, "missing required key 'title'"),
    "no-indicators": (28, 13, "at least 1 item"),
    "not-a-mapping": (2, 1, "expected a mapping of framework fields"),
    "not-yaml": (11, 1, "not valid YAML"),
    "over-long-text": (24, 17, "at most 2000 characters"),
    "python-tag": (4, 8, "unsupported YAML tag"),
    "reserved-id": (21, 9, "id 'role' is a reserved column name"),
    "reserved-indicator-id": (29, 15, "id 'timestamp' is a reserved column name"),
    "scale-asymmetric-reverse-keyed": (16, 7, "scale 'frequency' cannot be reverse keyed"),
    "scale-duplicate-labels": (13, 5, "scale labels (and the not-able-to-say label) must differ"),
    "scale-numeric-labels": (16, 27, "label '3' reads as the number 3 but labels the value 1"),
    "scale-numeric-not-able-to-say": (15, 22, "the not-able-to-say label '0' reads as the value 0"),
    "scale-out-of-order": (16, 7, "strictly increasing order of value; 3 follows 4"),
    "scale-shifted-labels": (16, 27, "label '1' reads as the number 1 but labels the value 0"),
    "tabs": (12, 1, "YAML indents with spaces, never tabs"),
    "text-both-provenances": (10, 10, "give exactly one of 'source'"),
    "two-documents": (31, 1, "found a second one"),
    "unknown-behaviour-scale": (27, 12, "unknown scale 'agreement'"),
    "unknown-default-scale": (19, 16, "unknown scale 'frequncy'"),
    "unknown-key": (23, 5, "did you mean 'description'?"),
    "unquoted-comma": (24, 50, "A comma inside {...} ends the text there"),
    "unquoted-no": (16, 27, "put the value in quotes"),
    "unquoted-version": (3, 10, "(got 1.1)"),
    "utf-16": (1, 1, "the file is UTF-16"),
    "wrong-type-integer": (17, 17, "Input should be a valid integer"),
    "wrong-type-list": (20, 13, "Input should be a valid list"),
    "wrong-type-text": (22, 12, "expected {source: ...}"),
}


def _fixture(stem: str) -> Path:
    return INVALID / f"{stem}.yaml"


def test_every_invalid_fixture_has_an_expected_error() -> None:
    assert sorted(p.stem for p in INVALID.iterdir()) == sorted(CASES)


@pytest.mark.parametrize("stem", sorted(CASES))
def test_invalid_fixture_is_refused_at_its_line_and_column(stem: str) -> None:
    line, column, phrase = CASES[stem]
    path = _fixture(stem)
    with pytest.raises(FrameworkError) as caught:
        read_framework_file(path, check_name=True)
    located = [(p.file, p.line, p.column) for p in caught.value.problems if phrase in p.message]
    assert located == [(str(path), line, column)], caught.value.problems


@pytest.mark.parametrize("stem", sorted(CASES))
def test_validate_command_prints_file_line_column_and_exits_1(
    stem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line, column, phrase = CASES[stem]
    path = _fixture(stem)
    code = main(["frameworks", "validate", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{path}:{line}:{column}:" in err
    assert phrase in err


@pytest.mark.parametrize("path", sorted(VALID.iterdir()), ids=lambda p: p.name)
def test_valid_fixture_validates_with_exit_0(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["frameworks", "validate", str(path)])
    out = capsys.readouterr()
    assert (code, out.err) == (0, "")
    assert f"{path}: ok ({path.stem} " in out.out


def _doc_rows() -> dict[str, str]:
    """Fixture name -> its whole row, from the table in docs/bad-inputs.md."""
    rows: dict[str, str] = {}
    for row in DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| `([a-z0-9-]+)\.yaml` \|", row)
        if match:
            rows[match[1]] = row
    return rows


def test_bad_inputs_doc_lists_every_fixture() -> None:
    assert sorted(_doc_rows()) == sorted(CASES)


@pytest.mark.parametrize("stem", sorted(CASES))
def test_bad_inputs_doc_row_quotes_the_error_and_its_place(stem: str) -> None:
    line, column, phrase = CASES[stem]
    row = _doc_rows().get(stem, "")
    assert f"{line}:{column}" in row
    assert phrase.replace("|", "\\|") in row
