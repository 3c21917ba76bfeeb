"""Tables for people: CSV and XLSX that spreadsheets open safely.

A text cell that starts with = + - @ (or a tab or carriage return) is a formula
to a spreadsheet; such cells are prefixed with ' so they stay text (OWASP's
advice against CSV/formula injection). Numbers are left as numbers.
"""

from __future__ import annotations

import io

import pandas as pd

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


def to_xlsx(frame: pd.DataFrame, output, sheet_name: str = "data") -> None:
    safe = neutralise(frame)
    for column in safe.columns:
        if isinstance(safe[column].dtype, pd.DatetimeTZDtype):
            safe[column] = safe[column].dt.tz_localize(None)
    with pd.ExcelWriter(output, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=sheet_name[:31])


def to_xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "data") -> bytes:
    buffer = io.BytesIO()
    to_xlsx(frame, buffer, sheet_name)
    return buffer.getvalue()
