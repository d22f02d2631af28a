"""The plan linter: data-quality warnings about gaps a real plan may have.

Each check is a small function of one record returning its warnings. None of them is an error:
the board should see the gaps, not be stopped by them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .models import Indicator
from .plan import ActionRecord, ItemRecord, Plan
from .problems import Problem, warning
from .timescales import Fixed


def no_timescale(record: ActionRecord) -> Iterator[Problem]:
    """An action with neither a timescale nor due dates can never be late."""
    action = record.action
    if action.due is None and not (action.timescale or "").strip():
        yield warning(record.file, f"action '{action.id}' has no timescale", path=record.path)


def no_lead(record: ActionRecord) -> Iterator[Problem]:
    """Every action needs a service that answers for it."""
    if not record.action.lead:
        yield warning(record.file, f"action '{record.id}' has no lead service", path=record.path)


def no_measurable_target(record: ActionRecord) -> Iterator[Problem]:
    """Success measures in words cannot be rated; one indicator with a target can."""
    measures = record.action.measures
    if not measures:
        yield warning(record.file, f"action '{record.id}' has no success measure", path=record.path)
    elif not any(isinstance(m, Indicator) and m.target is not None for m in measures):
        yield warning(
            record.file,
            f"action '{record.id}' has no measurable target",
            path=(*record.path, "measures"),
        )


def due_before_start(record: ActionRecord) -> Iterator[Problem]:
    """A due date before the strategy began is usually a copying slip, or an old action."""
    start = record.strategy.strategy.period.start
    action = record.action
    if action.due is not None:
        dates, where = action.due, (*record.path, "due")
    elif isinstance(record.schedule, Fixed):
        dates, where = list(record.schedule.dates), (*record.path, "timescale")
    else:
        return
    for due in sorted(dates):
        if due < start:
            label = f" ('{action.timescale}')" if action.due is None else ""
            yield warning(
                record.file,
                f"action '{action.id}' is due {due}{label}, before the strategy's start {start}",
                path=where,
            )


def item_gaps(record: ItemRecord) -> Iterator[Problem]:
    """An item's dates tell young people when they were heard and answered."""
    item = record.item
    if item.raised is None:
        yield warning(record.file, f"item '{item.id}' has no raised date", path=record.path)
    if item.status in {"done", "not-possible"} and item.responded is None:
        yield warning(
            record.file,
            f"item '{item.id}' is {item.status} but has no responded date",
            path=(*record.path, "status"),
        )
    if item.status == "not-possible" and not (item.we_did or "").strip():
        yield warning(
            record.file,
            f"item '{item.id}' is not-possible but we_did does not say why",
            path=(*record.path, "status"),
        )


ACTION_CHECKS: tuple[Callable[[ActionRecord], Iterator[Problem]], ...] = (
    no_timescale,
    no_lead,
    no_measurable_target,
    due_before_start,
)
ITEM_CHECKS: tuple[Callable[[ItemRecord], Iterator[Problem]], ...] = (item_gaps,)


def data_quality(plan: Plan) -> list[Problem]:
    """Every data-quality warning about the plan, in file order."""
    found: list[Problem] = []
    for action in plan.actions:
        for check in ACTION_CHECKS:
            found.extend(check(action))
    for item in plan.items:
        for item_check in ITEM_CHECKS:
            found.extend(item_check(item))
    return found
