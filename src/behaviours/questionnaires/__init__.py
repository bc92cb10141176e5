"""Questionnaires: ``Framework`` -> what to ask each respondent, in whose voice (``model``),
and the CSV and JSON a survey tool is built from (``exporting``)."""
