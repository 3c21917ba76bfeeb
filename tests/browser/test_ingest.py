"""A planner loads a ledger from the Sources page; every page then uses it."""

import threading

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from dashboard.app import create_app
from zhaodong_data.store import build_store, open_store

from ..ledgers.make import write_csv
from .conftest import Page

pytestmark = pytest.mark.browser


@pytest.fixture
def own_dashboard(tmp_path):
    """A dashboard on a store of its own: this test writes to it."""
    store = build_store(tmp_path / "store.duckdb")
    server = make_server("127.0.0.1", 0, create_app(store, allow_ingest=True).server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", store
    server.shutdown()


def test_load_a_ledger_from_the_sources_page(browser, own_dashboard, tmp_path):
    url, store = own_dashboard
    ledger = write_csv(
        tmp_path / "五站镇台账.csv",
        [
            ["2022年村集体经济收入台账（单位：万元）"],
            ["乡镇", "村名", "红旗类别", "村集体经济收入"],
            ["里木店镇", "永丰村", "发展", "61"],
            ["五站镇", "东安村", "", "45.2"],
            ["", "火星村", "", "3"],
        ],
        encoding="gbk",
    )
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = Page(context.new_page(), url)
    page.open("/sources", "#ledger-upload")
    page.page.set_input_files("#ledger-upload input[type=file]", str(ledger))
    expect(page.page.locator("#upload-summary")).to_contain_text("读取 3 行，有效 2 行，隔离 1 行")
    expect(page.page.locator("#upload-report")).to_contain_text("火星村")
    expect(page.page.locator("#upload-report")).to_contain_text("未找到村“火星村”")  # the reason, in Chinese
    report_text = page.page.inner_text("#upload-report")
    assert "/tmp" not in report_text and "no village named" not in report_text
    page.page.click("#ingest-button")
    expect(page.page.locator("#ingest-message")).to_contain_text("已导入")
    page.screenshot("sources-ingest")
    page.open("/compare?year=2022", "#compare-graph .main-svg")
    expect(page.page.locator("#compare-caption")).to_contain_text("已导入的台账")
    expect(page.page.locator("#compare-caption")).to_contain_text("红旗村 n = 1")
    expect(page.page.locator("#synthetic-banner")).to_have_count(0)
    with open_store(store) as opened:
        ingests = opened.table("ingests")
    assert ingests["file_name"].tolist() == ["五站镇台账.csv"]
    assert page.errors == []
    context.close()


def test_an_outlier_is_quarantined_unless_the_planner_accepts_it(browser, own_dashboard, tmp_path):
    url, _ = own_dashboard
    rows = [
        ["村名", "年度", "村集体经济收入（万元）"],
        ["东安村", "2022", "40"],
        ["向阳村", "2022", "42"],
        ["永丰村", "2022", "38"],
        ["前进村", "2022", "450000"],
    ]  # yuan typed in a 万元 column
    ledger = write_csv(tmp_path / "outlier.csv", rows)
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = Page(context.new_page(), url)
    page.open("/sources", "#ledger-upload")
    page.page.set_input_files("#ledger-upload input[type=file]", str(ledger))
    expect(page.page.locator("#upload-summary")).to_contain_text("隔离 1 行")
    expect(page.page.locator("#upload-report")).to_contain_text("量级异常：45亿")
    page.page.get_by_label("接受量级异常的数值", exact=False).check()
    expect(page.page.locator("#upload-summary")).to_contain_text("隔离 0 行")
    expect(page.page.locator("#upload-report")).to_contain_text("按要求保留了 1 个")
    assert page.errors == []
    context.close()


def test_loading_is_off_unless_allowed(page):
    page.open("/sources", "#sources-table .ag-row")
    expect(page.page.locator("#ledger-upload")).to_have_count(0)
    expect(page.page.locator("body")).to_contain_text("zhaodong ingest")
