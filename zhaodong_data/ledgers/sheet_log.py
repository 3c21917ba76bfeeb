"""What the reading of one sheet found: records, flags, quarantined cells, skipped rows, warnings.

Each step of the reader (layout, cells, checks) writes here and nowhere else, so that the report
is built from one place and its counts can be checked to add up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .headers import cell_text
from .personal import mask_personal
from .reasons import render

QUARANTINE_COLUMNS = ["sheet", "row", "column", "value", "reason", "code", "params"]


@dataclass(frozen=True)
class QuarantineReason:
    """Why cells were quarantined: one per call, shared by every cell it names (a conflict's
    hundred cells have one)."""

    code: str
    params: dict

    @property
    def sentence(self) -> str:
        """In English, for the report and the store: written when asked, not kept (a conflict-heavy
        sheet has a reason for every repeated key, and its sentences would outweigh its cells)."""
        return render(self.code, self.params, "en")


def _objects(items: list) -> np.ndarray:
    array = np.empty(len(items), dtype=object)
    array[:] = items
    return array


def quarantine_frame(logs: list[SheetLog]) -> pd.DataFrame:
    """Every quarantined cell of the logs (QUARANTINE_COLUMNS), made from their columns at once.
    A reason's sentence, code and parameters are stored once however many cells share them
    (categories, and one dict per reason): a conflict-heavy file's quarantine is a few bytes a
    cell, not a copy of its sentence each."""
    reasons = [reason for log in logs for reason in log.quarantine_reasons]
    starts = np.cumsum([0] + [len(log.quarantine_reasons) for log in logs])[:-1]
    of = np.concatenate(
        [np.asarray(log.quarantine_reason_of, dtype=np.int64) + start for log, start in zip(logs, starts)]
        or [np.empty(0, dtype=np.int64)]
    )

    def by_reason(texts: list[str]) -> pd.Categorical:
        codes, uniques = pd.factorize(np.array(texts, dtype=object))
        return pd.Categorical.from_codes(codes[of], categories=pd.Index(uniques.astype(object), dtype=object))

    return pd.DataFrame(
        {
            "sheet": pd.Categorical(np.repeat([log.sheet for log in logs], [log.quarantine_count for log in logs])),
            "row": np.fromiter((row for log in logs for row in log.quarantine_rows), dtype=np.int64),
            "column": pd.Categorical([column for log in logs for column in log.quarantine_columns]),
            "value": [value for log in logs for value in log.quarantine_values],
            "reason": by_reason([reason.sentence for reason in reasons]),
            "code": by_reason([reason.code for reason in reasons]),
            "params": _objects([reason.params for reason in reasons])[of],
        },
        columns=QUARANTINE_COLUMNS,
    )


@dataclass
class SheetLog:
    sheet: str
    records: pd.DataFrame = field(default_factory=pd.DataFrame)  # one row per value read (cells.RECORD_COLUMNS)
    flags: list[dict] = field(default_factory=list)
    flag_coverage: list[tuple[str, int]] = field(default_factory=list)
    # quarantined cells by column (a conflict-heavy file has hundreds of thousands): row, column,
    # the cell's masked text and the index of its reason in `quarantine_reasons`
    quarantine_rows: list[int] = field(default_factory=list)
    quarantine_columns: list[str] = field(default_factory=list)
    quarantine_values: list[str] = field(default_factory=list)
    quarantine_reason_of: list[int] = field(default_factory=list)
    quarantine_reasons: list[QuarantineReason] = field(default_factory=list)
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
        reason = len(self.quarantine_reasons)
        self.quarantine_reasons.append(QuarantineReason(code, params))
        for row, column, cell in where:
            self.quarantine_rows.append(row)
            self.quarantine_columns.append(column)
            self.quarantine_values.append(mask_personal(cell_text(cell)))
            self.quarantine_reason_of.append(reason)
        self.quarantined_rows.update(row for row, _, _ in where)
        self.cells_quarantined += cells * len(where)

    @property
    def quarantine_count(self) -> int:
        return len(self.quarantine_rows)

    def quarantine_entry(self, i: int) -> dict:
        """The i-th quarantined cell as the report lists it."""
        reason = self.quarantine_reasons[self.quarantine_reason_of[i]]
        return {
            "sheet": self.sheet,
            "row": self.quarantine_rows[i],
            "column": self.quarantine_columns[i],
            "value": self.quarantine_values[i],
            "reason": reason.sentence,
            "code": reason.code,
            "params": reason.params,
        }

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
