"""The 360 feedback report: self against others and each group shown, gaps, comments.

Everything printed comes from the scoring result, which already folds groups
too small to show and withholds figures that could expose one rater; this view
never prints a respondent id, never names a folded group, and prints comments
only as the result gives them (unattributed, in its own order).
"""

from __future__ import annotations

from collections.abc import Callable

from behaviours.reports.caution import small_sample_text
from behaviours.reports.context import GROUP_LABELS, ReportContext, fmt, fmt_signed, stat_text
from behaviours.reports.detail import behaviour_section, comments_table
from behaviours.reports.document import (
    Block,
    Callout,
    Heading,
    KeepTogether,
    PageBreak,
    Paragraph,
    Table,
)
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
from behaviours.reports.team import agreement_text
from behaviours.results.model import BehaviourResult, Stats

__all__ = ["confidentiality", "feedback_blocks"]

OTHERS: GroupSeries = ("others", lambda b: b.score)


def _group(name: str) -> GroupSeries:
    def get(b: BehaviourResult) -> Stats | None:
        return b.groups.get(name)

    return name, get


def _reading(ctx: ReportContext) -> Callable[[BehaviourResult], str]:
    def reading(b: BehaviourResult) -> str:
        if b.flag == "blind_spot":
            return "Possible blind spot"
        if b.flag == "hidden_strength":
            return "Hidden strength"
        return "–" if b.gap is None else "Close"

    return reading


def confidentiality(ctx: ReportContext) -> Callout:
    """Who sees the report and how the raters' anonymity is protected, in plain words."""
    r = ctx.result
    k = r.settings.min_raters
    shown = [f"{GROUP_LABELS.get(g, g)} ({r.respondents.get(g, 0)})" for g in ctx.groups]
    manager = (
        "The manager's ratings are shown on their own, as agreed when this 360 was set up."
        if "manager" in ctx.groups
        else "The manager's ratings, if any, are included in 'All others', not shown alone."
    )
    return Callout(
        "Confidential: who sees this report and how raters are protected",
        (
            Paragraph.of(
                f"This report is written for {ctx.name}. It is theirs to share, for example "
                "with a coach or their manager; the people who gave feedback do not see it."
            ),
            Paragraph.of(
                f"A group of raters is shown on its own only when at least {k} people in it "
                f"answered (the minimum group size applied to this report: {k}). Smaller groups "
                "are combined into 'All others', and so are further groups where needed, so "
                "that no small group can be worked out by subtracting one figure from another. "
                + manager
            ),
            Paragraph.of(
                "Groups shown on their own: "
                + (", ".join(shown) if shown else "none (all raters are combined)")
                + f". All others: {r.respondents.get('others', 0)} raters. Comments are printed "
                "without names, in an order that does not follow when they were written. No "
                "one rater's answers can be read from this report."
            ),
        ),
    )


def _gaps(ctx: ReportContext) -> list[Block]:
    r = ctx.result
    fb = r.feedback360
    if fb is None or not fb.has_self:
        return [
            PageBreak(),
            Heading("Self and others"),
            Paragraph.of("There is no self-assessment, so this report shows no gaps."),
        ]
    t = fmt(r.settings.gap_threshold)
    behaviours = sorted(r.behaviours, key=lambda b: (b.gap is None, -(b.gap or 0.0), b.id))
    rows = tuple(
        (
            ctx.label(b.id),
            stat_text(b.groups.get("self")),
            stat_text(b.score),
            fmt_signed(b.gap),
            _reading(ctx)(b),
        )
        for b in behaviours
    )
    blocks: list[Block] = [
        PageBreak(),
        Heading("Self and others"),
        Paragraph.of(
            f"The gap is your score minus the score from all others. Where you rate yourself at "
            f"least {t} scale points above others, it may be a blind spot: something others do "
            f"not yet see in what you do. Where others rate you at least {t} points above "
            "yourself, it may be a hidden strength."
        ),
        Table(
            ("Behaviour", "Self", "All others", "Gap", "Reading"),
            rows,
            (2.4, 0.9, 1.1, 0.9, 1.8),
            ("left", "right", "right", "right", "left"),
        ),
    ]
    for title, ids, empty in (
        ("Possible blind spots", fb.blind_spots, "None: no behaviour reaches the threshold."),
        ("Hidden strengths", fb.hidden_strengths, "None: no behaviour reaches the threshold."),
    ):
        blocks.append(Heading(title, 2))
        blocks += bullets([ctx.title(i) for i in ids]) if ids else [Paragraph.of(empty)]
    return blocks


def _item_stats(ctx: ReportContext, item_id: str) -> tuple[str, Stats | None]:
    for b in ctx.result.behaviours:
        if b.id == item_id:
            return ctx.behaviour(b.id).observer_prompt.text, b.score
        for item in b.items:
            if item.id == item_id:
                return ctx.item_text(item.id), item.score
    return item_id, None


def _items(ctx: ReportContext) -> list[Block]:
    fb = ctx.result.feedback360
    if fb is None:
        return []
    blocks: list[Block] = [Heading("Highest and lowest rated items", 2)]
    for title, ids in (
        ("Highest rated by others", fb.top_items),
        ("Lowest rated by others", fb.bottom_items),
    ):
        rows = []
        for item_id in ids:
            text, stats = _item_stats(ctx, item_id)
            rows.append((text, ctx.item_behaviour(item_id), stat_text(stats)))
        blocks.append(
            Table(
                ("Item", "Behaviour", "All others"),
                tuple(rows),
                (4, 1.6, 1),
                ("left", "left", "right"),
                caption=title,
            )
        )
    return blocks


def _agreement(ctx: ReportContext) -> list[Block]:
    settings = ctx.result.settings
    threshold, min_n = settings.rwg_threshold, settings.min_rwg_raters
    rows = tuple(
        (
            ctx.label(b.id),
            str(b.agreement.n if b.agreement else 0),
            agreement_text(b, threshold, min_n),
        )
        for b in ctx.result.behaviours
    )
    return [
        KeepTogether(
            (
                Heading("Rater agreement", 2),
                Paragraph.of(
                    f"How much the other raters agree with each other (r*wg: 1 all alike, 0 no "
                    f"more than chance, below 0 split). Below {fmt(threshold)} they see you "
                    "differently, perhaps because you behave differently with different "
                    "people: worth exploring before acting on the mean. It is shown from "
                    f"{min_n} raters."
                ),
                Table(
                    ("Behaviour", "Raters", "Agreement (r*wg)"),
                    rows,
                    (2.4, 0.8, 2.6),
                    ("left", "right", "left"),
                ),
            )
        )
    ]


def _glossary(ctx: ReportContext) -> list[tuple[str, str]]:
    """The how-to-read page's terms for a 360, with this result's thresholds."""
    settings = ctx.result.settings
    t, k = fmt(settings.gap_threshold), settings.min_raters
    return [
        ("Self", "Your own ratings."),
        (
            "All others",
            "The mean over every colleague who rated you (not you); each rater "
            "counts once however many items they answered.",
        ),
        (
            "Role groups",
            f"Managers, peers, direct reports or other colleagues, shown only when "
            f"at least {k} of them answered; otherwise they are part of 'All others'.",
        ),
        (
            "Gap",
            f"Self minus all others, over the items you both answered. A possible blind spot: "
            f"you at least {t} above others. "
            f"A hidden strength: others at least {t} above you.",
        ),
        ("95% interval", "Where the mean would probably fall with other raters like these."),
        (
            "Agreement (r*wg)",
            f"1: raters agree completely; 0: no more than chance; below 0: split. Below "
            f"{fmt(settings.rwg_threshold)} raters see you differently.",
        ),
        (
            "Small sample",
            f"A note beside figures that rest on fewer than {settings.caution_below} "
            "people: one person can move them a long way.",
        ),
        ("Withheld", "A figure left out because it could reveal one person's answers."),
        (
            "Charts",
            "The web (radar) shows self and all others; the bars rank all others' "
            "scores; the tables print every number.",
        ),
    ]


def _rated_by(b: BehaviourResult, series: list[GroupSeries]) -> list[tuple[str, Stats | None]]:
    """The rater groups' figures of ``b`` (not the self's), by the label a reader sees."""
    return [(GROUP_LABELS.get(g, g), get(b)) for g, get in series if g != "self"]


def _behaviour_sections(
    ctx: ReportContext, series: list[GroupSeries], has_self: bool
) -> list[Block]:
    """A section per behaviour: its figures by group, the gap in words, its comments."""
    r = ctx.result
    item_columns = [("Self", "self")] if has_self else []
    item_columns.append(("All others", "score"))
    blocks: list[Block] = []
    for b in r.behaviours:
        caution = small_sample_text(ctx, _rated_by(b, series))
        gap_note = [Paragraph.of(caution, "note")] if caution else []
        if b.gap is not None:
            gap_note = [
                Paragraph.of(
                    f"Gap (self − others): {fmt_signed(b.gap)}. {_reading(ctx)(b)}. Agreement: "
                    f"{agreement_text(b, r.settings.rwg_threshold, r.settings.min_rwg_raters)}. "
                    f"{caution}".strip(),
                    "note",
                )
            ]
        blocks += behaviour_section(
            ctx,
            b,
            series,
            who="All others",
            distribution_groups=[g for g in series if g[0] != "self"],
            item_columns=item_columns,
            item_counts=r.detail == "full",
            notes=[
                *gap_note,
                *comments_table(ctx, b),
            ],
        )
    return blocks


def feedback_blocks(ctx: ReportContext) -> list[Block]:
    """Cover with notice, how to read, summary, gaps, items, agreement, behaviours, plan."""
    r = ctx.result
    fb = r.feedback360
    has_self = fb is not None and fb.has_self
    series = ([_group("self")] if has_self else []) + [_group(g) for g in ctx.groups] + [OTHERS]
    detail = "full: every indicator" if r.detail == "full" else "quick: one item per behaviour"
    table = numbers_table(ctx, series, [("Gap", lambda b: fmt_signed(b.gap))])
    radar_series = ([_group("self")] if has_self else []) + [OTHERS]
    return [
        *cover(
            ctx,
            f"360 feedback ({detail}): self-assessment and ratings by colleagues",
            [confidentiality(ctx)],
        ),
        *how_to_read(ctx, _glossary(ctx)),
        *summary(
            ctx,
            radar_series,
            table,
            "How you see yourself and how colleagues see you, behaviour by behaviour.",
        ),
        *_gaps(ctx),
        *_items(ctx),
        *_agreement(ctx),
        PageBreak(),
        *_behaviour_sections(ctx, series, has_self),
        *comparison(ctx, OTHERS),
        *development_plan(ctx),
    ]
