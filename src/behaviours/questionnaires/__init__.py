"""Questionnaires: ``Framework`` -> what to ask each respondent, and in whose voice."""
