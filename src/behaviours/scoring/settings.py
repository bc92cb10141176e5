"""The choices scoring makes, in one model: every result records the settings it was scored with.

They live with the engine because they steer it (what is folded, suppressed or
flagged); a ``Result`` carries a copy, so a reader can always tell which rules
its figures were made under.
"""

from __future__ import annotations

from pydantic import Field

from behaviours.base import FrozenModel

__all__ = ["ScoringSettings"]


class ScoringSettings(FrozenModel):
    """The choices scoring makes; every result records the settings it used."""

    min_item_fraction: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="Share of a behaviour's items a respondent must answer for their "
        "behaviour score to count.",
    )
    min_raters: int = Field(
        default=3,
        ge=2,
        le=50,
        description="Smallest number of raters (and of answers) behind any figure shown for "
        "a group of 360 raters.",
    )
    show_manager: bool = Field(
        default=False,
        description="Show the manager's ratings on their own in a 360 (they can then be "
        "identified); otherwise the manager is folded into 'others' like any small group.",
    )
    gap_threshold: float = Field(
        default=0.5,
        ge=0,
        description="Scale points between self and others that make a blind spot or a "
        "hidden strength.",
    )
    rwg_threshold: float = Field(
        default=0.70,
        ge=0,
        le=1,
        description="r*wg(J) below which respondents are flagged as disagreeing: the same "
        "threshold for quick and full assessments, since r*wg(J) does not rise with the number "
        "of items.",
    )
    min_rwg_raters: int = Field(
        default=5,
        ge=2,
        le=50,
        description="Fewest respondents behind a published rwg and r*wg(J): with fewer, "
        "answers at random reach the threshold too often (a 5-point item: 52% of the time "
        "with 2, 23% with 3, 10% with 4, 6% with 5), so agreement is left null.",
    )
    caution_below: int = Field(
        default=10,
        ge=2,
        le=1000,
        description="Reports print a small-sample caution beside figures that rest on fewer "
        "respondents than this (LeBreton & Senter 2008: agreement and means from fewer than "
        "about 10 raters are to be read with caution).",
    )
    min_team: int = Field(
        default=3,
        ge=2,
        le=50,
        description="Smallest team whose figures are shown: below it a team report says why "
        "they are withheld, since two members would each read the other's answers from them.",
    )
    top_n: int = Field(default=3, ge=1, description="Number of strengths and of development areas.")
    top_items: int = Field(
        default=5, ge=1, description="Number of highest and lowest items shown for a 360."
    )
