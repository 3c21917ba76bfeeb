"""From a ledger's sheets to tidy village-year-metric rows, a quarantine and a report.

Every data row below a header ends up clean, quarantined (a reason for each problem) or skipped
(blank, total, note, identical duplicate), each counted on its own, and
rows_read = rows_clean + rows_quarantined + rows_skipped is checked, not assumed.

Quarantine is by cell where it can be: an unreadable value quarantines that village-year-metric
and the row's other values go in (the row then counts as quarantined, and `cells_quarantined`
counts the values). A row whose village or year cannot be read is quarantined whole. Row
numbers are the spreadsheet's own, 1-based. Every reason and warning has a code and parameters
(`reasons.py`) beside its English sentence.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..gazetteer import Gazetteer, load_gazetteer
from ..metrics import header_says_money, metric_kinds
from ..parsing import parse_amounts, point_values, takes_column_unit
from ..parsing.numerals import fold
from . import plausibility
from .collector import collector_paused
from .headers import (
    Column,
    aspects_of,
    cell_text,
    classify,
    combine,
    header_map,
    is_personal_data,
    metric_in,
    unit_declaration,
    year_in,
)
from .read import FORMULA_WITHOUT_VALUE, Sheet, UnreadableFile, read_sheets
from .reasons import KIND_ZH, amount_text, render, warning_sentence

TOTAL_WORDS = ("总合计", "合计", "总计", "小计", "全乡", "全镇", "全市", "汇总", "total", "subtotal", "sum")
BLOCK_TOTAL_WORDS = ("小计", "全乡", "全镇", "subtotal")
NOTE_PREFIXES = ("注", "备注", "说明", "填表", "制表", "审核", "数据来源", "负责人", "联系", "note", "source")
HEADER_SEARCH_ROWS = 30
FIRST_YEAR, LAST_YEAR = 1949, 2100
REPORT_KEYS = (
    "file",
    "sha256",
    "rows_read",
    "rows_clean",
    "rows_quarantined",
    "rows_skipped",
    "cells_quarantined",
    "quarantine",
    "skipped",
    "warnings",
    "warning_codes",
    "ignored_columns",
)


class AccountingError(AssertionError):
    """The row counts of a ledger do not add up: a bug in this module, never the user's fault."""


@dataclass
class LedgerResult:
    report: dict
    records: pd.DataFrame
    quarantine: pd.DataFrame
    red_flags: pd.DataFrame  # flags read from a red-flag column (红旗类别), one row per village, year, aspect
    flag_coverage: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["village_code", "year"]))
    # (village, year) pairs whose rows a red-flag column covers: flags there are replaced, removals included


@dataclass
class _SheetResult:
    records: list[dict] = field(default_factory=list)
    flags: list[dict] = field(default_factory=list)
    flag_coverage: list[tuple[str, int]] = field(default_factory=list)
    quarantine: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    ignored_columns: list[dict] = field(default_factory=list)
    rows_read: int = 0
    rows_clean: int = 0
    cells_quarantined: int = 0
    quarantined_rows: set = field(default_factory=set)
    header_found: bool = False


_TOTAL = re.compile(r"^\s*(?:" + "|".join(r"\s*".join(word) for word in TOTAL_WORDS) + r")", re.IGNORECASE)


# Cells repeat down a ledger (towns, years, labels): the tests of a cell's text are cached.
@lru_cache(maxsize=65536)
def _is_total(text: str) -> bool:
    return bool(text) and _TOTAL.match(text) is not None


@lru_cache(maxsize=65536)
def _is_note(text: str) -> bool:
    return fold(text).startswith(NOTE_PREFIXES)


def _find_header(texts: list[list[str]], mapping: dict[str, str]):
    """(first header row, last header row, columns) or None. The header is the first row
    that has a village (or division code) column; the row below joins it when it is a
    second header row (years or metrics under merged cells), not data."""
    for r in range(min(len(texts), HEADER_SEARCH_ROWS)):
        columns = [classify(text, mapping) for text in texts[r]]
        key = next((i for i, c in enumerate(columns) if c.field in ("village", "code")), None)
        if key is None:
            continue
        if r + 1 < len(texts):
            below = [classify(text, mapping) for text in texts[r + 1]]
            key_cell = texts[r + 1][key]
            second_header = (key_cell in ("", texts[r][key]) or below[key].field in ("village", "code")) and any(
                c.is_value and (c.year is not None or not c.extra) for c in below
            )
            if second_header:
                return r, r + 1, [combine(p, c) for p, c in zip(columns, below)]
        return r, r, columns
    return None


def _town_named_in(text: str, gazetteer: Gazetteer) -> str | None:
    names = sorted(set(gazetteer.towns["name_zh"]) | {"海城乡"}, key=len, reverse=True)
    for name in names:
        if name in text:
            return name
    return None


@lru_cache(maxsize=65536)
def _year_of(text: str) -> int | None:
    match = re.fullmatch(r"((?:19|20)\d\d)\s*(?:年度|年)?(?:\.0)?", fold(text))
    return int(match.group(1)) if match else None


def _money(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


@dataclass
class _ValueColumn:
    index: int
    column: Column
    metric: str
    parsed: dict  # parse_amounts columns as lists, one entry per data row
    unit_warned: bool = False  # "gives no unit" said once per column


class _SheetReader:
    def __init__(
        self,
        sheet: Sheet,
        source_id: str,
        gazetteer: Gazetteer,
        kinds: dict[str, str],
        mapping: dict[str, str],
        reference: dict[str, list[float]],
        accept_outliers: bool,
    ):
        self.sheet = sheet
        self.source_id = source_id
        self.gazetteer = gazetteer
        self.kinds = kinds
        self.mapping = mapping
        self.reference = reference
        self.accept_outliers = accept_outliers
        self.result = _SheetResult()
        self.texts = [[cell_text(value) for value in row] for row in sheet.rows]
        self._matches: dict[tuple[str, str], object] = {}
        self.village_codes = set(gazetteer.villages["code"])
        self.columns: list[Column] = []
        self.duplicate_rows: set[int] = set()  # rows skipped as identical duplicates

    # --- what the sheet says ---------------------------------------------------------------
    def quarantine(self, row: int, column: str, cell, code: str, cells: int = 1, **params) -> None:
        """Quarantine a cell (or a whole row: `cells` is the number of values it loses)."""
        self.result.quarantine.append(
            {
                "sheet": self.sheet.name,
                "row": row,
                "column": column,
                "value": cell_text(cell),
                "reason": render(code, params, "en"),
                "code": code,
                "params": params,
            }
        )
        self.result.quarantined_rows.add(row)
        self.result.cells_quarantined += cells

    def skip(self, row: int, code: str, **params) -> None:
        self.result.skipped.append(
            {"sheet": self.sheet.name, "row": row, "reason": render(code, params, "en"), "code": code}
        )

    def warn(self, code: str, **params) -> None:
        self.result.warnings.append({"sheet": self.sheet.name, "code": code, "params": params})

    def match(self, village: str, town: str):
        key = (village, town)
        if key not in self._matches:
            self._matches[key] = self.gazetteer.match_village(village, town=town or None)
        return self._matches[key]

    # --- the sheet ---------------------------------------------------------------------------
    def read(self) -> _SheetResult:
        if not any(any(text for text in row) for row in self.texts):
            self.warn("empty_sheet")
            return self.result
        header = _find_header(self.texts, self.mapping)
        if header is None:
            self.warn("no_header", rows=HEADER_SEARCH_ROWS)
            return self.result
        first, last, columns = header
        self.columns = columns
        self.result.header_found = True
        title = " ".join(text for row in self.texts[:first] for text in row if text) + " " + self.sheet.name
        declared = unit_declaration(title)
        self.sheet_factor = declared[1] if declared else None
        self.sheet_year = year_in(title) or _year_of(self.sheet.name)
        sheet_metric = metric_in(title, self.mapping)
        self.sheet_town = _town_named_in(title, self.gazetteer)

        self.index = {
            name: next((i for i, c in enumerate(columns) if c.field == name), None)
            for name in ("village", "town", "year", "code", "index", "note", "red_flag")
        }
        data_rows = range(last + 1, len(self.texts))
        self.result.rows_read = len(data_rows)
        candidates = [(i, c) for i, c in enumerate(columns) if c.is_value]
        problem, resolved = self._resolve_metrics(candidates, sheet_metric)
        if problem:
            code, params = problem
            for row in data_rows:
                if any(self.texts[row]):
                    self.quarantine(row + 1, "", "", code, cells=0, **params)
                else:
                    self.skip(row + 1, "blank_row")
            return self.result
        data, totals = self._classify_rows(data_rows)
        values = self._read_value_columns(resolved, data)
        records_by_row = self._read_data_rows(data, values)
        self._check_scale(records_by_row)
        self._resolve_duplicates(records_by_row)
        self._check_parts(records_by_row)
        for number in sorted(records_by_row):
            self.result.records.extend(records_by_row[number])
        self._count_clean(data)
        self._check_totals(totals, data, values)
        return self.result

    def _resolve_metrics(self, candidates, sheet_metric):
        """((code, params) of a problem that stops the sheet, or None; [(column index, column, metric)])."""
        if not candidates and self.index["red_flag"] is None:
            return ("no_value_columns", {}), []
        if self.index["red_flag"] is not None and self.index["year"] is None and self.sheet_year is None:
            return ("flag_column_no_year", {}), []
        resolved = []
        for i, column in candidates:
            metric = column.metric or sheet_metric
            if metric is None:
                return ("column_year_no_metric", {"header": column.header}), []
            if column.year is None and self.index["year"] is None and self.sheet_year is None:
                return ("column_no_year", {"header": column.header}), []
            resolved.append((i, column, metric))
        return None, resolved

    def _classify_rows(self, data_rows):
        """Data rows [(row, town)] and total rows [(row number, label)]; blank and note rows skipped.
        A town is carried down only where a merged cell carries it (the reader fills merged cells)."""
        texts = self.texts
        village_col, town_col, code_col = self.index["village"], self.index["town"], self.index["code"]
        data, totals = [], []
        blank_towns = 0
        for row in data_rows:
            cells = texts[row]
            number = row + 1
            if not any(cells):
                self.skip(number, "blank_row")
                continue
            village = cells[village_col] if village_col is not None else ""
            first_text = next(text for text in cells if text)
            town_text = cells[town_col] if town_col is not None else ""
            if _is_total(village) or _is_total(town_text) or _is_total(first_text):
                label = next(w for w in (village, town_text, first_text) if _is_total(w))
                label = re.sub(r"\s+", "", label)
                totals.append((number, label))
                self.skip(number, "total_row", label=label)
                continue
            if _is_note(first_text):
                self.skip(number, "note_row")
                continue
            filled = [text for text in cells if text]
            if not village and (code_col is None or not cells[code_col]) and len(filled) == 1:
                self.skip(number, "note_row")
                continue
            if town_col is not None and not town_text and village:
                blank_towns += 1
            data.append((row, town_text or self.sheet_town or ""))
        if blank_towns:
            self.warn("town_blank", count=blank_towns)
        return data, totals

    def _read_value_columns(self, resolved, data) -> list[_ValueColumn]:
        """Parse each value column; an unknown column is read only if its header and cells say money."""
        values = []
        for i, column, metric in resolved:
            cells = pd.Series([self.sheet.rows[row][i] for row, _ in data], dtype=object)
            frame = parse_amounts(cells.map(lambda v: None if v is FORMULA_WITHOUT_VALUE else v))
            if column.extra:
                reason = self._why_ignored(column, frame)
                if reason:
                    self.result.ignored_columns.append(
                        {
                            "sheet": self.sheet.name,
                            "column": column.header,
                            "reason": render(reason, {}, "en"),
                            "code": reason,
                        }
                    )
                    continue
            values.append(_ValueColumn(i, column, metric, {name: frame[name].tolist() for name in frame.columns}))
        return values

    @staticmethod
    def _why_ignored(column: Column, frame: pd.DataFrame) -> str | None:
        if is_personal_data(column.header):
            return "personal_data"
        if not header_says_money(column.header, column.unit_word):
            return "not_money_header"
        present = frame[frame["qualifier"] != "missing"]
        money = present["qualifier"].ne("invalid") & present["count_of"].isna() & present["unit"].ne("mu")
        if len(present) and money.mean() <= 0.5:
            return "not_money_cells"
        return None

    # --- rows --------------------------------------------------------------------------------
    def _read_data_rows(self, data, values: list[_ValueColumn]) -> dict[int, list[dict]]:
        records_by_row: dict[int, list[dict]] = {}
        for position, (row, town) in enumerate(data):
            number = row + 1
            key = self._row_key(row, town, values, position)
            if key is None:
                continue
            code, row_year = key
            records_by_row[number] = [
                record
                for value in values
                if (record := self._cell_record(row, position, value, code, row_year)) is not None
            ]
        return records_by_row

    def _present_cells(self, row: int, values: list[_ValueColumn], position: int) -> int:
        return sum(
            1
            for value in values
            if value.parsed["qualifier"][position] != "missing"
            or self.sheet.rows[row][value.index] is FORMULA_WITHOUT_VALUE
        )

    def _row_key(self, row: int, town: str, values, position):
        """(village code, year of the row) or None, the row then quarantined whole; reads its flags."""
        cells = self.texts[row]
        lost = self._present_cells(row, values, position)
        code = self._row_village(row, town, lost)
        if code is None:
            return None
        row_year = None
        year_col = self.index["year"]
        if year_col is not None:
            row_year = _year_of(cells[year_col])
            if row_year is None or not FIRST_YEAR <= row_year <= LAST_YEAR:
                self.quarantine(row + 1, self.columns[year_col].header, cells[year_col], "not_a_year", lost)
                return None
        if self.index["red_flag"] is not None and not self._read_flags(row, code, row_year, lost):
            return None
        return code, row_year

    def _row_village(self, row: int, town: str, lost: int) -> str | None:
        """The row's village code (from a code column, else its name in its town), or None with
        the row quarantined: an unknown code, no name, a name not found or ambiguous."""
        cells, number = self.texts[row], row + 1
        village_col, code_col = self.index["village"], self.index["code"]
        if code_col is not None and cells[code_col]:
            if cells[code_col] in self.village_codes:
                return cells[code_col]
            self.quarantine(number, self.columns[code_col].header, cells[code_col], "not_a_village_code", lost)
            return None
        village = cells[village_col] if village_col is not None else ""
        if not village:
            self.quarantine(number, "", "", "no_village_name", lost)
            return None
        assert village_col is not None  # a village name comes from the village column
        match = self.match(village, town)
        if match.ok:
            return match.code
        town_unknown = match.status == "unknown" and match.message.startswith("town ")
        self.quarantine(
            number,
            self.columns[village_col].header,
            village,
            "town_unknown" if town_unknown else f"village_{match.status}",
            lost,
            status=match.status,
            message=match.message,
            name=village,
            town=town,
            candidates=[self.gazetteer.describe(c) for c in match.candidates],
        )
        return None

    def _read_flags(self, row: int, code: str, row_year, lost: int) -> bool:
        """The row's red-flag cell: its aspects kept as flags of the village and year, and the
        village and year marked as covered (a blank cell removes earlier ledger flags). False,
        the row quarantined, when the cell names something that is not an aspect."""
        cells, number = self.texts[row], row + 1
        flag_col, village_col, code_col = self.index["red_flag"], self.index["village"], self.index["code"]
        assert flag_col is not None  # called for a sheet with a red-flag column
        aspects, unknown = aspects_of(cells[flag_col])
        if unknown:
            header = self.columns[flag_col].header
            self.quarantine(number, header, cells[flag_col], "not_an_aspect", lost, words=", ".join(unknown))
            return False
        # a flag column with no year column needs the sheet's year (flag_column_no_year refuses otherwise)
        assert row_year is not None or self.sheet_year is not None
        year = int(row_year or self.sheet_year)  # type: ignore[arg-type]
        village = cells[village_col] if village_col is not None else ""
        self.result.flag_coverage.append((code, year))
        self.result.flags.extend(
            {
                "village_code": code,
                "aspect": aspect,
                "year": year,
                "name_as_published": village or (cells[code_col] if code_col is not None else ""),
                "sheet": self.sheet.name,
                "row": number,
            }
            for aspect in aspects
        )
        return True

    def _cell_record(self, row: int, position: int, value: _ValueColumn, code: str, row_year):
        """The record of one value cell, or None (missing, or quarantined with its reason)."""
        number = row + 1
        header = value.column.header
        raw = self.texts[row][value.index]
        if self.sheet.rows[row][value.index] is FORMULA_WITHOUT_VALUE:
            self.quarantine(number, header, raw, "formula_without_value")
            return None
        qualifier = value.parsed["qualifier"][position]
        if qualifier == "missing":
            return None
        amount = {name: column[position] for name, column in value.parsed.items()}
        if qualifier == "invalid":
            if amount["reason"].startswith("a spreadsheet formula"):
                self.quarantine(number, header, raw, "formula")
            else:
                self.quarantine(number, header, raw, "not_a_figure", reason=amount["reason"])
            return None
        reading = (amount["low"], amount["high"], amount["unit"])
        if self.kinds.get(value.metric, "money") == "money":
            reading = self._money_reading(number, value, amount, raw)
            if reading is None:
                return None
        low, high, unit = reading
        year = value.column.year or row_year or self.sheet_year
        assert year is not None  # a value column without a year of its own is refused (column_no_year)
        return {
            "village_code": code,
            "year": int(year),
            "metric": value.metric,
            "low": low,
            "high": high,
            "qualifier": qualifier,
            "unit": unit,
            "period": amount["period"],
            "source_id": self.source_id,
            "raw": raw,
            "sheet": self.sheet.name,
            "row": number,
            "column": header,
        }

    def _money_reading(self, number: int, value: _ValueColumn, amount: dict, raw: str):
        """(low, high, unit) of a cell in a money column, in yuan: a bare number takes its column's
        (or the sheet's) 万; None, the cell quarantined, for a count or an area, 万 mistranslated as
        million, or a value beyond any village figure."""
        header = value.column.header
        low, high, unit = amount["low"], amount["high"], amount["unit"]
        flags = amount["flags"].split(";") if amount["flags"] else []
        if unit not in (None, "CNY") or amount["count_of"]:
            what = amount["count_of"] or unit
            self.quarantine(number, header, raw, "wrong_kind", kind=what, kind_zh=KIND_ZH.get(what, what))
            return None
        if "wan_as_million" in flags:
            self.quarantine(number, header, raw, "wan_as_million", raw=raw, value=_money(low), number=_money(low / 1e6))
            return None
        factor = None
        if takes_column_unit(flags):
            factor = value.column.factor or self.sheet_factor
            if factor is None:
                factor = 1.0
                if not value.unit_warned:
                    value.unit_warned = True
                    self.warn("column_no_unit", header=header)
            low = None if low is None else low * factor
            high = None if high is None else high * factor
        bad = next((v for v in (low, high) if plausibility.is_absurd(v)), None)
        if bad is not None:
            # Too large for a float once scaled (1e308 in a 万元 column): shown as the cell times its scale.
            shown = _money(bad) if np.isfinite(bad) else f"{raw} × {_money(factor or 1.0)}"
            self.quarantine(number, header, raw, "absurd", value=shown, limit=amount_text(plausibility.MAX_ABS_YUAN))
            return None
        return low, high, "CNY"

    # --- checks across rows ------------------------------------------------------------------
    def _check_scale(self, records_by_row: dict[int, list[dict]]) -> None:
        """Quarantine money values far above their metric's scale (file and store); warn on far below."""
        by_metric: dict[str, list[tuple[int, dict]]] = {}
        for number, records in records_by_row.items():
            for record in records:
                if self.kinds.get(record["metric"], "money") == "money":
                    by_metric.setdefault(record["metric"], []).append((number, record))
        kept = []
        for metric, entries in by_metric.items():
            points = [_point(record) for _, record in entries]
            median = plausibility.reference_median(points + list(self.reference.get(metric, [])))
            for (number, record), point in zip(entries, points):
                verdict = plausibility.scale_verdict(point, median)
                if verdict == "high" and not self.accept_outliers:
                    records_by_row[number].remove(record)
                    self.quarantine(
                        number,
                        record["column"],
                        record["raw"],
                        "scale",
                        value=amount_text(point),
                        median=amount_text(median),
                    )
                elif verdict == "high":
                    kept.append(f"row {number} ({record['raw']})")
                elif verdict == "low":
                    self.warn(
                        "small_value",
                        row=number,
                        value=record["raw"],
                        header=record["column"],
                        ratio=plausibility.SCALE_RATIO,
                        median=amount_text(median),
                    )
        if kept:
            self.warn("outliers_kept", count=len(kept), rows=", ".join(kept))

    def _check_parts(self, records_by_row: dict[int, list[dict]]) -> None:
        """A part above its whole in the same village and year (operating income above total
        income): both cells quarantined, since either may be the wrong one."""
        where: dict[tuple, tuple[int, dict]] = {}
        for number, records in records_by_row.items():
            for record in records:
                where[(record["village_code"], record["year"], record["metric"])] = (number, record)
        for (village, year, metric), (number, part) in list(where.items()):
            whole_metric = plausibility.PART_OF.get(metric)
            if whole_metric is None or (village, year, whole_metric) not in where:
                continue
            whole_number, whole = where[(village, year, whole_metric)]
            if not plausibility.part_exceeds_whole(
                part["low"] if part["low"] is not None else part["high"],
                whole["high"] if whole["high"] is not None else whole["low"],
                approximate="approx" in (part["qualifier"], whole["qualifier"]),
            ):
                continue
            params = dict(
                village=self.gazetteer.describe(village),
                year=year,
                part=part["raw"],
                whole=whole["raw"],
                part_metric=metric,
                whole_metric=whole_metric,
            )
            for row, record in ((number, part), (whole_number, whole)):
                if record in records_by_row.get(row, []):
                    records_by_row[row].remove(record)
                    self.quarantine(row, record["column"], record["raw"], "part_above_whole", **params)

    def _resolve_duplicates(self, records_by_row: dict[int, list[dict]]) -> None:
        """Values for the same village, year and metric: all equal -> kept once; any different ->
        every one of them quarantined, with all the values listed."""
        groups: dict[tuple, list[tuple[int, dict]]] = {}
        for number in sorted(records_by_row):
            for record in records_by_row[number]:
                groups.setdefault((record["village_code"], record["year"], record["metric"]), []).append(
                    (number, record)
                )
        duplicates: dict[int, set[int]] = {}
        for key, entries in groups.items():
            if len(entries) == 1:
                continue
            readings = {(r["low"], r["high"], r["qualifier"], r["unit"]) for _, r in entries}
            if len(readings) > 1:
                listing = [(number, record["raw"]) for number, record in entries]
                for number, record in entries:
                    records_by_row[number].remove(record)
                    self.quarantine(
                        number,
                        record["column"],
                        record["raw"],
                        "conflict",
                        village=self.gazetteer.describe(key[0]),
                        year=key[1],
                        metric=key[2],
                        values=listing,
                        listing=", ".join(f"row {n} says {raw!r}" for n, raw in listing),
                    )
                continue
            original = entries[0][0]
            for number, record in entries[1:]:
                records_by_row[number].remove(record)
                duplicates.setdefault(number, set()).add(original)
        for number, originals in sorted(duplicates.items()):
            listed = ", ".join(map(str, sorted(originals)))
            if records_by_row[number] or number in self.result.quarantined_rows:
                self.warn("duplicate_values", row=number, original=listed)
            else:
                records_by_row.pop(number)
                self.duplicate_rows.add(number)
                self.skip(number, "identical_duplicate", original=listed)
                self.warn("duplicate_row", row=number, original=listed)

    def _count_clean(self, data) -> None:
        self.result.rows_clean = sum(
            1 for row, _ in data if row + 1 not in self.result.quarantined_rows and row + 1 not in self.duplicate_rows
        )

    def _check_totals(self, totals, data, values: list[_ValueColumn]) -> None:
        if not totals:
            return
        records = pd.DataFrame(self.result.records)
        rows_of_data = [row + 1 for row, _ in data]
        previous_total = 0
        year_col = self.index["year"]
        for number, label in totals:
            block_start = previous_total if label.startswith(BLOCK_TOTAL_WORDS) else 0
            in_block = [n for n in rows_of_data if block_start < n < number]
            previous_total = number
            quarantined = len([n for n in in_block if n in self.result.quarantined_rows])
            total_year = _year_of(self.texts[number - 1][year_col]) if year_col is not None else None
            for value in values:
                raw = self.texts[number - 1][value.index]
                stated = parse_amounts(pd.Series([self.sheet.rows[number - 1][value.index]], dtype=object)).iloc[0]
                if stated["qualifier"] != "exact":
                    continue
                factor = 1.0
                if takes_column_unit(stated["flags"]) and self.kinds.get(value.metric) != "count":
                    factor = value.column.factor or self.sheet_factor or 1.0
                total = stated["low"] * factor
                year = value.column.year or total_year or self.sheet_year
                chosen = pd.DataFrame()
                if not records.empty:
                    chosen = records[records["row"].isin(in_block) & (records["metric"] == value.metric)]
                    if year is not None:
                        chosen = chosen[chosen["year"] == year]
                block_sum = float(point_values(chosen["low"], chosen["high"]).sum()) if len(chosen) else 0.0
                tolerance = max(1.0, 1e-4 * abs(total))
                if abs(total - block_sum) <= tolerance:
                    continue
                cells = [
                    ((r.row, r.raw), point) for r in chosen.itertuples() if (point := _point(r._asdict())) is not None
                ]
                causes = [
                    {
                        "where": f"row {row} ({cell_raw})",
                        "where_zh": f"第 {row} 行（{cell_raw}）",
                        "as": _money(rescaled),
                    }
                    for (row, cell_raw), rescaled in plausibility.explain_total(total, block_sum, cells, tolerance)
                ]
                self.warn(
                    "total_mismatch",
                    row=number,
                    label=label,
                    header=value.column.header,
                    raw=raw,
                    total=_money(total),
                    sum=_money(block_sum),
                    quarantined=quarantined,
                    causes=causes,
                )


def _point(record: dict) -> float | None:
    """The point reading of a record, as `point_values`: midpoint, or the known bound."""
    low, high = (None if v is None or v != v else v for v in (record["low"], record["high"]))
    if low is not None and high is not None:
        return (low + high) / 2
    return low if low is not None else high


def file_sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@collector_paused
def read_ledger(
    path,
    gazetteer: Gazetteer | None = None,
    headers=None,
    label: str | None = None,
    reference: dict[str, list[float]] | None = None,
    accept_outliers: bool = False,
) -> LedgerResult:
    """Read, tidy and check one ledger file. Raises UnreadableFile if it is not a spreadsheet
    or no sheet has a header row. `headers`: a CSV (header, field) extending the mapping;
    `label`: the name to report the file by (an uploaded file's own name); `reference`: metric ->
    values already in the store, for the scale check; `accept_outliers`: keep values far from
    their column's scale (with a warning) instead of quarantining them."""
    path = Path(path)
    try:
        mapping = header_map(str(headers) if headers else None)
    except (OSError, ValueError) as error:
        raise UnreadableFile(f"{headers}: cannot use this header mapping ({error})") from None
    sheets = read_sheets(path)
    gazetteer = gazetteer or load_gazetteer()
    kinds = metric_kinds()
    source_id = f"ledger:{Path(label).name if label else path.name}"
    readers = [
        _SheetReader(sheet, source_id, gazetteer, kinds, mapping, reference or {}, accept_outliers) for sheet in sheets
    ]
    results = [reader.read() for reader in readers]
    warnings = [w for r in results for w in r.warnings]
    if not any(r.header_found for r in results):
        reasons = "; ".join(warning_sentence(w, "en") for w in warnings) or "no content"
        raise UnreadableFile(f"{path}: no sheet has a header row with a village column ({reasons})")
    for sheet in sheets:
        if sheet.encoding and sheet.encoding not in ("utf-8", "utf-8-sig"):
            warnings.insert(
                0, {"sheet": sheet.name, "code": "read_as_encoding", "params": {"encoding": sheet.encoding.upper()}}
            )

    report = _ledger_report(path, label, results, warnings)
    records = pd.DataFrame([rec for r in results for rec in r.records])
    if not records.empty:
        records["value"] = point_values(records["low"], records["high"])
    flags = pd.DataFrame(
        [f for r in results for f in r.flags],
        columns=["village_code", "aspect", "year", "name_as_published", "sheet", "row"],
    )
    flags = flags.drop_duplicates(["village_code", "aspect", "year"])
    coverage = pd.DataFrame([c for r in results for c in r.flag_coverage], columns=["village_code", "year"])
    quarantine_frame = pd.DataFrame(
        [{**q, "params": q["params"]} for q in report["quarantine"]],
        columns=["sheet", "row", "column", "value", "reason", "code", "params"],
    )
    return LedgerResult(report, records, quarantine_frame, flags, coverage.drop_duplicates())


def _ledger_report(path: Path, label: str | None, results: list, warnings: list[dict]) -> dict:
    """The report of a ledger read sheet by sheet: counts (checked to add up: every row read is
    clean, quarantined or skipped), quarantined cells, skipped rows, warnings, ignored columns."""
    skipped = [s for r in results for s in r.skipped]
    rows_read = sum(r.rows_read for r in results)
    rows_clean = sum(r.rows_clean for r in results)
    rows_quarantined = sum(len(r.quarantined_rows) for r in results)
    if rows_read != rows_clean + rows_quarantined + len(skipped):
        raise AccountingError(
            f"{path}: {rows_read} rows read but {rows_clean} clean + {rows_quarantined} "
            f"quarantined + {len(skipped)} skipped"
        )
    return {
        "file": label or str(path),
        "sha256": file_sha256(path),
        "rows_read": rows_read,
        "rows_clean": rows_clean,
        "rows_quarantined": rows_quarantined,
        "rows_skipped": len(skipped),
        "cells_quarantined": sum(r.cells_quarantined for r in results),
        "quarantine": [q for r in results for q in r.quarantine],
        "skipped": skipped,
        "warnings": [warning_sentence(w, "en") for w in warnings],
        "warning_codes": warnings,
        "ignored_columns": [c for r in results for c in r.ignored_columns],
    }
