"""What every part of the store shares: its version, tables, errors, statements and lock."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

SCHEMA_VERSION = "3"
TABLES = (
    "meta",
    "sources",
    "towns",
    "villages",
    "metrics",
    "facts",
    "red_flags",
    "outcomes",
    "joint_committees",
    "joint_committee_members",
    "ingests",
    "quarantine",
    "flag_coverage",
    "demo_parameters",
)
# Tables whose rows come from ingested ledgers (the rest is rebuilt from the shipped sources).
LEDGER_ROWS = {
    "ingests": "TRUE",
    "quarantine": "TRUE",
    "flag_coverage": "TRUE",
    "outcomes": "ingest_id IS NOT NULL",
    "red_flags": "ingest_id IS NOT NULL",
}
OUTCOME_COLUMNS = [
    "village_code",
    "year",
    "metric",
    "low",
    "high",
    "value",
    "qualifier",
    "unit",
    "period",
    "source_id",
    "raw",
    "is_synthetic",
    "ingest_id",
    "superseded_by",
    "sheet",
    "row",
]
LOCK_TIMEOUT_SECONDS = 60.0


class StoreError(Exception):
    """The store is missing, damaged, of another schema version, busy or cannot be written; the
    message is one line that says what to do."""


def run(connection: duckdb.DuckDBPyConnection, sql: str, parameters=None) -> list:
    """Execute a statement and finish its result (DuckDB wants it before the next statement)."""
    return connection.execute(sql, parameters or []).fetchall()


def rollback(connection: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction, if DuckDB has not already: a failed COMMIT (a full disk)
    may have ended it, and "cannot rollback - no transaction is active" must not hide why."""
    try:
        run(connection, "ROLLBACK")
    except duckdb.Error:
        pass


def insert(connection: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    columns = ", ".join(f'"{c}"' for c in frame.columns)
    connection.register("_frame", frame)
    try:
        run(connection, f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _frame")
    finally:
        connection.unregister("_frame")


def schema_version(connection: duckdb.DuckDBPyConnection) -> str | None:
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None


def table_counts(connection: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {table: run(connection, f'SELECT count(*) FROM "{table}"')[0][0] for table in TABLES}


_held: dict[tuple[str, int], int] = {}  # (lock file, thread) this process holds, and how deeply
_held_guard = threading.RLock()


@contextmanager
def store_lock(path, timeout: float = LOCK_TIMEOUT_SECONDS):
    """One writer at a time (build, ingest, revert, upgrade, backup), across processes: an
    exclusive lock on `<store>.lock`, re-entrant within a process. Waits up to `timeout`
    seconds, then StoreError."""
    path = Path(path)
    path = path.resolve() if path.is_symlink() else path  # a linked store is locked where it lives, by any path to it
    lock_path = str(path.with_name(path.name + ".lock"))
    key = (lock_path, threading.get_ident())
    with _held_guard:
        if _held.get(key):
            _held[key] += 1
            try:
                yield
            finally:
                _held[key] -= 1
            return
    try:
        handle = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o664)
    except OSError as error:
        raise StoreError(f"{path.parent}: cannot write here ({error.strerror})") from None
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"{path}: another build, ingest or revert has been writing for over "
                        f"{timeout:.0f} s; try again when it is done"
                    ) from None
                time.sleep(0.1)
        with _held_guard:
            _held[key] = 1
        try:
            yield
        finally:
            with _held_guard:
                _held.pop(key, None)
    finally:
        os.close(handle)  # releases the lock


def connect(path, read_only: bool, timeout: float = LOCK_TIMEOUT_SECONDS) -> duckdb.DuckDBPyConnection:
    """A connection, waiting (bounded) while another process holds the file: DuckDB lets one
    process write, or several read, at a time."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as error:
            if "lock" not in str(error).lower() or time.monotonic() > deadline:
                raise StoreError(f"{path}: cannot open the store ({str(error).splitlines()[0]})") from None
            time.sleep(0.05)
        except duckdb.Error as error:
            raise StoreError(
                f"{path}: cannot open the store ({str(error).splitlines()[0]}); if it is damaged, "
                "restore it from a backup (`zhaodong backup` makes them)"
            ) from None
