"""A reading recipe: how a sheet is to be read, written out by the reader and edited by a person.

`zhaodong validate FILE --write-recipe R.json` writes the layout the reader inferred, one entry
per sheet: each column's reading (a key field, a metric with its unit, year and period, or
`ignore`), the rows that are totals or notes, the sheet's year and town. A person edits it (maps
a column to a metric, sets a unit, marks a row) and `validate/ingest --recipe R.json` reads the
file so. An entry applies to a sheet whose header band has the same signature (the band's cells,
normalised), else to the sheet of the same name when its header is the same; a recipe that fits
no sheet changes nothing and says so.

A column written `{"ignore": true, "reason": …}` is one the reader did not read, for that reason:
it stays the reader's to decide. `{"ignore": true}` alone ignores a column the reader would read.

What a recipe cannot do: make a personal column (names, phone and ID numbers) read; bring in a
metric `metrics.csv` does not define (other than an `extra:` one the reader named); turn a sheet
read with its lines as rows (those entries are written for reading, not applied).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..metrics import metric_kinds
from .headers import KEY_FIELDS, PERIOD_WORDS, UNIT_FACTORS, Column, is_personal_data, normalise

RECIPE_VERSION = 1
ROW_KINDS = ("data", "total", "note")
COLUMN_KEYS = {"field", "metric", "unit", "year", "period", "ignore", "reason", "month"}
PERIODS = tuple(sorted(set(PERIOD_WORDS.values())))
# The unit word a factor is written as, where a column's unit came from the title's 单位.
UNIT_OF_FACTOR = {1.0: "元", 1e3: "千元", 1e4: "万元", 1e6: "百万元", 1e8: "亿元"}


class RecipeError(ValueError):
    """A recipe that cannot be used: the message names the file, the sheet and the entry."""


@dataclass(frozen=True)
class SheetRecipe:
    sheet: str
    signature: str
    columns: dict[str, dict] = field(default_factory=dict)  # header (its path) -> its reading
    rows: dict[int, str] = field(default_factory=dict)  # 1-based row -> data | total | note
    year: int | None = None
    town: str | None = None
    orientation: str | None = None  # set for a turned sheet: written, not applied


@dataclass(frozen=True)
class Recipe:
    sheets: tuple[SheetRecipe, ...]
    digest: str  # of the recipe's content: the same file read by another recipe is another ingest
    source: str  # the file (or ingest) it came from, for messages

    def for_sheet(self, name: str, signature: str) -> SheetRecipe | None:
        by_signature = [s for s in self.sheets if s.signature == signature]
        if len(by_signature) == 1:
            return by_signature[0]
        return next((s for s in by_signature if s.sheet == name), None)

    def as_json(self) -> dict:
        return {"recipe": RECIPE_VERSION, "sheets": [_sheet_json(s) for s in self.sheets]}


def header_signature(band_texts: list[list[str]]) -> str:
    """The header band's cells, normalised (case, width, spaces, script), as 16 hex digits."""
    cells = "\x1f".join("\x1e".join(normalise(text) for text in row).rstrip("\x1e") for row in band_texts)
    return hashlib.sha256(cells.encode("utf-8")).hexdigest()[:16]


def recipe_from_report(report: dict) -> dict:
    """The recipe of a report's layout: what the reader inferred, written out to be edited."""
    sheets = []
    for sheet in report.get("layout", []):
        entry: dict = {"sheet": sheet["sheet"], "signature": sheet.get("signature", "")}
        if sheet.get("orientation"):
            entry["orientation"] = sheet["orientation"]
            entry["note"] = "lines as rows: written for reading; a recipe is not applied to such a sheet"
        columns = {}
        for column in sheet["columns"]:
            columns[column["header"]] = _column_json(column)
        entry["columns"] = columns
        rows = {str(r): "total" for r in sheet.get("total_rows", [])}
        rows |= {str(r): "note" for r in sheet.get("note_rows", [])}
        entry["rows"] = dict(sorted(rows.items(), key=lambda item: int(item[0])))
        entry["year"] = sheet.get("year")
        entry["town"] = sheet.get("town")
        sheets.append(entry)
    return {"recipe": RECIPE_VERSION, "sheets": sheets}


def _column_json(column: dict) -> dict:
    resolution = column.get("resolution")
    if resolution == "key":
        return {"field": column["field"]}
    if resolution == "metric":
        unit = column.get("unit") or UNIT_OF_FACTOR.get(column.get("factor") or 0.0)
        entry = {"metric": column["metric"], "unit": unit, "year": column.get("year"), "period": column.get("period")}
        if column.get("month"):
            entry["month"] = column["month"]
        return entry
    if resolution == "village":  # a turned sheet's village column
        return {"field": "village", "village": column.get("village")}
    return {"ignore": True, "reason": column.get("reason")}


def _sheet_json(sheet: SheetRecipe) -> dict:
    entry: dict = {"sheet": sheet.sheet, "signature": sheet.signature, "columns": sheet.columns}
    entry["rows"] = {str(row): kind for row, kind in sorted(sheet.rows.items())}
    entry |= {"year": sheet.year, "town": sheet.town}
    if sheet.orientation:
        entry["orientation"] = sheet.orientation
    return entry


def load_recipe(path) -> Recipe:
    """Read and check a recipe file. Raises RecipeError naming the file and the entry."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RecipeError(f"{path}: no such recipe file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RecipeError(f"{path}: not a readable recipe (JSON): {error}") from None
    return parse_recipe(data, str(path))


def parse_recipe(data, source: str) -> Recipe:
    """A recipe from its JSON form, every entry checked. Raises RecipeError."""
    if not isinstance(data, dict) or data.get("recipe") != RECIPE_VERSION or not isinstance(data.get("sheets"), list):
        raise RecipeError(f'{source}: not a reading recipe (it needs "recipe": {RECIPE_VERSION} and a list "sheets")')
    metrics = set(metric_kinds())
    sheets = tuple(_parse_sheet(entry, n, source, metrics) for n, entry in enumerate(data["sheets"], start=1))
    canonical = json.dumps([_sheet_json(s) for s in sheets], ensure_ascii=False, sort_keys=True)
    return Recipe(sheets, hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16], source)


def _parse_sheet(entry, number: int, source: str, metrics: set[str]) -> SheetRecipe:
    where = f"{source}: sheet entry {number}"
    if not isinstance(entry, dict) or not isinstance(entry.get("sheet"), str):
        raise RecipeError(f'{where}: needs a "sheet" name')
    where = f"{source}: sheet {entry['sheet']!r}"
    columns = entry.get("columns") or {}
    if not isinstance(columns, dict):
        raise RecipeError(f'{where}: "columns" must map each header to its reading')
    for header, reading in columns.items():
        _check_column(reading, f"{where}, column {header!r}", metrics)
    rows = {}
    for row, kind in (entry.get("rows") or {}).items():
        if not str(row).isdigit() or int(row) < 1:
            raise RecipeError(f"{where}: row {row!r} is not a row number (1, 2, …)")
        if kind not in ROW_KINDS:
            raise RecipeError(f"{where}, row {row}: {kind!r} is not one of {', '.join(ROW_KINDS)}")
        rows[int(row)] = kind
    year = entry.get("year")
    if year is not None and (not isinstance(year, int) or not 1949 <= year <= 2100):
        raise RecipeError(f"{where}: year {year!r} is not a year")
    town = entry.get("town")
    if town is not None and not isinstance(town, str):
        raise RecipeError(f"{where}: town {town!r} is not a name")
    return SheetRecipe(
        sheet=entry["sheet"],
        signature=str(entry.get("signature") or ""),
        columns={str(h): dict(r) for h, r in columns.items()},
        rows=rows,
        year=year,
        town=town,
        orientation=entry.get("orientation"),
    )


def _check_column(reading, where: str, metrics: set[str]) -> None:
    if not isinstance(reading, dict):
        raise RecipeError(f'{where}: its reading must be an object such as {{"metric": …, "unit": "万元"}}')
    unknown = set(reading) - COLUMN_KEYS - {"village", "note"}
    if unknown:
        raise RecipeError(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))} (use {', '.join(sorted(COLUMN_KEYS))})"
        )
    if reading.get("ignore"):
        return
    if "field" in reading:
        if reading["field"] not in KEY_FIELDS:
            raise RecipeError(f"{where}: field {reading['field']!r} is not one of {', '.join(KEY_FIELDS)}")
        return
    metric = reading.get("metric")
    if not isinstance(metric, str) or not (metric in metrics or metric.startswith("extra:")):
        raise RecipeError(f"{where}: metric {metric!r} is not defined in metrics.csv")
    unit = reading.get("unit")
    if unit is not None and unit not in UNIT_FACTORS:
        raise RecipeError(f"{where}: unit {unit!r} is not one of {', '.join(sorted(UNIT_FACTORS))}")
    year = reading.get("year")
    if year is not None and (not isinstance(year, int) or not 1949 <= year <= 2100):
        raise RecipeError(f"{where}: year {year!r} is not a year")
    period = reading.get("period")
    if period is not None and period not in PERIODS:
        raise RecipeError(f"{where}: period {period!r} is not one of {', '.join(PERIODS)}")


def apply_columns(
    columns, sheet: SheetRecipe, sheet_factor: float | None = None
) -> tuple[list[Column], list[tuple[str, str, dict]]]:
    """The band's columns as the recipe reads them, and the columns it says to ignore. A column
    the recipe does not name, or names as the header (or the title's 单位) reads it already, is
    read as the header says; a personal column is never remapped."""
    read: list[Column] = []
    ignored: list[tuple[str, str, dict]] = []
    for column in columns:
        reading = sheet.columns.get(column.header)
        # an `ignore` with the reader's own reason (as --write-recipe writes it) leaves the reader to
        # decide, as it did; a bare `ignore` is the person's choice
        reader_s_own = bool(reading and reading.get("ignore") and reading.get("reason") not in (None, "recipe_ignored"))
        if reading is None or reader_s_own or not column.header or is_personal_data(column.header):
            read.append(column)
        elif reading.get("ignore"):
            read.append(Column(column.header))
            ignored.append((column.header, "recipe_ignored", {}))
        elif "field" in reading:
            read.append(Column(column.header, field=reading["field"], from_recipe=True))
        else:
            unit = reading.get("unit")
            if unit and column.factor is None and UNIT_FACTORS[unit] == sheet_factor:
                unit = None  # the title's unit, as the reader takes it already
            remapped = replace(
                column,
                field=None,
                metric=reading["metric"],
                extra=reading["metric"].startswith("extra:"),
                year=reading["year"] if "year" in reading else column.year,
                period=reading["period"] if "period" in reading else column.period,
                month=reading["month"] if "month" in reading else column.month,
                factor=UNIT_FACTORS[unit] if unit else column.factor,
                unit_word=unit or column.unit_word,
                unit_conflict=None if unit else column.unit_conflict,
                from_recipe=True,
            )
            # a reading the header gives already is the header's, not the recipe's
            read.append(column if replace(remapped, from_recipe=False) == column else remapped)
    return read, ignored


def apply_rows(texts, data, totals, skipped, sheet: SheetRecipe, index, sheet_town):
    """Data rows, total rows and skipped rows with the recipe's row marks applied."""
    marks = sheet.rows
    town_col = index["town"]
    kept_skips = [(n, code, params) for n, code, params in skipped if n not in marks]
    data_rows = [(row, town) for row, town in data if row + 1 not in marks]
    total_rows = [(n, label) for n, label in totals if n not in marks]
    for number, kind in marks.items():
        if number > len(texts):
            continue
        if kind == "data":
            town = texts[number - 1][town_col] if town_col is not None else ""
            data_rows.append((number - 1, town or sheet_town or ""))
        elif kind == "total":
            label = next((text for text in texts[number - 1] if text), "合计")
            total_rows.append((number, label))
            kept_skips.append((number, "total_row", {"label": label}))
        else:
            kept_skips.append((number, "note_row", {}))
    return tuple(sorted(data_rows)), tuple(sorted(total_rows)), tuple(sorted(kept_skips, key=lambda s: s[0]))


def layout_rows(report: dict) -> list[dict]:
    """One row per column of each sheet read in rows, as the dashboard's preview lists them for
    a person to check and change: how it was read (a key, a metric with its unit, or not read
    and why)."""
    rows = []
    for sheet in report.get("layout", []):
        if sheet.get("orientation"):
            continue  # lines as rows: shown, not remapped (a recipe is not applied to such a sheet)
        for column in sheet["columns"]:
            rows.append(
                {
                    "sheet": sheet["sheet"],
                    "column": column["column"],
                    "header": column["header"],
                    "resolution": column.get("resolution"),
                    "field": column.get("field"),
                    "metric": column.get("metric"),
                    "unit": column.get("unit") or UNIT_OF_FACTOR.get(column.get("factor") or 0.0),
                    "unit_from": column.get("unit_from"),
                    "year": column.get("year"),
                    "reason": column.get("reason"),
                }
            )
    return rows


def recipe_with_edits(base: dict, edits: list[dict]) -> dict:
    """`base` (a recipe as --write-recipe writes it) with a person's changes to columns: rows of
    `layout_rows` whose `metric` or `unit` were changed (`metric` "ignore" ignores the column).
    A row left as read changes nothing."""
    recipe = {"recipe": base.get("recipe", RECIPE_VERSION), "sheets": [dict(s) for s in base.get("sheets", [])]}
    by_name = {sheet["sheet"]: sheet for sheet in recipe["sheets"]}
    for edit in edits:
        sheet = by_name.get(edit.get("sheet"))
        if sheet is None:
            continue
        columns = sheet["columns"] = dict(sheet.get("columns") or {})
        before = columns.get(edit["header"], {})
        metric, unit = edit.get("metric"), edit.get("unit")
        if metric == "ignore":
            columns[edit["header"]] = {"ignore": True}
        elif metric and (metric != before.get("metric") or unit != before.get("unit")):
            reading = {k: v for k, v in before.items() if k in ("year", "period", "month")}
            columns[edit["header"]] = reading | {"metric": metric, "unit": unit}
    return recipe
