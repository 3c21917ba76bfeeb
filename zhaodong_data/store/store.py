"""The village store: one DuckDB file. The only module that opens the database.

`build_store` writes a new file from the shipped sources (and the demo panel)
and moves it into place, so a failed build leaves the old store as it was.
`ingest_ledger` writes one ledger in one transaction. Readers get DataFrames.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import duckdb
import pandas as pd

from ..demo import DEMO_SOURCE, DemoParameters, generate_demo
from ..gazetteer import load_gazetteer
from ..metrics import metric_definitions
from ..parsing import point_values
from ..sources import load_facts, read_awards, read_sources

SCHEMA_VERSION = "3"
# Each older version's upgrade to the next, as SQL that keeps every row (see `upgrade_store`).
MIGRATIONS = {
    "2": [
        "ALTER TABLE quarantine ADD COLUMN code VARCHAR",
        "ALTER TABLE quarantine ADD COLUMN params VARCHAR",
        "ALTER TABLE ingests ADD COLUMN cells_quarantined INTEGER",
    ],
}
TABLES = (
    "meta", "sources", "towns", "villages", "metrics", "facts", "red_flags", "outcomes",
    "joint_committees", "joint_committee_members", "ingests", "quarantine", "demo_parameters",
)
OUTCOME_COLUMNS = [
    "village_code", "year", "metric", "low", "high", "value", "qualifier", "unit", "period",
    "source_id", "raw", "is_synthetic", "ingest_id", "superseded_by", "sheet", "row",
]


class StoreError(Exception):
    """The store is missing, of another schema version, or cannot be written."""


def _run(connection: duckdb.DuckDBPyConnection, sql: str, parameters=None) -> list:
    """Execute a statement and finish its result (DuckDB wants it before the next statement)."""
    return connection.execute(sql, parameters or []).fetchall()


def _insert(connection: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    columns = ", ".join(f'"{c}"' for c in frame.columns)
    connection.register("_frame", frame)
    try:
        _run(connection, f'INSERT INTO {table} ({columns}) SELECT {columns} FROM _frame')
    finally:
        connection.unregister("_frame")


def _published_outcomes(facts: pd.DataFrame, villages: set[str], metrics: set[str]) -> pd.DataFrame:
    """Published village figures whose metric is a panel metric, as real (non-synthetic) outcomes."""
    rows = facts[facts["entity_code"].isin(villages) & facts["metric"].isin(metrics) & (facts["kind"] == "money")]
    low, high = rows["low"].astype(float), rows["high"].astype(float)
    return pd.DataFrame({
        "village_code": rows["entity_code"], "year": rows["year"].astype(int), "metric": rows["metric"],
        "low": low, "high": high, "value": point_values(low, high), "qualifier": rows["qualifier"],
        "unit": rows["unit"], "period": rows["period"], "source_id": rows["source_id"], "raw": rows["raw"],
        "is_synthetic": False,
    })


def _build_into(connection: duckdb.DuckDBPyConnection, demo: bool, parameters: DemoParameters) -> None:
    _run(connection, resources.files(__package__).joinpath("schema.sql").read_text(encoding="utf-8"))
    gazetteer = load_gazetteer()
    facts = load_facts()
    sources = read_sources()
    demo_source = pd.DataFrame([{
        "id": DEMO_SOURCE, "publisher": "zhaodong demo generator", "title": "Synthetic village-year panel",
        "date": "", "url": "", "language": "",
        "note": "SYNTHETIC: seeded, calibrated to the published totals; parameters in demo_parameters",
    }])
    metrics = metric_definitions()
    _insert(connection, "meta", pd.DataFrame({
        "key": ["schema_version", "built_at", "demo"],
        "value": [SCHEMA_VERSION, datetime.now(timezone.utc).isoformat(timespec="seconds"), str(demo).lower()],
    }))
    _insert(connection, "sources", pd.concat([sources, demo_source], ignore_index=True) if demo else sources)
    _insert(connection, "towns", gazetteer.towns)
    _insert(connection, "villages", gazetteer.villages)
    _insert(connection, "metrics", metrics)
    facts_table = facts.drop(columns=["publisher", "date", "url", "language"]).copy()
    facts_table["year"] = facts_table["year"].astype(int)
    _insert(connection, "facts", facts_table)
    _insert(connection, "red_flags", read_awards())
    _insert(connection, "outcomes", _published_outcomes(facts, set(gazetteer.villages["code"]), set(metrics["metric"])))
    if demo:
        panel = generate_demo(gazetteer.villages, parameters)
        _insert(connection, "red_flags", panel.red_flags)
        _insert(connection, "outcomes", panel.outcomes)
        _insert(connection, "joint_committees", panel.joint_committees)
        _insert(connection, "joint_committee_members", panel.joint_committee_members)
        _insert(connection, "demo_parameters", parameters.as_rows())


def build_store(path, demo: bool = True, parameters: DemoParameters = DemoParameters()) -> Path:
    """Create the store at `path` from the shipped sources; replaces an existing one only on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".building-", suffix=".duckdb", dir=path.parent)
    os.close(handle)
    os.unlink(temporary)  # DuckDB creates the file itself
    try:
        connection = duckdb.connect(temporary)
        try:
            _build_into(connection, demo, parameters)
        finally:
            connection.close()
        os.replace(temporary, path)
    finally:
        for leftover in (temporary, temporary + ".wal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
    return path


def ensure_store(path) -> Path:
    """The store at `path`, built with the embedded default if it does not exist yet."""
    path = Path(path)
    if not path.exists():
        build_store(path)
    return path


def _schema_version(connection: duckdb.DuckDBPyConnection) -> str | None:
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None


def upgrade_store(path) -> Path:
    """Upgrade a store of an older schema in place, keeping every row, after copying it to a
    backup beside it (returned). Raises StoreError when the version is unknown."""
    path = Path(path)
    connection = duckdb.connect(str(path))
    try:
        version = _schema_version(connection)
        if version == SCHEMA_VERSION:
            return path
        if version not in MIGRATIONS:
            raise StoreError(f"{path}: schema {version} cannot be upgraded to {SCHEMA_VERSION}")
        _run(connection, "CHECKPOINT")
        backup = path.with_name(f"{path.name}.schema-{version}.backup")
        shutil.copyfile(path, backup)
        _run(connection, "BEGIN TRANSACTION")
        try:
            while version in MIGRATIONS:
                for statement in MIGRATIONS[version]:
                    _run(connection, statement)
                version = str(int(version) + 1)
            _run(connection, "UPDATE meta SET value = ? WHERE key = 'schema_version'", [version])
            _run(connection, "COMMIT")
        except BaseException:
            _run(connection, "ROLLBACK")
            raise
        _run(connection, "CHECKPOINT")
    except duckdb.Error as error:
        raise StoreError(f"{path}: cannot upgrade the store ({error})") from None
    finally:
        connection.close()
    return backup


class Store:
    """A connection to the store. Use as a context manager; read-only unless asked."""

    def __init__(self, path, read_only: bool = True, auto_upgrade: bool = True):
        self.path = Path(path)
        if not self.path.exists():
            raise StoreError(f"{self.path}: no store here; run `zhaodong build` first")
        try:
            self.connection = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as error:
            raise StoreError(f"{self.path}: cannot open the store ({error})") from None
        self.upgraded: tuple[str, Path] | None = None  # (old version, backup) when opening upgraded it
        version = _schema_version(self.connection)
        if version in MIGRATIONS and auto_upgrade:
            self.close()
            self.upgraded = (version, upgrade_store(self.path))
            self.connection = duckdb.connect(str(self.path), read_only=read_only)
            version = _schema_version(self.connection)
        if version != SCHEMA_VERSION:
            self.close()
            if version is None:
                raise StoreError(f"{self.path}: not a zhaodong store (no schema version); check --store, or "
                                 "restore the store from a backup (`zhaodong backup` makes them)")
            raise StoreError(f"{self.path}: store schema {version}, but this zhaodong reads schema {SCHEMA_VERSION} "
                             "and cannot upgrade it: use the newer zhaodong that wrote it")

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

    def red_flags(self, which: str = "auto") -> pd.DataFrame:
        """Current flags (not superseded). `auto`: real flags only once ledgers are ingested (the
        published awards and ledger flags), else all, synthetic included."""
        real_only = which == "real" or (which == "auto" and self.has_real_ledgers())
        condition = "NOT is_synthetic" if real_only else "TRUE"
        return self.query(f"SELECT * FROM red_flags WHERE superseded_by IS NULL AND {condition}")

    def has_real_ledgers(self) -> bool:
        return bool(self.connection.execute(
            "SELECT count(*) FROM outcomes WHERE ingest_id IS NOT NULL AND superseded_by IS NULL"
        ).fetchone()[0])

    def outcomes(self, which: str = "auto") -> pd.DataFrame:
        """Current outcomes (not superseded). `which`: auto (ingested ledgers if any, else the
        synthetic demo), real (ingested and published, never synthetic), synthetic, or all."""
        if which == "auto":
            which = "ledgers" if self.has_real_ledgers() else "synthetic"
        condition = {
            "ledgers": "ingest_id IS NOT NULL", "real": "NOT is_synthetic", "synthetic": "is_synthetic",
            "all": "TRUE",
        }[which]
        return self.query(f"SELECT * FROM outcomes WHERE superseded_by IS NULL AND {condition}")

    # --- ingest ------------------------------------------------------------------------

    def ingest_of(self, sha256: str) -> int | None:
        row = self.connection.execute(
            "SELECT id FROM ingests WHERE sha256 = ? AND status = 'ingested' ORDER BY id DESC LIMIT 1", [sha256]
        ).fetchone()
        return row[0] if row else None

    def record_ingest(self, report: dict, records: pd.DataFrame, quarantine: pd.DataFrame,
                      red_flags: pd.DataFrame | None = None, flag_coverage: pd.DataFrame | None = None) -> int:
        """Write one ledger in one transaction: its ingest row, outcomes, red flags and quarantine.
        Earlier values for the same village, year and metric are marked superseded, not deleted;
        so are earlier ledger flags of every village and year the ledger's red-flag column covers
        (`flag_coverage`), so that a village left blank loses its earlier ledger flag."""
        connection = self.connection
        _run(connection, "BEGIN TRANSACTION")
        try:
            ingest_id = _run(connection, "SELECT coalesce(max(id), 0) + 1 FROM ingests")[0][0]
            _insert(connection, "ingests", pd.DataFrame([{
                "id": ingest_id, "file_name": report["file"], "sha256": report["sha256"],
                "at": datetime.now(timezone.utc).replace(tzinfo=None), "rows_read": report["rows_read"],
                "rows_clean": report["rows_clean"], "rows_quarantined": report["rows_quarantined"],
                "rows_skipped": report["rows_skipped"], "status": "ingested",
                "report": json.dumps(report, ensure_ascii=False),
                "cells_quarantined": report.get("cells_quarantined", 0),
            }]))
            if not records.empty:
                rows = records.assign(ingest_id=ingest_id, superseded_by=None, is_synthetic=False)
                connection.register("_new", rows[["village_code", "year", "metric"]])
                _run(
                    connection,
                    """UPDATE outcomes SET superseded_by = ?
                       WHERE superseded_by IS NULL AND ingest_id IS NOT NULL
                         AND (village_code, year, metric) IN (SELECT village_code, year, metric FROM _new)""",
                    [ingest_id],
                )
                connection.unregister("_new")
                _insert(connection, "outcomes", rows[OUTCOME_COLUMNS])
            if flag_coverage is None and red_flags is not None:
                flag_coverage = red_flags[["village_code", "year"]]
            if flag_coverage is not None and not flag_coverage.empty:
                connection.register("_flags", flag_coverage[["village_code", "year"]].drop_duplicates())
                _run(
                    connection,
                    """UPDATE red_flags SET superseded_by = ?
                       WHERE superseded_by IS NULL AND ingest_id IS NOT NULL
                         AND (village_code, year) IN (SELECT village_code, year FROM _flags)""",
                    [ingest_id],
                )
                connection.unregister("_flags")
            if red_flags is not None and not red_flags.empty:
                _insert(connection, "red_flags", red_flags[["village_code", "aspect", "year", "name_as_published"]].assign(
                    source_id=f"ledger:{Path(report['file']).name}", confidence="ledger", is_synthetic=False,
                    ingest_id=ingest_id, note=None, candidates=None))
            if not quarantine.empty:
                rows = quarantine.assign(ingest_id=ingest_id)
                if "params" in rows:
                    rows["params"] = rows["params"].map(lambda p: json.dumps(p, ensure_ascii=False, default=str))
                _insert(connection, "quarantine", rows)
            _run(connection, "COMMIT")
        except BaseException:
            _run(connection, "ROLLBACK")
            raise
        return ingest_id


@contextmanager
def open_store(path, read_only: bool = True):
    store = Store(path, read_only=read_only)
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
