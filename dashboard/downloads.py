"""Downloads: a table as XLSX (with a notes sheet) or CSV (notes as columns), named in the
page's language."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from dash import dcc

from zhaodong_data.export import to_csv_bytes, to_xlsx_bytes, with_notes
from zhaodong_data.study import text

from .views import notes_for_sheet


@dataclass(frozen=True)
class Download:
    """What a page exports: the table as read (headers in the page's language), the file's name
    without language or suffix, its notes, and the CSV's table (stable columns) if it differs."""

    table: pd.DataFrame | dict[str, pd.DataFrame]  # a workbook of several sheets: one table a sheet
    name: str
    notes: dict | None = None
    csv_table: pd.DataFrame | None = None


def file_name(page: str, *parts, towns=()) -> str:
    """An export's name: the page, then what it shows (outcome, year, a village's code), then up
    to three towns (`-more` past them); `send` adds the language. Missing parts are left out."""
    shown = [str(part) for part in parts if part is not None and part == part and str(part) != ""]
    named = [str(town) for town in towns[:3]] + (["more"] if len(towns) > 3 else [])
    return "-".join(["zhaodong", page, *shown, *named])


def send(frame, name: str, trigger, notes: dict | None = None, lang: str = "zh", csv_frame=None) -> dict:
    """A download: XLSX with a notes sheet, or CSV (`csv_frame`, stable columns, if given) with
    the notes as columns of their own."""
    name = f"{name}-{lang}"  # the language of its headers and notes, in the file's name
    if trigger and str(trigger).endswith("xlsx"):
        return dcc.send_bytes(
            to_xlsx_bytes(
                frame,
                sheet_name=text("data_sheet", lang),
                notes=notes_for_sheet(notes, lang) if notes else None,
                notes_sheet=text("notes_sheet", lang),
            ),
            f"{name}.xlsx",
        )
    table = csv_frame if csv_frame is not None else frame
    return dcc.send_bytes(to_csv_bytes(with_notes(table, notes) if notes else table), f"{name}.csv")
