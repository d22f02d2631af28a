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

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
# A line whose indentation and block indicators run this long nests deeper than MAX_DEPTH allows.
_LEADING_RUN = re.compile(rf"^[ \t?:-]{{{3 * MAX_DEPTH},}}", re.MULTILINE)
_BRACKETS = re.compile(r"[\[\]{}]")

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
    """The line where nesting first goes too deep, judged from the text before composing."""
    match = _LEADING_RUN.search(text)
    if match:
        return text.count("\n", 0, match.start()) + 1
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for bracket in _BRACKETS.finditer(text):
        depth = depth + 1 if bracket.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            return text.count("\n", 0, bracket.start()) + 1
    return None


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
        if depth > MAX_DEPTH:
            self.fail(node, f"nesting is deeper than {MAX_DEPTH} levels")
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        self.budget -= len(node.value) + 1
        if self.budget < 0:
            if not self.exhausted:
                self.exhausted = True
                self.fail(node, "aliases expand too far; write the values out")
            return None
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.fail(node, f"unsupported tag '{node.tag}'")
                return None
            return [self.build(item, depth + 1) for item in node.value]
        if node.tag != _MAP:
            self.fail(node, f"unsupported tag '{node.tag}'")
            return None
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.fail(key_node, "merge keys ('<<') are not supported; write the keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, "a key must be plain text, not a list or mapping")
                continue
            key = key_node.value
            if key in mapping:
                self.fail(key_node, f"duplicate key '{key}'")
                continue
            mapping[key] = self.build(value_node, depth + 1)
        return mapping

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
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
