"""Read YAML into a tree of located nodes: safe, alias-free, duplicate-free, every scalar a string."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import ContentError, Origin, excerpt

MAX_YAML_BYTES = 1_000_000

# Tags a plain YAML document may resolve to. Any other tag was written by hand (`!!python/object`, `!x`).
MAX_DEPTH = 40  # our files nest a few levels; a deeper one is an attack on the parser and the composer

_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


@dataclass
class Node:
    """A YAML value and where it stands. Scalars keep their source text: `no` stays "no", `12` stays "12"."""

    kind: str  # "scalar" | "map" | "seq"
    origin: Origin
    value: object
    key_origins: dict[str, Origin] = field(default_factory=dict)  # for maps: where each key stands
    is_null: bool = False

    def describe(self) -> str:
        if self.kind == "scalar":
            return "nothing" if self.is_null else "text"
        return {"map": "a mapping", "seq": "a list"}[self.kind]


# libyaml's parser and composer when PyYAML has them (about 15 times faster), else the pure-Python ones.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _origin(path: str, mark) -> Origin:
    return Origin(path, mark.line + 1 if mark is not None else 0)


def load_yaml(folder, path: Path) -> Node:
    """Read one YAML file through `folder`'s guarded reader and parse it into a located Node tree, or
    raise ContentError (InputError for a file that cannot be read) naming file and line."""
    name = folder.shown(path)
    return parse_yaml_bytes(folder.read(path, MAX_YAML_BYTES), name)


def parse_yaml_bytes(raw: bytes, name: str) -> Node:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(Origin(name, line), "not valid UTF-8") from None
    return parse_yaml(text, name)


# Line breaks to YAML 1.1 (PyYAML) that editors, diffs and our messages do not count as such: in a comment,
# what follows one would be read as YAML (a key hidden in what everyone sees as a comment), and every line
# number after it would be off by one.
_HIDDEN_BREAK = re.compile("[\x85\u2028\u2029]|\r(?!\n)")


def hidden_break(text: str, name: str) -> ContentError | None:
    """The error for the first line break only YAML sees (NEL, U+2028, U+2029, a lone carriage return),
    at its line as editors count lines (\\n), or None."""
    m = _HIDDEN_BREAK.search(text)
    if m is None:
        return None
    line = text.count("\n", 0, m.start()) + 1
    if m.group() == "\r":
        return ContentError(Origin(name, line), "a carriage return without a line feed: save the file with "
                            "\\n (or \\r\\n) line endings")
    ch = m.group()
    return ContentError(Origin(name, line), f"U+{ord(ch):04X} ({unicodedata.name(ch, 'NEXT LINE')}) is a line break "
                        "to YAML but not to editors; remove it, in comments too")


def parse_yaml(text: str, name: str, loader=None) -> Node:
    """Parse YAML text. One scan of the parser's events comes first, before anything is composed: anchors
    and aliases are refused there (an alias bomb costs one scan) and nesting is counted there, so the
    pure-Python composer never recurses deeper than MAX_DEPTH.

    libyaml reads ahead (a flow collection may turn out to be a key) and has a nesting limit of its own,
    so it can fail before our count sees the depth. Whenever libyaml refuses a file, the pure-Python parser
    (same grammar, no limit, no recursion) scans it again for the reason: every problem is reported in
    our words and at the same place whichever parser PyYAML has. Only bad files pay for the second scan."""
    loader = loader or _Loader
    hidden = hidden_break(text, name)
    if hidden is not None:
        raise hidden
    try:
        _scan(text, name, loader)
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        if loader is not yaml.SafeLoader:
            return parse_yaml(text, name, yaml.SafeLoader)
        if isinstance(exc, yaml.MarkedYAMLError):
            mark = exc.problem_mark or exc.context_mark
            problem = (exc.problem or exc.context or "malformed YAML").strip()
            raise ContentError(_origin(name, mark), f"YAML syntax: {problem}") from None
        if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.position, int):
            line = text.count("\n", 0, exc.position) + 1
            char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
            raise ContentError(Origin(name, line), f"character U+{char:04X} is not allowed in YAML "
                               "(control characters, comments included)") from None
        raise ContentError(Origin(name), "YAML syntax: " + " ".join(str(exc).split())[:200]) from None
    if root is None:
        raise ContentError(Origin(name, 1), "the file is empty")
    return _convert(root, name)


def _scan(text: str, name: str, loader) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise ContentError(_origin(name, event.start_mark), f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            raise ContentError(_origin(name, event.start_mark), "aliases (*name) are not allowed")
        if getattr(event, "anchor", None):
            raise ContentError(_origin(name, event.start_mark), "anchors (&name) are not allowed")


def _convert(node: yaml.Node, name: str) -> Node:
    origin = _origin(name, node.start_mark)
    if node.tag not in _PLAIN_TAGS:
        raise ContentError(origin, f"YAML tags such as {excerpt(node.tag, 60)} are not allowed")
    if isinstance(node, yaml.ScalarNode):
        is_null = node.tag.endswith(":null") and node.value in ("", "~", "null", "Null", "NULL")
        return Node("scalar", origin, node.value, is_null=is_null)
    if isinstance(node, yaml.SequenceNode):
        return Node("seq", origin, [_convert(item, name) for item in node.value])
    mapping: dict[str, Node] = {}
    key_origins: dict[str, Origin] = {}
    for key_node, value_node in node.value:
        key_origin = _origin(name, key_node.start_mark)
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise ContentError(key_origin, "merge keys (<<) are not allowed")
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
            raise ContentError(key_origin, "keys must be plain text")
        key = key_node.value
        if key == "<<":
            raise ContentError(key_origin, "merge keys (<<) are not allowed")
        if key in mapping:
            raise ContentError(
                key_origin, f"duplicate key {excerpt(key)} (first at line {key_origins[key].line})"
            )
        mapping[key] = _convert(value_node, name)
        key_origins[key] = key_origin
    return Node("map", origin, mapping, key_origins)
