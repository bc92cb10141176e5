"""Strategies for importing: answer sheets as a survey tool would write them."""

from hypothesis import strategies as st

from behaviours.frameworks.model import Framework
from behaviours.responses.model import NOT_ABLE_TO_SAY, Rating


@st.composite
def answers(draw: st.DrawFn, framework: Framework, item_ids: list[str]) -> dict[str, Rating]:
    """A respondent's ratings: some items skipped, some 'not able to say', the rest on the scale."""
    out: dict[str, Rating] = {}
    for item_id in item_ids:
        scale = framework.scale_for(item_id.split(".", 1)[0])
        choices: list[Rating] = [*scale.values, NOT_ABLE_TO_SAY]
        if draw(st.booleans()):
            out[item_id] = draw(st.sampled_from(choices))
    return out


def cell(draw: st.DrawFn, framework: Framework, item_id: str, rating: Rating | None) -> str:
    """How a survey tool might write ``rating``: number or label, any case, padded."""
    scale = framework.scale_for(item_id.split(".", 1)[0])
    if rating is None:
        return draw(st.sampled_from(["", " "]))
    if rating == NOT_ABLE_TO_SAY:
        text = str(scale.not_able_to_say)
    elif draw(st.booleans()):
        text = str(rating)
    else:
        text = scale.label(rating)
    text = draw(st.sampled_from([text, text.upper(), text.lower()]))
    return draw(st.sampled_from(["", " "])) + text + draw(st.sampled_from(["", "  "]))
