"""The small-sample caution and agreement in words, printed where a figure rests on few people."""

import io

from pypdf import PdfReader

import behaviours
from behaviours.examples import examples
from behaviours.scoring.settings import ScoringSettings


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def _report(kind: str, settings: ScoringSettings | None = None) -> str:
    assessment = next(a for a in examples() if a.kind == kind)
    return _text(behaviours.render_report(behaviours.score(assessment, settings=settings)))


def test_a_team_of_seven_is_cautioned_as_a_small_sample() -> None:
    text = _report("team")
    assert "Small sample: fewer than 10 people behind the figures for the team (7)" in text


def test_no_caution_when_the_figures_rest_on_enough_people() -> None:
    assert (
        "Small sample"
        not in _report("team", ScoringSettings(caution_below=7)).split("Leading with compassion")[
            -1
        ]
    )


def test_a_360_cautions_its_small_role_groups_not_its_eleven_others() -> None:
    text = _report("360")
    assert "behind the figures for Peers (4) and Direct reports (4)" in text
    assert "All others (11)" not in text


def test_agreement_below_min_rwg_raters_says_how_many_people_there_were() -> None:
    text = _report("team", ScoringSettings(min_rwg_raters=8))
    assert "not shown: 7 people, and agreement needs at least 8" in text
