"""How a sheet is laid out: its header band, what each column is, and what each row below it is.

`infer_layout` looks at the cells' text only (no figure is parsed here) and returns a frozen
`SheetLayout` that the later steps (cells, checks) read and never change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..gazetteer import Gazetteer
from ..metrics import header_says_money
from ..parsing.numerals import fold
from .header_band import HeaderBand, find_band
from .headers import (
    YEAR_ONLY,
    Column,
    arabic_years,
    is_personal_data,
    label_text,
    metric_in,
    unit_declaration,
    year_in,
)
from .recipe import Recipe, apply_columns, apply_rows, header_signature

TOTAL_WORDS = ("总合计", "合计", "总计", "小计", "全乡", "全镇", "全市", "汇总", "total", "subtotal", "sum")
BLOCK_TOTAL_WORDS = ("小计", "全乡", "全镇", "subtotal")
NOTE_PREFIXES = (
    "注",
    "备注",
    "说明",
    "填表",
    "填报",
    "制表",
    "审核",
    "数据来源",
    "负责人",
    "联系",
    "统计人",
    "单位负责人",
    "note",
    "source",
)
# A footer's labels: a row with one of them before a colon, in any cell, is a note (its text,
# often a name and a phone number, is never stored).
FOOTER_LABEL = re.compile(
    r"^\s*(?:填报人|填表人|制表人?|审核人?|联系人|联系电话|电话|手机|负责人|单位负责人|统计人|经办人|填报日期|填表日期|报送日期)\s*[:：]"
)
KEY_COLUMNS = ("village", "town", "year", "code", "index", "note", "red_flag", "project")

_TOTAL = re.compile(r"^\s*(?:" + "|".join(r"\s*".join(word) for word in TOTAL_WORDS) + r")", re.IGNORECASE)


# Cells repeat down a ledger (towns, years, labels): the tests of a cell's text are cached.
@lru_cache(maxsize=65536)
def is_total(text: str) -> bool:
    return bool(text) and _TOTAL.match(label_text(text)) is not None


@lru_cache(maxsize=65536)
def is_note(text: str) -> bool:
    return label_text(text).startswith(NOTE_PREFIXES)


@lru_cache(maxsize=65536)
def is_footer(text: str) -> bool:
    return FOOTER_LABEL.match(label_text(text)) is not None


_YEAR_SPAN = re.compile(r"(?:19|20)\d\d\s*(?:年度|年)?\s*[-—–~～至到]\s*(?:(?:19|20)?\d\d)\s*(?:年度|年)?")


@lru_cache(maxsize=65536)
def year_of(text: str) -> int | None:
    """The year a cell names as clerks write it: 2022, 2022年, 2021年度, 二〇二二年, 22年 (20xx);
    None for anything else, a span such as 2021—2022 included (see `is_year_span`)."""
    folded = re.sub(r"\s+", "", arabic_years(fold(text)))
    match = YEAR_ONLY.match(folded)
    if match:
        return int(match.group(1))
    short = re.fullmatch(r"(\d\d)(?:年度|年)", folded)
    return 2000 + int(short.group(1)) if short else None


@lru_cache(maxsize=4096)
def is_year_span(text: str) -> bool:
    return _YEAR_SPAN.fullmatch(fold(text).strip()) is not None


def town_named_in(text: str, gazetteer: Gazetteer) -> str | None:
    """The town a text names first (the longest name where two start at one place), or None.
    By place in the text, so that a row naming several towns gives the same town every run."""
    text = label_text(text)
    found = [(text.find(name), -len(name), name) for name in set(gazetteer.towns["name_zh"]) | {"海城乡"}]
    named = [entry for entry in found if entry[0] >= 0]
    return min(named)[2] if named else None


@dataclass(frozen=True)
class ValueColumn:
    """A column of values: where it is, what its header says and the metric it is read as."""

    index: int
    column: Column
    metric: str


@dataclass(frozen=True)
class SheetLayout:
    sheet: str
    band: HeaderBand
    columns: tuple[Column, ...]
    index: dict[str, int | None]  # key field -> its column
    sheet_factor: float | None  # 单位：万元 in the title rows
    sheet_year: int | None  # a year in the title or the sheet's name
    sheet_town: str | None
    value_columns: tuple[ValueColumn, ...] = ()
    problem: tuple[str, dict] | None = None  # a reason no value of the sheet can be read
    data_rows: tuple[tuple[int, str], ...] = ()  # (0-based row, its town)
    total_rows: tuple[tuple[int, str], ...] = ()  # (1-based row number, label)
    skipped_rows: tuple[tuple[int, str, dict], ...] = ()  # (1-based row number, code, params), in row order
    blank_towns: int = 0  # data rows whose 乡镇 cell is blank
    rows_read: int = 0
    refused_columns: tuple[tuple[str, str, dict], ...] = ()  # (header, code, params): listed, not read
    year_source: str | None = None  # where sheet_year came from: title, sheet_name or recipe
    signature: str = ""  # of the header band: a reading recipe is matched to a sheet by it
    recipe_used: bool = False

    @property
    def header_last(self) -> int:
        """The band's last row (0-based): data starts below it."""
        return self.band.last

    def header_of(self, field_name: str) -> str:
        column = self.index[field_name]
        return self.columns[column].header if column is not None else ""


# When a column cannot be read but others can, it is listed with one of these codes (a sheet
# with no readable column stops with the sheet-level code instead).
COLUMN_REFUSALS = {
    "column_year_no_metric": "column_no_metric",
    "column_no_year": "column_without_year",
    "unit_conflict": "column_unit_conflict",
}


def _resolve_columns(columns, index, sheet_metric, sheet_year, sheet_factor):
    """((code, params) of a problem that stops the sheet, or None; the value columns; the
    columns not read, [(header, code, params)]). A column that cannot be read is listed and the
    others are read; only when no column can be read does the sheet stop, with the first reason."""
    candidates = [(i, c) for i, c in enumerate(columns) if c.is_value]
    if not candidates and index["red_flag"] is None:
        return ("no_value_columns", {}), (), ()
    month_columns = [(i, c) for i, c in candidates if c.month is not None]
    candidates = [(i, c) for i, c in candidates if c.month is None]
    month_resolved, month_refused = _resolve_months(month_columns, index, sheet_metric, sheet_year, sheet_factor)
    if index["red_flag"] is not None and index["year"] is None and sheet_year is None:
        return ("flag_column_no_year", {}), (), ()
    resolved, refused, problems = [], [], []
    for i, column in candidates:
        if column.extra and is_personal_data(column.header):
            refused.append((column.header, "personal_data", {}))
            continue
        if column.extra and not header_says_money(column.header, column.unit_word):
            refused.append((column.header, "not_money_header", {}))
            continue
        if column.unit_conflict:
            problem = ("unit_conflict", {"header": column.header, "units": column.unit_conflict})
        elif (column.metric or sheet_metric) is None:
            problem = ("column_year_no_metric", {"header": column.header})
        elif column.year is None and index["year"] is None and sheet_year is None:
            problem = ("column_no_year", {"header": column.header})
        else:
            resolved.append(ValueColumn(i, column, column.metric or sheet_metric))
            continue
        problems.append(problem)
        refused.append((column.header, COLUMN_REFUSALS[problem[0]], problem[1]))
    resolved += month_resolved
    refused += month_refused
    if not resolved and problems and index["red_flag"] is None:
        return problems[0], (), ()
    if not resolved and not refused and index["red_flag"] is None:
        return ("no_value_columns", {}), (), ()
    return None, tuple(sorted(resolved, key=lambda v: v.index)), tuple(refused)


def _resolve_months(month_columns, index, sheet_metric, sheet_year, sheet_factor):
    """Month columns (1月 … 12月) are read only as a year's sum: all twelve months of one metric
    and year, with a unit the sheet states. Otherwise each is listed, not read: a month is
    never a year, and part of a year is not the year."""
    groups: dict[tuple, list] = {}
    for i, column in month_columns:
        groups.setdefault((column.metric or sheet_metric, column.year), []).append((i, column))
    resolved, refused = [], []
    for (metric, year), members in groups.items():
        months = sorted(column.month for _, column in members)
        if metric is None:
            refused += [(c.header, "column_no_metric", {"header": c.header}) for _, c in members]
        elif months != list(range(1, 13)):
            missing = sorted(set(range(1, 13)) - set(months))
            params = {"months": ", ".join(map(str, months)), "missing": ", ".join(map(str, missing)) or "-"}
            refused += [(c.header, "month_columns_incomplete", params) for _, c in members]
        elif sheet_factor is None and any(c.factor is None for _, c in members):
            refused += [(c.header, "month_columns_no_unit", {}) for _, c in members]
        elif year is None and index["year"] is None and sheet_year is None:
            refused += [(c.header, "column_without_year", {"header": c.header}) for _, c in members]
        else:
            resolved += [ValueColumn(i, c, metric) for i, c in members]
    return resolved, refused


def _classify_rows(texts, first_data_row: int, index, sheet_town: str | None):
    """Data rows [(row, town)], total rows [(number, label)], skipped [(number, code)] and the
    count of blank town cells. A town is carried down only where a merged cell carries it (the
    reader fills merged cells)."""
    village_col, town_col, code_col = index["village"], index["town"], index["code"]
    data: list[tuple[int, str]] = []
    totals: list[tuple[int, str]] = []
    skipped: list[tuple[int, str, dict]] = []
    blank_towns = 0
    for row in range(first_data_row, len(texts)):
        cells = texts[row]
        number = row + 1
        if not any(cells):
            skipped.append((number, "blank_row", {}))
            continue
        village = cells[village_col] if village_col is not None else ""
        filled = [text for text in cells if text]
        first_text = filled[0]
        town_text = cells[town_col] if town_col is not None else ""
        if is_total(village) or is_total(town_text) or is_total(first_text):
            label = next(w for w in (village, town_text, first_text) if is_total(w))
            label = re.sub(r"\s+", "", label)
            totals.append((number, label))
            skipped.append((number, "total_row", {"label": label}))
            continue
        # a footer's label is Chinese: a text of ASCII alone (a number) is not one, and is not cached
        if is_note(first_text) or any(is_footer(text) for text in filled if not text.isascii()):
            skipped.append((number, "note_row", {}))
            continue
        if not village and (code_col is None or not cells[code_col]) and len(filled) == 1:
            skipped.append((number, "note_row", {}))
            continue
        if town_col is not None and not town_text and village:
            blank_towns += 1
        data.append((row, town_text or sheet_town or ""))
    return tuple(data), tuple(totals), tuple(skipped), blank_towns


def infer_layout(
    sheet_name: str, texts: list[list[str]], mapping: dict[str, str], gazetteer: Gazetteer, recipe: Recipe | None = None
):
    """The layout of a sheet, or None when no row of its first HEADER_SEARCH_ROWS is a header.
    A reading recipe whose entry fits the sheet's header band overrides what the reader infers."""
    band = find_band(texts, mapping)
    if band is None:
        return None
    signature = header_signature([texts[r] for r in band.rows])
    sheet_recipe = recipe.for_sheet(sheet_name, signature) if recipe is not None else None
    title_text = " ".join(text for row in texts[: band.first] for text in row if text)
    title = title_text + " " + sheet_name
    declared = unit_declaration(title)
    sheet_factor = declared[1] if declared else None
    columns = band.columns
    recipe_refused: list[tuple[str, str, dict]] = []
    if sheet_recipe is not None:
        recipe_columns, recipe_refused = apply_columns(columns, sheet_recipe, sheet_factor)
        columns = tuple(recipe_columns)
    sheet_year, year_source = year_in(title_text), "title"
    if sheet_year is None:
        stem = re.sub(r"\.(?:csv|tsv|txt)$", "", sheet_name, flags=re.IGNORECASE)  # a CSV's sheet is its file
        sheet_year, year_source = year_in(sheet_name) or year_of(stem), "sheet_name"
    sheet_metric = metric_in(title, mapping)
    sheet_town = town_named_in(title, gazetteer)
    if sheet_recipe is not None and sheet_recipe.year is not None and sheet_recipe.year != sheet_year:
        sheet_year, year_source = sheet_recipe.year, "recipe"
    if sheet_recipe is not None and sheet_recipe.town:
        sheet_town = sheet_recipe.town
    index = {name: next((i for i, c in enumerate(columns) if c.field == name), None) for name in KEY_COLUMNS}
    problem, value_columns, refused = _resolve_columns(columns, index, sheet_metric, sheet_year, sheet_factor)
    layout = SheetLayout(
        sheet=sheet_name,
        band=band,
        columns=tuple(columns),
        index=index,
        sheet_factor=sheet_factor,
        sheet_year=sheet_year,
        sheet_town=sheet_town,
        value_columns=value_columns,
        problem=problem,
        refused_columns=_in_column_order(columns, tuple(recipe_refused) + refused),
        signature=signature,
        recipe_used=sheet_recipe is not None,
        year_source=year_source if sheet_year is not None else None,
        rows_read=len(texts) - band.last - 1,
    )
    if problem:
        return layout
    data, totals, skipped, blank_towns = _classify_rows(texts, band.last + 1, index, sheet_town)
    if sheet_recipe is not None and sheet_recipe.rows:
        data, totals, skipped = apply_rows(texts, data, totals, skipped, sheet_recipe, index, sheet_town)
    return replace(layout, data_rows=data, total_rows=totals, skipped_rows=skipped, blank_towns=blank_towns)


def _in_column_order(columns, refused):
    position = {column.header: i for i, column in reversed(list(enumerate(columns)))}
    return tuple(sorted(refused, key=lambda entry: position.get(entry[0], len(columns))))


def describe(
    layout: SheetLayout,
    log_ignored: list[dict],
    skipped: list[dict],
    hidden: bool = False,
    hidden_rows: frozenset[int] = frozenset(),
) -> dict:
    """How the sheet was read, for a person: the header rows, each column's resolution (a key, a
    metric with its unit, period and year, or not read and why), where the year and town came
    from, which rows are data, totals and notes, and what the file hides (1-based row numbers)."""
    ignored = {entry["column"]: entry["code"] for entry in log_ignored}
    read = {value.index: value for value in layout.value_columns}
    columns = []
    for i, column in enumerate(layout.columns):
        if not column.header:
            continue
        entry: dict = {"column": i + 1, "header": column.header}
        if column.field is not None:
            entry |= {"resolution": "key", "field": column.field}
        elif column.header in ignored:
            code = ignored[column.header]
            entry |= {"resolution": "personal" if code == "personal_data" else "not_read", "reason": code}
        elif i in read:
            entry |= {
                "resolution": "metric",
                "metric": read[i].metric,
                "unit": column.unit_word,
                "factor": column.factor or layout.sheet_factor,
                "unit_from": _unit_source(column, layout),
                "period": column.period,
                "year": column.year,
            }
            if column.month is not None:
                entry |= {"month": column.month, "summed_into": "year"}
        else:
            entry |= {"resolution": "not_read", "reason": layout.problem[0] if layout.problem else "no_value"}
        columns.append(entry)
    kinds: dict[str, list[int]] = {}
    for entry in skipped:
        kinds.setdefault(entry["code"], []).append(entry["row"])
    data_rows = [row + 1 for row, _ in layout.data_rows]
    return {
        "sheet": layout.sheet,
        "header_rows": [r + 1 for r in layout.band.rows],
        "unit_rows": [r + 1 for r in layout.band.unit_rows],
        "columns": columns,
        "year": layout.sheet_year,
        "year_from": layout.year_source,
        "town": layout.sheet_town,
        "data_rows": {
            "count": len(data_rows),
            "first": min(data_rows, default=None),
            "last": max(data_rows, default=None),
        },
        "total_rows": kinds.get("total_row", []),
        "note_rows": kinds.get("note_row", []),
        "blank_rows": len(kinds.get("blank_row", [])),
        "hidden": hidden,
        "hidden_rows": sorted(hidden_rows),
        "signature": layout.signature,
        "recipe": layout.recipe_used,
    }


def _unit_source(column: Column, layout: SheetLayout) -> str | None:
    if column.from_recipe and column.unit_word:
        return "recipe"
    if column.unit_row:
        return "unit_row"
    if column.unit_word:
        return "header"
    return "title" if layout.sheet_factor else None
