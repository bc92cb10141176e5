"""A reverse-keyed answer prints as the person gave it, with what it scores beside it."""

import io

from pypdf import PdfReader

import behaviours
from behaviours.examples import examples


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def test_individual_report_prints_reverse_keyed_answers_as_given() -> None:
    assessment = next(a for a in examples() if a.kind == "full")
    given = assessment.responses[0].ratings["attending.distracted"]
    assert given == 2  # "Occasionally" checks phone or email while someone is talking
    text = _text(behaviours.render_report(behaviours.score(assessment)))
    assert "2 Occasionally (scores 4)" in text
    assert "4 Often" not in text.split("Checks phone or email")[1][:80]
