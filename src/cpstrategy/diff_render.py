"""The forms of `diff`'s change set: plain text for a terminal or a log, a short Markdown summary
for a pull-request comment, and JSON for machines.

Only words and layout live here: what changed and every status come from `diffing` (and so from
`rules`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from .diffing import (
    ActionChange,
    ChangeSet,
    DueMove,
    FieldChange,
    LogChange,
    PriorityChange,
    RecordChange,
    StrategyChange,
    Value,
    WordOp,
)
from .models import Point, Progress
from .rules import Status

# The counts a reviewer is shown; JSON carries every status.
SHOWN_COUNTS = (Status.OVERDUE, Status.OFF_TRACK, Status.AT_RISK, Status.COMPLETE)
MARKS = {"added": "+", "removed": "-", "changed": "~"}
APPEND_ONLY = "The progress log is append-only, but this change rewrites it:"


def day(value: date) -> str:
    """'30 Apr 2017'."""
    return f"{value.day} {value:%b %Y}"


def shift(move: DueMove) -> str:
    """'due 30 Apr 2017 → 31 Mar 2018, 335 days later'."""
    assert move.old is not None and move.new is not None
    days = move.days or 0
    when = "later" if days > 0 else "earlier"
    count = f"{abs(days)} day{'s' if abs(days) != 1 else ''}"
    return f"due {day(move.old)} → {day(move.new)}, {count} {when}"


def due_lines(moves: Sequence[DueMove]) -> list[str]:
    """One line for each due date that moved, then one for those added and one for those
    dropped (as when 'April 2017' becomes 'Bimonthly')."""
    lines = [shift(m) for m in moves if m.old is not None and m.new is not None]
    added = [day(m.new) for m in moves if m.old is None and m.new is not None]
    dropped = [day(m.old) for m in moves if m.new is None and m.old is not None]
    if added:
        lines.append(f"{counted(len(added), 'due date')} added: {', '.join(added)}")
    if dropped:
        lines.append(f"{counted(len(dropped), 'due date')} dropped: {', '.join(dropped)}")
    return lines


def counted(n: int, one: str) -> str:
    return f"{n} {one}{'s' if n != 1 else ''}"


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def _scalar(value: Value) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, date):
        return day(value)
    if isinstance(value, tuple):
        return "; ".join(_scalar(v) for v in value) or "(none)"
    return value


def _list_change(old: Value, new: Value) -> str | None:
    """'added A; removed B' for two lists, or None when it is not a change between lists."""
    if not isinstance(old, tuple) or not isinstance(new, tuple):
        return None
    added = [v for v in new if v not in old]
    removed = [v for v in old if v not in new]
    parts = []
    if added:
        parts.append("added " + "; ".join(_scalar(v) for v in added))
    if removed:
        parts.append("removed " + "; ".join(_scalar(v) for v in removed))
    return ", ".join(parts) if parts else f"reordered: {_scalar(old)} → {_scalar(new)}"


def _mark(kind: str | None) -> str:
    return f"{MARKS[kind]} " if kind else ""


def _status(status: Status | None) -> str:
    return status.label if status is not None else "(none)"


def _entry(entry: Progress | Point | None) -> str:
    if entry is None:
        return ""
    if isinstance(entry, Point):
        return f"{day(entry.date)}: {_number(entry.value)}"
    text = f"{day(entry.date)} {entry.status}"
    if entry.note:
        text += f': "{" ".join(entry.note.split())}"'
    if entry.by:
        text += f" ({entry.by})"
    return text


def _entry_edit(change: LogChange) -> str:
    """What differs between an entry and its rewritten version."""
    old, new = change.old, change.new
    if isinstance(old, Point) and isinstance(new, Point):
        return f"value {_number(old.value)} → {_number(new.value)}"
    assert isinstance(old, Progress) and isinstance(new, Progress)
    parts = []
    for name in ("status", "note", "by"):
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            parts.append(f"{name} {_quoted(a)} → {_quoted(b)}")
    return "; ".join(parts)


def _quoted(value: str | None) -> str:
    if value is None:
        return "(none)"
    text = " ".join(value.split())
    return text if " " not in text else f'"{text}"'


def _log_line(change: LogChange) -> str:
    what = "progress" if change.measure is None else f'actual of "{change.measure}"'
    if change.kind == "added":
        return f"{what} added: {_entry(change.new)}"
    if change.kind == "removed":
        return f"{what} of {day(change.date)} REMOVED (was {_entry(change.old)})"
    return f"{what} of {day(change.date)} EDITED: {_entry_edit(change)}"


def _late(change: RecordChange) -> str | None:
    if change.kind == "added":
        return "late" if change.late_after else None
    if change.kind == "removed":
        return "was late" if change.late_before else None
    if bool(change.late_before) == bool(change.late_after):
        return None
    return "now late" if change.late_after else "no longer late"


def _after(action: ActionChange) -> str:
    return "Removed" if action.kind == "removed" else _status(action.after)


def _lateness(late: bool | None) -> str:
    return "Late" if late else "Not late"


def status_rows(changes: ChangeSet) -> list[tuple[str, str, str]]:
    """(id, before, after) for each action whose status the change alters (an overdue action
    removed: "Overdue → Removed"; added: "New → Overdue"), then each item whose lateness it
    alters."""
    rows = [
        (a.id, "New" if a.kind == "added" else _status(a.before), _after(a))
        for a in changes.status_changes
    ]
    rows += [
        (i.id, "New" if i.kind == "added" else _lateness(i.late_before),
         "Removed" if i.kind == "removed" else _lateness(i.late_after))
        for i in changes.item_status_changes
    ]  # fmt: skip
    return rows


def scope_text(changes: ChangeSet) -> str:
    """'; counts for: demo', the strategies the headline counts cover."""
    if changes.counted is None:
        return ""
    old, new = changes.counted
    if not old and not new:
        return f"; no strategy in its period on {day(changes.as_of)}"
    if old == new:
        return f"; counts for: {', '.join(new)}"
    return f"; counts for: {', '.join(old) or '(none)'} → {', '.join(new) or '(none)'}"


def _shown_fields(action: ActionChange) -> tuple[FieldChange, ...]:
    """The fields to show: a `due:` that moved is shown once, as the shift of its due date."""
    if not action.due:
        return action.fields
    return tuple(f for f in action.fields if f.name != "due")


def _short(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _counts_changed(before: dict[Status, int], after: dict[Status, int]) -> str:
    return ", ".join(
        f"{s.label.lower()} {before[s]} → {after[s]}" for s in Status if before[s] != after[s]
    )


# -- text -----------------------------------------------------------------------------------


def render_text(changes: ChangeSet, old: str, new: str) -> str:
    """The change set for a person at a terminal or reading a CI log."""
    if not changes.changed:
        return f"No change to the plan: {old} → {new}.\n"
    when = day(changes.as_of)
    lines = [f"Plan changes: {old} → {new}, as of {when}{scope_text(changes)}", ""]
    lines.append(f"  {'':<12}{'before':>7}{'after':>7}")
    for status, a, b in _count_rows(changes):
        lines.append(f"  {status:<12}{a:>7}{b:>7}")
    lines.append("")
    if rows := status_rows(changes):
        lines.append(f"Status changes as of {when}:")
        width = max(len(rid) for rid, _, _ in rows)
        lines += [f"  {rid:<{width}}  {a} → {b}" for rid, a, b in rows]
        lines.append("")
    if changes.flagged:
        lines.append("!! " + APPEND_ONLY)
        lines += [f"!!   {a.id}: {_log_line(c)}" for a, c in changes.flagged]
        lines.append("")
    for strategy in changes.strategies:
        lines += _strategy_lines(strategy, changes)
        lines.append("")
    if changes.items:
        lines.append("You said, we did")
        for item in changes.items:
            lines += _record_lines(item, "  ", item.id)
        lines.append("")
    if changes.boards:
        lines.append("Boards")
        for board in changes.boards:
            lines += _record_lines(board, "  ", board.id)
        lines.append("")
    return "\n".join(lines[:-1]) + "\n"


def _count_rows(changes: ChangeSet) -> list[tuple[str, int, int]]:
    rows = [(s.label, changes.before[s], changes.after[s]) for s in SHOWN_COUNTS]
    rows.append(("Late items", changes.late_items_before, changes.late_items_after))
    return rows


def _strategy_lines(strategy: StrategyChange, changes: ChangeSet) -> list[str]:
    lines = [f"{_mark(strategy.kind)}Strategy {strategy.id}: {strategy.title}"]
    lines += [f"    {_field_text(f)}" for f in strategy.fields]
    counts = changes.by_strategy.get(strategy.id)
    if counts and strategy.kind in (None, "changed") and (moved := _counts_changed(*counts)):
        lines.append(f"    counts: {moved}")
    for priority in strategy.priorities:
        lines += _priority_lines(priority)
    return lines


def _priority_lines(priority: PriorityChange) -> list[str]:
    lines = [f"  {_mark(priority.kind)}Priority {priority.id}: {priority.title}"]
    lines += [f"      {_field_text(f)}" for f in priority.fields]
    for theme in priority.themes:
        lines += _record_lines(theme, "    ", f"theme {theme.id}")
    for action in priority.actions:
        lines += _action_lines(action)
    return lines


def _record_lines(record: RecordChange, indent: str, name: str) -> list[str]:
    title = _short(record.title) if record.kind == "changed" else " ".join(record.title.split())
    lines = [f"{indent}{_mark(record.kind)}{name}: {title}"]
    lines += [f"{indent}    {_field_text(f)}" for f in record.fields]
    late = _late(record)
    if late:
        lines.append(f"{indent}    {late}")
    return lines


def _action_lines(action: ActionChange) -> list[str]:
    pad = "        "
    title = " ".join(action.activity.split())
    if action.kind == "changed":
        title = _short(title)
    lines = [f"    {_mark(action.kind)}{action.id}: {title}"]
    if action.kind == "added":
        lines.append(f"{pad}status: {_status(action.after)}")
        return lines
    if action.kind != "removed":
        lines += [pad + _field_text(f) for f in _shown_fields(action)]
    lines += [pad + line for line in due_lines(action.due)]
    for change in (*action.progress, *action.actuals):
        lines.append(("!!" + pad[2:] if change.flagged else pad) + _log_line(change))
    if action.status_changed:
        lines.append(f"{pad}status: {_status(action.before)} → {_after(action)}")
    return lines


def _field_text(change: FieldChange) -> str:
    name = change.name if change.measure is None else f'{change.name} of "{change.measure}"'
    if change.words:
        return f"{name}: {_words_text(change.words)}"
    listed = _list_change(change.old, change.new)
    if listed is not None:
        return f"{name}: {listed}"
    return f"{name}: {_scalar(change.old)} → {_scalar(change.new)}"


def _words_text(words: Sequence[WordOp]) -> str:
    if all(w.op == "equal" for w in words):
        return "".join(w.text for w in words) + " (spacing only)"
    return _marked(words, {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}, str)


def _marked(words: Sequence[WordOp], marks: dict[str, str], escape: Any) -> str:
    """Runs of words with their marks, the space before a run kept outside its mark; like git's
    --word-diff, a replacement reads [-old-]{+new+}, with no space between."""
    text = ""
    previous = None
    for word in words:
        body = word.text.lstrip(" ")
        space = " " if word.text != body and (previous, word.op) != ("delete", "insert") else ""
        text += space + marks[word.op].format(escape(body))
        previous = word.op
    return text


# -- Markdown -------------------------------------------------------------------------------


# A pull-request comment must stay short (GitHub refuses one over 65,536 characters): at most
# this many rows of each table and list, and changed records under each strategy.
MD_ROWS = 30
MD_RECORDS = 20
MD_LINES = 6  # lines under one record
MORE = "run `cpstrategy diff` for all"


def _more(k: int, what: str = "") -> str:
    return f"… and {k} more{' ' + what if what else ''}; {MORE}"


def render_markdown(changes: ChangeSet, old: str, new: str) -> str:
    """A short summary for a pull-request comment: GitHub-flavoured, every data text escaped,
    and capped (see MD_ROWS and MD_RECORDS) so that it stays short whatever the change."""
    from .rendering import markdown_text as md

    title = f"## Plan changes: {md(old)} → {md(new)}"
    if not changes.changed:
        return f"{title}\n\nNo change to the plan.\n"
    when = day(changes.as_of)
    out = [title, "", f"As of {when}{md(scope_text(changes))}.", ""]
    if flagged := changes.flagged:
        out.append(f"> **Warning:** {APPEND_ONLY}")
        out.append(">")
        out += [f"> - **{md(a.id)}**: {md(_log_line(c))}" for a, c in flagged[:MD_ROWS]]
        if len(flagged) > MD_ROWS:
            out.append(f"> - {_more(len(flagged) - MD_ROWS, 'rewritten entries')}")
        out.append("")
    out += ["| Count | Before | After |", "| --- | ---: | ---: |"]
    out += [f"| {name} | {a} | {b} |" for name, a, b in _count_rows(changes)]
    out.append("")
    if rows := status_rows(changes):
        out += [f"**Status changes as of {when}**", ""]
        out += ["| Action | Before | After |", "| --- | --- | --- |"]
        out += [f"| {md(rid)} | {a} | {b} |" for rid, a, b in rows[:MD_ROWS]]
        out.append("")
        if len(rows) > MD_ROWS:
            out += [_more(len(rows) - MD_ROWS, "status changes"), ""]
    for strategy in changes.strategies:
        out += _strategy_md(strategy, md)
    for heading, records in (("You said, we did", changes.items), ("Boards", changes.boards)):
        if records:
            out += [f"### {heading}", ""]
            out += [line for r in records[:MD_RECORDS] for line in _record_md(r, r.id, md)]
            if len(records) > MD_RECORDS:
                out.append(f"- {_more(len(records) - MD_RECORDS)}")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


KIND_WORDS = {"added": "Added", "removed": "Removed", "changed": "Changed", None: ""}


def _heading(kind: str | None, text: str) -> str:
    return f"{text} ({KIND_WORDS[kind].lower()})" if kind else text


def _strategy_md(strategy: StrategyChange, md: Any) -> list[str]:
    out = [f"### {_heading(strategy.kind, f'{md(strategy.id)}: {md(strategy.title)}')}", ""]
    if strategy.fields:
        out += [f"- {_field_md(f, md)}" for f in strategy.fields]
        out.append("")
    budget = MD_RECORDS
    total = sum(len(p.themes) + len(p.actions) for p in strategy.priorities)
    for priority in strategy.priorities:
        if budget <= 0:
            break
        out += [f"#### {_heading(priority.kind, f'{md(priority.id)}: {md(priority.title)}')}", ""]
        lines = [f"- {_field_md(f, md)}" for f in priority.fields]
        for theme in priority.themes[:budget]:
            lines += _record_md(theme, f"theme {theme.id}", md)
        budget -= min(budget, len(priority.themes))
        for action in priority.actions[:budget]:
            lines += _action_md(action, md)
        budget -= min(budget, len(priority.actions))
        out += [*lines, ""] if lines else []
    if total > MD_RECORDS:
        out += [_more(total - MD_RECORDS, "changes to actions and themes"), ""]
    return out


def _record_md(record: RecordChange, name: str, md: Any) -> list[str]:
    lines = [f"- **{KIND_WORDS[record.kind]}** {md(name)}: {md(_short(record.title))}"]
    lines += [f"  - {_field_md(f, md)}" for f in record.fields]
    late = _late(record)
    if late:
        lines.append(f"  - {late}")
    return _capped(lines)


def _capped(lines: list[str]) -> list[str]:
    """A record's first line and at most MD_LINES under it."""
    if len(lines) <= MD_LINES + 1:
        return lines
    return [*lines[: MD_LINES + 1], f"  - {_more(len(lines) - MD_LINES - 1)}"]


def _action_md(action: ActionChange, md: Any) -> list[str]:
    head = f"- **{KIND_WORDS[action.kind]}** **{md(action.id)}**: {md(_short(action.activity))}"
    if action.kind == "added":
        return [f"{head} ({_status(action.after)})"]
    lines = [head]
    if action.kind != "removed":
        lines += [f"  - {_field_md(f, md)}" for f in _shown_fields(action)]
    lines += [f"  - {md(line)}" for line in due_lines(action.due)]
    for change in (*action.progress, *action.actuals):
        text = md(_log_line(change))
        lines.append(f"  - **⚠ {text}**" if change.flagged else f"  - {text}")
    if action.status_changed:
        lines.append(f"  - status: {_status(action.before)} → **{_after(action)}**")
    return _capped(lines)


# A run of changed words may carry a mark of its own only when it begins and ends on a word
# character: GFM does not take `**` or `~~` next to punctuation as emphasis in every place.
_WORDY = re.compile(r"\w(?:.*\w)?", re.DOTALL)


def _field_md(change: FieldChange, md: Any) -> str:
    name = change.name if change.measure is None else f'{change.name} of "{change.measure}"'
    words = change.words
    if words and not all(w.op == "equal" for w in words):
        if all(w.op == "equal" or _WORDY.fullmatch(w.text.strip()) for w in words):
            marks = {"equal": "{}", "delete": "~~{}~~", "insert": "**{}**"}
            return f"{md(name)}: {_marked(words, marks, md)}"
        return md(f"{name}: {_scalar(change.old)} → {_scalar(change.new)}")
    return md(_field_text(change))


# -- JSON -----------------------------------------------------------------------------------


def to_json(changes: ChangeSet, old: str, new: str) -> dict[str, Any]:
    """The whole change set as plain JSON values: dates as YYYY-MM-DD, statuses as in
    `status --format json`."""
    return {
        "old": old,
        "new": new,
        "as_of": changes.as_of.isoformat(),
        "changed": changes.changed,
        "counts": {"before": _counts(changes.before), "after": _counts(changes.after)},
        "late_items": {"before": changes.late_items_before, "after": changes.late_items_after},
        "status_changes": [
            {
                "id": a.id,
                "strategy": a.strategy,
                "priority": a.priority,
                "before": a.before.value if a.before else None,
                "after": a.after.value if a.after else None,
            }
            for a in changes.status_changes
        ],
        "log_rewritten": [{"id": a.id, **_log_json(c)} for a, c in changes.flagged],
        "strategies": [_strategy_json(s, changes) for s in changes.strategies],
        "items": [_record_json(i) for i in changes.items],
        "boards": [_record_json(b) for b in changes.boards],
    }


def _counts(counts: dict[Status, int]) -> dict[str, int]:
    return {status.value: n for status, n in counts.items()}


def _strategy_json(strategy: StrategyChange, changes: ChangeSet) -> dict[str, Any]:
    before, after = changes.by_strategy.get(strategy.id, ({}, {}))
    return {
        "id": strategy.id,
        "change": strategy.kind,
        "title": strategy.title,
        "fields": _fields_json(strategy.fields),
        "counts": {"before": _counts(before), "after": _counts(after)},
        "priorities": [
            {
                "id": p.id,
                "change": p.kind,
                "title": p.title,
                "fields": _fields_json(p.fields),
                "themes": [_record_json(t) for t in p.themes],
                "actions": [_action_json(a) for a in p.actions],
            }
            for p in strategy.priorities
        ],
    }


def _action_json(action: ActionChange) -> dict[str, Any]:
    return {
        "id": action.id,
        "change": action.kind,
        "strategy": action.strategy,
        "priority": action.priority,
        "activity": action.activity,
        "status_before": action.before.value if action.before else None,
        "status_after": action.after.value if action.after else None,
        "fields": _fields_json(action.fields),
        "due": [
            {"old": _json_value(m.old), "new": _json_value(m.new), "days": m.days}
            for m in action.due
        ],
        "progress": [_log_json(c) for c in action.progress],
        "actuals": [_log_json(c) for c in action.actuals],
    }


def _record_json(record: RecordChange) -> dict[str, Any]:
    value: dict[str, Any] = {
        "id": record.id,
        "change": record.kind,
        "title": record.title,
        "fields": _fields_json(record.fields),
    }
    if record.late_before is not None or record.late_after is not None:
        value["late_before"] = record.late_before
        value["late_after"] = record.late_after
    return value


def _fields_json(fields: Iterable[FieldChange]) -> list[dict[str, Any]]:
    out = []
    for change in fields:
        value: dict[str, Any] = {
            "field": change.name,
            "old": _json_value(change.old),
            "new": _json_value(change.new),
        }
        if change.measure is not None:
            value["measure"] = change.measure
        if change.words:
            value["words"] = [{"op": w.op, "text": w.text} for w in change.words]
        out.append(value)
    return out


def _log_json(change: LogChange) -> dict[str, Any]:
    value: dict[str, Any] = {
        "entry": "progress" if change.measure is None else "actual",
        "change": change.kind,
        "date": change.date.isoformat(),
        "old": _entry_json(change.old),
        "new": _entry_json(change.new),
    }
    if change.measure is not None:
        value["measure"] = change.measure
    return value


def _entry_json(entry: Progress | Point | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    fields = {f.name: getattr(entry, f.name) for f in dataclasses.fields(entry)}
    return {k: _json_value(v) for k, v in fields.items() if v is not None}


def _json_value(value: Value) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
