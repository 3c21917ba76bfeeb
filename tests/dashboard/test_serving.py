"""Production serving: gunicorn runs the dashboard from `dashboard.wsgi:server`, debug off."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from zhaodong_data.cli import main
from zhaodong_data.store import build_store

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
        cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
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
