"""Scoring: assessments in, ``Result`` out; the only package that uses numpy.

One engine scores every kind of assessment. ``score`` scores one assessment
and returns a ``Result``; ``score_batch`` and ``score_long`` score many
subjects at once from arrays or a long table and return ``BatchScores``
(numpy arrays); ``compare`` sets two results side by side. The formulas are in
docs/scoring.md, the anonymity rules in docs/privacy.md.
"""

from behaviours.results.model import ScoringSettings
from behaviours.scoring.batch import BatchScores, GroupStats, score_batch
from behaviours.scoring.compare import compare
from behaviours.scoring.engine import score, score_all
from behaviours.scoring.long import score_long
from behaviours.scoring.views import result_of

__all__ = [
    "BatchScores",
    "GroupStats",
    "ScoringSettings",
    "compare",
    "result_of",
    "score",
    "score_all",
    "score_batch",
    "score_long",
]
