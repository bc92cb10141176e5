"""Strategies and builders for report tests: results of every kind, and hostile text.

``result_of`` builds a valid ``Result`` straight from a framework without the
scoring engine, with deterministic figures, so layout tests do not depend on
statistics; tests about what scoring lets through (360 anonymity) use the
engine itself.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from html.parser import HTMLParser

from hypothesis import strategies as st

from behaviours.frameworks.catalogue import load_framework
from behaviours.frameworks.model import Framework, framework_ref
from behaviours.responses.model import Subject
from behaviours.results.model import (
    Agreement,
    BehaviourResult,
    Comment,
    Feedback360,
    ItemResult,
    Result,
    ScaleInfo,
    Stats,
    TeamView,
)
from behaviours.scoring.settings import ScoringSettings

__all__ = ["HtmlTree", "hostile_text", "html_tree", "pdf_pages", "result_of", "stats_of"]

# Text a person might type, and text meant to break things: markup, controls,
# very long words, right-to-left names, accents, empty strings.
_SAMPLES = [
    "Zoë",
    "Siobhán Ní Bhriain",
    "Łukasz Wiśniewski",
    "عائشہ خان",
    "محمد عمران",
    "<b>&\"'",
    "</para><font size=40>x</font>",
    "a" * 300,
    "",
    "tab\there\x00\x07nul",
    "line\nbreak\u2028sep",
    "😀 emoji",
]
hostile_text = st.one_of(
    st.sampled_from(_SAMPLES),
    st.text(max_size=80),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.builds(lambda a, b: a + " " + b, st.sampled_from(_SAMPLES), st.text(max_size=30)),
)


def stats_of(mean: float | None, n: int = 1, *, spread: float = 0.0, points: int = 5) -> Stats:
    """Plausible statistics around ``mean`` on a 1 to ``points`` scale."""
    if mean is None:
        return Stats(
            n=0,
            n_not_able_to_say=0,
            mean=None,
            normalised=None,
            sd=None,
            min=None,
            max=None,
            ci_low=None,
            ci_high=None,
            counts=None,
            insufficient=True,
            suppressed=False,
        )
    sd = spread if n >= 2 else None
    half = 2.0 * spread / n**0.5 if n >= 2 else None
    counts = [0] * points
    counts[min(points - 1, max(0, round(mean) - 1))] = n
    return Stats(
        n=n,
        n_not_able_to_say=0,
        mean=mean,
        normalised=100 * (mean - 1) / (points - 1),
        sd=sd,
        min=mean - spread,
        max=mean + spread,
        ci_low=None if half is None else max(1.0, mean - half),
        ci_high=None if half is None else min(float(points), mean + half),
        counts=counts,
        insufficient=False,
        suppressed=False,
    )


def _behaviour(
    fw: Framework,
    index: int,
    kind: str,
    detail: str,
    rnd: random.Random,
    *,
    groups: tuple[str, ...],
) -> BehaviourResult:
    b = fw.behaviours[index]
    n = {"quick": 1, "full": 1, "team": 7, "360": 12}[kind]
    mean = round(rnd.uniform(2.0, 4.8), 2)
    items = (
        [
            ItemResult(
                id=i.id,
                reverse=i in b.indicators.does_not,
                score=stats_of(
                    float(rnd.randint(1, 5)) if n == 1 else rnd.uniform(2, 5), n, spread=0.8
                ),
                groups={"self": stats_of(float(rnd.randint(1, 5)))} if kind == "360" else {},
            )
            for i in b.items
        ]
        if detail == "full"
        else []
    )
    extra: dict[str, object] = {}
    if kind in ("team", "360"):
        rwg = round(rnd.uniform(0.4, 0.95), 2)
        extra["agreement"] = Agreement(rwg=rwg, n=n, disagreement=rwg < 0.7)
    if kind == "360":
        own = float(rnd.randint(1, 5))
        shown = {g: stats_of(round(rnd.uniform(2, 5), 2), 4, spread=0.6) for g in groups}
        extra["groups"] = {"self": stats_of(own), **shown}
        extra["gap"] = own - mean
        extra["flag"] = (
            "blind_spot" if own - mean >= 0.5 else "hidden_strength" if own - mean <= -0.5 else None
        )
    return BehaviourResult(
        id=b.id,
        scale=b.scale or fw.default_scale,
        score=stats_of(mean, n, spread=0.7),
        items=items,
        **extra,
    )


def result_of(
    kind: str = "full",
    *,
    name: str = "Zoë Example",
    comments: tuple[str, ...] = (),
    framework: str = "compassionate-leadership",
    seed: int = 1,
    groups: tuple[str, ...] = ("peer", "direct_report"),
    on: datetime.date = datetime.date(2025, 11, 21),
) -> Result:
    """A valid result of ``kind`` (quick, full, team or 360) for layout tests."""
    fw = load_framework(framework)
    rnd = random.Random(seed)
    detail = "quick" if kind == "quick" else "full"
    behaviours = [
        _behaviour(fw, i, kind, detail, rnd, groups=groups) for i in range(len(fw.behaviours))
    ]
    ranked = sorted(behaviours, key=lambda b: (-(b.score.mean or 0), b.id))
    respondents = {
        "quick": {"self": 1},
        "full": {"self": 1},
        "team": {"member": 7},
        "360": {"self": 1, **dict.fromkeys(groups, 4), "others": 12},
    }[kind]
    feedback = None
    if kind == "360":
        items = [i.id for b in fw.behaviours for i in b.items]
        feedback = Feedback360(
            has_self=True,
            shown_groups=list(groups),
            blind_spots=[b.id for b in behaviours if b.flag == "blind_spot"],
            hidden_strengths=[b.id for b in behaviours if b.flag == "hidden_strength"],
            top_items=items[:5],
            bottom_items=items[-5:],
            disagreements=[],
        )
    team = None
    if kind == "team":
        team = TeamView(
            disagreements=[b.id for b in behaviours if b.agreement and b.agreement.disagreement]
        )
    subject = Subject.model_construct(id="S1", name=name)  # any text, even empty
    return Result(
        framework=framework_ref(fw),
        kind=kind,
        detail=detail,
        subject=subject,
        assessed_on=on,
        settings=ScoringSettings(),
        scales={k: ScaleInfo.of(k, v) for k, v in fw.scales.items()},
        default_scale=fw.default_scale,
        headline={"quick": "self", "full": "self", "team": "member", "360": "others"}[kind],
        respondents=respondents,
        behaviours=behaviours,
        strengths=[ranked[0].id],
        development_areas=[ranked[-1].id],
        comments=[
            Comment(behaviour_id=fw.behaviours[i % len(fw.behaviours)].id, group="others", text=t)
            for i, t in enumerate(comments)
        ],
        team=team,
        feedback360=feedback,
    )


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, as pypdf extracts it."""
    import io

    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


@dataclasses.dataclass
class HtmlTree:
    """An HTML page read back as a browser's parser would: elements in order, with their text.

    ``elements`` holds ``(tag, attributes, text)`` for each element, its text
    being everything inside it (descendants too); ``text`` is the whole page's
    text outside ``style`` and ``title`` (what a reader of the page is shown), each block
    and cell on a line of its own.
    """

    elements: list[tuple[str, dict[str, str], str]]
    text: str

    def find(self, tag: str) -> list[tuple[dict[str, str], str]]:
        """Attributes and text of every ``tag`` element, in document order."""
        return [(attrs, text) for t, attrs, text in self.elements if t == tag]

    def classes(self) -> set[str]:
        """Every class name the page uses."""
        return {c for _, attrs, _ in self.elements for c in attrs.get("class", "").split()}


_VOID = {"meta", "br", "col", "link", "img", "input", "hr"}
_INLINE = {"strong", "span", "b", "em", "abbr"}  # elements a browser does not set apart


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[list[object]] = []
        self.open: list[int] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append([tag, {k: v or "" for k, v in attrs}, ""])
        if tag not in _VOID:
            self.open.append(len(self.elements) - 1)
        if tag not in _INLINE:
            self.text.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append([tag, {k: v or "" for k, v in attrs}, ""])

    def handle_endtag(self, tag: str) -> None:
        if tag not in _INLINE:
            self.text.append("\n")
        if tag not in _VOID:
            index = self.open.pop()
            assert self.elements[index][0] == tag, f"</{tag}> closes <{self.elements[index][0]}>"

    def handle_data(self, data: str) -> None:
        for index in self.open:
            self.elements[index][2] = str(self.elements[index][2]) + data
        if not any(self.elements[i][0] in ("style", "title") for i in self.open):
            self.text.append(data)


def html_tree(page: bytes | str) -> HtmlTree:
    """Parse a page written by the HTML backend; fails on an element closed out of order."""
    reader = _Reader()
    reader.feed(page.decode("utf-8") if isinstance(page, bytes) else page)
    reader.close()
    assert not reader.open, "elements left open"
    elements = [(str(t), dict(a), str(x)) for t, a, x in reader.elements]  # type: ignore[arg-type]
    return HtmlTree(elements, "".join(reader.text))
