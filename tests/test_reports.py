"""`report --board` and `report --young-people`: golden files of the fictional example council,
counts that agree with `status` and `overdue`, escaping of hostile text, privacy of the young
people's report, council templates, and the command line around them.

Regenerate the golden files after a deliberate change, then review the diff by eye:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_reports.py
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import stat
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

import markupsafe
import pytest
import yaml
from conftest import ROOT, write
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from cpstrategy import rendering
from cpstrategy.loading import load
from cpstrategy.rendering import css_string, escape_output, markdown_text, template_dirs
from cpstrategy.reports import (
    MAX_CHECKPOINTS,
    _counts_as_complete_on,
    board_report,
    checkpoints,
    complete_spans,
)
from cpstrategy.views import figure_text, select_scope

EXAMPLE = ROOT / "examples" / "eastmere"
AS_OF = "2024-11-08"
GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
BOARD_SECTIONS = [
    "At a glance",
    "Exceptions",
    "Progress since the last meeting",
    "Success measures",
    "Due in the next 90 days",
    "You said, we did",
    "Data quality",
    "Appendix: every action by priority",
]


def gfm(text: str) -> str:
    """Markdown rendered as a git host would: tables on, raw HTML passed through."""
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(text)


def h2s(markdown: str) -> list[str]:
    return [line[3:] for line in markdown.splitlines() if line.startswith("## ")]


def md_table(markdown: str, heading: str) -> list[list[str]]:
    """The rows (header first, no separator) of the first table after a heading."""
    lines = markdown.splitlines()
    start = next(n for n, line in enumerate(lines) if line == heading)
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("| "):
            rows.append([c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]])
        elif rows:
            break
    return [r for r in rows if not all(set(c) <= set("-: ") for c in r)]


# -- golden files ---------------------------------------------------------------------------

GOLDEN_CASES = {
    "board.md": ["report", "--board"],
    "board.html": ["report", "--board", "--format", "html"],
    "young_people.md": ["report", "--young-people"],
    "young_people.html": ["report", "--young-people", "--format", "html"],
}


@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_example_council_reports_match_their_golden_files(cli, name):
    result = cli("--data", EXAMPLE, "--as-of", AS_OF, *GOLDEN_CASES[name])
    assert result.exit_code == 0, result.stderr
    golden = GOLDEN / name
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8", newline="")
    assert result.stdout == golden.read_text(encoding="utf-8"), (
        f"{name} differs from tests/golden/{name}; if the change is meant, run "
        "UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_reports.py and review the diff"
    )


def test_board_report_has_the_nine_sections_in_order_each_with_content(cli):
    out = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board").stdout
    assert out.startswith("# Progress report: Eastmere Corporate Parenting Strategy 2023-2026\n")
    assert h2s(out) == BOARD_SECTIONS
    for empty in ("No actions are", "No progress has been", "No action in scope", "No items are"):
        assert empty not in out  # the example council gives every section something to show


def test_markdown_tables_stay_tables_on_a_git_host(cli):
    out = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board").stdout
    html = gfm(out)
    # glance, exceptions, progress, measures, due soon, 3 x you said we did, gaps, 4 priorities
    assert html.count("<table>") == 13
    for table in re.findall(r"<table>.*?</table>", html, re.S):
        widths = {
            len(re.findall(r"<t[hd][ >]", row)) for row in re.findall(r"<tr>.*?</tr>", table, re.S)
        }
        assert len(widths) == 1, table  # every row has as many cells as the header


# -- the report agrees with `status` and `overdue` ------------------------------------------


@pytest.mark.parametrize("as_of", ["2023-12-31", AS_OF, "2025-06-30", "2026-04-30"])
def test_at_a_glance_and_exceptions_agree_with_status_and_overdue(cli, as_of):
    base = ("--data", EXAMPLE, "--as-of", as_of)
    report = cli(*base, "report", "--board", "--all").stdout
    status = json.loads(cli(*base, "status", "--all", "--format", "json").stdout)
    overdue = json.loads(cli(*base, "overdue", "--all", "--format", "json").stdout)
    soon = json.loads(cli(*base, "overdue", "--all", "--within", "90", "--format", "json").stdout)

    titles = {}
    for path in (EXAMPLE / "strategies").glob("*.yaml"):
        for p in yaml.safe_load(path.read_text(encoding="utf-8"))["priorities"]:
            titles[p["id"]] = p["title"]
    order = ["complete", "on-track", "at-risk", "off-track", "overdue", "not-started", "withdrawn"]
    expected = {}
    for priority in dict.fromkeys(r["priority"] for r in status):
        counts = Counter(r["status"] for r in status if r["priority"] == priority)
        countable = sum(n for s, n in counts.items() if s != "withdrawn")
        cells = [str(counts[s]) for s in order] + [str(sum(counts.values()))]
        expected[titles[priority]] = [*cells, f"{counts['complete']} of {countable}"]
    glance = {}
    for line in report.split("## At a glance")[1].split("## Exceptions")[0].splitlines():
        cells = [c.strip() for c in line.split("|")[1:-1]]
        if cells and cells[0] in titles.values():
            glance[cells[0]] = cells[1:]
    assert glance == expected

    complete = sum(r["status"] == "complete" for r in status)
    countable = sum(r["status"] != "withdrawn" for r in status)
    assert f"\n{complete} of {countable} actions complete." in report

    exceptions = [r[0] for r in md_table(report, "## Exceptions")[1:]]
    flagged = {r["id"] for r in status if r["status"] in ("overdue", "off-track", "at-risk")}
    assert set(exceptions) == flagged and len(exceptions) == len(flagged)
    late_actions = [r["id"] for r in overdue if r["kind"] == "action"]
    assert exceptions[: len(late_actions)] == late_actions  # most overdue first, as `overdue`

    due_soon = [r[0] for r in md_table(report, "## Due in the next 90 days")[1:]]
    assert due_soon == [r["id"] for r in soon if r["due_soon"]]

    late_items = [r[0] for r in md_table(report, "### Late: no answer by the date promised")[1:]]
    assert late_items == [r["id"] for r in overdue if r["kind"] == "you-said-we-did"]


def test_trajectory_counts_actions_complete_at_each_month_end_by_the_rules(data):
    folder = data(
        {
            "actions/demo/homes.yaml": """
                priority: homes
                actions:
                  - {id: A, activity: One, lead: X, timescale: March 2022,
                     progress: [{date: 2022-02-15, status: complete}]}
                  - {id: B, activity: Two, lead: X, timescale: Quarterly,
                     progress: [{date: 2022-03-20, status: complete}]}
                  - {id: C, activity: Three, lead: X, timescale: June 2022,
                     progress: [{date: 2022-04-02, status: withdrawn}]}
                  - {id: D, activity: Four, lead: X, timescale: May 2022}
            """,
        }
    )
    plan = load(folder).plan
    as_of = date(2022, 5, 10)
    report = board_report(plan, select_scope(plan, as_of), as_of)
    homes = report.glance[0].priorities[0]
    # A is complete from February; B (quarterly, more due dates to come) is never complete
    # by the rules, but up to date from 31 March, when its first due date had been met; C is
    # withdrawn, so it is not counted at all; D has no progress.
    assert [(d.isoformat(), n) for d, n, _ in homes.trajectory.points] == [
        ("2022-01-31", 0),
        ("2022-02-28", 1),
        ("2022-03-31", 2),
        ("2022-04-30", 2),
        ("2022-05-10", 2),
    ]
    assert homes.trajectory.total == 3 and homes.complete == 1 and homes.countable == 3
    # The straight line from none on 1 Jan 2022 to all three by 30 Mar 2024.
    assert homes.trajectory.points[0][2] == round(3 * 30 / 819, 1)
    assert homes.trajectory.planned_now == round(3 * 129 / 819, 1)


@pytest.mark.parametrize("as_of", [date(2022, 7, 31), date(2023, 6, 30), date(2026, 2, 14)])
def test_runs_of_complete_days_are_the_days_the_rules_count_one_by_one(tmp_path, as_of):
    """complete_spans works the answer out once for each run of days between two entries or
    due dates: it must be the answer for each day of the run, for every timescale form."""
    import subprocess
    import sys

    out = tmp_path / "plan"
    subprocess.run(
        [sys.executable, ROOT / "benchmarks" / "generate.py", "600", out, "--seed", "3"],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    plan = load(out / "data").plan
    checked = 0
    for record in plan.actions:
        period = record.strategy.strategy.period
        days = checkpoints(period.start, min(as_of, period.end or as_of))
        one_by_one = [n for n, day in enumerate(days) if _counts_as_complete_on(record, day)]
        runs = [n for first, after in complete_spans(record, days) for n in range(first, after)]
        assert runs == one_by_one, record.id
        checked += bool(runs)
    assert checked > 20  # a fair share of the actions have a run


def test_checkpoints_are_month_ends_then_the_as_of_date():
    assert checkpoints(date(2023, 11, 15), date(2024, 2, 29)) == [
        date(2023, 11, 30),
        date(2023, 12, 31),
        date(2024, 1, 31),
        date(2024, 2, 29),
    ]
    assert checkpoints(date(2024, 3, 1), date(2024, 3, 5)) == [date(2024, 3, 5)]
    assert checkpoints(date(2024, 3, 1), date(2024, 2, 1)) == []


def test_a_span_of_centuries_has_a_few_hundred_checkpoints_not_thousands():
    assert len(checkpoints(date(2004, 4, 1), date(2024, 3, 31))) == MAX_CHECKPOINTS  # monthly
    days = checkpoints(date(2022, 7, 1), date(9999, 12, 31))  # the calendar's last day
    assert len(days) <= MAX_CHECKPOINTS + 1
    assert days[0] == date(2022, 7, 31) and days[-1] == date(9999, 12, 31)
    assert days == sorted(set(days))


def test_a_board_report_as_of_a_mistyped_far_year_is_written_like_any_other(cli, tmp_path):
    # An open-ended strategy charted from 2022 to 3024: every month end was worked out, for
    # seconds; the calendar's last day was an internal error.
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    strategy = data / "strategies" / "cp-2023.yaml"
    strategy.write_text(re.sub(r", end: \d{4}-\d\d-\d\d", "", strategy.read_text()))
    for as_of in ("3024-11-08", "9999-12-31"):
        result = cli("--data", data, "--as-of", as_of, "report", "--board", "--format", "html")
        assert result.exit_code == 0, result.stderr
        assert result.stdout.count('<th scope="row">') < 4 * (MAX_CHECKPOINTS + 1) + 200


# -- the previous meeting -------------------------------------------------------------------


def progress_heading(out: str) -> str:
    return out.split("## Progress since the last meeting\n\n")[1].splitlines()[0]


def test_progress_since_the_meeting_before_the_meeting_given(cli):
    base = ("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board")
    out = cli(*base, "--meeting", "2024-09-17").stdout
    assert "- **Meeting:** 17 September 2024\n" in out
    assert progress_heading(out) == (
        "Progress reported since the last meeting on 18 June 2024, up to 8 November 2024."
    )
    rows = md_table(out, "## Progress since the last meeting")[1:]
    assert [r[0] for r in rows][:2] == ["25 Jun 2024", "10 Jul 2024"]  # after 18 June


def test_progress_since_defaults_to_the_last_meeting_before_the_as_of_date(cli):
    out = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board").stdout
    assert "- **Meeting:** 19 November 2024\n" in out  # the next one on or after the as-of date
    assert "- **Progress since:** the last meeting, 17 September 2024\n" in out
    dates = [r[0] for r in md_table(out, "## Progress since the last meeting")[1:]]
    assert dates[0] == "20 Sep 2024" and dates[-1] == "28 Oct 2024"


def test_since_lists_entries_dated_after_it(cli):
    out = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", "--since", "2024-10-15")
    assert progress_heading(out.stdout) == (
        "Progress reported after 15 October 2024, up to 8 November 2024."
    )
    rows = md_table(out.stdout, "## Progress since the last meeting")[1:]
    assert [(r[0], r[1]) for r in rows] == [("20 Oct 2024", "H-04"), ("28 Oct 2024", "A-04")]


def test_without_an_earlier_meeting_every_entry_is_listed_and_the_report_says_so(cli, data):
    folder = data(
        {
            "actions/demo/homes.yaml": """
                priority: homes
                actions:
                  - {id: A, activity: One, lead: X, timescale: March 2022,
                     progress: [{date: 2022-01-05, status: on-track, note: Begun.}]}
            """,
        }
    )
    out = cli("--data", folder, "--as-of", "2022-02-01", "report", "--board").stdout
    assert "- **Meeting:** not set\n" in out
    assert progress_heading(out) == (
        "There is no earlier meeting in boards.yaml, so this lists every progress report up to "
        "1 February 2022."
    )
    assert md_table(out, "## Progress since the last meeting")[1][:2] == ["5 Jan 2022", "A"]


def test_every_section_is_present_and_says_so_when_empty(cli, data):
    out = cli("--data", data(), "--as-of", "2022-06-01", "report", "--board").stdout
    assert h2s(out) == BOARD_SECTIONS
    for sentence in (
        "No actions are overdue. None is off track or at risk.",
        "No progress has been reported in this period.",
        "No action in scope has a measurable success measure.",
        "No actions are due in the next 90 days.",
        "No items are late.",
        "No items are open.",
        "No answers were given in this period.",
        "No actions.",
    ):
        assert sentence in out
    html = cli("--data", data(), "--as-of", "2022-06-01", "report", "--board", "--format", "html")
    assert html.exit_code == 0 and "No actions are due in the next 90 days." in html.stdout


def test_no_strategy_in_scope_still_reports_the_items(cli, data):
    folder = data(
        {
            "you-said-we-did/items.yaml": """
                items:
                  - {id: Y-1, you_said: More trips., status: open, respond_by: 2021-03-01}
            """,
        }
    )
    result = cli("--data", folder, "--as-of", "2021-06-01", "report", "--board")
    assert result.exit_code == 0
    assert "no strategy is in its period on 2021-06-01" in result.stderr
    assert h2s(result.stdout) == BOARD_SECTIONS
    assert "No strategy is in its period on 1 June 2021." in result.stdout
    assert md_table(result.stdout, "### Late: no answer by the date promised")[1][:2] == [
        "Y-1",
        "More trips.",
    ]


# -- escaping -------------------------------------------------------------------------------

HOSTILE = "<script>window.__pwned = 1</script> | a <img src=x onerror=alert(1)> & *b* [c](d)"


@pytest.fixture
def hostile(data):
    """A data folder whose every text field holds markup, pipes and line breaks."""
    strategy = """
        id: demo
        title: "Demo </style><script>alert('title')</script> \\" strategy"
        period: {start: 2022-01-01, end: 2024-03-30}
        priorities:
          - {id: homes, title: "<b>Homes</b> | one"}
    """
    return data(
        {
            "actions/demo/homes.yaml": f"""
                priority: homes
                actions:
                  - id: A-1
                    activity: "{HOSTILE}\\nsecond line"
                    lead: ["<i>Team</i> | two"]
                    timescale: March 2022
                    measures:
                      - text: "{HOSTILE}"
                        target: 5
                        baseline: {{date: 2021-12-31, value: 1}}
                        actuals: [{{date: 2022-03-31, value: 2}}]
                        comparators: [{{name: "<em>England</em>", date: 2022-03-31, value: 3}}]
                    progress:
                      - {{date: 2022-02-01, status: at-risk, note: "{HOSTILE}", by: "<u>X</u>"}}
            """,
            "you-said-we-did/items.yaml": f"""
                items:
                  - {{id: Y-1, raised: 2022-01-10, you_said: "{HOSTILE}", we_did: "{HOSTILE}",
                     status: in-progress, respond_by: 2022-12-31, public: true}}
            """,
        },
        strategy=strategy,
    )


@pytest.mark.parametrize("kind", ["--board", "--young-people"])
def test_markup_in_the_data_is_shown_as_text_in_html(cli, hostile, kind):
    out = cli("--data", hostile, "--as-of", "2022-06-01", "report", kind, "--format", "html")
    assert out.exit_code == 0, out.stderr
    html = out.stdout
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert (
        "&lt;script&gt;window.__pwned = 1&lt;/script&gt; | a &lt;img src=x onerror=alert(1)&gt;"
        in html
    )
    # The running header is a CSS string: nothing in it can close the <style> element.
    assert html.count("</style>") == 1


def test_line_breaks_in_the_data_are_kept_in_html_and_markup_still_escaped(cli, hostile, data):
    html = cli("--data", hostile, "--as-of", "2022-06-01", "report", "--board", "--format",
               "html").stdout  # fmt: skip
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; *b* [c](d)<br>\nsecond line</td>" in html
    folder = data(
        {
            "you-said-we-did/items.yaml": """
                items:
                  - id: Y-1
                    raised: 2022-01-10
                    you_said: Better Wi-Fi in our homes.
                    we_did: |
                      We did three things:
                      1. New routers in <every> home.
                      2. No more time limits.
                    status: done
                    responded: 2022-03-01
                    public: true
            """,
        }
    )
    young = cli("--data", folder, "--as-of", "2022-06-01", "report", "--young-people",
                "--format", "html").stdout  # fmt: skip
    assert (
        "<dd>We did three things:<br>\n1. New routers in &lt;every&gt; home.<br>\n"
        "2. No more time limits.</dd>"
    ) in young


def test_markup_pipes_and_line_breaks_in_the_data_stay_inside_markdown_cells(cli, hostile):
    out = cli("--data", hostile, "--as-of", "2022-06-01", "report", "--board").stdout
    rendered = gfm(out)
    assert "<script" not in rendered and "<img" not in rendered and "<em>England" not in rendered
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt; | a &lt;img" in rendered
    exceptions = md_table(out, "## Exceptions")
    assert len(exceptions) == 2 and len(exceptions[1]) == 7  # one row, seven cells
    assert exceptions[1][1].endswith("<br>second line")
    for table in re.findall(r"<table>.*?</table>", rendered, re.S):
        widths = {
            len(re.findall(r"<t[hd][ >]", r)) for r in re.findall(r"<tr>.*?</tr>", table, re.S)
        }
        assert len(widths) == 1


def test_markdown_escaping_of_one_cell():
    assert markdown_text("a | b\nc <d> &amp; e") == r"a \| b<br>c &lt;d&gt; &amp;amp; e"
    assert markdown_text("# not a heading") == r"\# not a heading"
    assert markdown_text("1. not a list") == r"1\. not a list"
    assert markdown_text("10.5% and 3 - 2") == "10.5% and 3 - 2"
    assert markdown_text("snake_case but _emphasis_") == r"snake_case but \_emphasis\_"
    assert markdown_text("Health & Wellbeing") == "Health & Wellbeing"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.integers(), st.floats(), st.dates()))
def test_printed_values_are_escaped_as_markupsafe_escapes_them(value):
    assert escape_output(value) == markupsafe.escape(value)


def test_date_filters_remember_dates_and_take_anything_else_as_before():
    from cpstrategy.reports import long_date, month_year, short_date

    day = date(2024, 11, 8)
    assert (long_date(day), short_date(day), month_year(day)) == (
        "8 November 2024", "8 Nov 2024", "Nov 2024"
    )  # fmt: skip
    assert short_date(day) is short_date(date(2024, 11, 8))  # written once
    for empty in (None, "", [], {}):  # printed as nothing, unhashable or not
        assert long_date(empty) == short_date(empty) == month_year(empty) == ""
    with pytest.raises(AttributeError):  # a template's mistake, reported as it was
        short_date(["2024-11-08"])


def test_markup_and_html_objects_are_printed_as_they_are():
    class Safe:
        def __html__(self) -> str:
            return "<b>safe</b>"

    assert escape_output(Safe()) == "<b>safe</b>"
    assert escape_output(markupsafe.Markup("<br>")) == "<br>"
    assert escape_output(HOSTILE) == str(markupsafe.escape(HOSTILE))


@pytest.mark.parametrize("autoescape", [True, False])  # HTML's and Markdown's settings
@pytest.mark.parametrize("finalize", [None, lambda v: "" if v is None else v])
def test_printed_values_are_written_as_jinja_writes_them(finalize, autoescape):
    import enum

    import jinja2

    from cpstrategy.rendering import _environment_class

    class Word(enum.StrEnum):
        HOSTILE = "<i>&</i>"

    class Safe:
        def __html__(self) -> str:
            return "<b>safe</b>"

    values = [HOSTILE, "", markupsafe.Markup("<br>"), Word.HOSTILE, Safe(), 3, -2.5, None,
              date(2024, 2, 29), ["<", 1], {"a": "<b>"}]  # fmt: skip
    # Values printed alone and with others, in loops, macros, call and filter blocks, `set`
    # blocks, and blocks of a template that extends another (which print nothing outside them).
    templates = {
        "page": """{% macro cell(v) %}<td>{{ v }}</td>{% endmacro %}
            {% macro wrap() %}<b>{{ caller() }}</b>{% endmacro %}
            {% for v in values %}[{{ v }}|{{ v if v else '<none>' }}]{{ cell(v) }}
            {% call wrap() %}{{ v }}!{{ loop.index }}{% endcall %}{{ v }}{% endfor %}
            {% set both %}{{ values[0] }}{{ values[1] }}{% endset %}{{ both }}
            {% filter upper %}{{ values[0] }}a{{ values[2] }}{% endfilter %}{{ 1 ~ '<' }}
            {% block a %}{{ values[0] }}-{{ values[3] }}{% endblock %}""",
        "extends": """{% extends "page" %}{{ values[0] }}{{ values[1] }} printed nowhere
            {% block a %}{{ super() }}/{{ values[4] }}{{ values[5] }}{% endblock %}""",
    }
    options = {"autoescape": autoescape, "finalize": finalize}
    options["loader"] = jinja2.DictLoader(templates)
    ours, theirs = _environment_class(jinja2)(**options), jinja2.Environment(**options)
    for name in templates:
        expected = theirs.get_template(name).render(values=values)
        assert ours.get_template(name).render(values=values) == expected
        assert "".join(ours.get_template(name).generate(values=values)) == expected


def test_html_templates_print_through_our_escaping(cli, tmp_path):
    """The board report's values go through escape_output (a template printing a value some
    other way would be slower, or, if autoescaping were off, unsafe)."""
    (tmp_path / "board.html.j2").write_text(
        "{{ report.title }}|{{ report.board_name ~ '<x>' }}|{{ 3 }}\n"
    )
    import jinja2

    from cpstrategy.rendering import _environment_class

    env = _environment_class(jinja2)(autoescape=True)
    code = env.compile((tmp_path / "board.html.j2").read_text(), raw=True)
    assert code.count("environment.escape_output(") == 2  # (the constant 3 is written as text)
    assert code.count("environment.escape_text(") == 2  # a string, the usual value, straight
    result = cli("--as-of", AS_OF, "--data", str(EXAMPLE), "report", "--board",
                 "--format", "html", "--template-dir", str(tmp_path))  # fmt: skip
    assert result.stdout.endswith("Board&lt;x&gt;|3\n")


def test_chart_text_is_escaped_in_the_svg():
    from cpstrategy.charts import Chart, Label, Series
    from cpstrategy.rendering import chart_svg

    chart = Chart(
        150, 48, 'A "quoted" <b>label</b> & more',
        (Series("6,10.2 144,10.2", (), "target"),),
        (Label(29, 124.0, "<i>0</i>", "end"),), "M34 12V120H306", (12.0,),
    )  # fmt: skip
    svg = chart_svg(chart, "spark")
    label = "A &#34;quoted&#34; &lt;b&gt;label&lt;/b&gt; &amp; more"
    assert svg == (
        f'<svg class="spark" viewBox="0 0 150 48" width="150" height="48" role="img" '
        f'aria-label="{label}">\n<title>{label}</title>\n'
        '<line class="grid" x1="0" x2="150" y1="12.0" y2="12.0"/>\n'
        '<path class="axis" d="M34 12V120H306"/>\n'
        '<polyline class="target" points="6,10.2 144,10.2"/>\n'
        '<text x="29" y="124.0" text-anchor="end">&lt;i&gt;0&lt;/i&gt;</text>\n</svg>'
    )


def test_attributes_in_templates_mean_what_they_mean_in_jinja():
    """x.name is read by Python's getattr first: the same answers as Jinja's own, which falls
    back to x["name"], then to undefined."""
    import jinja2

    from cpstrategy.rendering import _environment_class

    class Thing:
        name = "thing"

        @property
        def broken(self) -> str:
            raise AttributeError("inside")

    env = _environment_class(jinja2)(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(
        "{{ t.name }} {{ d.key }} {{ d.items is defined }} {{ t.missing is defined }}"
        " {{ t.broken is defined }} {{ (t).name }}"
    )
    assert template.render(t=Thing(), d={"key": "<k>"}) == "thing &lt;k&gt; True False False thing"
    with pytest.raises(jinja2.UndefinedError, match="has no attribute 'missing'"):
        env.from_string("{{ t.missing }}").render(t=Thing())
    assert "getattr(" in env.compile("{{ t.name }}", raw=True)


def test_css_strings_cannot_end_the_string_or_the_style_element():
    assert css_string('a "b" </style>') == '"a \\000022b\\000022 \\00003c/style\\00003e"'


# -- the young people's report --------------------------------------------------------------


def test_young_peoples_report_shows_public_items_only_without_staff_names_or_rag_words(cli, data):
    folder = data(
        {
            "actions/demo/homes.yaml": """
                priority: homes
                actions:
                  - {id: A-1, activity: Ask about trips., lead: [Jo Bloggs Team],
                     timescale: March 2022,
                     progress: [{date: 2022-01-05, status: off-track, by: Sam Smith}]}
            """,
            "you-said-we-did/items.yaml": """
                items:
                  - {id: Y-1, raised: 2022-01-01, you_said: We want more trips., status: done,
                     we_did: Two more trips a year., responded: 2022-02-01, public: true,
                     actions: [A-1], from: Sam Smith}
                  - {id: Y-2, raised: 2022-01-01, you_said: PRIVATE about one child.,
                     we_did: PRIVATE answer., status: done, responded: 2022-02-01}
                  - {id: Y-3, raised: 2022-01-01, you_said: Later bedtimes., status: open,
                     respond_by: 2022-03-01, public: true}
                  - {id: Y-4, raised: 2022-01-01, you_said: Our own keys., status: in-progress,
                     respond_by: 2022-09-30, public: true, we_did: Asking carers now.}
                  - {id: Y-5, raised: 2022-01-01, you_said: Free gym., status: not-possible,
                     we_did: The gym is not ours to give., responded: 2022-04-01, public: true}
            """,
        }
    )
    for fmt in ("md", "html"):
        result = cli("--data", folder, "--as-of", "2022-05-01", "report", "--young-people",
                     "--format", fmt)  # fmt: skip
        out = re.sub(r"<style>.*</style>", "", result.stdout, flags=re.S)  # what a reader sees
        assert result.exit_code == 0, result.stderr
        for hidden in ("PRIVATE", "Jo Bloggs", "Sam Smith", "A-1", "Y-1"):
            assert hidden not in out
        for jargon in ("RAG", "Red", "Amber", "Green", "overdue", "Overdue", "off track"):
            assert jargon not in out
        for shown in ("We want more trips.", "Two more trips a year.", "The gym is not ours"):
            assert shown in out
        assert "By 30 September 2022." in out  # when they will hear back
        assert "We said we would tell you by 1 March 2022. We are late, and we are sorry." in out
    md = cli("--data", folder, "--as-of", "2022-05-01", "report", "--young-people").stdout
    assert "You told us 4 things. We have done 1. We could not do 1" in md


def test_an_answer_given_after_the_as_of_date_is_still_being_worked_on_then(cli, data):
    folder = data(
        {
            "you-said-we-did/items.yaml": """
                items:
                  - {id: Y-1, raised: 2022-01-01, you_said: More trips., status: done,
                     we_did: LATER ANSWER, respond_by: 2022-06-30, responded: 2022-05-01,
                     public: true}
            """,
        }
    )
    out = cli("--data", folder, "--as-of", "2022-03-01", "report", "--young-people").stdout
    assert "LATER ANSWER" not in out
    assert "## Things we are still working on\n\n**You said:** More trips." in out
    assert "**When you will hear back:** By 30 June 2022." in out


# -- templates ------------------------------------------------------------------------------


def test_templates_are_found_in_the_package_or_the_repository():
    builtin = template_dirs()[-1]
    assert (builtin / "board.html.j2").is_file() and (builtin / "young_people.md.j2").is_file()
    assert template_dirs(Path("mine"))[0] == Path("mine")


def test_a_council_template_overrides_one_file_and_keeps_the_rest(cli, tmp_path):
    mine = write(tmp_path / "mine", {"_masthead.html.j2": "<p>Borough of Testshire</p>\n"})
    out = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", "--format", "html",
              "--template-dir", mine).stdout  # fmt: skip
    assert "<p>Borough of Testshire</p>" in out
    assert 'class="body-name"' not in out  # our masthead was replaced ...
    assert '<h2 id="appendix">' in out  # ... and everything else is ours


def test_a_council_markdown_template_is_escaped_by_default(cli, tmp_path):
    mine = write(
        tmp_path / "mine",
        {"board.md.j2": "{% for a in report.exceptions %}{{ a.activity }}\n{% endfor %}"},
    )
    result = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", "--template-dir", mine)
    assert result.stdout.splitlines()[0].startswith("Offer every care leaver")
    hostile = write(tmp_path / "mine2", {"young_people.md.j2": "{{ '<b>|x' }}\n"})
    out = cli("--data", EXAMPLE, "report", "--young-people", "--template-dir", hostile).stdout
    assert out == "&lt;b&gt;\\|x\n"


def test_a_broken_council_template_is_an_error_naming_its_file_and_line(cli, tmp_path):
    mine = write(tmp_path / "mine", {"board.md.j2": "line one\n{% for x in %}\n"})
    result = cli("--data", EXAMPLE, "report", "--board", "--template-dir", mine)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"{mine / 'board.md.j2'}:2: error: template error: "
        "Expected an expression, got 'end of statement block'"
    )


# -- the command line -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "choose exactly one of --board or --young-people"),
        (("--board", "--young-people"), "choose exactly one of --board or --young-people"),
        (("--young-people", "--all"), "applies to --board only"),
        (("--young-people", "--meeting", "2024-01-01"), "applies to --board only"),
        (("--young-people", "--public-only"), "applies to --board only"),  # it always is
        (("--board", "--meeting", "2024-01-01", "--since", "2024-01-01"), "not both"),
        (("--board", "--since", "2024-13-01"), "'2024-13-01' is not a date"),
        (("--board", "--output", "board.pdf"), "cannot tell the format from 'board.pdf'"),
        (("--board", "--format", "pdf"), "'pdf' is not one of"),
        (("--board", "--template-dir", "no/such/dir"), "no folder at 'no/such/dir'"),
    ],
)
def test_wrong_usage_exits_2_and_writes_nothing(cli, tmp_path, args, message):
    result = cli("--data", EXAMPLE, "report", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_output_format_follows_the_extension_and_the_file_is_replaced_whole(cli, tmp_path):
    target = tmp_path / "paper.HTML"
    target.write_text("old", encoding="utf-8")
    result = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", "--output", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == (GOLDEN / "board.html").read_text(encoding="utf-8")
    md = tmp_path / "paper.md"
    cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--young-people", "--output", md)
    assert md.read_text(encoding="utf-8") == (GOLDEN / "young_people.md").read_text(
        encoding="utf-8"
    )
    forced = tmp_path / "paper.html"
    cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", "--format", "md", "--output",
        forced)  # fmt: skip
    assert forced.read_text(encoding="utf-8").startswith("# Progress report: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.HTML", "paper.html", "paper.md"]
    assert oct(md.stat().st_mode & 0o777) != oct(0o600)  # not a temporary file's permissions


def test_output_into_a_missing_folder_is_wrong_usage_found_before_the_data_is_read(
    cli, tmp_path, data, monkeypatch
):
    broken = data({"actions/demo/homes.yaml": "priority: homes\nactions:\n  - {id: A}\n"})
    for folder in (EXAMPLE, broken):  # refused before the data is read, broken or not
        result = cli("--data", folder, "report", "--board", "--output", tmp_path / "no" / "b.md")
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.splitlines()[-1] == (
            f"Error: Invalid value for '--output': no folder '{tmp_path / 'no'}' to write b.md into"
        )
    folder_given = cli("--data", EXAMPLE, "report", "--board", "--output", tmp_path)
    assert folder_given.exit_code == 2
    assert f"'{tmp_path}' is a folder; give a file name" in folder_given.stderr
    monkeypatch.chdir(tmp_path)
    for name in ("reports/", f"{tmp_path}/", "board.html/"):  # a folder's, there or not
        slashed = cli("--data", EXAMPLE, "report", "--board", "--format", "md", "--output", name)
        assert slashed.exit_code == 2 and slashed.stdout == ""
        assert f"'{name}' is a folder; give a file name" in slashed.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["data"]


def test_a_report_is_never_written_over_a_yaml_file(cli, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    before = (data / "boards.yaml").read_bytes()
    for fmt in ("md", "html"):
        result = cli("--data", data, "report", "--board", "--format", fmt,
                     "--output", data / "boards.yaml")  # fmt: skip
        assert result.exit_code == 2
        assert "is a YAML file name; a report is Markdown or HTML (.md or .html)" in result.stderr
    assert (data / "boards.yaml").read_bytes() == before


def test_strategy_chooses_what_the_board_report_covers(cli):
    base = ("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board")
    old = cli(*base, "--strategy", "cla-2019").stdout
    assert old.startswith("# Progress report: Eastmere Children Looked After Strategy 2019-2023\n")
    assert "\n3 of 3 actions complete." in old
    both = cli(*base, "--all").stdout
    assert both.startswith("# Progress report: corporate parenting strategies\n")
    assert "\n9 of 25 actions complete." in both
    unknown = cli(*base, "--strategy", "cp-2032")
    assert unknown.exit_code == 1 and unknown.stdout == ""
    assert "no strategy 'cp-2032'; did you mean 'cp-2023'?" in unknown.stderr


def test_data_errors_exit_1_with_nothing_on_stdout(cli, data):
    folder = data({"actions/demo/homes.yaml": "priority: homes\nactions:\n  - {id: A}\n"})
    result = cli("--data", folder, "report", "--board")
    assert result.exit_code == 1 and result.stdout == ""


def test_report_help_has_an_example(cli):
    result = cli("report", "--help")
    assert result.exit_code == 0
    assert "Example: cpstrategy --as-of 2018-09-30 report --board --output board.html" in (
        " ".join(result.stdout.split())
    )


# -- a report as of a date shows only what was known then -----------------------------------


def test_figures_dated_after_the_as_of_date_are_not_shown(cli, data):
    folder = data(
        {
            "actions/demo/homes.yaml": """
                priority: homes
                actions:
                  - id: A
                    activity: One
                    lead: X
                    timescale: March 2023
                    measures:
                      - text: Early figures
                        target: 90
                        unit: "%"
                        baseline: {date: 2022-03-31, value: 80}
                        actuals: [{date: 2022-04-30, value: 86}, {date: 2022-09-30, value: 99}]
                        comparators:
                          - {name: England, date: 2022-03-31, value: 81}
                          - {name: England, date: 2022-09-30, value: 98}
                          - {name: Statistical neighbours, date: 2022-09-30, value: 97}
                      - text: Later figures
                        target: 90
                        unit: "%"
                        baseline: {date: 2022-08-31, value: 70}
                        actuals: [{date: 2022-09-30, value: 75}]
                        comparators: [{name: England, date: 2022-09-30, value: 96}]
            """,
        }
    )
    out = cli("--data", folder, "--as-of", "2022-06-30", "report", "--board").stdout
    # Statistical neighbours published only in September: no column yet. England's September
    # figure is not known either, and neither is anything of "Later figures".
    assert md_table(out, "## Success measures") == [
        ["Action", "Measure", "Baseline", "Latest", "Target", "England", "Rating", "Trend"],
        ["A", "Early figures", "80% (Mar 2022)", "86% (Apr 2022)", "90%", "81% (Mar 2022)",
         "Amber", "Improving"],
        ["A", "Later figures", "–", "–", "90%", "–", "Not rated", "Not enough figures"],
    ]  # fmt: skip
    html = cli("--data", folder, "--as-of", "2022-06-30", "report", "--board", "--format", "html")
    for later in ("99%", "98%", "97%", "70%", "75%", "96%", "Sep 2022", "Aug 2022"):
        assert later not in html.stdout


def test_a_comparator_named_in_another_case_or_spacing_shares_its_column(cli, data):
    folder = data({"actions/demo/homes.yaml": """
        priority: homes
        actions:
          - id: A
            activity: One
            measures:
              - text: First
                target: 90
                comparators: [{name: England, date: 2022-03-31, value: 81}]
              - text: Second
                target: 90
                comparators: [{name: " england ", date: 2022-03-31, value: 82}]
    """})  # fmt: skip
    out = cli("--data", folder, "--as-of", "2022-06-30", "report", "--board").stdout
    assert [row[:2] + row[5:6] for row in md_table(out, "## Success measures")] == [
        ["Action", "Measure", "England"],
        ["A", "First", "81 (Mar 2022)"],
        ["A", "Second", "82 (Mar 2022)"],
    ]


def test_figures_are_shown_as_written_so_they_agree_with_their_rating(cli, data):
    folder = data(
        {
            "actions/demo/homes.yaml": """
                priority: homes
                actions:
                  - id: A
                    activity: One
                    lead: X
                    timescale: March 2023
                    measures:
                      - text: Health assessments
                        target: 90
                        unit: "%"
                        baseline: {date: 2022-03-31, value: 84.996}
                        actuals: [{date: 2022-04-30, value: 84.996}]
                      - text: A small proportion
                        target: 0.6
                        baseline: {date: 2022-03-31, value: 0.004}
                        actuals: [{date: 2022-04-30, value: 0.001}]
            """,
        }
    )
    out = cli("--data", folder, "--as-of", "2022-06-30", "report", "--board").stdout
    # Rounded, the first would read 85% against 90% (Amber), the second "0 -> 0, Worsening".
    assert md_table(out, "## Success measures")[1:] == [
        ["A", "Health assessments", "84.996% (Mar 2022)", "84.996% (Apr 2022)", "90%", "Red",
         "No change"],
        ["A", "A small proportion", "0.004 (Mar 2022)", "0.001 (Apr 2022)", "0.6", "Red",
         "Worsening"],
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "text"),
    [(1.0, "1"), (84.996, "84.996"), (-0.0, "0"), (1e-05, "0.00001"), (0.1 + 0.2, "0.3"),
     (1e16, "10000000000000000"), (1.7e308, "1.7e+308"), (-3.5, "-3.5"), (7, "7")],
)  # fmt: skip
def test_a_figure_keeps_its_digits_without_binary_noise(value, text):
    assert figure_text(value) == text


def test_the_example_councils_2023_baselines_are_not_in_a_report_as_of_january_2023(cli):
    base = ("--data", EXAMPLE, "--as-of", "2023-01-01", "report", "--board")
    rows = md_table(cli(*base, "--strategy", "cp-2023").stdout, "## Success measures")[1:]
    assert len(rows) == 12
    # Only L-04's baseline (July 2022) was known; the others are dated March 2023.
    assert {r[0]: r[2] for r in rows if r[2] != "–"} == {"L-04": "91.2% (Jul 2022)"}
    assert {r[3] for r in rows} == {"–"}  # no actual yet


# -- --meeting and --since ------------------------------------------------------------------


def usage_error(result) -> str:
    assert result.exit_code == 2 and result.stdout == "", result.stderr
    return result.stderr.splitlines()[-1]


def test_since_after_the_as_of_date_is_wrong_usage(cli):
    result = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", "--since", "2024-12-01")
    assert usage_error(result) == (
        "Error: Invalid value for '--since': 1 December 2024 is after the as-of date, "
        "8 November 2024: nothing after it is known yet; give an earlier --since or a later "
        "--as-of"
    )
    same_day = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", "--since", AS_OF)
    assert same_day.exit_code == 0
    assert "No progress has been reported in this period." in same_day.stdout


def test_a_meeting_whose_previous_meeting_is_after_the_as_of_date_is_wrong_usage(cli):
    result = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", "--meeting",
                 "2025-01-21")  # fmt: skip
    assert usage_error(result) == (
        "Error: Invalid value for '--meeting': the meeting before 21 January 2025 is on "
        "19 November 2024, after the as-of date, 8 November 2024, so no progress since it is "
        "known yet; give --as-of 2024-11-19 or later, or --since DATE"
    )
    later = cli("--data", EXAMPLE, "--as-of", "2024-12-01", "report", "--board", "--meeting",
                "2025-01-21")  # fmt: skip
    assert later.exit_code == 0
    assert progress_heading(later.stdout) == (
        "Progress reported since the last meeting on 19 November 2024, up to 1 December 2024."
    )


def test_a_past_meeting_that_boards_yaml_does_not_list_is_warned_about(cli):
    # 1 October 2024 is a meeting of the second board (Voices), not of the board reported to.
    result = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", "--meeting",
                 "2024-10-01")  # fmt: skip
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        "cpstrategy: warning: --meeting 1 October 2024 is not a meeting of the Eastmere "
        "Corporate Parenting Board in boards.yaml; the meetings nearest then are 18 June 2024, "
        "17 September 2024, 19 November 2024 and 21 January 2025"
    )
    assert "- **Meeting:** 1 October 2024\n" in result.stdout
    assert "- **Progress since:** the last meeting, 17 September 2024\n" in result.stdout


def test_a_coming_meeting_that_boards_yaml_does_not_list_is_warned_about(cli):
    result = cli("--data", EXAMPLE, "--as-of", "2024-11-25", "report", "--board", "--meeting",
                 "2024-12-10")  # fmt: skip
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        "cpstrategy: warning: --meeting 10 December 2024 is not a meeting of the Eastmere "
        "Corporate Parenting Board in boards.yaml; the meetings nearest then are "
        "17 September 2024, 19 November 2024, 21 January 2025 and 18 March 2025"
    )
    assert "- **Meeting:** 10 December 2024\n" in result.stdout
    assert "- **Progress since:** the last meeting, 19 November 2024\n" in result.stdout


def test_a_meeting_with_no_boards_yaml_is_warned_about_and_lists_every_entry(cli, data):
    folder = data()
    result = cli("--data", folder, "--as-of", "2022-06-01", "report", "--board", "--meeting",
                 "2022-06-15")  # fmt: skip
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        "cpstrategy: warning: --meeting 15 June 2022 is not a meeting of any board in "
        "boards.yaml; boards.yaml lists no meetings"
    )
    past = cli("--data", folder, "--as-of", "2022-06-01", "report", "--board", "--meeting",
               "2022-05-15")  # fmt: skip
    assert past.exit_code == 0
    assert past.stderr.splitlines()[-1] == (
        "cpstrategy: warning: --meeting 15 May 2022 is not a meeting of any board in "
        "boards.yaml; boards.yaml lists no meetings"
    )


def test_both_reports_take_a_meeting_on_the_as_of_date_as_the_next_one(cli):
    base = ("--data", EXAMPLE, "--as-of", "2024-11-19", "report")
    board = cli(*base, "--board").stdout
    assert "- **Meeting:** 19 November 2024\n" in board
    assert "- **Progress since:** the last meeting, 17 September 2024\n" in board
    young = cli(*base, "--young-people").stdout
    assert "The Eastmere Corporate Parenting Board next meets on 19 November 2024.\n" in young
    html = cli(*base, "--young-people", "--format", "html").stdout
    assert "next meets on 19 November 2024." in html


# -- the success measures of a large plan, written by a second process ----------------------


@pytest.fixture
def aside(monkeypatch, tmp_path):
    """Every plan counts as large, a second process can be had (with one core, too), and each
    process that works out the success measures is noted: returns the ids of those processes."""
    from cpstrategy import forked, reports

    if not hasattr(os, "fork"):
        pytest.skip("no fork() here")
    monkeypatch.setattr(reports, "ASIDE_FROM_ACTIONS", 0)
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    noted = tmp_path / "measured-by"
    measures = reports._measures

    def noting(*args):
        with noted.open("a") as file:
            file.write(f"{os.getpid()}\n")
        return measures(*args)

    monkeypatch.setattr(reports, "_measures", noting)
    return lambda: [int(pid) for pid in noted.read_text().split()] if noted.exists() else []


def no_process_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.parametrize("name", ["board.md", "board.html"])
def test_measures_written_by_a_second_process_are_those_written_in_one(cli, aside, name):
    result = cli("--data", EXAMPLE, "--as-of", AS_OF, *GOLDEN_CASES[name])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (GOLDEN / name).read_text(encoding="utf-8")
    measured_by = aside()
    assert len(measured_by) == 1 and measured_by[0] != os.getpid()  # not worked out here
    assert no_process_left()


def test_this_process_writes_what_follows_the_measures_without_waiting_for_them(
    cli, aside, monkeypatch
):
    written_before_waiting = []
    received = rendering._Aside._received

    def noted(self):
        view = self.context["report"]
        written_before_waiting.extend(k for k in ("gaps", "appendix") if k in vars(view))
        return received(self)

    monkeypatch.setattr(rendering._Aside, "_received", noted)
    result = cli("--data", EXAMPLE, "--as-of", AS_OF, *GOLDEN_CASES["board.html"])
    assert result.stdout == (GOLDEN / "board.html").read_text(encoding="utf-8")
    assert written_before_waiting == ["gaps", "appendix"]  # the sections after the measures


@pytest.mark.parametrize("name", ["board.md", "board.html"])
def test_several_sections_written_by_a_second_process_are_put_in_their_places(
    cli, aside, monkeypatch, tmp_path, name
):
    from cpstrategy import reports

    # The first section, one in the middle, one straight after it, and the last.
    sections = ("summary", "measures", "due_soon", "appendix")
    monkeypatch.setattr(reports, "ASIDE_SECTIONS", {"md": sections, "html": sections})
    noted = tmp_path / "written-by"
    blocks_alone = rendering._blocks_alone

    def noting(*args):
        written = blocks_alone(*args)
        noted.write_text(json.dumps([os.getpid(), *written]))
        return written

    monkeypatch.setattr(rendering, "_blocks_alone", noting)
    views = []
    received = rendering._Aside._received

    def noting_the_view(self):
        views.append(self.context["report"])
        return received(self)

    monkeypatch.setattr(rendering._Aside, "_received", noting_the_view)
    result = cli("--data", EXAMPLE, "--as-of", AS_OF, *GOLDEN_CASES[name])
    assert result.stdout == (GOLDEN / name).read_text(encoding="utf-8")
    pid, *written = json.loads(noted.read_text())
    assert pid != os.getpid() and written == list(sections)
    # Their text came from the other process: this one never worked out what only they show.
    assert not {"due_soon", "appendix"} & vars(views[0]).keys()
    assert no_process_left()


def test_a_second_process_whose_end_cannot_be_waited_for_is_not_needed(cli, aside, monkeypatch):
    """With SIGCHLD ignored (as a parent process may leave it), a forked process is reaped
    unseen and its exit status lost: what it wrote is not trusted, and the work is done here."""
    import signal

    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        result = cli("--data", EXAMPLE, "--as-of", AS_OF, *GOLDEN_CASES["board.html"])
    finally:
        signal.signal(signal.SIGCHLD, previous)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (GOLDEN / "board.html").read_text(encoding="utf-8")
    assert os.getpid() in aside()


def test_a_block_is_read_back_as_the_other_process_wrote_it():
    text = "a" * (1 << 20) + "–" * 3 + "b"
    with tempfile.TemporaryFile() as spool:
        spool.write(b"before")
        start = spool.tell()
        spool.write(text.encode())
        end = spool.tell()
        spool.write(b"after")
        assert rendering._Aside(None, spool, None, {})._read(start, end) == text.encode()  # type: ignore[arg-type]


@pytest.mark.parametrize("kept_in_memory", [64 << 20, 5])  # or in a temporary file
@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_text_and_bytes_are_written_in_their_order(tmp_path, monkeypatch, encoding, kept_in_memory):
    """A block from the other process comes as UTF-8 bytes: straight to a UTF-8 file's buffer,
    decoded for another encoding (and for a stream without a buffer)."""
    monkeypatch.setattr(rendering, "KEPT_IN_MEMORY", kept_in_memory)
    pieces = ["<p>one – ", b"two</p>\n", "three ", "– four".encode(), "\n"]
    whole = "<p>one – two</p>\nthree – four\n"
    target = tmp_path / "out.txt"
    with target.open("w", encoding=encoding, errors="backslashreplace", newline="") as out:
        rendering.write_whole(pieces, out)
    assert target.read_bytes() == whole.encode(encoding, errors="backslashreplace")
    text = io.StringIO()
    rendering.write_whole(pieces, text)
    assert text.getvalue() == whole
    rendering.write_atomic(tmp_path / "atomic.html", pieces)
    assert (tmp_path / "atomic.html").read_text(encoding="utf-8") == whole


@pytest.mark.parametrize("name", ["board.md", "board.html"])
def test_a_section_failing_in_both_processes_is_an_error_at_its_line(
    cli, aside, monkeypatch, tmp_path, name
):
    from cpstrategy import reports

    def fails(*args):
        raise ValueError("the measures cannot be worked out")

    monkeypatch.setattr(reports, "_measures", fails)
    target = tmp_path / name
    result = cli("--data", EXAMPLE, "--as-of", AS_OF, *GOLDEN_CASES[name], "--output", target)
    assert result.exit_code == 1 and result.stdout == ""
    assert re.fullmatch(
        rf".*/{re.escape(name)}\.j2:\d+: error: template error: the measures cannot be worked "
        r"out \(ValueError\)",
        result.stderr.splitlines()[-1],
    ), result.stderr
    assert list(tmp_path.iterdir()) == []  # no report, whole or in part
    assert no_process_left()


def test_measures_the_second_process_could_not_write_are_written_here(cli, aside, monkeypatch):
    from cpstrategy import rendering

    def fails(*args):
        raise MemoryError  # in the forked process: it exits, and sends nothing back

    monkeypatch.setattr(rendering, "_blocks_alone", fails)
    result = cli("--data", EXAMPLE, "--as-of", AS_OF, *GOLDEN_CASES["board.html"])
    assert result.stdout == (GOLDEN / "board.html").read_text(encoding="utf-8")
    assert aside() == [os.getpid()]
    assert no_process_left()


# A council's block failing, in a section our templates have written aside, or before it: a
# council's report is written in one process, and the error is at its line.
@pytest.mark.parametrize("block", ["measures", "exceptions"])
def test_a_council_block_failing_with_a_second_process_is_an_error_at_its_line(
    cli, aside, tmp_path, block
):
    mine = write(
        tmp_path / "mine",
        {
            "board.html.j2": f"""{{% extends "board.html.j2" %}}
                {{% block {block} %}}
                {{{{ report.measures[0].no_such_thing }}}}
                {{% endblock %}}
            """,
        },
    )
    base = ("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", "--format", "html")
    result = cli(*base, "--template-dir", mine, "--output", tmp_path / "board.html")
    assert result.exit_code == 1
    assert "mine/board.html.j2:3: error: template error: " in result.stderr, result.stderr
    assert not (tmp_path / "board.html").exists()
    assert no_process_left()


COUNCIL_BLOCKS = {
    # Sections numbering their tables in a namespace, through the blocks
    "board.md.j2": """
        {% extends "cpstrategy/board.md.j2" %}
        {% set ns = namespace(table=0) %}
        {% block exceptions %}{% set ns.table = ns.table + 1 %}Table {{ ns.table }}: exceptions
        {{ super() }}{% endblock %}
        {% block measures %}{% set ns.table = ns.table + 1 %}Table {{ ns.table }}: measures
        {{ super() }}{% endblock %}
        {% block due_soon %}{% set ns.table = ns.table + 1 %}Table {{ ns.table }}: due soon
        {{ super() }}{% endblock %}
    """,
    # The measures written twice: in their place and again at the end
    "board.html.j2": """
        {% extends "cpstrategy/board.html.j2" %}
        {% block measures %}{{ super() }}{% endblock %}
        {% block footer %}{{ self.measures() }}{% endblock %}
    """,
}


def test_a_councils_template_is_written_in_one_process_as_it_says(cli, aside, tmp_path):
    """A council's blocks may share what they set, or write a block twice: only our own
    templates have their measures written by a second process."""
    mine = write(tmp_path / "mine", COUNCIL_BLOCKS)
    base = ("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", "--template-dir", mine)
    md = cli(*base)
    assert md.exit_code == 0, md.stderr
    tables = re.findall(r"^Table (\d): (.*)$", md.stdout, re.M)
    assert tables == [("1", "exceptions"), ("2", "measures"), ("3", "due soon")]
    html = cli(*base, "--format", "html")
    assert html.stdout.count('<section aria-labelledby="measures">') == 2
    assert aside() == [os.getpid(), os.getpid()]  # worked out here, each time
    assert no_process_left()


def test_a_councils_macros_with_ours_are_written_in_one_process(cli, aside, tmp_path):
    """Our board template imports _macros.html.j2: a council's, numbering the tables as it
    opens each, must number them through the whole report."""
    ours = (template_dirs()[-1] / "_macros.html.j2").read_text(encoding="utf-8")
    numbering = ours.replace(
        "{% macro wrap_open(caption_id) -%}",
        "{% set tables = namespace(n=0) %}{% macro wrap_open(caption_id) -%}"
        '{% set tables.n = tables.n + 1 %}<p class="table-no">Table {{ tables.n }}</p>',
    )
    assert numbering != ours
    mine = write(tmp_path / "mine", {"_macros.html.j2": numbering})
    html = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", "--format", "html",
               "--template-dir", mine)  # fmt: skip
    assert html.exit_code == 0, html.stderr
    numbers = [int(n) for n in re.findall(r'<p class="table-no">Table (\d+)</p>', html.stdout)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 5
    assert aside() == [os.getpid()]


def test_the_second_process_stops_writing_once_the_first_has_gone():
    from cpstrategy.forked import Orphaned

    calls = []

    class Template:
        def root_render_func(self, context):
            yield from context.blocks["measures"][0](context)

    class Context:
        def __init__(self) -> None:
            self.blocks = {"measures": [lambda c: calls.append("written") or iter(["text"])]}

    with pytest.raises(Orphaned):  # its parent is another process than the one given
        rendering._blocks_alone(Template(), Context(), ["measures"], io.BytesIO(), os.getpid())
    assert calls == []  # stopped before it began


def test_sigchld_ignored_means_no_second_process(monkeypatch):
    import signal

    from cpstrategy import forked

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(forked.sys, "platform", "linux")
    assert forked.can_fork()
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert not forked.can_fork()
        # Forked all the same: what it sends is not trusted, as its exit status is lost.
        process = forked.Forked.start(lambda parent: b"sent")
        assert process is not None and process.received() is None
    finally:
        signal.signal(signal.SIGCHLD, previous)


def test_one_core_to_run_on_means_no_second_process(monkeypatch):
    from cpstrategy import forked

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert not forked.can_fork()  # however many cores the machine has (taskset -c 0, say)


# -- templates compiled by an earlier run ---------------------------------------------------


@pytest.fixture
def compiled(monkeypatch):
    """Counts the templates compiled from their source."""
    import jinja2

    names: list[str] = []
    parse = jinja2.Environment._parse

    def counted(self, source, name, filename):
        names.append(name)
        return parse(self, source, name, filename)

    monkeypatch.setattr(jinja2.Environment, "_parse", counted)
    return names


def test_templates_compiled_once_are_used_from_the_cache(cli, compiled, own_cache_folder):
    args = ("--data", EXAMPLE, "--as-of", AS_OF, *GOLDEN_CASES["board.html"])
    assert cli(*args).stdout == (GOLDEN / "board.html").read_text(encoding="utf-8")
    assert "board.html.j2" in compiled and "_macros.html.j2" in compiled
    kept = sorted((own_cache_folder / "cpstrategy" / "templates").iterdir())
    assert len(kept) == len(compiled)
    compiled.clear()
    assert cli(*args).stdout == (GOLDEN / "board.html").read_text(encoding="utf-8")
    assert compiled == []
    md = cli("--data", EXAMPLE, "--as-of", AS_OF, *GOLDEN_CASES["board.md"])
    assert md.stdout == (GOLDEN / "board.md").read_text(encoding="utf-8")
    assert compiled == ["board.md.j2"]  # a template of its own, escaped in its own way


def test_a_compiled_template_is_not_used_by_another_build_or_when_damaged(
    cli, compiled, own_cache_folder, monkeypatch
):
    from cpstrategy import cache

    args = ("--data", EXAMPLE, "--as-of", AS_OF, *GOLDEN_CASES["board.html"])
    golden = (GOLDEN / "board.html").read_text(encoding="utf-8")
    cli(*args)
    monkeypatch.setattr(cache, "build", lambda: "another")  # a module changed since
    compiled.clear()
    assert cli(*args).stdout == golden
    assert "board.html.j2" in compiled
    import jinja2

    monkeypatch.setattr(jinja2, "__version__", "3.1.99")  # Jinja upgraded since
    compiled.clear()
    assert cli(*args).stdout == golden
    assert "board.html.j2" in compiled
    kept = own_cache_folder / "cpstrategy" / "templates"
    for n, path in enumerate(sorted(kept.iterdir())):  # damaged in a different way each
        raw = path.read_bytes()
        path.write_bytes([b"", raw[:-9], raw[:40] + b"x" + raw[41:], b"\0" * 20][n % 4])
    compiled.clear()
    assert cli(*args).stdout == golden
    assert "board.html.j2" in compiled
    for path in kept.iterdir():
        path.unlink()
        os.mkfifo(path)  # not a file: never read (nor waited on)
    assert cli(*args).stdout == golden
    assert all(path.is_file() for path in kept.iterdir())  # replaced by the compiled code


def test_a_folder_where_a_compiled_template_should_be_is_passed_over(
    cli, compiled, own_cache_folder
):
    args = ("--data", EXAMPLE, "--as-of", AS_OF, *GOLDEN_CASES["board.html"])
    golden = (GOLDEN / "board.html").read_text(encoding="utf-8")
    cli(*args)
    kept = own_cache_folder / "cpstrategy" / "templates"
    for path in kept.iterdir():
        path.unlink()
        path.mkdir()
    compiled.clear()
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == golden
    assert "board.html.j2" in compiled  # compiled again, and not kept


def test_a_cache_folder_that_cannot_be_written_only_costs_compiling(
    cli, compiled, own_cache_folder
):
    (own_cache_folder / "cpstrategy").mkdir()
    (own_cache_folder / "cpstrategy" / "templates").write_text("a file, not a folder")
    args = ("--data", EXAMPLE, "--as-of", AS_OF, *GOLDEN_CASES["board.html"])
    for _ in range(2):
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
        assert result.stdout == (GOLDEN / "board.html").read_text(encoding="utf-8")
    assert compiled.count("board.html.j2") == 2
    assert cli("--no-cache", *args).exit_code == 0
    assert compiled.count("board.html.j2") == 3


# -- templates a council builds on ----------------------------------------------------------


def test_a_council_template_of_the_same_name_can_extend_ours(cli, tmp_path):
    mine = write(
        tmp_path / "mine",
        {
            "board.html.j2": """
                {% extends "board.html.j2" %}
                {% block footer %}<p>Published by the Borough of Testshire.</p>{% endblock %}
            """,
            "board.md.j2": """
                {% extends "cpstrategy/board.md.j2" %}
                {% block footer %}Testshire: {{ report.as_of|long_date }}
                {% endblock %}
            """,
        },
    )
    base = ("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", "--template-dir", mine)
    html = cli(*base, "--format", "html")
    assert html.exit_code == 0, html.stderr
    ours = (GOLDEN / "board.html").read_text(encoding="utf-8")
    footer = re.compile(r'<footer class="colophon">\n.*?</footer>', re.S)
    assert html.stdout == footer.sub(
        '<footer class="colophon">\n<p>Published by the Borough of Testshire.</p></footer>', ours
    )
    md = cli(*base)
    assert md.exit_code == 0, md.stderr
    golden = (GOLDEN / "board.md").read_text(encoding="utf-8")
    assert md.stdout == golden.split("\n---\n")[0] + "\nTestshire: 8 November 2024\n"


@pytest.mark.parametrize(
    ("files", "where", "message"),
    [
        ({"board.md.j2": "line one\n{{ 1 / 0 }}\n"}, "board.md.j2:2",
         "division by zero (ZeroDivisionError)"),
        ({"board.md.j2": "{% include 'part.md.j2' %}\n", "part.md.j2": "a\nb\n{{ nothing.here }}"},
         "part.md.j2:3", "'nothing' is undefined"),
        ({"board.md.j2": "{% include 'a.md.j2' %}", "a.md.j2": "{% include 'b.md.j2' %}",
          "b.md.j2": "{% include 'a.md.j2' %}"}, "[ab].md.j2:1",
         "templates extend, include or call each other without end"),
    ],
)  # fmt: skip
def test_a_council_template_failing_as_it_runs_is_an_error_at_its_file_and_line(
    cli, tmp_path, files, where, message
):
    mine = write(tmp_path / "mine", files)
    result = cli("--data", EXAMPLE, "report", "--board", "--template-dir", mine)
    assert result.exit_code == 1 and result.stdout == ""
    assert re.fullmatch(
        re.escape(f"{mine}/")
        + where.replace(".", r"\.")
        + re.escape(f": error: template error: {message}"),
        result.stderr.splitlines()[-1],
    )


def test_a_large_report_with_stderr_closed_is_the_same_report(tmp_path):
    """With stderr closed (`2>&-`), its number went to the next file opened: the file the
    second process writes its sections into, which it then quietened as its own stderr."""
    import subprocess
    import sys

    generated = tmp_path / "generated"
    subprocess.run([sys.executable, ROOT / "benchmarks" / "generate.py", "1200", generated],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    command = [sys.executable, "-m", "cpstrategy", "--data", str(generated / "data"),
               "--as-of", "2024-06-30", "report", "--board", "--all"]  # fmt: skip
    whole = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert whole.returncode == 0 and "## Success measures" in whole.stdout
    closed = subprocess.run(["sh", "-c", 'exec "$@" 2>&-', "sh", *command],
                            stdout=subprocess.PIPE, text=True, timeout=120)  # fmt: skip
    assert closed.returncode == 0
    assert closed.stdout == whole.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_output_onto_a_link_or_a_pipe_is_refused_and_left_as_it_was(cli, tmp_path):
    base = ("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", "--output")
    real = tmp_path / "shared.md"
    real.write_text("theirs\n")
    link = tmp_path / "board.md"
    link.symlink_to(real)
    result = cli(*base, link)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"cpstrategy: error: '{link}' is a symbolic link; cpstrategy will not replace it with a "
        "plain file; write to the file it points to, or remove the link\n"
    )
    assert link.is_symlink() and real.read_text() == "theirs\n"
    pipe = tmp_path / "board.html"
    os.mkfifo(pipe)
    result = cli(*base, pipe)
    assert result.exit_code == 1
    assert result.stderr.endswith(f"cpstrategy: error: '{pipe}' exists and is not a file\n")
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.html", "board.md", "shared.md"]


@pytest.mark.parametrize("kept_in_memory", [64 << 20, 1000])  # stdout: kept in memory, or not
def test_a_template_failing_late_in_a_long_report_leaves_the_output_file_as_it_was(
    cli, tmp_path, monkeypatch, kept_in_memory
):
    # The report is written in pieces as it is rendered: a failure after many of them must
    # still leave nothing half-written, on stdout or in the file.
    from cpstrategy import rendering

    monkeypatch.setattr(rendering, "KEPT_IN_MEMORY", kept_in_memory)
    long = "{% for n in range(20000) %}line {{ n }} of a long report\n{% endfor %}{{ 1 / 0 }}\n"
    mine = write(tmp_path / "mine", {"board.md.j2": long})
    target = tmp_path / "board.md"
    target.write_text("the last good report\n")
    base = ("--data", EXAMPLE, "report", "--board", "--template-dir", mine)
    result = cli(*base)
    assert result.exit_code == 1 and result.stdout == ""
    result = cli(*base, "--output", target)
    assert result.exit_code == 1 and result.stdout == ""
    assert target.read_text() == "the last good report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.md", "mine"]
    mine.joinpath("board.md.j2").write_text(long.replace("{{ 1 / 0 }}", "end"))
    assert cli(*base, "--output", target).exit_code == 0
    assert target.read_text().count("of a long report\n") == 20000
    assert cli(*base).stdout == target.read_text()


# -- the young people's report says only what the data says ---------------------------------


def test_young_peoples_report_says_nothing_the_data_does_not(cli, data):
    folder = data(
        {
            "you-said-we-did/items.yaml": """
                items:
                  - {id: Y-1, raised: 2022-01-01, you_said: Open and quiet., status: open,
                     public: true}
                  - {id: Y-2, raised: 2022-01-01, you_said: Begun and quiet., status: in-progress,
                     respond_by: 2022-09-30, public: true}
                  - {id: Y-3, raised: 2022-01-01, you_said: Done and quiet., status: done,
                     responded: 2022-02-01, public: true}
                  - {id: Y-4, raised: 2022-01-01, you_said: Refused and quiet.,
                     status: not-possible, responded: 2022-02-01, public: true}
                  - {id: Y-5, raised: 2022-01-01, you_said: Late., status: open,
                     respond_by: 2022-03-01, public: true}
            """,
            "boards.yaml": "boards: [{id: b, name: Board, meetings: [2022-06-01]}]\n",
        }
    )
    md = cli("--data", folder, "--as-of", "2022-05-01", "report", "--young-people").stdout
    assert md.split("From the Board.\n\n")[1] == (
        "You told us 5 things. We have done 1. We could not do 1, and we say why. "
        "We are still working on 3.\n\n"
        "## Things we have done\n\n"
        "**You said:** Done and quiet.\n\n"
        "**We did:** This is done. We have not written down what we did yet.\n\n"
        "We told you on 1 February 2022.\n\n"
        "## Things we could not do\n\n"
        "**You said:** Refused and quiet.\n\n"
        "**We did:** We could not do this. We have not written down why yet.\n\n"
        "We told you on 1 February 2022.\n\n"
        "## Things we are still working on\n\n"
        "**You said:** Late.\n\n"
        "**We did:** Nothing yet. We have not written down an answer yet.\n\n"
        "**When you will hear back:** We said we would tell you by 1 March 2022. "
        "We are late, and we are sorry.\n\n"
        "**You said:** Begun and quiet.\n\n"
        "**We did:** We are working on it. We have not written down what we are doing yet.\n\n"
        "**When you will hear back:** By 30 September 2022.\n\n"
        "**You said:** Open and quiet.\n\n"
        "**We did:** Nothing yet. We have not written down an answer yet.\n\n"
        "**When you will hear back:** We have not set a date yet.\n\n"
        "## What happens next\n\n"
        "The Board next meets on 1 June 2022.\n\n"
        "Keep telling us what matters to you. We are listening.\n"
    )
    # "You said ... We did ..." for each public item (§4)
    assert md.count("**You said:**") == md.count("**We did:**") == 5
    html = cli("--data", folder, "--as-of", "2022-05-01", "report", "--young-people",
               "--format", "html").stdout  # fmt: skip
    assert html.count("<dt>You said</dt>") == html.count("<dt>We did</dt>") == 5
    for promise in ("will check", "We will tell you", "started to look", "did what you asked",
                    "will not forget", "will look at everything"):  # fmt: skip
        assert promise not in md and promise not in html
    assert "<p>Position as of 1 May 2022.</p>" in html and "Made with" not in html


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_an_empty_young_peoples_report_is_one_plain_sentence(cli, data, fmt):
    folder = data(
        {
            "you-said-we-did/items.yaml": """
                items:
                  - {id: Y-1, raised: 2022-01-01, you_said: PRIVATE., status: open}
                  - {id: Y-2, raised: 2022-09-01, you_said: Not raised yet., status: open,
                     public: true}
            """,
        }
    )
    out = cli("--data", folder, "--as-of", "2022-05-01", "report", "--young-people",
              "--format", fmt).stdout  # fmt: skip
    if fmt == "md":
        assert out == (
            "# You said, we did\n\n"
            "What you told us, and what we did about it. This is up to date on 1 May 2022.\n\n"
            "From the Corporate Parenting Board.\n\n"
            "There is nothing in this report yet.\n"
        )
    else:
        main = out.split('<main id="main">')[1].split("</main>")[0]
        assert " ".join(re.sub(r"<[^>]+>", "", main).split()) == (
            "You said, we did What you told us, and what we did about it. This is up to date on "
            "1 May 2022. There is nothing in this report yet."
        )
    for word in ("0", "Nothing.", "Everything you told us"):
        assert word not in re.sub(r"<style>.*</style>|\d{4}|\d+ May", "", out, flags=re.S)


def test_young_peoples_counts_leave_out_what_is_none(cli, data):
    folder = data(
        {
            "you-said-we-did/items.yaml": """
                items:
                  - {id: Y-1, raised: 2022-01-01, you_said: Trips., status: done, we_did: Yes.,
                     responded: 2022-02-01, public: true}
            """,
        }
    )
    out = cli("--data", folder, "--as-of", "2022-05-01", "report", "--young-people").stdout
    assert "\nYou told us 1 thing. We have done 1.\n" in out
    assert h2s(out) == ["Things we have done", "What happens next"]


# -- the progress chart ---------------------------------------------------------------------


def test_a_recurring_action_counts_while_every_due_date_so_far_is_met(data):
    folder = data(
        {
            "actions/demo/homes.yaml": """
                priority: homes
                actions:
                  - {id: R, activity: Review, lead: X, timescale: Quarterly,
                     progress: [{date: 2022-03-20, status: complete},
                                {date: 2022-06-10, status: complete}]}
                  - {id: Y, activity: Yearly, lead: X, timescale: Annually in February,
                     progress: [{date: 2022-02-10, status: complete}]}
            """,
        }
    )
    plan = load(folder).plan
    as_of = date(2022, 10, 15)
    homes = board_report(plan, select_scope(plan, as_of), as_of).glance[0].priorities[0]
    counts = {d.isoformat(): n for d, n, _ in homes.trajectory.points}
    # Y is up to date from February (its next due date is a year on); R from March, until its
    # third due date, 30 September, passes unmet.
    assert counts == {
        "2022-01-31": 0, "2022-02-28": 1, "2022-03-31": 2, "2022-04-30": 2, "2022-05-31": 2,
        "2022-06-30": 2, "2022-07-31": 2, "2022-08-31": 2, "2022-09-30": 1, "2022-10-15": 1,
    }  # fmt: skip
    assert homes.complete == 0  # by the rules neither is complete: more due dates are to come
    assert homes.trajectory.complete_now == 1
    assert homes.trajectory.chart.label == (
        "Stable homes: 1 of 2 actions complete or up to date on 15 October 2022 (an action that "
        "falls due again and again counts while every due date so far is met). The straight "
        "line to all 2 complete by 30 March 2024 would be at 0.7 by now."
    )


def test_a_strategy_that_ended_has_its_chart_stop_at_its_end(cli):
    out = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", "--all", "--format",
              "html").stdout  # fmt: skip
    old = out.split("<h3>Eastmere Children Looked After Strategy 2019-2023</h3>")[1]
    old = old.split("<h3>")[0]
    rows = re.findall(r'<th scope="row">([^<]+)</th>', old.split('class="figures"')[1])
    assert rows[0] == "30 Apr 2019" and rows[-1] == "31 Mar 2023" and len(rows) == 48
    assert "Leaving care well: 1 of 1 action complete or up to date at its end on 31 March " \
        "2023" in old  # fmt: skip
    assert "until it ended on 31 March 2023" in old
    md = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", "--all").stdout
    assert (
        "- **Leaving care well:** 1 of 1 complete or up to date on 31 March 2023; the straight "
        "line to all complete by 31 March 2023 would be at 1 by then.\n"
    ) in md


# -- private items in the board report ------------------------------------------------------


def test_private_items_are_shown_to_the_board_and_marked_not_for_publication(cli):
    base = ("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board")
    out = cli(*base).stdout
    section = out.split("## You said, we did\n\n")[1]
    assert section.startswith(
        "**Not for publication: includes items that are not public.** Leave them out with "
        "`--public-only`.\n"
    )
    assert '- **Not for publication:** the "You said, we did" section includes items' in out
    assert "YSWD-2024-04" in out
    html = cli(*base, "--format", "html").stdout
    assert '<p class="restricted"><strong>Not for publication: includes items that are not ' \
        "public.</strong>" in html  # fmt: skip
    public = cli(*base, "--public-only").stdout
    assert "YSWD-2024-04" not in public and "Not for publication" not in public
    assert "Items that are not public are left out." in public
    help_text = " ".join(cli("report", "--help").stdout.split())
    assert '--public-only Leave out "You said, we did" items that are not public' in help_text


def test_without_private_items_there_is_no_mark(cli):
    out = cli("--data", EXAMPLE, "--as-of", "2024-08-01", "report", "--board").stdout
    assert "YSWD-2024-04" not in out  # raised in September
    assert "Not for publication" not in out


# -- smaller things a reader notices --------------------------------------------------------


def test_board_markdown_names_the_group_and_with_several_strategies_the_strategy(cli):
    out = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", "--all").stdout
    late = md_table(out, "### Late: no answer by the date promised")
    assert late[1][:2] == [
        "YSWD-2024-03",
        "Care leavers should be able to stay in touch with their foster carers after 18.<br>"
        "From Voices of Eastmere",
    ]
    assert late[1][5] == "Late (open)"
    for heading in ("## Exceptions", "## Due in the next 90 days", "## Success measures"):
        table = md_table(out, heading)
        assert table[0][:2] == ["Action", "Strategy"]
        assert {r[1] for r in table[1:]} == {"cp-2023"}
    progress = md_table(out, "## Progress since the last meeting")
    assert progress[0][:3] == ["Date", "Action", "Strategy"]
    one = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board").stdout
    assert md_table(one, "## Exceptions")[0][:2] == ["Action", "Activity"]


def test_late_items_are_labelled_late_where_they_are_coloured_red(cli):
    html = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", "--format", "html")
    late = html.stdout.split('id="cap-late"')[1].split("</table>")[0]
    assert '<span class="rag rag-red">Late</span><span class="sub">Open</span>' in late
    assert '<span class="rag rag-red">Open' not in late


def test_the_due_column_says_not_set_for_an_action_without_a_timescale(cli):
    out = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board").stdout
    row = next(r for r in md_table(out, "### Ready for adult life") if r[0] == "A-05")
    assert row[3:6] == ["Not set", "Not started", "Not set"]
    assert "no timescale" not in out


def test_an_action_never_updated_after_a_due_date_passed_is_listed_as_such(cli, data):
    folder = data(
        {
            "actions/demo/homes.yaml": """
                priority: homes
                actions:
                  - {id: A, activity: One, lead: X, timescale: March 2022,
                     measures: [{text: M, target: 1}]}
                  - {id: B, activity: Two, lead: X, timescale: January 2022,
                     measures: [{text: M, target: 1}],
                     progress: [{date: 2022-01-05, status: on-track}]}
            """,
        }
    )
    out = cli("--data", folder, "--as-of", "2022-05-01", "report", "--board").stdout
    assert md_table(out, "## Data quality")[1:] == [
        ["No timescale", "0", "None"],
        ["No lead service", "0", "None"],
        ["No measurable target", "0", "None"],
        ["No update for over 90 days, or none since a due date passed", "2",
         "A (no progress recorded since it fell due on 31 Mar 2022), B (last update 5 Jan 2022)"],
        ["Due before the strategy's start", "0", "None"],
    ]  # fmt: skip


def test_data_quality_without_gaps_is_one_sentence(cli, data):
    folder = data(
        {
            "actions/demo/homes.yaml": """
                priority: homes
                actions:
                  - {id: A, activity: One, lead: X, timescale: March 2022,
                     measures: [{text: M, target: 1}],
                     progress: [{date: 2022-04-01, status: on-track}]}
            """,
        }
    )
    for fmt, sentence in (("md", "\nNo gaps in the data.\n"),
                          ("html", '<p class="empty">No gaps in the data.</p>')):  # fmt: skip
        out = cli("--data", folder, "--as-of", "2022-05-01", "report", "--board", "--format", fmt)
        section = out.stdout.split("Data quality")[-1].split("Appendix")[0]
        assert sentence in section and "None" not in section


@pytest.mark.parametrize(
    ("args", "heading"),
    [
        ((), "### Answered since the last meeting"),
        (("--since", "2024-10-15"), "### Answered after 15 October 2024"),
    ],
)
def test_the_answers_heading_says_what_it_lists(cli, args, heading):
    out = cli("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board", *args).stdout
    assert heading in out.splitlines()
    rows = md_table(out, heading)[1:]
    assert [r[0] for r in rows] == ["YSWD-2024-05"] if args else ["YSWD-2024-01", "YSWD-2024-05"]


def test_with_no_earlier_meeting_the_answers_heading_says_every_answer(cli, data):
    folder = data(
        {
            "you-said-we-did/items.yaml": """
                items:
                  - {id: Y-1, raised: 2022-01-01, you_said: Trips., status: done, we_did: Yes.,
                     responded: 2022-02-01}
            """,
        }
    )
    out = cli("--data", folder, "--as-of", "2022-05-01", "report", "--board").stdout
    assert md_table(out, "### Every answer up to 1 May 2022")[1][0] == "Y-1"


def test_answers_with_no_date_recorded_are_shown_apart_not_left_out(cli, data):
    folder = data({"you-said-we-did/items.yaml": """
        items:
          - {id: Y-1, you_said: Trips., status: done, we_did: Yes., public: true}
          - {id: Y-2, you_said: Phones., status: not-possible, we_did: Not ours.}
          - {id: Y-3, you_said: Bus., status: done, we_did: Passes., responded: 2022-02-01,
             public: true}
    """})  # fmt: skip
    out = cli("--data", folder, "--as-of", "2022-05-01", "report", "--board").stdout
    assert md_table(out, "### Answered, with no date recorded") == [
        ["Item", "You said", "We did", "Status", "Shared"],
        ["Y-1", "Trips.", "Yes.", "Done", "Yes"],
        ["Y-2", "Phones.", "Not ours.", "Not possible", "No"],
    ]
    assert md_table(out, "### Every answer up to 1 May 2022")[1][0] == "Y-3"
    assert "Not for publication" in out  # Y-2 is not public
    public = cli("--data", folder, "--as-of", "2022-05-01", "report", "--board", "--public-only")
    assert "Not for publication" not in public.stdout
    assert [r[0] for r in md_table(public.stdout, "### Answered, with no date recorded")] == [
        "Item",
        "Y-1",
    ]


def test_web_addresses_in_the_data_stay_text_on_a_git_host():
    text = "See https://example.org/a_b and www.example.org, or HTTP://x.y."
    assert markdown_text(text) == (
        r"See https&#58;//example.org/a_b and www&#46;example.org, or HTTP&#58;//x.y."
    )
    cmarkgfm = pytest.importorskip("cmarkgfm")  # GitHub's own Markdown, with its autolinks
    html = cmarkgfm.github_flavored_markdown_to_html(f"| a |\n| --- |\n| {markdown_text(text)} |")
    assert "<a " not in html
    assert "See https://example.org/a_b and www.example.org, or HTTP://x.y." in html


def test_an_indicator_chart_of_the_largest_figures_is_drawn_not_nan():
    from cpstrategy.charts import indicator_chart

    chart = indicator_chart(
        "Figures",
        [(date(2020, 3, 31), -1.7e308), (date(2021, 3, 31), 1.7e308)],
        target=1.7e308,
    )
    assert chart is not None
    drawn = [dot for series in chart.series for dot in series.dots]
    assert drawn and all(abs(dot.y) < 1000 for dot in drawn)
    assert drawn[0].y > drawn[1].y  # the larger figure higher up


def test_a_reason_that_already_says_we_could_not_is_not_said_twice(cli, data):
    folder = data({"you-said-we-did/items.yaml": """
        items:
          - {id: Y-1, raised: 2022-01-01, you_said: Free buses., status: not-possible,
             we_did: We could not do this because the fares are not ours to set.,
             responded: 2022-02-01, public: true}
        """})  # fmt: skip
    for fmt in ("md", "html"):
        out = cli("--data", folder, "--as-of", "2022-05-01", "report", "--young-people",
                  "--format", fmt).stdout  # fmt: skip
        assert out.count("We could not do this") == 1, fmt
