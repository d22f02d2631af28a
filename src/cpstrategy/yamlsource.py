"""Read one YAML file safely into plain Python values, keeping the parser's line numbers.

Only YAML's core types are built (no tags that construct objects, nothing executed); dates stay as
the text the user wrote. Oversized files, deep nesting and aliases that would expand without bound
are refused before they can hurt: libyaml's composer recurses in C, so depth is checked first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import yaml

from .problems import DocPath, Problem, error
from .sources import AT_KEY, SEPARATOR, index_key, one_line, read_bytes

_IMPLICIT = "!implicit"  # a plain scalar whose type the builder resolves
_DEFAULT_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}
_IMPLICIT_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_TYPED_FIRST = frozenset(first for first in _IMPLICIT_RESOLVERS if first)
# The characters a plain scalar that is not text may start with (for `plainyaml.read`).
TYPED_FIRST_CHARACTERS = "".join(sorted(_TYPED_FIRST))


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


MAX_DEPTH = 64  # enforced, with its line, while building values
# Entries a list or keys a mapping may have: no plan comes near it (50,000 actions would be
# some 35 MB), and it bounds the work one hostile file can make, with its line.
MAX_ENTRIES = 50_000
# Values a file may hold, aliases expanded: no plan comes near it (a 10 MiB plan holds some
# 700,000), and it bounds the time and memory one file can take.
MAX_VALUES = 1_000_000
# The same bound, checked on the text before composing: a value starts on a line of its own,
# after a comma or after a bracket. A 10 MiB plan has some 250,000 lines and 100,000 commas.
MAX_PIECES = 1_000_000
# libyaml's composer recurses in C and crashes the interpreter some ten thousand levels down, so
# before composing, the text is checked against a looser bound that is cheap to test.
COMPOSER_DEPTH = 1000
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
_SCALAR, _SEQUENCE, _MAPPING = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode


@dataclass(slots=True)
class Document:
    """A file's composed YAML node tree and the plain value built from it."""

    path: Path
    root: yaml.Node | None  # None when read quickly
    value: Any
    values: int = 0  # how many values it holds, aliases expanded
    lines: str | None = None  # its line index as JSON text, when read without composing


def read_document(path: Path, build: bool = True) -> tuple[Document | None, list[Problem]]:
    """Read, check and compose one file and build its value (unless `build` is false: only the
    node tree is wanted, to find lines). On failure, the problems say why and where."""
    raw, problems = read_bytes(path)
    if raw is None:
        return None, problems
    return parse_document(path, raw, build)


def parse_document(
    path: Path, raw: bytes, build: bool = True, quick: bool = False
) -> tuple[Document | None, list[Problem]]:
    """As `read_document`, from the file's bytes. With `quick`, plain YAML is read without
    composing a node tree (see `plainyaml`): the document then has its line index instead."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [error(path, "the file is not valid UTF-8 text", line=line)]
    compiled = True
    if quick and len(text) <= MAX_PIECES:
        # Most plan files: the compiled reader checks the text for everything below as it
        # reads it, and reads it in one go (about a third of the time, all told).
        from .plainyaml import read_screened

        found = read_screened(
            text, plain_value, MAX_VALUES, COMPOSER_DEPTH, TYPED_FIRST_CHARACTERS,
            KNOWN_PLAIN_VALUES,
        )  # fmt: skip
        if isinstance(found, tuple):
            value, lines, values = found
            return Document(path, None, value, values, lines), []
        compiled = found is not None  # None: the checks pass, and it could not read it
    if "\x00" in text:
        line = _line_at(text, text.index("\x00"))
        return None, [error(path, "the file holds a NUL character", line=line)]
    printable = text.replace("\n", " ").isprintable()  # most files: no character needs a look
    if not printable and (found := find_unshowable(text, controls=False)):
        return None, [error(path, unshowable(found.group()), line=_line_at(text, found.start()))]
    # Each piece is a character at least: a shorter text need not be counted.
    pieces = _pieces(text) if len(text) > MAX_PIECES else 0
    if pieces > MAX_PIECES:
        message = (
            f"the file has {pieces:,} lines, commas and brackets; the limit is {MAX_PIECES:,}, "
            "which no plan comes near: split it into smaller files"
        )
        return None, [error(path, message, line=1)]
    too_deep = _nesting_too_deep(text)
    if too_deep:
        return None, [error(path, f"nesting is deeper than {MAX_DEPTH} levels", line=too_deep)]
    if quick:
        from .plainyaml import read

        found = read(
            text, plain_value, MAX_VALUES, printable, TYPED_FIRST_CHARACTERS, KNOWN_PLAIN_VALUES,
            compiled,
        )  # fmt: skip
        if found is not None:
            value, lines, values = found
            return Document(path, None, value, values, lines), []
    lines = _editor_lines(text) if not printable else None
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        line, message = _yaml_problem(exc, text, lines)
        return None, [error(path, message, line=line)]
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1])
        message = f"not valid YAML: control character U+{code:04X} is not allowed"
        return None, [error(path, message, line=line)]
    except yaml.YAMLError as exc:
        return None, [error(path, f"not valid YAML: {one_line(str(exc))}", line=1)]
    if root is None:
        return None, [error(path, "the file is empty", line=1)]
    if lines:
        _renumber(root, lines)
    if not build:
        return Document(path, root, None), []
    builder = _Builder(path, budget=len(text) + 1000)
    value = builder.build(root, 0)
    if builder.problems:
        return None, builder.problems
    return Document(path, root, value, builder.values), []


# Line breaks as YAML counts them: also NEL, U+2028 and U+2029, which git, grep and editors
# show within a line.
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _editor_lines(text: str) -> list[int] | None:
    """For each line as YAML counts them (0-based), the line as git and editors count it; None
    when the two agree (no NEL, U+2028 or U+2029 in the text)."""
    if not any(c in text for c in "\x85\u2028\u2029"):
        return None
    table, other = [0], 0
    for found in _YAML_BREAK.finditer(text):
        other += found.group() in "\x85\u2028\u2029"
        table.append(len(table) - other)
    return table


def _renumber(root: yaml.Node, lines: list[int]) -> None:
    """Give every mark of the node tree the line git and editors show."""
    stack, seen = [root], {id(root)}
    while stack:
        node = stack.pop()
        start, end = node.start_mark, node.end_mark  # libyaml's own are read-only: new ones
        node.start_mark = yaml.Mark(
            start.name, start.index, lines[min(start.line, len(lines) - 1)], start.column, None, 0
        )
        node.end_mark = yaml.Mark(
            end.name, end.index, lines[min(end.line, len(lines) - 1)], end.column, None, 0
        )
        children = (
            [child for pair in node.value for child in pair]
            if isinstance(node, yaml.MappingNode)
            else node.value
            if isinstance(node, yaml.SequenceNode)
            else []
        )
        for child in children:  # an alias is the node it names: renumbered once
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)


def _pieces(text: str) -> int:
    """Line breaks (of any kind), commas and opening brackets: where values can start."""
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    return breaks + text.count(",") + text.count("[") + text.count("{")


def _compose(text: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    return root


def _yaml_problem(
    exc: yaml.MarkedYAMLError, text: str, editor_lines: list[int] | None = None
) -> tuple[int, str]:
    """A plain message for a YAML syntax error, and the line where its cause is written (as
    editors count lines: see `_editor_lines`)."""

    def shown(yaml_line: int) -> int:  # 1-based, as YAML counts, to 1-based as editors do
        if not editor_lines:
            return yaml_line
        return editor_lines[min(yaml_line - 1, len(editor_lines) - 1)] + 1

    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    lines = text.splitlines()
    at = exc.problem_mark or exc.context_mark
    counted = at.line + 1 if at else 1
    ended = counted > len(lines)  # the file ended first: blame what was left open
    if ended and exc.context_mark is not None:
        counted = exc.context_mark.line + 1
    written = lines[counted - 1] if 0 < counted <= len(lines) else ""
    line = shown(counted)
    if "expected a single document" in context or "but found another document" in problem:
        return line, "the file holds more than one YAML document; keep one per file"
    if "\t" in written[: len(written) - len(written.lstrip())] or "'\\t'" in problem:
        return line, "a tab is used for indentation; YAML needs spaces"
    if problem == "found undefined alias" and at is not None:
        return line, f"alias '{_name_at(text, at.index)}' is not defined"
    if "found duplicate anchor" in context and at is not None and exc.context_mark is not None:
        first = shown(exc.context_mark.line + 1)
        return line, f"anchor '{_name_at(text, at.index)}' is defined twice (first at line {first})"
    if "mapping values are not allowed" in problem:
        return line, (
            "not valid YAML: ': ' cannot start a key here; "
            "if it is part of the text, put the whole value in quotes"
        )
    if "scanning a quoted scalar" in context and "end of stream" in problem:
        return line, "not valid YAML: the quote opened on this line is never closed"
    if ended and "flow" in context:
        return _unclosed_bracket_line(text), (
            "not valid YAML: a bracket opened on this line is never closed"
        )
    detail = f"{context} ({problem})" if context and problem else context or problem
    return line, f"not valid YAML: {detail}" if detail else "not valid YAML"


def _unclosed_bracket_line(text: str) -> int:
    opened: list[int] = []
    for bracket in _BRACKETS.finditer(text):
        if bracket.group() in "[{":
            opened.append(bracket.start())
        elif opened:
            opened.pop()
    return _line_at(text, opened[-1]) if opened else 1  # as editors count, CR too


def _name_at(text: str, index: int) -> str:
    """The anchor or alias (`&name`, `*name`) written at `index`."""
    match = re.match(r"[&*][^\s,\[\]{}]+", text[index:])
    return match.group() if match else "?"


def _nesting_too_deep(text: str) -> int | None:
    """Where nesting goes too deep for the composer (over COMPOSER_DEPTH levels), judged from the
    text alone: None, or the line where it first goes deeper than MAX_DEPTH (where building the
    value would have stopped, had the composer got that far).

    Block levels are counted from each line's indentation and its "- ", "? " and ": " (an
    indentation stack, as YAML reads them), flow levels from the brackets (those inside quoted
    text too): no real plan nests anywhere near the bound. Both together, or brackets hidden in
    quoted text, are left to libyaml 0.2.6, which refuses nesting over 1,000 levels itself.
    """
    block, line = _block_depth(text)
    if block > COMPOSER_DEPTH:
        return line
    if text.count("[") + text.count("{") <= COMPOSER_DEPTH:
        return None
    flow, line = _flow_depth(text)
    return line or 1 if flow > COMPOSER_DEPTH else None


# The start of a line: its indentation, then any "- ", "? " and ": " that open levels on it.
_LEADING = re.compile(r" *(?:[-?:](?: +|$))*")
_INDICATOR = re.compile(r"[-?:]")


def _block_depth(text: str) -> tuple[int, int | None]:
    """The deepest block nesting, and the line where it first goes deeper than MAX_DEPTH; it
    stops counting once past COMPOSER_DEPTH."""
    stack: list[tuple[int, bool]] = []  # (column, an indicator) of each open block level
    deepest, first_line = 0, None
    for number, line in enumerate(_YAML_BREAK.split(text), 1):
        run = _LEADING.match(line).group()  # type: ignore[union-attr]
        opened = islice(_INDICATOR.finditer(run), COMPOSER_DEPTH + 1)  # past it: too deep
        levels = [(found.start(), True) for found in opened]
        rest = line[len(run) :]
        if rest and not rest.startswith("#"):
            levels.append((len(run), False))
        if not levels:
            continue  # blank, or a comment
        first, indicator = levels[0]
        while stack and (
            stack[-1][0] > first or (stack[-1][0] == first and not (indicator and not stack[-1][1]))
        ):
            stack.pop()  # a list entry under its key, at the key's column, is inside it
        stack.extend(levels)
        if len(stack) > MAX_DEPTH and first_line is None:
            first_line = number
        deepest = max(deepest, len(stack))
        if deepest > COMPOSER_DEPTH:
            break  # enough: no need to read on
    return deepest, first_line


def _flow_depth(text: str) -> tuple[int, int | None]:
    """The deepest bracket nesting, and the line where it first goes deeper than MAX_DEPTH; it
    stops counting once past COMPOSER_DEPTH."""
    depth = deepest = 0
    first = None
    for bracket in _BRACKETS.finditer(text):
        depth = depth + 1 if bracket.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH and first is None:
            first = bracket.start()
        deepest = max(deepest, depth)
        if deepest > COMPOSER_DEPTH:
            break
    return deepest, None if first is None else _line_at(text, first)


class _Builder:
    """Turns composed nodes into dicts, lists and scalars, collecting every problem."""

    def __init__(self, path: Path, budget: int) -> None:
        self.path = path
        # Each built node costs one; without aliases a document cannot outspend its own length.
        self.budget = budget
        self.values = 0  # built so far, aliases expanded (MAX_VALUES)
        self.problems: list[Problem] = []
        self.exhausted = False
        self.furthest = 0

    def fail(self, node: yaml.Node, message: str, line: int | None = None) -> None:
        self.problems.append(error(self.path, message, line=line or node.start_mark.line + 1))

    def unsupported(self, node: yaml.Node, tag: str | None = None) -> None:
        """`tag`: the type YAML gives a plain scalar (its node's tag is only "!implicit")."""
        name = (tag or node.tag).replace("tag:yaml.org,2002:", "!!")
        self.fail(node, f"unsupported tag '{name}'; only plain YAML values are allowed")

    def build(self, node: yaml.Node, depth: int) -> Any:
        if node.__class__ is _SCALAR:
            return self.scalar(node)
        if depth >= MAX_DEPTH:
            self.fail(node, f"nesting is deeper than {MAX_DEPTH} levels")
            return None
        items = node.value
        if len(items) > MAX_ENTRIES:
            what = "list has" if node.__class__ is _SEQUENCE else "mapping has"
            self.fail(node, f"the {what} {len(items):,} entries; the limit is {MAX_ENTRIES:,}")
            return None
        self.budget -= len(items) + 1
        self.values += len(items) + 1
        # An alias is its anchor's node, written earlier; the furthest line reached is where
        # the text that expands the document is.
        self.furthest = max(self.furthest, node.start_mark.line)
        if self.budget < 0 or self.values > MAX_VALUES:
            if not self.exhausted:
                self.exhausted = True
                message = (
                    "aliases expand too far; write the values out"
                    if self.budget < 0
                    else f"the file holds over {MAX_VALUES:,} values, which no plan comes near: "
                    "split it into smaller files"
                )
                self.fail(node, message, self.furthest + 1)
            return None
        depth += 1
        if node.__class__ is _SEQUENCE:
            if node.tag != _SEQ:
                self.unsupported(node)
                return None
            return [
                self.scalar(item) if item.__class__ is _SCALAR else self.build(item, depth)
                for item in items
            ]
        if node.tag != _MAP:
            self.unsupported(node)
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
            try:
                return plain_value(node.value)
            except ValueError:
                self.unsupported(node, _resolve_plain(node.value))
                return None
        if node.style == '"' and (found := find_unshowable(node.value)):
            self.fail(node, unshowable(found.group()))
            return None
        try:
            return _scalar_value(tag, node.value)
        except ValueError:
            if tag in (_BOOL, _INT, _FLOAT, _NULL):  # a tag we read, on a value not of its type
                name = tag.replace("tag:yaml.org,2002:", "!!")
                self.fail(node, f"{one_line(repr(node.value))} is not a {name} value; "
                                "write the value without the tag")  # fmt: skip
            else:
                self.unsupported(node)
            return None


# Characters that libyaml refuses written as they are, but that a double-quoted escape can
# make (control characters other than tab and line breaks), and Unicode's noncharacters, which
# it takes either way. No report could show them (HTML forbids them), and in a plan they are a
# mistake, such as text decoded with the wrong code page ("\x85" for "...").
_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_NONCHARACTER = re.compile("[\ufdd0-\ufdef\ufffe\uffff]")
# The noncharacters past the first plane: a class of them is slow to search, so they are
# looked for only in text with such characters at all (one quick search).
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_ASTRAL_NONCHARACTER = re.compile(
    "[" + "".join(chr(plane + end) for plane in range(0x10000, 0x110000, 0x10000)
                  for end in (0xFFFE, 0xFFFF)) + "]"
)  # fmt: skip


def find_unshowable(text: str, controls: bool = True) -> re.Match[str] | None:
    """The first character in `text` that no report can show; with `controls` false, only a
    noncharacter (libyaml refuses the control characters written as they are)."""
    found = (_UNSHOWABLE if controls else _NONCHARACTER).search(text)
    if _ASTRAL.search(text):
        end = found.start() if found else len(text)
        found = _ASTRAL_NONCHARACTER.search(text, 0, end) or found
    return found


def unshowable(character: str) -> str:
    noncharacter = _NONCHARACTER.match(character) or _ASTRAL_NONCHARACTER.match(character)
    what = "a noncharacter" if noncharacter else "a control character"
    return f"the text holds U+{ord(character):04X}, {what} that no report can show; remove it"


def _line_at(text: str, index: int) -> int:
    """The line of `text[index]`, counting every kind of line break libyaml counts."""
    breaks = text.count("\n", 0, index) + text.count("\r", 0, index)
    return breaks - text.count("\r\n", 0, index) + 1


def plain_value(text: str) -> Any:
    """The value of a plain (unquoted) scalar; ValueError for a type that is not supported."""
    if text and text[0] not in _TYPED_FIRST:  # most text: no other type starts this way
        return text
    value = KNOWN_PLAIN_VALUES.get(text, KNOWN_PLAIN_VALUES)
    if value is KNOWN_PLAIN_VALUES:
        value = _scalar_value(_resolve_plain(text), text)
        if len(text) <= 32:  # dates, statuses, numbers: the same few values, again and again
            if len(KNOWN_PLAIN_VALUES) >= 100_000:
                KNOWN_PLAIN_VALUES.clear()
            KNOWN_PLAIN_VALUES[text] = value
    return value


# What plain_value gave before, by text (short texts only): dates, statuses and numbers come
# again and again. The compiled reader looks here before it asks plain_value.
KNOWN_PLAIN_VALUES: dict[str, Any] = {}


def _scalar_value(tag: str, text: str) -> Any:
    if tag in (_STR, _TIMESTAMP):  # dates stay as written; the models parse them
        return text
    if tag == _NULL:
        if text not in ("", "~", "null", "Null", "NULL"):
            raise ValueError(f"not null: {text!r}")  # `!!null March 2023` would drop the text
        return None
    if tag == _BOOL:
        if (flag := _constructor.bool_values.get(text.lower())) is None:
            raise ValueError(f"not a true or false value: {text!r}")  # `!!bool maybe`
        return flag
    if tag in (_INT, _FLOAT):
        # A number is kept only when it is written as Python writes it back: YAML 1.1 also
        # reads 1:30 as 90, 017 as 15 and 2019.10 as 2019.1, and a field that wants text must
        # get the text as written. Number fields read such text as the number it is.
        node = yaml.ScalarNode(tag, text)
        construct = (
            _constructor.construct_yaml_int if tag == _INT else _constructor.construct_yaml_float
        )
        try:
            number = construct(node)
        except ValueError:  # too many digits for Python to read: the field will say so
            return text
        except (IndexError, KeyError, TypeError):  # `!!int` with no digits, or none of its own
            raise ValueError(f"not a number: {text!r}") from None
        return number if repr(number) == text else text
    raise ValueError(f"unsupported tag {tag}")


def _bad_key(node: yaml.Node) -> str:
    if node.tag == _MERGE:
        return "merge keys ('<<') are not supported; write the keys out"
    return "a key must be plain text, not a list or mapping"


def _resolve_plain(value: str) -> str:
    """YAML 1.1's implicit type of a plain scalar, by PyYAML's own rules."""
    for resolved, pattern in _IMPLICIT_RESOLVERS.get(value[:1], ()):
        if pattern.match(value):
            return str(resolved)
    return _STR


def line_index(root: yaml.Node) -> dict[str, int]:
    """The lines most problems point at: each top-level key, each entry of a top-level list, and
    each key of such an entry (the value's line; the key's too, where it differs). Saved with a
    file's cached contents, so that warnings find their lines without composing the file again.
    """
    index: dict[str, int] = {}

    def note(where: str, key: yaml.Node, value: yaml.Node) -> None:
        index[where] = value.start_mark.line + 1
        if key.start_mark.line != value.start_mark.line:
            index[where + AT_KEY] = key.start_mark.line + 1

    if root.__class__ is not _MAPPING:
        return index
    for key, value in root.value:
        if key.__class__ is not _SCALAR:
            continue
        top = index_key((key.value,))
        note(top, key, value)
        if value.__class__ is _SEQUENCE:
            for i, entry in enumerate(value.value):
                entry_key = f"{top}{SEPARATOR}{i}"  # index_key((key, i)), a little quicker
                index[entry_key] = entry.start_mark.line + 1
                if entry.__class__ is _MAPPING:
                    for inner_key, inner_value in entry.value:
                        if inner_key.__class__ is _SCALAR:
                            note(f"{entry_key}{SEPARATOR}{inner_key.value}", inner_key, inner_value)
    return index


def locate(root: yaml.Node, path: DocPath, at_key: bool = False) -> int:
    """The 1-based line of the text at `path` in a composed document.

    Path elements that do not match the tree (pydantic adds union tags) are skipped; a key that is
    missing points at its mapping. With `at_key`, the line of the last key rather than its value.
    """
    if not path and isinstance(root, yaml.ScalarNode) and root.value == "" and not root.style:
        return 1  # a document of nothing (only "---", or comments): the file as a whole
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
