"""The plan linter: data-quality warnings about gaps a real plan may have.

Each check is a small function of one record returning its warnings, a list that is most often
empty. None of them is an error: the board should see the gaps, not be stopped by them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from .models import Indicator
from .plan import ActionRecord, ItemRecord, Plan
from .problems import Problem, warning
from .sources import one_line
from .timescales import Annually, EveryMonths, Fixed, due_dates

NONE: list[Problem] = []  # what a check returns when it finds nothing (never appended to)


def no_timescale(record: ActionRecord) -> list[Problem]:
    """An action with neither a timescale nor due dates can never be late; nor can one whose
    timescale cannot be read, kept as written with `due: []` (as `import` leaves it)."""
    action = record.action
    written = (action.timescale or "").strip()
    if action.due == [] and written and not _understood(written):
        message = (
            f"action '{action.id}' has no due dates: its timescale '{one_line(written)}' is "
            "kept as written; set due:"
        )
        return [warning(record.file, message, path=(*record.path, "due"))]
    if action.due is not None or written:
        return NONE
    where = (*record.path, "timescale")  # `timescale: ""`, or the action when not written
    return [warning(record.file, f"action '{action.id}' has no timescale", path=where)]


def _understood(timescale: str) -> bool:
    from .timescales import TimescaleError, parse_timescale

    try:
        parse_timescale(timescale)
    except TimescaleError:
        return False
    return True


def no_lead(record: ActionRecord) -> list[Problem]:
    """Every action needs a service that answers for it."""
    if record.action.lead:
        return NONE
    where = (*record.path, "lead")  # `lead: []`, or the action when it is not written
    return [warning(record.file, f"action '{record.id}' has no lead service", path=where)]


def no_measure(record: ActionRecord) -> list[Problem]:
    """Without a success measure nobody can say whether an action worked."""
    if record.action.measures:
        return NONE
    where = (*record.path, "measures")  # `measures: []`, or the action when it is not written
    return [warning(record.file, f"action '{record.id}' has no success measure", path=where)]


def has_no_measurable_target(record: ActionRecord) -> bool:
    """No indicator with a target: measures in words cannot be rated. The board report lists
    these among its gaps; it is not a warning, as measures in words are normal (spec §1)."""
    for measure in record.action.measures:  # a loop, not any(): run for every action
        if isinstance(measure, Indicator) and measure.target is not None:
            return False
    return True


def due_before_start(record: ActionRecord) -> list[Problem]:
    """A due date before the strategy began is usually a copying slip, or an old action."""
    action = record.action
    if action.due is not None:
        dates: Sequence[date] = action.due
    elif isinstance(record.schedule, Fixed):
        dates = record.schedule.dates
    else:
        return NONE
    start = record.strategy.strategy.period.start
    if not dates or min(dates) >= start:  # the usual answer, found before any list is built
        return NONE
    if action.due is not None:  # each date at its own line (a date written twice, once)
        first = {due: n for n, due in reversed(list(enumerate(action.due)))}
        dated = [(due, (*record.path, "due", n)) for due, n in first.items()]
    else:
        dated = [(due, (*record.path, "timescale")) for due in dates]
    label = f" ('{action.timescale}')" if action.due is None else ""
    return [
        warning(
            record.file,
            f"action '{action.id}' is due {due}{label}, before the strategy's start {start}",
            path=where,
        )
        for due, where in sorted(dated, key=lambda pair: pair[0])
        if due < start
    ]


def never_due(record: ActionRecord) -> list[Problem]:
    """A recurring timescale none of whose due dates falls within the strategy's period
    (`Annually in October until April 2017` in a strategy from April 2017) is never overdue,
    silently: most likely a slip in its month or its `until`."""
    schedule = record.schedule
    if record.action.due is not None or not isinstance(schedule, EveryMonths | Annually):
        return NONE
    period = record.strategy.strategy.period
    end = period.end if period.end is None or period.end >= period.start else None  # in error
    if due_dates(schedule, period.start, end, period.start):  # open-ended: up to the first
        return NONE
    return [
        warning(
            record.file,
            f"action '{record.id}' never falls due: timescale "
            f"'{one_line(record.action.timescale or '')}' gives no due date within the "
            "strategy's period; check its month and until, or set due:",
            path=(*record.path, "timescale"),
        )
    ]


def due_twice(record: ActionRecord) -> list[Problem]:
    """A date written twice in `due:` is one due date (as in a timescale), most likely a slip
    for another date."""
    seen: set[object] = set()
    found = []
    for n, due in enumerate(record.action.due or ()):
        if due in seen:
            found.append(
                warning(
                    record.file,
                    f"action '{record.id}' lists due date {due} twice; it is one due date",
                    path=(*record.path, "due", n),
                )
            )
        seen.add(due)
    return found


def item_gaps(record: ItemRecord) -> list[Problem]:
    """An item's dates tell young people when they were heard and answered."""
    item = record.item
    found = []
    if item.raised is None:
        found.append(warning(record.file, f"item '{item.id}' has no raised date", path=record.path))
    if item.status in {"done", "not-possible"} and item.responded is None:
        found.append(
            warning(
                record.file,
                f"item '{item.id}' is {item.status} but has no responded date",
                path=(*record.path, "status"),
            )
        )
    for key, when in (("respond_by", item.respond_by), ("responded", item.responded)):
        if when is not None and item.raised is not None and when < item.raised:
            found.append(
                warning(
                    record.file,
                    f"item '{item.id}' has {key} {when}, before it was raised ({item.raised})",
                    path=(*record.path, key),
                )
            )
    if item.status == "not-possible" and not (item.we_did or "").strip():
        found.append(
            warning(
                record.file,
                f"item '{item.id}' is not-possible but we_did does not say why",
                path=(*record.path, "status"),
            )
        )
    return found


ACTION_CHECKS: tuple[Callable[[ActionRecord], list[Problem]], ...] = (
    no_timescale,
    no_lead,
    no_measure,
    due_before_start,
    never_due,
    due_twice,
)
ITEM_CHECKS: tuple[Callable[[ItemRecord], list[Problem]], ...] = (item_gaps,)


def data_quality(plan: Plan) -> list[Problem]:
    """Every data-quality warning about the plan, in file order."""
    found: list[Problem] = []
    for action in plan.actions:
        for check in ACTION_CHECKS:
            if problems := check(action):
                found.extend(problems)
    for item in plan.items:
        for item_check in ITEM_CHECKS:
            found.extend(item_check(item))
    return found
