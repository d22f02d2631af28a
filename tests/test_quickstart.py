"""The shipped Knowsley data, as a new user meets it."""

from __future__ import annotations

import json

from conftest import ROOT


def test_shipped_data_is_valid_with_the_plans_real_gaps_as_warnings(cli):
    result = cli("--data", ROOT / "data", "validate")
    assert result.exit_code == 0, result.stderr
    assert "3 strategies, 28 actions, 5 items; no errors" in result.stdout
    assert "warning: action 'GP-07' has no timescale" in result.stderr
    assert "before the strategy's start 2017-04-01" in result.stderr
    assert "has no measurable target" not in result.stderr  # measures in words are normal


def test_shipped_plan_status_in_its_period_lists_all_28_actions(cli):
    result = cli("--data", ROOT / "data", "--as-of", "2018-09-30", "status", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 28
    assert {r["strategy"] for r in rows} == {"cla-2017"}
    assert [r["id"] for r in rows][:3] == ["GP-01", "GP-02", "GP-03"]


def test_show_says_why_an_action_never_updated_is_stale(cli):
    result = cli("--data", ROOT / "data", "--as-of", "2018-09-30", "show", "GP-09")
    assert result.exit_code == 0, result.stderr
    assert "Stale        no progress recorded since it fell due on 2017-05-31\n" in result.stdout


def test_show_marks_an_item_raised_after_the_as_of_date(cli):
    example = ROOT / "examples" / "eastmere"
    result = cli("--data", example, "--as-of", "2024-11-08", "show", "YSWD-2024-06")
    assert "Raised       2024-12-03 (after the as-of date: not counted yet)\n" in result.stdout
