"""The board's progress report and the young people's "You said, we did" report: the view
models built from `views` and `rules`, which `rendering` writes with the Jinja templates.

Nothing here decides a status, a RAG colour or a rating: those come from `rules` (through
`views`), so the report always agrees with `status` and `overdue`. Templates only loop and print.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property, update_wrapper
from itertools import accumulate
from typing import ClassVar, TypeVar

import msgspec

from . import checks
from .charts import Chart, indicator_chart, trajectory_chart
from .models import Comparator, Indicator
from .plan import ActionRecord, ItemRecord, Plan, StrategyRecord
from .problems import counted
from .rules import (
    STALE_AFTER_DAYS,
    STATUS_ORDER,
    Assessment,
    Rag,
    Status,
    assess,
    item_counts,
    item_state,
    rate_indicator,
)
from .timescales import month_end
from .views import Scope, actions_in, assess_action, due_label, late_items, with_unit
from .views import figure_text as _number

T = TypeVar("T")
DUE_SOON_DAYS = 90
# From this many actions a second process writes these sections of the board report, in each
# format (see `render`): about two fifths of the work; below it, forking one costs more than it
# saves. Markdown's measures take less, and its tables more, than HTML's.
ASIDE_FROM_ACTIONS = 1000
ASIDE_SECTIONS = {"html": ("measures",), "md": ("progress", "measures", "data_quality")}
GLANCE_STATUSES = STATUS_ORDER
EXCEPTION_STATUSES = (Status.OVERDUE, Status.OFF_TRACK, Status.AT_RISK)
ITEM_LABELS = {
    "open": "Open",
    "in-progress": "In progress",
    "done": "Done",
    "not-possible": "Not possible",
}


# -- the view model: board report ----------------------------------------------------------

# The pieces are msgspec Structs, read-only: defined in a few microseconds where a dataclass takes
# most of a millisecond (a report's start-up pays for each), and built faster, one for every
# action, entry, measure or item.


class StrategyLine(msgspec.Struct, frozen=True):
    id: str
    title: str
    start: date
    end: date | None
    owner: str | None

    @property
    def label(self) -> str:
        """The title and period, e.g. "Title (1 April 2023 to 31 March 2026)"."""
        end = long_date(self.end) if self.end else "no end date"
        return f"{self.title} ({long_date(self.start)} to {end})"


class ActionLine(msgspec.Struct, frozen=True):
    """An action as the board report shows it, as of the report's date."""

    id: str
    activity: str
    strategy: str
    priority: str  # the priority's id
    lead: tuple[str, ...]
    leads: str  # the leads as one line, "A; B" ("" for none)
    timescale: str | None
    status: Status
    rag: Rag
    next_due: date | None
    due_label: str  # when there is no next due date: "Ongoing", "Not set" or ""
    days_overdue: int | None  # only when overdue
    days_to_due: int | None  # only when due soon
    last_update: date | None
    latest_note: str | None  # the most recent entry's note that says something
    latest_note_date: date | None


class Trajectory(msgspec.Struct, frozen=True):
    """Actions complete at each month end from the start, and the straight line to the end.

    A recurring action ("Annually", "Every 3 months until ...") cannot be complete before its
    last due date, so here it counts while every due date so far has been met: otherwise a
    priority made of them would sit below the straight line however well it went.
    """

    points: tuple[tuple[date, int, float | None], ...]  # (day, complete, on the straight line)
    total: int  # actions not withdrawn
    stop: date  # the last day shown: the as-of date, or the strategy's end if that is sooner
    ended: bool  # True when the strategy ended before the as-of date
    planned_now: float | None  # the straight line on the stop day
    complete_now: int  # complete, or up to date with every due date so far, on the stop day
    chart: Chart


class PriorityGlance(msgspec.Struct, frozen=True):
    id: str
    title: str
    counts: tuple[int, ...]  # in GLANCE_STATUSES order
    actions: int
    complete: int
    countable: int  # actions not withdrawn
    trajectory: Trajectory


class StrategyGlance(msgspec.Struct, frozen=True):
    strategy: StrategyLine
    priorities: tuple[PriorityGlance, ...]
    counts: tuple[int, ...]
    actions: int
    complete: int
    countable: int
    months: tuple[date, ...]  # the rows of the figures table


class ProgressLine(msgspec.Struct, frozen=True):
    date: date
    action: str
    activity: str
    strategy: str  # the strategy's id
    status: str  # the progress entry's own status, in words
    note: str | None
    by: str | None


class Figure(msgspec.Struct, frozen=True):
    value: str  # with its unit, e.g. "88%"
    date: date


class MeasureLine(msgspec.Struct, frozen=True, dict=True):  # a __dict__ keeps `chart`
    action: str
    strategy: str
    text: str
    baseline: Figure | None
    latest: Figure | None
    target: str | None
    comparators: tuple[Figure | None, ...]  # aligned with BoardReport.comparator_names
    rag: Rag | None
    rating: str  # "Green", ... or "Not rated"
    trend: str  # "Improving", "Worsening", "No change" or "Not enough figures"
    lower_is_better: bool
    unit: str | None
    figures: tuple[tuple[date, float], ...]  # (day, value) known on the as-of date, oldest first
    target_value: float | None

    @cached_property
    def chart(self) -> Chart | None:
        """The sparkline, worked out when a template first asks for it: Markdown has none."""
        described = "; ".join(
            f"{with_unit(value, self.unit)} in {month_year(day)}" for day, value in self.figures
        )
        label = f"{self.text}: {described or 'no figures yet'}"
        label += f"; target {self.target}." if self.target else "; no target."
        if self.lower_is_better:
            label += " Lower is better."
        return indicator_chart(label, self.figures, self.target_value)


class ItemLine(msgspec.Struct, frozen=True):
    """A "You said, we did" item as it stood on the report's date."""

    id: str
    from_: str | None
    you_said: str
    we_did: str | None  # only what had been written by then
    status: str
    status_label: str
    raised: date | None
    respond_by: date | None
    responded: date | None
    late: bool
    days_late: int | None
    public: bool


class GapAction(msgspec.Struct, frozen=True):
    id: str
    detail: str | None


class Gap(msgspec.Struct, frozen=True):
    title: str
    actions: tuple[GapAction, ...]


class PriorityActions(msgspec.Struct, frozen=True):
    id: str
    title: str
    actions: tuple[ActionLine, ...]


class StrategyActions(msgspec.Struct, frozen=True):
    strategy: StrategyLine
    priorities: tuple[PriorityActions, ...]


@dataclass(frozen=True, eq=False)
class BoardReport:
    """Everything the board paper shows, as of a date.

    Each section is worked out when a template first asks for it, and kept: a council's template
    that leaves a section out never waits for it, and one section of a large plan can be worked
    out and written by a second process while this one writes the rest (see `render`).
    """

    board_name: str
    title: str
    strategies: tuple[StrategyLine, ...]
    as_of: date
    meeting: date | None
    previous_meeting: date | None
    since: date | None  # progress is listed after this date; None: every entry up to as_of
    since_given: bool  # True when --since set it
    public_only: bool  # True when items that are not public were left out (--public-only)
    scope: Scope = field(repr=False)
    records: Sequence[ActionRecord] = field(repr=False)  # the actions in scope, in order
    items: Sequence[ItemRecord] = field(repr=False)  # the items it shows

    statuses: ClassVar = GLANCE_STATUSES
    due_soon_days: ClassVar = DUE_SOON_DAYS

    @property
    def several_strategies(self) -> bool:
        return len(self.strategies) > 1

    def written_aside(self, fmt: str) -> tuple[str, ...]:
        """The sections a second process may write in `fmt` while this one writes the rest
        (see `render`): for a large plan, those in ASIDE_SECTIONS."""
        if len(self.records) < ASIDE_FROM_ACTIONS:
            return ()
        return ASIDE_SECTIONS.get(fmt, ())

    @property
    def strategy_titles(self) -> str:
        return "; ".join(s.title for s in self.strategies)

    @cached_property
    def entries(self) -> list[tuple[ActionRecord, Assessment]]:
        """Each action in scope with where it stands (as `status` has them)."""
        return [(record, assess_action(record, self.as_of)) for record in self.records]

    # -- at a glance

    @cached_property
    def glance(self) -> tuple[StrategyGlance, ...]:
        groups = _by_priority(self.entries, lambda e: (e[0].strategy.id, e[0].priority.id))
        return tuple(_strategy_glance(s, groups, self.as_of) for s in self.scope.strategies)

    @property
    def actions(self) -> int:
        return sum(g.actions for g in self.glance)

    @property
    def complete(self) -> int:
        return sum(g.complete for g in self.glance)

    @property
    def countable(self) -> int:
        return sum(g.countable for g in self.glance)

    # -- the actions: exceptions, due soon and the appendix

    @cached_property
    def lines(self) -> tuple[ActionLine, ...]:
        return tuple(_action_line(r, a) for r, a in self.entries)

    @cached_property
    def exceptions(self) -> tuple[ActionLine, ...]:
        return tuple(_exceptions(self.lines))

    @cached_property
    def due_soon(self) -> tuple[ActionLine, ...]:
        soon = (line for line in self.lines if line.days_to_due is not None)
        return tuple(sorted(soon, key=lambda line: (line.next_due, line.id)))

    @cached_property
    def appendix(self) -> tuple[StrategyActions, ...]:
        groups = _by_priority(self.lines, lambda line: (line.strategy, line.priority))
        return tuple(_appendix(s, groups) for s in self.scope.strategies)

    # -- progress, measures and data quality

    @cached_property
    def progress(self) -> tuple[ProgressLine, ...]:
        return tuple(_progress(self.entries, self.since))

    @cached_property
    def _measures(self) -> tuple[tuple[MeasureLine, ...], tuple[str, ...]]:
        return _measures(self.records, self.as_of)

    @property
    def measures(self) -> tuple[MeasureLine, ...]:
        return self._measures[0]

    @property
    def comparator_names(self) -> tuple[str, ...]:
        return self._measures[1]

    @cached_property
    def gaps(self) -> tuple[Gap, ...]:
        return _gaps(self.entries)

    @property
    def has_gaps(self) -> bool:
        return any(gap.actions for gap in self.gaps)

    # -- "You said, we did"

    @cached_property
    def _item_lines(self) -> tuple[ItemLine, ...]:
        late = {i.id for i in late_items(self.items, self.as_of)}
        return tuple(_item_line(i, self.as_of, i.id in late) for i in self.items)

    @cached_property
    def late_items(self) -> tuple[ItemLine, ...]:
        late = (i for i in self._item_lines if i.late)
        return tuple(sorted(late, key=lambda i: (-(i.days_late or 0), i.id)))

    @cached_property
    def open_items(self) -> tuple[ItemLine, ...]:
        return tuple(
            i for i in self._item_lines if i.status in ("open", "in-progress") and not i.late
        )

    @cached_property
    def responses(self) -> tuple[ItemLine, ...]:
        after = self.since
        answered = (
            i
            for i in self._item_lines
            if i.responded is not None and (after is None or i.responded > after)
        )
        return tuple(sorted(answered, key=lambda i: (i.responded, i.id)))

    @cached_property
    def undated_responses(self) -> tuple[ItemLine, ...]:
        """Answered, with no `responded` date recorded."""
        return tuple(
            i
            for i in self._item_lines
            if i.responded is None and i.status in ("done", "not-possible")
        )

    @property
    def not_for_publication(self) -> bool:
        """True when the "You said, we did" section shows an item that is not public."""
        return any(
            not i.public
            for group in (self.late_items, self.open_items, self.responses, self.undated_responses)
            for i in group
        )


def board_report(
    plan: Plan,
    scope: Scope,
    as_of: date,
    *,
    meeting: date | None = None,
    since: date | None = None,
    public_only: bool = False,
) -> BoardReport:
    """Everything the board paper shows, as of `as_of`.

    Check `meeting` and `since` with `check_meeting_options` first: this takes them as given.
    With `public_only`, "You said, we did" items that are not public are left out.
    """
    board = plan.boards[0] if plan.boards else None
    if meeting is None:
        meeting = next_meeting(plan, as_of)
    previous = None
    if since is None:
        previous = previous_meeting(board_meetings(plan), meeting or as_of)
    return BoardReport(
        board_name=board.name if board else _owner(scope) or "Corporate Parenting Board",
        title=_title(scope),
        strategies=tuple(_strategy_line(s) for s in scope.strategies),
        as_of=as_of,
        meeting=meeting,
        previous_meeting=previous,
        since=since if since is not None else previous,
        since_given=since is not None,
        public_only=public_only,
        scope=scope,
        records=actions_in(plan, scope),
        items=[
            i
            for i in plan.items
            if item_counts(i.item, as_of) and (i.item.public or not public_only)
        ],
    )


def _title(scope: Scope) -> str:
    if len(scope.strategies) == 1:
        return f"Progress report: {scope.strategies[0].strategy.title.strip()}"
    return "Progress report: corporate parenting strategies"


# -- meetings -------------------------------------------------------------------------------


class UsageProblem(ValueError):
    """A report option that does not fit the data: the CLI makes it a usage error (exit 2)."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option
        self.message = message


def board_meetings(plan: Plan) -> list[date]:
    """The meetings of the first board in boards.yaml, the one the report is for, in order."""
    return sorted(plan.boards[0].meetings) if plan.boards else []


def next_meeting(plan: Plan, as_of: date) -> date | None:
    """The board's next meeting on or after the as-of date (a meeting that day counts)."""
    return next((m for m in board_meetings(plan) if m >= as_of), None)


def previous_meeting(meetings: Sequence[date], before: date) -> date | None:
    return max((m for m in meetings if m < before), default=None)


def check_meeting_options(
    plan: Plan, as_of: date, meeting: date | None, since: date | None
) -> list[str]:
    """Refuse a `--since` or `--meeting` that would make the report say what was not known on
    the as-of date; return warnings for a meeting that boards.yaml does not list.

    - `--since` after the as-of date: nothing after it is known yet (UsageProblem).
    - `--meeting` not in boards.yaml: a meeting not written down, or a typing slip (a warning;
      the report is made for that date all the same).
    - `--meeting` whose previous meeting is after the as-of date: "progress since" would start
      after the position it reports (UsageProblem).
    """
    if since is not None and since > as_of:
        raise UsageProblem(
            "--since",
            f"{long_date(since)} is after the as-of date, {long_date(as_of)}: nothing after "
            "it is known yet; give an earlier --since or a later --as-of",
        )
    if meeting is None:
        return []
    warnings = []
    meetings = board_meetings(plan)
    if meeting not in meetings:
        board = f"the {plan.boards[0].name}" if plan.boards else "any board"
        known = _meetings_around(meetings, meeting)
        warnings.append(
            f"--meeting {long_date(meeting)} is not a meeting of {board} in boards.yaml; {known}"
        )
    previous = previous_meeting(meetings, meeting)
    if since is None and previous is not None and previous > as_of:
        raise UsageProblem(
            "--meeting",
            f"the meeting before {long_date(meeting)} is on {long_date(previous)}, after the "
            f"as-of date, {long_date(as_of)}, so no progress since it is known yet; give "
            f"--as-of {previous.isoformat()} or later, or --since DATE",
        )
    return warnings


def _meetings_around(meetings: Sequence[date], day: date) -> str:
    """The known meetings nearest a day, for a message: "its meetings nearest then are ..."."""
    if not meetings:
        return "boards.yaml lists no meetings"
    before = [m for m in meetings if m < day][-2:]
    after = [m for m in meetings if m > day][:2]
    near = [long_date(m) for m in before + after]
    listed = near[0] if len(near) == 1 else ", ".join(near[:-1]) + " and " + near[-1]
    return f"the meetings nearest then are {listed}"


def _owner(scope: Scope) -> str | None:
    return next((s.strategy.owner for s in scope.strategies if s.strategy.owner), None)


def _strategy_line(record: StrategyRecord) -> StrategyLine:
    s = record.strategy
    return StrategyLine(s.id, s.title, s.period.start, s.period.end, s.owner)


def _action_line(record: ActionRecord, assessment: Assessment) -> ActionLine:
    history = assessment.history
    noted = None  # the latest entry whose note says something
    for entry in reversed(history):
        if entry.note and not entry.note.isspace():
            noted = entry
            break
    next_due = assessment.next_due  # worked out once: a report has a line for every action
    days = (assessment.as_of - next_due).days if next_due is not None else None
    overdue = assessment.status is Status.OVERDUE
    soon = days is not None and not overdue and -DUE_SOON_DAYS <= days <= 0  # as due_soon()
    action = record.action
    lead = tuple(action.lead)
    # The fields in their order, not by name: a third faster, for each of 10,000 actions.
    return ActionLine(
        action.id,
        action.activity.strip(),
        record.strategy.id,
        record.priority.id,
        lead,
        "; ".join(lead),  # leads
        action.timescale,
        assessment.status,
        assessment.rag,
        next_due,
        "" if next_due is not None else _due_text(record, assessment),  # due_label
        days if overdue else None,  # days_overdue
        -days if soon else None,  # days_to_due
        history[-1].date if history else None,  # last_update
        _text(noted.note) if noted else None,  # latest_note
        noted.date if noted else None,  # latest_note_date
    )


def _due_text(record: ActionRecord, assessment: Assessment) -> str:
    """The due column when there is no next due date: "Ongoing" (for an Ongoing timescale,
    whatever its status), "Not set" (no timescale or no due dates, as the timescale column
    says), or "" once the action has ended; "" when there is one (the column shows the date)."""
    if assessment.next_due is not None:
        return ""
    label = due_label(record, assessment)
    return "Not set" if label in ("no timescale", "no due dates") else label


def _text(value: str | None) -> str | None:
    """Data text as shown: trimmed, with None for empty."""
    value = (value or "").strip()
    return value or None


def _exceptions(lines: Iterable[ActionLine]) -> list[ActionLine]:
    """Overdue (most overdue first), then off track, then at risk; ties by id."""
    rank = {status: n for n, status in enumerate(EXCEPTION_STATUSES)}
    chosen = [line for line in lines if line.status in rank]
    return sorted(chosen, key=lambda x: (rank[x.status], -(x.days_overdue or 0), x.id))


def _progress(
    entries: Sequence[tuple[ActionRecord, Assessment]], after: date | None
) -> list[ProgressLine]:
    found = [
        ProgressLine(
            date=p.date,
            action=record.id,
            activity=record.action.activity.strip(),
            strategy=record.strategy.id,
            status=Status(p.status).label,
            note=_text(p.note),
            by=_text(p.by),
        )
        for record, assessment in entries
        for p in assessment.history
        if after is None or p.date > after
    ]
    return sorted(found, key=lambda line: (line.date, line.action))


# -- at a glance: counts and the trajectory since the start ---------------------------------


def _counts(assessments: Iterable[Assessment]) -> tuple[int, ...]:
    counter = Counter(a.status for a in assessments)
    return tuple(counter[s] for s in GLANCE_STATUSES)


# Twenty years of month ends. A longer span (an open-ended strategy and an --as-of centuries
# ahead, mistyped) is shown every few months: a chart of thousands of points shows no more, and
# working them out would keep the reader waiting.
MAX_CHECKPOINTS = 240


def checkpoints(start: date, as_of: date) -> list[date]:
    """Each month end from the strategy's start up to the as-of date, then the as-of date
    (every few month ends when there would be more than MAX_CHECKPOINTS)."""
    first = start.year * 12 + start.month - 1
    last = as_of.year * 12 + as_of.month - 1  # its month end may be after the as-of date
    step = max(1, -(-(last - first + 1) // MAX_CHECKPOINTS))
    days = [month_end(index // 12, index % 12 + 1) for index in range(first, last + 1, step)]
    if days and days[-1] > as_of:
        days.pop()
    if start <= as_of and (not days or days[-1] != as_of):
        days.append(as_of)
    return days


def complete_spans(record: ActionRecord, days: Sequence[date]) -> Iterator[tuple[int, int]]:
    """The runs of days (index ranges, from and to, ascending) on which the action counts as
    complete: complete by the rules, or not withdrawn with at least one due date on or before
    the day and every such date met."""
    progress = record.action.progress
    # Either way needs a `complete` entry (spec §2): before the first one there is nothing to
    # assess.
    first = None
    for entry in progress:  # a loop, not min() of a generator: three times faster, per action
        if entry.status == "complete" and (first is None or entry.date < first):
            first = entry.date
    if first is None or not days or first > days[-1]:
        return
    # The answer changes only on the day of an entry or of a due date (it depends only on the
    # entries known, the due dates and how many of them have come: rules.assess), so it is
    # worked out once for each run of days between two of those.
    changes = sorted({p.date for p in progress}.union(record.due_dates(days[-1])))
    changes = changes[bisect_right(changes, first) :]
    n, run_from = bisect_left(days, first), None
    for change in [*changes, None]:
        end = len(days) if change is None else bisect_left(days, change)
        if n < end:
            if _counts_as_complete_on(record, days[n]):
                run_from = n if run_from is None else run_from
            elif run_from is not None:
                yield run_from, n
                run_from = None
            n = end
    if run_from is not None:
        yield run_from, len(days)


def _counts_as_complete_on(record: ActionRecord, day: date) -> bool:
    dues = sorted(record.due_dates(day))  # what assess_action(record, day) assesses against
    return _counts_as_complete(assess(record.action.progress, dues, day), bisect_right(dues, day))


def _counts_as_complete(assessment: Assessment, passed: int) -> bool:
    """Complete by the rules, or up to date: the first `passed` due dates (those on or before
    the day, at least one) are all met. Read off the rules' answer, not worked out anew."""
    if assessment.status is Status.COMPLETE:
        return True
    return assessment.status is not Status.WITHDRAWN and 0 < passed <= len(assessment.met)


def _trajectory(
    title: str,
    strategy: StrategyRecord,
    entries: Sequence[tuple[ActionRecord, Assessment]],
    as_of: date,
) -> Trajectory:
    period = strategy.strategy.period
    stop = chart_stop(strategy, as_of)
    days = checkpoints(period.start, stop)
    in_play = [r for r, a in entries if a.status is not Status.WITHDRAWN]
    steps = [0] * (len(days) + 1)  # how the count changes from one day to the next
    for record in in_play:
        for first, after in complete_spans(record, days):
            steps[first] += 1
            steps[after] -= 1
    totals = list(accumulate(steps[:-1]))
    total = len(in_play)

    def planned(day: date) -> float | None:
        if period.end is None or period.end <= period.start:
            return None
        share = (day - period.start).days / (period.end - period.start).days
        return round(total * min(max(share, 0.0), 1.0), 1)

    points = tuple((day, n, planned(day)) for day, n in zip(days, totals, strict=True))
    ended = stop < as_of
    now = planned(stop)
    done = totals[-1] if totals else 0
    when = f"at its end on {long_date(stop)}" if ended else f"on {long_date(stop)}"
    label = (
        f"{title}: {done} of {counted(total, 'action')} complete or up to date {when}"
        " (an action that falls due again and again counts while every due date so far is met)."
    )
    if now is not None and period.end is not None:
        label += (
            f" The straight line to all {total} complete by {long_date(period.end)}"
            f" would be at {_number(now)} {'by then' if ended else 'by now'}."
        )
    else:
        label += " The strategy has no end date, so there is no line to compare with."
    chart = trajectory_chart(
        label,
        [(day, n) for day, n, _ in points],
        total,
        period.start,
        period.end,
        stop,
        month_year(stop),
        month_year(period.start),
        month_year(period.end or stop),
    )
    return Trajectory(points, total, stop, ended, now, done, chart)


def chart_stop(strategy: StrategyRecord, as_of: date) -> date:
    """The last day a strategy's chart shows: the as-of date, or its end if that came first."""
    end = strategy.strategy.period.end
    return min(as_of, end) if end is not None else as_of


def _by_priority(
    items: Iterable[T], key: Callable[[T], tuple[str, str]]
) -> dict[tuple[str, str], list[T]]:
    """The items of each (strategy id, priority id), in their order: grouped in one pass, as a
    large plan has many strategies."""
    groups: dict[tuple[str, str], list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def _strategy_glance(
    strategy: StrategyRecord,
    groups: dict[tuple[str, str], list[tuple[ActionRecord, Assessment]]],
    as_of: date,
) -> StrategyGlance:
    mine: list[tuple[ActionRecord, Assessment]] = []
    priorities = []
    for priority in strategy.strategy.priorities:
        group = groups.get((strategy.id, priority.id), [])
        mine += group
        assessments = [a for _, a in group]
        priorities.append(
            PriorityGlance(
                id=priority.id,
                title=priority.title,
                counts=_counts(assessments),
                actions=len(group),
                complete=sum(a.status is Status.COMPLETE for a in assessments),
                countable=sum(a.status is not Status.WITHDRAWN for a in assessments),
                trajectory=_trajectory(priority.title, strategy, group, as_of),
            )
        )
    assessments = [a for _, a in mine]
    return StrategyGlance(
        strategy=_strategy_line(strategy),
        priorities=tuple(priorities),
        counts=_counts(assessments),
        actions=len(mine),
        complete=sum(p.complete for p in priorities),
        countable=sum(p.countable for p in priorities),
        months=tuple(checkpoints(strategy.strategy.period.start, chart_stop(strategy, as_of))),
    )


# -- success measures -----------------------------------------------------------------------


def _measures(
    records: Sequence[ActionRecord], as_of: date
) -> tuple[tuple[MeasureLine, ...], tuple[str, ...]]:
    indicators = [
        (record, m)
        for record in records
        for m in record.action.measures
        if isinstance(m, Indicator)
    ]
    names: dict[str, str] = {}  # one column for "England" and "england ": as first written
    for _, indicator in indicators:
        for c in indicator.comparators:
            if c.date <= as_of:
                names.setdefault(_comparator_key(c.name), c.name.strip())
    keys = tuple(names)
    return tuple(_measure_line(r, i, as_of, keys) for r, i in indicators), tuple(names.values())


@cache  # a plan names a few comparators, thousands of times
def _comparator_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _measure_line(
    record: ActionRecord, indicator: Indicator, as_of: date, names: tuple[str, ...]
) -> MeasureLine:
    rating = rate_indicator(indicator, as_of)
    unit = indicator.unit

    def figure(value: float, day: date) -> Figure:
        return Figure(with_unit(value, unit), day)

    # A report as of a date shows what was known then: a baseline, actual or comparator
    # dated later had not been published.
    baseline = (
        indicator.baseline if indicator.baseline and indicator.baseline.date <= as_of else None
    )
    known = sorted(
        ([baseline] if baseline else []) + [p for p in indicator.actuals if p.date <= as_of],
        key=lambda p: p.date,
    )
    comparators = [
        figure(c.value, c.date) if c else None for c in _comparators(indicator, as_of, names)
    ]
    target = with_unit(indicator.target, unit) if indicator.target is not None else None
    return MeasureLine(
        action=record.id,
        strategy=record.strategy.id,
        text=indicator.text.strip(),
        baseline=figure(baseline.value, baseline.date) if baseline else None,
        latest=figure(rating.latest.value, rating.latest.date) if rating.latest else None,
        target=target,
        comparators=tuple(comparators),
        rag=rating.rag,
        rating=rating.rag_label,
        trend=rating.trend.capitalize() if rating.trend else "Not enough figures",
        lower_is_better=not indicator.higher_is_better,
        unit=unit,
        figures=tuple((p.date, p.value) for p in known),
        target_value=indicator.target,
    )


def _comparators(
    indicator: Indicator, as_of: date, names: tuple[str, ...]
) -> list[Comparator | None]:
    """The latest figure of each named comparator known on the as-of date (the first listed of
    two on the same date), in the order of `names` (as `_comparator_key` gives them)."""
    latest: dict[str, Comparator] = {}
    for c in indicator.comparators:
        name = _comparator_key(c.name)
        if c.date <= as_of and (name not in latest or c.date > latest[name].date):
            latest[name] = c
    return [latest.get(name) for name in names]


# -- "You said, we did" ---------------------------------------------------------------------


def _item_line(record: ItemRecord, as_of: date, late: bool) -> ItemLine:
    item = record.item
    state = item_state(item, as_of)
    # An answer given after the as-of date had not been written then.
    answered_later = state.status != item.status
    responded = item.responded if item.responded and item.responded <= as_of else None
    return ItemLine(
        id=item.id,
        from_=_text(item.from_),
        you_said=item.you_said.strip(),
        we_did=None if answered_later else _text(item.we_did),
        status=state.status,
        status_label=ITEM_LABELS[state.status],
        raised=item.raised,
        respond_by=item.respond_by,
        responded=responded,
        late=late,
        days_late=state.days_late if late else None,
        public=item.public,
    )


# -- data quality and the appendix ----------------------------------------------------------


def _gaps(entries: Sequence[tuple[ActionRecord, Assessment]]) -> tuple[Gap, ...]:
    """The plan's gaps the board should see, for actions still in play (not withdrawn)."""
    no_timescale: list[GapAction] = []
    no_lead: list[GapAction] = []
    no_target: list[GapAction] = []
    stale: list[GapAction] = []
    early: list[GapAction] = []
    for record, assessment in entries:  # one pass: a large plan has thousands of actions
        if assessment.status is Status.WITHDRAWN:
            continue
        if checks.no_timescale(record):
            no_timescale.append(GapAction(record.id, None))
        if checks.no_lead(record):
            no_lead.append(GapAction(record.id, None))
        if checks.has_no_measurable_target(record):
            no_target.append(GapAction(record.id, None))
        if assessment.stale:
            stale.append(GapAction(record.id, _stale_detail(assessment)))
        if checks.due_before_start(record):
            early.append(GapAction(record.id, _before_start(record, assessment.as_of)))
    return (
        Gap("No timescale", tuple(no_timescale)),
        Gap("No lead service", tuple(no_lead)),
        Gap("No measurable target", tuple(no_target)),
        Gap(
            f"No update for over {STALE_AFTER_DAYS} days, or none since a due date passed",
            tuple(stale),
        ),
        Gap("Due before the strategy's start", tuple(early)),
    )


def _stale_detail(assessment: Assessment) -> str:
    if assessment.last_update is not None:
        return f"last update {short_date(assessment.last_update)}"
    return f"no progress recorded since it fell due on {short_date(assessment.due_dates[0])}"


def _before_start(record: ActionRecord, as_of: date) -> str:
    start = record.strategy.strategy.period.start
    early = [d for d in record.due_dates(as_of) if d < start]
    dates = ", ".join(short_date(d) for d in early)
    return f"due {dates}, before the start on {short_date(start)}"


def _appendix(
    strategy: StrategyRecord, groups: dict[tuple[str, str], list[ActionLine]]
) -> StrategyActions:
    return StrategyActions(
        _strategy_line(strategy),
        tuple(
            PriorityActions(p.id, p.title, tuple(groups.get((strategy.id, p.id), ())))
            for p in strategy.strategy.priorities
        ),
    )


# -- the view model: young people's report --------------------------------------------------


class YoungPeopleReport(msgspec.Struct, frozen=True):
    board_name: str
    as_of: date
    next_meeting: date | None
    heard: int  # public items raised by the as-of date
    done: tuple[ItemLine, ...]
    not_possible: tuple[ItemLine, ...]
    working_on: tuple[ItemLine, ...]


def young_people_report(plan: Plan, as_of: date) -> YoungPeopleReport:
    """Public items only: nothing else may reach children and young people."""
    public = [i for i in plan.items if i.item.public and item_counts(i.item, as_of)]
    late = {i.id for i in late_items(public, as_of)}
    lines = [_item_line(i, as_of, i.id in late) for i in public]
    board = plan.boards[0] if plan.boards else None
    return YoungPeopleReport(
        board_name=board.name if board else "Corporate Parenting Board",
        as_of=as_of,
        next_meeting=next_meeting(plan, as_of),
        heard=len(lines),
        done=tuple(line for line in lines if line.status == "done"),
        not_possible=tuple(line for line in lines if line.status == "not-possible"),
        working_on=tuple(
            sorted(
                (line for line in lines if line.status in ("open", "in-progress")),
                key=lambda line: (line.respond_by or date.max, line.id),
            )
        ),
    )


# -- formatting filters ---------------------------------------------------------------------

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def _remembered(write: Callable[[date], str]) -> Callable[[date | None], str]:
    """A date filter: `write(day)`, remembered for each date (a report prints the same few
    hundred dates tens of thousands of times); "" for None or another empty value; anything
    else as `write` takes it (a template's mistake is reported as it was)."""
    written: dict[date, str] = {}

    def filtered(day: date | None) -> str:
        if type(day) is date:
            text = written.get(day)
            if text is None:
                text = written[day] = write(day)
            return text
        return write(day) if day else ""  # type: ignore[arg-type]

    return update_wrapper(filtered, write)


@_remembered
def long_date(day: date) -> str:
    """8 November 2024"""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


@_remembered
def short_date(day: date) -> str:
    """8 Nov 2024"""
    return f"{day.day} {_MONTHS[day.month - 1][:3]} {day.year}"


@_remembered
def month_year(day: date) -> str:
    """Nov 2024"""
    return f"{_MONTHS[day.month - 1][:3]} {day.year}"
