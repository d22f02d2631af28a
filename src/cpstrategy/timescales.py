"""Turn a plan's own timescale words into due dates.

`parse_timescale` reads the text once (at load time, so a bad timescale is an error at its line);
`due_dates` places the result in a strategy's period. Both are pure: no clock, no files.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import re
from datetime import date

import msgspec

from .problems import did_you_mean
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
_FULL_MONTHS = [calendar.month_name[number].lower() for number in range(1, 13)]

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
    "monthly": 1, "every month": 1, "each month": 1, "per month": 1,
    "bimonthly": 2, "bi-monthly": 2, "bi monthly": 2,
    "quarterly": 3, "every quarter": 3, "each quarter": 3, "per quarter": 3,
    "six-monthly": 6, "six monthly": 6, "half-yearly": 6, "half yearly": 6,
    "twice yearly": 6, "twice a year": 6, "twice annually": 6,
    "semi-annually": 6, "semi annually": 6, "semi-annual": 6,
    "yearly": 12, "annually": 12, "annual": 12, "every year": 12, "each year": 12,
}  # fmt: skip
MAX_MONTHS = 120  # a window of ten years is longer than any plan
_ONGOING = {"ongoing", "on-going", "on going", "continuous", "continuing", "continual"}

# Words that leave the due date to guesswork: refused, saying why.
_TWICE_OR_EVERY_TWO = "can mean twice a year or every two years"
_NOT_MONTHS = (
    " counts in weeks or days, but cpstrategy counts due dates in calendar months; write it "
    "in months (such as 'Monthly' or 'Every 2 months'), or set explicit due: dates"
)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_REFUSED_WORDS = {
    "biannually": f" is ambiguous: 'biannually' {_TWICE_OR_EVERY_TWO}; set explicit due: dates",
    "bi-annually": f" is ambiguous: 'bi-annually' {_TWICE_OR_EVERY_TWO}; set explicit due: dates",
    "biannual": f" is ambiguous: 'biannual' {_TWICE_OR_EVERY_TWO}; set explicit due: dates",
    "bi-annual": f" is ambiguous: 'bi-annual' {_TWICE_OR_EVERY_TWO}; set explicit due: dates",
    "biennially": " is ambiguous: 'biennially' is read differently by different people; "
    "set explicit due: dates",
    r"(?:spring|summer|autumn|winter)\s+term|half[- ]?term|termly|academic\s+year": (
        " is ambiguous: school terms differ from school to school; set explicit due: dates"
    ),
    r"spring|summer|autumn|fall|winter": (
        " is ambiguous: seasons have no agreed dates; set explicit due: dates"
    ),
    rf"(?:early|mid|late)(?:\s*-\s*|\s+)(?:\d{{4}}|{_MONTH_NAMES})": (
        " is ambiguous: 'early', 'mid' and 'late' have no agreed dates; set explicit due: dates"
    ),
    r"weekly|fortnightly|daily|weeks?|fortnights?|days": _NOT_MONTHS,
}
_REFUSAL_REASONS = list(_REFUSED_WORDS.values())
_REFUSED_WORD = re.compile(r"\b(?:" + "|".join(f"({word})" for word in _REFUSED_WORDS) + r")\b")

_MONTH = r"(?P<month>[a-z]+)"
_YEAR = r"(?P<year>\d{4})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
# Words before a date that mean "by the end of". "Before April" might mean by the end of
# March, and "from April" gives no due date at all: neither leads in.
_LEAD_IN = re.compile(
    r"(?:(?:due\s+by|due|by|in|on|during|no\s+later\s+than|not\s+later\s+than)\s+)?"
    r"(?:the\s+)?(?:end(?:\s+of\s+|\s*-\s*|\s+))?"
)
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})|(?P<y2>\d{4})/(?P<m2>\d{1,2})/(?P<d2>\d{1,2})"
)
_NUMERIC = re.compile(r"(?P<d>\d{1,2})([/.])(?P<m>\d{1,2})\2(?P<y>\d{4}|\d{2})")
_DAY_MONTH_YEAR = re.compile(
    rf"{_DAY}(?:\s+|\s*-\s*)(?:of\s+)?{_MONTH}(?:\s*,?\s*|\s*-\s*)(?P<year>\d{{4}}|\d{{2}})"
)
_MONTH_DAY_YEAR = re.compile(rf"{_MONTH}\s+{_DAY}(?:\s*,\s*|\s+){_YEAR}")
_MONTH_YEAR = re.compile(
    rf"{_MONTH}(?:\s*,?\s*|\s*-\s*){_YEAR}|{_MONTH.replace('month', 'month2')}"
    r"\s*['\u2018\u2019]\s*(?P<yy>\d{2})"
)
_QUARTER = r"(?:q|qtr|quarter)\s*"
_FINANCIAL = re.compile(
    rf"(?:{_QUARTER}(?P<q>[1-4])\s*,?\s*(?:of\s+)?)?"
    r"(?P<fy>(?:fy|financial\s+year)\s*)?"
    r"(?P<y1>\d{4}|\d{2})\s*(?:/| - |-)\s*(?P<y2>\d{2}|\d{4})"
    rf"(?:\s*,?\s*{_QUARTER}(?P<q2>[1-4]))?"
)
_ANNUALLY_IN = re.compile(
    r"(?:annually|yearly|annual|every\s+year|each\s+year)\s+"
    r"(?:(?P<by>(?:(?:by|at|in)\s+)?(?:the\s+)?end\s+of|in|by|each|every)\s+|-\s+)?"
    rf"{_MONTH}\b(?P<rest>.*)"
)
_MONTH_EACH_YEAR = re.compile(
    r"(?:(?:by|in)\s+)?(?:(?:the\s+)?end(?:\s+of\s+|\s+))?"
    rf"(?:{_DAY}\s+(?:of\s+)?)?{_MONTH}\s+(?:each\s+year|every\s+year|annually|yearly)(?P<rest>.*)"
)
_EVERY_MONTH_NAMED = re.compile(rf"(?:every|each)\s+{_MONTH}(?P<rest>.*)")
_EVERY_N = re.compile(r"every\s+(?P<n>\d+|[a-z-]+)\s+months?(?P<rest>.*)")
_N_MONTHLY = re.compile(r"(?P<n>\d+|[a-z]+)(?:-|\s)?monthly(?P<rest>.*)")
_UNTIL = re.compile(
    r"until\s+(?:(?:the\s+)?(?:next|end\s+of(?:\s+the)?)\s+(?:plan|strategy)"
    r"(?:\s*[-,:]\s*|\s+in\s+|\s+))?"
    r"(?:(?:the\s+)?end(?:\s+of\s+|\s*-\s*|\s+))?"
    rf"(?:{_DAY}\s+(?:of\s+)?)?{_MONTH}\s*,?\s*{_YEAR}"
)
_LIST_SEPARATOR = re.compile(r",|;|&|\band\b")
# Words that may come before "Quarterly" and the like without changing what it means.
_DOING = {"review", "reviewed", "reviews", "report", "reported", "reporting", "monitored",
          "monitoring", "update", "updated", "updates", "meets", "meeting", "meetings"}  # fmt: skip
# ... and after it.
_FILLER = {"review", "reviews", "reviewed", "meeting", "meetings", "report", "reports",
           "reporting", "update", "updates", "monitoring", "-", "and", "ongoing", "on-going",
           "basis"}  # fmt: skip
_PLACEHOLDERS = {"tbc", "tba", "tbd", "n/a", "na", "-", "?", "none", "not applicable",
                 "to be confirmed", "to be agreed", "to be decided"}  # fmt: skip
_PROGRESS_WORDS = {"in place", "complete", "completed", "achieved", "done", "met",
                   "in progress", "started", "not started"}  # fmt: skip


_SPACES = re.compile(r"\s+")
MAX_LENGTH = 200  # the longest timescale read; real ones are a few words
_SPACED_DASH = re.compile(r" -\s*|\s*- ")  # a spaced dash, not the one in "bi-monthly"
_INNER_STOP = re.compile(r"\.(?= )")  # "Sept. 2017"


def normalise(text: str) -> str:
    """Lower case, one space between words, plain hyphens, no brackets or trailing full stops."""
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2012", "-")
    text = text.replace("(", " ").replace(")", " ")
    text = _INNER_STOP.sub("", text.strip().lower())
    text = _SPACES.sub(" ", text)
    text = _SPACED_DASH.sub(" - ", text)
    return text.rstrip(". ")


@functools.lru_cache(maxsize=4096)  # plans repeat a few timescales many times over
def parse_timescale(text: str) -> Schedule | None:
    """The schedule a timescale describes; None for an empty one. Raises TimescaleError."""
    words = normalise(text)
    if not words:
        return None
    if len(words) > MAX_LENGTH:
        raise TimescaleError(
            f"timescale '{one_line(text.strip())}' is too long to be a timescale (over "
            f"{MAX_LENGTH} characters): keep the plan's words short, or set due: dates"
        )
    if words in _ONGOING:
        return Ongoing()
    try:
        refused = _REFUSED_WORD.search(words)
        if refused:
            raise _Refused(_REFUSAL_REASONS[refused.lastindex - 1])  # type: ignore[operator]
        schedule = _parse_recurring(words) or _parse_dates(words)
        if schedule is None:
            raise _Refused(_diagnosis(words))
        return schedule
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
    first, _, others = words.partition(" ")
    if first in _DOING and others:  # "Review quarterly"
        words = others
    if (m := _ANNUALLY_IN.fullmatch(words)) and (m["by"] or m["month"] in MONTHS):
        return Annually(_month(m["month"]), _until(m["rest"]))
    m = _MONTH_EACH_YEAR.fullmatch(words) or _EVERY_MONTH_NAMED.fullmatch(words)
    if m and m["month"] in MONTHS:
        month = _month(m["month"])
        day = m.groupdict().get("day")
        if day and not _is_month_end(int(day), month):
            raise _Refused(
                " is not understood: a yearly timescale falls due on the last day of its "
                "month; for another day set explicit due: dates"
            )
        return Annually(month, _until(m["rest"]))
    if m := _EVERY_N.fullmatch(words):
        months = _months(m["n"])
        if months is None:
            raise _Refused(f": '{m['n']}' is not a number of months from 1 to {MAX_MONTHS}")
        return EveryMonths(months, _until(m["rest"]))
    for phrase, months in _RECURRING_WORDS.items():
        if words == phrase or words.startswith(phrase + " "):
            return EveryMonths(months, _until(words[len(phrase) :]))
    if (m := _N_MONTHLY.fullmatch(words)) and m["n"] != "other" and (months := _months(m["n"])):
        return EveryMonths(months, _until(m["rest"]))
    return None


def _months(n: str) -> int | None:
    """'6', 'six' or 'other' as a number of months from 1 to MAX_MONTHS; None otherwise."""
    months = int(n) if n.isdigit() and len(n) < 4 else _NUMBER_WORDS.get(n)
    return months if months and months <= MAX_MONTHS else None


def _until(rest: str) -> tuple[int, int] | None:
    """The `until` month of a recurring timescale, if any. Anything else after the frequency
    ("from September", "except August", "and April", "then quarterly") would change its
    meaning: refused."""
    before, until, after = rest.partition("until")
    if any(word not in _FILLER for word in before.split()):
        raise _Refused(
            " is not understood: only 'until <month> <year>' may follow how often; "
            "for anything else set explicit due: dates"
        )
    if not until:
        return None
    m = _UNTIL.fullmatch((until + after).strip())
    if m and m["month"] not in MONTHS:
        raise _Refused(f": '{m['month']}' is not a month")
    if not m:
        raise _Refused(
            ": 'until' takes a month and year, such as 'until March 2020', and nothing after "
            "them; for anything else set explicit due: dates"
        )
    year, month = int(m["year"]), _month(m["month"])
    if year < 1:
        raise _Refused(" is not a real date")
    if m["day"]:  # the month that holds it, as for a strategy's end (30 March -> March)
        _real_date(year, month, int(m["day"]))
    return year, month


def _parse_dates(words: str) -> Fixed | None:
    """One date, or several: 'June and December 2018', 'March 2017, 2018, 2019'."""
    found = _one_date(words)
    if found is not None:
        return Fixed((found,))
    parts = [part.strip() for part in _LIST_SEPARATOR.split(words)]
    if len(parts) < 2 or not all(parts):
        return None
    dates: list[date] = []
    waiting: list[int] = []  # months before their year: "June and December 2018"
    last: tuple[int, int | None] | None = None  # month and day a bare year takes: "2018, 2019"
    quarters = []  # a list of financial years and their quarters reads two ways
    for part in parts:
        bare = _strip_lead_in(part)
        if bare in MONTHS:
            waiting.append(MONTHS[bare])
            continue
        if re.fullmatch(r"\d{4}", bare):
            if last is None or waiting:
                return None  # "2018/19, 2019", "June and December 2018, 2019": which months?
            month, day = last
            dates.append(date(int(bare), month, day) if day else month_end(int(bare), month))
            continue
        one = _one_date(part)
        if one is None:
            return None
        month_year = _MONTH_YEAR.fullmatch(bare)
        day_month_year = _DAY_MONTH_YEAR.fullmatch(bare) or _MONTH_DAY_YEAR.fullmatch(bare)
        last = (one.month, None) if month_year else (one.month, one.day) if day_month_year else None
        if waiting:
            # the months of one year, in order: "June, September and December 2018"
            months = [*waiting, one.month]
            if not month_year or months != sorted(set(months)):
                return None
            dates.extend(month_end(one.year, month) for month in waiting)
            waiting, last = [], None  # "June and December 2018, 2019": which months then?
        financial = _FINANCIAL.fullmatch(bare)
        if financial:
            quarters.append(bool(financial["q"] or financial["q2"]))
        dates.append(one)
    if waiting or len(set(quarters)) > 1 or (quarters and len(quarters) != len(parts)):
        return None  # "June 2023, 2024/25": June again, or the financial year?
    return Fixed(tuple(sorted(set(dates))))


def _strip_lead_in(words: str) -> str:
    return words[_LEAD_IN.match(words).end() :]  # type: ignore[union-attr]


def _one_date(words: str) -> date | None:
    """The date one timescale names, or None when it names none."""
    core = _strip_lead_in(words)
    if m := _ISO.fullmatch(core):
        y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
        return _real_date(int(y), int(mo), int(d))
    if m := _NUMERIC.fullmatch(core):
        day, month, year = int(m["d"]), int(m["m"]), _full_year(m["y"])
        if not day or not month:
            raise _Refused(" is not a real date")
        if month > 12 and day <= 12:
            raise _Refused(
                " is not understood: dates are written day first; write it as "
                f"'{month} {calendar.month_name[day]} {year}', or set due:"
            )
        if day <= 12 and month != day:
            raise _Refused(
                " is ambiguous: it may be read day first or month first; write "
                f"'{day} {calendar.month_name[month]} {year}' or set explicit due: dates"
            )
        return _real_date(year, month, day)
    m = _DAY_MONTH_YEAR.fullmatch(core) or _MONTH_DAY_YEAR.fullmatch(core)
    if m and m["month"] in MONTHS:
        return _real_date(_full_year(m["year"]), _month(m["month"]), int(m["day"]))
    if m := _MONTH_YEAR.fullmatch(core):
        name = m["month"] or m["month2"]
        if name in MONTHS:
            year = int(m["year"]) if m["year"] else _full_year(m["yy"])
            return month_end(year, _month(name))
    if m := _FINANCIAL.fullmatch(core):
        return _financial(m)
    return None


def _diagnosis(words: str) -> str:
    """Why a timescale nothing could read was refused, as plainly as can be said."""
    core = _strip_lead_in(words)
    if words in _PLACEHOLDERS:
        return (
            " is not a timescale yet: leave it empty until one is agreed (the board sees "
            "'no timescale'), or set due:"
        )
    if words in _PROGRESS_WORDS:
        return (
            " says how the work stands, not when it is due: record that with "
            "cpstrategy update, and give the timescale it had, or set due:"
        )
    if re.fullmatch(r"\d{4}", core):
        return (
            " is ambiguous: a bare year may be a calendar or a financial year; "
            f"write 'December {core}' or '{core}/{(int(core) + 1) % 100:02d}', or set due:"
        )
    if re.fullmatch(rf"{_QUARTER}[1-4](?:\s+\d{{4}})?", core):
        return (
            " is ambiguous: a quarter needs its financial year, such as 'Q3 2025/26' "
            "(a calendar year's quarters end at other months); set due: for another meaning"
        )
    if (m := re.fullmatch(rf"(?:{_DAY}\s+(?:of\s+)?)?{_MONTH}", core)) and m["month"] in MONTHS:
        return " gives no year; add the year, as in 'March 2018', or set due:"
    m = re.fullmatch(rf"(?:{_DAY}\s+(?:of\s+)?)?{_MONTH}\s*,?\s*\d{{4}}", core)
    if m and m["month"] not in MONTHS and (hint := did_you_mean(m["month"], _FULL_MONTHS, 0.75)):
        return f": '{m['month']}' is not a month ({hint})"
    if (m := re.fullmatch(r"([a-z]+)\s*-\s*(\d{2})", core)) and m[1] in MONTHS:
        return (
            f" is ambiguous: '{m[2]}' may be a day or a year; write the month and year in "
            "full, such as 'March 2018', or set due:"
        )
    if re.search(r"\b(?:from|onwards?|starting|commencing|begins?|beginning)\b", words):
        return (
            " says when the work starts, not when it is due; "
            f"accepted forms: {ACCEPTED_FORMS}; or set due:"
        )
    return _NOT_UNDERSTOOD


def _full_year(text: str) -> int:
    """'2018' -> 2018; '18' -> 2018, '99' -> 1999 (as Python's own dates read two digits)."""
    if len(text) == 4:
        return int(text)
    return (2000 if int(text) < 69 else 1900) + int(text)


def _second_year(first: int, text: str) -> int:
    """The year after the stroke of a financial year: '2018/19' -> 2019, '1999/00' -> 2000."""
    if len(text) == 4:
        return int(text)
    second = first - first % 100 + int(text)
    return second + 100 if second + 100 == first + 1 else second


def _real_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _Refused(" is not a real date") from None


def _is_month_end(day: int, month: int) -> bool:
    """Whether `day` ends `month` in every year (February, whose end moves, never does)."""
    return month != 2 and day == calendar.monthrange(2001, month)[1]


def _financial(m: re.Match[str]) -> date | None:
    if len(m["y1"]) == 2 and not (m["fy"] or m["q"] or m["q2"]):
        return None  # "18/19" alone could be anything
    if m["q"] and m["q2"]:
        return None  # "Q1 2018/19 Q4": which?
    first = _full_year(m["y1"])
    second = _second_year(first, m["y2"])
    if second != first + 1:
        if second > first + 1:
            raise _Refused(
                " spans several years; write when it is due, such as "
                f"'March {second}', or set explicit due: dates"
            )
        if len(m["y2"]) == 2 and 1 <= int(m["y2"]) <= 12:
            raise _Refused(
                f" is not understood: neither a month nor a financial year; write "
                f"'{calendar.month_name[int(m['y2'])]} {first}' or "
                f"'{first}/{(first + 1) % 100:02d}', or set due:"
            )
        raise _Refused(
            ": a financial year runs from one year to the next, "
            f"such as '{first}/{(first + 1) % 100:02d}'"
        )
    quarter = m["q"] or m["q2"]
    if quarter is None:
        return date(second, 3, 31)
    q = int(quarter)
    return month_end(first, 3 + 3 * q) if q < 4 else date(second, 3, 31)


def _month(name: str) -> int:
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
    if end_month(schedule, end) is None:  # no end: the dates run on past the as-of date
        return _open_ended_dates(schedule, start, as_of)
    # Many actions share a timescale and a strategy: work each set of windows out once.
    return list(_recurring_dates(schedule, start, end))


# The due dates of each open-ended schedule worked out so far, and the day they run past: asked
# for as of one month end after another (a report's chart), the list grows, not starts again.
_OPEN_ENDED: dict[tuple[EveryMonths | Annually, date], tuple[list[date], date]] = {}


def _open_ended_dates(schedule: EveryMonths | Annually, start: date, as_of: date) -> list[date]:
    key = (schedule, start)
    known = _OPEN_ENDED.get(key)
    if known is None or known[1] < as_of:
        # Twice as far ahead as asked, so that a run of later days needs few lists.
        ahead = min(as_of.toordinal() * 2 - start.toordinal(), date.max.toordinal())
        horizon = date.fromordinal(max(ahead, as_of.toordinal()))
        known = _OPEN_ENDED[key] = (_windows(schedule, start, None, horizon), horizon)
    dates = known[0]
    return dates[: bisect.bisect_right(dates, as_of) + 1]


@functools.lru_cache(maxsize=1024)
def _recurring_dates(
    schedule: EveryMonths | Annually, start: date, end: date | None
) -> tuple[date, ...]:
    return tuple(_windows(schedule, start, end, start))  # they end: the as-of date is no matter


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
