"""The built wheel, installed (not editable) in a fresh virtual environment, finds every framework.

This is what a user gets from ``pip install behaviours``: the bundled
``frameworks/`` folder must be inside the wheel, and loading must not depend on
the repository being beside it. The wheel is built with ``python -m build``
(isolated, as CI does) and its dependencies come from the package index.
"""

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = sorted(p.stem for p in (ROOT / "frameworks").glob("*.yaml"))


def _run(cmd: list[str], *, timeout: float, cwd: Path | None = None) -> str:
    """Run a command; on failure, fail the test with its output, not a bare exit code."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.pop("BEHAVIOURS_FRAMEWORKS_PATH", None)
    try:
        done = subprocess.run(
            cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"timed out after {timeout:.0f}s: {' '.join(cmd)}\n{exc.stdout}\n{exc.stderr}")
    if done.returncode != 0:
        pytest.fail(
            f"exit {done.returncode}: {' '.join(cmd)}\n"
            f"--- stdout ---\n{done.stdout[-3000:]}\n--- stderr ---\n{done.stderr[-3000:]}"
        )
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    if importlib.util.find_spec("build") is None:  # the dev extra has it; pip can do it too
        cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(ROOT)]
    else:
        cmd = [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)]
    _run(cmd, timeout=600)
    [built] = out.glob("behaviours-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; returns its bin folder."""
    where = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", str(where)], timeout=300)
    bin_dir = where / ("Scripts" if os.name == "nt" else "bin")
    _run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)], timeout=900)
    return bin_dir


def test_wheel_ships_frameworks_schema_and_type_marker(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"behaviours/frameworks/bundled/{i}.yaml" for i in BUNDLED} <= names
    assert {"behaviours/frameworks/bundled/schema.json", "behaviours/py.typed"} <= names


def test_installed_wheel_loads_every_bundled_framework_from_site_packages(
    venv: Path, tmp_path: Path
) -> None:
    out = _run(
        [str(venv / "behaviours"), "frameworks", "list", "--format", "json"],
        cwd=tmp_path,
        timeout=120,
    )
    rows = json.loads(out)
    assert [r["id"] for r in rows] == BUNDLED
    prefix = str(venv.parent.resolve())
    outside = [r["origin"] for r in rows if not str(Path(r["origin"]).resolve()).startswith(prefix)]
    assert outside == [], "frameworks must come from the installed wheel, not the repository"


def test_installed_wheel_loads_frameworks_from_python(venv: Path, tmp_path: Path) -> None:
    code = (
        "import behaviours\n"
        "for info in behaviours.list_frameworks():\n"
        "    fw = behaviours.load_framework(info.id)\n"
        "    print(fw.id, len(fw.behaviours))\n"
    )
    out = _run([str(venv / "python"), "-c", code], cwd=tmp_path, timeout=120)
    assert [line.split()[0] for line in out.splitlines()] == BUNDLED
