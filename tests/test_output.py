"""Tables on a terminal: rich's, with the lead column giving way, and saying so, when narrow."""

from __future__ import annotations

import io

import pytest

from cpstrategy.output import Cell, write_table

HEADERS = ["ID", "Status", "Lead", "Activity"]
ROWS = [[Cell("GP-01"), Cell("On track"), Cell("Fostering Service"), Cell("Match children.")]]


def terminal_table(monkeypatch: pytest.MonkeyPatch, columns: int) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    out = io.StringIO()
    write_table(HEADERS, ROWS, out, terminal=True, color=False, footer="1 action")
    return out.getvalue()


def test_a_wide_terminal_shows_every_column(monkeypatch):
    text = terminal_table(monkeypatch, 140)
    assert "Lead" in text and "Fostering Service" in text
    assert "not shown" not in text


def test_a_narrow_terminal_leaves_out_the_lead_and_says_so(monkeypatch):
    text = terminal_table(monkeypatch, 80)
    assert "Fostering Service" not in text
    assert text.rstrip().splitlines()[-1] == (
        "(Lead is not shown: the terminal is narrower than 110 columns)"
    )
