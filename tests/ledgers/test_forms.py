"""The forms a county office keeps, built as clerks fill them in: each read right or refused."""

import json
import re

import duckdb
import pytest

from zhaodong_data.cli import main
from zhaodong_data.gazetteer import load_gazetteer
from zhaodong_data.ingest import ingest_file
from zhaodong_data.ledgers import read_ledger
from zhaodong_data.ledgers.reasons import render
from zhaodong_data.store import build_store

from .make import write_csv, write_xlsx

PHONE_OR_ID = re.compile(r"(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{17}[\dXx])(?!\d)")
INCOME_LINES = ("business_income", "contracting_income", "investment_income", "subsidy_income", "other_income")
SPENDING_LINES = ("operating_expenditure", "management_expenses", "other_expenditure")


@pytest.fixture(scope="module")
def code():
    gazetteer = load_gazetteer()
    return lambda village, town: gazetteer.match_village(village, town=town).code


def _statement_row(lines: dict[str, float]) -> list[float]:
    """合计 and the five income lines, 合计 and the three spending lines, 本年收益 (万元)."""
    income = round(sum(lines[m] for m in INCOME_LINES), 2)
    spending = round(sum(lines[m] for m in SPENDING_LINES), 2)
    return (
        [income]
        + [lines[m] for m in INCOME_LINES]
        + [spending]
        + [lines[m] for m in SPENDING_LINES]
        + [round(income - spending, 2)]
    )


VILLAGE_LINES = {
    ("五站镇", "东安村"): dict(zip(INCOME_LINES + SPENDING_LINES, (10, 20, 1, 5, 2, 8, 6, 1))),
    ("五站镇", "高卜村"): dict(zip(INCOME_LINES + SPENDING_LINES, (3, 4, 0, 5, 1, 2, 3, 0))),
    ("向阳乡", "向阳村"): dict(zip(INCOME_LINES + SPENDING_LINES, (1.5, 2, 0.25, 8, 0, 1, 5, 0))),
}


def _income_statement(folder, off_by: float = 0.0):
    """The annual 收益分配统计表: title, 单位 row, two header rows (总收入 and 总支出 merged over
    their lines, keys merged down), towns merged down their villages, a 小计 per town, the city
    total, a 注 and a 填报人 … 联系电话 footer. `off_by` puts 东安村's 总收入 off its lines."""
    header = ["序号", "乡镇", "村名", "总收入", None, None, None, None, None, "总支出", None, None, None, "本年收益"]
    lines = [None, None, None, "合计", "经营收入", "发包及上交收入", "投资收益", "补助收入", "其他收入"]
    lines += ["合计", "经营支出", "管理费用", "其他支出", None]
    values = {key: _statement_row(v) for key, v in VILLAGE_LINES.items()}

    def total(keys):  # from the true lines: the offset is the village row's slip alone
        return [round(sum(col), 2) for col in zip(*(values[k] for k in keys))]

    totals = {"五站镇": total(list(VILLAGE_LINES)[:2]), "向阳乡": total(list(VILLAGE_LINES)[2:])}
    city = total(list(VILLAGE_LINES))
    values[("五站镇", "东安村")] = [values[("五站镇", "东安村")][0] + off_by] + values[("五站镇", "东安村")][1:]

    wuzhan, xiangyang = list(VILLAGE_LINES)[:2], list(VILLAGE_LINES)[2:]
    rows = [
        ["肇东市2022年农村集体经济组织收益分配统计表"],
        ["单位：万元"],
        header,
        lines,
        ["1", "五站镇", "东安村"] + values[wuzhan[0]],
        ["2", "五站镇", "高卜村"] + values[wuzhan[1]],
        ["", "五站镇", "小计"] + totals["五站镇"],
        ["3", "向阳乡", "向阳村"] + values[xiangyang[0]],
        ["", "向阳乡", "小计"] + totals["向阳乡"],
        ["", "全市合计", ""] + city,
        ["注：本表数据未经审计"],
        ["填报人：王建国", None, "联系电话：13912345678", None, "审核人：李明 0455-7771234"],
    ]
    merged = ["A3:A4", "B3:B4", "C3:C4", "D3:I3", "J3:M3", "N3:N4", "B5:B7", "B8:B9"]
    return write_xlsx(folder / "收益分配统计表.xlsx", {"收益分配": rows}, {"收益分配": merged})


def test_the_income_statement_loads_every_line_of_every_village(tmp_path, code):
    result = read_ledger(_income_statement(tmp_path))
    report = result.report
    assert report["quarantine"] == [] and report["ignored_columns"] == []
    assert report["rows_clean"] == 3
    skipped = {s["row"]: s["code"] for s in report["skipped"]}
    assert skipped == {7: "total_row", 9: "total_row", 10: "total_row", 11: "note_row", 12: "note_row"}
    got = {(r.village_code, r.metric): r.low for r in result.records.itertuples()}
    for (town, village), lines in VILLAGE_LINES.items():
        village_code = code(village, town)
        income = sum(lines[m] for m in INCOME_LINES)
        spending = sum(lines[m] for m in SPENDING_LINES)
        expected = {m: v * 1e4 for m, v in lines.items()}
        expected |= {
            "collective_income": income * 1e4,
            "total_expenditure": spending * 1e4,
            "net_income": (income - spending) * 1e4,
            # operating income: 经营收入 + 发包及上交收入 + 投资收益, subsidies and other income excluded
            "operating_income": (lines["business_income"] + lines["contracting_income"] + lines["investment_income"])
            * 1e4,
        }
        for metric, value in expected.items():
            assert got[(village_code, metric)] == pytest.approx(value), (village, metric)
    assert {w["code"] for w in report["warning_codes"]} == {"operating_income_derived"}  # totals all agree


def test_a_line_that_does_not_add_up_is_named_not_corrected(tmp_path, code):
    result = read_ledger(_income_statement(tmp_path, off_by=1.0))
    mismatches = [w for w in result.report["warning_codes"] if w["code"] == "identity_mismatch"]
    # 东安村's 总收入 (row 5) is one 万 above its lines; and so 本年收益 is one 万 below 总收入 − 总支出
    assert [(w["params"]["row"], w["params"]["whole"]) for w in mismatches] == [
        (5, "collective_income"),
        (5, "net_income"),
    ]
    sentence = render("identity_mismatch", mismatches[0]["params"], "en")
    assert "'总收入 / 合计' is 39 (39万) but its lines give 38万" in sentence
    assert "business income 10 + contracting and remitted income 20" in sentence
    assert "经营收入 10" in render("identity_mismatch", mismatches[0]["params"], "zh")
    # the stated figure is kept as written: a warning, never a correction
    stored = result.records.set_index(["village_code", "metric"])["low"]
    assert stored[(code("东安村", "五站镇"), "collective_income")] == 390_000
    # the 小计 and 全市合计 rows now disagree with their block by the same 1万, and say so
    assert {w["params"]["row"] for w in result.report["warning_codes"] if w["code"] == "total_mismatch"} == {7, 10}


def test_no_name_or_phone_number_of_the_footer_is_kept(tmp_path):
    report = read_ledger(_income_statement(tmp_path)).report
    text = json.dumps(report, ensure_ascii=False)
    for personal in ("王建国", "李明", "13912345678", "7771234"):
        assert personal not in text


def test_a_unit_row_under_the_header_sets_each_column_s_unit(tmp_path, code):
    rows = [
        ["肇东市2022年村级集体经济情况表"],
        ["序号", "乡镇", "村名", "村集体经济收入", "村集体经营性收入", "务工收入"],
        ["", "", "", "万元", "万元", "元/人·月"],
        ["1", "五站镇", "东安村", "45.2", "30万元", "3500"],
        ["2", "向阳乡", "向阳村", "30.5", "12", "3000"],
        ["", "合计", "", "75.7", "42", ""],
    ]
    result = read_ledger(write_csv(tmp_path / "unit_row.csv", rows))
    report = result.report
    assert report["quarantine"] == [] and report["warnings"] == []  # the 合计 row agrees
    assert report["rows_read"] == 3 and report["rows_clean"] == 2
    got = {(r.village_code, r.metric): (r.low, r.period) for r in result.records.itertuples()}
    dongan, xiangyang = code("东安村", "五站镇"), code("向阳村", "向阳乡")
    assert got[(dongan, "collective_income")][0] == pytest.approx(452_000)
    assert got[(dongan, "operating_income")][0] == pytest.approx(300_000)  # its own 万元, not 万 twice
    assert got[(xiangyang, "operating_income")][0] == pytest.approx(120_000)
    assert got[(dongan, "wage_income")] == (3500, "month")


def test_a_whole_column_wrong_by_one_factor_is_refused_with_the_reading_that_fits(tmp_path):
    # 万元 figures with the unit nowhere: each alone is a plausible-looking number, all 10,000× too small
    rows = [["村名", "年度", "村集体经济收入"], ["东安村", "2022", "84"], ["向阳村", "2022", "45.2"]]
    rows += [["永丰村", "2022", "90"]]
    path = write_csv(tmp_path / "no_unit.csv", rows)
    report = read_ledger(path).report
    assert [(q["row"], q["code"]) for q in report["quarantine"]] == [
        (2, "column_unit_slip"),
        (3, "column_unit_slip"),
        (4, "column_unit_slip"),
    ]
    reason = report["quarantine"][0]["reason"]
    assert "around 84 yuan" in reason and "in 万元 they would be 84万" in reason
    assert "若以万元计则为84万" in render("column_unit_slip", report["quarantine"][0]["params"], "zh")
    kept = read_ledger(path, accept_outliers=True)
    assert len(kept.records) == 3 and "column_range_kept" in {w["code"] for w in kept.report["warning_codes"]}


def test_one_wild_value_among_sound_ones_is_left_to_the_scale_check(tmp_path):
    rows = [["村名", "年度", "村集体经济收入（万元）"], ["东安村", "2022", "40"], ["向阳村", "2022", "450000"]]
    report = read_ledger(write_csv(tmp_path / "two.csv", rows)).report
    assert "column_unit_slip" not in {q["code"] for q in report["quarantine"]}


def _campaign_sheet(folder):
    """A 消除薄弱村 sheet: operating income by year under a merged header, a yes/no column, notes,
    and the village secretary's name and phone."""
    rows = [
        ["村名", "乡镇", "村集体经营性收入（万元）", None, None, "是否薄弱村", "备注", "村书记", "联系电话"],
        [None, None, "2021年", "2022年", "2023年", None, None, None, None],
        ["东安村", "五站镇", 3.5, 6, 8.2, "否", "已脱薄", "张三", "13912345678"],
        ["向阳村", "向阳乡", 2, 4.5, 5.1, "是", "", "李四", "0455-7771234"],
    ]
    merged = ["A1:A2", "B1:B2", "C1:E1", "F1:F2", "G1:G2", "H1:H2", "I1:I2"]
    return write_xlsx(folder / "campaign.xlsx", {"消薄": rows}, {"消薄": merged})


def test_a_campaign_sheet_reads_its_years_and_lists_its_text_and_personal_columns(tmp_path, code):
    result = read_ledger(_campaign_sheet(tmp_path))
    report = result.report
    assert report["quarantine"] == [] and report["rows_clean"] == 2
    assert [(c["column"], c["code"]) for c in report["ignored_columns"]] == [
        ("是否薄弱村", "not_money_header"),
        ("村书记", "personal_data"),
        ("联系电话", "personal_data"),
    ]
    got = {(r.village_code, r.year): r.low for r in result.records.itertuples()}
    assert got == {
        (code("东安村", "五站镇"), 2021): 35_000,
        (code("东安村", "五站镇"), 2022): 60_000,
        (code("东安村", "五站镇"), 2023): 82_000,
        (code("向阳村", "向阳乡"), 2021): 20_000,
        (code("向阳村", "向阳乡"), 2022): 45_000,
        (code("向阳村", "向阳乡"), 2023): 51_000,
    }


def test_a_column_without_a_year_is_listed_and_the_others_read(tmp_path):
    rows = [["村名", "2022年村集体经济收入（万元）", "光伏收入（万元）"], ["东安村", "45", "3"], ["向阳村", "30", "2"]]
    report = read_ledger(write_csv(tmp_path / "one_year.csv", rows)).report
    assert report["rows_clean"] == 2 and report["quarantine"] == []
    assert [(c["column"], c["code"]) for c in report["ignored_columns"]] == [
        ("光伏收入（万元）", "column_without_year")
    ]


def test_personal_data_is_in_no_table_of_the_store_and_no_output(tmp_path, capsys):
    """A ledger full of names, phone and ID numbers, in every place a clerk puts them."""
    rows = [
        ["2022年村集体经济收入台账（单位：万元）"],
        ["村名", "村集体经济收入", "村书记", "联系电话", "身份证号", "备注"],
        ["东安村", "45", "张三", "13912345678", "230000199001011234", "联系人 王五 13800001111"],
        ["向阳村", "30", "李四", "0455-7771234", "23000019900101123X", ""],
        ["赵六 13700002222", "12", "", "", "", ""],
        ["永丰村", "电话13600003333", "", "", "", ""],
        ["填报人：孙七", "", "联系电话：15900004444"],
    ]
    path = write_csv(tmp_path / "personal.csv", rows)
    store = build_store(tmp_path / "s.duckdb")
    outcome = ingest_file(store, path)
    assert outcome.report["rows_clean"] == 2
    outputs = [json.dumps(outcome.report, ensure_ascii=False)]
    for command in (["validate", str(path), "--json"], ["validate", str(path)], ["ingests"], ["summary"]):
        main([*command, "--store", str(store)])
        outputs.append(capsys.readouterr().out)
    for table in ("outcomes", "quarantine", "ingests", "red_flags"):
        exported = tmp_path / f"{table}.csv"
        assert (
            main(["export", "--table", table, "--format", "csv", "--output", str(exported), "--store", str(store)]) == 0
        )
        outputs.append(exported.read_text(encoding="utf-8-sig"))
    with duckdb.connect(str(store), read_only=True) as connection:
        for (table,) in connection.execute("SELECT table_name FROM information_schema.tables").fetchall():
            frame = connection.execute(f'SELECT * FROM "{table}"').df()
            outputs.append(frame.to_csv())
    found = [match for text in outputs for match in PHONE_OR_ID.findall(text)]
    assert found == []
    for name in ("张三", "李四", "王五", "赵六", "孙七"):
        assert not any(name in text for text in outputs), name


def test_years_as_clerks_write_them(tmp_path, code):
    cells = ["2021年度", "二〇二二年", "23年", "2022", "2021—2022", "去年"]
    villages = [("五站镇", "东安村"), ("五站镇", "高卜村"), ("向阳乡", "向阳村"), ("里木店镇", "永丰村")]
    villages += [("明久乡", "东升村"), ("明久乡", "金山村")]
    rows = [["乡镇", "村名", "年度", "村集体经济收入（万元）"]]
    rows += [[town, village, year, "10"] for (town, village), year in zip(villages, cells)]
    result = read_ledger(write_csv(tmp_path / "years.csv", rows))
    got = {r.village_code: r.year for r in result.records.itertuples()}
    assert got == {
        code("东安村", "五站镇"): 2021,
        code("高卜村", "五站镇"): 2022,
        code("向阳村", "向阳乡"): 2023,
        code("永丰村", "里木店镇"): 2022,
    }
    assert [(q["row"], q["code"]) for q in result.report["quarantine"]] == [(6, "year_span"), (7, "not_a_year")]


def test_a_year_in_chinese_digits_in_the_title_is_the_sheet_s_year(tmp_path, code):
    rows = [["二〇二二年村集体经济收入台账"], ["村名", "村集体经济收入（万元）"], ["东安村", "45"]]
    result = read_ledger(write_csv(tmp_path / "title.csv", rows))
    assert list(result.records["year"]) == [2022]


def test_the_report_says_how_the_sheet_was_read(tmp_path):
    layout = read_ledger(_income_statement(tmp_path)).report["layout"]
    assert len(layout) == 1
    sheet = layout[0]
    # the title is row 1, 单位 row 2, the band rows 3 and 4 (as _income_statement writes them)
    assert (sheet["header_rows"], sheet["unit_rows"], sheet["year"], sheet["year_from"]) == ([3, 4], [], 2022, "title")
    by_header = {c["header"]: c for c in sheet["columns"]}
    assert [by_header[h]["field"] for h in ("序号", "乡镇", "村名")] == ["index", "town", "village"]
    lines = {
        "总收入 / 合计": "collective_income",
        "总收入 / 其他收入": "other_income",
        "总支出 / 合计": "total_expenditure",
        "总支出 / 其他支出": "other_expenditure",
        "本年收益": "net_income",
    }
    for header, metric in lines.items():
        column = by_header[header]
        assert (column["resolution"], column["metric"], column["factor"], column["unit_from"]) == (
            "metric",
            metric,
            1e4,
            "title",
        )
    assert sheet["data_rows"] == {"count": 3, "first": 5, "last": 8}
    assert (sheet["total_rows"], sheet["note_rows"]) == ([7, 9, 10], [11, 12])


def test_the_layout_lists_a_unit_row_and_the_columns_not_read(tmp_path):
    rows = [
        ["村名", "乡镇", "村集体经营性收入", "联系电话", "是否薄弱村"],
        ["", "", "万元", "", ""],
        ["东安村", "五站镇", "3.5", "13912345678", "否"],
    ]
    result = read_ledger(write_csv(tmp_path / "2022.csv", rows))
    sheet = result.report["layout"][0]
    assert (sheet["header_rows"], sheet["unit_rows"], sheet["year_from"]) == ([1, 2], [2], "sheet_name")
    columns = {c["header"]: c for c in sheet["columns"]}
    assert (columns["村集体经营性收入"]["unit_from"], columns["村集体经营性收入"]["factor"]) == ("unit_row", 1e4)
    assert columns["联系电话"]["resolution"] == "personal"
    assert (columns["是否薄弱村"]["resolution"], columns["是否薄弱村"]["reason"]) == ("not_read", "not_money_header")
    assert list(result.records["low"]) == [35_000]


# Traditional forms of the simplified characters the names below use (as older templates write them).
TRADITIONAL = str.maketrans({"东": "東", "丰": "豐", "乡": "鄉", "镇": "鎮", "计": "計", "体": "體", "济": "濟"})
TRADITIONAL |= str.maketrans({"万": "萬", "员": "員", "会": "會", "阳": "陽"})


def test_village_names_as_clerks_write_them(tmp_path, code):
    # (town, village) as the gazetteer has them -> the cell as a clerk wrote it, town column blank
    written = {
        ("里木店镇", "永丰村"): "里木店镇永丰村民委员会".translate(TRADITIONAL),
        ("五站镇", "东安村"): "\u3000东安村委会 ",
        ("五站镇", "高卜村"): "Gāobǔ Cūn, Wǔzhàn Zhèn",
        ("向阳乡", "向阳村"): "向阳乡 向阳村".translate(TRADITIONAL),
    }
    header = ["乡镇", "村名", "年度", "村集体经济收入（万元）"]
    rows = [[cell.translate(TRADITIONAL) for cell in header]]
    rows += [["", cell, "2022", str(n + 1)] for n, cell in enumerate(written.values())]
    rows += [["合计".translate(TRADITIONAL), "", "", str(sum(range(1, len(written) + 1)))]]
    result = read_ledger(write_csv(tmp_path / "names.csv", rows))
    assert result.report["quarantine"] == []
    got = {r.village_code: r.low for r in result.records.itertuples()}
    assert got == {code(v, t): (n + 1) * 1e4 for n, (t, v) in enumerate(written)}
    assert [s["code"] for s in result.report["skipped"]] == ["total_row"]
    # what the cell said is kept where the row is named: the raw header, not the simplified key
    assert set(result.records["column"]) == {rows[0][3]} and rows[0][3] != header[3]


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_hidden_rows_and_sheets_are_read_counted_and_named_in_a_conflict(tmp_path, code, kind):
    header = ["乡镇", "村名", "年度", "村集体经济收入（万元）"]
    visible = [header, ["五站镇", "东安村", 2022, 10], ["五站镇", "高卜村", 2022, 4]]
    # row 3 hidden; row 4 hidden and at odds with row 2 for 东安村 2022
    main_sheet = visible + [["五站镇", "东安村", 2022, 12]]
    spare = [header, ["向阳乡", "向阳村", 2022, 7]]
    sheets = {"2022": main_sheet, "备用": spare}
    hidden = {"2022": [3, 4], "备用": True}
    from .make import write_xls

    writer = write_xlsx if kind == "xlsx" else write_xls
    result = read_ledger(writer(tmp_path / f"hidden.{kind}", sheets, hidden=hidden))
    report = result.report
    layout = {s["sheet"]: s for s in report["layout"]}
    assert (layout["2022"]["hidden"], layout["2022"]["hidden_rows"]) == (False, [3, 4])
    assert (layout["备用"]["hidden"], layout["备用"]["hidden_rows"]) == (True, [])
    # the hidden row is read: 高卜村 (row 3) loads; the hidden sheet's village loads
    got = {r.village_code: r.low for r in result.records.itertuples()}
    assert got == {code("高卜村", "五站镇"): 40_000, code("向阳村", "向阳乡"): 70_000}
    conflict = [q for q in report["quarantine"] if q["code"] == "conflict"]
    assert [q["row"] for q in conflict] == [2, 4]
    assert conflict[0]["params"]["hidden_rows"] == [4]
    assert "row 4 (hidden) says '12'" in conflict[0]["reason"]
    assert "第 4 行（隐藏行）" in render("conflict", conflict[0]["params"], "zh")
    warned = {(w["sheet"], w["code"]): w["params"] for w in report["warning_codes"]}
    assert warned[("2022", "hidden_rows")] == {"count": 2, "rows": "3, 4"}
    assert ("备用", "hidden_sheet") in warned


def test_a_village_cell_naming_another_town_than_the_town_column_is_quarantined(tmp_path, code):
    rows = [["乡镇", "村名", "年度", "村集体经济收入（万元）"]]
    rows += [["五站镇", "五站镇东安村", "2022", "3"], ["向阳乡", "五站镇高卜村", "2022", "4"]]
    result = read_ledger(write_csv(tmp_path / "towns.csv", rows))
    assert list(result.records["village_code"]) == [code("东安村", "五站镇")]
    [entry] = result.report["quarantine"]
    assert entry["row"] == 3 and "the cell names '五站镇' but the town is '向阳乡'" in entry["reason"]


def test_a_project_ledger_s_two_projects_of_a_village_in_a_year_are_a_conflict_not_a_sum(tmp_path, code):
    rows = [["项目名称", "乡镇", "村名", "年度", "村集体经济收入（万元）"]]
    rows += [
        ["冷库", "五站镇", "东安村", "2022", "5"],
        ["大棚", "五站镇", "东安村", "2022", "5"],  # equal to the first, and still another project
        ["冷库", "五站镇", "东安村", "2021", "4"],
        ["光伏", "五站镇", "高卜村", "2022", "3"],
        ["光伏", "五站镇", "高卜村", "2022", "3"],  # the same project written twice: kept once
    ]
    result = read_ledger(write_csv(tmp_path / "projects.csv", rows))
    got = {(r.village_code, r.year): r.low for r in result.records.itertuples()}
    assert got == {(code("东安村", "五站镇"), 2021): 40_000, (code("高卜村", "五站镇"), 2022): 30_000}
    conflicts = result.report["quarantine"]
    assert [(q["row"], q["code"]) for q in conflicts] == [(2, "projects_conflict"), (3, "projects_conflict")]
    assert conflicts[0]["params"]["projects"] == ", ".join(sorted(["冷库", "大棚"]))
    assert "a conflict, not a sum" in conflicts[0]["reason"]
    assert "不相加" in render("projects_conflict", conflicts[0]["params"], "zh")
    assert [s["code"] for s in result.report["skipped"]] == ["identical_duplicate"]
    layout = result.report["layout"][0]
    assert {c["header"]: c.get("field") for c in layout["columns"]}["项目名称"] == "project"


def test_a_sanzi_platform_export_reads_its_text_forced_cells_and_collective_names(tmp_path, code):
    # GBK, ="…" text-forced cells, (元) headers, two decimals, the collective named after its village
    rows = [["组织名称", "组织编码", "会计年度", "本年收入合计(元)", "经营收入(元)"]]
    rows += [
        ['="肇东市五站镇东安村股份经济合作社"', '="N2312821032030001"', '="2022"', '="383,000.00"', "100000.00"],
        ['="肇东市五站镇高卜村股份经济合作社"', '="N2312821032020001"', '="2022"', '="130000.50"', "=SUM(1,2)"],
    ]
    result = read_ledger(write_csv(tmp_path / "三资导出.csv", rows, encoding="gbk"))
    got = {(r.village_code, r.metric): r.low for r in result.records.itertuples()}
    assert got == {
        (code("东安村", "五站镇"), "collective_income"): 383_000.0,
        (code("东安村", "五站镇"), "business_income"): 100_000.0,
        (code("高卜村", "五站镇"), "collective_income"): 130_000.5,
    }
    assert set(result.records["year"]) == {2022}
    # a real formula is still refused; the organisation code is listed, not read
    assert [(q["row"], q["code"]) for q in result.report["quarantine"]] == [(3, "formula")]
    assert [c["column"] for c in result.report["ignored_columns"]] == ["组织编码"]


def test_an_open_bound_written_twice_is_one_value_not_a_conflict(tmp_path):
    """超过30万 has no upper bound (NaN): two rows saying it agree, as two rows saying 30 do."""
    rows = [["乡镇", "村名", "年度", "村集体经济收入"]]
    rows += [["五站镇", "东安村", "2022", "超过30万"], ["五站镇", "东安村", "2022", "超过30万"]]
    rows += [["五站镇", "高卜村", "2022", "超过30万"], ["五站镇", "高卜村", "2022", "超过40万"]]
    report = read_ledger(write_csv(tmp_path / "bounds.csv", rows)).report
    assert [(s["row"], s["code"]) for s in report["skipped"]] == [(3, "identical_duplicate")]
    assert [(q["row"], q["code"]) for q in report["quarantine"]] == [(4, "conflict"), (5, "conflict")]
