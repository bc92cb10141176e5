"""A round is one publication: the ledger of what the library has published for each round.

Every 360 result belongs to a round (``round_of``): subject, framework, kind
and window, the window being the round the assessment names (``round``, say
"2025-autumn") or else the date it closed. Each
result is safe alone, but two different publications of one round can be
subtracted (a re-run after one late response differs by that rater's
answers), and two results of the same answers under different settings can
each pass the rules and together isolate a rater. So a ``Ledger`` (SQLite, at
a path the caller chooses) records, per round, the settings and every
publication, and ``publish`` refuses with ``RoundError``:

- a publication with other settings than the round's (settings are fixed);
- a different publication of a round (or of the same answers under another
  round: a re-dated re-run) unless every earlier one's raters are still there
  with the same answers and the publications together still isolate nobody
  (``behaviours.scoring.exposure``: no answer and no behaviour score of any
  rater is a linear combination of the published sums of all of them);
- a different publication given as a result only (nothing to check it with).

The same publication again (the same result) is accepted and changes nothing.
What the ledger stores is keyed (HMAC-SHA256 with a secret kept outside it,
``behaviours._keys``): a digest of each rater's response and of each result,
never a respondent id, an answer or a plain digest someone could test
guesses against (docs/privacy.md).
"""

from __future__ import annotations

import datetime
import json
import os
import sqlite3
from contextlib import closing
from pathlib import Path

from behaviours._keys import keyed_digest, secret_for
from behaviours.errors import RoundError
from behaviours.frameworks.model import Framework
from behaviours.responses.model import Assessment, Response
from behaviours.results.model import Result
from behaviours.scoring.exposure import exposed_respondents
from behaviours.scoring.settings import ScoringSettings

__all__ = ["Ledger", "round_of"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS rounds (
    round TEXT PRIMARY KEY,
    subject TEXT NOT NULL,      -- keyed digest of subject, framework and kind
    settings TEXT NOT NULL,     -- the ScoringSettings JSON, fixed for the round
    opened TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS publications (
    id INTEGER PRIMARY KEY,
    round TEXT NOT NULL REFERENCES rounds(round),
    result TEXT NOT NULL,       -- keyed digest of the result JSON
    responses TEXT NOT NULL,    -- JSON list of keyed digests of the raters' responses, sorted
    published TEXT NOT NULL,
    answers TEXT NOT NULL DEFAULT '[]'  -- keyed digests of each rater's role and ratings alone
);
"""


def round_of(result: Result) -> str:
    """The round a result belongs to: subject, framework, kind and window, the window being
    the round the assessment named (``--round``) or else the date it closed."""
    window = result.round or result.assessed_on.isoformat()
    return f"{result.subject.id}/{result.framework.id}/{result.kind}/{window}"


class Ledger:
    """What has been published for each round, in an SQLite file at ``path``.

    ``key`` keys every digest it stores; by default one secret per ledger file,
    kept in the key folder outside it (``behaviours._keys``). One ledger can
    serve many processes: each ``publish`` is one transaction.
    """

    def __init__(self, path: str | os.PathLike[str], *, key: bytes | None = None) -> None:
        self.path = Path(path)
        self._key = key if key is not None else secret_for(self.path, "ledger")
        with closing(self._connect()) as db, db:
            db.executescript(_SCHEMA)
            columns = {row[1] for row in db.execute("PRAGMA table_info(publications)")}
            if "answers" not in columns:  # a ledger from before the column
                db.execute("ALTER TABLE publications ADD COLUMN answers TEXT NOT NULL DEFAULT '[]'")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30, isolation_level="IMMEDIATE")

    def _response(self, subject: str, response: Response) -> str:
        body = response.model_dump_json(include={"respondent", "role", "ratings", "comments"})
        return keyed_digest(self._key, "response", subject, body)

    def _answers(self, subject: str, raters: list[Response]) -> list[str]:
        """Keyed digests of each rater's role and ratings, without id or comments, so a re-run
        from a re-exported file (new ids) or with an edited comment is still recognised; the
        k-th rater with the same answers gets the k-th digest, so equal answers look unequal."""
        seen: dict[str, int] = {}
        out = []
        for r in raters:
            body = r.model_dump_json(include={"role", "ratings"})
            seen[body] = seen.get(body, 0) + 1
            out.append(keyed_digest(self._key, "answers", subject, body, str(seen[body])))
        return sorted(out)

    def publish(
        self,
        result: Result,
        *,
        assessment: Assessment | None = None,
        framework: Framework | None = None,
    ) -> bool:
        """Record ``result`` as published for its round; True when it is new, False when
        the same publication was recorded before.

        ``assessment`` (with its ``framework``) is what the result was scored from: with
        it, a second publication of a round can be checked; without it, it is refused.
        Raises ``RoundError`` naming the round and why it is refused. Other kinds than
        360 are recorded without checks (one respondent, or a team rating itself).
        """
        round_id = round_of(result)
        subject = keyed_digest(
            self._key, "subject", result.subject.id, result.framework.id, result.kind
        )
        digest = keyed_digest(self._key, "result", result.model_dump_json())
        settings = result.settings.model_dump_json()
        raters = [r for r in (assessment.responses if assessment else []) if r.role != "self"]
        mine = {self._response(subject, r): r for r in raters}
        with closing(self._connect()) as db, db:
            found = _round_settings(db, round_id, settings, check=result.kind == "360")
            rows = db.execute(
                "SELECT p.round, p.result, p.responses, r.settings, p.answers FROM publications p "
                "JOIN rounds r ON r.round = p.round WHERE r.subject = ?",
                (subject,),
            ).fetchall()
            if any(r[0] == round_id and r[1] == digest for r in rows):
                return False
            answers = self._answers(subject, raters)
            if result.kind == "360":
                _refuse_partial_reruns(round_id, rows, set(mine), set(answers))
                earlier = [
                    (json.loads(r[2]), ScoringSettings.model_validate_json(r[3]))
                    for r in rows
                    if r[0] == round_id
                    or (mine and r[2] != "[]" and set(json.loads(r[2])) <= set(mine))
                ]
                self._check(
                    round_id,
                    earlier,
                    mine,
                    assessment=assessment,
                    framework=framework,
                    settings=result.settings,
                )
            now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
            if not found:
                db.execute(
                    "INSERT INTO rounds VALUES (?, ?, ?, ?)", (round_id, subject, settings, now)
                )
            db.execute(
                "INSERT INTO publications (round, result, responses, published, answers) "
                "VALUES (?, ?, ?, ?, ?)",
                (round_id, digest, json.dumps(sorted(mine)), now, json.dumps(answers)),
            )
        return True

    @staticmethod
    def _check(
        round_id: str,
        earlier: list[tuple[list[str], ScoringSettings]],
        mine: dict[str, Response],
        *,
        assessment: Assessment | None,
        framework: Framework | None,
        settings: ScoringSettings,
    ) -> None:
        """Refuse unless every earlier publication's raters are among ``mine`` and all of
        them together isolate nobody."""
        if not earlier:
            return
        if assessment is None or framework is None:
            raise RoundError(
                f"round {round_id!r} was already published, and this is a different "
                "publication given without the answers it was scored from, so it cannot be "
                "checked: pass the assessment and framework, or publish it as a new round",
                round_id=round_id,
            )
        publications = []
        for responses, before in earlier:
            if not responses:
                raise RoundError(
                    f"round {round_id!r} was already published from a result alone, so what "
                    "it showed cannot be checked against this different publication: publish "
                    "the new answers as a new round (--round), or not at all",
                    round_id=round_id,
                )
            missing = set(responses) - set(mine)
            if missing:
                raise RoundError(
                    f"round {round_id!r} was already published from answers of which "
                    f"{len(missing)} are changed or missing now; the two publications "
                    "together would show what changed: publish the new answers as a new "
                    "round (--round), or not at all",
                    round_id=round_id,
                )
            kept = [r for r in assessment.responses if r.role == "self"]
            kept += [mine[d] for d in sorted(responses)]
            publications.append((assessment.model_copy(update={"responses": kept}), before))
        added = len(mine) - max(len(r) for r, _ in earlier)
        exposed = exposed_respondents([*publications, (assessment, settings)], framework)
        if exposed:
            raise RoundError(
                f"round {round_id!r} was already published; publishing it again with "
                f"{added} more rater(s) would let a reader subtract one from the other and "
                f"learn the answers of {len(exposed)} rater(s): publish the late answers "
                "with the next round instead",
                round_id=round_id,
            )


def _refuse_partial_reruns(
    round_id: str, rows: list[tuple[str, ...]], mine: set[str], answers: set[str]
) -> None:
    """Refuse a publication under another round that repeats most of an earlier one's
    answers but not all of its responses: a re-dated re-run with a rater withdrawn, a
    comment edited or the ids renumbered, whose difference from the earlier publication the
    exposure check (which matches raters by response) would never see."""
    for other, _, responses, _, before in rows:
        theirs, kept = set(json.loads(responses)), set(json.loads(before))
        if other == round_id or not mine or (theirs and theirs <= mine):
            continue
        if kept and 2 * len(kept & answers) > len(kept):
            raise RoundError(
                f"round {round_id!r} repeats most of the answers published as round "
                f"{other!r}, but not all of them as they were: together the two would show "
                "the answers of whoever was left out or changed: publish new answers with "
                "the next round, or not at all",
                round_id=round_id,
            )


def _round_settings(db: sqlite3.Connection, round_id: str, settings: str, *, check: bool) -> bool:
    """Whether the round is known; ``RoundError`` when it was published with other settings."""
    found = db.execute("SELECT settings FROM rounds WHERE round = ?", (round_id,)).fetchone()
    if found is not None and found[0] != settings and check:
        raise RoundError(
            f"round {round_id!r} was published with other settings ({found[0]}); "
            "settings are fixed per round, since two results of the same answers "
            "under different settings can together isolate a rater",
            round_id=round_id,
        )
    return found is not None
