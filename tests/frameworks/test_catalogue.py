"""Finding frameworks by id: bundled, in BEHAVIOURS_FRAMEWORKS_PATH folders, in installed packages.

The entry point tests install a real (tiny) distribution: a ``.dist-info``
folder with ``entry_points.txt`` on ``sys.path``, which is what ``pip
install`` of a partner's package leaves behind.
"""

import importlib
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from behaviours import (
    Framework,
    FrameworkError,
    FrameworkNotFoundError,
    Text,
    list_frameworks,
    load_framework,
)
from behaviours.frameworks.catalogue import ENTRY_POINT_GROUP, ENV_VAR, bundled_folder

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = {
    "compassionate-leadership",
    "ics-leadership-behaviours",
    "khws-values",
    "khws-ways-of-working",
    "kirklees-compact",
    "place-based-working",
    "working-alongside",
}
MINIMAL = ROOT / "tests" / "fixtures" / "frameworks" / "valid" / "minimal.yaml"


@pytest.fixture(autouse=True)
def _no_configured_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)


def _framework_file(folder: Path, framework_id: str, title: str = "Minimal framework") -> Path:
    """A copy of the minimal fixture named and identified as ``framework_id``."""
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("id: minimal", f"id: {framework_id}", 1)
    text = text.replace("title: Minimal framework", f"title: {title}", 1)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{framework_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _texts(node: object) -> Iterator[Text]:
    """Every ``Text`` inside a model, however deeply nested."""
    if isinstance(node, Text):
        yield node
    elif isinstance(node, (list, tuple)):
        for child in node:
            yield from _texts(child)
    elif isinstance(node, dict):
        for child in node.values():
            yield from _texts(child)
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _texts(getattr(node, name))


def test_bundled_frameworks_are_the_seven_from_the_issue() -> None:
    assert {info.id for info in list_frameworks()} == BUNDLED


def test_every_bundled_yaml_file_is_listed() -> None:
    files = {p.stem for p in (ROOT / "frameworks").glob("*.yaml")}
    assert files == {info.id for info in list_frameworks()}


def test_list_frameworks_is_sorted_by_id_with_counts() -> None:
    infos = list_frameworks()
    assert [i.id for i in infos] == sorted(i.id for i in infos)
    for info in infos:
        fw = load_framework(info.id)
        assert (info.behaviours, info.indicators) == (
            len(fw.behaviours),
            len(fw.items("full")),
        )


@pytest.mark.parametrize("framework_id", sorted(BUNDLED))
def test_bundled_framework_loads_by_id(framework_id: str) -> None:
    fw = load_framework(framework_id)
    assert fw.id == framework_id


@pytest.mark.parametrize("framework_id", sorted(BUNDLED))
def test_every_behaviour_has_quick_prompt_and_enough_indicators_and_development(
    framework_id: str,
) -> None:
    fw = load_framework(framework_id)
    first_person = "We " if fw.subject == "organisation" else "I "
    for b in fw.behaviours:
        assert b.quick_prompt.text.startswith(first_person), b.id
        assert len(b.indicators.does) >= 3, b.id
        assert len(b.indicators.does_not) >= 2, b.id
        assert len(b.development) >= 3, b.id


@pytest.mark.parametrize("framework_id", sorted(BUNDLED))
def test_bundled_framework_says_what_it_took_from_its_source(framework_id: str) -> None:
    fw = load_framework(framework_id)
    texts = list(_texts(fw))
    assert len(texts) > 10 * len(fw.behaviours)
    assert {t.provenance for t in texts} <= {"source", "authored"}
    assert fw.source.note, "source.note must say what was taken and what was authored"


def test_walker_finds_texts_nested_in_lists() -> None:
    fw = load_framework("compassionate-leadership")
    first = fw.behaviours[0]
    found = list(_texts(first))
    assert first.indicators.does[0].text in found
    assert first.development.actions[0] in found


def test_loaded_framework_is_cached() -> None:
    assert load_framework("khws-values") is load_framework("khws-values")


def test_loaded_framework_from_path_is_cached() -> None:
    assert load_framework(MINIMAL) is load_framework(str(MINIMAL))


def test_loaded_framework_is_immutable() -> None:
    fw = load_framework("khws-values")
    with pytest.raises(ValueError, match="frozen"):
        fw.title = "Changed"  # type: ignore[misc]
    with pytest.raises(ValueError, match="frozen"):
        fw.behaviours[0].id = "changed"  # type: ignore[misc]


def test_load_framework_reads_a_path() -> None:
    assert load_framework(MINIMAL).id == "minimal"


def test_load_framework_by_path_reads_a_changed_file_again(tmp_path: Path) -> None:
    path = _framework_file(tmp_path, "changing", title="First")
    first = load_framework(path)
    path.write_text(path.read_text().replace("title: First", "title: Second and longer"))
    assert (first.title, load_framework(path).title) == ("First", "Second and longer")


def test_unknown_id_names_the_known_ids() -> None:
    with pytest.raises(FrameworkNotFoundError, match="known ids: compassionate-leadership"):
        load_framework("no-such-framework")


def test_missing_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(FrameworkNotFoundError, match="no such framework file"):
        load_framework(tmp_path / "absent.yaml")


def test_bundled_folder_is_the_repository_frameworks_folder_in_development() -> None:
    assert Path(str(bundled_folder())).resolve() == (ROOT / "frameworks").resolve()


def test_configured_folder_frameworks_are_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _framework_file(tmp_path / "a", "partner-a")
    _framework_file(tmp_path / "b", "partner-b")
    monkeypatch.setenv(ENV_VAR, f"{tmp_path / 'a'}{os.pathsep}{tmp_path / 'b'}")
    ids = {info.id for info in list_frameworks()}
    assert {"partner-a", "partner-b"} | BUNDLED == ids
    assert load_framework("partner-b").id == "partner-b"


def test_configured_folder_overrides_a_bundled_framework(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (ROOT / "frameworks" / "khws-values.yaml").read_text(encoding="utf-8")
    (tmp_path / "khws-values.yaml").write_text(
        text.replace("title: Kirklees Health", "title: Local copy of Kirklees Health", 1),
        encoding="utf-8",
    )
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    assert load_framework("khws-values").title.startswith("Local copy of")
    [info] = [i for i in list_frameworks() if i.id == "khws-values"]
    assert info.origin.startswith(f"{ENV_VAR}: {tmp_path}")


def test_earlier_configured_folder_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _framework_file(tmp_path / "first", "shared", title="From the first folder")
    _framework_file(tmp_path / "second", "shared", title="From the second folder")
    monkeypatch.setenv(ENV_VAR, f"{tmp_path / 'first'}{os.pathsep}{tmp_path / 'second'}")
    assert load_framework("shared").title == "From the first folder"


def test_missing_configured_folder_is_an_error_naming_the_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "absent"))
    with pytest.raises(FrameworkError) as caught:
        list_frameworks()
    assert caught.value.problems[0].file == str(tmp_path / "absent")
    assert "no such folder" in caught.value.problems[0].message


def test_invalid_file_in_configured_folder_names_the_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    with pytest.raises(FrameworkError) as caught:
        load_framework("broken")
    assert f"{ENV_VAR} entry {str(tmp_path)!r}" in str(caught.value.title)
    assert caught.value.problems[0].file == str(tmp_path / "broken.yaml")


def test_misnamed_file_in_configured_folder_is_refused_at_its_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _framework_file(tmp_path, "declared")
    path.rename(tmp_path / "renamed.yaml")
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    with pytest.raises(FrameworkError) as caught:
        load_framework("renamed")
    [problem] = caught.value.problems
    assert (problem.line, problem.column, problem.path) == (3, 5, "id")
    assert "named 'renamed' but declares id 'declared'" in problem.message


def _install_distribution(
    site: Path, entry_point: str, package: str = "partner_frameworks"
) -> Path:
    """Lay out an installed distribution whose entry point is ``entry_point``."""
    folder = site / package
    folder.mkdir(parents=True)
    (folder / "__init__.py").write_text(
        "from pathlib import Path\n\n\ndef folder():\n    return Path(__file__).parent / 'extra'\n"
    )
    info = site / f"{package}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {package}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\npartner = {entry_point}\n")
    return folder


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on sys.path, as site-packages is; its modules are forgotten afterwards."""
    folder = tmp_path / "site-packages"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    yield folder
    for name in [m for m in sys.modules if m.startswith("partner_frameworks")]:
        del sys.modules[name]
    importlib.invalidate_caches()


def test_entry_point_naming_a_package_provides_its_frameworks(site: Path) -> None:
    package = _install_distribution(site, "partner_frameworks")
    _framework_file(package, "partner-values", title="Partner values")
    assert load_framework("partner-values").title == "Partner values"
    [info] = [i for i in list_frameworks() if i.id == "partner-values"]
    assert info.origin.startswith("package: partner_frameworks")


def test_entry_point_naming_a_callable_provides_its_folder(site: Path) -> None:
    package = _install_distribution(site, "partner_frameworks:folder")
    _framework_file(package / "extra", "partner-extra")
    assert load_framework("partner-extra").id == "partner-extra"


def test_configured_folder_wins_over_an_entry_point(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = _install_distribution(site, "partner_frameworks")
    _framework_file(package, "partner-values", title="From the package")
    _framework_file(tmp_path / "local", "partner-values", title="From the folder")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "local"))
    assert load_framework("partner-values").title == "From the folder"


def test_entry_point_overrides_a_bundled_framework(site: Path) -> None:
    package = _install_distribution(site, "partner_frameworks")
    shutil.copy(ROOT / "frameworks" / "khws-values.yaml", package / "khws-values.yaml")
    [info] = [i for i in list_frameworks() if i.id == "khws-values"]
    assert info.origin.startswith("package: partner_frameworks")


def test_broken_entry_point_is_a_framework_error_naming_it(site: Path) -> None:
    _install_distribution(site, "partner_frameworks:no_such_function")
    with pytest.raises(FrameworkError, match="entry point 'partner'"):
        list_frameworks()


def test_framework_model_is_what_load_returns() -> None:
    assert isinstance(load_framework("kirklees-compact"), Framework)


def test_package_installed_after_a_load_is_found_without_restarting(site: Path) -> None:
    assert "partner-late" not in {i.id for i in list_frameworks()}  # scan cached now
    package = _install_distribution(site, "partner_frameworks")  # site's mtime moves
    _framework_file(package, "partner-late", title="Installed later")
    importlib.invalidate_caches()
    assert load_framework("partner-late").title == "Installed later"
