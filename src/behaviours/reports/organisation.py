"""The organisation's self-evaluation report: its ratings on every scale, evidence and plan.

What a partner takes to its own board and brings to the partnership's annual
review: a cover, the how-to-read page (every scale with its labels, every
figure), a summary of each behaviour on each scale with the behaviours where
the rating runs ahead of the confidence in it, a page per behaviour with its
evidence and plan, and the whole plan in date order. Layout only: every number
is read from the ``EvaluationResult``.
"""

from __future__ import annotations

from behaviours.frameworks.evaluations import on_scale
from behaviours.frameworks.model import Framework
from behaviours.reports.context import ReportContext, fmt, fmt_date, stat_text
from behaviours.reports.document import (
    Block,
    Callout,
    Document,
    Heading,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    aligned,
)
from behaviours.reports.sections import bullets
from behaviours.results.model import Result, ScaleInfo
from behaviours.results.organisation import EvaluationResult, PlanEntry

__all__ = ["evaluation_document", "scale_table", "titles"]

KIND_LABEL = "Organisation self-evaluation"


def titles(framework: Framework) -> tuple[str, str]:
    """What the framework's behaviours are called, one and many: 'principle', 'principles'."""
    one = {"values": "value", "principles": "principle", "ways-of-working": "way of working"}
    noun = one.get(framework.kind, "behaviour")
    return noun, "ways of working" if noun == "way of working" else noun + "s"


def scale_table(scale: ScaleInfo) -> Table:
    """A scale's points and labels, as the how-to-read page prints it."""
    rows = [(str(v), label) for v, label in zip(scale.values, scale.labels, strict=True)]
    if scale.not_able_to_say:
        rows.append(("–", f"{scale.not_able_to_say} (recorded, never scored)"))
    return Table(
        ("Rating", "Meaning"), tuple(rows), (1, 4), ("center", "left"), caption=f"{scale.title}"
    )


def _figure(ctx: ReportContext, result: Result, behaviour_id: str) -> str:
    stats = result.behaviour(behaviour_id).score
    text = stat_text(stats)
    if stats.mean is None:
        return text
    return f"{text} ({ctx.nearest_label(result.behaviour(behaviour_id), stats.mean)})"


def _contexts(r: EvaluationResult, framework: Framework) -> dict[str, ReportContext]:
    return {s: ReportContext(r.results[s], on_scale(framework, s)) for s in r.scales}


def _cover(r: EvaluationResult, framework: Framework) -> list[Block]:
    people = sum(r.results[r.scales[0]].respondents.values())
    asked = " and ".join(r.results[s].scales[s].title.lower() for s in r.scales)
    _, many = titles(framework)
    shown = (
        "Yes: its figures are printed under its name in the partnership report."
        if r.shown_alone
        else f"No: its figures appear only within figures over at least "
        f"{r.settings.min_partners} partners."
    )
    return [
        Paragraph.of(KIND_LABEL.upper(), "kicker"),
        Paragraph.of(r.subject.name, "title"),
        Paragraph.of(f"{framework.title} · version {framework.version}", "lead"),
        Spacer(10),
        Table(
            ("About this report", ""),
            (
                ("Partnership", r.partnership),
                ("Round", r.round),
                (
                    "Framework",
                    f"{framework.title} (version {framework.version}, id {framework.id})",
                ),
                ("Self-evaluation", f"each of the {many} rated for {asked}"),
                ("Date", fmt_date(r.assessed_on)),
                ("People who answered", str(people)),
                ("Shown by name", shown),
            ),
            (1.3, 3.0),
            ("left", "left"),
        ),
        Paragraph.of(framework.summary.text),
        Paragraph.of(
            f"Framework source: {framework.source.title}, {framework.source.publisher}.", "small"
        ),
    ]


def _how_to_read(r: EvaluationResult, framework: Framework) -> list[Block]:
    noun, _ = titles(framework)
    blocks: list[Block] = [PageBreak(), Heading("How to read this report")]
    blocks += [scale_table(r.results[s].scales[s]) for s in r.scales]
    people = sum(r.results[r.scales[0]].respondents.values())
    figures = [
        (
            "Rating",
            f"The organisation's rating of a {noun} on a scale, and the nearest label. "
            + (
                "One response: the organisation's own, agreed view."
                if people == 1
                else f"The mean of the {people} people who answered; each counts once."
            ),
        ),
        ("0-100", "The rating placed on 0 (the lowest point) to 100 (the highest)."),
        (
            "Confidence gap",
            f"The rating on 0-100 minus the confidence on 0-100. At "
            f"{fmt(r.settings.confidence_gap, 0)} or more the rating runs ahead of the "
            "evidence for it: a conversation to have before the rating is relied on.",
        ),
        ("Evidence", "What the organisation gave as evidence, as written."),
        ("Plan", "What we will do, how we will know, by when and who leads it."),
        (
            "Withheld",
            f"Shown when fewer than {r.results[r.scales[0]].settings.min_team} people answered "
            "separately: each could read the other's answers from the figures. Agree one "
            "response together instead.",
        ),
    ]
    blocks.append(Heading("What the figures mean", 2))
    blocks.append(
        Table(("Figure", "What it means"), tuple(figures), (1.3, 4.2), aligned("left", 2))
    )
    return blocks


def _summary(r: EvaluationResult, framework: Framework) -> list[Block]:
    ctxs = _contexts(r, framework)
    noun, many = titles(framework)
    header = (
        noun.capitalize(),
        *(r.results[s].scales[s].title for s in r.scales),
        "Confidence gap",
    )
    rows = []
    for b in framework.behaviours:
        cells = [_figure(ctxs[s], r.results[s], b.id) for s in r.scales]
        flag = "yes: talk it through" if b.id in r.confidence_gaps else ""
        rows.append((b.label, *cells, flag))
    blocks: list[Block] = [
        PageBreak(),
        Heading("Summary"),
        Paragraph.of(f"Each of the {many} on each scale, in the framework's order."),
        Table(
            header, tuple(rows), (2.0, *([2.0] * len(r.scales)), 1.2), aligned("left", len(header))
        ),
    ]
    if r.confidence is not None:
        gaps = [framework.behaviour(b).title.text for b in r.confidence_gaps]
        blocks.append(Heading("Where the rating runs ahead of the confidence", 2))
        blocks += (
            bullets(gaps)
            if gaps
            else [Paragraph.of(f"No {noun} is rated well ahead of the confidence in its rating.")]
        )
    return blocks


def _plan_rows(plans: list[PlanEntry], framework: Framework) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            framework.behaviour(p.behaviour_id).label,
            p.what or "–",
            p.measure or "–",
            fmt_date(p.by) if p.by else "–",
            p.who or "–",
        )
        for p in plans
    )


_PLAN_HEADER = ("", "What we will do", "How we will know", "By when", "Who")


def _behaviour(r: EvaluationResult, framework: Framework, behaviour_id: str) -> list[Block]:
    b = framework.behaviour(behaviour_id)
    ctxs = _contexts(r, framework)
    rows = []
    for s in r.scales:
        stats = r.results[s].behaviour(b.id).score
        rows.append(
            (
                r.results[s].scales[s].title,
                _figure(ctxs[s], r.results[s], b.id),
                fmt(stats.normalised, 0),
                str(stats.n),
                str(stats.n_not_able_to_say),
            )
        )
    blocks: list[Block] = [
        KeepTogether(
            (
                Heading(b.title.text, 2),
                Paragraph.of(b.description.text),
                Table(
                    ("Scale", "Rating", "0-100", "n", "Don't know"),
                    tuple(rows),
                    (1.4, 2.6, 0.7, 0.5, 0.9),
                    ("left", "left", "right", "right", "right"),
                ),
            )
        )
    ]
    if b.id in r.confidence_gaps:
        blocks.append(
            Paragraph.of(
                "The rating runs ahead of the confidence in it: what would make us sure?", "note"
            )
        )
    evidence = [e.text for e in r.evidence if e.behaviour_id == b.id]
    blocks.append(Heading("Evidence", 3))
    blocks += [Paragraph.of(t, "quote") for t in evidence] or [
        Paragraph.of("No evidence was given.", "note")
    ]
    plans = [p for p in r.plans if p.behaviour_id == b.id]
    blocks.append(Heading("Plan", 3))
    if plans:
        blocks.append(
            Table(
                _PLAN_HEADER[1:],
                tuple(row[1:] for row in _plan_rows(plans, framework)),
                (2.2, 2.2, 1.1, 1.2),
                aligned("left", 4),
            )
        )
    else:
        blocks.append(Paragraph.of("No plan was written.", "note"))
    return blocks


def _whole_plan(r: EvaluationResult, framework: Framework) -> list[Block]:
    noun, _ = titles(framework)
    plans = sorted(r.plans, key=lambda p: (p.by is None, p.by or r.assessed_on, p.behaviour_id))
    blocks: list[Block] = [PageBreak(), Heading("Our 12-month plan")]
    if not plans:
        return [*blocks, Paragraph.of("No plan was written.")]
    blocks.append(
        Paragraph.of(
            f"Every plan, soonest first; a plan without a date comes last. The first column "
            f"is the {noun}."
        )
    )
    blocks.append(
        Table(
            _PLAN_HEADER,
            _plan_rows(plans, framework),
            (1.3, 2.0, 2.0, 1.0, 1.1),
            aligned("left", 5),
        )
    )
    return blocks


def evaluation_document(result: EvaluationResult, framework: Framework) -> Document:
    """The organisation's self-evaluation report as plain data, before any PDF is drawn."""
    blocks: list[Block] = [
        *_cover(result, framework),
        *_how_to_read(result, framework),
        *_summary(result, framework),
        PageBreak(),
    ]
    for b in framework.behaviours:
        blocks += _behaviour(result, framework, b.id)
    blocks += _whole_plan(result, framework)
    blocks.append(
        Callout(
            "For the partnership's annual review",
            (
                Paragraph.of(
                    "Bring this report to the review: the partnership report shows every "
                    "partner's ratings together, and the plans are what the partnership will "
                    "ask about next year."
                ),
            ),
        )
    )
    date = result.assessed_on
    name = result.subject.name
    return Document(
        title=f"{KIND_LABEL}: {name}",
        author=framework.owner,
        subject=f"{framework.title} (version {framework.version}), {KIND_LABEL.lower()}",
        footer=f"{framework.id} v{framework.version} · {KIND_LABEL} · {result.round} · {name}",
        date=(date.year, date.month, date.day),
        blocks=tuple(blocks),
        keywords=(framework.id, f"version {framework.version}", "organisation"),
    )
