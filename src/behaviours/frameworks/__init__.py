"""Frameworks: YAML -> ``Framework``, the first stage of the pipeline.

``model`` is the framework and its invariants (cross-field checks included);
``loading`` the one YAML parser, which points every problem at its line;
``catalogue`` finds frameworks by id (only the facade and the command line use
it); ``kinds`` and ``columns`` are the vocabulary every later stage shares:
kinds of assessment, roles, role labels, the version rule and the column names
a responses file reserves.
"""
