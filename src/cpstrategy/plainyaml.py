"""A quick reader for the plain YAML that plans are written in.

Most plan files use a small part of YAML: block mappings and lists, one value to a line, short
flow lists and mappings, and quoted text on one line. This reader handles exactly that, a line at
a time, and gives the same value, line index and count of values as composing the file with
libyaml and building it (`yamlsource`), several times faster. Anything else it does not guess at:
it gives up, and the file is read the full way, which also finds and explains every mistake.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from .sources import AT_KEY, SEPARATOR
from .yamlsource import find_unshowable

# The same reader compiled from `_plainyaml.c`, where the install could build it, and built from
# the version of that file this one goes with (its INTERFACE).
_INTERFACE = 4
try:
    from . import _plainyaml
except ImportError:
    _compiled_read = None
else:
    _compiled_read = _plainyaml.read if getattr(_plainyaml, "INTERFACE", 0) == _INTERFACE else None

# Every line, as its indentation, a list entry's dash, a key and the rest. Keys are plain
# words, as every key of the format is; any other line has no key.
_KEY = r"[A-Za-z_][A-Za-z0-9_-]{0,127}"  # libyaml refuses a key over 1024 characters long
_LINE = re.compile(rf"^( *)(-(?: +|$))?(?:({_KEY}):(?: +|$))?(.*)", re.M)
# Text that YAML reads differently from plain text on a line: line breaks of other kinds, tabs,
# control characters, byte order marks, and characters libyaml refuses.
_UNUSUAL = re.compile("[^\n -~\xa0-\u2027\u202a-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# What may follow a value on its line: nothing, or a comment after a space.
_REST = re.compile(r"(?: +#.*)? *")
# Quoted text on one line ("" with YAML's escapes, '' with '' for a quote), and plain text in a
# flow list or mapping: without the characters that could make it something else.
_DOUBLE_QUOTED = r'"((?:[^"\\]|\\.)*)"'
_SINGLE_QUOTED = r"'((?:[^']|'')*)'"
_PLAIN_IN_FLOW = r"""([^\s,\[\]{}#&*!|>'"%@`?:-](?:[^,\[\]{}#:]*[^\s,\[\]{}#:])?)"""
_DOUBLE = re.compile(_DOUBLE_QUOTED)
_SINGLE = re.compile(_SINGLE_QUOTED)
_ESCAPE = re.compile(
    r"\\(?:([0abtnvfre \"/\\N_LP])|x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))?"
)
_ESCAPED = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}  # fmt: skip
# A whole flow list or mapping on one line is checked first; then its entries are taken, each
# with the comma or bracket after it.
_VALUE = f"(?:{_DOUBLE_QUOTED}|{_SINGLE_QUOTED}|{_PLAIN_IN_FLOW})"  # and capturing nothing:
# (Plain text ends in a character that is not a space, so that the spaces before a comma can
# be matched one way only: a failed match must not try every split of them.)
_SCALAR = (
    r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'"""
    r"""|[^\s,\[\]{}#&*!|>'"%@`?:-](?:[^,\[\]{}#:]*[^\s,\[\]{}#:])?)"""
)
_FLOW_LIST = re.compile(rf"\[ *(?:(?:{_SCALAR} *, *)*{_SCALAR} *)?\]")
_FLOW_MAPPING = re.compile(rf"\{{ *(?:(?:{_KEY}: +{_SCALAR} *, *)*{_KEY}: +{_SCALAR} *)?\}}")
_FLOW_ENTRY = re.compile(rf"(?:({_KEY}): +)?{_VALUE} *[,\]}}]")
# Characters a plain value may not start with (YAML's indicators).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_MAX_DEPTH = 16  # deeper than any plan goes: left to the full reader
_MAX_ENTRIES = 50_000  # yamlsource.MAX_ENTRIES

_Row = tuple[int, str, str, str, int]  # column, dash, key, rest, line number


class _GiveUp(Exception):
    """The text is not the plain YAML this reader handles."""


def read(
    text: str,
    plain: Callable[[str], Any],
    limit: int,
    printable: bool | None = None,
    typed_first: str | None = None,
    known: dict[str, Any] | None = None,
    compiled: bool = True,
) -> tuple[Any, str, int] | None:
    """The value of `text`, its line index (as `yamlsource.line_index` gives it, as compact JSON
    text) and how many values it holds, or None when the text is not plain YAML of the kind this
    reader handles or holds more than `limit` values.

    `plain(text)` gives a plain scalar's value, raising ValueError for one it cannot give.
    `printable`: whether the text, line breaks aside, is all printable characters, if known.
    `typed_first`: where `plain` gives every scalar that does not start with one of these
    characters as its own text, and `known`: what `plain` gave before, by text; the compiled
    reader need not ask it about those. `compiled`: whether to use the compiled reader when it
    is there (the tests read every case both ways).
    """
    if not plain_characters(text, printable):
        return None
    if compiled and _compiled_read is not None:
        found = _compiled_read(text, plain, typed_first, known, limit, SEPARATOR, AT_KEY, 0)
        if found is not None:
            return found  # type: ignore[no-any-return]
    rows = [
        (len(indent), dash, key, rest, number)
        for number, (indent, dash, key, rest) in enumerate(_LINE.findall(text), 1)
        if dash or key or (rest and rest[0] != "#")
    ]
    if not rows:
        return None
    reader = _Reader(rows, plain)
    try:
        value, end = reader.block(0, 0, "" if not rows[0][1] else None)
    except (_GiveUp, ValueError, RecursionError):
        return None
    if end != len(rows) or reader.values > limit:
        return None
    return value, json.dumps(reader.index, separators=(",", ":")), reader.values


def read_screened(
    text: str,
    plain: Callable[[str], Any],
    limit: int,
    screen: int,
    typed_first: str | None = None,
    known: dict[str, Any] | None = None,
) -> tuple[Any, str, int] | bool | None:
    """As `read` with the compiled reader alone, on text nobody has checked yet: it checks the
    text as it reads it, for what `yamlsource.parse_document` would refuse before reading (see
    `_plainyaml.c`, whose `screen` this is). False: not read, as the text needs those checks
    (or there is no compiled reader); None: it passes them, but is not plain YAML the compiled
    reader reads."""
    if _compiled_read is None:
        return False
    return _compiled_read(  # type: ignore[no-any-return]
        text, plain, typed_first, known, limit, SEPARATOR, AT_KEY, screen
    )


def plain_characters(text: str, printable: bool | None = None) -> bool:
    """Whether `text` holds only characters YAML reads as they are on a line: no tabs, line
    breaks of other kinds, control characters or byte order marks (`printable` as for `read`)."""
    if printable is None:
        printable = text.replace("\n", " ").isprintable()
    return printable or not (_UNUSUAL.search(text) or find_unshowable(text))


class _Reader:
    def __init__(self, rows: list[_Row], plain: Callable[[str], Any]) -> None:
        self.rows = rows
        self.plain = plain
        self.values = 0
        # The lines `yamlsource.line_index` gives: each top-level key, each entry of a top-level
        # list and each key of such an entry.
        self.index: dict[str, int] = {}

    def block(self, i: int, depth: int, where: str | None) -> tuple[Any, int]:
        """The block mapping or list that starts on row `i`, and the row after it. `where` is
        its path in the line index ("" for the top level), or None where the index stops."""
        if depth > _MAX_DEPTH:
            raise _GiveUp
        col, dash, key = self.rows[i][:3]
        if dash:
            return self.sequence(i, col, depth, where)
        if key:
            return self.mapping(i, col, depth, where, False)
        raise _GiveUp

    def sequence(self, i: int, col: int, depth: int, where: str | None) -> tuple[list[Any], int]:
        if depth > _MAX_DEPTH:
            raise _GiveUp
        rows, index = self.rows, self.index
        n = len(rows)
        items: list[Any] = []
        while i < n:
            at_col, dash, key, rest, line = rows[i]
            if at_col != col or not dash:
                break
            at = f"{where}{SEPARATOR}{len(items)}" if where is not None else None
            if key:  # an entry that is a mapping, starting on the dash's line
                if at is not None:
                    index[at] = line
                value, i = self.mapping(i, col + len(dash), depth + 1, at, True)
            elif rest and rest[0] != "#":
                value = self.inline(rest)
                if at is not None:
                    index[at] = line
                    if value.__class__ is dict:
                        for key in value:
                            index[f"{at}{SEPARATOR}{key}"] = line
                i += 1
            else:  # an entry written on the lines below its dash
                i += 1
                if i == n or rows[i][0] <= col:
                    raise _GiveUp  # an empty entry: left to the full reader
                if at is not None:
                    index[at] = rows[i][4]
                value, i = self.block(i, depth + 1, at if rows[i][2] and not rows[i][1] else None)
            items.append(value)
            if i < n and rows[i][0] > col:
                raise _GiveUp
        self.count(len(items))
        return items, i

    def mapping(
        self, i: int, col: int, depth: int, where: str | None, entry: bool
    ) -> tuple[dict[str, Any], int]:
        """A block mapping at column `col`; with `entry`, its first key follows a list's dash."""
        if depth > _MAX_DEPTH:
            raise _GiveUp
        rows, index = self.rows, self.index
        n = len(rows)
        mapping: dict[str, Any] = {}
        first = i if entry else -1
        while i < n:
            at_col, dash, key, rest, line = rows[i]
            if i != first and (at_col != col or dash):
                break
            if not key or key in mapping:
                raise _GiveUp
            at = key if depth == 0 else f"{where}{SEPARATOR}{key}" if where is not None else None
            if rest and rest[0] != "#":
                value = self.inline(rest)
                i += 1
                if at is not None:
                    index[at] = line
                    if depth == 0 and value.__class__ is list:
                        for number in range(len(value)):
                            index[f"{at}{SEPARATOR}{number}"] = line
            else:  # the value is on the lines below
                i += 1
                if i == n:
                    raise _GiveUp  # an empty value: left to the full reader
                below_col, below_dash, _, _, below = rows[i]
                if at is not None:
                    index[at] = below
                    if below != line:
                        index[at + AT_KEY] = line
                inner = at if depth == 0 and below_dash else None  # a top-level list
                if below_col > col:
                    value, i = self.block(i, depth + 1, inner)
                elif below_col == col and below_dash:  # a list may start at its key's column
                    value, i = self.sequence(i, col, depth + 1, inner)
                else:
                    raise _GiveUp  # an empty value: left to the full reader
            mapping[key] = value
            if i < n and rows[i][0] > col:
                raise _GiveUp
        self.count(len(mapping))
        return mapping, i

    def count(self, entries: int) -> None:
        if entries > _MAX_ENTRIES:
            raise _GiveUp
        self.values += entries + 1

    def inline(self, text: str) -> Any:
        """A value written on one line: plain or quoted text, or a flow list or mapping."""
        first = text[0]
        if first == '"':
            found = _DOUBLE.match(text)
            if found is None or not _REST.fullmatch(text, found.end()):
                raise _GiveUp
            return _unescape(found.group(1))
        if first == "'":
            found = _SINGLE.match(text)
            if found is None or not _REST.fullmatch(text, found.end()):
                raise _GiveUp
            return found.group(1).replace("''", "'")
        if first == "[":
            return self.flow(text, _FLOW_LIST, False)
        if first == "{":
            return self.flow(text, _FLOW_MAPPING, True)
        if first in _INDICATORS:
            raise _GiveUp
        if "#" in text:
            comment = text.find(" #")
            if comment >= 0:
                text = text[:comment]
        if text[-1] == " ":
            text = text.rstrip(" ")
        if ": " in text or text[-1] == ":":
            raise _GiveUp
        return self.plain(text)

    def flow(self, text: str, whole: re.Pattern[str], pairs: bool) -> Any:
        """A flow list or mapping of plain or quoted text, on one line."""
        found = whole.match(text)
        if found is None or not _REST.fullmatch(text, found.end()):
            raise _GiveUp
        plain = self.plain
        entries: Any = {} if pairs else []
        for key, double, single, bare in _FLOW_ENTRY.findall(text, 1, found.end()):
            if bare:
                value = plain(bare)
            elif double:
                value = _unescape(double)
            else:
                value = single.replace("''", "'")  # or empty text, quoted either way
            if not pairs:
                entries.append(value)
            elif key in entries:
                raise _GiveUp
            else:
                entries[key] = value
        self.count(len(entries))
        return entries


def _unescape(text: str) -> str:
    """Double-quoted text with YAML's escapes replaced by what they stand for. One that makes a
    character no report can show is left to the full reader, which says so."""
    if "\\" not in text:
        return text
    text = _ESCAPE.sub(_escaped, text)
    if find_unshowable(text):
        raise _GiveUp
    return text


def _escaped(found: re.Match[str]) -> str:
    named, *codes = found.groups()
    if named is not None:
        return _ESCAPED[named]
    code = next((c for c in codes if c is not None), None)
    if code is None:
        raise _GiveUp
    number = int(code, 16)
    if 0xD800 <= number <= 0xDFFF or number > 0x10FFFF:
        raise _GiveUp
    return chr(number)
