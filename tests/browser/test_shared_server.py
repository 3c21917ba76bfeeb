"""Planners sharing one gunicorn server with two workers: an upload checked by one worker is
loaded by the other, loading shows what will change first, and an ingest can be reverted."""

import os
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from zhaodong_data.store import build_store, open_store

from ..dashboard.test_serving import ROOT, _free_port, _get
from ..ledgers.make import write_csv
from .conftest import Page

pytestmark = pytest.mark.browser
VILLAGES = ["东安村", "向阳村", "永丰村", "前进村", "石坚村", "红日村"]


@pytest.fixture
def shared_server(tmp_path):
    store = build_store(tmp_path / "store.duckdb")
    port = _free_port()
    environment = {**os.environ, "ZHAODONG_STORE": str(store), "ZHAODONG_ALLOW_INGEST": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}", "dashboard.wsgi:server"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _get(f"http://127.0.0.1:{port}/")
    yield f"http://127.0.0.1:{port}", store
    server.terminate()
    server.wait(timeout=20)


def test_uploads_load_whichever_worker_answers(browser, shared_server, tmp_path):
    url, store = shared_server
    for attempt in range(8):
        ledger = write_csv(
            tmp_path / f"ledger-{attempt}.csv",
            [["村名", "年度", "村集体经济收入（万元）"]]
            + [[name, str(2015 + attempt), str(30 + i)] for i, name in enumerate(VILLAGES)],
        )
        context = browser.new_context(locale="zh-CN")
        page = Page(context.new_page(), url)
        page.open("/sources", "#ledger-upload")
        page.page.set_input_files("#ledger-upload input[type=file]", str(ledger))
        expect(page.page.locator("#upload-preview")).to_contain_text("6 个“村·年度·指标”将获得真实数值")
        page.page.click("#ingest-button")
        expect(page.page.locator("#ingest-message")).to_contain_text("已导入")
        context.close()
    with open_store(store) as opened:
        assert len(opened.ingests()) == 8
    assert not [p for p in (store.parent / ".zhaodong-uploads").iterdir()]  # loaded files are not kept


def test_preview_selection_and_revert(browser, shared_server, tmp_path):
    url, store = shared_server
    rows = [["村名", "年度", "红旗类别", "村集体经济收入（万元）"]] + [
        [name, "2022", "发展" if i == 0 else "", str(30 + i)] for i, name in enumerate(VILLAGES)
    ]
    ledger = write_csv(tmp_path / "six.csv", rows)
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = Page(context.new_page(), url)
    page.open("/sources", "#ledger-upload")
    page.page.set_input_files("#ledger-upload input[type=file]", str(ledger))
    preview = page.page.locator("#upload-preview")
    expect(preview).to_contain_text("这是第一份台账")
    expect(preview).to_contain_text("只显示台账中有数值的 6 个村")
    page.screenshot("sources-preview")
    page.page.click("#ingest-button")
    expect(page.page.locator("#ingest-message")).to_contain_text("已导入")

    page.open("/compare?lang=zh&year=2022", "#compare-graph .main-svg")
    expect(page.page.locator("#data-notice")).to_contain_text("6 个村有数值")
    expect(page.page.locator("#synthetic-banner")).to_have_count(0)
    page.page.click("#selection-with_demo")
    expect(page.page.locator("#synthetic-banner")).to_have_count(1)
    expect(page.page.locator("#data-notice")).to_contain_text("6 个村为台账中的真实数值，180 个村为合成演示数值")
    page.screenshot("compare-with-demo")

    page.open("/sources", "#revert-button")
    page.page.click("#revert-button")
    expect(page.page.locator("#revert-message")).to_contain_text("已撤销第 1 次导入")
    page.open("/compare?lang=zh", "#compare-graph .main-svg")
    expect(page.page.locator("#synthetic-banner")).to_have_count(1)
    expect(page.page.locator("#selections")).to_have_count(0)  # no ledger left: nothing to choose
    with open_store(store) as opened:
        assert opened.ingests()["status"].tolist() == ["reverted"]
    assert page.errors == []
    context.close()


def test_a_refused_file_is_not_kept(browser, shared_server, tmp_path):
    url, store = shared_server
    bad = tmp_path / "photo.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    context = browser.new_context(locale="zh-CN")
    page = Page(context.new_page(), url)
    page.open("/sources", "#ledger-upload")
    page.page.set_input_files("#ledger-upload input[type=file]", str(bad))
    expect(page.page.locator("#upload-report")).to_contain_text("无法读取")
    expect(page.page.locator("#ingest-button")).to_be_disabled()
    assert not list((store.parent / ".zhaodong-uploads").glob("*/*"))
    context.close()
