"""The framework quality report: which items work, which to change, in words a framework owner uses.

A ``FrameworkQuality`` (``behaviours.results.quality``) laid out as a
``Document``: an overview of every behaviour's consistency, then a page per
behaviour with its items ranked by how much they add to it, each flagged item
with what to do about it, and last how the figures are made. The view computes
no statistic; every number printed is a field of the model. It always reminds
the reader that an item whose meaning changes needs a new item id and a new
MAJOR version, so answers to the old wording are never pooled with the new.
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
    Run,
    Table,
    aligned,
)
from behaviours.reports.sections import bullets
from behaviours.results.quality import BehaviourQuality, FrameworkQuality, ItemQuality

__all__ = ["VERSION_REMINDER", "guidance", "quality_document"]

VERSION_REMINDER = (
    "Rewording an item so that it means something else makes it a different item: give it a "
    "new item id and the framework a new MAJOR version (1.4 to 2.0), so that answers to the "
    "old wording are never pooled, compared or trended with answers to the new. A clearer "
    "wording with the same meaning is a PATCH (1.4 to 1.4.1); a new item is a MINOR (1.5)."
)
_KINDS = {
    "quick": "quick self-assessments",
    "full": "full self-assessments",
    "team": "team assessments",
    "360": "360 feedback (raters' answers)",
}


def _sentence(text: str) -> str:
    """A model's lower-case phrase as a printed sentence."""
    return text[:1].upper() + text[1:] + "."


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def _n(value: int, small: bool) -> str:
    return f"{value}*" if small else str(value)


def guidance(item: ItemQuality) -> list[str]:
    """What to do about an item, one sentence per flag, in plain words."""
    said = []
    for flag in item.flags:
        if flag == "runs_against_keying" and item.reverse:
            said.append(
                "People answer this 'does not' item as if it described the behaviour itself: "
                "its keying or its negative wording is read the other way. Reword it as a plain "
                "statement of what the person does, or make it a 'does' indicator."
            )
        elif flag == "runs_against_keying":
            said.append(
                "This item runs against the rest of its behaviour: those who rate the behaviour "
                "highly rate it low. Check that it describes the behaviour, not its opposite."
            )
        elif flag == "weak":
            said.append(
                f"It goes only loosely with the behaviour's other items (r = {fmt(item.r_drop)}, "
                "below 0.30): it may be about something else. Sharpen it, or move it to the "
                "behaviour it fits."
            )
        elif flag == "lowers_alpha":
            said.append(
                "The behaviour's alpha is higher without it "
                f"({fmt(item.alpha_if_dropped)}): rewording or dropping it would make the "
                "behaviour's score more consistent."
            )
        elif flag == "many_not_able_to_say":
            said.append(
                f"{_pct(item.not_able_to_say_share)} of respondents could not say: those around "
                "the person cannot see this. Describe something they can observe."
            )
        else:
            end = "top" if flag == "ceiling" else "bottom"
            said.append(
                f"Half or more of the ratings are at the {end} of the scale, which leaves no "
                "room to show change. Make it "
                + ("more demanding." if flag == "ceiling" else "less extreme.")
            )
    return said


def _overview(q: FrameworkQuality) -> list[Block]:
    agreement = q.kind in ("team", "360")
    header: tuple[str, ...] = ("Behaviour", "Items", "n", "Alpha", "95% interval", "Omega")
    header += ("Mean r", "Flags")
    widths: tuple[float, ...] = (2.0, 0.72, 0.55, 0.72, 1.15, 0.75, 0.72, 0.65)
    if agreement:
        header, widths = (*header, "ICC(1)", "ICC(2)"), (*widths, 0.7, 0.7)
    rows = []
    for b in q.behaviours:
        interval = "–" if b.alpha_ci_low is None else f"{fmt(b.alpha_ci_low)}–"
        row = [
            b.title,
            str(len(b.items)),
            _n(b.n_complete, b.small_sample),
            fmt(b.alpha),
            interval + ("" if b.alpha_ci_high is None else fmt(b.alpha_ci_high)),
            fmt(b.omega_total),
            fmt(b.mean_inter_item_r),
            str(sum(1 for i in b.items if i.flags)),
        ]
        if agreement:
            a = b.agreement
            row += [fmt(a.icc1 if a else None), fmt(a.icc2 if a else None)]
        rows.append(tuple(row))
    return [
        Heading("Every behaviour at a glance"),
        Paragraph.of(
            "Alpha and omega say how consistently a behaviour's items measure one thing: "
            "0.70 or more is usual for a score people act on; much above 0.90 can mean items "
            "that repeat each other. n is the respondents who rated every item of the "
            "behaviour; * marks fewer than 30, where a figure can move a lot next round."
            + (
                " ICC(1) is the share of the answers that is about the person rated rather "
                "than the rater; ICC(2) how reliable the mean of a subject's raters is."
                if agreement
                else ""
            )
        ),
        Table(
            header,
            tuple(rows),
            widths,
            ("left", *aligned("right", len(header) - 1)),
            compact_header=True,
        ),
    ]


def _cover(q: FrameworkQuality, framework: Framework) -> list[Block]:
    ref = q.framework
    facts = Table(
        ("About this analysis", ""),
        (
            ("Framework", f"{ref.title} (version {ref.version}, id {ref.id})"),
            ("Answers", f"{_KINDS[q.kind]}, {q.detail} items, up to {q.assessed_on.isoformat()}"),
            (
                "Respondents pooled",
                f"{_count(q.respondents, 'respondent')} rating {_count(q.subjects, 'subject')}",
            ),
            (
                "Left out",
                f"{_count(q.excluded_subjects, 'subject')} and "
                f"{_count(q.withheld_answers, 'answer')}",
            ),
        ),
        (1.3, 3.0),
        ("left", "left"),
    )
    notes = [Paragraph.of(_sentence(w)) for w in q.warnings]
    return [
        Paragraph.of("FRAMEWORK QUALITY REPORT", "kicker"),
        Paragraph.of(framework.title, "title"),
        Paragraph.of(
            "How the items worked for the people who answered them, and which to improve. "
            "It describes the framework over many respondents, never one person.",
            "lead",
        ),
        facts,
        *([Callout("Before you read the figures", tuple(notes))] if notes else []),
    ]


def _ranking(b: BehaviourQuality, agreement: bool) -> Table:
    """The items ranked by what they add, with their words: what to keep and what to change."""
    header: tuple[str, ...] = ("#", "Item", "Item-\nrest r", "Alpha\nwithout", "Adds")
    widths: tuple[float, ...] = (0.35, 4.4, 0.7, 0.75, 0.7)
    if agreement:
        header, widths = (*header, "ICC(1)"), (*widths, 0.7)
    rows = []
    for item in b.items:
        row = [
            "–" if item.rank is None else str(item.rank),
            f"{item.text}{' (does not)' if item.reverse else ''}{' ⚑' if item.flags else ''}",
            fmt(item.r_drop),
            fmt(item.alpha_if_dropped),
            fmt_signed(item.adds),
        ]
        if agreement:
            row.append(fmt(item.agreement.icc1 if item.agreement else None))
        rows.append(tuple(row))
    align = ("right", "left", *aligned("right", len(header) - 2))
    return Table(header, tuple(rows), widths, align, compact_header=True)


def _answers(b: BehaviourQuality) -> Table:
    """How each item was answered: where the ratings pile up, and who could not say."""
    header = ("#", "Item id", "n", "Mean", "SD", "Floor", "Ceiling", "Can't say")
    rows = tuple(
        (
            "–" if item.rank is None else str(item.rank),
            item.id,
            _n(item.n, item.small_sample),
            fmt(item.mean),
            fmt(item.sd),
            _pct(item.floor),
            _pct(item.ceiling),
            _pct(item.not_able_to_say_share),
        )
        for item in b.items
    )
    widths = (0.35, 3.0, 0.7, 0.7, 0.7, 0.7, 0.8, 0.9)
    return Table(header, rows, widths, ("right", "left", *aligned("right", 6)), compact_header=True)


def _advice(b: BehaviourQuality) -> list[Block]:
    flagged = [(i, guidance(i)) for i in b.items if i.flags]
    if not flagged:
        return [Paragraph.of("No item of this behaviour needs attention on these answers.")]
    blocks: list[Block] = [Heading("What to look at", 2)]
    for item, said in flagged:
        head = Paragraph((Run(item.id, bold=True), Run(f": {item.text}")))
        blocks.append(KeepTogether((head, *bullets(said))))
    return blocks


def _behaviour_page(b: BehaviourQuality, agreement: bool) -> list[Block]:
    figures = (
        f"Alpha {fmt(b.alpha)} (95% interval {fmt(b.alpha_ci_low)} to {fmt(b.alpha_ci_high)}), "
        f"omega {fmt(b.omega_total)}, mean inter-item correlation {fmt(b.mean_inter_item_r)}, "
        f"from {b.n_complete} respondents who rated every item"
        + (" (fewer than 30: read with care)." if b.small_sample else ".")
    )
    return [
        PageBreak(),
        Heading(b.title),
        Paragraph((Run(f"{b.id}. ", bold=True), Run(_sentence(b.reason) if b.reason else figures))),
        _ranking(b, agreement),
        Paragraph.of(
            "Items are ranked (#) by how much alpha they add (alpha minus alpha without the "
            "item); ⚑ marks an item with guidance below.",
            "small",
        ),
        *_advice(b),
        Heading("How the items were answered", 2),  # beside "What to look at", never below it
        _answers(b),
        Paragraph.of(
            "Mean and SD as answered (before reverse keying); floor, ceiling and can't say are "
            "shares of the item's answers; * marks fewer than 30.",
            "small",
        ),
    ]


def _method() -> list[Block]:
    return [
        PageBreak(),
        Heading("How the figures are made"),
        *bullets(
            [
                "Alpha: Cronbach (1951), k / (k - 1) × (1 - sum of item variances / variance of "
                "the total), after reverse keying. Its 95% interval is Feldt, Woodruff and "
                "Salih's (1987), from the F distribution.",
                "Omega total: McDonald (1999), from a one-factor minres solution.",
                "Item-rest r: the correlation of the item with the sum of the behaviour's other "
                "items, after keying. A negative value means the item runs the other way.",
                "Alpha, omega and correlations use the respondents who rated every item of the "
                "behaviour; item means, SDs and shares use every answer to the item.",
                "ICC(1) and ICC(2) (team and 360 data): Bliese (2000), from the one-way "
                "analysis of variance by subject, with the mean group size for unequal groups.",
            ]
        ),
        Paragraph.of("Every formula, with a worked example: docs/analysis.md.", "small"),
    ]


def quality_document(quality: FrameworkQuality, framework: Framework) -> Document:
    """The framework quality report as a ``Document``: a page per behaviour."""
    agreement = quality.kind in ("team", "360")
    blocks: list[Block] = [*_cover(quality, framework), *_overview(quality)]
    blocks.append(Callout("Changing an item", (Paragraph.of(VERSION_REMINDER),)))
    for b in quality.behaviours:
        blocks += _behaviour_page(b, agreement)
    blocks += _method()
    d = quality.assessed_on
    ref = quality.framework
    return Document(
        title=f"Framework quality report: {ref.title}",
        author=framework.owner,
        subject=f"{ref.title} (version {ref.version}), item analysis of {_KINDS[quality.kind]}",
        footer=f"{ref.id} v{ref.version} · framework quality report",
        date=(d.year, d.month, d.day),
        blocks=tuple(blocks),
        keywords=(ref.id, f"version {ref.version}", "item analysis"),
    )


def _count(n: int, noun: str) -> str:
    """``1 subject``, ``2 subjects``: a report reads as prose, not as a form."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")
