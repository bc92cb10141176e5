"""Scoring: assessments or arrays in, scores out as numpy arrays; the only numpy engine.

One engine scores every kind of assessment. ``batch.score_batch`` and
``long.score_long`` score many subjects at once from arrays or a long table and
return ``BatchScores``; ``single.batch_of_one`` lays one assessment out as a
batch of one. Turning arrays into published ``Result`` models is the next
stage's job (``behaviours.results``). ``item_analysis`` pools many
respondents for a framework's owners (``reliability``: alpha, its Feldt
interval, omega, item-rest r; ``icc``: ICC(1) and ICC(2)). ``cohorts``,
``effect_sizes`` and ``norms`` are the array functions of cohort tables (with
disclosure control), programme evaluation and local norms. The formulas are in
docs/scoring.md, docs/analysis.md and docs/cohorts.md, the anonymity rules in
docs/privacy.md.
"""
