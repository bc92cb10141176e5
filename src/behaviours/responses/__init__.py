"""Responses: survey exports and JSON -> ``Assessment`` models, checked against a framework.

``model`` holds the models and their checks; ``reading`` the sources (CSV,
.xlsx, JSON); ``grid``, ``headers`` and ``assembling`` turn a grid of cells into
assessments.
"""
