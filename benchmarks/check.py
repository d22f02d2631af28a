#!/usr/bin/env python3
"""Check a folder written by generate.py, independently of cpstrategy (needs PyYAML).

    python benchmarks/check.py OUTDIR [N]

Parses every file with PyYAML's safe loader and checks: N actions with unique ids, the spec's
required keys and statuses, every timescale form of spec section 2 present, every date inside its
strategy's period, and taskwarrior.json holding the same actions due on their first due date.
"""

from __future__ import annotations

import calendar
import json
import re
import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import yaml

# The C-accelerated loader when PyYAML has libyaml: the same safe construction as yaml.safe_load.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(path: Path) -> object:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)


MONTH = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTH |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m} | {"sept": 9}
M = "(" + "|".join(sorted(MONTH, key=len, reverse=True)) + ")"
SHORT = (
    "("
    + "|".join(sorted(set(MONTH) - {m.lower() for m in calendar.month_name}, key=len, reverse=True))
    + ")"
)
FORMS = [  # name, pattern (matched case-insensitively on the text without a final full stop)
    ("iso", r"(\d{4})-(\d\d)-(\d\d)"),
    ("day", rf"(\d{{1,2}}) {M} (\d{{4}})"),
    ("ordinal", rf"(\d{{1,2}})(?:st|nd|rd|th) {M} (\d{{4}})"),
    ("by", rf"by {M} (\d{{4}})"),
    ("end_of", rf"end of {M} (\d{{4}})"),
    ("abbrev", rf"{SHORT} (\d{{4}})"),
    ("month", rf"{M} (\d{{4}})"),
    ("years", rf"{M} (\d{{4}}(?:, \d{{4}})+)"),
    ("annually", rf"annually in {M}"),
    ("bimonthly_until", rf"bimonthly review until next plan [–—] {M} (\d{{4}})"),
    ("monthly", rf"monthly(?: until {M} (\d{{4}}))?"),
    ("quarterly", rf"quarterly(?: until {M} (\d{{4}}))?"),
    ("every_n", rf"every (\d+) months(?: until {M} (\d{{4}}))?"),
    ("fy", r"(\d{4})/(\d\d)"),
    ("quarter", r"q([1-4]) (\d{4})/(\d\d)"),
    ("ongoing", r"ongoing"),
]
STATUSES = {"not-started", "on-track", "at-risk", "off-track", "complete", "withdrawn"}
ACTION_KEYS = {
    "id",
    "priority",
    "theme",
    "activity",
    "lead",
    "timescale",
    "due",
    "measures",
    "progress",
}


def end_of(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def first_due(form: str, g: tuple[str, ...], start: date, end: date | None) -> date | None:
    """The first due date of a timescale, by the spec's table (section 2)."""
    lo = start.year * 12 + start.month - 1
    if form == "iso":
        return date(int(g[0]), int(g[1]), int(g[2]))
    if form in ("day", "ordinal"):
        return date(int(g[2]), MONTH[g[1]], int(g[0]))
    if form in ("by", "end_of", "abbrev", "month"):
        return end_of(int(g[1]), MONTH[g[0]])
    if form == "years":
        return end_of(int(g[1].split(",")[0]), MONTH[g[0]])
    if form == "annually":
        y = start.year if MONTH[g[0]] >= start.month else start.year + 1
        return end_of(y, MONTH[g[0]])
    if form in ("bimonthly_until", "monthly", "quarterly", "every_n"):
        n = {"bimonthly_until": 2, "monthly": 1, "quarterly": 3}.get(form) or int(g[0])
        until = [x for x in g if x is not None][-2:] if g and g[-1] else []
        k = lo + n - 1
        if len(until) == 2 and not until[0].isdigit():
            k = min(k, int(until[1]) * 12 + MONTH[until[0]] - 1)
        elif end:
            k = min(k, end.year * 12 + end.month - 1)
        return end_of(k // 12, k % 12 + 1)
    if form == "fy":
        return date(int(g[0]) + 1, 3, 31)
    if form == "quarter":
        k = int(g[1]) * 12 + 2 + 3 * int(g[0])
        return end_of(k // 12, k % 12 + 1)
    return None


def classify(text: str) -> tuple[str, tuple[str, ...]]:
    text = text.strip().rstrip(".").lower()
    for name, pattern in FORMS:
        if m := re.fullmatch(pattern, text):
            return name, m.groups()
    raise AssertionError(f"timescale {text!r} matches no form of the spec")


def main(outdir: Path, expected: int | None) -> int:
    data = outdir / "data"
    strategies = {}
    for path in sorted((data / "strategies").glob("*.yaml")):
        s = load(path)
        assert {"id", "title", "period", "priorities"} <= s.keys(), path
        strategies[s["id"]] = s
    ids: set[str] = set()
    forms: Counter[str] = Counter()
    dues: dict[str, date | None] = {}
    entries = Counter()
    for path in sorted((data / "actions").glob("*/*.yaml")):
        doc = load(path)
        s = strategies[path.parent.name]
        assert doc["strategy"] == s["id"], path
        start, end = s["period"]["start"], s["period"].get("end")
        last = end or date(start.year + 3, start.month, 1)
        priorities = {p["id"]: p for p in s["priorities"]}
        assert doc["priority"] in priorities, path
        for a in doc["actions"]:
            where = f"{path}: {a['id']}"
            assert a.keys() <= ACTION_KEYS and isinstance(a["activity"], str), where
            assert a["id"] not in ids, where
            ids.add(a["id"])
            p = priorities[a.get("priority", doc["priority"])]
            assert "theme" not in a or a["theme"] in {t["id"] for t in p.get("themes", [])}, where
            if "due" in a:
                forms["explicit_due"] += 1
                dues[a["id"]] = min(a["due"], default=None)
                assert all(start <= d <= last for d in a["due"]), where
            elif "timescale" not in a:
                forms["missing"] += 1
                dues[a["id"]] = None
            else:
                text = a["timescale"]
                form, groups = classify(text.isoformat() if isinstance(text, date) else text)
                forms[form] += 1
                dues[a["id"]] = d = first_due(form, groups, start, end)
                if d:
                    assert (
                        (start.year, start.month) <= (d.year, d.month) <= (last.year, last.month)
                    ), (where, text, d)
            progress = a.get("progress", [])
            entries[len(progress)] += 1
            for e in progress:
                assert e["status"] in STATUSES and start <= e["date"] <= last, where
    items = [i for p in sorted((data / "you-said-we-did").glob("*.yaml")) for i in load(p)["items"]]
    for i in items:
        assert i["id"] not in ids and {"id", "you_said", "status"} <= i.keys(), i
        assert i["status"] != "open" or "responded" not in i, i
        assert set(i.get("actions", [])) <= ids, i
        ids.add(i["id"])
    load(data / "boards.yaml")

    tasks = json.loads((outdir / "taskwarrior.json").read_text(encoding="utf-8"))
    assert len(tasks) == len(dues) and len({t["uuid"] for t in tasks}) == len(tasks)
    for t in tasks:
        action_id = t["description"].split()[0]
        want = dues[action_id]
        got = datetime.strptime(t["due"], "%Y%m%dT%H%M%SZ").date() if "due" in t else None
        assert got == want, (action_id, got, want)
        assert t["status"] in ("pending", "completed") and t["project"] in strategies

    n = len(dues)
    missing = [name for name, _ in FORMS if not forms[name]] + [
        f for f in ("explicit_due", "missing") if not forms[f]
    ]
    print(f"{n} actions, {len(items)} items, {len(strategies)} strategies; forms: {dict(forms)}")
    print(f"progress entries per action: {dict(sorted(entries.items()))}")
    assert expected is None or n == expected, f"expected {expected} actions, found {n}"
    assert n < 20 or not missing, f"timescale forms missing: {missing}"  # 20 actions have all
    assert max(entries) <= 5
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else None))
