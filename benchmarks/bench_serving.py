"""Serving under load: gunicorn with 2 workers, 32 concurrent clients for 60 s, a mix of page
loads and real callback requests, client and server on this machine; then the same load on a
trivial Dash app (one dropdown, one figure) under the same gunicorn, as the ceiling to compare.

Run on demand (not in CI):  python benchmarks/bench_serving.py [--seconds 60] [--clients 32] [--login]

Served as the README serves it: gunicorn with the shipped settings (`dashboard/gunicorn_conf.py`:
threaded workers). `--login` also runs the dashboard behind its basic-auth login, every client
sending its user's password with every request as a browser does: target within 20% of the
throughput without it. `--during-ingest` also runs the load while `zhaodong ingest` loads a
ledger near the limits (200,000 rows, 400,000 values) into the same store: targets no errors and
p95 within 300 ms.

A page load is what a browser asks for first: the page, the layout and the render callback.
Callbacks are the Compare, Towns and Village updates with random choices. Targets: >= 100
callbacks/s, p95 <= 200 ms, no errors.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.callback_body import callback_body  # noqa: E402
from dashboard.pages.compare import COMPARE_OUTPUTS  # noqa: E402
from dashboard.pages.towns import TOWNS_OUTPUTS  # noqa: E402
from zhaodong_data.store import build_store  # noqa: E402

OUTCOMES = ["collective_income", "cold_storage_revenue", "wage_income"]
ASPECTS = ["any", "party_building", "development", "service", "civilization", "harmony"]
YEARS = list(range(2018, 2025))
TOWNS = ["231282103000", "231282204000", "231282106000", "231282215000"]
VILLAGES = ["231282103203", "231282204203", "231282106202", "231282215210"]

TRIVIAL_APP = """
import dash
from dash import Input, Output, dcc, html
app = dash.Dash(__name__, serve_locally=True)
app.layout = html.Div([dcc.Dropdown(id="n", options=[1, 2, 3], value=1), dcc.Graph(id="g")])
@app.callback(Output("g", "figure"), Input("n", "value"))
def figure(n):
    return {"data": [{"type": "scatter", "y": list(range(n * 10))}], "layout": {"title": {"text": str(n)}}}
server = app.server
"""


def _ctl(page: str, key: str) -> dict:
    return {"key": key, "page": page, "type": "ctl"}


def _callback(outputs: list[tuple[str, str]], inputs: list[dict], state: list[dict]) -> dict:
    """The body of a callback (`dashboard.callback_body`, as the tests build theirs)."""
    return callback_body(
        outputs,
        [(i["id"], i["property"], i["value"]) for i in inputs],
        [(i["id"], i["property"], i["value"]) for i in state],
    )


SKEWED = True  # planners' choices: the default view and a few others most of the time (--uniform: all alike)


def _pick(rng: random.Random, options: list, favourite_share: float):
    """The first option with `favourite_share`, else any (uniformly when not SKEWED)."""
    if SKEWED and rng.random() < favourite_share:
        return options[0]
    return rng.choice(options)


def compare_request(rng: random.Random) -> dict:
    outputs = list(COMPARE_OUTPUTS)
    towns = [] if SKEWED and rng.random() < 0.7 else rng.sample(TOWNS, rng.randint(0, 2))
    values = {
        "outcome": _pick(rng, OUTCOMES, 0.6),
        "aspect": _pick(rng, ASPECTS, 0.5),
        "towns": towns,
        "year": _pick(rng, YEARS[::-1], 0.5),
        "log": ["log"] if rng.random() < 0.1 else [],
        "comparison": _pick(rng, ["others", "never"], 0.8),
        "base": None,  # the year before
    }
    inputs = [{"id": _ctl("compare", key), "property": "value", "value": value} for key, value in values.items()]
    state = [
        {"id": "lang", "property": "data", "value": _pick(rng, ["zh", "en"], 0.8)},
        {"id": "selection", "property": "data", "value": "demo"},
    ]
    return _callback(outputs, inputs, state)


def towns_request(rng: random.Random) -> dict:
    outputs = list(TOWNS_OUTPUTS)
    inputs = [
        {"id": _ctl("towns", "outcome"), "property": "value", "value": _pick(rng, OUTCOMES, 0.6)},
        {"id": _ctl("towns", "year"), "property": "value", "value": _pick(rng, YEARS[::-1], 0.5)},
    ]
    state = [
        {"id": "lang", "property": "data", "value": _pick(rng, ["zh", "en"], 0.8)},
        {"id": "selection", "property": "data", "value": "demo"},
    ]
    return _callback(outputs, inputs, state)


def village_request(rng: random.Random) -> dict:
    inputs = [{"id": _ctl("village", "village"), "property": "value", "value": rng.choice(VILLAGES)}]
    state = [
        {"id": "lang", "property": "data", "value": _pick(rng, ["zh", "en"], 0.8)},
        {"id": "selection", "property": "data", "value": "demo"},
    ]
    return _callback([("village-profile", "children")], inputs, state)


def render_request(rng: random.Random, path: str) -> dict:
    outputs = [
        ("header", "children"),
        ("banner", "children"),
        ("notices", "children"),
        ("page", "children"),
        ("root", "lang"),
        ("selection", "data"),
    ]
    lang = rng.choice(["zh", "en"])
    inputs = [{"id": "url", "property": "pathname", "value": path}, {"id": "lang", "property": "data", "value": lang}]
    state = [{"id": "url", "property": "search", "value": f"?lang={lang}"}]
    return _callback(outputs, inputs, state)


def trivial_request(rng: random.Random) -> dict:
    inputs = [{"id": "n", "property": "value", "value": rng.choice([1, 2, 3])}]
    return _callback([("g", "figure")], inputs, [])


class Client(threading.Thread):
    def __init__(self, port: int, until: float, seed: int, trivial: bool, results: list, login: str | None = None):
        super().__init__(daemon=True)
        self.port, self.until, self.rng, self.trivial, self.results = port, until, random.Random(seed), trivial, results
        self.login = login  # an Authorization header's value, sent with every request

    def request(self, method: str, path: str, body: dict | None, kind: str) -> None:
        start = time.perf_counter()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            payload = json.dumps(body).encode() if body is not None else None
            headers = {"Content-Type": "application/json"} if payload else {}
            if self.login:
                headers["Authorization"] = self.login
            connection.request(method, path, body=payload, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
            connection.close()
        except OSError:
            status = 0
        self.results.append((kind, time.perf_counter() - start, status))

    def run(self) -> None:
        while time.perf_counter() < self.until:
            if self.trivial:
                self.request("POST", "/_dash-update-component", trivial_request(self.rng), "callback")
                continue
            roll = self.rng.random()
            if roll < 0.15:  # a page load: the page, its layout, its first render
                path = self.rng.choice(["/", "/compare", "/towns", "/village", "/sources"])
                self.request("GET", path + "?lang=zh", None, "page")
                self.request("GET", "/_dash-layout", None, "page")
                self.request("POST", "/_dash-update-component", render_request(self.rng, path), "callback")
            elif roll < 0.65:
                self.request("POST", "/_dash-update-component", compare_request(self.rng), "callback")
            elif roll < 0.85:
                self.request("POST", "/_dash-update-component", towns_request(self.rng), "callback")
            else:
                self.request("POST", "/_dash-update-component", village_request(self.rng), "callback")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(app: str, environment: dict, workers: int, cwd: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(ROOT / "dashboard" / "gunicorn_conf.py"),
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            app,
        ],
        cwd=cwd,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return server, port
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def load(port: int, seconds: float, clients: int, trivial: bool, login: str | None = None) -> list:
    results: list = []
    # Warm up every worker: the first request of each pays for imports and the first read.
    warm = Client(port, time.perf_counter() + 3, 0, trivial, [], login)
    warm.run()
    until = time.perf_counter() + seconds
    threads = [Client(port, until, seed, trivial, results, login) for seed in range(1, clients + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def summary(results: list, seconds: float) -> dict:
    callbacks = [latency for kind, latency, _ in results if kind == "callback"]
    errors = sum(1 for _, _, status in results if status != 200)
    ordered = sorted(callbacks)
    return {
        "callbacks_per_s": len(callbacks) / seconds,
        "requests": len(results),
        "errors": errors,
        "p50_ms": 1000 * statistics.median(ordered) if ordered else float("nan"),
        "p95_ms": 1000 * ordered[int(0.95 * (len(ordered) - 1))] if ordered else float("nan"),
    }


def large_ledger(path: Path, rows: int = 200_000) -> Path:
    """A ledger near the limits: every village of the gazetteer, 50 years, repeated (the repeats
    are kept once), two amounts a row."""
    import csv

    from zhaodong_data.gazetteer.matching import load_gazetteer

    villages = load_gazetteer().villages
    names = list(zip(villages["town_name"], villages["name_short"], strict=True))
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["乡镇", "村名", "年度", "村集体经济收入（万元）", "村集体经营性收入（万元）"])
        for number in range(rows):
            town, village = names[number % len(names)]
            year = 1975 + (number // len(names)) % 50
            writer.writerow([town, village, year, f"{number % len(names) % 90 + 10}.5", f"{number % 50 + 5}"])
    return path


def during_ingest(store: Path, environment: dict, args, folder: Path) -> tuple[dict, float, int]:
    """The load on the dashboard while `zhaodong ingest` writes a large ledger into its store."""
    ledger = large_ledger(folder / "large.csv")
    server, port = serve("dashboard.wsgi:server", environment, args.workers, ROOT)
    try:
        results: list = []
        loader = threading.Thread(target=lambda: results.extend(load(port, args.seconds, args.clients, False)))
        loader.start()
        time.sleep(3 + 1)  # the warm-up, then a second of ordinary load
        started = time.perf_counter()
        ingest = subprocess.run(
            [sys.executable, "-m", "zhaodong_data.cli", "--store", str(store), "ingest", str(ledger)],
            cwd=ROOT,
            capture_output=True,
        )
        seconds = time.perf_counter() - started
        loader.join()
    finally:
        server.terminate()
        server.wait()
    return summary(results, args.seconds), seconds, ingest.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--login", action="store_true", help="also behind the basic-auth login")
    parser.add_argument("--during-ingest", action="store_true", help="also while a large ledger is ingested")
    parser.add_argument(
        "--uniform",
        action="store_true",
        help="every choice equally likely (a cold cache: the worst case) instead of planners' mix",
    )
    args = parser.parse_args()
    global SKEWED
    SKEWED = not args.uniform
    with tempfile.TemporaryDirectory() as folder:
        store = build_store(Path(folder) / "store.duckdb")
        environment = {**os.environ, "ZHAODONG_STORE": str(store)}
        server, port = serve("dashboard.wsgi:server", environment, args.workers, ROOT)
        try:
            ours = summary(load(port, args.seconds, args.clients, False), args.seconds)
        finally:
            server.terminate()
            server.wait()
        behind_login = None
        if args.login:
            import base64

            from dashboard.auth import user_line

            users = Path(folder) / "users"
            users.write_text(user_line("planner", "a long passphrase", False) + "\n", encoding="utf-8")
            server, port = serve(
                "dashboard.wsgi:server", {**environment, "ZHAODONG_USERS": str(users)}, args.workers, ROOT
            )
            login = "Basic " + base64.b64encode(b"planner:a long passphrase").decode()
            try:
                behind_login = summary(load(port, args.seconds, args.clients, False, login), args.seconds)
            finally:
                server.terminate()
                server.wait()
        during = during_ingest(store, environment, args, Path(folder)) if args.during_ingest else None
        (Path(folder) / "trivial_app.py").write_text(TRIVIAL_APP)
        server, port = serve("trivial_app:server", environment, args.workers, Path(folder))
        try:
            trivial = summary(load(port, args.seconds, args.clients, True), args.seconds)
        finally:
            server.terminate()
            server.wait()
    print(
        f"serving benchmark: gunicorn {args.workers} workers, {args.clients} clients, {args.seconds:.0f} s, "
        f"{'uniform' if args.uniform else 'skewed'} choices"
    )
    rows = [("zhaodong dashboard", ours)] + ([("  behind the login", behind_login)] if behind_login else [])
    rows += [("  during an ingest", during[0])] if during else []
    for name, result in (*rows, ("trivial Dash app", trivial)):
        print(
            f"  {name:<20} {result['callbacks_per_s']:7.1f} callbacks/s  p50 {result['p50_ms']:6.1f} ms  "
            f"p95 {result['p95_ms']:6.1f} ms  errors {result['errors']} of {result['requests']}"
        )
    print(f"  dashboard / trivial: {ours['callbacks_per_s'] / trivial['callbacks_per_s']:.2f}x the throughput")
    if during:
        result, seconds, code = during
        verdict = "met" if result["errors"] == 0 and result["p95_ms"] <= 300 else "NOT met"
        print(
            f"  the ingest took {seconds:.1f} s (exit {code}); during it: {result['errors']} errors, "
            f"p95 {result['p95_ms']:.0f} ms (targets no errors, p95 <= 300 ms: {verdict})"
        )
    if behind_login:
        ratio = behind_login["callbacks_per_s"] / ours["callbacks_per_s"]
        verdict = "met" if ratio >= 0.8 else "NOT met"
        print(f"  behind the login / without: {ratio:.2f}x the throughput (target >= 0.80: {verdict})")
    print(
        f"  targets: >= 100 callbacks/s ({'met' if ours['callbacks_per_s'] >= 100 else 'NOT met'}), "
        f"p95 <= 200 ms ({'met' if ours['p95_ms'] <= 200 else 'NOT met'}), "
        f"no errors ({'met' if ours['errors'] == 0 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
