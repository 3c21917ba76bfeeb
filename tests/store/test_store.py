import duckdb
import pandas as pd
import pytest

from zhaodong_data import config
from zhaodong_data.cli import main
from zhaodong_data.ingest import ingest_file
from zhaodong_data.store import SCHEMA_VERSION, TABLES, Store, StoreError, build_store, export_table, open_store
from zhaodong_data.store import building as build_module
from zhaodong_data.store import store as store_module

from ..ledgers.make import write_csv


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("store") / "zhaodong.duckdb")


def _ledger(path, value="45.2", village="东安村"):
    return write_csv(path, [["村名", "年度", "集体收入（万元）"], [village, "2022", value], ["向阳村", "2022", "30"]])


def test_every_documented_table_exists(built):
    with open_store(built) as store:
        for table in TABLES:
            store.table(table)
        assert store.table("meta").set_index("key").loc["schema_version", "value"] == SCHEMA_VERSION
        assert len(store.table("villages").query("level == 'village'")) == 186


def test_published_awards_and_their_confidence(built):
    with open_store(built) as store:
        real = store.query("SELECT * FROM red_flags WHERE NOT is_synthetic ORDER BY confidence")
    assert real["confidence"].tolist() == ["high", "unresolved"]
    assert real.loc[0, "village_code"] == "231282106202"
    assert pd.isna(real.loc[1, "village_code"]) and real.loc[1, "candidates"] == "231282213202"


def test_no_demo_build_has_no_synthetic_rows(tmp_path):
    path = build_store(tmp_path / "real.duckdb", demo=False)
    with open_store(path) as store:
        assert store.query("SELECT count(*) n FROM outcomes WHERE is_synthetic")["n"][0] == 0
        assert store.query("SELECT count(*) n FROM red_flags WHERE is_synthetic")["n"][0] == 0
        assert store.query("SELECT count(*) n FROM outcomes")["n"][0] > 0  # published village figures


def test_failed_build_leaves_the_old_store(tmp_path, monkeypatch):
    path = build_store(tmp_path / "s.duckdb", demo=False)
    before = path.read_bytes()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_module, "generate_demo", broken)
    with pytest.raises(RuntimeError):
        build_store(path, demo=True)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.duckdb", "s.duckdb.lock"]


def test_store_path_resolution(tmp_path, monkeypatch):
    monkeypatch.setenv(config.STORE_ENV, str(tmp_path / "env.duckdb"))
    assert config.store_path() == tmp_path / "env.duckdb"
    assert config.store_path(tmp_path / "flag.duckdb") == tmp_path / "flag.duckdb"
    monkeypatch.delenv(config.STORE_ENV)
    assert config.store_path().name == "zhaodong.duckdb" and "zhaodong" in str(config.store_path().parent)


def test_missing_or_foreign_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="zhaodong build"):
        Store(tmp_path / "none.duckdb")
    foreign = tmp_path / "foreign.duckdb"
    duckdb.connect(str(foreign)).close()
    with pytest.raises(StoreError, match="not a zhaodong store") as refused:
        Store(foreign)
    assert "build" not in str(refused.value)  # building would discard ledgers


def _downgrade_to_schema_2(path):
    """Turn a store into what schema 2 wrote: the migration's columns dropped, version 2."""
    connection = duckdb.connect(str(path))
    connection.execute("DROP TABLE flag_coverage")
    for table, column in (
        ("quarantine", "code"),
        ("quarantine", "params"),
        ("ingests", "cells_quarantined"),
        ("metrics", "missing_means"),
    ):
        connection.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    connection.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    connection.close()


def test_an_older_store_is_upgraded_in_place_with_a_backup_and_keeps_its_ledgers(tmp_path):
    store_path = build_store(tmp_path / "s.duckdb")
    ingest_file(store_path, _ledger(tmp_path / "ledger.csv"))
    with open_store(store_path) as store:
        before = store.outcomes("ledgers").sort_values(["village_code", "year"]).reset_index(drop=True)
    _downgrade_to_schema_2(store_path)
    with open_store(store_path) as store:
        assert store.upgraded is not None and store.upgraded[0] == "2"
        backup = store.upgraded[1]
        after = store.outcomes("ledgers").sort_values(["village_code", "year"]).reset_index(drop=True)
        assert store.table("meta").set_index("key").loc["schema_version", "value"] == SCHEMA_VERSION
        assert "code" in store.table("quarantine").columns
    pd.testing.assert_frame_equal(before, after)
    assert backup.exists() and backup.parent == store_path.parent
    old = duckdb.connect(str(backup), read_only=True)
    assert old.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "2"
    assert old.execute("SELECT count(*) FROM outcomes WHERE ingest_id IS NOT NULL").fetchone()[0] == len(before)
    old.close()


def test_ingest_is_idempotent_and_switches_the_default_view(tmp_path):
    store_path = build_store(tmp_path / "s.duckdb")
    with open_store(store_path) as store:
        assert store.outcomes()["is_synthetic"].all()
    ledger = _ledger(tmp_path / "ledger.csv")
    first = ingest_file(store_path, ledger)
    again = ingest_file(store_path, ledger)
    assert (first.status, again.status) == ("ingested", "unchanged")
    assert again.ingest_id == first.ingest_id
    with open_store(store_path) as store:
        assert len(store.table("ingests")) == 1
        view = store.outcomes()
        assert not view["is_synthetic"].any()
        assert sorted(view["value"]) == [300_000, 452_000]
        assert store.outcomes("synthetic")["is_synthetic"].all()


def test_corrected_file_supersedes_and_keeps_history(tmp_path):
    store_path = build_store(tmp_path / "s.duckdb", demo=False)
    first = ingest_file(store_path, _ledger(tmp_path / "v1.csv", "45.2"))
    second = ingest_file(store_path, _ledger(tmp_path / "v2.csv", "46"))
    with open_store(store_path) as store:
        current = store.outcomes("ledgers").set_index("village_code")
        assert current.loc["231282103203", "value"] == 460_000
        assert current.loc["231282103203", "ingest_id"] == second.ingest_id
        history = store.query(
            "SELECT value, ingest_id, superseded_by FROM outcomes "
            "WHERE village_code = '231282103203' AND ingest_id IS NOT NULL ORDER BY ingest_id"
        )
    assert history["value"].tolist() == [452_000, 460_000]
    assert history["ingest_id"].tolist() == [first.ingest_id, second.ingest_id]
    assert history.loc[0, "superseded_by"] == second.ingest_id and pd.isna(history.loc[1, "superseded_by"])


@pytest.mark.parametrize("failure", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_ingest_is_atomic(tmp_path, monkeypatch, failure):
    store_path = build_store(tmp_path / "s.duckdb", demo=False)
    ledger = write_csv(
        tmp_path / "bad.csv", [["村名", "年度", "集体收入（万元）"], ["东安村", "2022", "45"], ["火星村", "2022", "1"]]
    )
    with open_store(store_path) as store:
        before = {t: len(store.table(t)) for t in ("ingests", "outcomes", "quarantine")}
    real_insert = store_module.insert

    def failing_insert(connection, table, frame):
        if table == "quarantine":
            raise failure
        real_insert(connection, table, frame)

    monkeypatch.setattr(store_module, "insert", failing_insert)
    with pytest.raises(type(failure)):
        ingest_file(store_path, ledger)
    monkeypatch.setattr(store_module, "insert", real_insert)
    with open_store(store_path) as store:
        assert {t: len(store.table(t)) for t in before} == before


def test_quarantine_is_stored_with_its_ingest(tmp_path):
    store_path = build_store(tmp_path / "s.duckdb", demo=False)
    ledger = write_csv(tmp_path / "q.csv", [["村名", "年度", "集体收入（万元）"], ["火星村", "2022", "1"]])
    outcome = ingest_file(store_path, ledger)
    with open_store(store_path) as store:
        quarantine = store.table("quarantine")
        ingests = store.table("ingests")
    assert quarantine[["ingest_id", "row", "column", "value"]].values.tolist() == [
        [outcome.ingest_id, 2, "村名", "火星村"]
    ]
    assert ingests.loc[0, "rows_quarantined"] == 1 and ingests.loc[0, "sha256"] == outcome.report["sha256"]


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_export_every_format(built, tmp_path, fmt):
    output = export_table(built, "red_flags", fmt, tmp_path / f"flags.{fmt}")
    reader = {"csv": lambda p: pd.read_csv(p, encoding="utf-8-sig"), "parquet": pd.read_parquet, "xlsx": pd.read_excel}[
        fmt
    ]
    frame = reader(output)
    assert len(frame) == 101 and "aspect" in frame.columns


def test_cli_build_ingest_export(tmp_path, capsys):
    store = str(tmp_path / "cli.duckdb")
    assert main(["build", "--no-demo", "--store", store]) == 0
    ledger = _ledger(tmp_path / "l.csv")
    assert main(["ingest", str(ledger), "--store", store]) == 0
    assert main(["ingest", str(ledger), "--store", store]) == 0
    err = capsys.readouterr().err
    assert "ingested as #1" in err and "already ingested as #1" in err
    output = tmp_path / "out.csv"
    assert main(["export", "--table", "outcomes", "--format", "csv", "--output", str(output), "--store", store]) == 0
    assert (pd.read_csv(output, encoding="utf-8-sig")["ingest_id"] == 1).sum() == 2
    assert main(["export", "--table", "nope", "--store", store]) == 2


def test_a_store_reached_through_a_symlink_is_rebuilt_where_it_lives(tmp_path):
    """The link stays a link: a build through it replaces the linked file (on its own volume), and
    later ingests through the link land in the same store, under the same lock."""
    from zhaodong_data.ingest import ingest_file
    from zhaodong_data.store import build_store, open_store
    from zhaodong_data.store.sql import store_lock

    volume = tmp_path / "volume"
    volume.mkdir()
    target = build_store(volume / "s.duckdb", demo=False)
    link = tmp_path / "link.duckdb"
    link.symlink_to(target)
    ledger = tmp_path / "l.csv"
    ledger.write_text("乡镇,村名,年度,村集体经济收入（万元）\n四站镇,永丰村,2022,30\n", encoding="utf-8")
    assert ingest_file(link, ledger).status == "ingested"
    build_store(link, demo=False)
    assert link.is_symlink() and link.resolve() == target.resolve()
    with open_store(target) as store:
        assert len(store.ingests()) == 1  # the ledger kept, in the linked file
    with store_lock(link):
        assert (volume / "s.duckdb.lock").exists() and not (tmp_path / "link.duckdb.lock").exists()


def test_the_stored_report_is_a_summary_and_workers_never_read_it(tmp_path):
    """120 unreadable values and 3 unknown villages: the stored report keeps every count, 50
    examples of the first reason and all 3 of the second; the quarantine table keeps all 123."""
    import json

    from zhaodong_data.ingest import ingest_file
    from zhaodong_data.ledgers import read_ledger
    from zhaodong_data.ledgers.report_summary import EXAMPLES_PER_REASON
    from zhaodong_data.store import build_store, open_store
    from zhaodong_data.study import load_dashboard_data

    store = build_store(tmp_path / "s.duckdb", demo=False)
    ledger = tmp_path / "l.csv"
    rows = [f"四站镇,永丰村,{1900 + i},不详{i}" for i in range(120)] + [f"四站镇,无此村{i},2022,30" for i in range(3)]
    ledger.write_text("乡镇,村名,年度,村集体经济收入（万元）\n" + "\n".join(rows) + "\n", encoding="utf-8")
    outcome = ingest_file(store, ledger)
    full = read_ledger(ledger, whole_report=True).report["quarantine"]
    assert outcome.report["quarantine"] == full[:EXAMPLES_PER_REASON] + full[120:]  # examples from the start
    with open_store(store) as opened:
        stored = json.loads(opened.query("SELECT report FROM ingests").iloc[0, 0])
        quarantined = len(opened.table("quarantine"))
    reasons = {}
    for entry in full:
        reasons[entry["code"]] = reasons.get(entry["code"], 0) + 1
    assert stored["rows_read"] == outcome.report["rows_read"] == 123 and quarantined == len(full)
    kept = {code: min(n, EXAMPLES_PER_REASON) for code, n in reasons.items()}
    assert len(stored["quarantine"]) == sum(kept.values()) < len(full)
    assert stored["summarised"]["lists"]["quarantine"] == {
        "entries": len(full),
        "kept": sum(kept.values()),
        "per_reason": reasons,
    }
    assert "report" not in load_dashboard_data(store).ingests.columns
