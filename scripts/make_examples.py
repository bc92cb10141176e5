"""Write the bundled example responses (src/behaviours/examples/*.json), deterministically.

The examples are what ``behaviours demo`` turns into the example feedback pack:
a small community nursing team in Kirklees, assessed against the compassionate
leadership framework. People and ratings are invented, but shaped like real
answers: each person has a view of each behaviour, items scatter around it,
reverse-keyed items ("Interrupts ...") are answered the other way round, and
raters who rarely see the subject say "not able to say" more often. The 360 has
a blind spot, a hidden strength and a role group too small to show alone; the
team disagrees about one behaviour.

Run ``python scripts/make_examples.py`` after changing it and commit the output;
``--check`` exits 1 when the committed files differ from what it would write.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
from pathlib import Path

from behaviours.catalogue import load_framework
from behaviours.framework import Framework
from behaviours.responses import NOT_ABLE_TO_SAY, Assessment, Rating, Response, Role, Subject

FRAMEWORK = "compassionate-leadership"
OUT = Path(__file__).resolve().parents[1] / "src" / "behaviours" / "examples"

# How each respondent sees the subject on each behaviour (1-5), in framework order:
# attending, understanding, empathising, helping.
Views = tuple[float, float, float, float]

INDIVIDUAL: tuple[str, Views] = ("Łukasz Nowak", (3.6, 4.2, 3.0, 4.4))
INDIVIDUAL_COMMENTS = {
    "empathising": "I find it hard to switch off after a difficult visit & I know the team "
    "notices when I'm running on empty.",
    "helping": "I'm quick to sort out rotas and kit; I'm less sure I let people find their "
    "own way through.",
}

TEAM: list[tuple[str, Views]] = [
    ("Zoë Clarke", (4.0, 3.5, 4.3, 4.4)),
    ("عائشہ ملک", (3.9, 3.2, 4.4, 4.2)),
    ("Łukasz Nowak", (3.6, 3.6, 3.8, 4.5)),
    ("Hannah Sutcliffe", (4.1, 3.3, 4.2, 2.0)),
    ("Kwame Mensah", (3.5, 3.4, 4.0, 2.3)),
    ("Gemma Holroyd", (3.8, 3.7, 4.1, 4.3)),
    ("Imran Hussain", (3.7, 3.1, 3.9, 2.1)),
]
TEAM_COMMENTS = {
    "Hannah Sutcliffe": {
        "helping": "When the caseload spikes it's every nurse for themselves; the people on "
        "the late shift feel it most.",
    },
    "Zoë Clarke": {
        "empathising": "After the Batley visits in March everyone checked in on each other. "
        "That's us at our best.",
    },
}

SELF_360: Views = (4.6, 4.0, 3.4, 4.2)
RATERS_360: list[tuple[str, Role, Views]] = [
    ("David Pearson", "manager", (3.9, 4.1, 4.4, 4.3)),
    ("Rachel Whitworth", "peer", (3.6, 3.9, 4.3, 4.1)),
    ("Tom Ashworth", "peer", (3.3, 4.0, 4.5, 3.8)),
    ("Priya Sharma", "peer", (3.7, 3.6, 4.2, 4.2)),
    ("Bilal Khan", "peer", (3.4, 4.1, 4.6, 3.9)),
    ("Zoë Clarke", "direct_report", (3.1, 3.8, 4.4, 4.0)),
    ("عائشہ ملک", "direct_report", (3.3, 3.7, 4.6, 4.2)),
    ("Łukasz Nowak", "direct_report", (2.9, 4.0, 4.1, 3.7)),
    ("Kwame Mensah", "direct_report", (3.2, 3.5, 4.5, 4.1)),
    ("Dr Sarah O'Neill", "other", (3.8, 4.0, 4.2, 4.4)),
    ("Mohammed Iqbal", "other", (3.5, 3.8, 4.0, 4.0)),
]
COMMENTS_360 = {
    "self": {
        "attending": "I always make time for my team, even on the busiest days.",
    },
    "Zoë Clarke": {
        "attending": "Siobhán is often answering emails in our one-to-ones. I'd value "
        "twenty minutes of her full attention more than an hour half-listening.",
        "empathising": "When عائشہ's father was ill she arranged cover the same day, "
        "without being asked.",
    },
    "Tom Ashworth": {
        "empathising": "Calm & kind in the worst weeks of winter pressures; people trust her.",
    },
    "Łukasz Nowak": {
        "attending": "She sometimes finishes my sentences before I've got to the point - \"I "
        'know, I know".',
        "helping": "Got us the second car for the Heckmondwike round within a fortnight.",
    },
    "David Pearson": {
        "understanding": "Asks good questions in the locality meeting and brings the team's "
        "view, not only her own.",
    },
    "Priya Sharma": {
        "helping": "Sometimes takes over a problem that the band 6s could have solved themselves.",
    },
}


def _rating(rng: random.Random, view: float, reverse: bool, unsure: float) -> Rating:
    if rng.random() < unsure:
        return NOT_ABLE_TO_SAY
    value = min(5, max(1, round(view + rng.gauss(0, 0.55))))
    return 6 - value if reverse else value


def _ratings(
    fw: Framework, rng: random.Random, views: Views, unsure: float = 0.0
) -> dict[str, Rating]:
    ratings: dict[str, Rating] = {}
    for behaviour, view in zip(fw.behaviours, views, strict=True):
        for item in fw.items("full"):
            if item.behaviour_id == behaviour.id:
                ratings[item.id] = _rating(rng, view, item.reverse, unsure)
    return ratings


def _assessment(
    fw: Framework, kind: str, subject: Subject, day: datetime.date, responses: list[Response]
) -> Assessment:
    return Assessment.model_validate(
        {
            "framework": fw.id,
            "framework_version": fw.version,
            "kind": kind,
            "detail": "full",
            "subject": subject,
            "assessed_on": day,
            "responses": responses,
        }
    )


def individual(fw: Framework) -> Assessment:
    """A ward manager's full self-assessment, before a coaching programme."""
    rng = random.Random(104823)
    name, views = INDIVIDUAL
    response = Response(
        respondent=name,
        role="self",
        ratings=_ratings(fw, rng, views),
        comments=INDIVIDUAL_COMMENTS,
    )
    subject = Subject(id="E104823", name=name)
    return _assessment(fw, "full", subject, datetime.date(2025, 9, 15), [response])


def team(fw: Framework) -> Assessment:
    """Seven members rate their team; they disagree about helping."""
    rng = random.Random(2025)
    responses = [
        Response(
            respondent=name,
            role="member",
            ratings=_ratings(fw, rng, views),
            comments=TEAM_COMMENTS.get(name, {}),
        )
        for name, views in TEAM
    ]
    subject = Subject(id="T-KIR-DCNT", name="Dewsbury Community Nursing Team")
    return _assessment(fw, "team", subject, datetime.date(2025, 10, 8), responses)


def three_sixty(fw: Framework) -> Assessment:
    """A team manager's 360: self, manager, four peers, four direct reports, two others."""
    rng = random.Random(360)
    unsure = {"manager": 0.05, "peer": 0.08, "direct_report": 0.03, "other": 0.3}
    responses = [
        Response(
            respondent="Siobhán Gallagher",
            role="self",
            ratings=_ratings(fw, rng, SELF_360),
            comments=COMMENTS_360["self"],
        )
    ]
    for name, role, views in RATERS_360:
        responses.append(
            Response(
                respondent=name,
                role=role,
                ratings=_ratings(fw, rng, views, unsure[role]),
                comments=COMMENTS_360.get(name, {}),
            )
        )
    subject = Subject(id="E100917", name="Siobhán Gallagher")
    return _assessment(fw, "360", subject, datetime.date(2025, 11, 21), responses)


def outputs() -> dict[str, str]:
    """File name -> JSON text of every example."""
    fw = load_framework(FRAMEWORK)
    made = {"individual": individual(fw), "team": team(fw), "360": three_sixty(fw)}
    return {f"{name}.json": a.model_dump_json(indent=2) + "\n" for name, a in made.items()}


def main(argv: list[str] | None = None) -> int:
    """Write the examples, or with ``--check`` say whether the committed ones are current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    stale = []
    for name, text in outputs().items():
        path = args.out / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if stale:
        print(f"stale examples: {', '.join(stale)}; run scripts/make_examples.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
