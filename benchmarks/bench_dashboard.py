"""Dashboard: server time of each callback (p50, p95) at county and province scale, and the
time to the first rendered chart in headless Chromium.

Run on demand (not in CI):  python benchmarks/bench_dashboard.py [--repeats 40] [--no-browser]

Each callback is timed as the server does its work: the zhaodong_data calls it makes and the
JSON encoding of what it returns with Dash's own encoder, as served (`to_json_plotly`; the
`pio.to_json` used before validates a figure first, and overstated the time). County scale is
the embedded default (186 villages x 7 years); province scale is the store `zhaodong build
--synthetic-scale province` builds (10,000 villages in about 1,000 towns x 10 years). Targets:
p95 <= 50 ms (county), <= 300 ms (province); a town or city report renders in under 1 s at either scale; in the browser, first chart <= 1.5 s and an
interaction <= 300 ms (median over the pages), and the very first visit (cache empty) no slower
than the baseline measured when the report pages were added (FIRST_VISIT_BASELINE).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
from dash import no_update
from dash._utils import to_json as encode  # what Dash encodes a callback's response with

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.pages import compare as page  # noqa: E402
from zhaodong_data.demo.scale import SCALES  # noqa: E402
from zhaodong_data.store import build_store  # noqa: E402
from zhaodong_data.study import (  # noqa: E402
    DashboardData,
    load_dashboard_data,
    town_summary,
    towns_figure,
    village_figure,
    village_profile,
)

TARGETS = {"county": 0.050, "province": 0.300}
REPORT_TARGET = 1.0  # a town report's server time, either scale
FIRST_VISIT_BASELINE = 2.171  # s, /compare with an empty cache (docs/benchmarks.md, before the report pages)


def callbacks(data: DashboardData) -> dict:
    sample_village = data.villages["code"].iloc[len(data.villages) // 2]
    towns = tuple(data.towns["code"].iloc[:3])

    def compare(aspect="any", towns_=(), log=False):
        # the page's own view and what its callback sends of it (a paged table's rows are not
        # sent with the view: a page of them is, when the grid asks; that request is timed apart)
        shown = page.compare_view(data, "collective_income", aspect, towns_, None, log, "zh")
        return encode({key: shown[key] for _, _, key in page.OUTPUTS if shown[key] is not no_update})

    served = {}  # the view as the cache holds it: a page request reads it, it does not make it

    def compare_rows():
        if not served:
            served.update(page.compare_view(data, "collective_income", "any", (), None, False, "zh"))
        pages = served["pages"]
        return encode(
            pages.page({"startRow": 25, "endRow": 50, "sortModel": [{"colId": "c9", "sort": "desc"}]}) if pages else {}
        )

    def towns_view():
        summary = town_summary(data, "collective_income", None)
        return encode(towns_figure(summary, "collective_income", "zh"))

    def village_view():
        profile = village_profile(data, sample_village)
        return encode(village_figure(profile["outcomes"], "x", "zh"))

    def report(town_code=None):
        from dashboard.pages import town
        from dashboard.state import ViewState

        state = ViewState(towns=(town_code,) if town_code else (), year=None)
        shown = town.view(data, state)

        sent = {key: value for key, value in shown.items() if key.endswith(("rows", "columns"))}
        return encode(sent)

    return {
        "town report": lambda: report(towns[0]),
        "city report": report,
        "compare (all towns)": compare,
        "compare (development, 3 towns)": lambda: compare("development", towns),
        "compare (log scale)": lambda: compare(log=True),
        "compare table, a sorted page": compare_rows,
        "towns": towns_view,
        "village": village_view,
    }


def time_callbacks(data: DashboardData, repeats: int) -> dict[str, tuple[float, float]]:
    out = {}
    for name, callback in callbacks(data).items():
        callback()  # warm-up
        seconds = []
        for _ in range(repeats):
            start = time.perf_counter()
            callback()
            seconds.append(time.perf_counter() - start)
        out[name] = (statistics.median(seconds), float(np.percentile(seconds, 95)))
    return out


FIRST_CHART = {  # page -> what its first chart is, drawn
    "/": "#overview-graph .main-svg .barlayer path",
    "/compare": "#compare-graph .main-svg .points path",
    "/trends": "#trends-graph .main-svg .scatterlayer path",
    "/towns": "#towns-graph .main-svg .barlayer path",
    "/village?village=231282106202": "#village-graph .main-svg .scatterlayer path",
    "/town?town=231282106000": "#town-villages-table .ag-row",
    "/report": "#town-villages-table .ag-row",
}
# (page, control key, option text, element whose text changes once the chart is redrawn)
INTERACTIONS = [
    ("/compare", "compare", "aspect", "发展", "#compare-headline"),
    ("/compare", "compare", "year", "2021", "#compare-headline"),
    ("/towns", "towns", "year", "2021", "#towns-headline"),
    ("/?outcome=collective_income", "bands", "year", "2021", "#bands-caption"),
]


def _control(page: str, key: str) -> str:
    import json

    return "[id='" + json.dumps({"key": key, "page": page, "type": "ctl"}, separators=(",", ":")) + "']"


def browser_seconds(store: Path, rounds: int = 3) -> dict[str, float] | None:
    """Time to the first drawn chart of each page, and from choosing an option to the redrawn
    view, in headless Chromium against the real server (gzip on): medians over `rounds`. The
    browser keeps a profile on disk, as a planner's does, so that a returning visit finds the
    scripts in its cache and their compiled code in V8's code cache (kept from the second visit
    on); the very first visit, cache empty, is reported apart."""
    import shutil

    from werkzeug.serving import make_server

    from dashboard.app import create_app

    chromium = shutil.which("chromium")
    if not chromium:
        print("  (no Debian chromium: browser times not measured)")
        return None
    from playwright.sync_api import sync_playwright

    server = make_server("127.0.0.1", 0, create_app(store).server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    out: dict[str, float] = {}
    try:
        with sync_playwright() as playwright:
            profile = tempfile.mkdtemp(prefix="zhaodong-bench-profile-")
            context = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=chromium,
                headless=True,
                args=["--no-sandbox", "--disable-gpu"],
                viewport={"width": 1366, "height": 900},
            )
            for visit in range(3):  # the first visit, then two more: the code cache is kept from the second
                page = context.new_page()
                start = time.perf_counter()
                page.goto(base + "/compare")
                page.wait_for_selector(FIRST_CHART["/compare"], timeout=30_000)
                if visit == 0:
                    out["first visit ever (cache empty) /compare"] = time.perf_counter() - start
                page.close()
            for path, ready in FIRST_CHART.items():
                times = []
                for _ in range(rounds):
                    page = context.new_page()
                    start = time.perf_counter()
                    page.goto(base + path)
                    page.wait_for_selector(ready, timeout=30_000)
                    times.append(time.perf_counter() - start)
                    page.close()
                out[f"first chart {path}"] = statistics.median(times)
            for path, frame, key, option, changes in INTERACTIONS:
                times = []
                for _ in range(rounds):
                    page = context.new_page()
                    page.goto(base + path)
                    page.wait_for_selector(changes, timeout=30_000)
                    page.wait_for_timeout(300)
                    before = page.inner_text(changes)
                    page.click(_control(frame, key))
                    choice = page.locator(".dash-dropdown-option", has_text=option).first
                    choice.wait_for()
                    start = time.perf_counter()
                    choice.click()
                    page.wait_for_function(
                        "([s, t]) => document.querySelector(s).innerText !== t",
                        arg=[changes, before],
                        timeout=30_000,
                        polling="raf",
                    )
                    times.append(time.perf_counter() - start)
                    page.close()
                out[f"interaction {path} {key}={option}"] = statistics.median(times)
            context.close()
            shutil.rmtree(profile, ignore_errors=True)
        return out
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = build_store(Path(folder) / "store.duckdb")
        # the province as `zhaodong build --synthetic-scale province` makes it
        province = build_store(Path(folder) / "province.duckdb", synthetic_villages=SCALES["province"])
        scales = {"county": load_dashboard_data(store), "province": load_dashboard_data(province)}
        for scale, data in scales.items():
            print(
                f"\n{scale} scale: {len(data.villages):,} villages, {len(data.outcomes):,} outcome rows; "
                f"target p95 <= {TARGETS[scale] * 1000:.0f} ms"
            )
            for name, (p50, p95) in time_callbacks(data, args.repeats).items():
                target = REPORT_TARGET if name.endswith("report") else TARGETS[scale]
                verdict = "ok" if p95 <= target else "OVER"
                print(
                    f"  {name:<32} p50 {p50 * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   "
                    f"({target / p95:.1f}x inside target) {verdict}"
                )
        if not args.no_browser:
            timings = browser_seconds(store)
            if timings:
                print("\nin headless Chromium (median of 3; targets: first chart <= 1.5 s, interaction <= 300 ms)")
                for name, seconds in timings.items():
                    target = 0.3 if name.startswith("interaction") else 1.5
                    if name.startswith("first visit ever"):
                        target = FIRST_VISIT_BASELINE
                    print(
                        f"  {name:<48} {seconds * 1000:7.0f} ms   ({target / seconds:.1f}x inside target) "
                        f"{'ok' if seconds <= target else 'OVER'}"
                    )
                firsts = [v for k, v in timings.items() if k.startswith("first chart")]
                moves = [v for k, v in timings.items() if k.startswith("interaction")]
                print(
                    f"  median over pages: first chart {statistics.median(firsts) * 1000:.0f} ms, "
                    f"interaction {statistics.median(moves) * 1000:.0f} ms"
                )


if __name__ == "__main__":
    main()
