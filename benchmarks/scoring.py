"""Scoring benchmark: the batch engine, the per-assessment API, and a bare numpy floor.

Run with ``make bench`` or ``.venv/bin/python benchmarks/scoring.py [--quick]``.
For each workload it prints, side by side: (a) ``score_batch`` on the whole
workload, (b) ``score`` in a Python loop over a sample, extrapolated to the
whole workload (labelled so), and (c) ``numpy.nanmean`` over the same
``subjects x respondents x items`` array along the respondents axis: the
least any engine must do. A 360 reports six groups (self, others and four
roles), so for it (c') repeats that floor once per group. Times are the best
of three runs.

Last, building every subject's ``Result`` from one batch (``result_of`` for
each subject in turn, as an appraisal tool storing results does) at 1,000 and
10,000 subjects: the time per subject must not grow with the batch (it did,
when each call recounted every subject's answers).
"""

from __future__ import annotations

import argparse
import datetime
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from behaviours import score, score_batch
from behaviours.frameworks.model import Framework
from behaviours.responses.model import NOT_ABLE_TO_SAY, Assessment, Response, Subject
from behaviours.results.building import result_of

ROLES = ["self", "manager", "peer", "peer", "peer", "direct_report", "direct_report"]
ROLES += ["direct_report", "direct_report", "other", "other"]  # self + 10 raters


def framework(behaviours: int = 10, indicators: int = 5) -> Framework:
    """A framework of ``behaviours`` behaviours with ``indicators`` items each (one reversed)."""
    text = {"authored": "Words."}
    return Framework.model_validate(
        {
            "id": "bench",
            "version": "1.0",
            "title": "Benchmark",
            "kind": "behaviours",
            "owner": "Benchmarks",
            "source": {"title": "Benchmarks", "publisher": "Benchmarks"},
            "summary": text,
            "scales": {
                "five": {
                    "title": "How often",
                    "provenance": "authored",
                    "not_able_to_say": "Not able to say",
                    "points": [{"value": v, "label": f"p{v}"} for v in range(1, 6)],
                }
            },
            "default_scale": "five",
            "behaviours": [
                {
                    "id": f"b{b}",
                    "title": text,
                    "description": text,
                    "quick_prompt": text,
                    "observer_prompt": text,
                    "team_prompt": text,
                    "indicators": {
                        "does": [{"id": f"b{b}.d{i}", "text": text} for i in range(indicators - 1)],
                        "does_not": [{"id": f"b{b}.n0", "text": text}],
                    },
                }
                for b in range(behaviours)
            ],
        }
    )


def ratings(rng: np.random.Generator, shape: tuple[int, ...]) -> tuple[Any, Any]:
    """Ratings 1-5 with 3% skipped (NaN) and 2% "not able to say"."""
    x = rng.integers(1, 6, shape).astype(np.float64)
    draw = rng.random(shape)
    x[draw < 0.05] = np.nan
    return x, (draw < 0.02)


def best(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def assessments(fw: Framework, kind: str, x: Any, nas: Any, detail: str) -> list[Assessment]:
    items = [item.id for item in fw.items(detail)]  # type: ignore[arg-type]
    out = []
    for s in range(x.shape[0]):
        responses = []
        for r in range(x.shape[1]):
            role = ROLES[r] if kind == "360" else "self"
            given: dict[str, int | str] = {}
            for i, item in enumerate(items):
                if nas[s, r, i]:
                    given[item] = NOT_ABLE_TO_SAY
                elif not np.isnan(x[s, r, i]):
                    given[item] = int(x[s, r, i])
            responses.append(Response(respondent=f"r{r}", role=role, ratings=given))  # type: ignore[arg-type]
        out.append(
            Assessment(
                framework=fw.id,
                framework_version=fw.version,
                kind=kind,  # type: ignore[arg-type]
                detail=detail,  # type: ignore[arg-type]
                subject=Subject(id=f"s{s}", name=f"Subject {s}"),
                assessed_on=datetime.date(2025, 1, 1),
                responses=responses,
            )
        )
    return out


def workload(
    name: str,
    kind: str,
    detail: str,
    *,
    subjects: int,
    respondents: int,
    sample: int,
    target: float,
) -> None:
    fw = framework()
    rng = np.random.default_rng(2025)
    items = len(fw.items(detail))  # type: ignore[arg-type]
    x, nas = ratings(rng, (subjects, respondents, items))
    x[nas] = np.nan
    roles = np.broadcast_to(np.array(ROLES[:respondents]), (subjects, respondents))
    kw: dict[str, Any] = {"not_able_to_say": nas, "detail": detail}
    if kind == "360":
        kw["roles"] = roles
    batch = best(lambda: score_batch(fw, kind, x, **kw))  # type: ignore[arg-type]
    floor = best(lambda: np.nanmean(x, axis=1))
    groups = ""
    if kind == "360":  # the same floor once per group the 360 reports: self, others, 4 roles
        masks = [roles == "self", roles != "self"]
        masks += [roles == role for role in ("manager", "peer", "direct_report", "other")]
        per_group = best(
            lambda: [np.nanmean(np.where(m[:, :, None], x, np.nan), axis=1) for m in masks]
        )
        groups = f"   (c') nanmean per group x6 {per_group:6.3f} s = {batch / per_group:4.1f}x"
    some = assessments(fw, kind, x[:sample], nas[:sample], detail)
    loop = best(lambda: [score(a, fw) for a in some], repeat=1) * subjects / sample
    verdict = "ok" if batch < target else "SLOW"
    print(
        f"{name:<42} (a) batch {batch:7.3f} s   (b) per-assessment loop {loop:8.1f} s "
        f"(extrapolated from {sample:,})   (c) nanmean floor {floor:6.3f} s   "
        f"batch/floor {batch / floor:5.1f}x   target < {target:g} s: {verdict}{groups}"
    )


def results_per_subject(subjects: int) -> float:
    """Seconds per subject to build every ``Result`` of a 360 batch of ``subjects``."""
    fw = framework()
    rng = np.random.default_rng(7)
    items = len(fw.items("full"))
    x, nas = ratings(rng, (subjects, 11, items))
    x[nas] = np.nan
    roles = np.broadcast_to(np.array(ROLES), (subjects, 11))
    batch = score_batch(fw, "360", x, roles=roles, not_able_to_say=nas, detail="full")
    on = datetime.date(2025, 1, 1)
    people = [Subject(id=f"s{s}", name=f"Subject {s}") for s in range(subjects)]
    start = time.perf_counter()
    for s in range(subjects):
        result_of(batch, s, framework=fw, subject=people[s], assessed_on=on)
    return (time.perf_counter() - start) / subjects


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="a tenth of each workload (and of each target)"
    )
    scale = 10 if parser.parse_args().quick else 1
    with np.errstate(invalid="ignore"):
        import warnings

        warnings.simplefilter("ignore", RuntimeWarning)  # nanmean of all-NaN slices
        n = 1_000_000 // scale
        workload(
            f"quick: {n:,} x 10 behaviours",
            "quick",
            "quick",
            subjects=n,
            respondents=1,
            sample=2000,
            target=1 / scale,
        )
        n = 100_000 // scale
        workload(
            f"full: {n:,} x 50 items",
            "full",
            "full",
            subjects=n,
            respondents=1,
            sample=1000,
            target=1 / scale,
        )
        n = 10_000 // scale
        for detail, items in (("full", 50), ("quick", 10)):
            workload(
                f"360 {detail}: {n:,} x (self + 10), {items} items",
                "360",
                detail,
                subjects=n,
                respondents=11,
                sample=200,
                target=2 / scale,
            )
        small, large = 1_000 // scale, 10_000 // scale
        per_small, per_large = results_per_subject(small), results_per_subject(large)
        print(
            f"{'every Result of a 360 full batch':<42} {small:,} subjects {per_small * 1e3:6.2f} "
            f"ms each   {large:,} subjects {per_large * 1e3:6.2f} ms each   "
            f"ratio {per_large / per_small:4.2f} (linear: about 1)"
        )


if __name__ == "__main__":
    main()
