"""The partnership report for the annual review: every partner's self-evaluation, together.

For the Kirklees Compact it is the Compact Steering Group's report to the
board "on the use, impact and areas for improvement"; for the ICF, the
partnership-wide review of the self-evaluations. A cover naming who took part,
the how-to-read page (the scales, every figure, the rule that keeps a partner
who asked not to be shown alone out of sight), a summary of every principle on
every scale with the change since last year, where the partnership is less
sure than its ratings suggest, a page per principle with the distribution, and
questions for the review. Layout only: every number is the
``PartnershipResult``'s.
"""

from __future__ import annotations

from behaviours.frameworks.model import Framework
from behaviours.reports.context import fmt, fmt_signed
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
from behaviours.reports.organisation import scale_table, titles
from behaviours.reports.sections import bullets
from behaviours.results.partnership import PartnershipResult, PrincipleView, ScaleSummary

__all__ = ["partnership_document"]

KIND_LABEL = "Partnership review"


def _mean(s: ScaleSummary) -> str:
    if s.suppressed:
        return f"withheld (n = {s.n})"
    return "–" if s.mean is None else f"{fmt(s.mean)} (n = {s.n})"


def _change(s: ScaleSummary) -> str:
    return fmt_signed(s.change)


def _cover(p: PartnershipResult, framework: Framework) -> list[Block]:
    compared = f"round {p.previous_round}" if p.previous_round else "no earlier round given"
    named = ", ".join(p.shown_alone) or "none"
    return [
        Paragraph.of(KIND_LABEL.upper(), "kicker"),
        Paragraph.of(p.partnership, "title"),
        Paragraph.of(f"{framework.title} · version {framework.version} · round {p.round}", "lead"),
        Spacer(10),
        Table(
            ("About this report", ""),
            (
                ("Partnership", p.partnership),
                ("Round", p.round),
                (
                    "Framework",
                    f"{framework.title} (version {framework.version}, id {framework.id})",
                ),
                ("Compared with", compared),
                ("Partners taking part", f"{len(p.partners)}: {', '.join(p.partners)}"),
                ("Shown by name", named),
            ),
            (1.3, 3.0),
            ("left", "left"),
        ),
        Paragraph.of(
            "Each partner organisation evaluated itself on the framework, rating each "
            f"{titles(framework)[0]} on every scale, with its evidence and a plan for the next "
            "twelve months. This report puts the partners' ratings together for the "
            "partnership's annual review of how the framework is used, its impact and where "
            "to improve."
        ),
    ]


def _how_to_read(p: PartnershipResult, framework: Framework) -> list[Block]:
    noun, _ = titles(framework)
    figures = (
        ("Partners (n)", f"Partners with a rating of the {noun} on the scale; each counts once."),
        ("Mean", "The mean of the partners' own ratings (each partner's headline figure)."),
        (
            "Distribution",
            "How many partners' ratings are nearest each point of the scale (half way counts "
            "at the higher point).",
        ),
        (
            "Withheld",
            f"A figure including 1 to {p.settings.min_partners - 1} partners who asked not to "
            "be shown alone is withheld: the named partners' figures could be subtracted "
            f"from it. With {p.settings.min_partners} or more such partners it is shown.",
        ),
        (
            "Confidence gap",
            "The partnership's mean rating on 0-100 minus its mean confidence on 0-100; at "
            f"{fmt(p.settings.confidence_gap, 0)} or more the partnership rates the {noun} "
            "higher than it is sure of: a conversation to have. 'Partners flagged' counts "
            "partners whose own gap is that large.",
        ),
        (
            "Change",
            "This round's mean minus the previous round's, each as published; partners may "
            "differ between rounds, so read it with both n.",
        ),
    )
    return [
        PageBreak(),
        Heading("How to read this report"),
        *(scale_table(s) for s in p.scales),
        Heading("What the figures mean", 2),
        Table(("Figure", "What it means"), figures, (1.3, 4.2), aligned("left", 2)),
    ]


def _summary(p: PartnershipResult, framework: Framework) -> list[Block]:
    noun, many = titles(framework)
    header: list[str] = [noun.capitalize()]
    for info in p.scales:
        header += [info.title, "Change"] if p.previous_round else [info.title]
    if p.confidence is not None:
        header += ["Confidence gap", "Partners flagged"]
    rows = []
    for view in p.principles:
        cells = [framework.behaviour(view.behaviour_id).label]
        for s in view.scales:
            cells += [_mean(s), _change(s)] if p.previous_round else [_mean(s)]
        if p.confidence is not None:
            gap = fmt(view.confidence_gap, 0)
            cells.append(f"{gap}: talk it through" if view.flagged else gap)
            cells.append("withheld" if view.gap_partners is None else str(view.gap_partners))
        rows.append(tuple(cells))
    widths = (1.8, *([1.4] * (len(header) - 1)))
    return [
        PageBreak(),
        Heading("Summary"),
        Paragraph.of(f"Each of the {many} on each scale, over the partners."),
        Table(
            tuple(header), tuple(rows), widths, aligned("left", len(header)), compact_header=True
        ),
    ]


def _unsure(p: PartnershipResult, framework: Framework) -> list[Block]:
    if p.confidence is None:
        return []
    noun, _ = titles(framework)
    flagged = [v for v in p.principles if v.flagged]
    lines = [
        f"{framework.behaviour(v.behaviour_id).title.text}: confidence gap "
        f"{fmt(v.confidence_gap, 0)} points"
        + (
            f"; {v.gap_partners} partner(s) flagged in their own evaluation"
            if v.gap_partners
            else ""
        )
        for v in flagged
    ]
    return [
        Heading("Where the partnership is less sure than its ratings", 2),
        *(
            bullets(lines)
            if lines
            else [
                Paragraph.of(
                    f"No {noun} is rated well ahead of the partnership's confidence in it."
                )
            ]
        ),
    ]


def _distribution(p: PartnershipResult, view: PrincipleView) -> Table:
    """Partners at each point, one column per scale (a withheld scale says so in every row)."""
    depth = max(len(scale.values) for scale in p.scales)
    rows = []
    for i in range(depth):
        cells = []
        for scale, s in zip(p.scales, view.scales, strict=True):
            if i >= len(scale.values):
                cells.append("")
            elif s.counts is None:
                cells.append(
                    f"{scale.values[i]} {scale.labels[i]}: " + ("withheld" if s.suppressed else "–")
                )
            else:
                cells.append(f"{scale.values[i]} {scale.labels[i]}: {s.counts[i]}")
        rows.append(tuple(cells))
    header = tuple(f"{scale.title}: partners at each point" for scale in p.scales)
    return Table(header, tuple(rows), (1.0,) * len(header), aligned("left", len(header)))


def _means_line(p: PartnershipResult, view: PrincipleView) -> Paragraph:
    parts = []
    for scale, s in zip(p.scales, view.scales, strict=True):
        text = f"{scale.title} {_mean(s)}"
        if p.previous_round:
            before = f"{fmt(s.previous_mean)} (n = {s.previous_n})"
            text += f", round {p.previous_round} {before}, change {_change(s)}"
        parts.append(text)
    gap = "" if view.confidence_gap is None else f"; confidence gap {fmt(view.confidence_gap, 0)}"
    flagged = "" if view.gap_partners is None else f"; partners flagged {view.gap_partners}"
    return Paragraph.of("Mean: " + "; ".join(parts) + gap + flagged + ".", "note")


def _principle(p: PartnershipResult, framework: Framework, view: PrincipleView) -> list[Block]:
    b = framework.behaviour(view.behaviour_id)
    blocks: list[Block] = [
        KeepTogether(
            (
                Heading(b.title.text, 2),
                Paragraph.of(b.description.text),
                _means_line(p, view),
                _distribution(p, view),
            )
        )
    ]
    names = sorted({f.organisation for s in view.scales for f in s.named}, key=str.casefold)
    if names:
        figures = [{f.organisation: f.mean for f in s.named} for s in view.scales]
        rows = tuple((name, *(fmt(f.get(name)) for f in figures)) for name in names)
        header = ("Shown by name", *(scale.title for scale in p.scales))
        blocks.append(
            Table(
                header,
                rows,
                (2.4, *([1.0] * len(p.scales))),
                ("left", *aligned("right", len(p.scales))),
            )
        )
    return blocks


def _questions(p: PartnershipResult, framework: Framework) -> list[Block]:
    noun, _ = titles(framework)
    asks = [
        f"{framework.behaviour(v.behaviour_id).title.text}: what evidence would make partners as "
        "sure of this as their ratings suggest?"
        for v in p.principles
        if v.flagged
    ]
    asks += [
        f"Which {noun} has the widest spread of partners' ratings, and what do the partners "
        "who rate it highest do that others could learn from?",
        "Which partners' plans depend on another partner, and has that partner agreed?",
        "What challenges were raised under the framework this year, and what changed as a result?",
    ]
    return [PageBreak(), Heading("Questions for the annual review"), *bullets(asks)]


def partnership_document(result: PartnershipResult, framework: Framework) -> Document:
    """The partnership report as plain data, before any PDF is drawn."""
    blocks: list[Block] = [
        *_cover(result, framework),
        *_how_to_read(result, framework),
        *_summary(result, framework),
        *_unsure(result, framework),
        PageBreak(),
        Heading("Principle by principle" if framework.kind == "principles" else "One by one"),
    ]
    for view in result.principles:
        blocks += _principle(result, framework, view)
    blocks += _questions(result, framework)
    blocks.append(
        Callout(
            "Partners' own reports",
            (
                Paragraph.of(
                    "Each partner has its own self-evaluation report with its ratings, evidence "
                    "and plan. This report never shows a partner that asked not to be shown "
                    "alone, on its own or by subtraction."
                ),
            ),
        )
    )
    return Document(
        title=f"{KIND_LABEL}: {result.partnership} {result.round}",
        author=framework.owner,
        subject=f"{framework.title} (version {framework.version}), {KIND_LABEL.lower()}",
        footer=f"{framework.id} v{framework.version} · {KIND_LABEL} · {result.partnership} "
        f"· {result.round}",
        date=_date(result),
        blocks=tuple(blocks),
        keywords=(framework.id, f"version {framework.version}", "partnership"),
    )


def _date(result: PartnershipResult) -> tuple[int, int, int]:
    return result.assessed_on.year, result.assessed_on.month, result.assessed_on.day
