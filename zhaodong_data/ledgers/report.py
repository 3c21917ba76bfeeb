"""A ledger's report: counts (checked to add up), quarantined cells, skipped rows, warnings,
ignored columns and how each sheet was read."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .reasons import warning_sentence
from .report_summary import EXAMPLES_PER_REASON, examples_of
from .sheet_log import SheetLog

REPORT_KEYS = (
    "file",
    "sha256",
    "rows_read",
    "rows_clean",
    "rows_quarantined",
    "rows_skipped",
    "cells_quarantined",
    "quarantine",
    "skipped",
    "warnings",
    "warning_codes",
    "ignored_columns",
    "layout",
    "recipe",
)


class AccountingError(AssertionError):
    """The row counts of a ledger do not add up: a bug in the reader, never the user's fault."""


def file_sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ledger_report(
    path: Path,
    label: str | None,
    logs: list[SheetLog],
    warnings: list[dict],
    recipe: dict | None = None,
    whole: bool = False,
) -> dict:
    """The report of a ledger read sheet by sheet; every row read is clean, quarantined or
    skipped, and AccountingError says so when the counts do not add up. Its quarantine lists at
    most EXAMPLES_PER_REASON cells of each reason (`summarised` counts them all; the full list is
    the LedgerResult's frame), or every cell when `whole`."""
    skipped = [s for log in logs for s in log.skipped]
    rows_read = sum(log.rows_read for log in logs)
    rows_clean = sum(log.rows_clean for log in logs)
    rows_quarantined = sum(len(log.quarantined_rows) for log in logs)
    if rows_read != rows_clean + rows_quarantined + len(skipped):
        raise AccountingError(
            f"{path}: {rows_read} rows read but {rows_clean} clean + {rows_quarantined} "
            f"quarantined + {len(skipped)} skipped"
        )
    quarantine, counted = _quarantine_listed(logs, whole)
    report = {
        "file": label or str(path),
        "sha256": file_sha256(path),
        "rows_read": rows_read,
        "rows_clean": rows_clean,
        "rows_quarantined": rows_quarantined,
        "rows_skipped": len(skipped),
        "cells_quarantined": sum(log.cells_quarantined for log in logs),
        "quarantine": quarantine,
        "skipped": skipped,
        "warnings": [warning_sentence(w, "en") for w in warnings],
        "warning_codes": warnings,
        "ignored_columns": [c for log in logs for c in log.ignored_columns],
        "layout": [log.layout for log in logs if log.layout is not None],
        "recipe": recipe,  # the reading recipe the file was read with (its content, for provenance), or None
    }
    if counted is not None:
        report["summarised"] = {"examples_per_reason": EXAMPLES_PER_REASON, "lists": {"quarantine": counted}}
    return report


def _quarantine_listed(logs: list[SheetLog], whole: bool) -> tuple[list[dict], dict | None]:
    """The quarantined cells the report lists, and (when some are left out) how many there are."""
    cells = [(log, i) for log in logs for i in range(log.quarantine_count)]
    if whole:
        return [log.quarantine_entry(i) for log, i in cells], None
    reasons = (log.quarantine_reasons[log.quarantine_reason_of[i]].code for log, i in cells)
    kept, per_reason = examples_of(reasons)
    listed = [cells[k][0].quarantine_entry(cells[k][1]) for k in kept]
    if len(kept) == len(cells):
        return listed, None
    return listed, {"entries": len(cells), "kept": len(kept), "per_reason": per_reason}
