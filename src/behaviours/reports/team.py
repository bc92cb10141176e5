"""The team report: the team's profile, where members agree and not, questions to discuss."""

from __future__ import annotations

from behaviours.reports.caution import small_sample_text
from behaviours.reports.context import ReportContext, fmt
from behaviours.reports.detail import behaviour_section, comments_table
from behaviours.reports.document import Block, Heading, PageBreak, Paragraph, Table
from behaviours.reports.sections import (
    GroupSeries,
    bullets,
    comparison,
    cover,
    development_plan,
    how_to_read,
    numbers_table,
    summary,
)
from behaviours.results.model import BehaviourResult

__all__ = ["agreement_text", "team_blocks"]

TEAM: GroupSeries = ("member", lambda b: b.score)


def agreement_text(b: BehaviourResult, threshold: float, min_n: int) -> str:
    """r*wg(J) in words: whether the scores can be read as one view (docs/scoring.md)."""
    a = b.agreement
    if a is not None and a.rwg_star is None and a.n >= 2:
        return f"not shown: {a.n} people, and agreement needs at least {min_n}"
    if a is None or a.rwg_star is None:
        return "not enough answers"
    if a.disagreement:
        return f"{fmt(a.rwg_star)}: views differ (below {fmt(threshold)})"
    return f"{fmt(a.rwg_star)}: broadly agree"


def _range(b: BehaviourResult) -> str:
    s = b.score
    return "–" if s.min is None or s.max is None else f"{fmt(s.min, 1)} to {fmt(s.max, 1)}"


def _agreement(ctx: ReportContext) -> list[Block]:
    settings = ctx.result.settings
    threshold = settings.rwg_threshold

    def key(b: BehaviourResult) -> tuple[float, str]:
        rwg = b.agreement.rwg_star if b.agreement and b.agreement.rwg_star is not None else 2.0
        return rwg, b.id

    rows = tuple(
        (
            ctx.label(b.id),
            fmt(b.score.mean),
            fmt(b.score.sd),
            _range(b),
            agreement_text(b, threshold, settings.min_rwg_raters),
        )
        for b in sorted(ctx.result.behaviours, key=key)
    )
    return [
        PageBreak(),
        Heading("Where we agree and where we do not"),
        Paragraph.of(
            "Agreement (r*wg) compares how much members' answers to each indicator vary with "
            "how much they would vary if everyone answered at random: 1 means everyone gave the "
            "same answer, 0 means no more agreement than chance, below 0 the team is split. "
            f"Below {fmt(threshold)} the team mean hides different experiences: treat it as a "
            "conversation to have, not a score to trust. It is shown from "
            f"{settings.min_rwg_raters} members. Behaviours are listed from least to most "
            "agreement."
        ),
        Table(
            ("Behaviour", "Team mean", "Spread (SD)", "Range", "Agreement (r*wg)"),
            rows,
            (2.2, 1, 1, 1.2, 2.2),
            ("left", "right", "right", "right", "left"),
        ),
    ]


def _questions(ctx: ReportContext) -> list[Block]:
    r = ctx.result
    disagree = [b for b in r.behaviours if b.agreement and b.agreement.disagreement]
    asks: list[str] = []
    for b in disagree:
        title = ctx.title(b.id)
        asks.append(
            f"{title}: our scores range from {_range(b)}. What do those who rate it highly see "
            "that others do not, and what would it look like here on a good day?"
        )
    for behaviour_id in r.development_areas:
        for q in ctx.behaviour(behaviour_id).development.questions[:2]:
            asks.append(f"{ctx.title(behaviour_id)}: {q.text}")
    for behaviour_id in r.strengths[:1]:
        asks.append(
            f"{ctx.title(behaviour_id)} is where we rate ourselves highest. How do we keep it "
            "up when we are under pressure, and how could it help us elsewhere?"
        )
    asks.append(
        "If we each changed one thing we do next week, which change would the people we "
        "serve notice first?"
    )
    return [
        Heading("Questions for the team conversation", 2),
        Paragraph.of(
            "Start with where views differ: the differences are information about how it feels "
            "to work here, not errors to average away."
        ),
        *bullets(asks),
    ]


def _withheld(n: int, min_team: int) -> Block:
    return Paragraph.of(
        f"The team's figures are withheld: {n} member{'s' if n != 1 else ''} responded, and "
        f"at least {min_team} are needed before team figures are shown, so that no member "
        "can work out another's answers from the team's mean, range or distribution. "
        "Comments are withheld for the same reason. Ask more of the team to respond, or "
        "talk the behaviours through together instead."
    )


# A full team is scored item first (docs/scoring.md): its figures are made of each
# indicator's answers, so the words say so; with one item per behaviour they are the same.
_MEAN_AND_SPREAD = {
    "quick": (
        ("Team mean", "The mean of members' ratings of a behaviour; each member counts once."),
        ("Spread (SD) and range", "How far apart members' ratings are; the lowest and highest."),
    ),
    "full": (
        (
            "Team mean",
            "The mean of the indicators' means, each over the members who answered it.",
        ),
        (
            "Spread (SD) and range",
            "How far apart members' answers to an indicator typically are; the lowest and "
            "highest answer to any of the behaviour's indicators.",
        ),
    ),
}


def _glossary(ctx: ReportContext) -> list[tuple[str, str]]:
    """The how-to-read page's terms for a team assessment, with this result's thresholds."""
    r = ctx.result
    return [
        _MEAN_AND_SPREAD[r.detail][0],
        _MEAN_AND_SPREAD[r.detail][1],
        (
            "95% interval",
            "Where the team mean would probably fall if the same team answered "
            "again; wide when the team is small or views differ.",
        ),
        (
            "Agreement (r*wg)",
            f"1 means everyone gave the same answer, 0 no more than chance, below 0 a split. "
            f"Below {fmt(r.settings.rwg_threshold)} members disagree: discuss, do not average. "
            f"Shown from {r.settings.min_rwg_raters} members.",
        ),
        (
            "Small sample",
            f"A note beside figures that rest on fewer than {r.settings.caution_below} "
            "people: one person can move them a long way.",
        ),
        ("Distribution", "How many answers fell at each point of the scale."),
        (
            "No score",
            f"Shown when fewer than {round(r.settings.min_item_fraction * 100)}% of "
            "a behaviour's items were answered; it is not a score of zero.",
        ),
        (
            "Charts",
            "The web (radar) shows every behaviour, the bars rank them; the table "
            "prints the same numbers.",
        ),
    ]


def team_blocks(ctx: ReportContext) -> list[Block]:
    """Cover, how to read, summary, agreement and questions, behaviours, plan, comparison."""
    r = ctx.result
    full = r.detail == "full"
    n = r.respondents.get("member", sum(r.respondents.values()))
    kind = f"Team assessment: {n} members each rated how the team as a whole shows each " + (
        "indicator" if full else "behaviour"
    )
    if n < r.settings.min_team:
        return [*cover(ctx, kind), _withheld(n, r.settings.min_team)]
    table = numbers_table(
        ctx,
        [TEAM],
        [
            ("SD", lambda b: fmt(b.score.sd)),
            ("n", lambda b: str(b.score.n)),
            ("r*wg", lambda b: fmt(b.agreement.rwg_star if b.agreement else None)),
        ],
    )
    blocks: list[Block] = [
        *cover(ctx, kind),
        *how_to_read(ctx, _glossary(ctx)),
        *summary(ctx, [TEAM], table, "How the team sees itself, behaviour by behaviour."),
        *_agreement(ctx),
        *_questions(ctx),
        PageBreak(),
    ]
    threshold, min_n = r.settings.rwg_threshold, r.settings.min_rwg_raters
    for b in r.behaviours:
        caution = small_sample_text(ctx, [("the team", b.score)])
        agreement = f"Agreement: {agreement_text(b, threshold, min_n)}."
        note = Paragraph.of(f"{agreement} {caution}".strip(), "note")
        blocks += behaviour_section(
            ctx,
            b,
            [TEAM],
            who="Team mean",
            distribution_groups=[TEAM],
            item_columns=[("Team mean", "score")] if full else (),
            notes=[
                note,
                *comments_table(ctx, b),
            ],
        )
    blocks += comparison(ctx, TEAM)
    blocks += development_plan(ctx, who="we")
    return blocks
