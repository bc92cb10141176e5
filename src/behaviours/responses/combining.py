"""Several responses files made into one assessment per subject: the one place files are merged.

A 360 comes in at least two exports (the self-assessment form's and the raters'
form's, or one raters' file per organisation), and every command that reads
responses takes them together. Each file is read on its own
(:mod:`behaviours.responses.reading`); what each gave is a ``Part`` (its
assessments, and the row or JSON path each respondent was read from), and
``combine`` puts the parts together: the same subject in two files is one
assessment, while what cannot be joined is a located problem naming both
places (a respondent in two files, a second self-assessment, a subject rated
with quick items in one file and full in another, or dated differently).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from behaviours.errors import Problem, ResponsesError
from behaviours.frameworks.model import Framework
from behaviours.responses.assembling import subject_key
from behaviours.responses.model import Assessment, Response, check_assessment, detail_of

__all__ = ["Part", "Place", "combine", "combined_error", "merge_assessments"]

Place = tuple[int | None, str]
"""Where one respondent was read: the row of a table (``(5, "")``), or a JSON path."""


@dataclass(frozen=True)
class Part:
    """What one file gave: its assessments, and where each respondent was read from.

    ``places`` is keyed by the subject's id and the respondent's id; a
    respondent it lacks is located by the file alone.
    """

    file: str | None
    assessments: Sequence[Assessment]
    places: Mapping[tuple[str, str], Place] = field(default_factory=dict)

    def where(self, subject: str, respondent: str) -> tuple[str, Place]:
        """The respondent's place, in words (``raters.csv row 5``) and as a location."""
        line, path = self.places.get((subject, respondent), (None, ""))
        name = self.file or "<input>"
        said = f"{name} row {line}" if line is not None else f"{name} {path}".rstrip()
        return said, (line, path)


@dataclass
class _Subject:
    assessment: Assessment
    part: Part
    # respondent id -> (the part it came from, its subject id there); the first self too.
    respondents: dict[str, tuple[Part, str]]
    self_at: tuple[Part, str, str] | None

    def first_place(self) -> Place:
        """Where the subject was first read: its first respondent's row (or JSON path)."""
        responses = self.assessment.responses
        if not responses:
            return None, ""
        return self.part.where(self.assessment.subject.id, responses[0].respondent)[1]


def combine(
    parts: Sequence[Part],
    framework: Framework,
    *,
    require_self: bool = False,
    whole: bool = True,
) -> tuple[list[Assessment], list[Problem]]:
    """The parts' assessments, one per subject in order of appearance, and what does not fit.

    Subjects are matched by ``subject_key``: names that differ only by Unicode
    normalisation, case or spacing are one subject, shown as first spelt.
    ``whole`` says every file given was read: only then are the checks that
    need every file made (a 360 self-assessment whose name matches no raters'
    subject but is close to one; with ``require_self``, a subject without one).
    """
    merged: dict[str, _Subject] = {}
    problems: list[Problem] = []
    for part in parts:
        for a in part.assessments:
            key = subject_key(a.subject.id)
            found = merged.get(key)
            if found is None:
                merged[key] = _first(a, part)
                continue
            clash = _disagreement(found, a, part, framework)
            if clash is not None:
                problems.append(clash)
                continue
            kept = [r for r in a.responses if _joins(found, a.subject.id, r, part, problems)]
            responses = [*found.assessment.responses, *kept]
            found.assessment = found.assessment.model_copy(update={"responses": responses})
    assessments = [s.assessment for s in merged.values()]
    if whole and not problems:
        problems += _unmatched_selves(list(merged.values()))
        for s in merged.values():
            a = s.assessment
            if require_self and s.self_at is None:
                line, path = s.first_place()
                problems.append(
                    Problem(
                        f"subject {a.subject.id!r} has no self-assessment in any file",
                        s.part.file,
                        line,
                        path=path,
                        expected="a self-assessment for every subject (require_self)",
                    )
                )
            problems += check_assessment(a, framework, path=f"subject {a.subject.id!r}")
    return assessments, problems


def _first(a: Assessment, part: Part) -> _Subject:
    sid = a.subject.id
    selves = [r.respondent for r in a.responses if r.role == "self"]
    return _Subject(
        a,
        part,
        {r.respondent: (part, sid) for r in a.responses},
        (part, sid, selves[0]) if selves else None,
    )


def _disagreement(
    found: _Subject, a: Assessment, part: Part, framework: Framework
) -> Problem | None:
    """Why ``a`` cannot join the same subject read from an earlier file, if it cannot."""
    first = found.assessment
    for what, mine, theirs in (
        ("framework", a.framework, first.framework),
        ("kind", a.kind, first.kind),
        ("items", detail_of(a, framework), detail_of(first, framework)),
        ("date", a.assessed_on.isoformat(), first.assessed_on.isoformat()),
        ("round", a.round or "(none)", first.round or "(none)"),
    ):
        if mine != theirs:
            return Problem(
                f"subject {first.subject.id!r}: {what} {mine} here, {theirs} in "
                f"{found.part.file or 'an earlier file'}; one subject's files must agree",
                part.file,
                expected=f"{what} {theirs}, as in the first file",
            )
    return None


def _joins(found: _Subject, sid: str, r: Response, part: Part, problems: list[Problem]) -> bool:
    """Whether response ``r`` (of ``part``) joins the subject; a located problem when not."""
    said, (line, path) = part.where(sid, r.respondent)
    earlier = found.respondents.get(r.respondent)
    if r.role == "self" and found.self_at is not None:
        first_part, first_sid, first_id = found.self_at
        what = "a second self-assessment"
        before = first_part.where(first_sid, first_id)[0]
    elif earlier is not None:
        what = f"respondent {r.respondent!r}"
        before = earlier[0].where(earlier[1], r.respondent)[0]
    else:
        found.respondents[r.respondent] = (part, sid)
        if r.role == "self":
            found.self_at = (part, sid, r.respondent)
        return True
    problems.append(
        Problem(
            f"subject {found.assessment.subject.id!r}: {what} in two files: {before} and {said}",
            part.file,
            line,
            path=path,
            expected="each respondent in one file, and one self-assessment per subject",
        )
    )
    return False


def _unmatched_selves(merged: list[_Subject]) -> list[Problem]:
    """360 self-assessments that found no raters while a near name has raters: a misspelling."""
    rated = {
        s.assessment.subject.name
        for s in merged
        if any(r.role != "self" for r in s.assessment.responses)
    }
    keys = {subject_key(name): name for name in rated}
    problems = []
    for s in merged:
        a = s.assessment
        if a.kind != "360" or a.subject.name in rated or not a.responses:
            continue
        close = difflib.get_close_matches(subject_key(a.subject.name), list(keys), n=1)
        if close:
            problems.append(
                Problem(
                    f"the self-assessment of {a.subject.name!r} matches no raters' subject: "
                    f"the names do not match; the nearest name with raters is "
                    f"{keys[close[0]]!r}",
                    s.part.file,
                    s.first_place()[0],
                    path=s.first_place()[1],
                    expected="the same name in the self-assessment and the raters' files",
                )
            )
    return problems


def combined_error(
    failed: Sequence[tuple[str, list[Problem]]], together: list[Problem], limit: int
) -> str:
    """The title of an error over several files: how many problems in each, and between them.

    A file whose count reached ``limit`` stopped being read there: "or more".
    """
    counts = [
        f"{name}: {len(found)}{' or more' if len(found) >= limit else ''}"
        for name, found in failed
        if found
    ]
    if together:
        counts.append(f"between the files: {len(together)}")
    total = sum(len(found) for _, found in failed) + len(together)
    return f"{total} problem(s) ({'; '.join(counts)}); nothing was read"


def merge_assessments(
    parts: Sequence[Sequence[Assessment]],
    framework: Framework,
    *,
    require_self: bool = False,
    files: Sequence[str] | None = None,
) -> list[Assessment]:
    """Assessments of the same subjects from several files, combined into one per subject.

    ``files`` names the file each part came from, for the messages. Raises
    ``ResponsesError`` when the parts do not fit together (see ``combine``).
    """
    named = [
        Part(files[i] if files is not None and i < len(files) else None, part)
        for i, part in enumerate(parts)
    ]
    merged, problems = combine(named, framework, require_self=require_self)
    if problems:
        raise ResponsesError(problems, title="the files do not fit together")
    return merged
