"""behaviours: leadership behaviour and values frameworks as assessments, scores and reports.

The public API is what this module exports; everything else is private and may
change. Data flows one way, and the names below follow it:

framework YAML -> ``Framework`` (``load_framework``) -> questionnaire
(``build_questionnaire``) -> responses (``Assessment``, ``read_responses``) ->
scores (``score``, ``score_batch``) -> ``Result`` -> exports (``results_csv``)
and PDF reports (``render_report``, ``render_many``).

The facade is lazy (PEP 562): ``import behaviours`` loads no numpy, reportlab or
PyYAML; each name is imported from its stage the first time it is used, so a
command such as ``behaviours --help`` or an application that only reads
results does not pay for the PDF backend. ``docs/architecture.md`` says which
stage owns what.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Every public name and the module that defines it: one table, read by __getattr__ below,
# by the public-API test and by the script that writes docs/api.md.
HOMES: dict[str, str] = {
    "NOT_ABLE_TO_SAY": "behaviours.responses.model",
    "Assessment": "behaviours.responses.model",
    "BatchScores": "behaviours.scoring.batch",
    "Behaviour": "behaviours.frameworks.model",
    "BehavioursError": "behaviours.errors",
    "ChangeNorm": "behaviours.results.comparing",
    "CohortTable": "behaviours.results.cohort",
    "Comparison": "behaviours.results.model",
    "Evaluation": "behaviours.responses.evaluation",
    "EvaluationResponse": "behaviours.responses.evaluation",
    "EvaluationResult": "behaviours.results.organisation",
    "EvaluationSettings": "behaviours.results.organisation",
    "Framework": "behaviours.frameworks.model",
    "FrameworkError": "behaviours.errors",
    "FrameworkInfo": "behaviours.frameworks.catalogue",
    "FrameworkNotFoundError": "behaviours.errors",
    "FrameworkQuality": "behaviours.results.quality",
    "Indicator": "behaviours.frameworks.model",
    "InsufficientRatersError": "behaviours.errors",
    "Ledger": "behaviours.results.rounds",
    "Norm": "behaviours.results.cohort",
    "OutputError": "behaviours.errors",
    "PackSummary": "behaviours.packs.running",
    "PartnershipResult": "behaviours.results.partnership",
    "Plan": "behaviours.responses.evaluation",
    "ProgrammeEvaluation": "behaviours.results.cohort",
    "Problem": "behaviours.errors",
    "Questionnaire": "behaviours.questionnaires.model",
    "ReportError": "behaviours.errors",
    "Response": "behaviours.responses.model",
    "ResponsesError": "behaviours.errors",
    "ResponsesFile": "behaviours.responses.reading",
    "Result": "behaviours.results.model",
    "RoundError": "behaviours.errors",
    "Scale": "behaviours.frameworks.model",
    "ScoringError": "behaviours.errors",
    "ScoringSettings": "behaviours.scoring.settings",
    "Subject": "behaviours.responses.model",
    "Text": "behaviours.frameworks.model",
    "analyse": "behaviours._facade",
    "apply_norm": "behaviours.results.cohorting",
    "build_evaluation_questionnaire": "behaviours.questionnaires.evaluation",
    "build_norm": "behaviours.results.cohorting",
    "build_questionnaire": "behaviours.questionnaires.model",
    "cohort_table": "behaviours.results.cohorting",
    "cohort_table_of_frame": "behaviours.results.cohorting",
    "compare": "behaviours.results.comparing",
    "compare_assessments": "behaviours.results.comparing",
    "dump_framework": "behaviours.frameworks.loading",
    "evaluate_programme": "behaviours.results.cohorting",
    "list_frameworks": "behaviours.frameworks.catalogue",
    "load_framework": "behaviours.frameworks.catalogue",
    "parse_framework": "behaviours.frameworks.loading",
    "partnership_view": "behaviours.results.partnership",
    "read_assessments_json": "behaviours.responses.model",
    "read_evaluations": "behaviours.responses.evaluation_reading",
    "read_norm": "behaviours.results.cohorting",
    "read_responses": "behaviours.responses.reading",
    "read_results_json": "behaviours.results.exporting",
    "read_units": "behaviours.results.cohorting",
    "render_cohort_report": "behaviours._facade",
    "render_many": "behaviours._facade",
    "render_quality_report": "behaviours._facade",
    "render_report": "behaviours._facade",
    "render_review": "behaviours.packs.partnership",
    "report_charts": "behaviours._facade",
    "report_fragment": "behaviours._facade",
    "results_csv": "behaviours.results.exporting",
    "results_json": "behaviours.results.exporting",
    "score": "behaviours._facade",
    "score_all": "behaviours._facade",
    "score_batch": "behaviours.scoring.batch",
    "score_evaluation": "behaviours.results.organisation",
    "score_long": "behaviours.scoring.long",
    "write_report": "behaviours._facade",
}

__all__ = [
    "NOT_ABLE_TO_SAY",
    "Assessment",
    "BatchScores",
    "Behaviour",
    "BehavioursError",
    "ChangeNorm",
    "CohortTable",
    "Comparison",
    "Evaluation",
    "EvaluationResponse",
    "EvaluationResult",
    "EvaluationSettings",
    "Framework",
    "FrameworkError",
    "FrameworkInfo",
    "FrameworkNotFoundError",
    "FrameworkQuality",
    "Indicator",
    "InsufficientRatersError",
    "Ledger",
    "Norm",
    "OutputError",
    "PackSummary",
    "PartnershipResult",
    "Plan",
    "Problem",
    "ProgrammeEvaluation",
    "Questionnaire",
    "ReportError",
    "Response",
    "ResponsesError",
    "ResponsesFile",
    "Result",
    "RoundError",
    "Scale",
    "ScoringError",
    "ScoringSettings",
    "Subject",
    "Text",
    "__version__",
    "analyse",
    "apply_norm",
    "build_evaluation_questionnaire",
    "build_norm",
    "build_questionnaire",
    "cohort_table",
    "cohort_table_of_frame",
    "compare",
    "compare_assessments",
    "dump_framework",
    "evaluate_programme",
    "list_frameworks",
    "load_framework",
    "parse_framework",
    "partnership_view",
    "read_assessments_json",
    "read_evaluations",
    "read_norm",
    "read_responses",
    "read_results_json",
    "read_units",
    "render_cohort_report",
    "render_many",
    "render_quality_report",
    "render_report",
    "render_review",
    "report_charts",
    "report_fragment",
    "results_csv",
    "results_json",
    "score",
    "score_all",
    "score_batch",
    "score_evaluation",
    "score_long",
    "write_report",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its stage on first use, then keep it here."""
    home = HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'behaviours' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:  # what type checkers and editors see: the same names, imported eagerly
    from behaviours._facade import (
        analyse,
        render_cohort_report,
        render_many,
        render_quality_report,
        render_report,
        score,
        score_all,
        write_report,
    )
    from behaviours.errors import (
        BehavioursError,
        FrameworkError,
        FrameworkNotFoundError,
        InsufficientRatersError,
        OutputError,
        Problem,
        ReportError,
        ResponsesError,
        RoundError,
        ScoringError,
    )
    from behaviours.frameworks.catalogue import FrameworkInfo, list_frameworks, load_framework
    from behaviours.frameworks.loading import dump_framework, parse_framework
    from behaviours.frameworks.model import Behaviour, Framework, Indicator, Scale, Text
    from behaviours.packs.partnership import render_review
    from behaviours.packs.running import PackSummary
    from behaviours.questionnaires.evaluation import build_evaluation_questionnaire
    from behaviours.questionnaires.model import Questionnaire, build_questionnaire
    from behaviours.responses.evaluation import Evaluation, EvaluationResponse, Plan
    from behaviours.responses.evaluation_reading import read_evaluations
    from behaviours.responses.model import (
        NOT_ABLE_TO_SAY,
        Assessment,
        Response,
        Subject,
        read_assessments_json,
    )
    from behaviours.responses.reading import ResponsesFile, read_responses
    from behaviours.results.cohort import CohortTable, Norm, ProgrammeEvaluation
    from behaviours.results.cohorting import (
        apply_norm,
        build_norm,
        cohort_table,
        cohort_table_of_frame,
        evaluate_programme,
        read_norm,
        read_units,
    )
    from behaviours.results.comparing import ChangeNorm, compare, compare_assessments
    from behaviours.results.exporting import read_results_json, results_csv, results_json
    from behaviours.results.model import Comparison, Result
    from behaviours.results.organisation import (
        EvaluationResult,
        EvaluationSettings,
        score_evaluation,
    )
    from behaviours.results.partnership import PartnershipResult, partnership_view
    from behaviours.results.quality import FrameworkQuality
    from behaviours.results.rounds import Ledger
    from behaviours.scoring.batch import BatchScores, score_batch
    from behaviours.scoring.long import score_long
    from behaviours.scoring.settings import ScoringSettings
