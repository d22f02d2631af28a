#!/usr/bin/env python3
"""Generate a fictional cpstrategy data folder with N actions, for benchmarks.

    python benchmarks/generate.py N OUTDIR [--seed S] [--as-of YYYY-MM-DD]

Writes OUTDIR/data/ in the format of the product spec (sections 1 and 2): strategies, about 50
actions to a file, "You said, we did" items and boards.yaml. It also writes OUTDIR/taskwarrior.json:
the same N actions as a Taskwarrior `task import` array, each due on its action's first due date.

Standard library only, deterministic for a given seed. All names, teams and text are made up.
"""

from __future__ import annotations

import argparse
import calendar
import functools
import json
import random
import re
import shutil
import sys
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Word lists, one entry a line (fictional: teams and services, never people)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines()]


VERBS = _lines("""
Review
Develop
Introduce
Strengthen
Publish
Agree
Extend
Improve
Embed
Monitor
Launch
Co-produce
Commission
Promote
Expand
Refresh
""")
OBJECTS = _lines("""
the pathway plan template
a training offer for foster carers
the local offer for care leavers
health assessments for children new to care
the personal education plan process
a mentoring scheme for young people leaving care
the placement sufficiency strategy
support for kinship carers
the Staying Put policy
council tax exemption for care leavers
apprenticeships set aside for care leavers
the return home interview process
life story work for children with a plan for adoption
access to dentists and opticians
the Children in Care Council's annual survey
joint work with the Youth Justice Service
emotional health and wellbeing support
the independent visitor service
a welcome pack for children coming into care
training on trauma-informed practice for staff
free leisure passes for children in care
the 'Total Respect' training for managers
driving lessons for care leavers
the sibling contact guidance
""")
QUALIFIERS = [
    *_lines("""
so that children stay in the same school wherever possible
with young people from the Children in Care Council
across all council departments
in partnership with the health trust
so that every young person knows their rights
and report progress to the Corporate Parenting Board
for children placed out of the borough
so that fewer placements end unplanned
in line with the Care Leavers' Promise
using feedback from young people
for young people aged 16 to 25
"""),
    "",
]
LEADS = _lines("""
Virtual School
Fostering Service
Leaving Care Team
Participation Team
Children in Care Health Team
Residential Services
Permanence and Provision
Housing Options
Youth Justice Service
Independent Reviewing Service
Workforce Development
Public Health
Commissioning
Adult Learning
Early Help
Children's Social Care
Education Inclusion
""")
PLAIN_MEASURES = _lines("""
More children in care live within 20 miles of home.
Fewer placement moves for children in care.
Every care leaver has an up-to-date pathway plan.
Young people say they feel listened to in their reviews.
All foster carers complete the training within a year.
The board receives a report every quarter.
Young people help write the new guidance.
Every child coming into care gets the pack.
No child in care starts term without a school place.
Care leavers rate the offer as good or better: see the annual survey.
""")
INDICATORS = [  # text, unit, higher_is_better, baseline range
    ("Care leavers aged 19 to 21 in education, employment or training", "%", True, (40, 70)),
    ("Children in care with an up-to-date health assessment", "%", True, (78, 95)),
    (
        "Average days from entering care to moving in with an adoptive family",
        "days",
        False,
        (300, 550),
    ),
    ("Children in care with three or more placements in the year", "%", False, (8, 15)),
    ("Personal education plans completed on time", "%", True, (70, 96)),
    ("Care leavers in suitable accommodation", "%", True, (75, 94)),
    ("Approved foster households", "households", True, (80, 160)),
    ("Average Attainment 8 score of children in care", "points", True, (15, 25)),
]
COMPARATORS = ["England", "Statistical neighbours", "North West"]
NOTES = _lines("""
Draft agreed at the management meeting.
Update: figures for the first quarter are in.
Item #3 on the board's agenda.
Delayed by staff vacancies; recovery plan agreed.
Young people from the Children in Care Council helped write it.
Waiting for data from the health trust.
Signed off by the lead service.
Reported to the Corporate Parenting Board.
Pilot running in two teams, results due in the autumn.
Funding confirmed for next year.
Training dates set: 40 places booked.
Paused while the service is restructured.
"Much better than before", said the panel.
[Draft] shared with the Children in Care Council – comments due in a month.
""")
DUE_LABELS = _lines("""
Before each new school year
Each summer holiday
In time for each budget round
Two weeks before each board meeting
After each inspection
""")
YOU_SAID = _lines("""
We want to meet our social worker somewhere other than the office.
We want to know who to call out of hours.
Reviews should not clash with school.
We want free travel to college.
We want a say in who our independent visitor is.
We want to see our brothers and sisters more often.
Stop calling our homes 'placements'.
We want our pocket money paid on the same day each week.
""")
WE_DID = _lines("""
Reviews are now held where and when you choose.
An out-of-hours number is on every care card.
Care leavers in college now get a free bus pass.
We changed the words we use in our letters.
We cannot do this yet: the budget is set for this year, and we will ask again in the spring.
Sibling time is now written into every care plan.
""")
PRIORITIES = [  # id, title, outcomes, themes
    ("homes", "Stable, loving homes", ["Children in care move home less often."],
     [("matching", "Match children with carers who meet their needs"),
      ("sufficiency", "Enough homes close to where children live")]),
    ("health", "Healthy lives", ["Children in care are as healthy as their peers."],
     [("assessments", "Timely health assessments"),
      ("wellbeing", "Emotional health and wellbeing")]),
    ("learning", "Learning and achievement", ["Children in care do well at school."],
     [("attendance", "Good attendance"), ("post-16", "Education and training after 16")]),
    ("voice", "Children's voices shape our services",
     ["Young people say they are listened to."], []),
    ("leaving-care", "A good start to adult life", ["Care leavers live in safe, suitable homes."],
     [("housing", "Suitable accommodation"), ("money", "Money and work")]),
]  # fmt: skip
MONTHS = list(calendar.month_name)[1:]
# The short month names officers write (May has none); "Sep" and "Sept" both occur.
ABBREVIATIONS = {m: [calendar.month_abbr[m]] for m in range(1, 13) if m != 5} | {9: ["Sep", "Sept"]}
STATUSES = ["not-started", "on-track", "at-risk", "off-track", "complete"]
STATUS_WEIGHTS = [10, 40, 15, 8, 27]

# Every timescale form of spec section 2, with how often it is drawn.
FORMS: dict[str, int] = dict(
    month=8, abbrev=4, by=5, end_of=4, day=3, ordinal=3, iso=3, years=4, annually=4,
    bimonthly_until=3, monthly=3, quarterly=4, every_n=3, fy=4, quarter=4, ongoing=6,
    explicit_due=4, missing=1,
)  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Dates


def month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def month_end(m: int) -> date:
    y, mo = divmod(m, 12)
    return date(y, mo + 1, calendar.monthrange(y, mo + 1)[1])


def month_words(m: int) -> tuple[str, int]:
    return MONTHS[m % 12], m // 12


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def random_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


# ---------------------------------------------------------------------------------------------
# YAML text (written by hand: block style, flow style where the spec's examples use it)

_PLAIN = re.compile(r"[A-Za-z][\w ,.'()/&%–—-]*[\w.)%]")
_RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}


@functools.cache
def q(text: str, flow: bool = False) -> str:
    """A YAML scalar for text: plain when that is unambiguous, else double-quoted."""
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and not (flow and "," in text):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted one


def flow_list(items: list[str]) -> str:
    return "[" + ", ".join(q(i, flow=True) for i in items) + "]"


def num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


# ---------------------------------------------------------------------------------------------
# The model of what is written


@dataclass
class Strategy:
    id: str
    prefix: str
    title: str
    start: date
    end: date | None
    priorities: list[tuple[str, str, list[str], list[tuple[str, str]]]]

    @property
    def horizon(self) -> date:
        """The last day anything is dated: the end, or three years on for an open-ended one."""
        return self.end or date(self.start.year + 3, self.start.month, 1) - timedelta(days=1)


@dataclass
class Action:
    id: str
    strategy: Strategy
    lines: list[str] = field(default_factory=list)
    first_due: date | None = None
    activity: str = ""
    done_on: date | None = None  # latest entry on or before the as-of date is complete/withdrawn


def timescale(
    rng: random.Random, s: Strategy, form: str
) -> tuple[str | None, list[date] | None, date | None]:
    """(timescale text, explicit due dates, first due date) for one action of strategy s."""
    lo, hi = month_index(s.start), month_index(s.horizon)
    m = rng.randint(lo, hi)
    name, year = month_words(m)
    dash = rng.choice(["–", "–", "—"])
    stop = "." if rng.random() < 0.05 else ""
    if form in ("month", "abbrev", "by", "end_of"):
        word = rng.choice(ABBREVIATIONS.get(m % 12 + 1, [name])) if form == "abbrev" else name
        text = {
            "month": f"{word} {year}",
            "abbrev": f"{word} {year}",
            "by": f"By {name} {year}",
            "end_of": f"End of {name} {year}",
        }[form]
        return text + stop, None, month_end(m)
    if form in ("day", "ordinal", "iso"):
        d = random_day(rng, s.start, s.horizon)
        text = {
            "day": f"{d.day} {MONTHS[d.month - 1]} {d.year}",
            "ordinal": f"{ordinal(d.day)} {MONTHS[d.month - 1]} {d.year}",
            "iso": d.isoformat(),
        }[form]
        return text, None, d
    if form == "years":
        month = rng.randrange(12)
        years = [y for y in range(s.start.year, s.horizon.year + 1) if lo <= y * 12 + month <= hi]
        first = rng.randrange(max(1, len(years) - 1))
        years = years[first : first + rng.choice([2, 3])]
        return (
            f"{MONTHS[month]} {', '.join(map(str, years))}",
            None,
            month_end(years[0] * 12 + month),
        )
    if form == "annually":
        month = rng.randrange(12)
        first = next(
            y * 12 + month for y in range(s.start.year, s.horizon.year + 1) if y * 12 + month >= lo
        )
        return f"Annually in {MONTHS[month]}", None, month_end(first)
    if form in ("bimonthly_until", "monthly", "quarterly", "every_n"):
        n = {"bimonthly_until": 2, "monthly": 1, "quarterly": 3}.get(form) or rng.choice([4, 6])
        until = (
            rng.randint(min(lo + n, hi), hi)
            if form == "bimonthly_until" or rng.random() < 0.3
            else None
        )
        last = until if until is not None else (hi if s.end else None)
        first = lo + n - 1 if last is None else min(lo + n - 1, last)
        base = {
            "bimonthly_until": "Bimonthly review until next plan",
            "monthly": "Monthly",
            "quarterly": "Quarterly",
            "every_n": f"Every {n} months",
        }[form]
        if until is not None:
            un, uy = month_words(until)
            base += f" {dash} {un} {uy}" if form == "bimonthly_until" else f" until {un} {uy}"
        return base, None, month_end(first)
    if form in ("fy", "quarter"):
        # A UK financial year (April to March), or one of its quarters, ending within the period.
        quarters = [4] if form == "fy" else [1, 2, 3, 4]
        ends = [
            (y, k)
            for y in range(s.start.year - 1, s.horizon.year + 1)
            for k in quarters
            if lo <= y * 12 + 2 + 3 * k <= hi
        ]
        y, k = rng.choice(ends)
        fy = f"{y}/{(y + 1) % 100:02d}"
        return (fy if form == "fy" else f"Q{k} {fy}"), None, month_end(y * 12 + 2 + 3 * k)
    if form == "ongoing":
        return rng.choice(["Ongoing", "Ongoing", "ongoing"]), None, None
    if form == "explicit_due":
        dues = sorted({random_day(rng, s.start, s.horizon) for _ in range(rng.randint(0, 3))})
        return rng.choice(DUE_LABELS), dues, (dues[0] if dues else None)
    return None, None, None  # "missing": a data-quality warning, not an error


def sentence(rng: random.Random) -> str:
    qualifier = rng.choice(QUALIFIERS)
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}{' ' + qualifier if qualifier else ''}."


def measure_lines(rng: random.Random, s: Strategy, indent: str) -> list[str]:
    text, unit, higher, (low, high) = rng.choice(INDICATORS)
    baseline = round(rng.uniform(low, high), 1 if unit == "%" else 0)
    step = (high - low) / 4
    target = round(baseline + step if higher else baseline - step, 0)
    lines = [
        f"{indent}- text: {q(text)}",
        f"{indent}  target: {num(target)}",
        f"{indent}  unit: {q(unit)}",
    ]
    if not higher or rng.random() < 0.2:
        lines.append(f"{indent}  higher_is_better: {'true' if higher else 'false'}")
    if rng.random() < 0.8:
        lines.append(
            f"{indent}  baseline: {{date: {s.start - timedelta(days=1)}, value: {num(baseline)}}}"
        )
    years = range(s.start.year, s.horizon.year + 1)
    actual_dates = [date(y, 3, 31) for y in years if s.start <= date(y, 3, 31) <= s.horizon]
    count = rng.randint(0, len(actual_dates))
    if count:
        lines.append(f"{indent}  actuals:")
        value = baseline
        for d in actual_dates[:count]:
            value = round(value + rng.uniform(-step, step) / 2, 1 if unit == "%" else 0)
            lines.append(f"{indent}    - {{date: {d}, value: {num(value)}}}")
        if rng.random() < 0.5:
            lines.append(f"{indent}  comparators:")
            for name in rng.sample(COMPARATORS, rng.randint(1, 2)):
                value = round(rng.uniform(low, high), 1)
                lines.append(
                    f"{indent}    - {{name: {q(name, True)}, date: {actual_dates[0]}, "
                    f"value: {num(value)}}}"
                )
    return lines


def make_action(
    rng: random.Random, s: Strategy, action_id: str, file_priority: str, form: str, as_of: date
) -> Action:
    a = Action(action_id, s, activity=sentence(rng))
    out = [f"  - id: {action_id}"]
    priority = s.priorities[[p[0] for p in s.priorities].index(file_priority)]
    if rng.random() < 0.15:
        priority = rng.choice(s.priorities)
        out.append(f"    priority: {priority[0]}")
    if priority[3] and rng.random() < 0.4:
        out.append(f"    theme: {rng.choice(priority[3])[0]}")
    out.append(f"    activity: {q(a.activity)}")
    if rng.random() < 0.98:  # a missing lead is a data-quality warning
        out.append(f"    lead: {flow_list(rng.sample(LEADS, rng.choice([1, 1, 2, 2, 3])))}")
    text, dues, a.first_due = timescale(rng, s, form)
    if text is not None:
        # The spec reads a bare date as its text: write ISO timescales bare, as officers do.
        out.append(f"    timescale: {text if form == 'iso' else q(text)}")
    if dues is not None:
        out.append(f"    due: [{', '.join(d.isoformat() for d in dues)}]")
    measures = rng.choice([1, 1, 2, 2, 3]) if rng.random() < 0.97 else 0
    if measures:
        out.append("    measures:")
        for text in rng.sample(PLAIN_MEASURES, measures):
            if rng.random() < 0.3:
                out.extend(measure_lines(rng, s, "      "))
            else:
                out.append(f"      - {q(text)}")
    entries = sorted(random_day(rng, s.start, s.horizon) for _ in range(rng.randint(0, 5)))
    if entries:
        out.append("    progress:")
        statuses = rng.choices(STATUSES, STATUS_WEIGHTS, k=len(entries))
        if rng.random() < 0.04:
            statuses[-1] = "withdrawn"
        rows = list(zip(entries, statuses, strict=True))
        for d, status in rows:
            if d <= as_of:
                a.done_on = d if status in ("complete", "withdrawn") else None
        if rng.random() < 0.1:
            rows.reverse()  # entries may be written in any order
        for d, status in rows:
            note = rng.choice(NOTES) if rng.random() < 0.6 else None
            by = rng.choice(LEADS) if rng.random() < 0.3 else None
            if rng.random() < 0.7:
                extra = (f", note: {q(note, True)}" if note else "") + (
                    f", by: {q(by, True)}" if by else ""
                )
                out.append(f"      - {{date: {d}, status: {status}{extra}}}")
            else:
                out.append(f"      - date: {d}")
                out.append(f"        status: {status}")
                if note:
                    out.append(f"        note: {q(note)}")
                if by:
                    out.append(f"        by: {q(by)}")
    a.lines = out
    return a


def strategy_yaml(s: Strategy, seed: int) -> str:
    out = [
        f"# Generated by benchmarks/generate.py (seed {seed}): fictional data.",
        f"id: {s.id}",
        f"title: {q(s.title)}",
        f"period: {{start: {s.start}" + (f", end: {s.end}}}" if s.end else "}"),
        "owner: Corporate Parenting Board",
        "priorities:",
    ]
    for pid, title, outcomes, themes in s.priorities:
        out += [f"  - id: {pid}", f"    title: {q(title)}", "    outcomes:"]
        out += [f"      - {q(o)}" for o in outcomes]
        if themes:
            out.append("    themes:")
            for tid, ttitle in themes:
                out += [f"      - id: {tid}", f"        title: {q(ttitle)}"]
    return "\n".join(out) + "\n"


def make_strategies(n: int) -> list[Strategy]:
    periods = [
        (date(2022, 1, 1), date(2025, 3, 30)),
        (date(2021, 4, 1), date(2024, 3, 31)),
        (date(2022, 4, 1), date(2025, 3, 31)),
        (date(2023, 1, 1), date(2026, 12, 31)),
    ]
    fixed = max(1, round(n / 10_000))
    out = []
    for i in range(fixed):
        start, end = periods[i % len(periods)]
        out.append(
            Strategy(
                f"cp{i + 1:02d}-{start.year}",
                f"CP{i + 1:02d}",
                f"Corporate Parenting Strategy {start.year}-{end.year}, area {i + 1}",
                start,
                end,
                PRIORITIES[: 4 + i % 2],
            )
        )
    out.append(
        Strategy(
            "promise-2022",
            "LP",
            "Our Promise to Care Leavers",
            date(2022, 7, 1),
            None,
            [PRIORITIES[4], PRIORITIES[3]],
        )
    )
    return out


def ysiwd_yaml(rng: random.Random, start: int, count: int, action_ids: list[str]) -> str:
    out = ["items:"]
    for k in range(start, start + count):
        status = rng.choice(["open", "in-progress", "done", "done", "not-possible"])
        raised = random_day(rng, date(2022, 1, 1), date(2024, 6, 30))
        out += [
            f"  - id: YSWD-{k:05d}",
            f"    raised: {raised}",
            "    from: Children in Care Council",
            f"    you_said: {q(rng.choice(YOU_SAID))}",
        ]
        if status != "open":
            out.append(f"    we_did: {q(rng.choice(WE_DID))}")
        out += [f"    status: {status}", f"    respond_by: {raised + timedelta(days=90)}"]
        if status in ("done", "not-possible") and rng.random() < 0.9:
            out.append(f"    responded: {raised + timedelta(days=rng.randint(10, 150))}")
        if action_ids and rng.random() < 0.3:
            out.append(f"    actions: {flow_list(rng.sample(action_ids, 1))}")
        out.append(f"    public: {'true' if rng.random() < 0.7 else 'false'}")
    return "\n".join(out) + "\n"


def boards_yaml() -> str:
    cpb = [month_end(m) - timedelta(days=14) for m in range(2021 * 12, 2026 * 12, 2)]
    return (
        "boards:\n  - id: cpb\n    name: Corporate Parenting Board\n"
        f"    meetings: [{', '.join(map(str, cpb))}]\n"
        "  - id: cicc\n    name: Children in Care Council\n    meetings: []\n"
    )


def task_json(a: Action, seed: int, as_of: date) -> dict[str, str]:
    """One Taskwarrior task: due at the end of the first due day (so a task due on D is not
    overdue on D, as in the spec), completed when the action was complete or withdrawn at D."""
    task = {
        "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"cpstrategy-bench:{seed}:{a.id}")),
        "description": f"{a.id} {a.activity}",
        "project": a.strategy.id,
        "entry": a.strategy.start.strftime("%Y%m%dT000000Z"),
        "status": "pending",
    }
    if a.first_due:
        task["due"] = a.first_due.strftime("%Y%m%dT235959Z")
    if a.done_on:
        task["status"] = "completed"
        task["end"] = a.done_on.strftime("%Y%m%dT120000Z")
    return task


def generate(n: int, outdir: Path, seed: int, as_of: date) -> dict[str, int]:
    rng = random.Random(seed)
    data = outdir / "data"
    strategies = make_strategies(n)
    fixed = strategies[:-1]
    rest = n - n // 10  # the open-ended strategy gets a tenth, the fixed-term ones share the rest
    share = [rest // len(fixed) + (i < rest % len(fixed)) for i in range(len(fixed))] + [n // 10]
    forms, weights = list(FORMS), list(FORMS.values())
    tasks, action_ids, form_counts = [], [], dict.fromkeys(FORMS, 0)
    (data / "strategies").mkdir(parents=True)
    for s, count in zip(strategies, share, strict=True):
        (data / "strategies" / f"{s.id}.yaml").write_text(strategy_yaml(s, seed), encoding="utf-8")
        folder = data / "actions" / s.id
        folder.mkdir(parents=True)
        done, file_no = 0, 0
        while done < count:
            size = min(count - done, rng.randint(40, 60))
            file_no += 1
            priority = s.priorities[file_no % len(s.priorities)][0]
            lines = [
                f"# Generated by benchmarks/generate.py (seed {seed}): fictional data.",
                f"strategy: {s.id}",
                f"priority: {priority}",
                "actions:",
            ]
            for k in range(done, done + size):
                form = rng.choices(forms, weights)[0]
                # The first actions take every form in turn, so that even a small N has them all.
                if k < len(forms) and s is strategies[0]:
                    form = forms[k]
                form_counts[form] += 1
                a = make_action(rng, s, f"{s.prefix}-{k + 1:05d}", priority, form, as_of)
                lines += a.lines
                lines.append("")
                tasks.append(task_json(a, seed, as_of))
                action_ids.append(a.id)
            (folder / f"{file_no:04d}.yaml").write_text("\n".join(lines), encoding="utf-8")
            done += size
    items = max(5, n // 200)
    (data / "you-said-we-did").mkdir()
    for f, first in enumerate(range(0, items, 50), start=1):
        text = ysiwd_yaml(rng, first + 1, min(50, items - first), action_ids)
        (data / "you-said-we-did" / f"{f:04d}.yaml").write_text(text, encoding="utf-8")
    (data / "boards.yaml").write_text(boards_yaml(), encoding="utf-8")
    with (outdir / "taskwarrior.json").open("w", encoding="utf-8") as fh:
        fh.write("[\n" + ",\n".join(json.dumps(t, ensure_ascii=False) for t in tasks) + "\n]\n")
    return {"actions": len(tasks), "strategies": len(strategies), "items": items, **form_counts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of actions")
    parser.add_argument("outdir", type=Path, help="folder to write data/ and taskwarrior.json into")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=date(2023, 6, 30),
        help="date that decides which Taskwarrior tasks are completed",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing OUTDIR/data")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be 0 or more")
    if (args.outdir / "data").exists():
        if not args.force:
            parser.error(f"{args.outdir / 'data'} exists (use --force to replace it)")
        shutil.rmtree(args.outdir / "data")
    args.outdir.mkdir(parents=True, exist_ok=True)
    counts = generate(args.n, args.outdir, args.seed, args.as_of)
    print(
        f"wrote {counts['actions']} actions in {counts['strategies']} strategies and "
        f"{counts['items']} you-said-we-did items to {args.outdir}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
