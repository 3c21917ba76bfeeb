"""Sheets whose rows are a form's indicator lines, turned so that each village is a row.

The 收益分配统计表 comes in two layouts besides villages-as-rows:

- indicators as rows with one column per village (`指标名称 | 代码 | 东安村 | 高卜村 | 合计`), a
  town written above its villages or in the village cell;
- one sheet per village (`指标名称 | 代码 | 数量`, or `本年数 | 上年数`), the village named by the
  sheet or in a title row (`单位名称：五站镇东安村`).

Such a sheet is recognised by an indicator header (指标名称, 项目, 指标) over a column in which at
least `MIN_LINES` cells are lines the header mapping knows. It is turned into a sheet with a
village per row and a line per column (`乡镇 | 村名 | 年度 | 一、总收入 | …`), the title rows kept
above it, which the ordinary reader reads; `TurnedSheet.address` maps every row and column the
reader reports back to the cell of the file (the line's row, the village's column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer import Gazetteer
from .header_band import HEADER_SEARCH_ROWS, unit_cell
from .headers import LINE_NUMBER, classify, label_text, year_in
from .layout import is_footer, is_note, is_total
from .read import Sheet

INDICATOR_HEADERS = ("指标名称", "指标", "项目", "项目名称", "科目", "科目名称", "indicator", "item")
CODE_HEADERS = ("代码", "行次", "编码", "序号", "code", "line")
UNIT_HEADERS = ("计量单位", "单位")
# A value column of a one-village sheet, and the year it gives relative to the sheet's year.
VALUE_HEADERS = {"数量": 0, "金额": 0, "数值": 0, "本年数": 0, "本年累计数": 0, "本年实际": 0, "本期数": 0}
VALUE_HEADERS |= {"本年": 0, "上年数": -1, "上年同期数": -1, "上年": -1, "上年同期": -1}
MIN_LINES = 3
# A top-level line (一、总收入) heads the lines below it (1.其他收入 is 总收入's 其他收入).
TOP_LINE = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")
VILLAGE_PREFIX = re.compile(r"^(?:单位名称|填报单位|村名称|村名|单位)\s*[:：]\s*")


@dataclass(frozen=True)
class Entity:
    """One column of values: a village (with its town and year where the sheet gives them)."""

    column: int  # 0-based, in the file
    label: str  # as the file heads it (or names the village), for a cell's address
    town: str
    village: str
    year: int | str | None  # what the turned sheet's 年度 cell says: a year, or the words that failed to give one


@dataclass(frozen=True)
class TurnedSheet:
    sheet: Sheet  # one row per entity, one column per line
    orientation: str  # villages_in_columns | one_village
    header_row: int  # 0-based, in the file
    line_rows: dict[str, int]  # the turned sheet's line header -> its row in the file (0-based)
    line_labels: dict[str, str]  # the turned sheet's line header -> the line as the file writes it
    entities: tuple[Entity, ...]
    first_entity_row: int  # 0-based row of the first entity in the turned sheet
    code_column: int | None
    note_rows: tuple[int, ...]  # 0-based rows of notes and footers below the header

    def address(self, number: int, header: str | None) -> tuple[int, str]:
        """A 1-based row of the turned sheet and a header of it -> (1-based row, column label) in
        the file: a line's cell for a value; the village's heading for the village as a whole."""
        entity_index = number - 1 - self.first_entity_row
        if not 0 <= entity_index < len(self.entities):
            return self.header_row + 1, header or ""
        entity = self.entities[entity_index]
        parts = [part for part in (header or "").split(" + ") if part in self.line_rows]
        if not parts:
            return self.header_row + 1, entity.label
        row = self.line_rows[parts[0]] + 1
        return row, " + ".join(f"{entity.label} / {self.line_labels[part]}" for part in parts)


def turn_indicator_rows(sheet: Sheet, texts: list[list[str]], mapping, gazetteer: Gazetteer) -> TurnedSheet | None:
    """The sheet turned to villages as rows, or None when its rows are not indicator lines."""
    found = _indicator_header(texts, mapping)
    if found is None:
        return None
    header_row, line_col = found
    headers = texts[header_row]
    code_col = _column_named(headers, CODE_HEADERS, exclude=line_col)
    unit_col = _column_named(headers, UNIT_HEADERS, exclude=line_col)
    keys = {c for c in (line_col, code_col, unit_col) if c is not None}
    lines, note_rows = _lines(texts, header_row, line_col, unit_col, mapping)
    title = " ".join(text for row in texts[:header_row] for text in row if text)
    entities = _entities(sheet.name, texts, header_row, keys, title, gazetteer)
    if not entities:
        return None
    orientation = "one_village" if all(e.label in VALUE_HEADERS for e in entities) else "villages_in_columns"
    with_year = any(e.year is not None for e in entities)
    header = ["乡镇", "村名"] + (["年度"] if with_year else []) + [label for label, _, _ in lines]
    title_rows: list[list] = [[" ".join(text for text in row if text)] for row in texts[:header_row]]
    rows = [row + [None] * (len(header) - 1) for row in title_rows] + [list(header)]
    for entity in entities:
        keys_of = [entity.town or None, entity.village] + ([entity.year] if with_year else [])
        rows.append(keys_of + [sheet.rows[row][entity.column] for _, _, row in lines])
    return TurnedSheet(
        sheet=Sheet(sheet.name, rows, sheet.encoding),
        orientation=orientation,
        header_row=header_row,
        line_rows={label: row for label, _, row in lines},
        line_labels={label: raw for label, raw, _ in lines},
        entities=tuple(entities),
        first_entity_row=len(title_rows) + 1,
        code_column=code_col,
        note_rows=tuple(note_rows),
    )


def _indicator_header(texts, mapping) -> tuple[int, int] | None:
    for r in range(min(len(texts), HEADER_SEARCH_ROWS)):
        for c, text in enumerate(texts[r]):
            if label_text(text).replace(" ", "") not in INDICATOR_HEADERS:
                continue
            below = [row[c] for row in texts[r + 1 :] if c < len(row) and row[c]]
            known = [t for t in below if (column := classify(t, mapping)).metric and not column.extra]
            if len(known) >= MIN_LINES:
                return r, c
    return None


def _column_named(headers: list[str], names: tuple[str, ...], exclude: int) -> int | None:
    return next(
        (i for i, text in enumerate(headers) if i != exclude and label_text(text).replace(" ", "") in names),
        None,
    )


def _lines(texts, header_row: int, line_col: int, unit_col: int | None, mapping):
    """[(the turned sheet's header for the line, the line as written, its 0-based row)], and the
    note rows. A line the mapping knows only under its top line is headed by the path
    (`总收入/其他收入`); a line's unit (a 计量单位 cell) is written into its header, where the
    reader takes units from."""
    lines, notes, seen, top = [], [], set(), ""
    for r in range(header_row + 1, len(texts)):
        cells = texts[r]
        label = cells[line_col] if line_col < len(cells) else ""
        if not any(cells):
            continue
        if is_note(cells[0] or label) or any(is_footer(text) for text in cells if text) or not label:
            notes.append(r)
            continue
        raw = label
        if TOP_LINE.match(label):
            top = LINE_NUMBER.sub("", label)
        elif top and classify(label, mapping).extra:
            path = f"{top}/{LINE_NUMBER.sub('', label)}"
            label = path if not classify(path, mapping).extra else label
        unit = cells[unit_col] if unit_col is not None and unit_col < len(cells) else ""
        if unit and unit_cell(unit) and not re.search(r"[(（]", label):
            label = f"{label}（{unit}）"
        while label in seen:  # two lines written alike stay two columns
            label += " "
        seen.add(label)
        lines.append((label, raw, r))
    return lines, notes


def _entities(sheet_name: str, texts, header_row: int, keys: set[int], title: str, gazetteer) -> list[Entity]:
    headers = texts[header_row]
    above = texts[header_row - 1] if header_row > 0 else []
    sheet_year = year_in(title) or year_in(sheet_name)
    entities = []
    for c, text in enumerate(headers):
        if c in keys or not text:
            continue
        offset = VALUE_HEADERS.get(label_text(text).replace(" ", ""))
        if offset is not None:
            village, town = _village_of_sheet(sheet_name, title, gazetteer)
            # 上年数 needs the sheet's year to be a year at all: without it the cell keeps its words
            year = sheet_year + offset if sheet_year is not None else (text if offset else None)
            entities.append(Entity(c, text, town, village, year))
            continue
        town = above[c] if c < len(above) and gazetteer.match_town(above[c]).ok else ""
        entities.append(Entity(c, text, town, text, year_in(text) if not is_total(text) else None))
    return entities


def _village_of_sheet(sheet_name: str, title: str, gazetteer) -> tuple[str, str]:
    """(village, town) of a one-village sheet: a title's 单位名称：… or the sheet's name."""
    for text in re.split(r"\s{2,}|\s(?=单位名称|填报单位)", title) + [sheet_name]:
        candidate = re.sub(r"^(?:黑龙江省)?(?:绥化市)?肇东市", "", VILLAGE_PREFIX.sub("", text.strip()))
        candidate = re.sub(r"\d{4}\s*年.*$|收益分配.*$|农村集体.*$", "", candidate).strip()
        if candidate and gazetteer.match_village(candidate).ok:
            return candidate, ""
    return sheet_name, ""
