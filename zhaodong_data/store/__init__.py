"""The village store (one DuckDB file): build, ingest, read, export."""

from .store import (
    OUTCOME_COLUMNS, SCHEMA_VERSION, TABLES, Store, StoreError, build_store, ensure_store, export_table,
    open_store,
)

__all__ = [
    "OUTCOME_COLUMNS", "SCHEMA_VERSION", "TABLES", "Store", "StoreError", "build_store", "ensure_store",
    "export_table", "open_store",
]
