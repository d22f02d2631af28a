"""Turn a plan's own timescale words into due dates.

`parse_timescale` reads the text once (at load time, so a bad timescale is an error at its line);
`due_dates` places the result in a strategy's period. Both are pure: no clock, no files.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date

import msgspec

from .sources import one_line

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in {
        calendar.month_name[number].lower(),
        calendar.month_abbr[number].lower(),
    }
}
MONTHS["sept"] = 9

ACCEPTED_FORMS = (
    "'April 2017', '31 March 2018', '2018-03-31', 'March 2017, 2018, 2019', "
    "'Annually in October', 'Monthly', 'Bimonthly', 'Quarterly' or 'Every N months' "
    "(each optionally 'until March 2020'), '2025/26', 'Q1 2025/26', 'Ongoing'"
)


class TimescaleError(ValueError):
    """The timescale text has no single meaning; the message says why and what to write."""


# Schedules are msgspec Structs (frozen, so they hash) so that the cache can keep each action's
# schedule (see `cache.Checked`) and a warm start need not read the timescales again.


class Fixed(msgspec.Struct, frozen=True, tag="fixed"):
    """Due on these dates, whatever the strategy's period."""

    dates: tuple[date, ...]


class EveryMonths(msgspec.Struct, frozen=True, tag="every"):
    """Due at the end of every window of `months` calendar months from the strategy's start."""

    months: int
    until: tuple[int, int] | None = None  # (year, month)


class Annually(msgspec.Struct, frozen=True, tag="annually"):
    """Due on the last day of `month` in each year of the strategy."""

    month: int
    until: tuple[int, int] | None = None


class Ongoing(msgspec.Struct, frozen=True, tag="ongoing"):
    """Never falls due."""


Schedule = Fixed | EveryMonths | Annually | Ongoing

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18,
    "twenty-four": 24, "other": 2,  # "every other month"
}  # fmt: skip
_RECURRING_WORDS = {
    "monthly": 1,
    "bimonthly": 2,
    "bi-monthly": 2,
    "quarterly": 3,
    "six-monthly": 6,
    "six monthly": 6,
    "half-yearly": 6,
    "half yearly": 6,
    "every month": 1,
    "every quarter": 3,
    "yearly": 12,
    "annually": 12,
    "every year": 12,
}
_AMBIGUOUS = {
    "biannually": "'biannually' can mean twice a year or every two years",
    "bi-annually": "'bi-annually' can mean twice a year or every two years",
    "biannual": "'biannual' can mean twice a year or every two years",
    "bi-annual": "'bi-annual' can mean twice a year or every two years",
    "biennially": "'biennially' is read differently by different people",
    "termly": "school terms differ from school to school",
    "spring": "seasons have no agreed dates",
    "summer": "seasons have no agreed dates",
    "autumn": "seasons have no agreed dates",
    "fall": "seasons have no agreed dates",
    "winter": "seasons have no agreed dates",
    "weekly": "cpstrategy counts due dates in calendar months",
    "fortnightly": "cpstrategy counts due dates in calendar months",
    "daily": "cpstrategy counts due dates in calendar months",
}
_AMBIGUOUS_WORD = re.compile(r"\b(?:" + "|".join(map(re.escape, _AMBIGUOUS)) + r")\b")

_MONTH = r"(?P<month>[a-z]+)"
_YEAR = r"(?P<year>\d{4})"
# "Before April" might mean by the end of March, and "from April" gives no due date at all:
# only words that mean "by the end of" lead in.
_LEAD_IN = r"(?:(?:by|due|in)\s+)?(?:(?:the\s+)?end\s+(?:of\s+)?)?"
_MONTH_YEAR = re.compile(rf"{_LEAD_IN}{_MONTH}\s*,?\s*{_YEAR}")
_DAY_MONTH_YEAR = re.compile(
    rf"(?:(?:by|on)\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"{_MONTH}\s*,?\s*{_YEAR}"
)
_ISO = re.compile(r"(?:(?:by|on)\s+)?(?P<iso>\d{4}-\d{1,2}-\d{1,2})")
_MONTH_YEARS = re.compile(rf"{_LEAD_IN}{_MONTH}\s+(?P<years>\d{{4}}(?:\s*(?:,|and|&)\s*\d{{4}})+)")
_FINANCIAL = re.compile(
    r"(?:(?:by|in|during|end\s+of)\s+)?(?:(?P<q>q[1-4])\s+)?(?:fy\s*)?"
    r"(?P<y1>\d{4})\s*(?:/| - |-)\s*(?P<y2>\d{2}|\d{4})"
)
_ANNUALLY_IN = re.compile(
    r"(?:annually|yearly|every\s+year|each\s+year)\s+(?:in|by|at\s+the\s+end\s+of|each)\s+"
    rf"{_MONTH}(?P<rest>.*)"
)
_EVERY_N = re.compile(r"every\s+(?P<n>\d+|[a-z-]+)\s+months?(?P<rest>.*)")
_UNTIL = re.compile(rf"\buntil\b.*?{_MONTH}\s*,?\s*{_YEAR}$")


_SPACES = re.compile(r"\s+")
_SPACED_DASH = re.compile(r" -\s*|\s*- ")  # a spaced dash, not the one in "bi-monthly"
_INNER_STOP = re.compile(r"\.(?= )")  # "Sept. 2017"
_TRAILING_STOPS = re.compile(r"[\s.]+$")


def normalise(text: str) -> str:
    """Lower case, one space between words, plain hyphens, no trailing full stops."""
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2012", "-")
    text = _SPACES.sub(" ", text.strip().lower())
    text = _SPACED_DASH.sub(" - ", text)
    text = _INNER_STOP.sub("", text)
    return _TRAILING_STOPS.sub("", text)


@functools.lru_cache(maxsize=4096)  # plans repeat a few timescales many times over
def parse_timescale(text: str) -> Schedule | None:
    """The schedule a timescale describes; None for an empty one. Raises TimescaleError."""
    words = normalise(text)
    if not words:
        return None
    if words in {"ongoing", "on-going", "on going", "continuous", "continuing"}:
        return Ongoing()
    try:
        ambiguous = _AMBIGUOUS_WORD.search(words)
        if ambiguous:
            why = _AMBIGUOUS[ambiguous.group()]
            raise _Refused(f" is ambiguous: {why}; set explicit due: dates")
        for parse in (_parse_recurring, _parse_dates):
            schedule = parse(words)
            if schedule is not None:
                return schedule
        if re.fullmatch(r"\d{4}", words):
            raise _Refused(
                " is ambiguous: a bare year may be a calendar or a financial year; "
                f"write 'December {words}' or '{words}/{(int(words) + 1) % 100:02d}', or set due:"
            )
        raise _Refused(_NOT_UNDERSTOOD)
    except (_Refused, ValueError) as refused:
        # ValueError: a date Python cannot hold, in year 0 say, which no plan means.
        reason = str(refused) if isinstance(refused, _Refused) else " is not a real date"
        if "due:" not in reason:  # say what would be understood
            reason += f"; accepted forms: {ACCEPTED_FORMS}; or set due:"
        raise TimescaleError(f"timescale '{one_line(text.strip())}'{reason}") from None


class _Refused(Exception):
    """Why a timescale is refused; parse_timescale puts the text as written in front."""


_NOT_UNDERSTOOD = f" is not understood; accepted forms: {ACCEPTED_FORMS}; or set due:"


def _parse_recurring(words: str) -> Schedule | None:
    annual = _ANNUALLY_IN.fullmatch(words)
    if annual:
        month = _month(annual["month"], words)
        return Annually(month, _until(annual["rest"], words))
    every = _EVERY_N.fullmatch(words)
    if every:
        n = every["n"]
        months = int(n) if n.isdigit() else _NUMBER_WORDS.get(n)
        if not months:
            raise _Refused(f": '{n}' is not a number of months")
        return EveryMonths(months, _until(every["rest"], words))
    for phrase, months in _RECURRING_WORDS.items():
        if words == phrase or words.startswith(phrase + " "):
            return EveryMonths(months, _until(words[len(phrase) :], words))
    return None


# Words that may follow "Quarterly" and the like without changing what it means.
_FILLER = {"review", "reviews", "reviewed", "meeting", "meetings", "report", "reports",
           "reporting", "update", "updates", "monitoring", "-"}  # fmt: skip


def _until(rest: str, words: str) -> tuple[int, int] | None:
    """The `until` month of a recurring timescale, if any. Anything else after the frequency
    ("from September", "except August", "and April") would change its meaning: refused."""
    before, until, after = rest.partition("until")
    if any(word not in _FILLER for word in before.split()):
        raise _Refused(
            " is not understood: only 'until <month> <year>' may follow how often; "
            "for anything else set explicit due: dates"
        )
    if not until:
        return None
    match = _UNTIL.search(until + after)
    if not match:
        raise _Refused(": 'until' needs a month and year")
    year = int(match["year"])
    if year < 1:
        raise _Refused(" is not a real date")
    return year, _month(match["month"], words)


def _parse_dates(words: str) -> Fixed | None:
    if m := _ISO.fullmatch(words):
        try:
            return Fixed((date.fromisoformat(_pad_iso(m["iso"])),))
        except ValueError:
            raise _Refused(" is not a real date") from None
    if m := _DAY_MONTH_YEAR.fullmatch(words):
        year, month, day = int(m["year"]), _month(m["month"], words), int(m["day"])
        try:
            return Fixed((date(year, month, day),))
        except ValueError:
            raise _Refused(" is not a real date") from None
    if m := _MONTH_YEAR.fullmatch(words):
        return Fixed((month_end(int(m["year"]), _month(m["month"], words)),))
    if m := _MONTH_YEARS.fullmatch(words):
        month = _month(m["month"], words)
        years = [int(y) for y in re.findall(r"\d{4}", m["years"])]
        return Fixed(tuple(month_end(y, month) for y in years))
    if m := _FINANCIAL.fullmatch(words):
        return Fixed((_financial(m, words),))
    return None


def _financial(m: re.Match[str], words: str) -> date:
    first = int(m["y1"])
    second = int(m["y2"]) if len(m["y2"]) == 4 else first - first % 100 + int(m["y2"])
    if second != first + 1:
        raise _Refused(
            ": a financial year runs from one year to the next, "
            f"such as '{first}/{(first + 1) % 100:02d}'"
        )
    quarter = m["q"]
    if quarter is None:
        return date(second, 3, 31)
    q = int(quarter[1])
    return month_end(first, 3 + 3 * q) if q < 4 else date(second, 3, 31)


def _pad_iso(text: str) -> str:
    year, month, day = text.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _month(name: str, words: str) -> int:
    number = MONTHS.get(name)
    if number is None:
        raise _Refused(f": '{name}' is not a month")
    return number


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_LAST_MONTH = 9999 * 12 + 11  # December 9999


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _index_end(index: int) -> date:
    return month_end(index // 12, index % 12 + 1)


def end_month(schedule: EveryMonths | Annually, end: date | None) -> tuple[int, int] | None:
    """The month the windows run to: the `until` month, else the strategy's end month."""
    if schedule.until is not None:
        return schedule.until
    return (end.year, end.month) if end else None


def due_dates(schedule: Schedule | None, start: date, end: date | None, as_of: date) -> list[date]:
    """Every due date of `schedule` in a strategy from `start` to `end` (None: open-ended).

    An open-ended schedule runs up to and including its first due date after `as_of`.
    """
    if schedule is None or isinstance(schedule, Ongoing):
        return []
    if isinstance(schedule, Fixed):
        return sorted(schedule.dates)
    # Many actions share a timescale and a strategy: work each set of windows out once.
    return list(_recurring_dates(schedule, start, end, as_of if end is None else None))


@functools.lru_cache(maxsize=1024)
def _recurring_dates(
    schedule: EveryMonths | Annually, start: date, end: date | None, as_of: date | None
) -> tuple[date, ...]:
    return tuple(_windows(schedule, start, end, as_of or start))


def _windows(
    schedule: EveryMonths | Annually, start: date, end: date | None, as_of: date
) -> list[date]:
    first = _month_index(start.year, start.month)
    last_month = end_month(schedule, end)
    last = _month_index(*last_month) if last_month else None
    dates: list[date] = []
    if isinstance(schedule, EveryMonths):
        index = first + schedule.months - 1
        while True:
            if last is not None and index >= last:
                if last >= first:
                    dates.append(_index_end(last))
                break
            if index >= _LAST_MONTH:
                break  # the calendar ends in 9999
            due = _index_end(index)
            dates.append(due)
            if last is None and due > as_of:
                break
            index += schedule.months
        return dates
    year = start.year if schedule.month >= start.month else start.year + 1
    while True:
        index = _month_index(year, schedule.month)
        if (last is not None and index > last) or index >= _LAST_MONTH:
            break
        due = _index_end(index)
        dates.append(due)
        if last is None and due > as_of:
            break
        year += 1
    return dates
