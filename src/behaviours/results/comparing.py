"""Compare two results of the same framework: did the scores really move?

The change of a behaviour is ``after - before`` of the headline means. When
both sides rest on at least two respondents, its standard error is Welch's
``sqrt(sd1^2 / n1 + sd2^2 / n2)`` and its 95% interval uses the t quantile at
the Welch-Satterthwaite degrees of freedom (rounded down, which widens the
interval slightly). The change "exceeds the uncertainty" when that interval
excludes 0. With a single respondent on either side (a self-assessment) there
is no uncertainty to compare with, and ``exceeds_uncertainty`` is ``None``.
"""

from __future__ import annotations

import math

from behaviours.errors import ScoringError
from behaviours.frameworks.kinds import compatible_versions
from behaviours.results.model import Change, Comparison, Result, Stats
from behaviours.results.rounds import round_of
from behaviours.scoring.statistics import t_975

__all__ = ["compare", "welch"]


def welch(before: Stats, after: Stats) -> tuple[float, float] | None:
    """Standard error and degrees of freedom of ``after.mean - before.mean``, if n allows."""
    if before.sd is None or after.sd is None or before.n < 2 or after.n < 2:
        return None
    v1, v2 = before.sd**2 / before.n, after.sd**2 / after.n
    se = math.sqrt(v1 + v2)
    if se == 0:
        return 0.0, math.inf
    df = (v1 + v2) ** 2 / (v1**2 / (before.n - 1) + v2**2 / (after.n - 1))
    return se, df


def _change(behaviour_id: str, before: Stats | None, after: Stats | None, span: float) -> Change:
    b = before.mean if before else None
    a = after.mean if after else None
    change = a - b if a is not None and b is not None else None
    se = low = high = exceeds = None
    if change is not None and before is not None and after is not None:
        found = welch(before, after)
        if found is not None:
            se, df = found
            half = 0.0 if se == 0 else float(t_975(math.floor(df))) * se
            low, high = change - half, change + half
            exceeds = low > 0 or high < 0
    return Change(
        id=behaviour_id,
        before=b,
        after=a,
        change=change,
        normalised_change=None if change is None else 100 * change / span,
        se=se,
        ci_low=low,
        ci_high=high,
        exceeds_uncertainty=exceeds,
    )


def compare(before: Result, after: Result) -> Comparison:
    """How each behaviour's headline score changed from ``before`` to ``after``.

    Raises ``ScoringError`` unless both results are of the same framework with
    the same MAJOR version (items kept their meaning) and the same subject, and
    for two 360 results unless they are of different rounds (docs/privacy.md).
    """
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
    if before.kind == after.kind == "360" and round_of(before) == round_of(after):
        raise ScoringError(
            f"cannot compare two 360 results of {after.subject.id!r} of the same round "
            f"({round_of(after)}): they are scorings of one round, and their difference "
            "could be the answers of a rater who was added or left out"
        )
    earlier = {b.id: b for b in before.behaviours}
    changes = []
    for b in after.behaviours:
        scale = after.scales[b.scale]
        old = earlier.get(b.id)
        changes.append(_change(b.id, old.score if old else None, b.score, scale.max - scale.min))
    return Comparison(
        framework=after.framework,
        before_version=before.framework.version,
        subject=after.subject,
        kind=after.kind,
        before_on=before.assessed_on,
        after_on=after.assessed_on,
        behaviours=changes,
    )
