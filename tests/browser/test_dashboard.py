"""What a county planner does with the dashboard, in a real browser."""

import io
import json
import re
import shutil

import pandas as pd
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
CJK = re.compile(r"[\u4e00-\u9fff]")


def control(page: str, key: str) -> str:
    return "[id='" + json.dumps({"key": key, "page": page, "type": "ctl"}, separators=(",", ":")) + "']"


def choose(page, selector: str, option: str) -> None:
    page.page.click(selector)
    page.page.locator(".dash-dropdown-option", has_text=option).first.click()


PAGES = [
    ("/", "#overview-graph .main-svg", "overview"),
    ("/compare", "#compare-graph .main-svg", "compare"),
    ("/trends", "#trends-graph .main-svg", "trends"),
    ("/towns", "#towns-graph .main-svg", "towns"),
    ("/village?village=231282106202", "#village-name", "village"),
    ("/sources", "#sources-table .ag-row", "sources"),
    ("/town?town=231282106000", "#town-villages-table .ag-row", "town"),
    ("/report", "#town-villages-table .ag-row", "report"),
]


@pytest.mark.parametrize("path, ready, name", PAGES, ids=[p[2] for p in PAGES])
def test_each_page_renders_without_console_errors(page, path, ready, name):
    page.open(path, ready)
    expect(page.page.locator("#synthetic-banner")).to_be_visible()
    page.page.wait_for_timeout(300)
    page.screenshot(f"{name}-1366")
    assert page.errors == []


CLIPPED_TEXT = """graph => {
    const svg = document.querySelector(graph + ' .main-svg').getBoundingClientRect();
    return [...document.querySelectorAll(graph + ' .infolayer text, ' + graph + ' .annotation text')]
        .filter(t => t.textContent.trim())
        .filter(t => { const box = t.getBoundingClientRect();
                       return box.right > svg.right + 1 || box.left < svg.left - 1; })
        .map(t => t.textContent); }"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_small_screen(page, lang):
    """At 390 px: no sideways scrolling, and no title, subtitle (the difference and its CI) or
    footnote cut off at the chart's edge."""
    page.page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/compare", "/towns", "/trends"):
        graph = f"#{path.strip('/')}-graph"
        page.open(f"{path}?lang={lang}", f"{graph} .main-svg")
        page.page.wait_for_timeout(500)
        assert page.page.evaluate("document.documentElement.scrollWidth") <= 400  # no sideways scrolling
        assert page.page.evaluate(CLIPPED_TEXT, graph) == []
    page.open(f"/compare?lang={lang}", "#compare-graph .main-svg")
    page.screenshot(f"compare-390-{lang}")
    assert page.errors == []


FOOTNOTE_WIDTH = """(graph) => {
    const svg = document.querySelector(graph + ' .main-svg').getBoundingClientRect();
    const notes = [...document.querySelectorAll(graph + ' .annotation')];
    const box = notes[notes.length - 1].getBoundingClientRect();
    return [box.width / svg.width, box.right <= svg.right + 1 && box.left >= svg.left - 1]; }"""


def test_on_a_wide_screen_the_footnote_runs_under_the_whole_chart(page):
    """At 1366 px the footnote is re-wrapped to the chart's width (not the phone's narrow column),
    and nothing is cut off."""
    page.page.set_viewport_size({"width": 1366, "height": 900})
    for path in ("/compare", "/towns", "/trends"):
        graph = f"#{path.strip('/')}-graph"
        page.open(f"{path}?lang=zh", f"{graph} .main-svg")
        page.page.wait_for_function(
            "(g) => { const n = document.querySelectorAll(g + ' .annotation'); "
            "return n.length && n[n.length - 1].getBoundingClientRect().width > 500; }",
            arg=graph,
        )
        share, inside = page.page.evaluate(FOOTNOTE_WIDTH, graph)
        assert share > 0.45 and inside, (path, share)
        assert page.page.evaluate(CLIPPED_TEXT, graph) == []
    assert page.errors == []


def test_filter_change_updates_chart_and_table(page):
    page.open("/compare", "#compare-graph .main-svg")
    expect(page.page.locator("#compare-caption")).to_contain_text("红旗村 n = 100")
    choose(page, control("compare", "aspect"), "发展")
    expect(page.page.locator("#compare-caption")).to_contain_text("红旗村 n = 26")
    expect(page.page.locator("#compare-graph .xtick").first).to_contain_text("n = 26")
    choose(page, control("compare", "towns"), "里木店镇")
    page.page.click("text=表格")
    expect(page.page.locator("#compare-table-wrap")).to_be_visible()
    rows = page.page.locator("#compare-table .ag-center-cols-container .ag-row")
    expect(rows.filter(has_text="永丰村")).to_have_count(1)
    # The address is written by its own callback, after the page shows the change: wait for it.
    expect(page.page).to_have_url(re.compile(r"(?=.*towns=231282106000)(?=.*aspect=development)"))


def _point(shown: str) -> float:
    from zhaodong_data.parsing import parse_amount

    reading = parse_amount(shown)
    return reading.high if reading.qualifier == "at_most" else reading.low


def test_the_table_sorts_amounts_as_numbers_and_shows_their_bounds(page):
    """101.07万 comes after 11.97万 in ascending order, not before it as text would sort; a bound
    sorts by its value and shows its sign."""
    page.open("/compare?view=table&year=2022", "#compare-table .ag-row")
    cell = page.page.locator("#compare-table .ag-header-cell", has_text="数值（元）")
    column = cell.get_attribute("col-id")
    header = cell.locator(".ag-header-cell-label")
    cells = page.page.locator(f"#compare-table .ag-center-cols-container .ag-row .ag-cell[col-id='{column}']")
    for order in ("ascending", "descending"):
        header.click()
        expect(cell).to_have_attribute("aria-sort", order)
        shown = [text for text in cells.all_inner_texts() if text not in ("—", "不适用")]
        points = [_point(text) for text in shown]
        assert len(points) >= 20 and None not in points, shown
        pairs = list(zip(points, points[1:]))
        assert all(a <= b + 100 if order == "ascending" else a + 100 >= b for a, b in pairs), shown
    assert any(text.startswith(("≈", "≥", "≤")) for text in cells.all_inner_texts())  # qualifiers shown
    assert page.errors == []


def test_language_toggle_switches_every_label(page):
    page.open("/compare", "#compare-graph .main-svg")
    page.page.click("#lang-toggle")
    expect(page.page.locator("#nav-overview")).to_have_text("Overview")
    expect(page.page.locator("#compare-graph .gtitle")).to_contain_text("Collective income")
    expect(page.page.locator("#compare-caption")).to_contain_text("Red-flag villages n = 100")
    expect(page.page.locator("#root")).to_have_attribute("lang", "en")
    expect(page.page.locator("html")).to_have_attribute("lang", "en")
    visible = page.page.inner_text("body").replace(page.page.inner_text("#lang-toggle"), "")
    assert not CJK.search(visible), CJK.findall(visible)[:20]
    expect(page.page).to_have_url(re.compile("lang=en"))
    page.screenshot("compare-en")


def test_url_state_reproduces_the_view(page):
    page.open("/compare?lang=en&outcome=wage_income&aspect=service&year=2021&view=table", "#compare-table .ag-row")
    expect(page.page.locator(control("compare", "outcome"))).to_contain_text("Farmer wage income")
    expect(page.page.locator(control("compare", "aspect"))).to_contain_text("Service")
    expect(page.page.locator("#compare-caption")).to_contain_text("Red-flag villages n = 19")
    expect(page.page.locator("#compare-chart-wrap")).to_be_hidden()
    page.page.click("text=Chart")
    expect(page.page.locator("#compare-graph .gtitle")).to_contain_text("(2021)")


def test_malformed_url_shows_a_notice_and_the_default(page):
    page.open("/compare?outcome=bogus&year=1900", "#compare-graph .main-svg")
    notices = page.page.locator(".notice")
    expect(notices).to_have_count(2)
    expect(notices.first).to_contain_text("outcome=bogus")
    expect(page.page.locator(control("compare", "outcome"))).to_contain_text("村集体经济收入")
    assert page.errors == []


def test_downloads_hold_the_filtered_rows_and_say_what_they_are(page):
    page.open("/compare?aspect=development&towns=231282106000&year=2022", "#compare-graph .main-svg")
    expect(page.page.locator("#compare-caption")).to_contain_text("缺失 0 村")
    with page.page.expect_download() as download:
        page.page.click("#compare-download-csv")
    frame = pd.read_csv(io.BytesIO(open(download.value.path(), "rb").read()), encoding="utf-8-sig", dtype={"code": str})
    # stable column names in every language, numbers as numbers, what the page says in columns of their own
    assert list(frame.columns[:6]) == ["code", "village_zh", "village_pinyin", "town_zh", "town_pinyin", "flagged"]
    assert set(frame["town_zh"]) == {"里木店镇"}
    assert frame["code"].str.startswith("231282106").all() and len(frame) == frame["code"].nunique()
    assert "231282106202" in set(frame.loc[frame["flagged"], "code"])
    assert (frame["year"] == 2022).all() and frame["value"].dtype == float
    assert set(frame["data_kind"]) == {"合成（模拟）数据，并非真实台账"}
    assert frame["caveat"].str.contains("并非随机").all() and frame["title"].str.contains("2022").all()
    with page.page.expect_download() as download:
        page.page.click("#compare-download-xlsx")
    assert download.value.suggested_filename.endswith(".xlsx")
    workbook = pd.read_excel(download.value.path(), sheet_name=None, dtype={"村代码": str})
    data_sheet, notes = list(workbook.values())
    assert data_sheet["村代码"].tolist() == frame["code"].tolist()
    assert set(workbook) == {next(iter(workbook)), "说明"}
    said = dict(zip(notes.iloc[:, 0], notes.iloc[:, 1]))
    assert said["数据性质"] == "合成（模拟）数据，并非真实台账" and "并非随机" in said["注意"]
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).worksheets[0]
    assert sheet.freeze_panes == "A2" and sheet.column_dimensions["A"].width >= 8
    assert max(dimension.width for dimension in sheet.column_dimensions.values()) > 15  # 原始记录, not squeezed


def _search_village(page, typed: str):
    page.page.locator(control("village", "village")).click()
    search = page.page.locator(".dash-dropdown-search")
    expect(search).to_have_attribute("placeholder", "搜索")  # the dropdown's own words in Chinese too
    search.fill(typed)  # the whole text at once: no keystroke lost on a loaded machine
    return page.page.locator(".dash-dropdown-option")


@pytest.mark.parametrize("typed", ["永丰", "yongfeng", "Yongfeng Village"])
def test_village_suggestions_as_one_types_in_chinese_pinyin_or_english(page, typed):
    page.open("/village", "#village-start")
    expect(page.page.locator("#village-start a")).not_to_have_count(0)  # somewhere to start before a search
    options = _search_village(page, typed)
    expect(options.first).to_contain_text("永丰村（里木店镇）")
    options.first.click()
    expect(page.page.locator("#village-name")).to_contain_text("永丰村")
    expect(page.page.locator("#village-name")).to_contain_text("里木店镇")
    expect(page.page).to_have_url(re.compile("village=231282106202"))


def test_a_name_two_villages_share_offers_both_towns(page):
    page.open("/village", "#village-start")
    options = _search_village(page, "东升村")
    expect(options).to_have_count(2)


def test_the_village_chart_shows_its_town_the_city_the_award_and_published_figures(page):
    page.page.set_viewport_size({"width": 390, "height": 844})
    page.open("/village?village=231282106202", "#village-graph .main-svg")
    legend = page.page.locator("#village-graph .legendtext")
    for name in ("本村", "本乡镇中位数", "全市中位数", "公开报道（真实）"):
        expect(legend.filter(has_text=name)).to_have_count(1)
    expect(page.page.locator("#village-graph")).to_contain_text("2022 年授旗")
    assert page.page.evaluate("document.documentElement.scrollWidth") <= 400  # no sideways scrolling
    page.screenshot("village-390")
    assert page.errors == []


CARD_ROWS = """() => [...document.querySelectorAll('.cards')].map(group => {
    const rows = {};
    [...group.children].forEach(card => { rows[card.offsetTop] = (rows[card.offsetTop] || 0) + 1; });
    return Object.values(rows); })"""


@pytest.mark.parametrize("width", [1366, 800, 390])
def test_overview_cards_fill_whole_rows_and_mark_what_is_synthetic(page, width):
    page.page.set_viewport_size({"width": width, "height": 900})
    page.open("/", "#overview-graph .main-svg")
    for rows in page.page.evaluate(CARD_ROWS):
        assert len(set(rows)) == 1, rows  # every row of a group holds as many cards: none alone
    expect(page.page.locator("#card-investment_projects")).to_contain_text("年份未载明")
    expect(page.page.locator("#card-jc_collective_income")).to_contain_text("2022 年")
    link = page.page.locator("#card-jc_collective_income a.card-source")
    expect(link).to_have_text("黑龙江日报 2022-08-02")
    assert link.get_attribute("href").startswith("http")
    expect(page.page.locator("#card-flagged_villages .badge-synthetic")).to_have_text("合成")
    expect(page.page.locator("#overview-graph .gtitle")).to_contain_text("含合成分配")


def test_overview_provenance_and_chinese_modebar(page):
    page.open("/", "#overview-graph .main-svg")
    card = page.page.locator("#card-investment_projects")
    expect(card).to_contain_text("2620万元")
    card.locator("summary").click()
    expect(card).to_contain_text("2620 million yuan")
    expect(card).to_contain_text("GDP")
    page.page.hover("#overview-graph")
    titles = page.page.eval_on_selector_all(".modebar-btn", "els => els.map(e => e.getAttribute('data-title'))")
    assert titles and all(title and CJK.search(title) for title in titles), titles  # no "Share chart..."


def test_english_towns_page_reads_in_pinyin(page):
    page.open("/towns?lang=en&view=table", "#towns-table .ag-row")
    table = page.page.inner_text("#towns-table")
    assert "Limudian Zhen" in table and not CJK.search(table)
    page.screenshot("towns-en")


def test_towns_are_ranked_under_a_headline_with_the_city_first(page):
    page.open("/towns?view=table&outcome=cold_storage_revenue&year=2022", "#towns-table .ag-row")
    expect(page.page.locator("#towns-headline")).to_contain_text("全市有数值的")
    expect(page.page.locator("#towns-legend")).to_contain_text("仅1村")
    first = page.page.locator("#towns-table .ag-center-cols-container .ag-row[row-index='0']")
    expect(first).to_contain_text("全市")
    expect(page.page.locator("#towns-table .ag-center-cols-container")).to_contain_text("（仅1村）")
    expect(page.page.locator("h1")).to_have_count(1)
    page.open("/compare?year=2022", "#compare-graph .main-svg")
    expect(page.page.locator("#compare-headline")).to_contain_text("个红旗村的村集体经济收入中位数为")
    expect(page.page.locator("#compare-legend")).to_contain_text("空心点")
    choose(page, control("compare", "aspect"), "服务")
    expect(page.page.locator("#compare-headline")).to_contain_text("19 个红旗村")


def test_trends_page_in_both_languages(page):
    page.open("/trends?lang=zh", "#trends-graph .main-svg")
    expect(page.page.locator("#trends-estimate")).to_contain_text("双向固定效应估计")
    expect(page.page.locator("#trends-pretrend")).to_contain_text("联合检验")
    expect(page.page.locator("#trends-event .main-svg").first).to_be_visible()
    expect(page.page.locator("#trends-graph")).to_contain_text("2022 年授旗")
    page.screenshot("trends")
    page.open("/trends?lang=en&outcome=wage_income&aspect=development", "#trends-graph .main-svg")
    expect(page.page.locator("#trends-estimate")).to_contain_text("Two-way fixed effects")
    expect(page.page.locator("#trends-caveat")).to_contain_text("not awarded at random")
    page.page.click("#nav-trends")
    expect(page.page.locator("#nav-trends")).to_have_class("nav-link active")
    assert page.errors == []


# Words a Chinese page may hold: the download formats, the language toggle, estimator names.
def test_income_bands_on_the_overview_and_the_towns_page(page):
    page.open("/?year=2024", "#bands-graph .main-svg")
    expect(page.page.locator("#bands-graph .gtitle")).to_contain_text("村集体经济收入分档")
    choose(page, control("bands", "outcome"), "村集体经营性收入")
    expect(page.page.locator("#bands-graph .gtitle")).to_contain_text("村集体经营性收入分档")
    page.page.locator("#bands-view").get_by_text("表格").click()
    expect(page.page.locator("#bands-table-wrap")).to_be_visible()
    with page.page.expect_download() as download:
        page.page.click("#bands-download-csv")
    frame = pd.read_csv(download.value.path(), encoding="utf-8-sig")
    counts = frame.groupby("group")["count"].sum()
    assert counts.to_dict() == {"红旗村": 100, "其他村": 86, "全部村": 186}  # every village once per group
    assert (frame["data_kind"] == "合成（模拟）数据，并非真实台账").all()
    page.open("/towns?year=2024", "#towns-bands-table .ag-row")
    first = page.page.locator("#towns-bands-table .ag-center-cols-container .ag-row[row-index='0']")
    expect(first).to_contain_text("全市")
    expect(page.page.locator("#towns-bands-caption")).to_contain_text("授旗年")
    assert page.errors == []


def test_one_click_prints_the_view_with_the_whole_table_and_no_controls(page, dashboard_store):
    """The print button unpages the table and prints; the print stylesheet leaves out navigation
    and controls and shows the chart, its notes and the whole table, the synthetic notice kept."""
    page.page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page.open("/compare?year=2022", "#compare-graph .main-svg")
    page.page.click("#compare-print")
    page.page.wait_for_function("window.__printed === 1")
    rows = page.page.locator("#compare-table-wrap .print-table tbody tr")
    expect(rows).to_have_count(186)  # every village, not the first page of 25
    page.page.emulate_media(media="print")
    shown = page.page.evaluate("""() => Object.fromEntries(
        ['.nav', '.controls', '.frame-tools', '#synthetic-banner', '#compare-chart-wrap', '#compare-table-wrap',
         '#compare-caption', '#compare-headline', '#compare-caveat', '#compare-selection'].map(s => [s,
            getComputedStyle(document.querySelector(s)).display !== 'none']))""")
    assert shown == {
        ".nav": False,
        ".controls": False,
        ".frame-tools": False,
        "#synthetic-banner": True,
        "#compare-chart-wrap": True,
        "#compare-table-wrap": True,
        "#compare-caption": True,
        "#compare-headline": True,
        "#compare-caveat": True,
        "#compare-selection": True,
    }
    pdf = page.screenshot("compare-print").with_suffix(".pdf")
    page.page.pdf(path=str(pdf), format="A4")
    lines = _pdf_lines(pdf)
    expected = _table_rows(dashboard_store, "compare", 2022)
    assert len(expected) == 186
    missing = [row for row in expected if not any(all(cell in line for cell in row) for line in lines)]
    assert missing == []  # every village on paper with its value, its ranks and what its data are
    assert page.errors == []


def test_the_browsers_own_print_gives_every_town_row_with_its_medians(page, dashboard_store):
    """Ctrl+P (the browser's `beforeprint`, no button): the Towns table on paper, every town and
    the city with every cell the page shows."""
    from dashboard.data import DataSource
    from dashboard.pages import towns
    from tests.dashboard.grid import by_header

    page.open("/towns?year=2022", "#towns-graph .main-svg")
    page.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.page.emulate_media(media="print")
    pdf = page.screenshot("towns-print").with_suffix(".pdf")
    page.page.pdf(path=str(pdf), format="A4")
    lines = _pdf_lines(pdf)
    view = towns.towns_view(DataSource(dashboard_store).get(), "collective_income", 2022, "zh")
    expected = [
        tuple(_as_shown(cell) for cell in row.values()) for row in by_header(view["rows"], view["columns"], shown=True)
    ]
    assert len(expected) == 22  # 21 towns and the city
    missing = [row for row in expected if not any(all(cell in line for cell in row) for line in lines)]
    assert missing == []
    page.page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(page.page.locator(".print-table")).to_have_count(0)  # the screen as it was
    assert page.errors == []


def test_the_town_report_prints_every_village_of_the_town_with_its_numbers(page, dashboard_store):
    from dashboard.data import DataSource
    from dashboard.pages import town
    from dashboard.state import ViewState
    from tests.dashboard.grid import by_header

    page.open("/town?town=231282106000&year=2023", "#town-villages-table .ag-row")
    page.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.page.emulate_media(media="print")
    pdf = page.screenshot("town-print").with_suffix(".pdf")
    page.page.pdf(path=str(pdf), format="A4")
    lines = _pdf_lines(pdf)
    shown = town.view(DataSource(dashboard_store).get(), ViewState(towns=("231282106000",), year=2023))
    for table in town.TABLES:
        rows = by_header(shown[f"{table}_rows"], shown[f"{table}_columns"], shown=True)
        expected = [tuple(_as_shown(cell) for cell in row.values()) for row in rows]
        missing = [row for row in expected if not any(all(cell in line for cell in row) for line in lines)]
        assert missing == [], table
    assert page.errors == []


def _as_shown(cell) -> str:
    """A cell as the page writes it (a number as JavaScript prints it; nothing for no value)."""
    if cell is None:
        return ""
    return str(int(cell)) if isinstance(cell, float) and cell.is_integer() else str(cell)


def _pdf_lines(pdf) -> list[str]:
    """The PDF's text, line by line as laid out (poppler's pdftotext)."""
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (Debian poppler-utils) is needed: make test installs it")
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.splitlines()


def _table_rows(store, page: str, year: int) -> list[tuple[str, ...]]:
    """The cells of each row a printed Compare table must show on one line, from the view itself:
    the village, what its data are, its code, its value and its rank in the city."""
    from dashboard.data import DataSource
    from dashboard.pages import compare
    from tests.dashboard.grid import by_header

    data = DataSource(store).get()
    view = compare.compare_view(data, "collective_income", "any", (), year, False, "zh", "others")
    rows = by_header(view["rows"], view["columns"], shown=True)
    value = next(header for header in rows[0] if header.startswith("数值"))
    return [(row["村"], row["数据性质"], row["村代码"], row[value], row["全市排名"]) for row in rows]


A11Y_PROBLEMS = """() => {
    const named = (ids) => (ids || '').split(' ').filter(Boolean)
        .map(id => (document.getElementById(id) || {}).innerText || '').join(' ').trim();
    const problems = [];
    const h1 = document.querySelectorAll('h1').length;
    if (h1 !== 1) problems.push(`${h1} h1 elements`);
    const skip = document.querySelector('a.skip-link');
    if (!skip || skip.getAttribute('href') !== '#page') problems.push('no skip link to the content');
    document.querySelectorAll('button.dash-dropdown').forEach(b => {
        const label = (document.getElementById((b.getAttribute('aria-labelledby') || '').split(' ')[0]) || {});
        if (label.tagName !== 'LABEL' || !label.innerText.trim()) problems.push(`dropdown ${b.id} not named by a label`);
    });
    document.querySelectorAll('.js-plotly-plot').forEach(chart => {
        const figure = chart.closest('[role=figure]');
        if (!figure || !named(figure.getAttribute('aria-labelledby'))) problems.push(`chart ${chart.id} has no name`);
    });
    document.querySelectorAll('button, a[href]').forEach(e => {
        if (!(e.innerText || e.getAttribute('aria-label') || e.getAttribute('title') || e.getAttribute('data-title')
              || named(e.getAttribute('aria-labelledby'))).trim()) problems.push(`unnamed ${e.tagName} ${e.className}`);
    });
    document.querySelectorAll('input:not([type=hidden]):not([aria-hidden=true])').forEach(i => {
        if (!(i.labels && i.labels.length) && !i.getAttribute('aria-label') && !named(i.getAttribute('aria-labelledby'))
            && !i.closest('label')) problems.push(`unlabelled input ${i.className}`);
    });
    document.querySelectorAll('img:not([alt])').forEach(i => problems.push(`image without alt ${i.src}`));
    return problems; }"""


@pytest.mark.parametrize(
    "path",
    ["/", "/compare", "/trends", "/towns", "/village?village=231282106202", "/sources", "/town?town=231282106000"],
)
def test_every_page_is_usable_with_a_screen_reader_and_a_keyboard(page, path):
    """Checked against the DOM: one h1, a skip link that moves focus to the content, dropdowns
    announced by their labels, charts named by the sentence that says what they show, every
    button, link and input named."""
    page.open(path, "#page h1")
    page.page.wait_for_timeout(1000)
    assert page.page.evaluate(A11Y_PROBLEMS) == []
    page.page.keyboard.press("Tab")
    assert page.page.evaluate("document.activeElement.className") == "skip-link"
    page.page.keyboard.press("Enter")
    assert page.page.evaluate("document.activeElement.id") == "page"


def test_small_groups_say_why_there_is_no_interval_and_no_storage_is_not_applicable(page):
    page.open("/compare?outcome=cold_storage_revenue&year=2022", "#compare-graph .main-svg")
    expect(page.page.locator("#compare-stats")).to_contain_text("不计算置信区间")
    expect(page.page.locator("#compare-graph .gtitle-subtitle")).to_contain_text("不给置信区间")
    expect(page.page.locator("#compare-caption")).to_contain_text("不适用")
    page.page.locator("#compare-page, .view-toggle").get_by_text("表格").click()
    expect(page.page.locator("#compare-table .ag-center-cols-container").get_by_text("不适用").first).to_be_visible()
    assert page.errors == []


def test_a_bands_village_is_one_click_from_its_page(page):
    """Each band lists its villages; a name is a link to the village's page (the drill-down)."""
    page.open("/town?town=231282106000", "#town-bands-table .ag-row")
    link = page.page.locator("#town-bands-table a").first
    expect(link).to_be_visible()
    name, href = link.inner_text(), link.get_attribute("href")
    code = href.split("village=")[1][:12]
    link.click()
    page.page.wait_for_selector("#village-name")
    expect(page.page.locator("#village-name")).to_contain_text(f"{name} · ")
    expect(page.page.locator("#village-name")).to_contain_text(code)
    assert page.errors == []


# Each grid's rows as the page holds them (every row, not the pager's), the short cells of each:
# what a printed row must show on one line. Long text (a list of names, a reason) wraps on paper.
GRID_ROWS = """() => [...document.querySelectorAll('.grid[id]')].map(element => {
    const api = window.dash_ag_grid.getApi(element.id);
    const columns = (api.getColumnDefs() || []).filter(c => c.field && !c.hide);
    const rows = [];
    api.forEachNodeAfterFilterAndSort(node => rows.push(columns.map(c => {
        const shown = node.data[c.field + '_shown'];
        const value = shown !== undefined && shown !== null ? shown : node.data[c.field];
        return value === undefined || value === null ? '' : String(value); })));
    return {id: element.id, rows: rows}; })"""


@pytest.mark.parametrize("path", ["/?year=2022", "/trends", "/village?village=231282106202", "/report?year=2023"])
def test_every_page_prints_each_tables_numbers_row_for_row(page, path):
    """The browser's own print of the pages not covered above: each table's every row on paper
    with its short cells (numbers, names, years) on one line."""
    page.open(path, "#page h1")
    page.page.wait_for_selector(".grid[id] .ag-row", state="attached", timeout=20_000)
    page.page.wait_for_timeout(800)
    grids = page.page.evaluate(GRID_ROWS)
    page.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.page.emulate_media(media="print")
    pdf = page.screenshot(f"print-{path.strip('/').split('?')[0] or 'overview'}").with_suffix(".pdf")
    page.page.pdf(path=str(pdf), format="A4", landscape=True)
    text = "\n".join(_pdf_lines(pdf))
    lines = text.splitlines()
    assert sum(len(g["rows"]) for g in grids) > 0
    for grid in grids:
        for row in grid["rows"]:
            short = [cell for cell in row if cell and len(cell) <= 14]
            assert any(all(cell in line for cell in short) for line in lines), (grid["id"], row)
    assert page.errors == []
