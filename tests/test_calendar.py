"""`calendar`: every unmet due date, answer owed and board meeting as an all-day event, read back
with the icalendar library."""

from __future__ import annotations

import os
from datetime import date

import icalendar
import pytest

ACTIONS = """
priority: homes
actions:
  - id: H-01
    activity: Match children with carers.
    lead: [Fostering, Social work]
    timescale: Quarterly until December 2022
    progress:
      - {date: 2022-04-02, status: complete}
  - id: H-02
    activity: Already done.
    lead: [Fostering]
    timescale: March 2022
    progress:
      - {date: 2022-03-20, status: complete}
  - id: H-03
    activity: No longer needed.
    lead: [Fostering]
    timescale: June 2022
    progress:
      - {date: 2022-02-01, status: withdrawn}
  - id: H-04
    activity: Ongoing work.
    lead: [Fostering]
    timescale: Ongoing
  - id: H-05
    activity: Explicit dates.
    due: [2022-07-15]
"""

ITEMS = """
items:
  - id: Y-1
    raised: 2022-02-01
    you_said: More trips.
    status: open
    respond_by: 2022-08-31
  - id: Y-2
    raised: 2022-02-01
    you_said: Fewer meetings.
    we_did: Shorter ones.
    status: done
    respond_by: 2022-05-31
    responded: 2022-05-01
  - id: Y-3
    raised: 2023-01-01
    you_said: Raised after the as-of date.
    status: open
    respond_by: 2023-02-28
"""

BOARDS = """
boards:
  - id: cpb
    name: Corporate Parenting Board
    meetings: [2022-06-14, 2022-09-13]
"""


@pytest.fixture
def folder(data):
    return data(
        {"actions/demo/homes.yaml": ACTIONS, "you-said-we-did/y.yaml": ITEMS, "boards.yaml": BOARDS}
    )


def events(raw: bytes) -> list[tuple[str, date, str]]:
    calendar = icalendar.Calendar.from_ical(raw)
    return [
        (str(e["uid"]), e.decoded("dtstart"), str(e["summary"])) for e in calendar.walk("VEVENT")
    ]


def test_calendar_lists_unmet_due_dates_answers_owed_and_meetings(cli, folder, tmp_path):
    out = tmp_path / "plan.ics"
    result = cli("--data", folder, "--as-of", "2022-06-30", "calendar", "--output", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{out}: 7 events\n"
    match = "H-01: Match children with carers."
    # H-01's first quarter (to March) was met by the April completion; H-02 is complete, H-03
    # withdrawn, H-04 never due, Y-2 answered, and Y-3 raised after the as-of date.
    assert events(out.read_bytes()) == [
        ("cpb.meeting.2022-06-14@cpstrategy", date(2022, 6, 14), "Corporate Parenting Board"),
        ("H-01.2022-06-30@demo.cpstrategy", date(2022, 6, 30), match),
        ("H-05.2022-07-15@demo.cpstrategy", date(2022, 7, 15), "H-05: Explicit dates."),
        (
            "Y-1.respond-by.2022-08-31@cpstrategy",
            date(2022, 8, 31),
            "Y-1: answer due to young people",
        ),
        ("cpb.meeting.2022-09-13@cpstrategy", date(2022, 9, 13), "Corporate Parenting Board"),
        ("H-01.2022-09-30@demo.cpstrategy", date(2022, 9, 30), match),
        ("H-01.2022-12-31@demo.cpstrategy", date(2022, 12, 31), match),
    ]


def test_every_event_is_all_day_with_the_lead_in_its_description(cli, folder):
    result = cli("--data", folder, "--as-of", "2022-06-30", "calendar")
    calendar = icalendar.Calendar.from_ical(result.stdout.encode())
    assert str(calendar["version"]) == "2.0"
    first = next(e for e in calendar.walk("VEVENT") if str(e["uid"]).startswith("H-01.2022-06"))
    assert type(first.decoded("dtstart")) is date
    assert first.decoded("dtend") == date(2022, 7, 1)
    assert str(first["description"]).splitlines() == [
        "Lead: Fostering; Social work",
        "Timescale: Quarterly until December 2022",
        "Strategy: Demo Strategy (demo)",
        "Priority: Stable homes",
        "Status on 2022-06-30: On track",
    ]


def test_the_same_data_gives_the_same_file(cli, folder, tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    cli("--data", folder, "--as-of", "2022-06-30", "calendar", "--output", first)
    cli("--data", folder, "--as-of", "2022-06-30", "calendar", "--output", second)
    assert first.read_bytes() == second.read_bytes()
    stdout = cli("--data", folder, "--as-of", "2022-06-30", "calendar")
    assert stdout.stdout.encode() == first.read_bytes()  # CRLF lines, as RFC 5545 asks


def test_uids_stay_the_same_as_the_plan_moves_on(cli, folder):
    before = cli("--data", folder, "--as-of", "2022-06-30", "calendar").stdout.encode()
    after = cli("--data", folder, "--as-of", "2022-10-31", "calendar").stdout.encode()
    uids_before = {uid for uid, _, _ in events(before)}
    uids_after = {uid for uid, _, _ in events(after)}
    assert uids_after <= uids_before


def test_an_unknown_strategy_exits_1(cli, folder):
    result = cli("--data", folder, "calendar", "--strategy", "dem")
    assert result.exit_code == 1
    assert result.stderr.endswith("cpstrategy: error: no strategy 'dem'; did you mean 'demo'?\n")
    assert result.stdout == ""


def test_calendar_output_will_not_replace_a_file_without_force(cli, folder, tmp_path):
    out = tmp_path / "plan.ics"
    out.write_text("my own calendar\n")
    refused = cli("--data", folder, "--as-of", "2022-06-30", "calendar", "--output", out)
    assert refused.exit_code == 1
    assert refused.stderr.endswith(
        f"cpstrategy: error: '{out}' already exists; nothing written; use --force to replace it\n"
    )
    assert out.read_text() == "my own calendar\n"
    forced = cli("--data", folder, "--as-of", "2022-06-30", "calendar", "--output", out,
                 "--force")  # fmt: skip
    assert forced.exit_code == 0, forced.stderr
    assert forced.stdout == f"{out}: 7 events\n"
    assert len(events(out.read_bytes())) == 7


def test_calendar_output_into_a_folder_that_is_not_there_is_refused_as_a_report_is(
    cli, folder, tmp_path
):
    out = tmp_path / "no-such-folder" / "plan.ics"
    refused = cli("--data", folder, "--as-of", "2022-06-30", "calendar", "--output", out)
    assert refused.exit_code == 2
    assert f"no folder '{out.parent}' to write plan.ics into" in refused.stderr
    assert not out.parent.exists()
    folder_given = cli("--data", folder, "--as-of", "2022-06-30", "calendar", "--output", tmp_path)
    assert folder_given.exit_code == 2
    assert f"'{tmp_path}' is a folder; give a file name" in folder_given.stderr
    slashed = cli("--data", folder, "calendar", "--output", f"{tmp_path}/plans/")
    assert slashed.exit_code == 2
    assert f"'{tmp_path}/plans/' is a folder; give a file name" in slashed.stderr
    assert not (tmp_path / "plans").exists()
    data_file = folder / "strategies" / "demo.yaml"
    before = data_file.read_bytes()
    yaml_given = cli("--data", folder, "--as-of", "2022-06-30", "calendar", "--output", data_file,
                     "--force")  # fmt: skip
    assert yaml_given.exit_code == 2
    assert "is a YAML file name; a calendar is iCalendar (.ics)" in yaml_given.stderr
    assert data_file.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_calendar_output_onto_a_pipe_is_refused_without_waiting_for_it(cli, folder, tmp_path):
    out = tmp_path / "plan.ics"
    os.mkfifo(out)  # nobody writes to it: reading it would wait for ever
    refused = cli("--data", folder, "--as-of", "2022-06-30", "calendar", "--output", out)
    assert refused.exit_code == 1
    assert refused.stderr.endswith(f"cpstrategy: error: '{out}' exists and is not a file\n")


def test_calendar_output_keeps_its_own_earlier_calendar_up_to_date(cli, folder, tmp_path):
    out = tmp_path / "plan.ics"
    first = cli("--data", folder, "--as-of", "2022-01-01", "calendar", "--output", out)
    assert first.exit_code == 0, first.stderr
    before = out.read_bytes()
    again = cli("--data", folder, "--as-of", "2022-06-30", "calendar", "--output", out)
    assert again.exit_code == 0, again.stderr
    assert again.stdout == f"{out}: 7 events\n"
    assert out.read_bytes() != before
    assert len(events(out.read_bytes())) == 7


def test_calendar_output_will_not_replace_another_programs_calendar(cli, folder, tmp_path):
    out = tmp_path / "personal.ics"
    out.write_text("BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook//EN\r\n")
    refused = cli("--data", folder, "--as-of", "2022-06-30", "calendar", "--output", out)
    assert refused.exit_code == 1
    assert "already exists; nothing written; use --force" in refused.stderr
    assert out.read_text().startswith("BEGIN:VCALENDAR\nPRODID:-//Microsoft")


def test_calendar_force_will_not_replace_a_symbolic_link_with_a_plain_file(cli, folder, tmp_path):
    real = tmp_path / "shared.ics"
    real.write_text("theirs\n")
    link = tmp_path / "plan.ics"
    link.symlink_to(real)
    result = cli("--data", folder, "--as-of", "2022-06-30", "calendar", "--output", link,
                 "--force")  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"cpstrategy: error: '{link}' is a symbolic link; cpstrategy will not replace it with a "
        "plain file; write to the file it points to, or remove the link\n"
    )
    assert link.is_symlink() and real.read_text() == "theirs\n"


def test_a_due_date_on_the_last_day_there_is_still_makes_an_event(cli, data):
    folder = data({"actions/demo/a.yaml": """
        priority: homes
        actions:
          - {id: L-01, activity: Last., lead: X, timescale: Someday, due: [9999-12-31],
             measures: [m]}
        """})  # fmt: skip
    result = cli("--data", folder, "--as-of", "2022-06-30", "calendar")
    assert result.exit_code == 0, result.stderr
    calendar = icalendar.Calendar.from_ical(result.stdout.encode())
    [event] = [e for e in calendar.walk("VEVENT") if str(e["uid"]).startswith("L-01")]
    assert event.decoded("dtstart") == date(9999, 12, 31)
    assert "dtend" not in event  # a DATE start and no end: that one day


def test_an_action_with_thousands_of_unmet_due_dates_gives_those_nearest_the_as_of_date(
    cli, data, tmp_path
):
    # `until March 9020`, a typo for 2020: 84,000 monthly events took 20 s and swamped any
    # calendar.
    folder = data({"actions/demo/homes.yaml": ACTIONS.replace(
        "Quarterly until December 2022", "Monthly until March 9020")})  # fmt: skip
    out = tmp_path / "plan.ics"
    result = cli("--data", folder, "--as-of", "2022-06-30", "calendar", "--output", out)
    assert result.exit_code == 0, result.stderr
    assert "cpstrategy: warning: H-01 has 83,978 unmet due dates; the oldest and the 119 " \
           "nearest 2022-06-30 are written (check its timescale)" in result.stderr  # fmt: skip
    days = [day for uid, day, _ in events(out.read_bytes()) if uid.startswith("H-01.")]
    assert len(days) == 120 and days == sorted(days)
    assert days[0] == date(2022, 2, 28) and days[-1] == date(2032, 1, 31)
    # Years on, the oldest unmet date (the one overdue counts from) is still there.
    later = cli("--data", folder, "--as-of", "2035-06-30", "calendar", "--all", "--output", out,
                "--force")  # fmt: skip
    assert later.exit_code == 0, later.stderr
    days = [day for uid, day, _ in events(out.read_bytes()) if uid.startswith("H-01.")]
    assert len(days) == 120 and days[0] == date(2022, 2, 28) and days[1] > date(2030, 1, 1)
