"""The responses a command reads: its files, each file's own options, and the round they are.

``score``, ``report`` and ``import`` read their inputs here and nowhere else,
so the three read the same files the same way and a pack shows what
``import`` showed. ``--role``, ``--subject``, ``--encoding`` and ``--sheet``
take ``VALUE`` (every file) or ``FILE=VALUE`` (that file alone), FILE being
one of the RESPONSES as written, or its file name when no other has that name:
``--role self-form.csv=self`` reads a self-assessment form's export, which has
no role column, as the subjects' own answers.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from behaviours.cli._notes import notes_on_stderr
from behaviours.cli._rounds import with_round
from behaviours.errors import Problem, ResponsesError
from behaviours.frameworks.model import Framework
from behaviours.responses.model import Assessment
from behaviours.responses.reading import ResponsesFile, read_responses

__all__ = ["PER_FILE", "read_inputs"]

PER_FILE = ("role", "subject", "encoding", "sheet")
"""The options that hold for every file, or (``FILE=VALUE``) for one."""


def read_inputs(args: argparse.Namespace, framework: Framework) -> list[Assessment]:
    """The assessments in ``args.responses``, one per subject, with ``--round`` applied."""
    files: list[str] = list(args.responses)
    every, own = _per_file(args, files)
    with notes_on_stderr():  # each file's survey tool and the metadata columns it skipped
        assessments = read_responses(
            [ResponsesFile(path, **own.get(path, {})) for path in files],
            framework,
            args.kind,
            shape=args.shape,
            detail=args.items,
            role=every.get("role"),
            subject=every.get("subject"),
            require_self=args.require_self,
            ignore_columns=tuple(args.ignore_column or ()),
            encoding=every.get("encoding"),
            sheet=every.get("sheet"),
            assessed_on=args.assessed_on,
            tool=args.source,
            mapping=args.mapping,
        )
    dated = all(path.lower().endswith(".json") for path in files)
    return with_round(assessments, args, dated=dated)


def _per_file(
    args: argparse.Namespace, files: Sequence[str]
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The options given for every file, and those given for each file alone.

    An option given twice for the same files is a problem, not a silent choice.
    """
    every: dict[str, Any] = {}
    own: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    for option in PER_FILE:
        for text in getattr(args, option) or ():
            file, value = _split(text, files, option)
            if file is None and value is None:
                problems.append(_no_such_file(option, text, files))
                continue
            held = every if file is None else own.setdefault(file, {})
            if option in held and held[option] != value:
                problems.append(
                    Problem(
                        f"--{option} given twice for {file or 'every file'}: "
                        f"{held[option]!r} and {value!r}",
                        file,
                        path=f"--{option}",
                        expected=f"one --{option} per file",
                    )
                )
            held[option] = value
    if problems:
        raise ResponsesError(problems, title="the options do not fit the files")
    return every, own


def _split(text: str, files: Sequence[str], option: str) -> tuple[str | None, str | None]:
    """``(FILE, VALUE)`` when ``text`` is ``FILE=VALUE`` for one of ``files``, else
    ``(None, text)``; ``(None, None)`` for a ``--role`` naming no file (roles have no ``=``)."""
    at = text.find("=")
    while at >= 0:
        file = _file_named(text[:at], files)
        if file is not None:
            return file, text[at + 1 :]
        at = text.find("=", at + 1)
    if option == "role" and "=" in text:
        return None, None
    return None, text


def _file_named(name: str, files: Sequence[str]) -> str | None:
    """The one of ``files`` that ``name`` names: the same path, else the only one of that name."""
    same = [f for f in files if f == name or Path(f) == Path(name)]
    if same:
        return same[0]
    called = [f for f in files if Path(f).name == name]
    return called[0] if len(called) == 1 else None


def _no_such_file(option: str, text: str, files: Sequence[str]) -> Problem:
    name = text.rsplit("=", 1)[0]
    return Problem(
        f"--{option} {text}: {name!r} is not one of the responses files given",
        name,
        path=f"--{option}",
        expected=f"FILE=VALUE with FILE one of {', '.join(files)}",
    )
