"""Production serving: gunicorn runs the dashboard from `dashboard.wsgi:server`, debug off."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from zhaodong_data.cli import main
from zhaodong_data.store import build_store

from .compare_request import compare_update

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, attempts: int = 100) -> bytes:
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"no answer from {url}")


def test_gunicorn_serves_the_dashboard(tmp_path):
    store = build_store(tmp_path / "store.duckdb")
    port = _free_port()
    environment = {**os.environ, "ZHAODONG_STORE": str(store)}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}", "dashboard.wsgi:server"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        page = _get(f"http://127.0.0.1:{port}/compare?lang=en").decode()
        assert "<title>" in page and "_dash-config" in page
        assert b"plotly-locale-zh-cn" in _get(f"http://127.0.0.1:{port}/compare")  # the vendored locale, no CDN
        layout = _get(f"http://127.0.0.1:{port}/_dash-layout")
        assert b'"url"' in layout
        assert b"cdn" not in page.lower().encode()
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0].decode()
    assert "Booting worker" in output


def test_dashboard_command_help(capsys):
    with pytest.raises(SystemExit):
        main(["dashboard", "--help"])
    out = capsys.readouterr().out
    assert "--host" in out and "--port" in out and "--store" in out and "gunicorn" in out


def test_readers_never_fail_while_ledgers_are_ingested(tmp_path):
    """Two workers serve pages and callbacks while five ledgers are ingested: no request fails,
    no ingest fails, and the pages end up showing the ledgers."""
    from zhaodong_data.ingest import ingest_file

    from ..ledgers.make import write_csv

    store = build_store(tmp_path / "store.duckdb")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}", "dashboard.wsgi:server"],
        cwd=ROOT,
        env={**os.environ, "ZHAODONG_STORE": str(store)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    statuses, stop = [], threading.Event()

    def reader(seed: int):
        year = 2018 + seed % 5
        while not stop.is_set():
            for method, path, body in (
                ("GET", "/compare?lang=zh", None),
                ("GET", "/healthz", None),
                ("POST", "/_dash-update-component", json.dumps(compare_update(year)).encode()),
            ):
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}{path}",
                    data=body,
                    method=method,
                    headers={"Content-Type": "application/json"},
                )
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:
                        statuses.append((seed, response.status))
                except urllib.error.HTTPError as error:
                    statuses.append((seed, error.code))
                except OSError as error:  # no answer at all (refused, reset, timed out): a failure, counted
                    statuses.append((seed, type(error).__name__))

    try:
        _get(f"http://127.0.0.1:{port}/healthz")
        readers = [threading.Thread(target=reader, args=(i,), daemon=True) for i in range(6)]
        for thread in readers:
            thread.start()
        for i in range(5):
            ledger = write_csv(
                tmp_path / f"l{i}.csv",
                [
                    ["村名", "年度", "村集体经济收入（万元）"],
                    ["东安村", str(2018 + i), str(40 + i)],
                    ["向阳村", str(2018 + i), str(30 + i)],
                ],
            )
            assert ingest_file(store, ledger).status == "ingested"
            time.sleep(0.5)
        stop.set()
        for thread in readers:
            thread.join(timeout=60)
        health = json.loads(_get(f"http://127.0.0.1:{port}/healthz"))
    finally:
        server.terminate()
        server.wait(timeout=20)
    # every request answered, and answered 200, by every reader (how many a loaded machine manages varies)
    assert {status for _, status in statuses} == {200}, sorted({str(status) for _, status in statuses})
    assert {seed for seed, _ in statuses} == set(range(6))
    assert health["ingests"] == 5


def test_slow_clients_do_not_stop_the_service(tmp_path):
    """Two clients sending one header byte a second hold a thread each, not the two workers:
    /healthz and a page still answer at once (the shipped gunicorn settings, threaded workers)."""
    import socket
    import threading

    store = build_store(tmp_path / "store.duckdb")
    port = _free_port()
    environment = {**os.environ, "ZHAODONG_STORE": str(store), "ZHAODONG_BIND": f"127.0.0.1:{port}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:dashboard.gunicorn_conf", "dashboard.wsgi:server"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    stop = threading.Event()

    def slow_client():
        with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
            for byte in b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 60:
                if stop.is_set():
                    return
                connection.send(bytes([byte]))
                time.sleep(0.5)

    try:
        _get(f"http://127.0.0.1:{port}/healthz")  # up
        slow = [threading.Thread(target=slow_client, daemon=True) for _ in range(4)]
        for client in slow:
            client.start()
        time.sleep(2)
        started = time.monotonic()
        assert b'"status"' in _get(f"http://127.0.0.1:{port}/healthz", attempts=1)
        assert b"_dash-config" in _get(f"http://127.0.0.1:{port}/", attempts=1)
        assert time.monotonic() - started < 5
    finally:
        stop.set()
        server.terminate()
        server.communicate(timeout=20)
