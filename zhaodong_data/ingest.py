"""Validate or ingest one ledger file: read and tidy it (ledgers), then write it (store)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .ledgers import read_ledger
from .store import open_store, store_lock


@dataclass
class IngestOutcome:
    report: dict
    status: str  # ingested | unchanged
    ingest_id: int


def _reference(store) -> dict[str, list[float]]:
    """Values of the store's current ledgers by metric: the scale a new ledger is checked against."""
    frame = store.query("SELECT metric, value FROM outcomes WHERE superseded_by IS NULL AND ingest_id IS NOT NULL "
                        "AND value IS NOT NULL")
    return {metric: group["value"].tolist() for metric, group in frame.groupby("metric")}


def validate_file(path, headers=None, label: str | None = None, store_path=None,
                  accept_outliers: bool = False) -> dict:
    """The report for a ledger; writes nothing. With a store (if it exists), values are also
    checked against the scale of the ledgers already in it. Raises UnreadableFile."""
    reference = {}
    if store_path is not None and Path(store_path).exists():
        with open_store(Path(store_path)) as store:
            reference = _reference(store)
    return read_ledger(path, headers=headers, label=label, reference=reference,
                       accept_outliers=accept_outliers).report


def ingest_file(store_path, path, headers=None, label: str | None = None,
                accept_outliers: bool = False) -> IngestOutcome:
    """Ingest a ledger in one transaction into an existing store. The same file again changes
    nothing. Raises UnreadableFile, or StoreError (no store, or it cannot be written)."""
    if not Path(store_path).exists():
        read_ledger(path, headers=headers, label=label)  # a bad file is said first
    with store_lock(store_path), open_store(Path(store_path), read_only=False) as store:
        result = read_ledger(path, headers=headers, label=label, reference=_reference(store),
                             accept_outliers=accept_outliers)
        existing = store.ingest_of(result.report["sha256"])
        if existing is not None:
            return IngestOutcome(result.report, "unchanged", existing)
        ingest_id = store.record_ingest(result.report, result.records, result.quarantine, result.red_flags,
                                        result.flag_coverage)
    return IngestOutcome(result.report, "ingested", ingest_id)
