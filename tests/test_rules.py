"""Spec §2, "When is an action overdue?" and "Status and RAG", and the rules for "You said, we
did" items (§1) and measurable indicators: one named test per case, with real dates.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from cpstrategy.models import Indicator, Item, Point, Progress
from cpstrategy.rules import (
    Rag,
    Status,
    assess,
    item_counts,
    item_state,
    rate_indicator,
)


def d(text: str) -> date:
    return date.fromisoformat(text)


def dates(*texts: str) -> list[date]:
    return [date.fromisoformat(t) for t in texts]


def entry(on: str, status: str, note: str | None = None) -> Progress:
    return Progress(date=d(on), status=status, note=note)


QUARTERS_2017 = dates("2017-06-30", "2017-09-30", "2017-12-31", "2018-03-31")


def met_by(assessment) -> list[date | None]:
    """For each due date, the date of the entry that met it (None: unmet)."""
    return [c.met_by.date if c.met_by else None for c in assessment.dues]


# -- the cycle rule ----------------------------------------------------------------------------


def test_completion_before_the_only_due_date_meets_it() -> None:
    done = entry("2018-03-20", "complete")
    a = assess([done], dates("2018-03-31"), d("2018-06-01"))
    assert a.status is Status.COMPLETE
    assert a.rag is Rag.BLUE
    assert a.dues[0].met_by == done
    assert a.next_due is None
    assert a.overdue is False


def test_completion_on_the_due_date_meets_it() -> None:
    a = assess([entry("2018-03-31", "complete")], dates("2018-03-31"), d("2018-04-01"))
    assert a.status is Status.COMPLETE
    assert met_by(a) == dates("2018-03-31")


def test_late_completion_meets_only_the_oldest_missed_date() -> None:
    a = assess([entry("2018-01-10", "complete")], QUARTERS_2017, d("2018-02-01"))
    assert met_by(a) == [d("2018-01-10"), None, None, None]
    assert a.status is Status.OVERDUE
    assert a.rag is Rag.RED
    assert a.next_due == d("2017-09-30")
    assert a.days_overdue == 124


def test_each_later_completion_catches_up_one_missed_date() -> None:
    progress = [entry("2018-01-05", "complete"), entry("2018-01-20", "complete")]
    a = assess(progress, QUARTERS_2017, d("2018-02-01"))
    assert met_by(a) == [d("2018-01-05"), d("2018-01-20"), None, None]
    assert a.status is Status.OVERDUE
    assert a.next_due == d("2017-12-31")
    assert a.days_overdue == 32


def test_two_completions_in_one_cycle_do_not_meet_the_next() -> None:
    progress = [entry("2017-05-01", "complete"), entry("2017-06-20", "complete")]
    a = assess(progress, QUARTERS_2017[:2], d("2017-10-15"))
    assert met_by(a) == [d("2017-05-01"), None]
    assert a.status is Status.OVERDUE
    assert a.next_due == d("2017-09-30")
    assert a.days_overdue == 15


def test_completion_on_the_previous_due_date_does_not_meet_the_next() -> None:
    # "provided the entry is dated after the due date before that one"
    progress = [entry("2017-06-01", "complete"), entry("2017-06-30", "complete")]
    a = assess(progress, QUARTERS_2017[:2], d("2017-10-01"))
    assert met_by(a) == [d("2017-06-01"), None]
    assert a.status is Status.OVERDUE
    assert a.days_overdue == 1


def test_completion_the_day_after_the_previous_due_date_meets_the_next() -> None:
    progress = [entry("2017-06-01", "complete"), entry("2017-07-01", "complete")]
    a = assess(progress, QUARTERS_2017[:2], d("2017-10-01"))
    assert met_by(a) == [d("2017-06-01"), d("2017-07-01")]
    assert a.status is Status.COMPLETE


def test_completion_early_in_a_cycle_meets_that_cycles_due_date_before_it_comes() -> None:
    progress = [entry("2017-06-01", "complete"), entry("2017-07-01", "complete")]
    a = assess(progress, QUARTERS_2017[:2], d("2017-08-01"))
    assert met_by(a) == [d("2017-06-01"), d("2017-07-01")]
    assert a.status is Status.COMPLETE
    assert a.next_due is None


def test_entries_other_than_complete_meet_nothing() -> None:
    progress = [
        entry("2017-06-01", "on-track"),
        entry("2017-06-15", "at-risk"),
        entry("2017-06-20", "off-track"),
        entry("2017-06-25", "not-started"),
    ]
    a = assess(progress, QUARTERS_2017[:1], d("2017-07-01"))
    assert met_by(a) == [None]
    assert a.status is Status.OVERDUE
    assert a.days_overdue == 1


def test_completion_after_as_of_is_ignored() -> None:
    progress = [entry("2018-03-01", "on-track"), entry("2018-04-10", "complete")]
    a = assess(progress, dates("2018-03-31"), d("2018-04-05"))
    assert met_by(a) == [None]
    assert a.status is Status.OVERDUE
    assert a.days_overdue == 5
    assert a.last_update == d("2018-03-01")
    assert [p.date for p in a.history] == dates("2018-03-01")


def test_completion_dated_on_as_of_counts() -> None:
    progress = [entry("2018-03-01", "on-track"), entry("2018-04-10", "complete")]
    a = assess(progress, dates("2018-03-31"), d("2018-04-10"))
    assert met_by(a) == dates("2018-04-10")
    assert a.status is Status.COMPLETE
    assert a.last_update == d("2018-04-10")


def test_progress_is_read_in_date_order_whatever_the_file_order() -> None:
    progress = [
        entry("2018-02-01", "complete"),
        entry("2017-05-01", "on-track"),
        entry("2017-08-01", "complete"),
    ]
    a = assess(progress, QUARTERS_2017[:2], d("2018-03-01"))
    assert [p.date for p in a.history] == dates("2017-05-01", "2017-08-01", "2018-02-01")
    assert met_by(a) == dates("2017-08-01", "2018-02-01")
    assert a.status is Status.COMPLETE


def test_due_dates_are_read_in_date_order_whatever_the_order_given() -> None:
    a = assess([entry("2017-06-01", "complete")], list(reversed(QUARTERS_2017)), d("2017-10-01"))
    assert [c.due for c in a.dues] == QUARTERS_2017
    assert met_by(a) == [d("2017-06-01"), None, None, None]
    assert a.next_due == d("2017-09-30")


# -- overdue and days overdue -----------------------------------------------------------------


def test_due_date_equal_to_as_of_is_not_overdue() -> None:
    a = assess([], dates("2018-03-31"), d("2018-03-31"))
    assert a.status is Status.NOT_STARTED
    assert a.overdue is False
    assert a.next_due == d("2018-03-31")


def test_due_date_the_day_before_as_of_is_overdue_by_one_day() -> None:
    a = assess([], dates("2018-03-31"), d("2018-04-01"))
    assert a.status is Status.OVERDUE
    assert a.rag is Rag.RED
    assert a.next_due == d("2018-03-31")
    assert a.days_overdue == 1


def test_days_overdue_counts_from_the_oldest_unmet_due_date() -> None:
    a = assess([], QUARTERS_2017, d("2018-04-30"))
    assert a.next_due == d("2017-06-30")
    assert a.days_overdue == 304


def test_days_overdue_spans_a_leap_day() -> None:
    a = assess([], dates("2020-02-28"), d("2020-03-01"))
    assert a.days_overdue == 2


# -- the status table, first rule that holds ---------------------------------------------------


def test_withdrawn_latest_entry_is_never_overdue() -> None:
    a = assess([entry("2017-05-01", "withdrawn")], QUARTERS_2017, d("2019-01-01"))
    assert a.status is Status.WITHDRAWN
    assert a.rag is Rag.GREY
    assert a.overdue is False
    assert a.next_due is None
    assert a.due_soon(10_000) is False


def test_withdrawn_latest_entry_wins_over_complete() -> None:
    progress = [entry("2017-06-01", "complete"), entry("2017-06-10", "withdrawn")]
    a = assess(progress, QUARTERS_2017[:1], d("2017-07-01"))
    assert a.status is Status.WITHDRAWN
    assert a.rag is Rag.GREY


def test_withdrawn_earlier_then_reopened_is_assessed_again() -> None:
    progress = [entry("2017-05-01", "withdrawn"), entry("2017-05-10", "on-track")]
    a = assess(progress, QUARTERS_2017, d("2017-07-01"))
    assert a.status is Status.OVERDUE
    assert a.next_due == d("2017-06-30")


def test_withdrawal_after_as_of_is_ignored() -> None:
    progress = [entry("2017-05-01", "on-track"), entry("2017-08-01", "withdrawn")]
    a = assess(progress, QUARTERS_2017, d("2017-07-15"))
    assert a.status is Status.OVERDUE
    assert a.days_overdue == 15


def test_complete_when_every_due_date_is_met() -> None:
    progress = [entry(on, "complete") for on in ("2017-06-30", "2017-09-30", "2017-12-31")]
    a = assess(progress, QUARTERS_2017[:3], d("2018-01-01"))
    assert a.status is Status.COMPLETE
    assert a.rag is Rag.BLUE
    assert a.next_due is None


def test_complete_beats_a_later_off_track_entry() -> None:
    progress = [entry("2017-06-01", "complete"), entry("2017-06-15", "off-track")]
    a = assess(progress, QUARTERS_2017[:1], d("2017-07-01"))
    assert a.status is Status.COMPLETE
    assert a.rag is Rag.BLUE


def test_at_risk_with_an_overdue_date_shows_overdue() -> None:
    a = assess([entry("2017-06-15", "at-risk")], QUARTERS_2017, d("2017-07-10"))
    assert a.status is Status.OVERDUE
    assert a.rag is Rag.RED
    assert a.next_due == d("2017-06-30")
    assert a.days_overdue == 10


def test_off_track_with_an_overdue_date_shows_overdue() -> None:
    a = assess([entry("2017-06-15", "off-track")], QUARTERS_2017, d("2017-07-10"))
    assert a.status is Status.OVERDUE


def test_on_track_with_an_overdue_date_shows_overdue() -> None:
    a = assess([entry("2017-07-05", "on-track")], QUARTERS_2017, d("2017-07-10"))
    assert a.status is Status.OVERDUE


def test_off_track_latest_entry_is_off_track_red() -> None:
    a = assess([entry("2017-05-01", "off-track")], QUARTERS_2017, d("2017-06-01"))
    assert a.status is Status.OFF_TRACK
    assert a.rag is Rag.RED
    assert a.next_due == d("2017-06-30")


def test_at_risk_latest_entry_is_at_risk_amber() -> None:
    a = assess([entry("2017-05-01", "at-risk")], QUARTERS_2017, d("2017-06-01"))
    assert a.status is Status.AT_RISK
    assert a.rag is Rag.AMBER


def test_on_track_latest_entry_is_on_track_green() -> None:
    a = assess([entry("2017-05-01", "on-track")], QUARTERS_2017, d("2017-06-01"))
    assert a.status is Status.ON_TRACK
    assert a.rag is Rag.GREEN


def test_latest_entry_decides_not_the_worst() -> None:
    progress = [entry("2017-04-10", "off-track"), entry("2017-05-01", "on-track")]
    a = assess(progress, QUARTERS_2017, d("2017-06-01"))
    assert a.status is Status.ON_TRACK


def test_on_track_when_latest_complete_with_later_due_dates() -> None:
    a = assess([entry("2017-06-20", "complete")], QUARTERS_2017, d("2017-07-15"))
    assert met_by(a) == [d("2017-06-20"), None, None, None]
    assert a.status is Status.ON_TRACK
    assert a.rag is Rag.GREEN
    assert a.next_due == d("2017-09-30")
    assert a.days_overdue == -77


def test_no_entry_is_not_started_grey() -> None:
    a = assess([], QUARTERS_2017, d("2017-06-01"))
    assert a.status is Status.NOT_STARTED
    assert a.rag is Rag.GREY
    assert a.latest is None
    assert a.last_update is None
    assert a.next_due == d("2017-06-30")


def test_not_started_latest_entry_is_not_started_grey() -> None:
    progress = [entry("2017-04-10", "on-track"), entry("2017-05-01", "not-started")]
    a = assess(progress, QUARTERS_2017, d("2017-06-01"))
    assert a.status is Status.NOT_STARTED
    assert a.rag is Rag.GREY


def test_only_entries_after_as_of_is_not_started() -> None:
    a = assess([entry("2017-07-01", "complete")], [], d("2017-06-01"))
    assert a.status is Status.NOT_STARTED
    assert a.history == ()


def test_status_and_rag_words() -> None:
    assert [(s.value, s.label) for s in Status] == [
        ("withdrawn", "Withdrawn"),
        ("complete", "Complete"),
        ("overdue", "Overdue"),
        ("off-track", "Off track"),
        ("at-risk", "At risk"),
        ("on-track", "On track"),
        ("not-started", "Not started"),
    ]
    assert [(r.value, r.label) for r in Rag] == [
        ("blue", "Blue"),
        ("green", "Green"),
        ("amber", "Amber"),
        ("red", "Red"),
        ("grey", "Grey"),
    ]


# -- actions with no due dates (Ongoing, no timescale, due: []) -------------------------------


def test_no_due_dates_is_complete_when_the_latest_entry_is_complete() -> None:
    progress = [entry("2017-05-01", "on-track"), entry("2017-09-01", "complete")]
    a = assess(progress, [], d("2018-01-01"))
    assert a.status is Status.COMPLETE
    assert a.rag is Rag.BLUE
    assert a.next_due is None
    assert a.dues == ()


def test_no_due_dates_is_not_complete_when_a_later_entry_is_not_complete() -> None:
    progress = [entry("2017-05-01", "complete"), entry("2017-09-01", "on-track")]
    a = assess(progress, [], d("2018-01-01"))
    assert a.status is Status.ON_TRACK
    assert a.rag is Rag.GREEN


def test_no_due_dates_is_never_overdue() -> None:
    a = assess([entry("2017-05-01", "off-track")], [], d("2030-01-01"))
    assert a.status is Status.OFF_TRACK
    assert a.overdue is False
    assert a.next_due is None
    assert a.days_overdue is None
    assert a.due_soon(90) is False


def test_no_due_dates_and_no_entry_is_not_started_and_not_stale() -> None:
    a = assess([], [], d("2030-01-01"))
    assert a.status is Status.NOT_STARTED
    assert a.stale is False


ACTIONS_WITHOUT_DUE_DATES = """
priority: homes
actions:
  - id: NO-DUE-1
    activity: Keep the pledge under review.
    lead: Fostering
    timescale: Ongoing
    progress: &done
      - {date: 2022-03-01, status: on-track}
      - {date: 2022-06-01, status: complete}
  - id: NO-DUE-2
    activity: Listen to MADE Together.
    lead: Fostering
    progress: *done
  - id: NO-DUE-3
    activity: Publish the local offer.
    lead: Fostering
    timescale: When the new website launches
    due: []
    progress:
      - {date: 2022-03-01, status: complete}
      - {date: 2022-06-01, status: at-risk}
"""


def test_ongoing_no_timescale_and_empty_due_are_complete_only_when_latest_is(cli, data) -> None:
    folder = data({"actions/demo/a.yaml": ACTIONS_WITHOUT_DUE_DATES})
    result = cli("--data", folder, "--as-of", "2023-01-01", "status", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = [
        (r["id"], r["status"], r["rag"], r["next_due"], r["last_update"])
        for r in json.loads(result.stdout)
    ]
    assert rows == [
        ("NO-DUE-1", "complete", "blue", None, "2022-06-01"),
        ("NO-DUE-2", "complete", "blue", None, "2022-06-01"),
        ("NO-DUE-3", "at-risk", "amber", None, "2022-06-01"),
    ]


# -- next due and due soon ---------------------------------------------------------------------


def test_next_due_is_the_oldest_unmet_due_date_in_the_past_when_overdue() -> None:
    a = assess([entry("2017-06-01", "complete")], QUARTERS_2017, d("2018-01-15"))
    assert a.next_due == d("2017-09-30")


def test_next_due_is_none_when_complete() -> None:
    a = assess([entry("2017-06-01", "complete")], QUARTERS_2017[:1], d("2017-06-15"))
    assert a.next_due is None
    assert a.days_overdue is None


def test_due_soon_includes_a_due_date_exactly_n_days_ahead() -> None:
    a = assess([], dates("2018-03-31"), d("2018-03-01"))
    assert a.due_soon(30) is True
    assert a.days_overdue == -30


def test_due_soon_excludes_a_due_date_n_plus_one_days_ahead() -> None:
    a = assess([], dates("2018-03-31"), d("2018-03-01"))
    assert a.due_soon(29) is False


def test_due_soon_includes_a_due_date_equal_to_as_of() -> None:
    a = assess([], dates("2018-03-31"), d("2018-03-31"))
    assert a.due_soon(0) is True
    assert a.days_overdue == 0


def test_overdue_action_is_not_due_soon() -> None:
    a = assess([], dates("2018-03-31", "2018-04-30"), d("2018-04-15"))
    assert a.overdue is True
    assert a.due_soon(90) is False


def test_complete_action_is_not_due_soon() -> None:
    a = assess([entry("2018-03-01", "complete")], dates("2018-03-31"), d("2018-03-15"))
    assert a.due_soon(90) is False


def test_due_soon_looks_at_the_next_unmet_due_date_only() -> None:
    # June is met, so the next due date is 30 September: 92 days after 30 June
    a = assess([entry("2017-06-20", "complete")], QUARTERS_2017, d("2017-06-30"))
    assert a.next_due == d("2017-09-30")
    assert a.due_soon(91) is False
    assert a.due_soon(92) is True


def test_at_risk_action_can_be_due_soon() -> None:
    a = assess([entry("2017-05-01", "at-risk")], QUARTERS_2017, d("2017-06-01"))
    assert a.status is Status.AT_RISK
    assert a.due_soon(90) is True


# -- stale -------------------------------------------------------------------------------------


def test_latest_entry_91_days_before_as_of_is_stale() -> None:
    a = assess([entry("2018-01-01", "on-track")], dates("2019-03-31"), d("2018-04-02"))
    assert (d("2018-04-02") - d("2018-01-01")).days == 91
    assert a.stale is True


def test_latest_entry_90_days_before_as_of_is_not_stale() -> None:
    a = assess([entry("2018-01-01", "on-track")], dates("2019-03-31"), d("2018-04-01"))
    assert a.stale is False


def test_staleness_counts_only_entries_on_or_before_as_of() -> None:
    progress = [entry("2018-01-01", "on-track"), entry("2018-04-05", "on-track")]
    a = assess(progress, dates("2019-03-31"), d("2018-04-02"))
    assert a.stale is True


def test_no_entry_while_a_due_date_has_passed_is_stale() -> None:
    a = assess([], dates("2018-03-31"), d("2018-04-01"))
    assert a.stale is True


def test_no_entry_before_any_due_date_has_passed_is_not_stale() -> None:
    a = assess([], dates("2018-03-31"), d("2018-03-01"))
    assert a.stale is False


def test_complete_action_is_never_stale() -> None:
    a = assess([entry("2015-01-01", "complete")], dates("2015-03-31"), d("2020-01-01"))
    assert a.status is Status.COMPLETE
    assert a.stale is False


def test_withdrawn_action_is_never_stale() -> None:
    a = assess([entry("2015-01-01", "withdrawn")], dates("2015-03-31"), d("2020-01-01"))
    assert a.stale is False


def test_stale_applies_to_actions_without_due_dates_too() -> None:
    a = assess([entry("2017-01-01", "on-track")], [], d("2018-01-01"))
    assert a.stale is True


# -- "You said, we did" items -----------------------------------------------------------------


def item(
    status: str,
    respond_by: str | None = "2023-09-30",
    responded: str | None = None,
    raised: str | None = "2023-03-01",
) -> Item:
    return Item(
        id="YSWD-1",
        raised=d(raised) if raised else None,
        you_said="We want to meet the people who decide.",
        status=status,
        respond_by=d(respond_by) if respond_by else None,
        responded=d(responded) if responded else None,
    )


@pytest.mark.parametrize(
    ("status", "responded", "late"),
    [
        ("open", None, True),
        ("in-progress", None, True),
        ("done", "2023-09-20", False),
        ("not-possible", "2023-09-20", False),
    ],
)
def test_item_is_late_only_while_open_or_in_progress_past_respond_by(
    status: str, responded: str | None, late: bool
) -> None:
    state = item_state(item(status, responded=responded), d("2023-10-01"))
    assert state.late is late


def test_item_due_on_as_of_is_not_late() -> None:
    state = item_state(item("open", respond_by="2023-10-01"), d("2023-10-01"))
    assert state.late is False


def test_item_without_respond_by_is_never_late() -> None:
    state = item_state(item("open", respond_by=None), d("2030-01-01"))
    assert state.late is False
    assert state.days_late is None


def test_item_days_late_counts_from_respond_by() -> None:
    state = item_state(item("in-progress"), d("2023-10-31"))
    assert state.days_late == 31


def test_item_responded_after_as_of_counts_as_in_progress() -> None:
    state = item_state(item("done", responded="2023-10-05"), d("2023-10-01"))
    assert state.status == "in-progress"
    assert state.late is True
    assert state.answered is False


def test_not_possible_item_responded_after_as_of_counts_as_in_progress() -> None:
    state = item_state(item("not-possible", responded="2023-10-05"), d("2023-10-01"))
    assert state.status == "in-progress"
    assert state.late is True


def test_item_responded_on_as_of_is_answered() -> None:
    state = item_state(item("done", responded="2023-10-01"), d("2023-10-01"))
    assert state.status == "done"
    assert state.late is False
    assert state.answered is True


def test_item_raised_after_as_of_does_not_count() -> None:
    assert item_counts(item("open", raised="2023-10-02"), d("2023-10-01")) is False
    assert item_counts(item("open", raised="2023-10-01"), d("2023-10-01")) is True


def test_item_with_no_raised_date_always_counts() -> None:
    assert item_counts(item("open", raised=None), d("2000-01-01")) is True


ITEMS = """
items:
  - id: Y-OPEN
    raised: 2023-03-01
    you_said: We want a say in who our social worker is.
    status: open
    respond_by: 2023-09-30
  - id: Y-PROGRESS
    raised: 2023-03-01
    you_said: We want more help with driving lessons.
    status: in-progress
    respond_by: 2023-09-20
  - id: Y-DONE
    raised: 2023-03-01
    you_said: We want to meet the people who decide.
    we_did: MADE Together was set up as a shadow board.
    status: done
    respond_by: 2023-09-01
    responded: 2023-08-20
  - id: Y-NOT-POSSIBLE
    raised: 2023-03-01
    you_said: We want free bus travel everywhere.
    we_did: The council cannot set fares on every route; it has asked the transport authority.
    status: not-possible
    respond_by: 2023-09-01
    responded: 2023-08-25
  - id: Y-ANSWERED-LATER
    raised: 2023-03-01
    you_said: We want our reviews held somewhere we choose.
    we_did: Reviews are now held where the young person chooses.
    status: done
    respond_by: 2023-09-25
    responded: 2023-10-05
  - id: Y-DUE-TODAY
    raised: 2023-03-01
    you_said: We want to know who to ring out of hours.
    status: open
    respond_by: 2023-10-01
  - id: Y-NO-DATE
    raised: 2023-03-01
    you_said: We want a youth worker at every review.
    status: open
  - id: Y-RAISED-LATER
    raised: 2023-10-02
    you_said: We want wifi in every placement.
    status: open
    respond_by: 2023-09-15
  - id: Y-NEVER-RAISED
    you_said: We want a birthday card from the council.
    status: open
    respond_by: 2023-09-28
"""


def item_row(item_id: str, title: str, due: str, days: int) -> dict[str, object]:
    return {
        "id": item_id,
        "kind": "you-said-we-did",
        "title": title,
        "strategy": None,
        "lead": [],
        "due": due,
        "days_overdue": days,
        "due_soon": False,
    }


def test_overdue_lists_late_items_as_of_the_date(cli, data) -> None:
    folder = data({"you-said-we-did/2023.yaml": ITEMS})
    result = cli("--data", folder, "--as-of", "2023-10-01", "overdue", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [
        item_row("Y-PROGRESS", "We want more help with driving lessons.", "2023-09-20", 11),
        item_row("Y-ANSWERED-LATER", "We want our reviews held somewhere we choose.",
                 "2023-09-25", 6),
        item_row("Y-NEVER-RAISED", "We want a birthday card from the council.", "2023-09-28", 3),
        item_row("Y-OPEN", "We want a say in who our social worker is.", "2023-09-30", 1),
    ]  # fmt: skip


def test_item_answered_by_as_of_is_no_longer_listed(cli, data) -> None:
    folder = data({"you-said-we-did/2023.yaml": ITEMS})
    result = cli("--data", folder, "--as-of", "2023-10-05", "overdue", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)] == [
        "Y-RAISED-LATER",
        "Y-PROGRESS",
        "Y-NEVER-RAISED",
        "Y-OPEN",
        "Y-DUE-TODAY",
    ]


# -- indicators --------------------------------------------------------------------------------


def indicator(
    target: float | None,
    *actuals: tuple[str, float],
    unit: str | None = "%",
    higher_is_better: bool = True,
    baseline: tuple[str, float] | None = None,
) -> Indicator:
    return Indicator(
        text="Children looked after with an annual health assessment",
        target=target,
        unit=unit,
        higher_is_better=higher_is_better,
        baseline=Point(date=d(baseline[0]), value=baseline[1]) if baseline else None,
        actuals=[Point(date=d(on), value=value) for on, value in actuals],
    )


AS_OF_2018 = d("2018-06-30")


@pytest.mark.parametrize(
    ("actual", "rag"),
    [
        (95, Rag.GREEN),
        (90, Rag.GREEN),
        (89.9, Rag.AMBER),
        (85, Rag.AMBER),
        (84.9, Rag.RED),
        (60, Rag.RED),
    ],
)
def test_percentage_indicator_is_amber_within_five_points_of_target(
    actual: float, rag: Rag
) -> None:
    rating = rate_indicator(indicator(90, ("2018-03-31", actual)), AS_OF_2018)
    assert rating.rag is rag
    assert rating.rag_label == rag.label


@pytest.mark.parametrize(
    ("target", "actual", "unit"),
    [(65.4, 60.4, "%"), (8.3, 3.3, "%"), (8, 7.6, "visits"), (11, 10.45, None), (2, 1.9, "days")],
)
def test_a_miss_of_exactly_the_tolerance_is_amber_in_decimals_as_written(
    target: float, actual: float, unit: str | None
) -> None:
    # In binary floating point 65.4 - 60.4 is 5.000000000000007, and 8 - 7.6 is over 0.4
    rating = rate_indicator(indicator(target, ("2018-03-31", actual), unit=unit), AS_OF_2018)
    assert rating.rag is Rag.AMBER


def test_five_points_not_five_percent_for_a_percentage() -> None:
    # 46% is 4 points below 50%: amber, though it is 8% short of the target
    assert rate_indicator(indicator(50, ("2018-03-31", 46)), AS_OF_2018).rag is Rag.AMBER


def test_five_percent_of_target_not_five_points_for_other_units() -> None:
    # 46 days is 4 below 50, more than 5% of 50 (2.5): red
    rating = rate_indicator(indicator(50, ("2018-03-31", 46), unit="days"), AS_OF_2018)
    assert rating.rag is Rag.RED


@pytest.mark.parametrize(
    ("actual", "rag"),
    [(40, Rag.GREEN), (41, Rag.GREEN), (38, Rag.AMBER), (37.9, Rag.RED)],
)
def test_other_unit_indicator_is_amber_within_five_percent_of_target(
    actual: float, rag: Rag
) -> None:
    rating = rate_indicator(indicator(40, ("2018-03-31", actual), unit="placements"), AS_OF_2018)
    assert rating.rag is rag


@pytest.mark.parametrize(
    ("actual", "rag"),
    [(20, Rag.GREEN), (19, Rag.AMBER), (18.9, Rag.RED)],
)
def test_indicator_without_a_unit_uses_five_percent_of_target(actual: float, rag: Rag) -> None:
    rating = rate_indicator(indicator(20, ("2018-03-31", actual), unit=None), AS_OF_2018)
    assert rating.rag is rag


@pytest.mark.parametrize(
    ("actual", "rag"),
    [(5, Rag.GREEN), (10, Rag.GREEN), (15, Rag.AMBER), (15.1, Rag.RED)],
)
def test_lower_is_better_percentage_is_green_at_or_below_target(actual: float, rag: Rag) -> None:
    rating = rate_indicator(
        indicator(10, ("2018-03-31", actual), higher_is_better=False), AS_OF_2018
    )
    assert rating.rag is rag


@pytest.mark.parametrize(
    ("actual", "rag"),
    [(150, Rag.GREEN), (200, Rag.GREEN), (210, Rag.AMBER), (211, Rag.RED)],
)
def test_lower_is_better_other_unit_is_amber_within_five_percent(actual: float, rag: Rag) -> None:
    rating = rate_indicator(
        indicator(200, ("2018-03-31", actual), unit="days", higher_is_better=False), AS_OF_2018
    )
    assert rating.rag is rag


def test_indicator_without_target_is_not_rated() -> None:
    rating = rate_indicator(indicator(None, ("2018-03-31", 88)), AS_OF_2018)
    assert rating.rag is None
    assert rating.rag_label == "Not rated"
    assert rating.latest == Point(date=d("2018-03-31"), value=88)


def test_indicator_without_actual_is_not_rated() -> None:
    rating = rate_indicator(indicator(90, baseline=("2016-03-31", 84)), AS_OF_2018)
    assert rating.rag is None
    assert rating.rag_label == "Not rated"
    assert rating.latest is None


def test_indicator_is_rated_from_its_latest_actual_on_or_before_as_of() -> None:
    measure = indicator(90, ("2018-03-31", 92), ("2017-03-31", 80))
    early = rate_indicator(measure, d("2017-12-31"))
    assert early.latest == Point(date=d("2017-03-31"), value=80)
    assert early.rag is Rag.RED
    on_the_day = rate_indicator(measure, d("2018-03-31"))
    assert on_the_day.latest == Point(date=d("2018-03-31"), value=92)
    assert on_the_day.rag is Rag.GREEN


def test_actuals_after_as_of_are_ignored() -> None:
    measure = indicator(90, ("2017-03-31", 88), ("2018-03-31", 70), baseline=("2016-03-31", 84))
    rating = rate_indicator(measure, d("2018-03-30"))
    assert rating.latest == Point(date=d("2017-03-31"), value=88)
    assert rating.rag is Rag.AMBER
    assert rating.trend == "improving"


def test_only_actuals_after_as_of_is_not_rated() -> None:
    rating = rate_indicator(indicator(90, ("2018-03-31", 95)), d("2018-01-01"))
    assert rating.latest is None
    assert rating.rag is None
    assert rating.trend is None


def test_trend_improving_from_baseline_to_actual() -> None:
    measure = indicator(90, ("2017-03-31", 88), baseline=("2016-03-31", 84))
    assert rate_indicator(measure, AS_OF_2018).trend == "improving"


def test_trend_worsening_from_baseline_to_actual() -> None:
    measure = indicator(90, ("2017-03-31", 80), baseline=("2016-03-31", 84))
    assert rate_indicator(measure, AS_OF_2018).trend == "worsening"


def test_trend_no_change() -> None:
    measure = indicator(90, ("2017-03-31", 84), baseline=("2016-03-31", 84))
    assert rate_indicator(measure, AS_OF_2018).trend == "no change"


def test_trend_follows_higher_is_better_false() -> None:
    falling = indicator(10, ("2017-03-31", 12), baseline=("2016-03-31", 14), higher_is_better=False)
    rising = indicator(10, ("2017-03-31", 16), baseline=("2016-03-31", 14), higher_is_better=False)
    assert rate_indicator(falling, AS_OF_2018).trend == "improving"
    assert rate_indicator(rising, AS_OF_2018).trend == "worsening"


def test_trend_compares_the_last_two_values_only() -> None:
    measure = indicator(90, ("2018-03-31", 83), ("2017-03-31", 85), baseline=("2016-03-31", 70))
    assert rate_indicator(measure, AS_OF_2018).trend == "worsening"


def test_trend_from_two_actuals_without_a_baseline() -> None:
    measure = indicator(90, ("2017-03-31", 85), ("2018-03-31", 87))
    assert rate_indicator(measure, AS_OF_2018).trend == "improving"


def test_trend_with_fewer_than_two_values_is_none() -> None:
    assert rate_indicator(indicator(90, ("2017-03-31", 85)), AS_OF_2018).trend is None
    assert rate_indicator(indicator(90, baseline=("2016-03-31", 84)), AS_OF_2018).trend is None
    assert rate_indicator(indicator(90), AS_OF_2018).trend is None


def test_trend_ignores_values_after_as_of() -> None:
    measure = indicator(90, ("2017-03-31", 85), ("2018-03-31", 95), baseline=("2016-03-31", 84))
    assert rate_indicator(measure, d("2017-03-31")).trend == "improving"
    assert rate_indicator(measure, d("2016-12-31")).trend is None


def test_trend_ignores_a_baseline_dated_after_as_of() -> None:
    measure = indicator(90, ("2016-03-31", 85), baseline=("2017-03-31", 70))
    assert rate_indicator(measure, d("2016-12-31")).trend is None


@pytest.mark.parametrize("within", [None, 90])
@pytest.mark.parametrize("as_of", [date(2023, 1, 31), date(2024, 2, 20)])
def test_the_overdue_list_does_not_depend_on_the_order_of_the_plan(within, as_of):
    import random
    from pathlib import Path

    from cpstrategy.loading import load
    from cpstrategy.views import overdue_rows, select_scope

    folder = Path(__file__).resolve().parent / "fixtures" / "westbrook"
    plan = load(folder).plan
    scope = select_scope(plan, as_of, (), True)
    expected = overdue_rows(plan, scope, as_of, within=within)
    assert any(row["kind"] == "action" for row in expected)
    rng = random.Random(7)
    for _ in range(5):
        rng.shuffle(plan.actions)
        rng.shuffle(plan.items)
        assert overdue_rows(plan, scope, as_of, within=within) == expected
