"""``behaviours frameworks list|show|validate`` and ``behaviours schema framework``.

Exit codes: 0 ok, 1 invalid input (message on stderr), 2 usage error.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from behaviours import Framework, list_frameworks, load_framework, parse_framework
from behaviours.cli import main
from behaviours.cli.frameworks import framework_schema
from behaviours.frameworks.catalogue import ENV_VAR

FIXTURES = Path(__file__).parents[1] / "fixtures" / "frameworks"
MINIMAL = FIXTURES / "valid" / "minimal.yaml"


@pytest.fixture(autouse=True)
def _no_configured_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_prints_every_framework_with_its_counts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "frameworks", "list")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split()[:5] == ["ID", "VERSION", "KIND", "BEHAVIOURS", "INDICATORS"]
    rows = {line.split()[0]: line.split()[3:5] for line in lines[1:]}
    assert rows == {i.id: [str(i.behaviours), str(i.indicators)] for i in list_frameworks()}
    assert len(rows) == 7


def test_list_as_json_gives_ids_counts_and_origin(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "frameworks", "list", "--format", "json")
    rows = json.loads(out)
    assert code == 0
    assert [r["id"] for r in rows] == [i.id for i in list_frameworks()]
    assert set(rows[0]) == {"id", "version", "title", "kind", "behaviours", "indicators", "origin"}


def test_show_prints_title_scale_and_each_behaviour(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "frameworks", "show", "compassionate-leadership")
    fw = load_framework("compassionate-leadership")
    assert code == 0
    assert out.startswith(f"{fw.title} ({fw.id} {fw.version}, {fw.kind})")
    assert "Scale 'frequency': 1 Rarely" in out
    assert all(f"\n{b.id}: {b.title.text}" in out for b in fw.behaviours)


def test_show_as_yaml_loads_back_equal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "frameworks", "show", "working-alongside", "--format", "yaml")
    assert code == 0
    assert parse_framework(out) == load_framework("working-alongside")


def test_show_as_json_validates_back_equal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "frameworks", "show", "kirklees-compact", "--format", "json")
    assert code == 0
    assert Framework.model_validate_json(out) == load_framework("kirklees-compact")


def test_show_reads_a_file_path(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "frameworks", "show", str(MINIMAL))
    assert (code, out.splitlines()[0]) == (0, "Minimal framework (minimal 1.0, behaviours)")


def test_show_unknown_id_exits_1_naming_known_ids(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "frameworks", "show", "nope")
    assert (code, out) == (1, "")
    assert "no framework with id 'nope'; known ids: compassionate-leadership" in err


def test_validate_reports_each_file_and_exits_1_when_any_is_invalid(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = FIXTURES / "invalid" / "duplicate-keys.yaml"
    code, out, err = _run(capsys, "frameworks", "validate", str(MINIMAL), str(bad))
    assert code == 1
    assert out == f"{MINIMAL}: ok (minimal 1.0, 1 behaviour)\n"
    assert err.startswith(f"{bad}:5:1: title: duplicate key 'title'")


def test_validate_bundled_files_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in (Path(__file__).parents[2] / "frameworks").glob("*.yaml"))
    code, out, err = _run(capsys, "frameworks", "validate", *files)
    assert (code, err, len(out.splitlines())) == (0, "", 7)


def test_validate_missing_file_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(capsys, "frameworks", "validate", str(tmp_path / "absent.yaml"))
    assert code == 1
    assert "absent.yaml: cannot read" in err


def test_schema_framework_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "schema", "framework")
    assert (code, json.loads(out)) == (0, framework_schema())


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frameworks"],
        ["frameworks", "explode"],
        ["frameworks", "list", "--format", "xml"],
        ["frameworks", "validate"],
        ["schema"],
    ],
    ids=" ".join,
)
def test_usage_error_exits_2_with_usage_on_stderr(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, *argv)
    assert (code, out) == (2, "")
    assert "usage: behaviours" in err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "frameworks", "--help")
    assert code == 0
    assert "validate" in out


def test_module_entry_exits_with_the_codes_as_a_process() -> None:
    bad = FIXTURES / "invalid" / "empty.yaml"
    codes = [
        subprocess.run(
            [sys.executable, "-m", "behaviours", *argv],
            capture_output=True,
            timeout=60,
            check=False,
        ).returncode
        for argv in (["frameworks", "list"], ["frameworks", "validate", str(bad)], ["nope"])
    ]
    assert codes == [0, 1, 2]
