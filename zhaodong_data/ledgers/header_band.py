"""A sheet's header as a band of one or more rows, and each column's name from its path.

Standard forms head their columns with two or three rows: a group (总收入) merged over its parts
(合计 / 经营收入 / …), keys (序号, 乡镇, 村名) merged down the band, and often a row of units
(万元, 元/人·月) under the names. The band is found around the first row with a village (or
division code) column:

- above it, rows of group labels (over value columns only, no colon, no 单位 declaration);
- below it, rows whose key cell is blank or repeats the key (a merge), holding no figure, and
  naming at least one thing a header names (a metric, a year, a month, a unit);
- a row whose cells are all units is a unit row: it sets each column's unit and is never data.

A group written once over blank cells (a CSV of a merged header) is carried right over the
columns that have a label below it. A column's name is its path (`总收入 / 经营收入`); its metric
is the deepest level the mapping knows, its year the deepest year, its unit the deepest unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..parsing.numerals import fold
from .headers import (
    PERIOD_WORDS,
    UNIT_FACTORS,
    UNIT_RATE,
    UNIT_WORDS,
    YEAR_ONLY,
    Column,
    classify,
    combine,
    label_text,
    unit_declaration,
)

HEADER_SEARCH_ROWS = 30
MAX_BAND_ROWS = 4
KEY_ANCHORS = ("village", "code")

# A header's unit words, and units that are not money (亩, 垧, %), alone in a cell.
_UNIT_CELL = re.compile(
    r"[(（\[]?\s*(?:单位\s*[:：]\s*)?(" + UNIT_WORDS + "|亩|垧|%)" + UNIT_RATE + r"\s*[)）\]]?",
    re.IGNORECASE,
)
_MONTH = re.compile(r"(?:[1-9]|1[0-2])\s*月(?:份)?")
# A figure: digits with at most signs, separators, qualifiers and money units around them.
_FIGURE = re.compile(r"[\s\d.,，+\-—~～%()（）约余多万亿元千百]*\d[\s\d.,，+\-—~～%()（）约余多万亿元千百]*")


@dataclass(frozen=True)
class UnitCell:
    word: str
    factor: float | None  # None for a unit that is not money (个, 亩, %)
    period: str | None


@lru_cache(maxsize=4096)
def unit_cell(text: str) -> UnitCell | None:
    """A cell that is a unit and nothing else: 万元, （元）, 元/人·月, 单位：万元."""
    match = _UNIT_CELL.fullmatch(label_text(text).strip())
    if not match:
        return None
    word = match.group(1)
    return UnitCell(word, UNIT_FACTORS.get(word.lower()), PERIOD_WORDS.get(match.group(2) or ""))


@lru_cache(maxsize=65536)
def _is_figure(text: str) -> bool:
    folded = fold(text)
    if YEAR_ONLY.match(folded) or _MONTH.fullmatch(folded):
        return False
    return _FIGURE.fullmatch(folded) is not None


@dataclass(frozen=True)
class HeaderBand:
    rows: tuple[int, ...]  # 0-based, top to bottom
    unit_rows: tuple[int, ...]
    columns: tuple[Column, ...]

    @property
    def first(self) -> int:
        return self.rows[0]

    @property
    def last(self) -> int:
        return self.rows[-1]


def find_band(texts: list[list[str]], mapping: dict[str, str]) -> HeaderBand | None:
    for r in range(min(len(texts), HEADER_SEARCH_ROWS)):
        anchor = [classify(text, mapping) for text in texts[r]]
        key = next((i for i, c in enumerate(anchor) if c.field in KEY_ANCHORS), None)
        if key is None:
            continue
        keys = {i for i, c in enumerate(anchor) if c.field is not None}
        rows = [r]
        while rows[0] > 0 and len(rows) < MAX_BAND_ROWS and _is_group_row(texts[rows[0] - 1], anchor, keys):
            rows.insert(0, rows[0] - 1)
        while (
            rows[-1] + 1 < len(texts)
            and len(rows) < MAX_BAND_ROWS
            and _continues_band(texts[rows[-1] + 1], texts[r][key], key, keys, mapping)
        ):
            rows.append(rows[-1] + 1)
        return _compose(texts, rows, keys, mapping)
    return None


def _is_group_row(cells: list[str], anchor: list[Column], keys: set[int]) -> bool:
    """Labels over value columns only (not over a key, not a title or 单位 line)."""
    filled = [(i, text) for i, text in enumerate(cells) if text]
    if not filled:
        return False
    return all(
        i not in keys and anchor[i].header and not re.search(r"[:：]", text) and unit_declaration(text) is None
        for i, text in filled
    )


def _continues_band(cells: list[str], key_text: str, key: int, keys: set[int], mapping) -> bool:
    key_cell = cells[key] if key < len(cells) else ""
    if key_cell not in ("", key_text) and classify(key_cell, mapping).field not in KEY_ANCHORS:
        return False
    others = [text for i, text in enumerate(cells) if text and i not in keys]
    if not others or any(_is_figure(text) for text in others):
        return False
    if all(unit_cell(text) for text in others):
        return True
    return any(_names_something(text, mapping) for text in others)


def _names_something(text: str, mapping) -> bool:
    column = classify(text, mapping)
    folded = label_text(text)
    return (
        column.year is not None
        or (column.metric is not None and not column.extra)
        or column.unit_word is not None
        or _MONTH.fullmatch(folded) is not None
    )


def _carried_right(rows: list[list[str]]) -> list[list[str]]:
    """Name rows with each group label carried right over the blank cells that have a label
    in the row below (a merged group header saved without its merge). From the bottom up, so
    that a year over groups is carried over the groups once they are carried."""
    carried = [list(row) for row in rows]
    for level in range(len(carried) - 2, -1, -1):
        row, below = carried[level], carried[level + 1]
        label, label_has_children = "", False
        for i, text in enumerate(row):
            if text:
                label, label_has_children = text, bool(below[i] if i < len(below) else "")
            elif label and label_has_children and i < len(below) and below[i]:
                row[i] = label
            else:
                label = ""
    return carried


def _compose(texts, rows: list[int], keys: set[int], mapping) -> HeaderBand:
    width = max(len(texts[r]) for r in rows)
    padded = {r: list(texts[r]) + [""] * (width - len(texts[r])) for r in rows}
    unit_rows = [r for r in rows if _is_unit_row(padded[r], keys)]
    name_rows = [r for r in rows if r not in unit_rows]
    names = _carried_right([padded[r] for r in name_rows])
    columns = []
    for i in range(width):
        path = [row[i] for row in names if row[i]]
        path = [text for j, text in enumerate(path) if j == 0 or text != path[j - 1]]
        column = _column_of(path, mapping)
        for r in unit_rows:
            column = _with_unit(column, padded[r][i])
        columns.append(column)
    return HeaderBand(tuple(rows), tuple(unit_rows), tuple(columns))


def _is_unit_row(cells: list[str], keys: set[int]) -> bool:
    others = [text for i, text in enumerate(cells) if text and i not in keys]
    return bool(others) and all(unit_cell(text) for text in others)


def _column_of(path: list[str], mapping) -> Column:
    if not path:
        return Column("")
    column = classify(path[0], mapping)
    for parent, text in zip(path, path[1:]):
        child = classify(text, mapping)
        column = combine(column, child)
        # a part named only under its group (总收入 / 其他收入 against 总支出 / 其他支出)
        joined = classify(f"{parent}/{text}", mapping)
        if joined.metric and not joined.extra and child.extra:
            column = replace(column, metric=joined.metric, extra=False)
    return column


def _with_unit(column: Column, text: str) -> Column:
    """A column with the unit its unit-row cell gives; a unit that disagrees with the header's
    own is a conflict the layout refuses (the column is not read)."""
    unit = unit_cell(text) if text else None
    if unit is None or column.field is not None:
        return column
    if column.unit_word and column.factor != unit.factor:
        return replace(column, unit_conflict=f"{column.unit_word} / {unit.word}")
    return replace(
        column,
        unit_word=unit.word,
        factor=unit.factor if unit.factor is not None else column.factor,
        period=unit.period or column.period,
        unit_row=True,
    )
