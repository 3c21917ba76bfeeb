"""Schema upgrades: each older version's SQL to the next, keeping every row.

`upgrade_store` copies the store beside itself first (`<store>.schema-N.backup`), then runs the
migrations in one transaction; a failure leaves the store as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from .sql import SCHEMA_VERSION, StoreError, rollback, run, schema_version, store_lock

MIGRATIONS = {
    "2": [
        "ALTER TABLE quarantine ADD COLUMN code VARCHAR",
        "ALTER TABLE quarantine ADD COLUMN params VARCHAR",
        "ALTER TABLE ingests ADD COLUMN cells_quarantined INTEGER",
        "ALTER TABLE metrics ADD COLUMN missing_means VARCHAR",
        "UPDATE metrics SET missing_means = CASE WHEN metric IN ('collective_income', 'wage_income') THEN 'missing' "
        "ELSE 'not_applicable' END",
        "CREATE TABLE flag_coverage (ingest_id INTEGER NOT NULL, village_code VARCHAR NOT NULL, year INTEGER NOT NULL)",
        # Before schema 3 a ledger's flags were its coverage.
        "INSERT INTO flag_coverage SELECT DISTINCT ingest_id, village_code, year FROM red_flags "
        "WHERE ingest_id IS NOT NULL AND village_code IS NOT NULL",
    ],
}


def upgrade_store(path) -> Path:
    """Upgrade a store of an older schema in place, keeping every row, after copying it to a
    backup beside it (returned; the store itself when it was current). Raises StoreError."""
    path = Path(path)
    with store_lock(path):
        connection = None
        try:
            connection = duckdb.connect(str(path))
            version = schema_version(connection)
            if version == SCHEMA_VERSION:
                return path
            if version not in MIGRATIONS:
                raise StoreError(f"{path}: schema {version} cannot be upgraded to {SCHEMA_VERSION}")
            run(connection, "CHECKPOINT")
            backup = path.with_name(f"{path.name}.schema-{version}.backup")
            shutil.copyfile(path, backup)
            run(connection, "BEGIN TRANSACTION")
            try:
                while version in MIGRATIONS:
                    for statement in MIGRATIONS[version]:
                        run(connection, statement)
                    version = str(int(version) + 1)
                run(connection, "UPDATE meta SET value = ? WHERE key = 'schema_version'", [version])
                run(connection, "COMMIT")
            except BaseException:
                rollback(connection)
                raise
            run(connection, "CHECKPOINT")
            return backup
        except (duckdb.Error, OSError) as error:
            raise StoreError(
                f"{path}: cannot upgrade the store ({str(error).splitlines()[0]}); it is as it was"
            ) from None
        finally:
            if connection is not None:
                connection.close()
