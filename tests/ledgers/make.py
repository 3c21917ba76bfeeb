"""Ledger files made in code, as county offices export them."""

from __future__ import annotations

import csv
import io
from pathlib import Path


def write_csv(path: Path, rows, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict, merged: dict | None = None, hidden: dict | None = None) -> Path:
    """sheets: name -> rows; merged: name -> ['A1:A2', ...]; hidden: name -> 1-based rows to hide,
    or True to hide the sheet itself."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for cell_range in (merged or {}).get(name, []):
            sheet.merge_cells(cell_range)
        to_hide = (hidden or {}).get(name)
        if to_hide is True:
            sheet.sheet_state = "hidden"
        for row in to_hide if isinstance(to_hide, (list, tuple, set)) else ():
            sheet.row_dimensions[row].hidden = True
    workbook.save(path)
    return path


def write_xls(path: Path, sheets: dict, merged: dict | None = None, hidden: dict | None = None) -> Path:
    """merged: name -> [(first_row, last_row, first_col, last_col)] 0-based inclusive; hidden as
    for write_xlsx (1-based rows, or True for the sheet)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        spans = (merged or {}).get(name, [])
        covered = {
            (r, c)
            for r0, r1, c0, c1 in spans
            for r in range(r0, r1 + 1)
            for c in range(c0, c1 + 1)
            if (r, c) != (r0, c0)
        }
        for r0, r1, c0, c1 in spans:
            sheet.write_merge(r0, r1, c0, c1, rows[r0][c0])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None and (r, c) not in covered and not any((r, c) == (s[0], s[2]) for s in spans):
                    sheet.write(r, c, value)
        to_hide = (hidden or {}).get(name)
        if to_hide is True:
            sheet.visibility = 1
        for row in to_hide if isinstance(to_hide, (list, tuple, set)) else ():
            sheet.row(row - 1).hidden = True
    book.save(str(path))
    return path
