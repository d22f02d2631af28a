"""The text form of `show`: one action or item, laid out for a person to read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .output import RAG_STYLES

Line = tuple[str, str | None]


def show_lines(view: dict[str, Any]) -> list[Line]:
    return _action_lines(view) if view["kind"] == "action" else _item_lines(view)


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _field(name: str, value: Any) -> Line:
    return (f"{name:<13}{value}", None)


def _action_lines(view: dict[str, Any]) -> list[Line]:
    style = RAG_STYLES[view["rag"]]
    status = f"{view['status'].replace('-', ' ').capitalize()} ({view['rag'].capitalize()})"
    if view["days_overdue"] is not None:
        status += f": {_days(view['days_overdue'])} overdue"
    lines: list[Line] = [
        (f"{view['id']}  {view['title']}", "bold"),
        ("", None),
        _field("Strategy", view["strategy"]),
        _field("Priority", f"{view['priority']}: {view['priority_title']}"),
    ]
    if view["theme"]:
        theme = view["theme"] + (f": {view['theme_title']}" if view["theme_title"] else "")
        lines.append(_field("Theme", theme))
    lines += [
        _field("Lead", "; ".join(view["lead"]) or "(none)"),
        _field("Timescale", view["timescale"] or "(none)"),
        (f"{'Status':<13}{status}", style),
        _field("Next due", view["next_due"] or ("Ongoing" if view["ongoing"] else "(none)")),
        _field("Last update", view["last_update"] or "(none)"),
    ]
    if view["stale"]:
        why = (
            "no update for over 90 days"
            if view["last_update"]
            else f"no progress recorded since it fell due on {view['due_dates'][0]['due']}"
        )
        lines.append(_field("Stale", why))
    lines += [("", None), ("Due dates", "bold")]
    if not view["due_dates"]:
        lines.append(("  none (Ongoing: never overdue)" if view["ongoing"] else "  none", None))
    for due in view["due_dates"]:
        if due["met"]:
            lines.append(
                (f"  {due['due']}  met by entry {due['met_by_entry']} ({due['met_by']})", None)
            )
        elif due["fallen_due"]:
            lines.append((f"  {due['due']}  not met", None))
        else:
            lines.append((f"  {due['due']}  not due yet", None))
    lines += [("", None), ("Success measures", "bold")]
    if not view["measures"]:
        lines.append(("  none", None))
    for measure in view["measures"]:
        lines.append((f"  - {measure['text']}", None))
        if "target" in measure:
            lines.append((f"    {_indicator_summary(measure)}", None))
            figure = _figure(measure["unit"])
            if measure["actuals"]:
                known = ", ".join(f"{a['date']} {figure(a['value'])}" for a in measure["actuals"])
                lines.append((f"    figures: {known}", None))
            for c in measure["comparators"]:
                lines.append((f"    {c['name']}: {figure(c['value'])} ({c['date']})", None))
    lines += [("", None), ("History", "bold")]
    if not view["progress"]:
        lines.append(("  no progress recorded", None))
    for n, entry in enumerate(view["progress"], start=1):
        text = f"  {n}. {entry['date']}  {entry['status']}"
        if entry["by"]:
            text += f"  ({entry['by']})"
        lines.append((text, None))
        if entry["note"]:
            lines.append((f"     {entry['note']}", None))
    lines += [("", None), _field("File", view["file"])]
    return lines


def _figure(unit: str | None) -> Callable[[float | None], str]:
    from .views import with_unit

    def figure(value: float | None) -> str:
        return "none" if value is None else with_unit(value, unit)

    return figure


def _indicator_summary(measure: dict[str, Any]) -> str:
    figure = _figure(measure["unit"])
    parts = [f"target {figure(measure['target'])}"]
    if not measure["higher_is_better"]:
        parts[0] += " (lower is better)"
    if measure["baseline"] is not None:
        parts.append(f"baseline {figure(measure['baseline'])} ({measure['baseline_date']})")
    latest = figure(measure["latest"])
    if measure["latest_date"]:
        latest += f" ({measure['latest_date']})"
    parts.append(f"latest {latest}")
    parts.append((measure["rag"] or "not rated").capitalize())
    if measure["trend"]:
        parts.append(measure["trend"])
    return ", ".join(parts)


def _item_lines(view: dict[str, Any]) -> list[Line]:
    status = view["status"]
    if view["late"]:
        status += f", {_days(view['days_late'])} late"
    lines: list[Line] = [
        (f"{view['id']}  You said, we did", "bold"),
        ("", None),
        _field("You said", view["you_said"]),
        _field("We did", view["we_did"] or "(not yet answered)"),
        (f"{'Status':<13}{status}", RAG_STYLES["red"] if view["late"] else None),
        _field("From", view["from"] or "(not recorded)"),
        _field(
            "Raised",
            f"{view['raised']} (after the as-of date: not counted yet)"
            if view["raised_later"]
            else view["raised"] or "(not recorded)",
        ),
        _field("Respond by", view["respond_by"] or "(none)"),
        _field(
            "Responded",
            view["responded"]
            or ("(not recorded)" if view["status"] in ("done", "not-possible") else "(not yet)"),
        ),
        _field("Public", "yes" if view["public"] else "no"),
    ]
    if view["actions"]:
        lines.append(_field("Actions", ", ".join(view["actions"])))
    lines += [("", None), _field("File", view["file"])]
    return lines
