"""Writing a framework to YAML and reading it back gives the same framework, and junk never crashes.

The loader's promise is that it raises ``FrameworkError`` (with locations) on
anything it cannot accept: never a PyYAML, pydantic, Unicode or recursion
error, whatever bytes it is given.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from behaviours.errors import FrameworkError
from behaviours.frameworks.loading import dump_framework, parse_framework
from behaviours.frameworks.model import Framework
from strategies.frameworks import frameworks

# Fragments that steer random text towards YAML that parses half-way.
_YAML_BITS = [
    "id: x\n", "version: '1.0'\n", "behaviours:\n", "  - id: a\n", "    title: {authored: T}\n",
    "scales: {s: {title: S, provenance: authored, points: [{value: 1, label: A}]}}\n",
    "&a ", "*a ", "<<: ", "!!python/name:os.system ", "!!binary ", "? ", ": ", "- ", "[", "]",
    "{", "}", ",", "'", '"', "#", "|\n", ">-\n", "---\n", "...\n", "\t", "\ufeff", "\r\n",
    "yes", "2023-02-30", "0x", "1e9999", ".inf", "~",
]  # fmt: skip


@given(frameworks())
def test_dumped_framework_loads_back_equal(framework: Framework) -> None:
    assert parse_framework(dump_framework(framework)) == framework


def _loads_or_refuses(data: bytes | str) -> None:
    """Any exception but ``FrameworkError`` propagates and fails the test."""
    try:
        outcome: Framework | FrameworkError = parse_framework(data)
    except FrameworkError as exc:
        outcome = exc
    assert isinstance(outcome, Framework) or outcome.problems


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_load_or_raise_framework_error(data: bytes) -> None:
    _loads_or_refuses(data)


@given(st.text(max_size=2000))
def test_arbitrary_text_loads_or_raises_framework_error(text: str) -> None:
    _loads_or_refuses(text)


@given(st.lists(st.sampled_from(_YAML_BITS) | st.text(max_size=5), max_size=40).map("".join))
def test_yaml_like_text_loads_or_raises_framework_error(text: str) -> None:
    _loads_or_refuses(text)


@settings(max_examples=50)
@given(frameworks(), st.data())
def test_damaged_framework_yaml_loads_or_raises_framework_error(
    framework: Framework, data: st.DataObject
) -> None:
    text = dump_framework(framework)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 20)))
    _loads_or_refuses(text[:start] + data.draw(st.sampled_from(_YAML_BITS)) + text[end:])
