"""read_responses: survey exports in, Assessment models out, or every problem at once."""

import csv
import datetime
import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from behaviours import ResponsesError, load_framework
from behaviours.questionnaires.exporting import questionnaire_csv
from behaviours.questionnaires.model import build_questionnaire
from behaviours.responses.model import NOT_ABLE_TO_SAY, assessments_json
from behaviours.responses.reading import read_responses
from strategies.importing import answers, cell

FW = load_framework("compassionate-leadership")
DAY = datetime.date(2025, 3, 31)


def read(text: str, kind: str = "360", **kwargs: object) -> list:  # type: ignore[type-arg]
    kwargs.setdefault("assessed_on", DAY)
    return read_responses(io.StringIO(text), FW, kind, **kwargs)  # type: ignore[arg-type]


def problems(text: str, kind: str = "360", **kwargs: object) -> list[str]:
    with pytest.raises(ResponsesError) as info:
        read(text, kind, **kwargs)
    return [str(p) for p in info.value.problems]


def test_wide_file_gives_one_assessment_per_subject_in_order() -> None:
    text = "subject,role,attending\nZoë,self,4\nAmir,self,3\nZoë,peer,5\n"
    got = read(text)
    assert [a.subject.name for a in got] == ["Zoë", "Amir"]
    assert [r.role for r in got[0].responses] == ["self", "peer"]


def test_columns_match_by_exact_prompt_ignoring_case_and_spaces() -> None:
    prompt = FW.behaviours[0].observer_prompt.text
    text = f'subject,role,"  {prompt.upper()} "\nAlex,peer,2\n'
    assert read(text)[0].responses[0].ratings == {"attending": 2}


def test_google_forms_grid_header_matches_by_the_bracketed_prompt() -> None:
    prompt = FW.behaviours[1].quick_prompt.text
    text = f'subject,"How often is this true? [{prompt}]"\nAlex,5\n'
    assert read(text, "quick")[0].responses[0].ratings == {"understanding": 5}


def test_labels_numbers_blank_and_not_able_to_say_are_read() -> None:
    text = (
        "subject,attending,understanding,empathising,helping\n"
        "Alex, almost  ALWAYS ,2,,Not able to say\n"
    )
    ratings = read(text, "quick")[0].responses[0].ratings
    assert ratings == {"attending": 5, "understanding": 2, "helping": NOT_ABLE_TO_SAY}


def test_a_number_written_as_a_float_reads_as_that_integer() -> None:
    assert read("subject,attending\nAlex,4.0\n", "quick")[0].responses[0].ratings == {
        "attending": 4
    }


def test_survey_tool_columns_are_ignored() -> None:
    text = "Timestamp,Email address,subject,attending\n2025-01-01,a@b.org,Alex,3\n"
    assert read(text, "quick")[0].responses[0].ratings == {"attending": 3}


def test_ignore_columns_skips_named_columns() -> None:
    text = "Department,subject,attending\nFinance,Alex,3\n"
    assert read(text, "quick", ignore_columns=("department",))[0].subject.name == "Alex"


def test_long_file_is_detected_and_grouped_by_respondent() -> None:
    text = (
        "subject,respondent,role,item,rating\n"
        "Alex,r1,peer,attending,4\nAlex,r1,peer,helping,Often\nAlex,r2,manager,attending,2\n"
    )
    got = read(text)
    assert [(r.respondent, r.ratings) for r in got[0].responses] == [
        ("r1", {"attending": 4, "helping": 4}),
        ("r2", {"attending": 2}),
    ]


def test_long_comment_rows_become_comments_by_behaviour() -> None:
    text = "subject,respondent,item,rating\nAlex,r1,attending,4\nAlex,r1,comment:attending,Kind\n"
    assert read(text, "quick")[0].responses[0].comments == {"attending": "Kind"}


def test_wide_comment_columns_are_read_as_typed() -> None:
    text = 'subject,role,attending,comment:attending\nAlex,peer,4,"Says <no> & means it"\n'
    assert read(text)[0].responses[0].comments == {"attending": "Says <no> & means it"}


def test_detail_is_inferred_from_full_item_columns() -> None:
    text = "subject,role,attending.full-attention\nAlex,peer,3\n"
    assert read(text)[0].detail == "full"


def test_subject_and_role_can_be_given_for_files_without_those_columns() -> None:
    got = read("attending\n3\n4\n", subject="Alex", role="peer")
    assert [r.respondent for r in got[0].responses] == ["<input> row 2", "<input> row 3"]


def test_semicolon_delimited_file_is_read() -> None:
    assert read("subject;attending\nAlex;3\n", "quick")[0].responses[0].ratings == {"attending": 3}


def test_rating_off_the_scale_names_file_row_column_and_expected() -> None:
    assert problems("subject,role,attending\nAlex,peer,9\n") == [
        "<input>:2:3: attending: rating '9' is not on the scale; expected one of 1-5, "
        "Rarely, Occasionally, Sometimes, Often, Almost always, Not able to say, or blank"
    ]


def test_unknown_column_suggests_the_nearest_item() -> None:
    found = problems("subject,role,atending\nAlex,peer,3\n")
    hint = "<input>:1:3: atending: unknown column 'atending'; did you mean 'attending'?"
    assert any(p.startswith(hint) for p in found)


def test_respondent_twice_is_reported_at_its_second_row() -> None:
    text = "subject,respondent,role,attending\nAlex,r1,peer,3\nAlex,r1,peer,4\n"
    assert problems(text) == [
        "<input>:3: respondent 'r1' answers twice for 'Alex' (first at row 2)"
    ]


def test_missing_self_assessment_is_an_error_when_required() -> None:
    (only,) = problems("subject,role,attending\nAlex,peer,3\n", require_self=True)
    assert "subject 'Alex' has no self-assessment" in only


def test_missing_role_column_in_a_360_is_reported() -> None:
    (only,) = problems("subject,attending\nAlex,3\n")
    assert "no 'role' column" in only


def test_every_bad_cell_is_reported_not_only_the_first() -> None:
    text = "subject,role,attending,helping\nAlex,peer,9,x\n,peer,3,3\nAlex,boss,3,3\n"
    found = problems(text)
    assert [p.split(":")[1:3] for p in found] == [["2", "3"], ["2", "4"], ["3", "1"], ["4", "2"]]


def test_problems_stop_at_max_errors_and_say_so() -> None:
    text = "subject,role,attending\n" + "Alex,peer,9\n" * 20
    with pytest.raises(ResponsesError, match="stopped after 5") as info:
        read(text, max_errors=5)
    assert len(info.value.problems) == 5


def test_header_without_rows_is_an_error() -> None:
    (only,) = problems("subject,role,attending\n")
    assert "no responses" in only


def test_file_that_is_not_utf8_when_utf8_is_given_says_how_to_read_it(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("subject,attending\nZoë,3\n".encode("cp1252"))
    with pytest.raises(ResponsesError, match="encoding='cp1252'"):
        read_responses(path, FW, "quick", encoding="utf-8")
    assert read_responses(path, FW, "quick", encoding="cp1252")[0].subject.name == "Zoë"


def test_excel_csv_in_cp1252_reads_without_an_encoding(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("subject,attending\nZoë’s team,3\n".encode("cp1252"))
    assert read_responses(path, FW, "quick")[0].subject.name == "Zoë’s team"


def test_utf8_text_then_cp1252_bytes_is_refused_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("subject,attending\nZoë,3\n".encode() + "Zoë,4\n".encode("cp1252"))
    with pytest.raises(ResponsesError, match="not utf-8 text"):
        read_responses(path, FW, "quick")


def test_byte_order_mark_from_excel_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("\ufeffsubject,attending\nAlex,3\n".encode())
    assert read_responses(path, FW, "quick")[0].subject.id == "Alex"


def test_questionnaire_export_headers_import_unchanged() -> None:
    q = build_questionnaire(FW, "360", detail="full")
    rows = list(csv.DictReader(io.StringIO(questionnaire_csv(q))))
    answers = {"text": "Alex", "choice": "Peer", "rating": "Often", "comment": "Fine"}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([r["prompt"] for r in rows])
    writer.writerow([answers[r["type"]] for r in rows])
    (response,) = read(out.getvalue())[0].responses
    assert response.ratings == {i.id: 4 for i in q.items}
    assert response.comments == {b.id: "Fine" for b in FW.behaviours}


def test_json_file_is_read_and_checked_against_the_framework(tmp_path: Path) -> None:
    good = read("subject,role,attending\nAlex,self,4\n")
    path = tmp_path / "responses.json"
    path.write_text(assessments_json(good), encoding="utf-8")
    assert read_responses(path, FW, "360") == good
    with pytest.raises(ResponsesError, match="a 360 assessment"):
        read_responses(path, FW, "team")


def test_xlsx_sheet_reads_like_the_csv(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    rows = [["subject", "respondent", "role", "attending"], ["Alex", "a", "self", 4]]
    for row in [*rows, ["Alex", "b", "peer", "Often"]]:
        sheet.append(row)
    book.save(tmp_path / "export.xlsx")
    got = read_responses(tmp_path / "export.xlsx", FW, "360", assessed_on=DAY)
    assert got == read("subject,respondent,role,attending\nAlex,a,self,4\nAlex,b,peer,4\n")


@settings(max_examples=60)
@given(st.data())
def test_wide_then_long_files_read_back_exactly_the_answers_written(data: st.DataObject) -> None:
    item_ids = [i.id for i in FW.items("full")]
    people = data.draw(st.lists(answers(FW, item_ids), min_size=1, max_size=6))
    roles = ["self"] + ["peer"] * (len(people) - 1)
    wide = io.StringIO()
    writer = csv.writer(wide)
    writer.writerow(["subject", "respondent", "role", *item_ids])
    long = io.StringIO()
    long_writer = csv.writer(long)
    long_writer.writerow(["subject", "respondent", "role", "item", "rating"])
    for n, (ratings, role) in enumerate(zip(people, roles, strict=True)):
        cells = [cell(data.draw, FW, i, ratings.get(i)) for i in item_ids]
        writer.writerow(["Alex", f"r{n}", role, *cells])
        for item_id, text in zip(item_ids, cells, strict=True):
            if text.strip() or item_id == item_ids[0] or data.draw(st.booleans()):
                long_writer.writerow(["Alex", f"r{n}", role, item_id, text])
    expected = [(f"r{n}", r) for n, r in enumerate(people)]
    for text in (wide.getvalue(), long.getvalue()):
        (assessment,) = read(text, detail="full")
        assert [(r.respondent, r.ratings) for r in assessment.responses] == expected


def test_export_of_the_360_self_form_is_read_as_self_without_a_role_column() -> None:
    q = build_questionnaire(FW, "360", role="self")
    header = ",".join(f'"{p}"' for p in [q.fields[0].prompt, *(i.prompt for i in q.items)])
    (assessment,) = read(f"{header}\nAlex,4,4,4,4\n")
    assert [r.role for r in assessment.responses] == ["self"]


def test_self_and_rater_exports_merge_by_subject(tmp_path: Path) -> None:
    own = build_questionnaire(FW, "360", role="self")  # the self form's export: no role column
    header = f'"{own.fields[0].prompt}","{own.items[0].prompt}"'
    (tmp_path / "self.csv").write_text(f"{header}\nAlex,4\nSam,2\n", encoding="utf-8")
    (tmp_path / "raters.csv").write_text(
        "subject,role,attending\nAlex,peer,3\nSam,peer,2\nAlex,other,5\n", encoding="utf-8"
    )
    got = read_responses(
        [tmp_path / "self.csv", tmp_path / "raters.csv"], FW, "360", role=None, assessed_on=DAY
    )
    assert [(a.subject.id, [r.role for r in a.responses]) for a in got] == [
        ("Alex", ["self", "peer", "other"]),
        ("Sam", ["self", "peer"]),
    ]


def test_problems_of_every_merged_file_are_reported_together(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("subject,role,attending\nAlex,peer,9\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("subject,role,helping\nAlex,peer,0\n", encoding="utf-8")
    with pytest.raises(ResponsesError) as info:
        read_responses([tmp_path / "a.csv", tmp_path / "b.csv"], FW, "360")
    assert [Path(str(p.file)).name for p in info.value.problems] == ["a.csv", "b.csv"]


def test_merged_files_with_the_same_respondent_are_refused(tmp_path: Path) -> None:
    text = "subject,respondent,role,attending\nAlex,r1,peer,3\n"
    (tmp_path / "a.csv").write_text(text, encoding="utf-8")
    (tmp_path / "b.csv").write_text(text, encoding="utf-8")
    with pytest.raises(ResponsesError, match="respondent 'r1' in two files"):
        read_responses([tmp_path / "a.csv", tmp_path / "b.csv"], FW, "360")


def test_subject_id_alone_names_the_subject() -> None:
    assert read("subject_id,attending\nE1042,3\n", "quick")[0].subject.name == "E1042"


def test_overlong_comment_in_a_long_file_is_an_error_not_cut() -> None:
    text = f"subject,respondent,item,rating\nAlex,r1,comment:attending,{'x' * 5001}\n"
    (only,) = problems(text, "quick")
    assert "comment longer than 5000 characters" in only


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ResponsesError, match="unknown kind 'weekly'"):
        read("subject,attending\nAlex,3\n", "weekly")


def test_cell_beyond_the_header_is_reported_not_dropped() -> None:
    assert problems("subject,attending\nAlex,3,oops\n", "quick") == [
        "<input>:2:3: a cell beyond the last column (the header has 2 columns)"
    ]


def test_short_row_reads_its_missing_cells_as_blank() -> None:
    text = "subject,attending,helping\nAlex,3\n"
    assert read(text, "quick")[0].responses[0].ratings == {"attending": 3}


def test_qualtrics_export_reads_its_question_row_and_skips_import_ids() -> None:
    prompt = FW.behaviours[1].quick_prompt.text
    text = (
        "StartDate,subject,Q1_1\n"
        f'Start Date,subject,"How often is this true? - {prompt}"\n'
        '"{""ImportId"":""startDate""}","{""ImportId"":""subject""}","{""ImportId"":""QID1_1""}"\n'
        "2025-03-31 09:00,Alex,Often\n"
    )
    [assessment] = read(text, "quick")
    assert assessment.responses[0].ratings == {"understanding": 4}


def test_qualtrics_bad_rating_is_reported_on_its_own_file_line() -> None:
    prompt = FW.behaviours[1].quick_prompt.text
    text = (
        "subject,Q1_1\n"
        f'subject,"Q - {prompt}"\n'
        '"{""ImportId"":""subject""}","{""ImportId"":""QID1_1""}"\n'
        "Alex,Sometimes\nSam,Seldom\n"
    )
    [problem] = problems(text, "quick")
    assert ":5:" in problem
    assert "Seldom" in problem


def test_a_frameworks_vocabulary_is_made_once_and_forgotten_with_it() -> None:
    import gc

    from behaviours.responses import grid

    fw = load_framework("compassionate-leadership").model_copy(deep=True)
    first = grid.Vocabulary.of(fw)
    assert grid.Vocabulary.of(fw) is first
    other = fw.model_copy(update={"title": "Another"}, deep=True)
    assert grid.Vocabulary.of(other) is not first
    kept = len(grid._VOCABULARIES)
    del other
    gc.collect()
    assert len(grid._VOCABULARIES) == kept - 1
