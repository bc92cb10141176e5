"""One population per published figure (docs/scoring.md): properties on random assessments.

Every figure of a behaviour describes the same answers, so its mean lies in
its own range; an insufficient figure publishes nothing but its n; and a
360's gap compares the same items on both sides, which a reader can redo
from the published item figures alone.
"""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from behaviours import score
from behaviours.frameworks.model import Framework
from behaviours.results.model import Result, Stats
from behaviours.scoring.settings import ScoringSettings
from strategies.responses import assessments, frameworks

FIGURES = ("mean", "normalised", "sd", "min", "max", "ci_low", "ci_high", "counts")
KINDS = st.sampled_from([("360", "full"), ("360", "quick"), ("team", "full"), ("team", "quick")])
CFG = ScoringSettings(min_team=2, min_raters=2, min_item_fraction=0.5)


def _every_stats(result: Result) -> list[Stats]:
    out = []
    for b in result.behaviours:
        out += [b.score, *b.groups.values()]
        for item in b.items:
            out += [item.score, *item.groups.values()]
    return out


def _scored(data: st.DataObject, fw: Framework) -> Result:
    kind, detail = data.draw(KINDS)
    assessment = data.draw(assessments(fw, kind, detail, min_raters=2))
    return score(assessment, fw, CFG)


@settings(max_examples=150)
@given(data=st.data(), fw=frameworks())
def test_every_published_mean_lies_within_its_own_min_and_max(
    data: st.DataObject, fw: Framework
) -> None:
    for stats in _every_stats(_scored(data, fw)):
        if stats.mean is not None:
            assert stats.min is not None
            assert stats.max is not None
            assert stats.min - 1e-9 <= stats.mean <= stats.max + 1e-9


@settings(max_examples=150)
@given(data=st.data(), fw=frameworks())
def test_an_insufficient_figure_publishes_nothing_but_its_n(
    data: st.DataObject, fw: Framework
) -> None:
    for stats in _every_stats(_scored(data, fw)):
        if stats.insufficient:
            assert [getattr(stats, f) for f in FIGURES] == [None] * len(FIGURES)


@settings(max_examples=150)
@given(data=st.data(), fw=frameworks())
def test_counts_add_up_to_the_answers_the_mean_is_made_of(
    data: st.DataObject, fw: Framework
) -> None:
    """A published behaviour figure of one respondent or an item-first group: its counts
    are answers, and there are at least n of them (each counted respondent gave one)."""
    for stats in _every_stats(_scored(data, fw)):
        if stats.counts is not None and stats.mean is not None:
            assert sum(stats.counts) >= stats.n >= 1


def _shared_gap(result: Result, behaviour_id: str) -> float | None:
    """Self minus others over the items both have, from the published item figures only."""
    b = result.behaviour(behaviour_id)
    diffs = []
    for item in b.items:
        me = item.groups.get("self")
        if me is not None and me.mean is not None and item.score.mean is not None:
            diffs.append(me.mean - item.score.mean)
    need = max(1, math.ceil(result.settings.min_item_fraction * len(b.items) - 1e-9))
    if b.score.mean is None or len(diffs) < need:
        return None
    return math.fsum(diffs) / len(diffs)


@settings(max_examples=150)
@given(data=st.data(), fw=frameworks())
def test_a_full_360_gap_is_over_the_items_self_and_others_both_have(
    data: st.DataObject, fw: Framework
) -> None:
    assessment = data.draw(assessments(fw, "360", "full", min_raters=2, self_assessed=True))
    result = score(assessment, fw, CFG)
    for b in result.behaviours:
        want = _shared_gap(result, b.id)
        assert (b.gap is None) == (want is None), b.id
        if want is not None:
            assert b.gap is not None
            assert math.isclose(b.gap, want, rel_tol=1e-9, abs_tol=1e-9)
