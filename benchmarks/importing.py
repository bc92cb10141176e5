"""How long reading survey exports takes: 100,000 long-format rows, and a wide file.

Target (issue 5): reading 100,000 response rows takes under 2 s on this 2-core
machine. Run: ``.venv/bin/python benchmarks/importing.py``.
"""

import csv
import io
import random
import time

from behaviours import load_framework
from behaviours.responses.reading import read_responses

ROWS = 100_000
RATERS = 10


def long_file(rows: int) -> str:
    """360 answers to the full items, one row per answer, labels and numbers mixed."""
    fw = load_framework("compassionate-leadership")
    items = [i.id for i in fw.items("full")]
    labels = [p.label for p in fw.scale.points] + ["Not able to say", ""]
    rng = random.Random(5)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["subject", "respondent", "role", "item", "rating"])
    per_subject = RATERS * len(items)
    for n in range(rows):
        subject, rest = divmod(n, per_subject)
        rater, item = divmod(rest, len(items))
        role = "self" if rater == 0 else ("peer", "direct_report", "other")[rater % 3]
        rating = rng.choice(labels) if rng.random() < 0.3 else str(rng.randint(1, 5))
        writer.writerow([f"S{subject:05d}", f"r{rater}", role, items[item], rating])
    return out.getvalue()


def wide_file(rows: int) -> str:
    """One row per respondent, one column per full item."""
    fw = load_framework("compassionate-leadership")
    items = [i.id for i in fw.items("full")]
    rng = random.Random(6)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["subject", "respondent", "role", *items])
    for n in range(rows):
        subject, rater = divmod(n, RATERS)
        role = "self" if rater == 0 else "peer"
        cells = [str(rng.randint(1, 5)) for _ in items]
        writer.writerow([f"S{subject:05d}", f"r{rater}", role, *cells])
    return out.getvalue()


def best_of(runs: int, text: str) -> tuple[float, int]:
    fw = load_framework("compassionate-leadership")
    best = float("inf")
    count = 0
    for _ in range(runs):
        start = time.perf_counter()
        assessments = read_responses(io.StringIO(text), fw, "360", detail="full")
        best = min(best, time.perf_counter() - start)
        count = len(assessments)
    return best, count


def main() -> None:
    text = long_file(ROWS)
    seconds, subjects = best_of(3, text)
    print(
        f"long CSV: {ROWS:,} rows ({subjects:,} 360 subjects, full items) read in "
        f"{seconds:.2f} s ({ROWS / seconds:,.0f} rows/s; target < 2 s)"
    )
    wide_rows = ROWS // len(load_framework("compassionate-leadership").items("full"))
    seconds, subjects = best_of(3, wide_file(wide_rows))
    cells = wide_rows * len(load_framework("compassionate-leadership").items("full"))
    print(
        f"wide CSV: {wide_rows:,} respondents x 21 items ({cells:,} answers, "
        f"{subjects:,} subjects) read in {seconds:.2f} s"
    )


if __name__ == "__main__":
    main()
