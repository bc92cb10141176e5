"""The public API is exactly the committed list: adding or removing a name is a visible decision.

When you export something new from ``behaviours``, add it to ``PUBLIC`` here
and say so in CHANGELOG.md; removing a name is a breaking change.
"""

import importlib
import importlib.metadata
import inspect
import pkgutil
import sys
from pathlib import Path

import pytest

import behaviours
from behaviours import errors

PUBLIC = [
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


def _isort_key(name: str) -> tuple[int, str]:
    """Ruff's RUF022 order: CONSTANTS, then Classes, then everything else, each alphabetical."""
    if name.isupper():
        return (0, name)
    return (1, name) if name[:1].isupper() else (2, name)


def test_all_is_sorted() -> None:
    assert behaviours.__all__ == sorted(behaviours.__all__, key=_isort_key)


def test_all_matches_the_committed_list() -> None:
    assert behaviours.__all__ == PUBLIC


@pytest.mark.parametrize("name", PUBLIC)
def test_public_name_resolves(name: str) -> None:
    assert getattr(behaviours, name) is not None


@pytest.mark.parametrize("name", [n for n in PUBLIC if not n.startswith("_")])
def test_public_name_has_a_docstring(name: str) -> None:
    assert inspect.getdoc(getattr(behaviours, name))


def test_version_matches_the_installed_distribution() -> None:
    assert behaviours.__version__ == importlib.metadata.version("behaviours")


def _modules() -> list[str]:
    found = pkgutil.walk_packages(behaviours.__path__, "behaviours.")
    return sorted(m.name for m in found if not m.name.endswith("__main__"))


@pytest.mark.parametrize("module", _modules())
def test_every_name_in_a_module_all_resolves(module: str) -> None:
    imported = importlib.import_module(module)
    names = getattr(imported, "__all__", [])
    assert [n for n in names if not hasattr(imported, n)] == []


def _tree(text: str) -> list[str]:
    """The lines of the exception tree drawn in ``text``, from ``BehavioursError`` on."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "BehavioursError")
    indent = len(lines[start]) - len(lines[start].lstrip())
    tree = []
    for line in lines[start:]:
        if not line.strip() or line.strip().startswith("```"):
            break
        tree.append(line[indent:].rstrip())
    return tree


def test_errors_doc_draws_the_tree_from_the_errors_module() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "errors.md").read_text("utf-8")
    assert _tree(doc) == _tree(errors.__doc__ or "")


def test_exception_tree_drawing_matches_the_classes() -> None:
    parents: dict[int, str] = {}
    drawn = {}
    for line in _tree(errors.__doc__ or ""):
        name = line.lstrip("│├└─ ").split()[0]
        depth = (len(line) - len(line.lstrip("│├└─ "))) // 4
        parents[depth] = name
        drawn[name] = parents.get(depth - 1, "Exception")
    classes = [
        n
        for n in errors.__all__
        if isinstance(getattr(errors, n), type) and issubclass(getattr(errors, n), Exception)
    ]
    assert sorted(drawn) == sorted(classes)
    actual = {n: getattr(errors, n).__mro__[1].__name__ for n in classes}
    actual = {n: "BehavioursError" if p == "_ProblemsError" else p for n, p in actual.items()}
    assert drawn == actual


API_DOC = Path(__file__).resolve().parents[1] / "docs" / "api.md"
# The sections of docs/api.md, in pipeline order: the stage of a name's home module -> title.
SECTIONS = {
    "errors": "Errors",
    "frameworks": "Frameworks",
    "questionnaires": "Questionnaires",
    "responses": "Responses",
    "scoring": "Scores",
    "results": "Results, exports and rounds",
    "_facade": "Reports",
    "packs": "Feedback packs",
}


def test_every_public_name_has_a_home_that_defines_it() -> None:
    homes = behaviours.HOMES
    assert sorted(homes) == sorted(n for n in PUBLIC if n != "__version__")
    for name, home in homes.items():
        assert getattr(importlib.import_module(home), name) is getattr(behaviours, name)


def render_api_doc() -> str:
    """docs/api.md, written from ``behaviours.HOMES``: every public name, nothing else."""
    lines = [
        "# Python API",
        "",
        "Everything below is importable from `behaviours` itself (`behaviours.score`,",
        "`behaviours.Result`, ...). This page is generated from `behaviours.__all__`",
        "(`python tests/test_public_api.py --write`) and a test keeps it current;",
        "names not listed here are private and may change.",
    ]
    by_stage: dict[str, list[str]] = {}
    for name in PUBLIC:
        if name in behaviours.HOMES:
            by_stage.setdefault(behaviours.HOMES[name].split(".")[1], []).append(name)
    assert set(by_stage) <= set(SECTIONS), sorted(set(by_stage) - set(SECTIONS))
    for stage, title in SECTIONS.items():
        lines += ["", f"## {title}"]
        for name in by_stage.get(stage, []):
            home = behaviours.HOMES[name]
            lines += ["", f"::: {home}.{name}", "    options:", "      heading_level: 3"]
    return "\n".join(lines) + "\n"


def test_api_doc_is_generated_from_all() -> None:
    assert API_DOC.read_text("utf-8") == render_api_doc(), "python tests/test_public_api.py --write"


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    API_DOC.write_text(render_api_doc(), encoding="utf-8")


@pytest.mark.parametrize(
    ("parts", "within", "expected"),
    [
        (("behaviours", 2, "indicators", "does", 0), "", "behaviours[2].indicators.does[0]"),
        (("responses", 0, "ratings", "b0"), "[3]", "[3].responses[0].ratings.b0"),
        ((0, "kind"), "", "[0].kind"),
        ((), "subject 'x'", "subject 'x'"),
    ],
)
def test_every_path_is_spelled_one_way(
    parts: tuple[str | int, ...], within: str, expected: str
) -> None:
    assert errors.location(parts, within) == expected
