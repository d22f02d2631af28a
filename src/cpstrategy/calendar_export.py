"""`calendar`: unmet due dates, answers owed to young people, and board meetings as iCalendar.

Every event is an all-day event with a UID made only from ids and dates, so a calendar that
subscribes to the file updates events in place rather than piling up copies. Which dates are unmet
comes from the rules; nothing is computed here. Pure: the as-of date is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from . import __version__
from .plan import Plan
from .rules import item_counts, item_state
from .views import Scope, actions_in, assess_action


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    uid: str
    day: date
    summary: str
    description: str
    category: str  # "due date", "answer due" or "board meeting"


# Unmet due dates of one action written at most: ten years of a monthly timescale. More comes
# only of a mistake (`until March 9020`), and tens of thousands would swamp any calendar.
MAX_DUE_DATES = 120


@dataclass(frozen=True, slots=True)
class Calendar:
    events: list[CalendarEvent]  # by day, then UID
    # Actions with more unmet due dates than MAX_DUE_DATES (the oldest and those nearest the
    # as-of date are written), and how many each has.
    cut: list[tuple[str, int]]


def calendar_events(plan: Plan, scope: Scope, as_of: date) -> Calendar:
    """The events, by day and then UID."""
    events: list[CalendarEvent] = []
    cut: list[tuple[str, int]] = []
    for record in actions_in(plan, scope):
        assessment = assess_action(record, as_of)
        if assessment.ended:
            continue
        action = record.action
        strategy = record.strategy.strategy
        details = [
            f"Lead: {'; '.join(action.lead) or 'none given'}",
            f"Timescale: {action.timescale or 'none given'}",
            f"Strategy: {strategy.title} ({strategy.id})",
            f"Priority: {record.priority.title}",
            f"Status on {as_of}: {assessment.status.label}",
        ]
        unmet = [check for check in assessment.dues if check.met_by is None]
        if len(unmet) > MAX_DUE_DATES:
            cut.append((action.id, len(unmet)))
            # The oldest (the one `overdue` counts from), then those nearest the as-of date.
            oldest, *rest = sorted(unmet, key=lambda c: c.due)
            rest.sort(key=lambda c: (abs((c.due - as_of).days), c.due))
            unmet = sorted([oldest, *rest[: MAX_DUE_DATES - 1]], key=lambda c: c.due)
        events += [
            CalendarEvent(
                uid=f"{action.id}.{check.due}@{strategy.id}.cpstrategy",
                day=check.due,
                summary=f"{action.id}: {action.activity}",
                description="\n".join(details),
                category="due date",
            )
            for check in unmet
        ]
    for item_record in plan.items:
        item = item_record.item
        if item.respond_by is None or not item_counts(item, as_of):
            continue
        if item_state(item, as_of).answered:
            continue
        events.append(
            CalendarEvent(
                uid=f"{item.id}.respond-by.{item.respond_by}@cpstrategy",
                day=item.respond_by,
                summary=f"{item.id}: answer due to young people",
                description=f"You said: {item.you_said}\nStatus on {as_of}: {item.status}",
                category="answer due",
            )
        )
    for board in plan.boards:
        for meeting in dict.fromkeys(board.meetings):
            events.append(
                CalendarEvent(
                    uid=f"{board.id}.meeting.{meeting}@cpstrategy",
                    day=meeting,
                    summary=board.name,
                    description=f"{board.name} meeting",
                    category="board meeting",
                )
            )
    return Calendar(sorted(events, key=lambda e: (e.day, e.uid)), cut)


def to_ical(events: list[CalendarEvent], as_of: date, name: str) -> bytes:
    """An RFC 5545 calendar. DTSTAMP is the as-of date, so the same data gives the same file."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//cpstrategy//cpstrategy {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC)
    for event in events:
        entry = Event()
        entry.add("uid", event.uid)
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.day)
        if event.day < date.max:  # without DTEND a day's event lasts the day (RFC 5545)
            entry.add("dtend", event.day + timedelta(days=1))
        entry.add("summary", event.summary)
        entry.add("description", event.description)
        entry.add("categories", [event.category])
        entry.add("transp", "TRANSPARENT")  # a due date does not make anyone busy
        calendar.add_component(entry)
    return calendar.to_ical()
