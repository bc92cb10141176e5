"""Reading CSV sources: sound quoting, encodings by byte order mark, and what is not a file."""

import codecs
import csv
import datetime
import io
import os
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from behaviours import ResponsesError, load_framework
from behaviours.responses import reading as importing
from behaviours.responses.grid import Table
from behaviours.responses.reading import read_responses

FW = load_framework("compassionate-leadership")
DAY = datetime.date(2025, 3, 31)
HEADER = "subject,respondent,role,attending,comment:attending"


def read(source: object, **kwargs: object) -> list:  # type: ignore[type-arg]
    kwargs.setdefault("assessed_on", DAY)
    if isinstance(source, str):
        source = io.StringIO(source, newline="")
    return read_responses(source, FW, "360", **kwargs)  # type: ignore[arg-type]


def problem(source: object, **kwargs: object) -> str:
    with pytest.raises(ResponsesError) as info:
        read(source, **kwargs)
    [found] = info.value.problems
    return str(found)


def comments(assessments: list) -> list[str]:  # type: ignore[type-arg]
    return [c for a in assessments for r in a.responses for c in r.comments.values()]


# Quoting -------------------------------------------------------------------------------


def test_unclosed_quote_at_the_end_is_located_where_the_field_opens() -> None:
    text = f'{HEADER}\nAlex,r1,peer,3,ok\nAlex,r2,peer,4,"Kind and\nthoughtful\n'
    assert problem(text).startswith("<input>:3:5: a quote opens this field and the file ends")


def test_unclosed_quote_that_swallows_the_rest_of_the_file_is_refused_not_read() -> None:
    text = (
        f'{HEADER}\nAlex,r1,peer,3,"Listens\nAlex,jo@x.org,peer,4,Kind\nAlex,kim@x.org,other,5,\n'
    )
    found = problem(text)
    assert found.startswith("<input>:2:5: a quoted field opens here and runs on to the end")
    assert "holding line 3, which reads as a whole row" in found


def test_rows_swallowed_until_a_later_stray_quote_are_refused_at_the_opening_quote() -> None:
    text = (
        f'{HEADER}\nAlex,r1,peer,3,"Listens\nAlex,r2,peer,4,Kind\nAlex,r3,other,5,6\' 2" tall\n'
        "Alex,r4,peer,2,\n"
    )
    assert problem(text).startswith("<input>:2:5: a quoted field opens here and runs on to line 4")


def test_text_after_a_closing_quote_is_located_at_its_field() -> None:
    text = f'{HEADER}\nAlex,r1,peer,3,ok\nAlex,r2,peer,4,"Kind" and calm\n'
    assert problem(text).startswith("<input>:3:5: text follows the closing quote")


def test_a_multi_line_comment_with_commas_reads_whole() -> None:
    note = 'Listens well, and follows up.\nCould delegate more, plan ahead, say "no", and rest.'
    out = io.StringIO()
    csv.writer(out).writerows([HEADER.split(","), ["Alex", "r1", "peer", "3", note]])
    out.write("Alex,r2,peer,4,\n")
    [assessment] = read(out.getvalue())
    assert comments([assessment]) == [note]


def test_rows_after_a_multi_line_comment_keep_their_own_line_numbers() -> None:
    text = f'{HEADER}\nAlex,r1,peer,3,"one\ntwo\nthree"\nAlex,r2,peer,9,\n'
    assert problem(text).startswith("<input>:5:4:")


_PROSE = st.lists(
    st.sampled_from(["kind", "calm", "listens", '"clear"', "6'", "it's", "and", "ok."]),
    min_size=1,
    max_size=6,
).map(" ".join)


@settings(max_examples=60)
@given(st.lists(st.lists(_PROSE, min_size=1, max_size=4), min_size=1, max_size=4), st.data())
def test_genuine_comments_of_prose_read_back_exactly(
    notes: list[list[str]], data: st.DataObject
) -> None:
    """Prose (commas followed by a space, quotes, line breaks) is never taken for a row."""
    texts = [data.draw(st.sampled_from([", ", "\n", "\r\n", ". "])).join(n) for n in notes]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER.split(","))
    for i, note in enumerate(texts):
        writer.writerow(["Alex", f"r{i}", "peer", "3", note])
    got = comments(read(out.getvalue()))
    assert got == [t.strip() for t in texts]


def test_table_rows_are_padded_interned_and_cut_at_the_header_width() -> None:
    table = Table.from_csv(io.StringIO("a,b,c\n1,x\n2,x,y,z\n", newline=""), "t.csv")
    assert list(table.rows) == [(2, ["1", "x", ""]), (3, ["2", "x", "y"])]
    assert table.overflowing() == [3]
    assert table.rows[0][1][1] is table.rows[1][1][1]


# Encodings -------------------------------------------------------------------------------

_TSV = "subject\trole\tattending\r\nZoë\tpeer\t3\r\nZoë\tother\tOften\r\n"


@pytest.mark.parametrize(
    ("mark", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
    ],
)
def test_a_byte_order_mark_decides_the_encoding_without_flags(mark: bytes, codec: str) -> None:
    [assessment] = read(io.BytesIO(mark + _TSV.encode(codec)))
    assert assessment.subject.name == "Zoë"
    assert [r.ratings["attending"] for r in assessment.responses] == [3, 4]


def test_damaged_utf16_is_located_and_not_advised_to_use_cp1252() -> None:
    data = codecs.BOM_UTF16_LE + _TSV.encode("utf-16-le") + b"\x00\xd8A\x00"
    found = problem(io.BytesIO(data))
    assert found.startswith("<input>:4: not utf-16-le text")
    assert "cp1252" not in found


def test_utf16_without_a_mark_is_advised_to_pass_utf16_le() -> None:
    found = problem(io.BytesIO(_TSV.encode("utf-16-le")))
    assert "encoding='utf-16-le'" in found


def test_a_windows_export_read_as_utf8_is_advised_to_pass_cp1252_at_the_bad_byte() -> None:
    data = f"{HEADER}\nAlex,r1,peer,3,ok\nAlex,r2,peer,4,Zoë\n".encode("cp1252")
    found = problem(io.BytesIO(data), encoding="utf-8")
    assert found.startswith("<input>:3: not utf-8 text")
    assert "encoding='cp1252'" in found


@settings(max_examples=40)
@given(
    st.sampled_from(["utf-8", "utf-16", "utf-32", "utf-8-sig"]),
    st.integers(min_value=1, max_value=9),
)
def test_chunk_boundaries_change_nothing_read(codec: str, size: int) -> None:
    """Characters and line endings split across reads decode as if read at once."""
    text = f'{HEADER}\r\nZoë 😀,r1,peer,3,"Écoute,\r\nbien"\r\nZoë 😀,r2,peer,4,\n'
    want = read(text)
    saved = importing.CHUNK
    importing.CHUNK = size
    try:
        assert read(io.BytesIO(text.encode(codec))) == want
    finally:
        importing.CHUNK = saved


def test_a_bad_byte_after_the_first_chunk_is_on_its_own_line() -> None:
    rows = "".join(f"S{n},r1,peer,3,ok\n" for n in range(200_000))  # about 3.4 MB
    data = f"{HEADER}\n{rows}Zoë,r1,peer,3,\n".encode("cp1252")
    found = problem(io.BytesIO(data), encoding="utf-8")
    assert found.startswith("<input>:200002: not utf-8 text")


def test_cp1252_bytes_after_the_first_chunk_of_ascii_read_without_an_encoding() -> None:
    rows = "".join(f"S{n},r1,peer,3,ok\n" for n in range(3))
    data = f"{HEADER}\n{rows}Zoë,r1,peer,3,\n".encode("cp1252")
    saved = importing.CHUNK
    importing.CHUNK = 7
    try:
        assert read(io.BytesIO(data))[-1].subject.name == "Zoë"
    finally:
        importing.CHUNK = saved


def test_an_unknown_encoding_is_an_error_naming_the_option() -> None:
    found = problem(f"{HEADER}\nAlex,r1,peer,3,\n", encoding="bogus")
    assert "encoding (--encoding): unknown text encoding 'bogus'" in found


def test_a_byte_order_mark_inside_the_file_is_located() -> None:
    text = f"\ufeff{HEADER}\nAlex,r1,peer,3,\n\ufeff{HEADER}\n"
    assert problem(io.BytesIO(text.encode())).startswith("<input>:3: a byte order mark")


def test_a_nul_character_is_located() -> None:
    assert problem(f"{HEADER}\nAlex,r1,peer,3,o\0k\n").startswith("<input>:2: a NUL character")


# Sources -------------------------------------------------------------------------------


def _refused_promptly(path: str) -> str:
    """The error reading ``path``, in a thread: a wait fails the test rather than hang it."""
    found: list[str] = []

    def run() -> None:
        try:
            read(Path(path))
        except ResponsesError as exc:
            found.extend(str(p) for p in exc.problems)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(30)
    assert not thread.is_alive(), f"reading {path} waited"
    return found[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.csv")
    assert "is a pipe (FIFO)" in _refused_promptly(str(tmp_path / "pipe.csv"))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_without_reading_it() -> None:
    assert _refused_promptly("/dev/zero") == "/dev/zero: is a device, not a file of responses"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert problem(tmp_path).endswith("is a folder, not a file of responses")


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:
        handle.truncate(importing.MAX_FILE_BYTES + 1)
    assert problem(path).endswith("larger than 200,000,000 bytes")


def test_a_stream_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importing, "MAX_FILE_BYTES", 40)
    assert problem(f"{HEADER}\nAlex,r1,peer,3,\n").endswith("larger than 40 bytes")


def test_a_wide_file_with_more_respondents_than_allowed_is_refused_before_its_rows_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from behaviours.responses import assembling

    monkeypatch.setattr(assembling, "MAX_RESPONDENTS", 3)
    path = tmp_path / "wide.csv"
    rows = "".join(f"Ann,r{i},peer,4,4,3,5\n" for i in range(4))
    path.write_text("subject,respondent,role,attending,understanding,empathising,helping\n" + rows)
    with pytest.raises(ResponsesError) as caught:
        read_responses(path, load_framework("compassionate-leadership"), "360")
    [problem] = caught.value.problems
    assert (problem.line, problem.message) == (
        5,
        "more than 3 respondents in one file; nothing was read",
    )


def test_a_long_file_with_more_respondents_than_allowed_is_refused_at_the_first_one_too_many(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from behaviours.responses import assembling

    monkeypatch.setattr(assembling, "MAX_RESPONDENTS", 2)
    path = tmp_path / "long.csv"
    rows = "".join(f"Ann,r{i},peer,attending,4\nAnn,r{i},peer,helping,3\n" for i in range(3))
    path.write_text("subject,respondent,role,item,rating\n" + rows)
    with pytest.raises(ResponsesError) as caught:
        read_responses(path, load_framework("compassionate-leadership"), "360")
    assert [p.line for p in caught.value.problems] == [6]
