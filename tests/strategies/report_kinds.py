"""The Documents of the report kinds beyond a subject's report, made from the examples.

The example cohort (``behaviours demo``'s out/cohort), the quality report of the
generated data set of docs/analysis.md, and the example partnership's latest
round: one partner's self-evaluation report and the partnership review.
"""

from __future__ import annotations

import datetime
import random

from behaviours.cli.cohort import example_cohort
from behaviours.examples import partnership_examples
from behaviours.frameworks.catalogue import load_framework
from behaviours.reports.cohort import build_cohort_document
from behaviours.reports.document import Document
from behaviours.reports.organisation import evaluation_document
from behaviours.reports.partnership import partnership_document
from behaviours.reports.quality import quality_document
from behaviours.responses.model import Assessment, Response, Subject
from behaviours.results.organisation import score_evaluations
from behaviours.results.partnership import partnership_view
from behaviours.results.quality import analyse

REPORT_KINDS = ("cohort", "quality", "organisation", "partnership")


def cohort_document() -> Document:
    outputs = example_cohort()
    framework = load_framework(outputs.table.framework.id)
    return build_cohort_document(
        outputs.table,
        framework,
        name=outputs.name,
        evaluation=outputs.evaluation,
        norm=outputs.norm,
    )


def quality_assessments() -> list[Assessment]:
    """docs/analysis.md's data set: 40 people, one latent level each, items keyed to it."""
    framework = load_framework("compassionate-leadership")
    rng = random.Random(4)
    people = []
    for n in range(40):
        level = rng.gauss(0, 1)
        ratings: dict[str, int | None] = {}
        for item in framework.items("full"):
            runs = -1 if item.reverse else 1
            ratings[item.id] = min(5, max(1, round(3 + runs * level + rng.gauss(0, 0.7))))
        people.append(
            Assessment(
                framework=framework.id,
                framework_version=framework.version,
                kind="full",
                subject=Subject(id=f"p{n}", name=f"Person {n}"),
                assessed_on=datetime.date(2026, 3, 1),
                responses=[Response(respondent="me", role="self", ratings=ratings)],
            )
        )
    return people


def quality_report_document() -> Document:
    framework = load_framework("compassionate-leadership")
    return quality_document(analyse(quality_assessments(), framework), framework)


def review_documents() -> tuple[Document, Document]:
    """The first example partnership's latest round: its first partner's report, the review."""
    found = partnership_examples()
    framework_id = sorted({e.framework for e in found})[0]
    framework = load_framework(framework_id)
    mine = [e for e in found if e.framework == framework_id]
    rounds = sorted({e.round for e in mine})
    results = score_evaluations([e for e in mine if e.round == rounds[-1]], framework)
    before = score_evaluations([e for e in mine if e.round == rounds[-2]], framework)
    view = partnership_view(results, before)
    return evaluation_document(results[0], framework), partnership_document(view, framework)


def report_kind_documents() -> dict[str, Document]:
    organisation, partnership = review_documents()
    return {
        "cohort": cohort_document(),
        "quality": quality_report_document(),
        "organisation": organisation,
        "partnership": partnership,
    }
