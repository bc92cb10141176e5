"""Organisation self-evaluations scored: each scale by the one engine, checked by hand.

The worked example is a Kirklees Compact self-evaluation (extent 1-5 with
"Don't know", confidence 1-5). Colne Valley Council answers as three people:

| principle | extent (3 people) | confidence (3 people) |
| --- | --- | --- |
| openness | 4, 5, 3: mean 4, SD 1, 0-100 75 | 2, 2, 3: mean 7/3, 0-100 100/3 |
| mutual-respect | 3, 3, 3: mean 3, 0-100 50 | 3, 4, 5: mean 4, 0-100 75 |

so openness's confidence gap is 75 - 100/3 = 41.67 (flagged at 40) and
mutual respect's is -25 (not flagged). The other figures are checked against
Python's ``statistics`` module as an independent implementation.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import statistics
from pathlib import Path

import pytest

from behaviours.errors import FrameworkError, ResponsesError
from behaviours.frameworks.catalogue import load_framework
from behaviours.frameworks.evaluations import evaluation_scales, on_scale
from behaviours.frameworks.model import Framework
from behaviours.responses.evaluation import (
    Evaluation,
    EvaluationResponse,
    Plan,
    evaluations_json,
    parse_evaluations_json,
    per_scale,
)
from behaviours.results.assessing import score_assessment
from behaviours.results.organisation import EvaluationResult, score_evaluation
from behaviours.results.organisation_exporting import (
    EVALUATION_CSV_COLUMNS,
    evaluation_schema,
    evaluations_csv,
)
from behaviours.results.partnership import PartnershipResult

DAY = datetime.date(2026, 3, 27)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compact() -> Framework:
    return load_framework("kirklees-compact")


def council(framework: Framework, people: int = 3) -> Evaluation:
    extent = [(4, 3), (5, 3), (3, 3)]
    confidence = [(2, 3), (2, 4), (3, 5)]
    responses = [
        EvaluationResponse(
            respondent=f"person-{i + 1}",
            ratings={
                "extent": {"openness": extent[i][0], "mutual-respect": extent[i][1]},
                "confidence": {"openness": confidence[i][0], "mutual-respect": confidence[i][1]},
            },
            evidence={"openness": "Board minutes are published"} if i == 0 else {},
            plans={"openness": Plan(what="Publish decisions", by=datetime.date(2026, 9, 30))}
            if i == 0
            else {},
        )
        for i in range(people)
    ]
    return Evaluation(
        framework=framework.id,
        framework_version=framework.version,
        partnership="Kirklees Compact",
        round="2026",
        subject={"id": "cvc", "name": "Colne Valley Council"},
        assessed_on=DAY,
        shown_alone=True,
        responses=responses,
    )


def test_the_compact_names_extent_and_confidence_for_an_organisation(compact: Framework) -> None:
    assert evaluation_scales(compact) == ("extent", "confidence")


def test_an_assessment_may_choose_its_own_scales(compact: Framework) -> None:
    assert evaluation_scales(compact, ["confidence"]) == ("confidence",)


def test_an_unknown_chosen_scale_is_refused_by_name(compact: Framework) -> None:
    with pytest.raises(FrameworkError, match="unknown scale 'alignment'"):
        evaluation_scales(compact, ["alignment"])


def test_the_framework_on_a_scale_rates_every_behaviour_on_it(compact: Framework) -> None:
    view = on_scale(compact, "confidence")
    assert {view.scale_for(b).title for b in view.behaviours} == {"Confidence"}
    assert view.items("full") == compact.items("full")
    assert on_scale(compact, "confidence") is view


def test_each_scale_is_scored_on_its_own_worked_example(compact: Framework) -> None:
    result = score_evaluation(council(compact), compact)
    extent = result.results["extent"].behaviour("openness").score
    confidence = result.results["confidence"].behaviour("openness").score
    assert (extent.mean, extent.sd, extent.normalised) == (4.0, 1.0, 75.0)
    assert confidence.mean == pytest.approx(7 / 3)
    assert confidence.normalised == pytest.approx(100 / 3)
    assert confidence.sd == pytest.approx(statistics.stdev([2, 2, 3]))
    assert result.results["confidence"].behaviour("mutual-respect").score.mean == 4.0


def test_a_rating_well_ahead_of_its_confidence_is_flagged_worked_example(
    compact: Framework,
) -> None:
    assert score_evaluation(council(compact), compact).confidence_gaps == ["openness"]


def test_every_figure_carries_the_scale_it_is_on(compact: Framework) -> None:
    result = score_evaluation(council(compact), compact)
    for scale, one in result.results.items():
        assert set(one.scales) == {scale}
        assert {b.scale for b in one.behaviours} == {scale}


def test_each_scale_is_exactly_the_engine_s_score_of_that_scale(compact: Framework) -> None:
    evaluation = council(compact)
    result = score_evaluation(evaluation, compact)
    for scale, assessment in per_scale(evaluation, compact).items():
        assert result.results[scale] == score_assessment(assessment, on_scale(compact, scale))


def test_several_people_are_scored_as_the_organisation_s_team(compact: Framework) -> None:
    result = score_evaluation(council(compact), compact)
    assert result.results["extent"].kind == "team"
    assert result.results["extent"].respondents == {"member": 3}


def test_one_response_is_the_organisation_s_own_view(compact: Framework) -> None:
    result = score_evaluation(council(compact, people=1), compact)
    assert result.results["extent"].kind == "quick"
    assert result.results["extent"].behaviour("openness").score.mean == 4.0


def test_two_people_answering_separately_have_their_figures_withheld(compact: Framework) -> None:
    result = score_evaluation(council(compact, people=2), compact)
    stats = result.results["extent"].behaviour("openness").score
    assert stats.suppressed
    assert stats.mean is None
    assert result.confidence_gaps == []


def test_evidence_and_plans_are_kept_in_framework_order(compact: Framework) -> None:
    result = score_evaluation(council(compact), compact)
    assert [(e.item_id, e.text) for e in result.evidence] == [
        ("openness", "Board minutes are published")
    ]
    assert [(p.behaviour_id, p.what, p.by) for p in result.plans] == [
        ("openness", "Publish decisions", datetime.date(2026, 9, 30))
    ]


def test_a_rating_off_its_scale_is_refused_with_its_scale_in_the_path(
    compact: Framework,
) -> None:
    evaluation = council(compact, people=1)
    bad = evaluation.model_copy(
        update={
            "responses": [
                EvaluationResponse(respondent="x", ratings={"confidence": {"openness": 0}})
            ]
        }
    )
    with pytest.raises(ResponsesError) as caught:
        score_evaluation(bad, compact)
    [problem] = caught.value.problems
    assert problem.path == "responses[0].ratings.confidence.openness"
    assert problem.expected == "one of [1, 2, 3, 4, 5]"


def test_not_able_to_say_is_refused_on_a_scale_that_does_not_offer_it(
    compact: Framework,
) -> None:
    evaluation = council(compact, people=1)
    bad = evaluation.model_copy(
        update={
            "responses": [
                EvaluationResponse(
                    respondent="x", ratings={"confidence": {"openness": "not_able_to_say"}}
                )
            ]
        }
    )
    with pytest.raises(ResponsesError, match="offers no 'not able to say'"):
        score_evaluation(bad, compact)


def test_evaluations_round_trip_through_json(compact: Framework) -> None:
    evaluations = [council(compact), council(compact, people=1)]
    assert parse_evaluations_json(evaluations_json(evaluations)) == evaluations


def test_the_csv_has_a_row_block_per_scale_each_naming_its_scale(compact: Framework) -> None:
    text = evaluations_csv([score_evaluation(council(compact), compact)])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == EVALUATION_CSV_COLUMNS
    assert {r["scale"] for r in rows} == {"extent", "confidence"}
    flagged = {(r["behaviour_id"], r["confidence_gap"]) for r in rows}
    assert ("openness", "true") in flagged
    assert ("mutual-respect", "false") in flagged


@pytest.mark.parametrize(
    ("name", "model"), [("evaluation", EvaluationResult), ("partnership", PartnershipResult)]
)
def test_committed_self_evaluation_schemas_are_current(name: str, model: type) -> None:
    committed = json.loads((ROOT / "docs" / "schema" / f"{name}.json").read_text("utf-8"))
    hint = f"regenerate: behaviours schema {name} > docs/schema/{name}.json"
    assert committed == evaluation_schema(model), hint
