"""The village store (one DuckDB file): build, upgrade, ingest, revert, back up, read, export."""

from .building import BuildOutcome, build, build_store, ensure_store
from .sql import OUTCOME_COLUMNS, SCHEMA_VERSION, TABLES, StoreError, store_lock
from .store import SELECTIONS, Store, backup_store, export_table, open_store, revert_ingest
from .upgrade import MIGRATIONS, upgrade_store

__all__ = [
    "MIGRATIONS",
    "OUTCOME_COLUMNS",
    "SCHEMA_VERSION",
    "SELECTIONS",
    "TABLES",
    "BuildOutcome",
    "Store",
    "StoreError",
    "backup_store",
    "build",
    "build_store",
    "ensure_store",
    "export_table",
    "open_store",
    "revert_ingest",
    "store_lock",
    "upgrade_store",
]
