"""Cohort figures from published results: the unit table, norms and programme evaluation.

The input is what ``behaviours score`` publishes (``Result`` models, one per
person) and a grouping: a CSV of subject id -> unit columns (``read_units``),
because a result carries no organisational metadata. Every person in the
results must have a unit; one without is an error that names them, never a
person silently left out. A 360 contributes its published others-score (the
headline) or self-score, never a rater's answers.

The numbers come from the array functions of ``behaviours.scoring.cohorts``,
``effect_sizes`` and ``norms``; this module only lays results out for them and
turns what they return into the published models.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError as _ValidationError

from behaviours._files import CsvWriter
from behaviours.errors import Problem, ResponsesError, ScoringError, validation_problems
from behaviours.frameworks.kinds import AssessmentKind, major_version
from behaviours.frameworks.model import Framework, framework_ref
from behaviours.responses.grid import Table
from behaviours.responses.reading import read_table
from behaviours.results.cohort import (
    ALL,
    CohortCell,
    CohortTable,
    EvaluationBehaviour,
    Measure,
    Norm,
    NormBehaviour,
    NormScore,
    ProgrammeEvaluation,
)
from behaviours.results.exporting import result_cell
from behaviours.results.model import Result, ScaleInfo
from behaviours.scoring import cohorts, effect_sizes, norms

__all__ = [
    "MIN_NORM",
    "NORM_FLOOR",
    "apply_norm",
    "build_norm",
    "cohort_csv",
    "cohort_table",
    "cohort_table_of_frame",
    "evaluate_programme",
    "evaluation_csv",
    "norm_dates",
    "norm_quantiles",
    "parse_units",
    "read_norm",
    "read_units",
]

MIN_NORM = 30
"""The default least N of a norm: below it a percentile moves by several points per person."""
NORM_FLOOR = 10
"""The documented floor: no norm is built from fewer people, whatever is asked."""


def read_units(path: str | Path, by: str) -> dict[str, str]:
    """Subject id -> unit from a CSV or .xlsx file, read as every small side file is
    (``read_table``: the pairing's reader, with its limits and encodings)."""
    return units_of(read_table(Path(path)), by)


def parse_units(text: str, by: str, file: str = "<string>") -> dict[str, str]:
    """Subject id -> unit from CSV text (``units_of``)."""
    return units_of(Table.from_csv(io.StringIO(text.removeprefix("\ufeff")), file), by)


def units_of(table: Table, by: str) -> dict[str, str]:
    """Subject id -> unit from a table with a ``subject_id`` column and the column ``by``.

    Raises ``ResponsesError`` naming the file, row and column of every problem
    (a missing column, an empty cell, a subject listed twice).
    """
    file, header = table.name, [h.strip() for h in table.header]
    problems = [
        Problem(f"no column {name!r}", file, 1, expected=f"a header with {name!r}")
        for name in ("subject_id", by)
        if name not in header
    ]
    if problems:
        raise ResponsesError(problems, title=f"{file}: not a units file")
    id_col, by_col = header.index("subject_id"), header.index(by)
    units: dict[str, str] = {}
    for line, row in table.rows:
        subject, unit = row[id_col].strip(), row[by_col].strip()
        if not subject and not any(c.strip() for c in row):
            continue
        if not subject or not unit:
            column = id_col if not subject else by_col
            problems.append(
                Problem("empty cell", file, line, column + 1, expected="a subject id and a unit")
            )
        elif subject in units:
            problems.append(Problem(f"subject {subject!r} listed twice", file, line, id_col + 1))
        else:
            units[subject] = unit
    if problems:
        raise ResponsesError(problems, title=f"{file}: not a units file")
    return units


Where = Sequence[str] | None
"""Where each result was read from (``after.json[3]``), for messages; None: its index."""


def _at(where: Where, what: str, i: int, message: str, expected: str) -> Problem:
    """A problem with result ``i``, located by ``where`` or by its index."""
    if where:
        return Problem(message, where[i], expected=expected)
    return Problem(message, path=f"{what}[{i}]", expected=expected)


def _checked(
    results: Sequence[Result], what: str, where: Where = None, *, people: bool = True
) -> Result:
    """The newest result, once every result is of one framework MAJOR, kind and subject each."""
    if not results:
        raise ResponsesError(Problem(f"no results in the {what}", expected="at least one"))
    newest = max(results, key=lambda r: (r.assessed_on, r.framework.version))
    major = major_version(newest.framework.version)
    problems = []
    seen: set[str] = set()
    for i, r in enumerate(results):
        if (r.framework.id, major_version(r.framework.version)) != (newest.framework.id, major):
            problems.append(
                _at(
                    where,
                    what,
                    i,
                    f"a result of {r.framework.id} {r.framework.version}",
                    f"{newest.framework.id} {major}.x, like the newest result",
                )
            )
        if r.kind != newest.kind:
            problems.append(_at(where, what, i, f"a {r.kind} result", newest.kind))
        if people and r.subject.id in seen:
            problems.append(
                _at(where, what, i, f"subject {r.subject.id!r} a second time", "each once")
            )
        seen.add(r.subject.id)
    if problems:
        raise ResponsesError(problems, title=f"the results of the {what} are not one cohort")
    return newest


def _score(result: Result, behaviour: str, measure: Measure) -> float:
    try:
        b = result.behaviour(behaviour)
    except KeyError:
        return math.nan
    stats = b.score if measure == "headline" else b.groups.get("self")
    if stats is None or stats.mean is None:
        return math.nan
    return stats.mean


def _scores(results: Sequence[Result], ids: Sequence[str], measure: Measure) -> list[list[float]]:
    if measure == "self" and results[0].kind != "360":
        raise ResponsesError(
            Problem(
                f"'self' needs 360 results, not {results[0].kind} ones",
                "--measure",
                expected="headline",
            )
        )
    return [[_score(r, b, measure) for b in ids] for r in results]


def _num(value: float) -> float | None:
    return None if math.isnan(value) else value


def _normalised(mean: float, scale: ScaleInfo) -> float | None:
    return None if math.isnan(mean) else 100 * (mean - scale.min) / (scale.max - scale.min)


def cohort_table(
    results: Sequence[Result],
    units: Mapping[str, str],
    *,
    by: str,
    measure: Measure = "headline",
    min_people: int = 5,
    where: Where = None,
) -> CohortTable:
    """Behaviours x units of ``results``, each person in ``units[subject id]``, suppressed.

    A person with no unit is an error naming them (never left out of the figures).
    """
    newest = _checked(results, "cohort", where)
    missing = [
        _at(
            where, "cohort", i, f"subject {r.subject.id!r} has no {by!r}", "a row in the units file"
        )
        for i, r in enumerate(results)
        if r.subject.id not in units
    ]
    if missing:
        raise ResponsesError(missing, title=f"every person needs a {by!r}")
    ids = [b.id for b in newest.behaviours]
    names = sorted({units[r.subject.id] for r in results})
    code = {u: i for i, u in enumerate(names)}
    scores = _scores(results, ids, measure)
    unit_of = [code[units[r.subject.id]] for r in results]
    cells = cohorts.cohort_table(scores, unit_of, len(names), min_people)
    dates = [r.assessed_on for r in results]
    return CohortTable(
        framework=newest.framework,
        kind=newest.kind,
        measure=measure,
        by=by,
        min_people=min_people,
        assessed_from=min(dates),
        assessed_to=max(dates),
        scale=newest.scale,
        units=names,
        behaviours=ids,
        cells=_cells(cells, names, ids, newest.scale),
    )


def _cells(
    cells: cohorts.CohortCells, names: Sequence[str], ids: Sequence[str], scale: ScaleInfo
) -> list[CohortCell]:
    """The published cells: withheld ones with no figure at all."""
    table = [cells.n.tolist(), cells.mean.tolist(), cells.sd.tolist()]
    low, high, withheld = cells.ci_low.tolist(), cells.ci_high.tolist(), cells.withheld.tolist()
    out = []
    for u, unit in enumerate([*names, ALL]):
        for b, behaviour in enumerate([*ids, ALL]):
            hide = withheld[u][b]
            mean = math.nan if hide else table[1][u][b]
            out.append(
                CohortCell(
                    unit=unit,
                    behaviour=behaviour,
                    n=None if hide else table[0][u][b],
                    mean=_num(mean),
                    normalised=_normalised(mean, scale),
                    sd=None if hide else _num(table[2][u][b]),
                    ci_low=None if hide else _num(low[u][b]),
                    ci_high=None if hide else _num(high[u][b]),
                    withheld=hide,
                )
            )
    return out


def cohort_table_of_frame(
    frame: Any,
    framework: Framework,
    *,
    by: str,
    kind: AssessmentKind,
    assessed_from: datetime.date,
    assessed_to: datetime.date,
    measure: Measure = "headline",
    min_people: int = 5,
) -> CohortTable:
    """The cohort table of a pandas or Dask DataFrame with one row per person.

    ``frame`` has the column ``by`` and a column per behaviour id of
    ``framework`` holding each person's published score (NaN for none), for a
    cohort too big for one machine: the sums run where the frame lives. The
    dates and kind are the caller's to state, since a frame carries none. A row
    without a unit is an error (a group-by would drop it silently).
    """
    ids = [b.id for b in framework.behaviours]
    absent = [c for c in (by, *ids) if c not in frame.columns]
    if absent:
        raise ResponsesError(
            [Problem(f"no column {c!r}", expected="the unit and every behaviour") for c in absent],
            title="the frame is not a cohort",
        )
    unassigned = frame[by].isna().sum()
    unassigned = int(unassigned.compute() if hasattr(unassigned, "compute") else unassigned)
    if unassigned:
        raise ResponsesError(
            Problem(f"{unassigned} rows have no {by!r}", expected="a unit on every row"),
            title=f"every person needs a {by!r}",
        )
    names, cells = cohorts.frame_table(frame, by, ids, min_people)
    scale = ScaleInfo.of(framework.default_scale, framework.scales[framework.default_scale])
    return CohortTable(
        framework=framework_ref(framework),
        kind=kind,
        measure=measure,
        by=by,
        min_people=min_people,
        assessed_from=assessed_from,
        assessed_to=assessed_to,
        scale=scale,
        units=names,
        behaviours=ids,
        cells=_cells(cells, names, ids, scale),
    )


def _member(salt: str, subject_id: str) -> str:
    return hashlib.sha256(f"{salt}\0{subject_id}".encode("utf-8", "surrogatepass")).hexdigest()


def build_norm(
    results: Sequence[Result],
    *,
    name: str,
    grouping: str = "every person",
    measure: Measure = "headline",
    min_n: int = MIN_NORM,
    where: Where = None,
) -> Norm:
    """A norm of ``results``; ``ScoringError`` below ``min_n`` people (at least ``NORM_FLOOR``)."""
    if min_n < NORM_FLOOR:
        raise ScoringError(
            f"a norm needs at least {NORM_FLOOR} people (asked for a minimum of {min_n}): with "
            f"fewer, one person moves a percentile by more than {100 // NORM_FLOOR} points"
        )
    newest = _checked(results, "norm", where)
    if len(results) < min_n:
        raise ScoringError(
            f"a norm of {len(results)} people is refused: it needs at least {min_n}, or each "
            f"person moves a percentile by {100 / max(len(results), 1):.0f} points"
        )
    ids = [b.id for b in newest.behaviours]
    dists = norms.distributions(_scores(results, ids, measure))
    dates = [r.assessed_on for r in results]
    # Deterministic, so the same cohort gives the same file; the digests keep ids out of
    # sight, not out of reach (docs/privacy.md, "Cohorts").
    salt = hashlib.sha256(f"{name}\0{min(dates)}\0{max(dates)}".encode()).hexdigest()[:32]
    return Norm(
        name=name,
        framework=newest.framework.id,
        framework_major=major_version(newest.framework.version),
        kind=newest.kind,
        measure=measure,
        grouping=grouping,
        assessed_from=min(dates),
        assessed_to=max(dates),
        n=len(results),
        salt=salt,
        members=sorted(_member(salt, r.subject.id) for r in results),
        behaviours=[
            NormBehaviour(
                id=b,
                n=d.n,
                mean=_num(d.mean),
                sd=_num(d.sd),
                values=d.values.tolist(),
                counts=d.counts.tolist(),
            )
            for b, d in zip(ids, dists, strict=True)
        ],
    )


def read_norm(path: str | Path) -> Norm:
    """A norm file written by ``behaviours cohort --save-norm``; ``ResponsesError`` if not one."""
    try:
        return Norm.model_validate_json(Path(path).read_bytes())
    except _ValidationError as exc:
        problems = validation_problems(exc.errors(include_url=False), str(path))
        raise ResponsesError(problems, title=f"{path}: not a norm file") from None


def norm_dates(norm: Norm) -> str:
    """The norm's date range as every use of it prints it."""
    return f"{norm.assessed_from.isoformat()} to {norm.assessed_to.isoformat()}"


def norm_quantiles(behaviour: NormBehaviour, percents: Sequence[float]) -> list[float | None]:
    """The lowest norm score with at least ``p`` percent of the norm at or below it."""
    out: list[float | None] = []
    for p in percents:
        cum, found = 0, None
        for value, count in zip(behaviour.values, behaviour.counts, strict=True):
            cum += count
            if cum * 100 >= p * behaviour.n:
                found = value
                break
        out.append(found)
    return out


def apply_norm(norm: Norm, result: Result) -> list[NormScore]:
    """Each behaviour of ``result`` placed in ``norm``; ``ResponsesError`` if they do not match."""
    if (result.framework.id, major_version(result.framework.version), result.kind) != (
        norm.framework,
        norm.framework_major,
        norm.kind,
    ):
        raise ResponsesError(
            Problem(
                f"a {result.kind} result of {result.framework.id} {result.framework.version} "
                f"does not fit the norm {norm.name!r}, of {norm.kind} results of "
                f"{norm.framework} {norm.framework_major}.x",
                expected=f"a {norm.kind} result of {norm.framework} {norm.framework_major}.x",
            )
        )
    inside = _member(norm.salt, result.subject.id) in set(norm.members)
    out = []
    for nb in norm.behaviours:
        x = _score(result, nb.id, norm.measure)
        dist = norms.Distribution.of(nb.values, nb.counts, nb.n, nb.mean, nb.sd)
        pr, z, t = norms.place(dist, x)
        out.append(
            NormScore(
                behaviour=nb.id,
                score=_num(x),
                percentile=_num(pr),
                z=_num(z),
                t=_num(t),
                norm_n=nb.n,
                norm_name=norm.name,
                norm_dates=norm_dates(norm),
                includes_person=inside,
            )
        )
    return out


def _reliability(
    results: Sequence[Result], ids: Sequence[str], scores: list[list[float]]
) -> tuple[list[float], list[str]]:
    """Each behaviour's alpha from the 'before' people's item figures, else over behaviours."""
    fallback, _ = effect_sizes.cronbach_alpha(scores)
    across = f"alpha of the {len(ids)} behaviour scores as one scale (no item figures)"
    values, sources = [], []
    for b in ids:
        items = _item_scores(results, b)
        if items and len(items[0]) >= 2:
            a, n = effect_sizes.cronbach_alpha(items)
            values.append(a)
            sources.append(f"alpha of its {len(items[0])} items over {n} people before")
        else:
            values.append(fallback)
            sources.append(across)
    return values, sources


def _item_scores(results: Sequence[Result], behaviour: str) -> list[list[float]]:
    rows = []
    for r in results:
        try:
            items = r.behaviour(behaviour).items
        except KeyError:
            continue
        rows.append([math.nan if i.score.mean is None else i.score.mean for i in items])
    widths = {len(row) for row in rows}
    return rows if len(widths) == 1 else []


def _matched(
    before: Sequence[Result], after: Sequence[Result]
) -> tuple[list[Result], list[Result], int, int]:
    by_id = {r.subject.id: r for r in before}
    pairs = [(by_id[r.subject.id], r) for r in after if r.subject.id in by_id]
    only_before = len(by_id) - len(pairs)
    return [p[0] for p in pairs], [p[1] for p in pairs], only_before, len(after) - len(pairs)


def evaluate_programme(
    before: Sequence[Result],
    after: Sequence[Result],
    *,
    measure: Measure = "headline",
    min_people: int = 5,
    where_before: Where = None,
    where_after: Where = None,
) -> ProgrammeEvaluation:
    """Before and after matched by subject id, per behaviour (docs/cohorts.md)."""
    first = _checked(before, "before round", where_before)
    last = _checked(after, "after round", where_after)
    _checked([first, last], "pair of rounds", people=False)
    ids = [b.id for b in last.behaviours]
    old, new, only_before, only_after = _matched(before, after)
    x, y = _scores(old, ids, measure), _scores(new, ids, measure)
    incomplete = sum(any(math.isnan(v) for v in a + b) for a, b in zip(x, y, strict=True))
    reliability, sources = ([math.nan] * len(ids), ["nobody matched"] * len(ids))
    if old:
        reliability, sources = _reliability(old, ids, x)
    else:  # one row with no scores keeps the arrays one column per behaviour
        x = y = [[math.nan] * len(ids)]
    change = effect_sizes.paired_change(x, y)
    rci = effect_sizes.reliable_change(x, y, change.sd_before.tolist(), reliability)
    reason = _unmatched_reason(only_before, only_after, min_people)
    rows = [
        _evaluation_row(
            b,
            i,
            change=change,
            rci=rci,
            reliability=reliability,
            sources=sources,
            min_people=min_people if reason is None else math.inf,
        )
        for i, b in enumerate(ids)
    ]
    return ProgrammeEvaluation(
        framework=last.framework,
        kind=last.kind,
        measure=measure,
        min_people=min_people,
        before_from=min(r.assessed_on for r in before),
        before_to=max(r.assessed_on for r in before),
        after_from=min(r.assessed_on for r in after),
        after_to=max(r.assessed_on for r in after),
        matched=len(old),
        only_before=only_before,
        only_after=only_after,
        incomplete=incomplete,
        withheld_reason=reason,
        behaviours=rows,
    )


def _unmatched_reason(only_before: int, only_after: int, min_people: int) -> str | None:
    """Why the evaluation is withheld: a round's few unmatched people would be its difference."""
    for count, when in ((only_before, "before"), (only_after, "after")):
        if 0 < count < min_people:
            return (
                f"{count} {'person' if count == 1 else 'people'} took part only {when}: the "
                f"round's overall figures minus these would be about them (fewer than "
                f"{min_people}); publish both rounds' figures over the matched people only "
                f"(pass only their results), or have at least {min_people} unmatched"
            )
    return None


def _evaluation_row(
    behaviour: str,
    i: int,
    *,
    change: effect_sizes.PairedChange,
    rci: effect_sizes.ReliableChange,
    reliability: list[float],
    sources: list[str],
    min_people: float,
) -> EvaluationBehaviour:
    n = int(change.n[i])
    hide = n < min_people

    def f(values: object) -> float | None:
        value = float(values[i])  # type: ignore[index]
        return None if hide or math.isnan(value) else value

    return EvaluationBehaviour(
        id=behaviour,
        n=n,
        withheld=hide,
        mean_before=f(change.mean_before),
        mean_after=f(change.mean_after),
        change=f(change.change),
        ci_low=f(change.ci_low),
        ci_high=f(change.ci_high),
        d_z=f(change.d_z),
        d_z_low=f(change.d_z_low),
        d_z_high=f(change.d_z_high),
        g_av=f(change.g_av),
        g_av_low=f(change.g_av_low),
        g_av_high=f(change.g_av_high),
        reliability=_num(reliability[i]),
        reliability_source=sources[i],
        improved=None if hide or math.isnan(float(rci.s_diff[i])) else int(rci.improved[i]),
        deteriorated=None if hide or math.isnan(float(rci.s_diff[i])) else int(rci.deteriorated[i]),
    )


COHORT_CSV_COLUMNS = (
    "framework",
    "framework_version",
    "kind",
    "measure",
    "by",
    "unit",
    "behaviour_id",
    "n",
    "mean",
    "normalised",
    "sd",
    "ci_low",
    "ci_high",
    "withheld",
)
EVALUATION_CSV_COLUMNS = (
    "framework",
    "framework_version",
    "kind",
    "measure",
    "behaviour_id",
    "n",
    "withheld",
    "mean_before",
    "mean_after",
    "change",
    "ci_low",
    "ci_high",
    "d_z",
    "d_z_low",
    "d_z_high",
    "g_av",
    "g_av_low",
    "g_av_high",
    "reliability",
    "reliability_source",
    "improved",
    "deteriorated",
)


def _csv(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.header(columns)
    for row in rows:
        writer.row(result_cell(row.get(c)) for c in columns)
    return out.getvalue()


def cohort_csv(table: CohortTable) -> str:
    """The cohort table as tidy CSV: one row per unit and behaviour ('*' for margins)."""
    base = {
        "framework": table.framework.id,
        "framework_version": table.framework.version,
        "kind": table.kind,
        "measure": table.measure,
        "by": table.by,
    }
    return _csv(
        COHORT_CSV_COLUMNS,
        ({**base, "behaviour_id": c.behaviour, **c.model_dump()} for c in table.cells),
    )


def evaluation_csv(evaluation: ProgrammeEvaluation) -> str:
    """The evaluation as tidy CSV: one row per behaviour."""
    base = {
        "framework": evaluation.framework.id,
        "framework_version": evaluation.framework.version,
        "kind": evaluation.kind,
        "measure": evaluation.measure,
    }
    return _csv(
        EVALUATION_CSV_COLUMNS,
        ({**base, "behaviour_id": b.id, **b.model_dump()} for b in evaluation.behaviours),
    )
