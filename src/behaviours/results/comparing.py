"""Compare two results of the same framework: did the scores really move?

The change of a behaviour is ``after - before`` of the headline means. How
sure it is depends on the design, which the ``Comparison`` states:

- **paired** (``compare_assessments``): the same respondents answered both
  rounds (matched by respondent id, or by an explicit ``pairing``), so each
  has a change, and the paired t test of those changes is far more sensitive
  than treating the rounds as strangers. Published results hold no
  per-respondent figure, so this needs the two assessments. A behaviour whose
  paired figures could expose a rater (``behaviours.scoring.pairing``) falls
  back to independent, and says so.
- **independent** (``compare`` of two results): Welch's test from each side's
  published mean, SD and n, at the exact Welch-Satterthwaite degrees of freedom.
- **single** (one respondent each time, a self-assessment): there is no test;
  a reliable change index is given when the caller states a reliability and a
  norm SD, else it is null with the reason.

The p-values of one comparison's behaviours are adjusted for their number
(Holm by default), and ``exceeds_uncertainty`` is ``p_adjusted < 0.05``. A
standard error of 0 is ``degenerate``: no test, never certainty. Formulas and
citations: docs/scoring.md, "Comparing two results".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from behaviours.errors import ScoringError
from behaviours.frameworks.kinds import compatible_versions
from behaviours.frameworks.model import Framework
from behaviours.responses.model import Assessment
from behaviours.results.assessing import score_assessment
from behaviours.results.model import Change, Comparison, Design, ReliableChange, Result, Stats
from behaviours.results.rounds import round_of
from behaviours.scoring.change import (
    ADJUSTMENTS,
    Adjustment,
    ChangeTest,
    adjust,
    paired_test,
    reliable_change_index,
    welch_test,
)
from behaviours.scoring.pairing import Pairs, paired_differences
from behaviours.scoring.settings import ScoringSettings

__all__ = ["ChangeNorm", "compare", "compare_assessments", "comparison_schema"]

PerBehaviour = float | Mapping[str, float]
ALPHA = 0.05


@dataclass(frozen=True)
class ChangeNorm:
    """What a reliable change index needs and no single result holds: a reliability and a
    norm SD (one for every behaviour, or by behaviour id), and where they come from."""

    reliability: PerBehaviour
    sd: PerBehaviour
    source: str | None = None

    def of(self, behaviour_id: str) -> tuple[float | None, float | None]:
        """The reliability and SD of a behaviour, None where none is given."""
        r, sd = self.reliability, self.sd
        return (
            r.get(behaviour_id) if isinstance(r, Mapping) else r,
            sd.get(behaviour_id) if isinstance(sd, Mapping) else sd,
        )


def comparison_schema() -> dict[str, Any]:
    """The JSON Schema of one comparison as ``behaviours compare`` writes it (an array)."""
    schema = Comparison.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "behaviours comparison"
    return schema


def _check(before: Result, after: Result) -> None:
    """Raise ``ScoringError`` unless the two results may be compared at all."""
    if before.framework.id != after.framework.id:
        raise ScoringError(
            f"cannot compare results of {before.framework.id!r} and {after.framework.id!r}"
        )
    if not compatible_versions(before.framework.version, after.framework.version):
        raise ScoringError(
            f"cannot compare versions {before.framework.version} and {after.framework.version} "
            f"of {after.framework.id!r}: the MAJOR version changed, so items changed meaning"
        )
    if before.subject.id != after.subject.id:
        raise ScoringError(
            f"cannot compare subject {before.subject.id!r} with {after.subject.id!r}"
        )
    if before.headline != after.headline:
        raise ScoringError(
            f"cannot compare a {before.kind} result with a {after.kind} one of "
            f"{after.subject.id!r}: their headline scores are different people's"
        )
    if before.kind == after.kind == "360" and round_of(before) == round_of(after):
        raise ScoringError(
            f"cannot compare two 360 results of {after.subject.id!r} of the same round "
            f"({round_of(after)}): they are scorings of one round, and their difference "
            "could be the answers of a rater who was added or left out"
        )


def compare(
    before: Result,
    after: Result,
    *,
    adjustment: Adjustment = "holm",
    norm: ChangeNorm | None = None,
) -> Comparison:
    """How each behaviour's headline score changed from ``before`` to ``after``.

    Two results hold no per-respondent figures, so their rounds are compared as
    independent samples (Welch), or, for self-assessments, as one respondent
    each time (a reliable change index when ``norm`` is given). Use
    ``compare_assessments`` when the same people answered both rounds.

    Raises ``ScoringError`` unless both results are of the same framework with
    the same MAJOR version (items kept their meaning), subject and headline group, and
    for two 360 results unless they are of different rounds (docs/privacy.md).
    """
    _check(before, after)
    design: Design = "single" if after.headline == "self" else "independent"
    reason = (
        "one respondent each time (a self-assessment): there is no sample to test"
        if design == "single"
        else "the results hold no per-respondent scores, so the rounds are compared as "
        "independent samples (Welch); compare_assessments pairs the same respondents"
    )
    return _comparison(
        before, after, pairs=None, design=design, reason=reason, adjustment=adjustment, norm=norm
    )


def compare_assessments(
    before: Assessment,
    after: Assessment,
    framework: Framework,
    *,
    settings: ScoringSettings | tuple[ScoringSettings, ScoringSettings] | None = None,
    pairing: Mapping[str, str] | None = None,
    adjustment: Adjustment = "holm",
    norm: ChangeNorm | None = None,
) -> Comparison:
    """Score two rounds' assessments and compare them, pairing the respondents of both.

    Respondents are matched by respondent id, or by ``pairing`` (earlier id ->
    later id; only those pairs). ``settings`` is one for both rounds, or one per
    round. When fewer than two respondents (or, for a team or 360, fewer than
    the minimum group) are matched the comparison is independent, and says why.

    Raises ``ResponsesError`` when an assessment does not fit the framework or
    ``pairing`` does not fit the rounds, and ``ScoringError`` as ``compare``.
    """
    if adjustment not in ADJUSTMENTS:
        raise ScoringError(f"unknown adjustment {adjustment!r}: one of {list(ADJUSTMENTS)}")
    if isinstance(settings, tuple):
        both = settings
    else:
        one = settings or ScoringSettings()
        both = (one, one)
    results = (
        score_assessment(before, framework, both[0]),
        score_assessment(after, framework, both[1]),
    )
    _check(*results)
    if results[1].headline == "self":
        return compare(*results, adjustment=adjustment, norm=norm)
    pairs = paired_differences(before, after, framework, both, pairing)
    design, reason = _design_of(pairs)
    return _comparison(
        *results, pairs=pairs, design=design, reason=reason, adjustment=adjustment, norm=norm
    )


def _design_of(pairs: Pairs) -> tuple[Design, str]:
    """Paired when enough respondents are matched and some behaviour may be paired."""
    counted = (
        f"{pairs.matched} respondent(s) in both rounds, {pairs.only_before} in the earlier "
        f"only, {pairs.only_after} in the later only"
    )
    if pairs.matched < max(2, pairs.min_group):
        return "independent", f"{counted}: too few to pair (at least {max(2, pairs.min_group)})"
    if all(w is not None for w in pairs.withheld):
        return "independent", f"{counted}: paired figures withheld ({pairs.withheld[0]})"
    how = "respondent id" if pairs.matching == "respondent_id" else "the pairing given"
    return (
        "paired",
        f"matched by {how}: {counted}; only the matched respondents' changes are tested",
    )


@dataclass(frozen=True)
class _Test:
    """One behaviour's test, as plain floats (NaN where a figure does not exist)."""

    design: Design
    n: int
    estimate: float
    se: float
    df: float
    low: float
    high: float
    p: float
    tested: bool
    degenerate: bool
    reason: str | None


def _at(test: ChangeTest, k: int, design: Design, reason: str | None) -> _Test:
    return _Test(
        design=design,
        n=int(test.n[k]),
        estimate=float(test.estimate[k]),
        se=float(test.se[k]),
        df=float(test.df[k]),
        low=float(test.low[k]),
        high=float(test.high[k]),
        p=float(test.p[k]),
        tested=bool(test.tested[k]),
        degenerate=bool(test.degenerate[k]),
        reason=reason,
    )


def _tests(
    old: list[Stats | None], new: list[Stats], ids: list[str], design: Design, pairs: Pairs | None
) -> list[_Test]:
    """Every behaviour's test under the design (paired behaviours withheld fall back)."""
    welch = welch_test(
        tuple([_field(s, f) for s in old] for f in ("mean", "sd", "n")),  # type: ignore[arg-type]
        tuple([_field(s, f) for s in new] for f in ("mean", "sd", "n")),  # type: ignore[arg-type]
    )
    if design == "single":
        single = "one respondent each time: no sample to test (see the reliable change index)"
        return [_at(welch, k, "single", single) for k in range(len(ids))]
    if pairs is None:
        return [_at(welch, k, "independent", None) for k in range(len(ids))]
    column = {b: k for k, b in enumerate(pairs.behaviour_ids)}
    paired = paired_test(pairs.differences[:, [column[i] for i in ids]])
    out = []
    for k, behaviour_id in enumerate(ids):
        withheld = pairs.withheld[column[behaviour_id]]
        if withheld is None and design == "paired":
            out.append(_at(paired, k, "paired", None))
        else:
            why = None if withheld is None else f"not paired: {withheld}"
            out.append(_at(welch, k, "independent", why))
    return out


def _field(stats: Stats | None, name: str) -> float:
    value = None if stats is None else getattr(stats, name)
    return float("nan") if value is None else float(value)


def _comparison(
    before: Result,
    after: Result,
    *,
    pairs: Pairs | None,
    design: Design,
    reason: str,
    adjustment: Adjustment,
    norm: ChangeNorm | None,
) -> Comparison:
    """The comparison of ``before`` and ``after`` under one design."""
    if adjustment not in ADJUSTMENTS:
        raise ScoringError(f"unknown adjustment {adjustment!r}: one of {list(ADJUSTMENTS)}")
    earlier = {b.id: b.score for b in before.behaviours}
    ids = [b.id for b in after.behaviours]
    old = [earlier.get(i) for i in ids]
    new = [b.score for b in after.behaviours]
    tests = _tests(old, new, ids, design, pairs)
    adjusted = adjust([t.p if t.tested else float("nan") for t in tests], adjustment).tolist()
    changes = []
    for k, behaviour_id in enumerate(ids):
        scale = after.scales[after.behaviours[k].scale]
        rc = _reliable_change(behaviour_id, old[k], new[k], norm) if design == "single" else None
        changes.append(
            _change(
                behaviour_id,
                (old[k], new[k]),
                scale.max - scale.min,
                test=tests[k],
                p_adjusted=adjusted[k],
                rc=rc,
            )
        )
    return Comparison(
        framework=after.framework,
        before_version=before.framework.version,
        subject=after.subject,
        kind=after.kind,
        before_on=before.assessed_on,
        after_on=after.assessed_on,
        behaviours=changes,
        design=design,
        design_reason=reason,
        matching=None if pairs is None else pairs.matching,
        matched=None if pairs is None else pairs.matched,
        only_before=None if pairs is None else pairs.only_before,
        only_after=None if pairs is None else pairs.only_after,
        adjustment=adjustment,
        tests=sum(t.tested for t in tests),
    )


def _finite(value: float) -> float | None:
    return None if math.isnan(value) else value


def _change(
    behaviour_id: str,
    sides: tuple[Stats | None, Stats | None],
    span: float,
    *,
    test: _Test,
    p_adjusted: float,
    rc: ReliableChange | None,
) -> Change:
    b = None if sides[0] is None else sides[0].mean
    a = None if sides[1] is None else sides[1].mean
    change = a - b if a is not None and b is not None else None
    reason = test.reason
    if change is None:
        reason = "no headline score in " + ("the earlier round" if b is None else "this round")
    elif test.degenerate:
        reason = (
            "nobody's score varies (or every paired change is the same): the standard error "
            "is 0, so there is no test, which is not the same as certainty"
        )
    elif not test.tested and reason is None:
        reason = "fewer than two respondents on a side: no test"
    has = change is not None and test.design != "single"
    return Change(
        id=behaviour_id,
        before=b,
        after=a,
        change=change,
        normalised_change=None if change is None else 100 * change / span,
        design=None if change is None else test.design,
        estimate=_finite(test.estimate) if has else None,
        n_pairs=test.n if has and test.design == "paired" else None,
        se=_finite(test.se) if has else None,
        df=_finite(test.df) if has and test.tested else None,
        ci_low=_finite(test.low) if has and test.tested else None,
        ci_high=_finite(test.high) if has and test.tested else None,
        p=_finite(test.p) if has and test.tested else None,
        p_adjusted=_finite(p_adjusted) if has and test.tested else None,
        exceeds_uncertainty=p_adjusted < ALPHA if has and test.tested else None,
        degenerate=has and test.degenerate,
        reason=test.reason if has and test.tested else reason,
        reliable_change=rc,
    )


def _reliable_change(
    behaviour_id: str, before: Stats | None, after: Stats | None, norm: ChangeNorm | None
) -> ReliableChange:
    """The reliable change index of one respondent's change, or null with the reason."""
    r, sd = (None, None) if norm is None else norm.of(behaviour_id)
    source = None if norm is None else norm.source
    if before is None or after is None or before.mean is None or after.mean is None:
        why = "no score in one of the rounds"
    elif r is None or sd is None:
        why = (
            "needs a reliability and a norm SD, which no single result holds: pass "
            "norm=ChangeNorm(reliability=..., sd=..., source=...)"
        )
    elif not (0 <= r < 1 and sd > 0):
        why = f"needs a reliability in [0, 1) and a positive norm SD (given r={r}, SD={sd})"
    else:
        index, reliable = reliable_change_index(after.mean - before.mean, r, sd)
        return ReliableChange(
            index=float(index), reliable=bool(reliable), reliability=r, norm_sd=sd, source=source
        )
    return ReliableChange(
        index=None, reliable=None, reliability=r, norm_sd=sd, source=source, reason=why
    )
