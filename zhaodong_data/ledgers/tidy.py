"""From a ledger's sheets to tidy village-year-metric rows, a quarantine and a report.

Each sheet is read in steps, each in its own module: its layout (`layout.py`: the header band,
what each column is, what each row is) -> its cells (`cells.py`: one record per value cell) ->
checks across rows (`checks.py`: scale, parts, duplicates, totals) -> the report (`report.py`).
The layout is a frozen object the later steps only read; everything found is written to the
sheet's log (`sheet_log.py`).

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

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..gazetteer import Gazetteer, load_gazetteer
from ..metrics import metric_kinds
from ..parsing import point_values
from . import checks, form_lines
from .cells import CellReader, shared_texts_as_strings
from .collector import collector_paused
from .header_band import HEADER_SEARCH_ROWS
from .headers import cell_text, header_map
from .indicator_rows import turn_indicator_rows
from .layout import describe, infer_layout
from .limits import OverBudget, check_budget, end_budget, start_budget
from .read import Sheet, UnreadableFile, read_sheets
from .reasons import warning_sentence
from .recipe import Recipe
from .report import REPORT_KEYS, AccountingError, file_sha256, ledger_report
from .sheet_log import SheetLog, quarantine_frame
from .turned_log import read_turned

__all__ = ["REPORT_KEYS", "AccountingError", "LedgerResult", "file_sha256", "read_ledger", "read_sheet"]


@dataclass
class LedgerResult:
    report: dict
    records: pd.DataFrame
    quarantine: pd.DataFrame
    red_flags: pd.DataFrame  # flags read from a red-flag column (红旗类别), one row per village, year, aspect
    flag_coverage: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["village_code", "year"]))
    # (village, year) pairs whose rows a red-flag column covers: flags there are replaced, removals included


@dataclass(frozen=True)
class ReadingContext:
    """What every sheet of one ledger is read against."""

    source_id: str
    gazetteer: Gazetteer
    kinds: dict[str, str]
    mapping: dict[str, str]
    reference: dict[str, list[float]]
    accept_outliers: bool
    recipe: Recipe | None = None


def read_sheet(sheet: Sheet, context: ReadingContext) -> SheetLog:
    """One sheet: its layout, then its cells, then the checks across its rows."""
    check_budget()
    log = SheetLog(sheet.name, hidden_rows=frozenset(row + 1 for row in sheet.hidden_rows))
    texts = [[value.strip() if type(value) is str else cell_text(value) for value in row] for row in sheet.rows]
    if not any(any(text for text in row) for row in texts):
        log.warn("empty_sheet")
        return log
    turned = turn_indicator_rows(sheet, texts, context.mapping, context.gazetteer)
    if turned is not None:
        return read_turned(sheet, turned, read_sheet(turned.sheet, context))
    layout = infer_layout(sheet.name, texts, context.mapping, context.gazetteer, context.recipe)
    if layout is None:
        log.warn("no_header", rows=HEADER_SEARCH_ROWS)
        return log
    log.header_found = True
    log.rows_read = layout.rows_read
    _note_hidden(sheet, layout, log)
    _read_cells(sheet, texts, layout, log, context)
    log.layout = describe(layout, log.ignored_columns, log.skipped, sheet.hidden, log.hidden_rows)
    return log


def _note_hidden(sheet: Sheet, layout, log: SheetLog) -> None:
    """Hidden parts are read like the rest; the report says they were there."""
    if sheet.hidden:
        log.warn("hidden_sheet")
    below_header = sorted(row for row in log.hidden_rows if row > layout.header_last + 1)
    if below_header:
        log.warn("hidden_rows", count=len(below_header), rows=", ".join(map(str, below_header)))


def _read_cells(sheet: Sheet, texts, layout, log: SheetLog, context: ReadingContext) -> None:
    """The cells of a sheet whose layout is known, then the checks across its rows."""
    for header, code, params in layout.refused_columns:
        log.ignore_column(header, code, **params)
    if layout.problem:
        code, params = layout.problem
        for row in range(layout.header_last + 1, len(texts)):
            if any(texts[row]):
                log.quarantine(row + 1, "", "", code, cells=0, **params)
            else:
                log.skip(row + 1, "blank_row")
        return
    for number, code, params in layout.skipped_rows:
        log.skip(number, code, **params)
    if layout.blank_towns:
        log.warn("town_blank", count=layout.blank_towns)
    reader = CellReader(sheet, texts, layout, log, context.gazetteer, context.kinds, context.source_id)
    values = reader.parse_columns()
    if not values and layout.index["red_flag"] is None:
        log.warn("no_column_read", count=len(log.ignored_columns))  # its rows hold nothing this reader loads
    columns = [value.column for value in values]
    records = reader.read_rows(values)
    del values  # the parsed cells are in the records now: freed before the checks
    records = checks.check_column_ranges(records, log, context.accept_outliers)
    records = checks.check_scale(records, log, context.kinds, context.reference, context.accept_outliers)
    project_col = layout.index["project"]
    projects = {row + 1: texts[row][project_col] for row, _ in layout.data_rows} if project_col is not None else {}
    records = checks.resolve_duplicates(records, log, context.gazetteer, projects)
    records = form_lines.read_form_lines(records, log, context.gazetteer.describe, context.source_id)
    records = checks.check_parts(records, log, context.gazetteer)
    records = records.sort_values(["row", "_seq"], kind="stable", ignore_index=True)
    log.records = shared_texts_as_strings(records.drop(columns=["_pos", "_seq"]))
    if log.months_summed:
        log.warn("months_summed", count=log.months_summed)
    log.count_clean(row for row, _ in layout.data_rows)
    checks.check_totals(sheet, texts, layout, columns, log, context.kinds)


@collector_paused
def read_ledger(
    path,
    gazetteer: Gazetteer | None = None,
    headers=None,
    label: str | None = None,
    reference: dict[str, list[float]] | None = None,
    accept_outliers: bool = False,
    recipe: Recipe | None = None,
    whole_report: bool = False,
) -> LedgerResult:
    """Read, tidy and check one ledger file. Raises UnreadableFile if it is not a spreadsheet
    or no sheet has a header row. `headers`: a CSV (header, field) extending the mapping;
    `label`: the name to report the file by (an uploaded file's own name); `reference`: metric ->
    values already in the store, for the scale check; `accept_outliers`: keep values far from
    their column's scale (with a warning) instead of quarantining them; `recipe`: a reading
    recipe (`recipe.py`) whose entries override what the reader infers for the sheets they fit;
    `whole_report`: list every quarantined cell in the report (else at most EXAMPLES_PER_REASON
    of each reason; `LedgerResult.quarantine` always has them all)."""
    path = Path(path)
    budget = start_budget(label or str(path))
    try:
        return _read_ledger(path, gazetteer, headers, label, reference, accept_outliers, recipe, whole_report)
    except OverBudget as error:
        raise UnreadableFile(str(error)) from None
    finally:
        end_budget(budget)


def _read_ledger(
    path: Path, gazetteer, headers, label, reference, accept_outliers, recipe, whole_report
) -> LedgerResult:
    try:
        mapping = header_map(str(headers) if headers else None)
    except (OSError, ValueError) as error:
        raise UnreadableFile(f"{headers}: cannot use this header mapping ({error})") from None
    sheets = read_sheets(path)
    context = ReadingContext(
        source_id=f"ledger:{Path(label).name if label else path.name}",
        gazetteer=gazetteer or load_gazetteer(),
        kinds=metric_kinds(),
        mapping=mapping,
        reference=reference or {},
        accept_outliers=accept_outliers,
        recipe=recipe,
    )
    logs = [read_sheet(sheet, context) for sheet in sheets]
    warnings = [w for log in logs for w in log.warnings]
    if not any(log.header_found for log in logs):
        reasons = "; ".join(warning_sentence(w, "en") for w in warnings) or "no content"
        raise UnreadableFile(f"{path}: no sheet has a header row with a village column ({reasons})")
    for sheet in sheets:
        if sheet.encoding and sheet.encoding not in ("utf-8", "utf-8-sig"):
            warnings.insert(
                0, {"sheet": sheet.name, "code": "read_as_encoding", "params": {"encoding": sheet.encoding.upper()}}
            )
    applied = None
    if recipe is not None:
        used = [log.layout["sheet"] for log in logs if log.layout is not None and log.layout.get("recipe")]
        if not used:
            names = ", ".join(s.sheet for s in recipe.sheets) or "-"
            warnings.insert(
                0, {"sheet": "", "code": "recipe_unused", "params": {"recipe": recipe.source, "sheets": names}}
            )
        applied = {"source": recipe.source, "digest": recipe.digest, "sheets": used, "content": recipe.as_json()}
    report = ledger_report(path, label, logs, warnings, applied, whole=whole_report)
    return _result(report, logs)


def _result(report: dict, logs: list[SheetLog]) -> LedgerResult:
    frames = [log.records for log in logs if not log.records.empty]
    records = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if not records.empty:
        records["value"] = point_values(records["low"], records["high"])
    flags = pd.DataFrame(
        [flag for log in logs for flag in log.flags],
        columns=["village_code", "aspect", "year", "name_as_published", "sheet", "row"],
    )
    flags = flags.drop_duplicates(["village_code", "aspect", "year"])
    coverage = pd.DataFrame([c for log in logs for c in log.flag_coverage], columns=["village_code", "year"])
    quarantine = quarantine_frame(logs)
    return LedgerResult(report, records, quarantine, flags, coverage.drop_duplicates())
