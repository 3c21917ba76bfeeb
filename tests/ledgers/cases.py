"""Malformed (and a few well-formed) ledgers, each made in code. name -> builder(folder) -> path."""

from __future__ import annotations

from .make import write_csv, write_xls, write_xlsx

LONG = [["村名", "年度", "村集体经济收入（万元）"], ["东安村", "2022", "45.2"], ["永丰村", "2022", "59"]]
TOWN_LONG = [
    ["乡镇", "村名", "年度", "村集体经济收入（万元）"],
    ["五站镇", "东安村", "2022", "45.2"],
    ["里木店镇", "永丰村", "2022", "59"],
]


def utf8_long(d):
    return write_csv(d / "utf8_long.csv", LONG)


def utf8_bom(d):
    return write_csv(d / "utf8_bom.csv", LONG, encoding="utf-8-sig")


def gbk_with_unit_row(d):
    rows = [
        ["肇东市2022年村集体经济收入统计表"],
        ["单位：万元"],
        ["乡镇", "村名", "村集体经济收入"],
        ["五站镇", "东安村", "45.2"],
        ["向阳乡", "向阳村", "30.5"],
    ]
    return write_csv(d / "gbk_unit_row.csv", rows, encoding="gbk")


def utf16_tab(d):
    return write_csv(d / "utf16.txt", TOWN_LONG, encoding="utf-16", delimiter="\t")


def unit_in_header_cell_wins(d):
    rows = [["村名", "年度", "集体收入（元）"], ["东安村", "2022", "30万元"], ["向阳村", "2022", "452000"]]
    return write_csv(d / "header_unit.csv", rows)


def unit_in_cells_only(d):
    rows = [["村名", "年度", "村集体经济收入"], ["东安村", "2022", "30万元"], ["向阳村", "2022", "45,000元"]]
    return write_csv(d / "cell_units.csv", rows)


def no_unit_anywhere(d):
    rows = [["村名", "年度", "村集体经济收入"], ["东安村", "2022", "452000"], ["向阳村", "2022", "300000"]]
    return write_csv(d / "no_unit.csv", rows)


def wide_years_title_metric(d):
    rows = [
        ["2020-2022年村集体经济收入（单位：万元）"],
        ["村名", "2020", "2021", "2022年"],
        ["东安村", "40", "42.5", "45.2"],
        ["向阳村", "28", "", "30.5"],
    ]
    return write_csv(d / "wide_years.csv", rows)


def two_row_merged_header_xlsx(d):
    rows = [
        ["村名", "村集体经济收入（万元）", None, "冷库收入（万元）"],
        [None, "2021", "2022", "2022"],
        ["东安村", 42.5, 45.2, None],
        ["永丰村", 55, 60.1, 30],
    ]
    return write_xlsx(d / "two_row.xlsx", {"台账": rows}, {"台账": ["A1:A2", "B1:C1"]})


def year_in_title_wide_metrics(d):
    rows = [
        ["五站镇2022年村级集体经济台账"],
        ["村名", "村集体经济收入(万元)", "新增经营主体(个)"],
        ["东安村", "45.2", "2"],
        ["东升村", "30", "1"],
    ]
    return write_csv(d / "title_year.csv", rows)


def year_in_sheet_name(d):
    rows = [["村名", "乡镇", "集体收入（万元）"], ["东安村", "五站镇", 45.2], ["向阳村", "向阳乡", 30.5]]
    return write_xlsx(d / "sheet_year.xlsx", {"2022": rows})


def no_year_anywhere(d):
    rows = [["村名", "集体收入（万元）"], ["东安村", "45.2"], ["向阳村", "30.5"], [], ["合计", "75.7"]]
    return write_csv(d / "no_year.csv", rows)


def years_without_metric(d):
    rows = [["村名", "2021", "2022"], ["东安村", "42", "45"]]
    return write_csv(d / "years_no_metric.csv", rows)


def total_row_adds_up(d):
    rows = [
        ["村名", "年度", "集体收入（万元）"],
        ["东安村", "2022", "45.2"],
        ["向阳村", "2022", "30.5"],
        ["合计", "2022", "75.7"],
    ]
    return write_csv(d / "total_ok.csv", rows)


def total_row_does_not_add_up(d):
    rows = [
        ["村名", "年度", "集体收入（万元）"],
        ["东安村", "2022", "45.2"],
        ["向阳村", "2022", "30.5"],
        ["合  计", "2022", "80"],
    ]
    return write_csv(d / "total_bad.csv", rows)


def subtotals_per_town(d):
    rows = [
        ["乡镇", "村名", "年度", "集体收入（万元）"],
        ["五站镇", "东安村", "2022", "45.2"],
        ["五站镇", "高卜村", "2022", "10"],
        ["五站镇", "小计", "2022", "55.2"],
        ["向阳乡", "向阳村", "2022", "30.5"],
        ["向阳乡", "小计", "2022", "31"],
        ["总计", "", "2022", "86.2"],
    ]
    return write_csv(d / "subtotals.csv", rows)


def unknown_village(d):
    rows = [["村名", "年度", "集体收入（万元）"], ["东安村", "2022", "45.2"], ["火星村", "2022", "10"]]
    return write_csv(d / "unknown.csv", rows)


def ambiguous_village_no_town(d):
    rows = [["村名", "年度", "集体收入（万元）"], ["东升村", "2022", "12"], ["东安村", "2022", "45.2"]]
    return write_csv(d / "ambiguous.csv", rows)


def ambiguous_resolved_by_town(d):
    rows = [
        ["乡镇", "村名", "年度", "集体收入（万元）"],
        ["明久乡", "东升村", "2022", "12"],
        ["五里明镇", "东升村", "2022", "15"],
    ]
    return write_csv(d / "ambiguous_town.csv", rows)


def town_only_on_first_row(d):
    rows = [
        ["乡镇", "村名", "年度", "集体收入（万元）"],
        ["明久乡", "东升村", "2022", "12"],
        ["", "金山村", "2022", "8"],
        ["里木店镇", "金山村", "2022", "9"],
    ]
    return write_csv(d / "town_fill.csv", rows)


def town_in_title(d):
    rows = [["明久乡2022年村集体经济收入台账（单位：万元）"], ["村名", "集体收入"], ["东升村", "12"], ["金山村", "8"]]
    return write_csv(d / "town_title.csv", rows)


def conflicting_duplicates(d):
    rows = [
        ["村名", "年度", "集体收入（万元）"],
        ["东安村", "2022", "45.2"],
        ["向阳村", "2022", "30"],
        ["东安村", "2022", "50"],
    ]
    return write_csv(d / "conflict.csv", rows)


def identical_duplicates(d):
    rows = [["村名", "年度", "集体收入（万元）"], ["东安村", "2022", "45.2"], ["东安村", "2022", "45.20"]]
    return write_csv(d / "duplicate.csv", rows)


def text_in_number_cells(d):
    rows = [
        ["村名", "年度", "集体收入（万元）", "冷库收入（万元）"],
        ["东安村", "2022", "见附表", "3"],
        ["向阳村", "2022", "30", "待核实"],
        ["永丰村", "2022", "#REF!", "30"],
    ]
    return write_csv(d / "text_cells.csv", rows)


def missing_values_are_not_errors(d):
    rows = [
        ["村名", "年度", "集体收入（万元）", "冷库收入（万元）"],
        ["东安村", "2022", "45.2", "-"],
        ["向阳村", "2022", "—", ""],
        ["永丰村", "2022", "不详", "/"],
    ]
    return write_csv(d / "missing.csv", rows)


def empty_sheet_among_others(d):
    return write_xlsx(d / "empty_sheet.xlsx", {"空表": [], "2022": [["村名", "集体收入（万元）"], ["东安村", 45.2]]})


def instructions_sheet(d):
    sheets = {
        "填表说明": [["请按村填写"], ["金额单位：万元"]],
        "数据": [["村名", "年度", "集体收入（万元）"], ["东安村", 2022, 45.2]],
    }
    return write_xlsx(d / "instructions.xlsx", sheets)


def not_a_spreadsheet(d):
    path = d / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return path


def empty_file(d):
    path = d / "empty.csv"
    path.write_bytes(b"")
    return path


def no_village_column(d):
    return write_csv(d / "no_village.csv", [["名称", "金额"], ["甲", "1"], ["乙", "2"]])


def damaged_xlsx(d):
    path = d / "damaged.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    return path


def xls_with_merged_town(d):
    rows = [
        ["乡镇", "村名", "年度", "集体收入（万元）"],
        ["明久乡", "东升村", 2022, 12],
        [None, "金山村", 2022, 8],
        ["五站镇", "东安村", 2022, 45.2],
    ]
    return write_xls(d / "merged_town.xls", {"Sheet1": rows}, {"Sheet1": [(1, 2, 0, 0)]})


def unknown_column_kept(d):
    rows = [["村名", "年度", "集体收入（万元）", "光伏收入（万元）", "备注"], ["东安村", "2022", "45.2", "3.5", "新建"]]
    return write_csv(d / "extra_column.csv", rows)


def invalid_year_cell(d):
    rows = [["村名", "年度", "集体收入（万元）"], ["东安村", "二〇二二", "45.2"], ["向阳村", "去年", "30"]]
    return write_csv(d / "bad_year.csv", rows)


def division_codes(d):
    rows = [["区划代码", "年度", "集体收入（万元）"], ["231282215210", "2022", "12"], ["231282999999", "2022", "3"]]
    return write_csv(d / "codes.csv", rows)


def notes_below_data(d):
    rows = [
        ["村名", "年度", "集体收入（万元）"],
        ["东安村", "2022", "45.2"],
        ["注：数据未经审计"],
        ["填表人：王某", "", ""],
    ]
    return write_csv(d / "notes.csv", rows)


def english_headers(d):
    rows = [
        ["Town", "Village", "Year", "Collective income (10,000 yuan)"],
        ["Five Station Town", "Dong'an Village", "2022", "45.2"],
        ["Limudian", "Yongfeng", "2022", "59"],
    ]
    return write_csv(d / "english.csv", rows)


def area_in_money_column(d):
    rows = [["村名", "年度", "集体收入"], ["东安村", "2022", "20亩"], ["向阳村", "2022", "30万元"]]
    return write_csv(d / "area.csv", rows)


def bounded_and_full_width(d):
    rows = [
        ["村名", "年度", "集体收入（万元）"],
        ["东安村", "２０２２", "４５．２"],
        ["向阳村", "2022", "30余"],
        ["永丰村", "2022", "约59"],
    ]
    return write_csv(d / "bounded.csv", rows)


def red_flag_column(d):
    rows = [
        ["2022年红旗村与集体收入（单位：万元）"],
        ["乡镇", "村名", "红旗类别", "村集体经济收入"],
        ["里木店镇", "永丰村", "发展", "61"],
        ["五站镇", "东安村", "党建、服务", "45.2"],
        ["向阳乡", "向阳村", "", "30"],
        ["明久乡", "东升村", "优秀", "12"],
    ]
    return write_csv(d / "red_flags.csv", rows)


CASES = {
    builder.__name__: builder
    for builder in [
        utf8_long,
        utf8_bom,
        gbk_with_unit_row,
        utf16_tab,
        unit_in_header_cell_wins,
        unit_in_cells_only,
        no_unit_anywhere,
        wide_years_title_metric,
        two_row_merged_header_xlsx,
        year_in_title_wide_metrics,
        year_in_sheet_name,
        no_year_anywhere,
        years_without_metric,
        total_row_adds_up,
        total_row_does_not_add_up,
        subtotals_per_town,
        unknown_village,
        ambiguous_village_no_town,
        ambiguous_resolved_by_town,
        town_only_on_first_row,
        town_in_title,
        conflicting_duplicates,
        identical_duplicates,
        text_in_number_cells,
        missing_values_are_not_errors,
        empty_sheet_among_others,
        instructions_sheet,
        xls_with_merged_town,
        unknown_column_kept,
        invalid_year_cell,
        division_codes,
        notes_below_data,
        english_headers,
        area_in_money_column,
        bounded_and_full_width,
        red_flag_column,
    ]
}
UNREADABLE = {builder.__name__: builder for builder in [not_a_spreadsheet, empty_file, no_village_column, damaged_xlsx]}
