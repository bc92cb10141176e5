"""Responses: survey exports and JSON -> ``Assessment`` models, checked against a framework.

``model`` holds the models and their checks; ``reading`` the sources and
formats (CSV streamed, ``xlsx`` bounded before inflating, ``json_text`` read
safely); ``grid`` holds a table's cells and what they may say, ``headers``
reads the header into a frozen ``Header``, and ``assembling`` reads the rows
into assessments.
"""
