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


def test_the_sources_page_shows_a_load_and_a_revert_without_a_reload(browser, own_dashboard, tmp_path):
    """After a load the page shows the store as it is (the ingest listed, the revert offered, the
    synthetic banner gone, no synthetic value left), and after a revert as it was, unreloaded."""
    url, _ = own_dashboard
    ledger = write_csv(
        tmp_path / "两村台账.csv",
        [["乡镇", "村名", "年份", "村集体经济收入（万元）"], ["五站镇", "东安村", "2022", "45.2"]],
    )
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = Page(context.new_page(), url)
    page.open("/sources", "#ledger-upload")
    expect(page.page.locator("#synthetic-banner")).to_have_count(1)
    expect(page.page.locator("#sources-share")).to_contain_text("100%")  # every value is synthetic
    expect(page.page.locator("#revert-button")).to_be_disabled()
    page.page.set_input_files("#ledger-upload input[type=file]", str(ledger))
    expect(page.page.locator("#upload-summary")).to_contain_text("有效 1 行")
    page.page.click("#ingest-button")
    expect(page.page.locator("#ingest-message")).to_contain_text("已导入")
    ingests = page.page.locator("#sources-ingests")
    expect(ingests).to_contain_text("两村台账.csv")
    expect(ingests).to_contain_text("已导入")
    expect(page.page.locator("#sources-share")).to_contain_text("0%")  # the ledger's one value, real
    expect(page.page.locator("#synthetic-banner")).to_have_count(0)
    expect(page.page.locator("#selections")).to_be_visible()  # the data choice, offered once a ledger is in
    expect(page.page.locator("#revert-button")).to_be_enabled()
    page.page.click("#revert-button")
    expect(page.page.locator("#revert-message")).to_be_visible()
    expect(ingests).to_contain_text("已撤销")
    expect(page.page.locator("#sources-share")).to_contain_text("100%")
    expect(page.page.locator("#synthetic-banner")).to_have_count(1)
    expect(page.page.locator("#revert-button")).to_be_disabled()
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


def _pick(page, header: str, column: str, choice: str) -> None:
    """Edit one cell of the reading table: open its choice list and pick `choice`."""
    row = page.locator("#layout-grid .ag-center-cols-container .ag-row").filter(
        has=page.locator(".ag-cell[col-id='header']", has_text=header)
    )
    cell = row.locator(f".ag-cell[col-id='{column}']")
    cell.dblclick()
    cell.locator(".ag-picker-field-wrapper").click()  # AG Grid's select editor: a picker, then its list
    page.locator(".ag-select-list .ag-list-item").filter(has_text=choice).first.click()
    expect(cell).to_contain_text(choice)


def test_a_planner_sees_how_the_file_was_read_remaps_a_column_and_loads_it_so(browser, own_dashboard, tmp_path):
    url, store = own_dashboard
    ledger = write_csv(
        tmp_path / "冷库台账.csv",
        [
            ["2022年村集体收入台账"],
            ["乡镇", "村名", "冷库租赁所得", "村集体经济收入（万元）", "联系电话"],
            ["五站镇", "东安村", "3", "12", "13912345678"],
            ["里木店镇", "永丰村", "2.5", "40", "13800001111"],
        ],
    )
    context = browser.new_context(viewport={"width": 1366, "height": 1000}, locale="zh-CN")
    page = Page(context.new_page(), url)
    page.open("/sources", "#ledger-upload")
    page.page.set_input_files("#ledger-upload input[type=file]", str(ledger))
    layout = page.page.locator("#layout-section")
    expect(layout).to_be_visible()
    expect(page.page.locator("#layout-summary")).to_contain_text("表头第 2 行")
    expect(page.page.locator("#layout-summary")).to_contain_text("年份 2022（来自标题）")
    grid = page.page.locator("#layout-grid")
    expect(grid).to_contain_text("个人信息，不读取、不保存")
    expect(grid).to_contain_text("未读取")  # 冷库租赁所得: not known, its header does not say money
    _pick(page.page, "冷库租赁所得", "read_as", "cold_storage_revenue")
    _pick(page.page, "冷库租赁所得", "unit", "万元")
    page.page.click("#apply-recipe-button")
    expect(page.page.locator("#recipe-in-use")).to_contain_text("已修改 1 列")
    expect(page.page.locator("#upload-report")).not_to_contain_text("冷库租赁所得")  # no longer a column not read
    page.screenshot("sources-recipe")
    page.page.click("#ingest-button")
    expect(page.page.locator("#ingest-message")).to_contain_text("已导入")
    with open_store(store) as opened:
        values = opened.query(
            "SELECT metric, value FROM outcomes WHERE ingest_id IS NOT NULL ORDER BY metric, value"
        ).values.tolist()
        report = opened.query("SELECT report FROM ingests").iloc[0, 0]
    assert values == [
        ["cold_storage_revenue", 25_000.0],
        ["cold_storage_revenue", 30_000.0],
        ["collective_income", 120_000.0],
        ["collective_income", 400_000.0],
    ]
    assert '"cold_storage_revenue"' in report and "13912345678" not in report  # the recipe kept, no phone
    assert page.errors == []
