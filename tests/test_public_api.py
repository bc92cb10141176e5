"""The public API is exactly the committed list: adding or removing a name is a visible decision.

When you export something new from ``behaviours``, add it to ``PUBLIC`` here
and say so in CHANGELOG.md; removing a name is a breaking change.
"""

import importlib.metadata
import inspect
import pkgutil

import pytest

import behaviours

PUBLIC = [
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


def test_all_is_sorted() -> None:
    assert behaviours.__all__ == sorted(behaviours.__all__)


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
