"""Write the bundled example responses (src/behaviours/examples/*.json), deterministically.

The examples are what ``behaviours demo`` turns into the example feedback pack.
A ward manager in Kirklees completes a full self-assessment against the
compassionate leadership framework; a community nursing team in the Wyre Forest
and its manager are assessed against the Herefordshire and Worcestershire ICS
leadership behaviours, as a team and in a 360. People and ratings are invented
but shaped like real answers: each person has a view of each behaviour, items
scatter around it, reverse-keyed items ("Dominates discussions ...") are
answered the other way round, and raters who rarely see the subject say "not
able to say" more often. The 360 has a blind spot, a hidden strength and role
groups too small to show alone; the team disagrees about one behaviour. The example
cohort is a compassionate leadership programme: 59 leaders in eight teams, full
self-assessments before and after, small average gains, two teams too small to show
alone, and a few people who leave or join between the rounds (cohort-*.json and
cohort-units.csv, for ``behaviours demo``'s cohort report).

Run ``python scripts/make_examples.py`` after changing it and commit the output;
``--check`` exits 1 when the committed files differ from what it would write.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
from pathlib import Path

from behaviours.frameworks.catalogue import load_framework
from behaviours.frameworks.kinds import Role
from behaviours.frameworks.model import Framework
from behaviours.responses.evaluation import (
    Evaluation,
    EvaluationResponse,
    Plan,
    evaluations_json,
)
from behaviours.responses.model import NOT_ABLE_TO_SAY, Assessment, Rating, Response, Subject

INDIVIDUAL_FRAMEWORK = "compassionate-leadership"
TEAM_FRAMEWORK = "ics-leadership-behaviours"
OUT = Path(__file__).resolve().parents[1] / "src" / "behaviours" / "examples"

# How a respondent sees the subject on each behaviour (1-5), in framework order.
# compassionate-leadership: attending, understanding, empathising, helping.
# ics-leadership-behaviours: compassion, inclusion, collaboration, all-voices,
# courage, learning.
Views = tuple[float, ...]

INDIVIDUAL: tuple[str, Views] = ("Łukasz Nowak", (3.6, 4.2, 3.0, 4.4))
INDIVIDUAL_COMMENTS = {
    "empathising": "I find it hard to switch off after a difficult shift & I know the ward "
    "notices when I'm running on empty.",
    "helping": "I'm quick to sort out rotas and kit; I'm less sure I let people find their "
    "own way through.",
}

TEAM: list[tuple[str, Views]] = [
    ("Zoë Clarke", (4.3, 4.2, 3.6, 3.9, 3.5, 4.0)),
    ("عائشہ ملک", (4.4, 2.2, 3.4, 3.6, 3.2, 3.8)),
    ("Ewa Kowalska", (4.1, 2.0, 3.7, 3.5, 3.6, 4.1)),
    ("Hannah Pritchard", (4.2, 4.3, 3.5, 3.8, 3.4, 3.9)),
    ("Kwame Mensah", (4.0, 2.3, 3.3, 3.4, 3.0, 3.7)),
    ("Gemma Hodges", (4.5, 4.4, 3.8, 4.0, 3.6, 4.2)),
    ("Imran Hussain", (4.1, 4.0, 3.2, 3.7, 3.3, 3.6)),
]
TEAM_COMMENTS = {
    "Kwame Mensah": {
        "inclusion": "Acting-up shifts seem to go to the same two or three people; nobody "
        "has ever said how they are chosen.",
    },
    "Zoë Clarke": {
        "compassion": "After the flooding in Bewdley everyone checked in on each other. "
        "That's us at our best.",
    },
    "Imran Hussain": {
        "collaboration": 'We still talk about "the hospital" and "social care" as if they '
        "were the problem, not partners.",
    },
}

SELF_360: Views = (4.3, 4.0, 4.5, 4.4, 3.3, 3.9)
RATERS_360: list[tuple[str, Role, Views]] = [
    ("David Pearson", "manager", (4.4, 4.1, 4.3, 3.6, 4.5, 4.0)),
    ("Rachel Whitworth", "peer", (4.2, 3.9, 4.2, 3.5, 4.2, 3.8)),
    ("Tom Ashworth", "peer", (4.0, 4.0, 4.4, 3.3, 4.4, 3.6)),
    ("Priya Sharma", "peer", (4.3, 3.7, 3.9, 3.6, 4.1, 4.0)),
    ("Bilal Khan", "peer", (4.1, 4.2, 4.1, 3.2, 4.6, 3.7)),
    ("Zoë Clarke", "direct_report", (4.5, 3.8, 4.0, 3.0, 4.3, 3.9)),
    ("عائشہ ملک", "direct_report", (4.6, 3.4, 3.9, 3.1, 4.2, 4.1)),
    ("Ewa Kowalska", "direct_report", (4.2, 3.5, 4.1, 2.9, 4.0, 3.8)),
    ("Kwame Mensah", "direct_report", (4.4, 3.3, 3.8, 3.2, 4.4, 3.9)),
    ("Dr Sarah O'Neill", "other", (4.0, 4.0, 4.5, 3.7, 4.2, 3.9)),
    ("Mohammed Iqbal", "other", (3.9, 3.8, 4.6, 3.5, 4.0, 4.0)),
]
COMMENTS_360 = {
    "self": {
        "all-voices": "I always make sure everyone gets their say in team meetings.",
    },
    "Zoë Clarke": {
        "all-voices": "Siobhán often sums up before the quieter ones have spoken. I'd value "
        "her asking us first, before the plan is set.",
        "compassion": "When عائشہ's father was ill she arranged cover the same day, "
        "without being asked.",
    },
    "Tom Ashworth": {
        "courage": "Raised the discharge delays at the ICS board when nobody else would. "
        "Calm & clear, not point-scoring.",
    },
    "Ewa Kowalska": {
        "all-voices": "She sometimes finishes my sentences before I've got to the point - \"I "
        'know, I know".',
        "collaboration": "Got the district nurses and the Age UK team round one table for "
        "the Stourport frailty pilot.",
    },
    "David Pearson": {
        "courage": "Challenges me respectfully and with evidence; I would like more of that "
        "from the whole locality.",
    },
    "Priya Sharma": {
        "learning": "Sometimes takes over a problem that the band 6s could have learned "
        "from solving themselves.",
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
    """Seven members rate their team; they disagree about inclusion."""
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
    subject = Subject(id="T-WF-CNT", name="Wyre Forest Community Nursing Team")
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


# A small partnership in Kirklees (the organisations are invented): a council and an NHS
# trust, which agree to be shown by name, and five voluntary and community organisations,
# which do not. Each evaluates itself against the ICF tool (working-alongside) and the
# Compact in two yearly rounds. (id, name, shown alone, people, how far along it is 0-1,
# how sure of itself it is 0-1, one value per behaviour added to "along").
PARTNERS: list[tuple[str, str, bool, int, float, float]] = [
    ("colne-valley-council", "Colne Valley Council", True, 3, 0.62, 0.55),
    ("north-kirklees-nhs", "North Kirklees Community Health NHS Trust", True, 1, 0.58, 0.50),
    ("batley-womens-collective", "Batley Women's Wellbeing Collective", False, 1, 0.74, 0.40),
    ("holme-valley-drivers", "Holme Valley Volunteer Drivers", False, 1, 0.50, 0.62),
    ("huddersfield-welcome", "Huddersfield Refugee Welcome", False, 1, 0.80, 0.35),
    ("spen-valley-youth", "Spen Valley Youth Project", False, 1, 0.55, 0.58),
    ("dewsbury-carers", "Dewsbury Carers' Network", False, 1, 0.66, 0.45),
]
PARTNERSHIPS = {
    "working-alongside": "Kirklees Inclusive Communities Framework partnership",
    "kirklees-compact": "Kirklees Compact",
}
ROUNDS = (("2025", datetime.date(2025, 3, 28)), ("2026", datetime.date(2026, 3, 27)))
LEADS = ("Chief executive", "Compact Champion", "Head of communities", "Volunteer coordinator")
EVIDENCE = (
    "Minutes of our last three partnership meetings show residents' groups on the agenda.",
    "Our annual report lists what we changed after listening events in Batley and Dewsbury.",
    "Feedback forms from our community sessions, in four languages.",
    "A named lead for this in every team, written into job descriptions this year.",
    "Not yet: we know we do this in places but have nothing written down.",
    "Case studies from two projects, reviewed with the people involved.",
)


def _level(rng: random.Random, scale_max: int, scale_min: int, view: float) -> int:
    span = scale_max - scale_min
    return min(scale_max, max(scale_min, round(scale_min + span * view + rng.gauss(0, 0.5))))


def _evaluation(
    fw: Framework, partner: tuple[str, str, bool, int, float, float], year: int
) -> Evaluation:
    key, name, shown, people, along, sure = partner
    rng = random.Random(f"{fw.id}:{key}:{year}")
    rating_id, confidence_id = fw.assessments["organisation"].scales
    rating, confidence = fw.scales[rating_id], fw.scales[confidence_id]
    growth = 0.06 * year  # a year on, most partners are a little further along and surer
    responses = []
    for person in range(people):
        ratings: dict[str, dict[str, Rating]] = {rating_id: {}, confidence_id: {}}
        for i, b in enumerate(fw.behaviours):
            view = along + growth + 0.12 * ((i * 7 + len(key)) % 5 - 2) / 2
            # Everyone rates the seventh high but is unsure of it: the review's conversation.
            doubt = 0.4 if i == 6 else 0.0
            view += doubt / 2
            not_ours = ("holme", "spen") + (("dewsbury",) if year else ())
            if people == 1 and key.startswith(not_ours) and b.id in ("diversity", "share"):
                ratings[rating_id][b.id] = (
                    NOT_ABLE_TO_SAY  # the two say this is not theirs to judge
                )
                continue
            ratings[rating_id][b.id] = _level(rng, rating.max, rating.min, view)
            ratings[confidence_id][b.id] = _level(
                rng, confidence.max, confidence.min, sure + growth
            )
        given = {b: r for b, r in ratings[rating_id].items() if isinstance(r, int)}
        low = sorted(fw.behaviours, key=lambda b: (given.get(b.id, rating.max + 1), b.id))[:2]
        evidence = {b.id: EVIDENCE[(i + person + year) % len(EVIDENCE)] for i, b in enumerate(low)}
        plans = (
            {
                b.id: Plan(
                    what=b.development.actions[0].text if b.development.actions else None,
                    measure=f"Partners and residents tell us at next year's review that "
                    f"'{b.label}' has improved.",
                    by=datetime.date(2025 + year, 9 + i, 30),
                    who=LEADS[(i + len(key)) % len(LEADS)],
                )
                for i, b in enumerate(low)
            }
            if person == 0
            else {}
        )
        responses.append(
            EvaluationResponse(
                respondent=f"{key}-{person + 1}", ratings=ratings, evidence=evidence, plans=plans
            )
        )
    round_id, closed = ROUNDS[year]
    return Evaluation(
        framework=fw.id,
        framework_version=fw.version,
        partnership=PARTNERSHIPS[fw.id],
        round=round_id,
        subject=Subject(id=key, name=name),
        assessed_on=closed,
        shown_alone=shown,
        responses=responses,
    )


def partnerships() -> list[Evaluation]:
    """Every partner's self-evaluation, per framework and round."""
    return [
        _evaluation(load_framework(fw_id), partner, year)
        for fw_id in PARTNERSHIPS
        for year in range(len(ROUNDS))
        for partner in PARTNERS
    ]


# The example programme: leaders of eight teams across Kirklees and Calderdale take the
# compassionate leadership programme, with a full self-assessment before (September 2025)
# and after (March 2026). Two teams are too small to show alone; a few people leave after
# the first round and a few join for the second, as in any real programme.
COHORT_TEAMS: list[tuple[str, str, int, float]] = [
    # team, organisation, leaders, how the team starts (added to each view)
    ("Reablement", "Kirklees Council", 9, 0.10),
    ("Community Nursing North", "Locala", 11, 0.0),
    ("Crisis Team", "South West Yorkshire NHS FT", 7, -0.20),
    ("Early Help", "Calderdale Council", 8, 0.15),
    ("Halifax Central PCN", "Calderdale and Huddersfield NHS FT", 7, -0.05),
    ("Public Health", "Kirklees Council", 10, 0.05),
    ("Discharge Hub", "Calderdale and Huddersfield NHS FT", 4, -0.10),
    ("Voluntary Sector Partners", "Third Sector Leaders Kirklees", 3, 0.20),
]
COHORT_START: Views = (3.3, 3.6, 3.1, 3.5)  # attending, understanding, empathising, helping
COHORT_GAIN: Views = (0.15, 0.08, 0.0, 0.12)  # what the programme adds on average
COHORT_BEFORE = datetime.date(2025, 9, 15)
COHORT_AFTER = datetime.date(2026, 3, 16)
FIRST_NAMES = (
    "Amira",
    "Ben",
    "Chloe",
    "Dev",
    "Elin",
    "Farah",
    "Gareth",
    "Hui",
    "Ifeoma",
    "Jack",
    "Kiran",
    "Lauren",
    "Marek",
    "Nadia",
    "Owen",
    "Parveen",
    "Rhys",
    "Sana",
    "Tomasz",
    "Una",
    "Vikram",
    "Wendy",
    "Yusuf",
    "Zara",
)
LAST_NAMES = (
    "Ahmed",
    "Brook",
    "Carter",
    "Dhillon",
    "Evans",
    "Fletcher",
    "Greenwood",
    "Haigh",
    "Iqbal",
    "Jowett",
    "Kaur",
    "Lumb",
    "Mistry",
    "Nowak",
    "Oldroyd",
    "Patel",
    "Quarmby",
    "Riley",
    "Shaw",
    "Taylor",
    "Walsh",
    "Sykes",
)


def _self_assessment(
    fw: Framework, rng: random.Random, who: Subject, day: datetime.date, views: Views
) -> Assessment:
    response = Response(respondent=who.name, role="self", ratings=_ratings(fw, rng, views))
    return _assessment(fw, "full", who, day, [response])


def cohort(fw: Framework) -> tuple[list[Assessment], list[Assessment], str]:
    """The two rounds of the example programme and its units file (CSV text)."""
    rng = random.Random(13)
    before: list[Assessment] = []
    after: list[Assessment] = []
    units = ["subject_id,team,organisation"]
    number = 2000
    for team_name, organisation, size, lift in COHORT_TEAMS:
        for _ in range(size):
            number += 1
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            who = Subject(id=f"K{number}", name=name)
            units.append(f"{who.id},{team_name},{organisation}")
            start = tuple(v + lift + rng.gauss(0, 0.4) for v in COHORT_START)
            end = tuple(v + g + rng.gauss(0, 0.3) for v, g in zip(start, COHORT_GAIN, strict=True))
            fate = rng.random()
            if fate > 0.12:  # joined in time for the first round
                before.append(_self_assessment(fw, rng, who, COHORT_BEFORE, start))
            if fate < 0.9:  # still on the programme for the second
                after.append(_self_assessment(fw, rng, who, COHORT_AFTER, end))
    return before, after, "\n".join(units) + "\n"


def _compact(items: list[Assessment]) -> str:
    return "[\n" + ",\n".join(a.model_dump_json() for a in items) + "\n]\n"


def outputs() -> dict[str, str]:
    """File name -> JSON (or CSV) text of every example."""
    leadership = load_framework(TEAM_FRAMEWORK)
    compassionate = load_framework(INDIVIDUAL_FRAMEWORK)
    made = {
        "individual": individual(compassionate),
        "team": team(leadership),
        "360": three_sixty(leadership),
    }
    found = {f"{name}.json": a.model_dump_json(indent=2) + "\n" for name, a in made.items()}
    found["partnerships.json"] = evaluations_json(partnerships()) + "\n"
    return found
    out = {f"{name}.json": a.model_dump_json(indent=2) + "\n" for name, a in made.items()}
    before, after, units = cohort(compassionate)
    out["cohort-before.json"] = _compact(before)
    out["cohort-after.json"] = _compact(after)
    out["cohort-units.csv"] = units
    return out


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
