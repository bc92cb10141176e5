"""Subjects are matched across files by name whatever the normalisation, case or spacing."""

from __future__ import annotations

from pathlib import Path

import pytest

from behaviours.errors import ResponsesError
from behaviours.frameworks.catalogue import load_framework
from behaviours.responses.reading import read_responses

HEADER = "subject,respondent,role,attending,understanding,empathising,helping\n"


def _files(tmp_path: Path, self_name: str, raters_name: str) -> list[Path]:
    self_file, raters = tmp_path / "self.csv", tmp_path / "raters.csv"
    self_file.write_text(f"{HEADER}{self_name},,self,Often,Often,Often,Often\n", "utf-8")
    rows = "".join(f"{raters_name},r{i},peer,Often,Often,Sometimes,Often\n" for i in range(3))
    raters.write_text(HEADER + rows, "utf-8")
    return [self_file, raters]


@pytest.mark.parametrize(
    "raters_name", ["Zoe\u0308 Smith", "ZOË SMITH", "Zoë\u00a0Smith", "Zoë  Smith"]
)
def test_a_self_and_raters_spelt_differently_are_one_subject_shown_as_first_spelt(
    tmp_path: Path, raters_name: str
) -> None:
    framework = load_framework("compassionate-leadership")
    [one] = read_responses(_files(tmp_path, "Zo\u00eb Smith", raters_name), framework, "360")
    assert (one.subject.id, one.subject.name) == ("Zo\u00eb Smith", "Zo\u00eb Smith")
    assert len(one.responses) == 4


def test_a_self_assessment_far_from_every_rated_name_is_left_to_the_rater_check(
    tmp_path: Path,
) -> None:
    framework = load_framework("compassionate-leadership")
    found = read_responses(_files(tmp_path, "Ade Okafor", "Zoë Smith"), framework, "360")
    assert sorted(a.subject.name for a in found) == ["Ade Okafor", "Zoë Smith"]


def test_a_misspelt_self_assessment_names_the_nearest_rated_name(tmp_path: Path) -> None:
    framework = load_framework("compassionate-leadership")
    with pytest.raises(ResponsesError) as caught:
        read_responses(_files(tmp_path, "Zoe Smyth", "Zoë Smith"), framework, "360")
    [problem] = caught.value.problems
    assert problem.file == str(tmp_path / "self.csv")
    assert "the nearest name with raters is 'Zoë Smith'" in problem.message
