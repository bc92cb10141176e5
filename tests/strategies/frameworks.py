"""Hypothesis strategies for valid ``Framework`` models, with text that is hard to write as YAML.

Every value is valid as given (the models strip nothing away), so a model built
from these strategies is equal to itself after any faithful round trip.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from behaviours.frameworks.columns import RESERVED
from behaviours.frameworks.model import MAX_SHORT, MAX_TEXT, MAX_TITLE, Framework, label_number

__all__ = [
    "framework_at_limits",
    "frameworks",
    "item_ids",
    "labels",
    "slugs",
    "texts",
]

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6)
# Strings YAML would read as something other than the text they are.
_TRICKY = [
    "yes", "No", "on", "OFF", "null", "~", "true", "1", "0x1F", "1.0", "1e3", ".nan", "-.inf",
    "2024-01-31", "12:30:00", "- item", "key: value", "a, b", "{x}", "[y]", "# not a comment",
    "&anchor", "*alias", "!tag", "|", ">", "%", "@", "`", "'", '"', "---", "...", "<<",
    ' padded ', "\ttab", "line\nbreak", "crlf\r\nline", "trailing\n", "\u2028", "\x85",
    "\ufeffbom", "nul\x00", "bell\x07", "ünïcödé — “quotes”", "اردو", "🙂",
]  # fmt: skip
_SPECIALS = "\"'`:,#-&*!|>%@{}[]?\\ \t\n\r\x85\u2028\u00a0\ufeff"


def slugs() -> st.SearchStrategy[str]:
    """Ids like ``khws-values``: words of lower-case letters and digits joined by hyphens."""
    return st.lists(_WORD, min_size=1, max_size=4).map("-".join).filter(_not_reserved)


def item_ids() -> st.SearchStrategy[str]:
    """Indicator ids like ``attending.full-attention``: words joined by hyphens or dots."""
    return (
        st.lists(st.tuples(st.sampled_from("-."), _WORD), max_size=4)
        .flatmap(
            lambda parts: _WORD.map(lambda first: first + "".join(sep + w for sep, w in parts))
        )
        .filter(_not_reserved)
    )


def _not_reserved(item_id: str) -> bool:
    """Column names a responses file reads as its own (``subject``, ``email``) are no item ids."""
    return item_id not in RESERVED


def _raw_text(max_size: int) -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(min_size=1, max_size=min(max_size, 40)),
        st.text(alphabet=_SPECIALS + "ab", min_size=1, max_size=min(max_size, 20)),
        st.sampled_from([t for t in _TRICKY if len(t) <= max_size]),
    )


def texts(max_size: int = 2000) -> st.SearchStrategy[str]:
    """Any non-empty text (kept exactly as given by ``Text``)."""
    return _raw_text(max_size)


def labels(max_size: int = MAX_TITLE) -> st.SearchStrategy[str]:
    """Non-empty text without surrounding whitespace, which ``ShortStr`` would strip."""
    return _raw_text(max_size).map(str.strip).filter(bool)


def _text(max_size: int = 2000) -> st.SearchStrategy[dict[str, str]]:
    return st.builds(
        lambda key, words: {key: words}, st.sampled_from(["source", "authored"]), texts(max_size)
    )


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


# Built once: building strategies inside every draw was most of the time spent.
_TEXT = _text()
_TITLE = _text(MAX_TITLE)
_SHORT_TITLE = _optional(_text(MAX_SHORT))
_LABEL = labels()
_QUESTION = _optional(texts(MAX_TITLE))
_DEVELOPMENT = st.lists(_TEXT, max_size=2)
_PROVENANCE = st.sampled_from(["source", "authored"])
_RAW = texts()


@st.composite
def _symmetric_values(draw: st.DrawFn) -> list[int]:
    """Points symmetric about their midpoint (``min + max - v`` is a point): reverse keyable."""
    total = draw(st.integers(-100, 100))
    low = draw(
        st.lists(
            st.integers(max(-100, total - 100), (total - 1) // 2),
            min_size=1,
            max_size=5,
            unique=True,
        )
    )
    middle = [total // 2] if total % 2 == 0 and draw(st.booleans()) else []
    return sorted({*low, *middle, *(total - v for v in low)})


def reverse_keyable(values: list[int]) -> bool:
    """Whether reverse keying maps every point to a point (the framework validator's rule)."""
    return all(values[0] + values[-1] - v in values for v in values)


@st.composite
def _scale(draw: st.DrawFn) -> dict[str, Any]:
    values = draw(
        st.one_of(
            _symmetric_values(),
            st.lists(st.integers(-100, 100), min_size=2, max_size=11, unique=True).map(sorted),
        )
    )
    names = draw(
        st.lists(_LABEL, min_size=len(values) + 1, max_size=len(values) + 1, unique_by=str.casefold)
    )
    # A label that reads as another number is refused; its own value is a valid (tricky) label.
    points = [
        {"value": v, "label": name if label_number(name) in (None, v) else str(v)}
        for v, name in zip(values, names[:-1], strict=True)
    ]
    nas = names[-1] if label_number(names[-1]) not in values else None
    scale: dict[str, Any] = {
        "title": draw(_LABEL),
        "question": draw(_QUESTION),
        "points": points,
        "not_able_to_say": draw(st.sampled_from([None, nas])),
        "provenance": draw(_PROVENANCE),
    }
    return scale


@st.composite
def _behaviour(
    draw: st.DrawFn,
    behaviour_id: str,
    item_pool: list[str],
    scales: dict[str, dict[str, Any]],
    default_scale: str,
) -> dict[str, Any]:
    scale = draw(st.sampled_from([None, *scales]))
    values = [p["value"] for p in scales[scale or default_scale]["points"]]
    # Reverse-keyed (does_not) indicators only on a scale they key onto its own points.
    split = draw(st.integers(1, len(item_pool))) if reverse_keyable(values) else len(item_pool)
    indicators = [{"id": i, "text": draw(_TEXT)} for i in item_pool]
    return {
        "id": behaviour_id,
        "title": draw(_TITLE),
        "short_title": draw(_SHORT_TITLE),
        "description": draw(_TEXT),
        "quick_prompt": draw(_TEXT),
        "observer_prompt": draw(_TEXT),
        "team_prompt": draw(_TEXT),
        "indicators": {"does": indicators[:split], "does_not": indicators[split:]},
        "development": {key: draw(_DEVELOPMENT) for key in ("actions", "questions", "resources")},
        "scale": scale,
    }


@st.composite
def frameworks(draw: st.DrawFn, max_behaviours: int = 3) -> Framework:
    """Valid frameworks: unique ids, several scales, every optional field sometimes set."""
    scale_names = draw(st.lists(slugs(), min_size=1, max_size=3, unique=True))
    behaviour_ids = draw(st.lists(slugs(), min_size=1, max_size=max_behaviours, unique=True))
    counts = draw(
        st.lists(st.integers(1, 3), min_size=len(behaviour_ids), max_size=len(behaviour_ids))
    )
    pool = draw(
        st.lists(
            item_ids().filter(lambda i: i not in behaviour_ids),
            min_size=sum(counts),
            max_size=sum(counts),
            unique=True,
        )
    )
    scales = {name: draw(_scale()) for name in scale_names}
    default_scale = draw(st.sampled_from(scale_names))
    behaviours = []
    for behaviour_id, count in zip(behaviour_ids, counts, strict=True):
        items, pool = pool[:count], pool[count:]
        behaviours.append(draw(_behaviour(behaviour_id, items, scales, default_scale)))
    data = {
        "id": draw(slugs()),
        "version": draw(st.from_regex(r"\A\d{1,3}\.\d{1,3}(?:\.\d{1,3})?\Z")),
        "title": draw(_LABEL),
        "kind": draw(st.sampled_from(["behaviours", "values", "ways-of-working", "principles"])),
        "subject": draw(st.sampled_from(["person", "organisation"])),
        "owner": draw(_LABEL),
        "source": {
            "title": draw(_LABEL),
            "publisher": draw(_LABEL),
            "published": draw(_optional(st.text(max_size=40))),
            "url": draw(_optional(st.text(max_size=60))),
            "note": draw(_optional(_RAW)),
        },
        "summary": draw(_TEXT),
        "scales": scales,
        "default_scale": default_scale,
        "behaviours": behaviours,
    }
    return Framework.model_validate(data)


def framework_at_limits(behaviours: int = 60, indicators: int = 5) -> Framework:
    """The largest framework the validator accepts: 60 behaviours, every text at its longest.

    Eleven points from -5 to 5 with labels of the longest allowed length, so
    layout tests meet the widest scale and the tallest cells a framework can ask for.
    """

    def text(size: int = MAX_TEXT) -> dict[str, str]:
        return {"authored": ("Longest words " * size)[:size].strip()}

    def behaviour(i: int) -> dict[str, Any]:
        ids = [f"b{i}.i{j}" for j in range(indicators)]
        return {
            "id": f"b{i}",
            "title": text(MAX_TITLE),
            "short_title": text(MAX_SHORT),
            "description": text(),
            "quick_prompt": text(),
            "observer_prompt": text(),
            "team_prompt": text(),
            "indicators": {
                "does": [{"id": x, "text": text()} for x in ids[:-2]],
                "does_not": [{"id": x, "text": text()} for x in ids[-2:]],
            },
            "development": {key: [text()] * 3 for key in ("actions", "questions", "resources")},
        }

    points = [{"value": v, "label": f"{v:+d} {'x' * (MAX_TITLE - 4)}"} for v in range(-5, 6)]
    return Framework.model_validate(
        {
            "id": "at-limits",
            "version": "1.0",
            "title": "T" * MAX_TITLE,
            "kind": "behaviours",
            "owner": "O" * MAX_TITLE,
            "source": {"title": "S" * MAX_TITLE, "publisher": "P" * MAX_TITLE},
            "summary": text(),
            "scales": {
                "wide": {
                    "title": "W" * MAX_TITLE,
                    "question": "Q" * MAX_TITLE,
                    "provenance": "authored",
                    "not_able_to_say": "N" * MAX_TITLE,
                    "points": points,
                }
            },
            "default_scale": "wide",
            "behaviours": [behaviour(i) for i in range(behaviours)],
        }
    )
