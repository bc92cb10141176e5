"""The YAML the loader reads, and the YAML it refuses without crashing, hanging or guessing.

Each test is one case found by trying nasty input against the loader: deep
nesting that crashed PyYAML's C composer, YAML 1.1 keys such as ``yes``, tags,
line endings and byte order marks.
"""

from pathlib import Path

import pytest

from behaviours.errors import FrameworkError, Problem
from behaviours.frameworks.loading import MAX_FILE_BYTES, parse_framework, read_framework_file

MINIMAL = Path(__file__).parents[1] / "fixtures" / "frameworks" / "valid" / "minimal.yaml"
BASE = MINIMAL.read_text(encoding="utf-8")


def _problems(text: str | bytes) -> list[Problem]:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(text, "f.yaml")
    return caught.value.problems


def _only(text: str | bytes) -> tuple[int | None, int | None, str]:
    [problem] = _problems(text)
    return problem.line, problem.column, problem.message


def test_bytes_and_text_load_the_same_framework() -> None:
    assert parse_framework(BASE) == parse_framework(BASE.encode("utf-8"))


def test_byte_order_mark_and_crlf_line_endings_load_like_the_plain_file() -> None:
    windows = b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode("utf-8")
    assert parse_framework(windows) == parse_framework(BASE)


def test_old_mac_cr_line_endings_load_like_the_plain_file() -> None:
    assert parse_framework(BASE.replace("\n", "\r")) == parse_framework(BASE)


def test_deep_flow_nesting_is_refused_without_crashing() -> None:
    # Before the streaming pre-pass this crashed the interpreter (C stack overflow). Which
    # guard fires first depends on the PyYAML release (6.0.4's scanner stops at level 1,000,
    # ours at 41); the promise is one located refusal, past the limit, on the first line.
    line, column, message = _only("[" * 200_000)
    assert (line, message) == (1, "nesting deeper than 40 levels")
    assert column is not None
    assert 40 < column <= 1_001


def test_deep_block_nesting_past_pyyamls_own_limit_is_refused() -> None:
    text = "".join(f"{' ' * i}k:\n" for i in range(1_200))
    line, _, message = _only(text)
    assert message == "nesting deeper than 40 levels"
    assert line is not None
    assert 40 < line <= 1_000


def test_deep_block_nesting_is_refused() -> None:
    text = "".join(f"{'  ' * i}k{i}:\n" for i in range(60))
    line, _, message = _only(text)
    assert (line, message) == (41, "nesting deeper than 40 levels")


def test_nesting_at_the_limit_is_read() -> None:
    text = "title: " + "[" * 39 + "]" * 39 + "\n"
    assert all("nesting" not in p.message for p in _problems(text))


def test_alias_is_refused_even_when_harmless() -> None:
    text = BASE.replace("owner: behaviours test suite", "owner: &who behaviours test suite")
    text = text.replace("  publisher: behaviours test suite", "  publisher: *who")
    line, column, message = _only(text)
    assert (line, column) == (10, 14)
    assert message.startswith("YAML aliases (*who) are not allowed")


def test_merge_key_is_refused() -> None:
    text = "base: &b {title: T}\nsource:\n  <<: *b\n"
    assert "not allowed" in _only(text)[2]


def test_file_over_the_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    with pytest.raises(FrameworkError, match="at most 1,000,000 bytes"):
        read_framework_file(path)


def test_document_with_too_many_values_is_refused() -> None:
    line, _, message = _only("a: [" + "1," * 60_000 + "]")
    assert (line, message) == (1, "more than 50,000 values; is this a framework file?")


def test_yes_key_is_read_as_written_not_as_true() -> None:
    line, column, message = _only(BASE.replace("kind: behaviours", "kind: behaviours\nyes: 1"))
    assert (line, column) == (7, 1)
    assert message.startswith("unknown key 'yes'")


def test_numeric_scale_name_is_read_as_text() -> None:
    text = BASE.replace("  frequency:\n", "  1:\n").replace(
        "default_scale: frequency", "default_scale: '1'"
    )
    assert list(parse_framework(text).scales) == ["1"]


def test_null_key_is_read_as_written() -> None:
    assert _only(BASE.replace("kind: behaviours", "kind: behaviours\n~: 1"))[2].startswith(
        "unknown key '~'"
    )


def test_collection_as_key_is_refused() -> None:
    text = BASE.replace("kind: behaviours", "kind: behaviours\n? [a, b]\n: 1")
    assert _only(text) == (7, 3, "mapping keys must be plain words")


def test_same_key_in_quotes_and_plain_is_a_duplicate() -> None:
    text = BASE.replace("kind: behaviours", "kind: behaviours\n'kind': values")
    line, _, message = _only(text)
    assert (line, message.split(";")[0]) == (7, "duplicate key 'kind' (first given on line 6)")


def test_explicit_str_tag_is_allowed() -> None:
    text = BASE.replace('version: "1.0"', "version: !!str 1.0")
    assert parse_framework(text).version == "1.0"


@pytest.mark.parametrize("tag", ["!!binary aGk=", "!!set {a}", "!!omap [a: 1]", "!local x"])
def test_tags_beyond_plain_data_are_refused(tag: str) -> None:
    text = BASE.replace("title: Minimal framework", f"title: {tag}")
    assert _only(text)[:2] == (5, 8)


def test_python_object_tag_on_a_list_is_refused_not_built() -> None:
    text = BASE.replace("title: Minimal framework", "title: !!python/object/apply:os.system [x]")
    assert "unsupported YAML tag" in _only(text)[2]


def test_unquoted_number_where_text_belongs_says_to_quote_it() -> None:
    text = BASE.replace("  publisher: behaviours test suite", "  publisher: 2024")
    assert _only(text)[2].endswith("put the value in quotes")


def test_scale_value_must_be_an_integer_not_a_boolean() -> None:
    text = BASE.replace("{value: 1, label: Rarely}", "{value: true, label: Rarely}")
    assert "valid integer" in _only(text)[2]


def test_problems_are_reported_together_in_reading_order() -> None:
    text = BASE.replace("  - id: listening", "  - id: Listening", 1)
    text = text.replace("kind: behaviours", "kind: sideways")
    assert [(p.line, p.path) for p in _problems(text)] == [(6, "kind"), (22, "behaviours[0].id")]


def test_problem_reads_as_file_line_column_path_message() -> None:
    [problem] = _problems(BASE.replace("kind: behaviours", "kind: sideways"))
    assert str(problem).startswith("f.yaml:6:7: kind: Input should be")


def test_unreadable_file_is_a_framework_error(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError, match="cannot read"):
        read_framework_file(tmp_path)


def test_file_name_is_checked_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "other-name.yaml"
    path.write_text(BASE, encoding="utf-8")
    assert read_framework_file(path).id == "minimal"
    with pytest.raises(FrameworkError, match="named 'other-name' but declares id 'minimal'"):
        read_framework_file(path, check_name=True)
