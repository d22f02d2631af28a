"""`report --board` and `report --young-people`: golden files of the fictional example council,
counts that agree with `status` and `overdue`, escaping of hostile text, privacy of the young
people's report, council templates, and the command line around them.

Regenerate the golden files after a deliberate change, then review the diff by eye:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_reports.py
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, write
from markdown_it import MarkdownIt

from cpstrategy.loading import load
from cpstrategy.reports import (
    board_report,
    checkpoints,
    css_string,
    markdown_text,
    template_dirs,
)
from cpstrategy.views import select_scope

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
    assert out.startswith("# Progress on the Eastmere Corporate Parenting Strategy 2023-2026\n")
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
    # A is complete from February; B (quarterly, more due dates to come) never is; C is
    # withdrawn, so it is not counted at all; D has no progress.
    assert [(d.isoformat(), n) for d, n, _ in homes.trajectory.points] == [
        ("2022-01-31", 0),
        ("2022-02-28", 1),
        ("2022-03-31", 1),
        ("2022-04-30", 1),
        ("2022-05-10", 1),
    ]
    assert homes.trajectory.total == 3 and homes.complete == 1 and homes.countable == 3
    # The straight line from none on 1 Jan 2022 to all three by 30 Mar 2024.
    assert homes.trajectory.points[0][2] == round(3 * 30 / 819, 1)
    assert homes.trajectory.planned_now == round(3 * 129 / 819, 1)


def test_checkpoints_are_month_ends_then_the_as_of_date():
    assert checkpoints(date(2023, 11, 15), date(2024, 2, 29)) == [
        date(2023, 11, 30),
        date(2023, 12, 31),
        date(2024, 1, 31),
        date(2024, 2, 29),
    ]
    assert checkpoints(date(2024, 3, 1), date(2024, 3, 5)) == [date(2024, 3, 5)]
    assert checkpoints(date(2024, 3, 1), date(2024, 2, 1)) == []


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
        "No actions are overdue, off track or at risk.",
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
        f"cpstrategy: error: {mine / 'board.md.j2'}:2: template error: "
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
    assert forced.read_text(encoding="utf-8").startswith("# Progress on")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.HTML", "paper.html", "paper.md"]
    assert oct(md.stat().st_mode & 0o777) != oct(0o600)  # not a temporary file's permissions


def test_output_into_a_missing_folder_is_an_error_and_leaves_nothing(cli, tmp_path):
    result = cli("--data", EXAMPLE, "report", "--board", "--output", tmp_path / "no" / "b.md")
    assert result.exit_code == 1
    assert f"cannot write '{tmp_path / 'no' / 'b.md'}'" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_strategy_chooses_what_the_board_report_covers(cli):
    base = ("--data", EXAMPLE, "--as-of", AS_OF, "report", "--board")
    old = cli(*base, "--strategy", "cla-2019").stdout
    assert old.startswith("# Progress on the Eastmere Children Looked After Strategy 2019-2023\n")
    assert "\n3 of 3 actions complete." in old
    both = cli(*base, "--all").stdout
    assert both.startswith("# Progress on the corporate parenting strategies\n")
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
