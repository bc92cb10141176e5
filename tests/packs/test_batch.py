"""render_many: the batch machinery, with a tiny injected renderer as the unit under test.

The renderer here draws a few plain pages with reportlab so the tests are about
streaming, atomic files, the manifest, re-runs and executors, not about report
layout (tests/test_batch_reports.py runs the real reports through it).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from reportlab.pdfgen.canvas import Canvas

from behaviours import render_many
from behaviours._keys import secret_for
from behaviours.errors import ReportError
from behaviours.packs.manifest import MANIFEST_CSV, MANIFEST_JSON, safe_filename
from behaviours.pdf.pages import page_count
from behaviours.responses.model import Subject

FRAMEWORK = "compassionate-leadership"


class FakeResult(BaseModel):
    """Just enough of a result for the batch: a subject, a framework and some content."""

    subject: Subject
    framework: str = FRAMEWORK
    pages: int = 2
    fail: bool = False


def fake(subject: str, **kw: Any) -> FakeResult:
    return FakeResult(subject=Subject(id=subject, name=subject.title()), **kw)


def draw(result: FakeResult, *, previous: Any = None, framework: Any = None) -> bytes:
    """A small real PDF: one page per ``pages``, the subject name on each."""
    if result.fail:
        raise ValueError(f"cannot draw {result.subject.id}")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    for page in range(result.pages):
        canvas.drawString(72, 720, f"{result.subject.name} page {page + 1}")
        if previous is not None:
            canvas.drawString(72, 700, f"before: {previous.pages}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def manifest(folder: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads((folder / MANIFEST_JSON).read_text("utf-8"))["reports"]
    return rows


def test_render_many_writes_one_pdf_per_subject_and_both_manifests(tmp_path: Path) -> None:
    summary = render_many([fake("b", pages=3), fake("a")], tmp_path, render=draw, jobs=1)
    assert (summary.written, summary.current, summary.failed) == (2, 0, 0)
    rows = manifest(tmp_path)
    assert [(r["subject"], r["status"], r["pages"]) for r in rows] == [
        ("b", "written", 3),
        ("a", "written", 2),
    ]
    assert [r["file"] for r in rows] == [safe_filename("b"), safe_filename("a")]
    assert page_count((tmp_path / rows[0]["file"]).read_bytes()) == 3
    assert (
        (tmp_path / MANIFEST_CSV)
        .read_text("utf-8")
        .splitlines()[0]
        .startswith("subject,file,pages,status,error")
    )


def test_rerun_skips_reports_that_are_current(tmp_path: Path) -> None:
    render_many([fake("a"), fake("b")], tmp_path, render=draw, jobs=1)
    calls: list[str] = []

    def counting(result: FakeResult, **kw: Any) -> bytes:
        calls.append(result.subject.id)
        return draw(result, **kw)

    counting.__qualname__ = draw.__qualname__  # same renderer identity as the first run
    summary = render_many([fake("a"), fake("b")], tmp_path, render=counting, jobs=1)
    assert (summary.written, summary.current) == (0, 2)
    assert calls == []
    assert [r["status"] for r in manifest(tmp_path)] == ["current", "current"]


def test_rerun_renders_again_what_changed(tmp_path: Path) -> None:
    render_many([fake("a"), fake("b")], tmp_path, render=draw, jobs=1)
    summary = render_many([fake("a"), fake("b", pages=4)], tmp_path, render=draw, jobs=1)
    assert [(r["status"], r["pages"]) for r in manifest(tmp_path)] == [
        ("current", 2),
        ("written", 4),
    ]
    assert summary.written == 1


def test_rerun_renders_again_a_file_changed_on_disk(tmp_path: Path) -> None:
    render_many([fake("a")], tmp_path, render=draw, jobs=1)
    pdf = tmp_path / safe_filename("a")
    pdf.write_bytes(pdf.read_bytes()[:100])
    render_many([fake("a")], tmp_path, render=draw, jobs=1)
    assert manifest(tmp_path)[0]["status"] == "written"
    assert page_count(pdf.read_bytes()) == 2


def test_rerun_renders_again_when_the_previous_result_changes(tmp_path: Path) -> None:
    render_many([fake("a")], tmp_path, render=draw, jobs=1, previous={"a": fake("a")})
    render_many([fake("a")], tmp_path, render=draw, jobs=1, previous={"a": fake("a", pages=5)})
    assert manifest(tmp_path)[0]["status"] == "written"


def test_one_failing_subject_does_not_stop_the_others(tmp_path: Path) -> None:
    items = [fake("a"), fake("bad", fail=True), fake("c")]
    summary = render_many(items, tmp_path, render=draw, jobs=1)
    rows = manifest(tmp_path)
    assert [r["status"] for r in rows] == ["written", "failed", "written"]
    assert rows[1]["error"] == "ValueError: cannot draw bad"
    assert rows[1]["pages"] is None
    assert not (tmp_path / safe_filename("bad")).exists()
    assert not summary.ok


def test_a_subject_twice_is_reported_once_and_the_repeat_fails(tmp_path: Path) -> None:
    render_many([fake("a"), fake("a", pages=3)], tmp_path, render=draw, jobs=1)
    rows = manifest(tmp_path)
    assert [(r["status"], r["pages"]) for r in rows] == [("written", 2), ("failed", None)]
    assert "more than once" in rows[1]["error"]


def test_an_item_that_is_not_a_result_fails_with_its_position(tmp_path: Path) -> None:
    render_many([fake("a"), 42], tmp_path, render=draw, jobs=1)
    row = manifest(tmp_path)[1]
    assert (row["subject"], row["status"]) == ("#2", "failed")
    assert "int" in row["error"]


def test_unknown_framework_fails_that_subject_only(tmp_path: Path) -> None:
    render_many([fake("a", framework="no-such-framework"), fake("b")], tmp_path, render=draw)
    assert [r["status"] for r in manifest(tmp_path)] == ["failed", "written"]


@settings(max_examples=25)
@given(
    st.lists(
        st.text(st.characters(categories=("L", "N", "P", "S")), min_size=1, max_size=40),
        max_size=8,
    )
)
def test_any_subject_ids_get_one_file_each_inside_the_folder(ids: list[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        summary = render_many([fake(i, pages=1) for i in ids], folder, render=draw, jobs=1)
        rows = manifest(Path(folder))
        files = sorted(p.name for p in Path(folder).glob("*.pdf"))
        assert [r["subject"] for r in rows] == ids
        assert summary.written == len(set(ids)) == len(files)
        assert summary.failed == len(ids) - len(set(ids))
        assert sorted(r["file"] for r in rows if r["status"] == "written") == files


def test_progress_is_called_once_per_subject_in_input_order(tmp_path: Path) -> None:
    calls: list[tuple[int, int | None, str, str]] = []
    items = [fake("a"), fake("b", fail=True), fake("c")]
    render_many(items, tmp_path, render=draw, jobs=1, progress=lambda *a: calls.append(a))
    assert calls == [(1, 3, "a", "written"), (2, 3, "b", "failed"), (3, 3, "c", "written")]


def test_a_generator_is_streamed_not_read_ahead_past_the_window(tmp_path: Path) -> None:
    pulled = 0

    def results() -> Iterator[FakeResult]:
        nonlocal pulled
        for i in range(20):
            pulled += 1
            yield fake(f"s{i}", pages=1)

    first: list[int] = []

    def progress(done: int, total: int | None, subject: str, status: str) -> None:
        assert total is None
        if not first:
            first.append(pulled)

    summary = render_many(results(), tmp_path, render=draw, jobs=1, window=4, progress=progress)
    assert summary.written == 20
    assert first == [4]


def test_works_through_a_thread_pool_that_it_leaves_open(tmp_path: Path) -> None:
    items = [fake(f"s{i}", pages=1 + i % 3) for i in range(12)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        summary = render_many(items, tmp_path, render=draw, executor=pool)
        assert pool.submit(lambda: 7).result() == 7
    assert summary.written == 12
    assert [r["pages"] for r in manifest(tmp_path)] == [1 + i % 3 for i in range(12)]


@pytest.mark.slow
def test_works_through_the_default_process_pool(tmp_path: Path) -> None:
    items = [fake(f"s{i}") for i in range(6)] + [fake("bad", fail=True)]
    summary = render_many(items, tmp_path, render=draw, jobs=2)
    assert (summary.written, summary.failed) == (6, 1)
    assert manifest(tmp_path)[-1]["error"] == "ValueError: cannot draw bad"


def test_interrupted_run_keeps_what_was_finished(tmp_path: Path) -> None:
    def stop(done: int, total: int | None, subject: str, status: str) -> None:
        if done == 2:
            raise KeyboardInterrupt

    items = [fake(f"s{i}") for i in range(4)]
    with pytest.raises(KeyboardInterrupt):
        render_many(items, tmp_path, render=draw, jobs=1, window=1, progress=stop)
    assert not (tmp_path / MANIFEST_JSON).exists()
    summary = render_many(items, tmp_path, render=draw, jobs=1)
    assert [r["status"] for r in manifest(tmp_path)] == ["current", "current", "written", "written"]
    assert summary.current == 2


CRASH = textwrap.dedent(
    """
    import os, sys
    sys.path[:0] = [{here!r}, {tests!r}]  # as pytest imports this module: test_batch
    from test_batch import draw, fake
    from behaviours.packs import manifest
    from behaviours import render_many

    real_fsync = os.fsync
    calls = []

    def dying_fsync(fd):
        calls.append(fd)
        # the journal's folder, the first report and its folder, then the second
        # report's data is in its temporary file: power cut
        if len(calls) == 4:
            os._exit(9)
        real_fsync(fd)

    os.fsync = dying_fsync
    render_many([fake("a", pages=30), fake("b", pages=30), fake("c")], {out!r},
                render=draw, jobs=1)
    """
)


def test_a_crash_mid_write_leaves_no_truncated_pdf_and_the_rerun_recovers(
    tmp_path: Path,
) -> None:
    here = Path(__file__).parent
    secret_for(tmp_path, "pack")  # the pack's key exists, so the fsyncs counted are the pack's
    script = CRASH.format(here=str(here), tests=str(here.parent), out=str(tmp_path))
    died = subprocess.run([sys.executable, "-c", script], check=False, timeout=60)
    assert died.returncode == 9
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [safe_filename("a")]
    assert list(tmp_path.glob(".*.pdf~*.behaviours-tmp"))  # the torn temporary file, never a .pdf
    items = [fake("a", pages=30), fake("b", pages=30), fake("c")]
    summary = render_many(items, tmp_path, render=draw, jobs=1)
    assert (summary.current, summary.written) == (1, 2)
    assert not list(tmp_path.glob(".*.behaviours-tmp"))
    assert not list(tmp_path.glob("*.partial"))
    for row in manifest(tmp_path):
        assert page_count((tmp_path / row["file"]).read_bytes()) == row["pages"]


@pytest.mark.parametrize("pages", [1, 2, 7, 40])
def test_count_pages_reads_the_page_tree(pages: int) -> None:
    from pypdf import PdfReader

    pdf = draw(fake("x", pages=pages))
    assert page_count(pdf) == pages == len(PdfReader(io.BytesIO(pdf)).pages)


def test_count_pages_is_not_fooled_by_typed_text() -> None:
    pdf = draw(FakeResult(subject=Subject(id="x", name="<< /Type /Pages /Count 99 >>"), pages=1))
    assert page_count(pdf) == 1


def test_count_pages_of_something_else_raises() -> None:
    with pytest.raises(ReportError, match="not a PDF"):
        page_count(b"hello")
