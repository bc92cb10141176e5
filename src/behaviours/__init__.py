"""behaviours: leadership behaviour and values frameworks as assessments, scores and reports.

The public API is what this module exports; everything else is private and may
change. Data flows one way, and the names below follow it:

framework YAML -> ``Framework`` (``load_framework``) -> questionnaire
(``build_questionnaire``) -> responses (``Assessment``, ``read_responses``) ->
scores (``score``, ``score_batch``) -> ``Result`` -> exports (``results_csv``)
and PDF reports (``render_report``, ``render_many``).
"""

from behaviours.catalogue import FrameworkInfo, list_frameworks, load_framework
from behaviours.errors import (
    BehavioursError,
    FrameworkError,
    FrameworkNotFoundError,
    InsufficientRatersError,
    OutputError,
    Problem,
    ReportError,
    ResponsesError,
    ScoringError,
)
from behaviours.exporting import read_results_json, results_csv, results_json
from behaviours.framework import Behaviour, Framework, Indicator, Scale, Text
from behaviours.importing import read_responses
from behaviours.loading import dump_framework, parse_framework
from behaviours.questionnaire import Questionnaire, build_questionnaire
from behaviours.reports import PackSummary, render_many, render_report, write_report
from behaviours.responses import (
    NOT_ABLE_TO_SAY,
    Assessment,
    Response,
    Subject,
    read_assessments_json,
)
from behaviours.results import Comparison, Result, ScoringSettings
from behaviours.scoring import BatchScores, compare, score, score_all, score_batch, score_long

__version__ = "0.1.0"

__all__ = [
    "NOT_ABLE_TO_SAY",
    "Assessment",
    "BatchScores",
    "Behaviour",
    "BehavioursError",
    "Comparison",
    "Framework",
    "FrameworkError",
    "FrameworkInfo",
    "FrameworkNotFoundError",
    "Indicator",
    "InsufficientRatersError",
    "OutputError",
    "PackSummary",
    "Problem",
    "Questionnaire",
    "ReportError",
    "Response",
    "ResponsesError",
    "Result",
    "Scale",
    "ScoringError",
    "ScoringSettings",
    "Subject",
    "Text",
    "__version__",
    "build_questionnaire",
    "compare",
    "dump_framework",
    "list_frameworks",
    "load_framework",
    "parse_framework",
    "read_assessments_json",
    "read_responses",
    "read_results_json",
    "render_many",
    "render_report",
    "results_csv",
    "results_json",
    "score",
    "score_all",
    "score_batch",
    "score_long",
    "write_report",
]
