"""What the commands list: the strategies in scope, and the rows of `status`, `overdue` and
`show`, built from the rules. The CLI prints these rows and the reports read them; neither
computes a status of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from .models import Indicator
from .plan import ActionRecord, ItemRecord, Plan, StrategyRecord
from .problems import ID_HINT, DataError, did_you_mean_instead
from .rules import (
    Assessment,
    Rag,
    assess,
    item_counts,
    item_state,
    may_be_overdue,
    rate_indicator,
)
from .sources import one_line
from .timescales import Ongoing

STATUS_KEYS = (
    "id", "title", "strategy", "priority", "lead", "status", "rag", "next_due", "last_update",
)  # fmt: skip
OVERDUE_KEYS = ("id", "kind", "title", "strategy", "lead", "due", "days_overdue", "due_soon")


@dataclass(frozen=True, slots=True)
class Scope:
    """The strategies a command covers, and why (for the message when there are none)."""

    strategies: tuple[StrategyRecord, ...]
    chosen: bool  # named with --strategy or --all, rather than by the as-of date

    @property
    def ids(self) -> set[str]:
        return {s.id for s in self.strategies}


def select_scope(
    plan: Plan, as_of: date, names: Sequence[str] = (), everything: bool = False
) -> Scope:
    """By default the strategies whose period holds `as_of`; `names` or `everything` replace it."""
    if everything:
        return Scope(tuple(plan.strategies.values()), True)
    if names:
        chosen = []
        for name in dict.fromkeys(names):
            record = plan.strategies.get(name)
            if record is None:
                raise DataError(
                    f"no strategy '{name}'",
                    did_you_mean_instead(name, plan.strategies)
                    or "there are no strategies in the data folder",
                )
            chosen.append(record)
        return Scope(tuple(chosen), True)
    return Scope(tuple(s for s in plan.strategies.values() if s.in_period(as_of)), False)


def no_such_record(plan: Plan, record_id: str) -> DataError:
    """The error for an id that is no action or item, saying what would work: the same id in
    other letters (`gp-01` is surely `GP-01`), the closest, or how to list them."""
    if record_id in plan.strategies:
        return DataError(f"'{record_id}' is a strategy, not an action or item")
    if not record_id.strip():
        return DataError("give the id of an action or item")
    shown = one_line(record_id)
    known = [a.id for a in plan.actions] + [i.id for i in plan.items]
    same = [k for k in known if k.casefold() == record_id.casefold()]
    hint = f"did you mean '{same[0]}'?" if same else did_you_mean_instead(record_id, known, ID_HINT)
    return DataError(
        f"no action or item '{shown}'", hint or "the data folder has no actions or items yet"
    )


def check_priority(plan: Plan, scope: Scope, priority: str | None) -> str | None:
    """Raises DataError for a priority that no strategy in scope has (with "did you mean"),
    unless the scope is the default one, by date: then a priority of a strategy out of its
    period gives a note to show, and nothing is listed, which is no error (none when no
    strategy is in its period at all: a line says so already)."""
    if priority is None:
        return None
    ids = [p.id for s in scope.strategies for p in s.strategy.priorities]
    if priority in ids:
        return None
    holders = sorted(
        s.id
        for s in plan.strategies.values()
        if any(p.id == priority for p in s.strategy.priorities)
    )
    named = ", ".join(holders)
    if not holders or scope.chosen:
        every = [p.id for s in plan.strategies.values() for p in s.strategy.priorities]
        hint = (
            f"it is a priority of {named}: add --strategy {holders[0]}"
            if holders
            else did_you_mean_instead(priority, ids or every)
        )
        raise DataError(f"no priority '{priority}' in the strategies in scope", hint)
    if not scope.strategies:
        return None  # the line saying that no strategy is in scope is enough
    return (
        f"priority '{priority}' is in {named}, which is not in scope; "
        f"use --strategy {holders[0]} or --all"
    )


def actions_in(
    plan: Plan, scope: Scope, priority: str | None = None, lead: str | None = None
) -> list[ActionRecord]:
    """The actions in scope that pass the filters, by strategy, priority (file order) and id."""
    chosen = _chosen(plan, scope, priority, lead)
    order = {
        (s.id, p.id): n
        for s in plan.strategies.values()
        for n, p in enumerate(s.strategy.priorities)
    }
    return sorted(chosen, key=lambda a: (a.strategy.id, order[a.strategy.id, a.priority.id], a.id))


def _chosen(plan: Plan, scope: Scope, priority: str | None, lead: str | None) -> list[ActionRecord]:
    """The actions in scope that pass the filters, in the plan's order."""
    ids = scope.ids
    needle = lead.casefold() if lead else None
    return [
        a
        for a in plan.actions
        if a.strategy.id in ids
        and (priority is None or a.priority.id == priority)
        and (needle is None or any(needle in name.casefold() for name in a.action.lead))
    ]


def assess_action(record: ActionRecord, as_of: date) -> Assessment:
    return assess(record.action.progress, record.due_dates(as_of), as_of)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def status_row(record: ActionRecord, assessment: Assessment) -> dict[str, Any]:
    return {
        "id": record.id,
        "title": record.action.activity,
        "strategy": record.strategy.id,
        "priority": record.priority.id,
        "lead": list(record.action.lead),
        "status": assessment.status.value,
        "rag": assessment.rag.value,
        "next_due": _iso(assessment.next_due),
        "last_update": _iso(assessment.last_update),
    }


def status_entries(
    plan: Plan,
    scope: Scope,
    as_of: date,
    priority: str | None = None,
    lead: str | None = None,
    rag: Rag | None = None,
) -> list[tuple[ActionRecord, Assessment]]:
    """Each action in scope that passes the filters, with where it stands."""
    entries = []
    for record in actions_in(plan, scope, priority, lead):
        assessment = assess_action(record, as_of)
        if rag is None or assessment.rag is rag:
            entries.append((record, assessment))
    return entries


def status_rows(
    plan: Plan,
    scope: Scope,
    as_of: date,
    priority: str | None = None,
    lead: str | None = None,
    rag: Rag | None = None,
) -> list[dict[str, Any]]:
    return [status_row(r, a) for r, a in status_entries(plan, scope, as_of, priority, lead, rag)]


def due_label(record: ActionRecord, assessment: Assessment) -> str:
    """What the due column shows: the next due date, or why there is none."""
    if assessment.next_due is not None:
        return assessment.next_due.isoformat()
    if isinstance(record.schedule, Ongoing):  # §2: its due column says so, done or not
        return "Ongoing"
    if assessment.ended:
        return ""
    if assessment.due_dates:
        return ""
    return "no due dates" if (record.action.timescale or "").strip() else "no timescale"


def overdue_rows(
    plan: Plan,
    scope: Scope,
    as_of: date,
    priority: str | None = None,
    lead: str | None = None,
    within: int | None = None,
) -> list[dict[str, Any]]:
    """Overdue actions and late items, most overdue first; then, with `within`, due soon."""
    late: list[dict[str, Any]] = []
    soon: list[dict[str, Any]] = []
    for record in _chosen(plan, scope, priority, lead):  # in any order: sorted below
        due_dates = record.due_dates(as_of)
        if within is None and not may_be_overdue(due_dates, as_of):
            continue
        assessment = assess(record.action.progress, due_dates, as_of)
        if assessment.overdue:
            late.append(_overdue_row(record, assessment, due_soon=False))
        elif within is not None and assessment.due_soon(within):
            soon.append(_overdue_row(record, assessment, due_soon=True))
    if priority is None and lead is None:  # items have neither, so either filter leaves them out
        late.extend(_late_item_row(i, as_of) for i in late_items(plan.items, as_of))
    late.sort(key=lambda r: (-r["days_overdue"], r["id"]))
    soon.sort(key=lambda r: (r["due"], r["id"]))
    return late + soon


def _overdue_row(record: ActionRecord, assessment: Assessment, due_soon: bool) -> dict[str, Any]:
    return {
        "id": record.id,
        "kind": "action",
        "title": record.action.activity,
        "strategy": record.strategy.id,
        "lead": list(record.action.lead),
        "due": _iso(assessment.next_due),
        "days_overdue": assessment.days_overdue,
        "due_soon": due_soon,
    }


def late_items(items: Iterable[ItemRecord], as_of: date) -> list[ItemRecord]:
    return [i for i in items if item_counts(i.item, as_of) and item_state(i.item, as_of).late]


def _late_item_row(record: ItemRecord, as_of: date) -> dict[str, Any]:
    state = item_state(record.item, as_of)
    return {
        "id": record.id,
        "kind": "you-said-we-did",
        "title": record.item.you_said,
        "strategy": None,
        "lead": [],
        "due": _iso(state.respond_by),
        "days_overdue": state.days_late,
        "due_soon": False,
    }


def show_action(record: ActionRecord, as_of: date) -> dict[str, Any]:
    """Everything about one action as of a date: fields, due dates met or not, history."""
    action = record.action
    assessment = assess_action(record, as_of)
    history = list(assessment.history)
    return {
        "id": action.id,
        "kind": "action",
        "title": action.activity,
        "strategy": record.strategy.id,
        "priority": record.priority.id,
        "priority_title": record.priority.title,
        "theme": action.theme,
        "theme_title": next(
            (t.title for t in record.priority.themes if t.id == action.theme), None
        ),
        "lead": list(action.lead),
        "timescale": action.timescale,
        "status": assessment.status.value,
        "rag": assessment.rag.value,
        "next_due": _iso(assessment.next_due),
        "ongoing": isinstance(record.schedule, Ongoing),
        "days_overdue": assessment.days_overdue if assessment.overdue else None,
        "last_update": _iso(assessment.last_update),
        "stale": assessment.stale,
        "due_dates": [
            {
                "due": d.due.isoformat(),
                "met": d.met_by is not None,
                "fallen_due": d.due < as_of,  # unmet and fallen due: overdue
                "met_by": _iso(d.met_by.date) if d.met_by else None,
                "met_by_entry": history.index(d.met_by) + 1 if d.met_by else None,
            }
            for d in assessment.dues
        ],
        "measures": [_measure(m, as_of) for m in action.measures],
        "progress": [
            {"date": p.date.isoformat(), "status": p.status, "note": p.note, "by": p.by}
            for p in history
        ],
        "file": str(record.file),
    }


def figure_text(value: float) -> str:
    """A figure as written in the data: 1.0 -> "1", 84.996 -> "84.996", 1e-05 -> "0.00001".

    Not rounded to a few places, so that a figure always agrees with the rating made from it
    (84.996 shown as "85" beside a 90 target would seem Amber, yet it is Red); 15 significant
    digits leave out only the noise of binary fractions (0.30000000000000004 -> "0.3").
    """
    text = format(value, ".15g")
    if "e" in text and -10 < int(text.partition("e")[2]) < 21:
        from decimal import Decimal

        text = format(Decimal(text), "f")
    return "0" if text == "-0" else text


@lru_cache(maxsize=1 << 14)  # a report writes the same figures and units thousands of times
def with_unit(value: float, unit: str | None) -> str:
    """A figure as reports and `show` write it: "88%", "12 days"."""
    unit = (unit or "").strip()
    if not unit:
        return figure_text(value)
    return f"{figure_text(value)}{unit}" if unit == "%" else f"{figure_text(value)} {unit}"


def _measure(measure: str | Indicator, as_of: date) -> dict[str, Any]:
    if isinstance(measure, str):
        return {"text": measure}
    rating = rate_indicator(measure, as_of)
    baseline = measure.baseline
    return {
        "text": measure.text,
        "target": measure.target,
        "unit": measure.unit,
        "higher_is_better": measure.higher_is_better,
        "baseline": baseline.value if baseline else None,
        "baseline_date": _iso(baseline.date) if baseline else None,
        "latest": rating.latest.value if rating.latest else None,
        "latest_date": _iso(rating.latest.date) if rating.latest else None,
        "rag": rating.rag.value if rating.rag else None,
        "trend": rating.trend,
        # What was known on the as-of date, in date order
        "actuals": [
            {"date": p.date.isoformat(), "value": p.value}
            for p in sorted(measure.actuals, key=lambda p: p.date)
            if p.date <= as_of
        ],
        "comparators": [
            {"name": c.name, "date": c.date.isoformat(), "value": c.value}
            for c in sorted(measure.comparators, key=lambda c: c.date)
            if c.date <= as_of
        ],
    }


def show_item(record: ItemRecord, as_of: date) -> dict[str, Any]:
    item = record.item
    state = item_state(item, as_of)
    known = item_counts(item, as_of)  # raised by the as-of date: late is judged only then
    late = known and state.late
    return {
        "id": item.id,
        "kind": "you-said-we-did",
        "title": item.you_said,
        "from": item.from_,
        "raised": _iso(item.raised),
        "raised_later": not known,  # not known yet as of the date
        "you_said": item.you_said,
        "we_did": item.we_did if state.answered or item.responded is None else None,
        "status": state.status,
        "respond_by": _iso(item.respond_by),
        "responded": _iso(item.responded) if item.responded and item.responded <= as_of else None,
        "late": late,
        "days_late": state.days_late if late else None,
        "actions": list(item.actions),
        "public": item.public,
        "file": str(record.file),
    }
