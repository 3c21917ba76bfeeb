"""What the reading of one sheet found: records, flags, quarantined cells, skipped rows, warnings.

Each step of the reader (layout, cells, checks) writes here and nowhere else, so that the report
is built from one place and its counts can be checked to add up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .headers import cell_text
from .personal import mask_personal
from .reasons import render


@dataclass
class SheetLog:
    sheet: str
    records: pd.DataFrame = field(default_factory=pd.DataFrame)  # one row per value read (cells.RECORD_COLUMNS)
    flags: list[dict] = field(default_factory=list)
    flag_coverage: list[tuple[str, int]] = field(default_factory=list)
    quarantine_entries: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    ignored_columns: list[dict] = field(default_factory=list)
    layout: dict | None = None  # how the sheet was read (layout.describe), for the report
    rows_read: int = 0
    rows_clean: int = 0
    cells_quarantined: int = 0
    quarantined_rows: set = field(default_factory=set)
    duplicate_rows: set = field(default_factory=set)  # rows skipped as identical duplicates
    header_found: bool = False
    months_summed: int = 0  # year values summed from twelve month cells
    hidden_rows: frozenset[int] = frozenset()  # 1-based: rows the file hides (read all the same)

    def quarantine(self, row: int, column: str, cell, code: str, cells: int = 1, **params) -> None:
        """Quarantine a cell (or a whole row: `cells` is the number of values it loses). Its text
        is kept with personal data (phone and ID numbers) masked."""
        self.quarantine_cells([(row, column, cell)], code, cells, **params)

    def quarantine_cells(self, where: list[tuple[int, str, object]], code: str, cells: int = 1, **params) -> None:
        """Quarantine cells (row, column, text) for one reason: its parameters masked and its
        sentence written once (a conflict's hundred cells share one)."""
        params = {key: mask_personal(value) for key, value in params.items()}
        reason = render(code, params, "en")
        for row, column, cell in where:
            self.quarantine_entries.append(
                {
                    "sheet": self.sheet,
                    "row": row,
                    "column": column,
                    "value": mask_personal(cell_text(cell)),
                    "reason": reason,
                    "code": code,
                    "params": params,
                }
            )
            self.quarantined_rows.add(row)
            self.cells_quarantined += cells

    def skip(self, row: int, code: str, **params) -> None:
        params = {key: mask_personal(value) for key, value in params.items()}
        self.skipped.append({"sheet": self.sheet, "row": row, "reason": render(code, params, "en"), "code": code})

    def warn(self, code: str, **params) -> None:
        params = {key: mask_personal(value) for key, value in params.items()}
        self.warnings.append({"sheet": self.sheet, "code": code, "params": params})

    def ignore_column(self, column: str, code: str, **params) -> None:
        self.ignored_columns.append(
            {
                "sheet": self.sheet,
                "column": mask_personal(column),
                "reason": render(code, params, "en"),
                "code": code,
                "params": params,
            }
        )

    def count_clean(self, data_rows) -> None:
        """Data rows neither quarantined nor skipped as duplicates are clean."""
        self.rows_clean = sum(
            1 for row in data_rows if row + 1 not in self.quarantined_rows and row + 1 not in self.duplicate_rows
        )
