"""How an uploaded ledger was read, shown for a planner to check and change (the Sources page).

Each sheet gets a sentence (header rows, unit row, year and where it came from, data, total,
note and hidden rows), and every column of the sheets read in rows a line of an editable table:
what it was read as, its unit and where the unit came from. A person with ingest rights changes
a column's “Read as” (a metric, or not read) or its unit; the changes become a reading recipe
(`zhaodong_data.ledgers.recipe`), with which the file is read again and loaded.
"""

from __future__ import annotations

from dash import html

from zhaodong_data.i18n.strings import metric_name
from zhaodong_data.ledgers.reasons import render
from zhaodong_data.ledgers.recipe import layout_rows, recipe_with_edits
from zhaodong_data.metrics import metric_definitions
from zhaodong_data.study import text

UNITS = ["元", "万元", "千元", "亿元"]


def metric_choices(lang: str) -> dict[str, str]:
    """Label -> metric code of every defined metric, and the label that means "not read"."""
    choices = {text("reading_ignore", lang): "ignore"}
    for metric in metric_definitions()["metric"]:
        choices[f"{metric_name(metric, lang)} ({metric})"] = metric
    return choices


def _reading(row: dict, lang: str) -> str:
    resolution = row["resolution"]
    if resolution == "key":
        return text("reading_key", lang, field=text(f"field_{row['field']}", lang))
    if resolution == "personal":
        return text("reading_personal", lang)
    if resolution == "metric":
        return metric_name(row["metric"], lang)
    return text("reading_not_read", lang, reason=render(row["reason"], {}, lang, fallback=row["reason"] or ""))


def grid_rows(report: dict, lang: str) -> list[dict]:
    """The editable table's rows: one per column of each sheet read in rows."""
    rows = []
    labels = {code: label for label, code in metric_choices(lang).items()}
    for row in layout_rows(report):
        metric = row["metric"] if row["resolution"] == "metric" else None
        rows.append(
            {
                "sheet": row["sheet"],
                "column": row["column"],
                "header": row["header"],
                "how_read": _reading(row, lang),
                "read_as": labels.get(metric or "", metric or ""),
                "unit": row["unit"] if row["resolution"] == "metric" else "",
                "unit_from": text(f"unit_from_{row['unit_from']}", lang) if row.get("unit_from") else "",
                "year": row["year"],
                "editable": row["resolution"] != "personal",
            }
        )
    return rows


def grid_columns(lang: str) -> list[dict]:
    """The table's columns; “Read as” and “Unit” are edited with a choice list (never a
    personal column)."""
    editable = {"function": "params.data.editable"}
    return [
        {"field": "sheet", "headerName": text("col_sheet", lang), "minWidth": 100},
        {"field": "column", "headerName": text("col_column", lang), "maxWidth": 80, "type": "numericColumn"},
        {
            "field": "header",
            "headerName": text("col_header", lang),
            "minWidth": 180,
            "wrapText": True,
            "autoHeight": True,
        },
        {
            "field": "how_read",
            "headerName": text("col_how_read", lang),
            "minWidth": 240,
            "wrapText": True,
            "autoHeight": True,
        },
        {
            "field": "read_as",
            "headerName": text("col_reading", lang),
            "editable": editable,
            "cellEditor": "agSelectCellEditor",
            "cellEditorParams": {"values": [""] + list(metric_choices(lang))},
            "minWidth": 220,
            "cellClass": "editable-cell",
        },
        {
            "field": "unit",
            "headerName": text("col_unit", lang),
            "editable": editable,
            "cellEditor": "agSelectCellEditor",
            "cellEditorParams": {"values": [""] + UNITS},
            "maxWidth": 110,
            "cellClass": "editable-cell",
        },
        {"field": "unit_from", "headerName": text("col_unit_from", lang), "maxWidth": 130},
        {"field": "year", "headerName": text("year", lang), "maxWidth": 90},
    ]


def summary(report: dict, lang: str) -> list:
    """One sentence per sheet: how its rows were read."""
    sentences = []
    for sheet in report.get("layout", []):
        header = _rows(sheet["header_rows"], lang)
        if sheet.get("orientation"):
            how = text(f"layout_{sheet['orientation']}", lang)
            sentences.append(text("layout_turned", lang, sheet=sheet["sheet"], how=how, header=header))
            continue
        year_from = sheet.get("year_from") or "rows"
        parts = {
            "units": text("layout_units", lang, rows=_rows(sheet["unit_rows"], lang)) if sheet["unit_rows"] else "",
            "totals": text("layout_totals", lang, rows=_rows(sheet["total_rows"], lang)) if sheet["total_rows"] else "",
            "notes": text("layout_notes", lang, rows=_rows(sheet["note_rows"], lang)) if sheet["note_rows"] else "",
            "hidden": text("layout_hidden", lang, rows=_rows(sheet["hidden_rows"], lang))
            if sheet.get("hidden_rows")
            else "",
        }
        sentences.append(
            text(
                "layout_sheet",
                lang,
                sheet=sheet["sheet"],
                header=header,
                year=sheet.get("year") or "—",
                year_from=text(f"year_from_{year_from}", lang),
                count=sheet["data_rows"]["count"],
                **parts,
            )
        )
    return [html.P(sentence, className="caption layout-sentence") for sentence in sentences]


def _rows(numbers: list[int], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(map(str, numbers)) if numbers else "—"


def recipe_from_grid(base: dict, rows: list[dict], lang: str) -> tuple[dict, int]:
    """The recipe `base` with the table's edits, and how many columns they change."""
    choices = metric_choices(lang)
    edits = [
        {
            "sheet": row["sheet"],
            "header": row["header"],
            "metric": choices.get(row.get("read_as") or ""),
            "unit": row.get("unit") or None,
        }
        for row in rows
        if row.get("editable", True)
    ]
    recipe = recipe_with_edits(base, edits)
    changed = sum(
        1
        for new, old in zip(recipe["sheets"], base.get("sheets", []))
        for header, reading in new["columns"].items()
        if reading != old["columns"].get(header)
    )
    return recipe, changed
