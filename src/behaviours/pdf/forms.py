"""The printable questionnaire as PDF bytes: its layout (``reports.form``) drawn by the backend."""

from __future__ import annotations

import datetime

from behaviours.pdf.rendering import render_document
from behaviours.questionnaires.model import Questionnaire
from behaviours.reports.form import questionnaire_document

__all__ = ["questionnaire_pdf"]


def questionnaire_pdf(questionnaire: Questionnaire, *, date: datetime.date | None = None) -> bytes:
    """The paper form as PDF bytes; the same questionnaire and date give the same bytes."""
    return render_document(
        questionnaire_document(questionnaire, date=date or datetime.date.today())
    )
