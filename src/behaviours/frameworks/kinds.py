"""Kinds of assessment, the roles that answer each, and what those roles are called.

Every stage needs these words (the importer to check a role column, scoring to
group raters, questionnaires to name a role, reports to label a group), and each
used to keep its own copy. This is the one definition; it imports nothing, so
the command line can offer the choices without loading a model.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

__all__ = [
    "DETAILS",
    "EVALUATION_KIND",
    "KINDS",
    "RATER_ROLES",
    "ROLES",
    "ROLES_BY_KIND",
    "ROLE_LABELS",
    "AssessmentKind",
    "Detail",
    "EvaluationKind",
    "Role",
    "RoleLabel",
    "compatible_versions",
    "major_version",
    "own_role",
]

AssessmentKind = Literal["quick", "full", "team", "360"]
KINDS: tuple[AssessmentKind, ...] = ("quick", "full", "team", "360")
Detail = Literal["quick", "full"]
# An organisation's self-evaluation (docs/partnerships.md): not one of the engine's kinds but
# scored through it once per scale, as the organisation's own view (one response) or its
# people's, as a team (several).
EvaluationKind = Literal["organisation"]
EVALUATION_KIND: EvaluationKind = "organisation"
DETAILS: tuple[Detail, ...] = ("quick", "full")

Role = Literal["self", "manager", "peer", "direct_report", "other", "member"]
ROLES: tuple[Role, ...] = ("self", "manager", "peer", "direct_report", "other", "member")
# Raters of a 360 besides the subject, in the order groups are shown.
RATER_ROLES: tuple[Role, ...] = ("manager", "peer", "direct_report", "other")
# Who answers each kind: a person about themselves, the members of a team, or a 360's
# subject and raters.
ROLES_BY_KIND: dict[AssessmentKind, tuple[Role, ...]] = {
    "quick": ("self",),
    "full": ("self",),
    "team": ("member",),
    "360": ("self", *RATER_ROLES),
}


class RoleLabel(NamedTuple):
    """What a role is called: one respondent picking it, and a group of them in a report."""

    one: str
    group: str


ROLE_LABELS: dict[Role, RoleLabel] = {
    "self": RoleLabel("Myself", "Self"),
    "manager": RoleLabel("Manager", "Manager"),
    "peer": RoleLabel("Peer", "Peers"),
    "direct_report": RoleLabel("Direct report", "Direct reports"),
    "other": RoleLabel("Other", "Other colleagues"),
    "member": RoleLabel("Team member", "Team"),
}


def own_role(kind: AssessmentKind) -> Role | None:
    """The role every respondent of the kind has, or ``None`` when a 360's raters differ."""
    roles = ROLES_BY_KIND[kind]
    return roles[0] if len(roles) == 1 else None


def major_version(version: str) -> str:
    """The MAJOR part of ``MAJOR.MINOR[.PATCH]``."""
    return version.split(".", 1)[0]


def compatible_versions(a: str, b: str) -> bool:
    """Whether answers to version ``a`` of a framework mean the same under version ``b``.

    A framework gets a new MAJOR version when items change meaning or go away
    (docs/authoring.md), so the same MAJOR number is the whole rule.
    """
    return major_version(a) == major_version(b)
