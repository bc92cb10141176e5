"""behaviours: leadership behaviour and values frameworks as assessments, scores and reports.

The public API is what this module exports; everything else is private and may
change. Data flows one way: framework YAML -> ``Framework`` -> responses ->
scores -> report.
"""

from behaviours.catalogue import FrameworkInfo, list_frameworks, load_framework
from behaviours.errors import (
    BehavioursError,
    FrameworkError,
    FrameworkNotFoundError,
    InsufficientRatersError,
    Problem,
    ReportError,
    ResponsesError,
    ScoringError,
)
from behaviours.framework import Behaviour, Framework, Indicator, Scale, Text
from behaviours.loading import dump_framework, parse_framework

__version__ = "0.1.0"

__all__ = [
    "Behaviour",
    "BehavioursError",
    "Framework",
    "FrameworkError",
    "FrameworkInfo",
    "FrameworkNotFoundError",
    "Indicator",
    "InsufficientRatersError",
    "Problem",
    "ReportError",
    "ResponsesError",
    "Scale",
    "ScoringError",
    "Text",
    "__version__",
    "dump_framework",
    "list_frameworks",
    "load_framework",
    "parse_framework",
]
