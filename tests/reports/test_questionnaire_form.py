"""The printable questionnaire: a PDF whose printed item ids are the importer's column names."""

import datetime
import io
import re

import pypdf
import pytest

from behaviours import load_framework
from behaviours.pdf.forms import questionnaire_pdf
from behaviours.questionnaires.model import build_questionnaire
from behaviours.reports.form import BOX, questionnaire_document
from behaviours.responses.reading import read_responses

FW = load_framework("compassionate-leadership")
DAY = datetime.date(2025, 1, 6)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def form_360() -> bytes:
    return questionnaire_pdf(build_questionnaire(FW, "360", detail="full"), date=DAY)


def test_form_prints_every_item_and_comment_id_in_brackets(form_360: bytes) -> None:
    q = build_questionnaire(FW, "360", detail="full")
    expected = [*(i for b in FW.behaviours for i in [*(x.id for x in b.items), f"comment:{b.id}"])]
    assert re.findall(r"\[([a-z0-9.:-]+)\]", pdf_text(form_360)) == expected
    assert len(expected) == len(q.items) + len(q.comments)


def test_ids_printed_on_the_form_import_as_column_headers(form_360: bytes) -> None:
    ids = re.findall(r"\[([a-z0-9.:-]+)\]", pdf_text(form_360))
    header = "subject,role," + ",".join(ids)
    row = "Alex,peer," + ",".join("" if i.startswith("comment:") else "3" for i in ids)
    (assessment,) = read_responses(io.StringIO(f"{header}\n{row}\n"), FW, "360")
    assert len(assessment.responses[0].ratings) == len(FW.items("full"))


def test_every_item_row_has_one_box_per_answer_option() -> None:
    q = build_questionnaire(FW, "quick")
    doc = questionnaire_document(q, date=DAY)
    rows = [row for block in doc.blocks if hasattr(block, "rows") for row in block.rows]
    assert len(rows) == len(q.items)
    assert all(row[1:] == (BOX,) * len(q.items[0].options) for row in rows)


def test_same_questionnaire_and_date_give_identical_bytes() -> None:
    q = build_questionnaire(FW, "team")
    assert questionnaire_pdf(q, date=DAY) == questionnaire_pdf(q, date=DAY)


def test_role_choices_are_printed_with_tick_boxes(form_360: bytes) -> None:
    text = pdf_text(form_360)
    assert all(f"{BOX} {label}" in text for label in ("Manager", "Peer", "Direct report"))
    assert "How do you work with this person?" in text
