"""The words of a comparison page: which design was used, and what each change means.

A reader should never have to guess whether "beyond chance" allowed for the
number of behaviours compared, whether the same people were compared with
themselves, or why a change has no verdict; these sentences say it.
"""

from __future__ import annotations

from behaviours.reports.context import fmt_signed
from behaviours.results.model import Change, Comparison

__all__ = ["change_text", "design_text", "not_paired_text"]

ADJUSTMENT_NAMES = {
    "holm": "Holm's method",
    "bh": "the Benjamini-Hochberg method",
}


def fmt_p(p: float | None) -> str:
    """A p-value as printed: three decimals, "< 0.001" below that."""
    if p is None:
        return "–"
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


def design_text(comparison: Comparison) -> str:
    """How the two rounds were compared, and what "beyond chance" means here."""
    if comparison.design == "single":
        return (
            "With one respondent each time (a self-assessment) there is no sample to test, so "
            "no change is called beyond chance; read small changes with care."
            + _reliable_text(comparison)
        )
    if comparison.design == "paired":
        how = (
            "matched by their respondent ids"
            if comparison.matching == "respondent_id"
            else "matched as the pairing given says"
        )
        first = (
            f"The people who answered both times are compared with themselves ({how}): "
            f"{comparison.matched} answered both times, {comparison.only_before} only before "
            f"and {comparison.only_after} only now, and only the changes of those who answered "
            "both times are tested."
        )
    else:
        first = (
            "The two assessments are compared as separate groups of respondents (Welch's "
            "test), which is right when different people answered, and cautious when the "
            "same people did."
        )
    return f"{first} {_adjusted_text(comparison)}"


def _adjusted_text(comparison: Comparison) -> str:
    if comparison.adjustment == "none":
        return "A change is called beyond chance when its p-value is below 0.05."
    method = ADJUSTMENT_NAMES[comparison.adjustment]
    return (
        f"A change is called beyond chance when its p-value, adjusted with {method} for "
        f"comparing {comparison.tests} behaviours at once, is below 0.05; the 95% interval "
        "is for each behaviour on its own."
    )


def _reliable_text(comparison: Comparison) -> str:
    given = [c.reliable_change for c in comparison.behaviours if c.reliable_change]
    stated = [r for r in given if r.index is not None]
    if not stated:
        return ""
    source = stated[0].source
    return (
        " A reliable change index (Jacobson and Truax) compares each change with the "
        "measurement error expected from a reliability and a spread of scores stated "
        + "for this comparison"
        + (f" ({source})" if source else "")
        + "; beyond 1.96 the change is larger than measurement error alone explains."
    )


def not_paired_text(comparison: Comparison) -> str | None:
    """Which behaviours were compared as separate groups in a paired comparison, and why."""
    if comparison.design != "paired":
        return None
    fallen = [c.id for c in comparison.behaviours if c.design == "independent"]
    if not fallen:
        return None
    return (
        f"{len(fallen)} behaviour(s) are compared as separate groups instead: pairing them "
        "would rest on too few people, or could let a reader work out one person's answers."
    )


def change_text(change: Change) -> str:
    """A change with its verdict, interval and adjusted p-value, or why there is none."""
    if change.change is None:
        return "–"
    text = fmt_signed(change.change)
    if change.degenerate:
        why = (
            "everyone who answered both times changed by the same amount"
            if change.design == "paired"
            else "nobody's scores varied in either assessment"
        )
        return f"{text} (no test: {why}, so there is no measure of uncertainty)"
    rc = change.reliable_change
    if rc is not None and rc.index is not None:
        verdict = "a reliable change" if rc.reliable else "within measurement error"
        return f"{text} ({verdict}; reliable change index {fmt_signed(rc.index)})"
    if change.exceeds_uncertainty is None:
        return text
    verdict = "beyond chance" if change.exceeds_uncertainty else "within uncertainty"
    paired = ""
    if change.design == "paired" and change.estimate is not None:
        paired = (
            f"mean change of {change.n_pairs} answering both times {fmt_signed(change.estimate)}; "
        )
    low, high = fmt_signed(change.ci_low), fmt_signed(change.ci_high)
    return (
        f"{text} ({verdict}; {paired}95% interval {low} to {high}; "
        f"p {fmt_p(change.p)}, adjusted {fmt_p(change.p_adjusted)})"
    )
