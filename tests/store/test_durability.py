"""A store never loses a ledger: a full disk, a kill mid-build, two writers, a typo in --store, a
damaged or older file. Each test reproduces the failure first, then checks what is left."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from zhaodong_data.cli import main
from zhaodong_data.ingest import ingest_file
from zhaodong_data.store import StoreError, backup_store, build_store, building, open_store, revert_ingest

from ..ledgers.make import write_csv

ROOT = Path(__file__).resolve().parents[2]
DONGAN, XIANGYANG = "231282103203", "231282204203"


def _ledger(folder: Path, name: str, dongan: str, flag: str = "", xiangyang: str = "30") -> Path:
    rows = [
        ["村名", "年度", "红旗类别", "村集体经济收入（万元）"],
        ["东安村", "2022", flag, dongan],
        ["向阳村", "2022", "", xiangyang],
    ]
    return write_csv(folder / name, rows)


def _ledger_values(store) -> dict:
    with open_store(store) as opened:
        frame = opened.outcomes("ledgers")
    return dict(zip(frame["village_code"], frame["value"]))


@contextmanager
def _small_disk(folder: Path, megabytes: int, read_only: bool = False):
    """A tmpfs of `megabytes` at `folder` (root only, as in CI)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root); the injected-error tests cover the rest")
    folder.mkdir(exist_ok=True)
    options = f"size={megabytes}m" + (",ro" if read_only else "")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path, leave_bytes: int) -> Path:
    """Fill the disk at `folder` but for about `leave_bytes`."""
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    filler = folder / "filler"
    with open(filler, "wb") as handle:
        handle.write(b"\0" * max(free - leave_bytes, 0))
    return filler


def test_build_on_a_full_disk_fails_loudly_and_keeps_the_store(tmp_path, capsys):
    with _small_disk(tmp_path / "disk", 12) as disk:
        store = build_store(disk / "s.duckdb")
        ingest_file(store, _ledger(tmp_path, "l.csv", "45"))
        before = store.read_bytes()
        _fill(disk, 512 * 1024)
        assert main(["build", "--store", str(store)]) == 2
        error = capsys.readouterr().err
        assert error.count("\n") == 1 and "the store is as it was" in error and "Traceback" not in error
        assert store.read_bytes() == before
        assert _ledger_values(store) == {DONGAN: 450_000, XIANGYANG: 300_000}
        assert not list(disk.glob(".building-*"))


def test_build_keeps_the_ledgers_and_copies_the_old_store(tmp_path, capsys):
    with _small_disk(tmp_path / "disk", 40) as disk:
        store = build_store(disk / "s.duckdb")
        ingest_file(store, _ledger(tmp_path, "v1.csv", "45", flag="党建"))
        ingest_file(store, _ledger(tmp_path, "v2.csv", "50"))
        assert main(["build", "--store", str(store)]) == 0
        said = capsys.readouterr().out
        assert "kept the 2 ingested ledger(s)" in said and ".before-build-" in said
        assert _ledger_values(store) == {DONGAN: 500_000, XIANGYANG: 300_000}
        with open_store(store) as opened:
            assert len(opened.ingests()) == 2
            history = opened.query(
                "SELECT value, superseded_by FROM outcomes WHERE village_code = ? "
                "AND ingest_id IS NOT NULL ORDER BY ingest_id",
                [DONGAN],
            )
        assert history["value"].tolist() == [450_000, 500_000]
        assert history["superseded_by"].iloc[0] == 2 and pd.isna(history["superseded_by"].iloc[1])
        backups = list(disk.glob("s.duckdb.before-build-*.backup"))
        assert len(backups) == 1


def test_an_unreported_checkpoint_failure_is_caught(tmp_path, monkeypatch):
    """DuckDB's close() returns normally when its last checkpoint fails; the build must not."""
    store = build_store(tmp_path / "s.duckdb")
    ingest_file(store, _ledger(tmp_path, "l.csv", "45"))
    before = store.read_bytes()
    real_run = building.run

    def failing_checkpoint(connection, sql, parameters=None):
        if sql == "CHECKPOINT":
            raise duckdb.IOException("Could not write file: No space left on device")
        return real_run(connection, sql, parameters)

    monkeypatch.setattr(building, "run", failing_checkpoint)
    with pytest.raises(StoreError, match="No space left"):
        build_store(store)
    assert store.read_bytes() == before
    assert not list(tmp_path.glob(".building-*"))


def test_a_build_killed_midway_leaves_the_store_and_its_leftovers_go_next_time(tmp_path):
    store = build_store(tmp_path / "s.duckdb")
    ingest_file(store, _ledger(tmp_path, "l.csv", "45"))
    before = store.read_bytes()
    script = textwrap.dedent(f"""
        import sys; sys.path.insert(0, {str(ROOT)!r})
        from zhaodong_data.store import building
        real = building._build_into
        def slow(*args):
            real(*args)
            import time; time.sleep(60)
        building._build_into = slow
        building.build_store({str(store)!r})
    """)
    process = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".building-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert list(tmp_path.glob(".building-*"))  # the killed build's file
    assert store.read_bytes() == before
    build_store(store)
    assert not list(tmp_path.glob(".building-*"))
    assert _ledger_values(store) == {DONGAN: 450_000, XIANGYANG: 300_000}


def test_two_writers_queue_and_both_land(tmp_path):
    store = build_store(tmp_path / "s.duckdb")
    ledgers = [_ledger(tmp_path, f"l{i}.csv", str(40 + i), xiangyang=str(30 + i)) for i in range(4)]
    script = textwrap.dedent(f"""
        import sys; sys.path.insert(0, {str(ROOT)!r})
        from zhaodong_data.ingest import ingest_file
        ingest_file(sys.argv[1], sys.argv[2])
    """)
    processes = [subprocess.Popen([sys.executable, "-c", script, str(store), str(ledger)]) for ledger in ledgers]
    rebuild = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import sys; sys.path.insert(0, {str(ROOT)!r})
        from zhaodong_data.store import build_store
        build_store(sys.argv[1])
    """),
            str(store),
        ]
    )
    assert [p.wait(timeout=300) for p in processes + [rebuild]] == [0] * 5
    with open_store(store) as opened:
        assert sorted(Path(name).name for name in opened.ingests()["file_name"]) == [f"l{i}.csv" for i in range(4)]
        assert len(opened.outcomes("ledgers")) == 2


@pytest.mark.parametrize(
    "command",
    [["export", "--table", "outcomes"], ["ingests"], ["revert", "1"], ["backup", "somewhere.duckdb"], ["upgrade"]],
)
def test_a_missing_store_is_one_line_and_is_never_created(tmp_path, capsys, command):
    typo = tmp_path / "stroe.duckdb"
    assert main(command + ["--store", str(typo)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "no store here" in error
    assert not typo.exists()


def test_ingest_into_a_missing_store_is_refused(tmp_path, capsys):
    typo = tmp_path / "stroe.duckdb"
    assert main(["ingest", str(_ledger(tmp_path, "l.csv", "45")), "--store", str(typo)]) == 2
    assert "zhaodong build" in capsys.readouterr().err and not typo.exists()


def test_a_damaged_store_says_how_to_restore_never_to_rebuild(tmp_path, capsys):
    store = build_store(tmp_path / "s.duckdb")
    store.write_bytes(store.read_bytes()[:4096] + b"\0" * 4096)
    assert main(["ingests", "--store", str(store)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "backup" in error and "zhaodong build" not in error
    assert main(["build", "--store", str(store)]) == 2  # not without --replace
    assert "--replace" in capsys.readouterr().err
    assert main(["build", "--replace", "--store", str(store)]) == 0
    assert "copied to" in capsys.readouterr().out


def test_a_missing_table_is_one_line(tmp_path, capsys):
    store = build_store(tmp_path / "s.duckdb")
    connection = duckdb.connect(str(store))
    connection.execute("DROP TABLE outcomes")
    connection.close()
    assert main(["export", "--table", "outcomes", "--output", str(tmp_path / "o.csv"), "--store", str(store)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "Traceback" not in error


def test_a_read_only_folder_is_one_line(tmp_path, capsys):
    with _small_disk(tmp_path / "ro", 1, read_only=True) as folder:
        assert main(["build", "--store", str(folder / "s.duckdb")]) == 2
        error = capsys.readouterr().err
        assert error.count("\n") == 1 and "Read-only" in error


def test_revert_restores_what_the_ledger_had_replaced_flags_included(tmp_path, capsys):
    store = build_store(tmp_path / "s.duckdb")
    first = ingest_file(store, _ledger(tmp_path, "v1.csv", "45", flag="党建")).ingest_id
    second = ingest_file(store, _ledger(tmp_path, "v2.csv", "50")).ingest_id  # no flag for 东安村 any more
    with open_store(store) as opened:
        assert DONGAN not in set(opened.red_flags("real")["village_code"])
    assert main(["revert", str(second), "--store", str(store)]) == 0
    assert "reverted ingest #2" in capsys.readouterr().out
    assert _ledger_values(store) == {DONGAN: 450_000, XIANGYANG: 300_000}
    with open_store(store) as opened:
        flags = opened.red_flags("real")
        assert set(flags[flags["village_code"] == DONGAN]["aspect"]) == {"party_building"}
        assert opened.ingests().set_index("id")["status"].to_dict() == {1: "ingested", 2: "reverted"}
    revert_ingest(store, first)
    with open_store(store) as opened:
        assert not opened.has_real_ledgers()  # back to the demo panel
        assert opened.outcomes()["is_synthetic"].all()
        kept = opened.query("SELECT count(*) AS n FROM outcomes WHERE ingest_id IS NOT NULL")["n"][0]
    assert kept == 4  # nothing deleted
    with pytest.raises(StoreError, match="reverted already"):
        revert_ingest(store, first)
    assert main(["ingests", "--format", "csv", "--store", str(store)]) == 0
    listing = capsys.readouterr().out
    assert "v1.csv" in listing and "reverted" in listing


def test_backup_is_a_consistent_store(tmp_path, capsys):
    store = build_store(tmp_path / "s.duckdb")
    ingest_file(store, _ledger(tmp_path, "l.csv", "45"))
    folder = tmp_path / "backups"
    folder.mkdir()
    assert main(["backup", str(folder), "--store", str(store)]) == 0
    (copy,) = folder.iterdir()
    assert _ledger_values(copy) == {DONGAN: 450_000, XIANGYANG: 300_000}
    with pytest.raises(StoreError, match="exists already"):
        backup_store(store, copy)


def test_upgrade_command_on_an_older_store(tmp_path, capsys):
    from .test_store import _downgrade_to_schema_2

    store = build_store(tmp_path / "s.duckdb")
    ingest_file(store, _ledger(tmp_path, "l.csv", "45"))
    _downgrade_to_schema_2(store)
    assert main(["upgrade", "--store", str(store)]) == 0
    assert "schema-2.backup" in capsys.readouterr().out
    assert main(["upgrade", "--store", str(store)]) == 0
    assert "nothing to do" in capsys.readouterr().out
    assert _ledger_values(store) == {DONGAN: 450_000, XIANGYANG: 300_000}
    assert pd.notna(_ledger_values(store)[DONGAN])


def test_a_commit_that_fails_is_reported_as_itself_not_as_a_failed_rollback(tmp_path, monkeypatch):
    """A full disk can fail the COMMIT and end the transaction with it: the error says why (No
    space left on device), not DuckDB's "cannot rollback - no transaction is active"."""
    from zhaodong_data.store import store as store_module

    store = build_store(tmp_path / "s.duckdb")
    real_run = store_module.run

    def failing_commit(connection, sql, parameters=None):
        if sql == "COMMIT":
            real_run(connection, "ROLLBACK")  # as DuckDB does when the write fails
            raise duckdb.IOException("Could not write file: No space left on device")
        return real_run(connection, sql, parameters)

    monkeypatch.setattr(store_module, "run", failing_commit)
    with pytest.raises(Exception, match="No space left on device"):
        ingest_file(store, _ledger(tmp_path, "l.csv", "45"))
    monkeypatch.undo()
    with open_store(store) as opened:
        assert opened.ingests().empty  # nothing half-written
