"""The bundled example partnership: valid, two rounds of both frameworks, shaped for a review."""

from __future__ import annotations

from collections import Counter

from behaviours.examples import partnership_examples
from behaviours.frameworks.catalogue import load_framework
from behaviours.responses.evaluation import check_evaluation


def test_every_example_evaluation_fits_its_framework() -> None:
    for e in partnership_examples():
        assert check_evaluation(e, load_framework(e.framework)) == []


def test_each_framework_has_seven_partners_in_each_of_two_rounds() -> None:
    rounds = Counter((e.framework, e.round) for e in partnership_examples())
    assert rounds == {
        (fw, year): 7
        for fw in ("kirklees-compact", "working-alongside")
        for year in ("2025", "2026")
    }


def test_the_council_and_the_nhs_trust_are_shown_by_name_and_no_other() -> None:
    shown = {e.subject.name for e in partnership_examples() if e.shown_alone}
    assert shown == {"Colne Valley Council", "North Kirklees Community Health NHS Trust"}


def test_the_council_answers_as_several_people_and_the_others_as_one() -> None:
    people = {e.subject.id: len(e.responses) for e in partnership_examples()}
    assert people.pop("colne-valley-council") == 3
    assert set(people.values()) == {1}


def test_every_partner_writes_evidence_and_a_dated_plan() -> None:
    for e in partnership_examples():
        first = e.responses[0]
        assert first.evidence
        assert first.plans
        assert all(p.by is not None for p in first.plans.values())
