"""Every framework the validator accepts renders every report kind, at its limits too."""

from __future__ import annotations

import datetime
import random
from pathlib import Path

import pytest

import behaviours
from behaviours import render_many, render_report
from behaviours.errors import ReportError
from behaviours.frameworks.model import Framework
from behaviours.pdf.pages import page_count
from behaviours.responses.model import MAX_COMMENT, Assessment, Response, Subject
from strategies.frameworks import framework_at_limits

ROLES_360 = ["manager", "peer", "peer", "peer", "direct_report", "direct_report", "other"]


@pytest.fixture(scope="module")
def limits() -> Framework:
    return framework_at_limits()


def _assessment(framework: Framework, kind: str) -> Assessment:
    rng = random.Random(kind)
    detail = "full" if kind == "full" else "quick"
    values = framework.scale.values

    def ratings() -> dict[str, int | str]:
        return {i.id: rng.choice(values) for i in framework.items(detail)}

    if kind == "team":
        responses = [
            Response(respondent=f"m{i}", role="member", ratings=ratings()) for i in range(5)
        ]
    else:
        responses = [Response(respondent="me", role="self", ratings=ratings())]
    if kind == "360":
        longest = {b.id: "Comment " * (MAX_COMMENT // 8) for b in framework.behaviours[:3]}
        responses += [
            Response(respondent=f"r{i}", role=role, ratings=ratings(), comments=longest)
            for i, role in enumerate(ROLES_360)
        ]
    return Assessment(
        framework=framework.id,
        framework_version=framework.version,
        kind=kind,
        detail=detail,
        subject=Subject(id="s1", name="Name " * 40),
        assessed_on=datetime.date(2026, 1, 31),
        responses=responses,
    )


@pytest.mark.parametrize("kind", ["quick", "team", "360"])
def test_framework_at_the_validators_limits_renders(limits: Framework, kind: str) -> None:
    result = behaviours.score(_assessment(limits, kind), limits)
    pdf = render_report(result, framework=limits)
    assert page_count(pdf) > len(limits.behaviours)


@pytest.mark.parametrize("kind", ["quick", "360"])
def test_framework_at_the_validators_limits_renders_as_html(limits: Framework, kind: str) -> None:
    result = behaviours.score(_assessment(limits, kind), limits)
    page = render_report(result, framework=limits, format="html")
    assert page.count(b'<section class="bh-section') > len(limits.behaviours)


def test_a_report_that_fails_is_recorded_without_memory_addresses(tmp_path: Path) -> None:
    def broken(result: object, **_: object) -> bytes:
        raise ReportError("Flowable <Chart at 0x7f9a35e18590 frame=body> too large")

    result = behaviours.score(
        _assessment(framework_at_limits(3, 3), "quick"), framework_at_limits(3, 3)
    )
    summary = render_many(
        [result], tmp_path, framework=framework_at_limits(3, 3), render=broken, jobs=1
    )
    manifest = summary.manifest_json.read_text(encoding="utf-8")
    assert "frame=body" in manifest
    assert "0x" not in manifest
