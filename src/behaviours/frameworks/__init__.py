"""Frameworks: YAML -> ``Framework``.

The model (``model``), its cross-field checks (``checks``), the one YAML parser
(``loading``) and the catalogue that finds frameworks by id (``catalogue``).
The first stage of the pipeline: it imports nothing of the library but ``errors``.
"""
