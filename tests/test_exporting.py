"""Results out: the committed result schema is current; JSON round-trips; tidy CSV rows."""

import json
from pathlib import Path

from behaviours.exporting import result_schema

ROOT = Path(__file__).resolve().parents[1]


def test_committed_result_schema_is_current() -> None:
    committed = json.loads((ROOT / "docs" / "schema" / "result.json").read_text(encoding="utf-8"))
    hint = "regenerate: behaviours schema result > docs/schema/result.json"
    assert committed == result_schema(), hint
