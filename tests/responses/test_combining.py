"""Several responses files read together: merged by subject, every problem of every file at once."""

import datetime
from pathlib import Path

import pytest

from behaviours import ResponsesError, load_framework
from behaviours.examples import example
from behaviours.frameworks.catalogue import list_frameworks
from behaviours.questionnaires.model import build_questionnaire
from behaviours.responses.combining import merge_assessments
from behaviours.responses.model import assessments_json
from behaviours.responses.reading import ResponsesFile, read_responses

FW = load_framework("compassionate-leadership")
DAY = datetime.date(2025, 3, 31)
RATERS = "subject,role,attending\nAlex,peer,3\nAlex,other,5\nAlex,manager,4\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(*sources: object, **kwargs: object) -> ResponsesError:
    kwargs.setdefault("assessed_on", DAY)
    with pytest.raises(ResponsesError) as info:
        read_responses(list(sources), FW, "360", **kwargs)  # type: ignore[arg-type]
    return info.value


def test_a_file_of_its_own_role_is_read_as_that_role(tmp_path: Path) -> None:
    own = write(tmp_path, "self.csv", "subject,attending\nAlex,4\n")
    raters = write(tmp_path, "raters.csv", RATERS)
    (got,) = read_responses([ResponsesFile(own, role="self"), raters], FW, "360", assessed_on=DAY)
    assert [r.role for r in got.responses] == ["self", "peer", "other", "manager"]


def test_a_file_option_overrides_the_option_for_every_file(tmp_path: Path) -> None:
    own = write(tmp_path, "self.csv", "attending\n4\n")
    raters = write(tmp_path, "raters.csv", "role,attending\npeer,3\n")
    got = read_responses(
        [ResponsesFile(own, role="self", subject="Alex"), raters],
        FW,
        "360",
        subject="Sam",
        assessed_on=DAY,
    )
    assert [(a.subject.id, [r.role for r in a.responses]) for a in got] == [
        ("Alex", ["self"]),
        ("Sam", ["peer"]),
    ]


def test_a_file_of_its_own_encoding_is_decoded_with_it(tmp_path: Path) -> None:
    own = tmp_path / "self.csv"
    own.write_bytes("subject,role,attending\nZoë,self,4\n".encode("cp1252"))
    raters = write(tmp_path, "raters.csv", "subject,role,attending\nZoë,peer,3\n")
    (got,) = read_responses(
        [ResponsesFile(own, encoding="cp1252"), raters], FW, "360", assessed_on=DAY
    )
    assert (got.subject.name, len(got.responses)) == ("Zoë", 2)


@pytest.mark.parametrize("detail", ["quick", "full"])
@pytest.mark.parametrize("framework_id", [f.id for f in list_frameworks()])
def test_any_item_prompt_of_a_self_form_marks_its_export_as_self(
    framework_id: str, detail: str
) -> None:
    framework = load_framework(framework_id)
    q = build_questionnaire(framework, "360", role="self", detail=detail)  # type: ignore[arg-type]
    for item in (q.items[0], q.items[-1]):  # the form's name question is not in the export
        text = f'subject,"{item.prompt}"\nAlex,{framework.scale_for(item.behaviour_id).max}\n'
        (got,) = read_responses(
            [_string(text)],
            framework,
            "360",
            detail=detail,
            assessed_on=DAY,  # type: ignore[arg-type]
        )
        assert [r.role for r in got.responses] == ["self"]


def test_a_self_form_comment_question_alone_marks_its_export_as_self() -> None:
    q = build_questionnaire(FW, "360", role="self")
    text = f'subject,attending,"{q.comments[0].prompt}"\nAlex,4,Kind words\n'
    (got,) = read_responses([_string(text)], FW, "360", assessed_on=DAY)
    assert [r.role for r in got.responses] == ["self"]


def test_a_rater_form_prompt_is_not_taken_for_a_self_form() -> None:
    q = build_questionnaire(FW, "360", role="peer")
    text = f'subject,"{q.items[0].prompt}"\nAlex,4\n'
    error = problems_of(_string(text))
    assert "no 'role' column" in str(error)


def _string(text: str) -> object:
    import io

    return io.StringIO(text)


def test_header_and_row_problems_come_in_one_pass(tmp_path: Path) -> None:
    path = write(tmp_path, "raters.csv", "subject,role,atending,helping\nAlex,peer,3,9\n")
    error = problems_of(path)
    found = [(p.line, p.column) for p in error.problems]
    assert found == [(1, 3), (2, 4)]  # the unknown column, then the rating off the scale


def test_rows_are_not_read_when_a_column_every_row_needs_is_missing(tmp_path: Path) -> None:
    path = write(tmp_path, "raters.csv", "subject,atending,helping\nAlex,3,9\nSam,3,9\n")
    error = problems_of(path)
    assert [p.line for p in error.problems] == [1, 1]  # unknown column, no role column


def test_problems_of_every_file_are_capped_per_file(tmp_path: Path) -> None:
    bad = "subject,role,attending\n" + "Alex,peer,9\n" * 10
    a, b = write(tmp_path, "a.csv", bad), write(tmp_path, "b.csv", bad)
    error = problems_of(a, b, max_errors=3)
    assert [Path(str(p.file)).name for p in error.problems] == ["a.csv"] * 3 + ["b.csv"] * 3
    assert f"({a}: 3 or more; {b}: 3 or more)" in str(error.title)


def test_a_respondent_in_two_files_names_both_files_and_rows(tmp_path: Path) -> None:
    a = write(tmp_path, "a.csv", "subject,respondent,role,attending\nAlex,r1,peer,3\n")
    b = write(
        tmp_path, "b.csv", "subject,respondent,role,attending\nAlex,r0,peer,3\nAlex,r1,peer,3\n"
    )
    (problem,) = problems_of(a, b).problems
    assert (problem.file, problem.line) == (str(b), 3)
    assert f"respondent 'r1' in two files: {a} row 2 and {b} row 3" in problem.message


def test_a_respondent_in_a_json_file_and_a_csv_is_located_by_path_and_row(tmp_path: Path) -> None:
    assessment = example("360")
    first = assessment.responses[1]
    item = next(iter(first.ratings))
    row = f"subject,respondent,role,{item}\n{assessment.subject.id},{first.respondent},peer,3\n"
    framework = load_framework(assessment.framework)
    js = write(tmp_path, "a.json", assessments_json([assessment]))
    csv_path = write(tmp_path, "b.csv", row)
    with pytest.raises(ResponsesError) as info:
        read_responses([js, csv_path], framework, "360", assessed_on=assessment.assessed_on)
    (problem,) = info.value.problems
    assert f"{js} [0].responses[1] and {csv_path} row 2" in problem.message


def test_one_subject_dated_differently_in_two_files_is_refused(tmp_path: Path) -> None:
    assessment = example("360")
    framework = load_framework(assessment.framework)
    later = assessment.model_copy(
        update={"assessed_on": datetime.date(2026, 1, 5), "responses": assessment.responses[:1]}
    )
    a = write(
        tmp_path,
        "a.json",
        assessments_json([assessment.model_copy(update={"responses": assessment.responses[1:]})]),
    )
    b = write(tmp_path, "b.json", assessments_json([later]))
    with pytest.raises(ResponsesError) as info:
        read_responses([a, b], framework, "360")
    (problem,) = info.value.problems
    assert problem.file == str(b)
    assert "date 2026-01-05 here, 2025-11-21 in" in problem.message


def test_a_failed_file_does_not_make_the_others_lack_a_self_assessment(tmp_path: Path) -> None:
    own = write(tmp_path, "self.csv", "subject,role,attending\nAlex,self,9\n")
    raters = write(tmp_path, "raters.csv", RATERS)
    error = problems_of(own, raters, require_self=True)
    assert [(Path(str(p.file)).name, p.line) for p in error.problems] == [("self.csv", 2)]


def test_merge_assessments_keeps_its_signature_and_refuses_a_second_self() -> None:
    assessment = example("360")
    framework = load_framework(assessment.framework)
    selves = [r for r in assessment.responses if r.role == "self"]
    extra = assessment.model_copy(
        update={"responses": [selves[0].model_copy(update={"respondent": "me"})]}
    )
    with pytest.raises(ResponsesError, match="a second self-assessment in two files"):
        merge_assessments([[assessment], [extra]], framework, files=["a.json", "b.json"])


def test_a_subject_without_a_self_assessment_in_any_file_is_located_at_its_first_row(
    tmp_path: Path,
) -> None:
    own = write(tmp_path, "self.csv", "subject,role,attending\nSam,self,4\n")
    raters = write(tmp_path, "raters.csv", "subject,role,attending\nSam,peer,3\nAlex,peer,3\n")
    (problem,) = problems_of(own, raters, require_self=True).problems
    assert (problem.file, problem.line) == (str(raters), 3)
    assert problem.message.startswith("subject 'Alex' has no self-assessment in any file")
