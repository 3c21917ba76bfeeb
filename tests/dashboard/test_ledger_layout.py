"""The Sources page's table of how an uploaded ledger was read, and the recipe its edits make."""

from dashboard import ledger_layout
from zhaodong_data.ledgers import read_ledger
from zhaodong_data.ledgers.recipe import parse_recipe, recipe_from_report

from ..ledgers.make import write_csv
from ..ledgers.test_forms import _income_statement


def _sheet(folder):
    rows = [
        ["2022年台账"],
        ["村名", "乡镇", "冷库租赁所得", "村集体经济收入", "联系电话"],
        ["", "", "", "万元", ""],
        ["东安村", "五站镇", "3", "12", "13912345678"],
    ]
    return write_csv(folder / "台账.csv", rows)


def test_each_column_is_a_row_saying_how_it_was_read_in_the_page_s_language(tmp_path):
    report = read_ledger(_sheet(tmp_path)).report
    rows = {row["header"]: row for row in ledger_layout.grid_rows(report, "zh")}
    assert rows["村名"]["how_read"] == "键：村名"
    assert rows["村集体经济收入"]["how_read"] == "村集体经济收入"
    assert (rows["村集体经济收入"]["unit"], rows["村集体经济收入"]["unit_from"]) == ("万元", "单位行")
    assert rows["冷库租赁所得"]["how_read"].startswith("未读取：")
    assert rows["联系电话"]["editable"] is False and rows["村名"]["editable"] is True
    english = {row["header"]: row for row in ledger_layout.grid_rows(report, "en")}
    assert english["村名"]["how_read"] == "key: village"


def test_the_table_s_edits_become_a_recipe_that_reads_the_column(tmp_path):
    path = _sheet(tmp_path)
    report = read_ledger(path).report
    base = recipe_from_report(report)
    rows = ledger_layout.grid_rows(report, "zh")
    choices = {code: label for label, code in ledger_layout.metric_choices("zh").items()}
    for row in rows:
        if row["header"] == "冷库租赁所得":
            row["read_as"], row["unit"] = choices["cold_storage_revenue"], "万元"
        if row["header"] == "联系电话":  # a personal column cannot be edited, whatever the table sends
            row["read_as"] = choices["collective_income"]
    recipe, changed = ledger_layout.recipe_from_grid(base, rows, "zh")
    assert changed == 1
    result = read_ledger(path, recipe=parse_recipe(recipe, "dashboard"))
    got = {r.metric: r.low for r in result.records.itertuples()}
    assert got == {"cold_storage_revenue": 30_000, "collective_income": 120_000}
    # nothing edited: nothing changed
    assert ledger_layout.recipe_from_grid(base, ledger_layout.grid_rows(report, "zh"), "zh")[1] == 0


def test_each_sheet_gets_a_sentence_with_its_rows(tmp_path):
    report = read_ledger(_income_statement(tmp_path)).report
    [sentence] = ledger_layout.summary(report, "zh")
    assert "表头第 3、4 行" in sentence.children and "年份 2022（来自标题）" in sentence.children
    assert "合计行第 7、9、10 行" in sentence.children and "注释行第 11、12 行" in sentence.children
    [english] = ledger_layout.summary(report, "en")
    assert "header on row(s) 3, 4" in english.children
    assert "year 2022 (from the title)" in english.children
