"""What the reader found in a turned sheet (`indicator_rows.py`), addressed as the file is.

The turned sheet has a village per row; the file has a village per column and a line per row.
Every row and column the log names (records, quarantined cells, skipped villages, warnings,
the layout) is mapped back to the file's cell: the line's row and the village's column. The
counts stay the turned sheet's: in such a sheet each village column counts as one row read.
"""

from __future__ import annotations

from .indicator_rows import TurnedSheet
from .read import Sheet
from .sheet_log import QuarantineReason, SheetLog


def read_turned(sheet: Sheet, turned: TurnedSheet, log: SheetLog) -> SheetLog:
    """The turned sheet's log with the file's addresses and a layout that says the sheet was turned."""
    if not log.records.empty:
        addresses = [turned.address(r, c) for r, c in zip(log.records["row"].tolist(), log.records["column"])]
        log.records["row"] = [row for row, _ in addresses]
        log.records["column"] = [column for _, column in addresses]
    log.quarantine_reasons = [
        QuarantineReason(reason.code, params)
        for reason in log.quarantine_reasons
        for params in [_params(turned, reason.params)]
    ]
    addresses = [turned.address(r, c) for r, c in zip(log.quarantine_rows, log.quarantine_columns)]
    log.quarantine_rows = [row for row, _ in addresses]
    log.quarantine_columns = [column for _, column in addresses]
    for entry in log.skipped:
        entry["row"], entry["column"] = turned.address(entry["row"], None)
    log.warnings = [{**w, "params": _params(turned, w["params"])} for w in log.warnings]
    for entry in log.ignored_columns:
        if entry["column"] in turned.line_rows:
            entry["row"] = turned.line_rows[entry["column"]] + 1
            entry["column"] = turned.line_labels[entry["column"]]
    if sheet.hidden:
        log.warn("hidden_sheet")
    hidden_rows = sorted(row + 1 for row in sheet.hidden_rows if row > turned.header_row)
    if hidden_rows:
        log.warn("hidden_rows", count=len(hidden_rows), rows=", ".join(map(str, hidden_rows)))
    if log.layout is not None:
        log.layout = _layout(sheet, turned, log.layout, log.skipped)
    return log


def _params(turned: TurnedSheet, params: dict) -> dict:
    params = dict(params)
    if isinstance(params.get("row"), int):
        params["row"], where = turned.address(params["row"], params.get("header"))
        params["cell"] = where
    if params.get("causes"):  # a total's cells that would explain it, each at its own cell
        causes = []
        for cause in params["causes"]:
            row, cell = turned.address(cause["row"], params.get("header"))
            where = f"row {row}, {cell} ({cause['raw']})"
            causes.append(cause | {"row": row, "where": where, "where_zh": f"第 {row} 行 {cell}（{cause['raw']}）"})
        params["causes"] = causes
    if "values" in params and "listing" in params:  # a conflict: each value's own cell
        cells = [(turned.address(number, params.get("header"))[0], raw) for number, raw in params["values"]]
        params["values"] = cells
        params["listing"] = ", ".join(f"row {number} says {raw!r}" for number, raw in cells)
    return params


def _layout(sheet: Sheet, turned: TurnedSheet, described: dict, skipped: list[dict]) -> dict:
    """The turned sheet's description with the file's rows and columns: each line (a row of the
    file) with its resolution, and each village column."""
    keys = {"乡镇", "村名", "年度"}
    lines = []
    for entry in described["columns"]:
        if entry["header"] in keys and entry.get("resolution") == "key":
            continue
        line = {k: v for k, v in entry.items() if k != "column"}
        line["header"] = turned.line_labels.get(entry["header"], entry["header"])
        lines.append({"row": turned.line_rows.get(entry["header"], -1) + 1, **line})
    skipped_columns = {s["column"]: s["code"] for s in skipped}
    columns = [
        {
            "column": entity.column + 1,
            "header": entity.label,
            "resolution": "village",
            "village": entity.village,
            "town": entity.town or None,
            "year": entity.year if isinstance(entity.year, int) else None,
        }
        | ({"skipped": skipped_columns[entity.label]} if entity.label in skipped_columns else {})
        for entity in turned.entities
    ]
    return {
        **described,
        "orientation": turned.orientation,
        "header_rows": [turned.header_row + 1],
        "unit_rows": [],
        "columns": columns,
        "lines": lines,
        "code_column": turned.code_column + 1 if turned.code_column is not None else None,
        "data_rows": {"count": len(turned.entities), "first": None, "last": None},
        "total_rows": [],
        "note_rows": [row + 1 for row in turned.note_rows],
        "hidden": sheet.hidden,
        "hidden_rows": sorted(row + 1 for row in sheet.hidden_rows),
    }
