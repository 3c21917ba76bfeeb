"""The Dash app: `create_app(store=...)`.

Data are read from the store once per process (`load_dashboard_data`) and kept in
memory; nothing large goes to the browser's dcc.Store. Run it with `zhaodong
dashboard`, or in production with gunicorn: `gunicorn 'dashboard.wsgi:server'`.
"""

from __future__ import annotations

import os
from pathlib import Path

import dash
from dash import dcc, html

from zhaodong_data.config import store_path
from zhaodong_data.store import StoreError

from . import auth, callbacks, health, security
from .data import DataSource

ASSETS = Path(__file__).parent / "assets"


# Scripts no page uses, left out of every page (with eager loading each would be parsed before the
# first chart): MathJax (2.1 MB; no chart has LaTeX), Markdown and its code highlighting (no
# dcc.Markdown), the date picker and sliders (no such control), the deprecated DataTable (1.1 MB;
# tables are AG Grids) and AG Grid Enterprise (3.5 MB; the grids use community features only).
UNUSED_SCRIPTS = (
    "async-mathjax",
    "async-markdown",
    "dcc/async-highlight",
    "async-datepicker",
    "async-slider",
    "dash_table/",
    "async-enterprise",
)


def _without_unused_scripts(app: dash.Dash) -> None:
    """With eager loading every async chunk of every component package is sent with the page;
    leave out those no page uses. Dash has no public hook for this (its `eager_loading` is all
    or nothing), so the one private filter every script passes through is wrapped."""
    resources = app.scripts._resources  # Dash filters every package's scripts through it
    keep = resources._filter_resources

    def filtered(all_resources, dev_bundles=False):
        return [
            script
            for script in keep(all_resources, dev_bundles)
            if not any(name in str(script.get("relative_package_path", "")) for name in UNUSED_SCRIPTS)
        ]

    resources._filter_resources = filtered


def create_app(store=None, allow_ingest: bool | None = None, users=None) -> dash.Dash:
    """A dashboard on the store at `store` (default: --store / $ZHAODONG_STORE / user data directory),
    which must exist (`zhaodong build`, or `zhaodong dashboard`, which builds the embedded default
    and says so). `allow_ingest` lets visitors load ledgers from the Sources page (default:
    $ZHAODONG_ALLOW_INGEST=1, else off). `users`: a users file for basic auth (default
    $ZHAODONG_USERS; see auth.py): then only users marked `ingest` may load ledgers."""
    if allow_ingest is None:
        allow_ingest = os.environ.get("ZHAODONG_ALLOW_INGEST") == "1"
    users_file = users or os.environ.get("ZHAODONG_USERS")
    known_users = auth.read_users(users_file) if users_file else None
    path = store_path(store)
    if not path.exists():
        raise StoreError(f"{path}: no store here; `zhaodong build --store {path}` creates one (check $ZHAODONG_STORE)")
    source = DataSource(path)
    source.get()  # read now: a broken store fails at start, not at the first visitor
    app = dash.Dash(
        __name__,
        assets_folder=str(ASSETS),
        serve_locally=True,
        compress=True,  # gzip: plotly.js is 4.8 MB as is, about a third of that compressed
        eager_loading=True,  # plotly.js loads with the page, not after the first layout: earlier first chart
        title="肇东 · 百面红旗 | Zhaodong Red Flags",
        update_title=None,  # type: ignore[arg-type]  # Dash takes None (no "Updating..." title); its stub says str
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    _without_unused_scripts(app)
    app.server.config["SEND_FILE_MAX_AGE_DEFAULT"] = 3600  # the assets folder (CSS, the Plotly locale)
    # The page's language for screen readers and fonts; the render callback keeps the root's `lang` current.
    app.index_string = app.index_string.replace("<html>", '<html lang="zh-CN">')
    app.layout = html.Div(
        [
            dcc.Location(id="url", refresh=False),
            dcc.Store(id="lang"),
            dcc.Store(id="selection"),  # the data selection the page was drawn with (ledgers, with_demo, demo)
            dcc.Store(id="html-lang"),  # written by the clientside callback that keeps <html lang> current
            dcc.Store(id="printed"),  # how often the current view was printed (the print buttons' output)
            html.Header(id="header", className="header"),
            html.Div(id="banner"),
            html.Div(id="notices"),
            html.Main(id="page", className="page", tabIndex="-1"),  # the skip link's target
        ],
        className="app",
        id="root",
        lang="zh-CN",
    )
    if known_users:
        auth.install(app.server, known_users)
    health.install(app.server, source)
    security.install(app.server)
    # Every page's components, so that Dash checks each callback's ids against them (a mistyped id
    # fails at start and in the tests) although the pages are drawn later, one at a time.
    app.validation_layout = html.Div([app.layout, *callbacks.every_page(source, allow_ingest)])  # type: ignore[assignment]  # Dash's stub types it as None
    callbacks.register(app, source, allow_ingest=allow_ingest, users=known_users)
    # <html lang> follows the language toggle (screen readers and fonts read it from the root element).
    app.clientside_callback(
        "function (lang) { document.documentElement.lang = lang || 'zh-CN'; return lang; }",
        dash.Output("html-lang", "data"),
        dash.Input("root", "lang"),
    )
    return app


def run(
    host: str = "127.0.0.1", port: int = 8050, store=None, debug: bool = False, allow_ingest: bool = True, users=None
) -> None:
    create_app(store, allow_ingest=allow_ingest, users=users).run(host=host, port=port, debug=debug)
