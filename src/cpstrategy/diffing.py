"""What a change to the data means for the plan: two loaded plans and an as-of date in, a change
set out (records added, removed or changed, due dates moved, progress recorded or rewritten, and
the statuses the change alters).

Pure: no files, no git, no clock, no printing. Every status comes from `rules.assess`, given the
same due dates `status` gives it; none is worked out here.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from .models import Comparator, Indicator, Point, Progress, Theme
from .plan import ActionRecord, ItemRecord, Plan, StrategyRecord
from .rules import Status, assess, item_counts, item_state
from .views import select_scope

Kind = Literal["added", "removed", "changed"]
# A field's value, as far as a reader needs it: lists become tuples of their entries' text.
Value = str | float | bool | date | tuple[str | date, ...] | None

# Fields worded as sentences: a change to one is shown word by word.
PROSE = frozenset({"activity", "title", "summary", "you_said", "we_did", "name", "measure"})


@dataclass(frozen=True, slots=True)
class WordOp:
    """One run of words in a word-level change: kept, deleted or inserted."""

    op: Literal["equal", "delete", "insert"]
    text: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    name: str  # the YAML key ("activity", "period.end", "target"...)
    old: Value
    new: Value
    words: tuple[WordOp, ...] = ()  # for prose, the change word by word
    measure: str | None = None  # for an indicator's field, the indicator's text


@dataclass(frozen=True, slots=True)
class DueMove:
    """A due date that moved (both set), or one that appeared or went away (one side None)."""

    old: date | None
    new: date | None

    @property
    def days(self) -> int | None:
        """How many days later (negative: earlier) it now falls due."""
        return (self.new - self.old).days if self.old and self.new else None


@dataclass(frozen=True, slots=True)
class LogChange:
    """A progress entry or indicator actual added, edited or removed.

    The log is meant to be append-only: an edited or removed entry rewrites what was reported,
    so it is `flagged`.
    """

    kind: Literal["added", "edited", "removed"]
    old: Progress | Point | None
    new: Progress | Point | None
    measure: str | None = None  # for an actual, the indicator's text

    @property
    def flagged(self) -> bool:
        return self.kind != "added"

    @property
    def date(self) -> date:
        entry = self.new or self.old
        assert entry is not None
        return entry.date


@dataclass(frozen=True, slots=True)
class ActionChange:
    id: str
    kind: Kind
    strategy: str
    priority: str
    activity: str
    before: Status | None  # as of the change set's date; None on the side without the action
    after: Status | None
    fields: tuple[FieldChange, ...] = ()
    due: tuple[DueMove, ...] = ()
    progress: tuple[LogChange, ...] = ()
    actuals: tuple[LogChange, ...] = ()

    @property
    def status_changed(self) -> bool:
        """A status the change alters; an overdue action removed or added is one ("Overdue →
        Removed", "New → Overdue")."""
        if self.kind == "removed":
            return self.before is Status.OVERDUE
        if self.kind == "added":
            return self.after is Status.OVERDUE
        return self.before != self.after

    @property
    def flags(self) -> tuple[LogChange, ...]:
        return tuple(c for c in (*self.progress, *self.actuals) if c.flagged)


@dataclass(frozen=True, slots=True)
class RecordChange:
    """A theme, a board, or a "You said, we did" item added, removed or changed."""

    id: str
    kind: Kind
    title: str
    fields: tuple[FieldChange, ...] = ()
    late_before: bool | None = None  # items only: late as of the date, on each side
    late_after: bool | None = None

    @property
    def lateness_changed(self) -> bool:
        """Late on one side and not on the other; a late item removed or added is one."""
        if self.kind == "removed":
            return bool(self.late_before)
        if self.kind == "added":
            return bool(self.late_after)
        return bool(self.late_before) != bool(self.late_after)


@dataclass(frozen=True, slots=True)
class PriorityChange:
    id: str
    kind: Kind | None  # None: the priority itself is as it was, but its themes or actions are not
    title: str
    fields: tuple[FieldChange, ...] = ()
    themes: tuple[RecordChange, ...] = ()
    actions: tuple[ActionChange, ...] = ()


@dataclass(frozen=True, slots=True)
class StrategyChange:
    id: str
    kind: Kind | None
    title: str
    fields: tuple[FieldChange, ...] = ()
    priorities: tuple[PriorityChange, ...] = ()


@dataclass(frozen=True, slots=True)
class ChangeSet:
    as_of: date
    strategies: tuple[StrategyChange, ...]
    items: tuple[RecordChange, ...]
    boards: tuple[RecordChange, ...]
    before: dict[Status, int]  # every action's status as of the date, counted
    after: dict[Status, int]
    late_items_before: int
    late_items_after: int
    by_strategy: dict[str, tuple[dict[Status, int], dict[Status, int]]] = field(
        default_factory=dict
    )
    # The strategies the headline counts cover on each side; None: every strategy.
    counted: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    @property
    def changed(self) -> bool:
        return bool(self.strategies or self.items or self.boards)

    @property
    def actions(self) -> list[ActionChange]:
        return [a for s in self.strategies for p in s.priorities for a in p.actions]

    @property
    def status_changes(self) -> list[ActionChange]:
        return [a for a in self.actions if a.status_changed]

    @property
    def item_status_changes(self) -> list[RecordChange]:
        return [i for i in self.items if i.lateness_changed]

    @property
    def flagged(self) -> list[tuple[ActionChange, LogChange]]:
        return [(a, c) for a in self.actions for c in a.flags]


def counted_strategies(
    old: Plan, new: Plan, as_of: date, names: Sequence[str] = (), everything: bool = False
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The strategies the headline counts cover on each side: the scope `status` takes on that
    side (by default those in their period on `as_of`). A strategy named with --strategy need
    only be on one side; one on neither is refused, with "did you mean"."""
    if names:
        missing = [n for n in names if n not in old.strategies and n not in new.strategies]
        if missing:
            select_scope(new, as_of, missing)  # raises, with its hint
    sides = []
    for plan in (old, new):
        present = [n for n in names if n in plan.strategies]
        if names and not present:
            sides.append(())
            continue
        scope = select_scope(plan, as_of, present, everything)
        sides.append(tuple(s.id for s in scope.strategies))
    return sides[0], sides[1]


def compare(
    old: Plan,
    new: Plan,
    as_of: date,
    counted: tuple[tuple[str, ...], tuple[str, ...]] | None = None,
) -> ChangeSet:
    """Everything that differs between two plans, and what it does as of `as_of`. The headline
    counts cover the strategies in `counted` on each side (see `counted_strategies`), or every
    strategy; every change is listed whatever its strategy."""
    in_count = (set(counted[0]), set(counted[1])) if counted is not None else None
    olds = {a.id: a for a in old.actions}
    news = {a.id: a for a in new.actions}
    before: Counter[Status] = Counter()
    after: Counter[Status] = Counter()
    strategy_counts: dict[str, tuple[Counter[Status], Counter[Status]]] = {}
    grouped: dict[tuple[str, str], list[ActionChange]] = {}
    for action_id in dict.fromkeys([*olds, *news]):
        o, n = olds.get(action_id), news.get(action_id)
        change, statuses = _compare_action(o, n, as_of)
        for side, record, status in ((0, o, statuses[0]), (1, n, statuses[1])):
            if record is None or status is None:
                continue
            if in_count is None or record.strategy.id in in_count[side]:
                (before, after)[side][status] += 1
            counts = strategy_counts.get(record.strategy.id)
            if counts is None:
                counts = strategy_counts[record.strategy.id] = (Counter(), Counter())
            counts[side][status] += 1
        if change is not None:
            grouped.setdefault((change.strategy, change.priority), []).append(change)
    strategies = _compare_strategies(old, new, grouped)
    return ChangeSet(
        as_of=as_of,
        strategies=strategies,
        items=_compare_items(old.items, new.items, as_of),
        boards=_compare_boards(old, new),
        before=_all_statuses(before),
        after=_all_statuses(after),
        late_items_before=_late_items(old.items, as_of),
        late_items_after=_late_items(new.items, as_of),
        by_strategy={
            sid: (_all_statuses(b), _all_statuses(a))
            for sid, (b, a) in sorted(strategy_counts.items())
        },
        counted=counted,
    )


def _all_statuses(counts: Counter[Status]) -> dict[Status, int]:
    return {status: counts[status] for status in Status}


def _late_items(items: Iterable[ItemRecord], as_of: date) -> int:
    return sum(item_counts(i.item, as_of) and item_state(i.item, as_of).late for i in items)


# -- strategies, priorities and themes ------------------------------------------------------


def _compare_strategies(
    old: Plan, new: Plan, grouped: dict[tuple[str, str], list[ActionChange]]
) -> tuple[StrategyChange, ...]:
    changes = []
    for sid in sorted({*old.strategies, *new.strategies}):
        o, n = old.strategies.get(sid), new.strategies.get(sid)
        fields = _strategy_fields(o, n) if o and n else ()
        priorities = _compare_priorities(o, n, grouped)
        kind: Kind | None = "added" if o is None else "removed" if n is None else None
        if kind is None and fields:
            kind = "changed"
        if kind or priorities:
            title = (n or o).strategy.title  # type: ignore[union-attr]
            changes.append(StrategyChange(sid, kind, title, fields, priorities))
    return tuple(changes)


def _strategy_fields(o: StrategyRecord, n: StrategyRecord) -> tuple[FieldChange, ...]:
    a, b = o.strategy, n.strategy
    return tuple(
        _fields(a, b, ("title", "owner", "superseded_by"))
        + _fields(a.period, b.period, ("start", "end"), prefix="period.")
    )


def _compare_priorities(
    o: StrategyRecord | None,
    n: StrategyRecord | None,
    grouped: dict[tuple[str, str], list[ActionChange]],
) -> tuple[PriorityChange, ...]:
    sid = (n or o).id  # type: ignore[union-attr]
    olds = {p.id: p for p in o.strategy.priorities} if o else {}
    news = {p.id: p for p in n.strategy.priorities} if n else {}
    # In the new order, then the removed ones where they were; actions under a priority neither
    # side has (they cannot load, but be safe) still get a place.
    order = list(dict.fromkeys([*news, *olds, *(p for s, p in grouped if s == sid)]))
    changes = []
    for pid in order:
        a, b = olds.get(pid), news.get(pid)
        kind: Kind | None = None
        fields: tuple[FieldChange, ...] = ()
        if a is None and b is not None:
            kind = "added"
        elif b is None and a is not None:
            kind = "removed"
        elif a is not None and b is not None and a != b:
            fields = tuple(_fields(a, b, ("title", "summary", "outcomes")))
            kind = "changed" if fields else None
        themes = _compare_themes(a.themes if a else (), b.themes if b else ())
        actions = tuple(sorted(grouped.get((sid, pid), ()), key=lambda c: c.id))
        if kind or themes or actions:
            title = (b or a).title if (a or b) else pid  # type: ignore[union-attr]
            changes.append(PriorityChange(pid, kind, title, fields, themes, actions))
    return tuple(changes)


def _compare_themes(olds: Sequence[Theme], news: Sequence[Theme]) -> tuple[RecordChange, ...]:
    return _compare_records(
        {t.id: t for t in olds},
        {t.id: t for t in news},
        ("title",),
        lambda t: t.title,
    )


def _compare_records(
    olds: dict[str, object],
    news: dict[str, object],
    names: Sequence[str],
    title_of: object,
) -> tuple[RecordChange, ...]:
    changes = []
    for rid in dict.fromkeys([*news, *olds]):
        a, b = olds.get(rid), news.get(rid)
        title = title_of(b or a)  # type: ignore[operator]
        if a is None:
            changes.append(RecordChange(rid, "added", title))
        elif b is None:
            changes.append(RecordChange(rid, "removed", title))
        elif a != b and (fields := _fields(a, b, names)):
            changes.append(RecordChange(rid, "changed", title, tuple(fields)))
    return tuple(changes)


# -- boards and items -----------------------------------------------------------------------


def _compare_boards(old: Plan, new: Plan) -> tuple[RecordChange, ...]:
    return _compare_records(
        {b.id: b for b in old.boards},
        {b.id: b for b in new.boards},
        ("name", "meetings"),
        lambda b: b.name,  # type: ignore[attr-defined]
    )


ITEM_FIELDS = ("you_said", "we_did", "status", "from_", "raised", "respond_by", "responded",
               "actions", "public")  # fmt: skip


def _compare_items(
    olds: Sequence[ItemRecord], news: Sequence[ItemRecord], as_of: date
) -> tuple[RecordChange, ...]:
    a_by_id = {i.id: i.item for i in olds}
    b_by_id = {i.id: i.item for i in news}
    changes = []
    for rid in sorted({*a_by_id, *b_by_id}):
        a, b = a_by_id.get(rid), b_by_id.get(rid)
        late_a = item_counts(a, as_of) and item_state(a, as_of).late if a else None
        late_b = item_counts(b, as_of) and item_state(b, as_of).late if b else None
        if a is None:
            changes.append(RecordChange(rid, "added", b.you_said, (), None, late_b))  # type: ignore[union-attr]
        elif b is None:
            changes.append(RecordChange(rid, "removed", a.you_said, (), late_a, None))
        elif a != b:
            fields = tuple(_fields(a, b, ITEM_FIELDS))
            changes.append(RecordChange(rid, "changed", b.you_said, fields, late_a, late_b))
    return tuple(changes)


# -- actions --------------------------------------------------------------------------------

ACTION_FIELDS = ("activity", "theme", "lead", "timescale", "due")


def _compare_action(
    o: ActionRecord | None, n: ActionRecord | None, as_of: date
) -> tuple[ActionChange | None, tuple[Status | None, Status | None]]:
    """The change to one action (None when there is none) and its status on each side."""
    o_dues = o.due_dates(as_of) if o else []
    n_dues = n.due_dates(as_of) if n else []
    if o is not None and n is not None and o_dues == n_dues and _same_action(o, n):
        status = assess(o.action.progress, o_dues, as_of).status  # same entries and dates
        return None, (status, status)
    before = assess(o.action.progress, o_dues, as_of).status if o else None
    after = assess(n.action.progress, n_dues, as_of).status if n else None
    record = n or o
    assert record is not None
    if o is None or n is None:
        kind: Kind = "added" if o is None else "removed"
        # A removed action takes its log with it: every entry it had is a removed entry.
        progress = _compare_log(o.action.progress, ()) if o is not None and n is None else ()
        actuals = _removed_actuals(o.action.measures) if o is not None and n is None else ()
        change = ActionChange(record.id, kind, record.strategy.id, record.priority.id,
                              record.action.activity, before, after, (), (), progress,
                              actuals)  # fmt: skip
        return change, (before, after)
    fields: list[FieldChange] = []
    if o.strategy.id != n.strategy.id:
        fields.append(FieldChange("strategy", o.strategy.id, n.strategy.id))
    if o.priority.id != n.priority.id:
        fields.append(FieldChange("priority", o.priority.id, n.priority.id))
    fields += _fields(o.action, n.action, ACTION_FIELDS)
    measure_fields, actuals = _compare_measures(o.action.measures, n.action.measures)
    progress = _compare_log(o.action.progress, n.action.progress)
    if not (fields or measure_fields or actuals or progress or o_dues != n_dues):
        return None, (before, after)  # equal in every way a reader can see
    change = ActionChange(
        n.id,
        "changed",
        n.strategy.id,
        n.priority.id,
        n.action.activity,
        before,
        after,
        tuple(fields + measure_fields),
        _due_moves(o_dues, n_dues),
        progress,
        actuals,
    )
    return change, (before, after)


def _removed_actuals(measures: Sequence[str | Indicator]) -> tuple[LogChange, ...]:
    return tuple(
        change
        for m in measures
        if isinstance(m, Indicator)
        for change in _compare_log(m.actuals, (), m.text)
    )


def _same_action(o: ActionRecord, n: ActionRecord) -> bool:
    return (
        o.action == n.action and o.strategy.id == n.strategy.id and o.priority.id == n.priority.id
    )


def _due_moves(olds: list[date], news: list[date]) -> tuple[DueMove, ...]:
    """Due dates that moved: with as many dates as before, the k-th date against the k-th;
    otherwise the dates that went away and the dates that came."""
    if olds == news:
        return ()
    if len(olds) == len(news):
        return tuple(DueMove(a, b) for a, b in zip(olds, news, strict=True) if a != b)
    gone = [DueMove(d, None) for d in olds if d not in news]
    came = [DueMove(None, d) for d in news if d not in olds]
    return tuple(gone + came)


def _compare_log(
    olds: Sequence[Progress | Point], news: Sequence[Progress | Point], measure: str | None = None
) -> tuple[LogChange, ...]:
    """Entries added, and entries edited or removed: an entry of the same date that went away
    and came back different was edited. Order in the file does not matter."""
    gone = list((Counter(olds) - Counter(news)).elements())
    came = list((Counter(news) - Counter(olds)).elements())
    changes: list[LogChange] = []
    for entry in sorted(gone, key=lambda e: e.date):
        twin = next((c for c in came if c.date == entry.date), None)
        if twin is not None:
            came.remove(twin)
            changes.append(LogChange("edited", entry, twin, measure))
        else:
            changes.append(LogChange("removed", entry, None, measure))
    changes += (LogChange("added", None, entry, measure) for entry in came)
    return tuple(sorted(changes, key=lambda c: (c.date, c.kind)))


def _compare_measures(
    olds: Sequence[str | Indicator], news: Sequence[str | Indicator]
) -> tuple[list[FieldChange], tuple[LogChange, ...]]:
    """Measures are matched by their text. Those left over are taken as reworded, in order:
    indicator with indicator and plain text with plain text, then any others one for one when
    as many are left on each side. An indicator that went away (or became plain text) takes
    its actuals with it: each one is a removed entry of the log."""
    if list(olds) == list(news):
        return [], ()
    pairs = _measure_pairs(olds, news)
    fields: list[FieldChange] = []
    actuals: list[LogChange] = []
    for a, b in pairs:
        if a == b:
            continue
        if not isinstance(a, Indicator) or not isinstance(b, Indicator):
            if isinstance(a, str) and isinstance(b, str):
                fields.append(_field("measure", a, b))
            else:
                fields.append(_field("measure", _measure_label(a), _measure_label(b)))
            if isinstance(a, Indicator):
                actuals += _compare_log(a.actuals, (), a.text)
            if isinstance(b, Indicator):
                actuals += _compare_log((), b.actuals, b.text)
            continue
        if a.text != b.text:
            fields.append(_field("measure", a.text, b.text))
        names = ("target", "unit", "higher_is_better", "baseline", "comparators")
        fields += (FieldChange(f.name, f.old, f.new, f.words, b.text) for f in _fields(a, b, names))
        actuals += _compare_log(a.actuals, b.actuals, b.text)
    return fields, tuple(actuals)


Measure = str | Indicator


def _measure_pairs(
    olds: Sequence[Measure], news: Sequence[Measure]
) -> list[tuple[Measure | None, Measure | None]]:
    def text(m: Measure) -> str:
        return m.text if isinstance(m, Indicator) else m

    by_text: dict[str, list[Measure]] = {}
    for m in news:
        by_text.setdefault(text(m), []).append(m)
    pairs: list[tuple[Measure | None, Measure | None]] = []
    left_old: list[Measure] = []
    for m in olds:
        twins = by_text.get(text(m))
        if twins:
            pairs.append((m, twins.pop(0)))
        else:
            left_old.append(m)
    taken = {id(b) for _, b in pairs}
    left_new = [m for m in news if id(m) not in taken]
    for kind in (Indicator, str):
        a = [m for m in left_old if isinstance(m, kind)]
        b = [m for m in left_new if isinstance(m, kind)]
        reworded = list(zip(a, b, strict=False))
        pairs += reworded
        left_old = [m for m in left_old if all(m is not x for x, _ in reworded)]
        left_new = [m for m in left_new if all(m is not y for _, y in reworded)]
    if len(left_old) == len(left_new):
        pairs += zip(left_old, left_new, strict=True)
    else:
        pairs += [(m, None) for m in left_old] + [(None, m) for m in left_new]
    return pairs


def _measure_label(measure: str | Indicator | None) -> str | None:
    if measure is None or isinstance(measure, str):
        return measure
    target = f"{_number(measure.target)}{measure.unit or ''}" if measure.target is not None else ""
    return f"{measure.text} (indicator{', target ' + target if target else ''})"


# -- fields ---------------------------------------------------------------------------------


def _fields(a: object, b: object, names: Iterable[str], prefix: str = "") -> list[FieldChange]:
    changes = []
    for name in names:
        old, new = getattr(a, name), getattr(b, name)
        if old != new:
            key = prefix + name.rstrip("_")  # from_ is written `from`
            changes.append(_field(key, _value(old), _value(new)))
    return changes


def _field(name: str, old: Value, new: Value) -> FieldChange:
    if name in PROSE and isinstance(old, str) and isinstance(new, str):
        return FieldChange(name, old, new, word_diff(old, new))
    return FieldChange(name, old, new)


def _value(value: object) -> Value:
    if isinstance(value, list | tuple):
        return tuple(_entry(v) for v in value)
    if isinstance(value, Point):
        return _point(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value  # type: ignore[return-value]


def _entry(value: object) -> str | date:
    if isinstance(value, date):
        return value
    if isinstance(value, Point):
        return _point(value)
    if isinstance(value, Comparator):
        return f"{value.name} {value.date.isoformat()}: {_number(value.value)}"
    return str(value)


def _point(point: Point) -> str:
    return f"{_number(point.value)} on {point.date.isoformat()}"


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


# A word (with its inner hyphens and apostrophes) or one mark of punctuation, and whether
# white space came before it: "home." and "home" then differ only by the full stop.
_TOKEN = re.compile(r"(\s*)(\w+(?:['’-]\w+)*|[^\w\s])")


def word_diff(old: str, new: str) -> tuple[WordOp, ...]:
    """The change from `old` to `new` as runs of words kept, deleted and inserted.

    Each run's text starts with a space when a space came before it, so the kept and deleted
    runs joined give `old`, and the kept and inserted runs give `new` (white space made single).
    """
    a, b = _tokens(old), _tokens(new)
    ops: list[WordOp] = []
    matcher = difflib.SequenceMatcher(None, [t for _, t in a], [t for _, t in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp("equal", _joined(b[j1:j2], first=j1 == 0)))
            continue
        if i2 > i1:
            ops.append(WordOp("delete", _joined(a[i1:i2], first=i1 == 0)))
        if j2 > j1:
            ops.append(WordOp("insert", _joined(b[j1:j2], first=j1 == 0)))
    return tuple(ops)


def _tokens(text: str) -> list[tuple[bool, str]]:
    return [(bool(space), token) for space, token in _TOKEN.findall(text)]


def _joined(tokens: Sequence[tuple[bool, str]], first: bool) -> str:
    return "".join(
        (" " if space and not (first and n == 0) else "") + token
        for n, (space, token) in enumerate(tokens)
    )
