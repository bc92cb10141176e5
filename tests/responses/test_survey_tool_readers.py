"""The survey-tool readers one behaviour at a time: matching, codes, mappings, notes, zips."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from behaviours import ResponsesError, load_framework, score
from behaviours.cli import main
from behaviours.questionnaires.exporting import mapping_csv, questions
from behaviours.questionnaires.model import build_questionnaire
from behaviours.responses.grid import norm
from behaviours.responses.reading import read_responses

FW = load_framework("compassionate-leadership")
DAY = datetime.date(2025, 3, 31)
TOOLS = Path(__file__).resolve().parents[1] / "fixtures" / "survey-tools"
RATER = questions(build_questionnaire(FW, "360", detail="quick"))
PROMPT = next(q.prompt for q in RATER if q.id == "attending")


def csv_text(rows: list[list[str]], **kw: object) -> str:
    out = io.StringIO()
    csv.writer(out, **kw).writerows(rows)  # type: ignore[arg-type]
    return out.getvalue()


def read(text: str | bytes, kind: str = "360", **kw: object) -> list:  # type: ignore[type-arg]
    source = io.BytesIO(text if isinstance(text, bytes) else text.encode())
    return read_responses(source, FW, kind, assessed_on=DAY, **kw)  # type: ignore[arg-type]


def problems(text: str | bytes, **kw: object) -> list[str]:
    with pytest.raises(ResponsesError) as info:
        read(text, **kw)
    return [str(p) for p in info.value.problems]


# One normalisation ------------------------------------------------------------------------


def test_typographic_apostrophes_dashes_and_spaces_match_the_plain_prompt() -> None:
    fancy = PROMPT.replace("'", "’").replace(" ", "\u00a0", 1).replace("-", "–")
    assert norm(fancy) == norm(PROMPT)
    (a,) = read(f"subject,role,{fancy}\nAlex,peer,Often\n")
    assert a.responses[0].ratings == {"attending": 4}


def test_compatibility_forms_and_invisible_characters_are_one_spelling() -> None:
    assert norm("Ｏｆｔｅｎ\u200b") == norm("often") == "often"
    assert norm("“Quoted”  ‘text’") == "\"quoted\" 'text'"


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=40))
def test_normalising_twice_changes_nothing(text: str) -> None:
    assert norm(norm(text)) == norm(text)


@given(st.text(alphabet="abc '-\"", max_size=30))
def test_any_typographic_spelling_of_a_text_normalises_as_the_text(text: str) -> None:
    fancy = text.replace("'", "’").replace('"', "”").replace("-", "—").replace(" ", "\u2009")
    assert norm(fancy) == norm(text)


def test_did_you_mean_names_the_nearest_prompt_not_only_ids() -> None:
    typo = PROMPT.replace("attention", "atention").replace("listen", "lissen")
    (found,) = [p for p in problems(f"subject,role,{typo}\nAlex,peer,Often\n") if "unknown" in p]
    assert f"did you mean {PROMPT!r}?" in found


# Tools' columns, codes and spellings ------------------------------------------------------


def test_a_tools_own_columns_are_listed_once_as_ignored_metadata(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "typeform.csv"
    path.write_text(
        csv_text(
            [
                [
                    "#",
                    "Which person are you giving feedback on?",
                    "How do you work with this person?",
                    PROMPT,
                    "Submit Date (UTC)",
                    "Network ID",
                    "Tags",
                ],
                ["t1", "Alex", "Peer", "Often", "2025-03-04 10:00:00", "n1", ""],
            ]
        )
    )
    code = main(["score", str(path), "--framework", FW.id, "--kind", "360", "--skip-insufficient"])
    notes = [line for line in capsys.readouterr().err.splitlines() if "note:" in line]
    assert code == 0
    assert notes == [
        f"behaviours: note: {path}: read as Typeform; "
        "ignored metadata columns: #, Submit Date (UTC), Network ID, Tags"
    ]


def test_qualtrics_numeric_values_read_roles_and_not_able_to_say_by_their_numbers() -> None:
    rows = [
        ["ResponseId", "Q1_TEXT", "Q2", "Q3"],
        [
            "Response ID",
            "Which person are you giving feedback on?",
            "How do you work with this person?",
            f"Attending - {PROMPT}",
        ],
        [
            '{"ImportId":"_recordId"}',
            '{"ImportId":"QID1_TEXT"}',
            '{"ImportId":"QID2"}',
            '{"ImportId":"QID3_1"}',
        ],
        ["R_1", "Alex", "3", "6"],
        ["R_2", "Alex", "1", "2"],
    ]
    (a,) = read(csv_text(rows))
    assert [(r.role, r.ratings) for r in a.responses] == [
        ("direct_report", {"attending": "not_able_to_say"}),
        ("manager", {"attending": 2}),
    ]


def test_qualtrics_with_its_second_and_third_rows_taken_out_reads_by_its_tags() -> None:
    rows = [["StartDate", "EndDate", "ResponseId", "Q1", "Q2", *(f"Q{n}" for n in range(3, 11))]]
    cells = ["Alex", "Peer", *(["Often", ""] * 4)]
    rows.append(["2025-03-04", "2025-03-04", "R_1", *cells])
    (a,) = read(csv_text(rows))
    assert a.responses[0].role == "peer"
    assert a.responses[0].ratings == dict.fromkeys([b.id for b in FW.behaviours], 4)


def test_surveymonkey_na_is_not_able_to_say() -> None:
    rows = [
        [
            "Respondent ID",
            "Collector ID",
            "Which person are you giving feedback on?",
            "How do you work with this person?",
            "Attending",
        ],
        ["", "", "Open-Ended Response", "Response", PROMPT],
        ["1", "9", "Alex", "Peer", "N/A"],
    ]
    (a,) = read(csv_text(rows))
    assert a.responses[0].ratings == {"attending": "not_able_to_say"}


def test_a_semicolon_header_whose_quoted_prompts_hold_commas_splits_at_semicolons() -> None:
    prompt = "They notice, listen, and act, and then, later, follow up, again."
    header = [
        "Response ID",
        "Date submitted",
        "Last page",
        "Start language",
        "subject",
        "role",
        "attending",
        prompt,
    ]
    text = csv_text(
        [header, ["1", "", "", "en", "Alex", "peer", "Often", "x"]],
        delimiter=";",
        quoting=csv.QUOTE_ALL,
    )
    found = problems(text)
    assert any(f"unknown column {prompt!r}" in p for p in found)


def test_smartsurvey_apostrophes_are_read_back_in_headers_and_answers() -> None:
    rows = [
        [
            "UserID",
            "UserNo",
            "Tracking Link",
            "Q1. Which person are you giving feedback on?",
            "Q2. How do you work with this person?",
            "Q3. Any comments on Attending? (optional) Comments are shown in the report "
            "without your name.",
        ],
        ["", "", "", "", "", ""],
        ["", "", "", "", "", ""],
        ["1", "1", "Web Link", "Alex O@SQ@Neill", "Peer", "Say @DQ@hi@DQ@, it@SQ@s fine"],
    ]
    (a,) = read(csv_text(rows))
    assert a.subject.name == "Alex O'Neill"
    assert a.responses[0].comments == {"attending": 'Say "hi", it\'s fine'}


def test_a_microsoft_forms_self_form_without_a_name_question_takes_forms_name() -> None:
    self_prompt = next(
        q.prompt
        for q in questions(build_questionnaire(FW, "360", role="self"))
        if q.id == "attending"
    )
    rows = [
        ["ID", "Start time", "Completion time", "Email", "Name", self_prompt],
        ["1", "", "", "a@x.org", "Alex Smith", "Often"],
    ]
    (a,) = read(csv_text(rows))
    assert (a.subject.name, a.responses[0].role) == ("Alex Smith", "self")


def test_a_raters_name_in_microsoft_forms_is_never_read_as_the_subject() -> None:
    rows = [
        [
            "ID",
            "Start time",
            "Completion time",
            "Email",
            "Name",
            "How do you work with this person?",
            PROMPT,
        ],
        ["1", "", "", "a@x.org", "Rater Name", "Peer", "Often"],
    ]
    assert any("no 'subject' column" in p for p in problems(csv_text(rows)))


def test_an_unknown_tool_name_is_an_error_listing_the_tools() -> None:
    found = problems("subject,role,attending\nAlex,peer,3\n", tool="formstack")
    assert "unknown survey tool 'formstack'; expected one of" in found[0]


def test_naming_a_tool_reads_its_header_rows_even_without_its_signature() -> None:
    rows = [
        ["Name", "How do you work with this person?", "Attending"],
        ["Which person are you giving feedback on?", "Response", PROMPT],
        ["Alex", "Peer", "Often"],
    ]
    with pytest.raises(ResponsesError):
        read(csv_text(rows))
    (a,) = read(
        csv_text(rows)
        .replace("Name,", "Which person are you giving feedback on?,", 1)
        .replace(
            "Which person are you giving feedback on?,Response", "Open-Ended Response,Response", 1
        ),
        tool="surveymonkey",
    )
    assert a.responses[0].ratings == {"attending": 4}


# Mappings ---------------------------------------------------------------------------------


def jisc_rows(columns: list[str]) -> str:
    return csv_text([columns, ["Alex", "Peer", *(["Often"] * (len(columns) - 2))]])


def test_a_mapping_says_which_numbered_column_is_which_question() -> None:
    columns = ["Q10", "Q11", "Q12_a", "Q12_b", "Q12_c", "Q12_d"]  # not the questionnaire's order
    mapping = dict(
        zip(
            columns,
            ["subject", "role", "helping", "empathising", "understanding", "attending"],
            strict=True,
        )
    )
    (a,) = read(jisc_rows(columns), mapping=mapping)
    assert a.responses[0].ratings == dict.fromkeys(
        ["attending", "understanding", "empathising", "helping"], 4
    )


def test_a_mapping_can_ignore_a_column() -> None:
    (a,) = read("subject,role,attending,Q99\nAlex,peer,3,whatever\n", mapping={"Q99": "ignore"})
    assert a.responses[0].ratings == {"attending": 3}


def test_the_questionnaire_mapping_file_reads_the_export_it_describes(tmp_path: Path) -> None:
    path = tmp_path / "mapping.csv"
    code = main(
        [
            "questionnaire",
            "--framework",
            FW.id,
            "--kind",
            "360",
            "--items",
            "full",
            "--format",
            "mapping",
            "--out",
            str(path),
        ]
    )
    assert code == 0
    columns = [row["column"] for row in csv.DictReader(io.StringIO(path.read_text("utf-8-sig")))]
    rows = [
        ["Response ID", *columns],
        ["1", "Alex", "Peer", *("Often" if "comment" not in c else "" for c in columns[2:])],
    ]
    ids = [
        row["id"]
        for row in csv.DictReader(
            io.StringIO(mapping_csv(build_questionnaire(FW, "360", detail="full")))
        )
    ]
    rows[1][1:] = ["Alex", "Peer", *("" if i.startswith("comment:") else "Often" for i in ids[2:])]
    (a,) = read(csv_text(rows), mapping=path)
    assert len(a.responses[0].ratings) == len(FW.items("full"))


def test_a_mapping_with_a_bad_id_is_refused_at_its_row() -> None:
    with pytest.raises(ResponsesError) as info:
        read("subject,role,attending\nAlex,peer,3\n", mapping={"Q1": "subject", "Q2": "atending"})
    (found,) = info.value.problems
    assert (found.line, found.column) == (2, 2)
    assert "'atending' is not a question" in found.message


# Google Forms' zip --------------------------------------------------------------------------


def zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def test_a_google_forms_zip_is_read_as_its_csv(tmp_path: Path) -> None:
    path = tmp_path / "download.zip"
    path.write_bytes(
        zipped(
            {"Form (Responses).csv": b"Timestamp,subject,role,attending\n2025/03/04,Alex,peer,4\n"}
        )
    )
    (a,) = read_responses(path, FW, "360", assessed_on=DAY)
    assert a.responses[0].ratings == {"attending": 4}


def test_a_zip_that_would_inflate_past_the_limits_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    path.write_bytes(zipped({"Form.csv": b"subject,role,attending\n" + b" " * 5_000_000}))
    with pytest.raises(ResponsesError, match="a zip bomb"):
        read_responses(path, FW, "360", assessed_on=DAY)


def test_raters_names_that_microsoft_forms_records_never_reach_the_results() -> None:
    """Attack: a raters' form set to record names; the names must not be published."""
    header = ["ID", "Start time", "Completion time", "Email", "Name"]
    header += [
        "Which person are you giving feedback on?",
        "How do you work with this person?",
        PROMPT,
    ]
    rows = [header]
    raters = ["Rater Aoife", "Rater Bilal", "Rater Cerys", "Rater Dafydd"]
    for n, name in enumerate(raters, 1):
        rows.append(
            [str(n), "", "", f"{name.split()[1].lower()}@x.org", name, "Alex", "Peer", "Often"]
        )
    (a,) = read(csv_text(rows))
    published = score(a, FW).model_dump_json()
    assert not any(name in published or name.split()[1] in published for name in raters)
    assert not any("@x.org" in r.respondent for r in a.responses)
