"""What each ledger in cases.py should become, written from how the ledger was built: for every
data row (numbered as in the file, title and header rows included) whether it is clean,
quarantined (and why) or skipped (and why), and which warnings the file deserves. Nothing here is
copied from the reader's output; a difference is a question to answer, not a line to paste."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rows:
    clean: frozenset[int] = frozenset()  # rows counted clean (every cell read)
    quarantined: dict = field(default_factory=dict)  # row -> reason codes of its refused cells (or the row)
    skipped: dict = field(default_factory=dict)  # row -> why it holds no values
    warnings: frozenset[str] = frozenset()


def rows(clean=(), quarantined=None, skipped=None, warnings=()) -> Rows:
    return Rows(frozenset(clean), dict(quarantined or {}), dict(skipped or {}), frozenset(warnings))


EXPECTED_ROWS = {
    # header in row 1, two known villages with a year and a figure
    "utf8_long": rows(clean={2, 3}),
    "utf8_bom": rows(clean={2, 3}),
    # title (year), 单位 row, header in row 3; GBK bytes are read as GB18030 and said so
    "gbk_with_unit_row": rows(clean={4, 5}, warnings={"read_as_encoding"}),
    "utf16_tab": rows(clean={2, 3}, warnings={"read_as_encoding"}),
    # the header's （元） and the cells' 万元 are both units: nothing to refuse
    "unit_in_header_cell_wins": rows(clean={2, 3}),
    "unit_in_cells_only": rows(clean={2, 3}),
    # bare numbers under a header with no unit are read as 元, and the file is told so
    "no_unit_anywhere": rows(clean={2, 3}, warnings={"column_no_unit"}),
    # the metric and unit come from the title, the years from the header; a blank cell is missing
    "wide_years_title_metric": rows(clean={3, 4}),
    "two_row_merged_header_xlsx": rows(clean={3, 4}),
    # the title names 五站镇: 东安村 is there, 东升村 is not (it is in 五里明镇 and 明久乡)
    "year_in_title_wide_metrics": rows(clean={3}, quarantined={4: {"village_town_mismatch"}}),
    "year_in_sheet_name": rows(clean={2, 3}),
    # no year in the file at all: every row with values refused, the blank row skipped
    "no_year_anywhere": rows(
        quarantined={2: {"column_no_year"}, 3: {"column_no_year"}, 5: {"column_no_year"}}, skipped={4: "blank_row"}
    ),
    # years in the header but no metric anywhere
    "years_without_metric": rows(quarantined={2: {"column_year_no_metric"}}),
    "total_row_adds_up": rows(clean={2, 3}, skipped={4: "total_row"}),
    # 45.2 + 30.5 is not 80: the total row is skipped and the mismatch reported
    "total_row_does_not_add_up": rows(clean={2, 3}, skipped={4: "total_row"}, warnings={"total_mismatch"}),
    # 向阳乡's 小计 (31) and the 总计 (86.2) are 0.5 off their rows
    "subtotals_per_town": rows(
        clean={2, 3, 5}, skipped={4: "total_row", 6: "total_row", 7: "total_row"}, warnings={"total_mismatch"}
    ),
    "unknown_village": rows(clean={2}, quarantined={3: {"village_unknown"}}),
    # 东升村 without a town: two villages have that name
    "ambiguous_village_no_town": rows(clean={3}, quarantined={2: {"village_ambiguous"}}),
    "ambiguous_resolved_by_town": rows(clean={2, 3}),
    # a blank 乡镇 cell is not filled down (only a merged cell is): 金山村 alone is ambiguous
    "town_only_on_first_row": rows(clean={2, 4}, quarantined={3: {"village_ambiguous"}}, warnings={"town_blank"}),
    # the title names 明久乡, which has a 东升村 and a 金山村
    "town_in_title": rows(clean={3, 4}),
    # 东安村 2022 is 45.2 in row 2 and 50 in row 4: both refused, neither guessed
    "conflicting_duplicates": rows(clean={3}, quarantined={2: {"conflict"}, 4: {"conflict"}}),
    # 45.20 is 45.2: the second row is a duplicate, skipped and said so
    "identical_duplicates": rows(clean={2}, skipped={3: "identical_duplicate"}, warnings={"duplicate_row"}),
    # a reference, a note and a spreadsheet error where figures should be: one cell refused per row
    "text_in_number_cells": rows(quarantined={2: {"not_a_figure"}, 3: {"not_a_figure"}, 4: {"not_a_figure"}}),
    # -, —, blank, 不详 and / are missing values, not errors
    "missing_values_are_not_errors": rows(clean={2, 3, 4}),
    "empty_sheet_among_others": rows(clean={2}, warnings={"empty_sheet"}),
    # the instructions sheet has no header and is said to have none; the data sheet is read
    "instructions_sheet": rows(clean={2}, warnings={"no_header"}),
    # the merged 明久乡 cell covers rows 2 and 3: 金山村 is 明久乡's
    "xls_with_merged_town": rows(clean={2, 3, 4}),
    "unknown_column_kept": rows(clean={2}),
    # 二〇二二 is 2022 written in Chinese digits; 去年 ("last year") is no year a ledger can be read by
    "invalid_year_cell": rows(clean={2}, quarantined={3: {"not_a_year"}}),
    # 231282999999 is no village's code
    "division_codes": rows(clean={2}, quarantined={3: {"not_a_village_code"}}),
    "notes_below_data": rows(clean={2}, skipped={3: "note_row", 4: "note_row"}),
    # English names and the unit in words are understood
    "english_headers": rows(clean={2, 3}),
    # an area (20亩) is not money
    "area_in_money_column": rows(clean={3}, quarantined={2: {"wrong_kind"}}),
    # full-width digits, a lower bound (30余) and an approximate figure (约59) are all readable
    "bounded_and_full_width": rows(clean={2, 3, 4}),
    # 优秀 is no aspect of a red flag; a blank flag cell is no flag
    "red_flag_column": rows(clean={3, 4, 5}, quarantined={6: {"not_an_aspect"}}),
}


# Values lost in each case with quarantined cells: one per refused figure; a row refused for its
# village or year loses every figure it has (a file-level refusal, like no year, loses none).
CELLS_QUARANTINED = {
    "ambiguous_village_no_town": 1,  # 东升村 (two towns), one value
    "area_in_money_column": 1,  # 20亩
    "conflicting_duplicates": 2,  # 东安村 45.2 and 50
    "division_codes": 1,  # 231282999999
    "invalid_year_cell": 1,  # 去年, its one value
    "red_flag_column": 1,  # 优秀 is not an aspect: the row's one value
    "text_in_number_cells": 3,  # 见附表, 待核实, #REF!
    "unknown_village": 1,  # 火星村
    "town_only_on_first_row": 1,  # 金山村 without a town
    "year_in_title_wide_metrics": 2,  # 东升村 is not in 五站镇: both values of the row
}
