"""Validate or ingest one ledger file: read and tidy it (ledgers), then write it (store)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .ledgers import read_ledger
from .store import ensure_store, open_store


@dataclass
class IngestOutcome:
    report: dict
    status: str  # ingested | unchanged
    ingest_id: int


def validate_file(path, headers=None, label: str | None = None) -> dict:
    """The report for a ledger; writes nothing. Raises UnreadableFile."""
    return read_ledger(path, headers=headers, label=label).report


def ingest_file(store_path, path, headers=None, label: str | None = None) -> IngestOutcome:
    """Ingest a ledger in one transaction. The same file again changes nothing."""
    result = read_ledger(path, headers=headers, label=label)
    ensure_store(store_path)
    with open_store(Path(store_path), read_only=False) as store:
        existing = store.ingest_of(result.report["sha256"])
        if existing is not None:
            return IngestOutcome(result.report, "unchanged", existing)
        ingest_id = store.record_ingest(result.report, result.records, result.quarantine, result.red_flags,
                                        result.flag_coverage)
    return IngestOutcome(result.report, "ingested", ingest_id)
