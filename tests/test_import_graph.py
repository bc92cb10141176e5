"""The pipeline is in the folders: each stage imports only the stages before it, and no cycle.

The graph is read from the source with ``ast`` (every ``import``, also those
inside functions, which is where a cycle likes to hide), so it cannot be
fooled by import order at run time. ``docs/architecture.md`` shows the same
table as a picture and in words; a test keeps the two in step.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "behaviours"
DOC = ROOT / "docs" / "architecture.md"

# Each stage and the stages it may import, in pipeline order. ``behaviours`` is the facade.
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "_files": {"errors"},
    "_keys": {"errors", "_files"},
    "base": set(),
    "frameworks": {"errors", "base"},
    "questionnaires": {"errors", "base", "frameworks"},
    "responses": {"errors", "base", "frameworks", "questionnaires"},
    "examples": {"errors", "frameworks", "responses"},
    "scoring": {"errors", "base", "frameworks", "responses"},
    "results": {"errors", "base", "frameworks", "responses", "scoring"},
    "reports": {"errors", "frameworks", "questionnaires", "responses", "results"},
    "pdf": {"errors", "questionnaires", "reports"},
    "html": {"errors", "reports"},
    "packs": {
        "errors",
        "frameworks",
        "responses",
        "scoring",
        "results",
        "reports",
        "pdf",
        "html",
    },
    "cli": {
        "errors",
        "frameworks",
        "questionnaires",
        "responses",
        "examples",
        "scoring",
        "results",
        "reports",
        "pdf",
        "html",
        "packs",
        "behaviours",
    },
    "behaviours": {
        "errors",
        "frameworks",
        "questionnaires",
        "responses",
        "examples",
        "scoring",
        "results",
        "reports",
        "pdf",
        "html",
        "packs",
    },
}
# Stage-0 modules every stage may use: the error root, the one base model, writing files safely,
# and the secrets of keyed digests.
SHARED = {"errors", "base", "_files", "_keys"}
# Modules that only the facade, the command line and their own stage may import: finding a
# framework by id is a convenience, and every stage after it takes ``Framework`` objects.
FACADE_ONLY = {"behaviours.frameworks.catalogue", "behaviours.frameworks.loading"}
# Third-party libraries and the one stage (or module) allowed to import each.
THIRD_PARTY = {
    "yaml": ("behaviours.frameworks.loading",),
    "reportlab": ("behaviours.pdf",),
    "weasyprint": ("behaviours.html.tagged",),
    "openpyxl": ("behaviours.responses",),
    "scipy": ("behaviours.scoring",),
    "numpy": (
        "behaviours.scoring",
        "behaviours.results.building",
        "behaviours.responses.json_text",
    ),
}


def _module_of(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[tuple[str, int]]:
    module = _module_of(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            folder = SRC.parent / Path(*target.split("."))
            modules = [a.name for a in node.names if (folder / f"{a.name}.py").exists()]
            # ``from behaviours.scoring import core`` imports the module, not the package's API
            if len(modules) < len(node.names):
                yield target, node.lineno
            for name in modules:
                yield f"{target}.{name}", node.lineno


def _stage(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "_facade":
        return "behaviours"
    return "cli" if parts[1] == "__main__" else parts[1]


@functools.cache
def graph() -> dict[str, set[tuple[str, int]]]:
    edges: dict[str, set[tuple[str, int]]] = {}
    for path in sorted(SRC.rglob("*.py")):
        edges[_module_of(path)] = set(_imports(path))
    return edges


def test_every_package_is_a_known_stage() -> None:
    stages = {_stage(m) for m in graph()}
    assert stages <= ALLOWED.keys(), sorted(stages - ALLOWED.keys())


def test_no_stage_imports_a_later_stage() -> None:
    backward = []
    for module, targets in graph().items():
        here = _stage(module)
        for target, line in targets:
            if not target.startswith("behaviours"):
                continue
            there = _stage(target)
            if there != here and there not in ALLOWED[here] and there not in SHARED:
                backward.append(f"{module}:{line} imports {target}")
    assert not backward, "\n".join(sorted(backward))


def test_finding_frameworks_by_id_stays_in_the_facade() -> None:
    found = []
    for module, targets in graph().items():
        if _stage(module) in ("frameworks", "behaviours", "cli"):
            continue
        found += [f"{module}:{line} imports {t}" for t, line in targets if t in FACADE_ONLY]
    assert not found, "\n".join(sorted(found))


@pytest.mark.parametrize("library", sorted(THIRD_PARTY))
def test_each_third_party_library_is_imported_by_its_one_stage(library: str) -> None:
    found = []
    for module, targets in graph().items():
        for target, line in targets:
            if target.split(".")[0] == library and not module.startswith(THIRD_PARTY[library]):
                found.append(f"{module}:{line} imports {target}")
    assert not found, "\n".join(sorted(found))


def test_there_is_no_import_cycle() -> None:
    modules = set(graph())
    edges = {m: {t for t, _ in ts if t in modules} for m, ts in graph().items()}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = [*path[path.index(module) :], module]
            pytest.fail("import cycle: " + " -> ".join(cycle))
        if module in done:
            return
        for target in sorted(edges[module]):
            # a package's __init__ importing its own modules is how packages work, not a cycle
            if not target.startswith(module + "."):
                visit(target, [*path, module])
        done.add(module)

    for module in sorted(edges):
        visit(module, [])


def test_the_architecture_doc_lists_every_stage_and_its_allowed_imports() -> None:
    text = DOC.read_text("utf-8")
    for stage, allowed in ALLOWED.items():
        row = next((ln for ln in text.splitlines() if ln.startswith(f"| `{stage}`")), None)
        assert row is not None, f"docs/architecture.md has no row for {stage}"
        cell = row.split("|")[3]
        listed = {w.strip(" `") for w in cell.split(",") if w.strip(" `-")}
        assert listed == allowed, f"{stage}: doc says {sorted(listed)}, test says {sorted(allowed)}"
