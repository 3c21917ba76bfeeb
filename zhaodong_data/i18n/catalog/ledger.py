"""What a ledger check says (`ledgers.reasons.render`): code -> English and Chinese, a template a
str.format string or a function of the parameters (where a sentence has optional parts). The
store keeps a quarantined cell's code and parameters, so that its reason is written in either
language from here, the parser's reasons among them."""

from __future__ import annotations

from collections.abc import Callable

from ...metrics import metric_label
from ..formatting import format_amount
from .parser import CATALOG as PARSE_REASONS

# code -> {"en": template, "zh": template}; a template is a str.format string or a function of the
# parameters (where a sentence has optional parts).
Template = str | Callable[[dict], str]


def _where_zh(params: dict) -> str:
    return f"（{params['town']}）" if params.get("town") else ""


CATALOG: dict[str, dict[str, Template]] = {
    # a whole sheet not read
    "no_value_columns": {
        "en": "sheet not read: no value columns next to the village column",
        "zh": "整表未读取：村名列旁没有数值列",
    },
    "flag_column_no_year": {
        "en": "sheet not read: the red-flag column has no year (no 年度 column, no year in the title or sheet name)",
        "zh": "整表未读取：红旗类别列没有年度（没有年度列，标题和表名中也没有年份）",
    },
    "column_year_no_metric": {
        "en": "sheet not read: column {header!r} holds a year but no metric: name it in the header or in the title "
        "row (e.g. 村集体经济收入)",
        "zh": "整表未读取：“{header}”列只有年份、没有指标：请在表头或标题行写明指标（如 村集体经济收入）",
    },
    "column_no_year": {
        "en": "sheet not read: column {header!r}: no year (no 年度 column, no year in the header, title or sheet name)",
        "zh": "整表未读取：“{header}”列没有年度（没有年度列，表头、标题和表名中也没有年份）",
    },
    "unit_conflict": {
        "en": "sheet not read: column {header!r} gives two units that disagree ({units}): correct the header or "
        "the unit row",
        "zh": "整表未读取：“{header}”列的两处单位互相矛盾（{units}）：请更正表头或单位行",
    },
    # a row not read
    "not_a_village_code": {"en": "not a village division code of Zhaodong", "zh": "不是肇东市的村级区划代码"},
    "no_village_name": {"en": "no village name", "zh": "没有村名"},
    "village_unknown": {"en": "{status}: {message}", "zh": lambda p: f"未找到村“{p['name']}”{_where_zh(p)}"},
    "village_ambiguous": {
        "en": "{status}: {message}",
        "zh": lambda p: (
            f"有 {len(p['candidates'])} 个村名为“{p['name']}”{_where_zh(p)}：{'；'.join(p['candidates'])}；请填写乡镇"
        ),
    },
    "village_town_mismatch": {
        "en": "{status}: {message}",
        "zh": lambda p: f"{p['town']}没有“{p['name']}”；该村名见于：{'；'.join(p['candidates'])}",
    },
    "town_unknown": {"en": "{status}: {message}", "zh": lambda p: f"未找到乡镇“{p['town']}”"},
    "not_a_year": {"en": "not a year", "zh": "不是年份"},
    "recipe_ignored": {
        "en": "not read: the reading recipe says to ignore this column",
        "zh": "未读取：读取方案规定忽略此列",
    },
    "months_not_summed": {
        "en": "the year's value is the sum of its twelve months, and some are missing (months: {missing}) "
        "or not exact (months: {inexact}): not loaded",
        "zh": "年度数值须由十二个月相加，但有月份缺失（{missing} 月）或不是确数（{inexact} 月）：未入库",
    },
    "month_columns_incomplete": {
        "en": "a month column: months are summed into a year only when all twelve are there (here: {months}; "
        "missing: {missing}); not loaded",
        "zh": "月份列：只有 1—12 月齐全时才相加为全年（现有 {months} 月，缺 {missing} 月）；未入库",
    },
    "month_columns_no_unit": {
        "en": "a month column whose unit the sheet does not state (元 or 万元 in the header, a unit row or "
        "the title): months are summed into a year only with a stated unit; not loaded",
        "zh": "月份列未注明单位（表头、单位行或标题中的 元 / 万元）：只有注明单位时才相加为全年；未入库",
    },
    "year_span": {
        "en": "a span of years, not one year: give each year its own row or column",
        "zh": "是跨年度区间而不是某一年：请每年单列一行或一列",
    },
    "not_an_aspect": {
        "en": "not a red-flag aspect: {words} (use 党建, 发展, 服务, 文明, 和谐)",
        "zh": "不是红旗类别：{words}（应为 党建、发展、服务、文明、和谐）",
    },
    # a cell not read
    "not_a_figure": {"en": "not a figure: {reason}", "zh": lambda p: f"不是数字：{_parse_reason_zh(p)}"},
    "formula": {
        "en": "a spreadsheet formula, not a figure: type the value itself",
        "zh": "是电子表格公式，不是数字：请填写数值本身",
    },
    "formula_without_value": {
        "en": "a formula saved without its value: open the file in a spreadsheet and save it again, or type the value",
        "zh": "公式没有保存计算结果：请用电子表格软件打开后重新保存，或直接填写数值",
    },
    "wrong_kind": {"en": "a {kind} figure in a money column", "zh": "金额列中出现了{kind_zh}数字"},
    "absurd": {
        "en": "{value} yuan is beyond any village figure (more than {limit}); check the cell",
        "zh": "{value}元超出任何村级数字的范围（超过{limit}）；请核对",
    },
    "scale": {
        "en": "scale: {value} where this column's values are around {median}; check the unit",
        "zh": "量级异常：{value}，而该列数值一般在{median}左右；请核对单位",
    },
    "wan_as_million": {
        "en": "{raw!r} reads as {value} yuan, but English does not write N million with N of 1000 or more: likely "
        "{number}万 mistranslated; write the figure in Chinese or in yuan",
        "zh": "“{raw}”按字面为{value}元，但英文不会写成“N million”（N≥1000）：很可能是{number}万的误译；"
        "请用中文或以元为单位填写",
    },
    "conflict": {
        "en": "conflicting values for {village} {year} {metric}: {listing}",
        "zh": lambda p: (
            f"{p['village']} {p['year']}年 {p['metric']} 有互相矛盾的数值："
            + "，".join(
                f"第 {row} 行{'（隐藏行）' if row in p.get('hidden_rows', ()) else ''}为“{raw}”"
                for row, raw in p["values"]
            )
            + (f"，另有 {p['more']} 处" if p.get("more") else "")
        ),
    },
    "projects_conflict": {
        "en": "{village} {year} {metric} is given by several projects ({projects}): a conflict, not a sum "
        "(give the village's own figure): {listing}",
        "zh": lambda p: (
            f"{p['village']} {p['year']}年 {p['metric']} 由多个项目分别给出（{p['projects']}）：视为矛盾，不相加"
            "（请填写村级合计数）："
            + "，".join(f"第 {row} 行为“{raw}”" for row, raw in p["values"])
            + (f"，另有 {p['more']} 处" if p.get("more") else "")
        ),
    },
    "part_above_whole": {
        "en": lambda p: (
            f"{p['village']} {p['year']}: {metric_label(p['part_metric'], 'en')} {p['part']} is above "
            f"{metric_label(p['whole_metric'], 'en')} {p['whole']}, of which it is a part; one of them is "
            "wrong (or the columns are swapped)"
        ),
        "zh": lambda p: (
            f"{p['village']} {p['year']}年：{metric_label(p['part_metric'], 'zh')} {p['part']} 高于 "
            f"{metric_label(p['whole_metric'], 'zh')} {p['whole']}，而前者是后者的一部分；"
            "两者必有一个有误（或两列互换了）"
        ),
    },
    "column_unit_slip": {
        "en": lambda p: (
            f"column {p['header']!r}: its values are around {p['median']} yuan, outside what a village's "
            f"{metric_label(p['metric'], 'en')} can be ({p['low']} to {p['high']})"
            + (f"; in {p['unit']} they would be {p['fits']}" if p.get("unit") else "")
            + ": probably a unit slip; check the unit (or accept outliers)"
        ),
        "zh": lambda p: (
            f"“{p['header']}”列的数值约为{p['median']}元，不在村{metric_label(p['metric'], 'zh')}的合理范围"
            f"（{p['low']}至{p['high']}元）内"
            + (f"；若以{p['unit']}计则为{p['fits']}" if p.get("unit") else "")
            + "：很可能是单位有误；请核对单位（或选择接受异常值）"
        ),
    },
    # skipped rows
    "blank_row": {"en": "blank row", "zh": "空行"},
    "total_row": {"en": "total row ({label})", "zh": "合计行（{label}）"},
    "note_row": {"en": "note row", "zh": "说明行"},
    "identical_duplicate": {"en": "identical duplicate of row {original}", "zh": "与第 {original} 行完全重复"},
    # warnings
    "read_as_encoding": {"en": "read as {encoding} text", "zh": "按 {encoding} 编码读取"},
    "empty_sheet": {"en": "empty sheet", "zh": "空表"},
    "no_header": {
        "en": "no header row with a village column (村, 村名, 行政村, village …) in its first {rows} rows; not read",
        "zh": "前 {rows} 行中没有含村名列（村、村名、行政村……）的表头；未读取",
    },
    "column_no_unit": {
        "en": "column {header!r} gives no unit (no 单位 row, no （万元） in the header): read as 元",
        "zh": "“{header}”列没有注明单位（没有“单位”行，表头也没有“（万元）”）：按元读取",
    },
    "duplicate_row": {
        "en": "row {row} repeats row {original} exactly; kept once",
        "zh": "第 {row} 行与第 {original} 行完全相同；只保留一次",
    },
    "duplicate_values": {
        "en": "row {row} repeats some values of row {original}; kept once",
        "zh": "第 {row} 行的部分数值与第 {original} 行重复；只保留一次",
    },
    "total_mismatch": {
        "en": lambda p: (
            f"row {p['row']}: {p['label']} of {p['header']!r} is {p['raw']} ({p['total']}) but its rows "
            f"sum to {p['sum']}"
            + (f" ({p['quarantined']} of its rows are quarantined)" if p.get("quarantined") else "")
            + "".join(f"; {c['where']} read as {c['as']} would make it match" for c in p.get("causes", []))
        ),
        "zh": lambda p: (
            f"第 {p['row']} 行：“{p['header']}”的{p['label']}为 {p['raw']}（{p['total']}），但各行合计为 "
            f"{p['sum']}"
            + (f"（其中 {p['quarantined']} 行被隔离）" if p.get("quarantined") else "")
            + "".join(f"；若{c['where_zh']}读作 {c['as']}，合计即相符" for c in p.get("causes", []))
        ),
    },
    "small_value": {
        "en": "row {row}: {value} in {header!r} is under 1/{ratio:,} of this column's values (around "
        "{median}); kept, but check the unit",
        "zh": "第 {row} 行：“{header}”中的 {value} 不到该列数值（约{median}）的 1/{ratio:,}；已保留，请核对单位",
    },
    "outliers_kept": {
        "en": "{count} value(s) far from this column's scale kept as asked (accept outliers): {rows}",
        "zh": "按要求保留了 {count} 个量级异常的数值（接受异常值）：{rows}",
    },
    "column_range_kept": {
        "en": "column {header!r}: values around {median} yuan are outside the plausible range ({low} to {high}); "
        "kept as asked (accept outliers)",
        "zh": "“{header}”列的数值约为{median}元，超出合理范围（{low}至{high}元）；已按要求保留（接受异常值）",
    },
    "identity_mismatch": {
        "en": lambda p: (
            f"row {p['row']}: {p['village']} {p['year']}: {p['header']!r} is {p['raw']} ({format_amount(p['stated'], money=False)}) "
            f"but its lines give {format_amount(p['total'], money=False)} ("
            + " ".join(f"{c['sign']} {metric_label(c['metric'], 'en')} {c['raw']}" for c in p["cells"]).lstrip("+ ")
            + ")"
        ),
        "zh": lambda p: (
            f"第 {p['row']} 行：{p['village']} {p['year']}年：“{p['header']}”为 {p['raw']}（{format_amount(p['stated'], money=False)}），"
            f"但各分项合计为 {format_amount(p['total'], money=False)}（"
            + " ".join(f"{c['sign']} {metric_label(c['metric'], 'zh')} {c['raw']}" for c in p["cells"]).lstrip("+ ")
            + "）"
        ),
    },
    "operating_income_derived": {
        "en": "operating income (经营性收入) derived for {count} village-year(s) as 经营收入 + 发包及上交收入 + 投资收益 "
        "(subsidies and other income excluded)",
        "zh": "已为 {count} 个村·年按 经营收入＋发包及上交收入＋投资收益 计算村集体经营性收入（不含补助收入和其他收入）",
    },
    "no_column_read": {
        "en": "no column of this sheet was read ({count} listed as not read, with their reasons): its rows "
        "load nothing",
        "zh": "此表没有可读取的列（{count} 列未读取，原因见列表）：其各行均未入库",
    },
    "recipe_unused": {
        "en": "the reading recipe {recipe} fits no sheet of this file (its sheets: {sheets}): the file was read "
        "as the reader infers it",
        "zh": "读取方案 {recipe} 与本文件的任何工作表都不匹配（方案中的表：{sheets}）：已按自动识别读取",
    },
    "months_summed": {
        "en": "{count} year value(s) summed from twelve month columns (1月 … 12月)",
        "zh": "{count} 个年度数值由 1月至12月 十二个月份列相加得出",
    },
    "hidden_sheet": {
        "en": "this sheet is hidden in the workbook: it was read, as every sheet the file holds",
        "zh": "此工作表在文件中被隐藏：已照常读取（文件中的每张表都会读取）",
    },
    "hidden_rows": {
        "en": "{count} hidden row(s) ({rows}): read, as every row the file holds",
        "zh": "{count} 个隐藏行（第 {rows} 行）：已照常读取（文件中的每一行都会读取）",
    },
    "town_blank": {
        "en": "{count} row(s) with a blank 乡镇 cell: their villages were matched by name alone (a town "
        "is filled down only from a merged cell)",
        "zh": "{count} 行的乡镇为空：仅按村名匹配（乡镇只从合并单元格向下填充）",
    },
    # columns not read
    "personal_data": {
        "en": "personal data (names, phone and ID numbers are never stored)",
        "zh": "个人信息（姓名、电话、身份证号等从不保存）",
    },
    "not_money_header": {
        "en": "not a known metric, and its header does not say it is money (a money word or 元); "
        "map it with --headers to read it",
        "zh": "不是已知指标，表头也未表明是金额（无金额用语或“元”）；如需读取，请用 --headers 映射",
    },
    "column_no_metric": {
        "en": "holds a year but no metric: name it in the header or the title row, or map it with --headers",
        "zh": "只有年份、没有指标：请在表头或标题行写明指标，或用 --headers 映射",
    },
    "column_unit_conflict": {
        "en": "two units that disagree ({units}): correct the header or the unit row",
        "zh": "两处单位互相矛盾（{units}）：请更正表头或单位行",
    },
    "column_without_year": {
        "en": "no year (no 年度 column, no year in the header, title or sheet name)",
        "zh": "没有年度（没有年度列，表头、标题和表名中也没有年份）",
    },
    "not_money_cells": {
        "en": "its header says money, but most of its cells are not amounts",
        "zh": "表头表明是金额，但多数单元格不是金额",
    },
}

KIND_ZH = {
    "mu": "面积（亩）",
    "person": "人数",
    "household": "户数",
    "village": "村数",
    "entity": "个数",
    "item": "个数",
    "USD": "美元",
}


# The figure parser's reasons (zhaodong_data.parsing), by their opening words.
def _parse_reason_zh(params: dict) -> str:
    """The parser's reason in Chinese, from its code (`parsing/reasons.py`). A quarantine stored
    before the parser gave codes has its English sentence only: shown as it is."""
    code = params.get("reason_code")
    if code in PARSE_REASONS:
        return PARSE_REASONS[code]["zh"].format(**(params.get("reason_params") or {}))
    return params.get("reason", "")
