"""What every section needs to know about one report, worked out once.

A ``ReportContext`` joins a result to its framework: behaviour titles, item
texts, the groups to show and in what order, and how to print a number. The
section builders read it instead of each re-deriving the same lookups, and it
holds no reportlab: it is layout data, like ``document``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from behaviours.frameworks.kinds import RATER_ROLES, ROLE_LABELS
from behaviours.frameworks.model import Behaviour, Framework
from behaviours.reports.document import Marker
from behaviours.results.model import BehaviourResult, Comparison, Result, ScaleInfo, Stats

__all__ = [
    "GROUP_LABELS",
    "KIND_LABELS",
    "ReportContext",
    "fmt",
    "fmt_date",
    "fmt_signed",
    "stat_text",
]

KIND_LABELS = {
    "quick": "Development report",
    "full": "Development report",
    "team": "Team report",
    "360": "360 feedback report",
}
GROUP_LABELS = {role: label.group for role, label in ROLE_LABELS.items()} | {"others": "All others"}
_MARKERS: tuple[Marker, ...] = ("diamond", "triangle")


def fmt(value: float | None, digits: int = 2) -> str:
    """A number as printed: fixed decimals, an en dash when there is none."""
    return "–" if value is None else f"{value:.{digits}f}"


def fmt_signed(value: float | None, digits: int = 2) -> str:
    """A difference with its sign always shown (a real minus sign)."""
    return "–" if value is None else f"{value:+.{digits}f}".replace("-", "−")


def fmt_date(date: datetime.date) -> str:
    """A date as people in the UK write it: 21 November 2025."""
    return f"{date.day} {date:%B %Y}"


def stat_text(stats: Stats | None) -> str:
    """A mean, or why there is none (never 0 for a missing score)."""
    if stats is None:
        return "–"
    if stats.suppressed:
        return "withheld"
    if stats.mean is None:
        return "too few answers" if stats.insufficient else "–"
    return fmt(stats.mean)


@dataclass(frozen=True)
class ReportContext:
    """A result with its framework (and its comparison with an earlier round), ready to lay out."""

    result: Result
    framework: Framework
    comparison: Comparison | None = None
    _items: dict[str, tuple[str, bool]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for b in self.framework.behaviours:
            for ind in b.indicators.does:
                self._items[ind.id] = (ind.text.text, False)
            for ind in b.indicators.does_not:
                self._items[ind.id] = (ind.text.text, True)
            self._items.setdefault(b.id, (b.quick_prompt.text, False))

    @property
    def kind_label(self) -> str:
        """The report's name, for the cover, the title and the footer."""
        return KIND_LABELS[self.result.kind]

    @property
    def name(self) -> str:
        """The subject's name exactly as typed (escaped later by the backend)."""
        return self.result.subject.name

    @property
    def scale(self) -> ScaleInfo:
        """The framework's default scale, as the result recorded it."""
        return self.result.scale

    def behaviour(self, behaviour_id: str) -> Behaviour:
        """The framework's behaviour: title, description, development suggestions."""
        return self.framework.behaviour(behaviour_id)

    def title(self, behaviour_id: str) -> str:
        """The behaviour's full title."""
        return self.behaviour(behaviour_id).title.text

    def label(self, behaviour_id: str) -> str:
        """The behaviour's short label for charts and tables."""
        return self.behaviour(behaviour_id).label

    def item_text(self, item_id: str) -> str:
        """The indicator's wording, marked when it is reverse keyed."""
        text, reverse = self._items.get(item_id, (item_id, False))
        return f"{text} (reverse scored)" if reverse else text

    def item_behaviour(self, item_id: str) -> str:
        """The title of the behaviour an item belongs to."""
        for b in self.framework.behaviours:
            if b.id == item_id or any(i.id == item_id for i in b.items):
                return b.label
        return ""

    @property
    def groups(self) -> list[str]:
        """Rater groups shown on their own in a 360, in a fixed role order."""
        if self.result.feedback360 is None:
            return []
        shown = set(self.result.feedback360.shown_groups)
        return [r for r in RATER_ROLES if r in shown]

    def tone(self, group: str) -> tuple[str, Marker]:
        """(palette tone, marker shape) for a group's series: never colour alone."""
        fixed: dict[str, tuple[str, Marker]] = {
            "self": ("self", "circle"),
            "others": ("others", "square"),
        }
        fixed["member"] = ("team", "circle")
        if group in fixed:
            return fixed[group]
        index = self.groups.index(group) if group in self.groups else 0
        return f"group{index + 1}", _MARKERS[index % len(_MARKERS)]

    def nearest_label(self, behaviour: BehaviourResult, value: float | None) -> str:
        """The scale label nearest a mean, to read a number in words."""
        if value is None:
            return ""
        scale = self.result.scale_for(behaviour.id)
        nearest = min(range(len(scale.values)), key=lambda i: (abs(scale.values[i] - value), i))
        return scale.labels[nearest]

    def ranked(self) -> list[BehaviourResult]:
        """Behaviours by headline score, highest first; ties and missing scores by id."""
        return sorted(
            self.result.behaviours,
            key=lambda b: (b.score.mean is None, -(b.score.mean or 0.0), b.id),
        )
