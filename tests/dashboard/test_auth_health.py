"""Serving: the health endpoint, the optional login, who may load ledgers, and the switches that
keep an exposed server safe."""

import base64
import io
import sys

import pytest

from dashboard import auth
from dashboard.app import create_app
from zhaodong_data.cli import main
from zhaodong_data.store import build_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("auth") / "s.duckdb")


def _users_file(folder, capsys, monkeypatch):
    lines = []
    for name, password, ingest in (("planner", "planner-secret", True), ("viewer", "viewer-secret", False)):
        monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
        assert main(["password", name] + (["--ingest"] if ingest else [])) == 0
        lines.append(capsys.readouterr().out.strip())
    assert "viewer-secret" not in "".join(lines)  # only hashes are written
    path = folder / "users.txt"
    path.write_text("# dashboard users\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _basic(name, password):
    return {"Authorization": "Basic " + base64.b64encode(f"{name}:{password}".encode()).decode()}


def test_health_says_the_store_is_readable_and_its_versions(store, tmp_path):
    client = create_app(store).server.test_client()
    answer = client.get("/healthz")
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["status"] == "ok" and body["schema_version"] == body["expected_schema_version"] == "3"
    assert body["data_version"] and body["ingests"] == 0


def test_health_is_503_with_the_reason_when_the_store_goes(tmp_path):
    path = build_store(tmp_path / "s.duckdb")
    client = create_app(path).server.test_client()
    path.unlink()
    answer = client.get("/healthz")
    assert answer.status_code == 503 and "no store here" in answer.get_json()["reason"]


def test_login_from_a_users_file(store, tmp_path, capsys, monkeypatch):
    users = _users_file(tmp_path, capsys, monkeypatch)
    client = create_app(store, users=users).server.test_client()
    assert client.get("/compare").status_code == 401
    assert "Basic" in client.get("/compare").headers["WWW-Authenticate"]
    assert client.get("/compare", headers=_basic("viewer", "wrong")).status_code == 401
    assert client.get("/compare", headers=_basic("nobody", "viewer-secret")).status_code == 401
    assert client.get("/compare", headers=_basic("viewer", "viewer-secret")).status_code == 200
    assert client.get("/_dash-layout", headers=_basic("planner", "planner-secret")).status_code == 200
    assert client.get("/healthz").status_code == 200  # monitoring needs no login


def test_only_users_marked_ingest_may_load_ledgers(store, tmp_path, capsys, monkeypatch):
    import flask

    users = auth.read_users(_users_file(tmp_path, capsys, monkeypatch))
    app = flask.Flask("t")
    with app.test_request_context():
        flask.g.zhaodong_user = users["viewer"]
        assert not auth.may_ingest(users)
        flask.g.zhaodong_user = users["planner"]
        assert auth.may_ingest(users)
        assert auth.may_ingest(None)  # no login configured: the allow_ingest switch alone decides


@pytest.mark.parametrize("content, message", [("alice:plain\n", "line 1"), ("# only a comment\n", "no users")])
def test_a_bad_users_file_is_one_line(store, tmp_path, capsys, content, message):
    path = tmp_path / "users.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(auth.UsersFileError, match=message):
        auth.read_users(path)


def test_an_exposed_server_turns_ledger_loading_off_and_refuses_debug(store, monkeypatch, capsys):
    started = {}
    monkeypatch.setattr("dashboard.app.run", lambda **kwargs: started.update(kwargs))
    assert main(["dashboard", "--host", "0.0.0.0", "--store", str(store)]) == 0
    assert started["allow_ingest"] is False and started["debug"] is False
    assert "ledger loading from the Sources page is off" in capsys.readouterr().err
    assert main(["dashboard", "--host", "0.0.0.0", "--allow-ingest", "--store", str(store)]) == 0
    assert started["allow_ingest"] is True
    assert main(["dashboard", "--store", str(store)]) == 0
    assert started["allow_ingest"] is True  # local: on
    assert main(["dashboard", "--host", "0.0.0.0", "--dev", "--store", str(store)]) == 2
    assert "--dev" in capsys.readouterr().err


def test_the_dashboard_builds_a_missing_store_and_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("dashboard.app.run", lambda **kwargs: None)
    path = tmp_path / "new.duckdb"
    assert main(["dashboard", "--store", str(path)]) == 0
    assert path.exists() and "building the embedded default" in capsys.readouterr().err


def test_the_wsgi_app_never_builds_a_store(tmp_path, monkeypatch):
    from zhaodong_data.store import StoreError

    monkeypatch.setenv("ZHAODONG_STORE", str(tmp_path / "typo.duckdb"))
    with pytest.raises(StoreError, match="no store here"):
        create_app()
    assert not (tmp_path / "typo.duckdb").exists()


def test_pages_are_compressed_and_leave_out_scripts_no_page_uses(store):
    client = create_app(store).server.test_client()
    page = client.get("/compare", headers={"Accept-Encoding": "gzip"})
    assert page.headers.get("Content-Encoding") == "gzip"
    html = create_app(store).server.test_client().get("/compare").get_data(as_text=True)
    assert "async-mathjax" not in html and "async-markdown" not in html
    assert "async-graph" in html  # what the charts need stays


def test_every_response_refuses_framing_and_sniffing(store, tmp_path):
    """The page, an asset, the health endpoint and a 401 all carry the headers."""
    from dashboard.security import HEADERS

    client = create_app(store).server.test_client()
    for path in ("/", "/assets/style.css", "/healthz", "/_dash-layout"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        for name, value in HEADERS.items():
            assert answer.headers.get(name) == value, (path, name)
    assert "frame-ancestors 'none'" in HEADERS["Content-Security-Policy"]
    guarded = create_app(store, users=_users_file_plain(tmp_path)).server.test_client()
    refused = guarded.get("/")
    assert refused.status_code == 401 and refused.headers.get("X-Frame-Options") == "DENY"


def _users_file_plain(folder):
    path = folder / "users.txt"
    path.write_text(auth.user_line("viewer", "viewer-secret", False) + "\n", encoding="utf-8")
    return path


def test_error_texts_shown_to_visitors_carry_no_server_paths(store, tmp_path):
    from dashboard.security import without_paths

    assert without_paths(f"no ingest #9 in {store} (`zhaodong ingests` lists them)", store) == (
        "no ingest #9 in the store (`zhaodong ingests` lists them)"
    )
    assert (
        without_paths('IO Error: Cannot open file "/srv/data/x.duckdb": denied')
        == 'IO Error: Cannot open file "…": denied'
    )
    assert without_paths("failed at C:\\data\\s.duckdb.") == "failed at …."
    damaged = build_store(tmp_path / "damaged.duckdb")
    client = create_app(damaged).server.test_client()
    damaged.write_bytes(b"not a database" * 1000)
    answer = client.get("/healthz")
    assert answer.status_code == 503 and str(tmp_path) not in answer.get_data(as_text=True)


def test_a_password_is_hashed_once_per_worker_and_unknown_names_cost_the_same(monkeypatch):
    """Basic auth sends the password with every request: the slow hash runs once per (name,
    password), known or unknown name alike, and a wrong password never lets anyone in."""
    calls = []
    real = auth.check_password_hash
    monkeypatch.setattr(auth, "check_password_hash", lambda h, p: calls.append(h) or real(h, p))
    users = {"planner": auth.User("planner", auth.generate_password_hash("right"), True)}
    checked = auth.CheckedPasswords(users, size=2)
    assert [checked.check("planner", "right") for _ in range(5)] == [users["planner"]] * 5
    assert [checked.check("planner", "wrong") for _ in range(3)] == [None] * 3
    assert checked.check("nobody", "right") is None and checked.check("nobody", "right") is None
    assert len(calls) == 3  # one hash per pair, however often it is sent
    assert calls[2] not in (users["planner"].password_hash,)  # the unknown name is checked against a dummy hash
    checked.check("planner", "third")  # the oldest answer is forgotten past `size`: checked again when sent again
    checked.check("planner", "right")
    assert len(calls) == 5 and b"right" not in b"".join(checked.answers)


def test_health_answers_at_once_while_a_ledger_is_being_written(tmp_path):
    """A writer holds the store (as a long ingest does): /healthz says busy within seconds, 200,
    instead of waiting out the lock until gunicorn kills the worker."""
    import subprocess
    import time

    path = build_store(tmp_path / "s.duckdb")
    client = create_app(path).server.test_client()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        answer = client.get("/healthz")
        assert time.monotonic() - started < 10
        assert answer.status_code == 200 and answer.get_json()["status"] == "busy"
    finally:
        holder.kill()
        holder.wait()


def test_guessing_from_one_address_is_stopped_and_known_users_still_pass(store, tmp_path, capsys, monkeypatch):
    """Past MAX_FAILURES failed logins from an address, it is answered 429 with no hash run, until
    the window passes; a user whose password this worker knows to be right is not locked out by
    someone else's guessing behind the same address, and another address is not held."""
    users = _users_file(tmp_path, capsys, monkeypatch)
    client = create_app(store, users=users).server.test_client()
    assert client.get("/compare", headers=_basic("viewer", "viewer-secret")).status_code == 200  # known right
    calls = []
    real = auth.check_password_hash
    monkeypatch.setattr(auth, "check_password_hash", lambda h, p: calls.append(h) or real(h, p))
    statuses = [
        client.get("/compare", headers=_basic("viewer", f"guess-{i}")).status_code for i in range(auth.MAX_FAILURES + 5)
    ]
    assert statuses == [401] * auth.MAX_FAILURES + [429] * 5
    assert len(calls) == auth.MAX_FAILURES  # the refused guesses cost no hash
    held = client.get("/compare", headers=_basic("viewer", "guess-x"))
    assert 0 < int(held.headers["Retry-After"]) <= auth.FAILURE_WINDOW + 1
    assert client.get("/compare", headers=_basic("viewer", "viewer-secret")).status_code == 200
    other = client.get(
        "/compare", headers=_basic("planner", "planner-secret"), environ_base={"REMOTE_ADDR": "10.0.0.9"}
    )
    assert other.status_code == 200  # another address checks as ever


def test_failed_logins_are_forgotten_after_the_window():
    now = [0.0]
    failed = auth.FailedLogins(limit=3, window=60, clock=lambda: now[0])
    for _ in range(3):
        failed.fail("a")
    assert failed.wait("a") == 61 and failed.wait("b") == 0
    now[0] = 61.0
    assert failed.wait("a") == 0
