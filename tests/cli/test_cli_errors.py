"""The command line never shows a traceback: Ctrl-C, unreadable framework folders."""

from __future__ import annotations

import argparse
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from behaviours.cli import EXIT_INTERRUPTED, main
from behaviours.cli import frameworks as cli_frameworks
from behaviours.frameworks.catalogue import ENV_VAR
from behaviours.responses.assembling import subject_key


def test_ctrl_c_is_one_line_and_exit_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(_args: argparse.Namespace) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_frameworks, "_list", interrupted)
    assert main(["frameworks", "list"]) == EXIT_INTERRUPTED == 130
    err = capsys.readouterr().err
    assert err.strip() == "behaviours: interrupted"


def test_unreadable_frameworks_path_entry_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = Path.iterdir

    def denied(self: Path) -> object:
        if self == tmp_path:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "iterdir", denied)
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    assert main(["frameworks", "list"]) == 1
    err = capsys.readouterr().err
    assert f"{ENV_VAR} entry {str(tmp_path)!r}: cannot be read (Permission denied)" in err
    assert "Traceback" not in err


_SPACES = st.sampled_from([" ", "  ", "\u00a0", "\t", " \u00a0 "])
# Letters whose upper case is a case change only (not dotless i, whose upper case is I).
_LETTERS = st.characters(categories=["L", "M"]).filter(
    lambda c: c.upper().casefold() == c.casefold()
)
_WORDS = st.lists(st.text(_LETTERS, min_size=1, max_size=8), min_size=1)


@given(
    words=_WORDS,
    gaps=st.lists(_SPACES, min_size=8, max_size=8),
    form=st.sampled_from(["NFC", "NFD"]),
)
def test_names_differing_by_normalisation_case_or_spacing_share_a_key(
    words: list[str], gaps: list[str], form: str
) -> None:
    name = " ".join(words)
    respelt = "".join(w + gaps[i % len(gaps)] for i, w in enumerate(words)).strip()
    respelt = unicodedata.normalize(form, respelt).upper()
    assert subject_key(respelt) == subject_key(unicodedata.normalize("NFC", name))
