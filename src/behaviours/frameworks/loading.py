"""Read framework YAML safely and validate it, pointing every problem at its line.

This is the only module that parses YAML. It composes the document into
PyYAML's node graph (the C loader when present) and builds plain Python values
itself, so that it can (a) remember the line and column of every key and value,
(b) refuse duplicate keys, which PyYAML silently accepts, and (c) refuse
aliases, which is what makes a "billion laughs" bomb expand. A streaming pass
over the parser's events runs first and stops at the first alias or at nesting
deeper than ``MAX_DEPTH``, before anything that recurses or expands runs.
"""

from __future__ import annotations

import codecs
import datetime
import difflib
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from behaviours.errors import FrameworkError, Loc, Problem, location
from behaviours.frameworks.model import (
    CROSS_CHECKS,
    ITEM_ID_PATTERN,
    SLUG_PATTERN,
    VERSION_PATTERN,
    Framework,
)

__all__ = ["MAX_FILE_BYTES", "dump_framework", "parse_framework", "read_framework_file"]

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40
# The largest bundled framework has about 1,200 values; this bounds the time a
# contrived file (a flat list of half a million numbers) can take to refuse.
MAX_NODES = 50_000

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Explicit tags beyond the plain data types (!!binary, !!set, !!python/..., !mine)
# are refused rather than constructed.
_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}"
    for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_PATTERNS = {
    SLUG_PATTERN: "a slug: lower-case letters and digits in words joined by single hyphens, "
    "like 'khws-values'",
    ITEM_ID_PATTERN: "an id: lower-case letters and digits in words joined by single hyphens "
    "or dots, like 'attending.listens'",
    VERSION_PATTERN: "a version MAJOR.MINOR or MAJOR.MINOR.PATCH, in quotes, like '1.0'",
}
# What a plain YAML scalar can turn into when the writer meant text.
_NOT_TEXT = (bool, int, float, datetime.date)


class _Positions:
    """Where each value (and each mapping key) of a document starts."""

    def __init__(self) -> None:
        self.values: dict[Loc, tuple[int, int]] = {}
        self.keys: dict[Loc, tuple[int, int]] = {}

    def of(self, loc: Loc, *, key: bool = False) -> tuple[int, int] | None:
        if key and loc in self.keys:
            return self.keys[loc]
        # A missing value is reported where its nearest enclosing value starts.
        found = (self.values.get(loc[:end]) for end in range(len(loc), -1, -1))
        return next((where for where in found if where is not None), None)


class _Builder:
    """Plain values from a composed node graph, noting where each one starts.

    Aliases and deep nesting never get here: ``_check_events`` refused them.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.positions = _Positions()
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")

    def _problem(self, node: yaml.Node, loc: Loc, message: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(message, self.file, mark.line + 1, mark.column + 1, location(loc))
        )

    def build(self, node: yaml.Node, loc: Loc = ()) -> Any:
        self.positions.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _TAGS:
            self._problem(node, loc, f"unsupported YAML tag {node.tag!r}; remove it")
            return None
        if isinstance(node, yaml.ScalarNode):
            try:
                return self._constructor.construct_object(node)
            except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError):
                # `2020-02-30` resolves as a date that does not exist; `!!int x`.
                kind = node.tag.rpartition(":")[2]
                self._problem(
                    node, loc, f"cannot read {node.value!r} as a {kind}; if it is text, quote it"
                )
                return None
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*loc, i)) for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        return self._mapping(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(key_node, loc, "YAML merge keys (<<) are not allowed")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, loc, "mapping keys must be plain words")
                continue
            # A key is the text as written: YAML 1.1 would read `yes:` as True and
            # `1:` as 1, and an error about key 'True' helps nobody.
            key = key_node.value
            key_loc = (*loc, key)
            if key in result:
                self._problem(
                    key_node,
                    key_loc,
                    f"duplicate key {key!r} (first given on line "
                    f"{first_line[key]}); YAML keeps only one, so remove the other",
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            self.positions.keys[key_loc] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, key_loc)
        return result


def _decode(data: bytes, file: str) -> str:
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise FrameworkError(Problem("the file is UTF-32; save it as UTF-8", file, 1, 1))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FrameworkError(Problem("the file is UTF-16; save it as UTF-8", file, 1, 1))
    if b"\x00" in data[:8192]:
        raise FrameworkError(Problem("this is a binary file; expected UTF-8 YAML text", file, 1, 1))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8"
        raise FrameworkError(Problem(message, file, line, column)) from None


def _check_events(text: str, file: str) -> None:
    """Refuse aliases and deep nesting while streaming parser events.

    PyYAML's composer recurses once per nesting level (the C one overflows the
    C stack and crashes the interpreter on a file of ``[[[[...``), and its
    scanner slows quadratically with depth; the event stream does neither, so
    this runs first and stops at the first alias, the first level too deep, or
    the first value past ``MAX_NODES``.
    """
    depth = nodes = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > MAX_NODES:
                raise FrameworkError(
                    _at(event, file, f"more than {MAX_NODES:,} values; is this a framework file?")
                )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise FrameworkError(_at(event, file, f"nesting deeper than {MAX_DEPTH} levels"))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            raise FrameworkError(
                _at(
                    event,
                    file,
                    f"YAML aliases (*{event.anchor}) are not allowed in framework files; "
                    "write the value out in full",
                )
            )


def _at(event: yaml.Event, file: str, message: str) -> Problem:
    mark = event.start_mark
    if mark is None:  # pragma: no cover - both parsers always set marks
        return Problem(message, file)
    return Problem(message, file, mark.line + 1, mark.column + 1)


def _yaml_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:  # pragma: no cover - the parsers mark every syntax error
        return Problem(f"not valid YAML: {exc.problem or exc.context}", file)
    message = f"not valid YAML: {exc.problem or exc.context}"
    if exc.problem is not None and "nesting depth" in exc.problem:
        # PyYAML 6.0.4's scanner has a nesting limit of its own (1,000 levels), which can fire
        # before our event pre-pass sees level 41: the promise is the same whichever fires.
        message = f"nesting deeper than {MAX_DEPTH} levels"
    elif exc.problem == "but found another document":
        message = "not valid YAML: expected one document, but found a second one (---)"
    lines = text.splitlines()
    here = lines[mark.line][mark.column : mark.column + 1] if mark.line < len(lines) else ""
    if here == "\t":
        message += "; YAML indents with spaces, never tabs"
    return Problem(message, file, mark.line + 1, mark.column + 1)


def _parse(text: str, file: str) -> tuple[Any, _Positions]:
    builder = _Builder(file)
    try:
        _check_events(text, file)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise FrameworkError(_yaml_problem(exc, text, file)) from None
    except yaml.reader.ReaderError as exc:
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        message = f"not valid YAML: character U+{code:04X} is not allowed ({exc.reason})"
        raise FrameworkError(Problem(message, file, line, column)) from None
    except yaml.YAMLError as exc:
        raise FrameworkError(Problem(f"not valid YAML: {exc}", file)) from None
    except RecursionError:
        raise FrameworkError(Problem("YAML nested too deeply", file)) from None
    if node is None:
        message = "the file is empty; expected a framework mapping (id, version, title, ...)"
        raise FrameworkError(Problem(message, file, 1, 1))
    data = builder.build(node)
    if builder.problems:
        raise FrameworkError(builder.problems)
    if not isinstance(data, Mapping):
        raise FrameworkError(
            Problem(
                f"expected a mapping of framework fields (id, version, "
                f"title, ...), got {type(data).__name__}",
                file,
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        )
    return data, builder.positions


def _problems_from(exc: ValidationError, file: str, positions: _Positions) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc: Loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden":
            message = _unknown_key(loc)
            pos = positions.of(loc, key=True)
        else:
            message = _explain(error)
            pos = positions.of(loc)
        line, column = pos if pos else (None, None)
        problems.append(Problem(message, file, line, column, location(loc)))
    # In reading order, as an editor lists them, not in the model's field order.
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def _unknown_key(loc: Loc) -> str:
    key = loc[-1]
    known = model_fields_at(Framework, loc[:-1]) or []
    close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
    message = f"unknown key {key!r}"
    message += f"; did you mean {close[0]!r}?" if close else ""
    message += f" Known keys here: {', '.join(known)}." if known else ""
    if " " in str(key):
        message += (
            " A comma inside {...} ends the text there: put the text in "
            "quotes or write it on its own line."
        )
    return message


def _explain(error: ErrorDetails) -> str:
    """Pydantic's message, said in the words of someone writing YAML."""
    if error["type"] == "missing":
        return f"missing required key {error['loc'][-1]!r}"
    message = error["msg"].removeprefix("Value error, ")
    given = error.get("input")
    ctx = error.get("ctx", {})
    if error["type"] == "string_pattern_mismatch" and ctx.get("pattern") in _PATTERNS:
        message = f"expected {_PATTERNS[ctx['pattern']]}"
    elif error["type"] == "model_type" and ctx.get("class_name") == "Text":
        message = (
            "expected {source: ...} (the source document's words) or "
            "{authored: ...} (words written for this library)"
        )
    if not isinstance(given, (dict, list)):
        shown = repr(given)
        message += f" (got {shown[:60]}{'...' if len(shown) > 60 else ''})"
    if error["type"] == "string_type" and isinstance(given, _NOT_TEXT):
        message += (
            "; YAML reads unquoted yes, no, on, off, numbers and dates as "
            "something other than text: put the value in quotes"
        )
    return message


def parse_framework(
    data: bytes | str, file: str = "<string>", *, expected_id: str | None = None
) -> Framework:
    """Validate framework YAML given as bytes or text; ``FrameworkError`` lists every problem.

    Args:
        data: The YAML, as bytes (must be UTF-8) or text.
        file: The name used in error messages.
        expected_id: When given, the framework's ``id`` must be this (a file
            ``<id>.yaml`` must declare ``id: <id>``).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_FILE_BYTES:
        raise FrameworkError(
            Problem(
                f"file is {len(raw):,} bytes; a framework may be at most {MAX_FILE_BYTES:,} bytes",
                file,
            )
        )
    text = _decode(raw, file)
    document, positions = _parse(text, file)
    cross: list[tuple[Loc, str]] = []
    framework: Framework | None = None
    try:
        framework = Framework.model_validate(document)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        if not all(e["type"] == CROSS_CHECKS for e in errors):
            raise FrameworkError(_problems_from(exc, file, positions)) from None
        cross = [problem for e in errors for problem in e.get("ctx", {})["problems"]]
    declared = document.get("id")
    if expected_id is not None and declared != expected_id:
        cross.append(
            (
                ("id",),
                f"the file is named {expected_id!r} but declares id {declared!r}; "
                "a framework file must be named <id>.yaml",
            )
        )
    if cross:
        problems = []
        for loc, message in cross:
            line, column = positions.of(loc) or (None, None)
            problems.append(Problem(message, file, line, column, location(loc)))
        raise FrameworkError(problems)
    assert framework is not None  # validated: no cross-field problem was found
    return framework


def read_framework_file(path: str | Path, *, check_name: bool = False) -> Framework:
    """Read and validate one framework file (uncached; see ``load_framework``).

    Args:
        path: The YAML file.
        check_name: Also require the file to be named after the framework's id,
            as the catalogue does (``behaviours frameworks validate`` sets it).
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise FrameworkError(Problem(f"cannot read: {exc.strerror or exc}", str(path))) from None
    return parse_framework(raw, str(path), expected_id=path.stem if check_name else None)


class _Dumper(yaml.SafeDumper):
    """Writes strings so that they read back exactly."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # YAML reads a raw CR, NEL or LS/PS line break back as a plain newline, and
    # PyYAML may write them raw in plain, quoted or block styles; escaped in
    # double quotes they survive.
    style = '"' if any(c in value for c in "\r\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_framework(framework: Framework) -> str:
    """The framework as YAML that ``parse_framework`` reads back to an equal model."""
    data = framework.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def model_fields_at(root: type[BaseModel], loc: Loc) -> list[str] | None:
    """Field names of the model found at ``loc`` inside ``root``, if any."""
    current: Any = root
    for part in loc:
        origin = typing.get_origin(current)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(current) if a is not type(None)]
            current = args[0] if len(args) == 1 else None
            origin = typing.get_origin(current)
        if origin is typing.Annotated:
            current = typing.get_args(current)[0]
            origin = typing.get_origin(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            field = current.model_fields.get(part)
            if field is None:
                return None
            current = field.annotation
        elif origin is list and isinstance(part, int):
            current = typing.get_args(current)[0]
        elif origin is dict and isinstance(part, str):
            current = typing.get_args(current)[1]
        else:
            return None
    origin = typing.get_origin(current)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(current) if a is not type(None)]
        current = args[0] if len(args) == 1 else None
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return None
