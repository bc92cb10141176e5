"""Simulation: the false-positive rate and power of compare() for matched and unmatched rounds.

Run with ``make bench`` or ``.venv/bin/python benchmarks/comparing.py [--reps N] [--seed S]``.

A full team of ``n`` (10) members rates ``B`` (4) behaviours of five items
each on a 1-5 scale twice. Each member has a true level per behaviour
(normal, mean 3, SD 0.8); each answer adds noise and is rounded and clipped to
the scale, the noise chosen so that a member's behaviour scores (the mean of
five answers) in the two rounds correlate about ``r`` (0.9). "Matched" rounds are the same members
(same ids); "unmatched" rounds are different people. The change is 0 (the
false-positive rate) or 0.5 scale points (power) on every behaviour.

Each scenario is run through ``compare_assessments`` end to end (the real
thing: scoring, pairing, the privacy checks, Holm) for ``--reps`` teams, and
the same ratings are also tested by the vectorised core that compare() calls
(``paired_test`` / ``welch_test`` / ``adjust``) for ``--core-reps`` teams, whose
Monte-Carlo error is smaller; the two agree exactly on the teams both see
(``tests/specifications/test_compare_simulation.py`` checks it). Printed per
scenario: the rate at which a behaviour is flagged at raw p < 0.05, the
family-wise rate (any of the B flagged) raw and after Holm, each with its
Monte-Carlo standard error. The last line shows what the issue found: the same
people compared as strangers (``compare`` of two results, Welch).
"""

from __future__ import annotations

import argparse
import datetime
import math
import time
from dataclasses import dataclass

import numpy as np

from behaviours import compare, compare_assessments, score
from behaviours.frameworks.model import Framework
from behaviours.responses.model import Assessment, Response, Subject
from behaviours.scoring.change import adjust, paired_test, welch_test

TEXT = {"authored": "Words."}


def framework(behaviours: int, items: int) -> Framework:
    """A framework of ``behaviours`` behaviours of ``items`` items each, on one 1-5 scale."""
    return Framework.model_validate(
        {
            "id": "simulation",
            "version": "1.0",
            "title": "Simulation",
            "kind": "behaviours",
            "owner": "Benchmarks",
            "source": {"title": "Benchmarks", "publisher": "Benchmarks"},
            "summary": TEXT,
            "scales": {
                "five": {
                    "title": "How often",
                    "provenance": "authored",
                    "points": [{"value": v, "label": f"p{v}"} for v in range(1, 6)],
                }
            },
            "default_scale": "five",
            "behaviours": [
                {
                    "id": f"b{b}",
                    "title": TEXT,
                    "description": TEXT,
                    "quick_prompt": TEXT,
                    "observer_prompt": TEXT,
                    "team_prompt": TEXT,
                    "indicators": {
                        "does": [{"id": f"b{b}.d{i}", "text": TEXT} for i in range(items)],
                        "does_not": [],
                    },
                }
                for b in range(behaviours)
            ],
        }
    )


@dataclass(frozen=True)
class Scenario:
    """One simulated design: who answers the second round, and how far scores move."""

    matched: bool
    shift: float
    members: int = 10
    behaviours: int = 4
    items: int = 5
    r: float = 0.9


def rounds(rng: np.random.Generator, s: Scenario, reps: int) -> tuple[np.ndarray, np.ndarray]:
    """Answers of both rounds, ``reps x members x behaviours x items`` each."""
    shape = (reps, s.members, s.behaviours, 1)
    # var(level) / (var(level) + (var(noise) + 1/12 rounding) / items) = r
    noise = math.sqrt(max(0.64 * (1 - s.r) / s.r * s.items - 1 / 12, 0.0))
    level = rng.normal(3.0, 0.8, shape)
    second = level if s.matched else rng.normal(3.0, 0.8, shape)
    full = (*shape[:3], s.items)
    before = level + rng.normal(0.0, noise, full)
    after = second + s.shift + rng.normal(0.0, noise, full)
    return np.clip(np.rint(before), 1, 5), np.clip(np.rint(after), 1, 5)


def core_p(before: np.ndarray, after: np.ndarray, matched: bool) -> np.ndarray:
    """Raw p-values (``reps x B``) as compare() computes them, vectorised over teams: paired
    on each member's behaviour score (the mean of their answers), else Welch on the
    published figures of a full team (the mean of item means, the mean of item SDs)."""
    reps, n, b, _ = before.shape
    if matched:
        d = np.moveaxis((after - before).mean(axis=3), 1, 0).reshape(n, reps * b)
        return paired_test(d).p.reshape(reps, b)
    sides = [
        (
            x.mean(axis=(1, 3)).ravel(),
            x.std(axis=1, ddof=1).mean(axis=2).ravel(),
            np.full(reps * b, n),
        )
        for x in (before, after)
    ]
    return welch_test(*sides).p.reshape(reps, b)


def team(x: np.ndarray, ids: list[str], fw: Framework, day: int) -> Assessment:
    return Assessment(
        framework=fw.id,
        framework_version=fw.version,
        kind="team",
        subject=Subject(id="team", name="Team"),
        assessed_on=datetime.date(2025, 1, day),
        responses=[
            Response(
                respondent=who,
                role="member",
                ratings={
                    f"b{k}.d{i}": int(v)
                    for k, answers in enumerate(row)
                    for i, v in enumerate(answers)
                },
            )
            for who, row in zip(ids, x, strict=True)
        ],
    )


def end_to_end_p(
    before: np.ndarray, after: np.ndarray, matched: bool, *, strangers: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Raw and adjusted p-values (``reps x B``) from ``compare_assessments`` itself
    (or, with ``strangers``, from ``compare`` of the two scored results: Welch)."""
    fw = framework(before.shape[2], before.shape[3])
    first = [f"m{i}" for i in range(before.shape[1])]
    second = first if matched else [f"n{i}" for i in range(before.shape[1])]
    raw, adjusted = np.full(before.shape[::2][:2], np.nan), np.full(before.shape[::2][:2], np.nan)
    for k in range(before.shape[0]):
        a, b = team(before[k], first, fw, 1), team(after[k], second, fw, 9)
        found = compare(score(a, fw), score(b, fw)) if strangers else compare_assessments(a, b, fw)
        raw[k] = [np.nan if c.p is None else c.p for c in found.behaviours]
        adjusted[k] = [np.nan if c.p_adjusted is None else c.p_adjusted for c in found.behaviours]
    return raw, adjusted


def holm(raw: np.ndarray) -> np.ndarray:
    return np.array([adjust(row, "holm") for row in raw])


@dataclass(frozen=True)
class Rates:
    """What a scenario flags: per behaviour, any behaviour raw, any behaviour after Holm."""

    per_behaviour: float
    family_raw: float
    family_holm: float
    reps: int
    behaviours: int

    @classmethod
    def of(cls, raw: np.ndarray, adjusted: np.ndarray) -> Rates:
        flagged, kept = np.nan_to_num(raw, nan=1.0) < 0.05, np.nan_to_num(adjusted, nan=1.0) < 0.05
        return cls(
            float(flagged.mean()),
            float(flagged.any(axis=1).mean()),
            float(kept.any(axis=1).mean()),
            raw.shape[0],
            raw.shape[1],
        )

    def text(self) -> str:
        def one(p: float, n: int) -> str:
            return f"{p:6.1%} (MC se {math.sqrt(max(p * (1 - p), 1e-12) / n):.1%})"

        return (
            f"per behaviour {one(self.per_behaviour, self.reps * self.behaviours)}, any raw "
            f"{one(self.family_raw, self.reps)}, any after Holm {one(self.family_holm, self.reps)}"
        )


SCENARIOS = (
    Scenario(matched=True, shift=0.0),
    Scenario(matched=True, shift=0.5),
    Scenario(matched=False, shift=0.0),
    Scenario(matched=False, shift=0.5),
    Scenario(matched=False, shift=0.0, items=1),
    Scenario(matched=False, shift=0.5, items=1),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=300, help="teams per scenario, end to end")
    parser.add_argument("--core-reps", type=int, default=20000, help="teams, vectorised core")
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args()
    print(f"team of 10, 4 behaviours (5 items, or quick: 1), r = 0.9, seed {args.seed}")
    for k, s in enumerate(SCENARIOS):  # a generator per scenario and path: --reps moves no figure
        rng = np.random.default_rng([args.seed, k, 0])
        name = f"{'matched' if s.matched else 'unmatched'}, {s.items} item(s), change {s.shift}"
        before, after = rounds(rng, s, args.core_reps)
        raw = core_p(before, after, s.matched)
        print(f"{name:32} core ({args.core_reps}): {Rates.of(raw, holm(raw)).text()}")
        start = time.perf_counter()
        before, after = rounds(np.random.default_rng([args.seed, k, 1]), s, args.reps)
        ends = Rates.of(*end_to_end_p(before, after, s.matched))
        took = time.perf_counter() - start
        print(f"{name:32} compare_assessments ({args.reps}, {took:.1f} s): {ends.text()}")
    for k, shift in enumerate((0.0, 0.5), start=len(SCENARIOS)):
        before, after = rounds(
            np.random.default_rng([args.seed, k, 1]), Scenario(True, shift), args.reps
        )
        found = Rates.of(*end_to_end_p(before, after, True, strangers=True))
        print(f"matched as strangers, change {shift} (compare of results, Welch): {found.text()}")


if __name__ == "__main__":
    main()
