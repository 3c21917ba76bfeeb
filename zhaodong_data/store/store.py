"""The village store: one DuckDB file, and the only package that opens it.

`Store` reads (DataFrames) and writes one ledger per transaction (`record_ingest`), or takes
one back (`revert_ingest`); `build.py` creates the file, `upgrade.py` migrates an older one,
`sql.py` holds what they share. Every write takes the store's lock, so writers queue.
"""

from __future__ import annotations

import json
import shutil
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from ..ledgers.report_summary import summarised
from .sql import (
    OUTCOME_COLUMNS,
    SCHEMA_VERSION,
    TABLES,
    StoreError,
    connect,
    insert,
    rollback,
    run,
    schema_version,
    store_lock,
)
from .upgrade import MIGRATIONS, upgrade_store

# What the dashboard and notebooks can show once ledgers are in: their values only, the synthetic
# demo only, or both (ledger values where they exist, synthetic elsewhere, each labelled).
SELECTIONS = ("ledgers", "with_demo", "demo")


class Store:
    """A connection to the store. Use as a context manager; read-only unless asked."""

    def __init__(self, path, read_only: bool = True, auto_upgrade: bool = True, timeout: float | None = None):
        self.path = Path(path)
        if not self.path.exists():
            raise StoreError(f"{self.path}: no store here; run `zhaodong build` first")
        self.connection = connect(self.path, read_only) if timeout is None else connect(self.path, read_only, timeout)
        self.upgraded: tuple[str, Path] | None = None  # (old version, backup) when opening upgraded it
        version = schema_version(self.connection)
        if version in MIGRATIONS and auto_upgrade:
            self.close()
            self.upgraded = (version, upgrade_store(self.path))
            self.connection = connect(self.path, read_only)
            version = schema_version(self.connection)
        if version != SCHEMA_VERSION:
            self.close()
            if version is None:
                raise StoreError(
                    f"{self.path}: not a zhaodong store (no schema version); check --store, or "
                    "restore the store from a backup (`zhaodong backup` makes them)"
                )
            raise StoreError(
                f"{self.path}: store schema {version}, but this zhaodong reads schema {SCHEMA_VERSION} "
                "and cannot upgrade it: use the newer zhaodong that wrote it"
            )

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        self.connection.close()

    def query(self, sql: str, parameters=None) -> pd.DataFrame:
        return self.connection.execute(sql, parameters or []).df()

    def table(self, name: str) -> pd.DataFrame:
        if name not in TABLES:
            raise StoreError(f"no table {name!r}; tables: {', '.join(TABLES)}")
        return self.query(f'SELECT * FROM "{name}"')

    def selection(self, which: str = "auto") -> str:
        """What `auto` means now: `ledgers` once any ledger is ingested, else `demo`."""
        if which in SELECTIONS:
            return which
        return "ledgers" if self.has_real_ledgers() else "demo"

    def red_flags(self, which: str = "auto") -> pd.DataFrame:
        """Current flags (not superseded), for a data selection:
        `ledgers` (or `real`): the published awards and the flags of ingested ledgers, never synthetic;
        `demo`: every flag, the synthetic demo's included (before any ledger, the demo's own view);
        `with_demo`: the real flags, and the demo's synthetic flags for villages no real flag or
        ledger red-flag column covers; `auto`: `ledgers` once ledgers are ingested, else `demo`."""
        which = "ledgers" if which == "real" else self.selection(which)
        current = "superseded_by IS NULL"
        if which == "ledgers":
            return self.query(f"SELECT * FROM red_flags WHERE {current} AND NOT is_synthetic")
        if which == "demo":
            return self.query(f"SELECT * FROM red_flags WHERE {current}")
        return self.query(f"""
            SELECT * FROM red_flags WHERE {current} AND NOT is_synthetic
            UNION ALL BY NAME
            SELECT * FROM red_flags f WHERE {current} AND is_synthetic
              AND f.village_code NOT IN (SELECT village_code FROM red_flags WHERE {current} AND NOT is_synthetic
                                         AND village_code IS NOT NULL)
              AND f.village_code NOT IN (SELECT c.village_code FROM flag_coverage c
                                         JOIN ingests i ON i.id = c.ingest_id WHERE i.status = 'ingested')""")

    def has_real_ledgers(self) -> bool:
        row = self.connection.execute(
            "SELECT count(*) FROM outcomes WHERE ingest_id IS NOT NULL AND superseded_by IS NULL"
        ).fetchone()
        return bool(row and row[0])

    def outcomes(self, which: str = "auto") -> pd.DataFrame:
        """Current outcomes (not superseded), for a data selection: `ledgers` (ingested ledgers
        only), `demo` (the synthetic panel), `with_demo` (ledger values, and synthetic values for the
        village-year-metrics no ledger gives), `real` (ingested and published, never synthetic),
        `synthetic`, `all`; `auto`: `ledgers` once ledgers are ingested, else `demo`."""
        if which not in ("real", "synthetic", "all"):
            which = self.selection(which)
        current = "superseded_by IS NULL"
        if which == "with_demo":
            return self.query(f"""
                SELECT * FROM outcomes WHERE {current} AND ingest_id IS NOT NULL
                UNION ALL BY NAME
                SELECT * FROM outcomes o WHERE {current} AND is_synthetic
                  AND (village_code, year, metric) NOT IN (
                      SELECT village_code, year, metric FROM outcomes WHERE {current} AND ingest_id IS NOT NULL)""")
        condition = {
            "ledgers": "ingest_id IS NOT NULL",
            "real": "NOT is_synthetic",
            "synthetic": "is_synthetic",
            "demo": "is_synthetic",
            "all": "TRUE",
        }[which]
        return self.query(f"SELECT * FROM outcomes WHERE {current} AND {condition}")

    # --- ingest ------------------------------------------------------------------------

    def ingest_of(self, sha256: str, recipe_digest: str | None = None) -> int | None:
        """The standing ingest of this file read this way (no recipe, or the recipe of this digest)."""
        rows = self.connection.execute(
            "SELECT id, report FROM ingests WHERE sha256 = ? AND status = 'ingested' ORDER BY id DESC", [sha256]
        ).fetchall()
        for ingest_id, report in rows:
            recipe = (json.loads(report) if report else {}).get("recipe")
            if (recipe or {}).get("digest") == recipe_digest:
                return ingest_id
        return None

    def ingest_recipes(self) -> list[tuple[int, str, dict]]:
        """(ingest id, file, recipe) of each standing ingest read with a reading recipe, newest first."""
        rows = self.connection.execute(
            "SELECT id, file_name, report FROM ingests WHERE status = 'ingested' AND report LIKE '%\"digest\"%' "
            "ORDER BY id DESC"
        ).fetchall()
        found = []
        for ingest_id, file_name, report in rows:
            recipe = json.loads(report).get("recipe")
            if recipe:
                found.append((ingest_id, file_name, recipe))
        return found

    def record_ingest(
        self,
        report: dict,
        records: pd.DataFrame,
        quarantine: pd.DataFrame,
        red_flags: pd.DataFrame | None = None,
        flag_coverage: pd.DataFrame | None = None,
    ) -> int:
        """Write one ledger in one transaction: its ingest row, outcomes, red flags and quarantine.
        Earlier values for the same village, year and metric are marked superseded, not deleted;
        so are earlier ledger flags of every village and year the ledger's red-flag column covers
        (`flag_coverage`), so that a village left blank loses its earlier ledger flag."""
        connection = self.connection
        run(connection, "BEGIN TRANSACTION")
        try:
            ingest_id = _insert_ingest(connection, report)
            _insert_outcomes(connection, records, ingest_id)
            if flag_coverage is None and red_flags is not None:
                flag_coverage = red_flags[["village_code", "year"]]
            _insert_red_flags(connection, red_flags, flag_coverage, report["file"], ingest_id)
            if not quarantine.empty:
                rows = quarantine.assign(ingest_id=ingest_id)
                if "params" in rows:
                    rows["params"] = _params_json(rows["params"])
                insert(connection, "quarantine", rows)
            run(connection, "COMMIT")
        except BaseException:
            rollback(connection)
            raise
        return ingest_id

    def quarantine_latest(self, limit: int) -> tuple[pd.DataFrame, int]:
        """The `limit` quarantined cells of the latest ingests (in sheet, row and column order
        within one), and how many the store holds: a page shows these, not a quarantine of
        hundreds of thousands of cells (55,000 took 11 s and 23 MB to show)."""
        latest = self.query(
            'SELECT * FROM quarantine ORDER BY ingest_id DESC, sheet, "row", "column" LIMIT ?', [int(limit)]
        )
        (total,) = self.connection.execute("SELECT count(*) FROM quarantine").fetchone() or (0,)
        return latest, int(total)

    def ingests(self) -> pd.DataFrame:
        """Every ingest, newest first, with its counts and status (ingested or reverted)."""
        return self.query("""SELECT id, file_name, sha256, "at", rows_read, rows_clean, rows_quarantined,
                                    rows_skipped, cells_quarantined, status
                             FROM ingests ORDER BY id DESC""")

    def revert_ingest(self, ingest_id: int) -> dict:
        """Take one ingested ledger back, in one transaction: its values and flags are withdrawn
        (superseded by their own ingest) and what they had superseded is current again, unless a
        later ledger covers it. Nothing is deleted. Returns counts of what changed."""
        connection = self.connection
        row = connection.execute("SELECT status FROM ingests WHERE id = ?", [ingest_id]).fetchone()
        if row is None:
            raise StoreError(f"no ingest #{ingest_id} in {self.path} (`zhaodong ingests` lists them)")
        if row[0] != "ingested":
            raise StoreError(f"ingest #{ingest_id} is {row[0]} already")
        run(connection, "BEGIN TRANSACTION")
        try:
            run(connection, "UPDATE ingests SET status = 'reverted' WHERE id = ?", [ingest_id])
            values = run(connection, "SELECT count(*) FROM outcomes WHERE ingest_id = ?", [ingest_id])[0][0]
            # For each key the ingest touched: the newest ingest still standing is current.
            run(
                connection,
                """
                UPDATE outcomes AS o SET superseded_by = CASE
                    WHEN i.status <> 'ingested' THEN o.ingest_id
                    WHEN o.ingest_id = k.current_id THEN NULL
                    ELSE k.current_id END
                FROM ingests AS i, (
                    SELECT o2.village_code, o2.year, o2.metric,
                           max(CASE WHEN i2.status = 'ingested' THEN o2.ingest_id END) AS current_id
                    FROM outcomes o2 JOIN ingests i2 ON i2.id = o2.ingest_id
                    WHERE (o2.village_code, o2.year, o2.metric) IN
                          (SELECT village_code, year, metric FROM outcomes WHERE ingest_id = ?)
                    GROUP BY ALL) AS k
                WHERE i.id = o.ingest_id AND o.village_code = k.village_code AND o.year = k.year
                  AND o.metric = k.metric""",
                [ingest_id],
            )
            run(
                connection,
                """
                UPDATE red_flags AS f SET superseded_by = CASE
                    WHEN i.status <> 'ingested' THEN f.ingest_id
                    WHEN f.ingest_id = k.current_id THEN NULL
                    ELSE k.current_id END
                FROM ingests AS i, (
                    SELECT c.village_code, c.year,
                           max(CASE WHEN i2.status = 'ingested' THEN c.ingest_id END) AS current_id
                    FROM flag_coverage c JOIN ingests i2 ON i2.id = c.ingest_id
                    WHERE (c.village_code, c.year) IN
                          (SELECT village_code, year FROM flag_coverage WHERE ingest_id = ?)
                    GROUP BY ALL) AS k
                WHERE i.id = f.ingest_id AND f.village_code = k.village_code AND f.year = k.year""",
                [ingest_id],
            )
            run(connection, "COMMIT")
        except BaseException:
            rollback(connection)
            raise
        return {"ingest_id": ingest_id, "values_withdrawn": values}


@contextmanager
def open_store(path, read_only: bool = True, timeout: float | None = None):
    """The store at `path`; `timeout`: how long to wait while a writer holds it (default LOCK_TIMEOUT_SECONDS)."""
    store = Store(path, read_only=read_only, timeout=timeout)
    try:
        yield store
    finally:
        store.close()


def export_table(path, table: str, fmt: str, output) -> Path:
    """Write one table of the store as csv, parquet or xlsx."""
    output = Path(output)
    with open_store(path) as store:
        frame = store.table(table)
    if fmt == "csv":
        from ..export import to_csv_bytes

        output.write_bytes(to_csv_bytes(frame))  # neutralised like every export; BOM for Excel
    elif fmt == "parquet":
        frame.to_parquet(output, index=False)
    elif fmt == "xlsx":
        from ..export import to_xlsx

        to_xlsx(frame, output, sheet_name=table)
    else:
        raise StoreError(f"unknown format {fmt!r}: csv, parquet or xlsx")
    return output


def revert_ingest(path, ingest_id: int) -> dict:
    """Take one ingested ledger back (see `Store.revert_ingest`), under the store's lock."""
    with store_lock(path), open_store(path, read_only=False) as store:
        return store.revert_ingest(ingest_id)


def backup_store(path, destination) -> Path:
    """A consistent copy of the store: its log checkpointed first, under the lock so that no
    writer runs meanwhile. `destination`: a file, or a folder (a dated name is chosen there).
    The copy is checked to open as a store. Returns its path."""
    path, destination = Path(path), Path(destination)
    if destination.is_dir():
        destination = destination / f"{path.stem}-{datetime.now().strftime('%Y%m%dT%H%M%S')}{path.suffix}"
    if destination.exists():
        raise StoreError(f"{destination}: exists already; choose another name")
    with store_lock(path):
        with open_store(path, read_only=False) as store:
            run(store.connection, "CHECKPOINT")
        try:
            shutil.copyfile(path, destination)
        except OSError as error:
            destination.unlink(missing_ok=True)
            raise StoreError(f"{destination}: cannot write the backup ({error.strerror})") from None
    with open_store(destination):
        pass
    return destination


# --- the parts of one ingest, each inside the caller's transaction ------------------------


def _params_json(params: pd.Series) -> list[str]:
    """Each cell's reason parameters as JSON, written once per reason (its cells share one dict)."""
    written: dict[int, str] = {}
    out = []
    for value in params:
        key = id(value)
        if key not in written:
            written[key] = json.dumps(value, ensure_ascii=False, default=str)
        out.append(written[key])
    return out


def _insert_ingest(connection, report: dict) -> int:
    """The ingest's own row, with the report's counts; returns its id."""
    ingest_id = run(connection, "SELECT coalesce(max(id), 0) + 1 FROM ingests")[0][0]
    row = {
        "id": ingest_id,
        "file_name": report["file"],
        "sha256": report["sha256"],
        "at": datetime.now(timezone.utc).replace(tzinfo=None),
        "rows_read": report["rows_read"],
        "rows_clean": report["rows_clean"],
        "rows_quarantined": report["rows_quarantined"],
        "rows_skipped": report["rows_skipped"],
        "status": "ingested",
        "report": json.dumps(summarised(report), ensure_ascii=False),  # counts and examples, not a copy
        "cells_quarantined": report.get("cells_quarantined", 0),
    }
    insert(connection, "ingests", pd.DataFrame([row]))
    return ingest_id


def _insert_outcomes(connection, records: pd.DataFrame, ingest_id: int) -> None:
    """The ledger's values; earlier ledger values of the same village, year and metric are
    marked superseded by this ingest, not deleted."""
    if records.empty:
        return
    rows = records.assign(ingest_id=ingest_id, superseded_by=None, is_synthetic=False)
    connection.register("_new", rows[["village_code", "year", "metric"]])
    run(
        connection,
        """UPDATE outcomes SET superseded_by = ?
           WHERE superseded_by IS NULL AND ingest_id IS NOT NULL
             AND (village_code, year, metric) IN (SELECT village_code, year, metric FROM _new)""",
        [ingest_id],
    )
    connection.unregister("_new")
    insert(connection, "outcomes", rows[OUTCOME_COLUMNS])


def _insert_red_flags(
    connection, red_flags: pd.DataFrame | None, coverage: pd.DataFrame | None, file_name: str, ingest_id: int
) -> None:
    """The ledger's red flags. Every earlier ledger flag of a village and year the ledger's
    red-flag column covers is superseded, so that a village left blank loses it."""
    if coverage is not None and not coverage.empty:
        coverage = coverage[["village_code", "year"]].drop_duplicates()
        insert(connection, "flag_coverage", coverage.assign(ingest_id=ingest_id))
        connection.register("_flags", coverage)
        run(
            connection,
            """UPDATE red_flags SET superseded_by = ?
               WHERE superseded_by IS NULL AND ingest_id IS NOT NULL
                 AND (village_code, year) IN (SELECT village_code, year FROM _flags)""",
            [ingest_id],
        )
        connection.unregister("_flags")
    if red_flags is not None and not red_flags.empty:
        insert(
            connection,
            "red_flags",
            red_flags[["village_code", "aspect", "year", "name_as_published"]].assign(
                source_id=f"ledger:{Path(file_name).name}",
                confidence="ledger",
                is_synthetic=False,
                ingest_id=ingest_id,
                note=None,
                candidates=None,
            ),
        )
