"""From a sheet's data rows (as its layout names them) to one record per value cell.

A row whose village or year cannot be read is quarantined whole; an unreadable value quarantines
that cell only. Nothing here compares rows with each other (that is `checks.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from ..gazetteer import Gazetteer
from ..i18n import format_amount
from ..i18n.catalog.ledger import KIND_ZH
from ..parsing import parse_amounts, takes_column_unit
from . import plausibility
from .headers import aspects_of
from .layout import SheetLayout, ValueColumn, is_year_span, year_of
from .limits import MAX_VALUE_CELLS, check_budget
from .read import FORMULA_WITHOUT_VALUE, Sheet, UnreadableFile
from .sheet_log import SheetLog

FIRST_YEAR, LAST_YEAR = 1949, 2100


@dataclass
class ParsedColumn:
    """A value column with its cells parsed: parse_amounts' columns as arrays, one entry per data
    row, and which cells are formulas without a computed value."""

    column: ValueColumn
    parsed: dict[str, np.ndarray]
    formula: np.ndarray  # bool per data row: a formula the file holds no value of

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
        self._row_index = np.asarray([row for row, _ in layout.data_rows], dtype=int)
        self._numbers = self._row_index + 1  # spreadsheet rows, 1-based
        # what read_rows quarantines, replayed to the log in cell order: (position, seq, method, args, params)
        self._events: list[tuple] = []
        self._position = 0  # the data row whose keys are being read

    def match(self, village: str, town: str):
        key = (village, town)
        if key not in self._matches:
            self._matches[key] = self.gazetteer.match_village(village, town=town or None)
        return self._matches[key]

    def parse_columns(self) -> list[ParsedColumn]:
        """Parse each value column; an unknown column is read only if its header and cells say money.
        A sheet of more values (cells not empty) than MAX_VALUE_CELLS is refused before any is parsed."""
        sheet_rows = self.sheet.rows
        indices = [value.index for value in self.layout.value_columns]
        cells = _count_values(sheet_rows, [row for row, _ in self.layout.data_rows], indices)
        if cells > MAX_VALUE_CELLS:
            raise UnreadableFile(
                f"{self.source_id.removeprefix('ledger:')}, sheet {self.sheet.name!r}: "
                f"{len(self.layout.data_rows):,} rows × {len(self.layout.value_columns)} "
                f"value columns hold {cells:,} values (a ledger has at most {MAX_VALUE_CELLS:,})"
            )
        values = []
        for value in self.layout.value_columns:
            column = [self.sheet.rows[row][value.index] for row, _ in self.layout.data_rows]
            formula = np.fromiter((v is FORMULA_WITHOUT_VALUE for v in column), dtype=bool, count=len(column))
            if formula.any():
                column = [None if v is FORMULA_WITHOUT_VALUE else v for v in column]
            frame = parse_amounts(column)
            if value.column.extra:
                reason = why_ignored(frame)
                if reason:
                    self.log.ignore_column(value.column.header, reason)
                    continue
            values.append(ParsedColumn(value, {name: frame[name].to_numpy() for name in frame.columns}, formula))
        return values

    def read_rows(self, values: list[ParsedColumn]) -> pd.DataFrame:
        """The records of the value cells of every row whose village and year are read (the
        others quarantined whole), in row order and, within a row, in column order (a year of
        months after the other cells). Each column is read as arrays; what is quarantined is
        written to the log in the order of the cells."""
        rows, codes, years = self._row_keys(values)
        ordinary = [v for v in values if v.column.column.month is None]
        pieces = []
        for seq, value in enumerate(ordinary):
            cells = self._column_cells(value, float(seq), rows, codes, years)
            pieces.append(_piece(cells, float(seq)))
        next_seq = float(len(ordinary))
        for group in month_groups(values):
            pieces.append(self._year_of_months(group, next_seq, rows, codes, years))
            next_seq += len(group) + 1
        self._replay()
        return records_frame(pieces)

    def _replay(self) -> None:
        """The quarantined cells and rows, and the columns without a unit, written to the log in
        the order of the cells (row by row, a row's cells left to right)."""
        self._events.sort(key=lambda event: (event[0], event[1]))
        for _, _, method, args, params in self._events:
            getattr(self.log, method)(*args, **params)
        self._events = []

    def _defer(self, position: int, seq: float, method: str, *args, **params) -> None:
        self._events.append((position, seq, method, args, params))

    def _row_keys(self, values: list[ParsedColumn]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(positions of the rows whose keys are read, their village codes, their years (None
        without a year column)); the others quarantined whole, each with the values it loses."""
        lost = np.zeros(len(self.layout.data_rows), dtype=int)
        for value in values:
            lost += (value.parsed["qualifier"] != "missing") | value.formula
        lost_cells = lost.tolist()
        rows, codes, years = [], [], []
        for position, (row, town) in enumerate(self.layout.data_rows):
            if position & 0x3FFF == 0:
                check_budget("rows", position, len(self.layout.data_rows))
            self._position = position
            key = self._row_key(row, town, lost_cells[position])
            if key is not None:
                rows.append(position)
                codes.append(key[0])
                years.append(key[1])
        return np.asarray(rows, dtype=int), np.asarray(codes, dtype=object), np.asarray(years, dtype=object)

    def _quarantine(self, *args, **params) -> None:
        """A row quarantined whole while its keys are read: before any of its cells."""
        self._defer(self._position, -1.0, "quarantine", *args, **params)

    def _row_key(self, row: int, town: str, lost: int):
        """(village code, year of the row) or None, the row then quarantined whole (with the
        `lost` values it held); reads its flags."""
        cells = self.texts[row]
        code = self._row_village(row, town, lost)
        if code is None:
            return None
        row_year = None
        year_col = self.layout.index["year"]
        if year_col is not None:
            row_year = year_of(cells[year_col])
            if row_year is None or not FIRST_YEAR <= row_year <= LAST_YEAR:
                code = "year_span" if is_year_span(cells[year_col]) else "not_a_year"
                self._quarantine(row + 1, self.layout.header_of("year"), cells[year_col], code, lost)
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
            self._quarantine(number, self.layout.header_of("code"), cells[code_col], "not_a_village_code", lost)
            return None
        village = cells[village_col] if village_col is not None else ""
        if not village:
            self._quarantine(number, "", "", "no_village_name", lost)
            return None
        match = self.match(village, town)
        if match.ok:
            return match.code
        town_unknown = match.status == "unknown" and match.message.startswith("town ")
        self._quarantine(
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
            self._quarantine(number, header, cells[flag_col], "not_an_aspect", lost, words=", ".join(unknown))
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

    # --- a column's cells --------------------------------------------------------------------
    def _column_cells(self, value: ParsedColumn, seq: float, rows, codes, years) -> dict:
        """The readings of one column at data-row positions `rows` (whose keys are `codes` and
        `years`): arrays over `rows`, with `kept` saying which cells make a record (the others
        missing, or quarantined with their reason)."""
        parsed, header = value.parsed, value.header
        numbers = self._numbers[rows]
        raws = np.asarray([self.texts[row][value.index] for row in self._row_index[rows].tolist()], dtype=object)
        qualifier = parsed["qualifier"][rows]
        formula = value.formula[rows]
        for i in np.flatnonzero(formula).tolist():
            self._defer(int(rows[i]), seq, "quarantine", int(numbers[i]), header, raws[i], "formula_without_value")
        invalid = ~formula & (qualifier == "invalid")
        for i in np.flatnonzero(invalid).tolist():
            reason = parsed["reason"][rows[i]]
            args = (int(numbers[i]), header, raws[i])
            code = getattr(reason, "code", None)
            if code == "formula":
                self._defer(int(rows[i]), seq, "quarantine", *args, "formula")
            else:  # the parser's reason with its code, so that a page writes it in its language
                coded = dict(reason_code=code, reason_params=reason.params) if code else {}
                self._defer(int(rows[i]), seq, "quarantine", *args, "not_a_figure", reason=reason, **coded)
        cells: dict[str, Any] = {
            "kept": ~formula & ~invalid & (qualifier != "missing"),
            "low": parsed["low"][rows].astype(float),
            "high": parsed["high"][rows].astype(float),
            "unit": parsed["unit"][rows],
            "qualifier": qualifier,
            "raw": raws,
            "numbers": numbers,
            "rows": rows,
        }
        if self.kinds.get(value.metric, "money") == "money":
            self._money_cells(value, seq, cells)
        year = value.column.column.year or None
        if year is None:
            years = np.where(pd.isna(years), self.layout.sheet_year, years)
        period = parsed["period"][rows]
        own_period = np.fromiter((bool(p) for p in period), dtype=bool, count=len(period))
        cells.update(
            village_code=codes,
            year=np.full(len(rows), year, dtype=object) if year is not None else years,
            period=np.where(own_period, period, value.column.column.period),
            metric=value.metric,
            column=header,
            source_id=self.source_id,
            sheet=self.sheet.name,
        )
        return cells

    def _money_cells(self, value: ParsedColumn, seq: float, cells: dict) -> None:
        """A money column's cells in yuan: a bare number takes its column's (or the sheet's) 万;
        a count or an area, 万 mistranslated as million, or a value beyond any village figure is
        quarantined (`kept` cleared)."""
        header, parsed, rows, kept = value.header, value.parsed, cells["rows"], cells["kept"]
        unit = pd.Series(cells["unit"], dtype=object)
        count_of = pd.Series(parsed["count_of"][rows], dtype=object)
        wrong = kept & ((unit.notna() & unit.ne("CNY")) | (count_of.notna() & count_of.ne(""))).to_numpy()
        for i in np.flatnonzero(wrong).tolist():
            what = str(count_of.iat[i] or unit.iat[i])
            args = (int(cells["numbers"][i]), header, cells["raw"][i], "wrong_kind")
            self._defer(int(rows[i]), seq, "quarantine", *args, kind=what, kind_zh=KIND_ZH.get(what, what))
        kept &= ~wrong
        # each distinct set of flags read once
        codes, distinct = pd.factorize(pd.Series(parsed["flags"][rows], dtype=object).fillna(""))
        readings = [text.split(";") if text else [] for text in distinct.tolist()]
        million = kept & np.asarray(["wan_as_million" in f for f in readings], dtype=bool)[codes]
        low, high = cells["low"], cells["high"]
        for i in np.flatnonzero(million).tolist():
            raw = cells["raw"][i]
            args = (int(cells["numbers"][i]), header, raw, "wan_as_million")
            shown = dict(
                raw=raw,
                value=format_amount(low[i], money=False, exact=True),
                number=format_amount(low[i] / 1e6, money=False, exact=True),
            )
            self._defer(int(rows[i]), seq, "quarantine", *args, **shown)
        kept &= ~million
        scaled = kept & np.asarray([takes_column_unit(f) for f in readings], dtype=bool)[codes]
        factor = value.factor or self.layout.sheet_factor
        if scaled.any():
            if factor is None:
                factor = 1.0
                first = int(np.flatnonzero(scaled)[0])
                self._defer(int(rows[first]), seq, "warn", "column_no_unit", header=header)
            with np.errstate(over="ignore", invalid="ignore"):
                low[scaled] *= factor
                high[scaled] *= factor
        absurd_low, absurd_high = plausibility.absurd(low), plausibility.absurd(high)
        absurd = kept & (absurd_low | absurd_high)
        for i in np.flatnonzero(absurd).tolist():
            bad = low[i] if absurd_low[i] else high[i]
            # Too large for a float once scaled (1e308 in a 万元 column): shown as the cell times its scale.
            scale = factor if scaled[i] and factor is not None else 1.0
            text = (
                format_amount(bad, money=False, exact=True)
                if np.isfinite(bad)
                else f"{cells['raw'][i]} × {format_amount(scale, money=False, exact=True)}"
            )
            args = (int(cells["numbers"][i]), header, cells["raw"][i], "absurd")
            self._defer(
                int(rows[i]),
                seq,
                "quarantine",
                *args,
                value=text,
                limit=format_amount(plausibility.MAX_ABS_YUAN, money=False),
            )
        kept &= ~absurd
        cells["unit"] = np.full(len(rows), "CNY", dtype=object)

    def _year_of_months(self, group: list[ParsedColumn], seq: float, rows, codes, years) -> dict[str, np.ndarray]:
        """One record of a year per row from its twelve month cells; none where all are blank,
        and the year's value quarantined where a month is missing or not exact."""
        blank = sum((v.parsed["qualifier"][rows] == "missing").astype(int) for v in group)
        active = blank < len(group)
        rows, codes, years, blank = rows[active], codes[active], years[active], blank[active]
        months = [self._column_cells(v, seq + i, rows, codes, years) for i, v in enumerate(group)]
        kept = np.column_stack([m["kept"] for m in months])
        exact = np.column_stack([m["qualifier"] == "exact" for m in months])
        label = f"{group[0].header} … {group[-1].header}"
        whole = kept.all(axis=1) & exact.all(axis=1)
        for i in np.flatnonzero(~whole).tolist():
            # a month quarantined for its own reason already lost its value; the year is lost too
            missing = [v.column.column.month for v, k in zip(group, kept[i]) if not k]
            inexact = [v.column.column.month for v, k, e in zip(group, kept[i], exact[i]) if k and not e]
            self._defer(
                int(rows[i]),
                seq + len(group),
                "quarantine",
                int(months[0]["numbers"][i]),
                label,
                "",
                "months_not_summed",
                cells=1 if blank[i] == len(missing) else 0,
                missing=", ".join(map(str, missing)) or "-",
                inexact=", ".join(map(str, inexact)) or "-",
            )
        first = dict(months[0], kept=whole, column=label)
        if whole.any():
            total = np.sum([np.where(whole, m["low"], 0.0) for m in months], axis=0)
            first.update(low=total, high=total.copy())
            first["raw"] = np.asarray([" + ".join(parts) for parts in zip(*(m["raw"] for m in months))], dtype=object)
            self.log.months_summed += int(whole.sum())
        return _piece(first, seq)


RECORD_COLUMNS = (
    "village_code",
    "year",
    "metric",
    "low",
    "high",
    "qualifier",
    "unit",
    "period",
    "source_id",
    "raw",
    "sheet",
    "row",
    "column",
)


def empty_records() -> pd.DataFrame:
    """Records of no cell, with the columns (and the `_pos`, `_seq` order) of any other."""
    return pd.DataFrame(
        {
            **{name: pd.Series(dtype=object) for name in RECORD_COLUMNS},
            "year": pd.Series(dtype="int64"),
            "low": pd.Series(dtype=float),
            "high": pd.Series(dtype=float),
            "row": pd.Series(dtype="int64"),
            "_pos": pd.Series(dtype="int64"),
            "_seq": pd.Series(dtype=float),
        }
    )


def _piece(cells: dict, seq: float) -> dict:
    """The columns of the records a column's kept cells make (see `_column_cells`): arrays, and
    the values every record of the column shares as themselves."""
    kept = cells["kept"]
    count = int(kept.sum())
    return {
        "village_code": cells["village_code"][kept],
        "year": cells["year"][kept].astype("int64"),
        "metric": cells["metric"],
        "low": cells["low"][kept],
        "high": cells["high"][kept],
        "qualifier": cells["qualifier"][kept],
        "unit": cells["unit"][kept],
        "period": cells["period"][kept],
        "source_id": cells["source_id"],
        "raw": cells["raw"][kept],
        "sheet": cells["sheet"],
        "row": cells["numbers"][kept].astype("int64"),
        "column": cells["column"],
        "_pos": cells["rows"][kept].astype("int64"),
        "_seq": np.full(count, seq),
    }


def _count_values(rows: list, data_rows: list[int], indices: list[int]) -> int:
    """The cells not empty (None) at `indices` of the rows `data_rows`: each row's value cells taken
    as one tuple and its Nones counted in C (a generator over every cell took 0.1 s a 100,000 rows)."""
    if len(indices) < 2:
        return sum(rows[row][indices[0]] is not None for row in data_rows) if indices else 0
    values = itemgetter(*indices)
    return len(data_rows) * len(indices) - sum(values(rows[row]).count(None) for row in data_rows)


def records_frame(pieces: list[dict]) -> pd.DataFrame:
    """One frame of the records of every column, in row order and, within a row, in column order."""
    pieces = [piece for piece in pieces if len(piece["_pos"])]
    if not pieces:
        return empty_records()
    order = np.lexsort((np.concatenate([p["_seq"] for p in pieces]), np.concatenate([p["_pos"] for p in pieces])))
    frame: dict[str, np.ndarray | pd.Series] = {}
    for name in list(pieces[0]):
        parts = [piece.pop(name) for piece in pieces]  # each column's parts freed once it is made
        if isinstance(parts[0], np.ndarray) and parts[0].dtype != object:
            frame[name] = np.concatenate(parts)[order]
        else:
            frame[name] = _text_column(parts, [len(p["_pos"]) for p in pieces], order)
    return pd.DataFrame(frame)


def _text_column(parts: list, counts: list[int], order: np.ndarray) -> pd.Series:
    """A text column as pandas would infer it from the records (`str`; all None: object), each
    part an array or one value for all its records, converted by pyarrow (several times faster
    than pandas' inference)."""
    if all(isinstance(part, str) for part in parts):
        # a column's one value (metric, sheet, column, source) for each of its records: categories
        # while the sheet is checked (a conflict-heavy sheet's 250,000 records held 27 MB of copies
        # of a few names); `shared_texts_as_strings` gives them back the records' text type
        names = list(dict.fromkeys(parts))
        position = {name: i for i, name in enumerate(names)}
        codes = np.repeat(np.asarray([position[part] for part in parts], dtype=np.int32), counts)[order]
        return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(names, dtype=object)))
    arrays = all(isinstance(part, np.ndarray) for part in parts)
    if arrays:
        values = np.concatenate(parts)[order]
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        if 0 < len(uniques) * 4 <= len(values) and all(type(text) is str for text in uniques.tolist()):
            # few texts over many records (village codes, 万元): categories too, as above
            return pd.Series(pd.Categorical.from_codes(codes, categories=uniques.astype(object)))
    try:
        if arrays:
            # a cell's own text (raw, village): put in order as pointers, converted once (one copy, not three)
            text = pa.array(values, type=pa.large_string())
        else:  # a column's one value (metric, sheet, column) repeated: short texts, cheap to copy
            chunks = [
                pa.array(part, type=pa.large_string()) if isinstance(part, np.ndarray) else pa.repeat(part, count)
                for part, count in zip(parts, counts)
            ]
            text = pa.concat_arrays([chunk.cast(pa.large_string()) for chunk in chunks]).take(pa.array(order))
    except (pa.ArrowTypeError, pa.ArrowInvalid):  # not all text (never in a ledger's records): pandas decides
        values = np.concatenate(
            [p if isinstance(p, np.ndarray) else np.full(n, p, dtype=object) for p, n in zip(parts, counts)]
        )
        return pd.Series(values[order])
    if text.null_count == len(text):
        return pd.Series(np.full(len(text), None, dtype=object), dtype=object)
    return pd.Series(text, dtype=TEXT)


TEXT = pd.StringDtype("pyarrow", na_value=np.nan)  # the records' text columns, as pandas infers them


def shared_texts_as_strings(records: pd.DataFrame) -> pd.DataFrame:
    """The records with the columns `records_frame` kept as categories back in the text type."""
    shared = [str(name) for name, dtype in records.dtypes.items() if isinstance(dtype, pd.CategoricalDtype)]
    if not shared:
        return records
    return records.assign(**{name: _categories_as_text(records[name]) for name in shared})


def _categories_as_text(column: pd.Series) -> pd.Series:
    """A column of text categories in the text type, taken by Arrow from its categories (pandas'
    astype goes through a Python object a cell: several times slower)."""
    codes = column.cat.codes.to_numpy()
    names = pa.array(column.cat.categories.to_numpy(dtype=object), type=pa.large_string())
    return pd.Series(names.take(pa.array(codes, mask=codes < 0)), dtype=TEXT, index=column.index)
