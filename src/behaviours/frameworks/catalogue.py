"""Find frameworks by id: bundled, in configured folders, or in installed packages.

Search order, first match wins (so a partner can override a bundled framework
deliberately, and ``behaviours frameworks list`` shows which file is used):

1. folders named in ``BEHAVIOURS_FRAMEWORKS_PATH`` (separated like ``PATH``);
2. packages that declare the entry point group ``behaviours.frameworks``; the
   entry point names a module or package whose folder holds ``<id>.yaml``
   files, or a callable returning such a folder;
3. the frameworks bundled with this library.

A framework file is named after its id (``<id>.yaml``), so finding one never
needs parsing all of them. Loaded frameworks are cached; models are frozen.
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass
from importlib import metadata, resources
from importlib.abc import Traversable
from pathlib import Path
from types import ModuleType

from behaviours.errors import FrameworkError, FrameworkNotFoundError, Problem
from behaviours.frameworks.loading import parse_framework, read_framework_file
from behaviours.frameworks.model import Framework, FrameworkKind

__all__ = ["ENTRY_POINT_GROUP", "ENV_VAR", "FrameworkInfo", "list_frameworks", "load_framework"]

ENV_VAR = "BEHAVIOURS_FRAMEWORKS_PATH"
ENTRY_POINT_GROUP = "behaviours.frameworks"
_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class FrameworkInfo:
    """A line of the catalogue: enough to choose a framework without reading it all."""

    id: str
    version: str
    title: str
    kind: FrameworkKind
    behaviours: int
    indicators: int
    origin: str


def bundled_folder() -> Traversable:
    """The ``frameworks/`` folder shipped in the wheel (or the repository's, in development)."""
    packaged = resources.files("behaviours.frameworks") / "bundled"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "frameworks"


def _folders() -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for entry in os.environ.get(ENV_VAR, "").split(os.pathsep):
        if entry.strip():
            found.append((f"{ENV_VAR}: {entry}", Path(entry).expanduser()))
    found.extend(_package_folders())
    found.append(("bundled", bundled_folder()))
    return found


def _stamp(folder: str) -> int:
    try:
        return os.stat(folder or ".").st_mtime_ns
    except OSError:
        return 0


_packages: tuple[tuple[tuple[str, int], ...], list[tuple[str, Traversable]]] | None = None


def _package_folders() -> list[tuple[str, Traversable]]:
    """Folders of installed packages' entry points, scanned again only when they may differ.

    Scanning every installed distribution costs about 2 ms, which every load
    by id would pay; the scan depends only on ``sys.path`` and on what is
    installed in its folders (an install changes the folder's mtime).
    """
    global _packages  # noqa: PLW0603 - a one-entry cache, reset by any change it watches
    key = tuple((folder, _stamp(folder)) for folder in sys.path)
    if _packages is not None and _packages[0] == key:
        return _packages[1]
    found: list[tuple[str, Traversable]] = []
    for point in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda p: p.name):
        try:
            target = point.load()
            folder: Traversable
            if isinstance(target, ModuleType):
                folder = resources.files(target)
            elif callable(target):
                result = target()
                folder = result if isinstance(result, Traversable) else Path(result)
            else:
                raise TypeError("expected a module or a callable returning a folder")
        except Exception as exc:
            raise FrameworkError(
                Problem(
                    f"entry point {point.name!r} ({point.value}) of group {ENTRY_POINT_GROUP!r} "
                    f"cannot be loaded: {exc}"
                )
            ) from exc
        found.append((f"package: {point.value}", folder))
    _packages = (key, found)
    return found


def _configured(origin: str, folder: Traversable) -> list[Traversable]:
    """The entries of a ``BEHAVIOURS_FRAMEWORKS_PATH`` folder; an error naming a bad entry.

    A missing folder is an error, not skipped: a misspelt entry would
    otherwise load the bundled framework of the same id without a word.
    """
    entry = origin.removeprefix(f"{ENV_VAR}: ")
    why = None
    if not isinstance(folder, Path) or not folder.exists():
        why = "no such folder"
    elif not folder.is_dir():
        why = "a file, not a folder"
    else:
        try:
            return list(folder.iterdir())
        except OSError as exc:
            why = f"cannot be read ({exc.strerror or exc})"
    raise FrameworkError(
        Problem(
            f"{ENV_VAR} entry {entry!r}: {why}",
            entry,
            expected=f"folders of <id>.yaml framework files, separated by {os.pathsep!r}",
        )
    )


def _entries(origin: str, folder: Traversable) -> list[Traversable]:
    if origin.startswith(f"{ENV_VAR}: "):
        return _configured(origin, folder)
    return list(folder.iterdir()) if folder.is_dir() else []


def _index() -> dict[str, tuple[str, Traversable]]:
    """Framework id -> (origin, file), first match in search order."""
    index: dict[str, tuple[str, Traversable]] = {}
    for origin, folder in _folders():
        for entry in sorted(_entries(origin, folder), key=lambda e: e.name):
            stem, dot, suffix = entry.name.rpartition(".")
            if dot and f".{suffix}" in _SUFFIXES and entry.is_file():
                index.setdefault(stem, (origin, entry))
    return index


@functools.lru_cache(maxsize=256)
def _load_cached(
    key: str, file: str, stamp: tuple[int, int], *, check_name: bool = False
) -> Framework:
    del key, stamp  # part of the cache key only: a changed file is read again
    return read_framework_file(file, check_name=check_name)


_resource_cache: dict[str, Framework] = {}


def _load_resource(key: str, framework_id: str, entry: Traversable) -> Framework:
    if key not in _resource_cache:
        _resource_cache[key] = parse_framework(
            entry.read_bytes(), str(entry), expected_id=framework_id
        )
    return _resource_cache[key]


def _load_entry(framework_id: str, entry: Traversable, origin: str = "") -> Framework:
    """Load a catalogue file, which must declare the id it is named after.

    A file in a configured folder that cannot be read says which entry of
    ``BEHAVIOURS_FRAMEWORKS_PATH`` it was found through.
    """
    try:
        if isinstance(entry, Path):
            stat = entry.stat()
            key = str(entry.resolve())
            return _load_cached(key, str(entry), (stat.st_mtime_ns, stat.st_size), check_name=True)
        return _load_resource(str(entry), framework_id, entry)
    except OSError as exc:
        problem = Problem(f"cannot be read ({exc.strerror or exc})", str(entry))
        raise FrameworkError(problem, title=_found_through(origin, framework_id)) from None
    except FrameworkError as exc:
        if not origin.startswith(f"{ENV_VAR}: ") or exc.title:
            raise
        raise type(exc)(exc.problems, title=_found_through(origin, framework_id)) from None


def _found_through(origin: str, framework_id: str) -> str | None:
    if not origin.startswith(f"{ENV_VAR}: "):
        return None
    entry = origin.removeprefix(f"{ENV_VAR}: ")
    return f"framework {framework_id!r}, found in {ENV_VAR} entry {entry!r}, is invalid:"


def load_framework(id_or_path: str | os.PathLike[str]) -> Framework:
    """Load a framework by id (see the search order above) or from a YAML file path.

    Raises ``FrameworkNotFoundError`` naming the ids that are known, or
    ``FrameworkError`` listing every problem with file, line and column.
    """
    text = os.fspath(id_or_path)
    path = Path(text)
    if isinstance(id_or_path, os.PathLike) or path.suffix in _SUFFIXES or os.sep in text:
        if not path.is_file():
            raise FrameworkNotFoundError(Problem("no such framework file", text))
        stat = path.stat()
        return _load_cached(str(path.resolve()), text, (stat.st_mtime_ns, stat.st_size))
    index = _index()
    if text not in index:
        known = ", ".join(sorted(index)) or "none"
        raise FrameworkNotFoundError(
            Problem(
                f"no framework with id {text!r}; known ids: {known}. Give a path to load a file."
            )
        )
    origin, entry = index[text]
    return _load_entry(text, entry, origin)


def list_frameworks() -> list[FrameworkInfo]:
    """Every framework that ``load_framework`` can find by id, sorted by id."""
    infos = []
    for framework_id, (origin, entry) in sorted(_index().items()):
        fw = _load_entry(framework_id, entry, origin)
        infos.append(
            FrameworkInfo(
                id=fw.id,
                version=fw.version,
                title=fw.title,
                kind=fw.kind,
                behaviours=len(fw.behaviours),
                indicators=sum(len(b.items) for b in fw.behaviours),
                origin=f"{origin} ({entry})" if origin != "bundled" else str(entry),
            )
        )
    return infos
