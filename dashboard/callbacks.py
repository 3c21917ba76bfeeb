"""Callbacks: thin wrappers that read the controls, ask `views` (and so zhaodong_data), and
place the result. Pages are painted with their first content; callbacks run on changes."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from dash import ALL, ClientsideFunction, Input, Output, State, ctx, dcc, html, no_update
from flask_caching import Cache

from zhaodong_data.bands import INCOME_METRICS
from zhaodong_data.export import to_csv_bytes, to_xlsx_bytes, with_notes
from zhaodong_data.figures import (
    ViewState,
    comparison_frame,
    encode_state,
    parse_state,
    text,
    title_of,
    years_for,
)
from zhaodong_data.ingest import check_file, ingest_file
from zhaodong_data.ledgers import UnreadableFile
from zhaodong_data.ledgers.recipe import RecipeError, parse_recipe, recipe_from_report
from zhaodong_data.store import SELECTIONS, StoreError, revert_ingest

from . import auth, ledger_layout, pages, views
from .components import control_id, data_notice, graph_config, notices
from .data import DataSource, choices_of
from .inputs import GuardedApp
from .security import without_paths
from .uploads import Uploads, UploadTooLarge

FIGURE_PAGES = ("overview", "compare", "trends", "towns")  # pages whose frame has a chart / table toggle
# What the Compare and Towns updates write, in order (also what a client posting them must name:
# the serving test and benchmark use these).
COMPARE_OUTPUTS = [
    ("compare-graph", "figure"),
    ("compare-table", "rowData"),
    ("compare-table", "columnDefs"),
    ("compare-caption", "children"),
    ("compare-stats", "children"),
    ("compare-caveat", "children"),
    ("compare-headline", "children"),
    ("compare-selection", "children"),
]
TOWNS_OUTPUTS = [
    ("towns-graph", "figure"),
    ("towns-table", "rowData"),
    ("towns-table", "columnDefs"),
    ("towns-caption", "children"),
    ("towns-headline", "children"),
    ("towns-bands-table", "rowData"),
    ("towns-bands-table", "columnDefs"),
    ("towns-bands-caption", "children"),
]
PRINTABLE = FIGURE_PAGES + ("bands", "sources")  # every figure frame has a print button
LATER = {"prevent_initial_call": True}


def header(state: ViewState, pathname: str, data) -> list:
    lang = state.lang
    keep = f"&data={state.data}" if state.data else ""
    links = [
        dcc.Link(
            text(f"nav_{name}", lang),
            href=f"{path}?lang={lang}{keep}",
            id=f"nav-{name}",
            className="nav-link active" if path == pathname else "nav-link",
        )
        for path, name in pages.PAGES.items()
    ]
    parts = [
        html.A(text("skip_link", lang), href="#page", className="skip-link", id="skip-link"),
        html.Div(text("app_title", lang), className="app-title", id="app-title"),
        html.Nav(links, className="nav", **{"aria-label": text("nav_label", lang)}),
    ]
    if data.has_ledgers:
        # A visible choice of what the pages show; plain links, so the whole page reloads with it.
        choices = [
            html.A(
                text(f"selection_{name}", lang),
                href=f"{pathname}?lang={lang}&data={name}",
                id=f"selection-{name}",
                className="selection active" if name == data.selection else "selection",
                **({"aria-current": "true"} if name == data.selection else {}),
            )
            for name in SELECTIONS
        ]
        parts.append(
            html.Div(
                [html.Span(text("selection_label", lang), className="control-label")] + choices,
                className="selections",
                role="group",
                id="selections",
                **{"aria-label": text("selection_label", lang)},
            )
        )
    parts.append(
        html.Button(
            text("switch_language", lang),
            id="lang-toggle",
            className="button lang-toggle",
            n_clicks=0,
            title=text("switch_language_label", lang),
            lang="en" if lang == "zh" else "zh",
        )
    )
    return parts


def _send(frame, name: str, trigger, notes: dict | None = None, lang: str = "zh", csv_frame=None) -> dict:
    """A download: XLSX with a notes sheet, or CSV (`csv_frame`, stable columns, if given) with
    the notes as columns of their own."""
    name = f"{name}-{lang}"  # the language of its headers and notes, in the file's name
    if trigger and str(trigger).endswith("xlsx"):
        return dcc.send_bytes(
            to_xlsx_bytes(
                frame,
                sheet_name=text("data_sheet", lang),
                notes=views.notes_for_sheet(notes, lang) if notes else None,
                notes_sheet=text("notes_sheet", lang),
            ),
            f"{name}.xlsx",
        )
    table = csv_frame if csv_frame is not None else frame
    return dcc.send_bytes(to_csv_bytes(with_notes(table, notes) if notes else table), f"{name}.csv")


def read_view_state(source: DataSource, search: str | None):
    """(state, notices, data) for a URL query: its data selection first, then the rest checked
    against what that selection holds."""
    selection = parse_qs((search or "").lstrip("?")).get("data", [None])[-1]
    data = source.get(selection)
    state, problems = parse_state(search, choices_of(data))
    return state, problems, data


def render_page(source: DataSource, pathname: str | None, search: str | None, allow_ingest: bool = False) -> tuple:
    """Everything a page shows for a URL: header, data notice, notices, content, language, selection."""
    state, problems, data = read_view_state(source, search)
    page = pages.PAGES.get(pathname or "/", "overview")
    builder = partial(pages.sources, allow_ingest=allow_ingest) if page == "sources" else pages.BUILDERS[page]
    return (
        header(state, pathname or "/", data),
        data_notice(data, state.lang),
        notices(problems, state.lang),
        builder(data, state, state.lang),
        "zh-CN" if state.lang == "zh" else "en",
        data.selection,
    )


HEAVY_PROPS = ("figure", "rowData", "columnDefs", "options", "data")


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
        _skeleton(
            html.Div(
                partial(pages.sources, allow_ingest=allow_ingest)(data, state, state.lang)
                if name == "sources"
                else pages.BUILDERS[name](data, state, state.lang)
            )
        )
        for name in pages.BUILDERS
    ]


@dataclass
class Wiring:
    """What every page's callbacks share: the app, the data source, the views' cache, and who
    may load ledgers."""

    app: Any
    source: DataSource
    cache: Cache
    allow_ingest: bool = False
    users: dict | None = None
    uploads: Uploads | None = None

    def version(self, selection=None) -> str:
        self.source.get(selection)  # notices a changed store first
        return self.source.version

    def read_state(self, search):
        return read_view_state(self.source, search)


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
    wiring = Wiring(GuardedApp(app, source), source, cache, allow_ingest, users, uploads)
    for register_part in (_navigation, _frame_tools, _compare, _trends, _towns, _bands, _downloads, _village):
        register_part(wiring)
    if allow_ingest:
        _ledger_check(wiring)
        _ledger_recipe(wiring)
        _ledger_load(wiring)
        _revert(wiring)


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
            key = item["id"]["key"]
            if key == "towns":
                changes["towns"] = tuple(value or ())
            elif key == "log":
                changes["log"] = bool(value)
            else:
                changes[key] = value
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


_COMPARE_KEYS = ("outcome", "aspect", "towns", "year", "log", "comparison")
# The parts of views.compare_view the page shows, in the order of COMPARE_OUTPUTS.
_COMPARE_VIEW = ("figure", "rows", "columns", "caption", "stats", "caveat", "headline", "selection")


def _compare(w: Wiring) -> None:
    """Compare: the view for the controls, and its downloads."""
    app, source, cache, version = w.app, w.source, w.cache, w.version

    @cache.memoize()
    def cached_compare(version, selection, outcome, aspect, towns, year, log, comparison, lang):
        view = views.compare_view(source.get(selection), outcome, aspect, towns, year, log, lang, comparison)
        return tuple(view[key] for key in _COMPARE_VIEW)

    def compare_view(outcome, aspect, towns, year, log, comparison, lang, selection):
        """The view of these controls, from the cache (one key per normalised choice)."""
        towns, log, comparison = tuple(towns or ()), bool(log), comparison or "others"
        return cached_compare(version(selection), selection, outcome, aspect, towns, year, log, comparison, lang)

    @app.callback(
        *[Output(component, prop) for component, prop in COMPARE_OUTPUTS],
        *[Input(control_id("compare", key), "value") for key in _COMPARE_KEYS],
        State("lang", "data"),
        State("selection", "data"),
        **LATER,
    )
    def compare_update(outcome, aspect, towns, year, log, comparison, lang, selection):
        return compare_view(outcome, aspect, towns, year, log, comparison, lang, selection)

    @app.callback(
        Output("compare-download", "data"),
        Input("compare-download-csv", "n_clicks"),
        Input("compare-download-xlsx", "n_clicks"),
        *[State(control_id("compare", key), "value") for key in _COMPARE_KEYS],
        State("lang", "data"),
        State("selection", "data"),
        **LATER,
    )
    def compare_download(csv_clicks, xlsx_clicks, outcome, aspect, towns, year, log, comparison, lang, selection):
        data = source.get(selection)
        frame = comparison_frame(data, outcome, aspect or "any", tuple(towns or ()), year, comparison or "others")
        view = dict(zip(_COMPARE_VIEW, compare_view(outcome, aspect, towns, year, log, comparison, lang, selection)))
        stop = "。" if lang == "zh" else ". "
        notes = views.export_notes(
            data,
            lang,
            title_of(view["figure"]),
            f"{view['selection']}{stop}{view['headline']} {view['stats']}",
            view["caveat"],
            float(frame["is_synthetic"].fillna(False).astype(bool).mean()),
        )
        name = f"zhaodong-{outcome}" + (f"-{frame['year'].iloc[0]}" if len(frame) else "")
        name += "".join(f"-{town}" for town in (towns or [])[:3]) + ("-more" if len(towns or []) > 3 else "")
        table = views.selection_table(frame, outcome, lang)
        return _send(table, name, ctx.triggered_id, notes, lang, views.selection_csv(frame))


def _trends(w: Wiring) -> None:
    """Trends: the view for the controls, and its downloads."""
    app, source, cache, version = w.app, w.source, w.cache, w.version

    @cache.memoize()
    def cached_trends(version, selection, outcome, aspect, lang):
        view = views.trends_view(source.get(selection), outcome, aspect, lang)
        event = (
            dcc.Graph(id="trends-event", figure=view["event"], config=graph_config(lang, "zhaodong-event-study"))
            if view["event"]
            else None
        )
        keys = ("figure", "rows", "columns", "caption", "estimate", "by_town", "cohorts", "pretrend", "sensitivity")
        keys += ("convention",)
        return (*(view[key] for key in keys), event)

    @app.callback(
        Output("trends-graph", "figure"),
        Output("trends-table", "rowData"),
        Output("trends-table", "columnDefs"),
        Output("trends-caption", "children"),
        Output("trends-estimate", "children"),
        Output("trends-by-town", "children"),
        Output("trends-cohorts", "children"),
        Output("trends-pretrend", "children"),
        Output("trends-sensitivity", "children"),
        Output("trends-convention", "children"),
        Output("trends-event-wrap", "children"),
        Input(control_id("trends", "outcome"), "value"),
        Input(control_id("trends", "aspect"), "value"),
        State("lang", "data"),
        State("selection", "data"),
        **LATER,
    )
    def trends_update(outcome, aspect, lang, selection):
        return cached_trends(version(selection), selection, outcome, aspect, lang)

    @app.callback(
        Output("trends-download", "data"),
        Input("trends-download-csv", "n_clicks"),
        Input("trends-download-xlsx", "n_clicks"),
        State(control_id("trends", "outcome"), "value"),
        State(control_id("trends", "aspect"), "value"),
        State("lang", "data"),
        State("selection", "data"),
        **LATER,
    )
    def trends_download(csv_clicks, xlsx_clicks, outcome, aspect, lang, selection):
        data = source.get(selection)
        view = views.trends_view(data, outcome, aspect, lang)
        notes = views.export_notes(data, lang, title_of(view["figure"]), view["estimate"], view["caveat"])
        return _send(
            views.trends_table(view["table"], outcome, lang),
            f"zhaodong-trends-{outcome}",
            ctx.triggered_id,
            notes,
            lang,
            view["table"],
        )


def _towns(w: Wiring) -> None:
    """Towns: the view and the income bands by town for the controls, and the downloads."""
    app, source, cache, version = w.app, w.source, w.cache, w.version

    @cache.memoize()
    def cached_towns(version, selection, outcome, year, lang):
        data = source.get(selection)
        view = views.towns_view(data, outcome, year, lang)
        metric = outcome if outcome in INCOME_METRICS else "collective_income"
        bands = (
            views.town_bands_view(data, metric, year, lang)
            if years_for(data, metric)
            else {"rows": [], "columns": [], "caption": ""}
        )
        return (
            view["figure"],
            view["rows"],
            view["columns"],
            view["caption"],
            view["headline"],
            bands["rows"],
            bands["columns"],
            bands["caption"],
        )

    @app.callback(
        *[Output(component, prop) for component, prop in TOWNS_OUTPUTS],
        Input(control_id("towns", "outcome"), "value"),
        Input(control_id("towns", "year"), "value"),
        State("lang", "data"),
        State("selection", "data"),
        **LATER,
    )
    def towns_update(outcome, year, lang, selection):
        return cached_towns(version(selection), selection, outcome, year, lang)

    @app.callback(
        Output("towns-download", "data"),
        Input("towns-download-csv", "n_clicks"),
        Input("towns-download-xlsx", "n_clicks"),
        State(control_id("towns", "outcome"), "value"),
        State(control_id("towns", "year"), "value"),
        State("lang", "data"),
        State("selection", "data"),
        **LATER,
    )
    def towns_download(csv_clicks, xlsx_clicks, outcome, year, lang, selection):
        data = source.get(selection)
        view = views.towns_view(data, outcome, year, lang)
        notes = views.export_notes(data, lang, title_of(view["figure"]), f"{view['headline']} {view['caption']}")
        return _send(
            views.towns_table(view["summary"], outcome, lang, view["city"]),
            f"zhaodong-towns-{outcome}",
            ctx.triggered_id,
            notes,
            lang,
            view["summary"],
        )


def _bands(w: Wiring) -> None:
    """The Overview's income bands for the controls, and their downloads."""
    app, source, cache, version = w.app, w.source, w.cache, w.version

    @cache.memoize()
    def cached_bands(version, selection, metric, year, lang):
        view = views.bands_view(source.get(selection), metric, year, lang)
        return view["figure"], view["rows"], view["columns"], view["caption"]

    @app.callback(
        Output("bands-graph", "figure"),
        Output("bands-table", "rowData"),
        Output("bands-table", "columnDefs"),
        Output("bands-caption", "children"),
        Input(control_id("bands", "outcome"), "value"),
        Input(control_id("bands", "year"), "value"),
        State("lang", "data"),
        State("selection", "data"),
        **LATER,
    )
    def bands_update(metric, year, lang, selection):
        return cached_bands(version(selection), selection, metric, year, lang)

    @app.callback(
        Output("bands-download", "data"),
        Input("bands-download-csv", "n_clicks"),
        Input("bands-download-xlsx", "n_clicks"),
        State(control_id("bands", "outcome"), "value"),
        State(control_id("bands", "year"), "value"),
        State("lang", "data"),
        State("selection", "data"),
        **LATER,
    )
    def bands_download(csv_clicks, xlsx_clicks, metric, year, lang, selection):
        data = source.get(selection)
        view = views.bands_view(data, metric, year, lang)
        notes = views.export_notes(data, lang, title_of(view["figure"]), view["caption"])
        table = view["table"][[c for c, _ in view["labels"]]].rename(columns=dict(view["labels"]))
        return _send(table, f"zhaodong-bands-{metric}", ctx.triggered_id, notes, lang, view["table"])


def _downloads(w: Wiring) -> None:
    """The Overview's and the Sources page's downloads."""
    app, source = w.app, w.source

    @app.callback(
        Output("overview-download", "data"),
        Input("overview-download-csv", "n_clicks"),
        Input("overview-download-xlsx", "n_clicks"),
        State("selection", "data"),
        State("lang", "data"),
        **LATER,
    )
    def overview_download(csv_clicks, xlsx_clicks, selection, lang):
        data = source.get(selection)
        notes = views.export_notes(data, lang or "zh", text("overview_title", lang or "zh"), "", "", 0.0)
        return _send(views.program_table(data), "zhaodong-program", ctx.triggered_id, notes, lang or "zh")

    @app.callback(
        Output("sources-download", "data"),
        Input("sources-download-csv", "n_clicks"),
        Input("sources-download-xlsx", "n_clicks"),
        State("selection", "data"),
        State("lang", "data"),
        **LATER,
    )
    def sources_download(csv_clicks, xlsx_clicks, selection, lang):
        data = source.get(selection)
        notes = views.export_notes(data, lang or "zh", text("sources_facts", lang or "zh"), "", "", 0.0)
        return _send(data.facts, "zhaodong-published-figures", ctx.triggered_id, notes, lang or "zh")


def _village(w: Wiring) -> None:
    """Village: the profile of the chosen village."""
    app, source, cache, version = w.app, w.source, w.cache, w.version

    @cache.memoize()
    def cached_village(version, selection, code, lang):
        return views.village_view(source.get(selection), code, lang)

    @app.callback(
        Output("village-profile", "children"),
        Input(control_id("village", "village"), "value"),
        State("lang", "data"),
        State("selection", "data"),
        **LATER,
    )
    def village_update(code, lang, selection):
        return cached_village(version(selection), selection, code, lang)


def _checked(w: Wiring, path, filename, accept, recipe, lang, selection) -> tuple:
    """The report, the preview and how the file was read: the outputs of a check."""
    report, changes = check_file(
        path, label=filename, store_path=w.source.path, accept_outliers=bool(accept), recipe=recipe
    )
    data = w.source.get(selection)
    return (
        views.upload_report(report, filename, lang) + views.preview_view(changes, data, lang),
        bool(changes and changes["already_ingested"]),
        False,  # the layout section shown
        ledger_layout.summary(report, lang),
        ledger_layout.grid_rows(report, lang),
        ledger_layout.grid_columns(lang),
        recipe_from_report(report),
    )


def _ledger_check(w: Wiring) -> None:
    """Loading a ledger from the Sources page, first step: the uploaded file kept aside and
    checked, its report and what loading it would change shown."""
    app = w.app
    users, uploads = w.users, w.uploads

    @app.callback(
        Output("upload-report", "children"),
        Output("ingest-button", "disabled"),
        Output("layout-section", "hidden"),
        Output("layout-summary", "children"),
        Output("layout-grid", "rowData"),
        Output("layout-grid", "columnDefs"),
        Output("upload-layout", "data"),
        Output("upload-token", "data"),
        Output("ingest-result", "children"),
        Output("upload-recipe", "data"),
        Output("recipe-status", "children"),
        Input("ledger-upload", "contents"),
        Input("accept-outliers", "value"),
        State("ledger-upload", "filename"),
        State("lang", "data"),
        State("selection", "data"),
        State("upload-token", "data"),
        **LATER,
    )
    def upload(contents, accept, filename, lang, selection, previous):
        hidden = (True, None, [], [], None)
        if not contents:
            return no_update, True, *hidden, None, None, None, None
        if not auth.may_ingest(users):
            return html.P(text("ingest_not_allowed", lang), className="notice"), True, *hidden, None, None, None, None
        uploads.discard(previous)  # a file checked before and not loaded: replaced by this one
        path = None
        try:
            token, path = uploads.save(contents, filename)
            outputs = _checked(w, path, filename, accept, None, lang, selection)
        except (UnreadableFile, UploadTooLarge) as error:
            if path is not None:
                uploads.discard(token)  # a file that cannot be read is never kept
            shown = filename if isinstance(filename, str) and filename else "ledger"
            message = str(error).replace(str(path), shown) if path else str(error)  # no server paths shown
            notice = html.P(text("upload_unreadable", lang, error=message), className="notice")
            return notice, True, *hidden, None, None, None, None
        return *outputs, token, None, None, None


def _ledger_recipe(w: Wiring) -> None:
    """Loading a ledger, between check and load: the file read again with the changes a person
    made to how its columns are read (a reading recipe), and the recipe downloaded."""
    app, users, uploads = w.app, w.users, w.uploads

    @app.callback(
        Output("upload-report", "children", allow_duplicate=True),
        Output("ingest-button", "disabled", allow_duplicate=True),
        Output("layout-section", "hidden", allow_duplicate=True),
        Output("layout-summary", "children", allow_duplicate=True),
        Output("layout-grid", "rowData", allow_duplicate=True),
        Output("layout-grid", "columnDefs", allow_duplicate=True),
        Output("upload-layout", "data", allow_duplicate=True),
        Output("upload-recipe", "data", allow_duplicate=True),
        Output("recipe-status", "children", allow_duplicate=True),
        Input("apply-recipe-button", "n_clicks"),
        State("layout-grid", "rowData"),
        State("upload-layout", "data"),
        State("upload-token", "data"),
        State("ledger-upload", "filename"),
        State("accept-outliers", "value"),
        State("lang", "data"),
        State("selection", "data"),
        **LATER,
    )
    def reread(clicks, rows, base, token, filename, accept, lang, selection):
        """The file read again with the table's changes as a reading recipe."""
        path = uploads.path(token)
        if not clicks or path is None or base is None:
            return (no_update,) * 9
        if not auth.may_ingest(users):
            return (html.P(text("ingest_not_allowed", lang), className="notice"), True) + (no_update,) * 7
        recipe, changed = ledger_layout.recipe_from_grid(base, rows or [], lang)
        try:
            outputs = _checked(w, path, filename, accept, parse_recipe(recipe, filename), lang, selection)
        except RecipeError as error:
            return (no_update,) * 8 + (html.P(str(error), className="notice"),)
        status = html.P(text("recipe_in_use", lang, n=changed), id="recipe-in-use", className="caption")
        return *outputs, recipe, status

    @app.callback(
        Output("recipe-download", "data"),
        Input("save-recipe-button", "n_clicks"),
        State("upload-recipe", "data"),
        State("upload-layout", "data"),
        State("ledger-upload", "filename"),
        **LATER,
    )
    def save_recipe(clicks, recipe, base, filename):
        if not clicks or (recipe or base) is None:
            return no_update
        stem = Path(filename or "ledger").stem
        content = json.dumps(recipe or base, ensure_ascii=False, indent=2)
        return {"content": content, "filename": f"{stem}.recipe.json", "type": "application/json"}


def _ledger_load(w: Wiring) -> None:
    """Loading a ledger from the Sources page, second step: load the checked file, or cancel."""
    app, source = w.app, w.source
    users, uploads = w.users, w.uploads

    @app.callback(
        Output("ingest-result", "children", allow_duplicate=True),
        Output("ingest-button", "disabled", allow_duplicate=True),
        Input("ingest-button", "n_clicks"),
        State("upload-token", "data"),
        State("ledger-upload", "filename"),
        State("accept-outliers", "value"),
        State("upload-recipe", "data"),
        State("lang", "data"),
        **LATER,
    )
    def ingest(clicks, token, filename, accept, recipe, lang):
        path = uploads.path(token)
        if not clicks or path is None:
            return no_update, no_update
        if not auth.may_ingest(users):
            return html.P(text("ingest_not_allowed", lang), className="notice"), True
        read_with = parse_recipe(recipe, filename) if recipe else None  # the recipe it was last checked with
        outcome = ingest_file(source.path, path, label=filename, accept_outliers=bool(accept), recipe=read_with)
        uploads.discard(token)
        key = "ingest_done" if outcome.status == "ingested" else "ingest_unchanged"
        return html.P(text(key, lang, id=outcome.ingest_id), id="ingest-message"), True

    @app.callback(
        Output("upload-report", "children", allow_duplicate=True),
        Output("ingest-button", "disabled", allow_duplicate=True),
        Output("upload-token", "data", allow_duplicate=True),
        Output("layout-section", "hidden", allow_duplicate=True),
        Input("cancel-button", "n_clicks"),
        State("upload-token", "data"),
        **LATER,
    )
    def cancel(clicks, token):
        if not clicks or not auth.may_ingest(users):  # only who may load a ledger may drop a staged one
            return no_update, no_update, no_update, no_update
        uploads.discard(token)
        return None, True, None, True


def ingest_number(value) -> int | None:
    """An ingest's number from what a request sent (an int, or its digits), or None: 1.5, "abc",
    "1e400", a list are not an ingest's number (and are never rounded to one)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value) or None
    return None


def _revert(w: Wiring) -> None:
    """Taking an ingested ledger back from the Sources page."""
    app, source, users = w.app, w.source, w.users

    @app.callback(
        Output("revert-result", "children"),
        Input("revert-button", "n_clicks"),
        State("revert-choice", "value"),
        State("lang", "data"),
        **LATER,
    )
    def revert(clicks, ingest_id, lang):
        if not clicks or ingest_id is None:
            return no_update
        if not auth.may_ingest(users):
            return html.P(text("ingest_not_allowed", lang), className="notice")
        number = ingest_number(ingest_id)
        if number is None:
            return html.P(text("revert_not_a_number", lang), className="notice")
        try:
            result = revert_ingest(source.path, number)
        except StoreError as error:
            return html.P(without_paths(str(error), source.path), className="notice")
        return html.P(
            text("revert_done", lang, id=result["ingest_id"], n=result["values_withdrawn"]), id="revert-message"
        )
