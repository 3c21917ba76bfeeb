"""A province's Compare in a real browser: the chart draws the large group as its distribution
and the table fetches its rows a page at a time, sorted on the server as the grid asks."""

import re
import threading

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from dashboard.app import create_app
from zhaodong_data.store import build_store

from .conftest import Page
from .test_dashboard import control

pytestmark = pytest.mark.browser
VILLAGES = 2_000  # past views.LISTS_ON_SERVER_ABOVE: the same code paths as a province's 10,000


@pytest.fixture(scope="module")
def scale_url(tmp_path_factory):
    app = create_app(build_store(tmp_path_factory.mktemp("paged") / "s.duckdb", synthetic_villages=VILLAGES))
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_a_province_s_compare_table_is_fetched_a_page_at_a_time_and_sorted_on_the_server(browser, scale_url):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = Page(context.new_page(), scale_url)
    try:
        page.open("/compare?view=table", "#compare-table .ag-row")
        panel = page.page.locator("#compare-table .ag-paging-row-summary-panel")
        expect(panel).to_have_text(f"1 – 25 / {VILLAGES:,}")
        rows = page.page.locator("#compare-table .ag-center-cols-container .ag-row")
        expect(rows).to_have_count(25)
        first = rows.first.inner_text()
        page.page.locator("#compare-table .ag-paging-button").nth(2).click()  # the next page
        expect(panel).to_have_text(f"26 – 50 / {VILLAGES:,}")
        expect(rows.first).not_to_have_text(first)
        # sorted on the city rank, the first page holds the top of all 2,000 villages
        page.page.locator("#compare-table .ag-header-cell[col-id='c7'] .ag-header-cell-label").click()
        expect(page.page.locator("#compare-table .ag-row[row-index='0'] [col-id='c7']")).to_have_text(
            f"第1名/共{VILLAGES}村"
        )
        # a new selection in the controls: the grid drops its pages and fetches the town's
        page.page.click(control("compare", "towns"))
        page.page.locator(".dash-dropdown-option", has_text="昌五镇").first.click()
        page.page.keyboard.press("Escape")
        expect(panel).to_have_text(re.compile(r"^\s*1 – \d{1,2} / \d{1,2}\s*$"))
        towns = page.page.locator("#compare-table .ag-row [col-id='c2']")
        expect(towns.first).to_have_text("昌五镇")
        assert set(towns.all_inner_texts()) == {"昌五镇"}
        page.screenshot("compare-paged-table")
        # printed, the paged table is the page's rows, and says which of how many
        page.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        printed = page.page.locator("#compare-table-wrap .print-table")
        expect(printed.locator("tbody tr")).to_have_count(12)
        expect(printed.locator("caption")).to_have_text("第 1–12 行，共 12 行（下载 CSV / Excel 可得全部）")
        page.page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        page.open("/compare", "#compare-graph .main-svg")
        expect(page.page.locator("#compare-graph")).to_contain_text("按分布绘制")
        page.screenshot("compare-distribution")
        assert not page.errors, page.errors
    finally:
        context.close()
