"""``behaviours import`` round-trips: the JSON it writes reads back to the assessments it read.

Whatever a team's exports hold (a self form without a role column, raters'
files, labels or numbers, blanks, "not able to say", comments in any script),
reading them, importing them to JSON and reading the JSON gives equal
assessments, so a pack made from the checked JSON is the pack the exports make.
"""

import csv
import datetime
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from behaviours import load_framework
from behaviours.cli import main
from behaviours.frameworks.kinds import RATER_ROLES
from behaviours.questionnaires.model import build_questionnaire
from behaviours.responses.reading import ResponsesFile, read_responses
from strategies.importing import answers, cell

FW = load_framework("compassionate-leadership")
DAY = datetime.date(2025, 3, 31)
NAMES = ["Zoë Ahmed", "Łukasz Nowak", "Siobhán Gallagher", "محمد علي", "O'Neill, Pat"]
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zs")), max_size=30)


@st.composite
def exports(draw: st.DrawFn) -> tuple[list[list[str]], list[list[str]]]:
    """A self form's export (our prompts, no role column) and a raters' export (item ids)."""
    subjects = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True))
    q = build_questionnaire(FW, "360", role="self")
    ids = [i.id for i in q.items]
    own = [[q.fields[0].prompt, *(i.prompt for i in q.items), q.comments[0].prompt]]
    raters = [["subject", "respondent", "role", *ids, f"comment:{q.comments[0].behaviour_id}"]]
    for n, subject in enumerate(subjects):
        if n == 0 or draw(st.booleans()):  # a self form's export has one row or more
            ratings = draw(answers(FW, ids))
            cells = [cell(draw, FW, i, ratings.get(i)) for i in ids]
            own.append([subject, *cells, draw(TEXT)])
        for k in range(draw(st.integers(1, 4))):
            ratings = draw(answers(FW, ids))
            role = draw(st.sampled_from(RATER_ROLES))
            cells = [cell(draw, FW, i, ratings.get(i)) for i in ids]
            raters.append([subject, f"r{n}.{k}", role, *cells, draw(TEXT)])
    return own, raters


def _write(path: Path, rows: list[list[str]]) -> str:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return str(path)


@settings(max_examples=25, deadline=None)
@given(exports())
def test_exports_imported_to_json_read_back_to_equal_assessments(
    files: tuple[list[list[str]], list[list[str]]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        own, raters = (
            _write(Path(folder, "self.csv"), files[0]),
            _write(Path(folder, "raters.csv"), files[1]),
        )
        read = read_responses([ResponsesFile(own), raters], FW, "360", assessed_on=DAY)
        out = Path(folder, "checked.json")
        args = ["import", own, raters, "--framework", FW.id, "--kind", "360"]
        assert main([*args, "--assessed-on", DAY.isoformat(), "--out", str(out)]) == 0
        assert read_responses(out, FW, "360") == read
