"""How fast reports render, alone and in packs, and whether memory stays flat.

Prints, in one run:

- ms per individual report (a full self-assessment) and per 360 report, the
  best of several renders of one scored result, next to the floor: reportlab
  making and laying out the same flowables in a bare ``BaseDocTemplate`` with
  a plain canvas. The floor's flowables are made once by our converters and
  pickled; each timed floor build starts from a fresh unpickled copy (the
  unpickling is outside the clock) whose paragraphs are made again as plain
  reportlab ``Paragraph``s from their final markup, so it holds no logic of
  ours: no scoring, no views, no escaping or right-to-left shaping, no chart or
  table building, no footer, and none of our paragraphs' savings (lines broken
  once per width, parsed markup reused), which is why a report can beat it.
- reports per second through ``render_many`` in one process (``jobs=1``) and
  across every core (a process pool, started and warmed before the clock),
  files and manifest included. Per core two ways: by the clock (reports/s
  over the cores), which other busy processes on the machine pull down, and
  per CPU-second (reports over the CPU time the workers and this process
  used), which is what one core does when the run has it to itself. The load
  average before each run says which of the two to believe.
- resident memory over 1,000 reports rendered in one process: after 100, 500
  and 1,000 reports, and the high-water mark.
- ms per HTML report of the same results (issue 15: under 10 ms), beside its
  floor, escaping and joining every string the report prints (the least any
  HTML writer pays), and beside the PDF's figure; and one tagged PDF's time,
  when WeasyPrint is installed.

Targets (issue 4): at least 20 individual and 10 360 reports/s per core,
within 1.5x of the floor, memory flat.
Run: ``.venv/bin/python benchmarks/reports.py`` (``--quick`` for a smoke run).
"""

from __future__ import annotations

import argparse
import html
import io
import multiprocessing
import os
import pickle
import resource
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.platypus import BaseDocTemplate, KeepTogether, Paragraph, Table

from behaviours import render_many, render_report, score
from behaviours.examples import ExampleName, example
from behaviours.frameworks.catalogue import load_framework
from behaviours.html.rendering import render_html
from behaviours.html.tagged import render_tagged_pdf, tagged_pdf_available
from behaviours.pdf import rendering as backend
from behaviours.pdf.pages import page_count
from behaviours.reports.document import Document
from behaviours.reports.report import build_document
from behaviours.responses.model import Subject
from behaviours.results.model import Result

CORES = os.cpu_count() or 1
MIB = 1024 * 1024


def scored(name: ExampleName) -> Result:
    assessment = example(name)
    return score(assessment, load_framework(assessment.framework))


def best_ms(run: Callable[[], object], repeats: int) -> float:
    run()  # warm: fonts registered, modules imported, caches filled
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def _reparsed(item: Any) -> Any:
    """``item`` with every paragraph made afresh from its text and style, as bare reportlab would.

    Unpickled paragraphs keep their parsed fragments; parsing the markup is
    reportlab's own work, so the floor must pay for it too.
    """
    if isinstance(item, list):
        return [_reparsed(x) for x in item]
    if isinstance(item, Paragraph):
        fresh = Paragraph(item.text, item.style, bulletText=item.bulletText)
        for key in ("spaceBefore", "spaceAfter"):
            if key in item.__dict__:
                setattr(fresh, key, item.__dict__[key])
        return fresh
    if isinstance(item, Table):
        item._cellvalues = [[_reparsed(cell) for cell in row] for row in item._cellvalues]
    elif isinstance(item, KeepTogether):
        item._content = _reparsed(item._content)
    return item


def floor_ms(result: Result, repeats: int, pages: int) -> float:
    """Best time for bare reportlab to make and lay out the report's flowables."""
    document = build_document(result, load_framework(result.framework.id))
    story = [f for block in document.blocks for f in backend._flowables(block)]
    frozen = pickle.dumps(story)
    best = float("inf")
    for _ in range(repeats + 1):
        flowables = pickle.loads(frozen)
        start = time.perf_counter()
        doc = BaseDocTemplate(
            io.BytesIO(), pagesize=A4, invariant=1, pageTemplates=backend._templates()
        )
        doc.build(_reparsed(flowables))
        best = min(best, time.perf_counter() - start)
        assert doc.page == pages, f"the floor laid out {doc.page} pages, the report {pages}"
    return best * 1000


def _strings(item: Any) -> Iterator[str]:
    """Every string a block holds (text, cells, labels), however deeply nested."""
    if isinstance(item, str):
        yield item
    elif isinstance(item, tuple | list):
        for x in item:
            yield from _strings(x)
    elif hasattr(item, "__slots__"):
        for name in item.__slots__:
            yield from _strings(getattr(item, name))


def html_ms(result: Result, repeats: int) -> tuple[float, float, int]:
    """Best ms for the HTML of a built document, and for its floor; and the string count."""
    document: Document = build_document(result, load_framework(result.framework.id))
    strings = list(_strings(document.blocks))
    page = best_ms(lambda: render_html(document), repeats * 10)
    floor = best_ms(lambda: "".join(html.escape(t) for t in strings), repeats * 10)
    return page, floor, len(strings)


def html_line(name: str, result: Result, repeats: int) -> str:
    page, floor, count = html_ms(result, repeats)
    pdf = best_ms(lambda: render_report(result), repeats)
    line = (
        f"{name} HTML report: {page:.2f} ms (target < 10 ms); floor (html.escape and join "
        f"of its {count} strings) {floor:.2f} ms; the PDF {pdf:.1f} ms"
    )
    if tagged_pdf_available():
        document = build_document(result, load_framework(result.framework.id))
        start = time.perf_counter()
        render_tagged_pdf(document)
        line += f"; the tagged PDF (WeasyPrint) {(time.perf_counter() - start) * 1000:.0f} ms"
    return line


def many(result: Result, count: int) -> Iterator[Result]:
    """The same scores for ``count`` different subjects, made as they are needed."""
    for i in range(count):
        subject = Subject(id=f"E{i:06d}", name=f"Person {i:06d}")
        yield result.model_copy(update={"subject": subject})


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user and system) used so far by this process and the processes ``pids``."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    total = own.ru_utime + own.ru_stime
    for pid in pids:  # Linux: fields 14 and 15 of /proc/<pid>/stat, in clock ticks
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def per_second(result: Result, count: int, jobs: int) -> tuple[float, float | None]:
    """Reports/s through render_many by the clock, and per CPU-second when it can be read.

    With ``jobs > 1`` the work runs on a process pool warmed first: the pool's
    start (new processes importing the library and loading fonts) is paid once
    per batch, so it is kept out of the rate of a long batch.
    """
    with tempfile.TemporaryDirectory() as folder:
        if jobs == 1:
            cpu = cpu_seconds([])
            start = time.perf_counter()
            summary = render_many(many(result, count), folder, jobs=1)
            seconds = time.perf_counter() - start
            used: float | None = cpu_seconds([]) - cpu
        else:
            context = multiprocessing.get_context("forkserver")
            with ProcessPoolExecutor(jobs, mp_context=context) as pool:
                for warm in [pool.submit(render_report, result) for _ in range(jobs * 2)]:
                    warm.result()
                pids = list(pool._processes)  # the workers, to read their CPU time
                try:
                    cpu: float | None = cpu_seconds(pids)
                except (OSError, IndexError, ValueError):  # not Linux
                    cpu = None
                start = time.perf_counter()
                summary = render_many(many(result, count), folder, executor=pool, window=4 * jobs)
                seconds = time.perf_counter() - start
                used = None if cpu is None else cpu_seconds(pids) - cpu
    assert summary.written == count, summary
    return count / seconds, None if not used else count / used


def rss_mib() -> float:
    """Resident memory now (Linux), else the high-water mark."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / MIB
    except (OSError, ValueError):
        return peak_mib()


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MIB  # KiB on Linux


def memory(result: Result, count: int) -> tuple[dict[int, float], float]:
    marks = {count // 10: 0.0, count // 2: 0.0, count: 0.0}

    def progress(done: int, total: int | None, subject: str, status: str) -> None:
        if done in marks:
            marks[done] = rss_mib()

    with tempfile.TemporaryDirectory() as folder:
        render_many(many(result, count), folder, jobs=1, progress=progress)
    return marks, peak_mib()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run with tiny counts")
    args = parser.parse_args(argv)
    repeats, batch, total = (1, 4, 20) if args.quick else (10, 100, 1000)
    results = {"individual": scored("individual"), "360": scored("360")}
    targets = {"individual": 20, "360": 10}

    for name, result in results.items():
        pages = page_count(render_report(result))
        ms = best_ms(lambda result=result: render_report(result), repeats)
        floor = floor_ms(result, repeats, pages)
        print(
            f"{name} report ({pages} pages): {ms:.1f} ms; floor (bare reportlab, same "
            f"flowables) {floor:.1f} ms; {ms / floor:.2f}x the floor (target <= 1.5x)"
        )
    for name, result in results.items():
        load = os.getloadavg()[0]
        one, _ = per_second(result, batch, jobs=1)
        every, per_cpu = per_second(result, batch * CORES, jobs=CORES)
        cpu = "" if per_cpu is None else f", {per_cpu:.1f} per CPU-second"
        print(
            f"{name} reports/s: {one:.1f} in one process; {every:.1f} across {CORES} cores; "
            f"per core {every / CORES:.1f} by the clock{cpu} "
            f"(target >= {targets[name]} per core; load average before {load:.2f})"
        )
    marks, peak = memory(results["individual"], total)
    steps = ", ".join(f"{rss:.0f} MiB at {done}" for done, rss in marks.items())
    first, last = marks[min(marks)], marks[max(marks)]
    print(
        f"memory over {total} individual reports in one process: RSS {steps}; "
        f"growth {last - first:+.1f} MiB; peak {peak:.0f} MiB"
    )
    for name, result in results.items():
        print(html_line(name, result, repeats))


if __name__ == "__main__":
    main()
