"""Properties that must hold for any input, found by Hypothesis rather than by example."""

from __future__ import annotations

import calendar
import contextlib
import io
import json
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cpstrategy.cli import run
from cpstrategy.models import Progress
from cpstrategy.rules import Status, assess, may_be_overdue
from cpstrategy.timescales import (
    Annually,
    EveryMonths,
    Fixed,
    TimescaleError,
    due_dates,
    parse_timescale,
)

MONTHS = [calendar.month_name[m] for m in range(1, 13)] + ["Sept", "Sep", "Jan", "Dec"]
WORDS = st.sampled_from(
    [*MONTHS, "by", "end", "of", "until", "annually", "in", "monthly", "bimonthly", "quarterly",
     "every", "months", "review", "ongoing", "q1", "q4", "-", "–", "—", ",", ".", "and", "2017",
     "2018", "2025/26", "31st", "29", "0", "13", "2019M", "spring", "biannually"]
)  # fmt: skip
DATES = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))


@given(st.text(max_size=60))
def test_the_timescale_parser_raises_nothing_but_its_own_error_on_any_text(text):
    with contextlib.suppress(TimescaleError):
        parse_timescale(text)


@given(st.lists(WORDS, max_size=8).map(" ".join))
def test_the_timescale_parser_raises_nothing_but_its_own_error_on_plan_like_words(text):
    with contextlib.suppress(TimescaleError):
        parse_timescale(text)


@given(st.sampled_from(MONTHS[:12]), st.integers(1990, 2090))
def test_a_month_and_year_falls_due_on_its_last_day(month, year):
    (due,) = parse_timescale(f"{month} {year}").dates
    assert (due.year, due.strftime("%B"), (due + timedelta(days=1)).day) == (year, month, 1)


def _month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


@given(DATES, st.sampled_from(["plain", "ordinal", "iso", "by", "end of", "fy", "quarter"]))
def test_every_fixed_form_falls_due_inside_the_day_month_or_year_it_names(day, form):
    month, short = calendar.month_name[day.month], calendar.month_abbr[day.month]
    fy = day.year if day.month >= 4 else day.year - 1  # the UK financial year holding the day
    quarter = (day.month - 4) % 12 // 3 + 1
    text, expected = {
        "plain": (f"{day.day} {month} {day.year}", [day]),
        "ordinal": (f"{day.day}{_ordinal(day.day)} {short} {day.year}", [day]),
        "iso": (day.isoformat(), [day]),
        "by": (f"By {month} {day.year}", [_month_end(day)]),
        "end of": (f"End of {month} {day.year}.", [_month_end(day)]),
        "fy": (f"{fy}/{(fy + 1) % 100:02d}", [date(fy + 1, 3, 31)]),
        "quarter": (f"Q{quarter} {fy}/{(fy + 1) % 100:02d}", [_month_end(date(
            fy + (quarter == 4), (3 * quarter + 3 - 1) % 12 + 1, 1))]),
    }[form]  # fmt: skip
    assert parse_timescale(text).dates == tuple(expected)


@given(st.sampled_from(MONTHS[:12]), st.lists(st.integers(2000, 2090), min_size=1, max_size=5))
def test_a_month_in_several_years_falls_due_at_its_end_in_each(month, years):
    text = f"{month} {', '.join(map(str, years))}"
    number = list(calendar.month_name).index(month)
    expected = sorted({_month_end(date(y, number, 1)) for y in years})
    assert sorted(parse_timescale(text).dates) == expected


def _ordinal(n: int) -> str:
    return "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


@given(
    st.integers(1, 24),
    DATES,
    st.integers(0, 60),
    st.one_of(st.none(), st.integers(0, 60)),
    DATES,
)
def test_every_window_ends_inside_the_strategy_and_on_a_month_end(n, start, span, until, as_of):
    end = _add_months(start, span)
    schedule = EveryMonths(n, None if until is None else _month(_add_months(start, until)))
    dates = due_dates(schedule, start, end, as_of)
    last = schedule.until or (end.year, end.month)
    assert dates == sorted(set(dates))
    for due in dates:
        assert (due + timedelta(days=1)).day == 1
        assert (start.year, start.month) <= (due.year, due.month) <= last
    if dates and last >= (start.year, start.month):
        assert (dates[-1].year, dates[-1].month) == last


@given(st.integers(1, 12), st.integers(1, 24), DATES, DATES)
def test_open_ended_schedules_run_to_the_first_due_date_after_the_as_of_date(m, n, start, as_of):
    for schedule in (EveryMonths(n), Annually(m)):
        dates = due_dates(schedule, start, None, as_of)
        assert dates and dates[-1] > as_of
        assert all(d <= as_of for d in dates[:-1])


STATUSES = st.sampled_from(["not-started", "on-track", "at-risk", "off-track", "complete"])
ENTRIES = st.lists(st.tuples(DATES, STATUSES), max_size=8)
DUES = st.lists(DATES, max_size=6).map(sorted)


def _progress(entries):
    return [Progress(date=d, status=s) for d, s in entries]


def _overdue_days(progress, dues, as_of):
    assessment = assess(progress, dues, as_of)
    return assessment.days_overdue if assessment.status is Status.OVERDUE else None


@given(ENTRIES, DUES, DATES, DATES)
def test_adding_a_completion_never_makes_an_action_more_overdue(entries, dues, as_of, done):
    before = _overdue_days(_progress(entries), dues, as_of)
    after = _overdue_days(
        [*_progress(entries), Progress(date=done, status="complete")], dues, as_of
    )
    if before is None:
        assert after is None
    else:
        assert after is None or after <= before


@given(ENTRIES, DUES, DATES, st.integers(0, 400))
def test_a_later_as_of_date_never_makes_an_unmet_due_date_less_overdue(entries, dues, as_of, days):
    progress = [p for p in _progress(entries) if p.date <= as_of]  # nothing new is reported
    later = as_of + timedelta(days=days)
    early = assess(progress, dues, as_of)
    late = assess(progress, dues, later)
    if early.status is Status.OVERDUE:
        assert late.status is Status.OVERDUE
        assert late.days_overdue == early.days_overdue + days


@given(ENTRIES, st.lists(DATES, max_size=6), DATES)
def test_an_action_the_quick_test_passes_over_is_never_overdue(entries, dues, as_of):
    if not may_be_overdue(dues, as_of):
        assert assess(_progress(entries), dues, as_of).status is not Status.OVERDUE


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.dates(date(2022, 1, 1), date(2024, 3, 1)), STATUSES), max_size=5))
def test_the_cache_never_changes_an_answer(tmp_path_factory, entries):
    folder = tmp_path_factory.mktemp("data")
    (folder / "strategies").mkdir()
    (folder / "strategies" / "s.yaml").write_text(
        "id: s\ntitle: S\nperiod: {start: 2022-01-01, end: 2024-03-30}\n"
        "priorities: [{id: p, title: P}]\n"
    )
    (folder / "actions" / "s").mkdir(parents=True)
    progress = "".join(f"      - {{date: {d}, status: {s}}}\n" for d, s in entries)
    (folder / "actions" / "s" / "a.yaml").write_text(
        "priority: p\nactions:\n  - id: A-1\n    activity: Do it.\n    timescale: Quarterly\n"
        + ("    progress:\n" + progress if entries else "")
    )
    args = ["--data", str(folder), "--as-of", "2023-06-30", "status", "--format", "json"]
    cold, first, warm = (_stdout(["--no-cache", *args]), _stdout(args), _stdout(args))
    assert json.loads(cold) == json.loads(first) == json.loads(warm)


def _stdout(argv: list[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert run(argv) == 0
    return out.getvalue()


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _month(day: date) -> tuple[int, int]:
    return (day.year, day.month)


def test_fixed_dates_are_returned_sorted():
    assert due_dates(Fixed((date(2020, 5, 31), date(2019, 1, 31))), date(2019, 1, 1), None,
                     date(2020, 1, 1)) == [date(2019, 1, 31), date(2020, 5, 31)]  # fmt: skip


_FIGURES = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.dates(date(2000, 1, 1), date(2040, 1, 1)), _FIGURES), max_size=12),
    st.tuples(st.dates(date(2000, 1, 1), date(2040, 1, 1)), st.integers(0, 10_000)),
    st.tuples(_FIGURES, _FIGURES),
)
def test_a_charts_dots_worked_out_together_are_those_worked_out_one_by_one(points, days, values):
    from cpstrategy.charts import _Frame

    start, span = days
    frame = _Frame(320, 150, 34, 14, 12, 30, (start, start + timedelta(span)), values)
    assert frame.dots(points) == tuple(frame.dot(day, value) for day, value in points)
