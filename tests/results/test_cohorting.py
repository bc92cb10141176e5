"""Cohort figures from results: units, the table, programme evaluation and norms."""

from __future__ import annotations

import datetime
import math

import pytest

from behaviours import score
from behaviours.errors import ResponsesError, ScoringError
from behaviours.examples import cohort_rounds, cohort_units, example
from behaviours.responses.model import Assessment
from behaviours.results.cohort import CohortTable, Norm, NormBehaviour, ProgrammeEvaluation
from behaviours.results.cohorting import (
    apply_norm,
    build_norm,
    cohort_csv,
    cohort_table,
    evaluate_programme,
    evaluation_csv,
    norm_quantiles,
    parse_units,
)
from behaviours.results.model import Result

BEHAVIOURS = ("attending", "understanding", "empathising", "helping")


def _person(subject: str, ratings: tuple[int, ...], day: int = 15) -> Result:
    return score(
        Assessment.model_validate(
            {
                "framework": "compassionate-leadership",
                "framework_version": "1.0",
                "kind": "quick",
                "detail": "quick",
                "subject": {"id": subject, "name": subject},
                "assessed_on": datetime.date(2025, 9, day),
                "responses": [
                    {
                        "respondent": subject,
                        "role": "self",
                        "ratings": dict(zip(BEHAVIOURS, ratings, strict=True)),
                    }
                ],
            }
        )
    )


@pytest.fixture(scope="module")
def rounds() -> tuple[list[Result], list[Result]]:
    before, after = cohort_rounds()
    return [score(a) for a in before], [score(a) for a in after]


def test_units_come_from_the_named_column() -> None:
    units = parse_units("subject_id,team,organisation\nK1,Reablement,Kirklees\n", "organisation")
    assert units == {"K1": "Kirklees"}


def test_blank_lines_in_a_units_file_are_skipped() -> None:
    assert parse_units("subject_id,team\nK1,A\n\nK2,B\n", "team") == {"K1": "A", "K2": "B"}


def test_a_person_without_a_unit_is_named_not_dropped() -> None:
    people = [_person("K1", (3, 3, 3, 3)), _person("K2", (4, 4, 4, 4))]
    with pytest.raises(ResponsesError, match="'K2' has no 'team'"):
        cohort_table(people, {"K1": "A"}, by="team")


def test_the_example_cohort_withholds_its_two_small_teams(
    rounds: tuple[list[Result], list[Result]],
) -> None:
    table = cohort_table(rounds[1], parse_units(cohort_units(), "team"), by="team")
    withheld = {c.unit for c in table.cells if c.withheld}
    assert withheld == {"Discharge Hub", "Voluntary Sector Partners"}
    assert table.cell("*", "*").n == len(rounds[1])


def test_a_cohort_table_reads_back_equal(rounds: tuple[list[Result], list[Result]]) -> None:
    table = cohort_table(rounds[0], parse_units(cohort_units(), "organisation"), by="organisation")
    assert CohortTable.model_validate_json(table.model_dump_json()) == table


def test_the_cohort_csv_has_a_row_per_cell_and_blank_withheld_figures(
    rounds: tuple[list[Result], list[Result]],
) -> None:
    table = cohort_table(rounds[1], parse_units(cohort_units(), "team"), by="team")
    lines = cohort_csv(table).splitlines()
    assert len(lines) == 1 + len(table.cells)
    hub = next(line for line in lines if '"Discharge Hub","attending"' in line)
    assert hub.endswith('"Discharge Hub","attending","","","","","","","true"')


def test_the_evaluation_counts_everyone_matched_or_not(
    rounds: tuple[list[Result], list[Result]],
) -> None:
    before, after = rounds
    evaluation = evaluate_programme(before, after)
    ids_before = {r.subject.id for r in before}
    ids_after = {r.subject.id for r in after}
    assert evaluation.matched == len(ids_before & ids_after)
    assert evaluation.only_before == len(ids_before - ids_after)
    assert evaluation.only_after == len(ids_after - ids_before)
    assert ProgrammeEvaluation.model_validate_json(evaluation.model_dump_json()) == evaluation
    assert len(evaluation_csv(evaluation).splitlines()) == 1 + len(evaluation.behaviours)


def test_the_evaluation_takes_reliability_from_the_items_of_full_results(
    rounds: tuple[list[Result], list[Result]],
) -> None:
    evaluation = evaluate_programme(*rounds)
    for b in evaluation.behaviours:
        assert b.reliability is not None
        assert 0 < b.reliability < 1
        assert "items over" in b.reliability_source


def test_a_person_missing_a_behaviour_is_counted_as_incomplete() -> None:
    before = [_person(f"K{k}", (3, 3, 2 + k % 3, 4)) for k in range(5)]
    after = [_person(f"K{k}", (4, 3, 3, 4), day=20) for k in range(5)]
    gap = after[0].model_copy(
        update={
            "behaviours": [
                after[0]
                .behaviours[0]
                .model_copy(
                    update={"score": after[0].behaviours[0].score.model_copy(update={"mean": None})}
                ),
                *after[0].behaviours[1:],
            ]
        }
    )
    evaluation = evaluate_programme(before, [gap, *after[1:]])
    assert (evaluation.matched, evaluation.only_before, evaluation.incomplete) == (5, 0, 1)
    assert evaluation.behaviours[0].n == 4
    assert evaluation.behaviours[0].withheld
    assert evaluation.behaviours[0].change is None
    assert not evaluation.behaviours[1].withheld


def test_quick_results_take_reliability_across_behaviours_and_say_so() -> None:
    before = [_person(f"K{k}", (1 + k % 5, 1 + (k + 1) % 5, 2, 1 + k % 4)) for k in range(8)]
    after = [_person(f"K{k}", (2, 3, 3, 3), day=20) for k in range(8)]
    b = evaluate_programme(before, after).behaviours[0]
    assert "4 behaviour scores as one scale" in b.reliability_source


def test_a_norm_below_its_minimum_is_refused_with_the_reason() -> None:
    people = [_person(f"K{k}", (3, 3, 3, 3)) for k in range(12)]
    with pytest.raises(ScoringError, match="a norm of 12 people is refused"):
        build_norm(people, name="x")


def test_no_norm_is_built_below_the_floor_whatever_is_asked() -> None:
    people = [_person(f"K{k}", (3, 3, 3, 3)) for k in range(12)]
    with pytest.raises(ScoringError, match="at least 10 people"):
        build_norm(people, name="x", min_n=5)
    assert build_norm(people, name="x", min_n=10).n == 12


def test_a_norm_says_whether_it_includes_the_person(
    rounds: tuple[list[Result], list[Result]],
) -> None:
    before, after = rounds
    norm = build_norm(before, name="Leaders 2025")
    assert Norm.model_validate_json(norm.model_dump_json()) == norm
    ids = {r.subject.id for r in before}
    member = next(r for r in after if r.subject.id in ids)
    newcomer = next(r for r in after if r.subject.id not in ids)
    assert all(s.includes_person for s in apply_norm(norm, member))
    placed = apply_norm(norm, newcomer)
    assert not any(s.includes_person for s in placed)
    assert {(s.norm_n, s.norm_dates) for s in placed} == {(norm.n, "2025-09-15 to 2025-09-15")}


def test_a_norm_of_the_same_cohort_is_the_same_file(
    rounds: tuple[list[Result], list[Result]],
) -> None:
    assert (
        build_norm(rounds[0], name="a").model_dump_json()
        == build_norm(rounds[0], name="a").model_dump_json()
    )


def test_a_norm_places_a_score_at_its_mid_rank() -> None:
    """By hand: ten people, attending 1 to 5 twice each; a 3 has 4 below and 2 equal: 50."""
    people = [_person(f"K{k}", (1 + k % 5, 3, 3, 3)) for k in range(10)]
    norm = build_norm(people, name="x", min_n=10)
    (attending, *_) = apply_norm(norm, _person("new", (3, 3, 3, 3)))
    assert attending.percentile == pytest.approx(50.0)
    assert attending.z == pytest.approx(0.0)
    assert attending.t == pytest.approx(50.0)
    top = apply_norm(norm, _person("top", (5, 3, 3, 3)))[0]
    assert top.percentile == pytest.approx(90.0)
    assert top.z == pytest.approx(2 / math.sqrt(20 / 9))


def test_norm_quantiles_are_the_lowest_score_reaching_each_share() -> None:
    norm = NormBehaviour(id="b", n=10, mean=3.0, sd=1.0, values=[1, 2, 3, 4], counts=[1, 4, 3, 2])
    assert norm_quantiles(norm, (10, 25, 50, 80, 90)) == [1, 2, 2, 3, 4]


def test_a_norm_refuses_a_result_of_another_framework() -> None:
    people = [_person(f"K{k}", (3, 3, 3, 3)) for k in range(10)]
    norm = build_norm(people, name="x", min_n=10)
    other = score(example("team"))
    with pytest.raises(ResponsesError, match="the norm 'x'"):
        apply_norm(norm, other)


def test_rounds_with_nobody_in_both_publish_no_change_and_say_so() -> None:
    before = [_person(f"A{k}", (3, 3, 3, 3)) for k in range(5)]
    after = [_person(f"B{k}", (4, 4, 4, 4), day=20) for k in range(5)]
    evaluation = evaluate_programme(before, after)
    assert (evaluation.matched, evaluation.only_before, evaluation.only_after) == (0, 5, 5)
    assert all(b.withheld and b.n == 0 and b.change is None for b in evaluation.behaviours)


def test_a_few_unmatched_people_withhold_the_whole_evaluation() -> None:
    """The attack: the after round's cohort figure over 8 people minus the evaluation's
    mean after over the 6 matched would be the 2 newcomers' mean."""
    before = [_person(f"K{k}", (3, 3, 2 + k % 3, 4)) for k in range(6)]
    after = [_person(f"K{k}", (4, 3, 3, 4), day=20) for k in range(8)]
    evaluation = evaluate_programme(before, after)
    assert evaluation.only_after == 2
    assert evaluation.withheld_reason is not None
    assert "2 people took part only after" in evaluation.withheld_reason
    assert all(b.withheld and b.mean_after is None for b in evaluation.behaviours)
    assert evaluate_programme(before, after[:6]).withheld_reason is None
