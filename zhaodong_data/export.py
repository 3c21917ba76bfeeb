"""Tables for people: CSV and XLSX that spreadsheets open safely.

A text cell that starts with = + - @ (or a tab or carriage return) is a formula
to a spreadsheet; such cells are prefixed with ' so they stay text (OWASP's
advice against CSV/formula injection). Numbers are left as numbers.
"""

from __future__ import annotations

import io
import re

import pandas as pd

# Numbers that name rather than measure (a year, a rank, a code): written without thousands
# separators or decimals ("2020", "3"), in the dashboard's tables and in XLSX alike.
_LABEL_NUMBER = re.compile(r"(^|_)(year|rank|code)s?($|_)|rank|年份|年度|排名|名次|代码|序号", re.IGNORECASE)


def is_label_number(name: str) -> bool:
    """Whether a column named `name` holds numbers that label (years, ranks, codes)."""
    return bool(_LABEL_NUMBER.search(str(name)))


def number_format(name: str, values: pd.Series) -> str | None:
    """The XLSX number format of a numeric column: labels as plain integers, whole amounts with
    separators, others with two decimals; None for a column that is not numeric."""
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
        return None
    if is_label_number(name):
        return "0"
    present = pd.to_numeric(values, errors="coerce").dropna()
    whole = pd.api.types.is_integer_dtype(values) or bool(len(present) and (present == present.round()).all())
    return "#,##0" if whole else "#,##0.00"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot be read as formulas."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v
            )
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so that Excel shows Chinese text right."""
    return neutralise(frame).to_csv(index=False).encode("utf-8-sig")


def _display_width(value) -> int:
    """Characters as a spreadsheet column shows them: a CJK character takes two."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in str(value))


def to_xlsx(
    frame,
    output,
    sheet_name: str = "data",
    notes: dict[str, str] | None = None,
    notes_sheet: str = "notes",
) -> None:
    """An XLSX a report can use: the data with a frozen header, sensible column widths and number
    formats on numeric columns; and, given `notes` (title, selection, source, data kind, caveat …),
    a last sheet that says what the data are. `frame` is one table (on `sheet_name`) or a dict of
    sheet name to table, one sheet each (a report's tables)."""
    sheets = frame if isinstance(frame, dict) else {sheet_name: frame}
    with pd.ExcelWriter(output, engine="openpyxl") as writer:
        for name, table in sheets.items():
            _write_sheet(writer, table, name[:31])
        if notes:
            pd.DataFrame({"": list(notes), " ": list(notes.values())}).to_excel(
                writer, index=False, sheet_name=notes_sheet[:31]
            )
            info = writer.sheets[notes_sheet[:31]]
            info.column_dimensions["A"].width = 18
            info.column_dimensions["B"].width = 110


def _write_sheet(writer, frame: pd.DataFrame, name: str) -> None:
    from openpyxl.utils import get_column_letter

    safe = neutralise(frame)
    for column in safe.columns:
        if isinstance(safe[column].dtype, pd.DatetimeTZDtype):
            safe[column] = safe[column].dt.tz_localize(None)
    safe.to_excel(writer, index=False, sheet_name=name)
    sheet = writer.sheets[name]
    sheet.freeze_panes = "A2"
    for index, column in enumerate(safe.columns, start=1):
        values = safe[column]
        width = max([_display_width(column)] + [_display_width(v) for v in values.head(500) if v is not None]) + 2
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width * 1.2, 8), 60)
        chosen = number_format(column, values)
        if chosen:
            for cell in sheet[get_column_letter(index)][1:]:
                cell.number_format = chosen


def to_xlsx_bytes(
    frame, sheet_name: str = "data", notes: dict[str, str] | None = None, notes_sheet: str = "notes"
) -> bytes:
    buffer = io.BytesIO()
    to_xlsx(frame, buffer, sheet_name, notes, notes_sheet)
    return buffer.getvalue()


def with_notes(frame: pd.DataFrame, notes: dict[str, str]) -> pd.DataFrame:
    """A CSV's frame with what the page says repeated in columns of their own (a CSV has no second
    sheet): title, selection, source, data kind, caveat, so that every copy carries them."""
    out = frame.copy()
    for key, value in notes.items():
        out[key] = value
    return out
