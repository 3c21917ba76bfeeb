"""The app's own callbacks (the page for a URL, the language, controls to the URL, what every
figure frame does) and the registration of every page's (`pages.MODULES`). Pages are painted with
their first content; callbacks run on changes."""

from __future__ import annotations

from dataclasses import replace

from dash import ALL, ClientsideFunction, Input, Output, State, ctx, html, no_update
from flask_caching import Cache

from zhaodong_data.study import years_for

from . import pages
from .components import control_id, data_notice, notices
from .data import DataSource
from .header import header
from .ingest_jobs import IngestJobs
from .inputs import GuardedApp
from .state import encode_state
from .uploads import Uploads
from .wiring import LATER, Wiring, read_view_state, state_fields

FIGURE_PAGES = ("overview", "compare", "trends", "towns")  # pages whose frame has a chart / table toggle
PRINTABLE = FIGURE_PAGES + ("bands", "sources", "town", "village")  # every figure frame has a print button


def render_page(source: DataSource, pathname: str | None, search: str | None, allow_ingest: bool = False) -> tuple:
    """Everything a page shows for a URL: header, data notice, notices, content, language, selection."""
    state, problems, data = read_view_state(source, search)
    page = pages.PAGES.get(pathname or "/", "overview")
    return (
        header(state, pathname or "/", data),
        data_notice(data, state.lang),
        notices(problems, state.lang),
        pages.layout(page, data, state, allow_ingest),
        "zh-CN" if state.lang == "zh" else "en",
        data.selection,
    )


HEAVY_PROPS = ("figure", "rowData", "columnDefs", "options", "data", "dashGridOptions", "defaultColDef")


def _skeleton(component):
    """The component tree with its data props emptied: the ids and properties Dash validates
    callbacks against, without every page's figures and tables (the validation layout is sent to
    each browser with every page)."""
    stack = [component]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(node)
            continue
        for prop in HEAVY_PROPS:
            if getattr(node, prop, None) is not None:
                setattr(node, prop, None)
        children = getattr(node, "children", None)
        if isinstance(children, (list, tuple)) or hasattr(children, "to_plotly_json"):
            stack.append(children)
    return component


def every_page(source: DataSource, allow_ingest: bool = False) -> list:
    """The header and every page as drawn with the default view, data props emptied (the app's
    validation layout)."""
    state, _, data = read_view_state(source, "")
    return [_skeleton(html.Div(header(state, "/", data)))] + [
        _skeleton(html.Div(pages.layout(module.NAME, data, state, allow_ingest)))
        for module in pages.MODULES
        if not hasattr(module, "DRAWS_AS")
    ]


def register(app, source: DataSource, allow_ingest: bool = False, users=None) -> None:
    """Every callback asks `source` for the data, so that an ingest shows without a restart.
    `allow_ingest`: planners may load ledgers from the Sources page (with `users`, only those
    marked `ingest`). Views are computed once per (data version, inputs) in each worker: the
    version changes with the store, so an ingest or a revert is never served from an older
    computation."""
    cache = Cache(
        app.server, config={"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 3600, "CACHE_THRESHOLD": 2000}
    )
    uploads = Uploads(source.path.parent / ".zhaodong-uploads") if allow_ingest else None
    jobs = IngestJobs(source.path.parent / ".zhaodong-jobs") if allow_ingest else None
    wiring = Wiring(GuardedApp(app, source), source, cache, allow_ingest, users, uploads, jobs)
    _navigation(wiring)
    _frame_tools(wiring)
    for page in pages.MODULES:
        page.register(wiring)


def _navigation(w: Wiring) -> None:
    """The page for a URL, the language toggle, and the controls written to the URL."""
    app, source, cache, version, read_state = w.app, w.source, w.cache, w.version, w.read_state
    allow_ingest = w.allow_ingest

    @cache.memoize()
    def cached_page(version, pathname, search):
        return render_page(source, pathname, search, allow_ingest)

    @app.callback(Output("lang", "data"), Input("url", "search"), State("lang", "data"))
    def sync_lang(search, current):
        lang = read_state(search)[0].lang
        return no_update if lang == current else lang

    @app.callback(
        Output("header", "children"),
        Output("banner", "children"),
        Output("notices", "children"),
        Output("page", "children"),
        Output("root", "lang"),
        Output("selection", "data"),
        Input("url", "pathname"),
        Input("lang", "data"),
        State("url", "search"),
    )
    def render(pathname, lang, search):
        return cached_page(version(), pathname, search)

    @app.callback(
        Output("url", "search", allow_duplicate=True), Input("lang-toggle", "n_clicks"), State("url", "search"), **LATER
    )
    def toggle_language(clicks, search):
        if not clicks:
            return no_update
        state = read_state(search)[0]
        return encode_state(replace(state, lang="en" if state.lang == "zh" else "zh"))

    @app.callback(
        Output("url", "search", allow_duplicate=True),
        Input({"type": "ctl", "page": ALL, "key": ALL}, "value"),
        State("url", "search"),
        **LATER,
    )
    def controls_to_url(values, search):
        state = read_state(search)[0]
        changes: dict = {}
        for item, value in zip(ctx.inputs_list[0], values):
            changes.update(state_fields(item["id"]["key"], value))
        encoded = encode_state(replace(state, **changes))
        return no_update if encoded == (search or "") else encoded


def _frame_tools(w: Wiring) -> None:
    """What every figure frame does: the chart / table toggle, the print button, the years of
    the chosen outcome."""
    app, source = w.app, w.source
    # The chart / table toggle runs in the browser (assets/view.js): no round trip to show a table.
    for page, toggle in [(page, control_id(page, "view")) for page in FIGURE_PAGES] + [("bands", "bands-view")]:
        app.clientside_callback(
            ClientsideFunction("zhaodong", "showView"),
            Output(f"{page}-chart-wrap", "style"),
            Output(f"{page}-table-wrap", "style"),
            Input(toggle, "value"),
            **LATER,
        )
    for frame in PRINTABLE:  # the print button (assets/print.js): tables unpaged, charts page-wide
        app.clientside_callback(
            ClientsideFunction("zhaodong", "printView"),
            Output("printed", "data", allow_duplicate=True),
            Input(f"{frame}-print", "n_clicks"),
            **LATER,
        )

    for page in ("compare", "towns", "bands"):

        @app.callback(
            Output(control_id(page, "year"), "options"),
            Output(control_id(page, "year"), "value"),
            Input(control_id(page, "outcome"), "value"),
            State(control_id(page, "year"), "value"),
            State("selection", "data"),
            **LATER,
        )
        def year_options(outcome, year, selection):
            data = source.get(selection)
            years = years_for(data, outcome)
            return [{"label": str(y), "value": y} for y in years], (
                year if year in years else (years[-1] if years else None)
            )
