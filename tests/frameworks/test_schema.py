"""The committed JSON Schema matches the models, so editors validate what the loader accepts."""

import json
from pathlib import Path

from behaviours.cli.frameworks import framework_schema

ROOT = Path(__file__).resolve().parents[2]


def test_committed_framework_schema_is_current() -> None:
    committed = json.loads((ROOT / "frameworks" / "schema.json").read_text(encoding="utf-8"))
    hint = "regenerate: behaviours schema framework > frameworks/schema.json"
    assert committed == framework_schema(), hint
