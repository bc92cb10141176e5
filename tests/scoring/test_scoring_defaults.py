"""score() finds the framework the assessment names, so responses alone are enough."""

import pytest

import behaviours
from behaviours.examples import examples


@pytest.mark.parametrize("kind", ["full", "team", "360"])
def test_score_without_a_framework_loads_the_one_the_assessment_names(kind: str) -> None:
    assessment = next(a for a in examples() if a.kind == kind)
    framework = behaviours.load_framework(assessment.framework)
    assert behaviours.score(assessment) == behaviours.score(assessment, framework)


def test_score_names_the_unknown_framework_an_assessment_asks_for() -> None:
    assessment = next(a for a in examples() if a.kind == "full")
    stray = assessment.model_copy(update={"framework": "no-such-framework"})
    with pytest.raises(behaviours.FrameworkNotFoundError, match="no-such-framework"):
        behaviours.score(stray)
