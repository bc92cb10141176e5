"""How fast, and in how much memory, survey exports are read: 100,000 rows and a 200 MB file.

Targets: reading 100,000 response rows takes under 2 s on this 2-core machine
(issue 5), in our layouts and in a survey tool's (a Qualtrics export, issue
12), and a CSV at the 200 MB limit (``MAX_FILE_BYTES``) is read with a peak
RSS under 1.5 GB (issue 8). Every case is written to a file first and read
in a fresh subprocess, so the peak RSS it reports is that read's alone; beside
it is a floor measured in the same run on the same file: plain ``csv.reader``
streaming the rows (nothing kept), which no reader that parses CSV can beat.

Run: ``.venv/bin/python benchmarks/importing.py`` (about two minutes). To
measure another checkout, run this file with that checkout's interpreter.
"""

from __future__ import annotations

import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from behaviours import ResponsesError, load_framework
from behaviours.questionnaires.exporting import questions
from behaviours.questionnaires.model import build_questionnaire
from behaviours.responses.model import MAX_FILE_BYTES
from behaviours.responses.reading import read_responses

ROWS = 100_000
RATERS = 10
FRAMEWORK = "compassionate-leadership"
NOTE = "Listens well, and follows up."


def write_long(path: Path, rows: int | None = None, max_bytes: int | None = None) -> int:
    """360 answers to the full items, one row per answer, labels and numbers mixed.

    Writes ``rows`` rows, or as many as fit in ``max_bytes``; returns the rows written.
    """
    fw = load_framework(FRAMEWORK)
    items = [i.id for i in fw.items("full")]
    labels = [p.label for p in fw.scale.points] + ["Not able to say", ""]
    rng = random.Random(5)
    per_subject = RATERS * len(items)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["subject", "respondent", "role", "item", "rating"])
        n = 0
        while (rows is None or n < rows) and (max_bytes is None or handle.tell() < max_bytes):
            subject, rest = divmod(n, per_subject)
            rater, item = divmod(rest, len(items))
            role = "self" if rater == 0 else ("peer", "direct_report", "other")[rater % 3]
            rating = rng.choice(labels) if rng.random() < 0.3 else str(rng.randint(1, 5))
            writer.writerow([f"S{subject:06d}", f"r{rater}", role, items[item], rating])
            n += 1
    return n


def write_wide(path: Path, rows: int) -> int:
    """One row per respondent, one column per full item and a comment per behaviour."""
    fw = load_framework(FRAMEWORK)
    items = [i.id for i in fw.items("full")]
    comments = [f"comment:{b.id}" for b in fw.behaviours]
    rng = random.Random(6)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["subject", "respondent", "role", *items, *comments])
        for n in range(rows):
            subject, rater = divmod(n, RATERS)
            role = "self" if rater == 0 else "peer"
            cells = [str(rng.randint(1, 5)) for _ in items]
            notes = [NOTE if rng.random() < 0.2 else "" for _ in comments]
            writer.writerow([f"S{subject:06d}", f"r{rater}", role, *cells, *notes])
    return rows


def write_qualtrics(path: Path, rows: int) -> int:
    """A Qualtrics numeric-values export of the raters' form: three header rows, system columns.

    One row per rater, ten raters per subject; the question texts in row 2,
    the ImportIds in row 3, answers as the options' numbers (6 is "not able to say").
    """
    fw = load_framework(FRAMEWORK)
    asked = questions(build_questionnaire(fw, "360", detail="full"))
    own = ["StartDate", "EndDate", "Status", "Progress", "Duration (in seconds)", "ResponseId"]
    ids = ["startDate", "endDate", "status", "progress", "duration", "_recordId"]
    tags = [*own, *(f"Q{n}" for n in range(1, len(asked) + 1))]
    texts = [*own, *(q.prompt for q in asked)]
    keys = [*ids, *(f"QID{n}" for n in range(1, len(asked) + 1))]
    rng = random.Random(7)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows([tags, texts, [json.dumps({"ImportId": k}) for k in keys]])
        for n in range(rows):
            cells = []
            for q in asked:
                if q.type == "text":
                    cells.append(f"S{n // RATERS:06d}")
                elif q.type == "choice":
                    cells.append(str(1 + n % 4))
                elif q.type == "rating":
                    cells.append(str(rng.randint(1, 6)))
                else:
                    cells.append(NOTE if rng.random() < 0.2 else "")
            writer.writerow(
                ["2025-03-04 10:00:00", "2025-03-04 10:09:00", "0", "100", "540", f"R_{n}", *cells]
            )
    return rows


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(how: str, path: str, detail: str) -> None:
    """Read one file in this (fresh) process; print seconds, rows and peak RSS as JSON."""

    fw = load_framework(FRAMEWORK)
    before = _peak_mb()
    start = time.perf_counter()
    if how == "floor":
        with open(path, encoding="utf-8", newline="") as handle:
            rows = sum(1 for _ in csv.reader(handle)) - 1
    else:
        try:
            assessments = read_responses(path, fw, "360", detail=detail)  # type: ignore[arg-type]
        except ResponsesError as exc:  # a file past a limit: how fast, and in how much memory
            seconds = time.perf_counter() - start
            said = {"refused": exc.problems[0].message, "seconds": seconds, "rows": 0}
            print(json.dumps(said | {"peak": _peak_mb(), "base": before}))
            return
        rows = sum(len(a.responses) for a in assessments)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "rows": rows, "peak": _peak_mb(), "base": before}))


def measure(how: str, path: Path, detail: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", how, str(path), detail],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(out.splitlines()[-1])
    return result


def report(label: str, path: Path, rows: int, detail: str) -> None:
    size = path.stat().st_size / 1e6
    read, floor = measure("read", path, detail), measure("floor", path, detail)
    if "refused" in read:
        print(
            f"{label}: {rows:,} rows, {size:,.1f} MB\n"
            f"  read_responses: refused in {read['seconds']:6.2f} s, peak RSS "
            f"{read['peak']:6,.0f} MB ({read['refused']})\n"
            f"  csv.reader    : {floor['seconds']:6.2f} s, peak RSS {floor['peak']:6,.0f} MB"
        )
        return
    print(
        f"{label}: {rows:,} rows, {size:,.1f} MB\n"
        f"  read_responses: {read['seconds']:6.2f} s, {rows / read['seconds']:>9,.0f} rows/s, "
        f"peak RSS {read['peak']:6,.0f} MB\n"
        f"  csv.reader    : {floor['seconds']:6.2f} s, {rows / floor['seconds']:>9,.0f} rows/s, "
        f"peak RSS {floor['peak']:6,.0f} MB (interpreter and library: {floor['base']:,.0f} MB)"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        long_path, wide_path, big_path = (folder / f"{n}.csv" for n in ("long", "wide", "big"))
        report("long CSV (one row per answer)", long_path, write_long(long_path, ROWS), "full")
        report("wide CSV (one row per respondent)", wide_path, write_wide(wide_path, ROWS), "full")
        tool_path = folder / "qualtrics.csv"
        rows = write_qualtrics(tool_path, ROWS)
        report("Qualtrics export (three header rows, numeric values)", tool_path, rows, "full")
        rows = write_long(big_path, max_bytes=MAX_FILE_BYTES - 100)
        report("long CSV at the 200 MB limit", big_path, rows, "full")
        wide_rows = MAX_FILE_BYTES // (wide_path.stat().st_size // ROWS + 1)
        write_wide(big_path, wide_rows)
        report("wide CSV at the 200 MB limit", big_path, wide_rows, "full")
        print(
            "targets: 100,000 rows in under 2 s; a file at the 200 MB limit, read or refused, "
            "under 1,500 MB peak RSS"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(*sys.argv[2:5])
    else:
        main()
