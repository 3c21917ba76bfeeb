"""Building the store from the shipped sources, without ever losing a ledger.

A build writes a new file beside the store, checks it (an explicit CHECKPOINT that must succeed,
no write-ahead log left over, reopened with every table holding the rows written), and only then
moves it into place. The ingested ledgers of the store it replaces (their ingests, values,
flags, coverage and quarantine, with their history) are carried into the new file, and the old
file is copied to a backup first. A failure at any step (a full disk included) leaves the old
store as it was and says so. Leftovers of an interrupted build are removed by the next one.
"""

from __future__ import annotations

import os
import secrets
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import duckdb
import pandas as pd

from ..demo import DEMO_SOURCE, DemoParameters, generate_demo
from ..demo.scale import scaled_gazetteer, scaled_parameters, village_count
from ..gazetteer import load_gazetteer
from ..metrics import metric_definitions
from ..parsing import point_values
from ..sources import load_facts, read_awards, read_sources
from .sql import LEDGER_ROWS, SCHEMA_VERSION, TABLES, StoreError, insert, run, store_lock, table_counts

TEMPORARY_PREFIX = ".building-"


@dataclass
class BuildOutcome:
    path: Path
    kept_ingests: int  # ingested ledgers carried over from the store it replaced
    backup: Path | None  # the replaced store, copied before it was replaced (when it held ledgers)


def _published_outcomes(facts: pd.DataFrame, villages: set[str], metrics: set[str]) -> pd.DataFrame:
    """Published village figures whose metric is a panel metric, as real (non-synthetic) outcomes."""
    rows = facts[facts["entity_code"].isin(villages) & facts["metric"].isin(metrics) & (facts["kind"] == "money")]
    low, high = rows["low"].astype(float), rows["high"].astype(float)
    return pd.DataFrame(
        {
            "village_code": rows["entity_code"],
            "year": rows["year"].astype(int),
            "metric": rows["metric"],
            "low": low,
            "high": high,
            "value": point_values(low, high),
            "qualifier": rows["qualifier"],
            "unit": rows["unit"],
            "period": rows["period"],
            "source_id": rows["source_id"],
            "raw": rows["raw"],
            "is_synthetic": False,
        }
    )


def _build_into(
    connection: duckdb.DuckDBPyConnection, demo: bool, parameters: DemoParameters, synthetic_villages: int | None
) -> None:
    run(connection, resources.files(__package__).joinpath("schema.sql").read_text(encoding="utf-8"))
    gazetteer = load_gazetteer()
    towns, villages = gazetteer.towns, gazetteer.villages
    if synthetic_villages:  # a province or the nation: synthetic villages added, the awards scaled
        towns, villages = scaled_gazetteer(gazetteer, synthetic_villages)
        parameters = scaled_parameters(parameters, synthetic_villages, village_count(gazetteer))
    facts = load_facts()
    sources = read_sources()
    demo_source = pd.DataFrame(
        [
            {
                "id": DEMO_SOURCE,
                "publisher": "zhaodong demo generator",
                "title": "Synthetic village-year panel",
                "date": "",
                "url": "",
                "language": "",
                "note": "SYNTHETIC: seeded, calibrated to the published totals; parameters in demo_parameters",
            }
        ]
    )
    metrics = metric_definitions()
    insert(
        connection,
        "meta",
        pd.DataFrame(
            {
                "key": ["schema_version", "built_at", "demo", "synthetic_villages"],
                "value": [
                    SCHEMA_VERSION,
                    datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    str(demo).lower(),
                    str(synthetic_villages or 0),  # villages in all where synthetic ones were added
                ],
            }
        ),
    )
    insert(connection, "sources", pd.concat([sources, demo_source], ignore_index=True) if demo else sources)
    insert(connection, "towns", towns)
    insert(connection, "villages", villages)
    # the plausible ranges are the ledger reader's rules, not data of the store
    insert(connection, "metrics", metrics.drop(columns=["plausible_min", "plausible_max"]))
    facts_table = facts.drop(columns=["publisher", "date", "url", "language"]).copy()
    facts_table["year"] = facts_table["year"].astype(int)
    insert(connection, "facts", facts_table)
    insert(connection, "red_flags", read_awards())
    insert(connection, "outcomes", _published_outcomes(facts, set(gazetteer.villages["code"]), set(metrics["metric"])))
    if demo:
        panel = generate_demo(villages, parameters)
        insert(connection, "red_flags", panel.red_flags)
        insert(connection, "outcomes", panel.outcomes)
        insert(connection, "joint_committees", panel.joint_committees)
        insert(connection, "joint_committee_members", panel.joint_committee_members)
        insert(connection, "demo_parameters", parameters.as_rows())


def _ledger_count(path: Path) -> int:
    """Ingests in the store at `path` (0 when there is none); StoreError when it cannot be read."""
    from .store import open_store  # the Store upgrades an older schema, with its own backup

    if not path.exists():
        return 0
    with open_store(path) as store:
        return int(store.query("SELECT count(*) AS n FROM ingests")["n"][0])


def _carry_ledgers(connection: duckdb.DuckDBPyConnection, old: Path) -> None:
    """Copy the ledger rows of the old store into the new one, history included."""
    run(connection, f"ATTACH '{old}' AS old (READ_ONLY)")
    try:
        for table, condition in LEDGER_ROWS.items():
            run(connection, f'INSERT INTO "{table}" BY NAME SELECT * FROM old."{table}" WHERE {condition}')
    finally:
        run(connection, "DETACH old")


def _remove_leftovers(folder: Path) -> None:
    """Temporary files of builds whose process is gone (killed mid-build, or a full disk)."""
    for leftover in folder.glob(f"{TEMPORARY_PREFIX}*"):
        try:
            pid = int(leftover.name[len(TEMPORARY_PREFIX) :].split("-")[0])
        except ValueError:
            continue
        try:
            os.kill(pid, 0)
            continue  # a build still running
        except ProcessLookupError:
            pass
        except PermissionError:
            continue
        leftover.unlink(missing_ok=True)


def _verify(temporary: Path, expected: dict[str, int]) -> None:
    wal = temporary.with_name(temporary.name + ".wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            "the new store's data did not reach its file (a write-ahead log is left); the disk may be full"
        )
    connection = duckdb.connect(str(temporary), read_only=True)
    try:
        counts = table_counts(connection)
    finally:
        connection.close()
    if counts != expected:
        wrong = {table: (counts.get(table), rows) for table, rows in expected.items() if counts.get(table) != rows}
        raise StoreError(f"the new store does not hold what was written: {wrong}")


def build_store(
    path, demo: bool = True, parameters: DemoParameters = DemoParameters(), synthetic_villages: int | None = None
) -> Path:
    """Create (or rebuild) the store at `path`; see `build`. Returns its path."""
    return build(path, demo, parameters, synthetic_villages=synthetic_villages).path


def build(
    path,
    demo: bool = True,
    parameters: DemoParameters = DemoParameters(),
    replace_unreadable: bool = False,
    synthetic_villages: int | None = None,
) -> BuildOutcome:
    """Create the store at `path` from the shipped sources, keeping the ingested ledgers of the
    store it replaces; replaces it only once the new one is checked. A store that cannot be read
    (damaged, another program's) is replaced only with `replace_unreadable`, after a copy of it is
    made. `synthetic_villages`: a store at scale, with synthetic villages added up to that many
    (`demo.scale`; a province 10,000, the nation 490,000). Raises StoreError, the old store untouched."""
    path = Path(path)
    # A store reached through a symlink (on another volume) is rebuilt where it lives: the link stays.
    path = path.resolve() if path.is_symlink() else path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"{path.parent}: cannot create the folder ({error.strerror})") from None
    with store_lock(path):
        _remove_leftovers(path.parent)
        try:
            kept = _ledger_count(path)
        except StoreError as error:
            if not replace_unreadable:
                raise StoreError(
                    f"{error}; `zhaodong build --replace` replaces it, after copying it beside itself"
                ) from None
            kept = -1  # unreadable: copied, not carried over
        temporary = path.with_name(f"{TEMPORARY_PREFIX}{os.getpid()}-{secrets.token_hex(4)}.duckdb")
        backup = None
        try:
            connection = duckdb.connect(str(temporary))
            try:
                _build_into(connection, demo, parameters, synthetic_villages)
                if kept > 0:
                    _carry_ledgers(connection, path)
                expected = table_counts(connection)
                run(connection, "CHECKPOINT")  # raises when the data cannot reach the file; close() would not
            finally:
                connection.close()
            _verify(temporary, expected)
            if kept != 0 and path.exists():
                stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
                backup = path.with_name(f"{path.name}.before-build-{stamp}.backup")
                shutil.copyfile(path, backup)
            os.replace(temporary, path)
            # A log of the replaced file would be replayed onto the new one: its data is carried over.
            path.with_name(path.name + ".wal").unlink(missing_ok=True)
        except (duckdb.Error, OSError) as error:
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise StoreError(f"{path}: the build failed ({message}); the store is as it was") from None
        finally:
            for leftover in (temporary, temporary.with_name(temporary.name + ".wal")):
                leftover.unlink(missing_ok=True)
    return BuildOutcome(path, max(kept, 0), backup)


def ensure_store(path, announce=None) -> Path:
    """The store at `path`, built with the embedded default if there is none (`announce` is called
    with a sentence first). Only `zhaodong dashboard` and `zhaodong build` create a store."""
    path = Path(path)
    if not path.exists():
        if announce:
            announce(
                f"no store at {path}: building the embedded default (published facts and the labelled "
                "SYNTHETIC demo panel)"
            )
        build_store(path)
    return path


__all__ = ["BuildOutcome", "TABLES", "build", "build_store", "ensure_store"]
