"""Spec §2, "Timescales and due dates": the table of timescale forms, the windows paragraph, and
the refusals. Due dates are checked in the spec's own example strategy (1 April 2017 to
30 March 2020) unless a case needs another period.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from cpstrategy.timescales import (
    Annually,
    EveryMonths,
    Fixed,
    Ongoing,
    TimescaleError,
    due_dates,
    parse_timescale,
)

START = date(2017, 4, 1)
END = date(2020, 3, 30)
AS_OF = date(2018, 6, 15)

ACCEPTED_FORMS = (
    "'April 2017', '31 March 2018', '2018-03-31', 'March 2017, 2018, 2019', "
    "'Annually in October', 'Monthly', 'Bimonthly', 'Quarterly' or 'Every N months' "
    "(each optionally 'until March 2020'), '2025/26', 'Q1 2025/26', 'Ongoing'"
)


def d(text: str) -> date:
    return date.fromisoformat(text)


def dates(*texts: str) -> list[date]:
    return [date.fromisoformat(t) for t in texts]


def dues(text: str, start: date = START, end: date | None = END, as_of: date = AS_OF) -> list[date]:
    """The due dates `text` gives in a strategy from `start` to `end`, as of `as_of`."""
    return due_dates(parse_timescale(text), start, end, as_of)


BIMONTHLY_2017_2020 = dates(
    "2017-05-31", "2017-07-31", "2017-09-30", "2017-11-30", "2018-01-31", "2018-03-31",
    "2018-05-31", "2018-07-31", "2018-09-30", "2018-11-30", "2019-01-31", "2019-03-31",
    "2019-05-31", "2019-07-31", "2019-09-30", "2019-11-30", "2020-01-31", "2020-03-31",
)  # fmt: skip

MONTHLY_2017_2020 = dates(
    "2017-04-30", "2017-05-31", "2017-06-30", "2017-07-31", "2017-08-31", "2017-09-30",
    "2017-10-31", "2017-11-30", "2017-12-31", "2018-01-31", "2018-02-28", "2018-03-31",
    "2018-04-30", "2018-05-31", "2018-06-30", "2018-07-31", "2018-08-31", "2018-09-30",
    "2018-10-31", "2018-11-30", "2018-12-31", "2019-01-31", "2019-02-28", "2019-03-31",
    "2019-04-30", "2019-05-31", "2019-06-30", "2019-07-31", "2019-08-31", "2019-09-30",
    "2019-10-31", "2019-11-30", "2019-12-31", "2020-01-31", "2020-02-29", "2020-03-31",
)  # fmt: skip

QUARTERLY_2017_2020 = dates(
    "2017-06-30", "2017-09-30", "2017-12-31", "2018-03-31",
    "2018-06-30", "2018-09-30", "2018-12-31", "2019-03-31",
    "2019-06-30", "2019-09-30", "2019-12-31", "2020-03-31",
)  # fmt: skip


# -- the table, one case per row and per example form -----------------------------------------

TABLE = [
    # month and year: the last day of that month
    pytest.param("April 2017", dates("2017-04-30"), id="April 2017"),
    pytest.param("Sept 2017", dates("2017-09-30"), id="Sept 2017"),
    pytest.param("Sep 2017", dates("2017-09-30"), id="Sep 2017"),
    pytest.param("September 2017", dates("2017-09-30"), id="September 2017"),
    pytest.param("By September 2015", dates("2015-09-30"), id="By September 2015"),
    pytest.param("End of March 2018", dates("2018-03-31"), id="End of March 2018"),
    pytest.param("End March 2018", dates("2018-03-31"), id="End March 2018"),
    # a day: that day
    pytest.param("31 March 2018", dates("2018-03-31"), id="31 March 2018"),
    pytest.param("31st March 2018", dates("2018-03-31"), id="31st March 2018"),
    pytest.param("2018-03-31", dates("2018-03-31"), id="2018-03-31"),
    # a month in several years
    pytest.param(
        "March 2017, 2018, 2019",
        dates("2017-03-31", "2018-03-31", "2019-03-31"),
        id="March 2017, 2018, 2019",
    ),
    # yearly, from the start month to the end month
    pytest.param(
        "Annually in October",
        dates("2017-10-31", "2018-10-31", "2019-10-31"),
        id="Annually in October",
    ),
    # windows of 2, 1, 3 and N months
    pytest.param(
        "Bimonthly review until next plan \u2013 March 2020",
        BIMONTHLY_2017_2020,
        id="Bimonthly ... en dash",
    ),
    pytest.param(
        "Bimonthly review until next plan \u2014 March 2020",
        BIMONTHLY_2017_2020,
        id="Bimonthly ... em dash",
    ),
    pytest.param(
        "Bimonthly review until next plan - March 2020",
        BIMONTHLY_2017_2020,
        id="Bimonthly ... hyphen",
    ),
    pytest.param("Monthly", MONTHLY_2017_2020, id="Monthly"),
    pytest.param("Quarterly", QUARTERLY_2017_2020, id="Quarterly"),
    pytest.param(
        "Every 6 months",
        dates("2017-09-30", "2018-03-31", "2018-09-30", "2019-03-31", "2019-09-30", "2020-03-31"),
        id="Every 6 months",
    ),
    pytest.param(
        "Every 6 months until March 2019",
        dates("2017-09-30", "2018-03-31", "2018-09-30", "2019-03-31"),
        id="Every 6 months until March 2019",
    ),
    pytest.param(
        "Monthly until September 2017",
        dates("2017-04-30", "2017-05-31", "2017-06-30", "2017-07-31", "2017-08-31", "2017-09-30"),
        id="Monthly until September 2017",
    ),
    pytest.param(
        "Quarterly until December 2017",
        dates("2017-06-30", "2017-09-30", "2017-12-31"),
        id="Quarterly until December 2017",
    ),
    # UK financial years and their quarters
    pytest.param("2025/26", dates("2026-03-31"), id="2025/26"),
    pytest.param("Q1 2025/26", dates("2025-06-30"), id="Q1 2025/26"),
    pytest.param("Q2 2025/26", dates("2025-09-30"), id="Q2 2025/26"),
    pytest.param("Q3 2025/26", dates("2025-12-31"), id="Q3 2025/26"),
    pytest.param("Q4 2025/26", dates("2026-03-31"), id="Q4 2025/26"),
    # none
    pytest.param("Ongoing", [], id="Ongoing"),
    pytest.param("", [], id="empty"),
]


@pytest.mark.parametrize(("text", "expected"), TABLE)
def test_timescale_table_gives_the_specs_due_dates(text: str, expected: list[date]) -> None:
    assert dues(text) == expected


def test_ongoing_is_its_own_schedule_with_no_due_dates() -> None:
    assert parse_timescale("Ongoing") == Ongoing()
    assert due_dates(Ongoing(), START, None, AS_OF) == []


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_timescale_is_no_schedule_at_all(text: str) -> None:
    assert parse_timescale(text) is None
    assert due_dates(None, START, END, AS_OF) == []


@pytest.mark.parametrize(
    ("text", "schedule"),
    [
        ("April 2017", Fixed((d("2017-04-30"),))),
        ("Annually in October", Annually(10)),
        ("Annually in October until March 2019", Annually(10, (2019, 3))),
        ("Bimonthly review until next plan \u2013 March 2020", EveryMonths(2, (2020, 3))),
        ("Bimonthly", EveryMonths(2)),
        ("Monthly", EveryMonths(1)),
        ("Quarterly", EveryMonths(3)),
        ("Every 4 months", EveryMonths(4)),
        ("Every 4 months until December 2019", EveryMonths(4, (2019, 12))),
        ("Every other month", EveryMonths(2)),
        ("Every other month until March 2020", EveryMonths(2, (2020, 3))),
    ],
)
def test_recurring_forms_parse_to_their_window_and_until(text: str, schedule: object) -> None:
    assert parse_timescale(text) == schedule


# -- case, spacing, dashes, full stops --------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("APRIL 2017", "April 2017"),
        ("april 2017", "April 2017"),
        ("sePT 2017", "Sept 2017"),
        ("END OF MARCH 2018", "End of March 2018"),
        ("by september 2015", "By September 2015"),
        ("31ST MARCH 2018", "31st March 2018"),
        ("ANNUALLY IN OCTOBER", "Annually in October"),
        ("annually in october", "Annually in October"),
        ("monthly", "Monthly"),
        ("QUARTERLY", "Quarterly"),
        ("EVERY 6 MONTHS UNTIL MARCH 2019", "Every 6 months until March 2019"),
        ("q3 2025/26", "Q3 2025/26"),
        ("ONGOING", "Ongoing"),
        ("ongoing", "Ongoing"),
        ("BIMONTHLY REVIEW UNTIL NEXT PLAN \u2013 MARCH 2020", "Bimonthly"
         " review until next plan \u2013 March 2020"),
    ],
)  # fmt: skip
def test_matching_is_case_insensitive(variant: str, canonical: str) -> None:
    assert parse_timescale(variant) == parse_timescale(canonical)


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("  April 2017  ", "April 2017"),
        ("April   2017", "April 2017"),
        ("April\n2017", "April 2017"),
        ("April\t2017", "April 2017"),
        ("31  March   2018", "31 March 2018"),
        ("End  of  March 2018", "End of March 2018"),
        ("Annually  in  October", "Annually in October"),
        ("Every  6  months", "Every 6 months"),
        ("Q1  2025/26", "Q1 2025/26"),
        (" Ongoing ", "Ongoing"),
        ("Bimonthly review until next plan\u2013March 2020",
         "Bimonthly review until next plan \u2013 March 2020"),
        ("Bimonthly review until next plan  \u2014  March 2020",
         "Bimonthly review until next plan \u2013 March 2020"),
        ("Bimonthly   review until\nnext plan - March 2020",
         "Bimonthly review until next plan \u2013 March 2020"),

        ("Bi-monthly review until next plan \u2013 March 2020",
         "Bimonthly review until next plan \u2013 March 2020"),
        ("Bi-monthly review until next plan - March 2020",
         "Bimonthly review until next plan \u2013 March 2020"),
    ],
)  # fmt: skip
def test_matching_is_tolerant_of_spacing_and_dashes(variant: str, canonical: str) -> None:
    assert parse_timescale(variant) == parse_timescale(canonical)


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("April 2017.", "April 2017"),
        ("End of March 2018.", "End of March 2018"),
        ("31st March 2018.", "31st March 2018"),
        ("March 2017, 2018, 2019.", "March 2017, 2018, 2019"),
        ("Annually in October.", "Annually in October"),
        ("Quarterly.", "Quarterly"),
        ("Ongoing.", "Ongoing"),
        ("Ongoing..", "Ongoing"),
        ("Ongoing. ", "Ongoing"),
        ("2025/26.", "2025/26"),
        ("Bimonthly review until next plan \u2013 March 2020.",
         "Bimonthly review until next plan \u2013 March 2020"),
    ],
)  # fmt: skip
def test_matching_ignores_trailing_full_stops(variant: str, canonical: str) -> None:
    assert parse_timescale(variant) == parse_timescale(canonical)


def test_abbreviated_month_with_a_full_stop_is_read() -> None:
    # an officer writes "Sept." as often as "Sept"; its meaning is unambiguous
    assert dues("Sept. 2017") == dates("2017-09-30")


# -- windows -----------------------------------------------------------------------------------


def test_bimonthly_until_march_2020_gives_eighteen_dates_from_31_may_2017() -> None:
    result = dues("Bimonthly review until next plan \u2013 March 2020")
    assert len(result) == 18
    assert result[:2] == dates("2017-05-31", "2017-07-31")
    assert result[-1] == d("2020-03-31")
    assert result == BIMONTHLY_2017_2020


def test_annually_in_october_falls_due_31_october_2017_2018_2019() -> None:
    assert dues("Annually in October") == dates("2017-10-31", "2018-10-31", "2019-10-31")


def test_annually_includes_the_start_month_and_the_end_month() -> None:
    assert dues("Annually in April") == dates("2017-04-30", "2018-04-30", "2019-04-30")
    assert dues("Annually in March") == dates("2018-03-31", "2019-03-31", "2020-03-31")


def test_annually_with_until_stops_at_the_until_month() -> None:
    assert dues("Annually in October until March 2019") == dates("2017-10-31", "2018-10-31")
    assert dues("Annually in October until October 2018") == dates("2017-10-31", "2018-10-31")


def test_until_month_after_the_strategys_end_extends_the_windows_to_it() -> None:
    # "the `until` month when there is one, else the month that holds the strategy's end"
    assert dues("Annually in October until December 2020") == dates(
        "2017-10-31", "2018-10-31", "2019-10-31", "2020-10-31"
    )


def test_last_window_running_past_the_end_month_is_cut_short_to_the_end_month() -> None:
    # Windows of 5 months from April 2017 end in Aug 2017, Jan 2018, ... Feb 2020; the next would
    # end in July 2020, past March 2020, so it falls due on 31 March 2020.
    assert dues("Every 5 months") == dates(
        "2017-08-31", "2018-01-31", "2018-06-30", "2018-11-30",
        "2019-04-30", "2019-09-30", "2020-02-29", "2020-03-31",
    )  # fmt: skip


def test_last_window_is_cut_short_to_the_until_month() -> None:
    assert dues("Every 4 months until December 2019") == dates(
        "2017-07-31", "2017-11-30", "2018-03-31", "2018-07-31", "2018-11-30",
        "2019-03-31", "2019-07-31", "2019-11-30", "2019-12-31",
    )  # fmt: skip


def test_window_longer_than_the_whole_strategy_falls_due_at_the_end_month() -> None:
    assert dues("Every 6 months", start=d("2017-04-01"), end=d("2017-06-30")) == dates("2017-06-30")


def test_until_in_the_start_month_gives_one_due_date_at_its_end() -> None:
    assert dues("Monthly until April 2017") == dates("2017-04-30")
    assert dues("Bimonthly until April 2017") == dates("2017-04-30")


def test_windows_count_from_the_start_month_not_the_start_day() -> None:
    assert dues("Quarterly until December 2017", start=d("2017-04-20")) == dates(
        "2017-06-30", "2017-09-30", "2017-12-31"
    )
    assert dues("Monthly until June 2017", start=d("2017-04-30")) == dates(
        "2017-04-30", "2017-05-31", "2017-06-30"
    )


def test_strategy_ending_on_the_30th_of_a_31_day_month_falls_due_on_the_31st() -> None:
    assert dues("Monthly", end=d("2020-03-30"))[-1] == d("2020-03-31")
    assert dues("Quarterly", end=d("2019-12-30"))[-1] == d("2019-12-31")
    assert dues("Annually in March", end=d("2020-03-30"))[-1] == d("2020-03-31")


def test_open_ended_strategy_runs_to_the_first_due_date_after_as_of() -> None:
    assert dues("Quarterly", end=None, as_of=d("2018-01-15")) == dates(
        "2017-06-30", "2017-09-30", "2017-12-31", "2018-03-31"
    )


def test_open_ended_strategy_includes_the_next_date_when_as_of_is_a_due_date() -> None:
    # a due date equal to D is not "after D": the first one after it is the next
    assert dues("Quarterly", end=None, as_of=d("2017-12-31")) == dates(
        "2017-06-30", "2017-09-30", "2017-12-31", "2018-03-31"
    )


def test_open_ended_strategy_before_its_first_due_date_has_only_that_date() -> None:
    assert dues("Bimonthly", end=None, as_of=d("2017-04-01")) == dates("2017-05-31")


def test_open_ended_annually_runs_to_the_first_october_after_as_of() -> None:
    assert dues("Annually in October", end=None, as_of=d("2019-11-01")) == dates(
        "2017-10-31", "2018-10-31", "2019-10-31", "2020-10-31"
    )
    assert dues("Annually in October", end=None, as_of=d("2017-05-01")) == dates("2017-10-31")


def test_open_ended_strategy_with_until_runs_to_the_until_month_whatever_as_of() -> None:
    for as_of in (d("2017-06-01"), d("2019-06-01")):
        assert dues("Bimonthly until March 2018", end=None, as_of=as_of) == dates(
            "2017-05-31", "2017-07-31", "2017-09-30", "2017-11-30", "2018-01-31", "2018-03-31"
        )


def test_open_ended_dates_asked_for_in_any_order_are_those_worked_out_afresh() -> None:
    import random

    from cpstrategy import timescales

    days = [date.fromordinal(date(2017, 1, 1).toordinal() + n * 37) for n in range(0, 400)]
    days += [date(9999, 12, 31), date(9999, 11, 30), date(2016, 1, 1)]
    random.Random(1).shuffle(days)
    for text in ("Monthly", "Quarterly", "Every 5 months", "Annually in October"):
        timescales._OPEN_ENDED.clear()
        schedule = parse_timescale(text)
        for day in days:
            fresh = timescales._windows(schedule, START, None, day)  # up to the first after day
            assert due_dates(schedule, START, None, day) == fresh, (text, day)


def test_fixed_dates_do_not_depend_on_the_strategys_period() -> None:
    assert dues("By September 2015") == dates("2015-09-30")
    assert dues("March 2017, 2018, 2019", end=None, as_of=d("2017-01-01")) == dates(
        "2017-03-31", "2018-03-31", "2019-03-31"
    )


# -- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "2019M",
            f"timescale '2019M' is not understood; accepted forms: {ACCEPTED_FORMS}; or set due:",
            id="2019M",
        ),
        pytest.param(
            "biannually",
            "timescale 'biannually' is ambiguous: 'biannually' can mean twice a year or every "
            "two years; set explicit due: dates",
            id="biannually",
        ),
        pytest.param(
            "Spring 2018",
            "timescale 'Spring 2018' is ambiguous: seasons have no agreed dates; "
            "set explicit due: dates",
            id="Spring 2018",
        ),
        pytest.param(
            "2019",
            "timescale '2019' is ambiguous: a bare year may be a calendar or a financial year; "
            "write 'December 2019' or '2019/20', or set due:",
            id="bare year",
        ),
        pytest.param(
            "31 February 2018",
            f"timescale '31 February 2018' is not a real date; accepted forms: {ACCEPTED_FORMS}; "
            "or set due:",
            id="31 February 2018",
        ),
        pytest.param(
            "2018-02-30",
            f"timescale '2018-02-30' is not a real date; accepted forms: {ACCEPTED_FORMS}; "
            "or set due:",
            id="2018-02-30",
        ),
        pytest.param(
            "March 0000",
            f"timescale 'March 0000' is not a real date; accepted forms: {ACCEPTED_FORMS}; "
            "or set due:",
            id="year 0",
        ),
    ],
)
def test_unreadable_timescale_is_refused_saying_why(text: str, message: str) -> None:
    with pytest.raises(TimescaleError) as refused:
        parse_timescale(text)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    "text", ["2019M", "Biannually", "Spring 2018", "31 February 2018", "Every 0 Months"]
)
def test_refusal_quotes_the_timescale_as_written(text: str) -> None:
    with pytest.raises(TimescaleError) as refused:
        parse_timescale(text)
    assert str(refused.value).startswith(f"timescale '{text}'")


@pytest.mark.parametrize(
    "text",
    [
        "Every 0 months",
        "Annually in Smarch",
        "Monthly until March",
        "2018/20",
        "Quarterly from April",
        "Q1 0000/01",
        "March 0000, 0001",
        "Monthly until March 0000",
    ],
)
def test_every_other_refusal_lists_the_accepted_forms_and_suggests_due(text: str) -> None:
    with pytest.raises(TimescaleError) as refused:
        parse_timescale(text)
    assert str(refused.value).startswith(f"timescale '{text}'")
    assert "due:" in str(refused.value)
    assert ACCEPTED_FORMS in str(refused.value) or "explicit due:" in str(refused.value)


@pytest.mark.parametrize("text", ["biannually", "Biannually", "Spring 2018", "2019"])
def test_ambiguous_timescale_refusal_suggests_an_explicit_due(text: str) -> None:
    with pytest.raises(TimescaleError) as refused:
        parse_timescale(text)
    assert "is ambiguous: " in str(refused.value)
    assert "due:" in str(refused.value)


# -- through the loader and the CLI ----------------------------------------------------------

STRATEGY_2017 = """
id: demo
title: Demo Strategy
period: {start: 2017-04-01, end: 2020-03-30}
priorities:
  - id: homes
    title: Stable homes
"""


def actions_file(timescale_lines: str) -> str:
    return (
        "priority: homes\n"
        "actions:\n"
        "  - id: A-01\n"
        "    activity: Review every child's placement plan.\n"
        "    lead: Fostering\n"
        "    measures: [Plans reviewed.]\n"
        f"{timescale_lines}"
    )


def test_until_before_the_start_month_is_an_error_at_its_line(cli, data) -> None:
    folder = data(
        {"actions/demo/a.yaml": actions_file("    timescale: Bimonthly until March 2017\n")},
        strategy=STRATEGY_2017,
    )
    result = cli("--data", folder, "validate")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        f"{folder}/actions/demo/a.yaml:7: error: timescale 'Bimonthly until March 2017' ends "
        "before the strategy starts (2017-04-01); its windows would never fall due"
    ) in result.stderr.splitlines()


def test_annually_until_before_the_start_month_is_an_error_at_its_line(cli, data) -> None:
    folder = data(
        {
            "actions/demo/a.yaml": actions_file(
                "    timescale: Annually in October until May 2016\n"
            )
        },
        strategy=STRATEGY_2017,
    )
    result = cli("--data", folder, "validate")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        f"{folder}/actions/demo/a.yaml:7: error: timescale 'Annually in October until May 2016' "
        "ends before the strategy starts (2017-04-01); its yearly due dates would never fall due"
    ) in result.stderr.splitlines()


def test_until_in_the_start_month_is_accepted(cli, data) -> None:
    folder = data(
        {"actions/demo/a.yaml": actions_file("    timescale: Monthly until April 2017\n")},
        strategy=STRATEGY_2017,
    )
    result = cli("--data", folder, "--as-of", "2017-04-10", "validate")
    assert result.exit_code == 0, result.stderr
    assert "error" not in result.stderr


def test_unreadable_timescale_is_an_error_at_its_file_and_line(cli, data) -> None:
    folder = data(
        {"actions/demo/a.yaml": actions_file("    timescale: 2019M\n")}, strategy=STRATEGY_2017
    )
    result = cli("--data", folder, "validate")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        f"{folder}/actions/demo/a.yaml:7: error: timescale '2019M' is not understood; "
        f"accepted forms: {ACCEPTED_FORMS}; or set due:"
    ) in result.stderr.splitlines()


def test_bare_year_timescale_is_read_as_its_text_and_refused(cli, data) -> None:
    folder = data(
        {"actions/demo/a.yaml": actions_file("    timescale: 2019\n")}, strategy=STRATEGY_2017
    )
    result = cli("--data", folder, "validate")
    assert result.exit_code == 1
    assert (
        f"{folder}/actions/demo/a.yaml:7: error: timescale '2019' is ambiguous: a bare year may "
        "be a calendar or a financial year; write 'December 2019' or '2019/20', or set due:"
    ) in result.stderr.splitlines()


def test_bare_date_timescale_is_read_as_its_text(cli, data) -> None:
    folder = data(
        {"actions/demo/a.yaml": actions_file("    timescale: 2018-03-31\n")},
        strategy=STRATEGY_2017,
    )
    result = cli("--data", folder, "--as-of", "2018-01-01", "status", "--format", "json")
    assert result.exit_code == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert (row["id"], row["status"], row["next_due"]) == ("A-01", "not-started", "2018-03-31")


def test_timescale_beside_due_is_a_label_and_never_parsed(cli, data) -> None:
    folder = data(
        {
            "actions/demo/a.yaml": actions_file(
                "    timescale: 2019M, or Spring 2018\n    due: [2018-01-31]\n"
            )
        },
        strategy=STRATEGY_2017,
    )
    result = cli("--data", folder, "--as-of", "2018-01-01", "status", "--format", "json")
    assert result.exit_code == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert (row["id"], row["status"], row["next_due"]) == ("A-01", "not-started", "2018-01-31")


def test_due_date_before_the_strategys_start_is_a_warning_at_the_timescale(cli, data) -> None:
    folder = data(
        {"actions/demo/a.yaml": actions_file("    timescale: By September 2015\n")},
        strategy=STRATEGY_2017,
    )
    result = cli("--data", folder, "validate")
    assert result.exit_code == 0, result.stderr
    assert (
        f"{folder}/actions/demo/a.yaml:7: warning: action 'A-01' is due 2015-09-30 "
        "('By September 2015'), before the strategy's start 2017-04-01"
    ) in result.stderr.splitlines()


def test_a_due_date_written_twice_is_one_due_date_and_a_warning(cli, data) -> None:
    lines = ("    due: [2018-03-31, 2018-03-31]\n"
             "    progress: [{date: 2018-03-20, status: complete}]\n")  # fmt: skip
    folder = data({"actions/demo/a.yaml": actions_file(lines)}, strategy=STRATEGY_2017)
    result = cli("--data", folder, "validate")
    assert result.stderr.splitlines() == [
        f"{folder}/actions/demo/a.yaml:7: warning: action 'A-01' lists due date 2018-03-31 "
        "twice; it is one due date"
    ]
    status = cli("--data", folder, "--as-of", "2018-06-01", "status", "--format", "json")
    assert json.loads(status.stdout)[0]["status"] == "complete"
    calendar = cli("--data", folder, "--as-of", "2018-01-01", "calendar").stdout
    assert calendar.count("UID:A-01.2018-03-31@") == 1


def test_a_date_before_the_start_written_twice_is_warned_about_once(cli, data) -> None:
    lines = "    due: [2016-01-31, 2016-01-31]\n"
    folder = data({"actions/demo/a.yaml": actions_file(lines)}, strategy=STRATEGY_2017)
    file = f"{folder}/actions/demo/a.yaml"
    assert cli("--data", folder, "validate").stderr.splitlines() == [
        f"{file}:7: warning: action 'A-01' is due 2016-01-31, before the strategy's start "
        "2017-04-01",
        f"{file}:7: warning: action 'A-01' lists due date 2016-01-31 twice; it is one due date",
    ]


def test_each_due_date_before_the_start_is_a_warning_at_its_own_line(cli, data) -> None:
    lines = "    due:\n      - 2018-01-31\n      - 2016-02-29\n    timescale: Twice\n"
    folder = data({"actions/demo/a.yaml": actions_file(lines)}, strategy=STRATEGY_2017)
    result = cli("--data", folder, "validate")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{folder}/actions/demo/a.yaml:9: warning: action 'A-01' is due 2016-02-29, before the "
        "strategy's start 2017-04-01"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Annually in October and April",
        "Monthly from September",
        "Monthly except August",
        "Every 3 months from launch",
    ],
)
def test_words_that_would_change_a_recurring_timescale_are_refused_not_dropped(text):
    with pytest.raises(TimescaleError) as refused:
        parse_timescale(text)
    assert str(refused.value) == (
        f"timescale '{text}' is not understood: only 'until <month> <year>' may follow how "
        "often; for anything else set explicit due: dates"
    )


def test_before_a_month_is_refused_as_it_may_mean_the_month_before():
    with pytest.raises(TimescaleError, match="is not understood; accepted forms"):
        parse_timescale("Before April 2017")


@pytest.mark.parametrize("text", ["From April 2017", "April 2018 onwards"])
def test_a_start_is_refused_as_it_names_no_due_date(text):
    with pytest.raises(TimescaleError) as refused:
        parse_timescale(text)
    assert str(refused.value) == (
        f"timescale '{text}' says when the work starts, not when it is due; "
        f"accepted forms: {ACCEPTED_FORMS}; or set due:"
    )


# -- other ways an officer writes the same thing (spec §2: "not a closed list") ----------------

SIX_MONTHLY = dates(
    "2017-09-30", "2018-03-31", "2018-09-30", "2019-03-31", "2019-09-30", "2020-03-31"
)

OFFICERS_FORMS = [
    # the same windows, in other words
    ("Bi monthly", BIMONTHLY_2017_2020),
    ("Each month", MONTHLY_2017_2020),
    ("Per month", MONTHLY_2017_2020),
    ("Monthly - ongoing", MONTHLY_2017_2020),
    ("Monthly (ongoing)", MONTHLY_2017_2020),
    ("Reported monthly", MONTHLY_2017_2020),
    ("Review quarterly", QUARTERLY_2017_2020),
    ("Each quarter", QUARTERLY_2017_2020),
    ("Per quarter", QUARTERLY_2017_2020),
    ("3-monthly", QUARTERLY_2017_2020),
    ("Three monthly", QUARTERLY_2017_2020),
    ("6 monthly", SIX_MONTHLY),
    ("Twice yearly", SIX_MONTHLY),
    ("Semi-annually", SIX_MONTHLY),
    ("Annual review", dates("2018-03-31", "2019-03-31", "2020-03-31")),
    ("Each year", dates("2018-03-31", "2019-03-31", "2020-03-31")),
    ("Monthly until 31 March 2019", MONTHLY_2017_2020[:24]),
    # a month each year
    ("Every October", dates("2017-10-31", "2018-10-31", "2019-10-31")),
    ("October each year", dates("2017-10-31", "2018-10-31", "2019-10-31")),
    ("Annually (October)", dates("2017-10-31", "2018-10-31", "2019-10-31")),
    ("Annually - October", dates("2017-10-31", "2018-10-31", "2019-10-31")),
    ("End of March each year", dates("2018-03-31", "2019-03-31", "2020-03-31")),
    ("31 March each year", dates("2018-03-31", "2019-03-31", "2020-03-31")),
    # one day: named months, and numbers that can only be read one way
    ("31/03/2018", dates("2018-03-31")),
    ("31.03.18", dates("2018-03-31")),
    ("By 31/3/2018", dates("2018-03-31")),
    ("04/04/2018", dates("2018-04-04")),
    ("2018/03/31", dates("2018-03-31")),
    ("31-Mar-18", dates("2018-03-31")),
    ("31 Mar 18", dates("2018-03-31")),
    ("March 31, 2018", dates("2018-03-31")),
    ("March 31st 2018", dates("2018-03-31")),
    # one month
    ("March '18", dates("2018-03-31")),
    ("March \u201918", dates("2018-03-31")),
    ("March-2018", dates("2018-03-31")),
    ("end-March 2018", dates("2018-03-31")),
    ("Due by March 2018", dates("2018-03-31")),
    ("No later than March 2018", dates("2018-03-31")),
    # financial years and quarters
    ("FY 18/19", dates("2019-03-31")),
    ("Financial year 2018/19", dates("2019-03-31")),
    ("End of financial year 2018/19", dates("2019-03-31")),
    ("By end of 2018/19", dates("2019-03-31")),
    ("Q3 18/19", dates("2018-12-31")),
    ("Quarter 3 2018/19", dates("2018-12-31")),
    ("Qtr 3 2018/19", dates("2018-12-31")),
    ("Q3 of 2018/19", dates("2018-12-31")),
    ("2018/19 Q3", dates("2018-12-31")),
    ("By end of Q2 2018/19", dates("2018-09-30")),
    # lists of dates
    ("June 2018 and December 2018", dates("2018-06-30", "2018-12-31")),
    ("June and December 2018", dates("2018-06-30", "2018-12-31")),
    ("March 2018; March 2019", dates("2018-03-31", "2019-03-31")),
    ("March 2017 & 2018", dates("2017-03-31", "2018-03-31")),
    ("31 March 2018, 2019", dates("2018-03-31", "2019-03-31")),
    ("2018/19 and 2019/20", dates("2019-03-31", "2020-03-31")),
    ("Q2 2018/19 and Q4 2018/19", dates("2018-09-30", "2019-03-31")),
    ("Continual", []),
    # found in review: what the plan's end is called before the until month, and more
    ("Quarterly until next plan, March 2020", QUARTERLY_2017_2020),
    ("Quarterly until the next plan in March 2020", QUARTERLY_2017_2020),
    ("Quarterly until end of plan - March 2020", QUARTERLY_2017_2020),
    ("Quarterly until next strategy - March 2020", QUARTERLY_2017_2020),
    ("Annually - review", dates("2018-03-31", "2019-03-31", "2020-03-31")),
    ("Annually by the end of March", dates("2018-03-31", "2019-03-31", "2020-03-31")),
    ("June, September and December 2018", dates("2018-06-30", "2018-09-30", "2018-12-31")),
    ("FY 1999/00", dates("2000-03-31")),
    ("31/03/99", dates("1999-03-31")),
    ("Monthly until 30 March 2020", MONTHLY_2017_2020),  # the month holding it, as for an end
    ("Quarterly until 1 April 2019", QUARTERLY_2017_2020[:8] + dates("2019-04-30")),
    ("March \u201818", dates("2018-03-31")),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(*case, id=case[0])
                                                for case in OFFICERS_FORMS])  # fmt: skip
def test_other_unambiguous_forms_give_their_due_dates(text: str, expected: list[date]) -> None:
    assert dues(text) == expected


# Each refusal says why, in words a council officer can act on.
REFUSED = [
    # words after 'until' would change the windows: never dropped
    ("Monthly until March 2019 then quarterly until March 2020", "'until' takes a month and "
     "year, such as 'until March 2020', and nothing after them; for anything else set explicit "
     "due: dates"),
    ("Bimonthly until March 2019 and annually until March 2020", "and nothing after them"),
    ("Monthly until March 2019 - reviewed in December 2018", "and nothing after them"),
    ("Monthly until March 2019 except August 2018", "and nothing after them"),
    ("Monthly until March or April 2019", "and nothing after them"),
    ("Monthly until further notice, review March 2019", "and nothing after them"),
    ("15 October each year", "a yearly timescale falls due on the last day of its month"),
    # dates that read two ways
    ("01/04/2018", "is ambiguous: it may be read day first or month first; write "
     "'1 April 2018' or set explicit due: dates"),
    ("11/30/2017", "dates are written day first; write it as '30 November 2017', or set due:"),
    ("18/19", "is not understood; accepted forms"),
    ("Q3 2018", "is ambiguous: a quarter needs its financial year, such as 'Q3 2025/26'"),
    ("By 2019", "is ambiguous: a bare year may be a calendar or a financial year; write "
     "'December 2019' or '2019/20', or set due:"),
    ("End of 2018", "is ambiguous: a bare year"),
    ("Early 2018", "is ambiguous: 'early', 'mid' and 'late' have no agreed dates"),
    ("Summer term 2018", "is ambiguous: school terms differ from school to school"),
    ("Academic year 2018/19", "is ambiguous: school terms differ from school to school"),
    # said plainly what is missing or wrong
    ("2017-2020", "spans several years; write when it is due, such as 'March 2020', or set "
     "explicit due: dates"),
    ("2018-03", "neither a month nor a financial year; write 'March 2018' or '2018/19'"),
    (
        "Weekly",
        "counts in weeks or days, but cpstrategy counts due dates in calendar months; write it "
        "in months (such as 'Monthly' or 'Every 2 months'), or set explicit due: dates",
    ),
    ("Every 6 weeks", "counts in weeks or days"),
    ("March", "gives no year; add the year, as in 'March 2018', or set due:"),
    ("31st March", "gives no year"),
    ("TBC", "is not a timescale yet: leave it empty until one is agreed (the board sees "
     "'no timescale'), or set due:"),
    ("In place", "says how the work stands, not when it is due"),
    ("Smarch 2018", ": 'smarch' is not a month"),
    ("Monthly until Marchh 2019", ": 'marchh' is not a month"),
    ("Monthly until 29 February 2019", "is not a real date"),
    ("Mar-18", "is ambiguous: '18' may be a day or a year; write the month and year in full"),
    ("Mar-31", "is ambiguous: '31' may be a day or a year"),
    ("June 2023, 2024/25", "is not understood"),
    ("Smarch 2018", "(did you mean 'march'?)"),
    ("0/5/2018", "is not a real date"),
    ("28 February each year", "a yearly timescale falls due on the last day of its month"),
    ("Every 121 months", ": '121' is not a number of months from 1 to 120"),
    ("Every 99999999999999999999 months", "is not a number of months from 1 to 120"),
    ("Quarterly Early Help report", "only 'until <month> <year>' may follow how often"),
    # lists that read two ways, or drop a date
    ("June and December 2018, 2019", "is not understood"),
    ("March and September 2018, 2019, 2020", "is not understood"),
    ("Q1 2018/19, Q4", "is not understood"),
    ("Q1 2018/19 Q4", "is not understood"),
    ("Q3 2018/19, 2019/20", "is not understood"),
    ("Q3 2018/19, 2019", "is not understood"),
    ("2018/19, 2019", "is not understood"),
    ("November, December and January 2019", "is not understood"),
    ("June and Q4 2018/19", "is not understood"),
    ("March 12018", "is not understood"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "why"), [pytest.param(*case, id=case[0]) for case in REFUSED])
def test_unclear_forms_are_refused_saying_why(text: str, why: str) -> None:
    with pytest.raises(TimescaleError) as refused:
        parse_timescale(text)
    message = str(refused.value)
    assert message.startswith(f"timescale '{text}'")
    assert why in message
    assert "due:" in message


@pytest.mark.parametrize(
    "text",
    ["review " * 1000 + "monthly", "a" + " ." * 20000 + "b", "x." * 50_000, "2018, " * 20_000],
)
def test_long_or_repeated_words_are_refused_quickly_with_its_own_error(text):
    with pytest.raises(TimescaleError):
        parse_timescale(text)


def test_a_timescale_of_a_paragraph_is_refused_as_too_long():
    with pytest.raises(TimescaleError, match=r"is too long to be a timescale \(over 200 "):
        parse_timescale("By March 2018 " * 20)
    assert parse_timescale("  March 2018  " + " " * 500) == Fixed((d("2018-03-31"),))
