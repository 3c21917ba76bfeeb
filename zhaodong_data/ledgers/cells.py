"""From a sheet's data rows (as its layout names them) to one record per value cell.

A row whose village or year cannot be read is quarantined whole; an unreadable value quarantines
that cell only. Nothing here compares rows with each other (that is `checks.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..gazetteer import Gazetteer
from ..parsing import parse_amounts, takes_column_unit
from . import plausibility
from .headers import aspects_of
from .layout import SheetLayout, ValueColumn, is_year_span, year_of
from .limits import MAX_VALUE_CELLS, check_budget
from .read import FORMULA_WITHOUT_VALUE, Sheet, UnreadableFile
from .reasons import KIND_ZH, amount_text
from .sheet_log import SheetLog

FIRST_YEAR, LAST_YEAR = 1949, 2100


def money_text(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


@dataclass
class ParsedColumn:
    """A value column with its cells parsed: parse_amounts' columns as lists, one entry per data row."""

    column: ValueColumn
    parsed: dict
    unit_warned: bool = False  # "gives no unit" said once per column

    @property
    def index(self) -> int:
        return self.column.index

    @property
    def header(self) -> str:
        return self.column.column.header

    @property
    def metric(self) -> str:
        return self.column.metric

    @property
    def factor(self) -> float | None:
        return self.column.column.factor


def month_groups(values: list[ParsedColumn]) -> list[list[ParsedColumn]]:
    """The month columns of each metric and year, in month order (the layout admits only whole years)."""
    groups: dict[tuple, list[ParsedColumn]] = {}
    for value in values:
        if value.column.column.month is not None:
            groups.setdefault((value.metric, value.column.column.year), []).append(value)
    return [sorted(group, key=lambda v: v.column.column.month or 0) for group in groups.values()]


def why_ignored(frame: pd.DataFrame) -> str | None:
    """Why a column the header mapping does not know, and whose header says money (the layout
    lists the others), is not read: most of its cells are not amounts. None to read it."""
    present = frame[frame["qualifier"] != "missing"]
    money = present["qualifier"].ne("invalid") & present["count_of"].isna() & present["unit"].ne("mu")
    if len(present) and money.mean() <= 0.5:
        return "not_money_cells"
    return None


class CellReader:
    def __init__(
        self,
        sheet: Sheet,
        texts: list[list[str]],
        layout: SheetLayout,
        log: SheetLog,
        gazetteer: Gazetteer,
        kinds: dict[str, str],
        source_id: str,
    ):
        self.sheet, self.texts, self.layout, self.log = sheet, texts, layout, log
        self.gazetteer, self.kinds, self.source_id = gazetteer, kinds, source_id
        self.village_codes = set(gazetteer.villages["code"])
        self._matches: dict[tuple[str, str], object] = {}

    def match(self, village: str, town: str):
        key = (village, town)
        if key not in self._matches:
            self._matches[key] = self.gazetteer.match_village(village, town=town or None)
        return self._matches[key]

    def parse_columns(self) -> list[ParsedColumn]:
        """Parse each value column; an unknown column is read only if its header and cells say money.
        A sheet of more value cells than MAX_VALUE_CELLS is refused before any is parsed."""
        cells = len(self.layout.data_rows) * len(self.layout.value_columns)
        if cells > MAX_VALUE_CELLS:
            raise UnreadableFile(
                f"{self.source_id.removeprefix('ledger:')}, sheet {self.sheet.name!r}: "
                f"{len(self.layout.data_rows):,} rows × {len(self.layout.value_columns)} "
                f"value columns = {cells:,} values (a ledger has at most {MAX_VALUE_CELLS:,})"
            )
        values = []
        for value in self.layout.value_columns:
            cells = pd.Series([self.sheet.rows[row][value.index] for row, _ in self.layout.data_rows], dtype=object)
            frame = parse_amounts(cells.map(lambda v: None if v is FORMULA_WITHOUT_VALUE else v))
            if value.column.extra:
                reason = why_ignored(frame)
                if reason:
                    self.log.ignore_column(value.column.header, reason)
                    continue
            values.append(ParsedColumn(value, {name: frame[name].tolist() for name in frame.columns}))
        return values

    def read_rows(self, values: list[ParsedColumn]) -> dict[int, list[dict]]:
        """Row number -> the records of its value cells (rows quarantined whole are left out)."""
        records_by_row: dict[int, list[dict]] = {}
        for position, (row, town) in enumerate(self.layout.data_rows):
            if position & 0x3FFF == 0:
                check_budget()
            key = self._row_key(row, town, values, position)
            if key is None:
                continue
            code, row_year = key
            records = [
                record
                for value in values
                if value.column.column.month is None
                and (record := self._cell_record(row, position, value, code, row_year)) is not None
            ]
            for group in month_groups(values):
                record = self._year_of_months(row, position, group, code, row_year)
                if record is not None:
                    records.append(record)
            records_by_row[row + 1] = records
        return records_by_row

    def _year_of_months(self, row: int, position: int, group: list[ParsedColumn], code: str, row_year):
        """One record of a year from a row's twelve month cells, or None: all blank, or the
        year's value quarantined because a month is missing or not exact."""
        blank = [v for v in group if v.parsed["qualifier"][position] == "missing"]
        if len(blank) == len(group):
            return None
        records = [self._cell_record(row, position, value, code, row_year) for value in group]
        label = f"{group[0].header} … {group[-1].header}"
        missing = [v.column.column.month for v, r in zip(group, records) if r is None]
        inexact = [v.column.column.month for v, r in zip(group, records) if r is not None and r["qualifier"] != "exact"]
        if missing or inexact:
            # a month quarantined for its own reason already lost its value; the year is lost too
            self.log.quarantine(
                row + 1,
                label,
                "",
                "months_not_summed",
                cells=1 if len(blank) == len(missing) else 0,
                missing=", ".join(map(str, missing)) or "-",
                inexact=", ".join(map(str, inexact)) or "-",
            )
            return None
        total = float(sum(r["low"] for r in records if r is not None))
        first = records[0]
        assert first is not None
        self.log.months_summed += 1
        return first | {"low": total, "high": total, "raw": " + ".join(r["raw"] for r in records if r), "column": label}

    # --- a row's keys ------------------------------------------------------------------------
    def _present_cells(self, row: int, values: list[ParsedColumn], position: int) -> int:
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
        year_col = self.layout.index["year"]
        if year_col is not None:
            row_year = year_of(cells[year_col])
            if row_year is None or not FIRST_YEAR <= row_year <= LAST_YEAR:
                code = "year_span" if is_year_span(cells[year_col]) else "not_a_year"
                self.log.quarantine(row + 1, self.layout.header_of("year"), cells[year_col], code, lost)
                return None
        if self.layout.index["red_flag"] is not None and not self._read_flags(row, code, row_year, lost):
            return None
        return code, row_year

    def _row_village(self, row: int, town: str, lost: int) -> str | None:
        """The row's village code (from a code column, else its name in its town), or None with
        the row quarantined: an unknown code, no name, a name not found or ambiguous."""
        cells, number = self.texts[row], row + 1
        village_col, code_col = self.layout.index["village"], self.layout.index["code"]
        if code_col is not None and cells[code_col]:
            if cells[code_col] in self.village_codes:
                return cells[code_col]
            self.log.quarantine(number, self.layout.header_of("code"), cells[code_col], "not_a_village_code", lost)
            return None
        village = cells[village_col] if village_col is not None else ""
        if not village:
            self.log.quarantine(number, "", "", "no_village_name", lost)
            return None
        match = self.match(village, town)
        if match.ok:
            return match.code
        town_unknown = match.status == "unknown" and match.message.startswith("town ")
        self.log.quarantine(
            number,
            self.layout.header_of("village"),
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
        index = self.layout.index
        flag_col, village_col, code_col = index["red_flag"], index["village"], index["code"]
        assert flag_col is not None  # called for a sheet with a red-flag column
        aspects, unknown = aspects_of(cells[flag_col])
        if unknown:
            header = self.layout.header_of("red_flag")
            self.log.quarantine(number, header, cells[flag_col], "not_an_aspect", lost, words=", ".join(unknown))
            return False
        # a flag column with no year column needs the sheet's year (flag_column_no_year refuses otherwise)
        assert row_year is not None or self.layout.sheet_year is not None
        year = int(row_year or self.layout.sheet_year)  # type: ignore[arg-type]
        village = cells[village_col] if village_col is not None else ""
        self.log.flag_coverage.append((code, year))
        self.log.flags.extend(
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

    # --- a value cell ------------------------------------------------------------------------
    def _cell_record(self, row: int, position: int, value: ParsedColumn, code: str, row_year):
        """The record of one value cell, or None (missing, or quarantined with its reason)."""
        number = row + 1
        header = value.header
        raw = self.texts[row][value.index]
        if self.sheet.rows[row][value.index] is FORMULA_WITHOUT_VALUE:
            self.log.quarantine(number, header, raw, "formula_without_value")
            return None
        qualifier = value.parsed["qualifier"][position]
        if qualifier == "missing":
            return None
        amount = {name: column[position] for name, column in value.parsed.items()}
        if qualifier == "invalid":
            if amount["reason"].startswith("a spreadsheet formula"):
                self.log.quarantine(number, header, raw, "formula")
            else:
                self.log.quarantine(number, header, raw, "not_a_figure", reason=amount["reason"])
            return None
        reading = (amount["low"], amount["high"], amount["unit"])
        if self.kinds.get(value.metric, "money") == "money":
            reading = self._money_reading(number, value, amount, raw)
            if reading is None:
                return None
        low, high, unit = reading
        year = value.column.column.year or row_year or self.layout.sheet_year
        assert year is not None  # a value column without a year of its own is refused (column_no_year)
        return {
            "village_code": code,
            "year": int(year),
            "metric": value.metric,
            "low": low,
            "high": high,
            "qualifier": qualifier,
            "unit": unit,
            "period": amount["period"] or value.column.column.period,
            "source_id": self.source_id,
            "raw": raw,
            "sheet": self.sheet.name,
            "row": number,
            "column": header,
        }

    def _money_reading(self, number: int, value: ParsedColumn, amount: dict, raw: str):
        """(low, high, unit) of a cell in a money column, in yuan: a bare number takes its column's
        (or the sheet's) 万; None, the cell quarantined, for a count or an area, 万 mistranslated as
        million, or a value beyond any village figure."""
        header = value.header
        low, high, unit = amount["low"], amount["high"], amount["unit"]
        flags = amount["flags"].split(";") if amount["flags"] else []
        if unit not in (None, "CNY") or amount["count_of"]:
            what = amount["count_of"] or unit
            self.log.quarantine(number, header, raw, "wrong_kind", kind=what, kind_zh=KIND_ZH.get(what, what))
            return None
        if "wan_as_million" in flags:
            self.log.quarantine(
                number, header, raw, "wan_as_million", raw=raw, value=money_text(low), number=money_text(low / 1e6)
            )
            return None
        factor = None
        if takes_column_unit(flags):
            factor = value.factor or self.layout.sheet_factor
            if factor is None:
                factor = 1.0
                if not value.unit_warned:
                    value.unit_warned = True
                    self.log.warn("column_no_unit", header=header)
            low = None if low is None else low * factor
            high = None if high is None else high * factor
        bad = next((v for v in (low, high) if plausibility.is_absurd(v)), None)
        if bad is not None:
            # Too large for a float once scaled (1e308 in a 万元 column): shown as the cell times its scale.
            shown = money_text(bad) if np.isfinite(bad) else f"{raw} × {money_text(factor or 1.0)}"
            limit = amount_text(plausibility.MAX_ABS_YUAN)
            self.log.quarantine(number, header, raw, "absurd", value=shown, limit=limit)
            return None
        return low, high, "CNY"
