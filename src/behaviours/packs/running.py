"""Feedback packs: one PDF per subject, rendered in parallel, safe to interrupt and re-run.

``render_many`` streams its input: it submits at most ``window`` reports to the
executor at a time and writes each finished one to disk before taking the
next, so a batch of a hundred thousand runs in the memory of a few reports.
Work goes through any ``concurrent.futures.Executor``: a process pool by
default, a thread pool, or a cluster's executor such as Dask's
``distributed.Client.get_executor()`` (see docs/batch.md). Workers only
compute; the calling process writes every file, so a cluster needs no shared
folder.

Items are results, rendered as they are, or assessments, scored in the worker
first, so that a 360 with too few raters fails for that subject alone (its
``InsufficientRatersError`` goes into the manifest) instead of stopping the batch.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sized
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from behaviours._files import atomic_write, clean_temporary_files, output_folder
from behaviours._keys import keyed_digest, secret_for
from behaviours.errors import (
    OutputError,
    ReportError,
    ResponsesError,
    without_addresses,
)
from behaviours.frameworks.model import Framework
from behaviours.packs.formats import SUFFIXES, check_formats, report_document, report_files
from behaviours.packs.manifest import (
    Journal,
    ManifestRow,
    Status,
    is_current,
    previous_rows,
    safe_filename,
)
from behaviours.pdf.rendering import render_document
from behaviours.responses.model import Assessment
from behaviours.results.assessing import score_assessment
from behaviours.results.model import Result
from behaviours.results.rounds import Ledger
from behaviours.scoring.settings import ScoringSettings

__all__ = [
    "FrameworkFinder",
    "PackSummary",
    "ProgressCallback",
    "RenderFunction",
    "render_many",
    "render_pdf",
]

FrameworkFinder = Callable[[str], Framework]
"""``find(framework_id) -> Framework``: how a pack finds the framework an item names."""
RenderFunction = Callable[..., bytes]
"""``render(result, *, previous=None, framework=None) -> bytes``, like ``render_report``."""
ProgressCallback = Callable[[int, "int | None", str, Status], None]
"""``progress(done, total, subject, status)``; ``total`` is None for a generator."""


@dataclasses.dataclass(frozen=True)
class PackSummary:
    """What a ``render_many`` run did, and where its manifests are."""

    written: int
    current: int
    failed: int
    manifest_csv: Path
    manifest_json: Path

    @property
    def total(self) -> int:
        """Subjects seen in this run."""
        return self.written + self.current + self.failed

    @property
    def ok(self) -> bool:
        """True when no subject failed."""
        return self.failed == 0


@dataclasses.dataclass(frozen=True)
class _Task:
    """One report to make, pickled to a worker: everything it needs, nothing shared."""

    item: Any
    framework: Framework
    previous: Any
    settings: ScoringSettings | None = None
    render: RenderFunction | None = None
    formats: tuple[str, ...] = ("pdf",)


_Made = list[tuple[str, bytes, "int | None"]]


def _make(task: _Task) -> _Made:
    """In the worker: score when given an assessment, then each format's bytes and pages."""
    result = task.item
    if isinstance(result, Assessment):
        result = score_assessment(result, task.framework, task.settings)
    return report_files(
        result, task.formats, previous=task.previous, framework=task.framework, render=task.render
    )


def render_pdf(result: Result, *, previous: Result | None, framework: Framework) -> bytes:
    """The default ``render``: the report's PDF, with its comparison when there is a previous."""
    return render_document(report_document(result, previous=previous, framework=framework))


def _json(obj: Any) -> str:
    if obj is None:
        return ""
    if isinstance(obj, BaseModel):
        return obj.model_dump_json()
    return json.dumps(obj, sort_keys=True, default=str)


def _subject(item: Any) -> tuple[str, str | None]:
    """The subject's id, and their display name when the item has one."""
    subject = getattr(item, "subject", None)
    subject_id = getattr(subject, "id", subject)
    if not isinstance(subject_id, str):
        raise TypeError(f"expected a result or an assessment, got {type(item).__name__}")
    name = getattr(subject, "name", None)
    return subject_id, name if isinstance(name, str) else None


def _framework_id(item: Any) -> str:
    fw = getattr(item, "framework", None)
    fw = getattr(fw, "id", fw)
    if not isinstance(fw, str):
        raise TypeError(f"{type(item).__name__} does not name its framework")
    return fw


class _Inline(Executor):
    """Runs each task at once in this process: ``jobs=1``, and no pickling."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:
            future.set_exception(exc)
        return future


def _default_executor(jobs: int) -> Executor:
    if jobs == 1:
        return _Inline()
    # forkserver: fork from a clean, single-threaded server rather than from a
    # caller that may hold locks in other threads.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context)


def _one_line(exc: BaseException) -> str:
    """A failure as the manifest records it: one line, no memory addresses; a file by its path."""
    if isinstance(exc, ResponsesError):  # its problems name respondents and quote answers
        return (
            f"ResponsesError: {len(exc.problems)} problem(s) in the responses, not recorded "
            "here since they name respondents and their answers (behaviours score lists them)"
        )
    said = "; ".join(map(str, exc.problems)) if isinstance(exc, OutputError) else str(exc)
    text = without_addresses(said) or "(no message)"
    return f"{type(exc).__name__}: {text}"


Previous = Mapping[str, Any] | Callable[[str], Any] | None
_Pending = tuple[str, dict[str, str], str, list[ManifestRow], "Future[_Made] | None"]
"""A subject in flight: its files by format, inputs digest, rows known now, and the work left."""


class _Run:
    """The state of one ``render_many`` call: what is in flight, what is known, what is done."""

    def __init__(
        self,
        folder: Path,
        *,
        framework: Framework | None,
        find_framework: FrameworkFinder | None,
        previous: Previous,
        settings: ScoringSettings | None,
        render: RenderFunction | None,
        pool: Executor,
        progress: ProgressCallback | None,
        total: int | None,
        key: bytes | None = None,
        ledger: Ledger | None = None,
        formats: tuple[str, ...] = ("pdf",),
    ) -> None:
        self.ledger = ledger
        self.formats = formats
        self.folder = folder
        self.key = key if key is not None else secret_for(folder, "pack")
        self.framework = framework
        self.find_framework = find_framework
        self.previous = previous
        self.settings = settings
        self.render = render
        self.pool = pool
        self.progress = progress
        self.total = total
        self.done = 0
        self.known = previous_rows(folder)  # by (subject, format)
        self.seen: set[str] = set()
        self.queue: deque[_Pending] = deque()
        self.frameworks: dict[str, tuple[Framework, str]] = {}
        self.journal = Journal(
            folder, meta={"format": 1, "generator": f"behaviours {_library_version()}"}
        )
        name = getattr(render, "__module__", "") + "." + getattr(render, "__qualname__", "")
        self.prefix = "\0".join([_library_version(), name, _json(settings)])

    def add(self, index: int, item: Any) -> None:
        """Queue one item: a failure, a report kept as current, or a report to make."""
        try:
            subject, name = _subject(item)
        except TypeError as exc:
            subject = f"#{index + 1}"
            files = dict.fromkeys(self.formats, "")
            self.queue.append((subject, files, "", self._failed(subject, files, str(exc)), None))
            return
        files = {f: safe_filename(subject, SUFFIXES[f], label=name) for f in self.formats}
        self.queue.append(self._plan(item, subject, files))

    @staticmethod
    def _failed(subject: str, files: dict[str, str], error: str) -> list[ManifestRow]:
        """One failed row per file the subject would have had."""
        return [
            ManifestRow(subject, file, None, "failed", error, format=f) for f, file in files.items()
        ]

    def _plan(self, item: Any, subject: str, files: dict[str, str]) -> _Pending:
        if subject in self.seen:
            message = "subject appears more than once in this batch; only the first is reported"
            return subject, files, "", self._failed(subject, files, message), None
        self.seen.add(subject)
        try:
            before = self.previous(subject) if callable(self.previous) else None
            if isinstance(self.previous, Mapping):
                before = self.previous.get(subject)
            fw, digest = self._framework_for(item)
            if self.ledger is not None:
                item = self._published(item, fw)
        except Exception as exc:
            return subject, files, "", self._failed(subject, files, _one_line(exc)), None
        inputs = self._inputs(item, digest, before)
        kept, missing = [], []
        for fmt, file in files.items():
            row = self.known.get((subject, fmt))
            if row is not None and is_current(row, self.folder, file, inputs):
                kept.append(dataclasses.replace(row, status="current", error=None, inputs=inputs))
            else:
                missing.append(fmt)
        if not missing:
            return subject, files, inputs, kept, None
        task = _Task(item, fw, before, self.settings, self.render, tuple(missing))
        return subject, files, inputs, kept, self.pool.submit(_make, task)

    def _published(self, item: Any, framework: Framework) -> Any:
        """Score here and record the result in the ledger, which may refuse it (RoundError)."""
        if not isinstance(item, Assessment):
            self.ledger.publish(item)  # type: ignore[union-attr]
            return item
        result = score_assessment(item, framework, self.settings)
        self.ledger.publish(result, assessment=item, framework=framework)  # type: ignore[union-attr]
        return result

    def _framework_for(self, item: Any) -> tuple[Framework, str]:
        """The framework a report uses, and a digest of all of it, loaded once per id."""
        key = "" if self.framework is not None else _framework_id(item)
        if key not in self.frameworks:
            fw = self.framework or self._find(key)
            digest = hashlib.sha256(fw.model_dump_json().encode()).hexdigest()
            self.frameworks[key] = (fw, digest)
        return self.frameworks[key]

    def _find(self, framework_id: str) -> Framework:
        if self.find_framework is None:
            raise ReportError(
                f"no framework given for {framework_id!r}: pass framework= or find_framework="
            )
        return self.find_framework(framework_id)

    def _inputs(self, item: Any, framework_digest: str, previous: Any) -> str:
        """A keyed digest of everything the report depends on: unchanged digest, unchanged PDF.

        Keyed with the pack's secret, kept outside the folder (``behaviours._keys``): a
        plain digest of an assessment would let a reader of the manifest try the few
        answers a report leaves possible until one matches (docs/privacy.md).
        """
        parts = (framework_digest, type(item).__qualname__, _json(item), _json(previous))
        return keyed_digest(self.key, self.prefix, *parts)

    def finish_oldest(self) -> None:
        """Wait for the oldest report, write it under its final name, and record it."""
        subject, files, inputs, rows, pending = self.queue.popleft()
        if pending is not None:
            kept = {row.format for row in rows}
            made = {f: file for f, file in files.items() if f not in kept}
            rows = rows + self._written(subject, made, inputs, pending)
        rows.sort(key=lambda row: self.formats.index(row.format))
        for row in rows:
            self.journal.append(row)
        self.done += 1
        if self.progress is not None:
            worst = min((r.status for r in rows), key=("failed", "written", "current").index)
            self.progress(self.done, self.total, subject, worst)

    def _written(
        self, subject: str, files: dict[str, str], inputs: str, pending: Future[_Made]
    ) -> list[ManifestRow]:
        """Write each finished file under its final name; all fail together if the work did."""
        try:
            made = pending.result()
        except Exception as exc:
            return self._failed(subject, files, _one_line(exc))
        rows = []
        for fmt, data, pages in made:
            try:
                atomic_write(self.folder / files[fmt], data)
            except Exception as exc:
                rows.append(
                    ManifestRow(subject, files[fmt], None, "failed", _one_line(exc), format=fmt)
                )
                continue
            sha = hashlib.sha256(data).hexdigest()
            row = ManifestRow(subject, files[fmt], pages, "written", None, len(data), sha, inputs)
            rows.append(dataclasses.replace(row, format=fmt))
        return rows

    def abandon(self) -> None:
        """Stop: cancel what has not started, keep the journal for the next run."""
        for *_, pending in self.queue:
            if pending is not None:
                pending.cancel()
        self.journal.abandon()


def _library_version() -> str:
    try:
        return metadata.version("behaviours")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def render_many(
    results: Iterable[Any],
    out_dir: str | os.PathLike[str],
    *,
    framework: Framework | None = None,
    find_framework: FrameworkFinder | None = None,
    previous: Previous = None,
    executor: Executor | None = None,
    jobs: int | None = None,
    progress: ProgressCallback | None = None,
    settings: ScoringSettings | None = None,
    render: RenderFunction | None = None,
    window: int | None = None,
    key: bytes | None = None,
    ledger: Ledger | None = None,
    formats: Iterable[str] = ("pdf",),
) -> PackSummary:
    """The pack engine behind ``behaviours.render_many`` (whose docstring says it all).

    Takes frameworks as objects (``framework``) or through ``find_framework``;
    only the facade knows the catalogue, so this stage stays testable alone.
    """
    wanted = check_formats(formats)
    folder = output_folder(out_dir)
    clean_temporary_files(folder)
    total = len(results) if isinstance(results, Sized) else None
    workers = jobs or min(os.cpu_count() or 1, total or sys.maxsize)
    pool = executor or _default_executor(workers)
    limit = window or 4 * workers
    try:
        run = _Run(
            folder,
            framework=framework,
            find_framework=find_framework,
            previous=previous,
            settings=settings,
            render=render,
            pool=pool,
            progress=progress,
            total=total,
            key=key,
            ledger=ledger,
            formats=wanted,
        )
        try:
            for index, item in enumerate(results):
                run.add(index, item)
                while len(run.queue) >= limit:
                    run.finish_oldest()
            while run.queue:
                run.finish_oldest()
        except BaseException:
            run.abandon()
            raise
    finally:
        if executor is None:
            pool.shutdown(wait=True, cancel_futures=True)
    csv_path, json_path = run.journal.finish()
    counts = run.journal.counts
    return PackSummary(counts["written"], counts["current"], counts["failed"], csv_path, json_path)
