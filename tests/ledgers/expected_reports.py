"""The exact report of each ledger in cases.py (file and sha256 aside), reviewed by hand."""

EXPECTED = {
    "utf8_long": {
        "rows_read": 2,
        "rows_clean": 2,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": [],
    },
    "utf8_bom": {
        "rows_read": 2,
        "rows_clean": 2,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": [],
    },
    "gbk_with_unit_row": {
        "rows_read": 2,
        "rows_clean": 2,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": ["read as GB18030 text"],
    },
    "utf16_tab": {
        "rows_read": 2,
        "rows_clean": 2,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": ["read as UTF-16 text"],
    },
    "unit_in_header_cell_wins": {
        "rows_read": 2,
        "rows_clean": 2,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": [],
    },
    "unit_in_cells_only": {
        "rows_read": 2,
        "rows_clean": 2,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": [],
    },
    "no_unit_anywhere": {
        "rows_read": 2,
        "rows_clean": 2,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": [
            "sheet 'no_unit.csv': column '村集体经济收入' gives no unit (no 单位 row, no （万元） "
            "in the header): read as 元"
        ],
    },
    "wide_years_title_metric": {
        "rows_read": 2,
        "rows_clean": 2,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": [],
    },
    "two_row_merged_header_xlsx": {
        "rows_read": 2,
        "rows_clean": 2,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": [],
    },
    "year_in_title_wide_metrics": {
        "rows_read": 2,
        "rows_clean": 1,
        "rows_quarantined": 1,
        "rows_skipped": 0,
        "quarantine": [
            {
                "sheet": "title_year.csv",
                "row": 4,
                "column": "村名",
                "value": "东升村",
                "reason": "town_mismatch: no village '东升村' in 五站镇 "
                "(231282103000); the name is found in: 东升村 (五里明镇, "
                "231282109202); 东升村 (明久乡, 231282215210)",
            }
        ],
        "skipped": [],
        "warnings": [],
    },
    "year_in_sheet_name": {
        "rows_read": 2,
        "rows_clean": 2,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": [],
    },
    "no_year_anywhere": {
        "rows_read": 4,
        "rows_clean": 0,
        "rows_quarantined": 3,
        "rows_skipped": 1,
        "quarantine": [
            {
                "sheet": "no_year.csv",
                "row": 2,
                "column": "",
                "value": "",
                "reason": "sheet not read: column '集体收入（万元）': no year (no 年度 column, "
                "no year in the header, title or sheet name)",
            },
            {
                "sheet": "no_year.csv",
                "row": 3,
                "column": "",
                "value": "",
                "reason": "sheet not read: column '集体收入（万元）': no year (no 年度 column, "
                "no year in the header, title or sheet name)",
            },
            {
                "sheet": "no_year.csv",
                "row": 5,
                "column": "",
                "value": "",
                "reason": "sheet not read: column '集体收入（万元）': no year (no 年度 column, "
                "no year in the header, title or sheet name)",
            },
        ],
        "skipped": [{"sheet": "no_year.csv", "row": 4, "reason": "blank row"}],
        "warnings": [],
    },
    "years_without_metric": {
        "rows_read": 1,
        "rows_clean": 0,
        "rows_quarantined": 1,
        "rows_skipped": 0,
        "quarantine": [
            {
                "sheet": "years_no_metric.csv",
                "row": 2,
                "column": "",
                "value": "",
                "reason": "sheet not read: column '2021' holds a year but no "
                "metric: name it in the header or in the title row (e.g. "
                "村集体经济收入)",
            }
        ],
        "skipped": [],
        "warnings": [],
    },
    "total_row_adds_up": {
        "rows_read": 3,
        "rows_clean": 2,
        "rows_quarantined": 0,
        "rows_skipped": 1,
        "quarantine": [],
        "skipped": [{"sheet": "total_ok.csv", "row": 4, "reason": "total row (合计)"}],
        "warnings": [],
    },
    "total_row_does_not_add_up": {
        "rows_read": 3,
        "rows_clean": 2,
        "rows_quarantined": 0,
        "rows_skipped": 1,
        "quarantine": [],
        "skipped": [{"sheet": "total_bad.csv", "row": 4, "reason": "total row (合计)"}],
        "warnings": [
            "sheet 'total_bad.csv': row 4: 合计 of '集体收入（万元）' is 80 (800,000) but its rows sum to 757,000"
        ],
    },
    "subtotals_per_town": {
        "rows_read": 6,
        "rows_clean": 3,
        "rows_quarantined": 0,
        "rows_skipped": 3,
        "quarantine": [],
        "skipped": [
            {"sheet": "subtotals.csv", "row": 4, "reason": "total row (小计)"},
            {"sheet": "subtotals.csv", "row": 6, "reason": "total row (小计)"},
            {"sheet": "subtotals.csv", "row": 7, "reason": "total row (总计)"},
        ],
        "warnings": [
            "sheet 'subtotals.csv': row 6: 小计 of '集体收入（万元）' is 31 (310,000) but its rows sum to 305,000",
            "sheet 'subtotals.csv': row 7: 总计 of '集体收入（万元）' is 86.2 (862,000) but its rows sum to 857,000",
        ],
    },
    "unknown_village": {
        "rows_read": 2,
        "rows_clean": 1,
        "rows_quarantined": 1,
        "rows_skipped": 0,
        "quarantine": [
            {
                "sheet": "unknown.csv",
                "row": 3,
                "column": "村名",
                "value": "火星村",
                "reason": "unknown: no village named '火星村'",
            }
        ],
        "skipped": [],
        "warnings": [],
    },
    "ambiguous_village_no_town": {
        "rows_read": 2,
        "rows_clean": 1,
        "rows_quarantined": 1,
        "rows_skipped": 0,
        "quarantine": [
            {
                "sheet": "ambiguous.csv",
                "row": 2,
                "column": "村名",
                "value": "东升村",
                "reason": "ambiguous: 2 villages named '东升村': 东升村 (五里明镇, "
                "231282109202); 东升村 (明久乡, 231282215210); give the "
                "town",
            }
        ],
        "skipped": [],
        "warnings": [],
    },
    "ambiguous_resolved_by_town": {
        "rows_read": 2,
        "rows_clean": 2,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": [],
    },
    # A blank 乡镇 cell is not filled from the row above (only a merged cell carries a town down):
    # 金山村 exists in two towns, so row 3 is ambiguous and says so.
    "town_only_on_first_row": {
        "rows_read": 3,
        "rows_clean": 2,
        "rows_quarantined": 1,
        "rows_skipped": 0,
        "quarantine": [
            {
                "sheet": "town_fill.csv",
                "row": 3,
                "column": "村名",
                "value": "金山村",
                "reason": "ambiguous: 2 villages named '金山村': 金山村 (里木店镇, "
                "231282106203); 金山村 (明久乡, 231282215211); give the town",
            }
        ],
        "skipped": [],
        "warnings": [
            "sheet 'town_fill.csv': 1 row(s) with a blank 乡镇 cell: their villages were "
            "matched by name alone (a town is filled down only from a merged cell)"
        ],
    },
    "town_in_title": {
        "rows_read": 2,
        "rows_clean": 2,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": [],
    },
    "conflicting_duplicates": {
        "rows_read": 3,
        "rows_clean": 1,
        "rows_quarantined": 2,
        "rows_skipped": 0,
        "quarantine": [
            {
                "sheet": "conflict.csv",
                "row": 2,
                "column": "集体收入（万元）",
                "value": "45.2",
                "reason": "conflicting values for 东安村 (五站镇, 231282103203) 2022 "
                "collective_income: row 2 says '45.2', row 4 says "
                "'50'",
            },
            {
                "sheet": "conflict.csv",
                "row": 4,
                "column": "集体收入（万元）",
                "value": "50",
                "reason": "conflicting values for 东安村 (五站镇, 231282103203) 2022 "
                "collective_income: row 2 says '45.2', row 4 says "
                "'50'",
            },
        ],
        "skipped": [],
        "warnings": [],
    },
    "identical_duplicates": {
        "rows_read": 2,
        "rows_clean": 1,
        "rows_quarantined": 0,
        "rows_skipped": 1,
        "quarantine": [],
        "skipped": [{"sheet": "duplicate.csv", "row": 3, "reason": "identical duplicate of row 2"}],
        "warnings": ["sheet 'duplicate.csv': row 3 repeats row 2 exactly; kept once"],
    },
    "text_in_number_cells": {
        "rows_read": 3,
        "rows_clean": 0,
        "rows_quarantined": 3,
        "rows_skipped": 0,
        "quarantine": [
            {
                "sheet": "text_cells.csv",
                "row": 2,
                "column": "集体收入（万元）",
                "value": "见附表",
                "reason": "not a figure: a reference to another table or document, not an amount",
            },
            {
                "sheet": "text_cells.csv",
                "row": 3,
                "column": "冷库收入（万元）",
                "value": "待核实",
                "reason": "not a figure: no figure found",
            },
            {
                "sheet": "text_cells.csv",
                "row": 4,
                "column": "集体收入（万元）",
                "value": "#REF!",
                "reason": "not a figure: spreadsheet error value '#REF!'",
            },
        ],
        "skipped": [],
        "warnings": [],
    },
    "missing_values_are_not_errors": {
        "rows_read": 3,
        "rows_clean": 3,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": [],
    },
    "empty_sheet_among_others": {
        "rows_read": 1,
        "rows_clean": 1,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": ["sheet '空表': empty sheet"],
    },
    "instructions_sheet": {
        "rows_read": 1,
        "rows_clean": 1,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": [
            "sheet '填表说明': no header row with a village column (村, 村名, 行政村, village "
            "…) in its first 30 rows; not read"
        ],
    },
    "xls_with_merged_town": {
        "rows_read": 3,
        "rows_clean": 3,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": [],
    },
    "unknown_column_kept": {
        "rows_read": 1,
        "rows_clean": 1,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": [],
    },
    "invalid_year_cell": {
        "rows_read": 2,
        "rows_clean": 0,
        "rows_quarantined": 2,
        "rows_skipped": 0,
        "quarantine": [
            {"sheet": "bad_year.csv", "row": 2, "column": "年度", "value": "二〇二二", "reason": "not a year"},
            {"sheet": "bad_year.csv", "row": 3, "column": "年度", "value": "去年", "reason": "not a year"},
        ],
        "skipped": [],
        "warnings": [],
    },
    "division_codes": {
        "rows_read": 2,
        "rows_clean": 1,
        "rows_quarantined": 1,
        "rows_skipped": 0,
        "quarantine": [
            {
                "sheet": "codes.csv",
                "row": 3,
                "column": "区划代码",
                "value": "231282999999",
                "reason": "not a village division code of Zhaodong",
            }
        ],
        "skipped": [],
        "warnings": [],
    },
    "notes_below_data": {
        "rows_read": 3,
        "rows_clean": 1,
        "rows_quarantined": 0,
        "rows_skipped": 2,
        "quarantine": [],
        "skipped": [
            {"sheet": "notes.csv", "row": 3, "reason": "note row"},
            {"sheet": "notes.csv", "row": 4, "reason": "note row"},
        ],
        "warnings": [],
    },
    "english_headers": {
        "rows_read": 2,
        "rows_clean": 2,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": [],
    },
    "area_in_money_column": {
        "rows_read": 2,
        "rows_clean": 1,
        "rows_quarantined": 1,
        "rows_skipped": 0,
        "quarantine": [
            {
                "sheet": "area.csv",
                "row": 2,
                "column": "集体收入",
                "value": "20亩",
                "reason": "a mu figure in a money column",
            }
        ],
        "skipped": [],
        "warnings": [],
    },
    "bounded_and_full_width": {
        "rows_read": 3,
        "rows_clean": 3,
        "rows_quarantined": 0,
        "rows_skipped": 0,
        "quarantine": [],
        "skipped": [],
        "warnings": [],
    },
    "red_flag_column": {
        "rows_read": 4,
        "rows_clean": 3,
        "rows_quarantined": 1,
        "rows_skipped": 0,
        "quarantine": [
            {
                "sheet": "red_flags.csv",
                "row": 6,
                "column": "红旗类别",
                "value": "优秀",
                "reason": "not a red-flag aspect: 优秀 (use 党建, 发展, 服务, 文明, 和谐)",
            }
        ],
        "skipped": [],
        "warnings": [],
    },
}

# Value cells that did not go in, by case: each row-level problem loses the row's non-empty values,
# each unreadable cell itself (see cases.py for the rows).
CELLS_QUARANTINED = {
    "ambiguous_village_no_town": 1,  # 东升村 (two towns), one value
    "area_in_money_column": 1,  # 20亩
    "conflicting_duplicates": 2,  # 东安村 45.2 and 50
    "division_codes": 1,  # 231282999999
    "invalid_year_cell": 2,  # 二〇二二 and 去年, one value each
    "red_flag_column": 1,  # 优秀 is not an aspect: the row's one value
    "text_in_number_cells": 3,  # 见附表, 待核实, #REF!
    "unknown_village": 1,  # 火星村
    "town_only_on_first_row": 1,  # 金山村 without a town
    "year_in_title_wide_metrics": 2,  # 东升村 is not in 五站镇: both values of the row
}
