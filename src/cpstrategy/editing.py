"""Change one data file in place without losing a byte: add a progress entry to an action, or
answer a "You said, we did" item.

The new text is spliced in at the YAML parser's node positions, written in the style of its
neighbours (indentation, block or flow, quoting, line endings, BOM), and the result is re-parsed and
refused unless the only difference is the one intended. Nothing is ever re-dumped. Pure: bytes in,
bytes out; no clock, no files.
"""

from __future__ import annotations

import codecs
import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .yamlsource import parse_document

BREAKS = "\r\n\x85\u2028\u2029"  # every character YAML reads as a line break
DEFAULT_WIDTH = 100
_CHECK = Path("<check>")


class EditError(Exception):
    """The edit cannot be made safely; nothing must be written. `line` is 1-based, in the file."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True, slots=True)
class NewProgress:
    """One progress entry to add to an action."""

    date: date
    status: str
    note: str | None = None
    by: str | None = None

    def fields(self) -> dict[str, str]:
        fields = {"date": self.date.isoformat(), "status": self.status}
        if self.note is not None:
            fields["note"] = self.note
        if self.by is not None:
            fields["by"] = self.by
        return fields


@dataclass(frozen=True, slots=True)
class Edited:
    """The new bytes of the file and the 1-based line where the change starts."""

    data: bytes
    line: int
    changed: bool = True


@dataclass(frozen=True, slots=True)
class _Splice:
    start: int
    end: int
    text: str


# -- the two edits ----------------------------------------------------------------------------


def add_progress(raw: bytes, index: int, record_id: str, entry: NewProgress) -> Edited:
    """`raw` with `entry` appended to the progress of the action at `actions[index]`."""
    source = _Source.read(raw)
    action = source.record("actions", index, record_id)
    fields = entry.fields()
    found = _get(action, "progress")
    before_last = False  # the entry goes in before the last one (see _append_flow_entry)
    if found is None:
        splices = _add_progress_key(source, action, fields)
    else:
        key, progress = found
        written = source.value["actions"][index].get("progress")
        if written is None and isinstance(progress, yaml.ScalarNode):  # `progress:`, or `~`
            splices = _fill_empty_list(source, key, progress, fields, in_flow=action.flow_style)
        elif not isinstance(progress, yaml.SequenceNode):
            raise EditError(f"progress of '{record_id}' is not a list", _line(progress))
        elif not progress.flow_style:
            splices = _append_block_entry(source, progress, fields)
        elif progress.value:
            splices, before_last = _append_flow_entry(source, progress, fields, written)
        else:
            splices = _fill_empty_list(source, key, progress, fields, in_flow=action.flow_style)
    expected = copy.deepcopy(source.value)
    target = expected["actions"][index]
    entries = list(target.get("progress") or [])
    entries.insert(len(entries) - 1 if before_last else len(entries), fields)
    target["progress"] = entries
    return source.finish(splices, expected)


def answer_item(raw: bytes, index: int, record_id: str, changes: dict[str, str | None]) -> Edited:
    """`raw` with the keys of the item at `items[index]` set to `changes` (text values; None
    removes the key).

    A key that is there has its value replaced in place, in its own style; a missing key is added
    after the item's last key; a removed key goes with its line. Values equal to what is written
    already are left alone.
    """
    source = _Source.read(raw)
    item = source.record("items", index, record_id)
    current = source.value["items"][index]
    wanted = {
        k: v
        for k, v in changes.items()
        if (k in current if v is None else current.get(k) != v or _get(item, k) is None)
    }
    if not wanted:
        return Edited(raw, _line(item), changed=False)
    splices: list[_Splice] = []
    missing: dict[str, str] = {}
    for key, value in wanted.items():
        found = _get(item, key)
        if value is None:
            if found is not None:
                splices.append(_remove_key(source, item, found[0], found[1]))
        elif found is None:
            missing[key] = value
        else:
            splices.append(_replace_scalar(source, found[0], found[1], value, item.flow_style))
    if missing:
        splices.append(_add_keys(source, item, missing, "items"))
    expected = copy.deepcopy(source.value)
    for key, value in wanted.items():
        if value is None:
            expected["items"][index].pop(key, None)
        else:
            expected["items"][index][key] = value
    return source.finish(splices, expected)


# -- the file as text and nodes ---------------------------------------------------------------


@dataclass(slots=True)
class _Source:
    bom: bytes
    text: str
    newline: str
    root: yaml.Node
    value: Any

    @classmethod
    def read(cls, raw: bytes) -> _Source:
        document, problems = parse_document(_CHECK, raw)
        if document is None:
            first = problems[0]
            raise EditError(first.message, first.line)
        bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
        text = raw[len(bom) :].decode("utf-8")
        return cls(bom, text, _newline_of(text), document.root, document.value)

    def record(self, list_key: str, index: int, record_id: str) -> yaml.MappingNode:
        found = _get(self.root, list_key) if isinstance(self.root, yaml.MappingNode) else None
        records = found[1] if found else None
        if not isinstance(records, yaml.SequenceNode) or not 0 <= index < len(records.value):
            raise EditError(f"cannot find '{record_id}' in the file; it changed since it was read")
        node = records.value[index]
        id_node = _get(node, "id") if isinstance(node, yaml.MappingNode) else None
        if id_node is None or str(self.value[list_key][index].get("id")) != record_id:
            raise EditError(f"cannot find '{record_id}' in the file; it changed since it was read")
        return node  # type: ignore[return-value]

    def finish(self, splices: list[_Splice], expected: Any) -> Edited:
        text = self.text
        for splice in sorted(splices, key=lambda s: (s.start, s.end), reverse=True):
            text = (
                text[: splice.start] + splice.text.replace("\n", self.newline) + text[splice.end :]
            )
        data = self.bom + text.encode("utf-8")
        first = min(splices, key=lambda s: s.start)
        # An insertion that starts with a line break begins on the line after.
        line = _line_at(text, first.start + (len(self.newline) if first.text[:1] == "\n" else 0))
        document, problems = parse_document(_CHECK, data)
        if document is None:
            raise EditError(
                f"the edited file would not read back ({problems[0].message}); nothing written",
                line,
            )
        if document.value != expected:
            why = "the edit would change more than the new entry; nothing written"
            if self.text and self.text[-1] not in BREAKS:
                # A block scalar that ends the file gains a line break when text follows it.
                why += "; end the file with a line break and try again"
            raise EditError(why, line)
        return Edited(data, line)


def _newline_of(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    if crlf and crlf >= lf:
        return "\r\n"
    if not lf and text.count("\r") > crlf:
        return "\r"
    return "\n"


def _get(mapping: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1 if "\n" in text else text.count("\r", 0, index) + 1


def _line_start(text: str, index: int) -> int:
    while index > 0 and text[index - 1] not in BREAKS:
        index -= 1
    return index


def _line_end(text: str, index: int) -> int:
    while index < len(text) and text[index] not in BREAKS:
        index += 1
    return index


def _column(text: str, index: int) -> int:
    return index - _line_start(text, index)


def _same_line(text: str, start: int, end: int) -> bool:
    return not any(ch in BREAKS for ch in text[start:end])


def _content_end(text: str, node: yaml.Node) -> int:
    """Just after the last character of the node's own text: not its trailing comments or
    blank lines, which a block collection's end mark takes in."""
    if isinstance(node, yaml.ScalarNode) or node.flow_style:
        end = node.end_mark.index
        while end > node.start_mark.index and text[end - 1] in " \t" + BREAKS:
            end -= 1
        return end
    ends = [node.start_mark.index]
    children: Iterator[yaml.Node] = (
        (child for pair in node.value for child in pair)
        if isinstance(node, yaml.MappingNode)
        else iter(node.value)
    )
    ends.extend(_content_end(text, child) for child in children)
    return max(ends)


def _insert_after_line(source: _Source, anchor: int, lines: list[str]) -> _Splice:
    """New whole lines after the line that holds `anchor`."""
    text = source.text
    end = _line_end(text, anchor)
    if end == len(text):  # the last line, without a final line break
        return _Splice(end, end, "".join("\n" + line for line in lines))
    after = end + (2 if text.startswith("\r\n", end) else 1)
    return _Splice(after, after, "".join(line + "\n" for line in lines))


# -- where lists and entries go -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _ListShape:
    """How a block list sits under its key, and how its entries are written."""

    offset: int = 2  # the dash's column minus the key's
    gap: int = 1  # spaces between the dash and the entry
    dash_alone: bool = False  # the dash on a line of its own
    flow_entries: bool = False  # `- {date: ..., status: ...}`
    padded: bool = False  # `{ date: ... }`


def _dash_of(text: str, entry: yaml.Node) -> int | None:
    index = entry.start_mark.index - 1
    while index >= 0 and text[index] in " \t" + BREAKS:
        index -= 1
    return index if index >= 0 and text[index] == "-" else None


def _shape_of(text: str, key: yaml.Node | None, sequence: yaml.SequenceNode) -> _ListShape:
    last = sequence.value[-1]
    dash = _dash_of(text, last)
    content_column = last.start_mark.column
    if dash is None:
        dash_column, gap, alone = max(content_column - 2, 0), 1, False
    else:
        dash_column = _column(text, dash)
        alone = not _same_line(text, dash, last.start_mark.index)
        gap = max(content_column - dash_column - 1, 1)
    key_column = key.start_mark.column if key is not None else 0
    flow = isinstance(last, yaml.MappingNode) and bool(last.flow_style)
    return _ListShape(
        offset=dash_column - key_column,
        gap=gap,
        dash_alone=alone,
        flow_entries=flow,
        padded=flow and text[last.start_mark.index + 1 : last.start_mark.index + 2] == " ",
    )


def _block_lists(node: yaml.Node) -> Iterator[tuple[str, yaml.Node, yaml.SequenceNode]]:
    """Every non-empty block list under a mapping key, outermost first: (key, key node, list)."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
                yield str(key.value), key, value
            yield from _block_lists(value)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _block_lists(child)


def _progress_lists(source: _Source) -> list[yaml.SequenceNode]:
    found = _get(source.root, "actions")
    actions = found[1] if found else None
    lists = []
    for action in actions.value if isinstance(actions, yaml.SequenceNode) else []:
        progress = _get(action, "progress")
        if progress and isinstance(progress[1], yaml.SequenceNode) and progress[1].value:
            lists.append(progress[1])
    return lists


def _new_list_style(source: _Source) -> tuple[str, _ListShape, yaml.Node | None]:
    """How a new progress list is written in this file: ('block' or 'flow', shape, model entry).

    The other actions' progress lists say it; failing them, the file's other block lists."""
    text = source.text
    lists = _progress_lists(source)
    block = [s for s in lists if not s.flow_style]
    if block:
        model = block[-1]
        key = _key_of(source.root, model)
        return "block", _shape_of(text, key, model), model.value[-1]
    if lists:
        return "flow", _ListShape(padded=_padded(text, lists[-1].value[-1])), lists[-1].value[-1]
    others = list(_block_lists(source.root))
    # An action's own lists (measures, lead) are nearer in style than the top-level `actions`.
    inner = [o for o in others if o[0] != "actions"] or others
    if inner:
        _, key, sequence = inner[0]
        shape = _shape_of(text, key, sequence)
        return "block", _ListShape(shape.offset, shape.gap, shape.dash_alone), None
    return "block", _ListShape(), None


def _padded(text: str, node: yaml.Node) -> bool:
    return (
        bool(getattr(node, "flow_style", False))
        and text[node.start_mark.index + 1 : node.start_mark.index + 2] == " "
    )


def _key_of(root: yaml.Node, target: yaml.Node) -> yaml.Node | None:
    for _, key, sequence in _block_lists(root):
        if sequence is target:
            return key
    return None


def _append_block_entry(
    source: _Source, progress: yaml.SequenceNode, fields: dict[str, str]
) -> list[_Splice]:
    text = source.text
    key = _key_of(source.root, progress)
    shape = _shape_of(text, key, progress)
    key_column = key.start_mark.column if key is not None else 0
    model = progress.value[-1]
    lines = _entry_lines(source, fields, model, shape, key_column + shape.offset)
    return [_insert_after_line(source, _content_end(text, progress), lines)]


def _append_flow_entry(
    source: _Source, progress: yaml.SequenceNode, fields: dict[str, str], written: list[Any]
) -> tuple[list[_Splice], bool]:
    """The splices, and whether the entry goes in before the last one. `written`: the entries
    as read."""
    text = source.text
    last = progress.value[-1]
    entry = _flow_entry(source, fields, last, _padded(text, last))
    end = _content_end(text, last)
    if _same_line(text, progress.start_mark.index, last.start_mark.index):
        return [_Splice(end, end, ", " + entry)], False
    # Over several lines, the new entry goes on a line of its own where that changes no other:
    # before a "]" on a line of its own, after a comma; or else before the last entry, unless
    # that one is of the same day (of one day's entries, the last written is the latest).
    indent = " " * last.start_mark.column
    closing = _content_end(text, progress) - 1  # the "]"
    bracket_line = _line_start(text, closing)
    comma = "," in text[end:closing].split("#")[0]
    if comma and not text[bracket_line:closing].strip():
        return [_Splice(bracket_line, bracket_line, indent + entry + ",\n")], False
    line_start = _line_start(text, last.start_mark.index)
    same_day = isinstance(written[-1], dict) and str(written[-1].get("date")) == fields["date"]
    if not text[line_start : last.start_mark.index].strip() and not same_day:
        return [_Splice(line_start, line_start, indent + entry + ",\n")], True
    if comma:  # "{...},]": the entry goes after the comma, the "]" after it
        after = text.index(",", end) + 1
        return [_Splice(after, after, "\n" + indent + entry + ",")], False
    if not _same_line(text, end, closing):  # a comma after it; the entry after its comment
        return [_Splice(end, end, ","), _insert_after_line(source, end, [indent + entry])], False
    return [_Splice(end, end, ",\n" + indent + entry)], False


def _fill_empty_list(
    source: _Source,
    key: yaml.Node,
    progress: yaml.Node,
    fields: dict[str, str],
    in_flow: bool,
) -> list[_Splice]:
    """`progress: []` (or `progress:` with no value, or `~`) becomes a list holding the entry:
    that one line changes, unless nothing was written after the colon."""
    text = source.text
    style, shape, model = _new_list_style(source)
    start, end = progress.start_mark.index, progress.end_mark.index
    if ":" not in re.sub(r"#[^\n\r]*", "", text[key.end_mark.index : start]):  # (not a comment's)
        if not in_flow:
            raise EditError("progress is written without a colon; write 'progress:'", _line(key))
        start = end = key.end_mark.index  # `{..., progress}`: the colon goes in too
        prefix = ": "
    else:
        prefix = " " if text[start - 1 : start] == ":" else ""  # `progress:`: a space after it
    if in_flow or style == "flow":
        entry = _flow_entry(source, fields, model, shape.padded)
        return [_Splice(start, end, prefix + "[" + entry + "]")]
    if text[end : _line_end(text, end)].strip():
        # A comment follows: blank out the brackets so that it stays in its column.
        emptied = _Splice(start, end, " " * (end - start))
    else:
        gap_start = start
        while gap_start > 0 and text[gap_start - 1] in " \t":
            gap_start -= 1
        emptied = _Splice(gap_start, end, "")
    dash_column = key.start_mark.column + shape.offset
    lines = _entry_lines(source, fields, model, shape, dash_column)
    added = _insert_after_line(source, end, lines)
    return [emptied, added] if emptied.start < emptied.end else [added]


def _add_progress_key(
    source: _Source, action: yaml.MappingNode, fields: dict[str, str]
) -> list[_Splice]:
    text = source.text
    style, shape, model = _new_list_style(source)
    if action.flow_style:
        last = action.value[-1][1] if action.value else action
        end = _content_end(text, last)
        entry = _flow_entry(source, fields, model, shape.padded)
        return [_Splice(end, end, ", progress: [" + entry + "]")]
    key_column = action.value[0][0].start_mark.column
    if style == "flow":
        entry = _flow_entry(source, fields, model, shape.padded)
        lines = [" " * key_column + "progress: [" + entry + "]"]
    else:
        lines = [" " * key_column + "progress:"]
        lines += _entry_lines(source, fields, model, shape, key_column + shape.offset)
    return [_insert_after_line(source, _content_end(text, action), lines)]


def _add_keys(
    source: _Source, record: yaml.MappingNode, missing: dict[str, str], list_key: str
) -> _Splice:
    """Missing keys of a record, after its last key, in its siblings' styles."""
    text = source.text
    if record.flow_style:
        last = record.value[-1][1]
        end = _content_end(text, last)
        parts = [
            f"{key}: {_render(value, _sibling_style(source, list_key, key), flow=True)[0]}"
            for key, value in missing.items()
        ]
        return _Splice(end, end, "".join(", " + part for part in parts))
    column = record.value[0][0].start_mark.column
    lines: list[str] = []
    for key, value in missing.items():
        style = _sibling_style(source, list_key, key)
        rendered = _render(value, style, column=column, indent=column + 2)
        lines.append(" " * column + f"{key}: {rendered[0]}")
        lines.extend(rendered[1:])
    return _insert_after_line(source, _content_end(text, record), lines)


def _remove_key(
    source: _Source, record: yaml.MappingNode, key: yaml.Node, value: yaml.Node
) -> _Splice:
    """A key and its value out of a record: its whole line(s) in block style, the pair and
    one comma in flow style."""
    text = source.text
    pairs = record.value
    position = next(i for i, (k, _) in enumerate(pairs) if k is key)
    if record.flow_style:
        if position > 0:  # from the end of the pair before: `, key: value`
            before = _content_end(text, pairs[position - 1][1])
            return _Splice(before, _content_end(text, value), "")
        if len(pairs) > 1:  # the first pair: `key: value, ` up to the next key
            return _Splice(key.start_mark.index, pairs[1][0].start_mark.index, "")
        return _Splice(key.start_mark.index, _content_end(text, value), "")
    start = _line_start(text, key.start_mark.index)
    if position == 0 or text[start : key.start_mark.index].strip():
        raise EditError(f"'{key.value}' shares its line with other text; edit it by hand",
                        _line(key))  # fmt: skip
    end = _line_end(text, _content_end(text, value))
    if end < len(text):
        end += 2 if text.startswith("\r\n", end) else 1
    elif start > 0:  # the last line, without a final line break: take the break before it
        start -= 2 if text[:start].endswith("\r\n") else 1
    return _Splice(start, end, "")


def _sibling_style(source: _Source, list_key: str, key: str) -> str | None:
    """The quoting of `key` in the other records of the list, so a new one matches."""
    found = _get(source.root, list_key)
    records = found[1] if found else None
    for record in reversed(records.value if isinstance(records, yaml.SequenceNode) else []):
        pair = _get(record, key)
        if pair and isinstance(pair[1], yaml.ScalarNode) and pair[1].value:
            return pair[1].style
    return None


def _replace_scalar(
    source: _Source, key: yaml.Node, value: yaml.Node, new: str, in_flow: bool
) -> _Splice:
    if not isinstance(value, yaml.ScalarNode):
        raise EditError(f"'{key.value}' is not a single value; edit it by hand", _line(value))
    text = source.text
    start = value.start_mark.index
    end = _content_end(text, value)
    lead = ""
    if start == value.end_mark.index:  # nothing written (`we_did:`): its marks are past the
        colon = text.find(":", key.end_mark.index, start + 1)  # line; the text goes after ':'
        if colon < 0:  # `? we_did` with no colon at all
            raise EditError(f"'{key.value}' has no ':' after it; write '{key.value}:'", _line(key))
        start = end = colon + 1
        lead = " "
    indent = key.start_mark.column + 2
    width = DEFAULT_WIDTH
    if value.style in ("|", ">"):
        indent, width = _block_scalar_layout(text, value, indent)
    rendered = _render(
        new, value.style, flow=in_flow, column=key.start_mark.column, indent=indent, width=width
    )
    return _Splice(start, end, lead + "\n".join(rendered))


def _block_scalar_layout(text: str, value: yaml.ScalarNode, indent: int) -> tuple[int, int]:
    """The content column and wrap width of a block scalar as it is written."""
    body = text[value.start_mark.index : _content_end(text, value)]
    lines = [line for line in body.splitlines()[1:] if line.strip()]
    if not lines:
        return indent, DEFAULT_WIDTH
    column = min(len(line) - len(line.lstrip(" ")) for line in lines)
    return column, max(max(len(line) for line in lines), 60)


# -- writing one entry ----------------------------------------------------------------------


def _order(fields: dict[str, str], model: yaml.Node | None) -> list[str]:
    known = [str(k.value) for k, _ in model.value] if isinstance(model, yaml.MappingNode) else []
    return [k for k in known if k in fields] + [k for k in fields if k not in known]


def _styles(model: yaml.Node | None) -> dict[str, str | None]:
    if not isinstance(model, yaml.MappingNode):
        return {}
    return {
        str(k.value): v.style for k, v in model.value if isinstance(v, yaml.ScalarNode) and v.value
    }


def _entry_lines(
    source: _Source,
    fields: dict[str, str],
    model: yaml.Node | None,
    shape: _ListShape,
    dash_column: int,
) -> list[str]:
    dash = " " * dash_column + "-"
    if shape.flow_entries:
        return [dash + " " * shape.gap + _flow_entry(source, fields, model, shape.padded)]
    column = dash_column + 1 + shape.gap
    styles = _styles(model)
    lines = [dash] if shape.dash_alone else []
    for key in _order(fields, model):
        indent, width = column + 2, DEFAULT_WIDTH
        pair = _get(model, key) if model is not None else None
        if pair and isinstance(pair[1], yaml.ScalarNode) and pair[1].style in ("|", ">"):
            indent, width = _block_scalar_layout(source.text, pair[1], indent)
            indent = column + (indent - pair[0].start_mark.column)
        rendered = _render(fields[key], styles.get(key), column=column, indent=indent, width=width)
        head = dash + " " * shape.gap if not lines else " " * column
        lines.append(f"{head}{key}: {rendered[0]}")
        lines.extend(rendered[1:])
    return lines


def _flow_entry(
    source: _Source, fields: dict[str, str], model: yaml.Node | None, padded: bool
) -> str:
    styles = _styles(model)
    inner = ", ".join(
        f"{key}: {_render(fields[key], styles.get(key), flow=True)[0]}"
        for key in _order(fields, model)
    )
    return "{ " + inner + " }" if padded else "{" + inner + "}"


# -- writing one value -------------------------------------------------------------------------


def scalar(value: str, *, flow: bool = False) -> str:
    """`value` as one-line YAML text that reads back as exactly that text: plain when it can be,
    else double-quoted. `flow` for an item of a `[...]` list."""
    return _render(value, None, flow=flow)[0]


def _render(
    value: str,
    style: str | None,
    *,
    flow: bool = False,
    column: int = 0,
    indent: int = 2,
    width: int = DEFAULT_WIDTH,
) -> list[str]:
    """`value` as YAML text after `key: ` in the given style, or double-quoted when that style
    cannot hold it. A block scalar gives its header, then whole lines."""
    candidates: list[list[str] | None] = []
    if style in ("|", ">") and not flow:
        candidates.append(_block_scalar(value, style, indent, width))
    elif style == "'":
        candidates.append(_single_quoted(value))
    elif style != '"':
        # A tab reads back, but is invisible and trips other YAML tools: it is written "\t".
        candidates.append([value] if value and _one_line(value) and "\t" not in value else None)
    for candidate in candidates:
        if candidate is not None and _reads_back(candidate, value, flow=flow, column=column):
            return candidate
    quoted = [_double_quoted(value)]
    if not _reads_back(quoted, value, flow=flow, column=column):
        raise EditError(f"cannot write the text {value!r} in YAML")
    return quoted


def _one_line(value: str) -> bool:
    return not any(ch in BREAKS for ch in value)


def _single_quoted(value: str) -> list[str] | None:
    if not _one_line(value) or not value.isprintable():
        return None
    return ["'" + value.replace("'", "''") + "'"]


def _block_scalar(value: str, style: str, indent: int, width: int) -> list[str] | None:
    pad = " " * indent
    if style == "|":
        if not value or value != value.strip() or not value.replace("\n", "").isprintable():
            return None
        return ["|-", *[pad + line if line else "" for line in value.split("\n")]]
    if not value or not _one_line(value) or value != value.strip() or "  " in value:
        return None
    if "\t" in value:  # as for plain text: written "\t"
        return None
    lines, current = [], ""
    for word in value.split(" "):
        if current and indent + len(current) + 1 + len(word) > width:
            lines.append(pad + current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(pad + current)
    return [">-", *lines]


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def _double_quoted(value: str) -> str:
    out = []
    for ch in value:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif (
            code < 0x20
            or 0x7F <= code < 0xA0
            or 0xD800 <= code <= 0xDFFF
            or ch in "\u2028\u2029\ufeff\ufffe\uffff"
        ):
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _reads_back(rendered: list[str], value: str, *, flow: bool, column: int) -> bool:
    """Does the text read back as exactly `value` where it will stand?"""
    if flow:
        if len(rendered) != 1:
            return False
        text, expected = "[" + rendered[0] + "]", [value]
    else:
        text, expected = " " * column + "k: " + "\n".join(rendered) + "\n", {"k": value}
    document, _ = parse_document(_CHECK, text.encode("utf-8", "surrogatepass"))
    return document is not None and document.value == expected
