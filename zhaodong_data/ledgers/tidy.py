"""From a ledger's sheets to tidy village-year-metric rows, a quarantine and a report.

Every data row below a header ends up clean, quarantined (with a reason for each
problem) or skipped (blank, total, note, identical duplicate), and
rows_read = rows_clean + rows_quarantined + rows_skipped. Row numbers are the
spreadsheet's own, 1-based.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..gazetteer import Gazetteer, load_gazetteer
from ..metrics import metric_kinds
from ..parsing import parse_amounts, point_values, takes_column_unit
from ..parsing.numerals import fold
from .headers import (
    Column, aspects_of, cell_text, classify, combine, header_map, metric_in, unit_declaration, year_in,
)
from .read import Sheet, UnreadableFile, read_sheets

TOTAL_WORDS = ("总合计", "合计", "总计", "小计", "全乡", "全镇", "全市", "汇总", "total", "subtotal", "sum")
BLOCK_TOTAL_WORDS = ("小计", "全乡", "全镇", "subtotal")
NOTE_PREFIXES = ("注", "备注", "说明", "填表", "制表", "审核", "数据来源", "负责人", "联系", "note", "source")
HEADER_SEARCH_ROWS = 30
FIRST_YEAR, LAST_YEAR = 1949, 2100


@dataclass
class LedgerResult:
    report: dict
    records: pd.DataFrame
    quarantine: pd.DataFrame
    red_flags: pd.DataFrame  # flags read from a red-flag column (红旗类别), one row per village, year, aspect


@dataclass
class _SheetResult:
    records: list[dict] = field(default_factory=list)
    flags: list[dict] = field(default_factory=list)
    quarantine: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows_read: int = 0
    quarantined_rows: set = field(default_factory=set)
    header_found: bool = False


_TOTAL = re.compile(r"^\s*(?:" + "|".join(r"\s*".join(word) for word in TOTAL_WORDS) + r")", re.IGNORECASE)


def _is_total(text: str) -> bool:
    return bool(text) and _TOTAL.match(text) is not None


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
            second_header = (
                (key_cell in ("", texts[r][key]) or below[key].field in ("village", "code"))
                and any(c.is_value and (c.year is not None or not c.extra) for c in below)
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


def _year_of(text: str) -> int | None:
    match = re.fullmatch(r"((?:19|20)\d\d)\s*(?:年度|年)?(?:\.0)?", fold(text))
    return int(match.group(1)) if match else None


def _money(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


class _SheetReader:
    def __init__(self, sheet: Sheet, source_id: str, gazetteer: Gazetteer, kinds: dict[str, str],
                 mapping: dict[str, str]):
        self.sheet = sheet
        self.source_id = source_id
        self.gazetteer = gazetteer
        self.kinds = kinds
        self.mapping = mapping
        self.result = _SheetResult()
        self.texts = [[cell_text(value) for value in row] for row in sheet.rows]
        self._matches: dict[tuple[str, str], object] = {}
        self.village_codes = set(gazetteer.villages["code"])
        self.columns: list[Column] = []

    # --- helpers ---------------------------------------------------------------------------
    def quarantine(self, row: int, column: str, value, reason: str) -> None:
        self.result.quarantine.append({"sheet": self.sheet.name, "row": row, "column": column,
                                       "value": cell_text(value), "reason": reason})
        self.result.quarantined_rows.add(row)

    def skip(self, row: int, reason: str) -> None:
        self.result.skipped.append({"sheet": self.sheet.name, "row": row, "reason": reason})

    def warn(self, message: str) -> None:
        self.result.warnings.append(f"sheet {self.sheet.name!r}: {message}")

    def match(self, village: str, town: str):
        key = (village, town)
        if key not in self._matches:
            self._matches[key] = self.gazetteer.match_village(village, town=town or None)
        return self._matches[key]

    # --- the sheet ---------------------------------------------------------------------------
    def read(self) -> _SheetResult:
        if not any(any(text for text in row) for row in self.texts):
            self.warn("empty sheet")
            return self.result
        header = _find_header(self.texts, self.mapping)
        if header is None:
            self.warn("no header row with a village column (村, 村名, 行政村, village …) in its first "
                      f"{HEADER_SEARCH_ROWS} rows; not read")
            return self.result
        first, last, columns = header
        self.columns = columns
        self.result.header_found = True
        title = " ".join(text for row in self.texts[:first] for text in row if text) + " " + self.sheet.name
        declared = unit_declaration(title)
        sheet_factor = declared[1] if declared else None
        sheet_year = year_in(title) or _year_of(self.sheet.name)
        sheet_metric = metric_in(title, self.mapping)
        sheet_town = _town_named_in(title, self.gazetteer)

        index = {name: next((i for i, c in enumerate(columns) if c.field == name), None)
                 for name in ("village", "town", "year", "code", "index", "note", "red_flag")}
        values = [(i, c) for i, c in enumerate(columns) if c.is_value]
        data_rows = range(last + 1, len(self.texts))
        self.result.rows_read = len(data_rows)

        problem = None
        if not values and index["red_flag"] is None:
            problem = "no value columns next to the village column"
        if index["red_flag"] is not None and index["year"] is None and sheet_year is None:
            problem = "the red-flag column has no year (no 年度 column, no year in the title or sheet name)"
        resolved = []
        for i, column in values:
            metric = column.metric or sheet_metric
            if metric is None:
                problem = (f"column {column.header!r} holds a year but no metric: name it in the header "
                           "or in the title row (e.g. 村集体经济收入)")
                break
            if column.year is None and index["year"] is None and sheet_year is None:
                problem = (f"column {column.header!r}: no year (no 年度 column, no year in the header, "
                           "title or sheet name)")
                break
            resolved.append((i, column, metric))
        if problem:
            for row in data_rows:
                if any(self.texts[row]):
                    self.quarantine(row + 1, "", "", f"sheet not read: {problem}")
                else:
                    self.skip(row + 1, "blank row")
            return self.result

        self._read_rows(data_rows, index, resolved, sheet_factor, sheet_year, sheet_town)
        return self.result

    def _read_rows(self, data_rows, index, resolved, sheet_factor, sheet_year, sheet_town) -> None:
        texts = self.texts
        village_col, town_col, year_col = index["village"], index["town"], index["year"]
        code_col = index["code"]
        flag_col = index["red_flag"]
        data, totals = [], []
        town = sheet_town or ""
        for row in data_rows:
            cells = texts[row]
            number = row + 1
            if not any(cells):
                self.skip(number, "blank row")
                continue
            village = cells[village_col] if village_col is not None else ""
            if town_col is not None and cells[town_col]:
                town = cells[town_col]
            first_text = next(text for text in cells if text)
            if _is_total(village) or (town_col is not None and _is_total(cells[town_col])) or _is_total(first_text):
                label = next(w for w in (village, cells[town_col] if town_col is not None else "", first_text) if _is_total(w))
                label = re.sub(r"\s+", "", label)
                totals.append((number, label))
                self.skip(number, f"total row ({label})")
                continue
            if fold(first_text).startswith(NOTE_PREFIXES):
                self.skip(number, "note row")
                continue
            filled = [text for text in cells if text]
            if not village and (code_col is None or not cells[code_col]) and len(filled) == 1:
                self.skip(number, "note row")
                continue
            data.append((row, town))

        if not data and not totals:
            return
        header_of = {i: column.header for i, column, _ in resolved}
        # Plain lists per field: row-by-row access to a DataFrame is far slower.
        parsed = {}
        for i, _, _ in resolved:
            frame = parse_amounts(pd.Series([self.sheet.rows[row][i] for row, _ in data], dtype=object))
            parsed[i] = {name: frame[name].tolist() for name in frame.columns}
        unit_warned = set()
        records_by_row: dict[int, list[dict]] = {}
        flags_by_row: dict[int, list[dict]] = {}
        for position, (row, town) in enumerate(data):
            number = row + 1
            cells = texts[row]
            village = cells[village_col] if village_col is not None else ""
            code = None
            if code_col is not None and cells[code_col]:
                code = cells[code_col] if cells[code_col] in self.village_codes else None
                if code is None:
                    self.quarantine(number, self.columns[code_col].header, cells[code_col],
                                    "not a village division code of Zhaodong")
                    continue
            if code is None:
                if not village:
                    self.quarantine(number, "", "", "no village name")
                    continue
                match = self.match(village, town)
                if not match.ok:
                    self.quarantine(number, self.columns[village_col].header, village, f"{match.status}: {match.message}")
                    continue
                code = match.code
            row_year = None
            if year_col is not None:
                row_year = _year_of(cells[year_col])
                if row_year is None or not FIRST_YEAR <= row_year <= LAST_YEAR:
                    self.quarantine(number, self.columns[year_col].header, cells[year_col], "not a year")
                    continue
            records = []
            bad = False
            if flag_col is not None and cells[flag_col]:
                aspects, unknown = aspects_of(cells[flag_col])
                if unknown:
                    self.quarantine(number, self.columns[flag_col].header, cells[flag_col],
                                    f"not a red-flag aspect: {', '.join(unknown)} (use 党建, 发展, 服务, 文明, 和谐)")
                    continue
                flags_by_row[number] = [
                    {"village_code": code, "aspect": aspect, "year": int(row_year or sheet_year),
                     "name_as_published": village or cells[code_col], "sheet": self.sheet.name, "row": number}
                    for aspect in aspects]
            for i, column, metric in resolved:
                amount = {name: values[position] for name, values in parsed[i].items()}
                qualifier = amount["qualifier"]
                if qualifier == "missing":
                    continue
                raw = cells[i]
                if qualifier == "invalid":
                    self.quarantine(number, header_of[i], raw, f"not a figure: {amount['reason']}")
                    bad = True
                    continue
                kind = self.kinds.get(metric, "money" if column.factor or sheet_factor else "unknown")
                low, high, unit = amount["low"], amount["high"], amount["unit"]
                flags = amount["flags"].split(";") if amount["flags"] else []
                if unit == "mu" or (amount["count_of"] and kind == "money"):
                    self.quarantine(number, header_of[i], raw, f"a {unit or amount['count_of']} figure in a money column")
                    bad = True
                    continue
                if kind == "money" and takes_column_unit(flags):
                    factor = column.factor or sheet_factor
                    if factor is None:
                        factor = 1.0
                        if i not in unit_warned:
                            unit_warned.add(i)
                            self.warn(f"column {header_of[i]!r} gives no unit (no 单位 row, no （万元） in the "
                                      "header): read as 元")
                    low, high, unit = low * factor, high * factor, "CNY"
                elif kind == "money" and unit is None:
                    unit = "CNY"
                year = column.year or row_year or sheet_year
                records.append({
                    "village_code": code, "year": int(year), "metric": metric, "low": low, "high": high,
                    "qualifier": qualifier, "unit": unit, "period": amount["period"],
                    "source_id": self.source_id, "raw": raw, "sheet": self.sheet.name, "row": number,
                    "column": header_of[i],
                })
            if bad:
                flags_by_row.pop(number, None)
                continue
            records_by_row[number] = records

        self._resolve_duplicates(records_by_row)
        for number, records in records_by_row.items():
            self.result.records.extend(records)
            self.result.flags.extend(flags_by_row.get(number, []))
        self._check_totals(totals, data, resolved, index, sheet_factor, sheet_year)

    def _resolve_duplicates(self, records_by_row: dict[int, list[dict]]) -> None:
        first_seen: dict[tuple, tuple[int, dict]] = {}
        conflicts: dict[int, str] = {}
        duplicates: dict[int, set[tuple]] = {}
        for number, records in records_by_row.items():
            for record in records:
                key = (record["village_code"], record["year"], record["metric"])
                reading = (record["low"], record["high"], record["qualifier"], record["unit"])
                if key not in first_seen:
                    first_seen[key] = (number, record)
                    continue
                earlier_row, earlier = first_seen[key]
                if (earlier["low"], earlier["high"], earlier["qualifier"], earlier["unit"]) == reading:
                    duplicates.setdefault(number, set()).add(key)
                else:
                    name = self.gazetteer.describe(key[0])
                    message = (f"conflicting values for {name} {key[1]} {key[2]}: row {earlier_row} says "
                               f"{earlier['raw']!r}, row {number} says {record['raw']!r}")
                    conflicts.setdefault(earlier_row, (earlier["column"], earlier["raw"], message))
                    conflicts.setdefault(number, (record["column"], record["raw"], message))
        for number, (column, raw, message) in sorted(conflicts.items()):
            records_by_row.pop(number, None)
            self.quarantine(number, column, raw, message)
        for number, keys in sorted(duplicates.items()):
            if number not in records_by_row:
                continue
            records = records_by_row[number]
            original = sorted({first_seen[k][0] for k in keys})
            if len(keys) == len(records):
                records_by_row.pop(number)
                self.skip(number, f"identical duplicate of row {', '.join(map(str, original))}")
                self.warn(f"row {number} repeats row {', '.join(map(str, original))} exactly; kept once")
            else:
                records_by_row[number] = [r for r in records
                                          if (r["village_code"], r["year"], r["metric"]) not in keys]
                self.warn(f"row {number} repeats some values of row {', '.join(map(str, original))}; kept once")

    def _check_totals(self, totals, data, resolved, index, sheet_factor, sheet_year) -> None:
        if not totals:
            return
        records = pd.DataFrame(self.result.records)
        rows_of_data = [row + 1 for row, _ in data]
        previous_total = 0
        year_col = index["year"]
        for number, label in totals:
            block_start = previous_total if label.startswith(BLOCK_TOTAL_WORDS) else 0
            in_block = [n for n in rows_of_data if block_start < n < number]
            previous_total = number
            quarantined = len([n for n in in_block if n in self.result.quarantined_rows])
            total_year = _year_of(self.texts[number - 1][year_col]) if year_col is not None else None
            for i, column, metric in resolved:
                raw = self.texts[number - 1][i]
                stated = parse_amounts(pd.Series([self.sheet.rows[number - 1][i]], dtype=object)).iloc[0]
                if stated["qualifier"] != "exact":
                    continue
                factor = (column.factor or sheet_factor or 1.0) if takes_column_unit(stated["flags"]) else 1.0
                if self.kinds.get(metric) == "count":
                    factor = 1.0
                total = stated["low"] * factor
                year = column.year or total_year or sheet_year
                if records.empty:
                    block_sum = 0.0
                else:
                    chosen = records[records["row"].isin(in_block) & (records["metric"] == metric)]
                    if year is not None:
                        chosen = chosen[chosen["year"] == year]
                    block_sum = float(point_values(chosen["low"], chosen["high"]).sum())
                if abs(total - block_sum) > max(1.0, 1e-4 * abs(total)):
                    note = f" ({quarantined} of its rows are quarantined)" if quarantined else ""
                    self.warn(f"row {number}: {label} of {column.header!r} is {raw} "
                              f"({_money(total)}) but its rows sum to {_money(block_sum)}{note}")


def file_sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_ledger(path, gazetteer: Gazetteer | None = None, headers=None, label: str | None = None) -> LedgerResult:
    """Read, tidy and check one ledger file. Raises UnreadableFile if it is not a spreadsheet
    or no sheet has a header row. `headers`: a CSV (header, field) extending the mapping;
    `label`: the name to report the file by (an uploaded file's own name)."""
    path = Path(path)
    try:
        mapping = header_map(str(headers) if headers else None)
    except (OSError, ValueError) as error:
        raise UnreadableFile(f"{headers}: cannot use this header mapping ({error})") from None
    sheets = read_sheets(path)
    gazetteer = gazetteer or load_gazetteer()
    kinds = metric_kinds()
    source_id = f"ledger:{Path(label).name if label else path.name}"
    results = [_SheetReader(sheet, source_id, gazetteer, kinds, mapping).read() for sheet in sheets]
    warnings = [w for r in results for w in r.warnings]
    if not any(r.header_found for r in results):
        reasons = "; ".join(warnings) or "no content"
        raise UnreadableFile(f"{path}: no sheet has a header row with a village column ({reasons})")
    for sheet in sheets:
        if sheet.encoding and sheet.encoding not in ("utf-8", "utf-8-sig"):
            warnings.insert(0, f"read as {sheet.encoding.upper()} text")

    quarantine = [q for r in results for q in r.quarantine]
    skipped = [s for r in results for s in r.skipped]
    rows_read = sum(r.rows_read for r in results)
    rows_quarantined = sum(len(r.quarantined_rows) for r in results)
    rows_skipped = len(skipped)
    report = {
        "file": label or str(path), "sha256": file_sha256(path), "rows_read": rows_read,
        "rows_clean": rows_read - rows_quarantined - rows_skipped, "rows_quarantined": rows_quarantined,
        "rows_skipped": rows_skipped, "quarantine": quarantine, "skipped": skipped, "warnings": warnings,
    }
    records = pd.DataFrame([rec for r in results for rec in r.records])
    if not records.empty:
        records["value"] = point_values(records["low"], records["high"])
    flags = pd.DataFrame([f for r in results for f in r.flags],
                         columns=["village_code", "aspect", "year", "name_as_published", "sheet", "row"])
    flags = flags.drop_duplicates(["village_code", "aspect", "year"])
    return LedgerResult(report, records, pd.DataFrame(quarantine, columns=["sheet", "row", "column", "value", "reason"]),
                        flags)
