"""Read one YAML file safely into plain Python values, keeping the parser's line numbers.

Only YAML's core types are built (no tags that construct objects, nothing executed); dates stay as
the text the user wrote. Oversized files, deep nesting and aliases that would expand without bound
are refused before they can hurt: libyaml's composer recurses in C, so depth is checked first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import DocPath, Problem, error

_IMPLICIT = "!implicit"  # a plain scalar whose type the builder resolves
_DEFAULT_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}
_IMPLICIT_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's composer, with tag resolution left to the builder.

    PyYAML resolves every scalar's type in Python as it composes; most of ours are text, so the
    builder resolves only the plain scalars that could be something else (same rules, less work).
    """

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return _IMPLICIT
        return _DEFAULT_TAGS[kind]

    # The composer calls these around every node; we resolve no tags by path, so they need do
    # nothing, and a builtin does nothing faster than a Python method would.
    descend_resolver = staticmethod(slice)  # type: ignore[assignment]
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]


MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64  # enforced, with its line, while building values
# libyaml's composer recurses in C and crashes the interpreter some ten thousand levels down, so
# before composing, the text is checked against a looser bound that is cheap to test.
COMPOSER_DEPTH = 1000
_LEADING_RUN = re.compile(rf"^[ \t?:-]{{{COMPOSER_DEPTH},}}", re.MULTILINE)
_BRACKETS = re.compile(r"[\[\]{}]")
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_constructor = yaml.constructor.SafeConstructor()
_SCALAR, _SEQUENCE = yaml.ScalarNode, yaml.SequenceNode


@dataclass(slots=True)
class Document:
    """A file's composed YAML node tree and the plain value built from it."""

    path: Path
    root: yaml.Node
    value: Any


def read_document(path: Path) -> tuple[Document | None, list[Problem]]:
    """Read, check and compose one file. On failure, the problems say why and where."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [error(path, f"file is {size / 1048576:.1f} MiB; the limit is 10 MiB")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error(path, f"cannot read the file: {exc.strerror or exc}")]
    return parse_document(path, raw)


def parse_document(path: Path, raw: bytes) -> tuple[Document | None, list[Problem]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [error(path, "the file is not valid UTF-8 text", line=line)]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [error(path, "the file holds a NUL character", line=line)]
    too_deep = _nesting_too_deep(text)
    if too_deep:
        return None, [error(path, f"nesting is deeper than {MAX_DEPTH} levels", line=too_deep)]
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = _yaml_message(exc)
        return None, [error(path, message, line=line)]
    except yaml.YAMLError as exc:
        return None, [error(path, f"not valid YAML: {exc}")]
    if root is None:
        return None, [error(path, "the file is empty")]
    builder = _Builder(path, budget=len(text) + 1000)
    value = builder.build(root, 0)
    if builder.problems:
        return None, builder.problems
    return Document(path, root, value), []


def _compose(text: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    return root


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "expected a single document" in context or "but found another document" in problem:
        return "the file holds more than one YAML document; keep one per file"
    if "found character '\\t'" in problem:
        return "a tab is used for indentation; YAML needs spaces"
    if "found undefined alias" in problem:
        return problem.replace("found undefined alias", "alias is not defined:")
    text = f"{context} ({problem})" if context and problem else context or problem
    return f"not valid YAML: {text}" if text else "not valid YAML"


def _nesting_too_deep(text: str) -> int | None:
    """The line where nesting first goes too deep for the composer, judged from the text alone.

    Brackets inside quoted text count too: the check is conservative, and no real plan nests
    anywhere near the bound.
    """
    match = _LEADING_RUN.search(text)
    if match:
        return text.count("\n", 0, match.start()) + 1
    if text.count("[") + text.count("{") <= COMPOSER_DEPTH:
        return None
    brackets = _NOT_BRACKETS.sub("", text)
    for _ in range(COMPOSER_DEPTH):  # each pass removes one level of matched pairs
        inner = brackets.replace("[]", "").replace("{}", "")
        if inner == brackets:
            break
        brackets = inner
    else:
        return _line_of_depth(text, COMPOSER_DEPTH)
    if brackets.count("[") + brackets.count("{") > COMPOSER_DEPTH:  # unclosed openers
        return _line_of_depth(text, COMPOSER_DEPTH)
    return None


def _line_of_depth(text: str, limit: int) -> int:
    depth = 0
    for bracket in _BRACKETS.finditer(text):
        depth = depth + 1 if bracket.group() in "[{" else max(depth - 1, 0)
        if depth > limit:
            return text.count("\n", 0, bracket.start()) + 1
    return 1


class _Builder:
    """Turns composed nodes into dicts, lists and scalars, collecting every problem."""

    def __init__(self, path: Path, budget: int) -> None:
        self.path = path
        # Each built node costs one; without aliases a document cannot outspend its own length.
        self.budget = budget
        self.problems: list[Problem] = []
        self.exhausted = False

    def fail(self, node: yaml.Node, message: str) -> None:
        self.problems.append(error(self.path, message, line=node.start_mark.line + 1))

    def build(self, node: yaml.Node, depth: int) -> Any:
        if node.__class__ is _SCALAR:
            return self.scalar(node)
        if depth >= MAX_DEPTH:
            self.fail(node, f"nesting is deeper than {MAX_DEPTH} levels")
            return None
        items = node.value
        self.budget -= len(items) + 1
        if self.budget < 0:
            if not self.exhausted:
                self.exhausted = True
                self.fail(node, "aliases expand too far; write the values out")
            return None
        depth += 1
        if node.__class__ is _SEQUENCE:
            if node.tag != _SEQ:
                self.fail(node, f"unsupported tag '{node.tag}'")
                return None
            return [
                self.scalar(item) if item.__class__ is _SCALAR else self.build(item, depth)
                for item in items
            ]
        if node.tag != _MAP:
            self.fail(node, f"unsupported tag '{node.tag}'")
            return None
        mapping: dict[Any, Any] = {}
        for key_node, value_node in items:
            if key_node.__class__ is not _SCALAR or key_node.tag == _MERGE:
                self.fail(key_node, _bad_key(key_node))
                continue
            key = key_node.value
            if key in mapping:
                self.fail(key_node, f"duplicate key '{key}'")
                continue
            mapping[key] = (
                self.scalar(value_node)
                if value_node.__class__ is _SCALAR
                else self.build(value_node, depth)
            )
        return mapping

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _IMPLICIT:
            tag = _resolve_plain(node.value)
        if tag in (_STR, _TIMESTAMP):  # dates stay as written; the models parse them
            return node.value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return _constructor.construct_yaml_bool(node)
        if tag == _INT:
            return _constructor.construct_yaml_int(node)
        if tag == _FLOAT:
            return _constructor.construct_yaml_float(node)
        self.fail(node, f"unsupported tag '{tag}'; only plain YAML values are allowed")
        return None


def _bad_key(node: yaml.Node) -> str:
    if node.tag == _MERGE:
        return "merge keys ('<<') are not supported; write the keys out"
    return "a key must be plain text, not a list or mapping"


def _resolve_plain(value: str) -> str:
    """YAML 1.1's implicit type of a plain scalar, by PyYAML's own rules."""
    for tag, pattern in _IMPLICIT_RESOLVERS.get(value[:1], ()):
        if pattern.match(value):
            return tag
    return _STR


def locate(root: yaml.Node, path: DocPath, at_key: bool = False) -> int:
    """The 1-based line of the text at `path` in a composed document.

    Path elements that do not match the tree (pydantic adds union tags) are skipped; a key that is
    missing points at its mapping. With `at_key`, the line of the last key rather than its value.
    """
    node = root
    for position, step in enumerate(path):
        last = position == len(path) - 1
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == step:
                    node = key_node if (last and at_key) else value_node
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(step, int)
            and 0 <= step < len(node.value)
        ):
            node = node.value[step]
    return node.start_mark.line + 1
