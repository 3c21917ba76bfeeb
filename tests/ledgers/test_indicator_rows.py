"""The 收益分配统计表 with its lines as rows: one column per village, or one sheet per village.

Each sheet is built from the same lines as the villages-as-rows form of test_forms.py, so each
layout must load the same values; every cell the report names is the file's own cell.
"""

import pytest

from zhaodong_data.gazetteer import load_gazetteer
from zhaodong_data.ledgers import read_ledger
from zhaodong_data.ledgers.reasons import render

from .make import write_csv, write_xlsx
from .test_forms import INCOME_LINES, SPENDING_LINES, VILLAGE_LINES

# The form's lines in order, as the 统计表 numbers them: (label, line code, metric or a sum)
FORM = [
    ("一、总收入", 1, "collective_income"),
    ("1.经营收入", 2, "business_income"),
    ("2.发包及上交收入", 3, "contracting_income"),
    ("3.投资收益", 4, "investment_income"),
    ("4.补助收入", 5, "subsidy_income"),
    ("5.其他收入", 6, "other_income"),
    ("二、总支出", 7, "total_expenditure"),
    ("1.经营支出", 8, "operating_expenditure"),
    ("2.管理费用", 9, "management_expenses"),
    ("3.其他支出", 10, "other_expenditure"),
    ("三、本年收益", 11, "net_income"),
]
FIRST_LINE_ROW = 5  # title, 单位, town row, header: the lines start on row 5


def _values(lines: dict[str, float]) -> dict[str, float]:
    """Every line of a village (万元), the sums as the form states them."""
    income = round(sum(lines[m] for m in INCOME_LINES), 2)
    spending = round(sum(lines[m] for m in SPENDING_LINES), 2)
    return lines | {"collective_income": income, "total_expenditure": spending, "net_income": income - spending}


def _expected(code) -> dict[tuple[str, str], float]:
    """(village code, metric) -> yuan, operating income derived as 经营收入 + 发包 + 投资收益."""
    expected = {}
    for (town, village), lines in VILLAGE_LINES.items():
        values = _values(lines)
        values["operating_income"] = sum(
            lines[m] for m in ("business_income", "contracting_income", "investment_income")
        )
        for metric, value in values.items():
            expected[(code(village, town), metric)] = value * 1e4
    return expected


@pytest.fixture(scope="module")
def code():
    gazetteer = load_gazetteer()
    return lambda village, town: gazetteer.match_village(village, town=town).code


def _villages_in_columns(folder, change=None, total_off: float = 0.0):
    """Title (with the year), 单位 row, towns above their villages, 指标名称 | 代码 | villages | 合计,
    a 填报人 footer. `change`: {(village, metric): cell text} written instead of the value."""
    keys = list(VILLAGE_LINES)
    values = {key: _values(VILLAGE_LINES[key]) for key in keys}
    rows = [
        ["肇东市2022年农村集体经济组织收益分配统计表"],
        ["单位：万元"],
        [None, None] + [town for town, _ in keys] + [None],
        ["指标名称", "代码"] + [village for _, village in keys] + ["合计"],
    ]
    for label, line_code, metric in FORM:
        cells = [values[key][metric] for key in keys]
        cells = [(change or {}).get((key[1], metric), cell) for key, cell in zip(keys, cells)]
        total = round(sum(values[key][metric] for key in keys), 2)
        rows.append([label, line_code] + cells + [total + (total_off if metric == "collective_income" else 0)])
    rows.append(["填报人：王建国  联系电话：13912345678"])
    return write_xlsx(folder / "columns.xlsx", {"2022": rows})


def test_villages_in_columns_load_the_same_values_as_villages_in_rows(tmp_path, code):
    result = read_ledger(_villages_in_columns(tmp_path))
    report = result.report
    assert report["quarantine"] == [] and report["ignored_columns"] == []
    # each village column counts as a row read; the 合计 column is a total, checked and agreeing
    assert (report["rows_read"], report["rows_clean"], report["rows_skipped"]) == (4, 3, 1)
    assert {w["code"] for w in report["warning_codes"]} == {"operating_income_derived"}
    got = {(r.village_code, r.metric): r.low for r in result.records.itertuples()}
    assert got == pytest.approx(_expected(code))
    # each value's cell is the line's row and the village's column
    rows = {(r.village_code, r.metric): (r.row, r.column) for r in result.records.itertuples()}
    for offset, (label, _, metric) in enumerate(FORM):
        assert rows[(code("高卜村", "五站镇"), metric)] == (FIRST_LINE_ROW + offset, f"高卜村 / {label}")


def test_the_layout_of_a_turned_sheet_names_its_lines_and_village_columns(tmp_path):
    sheet = read_ledger(_villages_in_columns(tmp_path)).report["layout"][0]
    assert (sheet["orientation"], sheet["header_rows"], sheet["code_column"]) == ("villages_in_columns", [4], 2)
    assert [(line["row"], line["header"], line["metric"]) for line in sheet["lines"]] == [
        (FIRST_LINE_ROW + i, label, metric) for i, (label, _, metric) in enumerate(FORM)
    ]
    assert all(line["factor"] == 1e4 and line["unit_from"] == "title" for line in sheet["lines"])
    villages = [(c["column"], c["village"], c["town"]) for c in sheet["columns"]]
    assert villages[:3] == [(3 + i, village, town) for i, (town, village) in enumerate(VILLAGE_LINES)]
    assert sheet["columns"][3]["skipped"] == "total_row"
    assert sheet["note_rows"] == [FIRST_LINE_ROW + len(FORM)]
    assert (sheet["year"], sheet["year_from"]) == (2022, "title")


def test_a_bad_cell_of_a_turned_sheet_is_quarantined_at_its_own_cell(tmp_path, code):
    result = read_ledger(_villages_in_columns(tmp_path, change={("东安村", "investment_income"): "见附表"}))
    [entry] = result.report["quarantine"]
    line = next(i for i, (_, _, metric) in enumerate(FORM) if metric == "investment_income")
    assert (entry["row"], entry["column"], entry["value"]) == (FIRST_LINE_ROW + line, "东安村 / 3.投资收益", "见附表")
    # the village's other lines load; its operating income is not derived without 投资收益
    metrics = set(result.records[result.records["village_code"] == code("东安村", "五站镇")]["metric"])
    assert "business_income" in metrics and "investment_income" not in metrics and "operating_income" not in metrics


def test_a_line_that_does_not_add_up_is_named_at_its_row(tmp_path):
    result = read_ledger(_villages_in_columns(tmp_path, change={("高卜村", "collective_income"): 14}))
    mismatches = [w for w in result.report["warning_codes"] if w["code"] == "identity_mismatch"]
    assert [(w["params"]["row"], w["params"]["cell"], w["params"]["whole"]) for w in mismatches] == [
        (FIRST_LINE_ROW, "高卜村 / 一、总收入", "collective_income"),
        (FIRST_LINE_ROW + len(FORM) - 1, "高卜村 / 三、本年收益", "net_income"),
    ]
    assert render("identity_mismatch", mismatches[0]["params"], "en").startswith(f"row {FIRST_LINE_ROW}")


def test_a_total_column_that_disagrees_names_its_row(tmp_path):
    result = read_ledger(_villages_in_columns(tmp_path, total_off=1.0))
    [warning] = [w for w in result.report["warning_codes"] if w["code"] == "total_mismatch"]
    assert (warning["params"]["row"], warning["params"]["cell"]) == (FIRST_LINE_ROW, "合计 / 一、总收入")


def _one_village_sheets(folder, kind="xlsx", previous=False):
    """One sheet per village, named by its village; 指标名称 | 代码 | 本年数 (| 上年数: half of this year)."""
    sheets = {}
    for (town, village), lines in VILLAGE_LINES.items():
        values = _values(lines)
        header = ["指标名称", "代码", "计量单位", "本年数"] + (["上年数"] if previous else [])
        rows = [[f"单位名称：{town}{village}"], ["2022年度收益分配表"], header]
        for label, line_code, metric in FORM:
            rows.append([label, line_code, "万元", values[metric]] + ([values[metric] / 2] if previous else []))
        rows.append(["审核人：李明", None, "电话：0455-7771234"])
        sheets[village] = rows
    if kind == "csv":
        return [write_csv(folder / f"{village}.csv", rows) for village, rows in sheets.items()]
    return [write_xlsx(folder / "villages.xlsx", sheets)]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_one_sheet_per_village_loads_the_same_values(tmp_path, code, kind):
    got = {}
    for path in _one_village_sheets(tmp_path, kind):
        result = read_ledger(path)
        assert result.report["quarantine"] == []
        assert {s["orientation"] for s in result.report["layout"]} == {"one_village"}
        got |= {(r.village_code, r.metric): r.low for r in result.records.itertuples()}
        assert set(result.records["year"]) == {2022}
    assert got == pytest.approx(_expected(code))


def test_last_year_s_column_of_a_one_village_sheet_is_the_year_before(tmp_path, code):
    [path] = _one_village_sheets(tmp_path, previous=True)
    result = read_ledger(path)
    records = result.records.set_index(["village_code", "year", "metric"])["low"]
    village = code("东安村", "五站镇")
    assert records[(village, 2021, "business_income")] == pytest.approx(records[(village, 2022, "business_income")] / 2)
    text = str(result.report)
    assert "李明" not in text and "7771234" not in text


def test_a_title_naming_several_towns_gives_the_town_it_names_first():
    """The sheet's town is read by place in the text, so it is the same on every run (a set of
    town names iterated in hash order once gave either of two)."""
    from zhaodong_data.ledgers.layout import town_named_in

    gazetteer = load_gazetteer()
    assert town_named_in("五站镇 向阳乡 收益分配统计表", gazetteer) == "五站镇"
    assert town_named_in("向阳乡 五站镇 收益分配统计表", gazetteer) == "向阳乡"
    assert town_named_in("肇东市收益分配统计表", gazetteer) is None
