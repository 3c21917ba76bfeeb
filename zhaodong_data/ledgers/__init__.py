"""Real ledgers (CSV, XLSX, XLS) to tidy village-year-metric rows, with a quarantine and a report."""

from .read import UnreadableFile, read_sheets
from .tidy import LedgerResult, file_sha256, read_ledger

__all__ = ["LedgerResult", "UnreadableFile", "file_sha256", "read_ledger", "read_sheets"]
