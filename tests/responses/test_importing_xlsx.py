"""Reading .xlsx: every cell, never a blank for a damaged one, bounded before inflating."""

from __future__ import annotations

import datetime
import io
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from behaviours import load_framework
from behaviours.errors import ResponsesError
from behaviours.responses.reading import read_responses
from behaviours.responses.xlsx import (
    MAX_XLSX_BYTES,
    MAX_XLSX_PARTS,
    MAX_XLSX_RATIO,
    package_problem,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "responses"
sys.path.insert(0, str(FIXTURES))
import make_xlsx  # noqa: E402

FW = load_framework("compassionate-leadership")
DAY = datetime.date(2025, 11, 21)


def _read(data: bytes) -> list[str]:
    (assessment,) = read_responses(io.BytesIO(data), FW, "360", assessed_on=DAY)
    return [r.respondent for r in assessment.responses]


def _book(**cells: str) -> bytes:
    book = make_xlsx.Book()
    book.cells.update(cells)
    return make_xlsx.zipped(dict(book.parts()))


def _ratings(data: bytes) -> dict[str, object]:
    (assessment,) = read_responses(io.BytesIO(data), FW, "360", assessed_on=DAY)
    return dict(assessment.responses[2].ratings)


@pytest.mark.parametrize("path", sorted(make_xlsx.FIXTURES))
def test_committed_workbook_holds_what_its_recipe_makes(path: str) -> None:
    committed = make_xlsx.parts_of((FIXTURES / path).read_bytes())
    assert committed == make_xlsx.parts_of(make_xlsx.FIXTURES[path]()), "run make_xlsx.py"


def test_committed_workbooks_are_small() -> None:
    assert max((FIXTURES / p).stat().st_size for p in make_xlsx.FIXTURES) < 200_000


def test_rows_past_a_stale_dimension_are_read() -> None:
    book = make_xlsx.Book()
    book.dimension = "A1:C2"
    assert _read(make_xlsx.zipped(dict(book.parts()))) == ["r1", "r2", "r3", "r4"]


def test_formula_with_a_saved_value_reads_as_the_value() -> None:
    data = _book(D4='<c r="D4"><f>2+3</f><v>5</v></c>')
    assert _ratings(data)["attending"] == 5


def test_formula_saved_as_an_empty_string_is_a_blank_not_an_error() -> None:
    data = _book(D4='<c r="D4" t="str"><f>""</f><v></v></c>')
    assert "attending" not in _ratings(data)


def test_formula_written_by_openpyxl_and_never_calculated_is_refused(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (make_xlsx.HEADER, *make_xlsx.PEOPLE):
        sheet.append(row)
    sheet["D3"] = "=2+2"
    book.save(tmp_path / "export.xlsx")
    with pytest.raises(ResponsesError) as caught:
        read_responses(tmp_path / "export.xlsx", FW, "360")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.path) == (3, 4, "Sheet!D3")
    assert "a formula (=2+2) with no saved value" in problem.message


def test_a_cell_without_a_reference_is_located_by_counting() -> None:
    data = _book(E3='<c t="s"><v>99</v></c>')
    with pytest.raises(ResponsesError) as caught:
        _read(data)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.path) == (3, 5, "Sheet1!R3C5")


def test_first_worksheet_behind_a_chart_sheet_is_read() -> None:
    book = make_xlsx.Book()
    book.chart_first = True
    assert _read(make_xlsx.zipped(dict(book.parts()))) == ["r1", "r2", "r3", "r4"]


def _part(size: int, zipped: int, name: str = "xl/worksheets/sheet1.xml") -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.file_size, info.compress_size = size, zipped
    return info


def test_workbook_inflating_past_the_total_limit_is_refused() -> None:
    third = MAX_XLSX_BYTES // 3 + 1
    parts = [_part(third, third // 10, f"xl/worksheets/sheet{i}.xml") for i in range(3)]
    assert "more than the 500,000,000 allowed" in str(package_problem(parts))
    assert package_problem(parts[:2]) is None


def test_part_inflating_past_the_ratio_is_refused_and_one_just_under_is_not() -> None:
    assert "a zip bomb?" in str(package_problem([_part(MAX_XLSX_RATIO * 100_001, 100_000)]))
    assert package_problem([_part(MAX_XLSX_RATIO * 100_000, 100_000)]) is None


def test_small_part_may_compress_as_well_as_it_likes() -> None:
    assert package_problem([_part(900_000, 10)]) is None


def test_zip_of_too_many_parts_is_refused() -> None:
    parts = [_part(10, 10, f"p{i}") for i in range(MAX_XLSX_PARTS + 1)]
    assert "1,001 parts" in str(package_problem(parts))
    assert package_problem(parts[:-1]) is None


DAMAGE = st.sampled_from(["", "<", ">", '"', "&", "9", "-1", ' t="s"', ' r="ZZZZ9"', "<f>1</f>"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_damaged_part_is_read_or_refused_located_never_a_traceback(data: st.DataObject) -> None:
    book = make_xlsx.Book()
    book.chart_first = data.draw(st.booleans())
    parts: dict[str, str | bytes] = dict(book.parts())
    name = data.draw(st.sampled_from(sorted(parts)))
    text = str(parts[name])
    at = data.draw(st.integers(0, len(text)))
    cut = data.draw(st.integers(0, 20))
    parts[name] = text[:at] + data.draw(DAMAGE) + text[at + cut :]
    try:
        read_responses(io.BytesIO(make_xlsx.zipped(parts)), FW, "360", assessed_on=DAY)
    except ResponsesError as exc:
        problems = exc.problems
    else:
        problems = []
    assert all(p.file == "<input>" for p in problems)
