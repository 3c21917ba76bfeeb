"""Callbacks: thin wrappers that read the controls, ask `views` (and so zhaodong_data), and
place the result. Pages are painted with their first content; callbacks run on changes."""

from __future__ import annotations

from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from zhaodong_data.export import to_csv_bytes, to_xlsx_bytes
from zhaodong_data.figures import (
    ViewState, comparison_frame, encode_state, find_villages, parse_state, text, town_summary, years_for,
)

from functools import partial


from zhaodong_data.ingest import ingest_file, validate_file
from zhaodong_data.ledgers import UnreadableFile

from . import pages, views
from .components import banner, control_id, notices
from .data import DataSource
from .uploads import Uploads, UploadTooLarge

FIGURE_PAGES = ("overview", "compare", "towns")  # pages whose frame has a chart / table toggle
LATER = {"prevent_initial_call": True}


def header(lang: str, pathname: str) -> list:
    links = [dcc.Link(text(f"nav_{name}", lang), href=f"{path}?lang={lang}", id=f"nav-{name}",
                      className="nav-link active" if path == pathname else "nav-link")
             for path, name in pages.PAGES.items()]
    return [
        html.Div(text("app_title", lang), className="app-title", id="app-title"),
        html.Nav(links, className="nav", **{"aria-label": "pages"}),
        html.Button(text("switch_language", lang), id="lang-toggle", className="button lang-toggle", n_clicks=0,
                    title=text("switch_language_label", lang), lang="en" if lang == "zh" else "zh"),
    ]


def _styles(view: str):
    show, hide = {"display": "block"}, {"display": "none"}
    return (show, hide) if view != "table" else (hide, show)


def _send(frame, name: str, trigger) -> dict:
    if trigger and str(trigger).endswith("xlsx"):
        return dcc.send_bytes(to_xlsx_bytes(frame), f"{name}.xlsx")
    return dcc.send_bytes(to_csv_bytes(frame), f"{name}.csv")


def register(app, source: DataSource, allow_ingest: bool = False) -> None:
    """Every callback asks `source` for the data, so that an ingest shows without a restart.
    `allow_ingest`: planners may load ledgers from the Sources page."""
    builders = {**pages.BUILDERS, "sources": partial(pages.sources, allow_ingest=allow_ingest)}
    uploads = Uploads() if allow_ingest else None

    @app.callback(Output("lang", "data"), Input("url", "search"), State("lang", "data"))
    def sync_lang(search, current):
        lang = parse_state(search, source.choices)[0].lang
        return no_update if lang == current else lang

    @app.callback(Output("header", "children"), Output("banner", "children"), Output("notices", "children"),
                  Output("page", "children"), Output("root", "lang"), Input("url", "pathname"), Input("lang", "data"),
                  State("url", "search"))
    def render(pathname, lang, search):
        data = source.get()
        state, problems = parse_state(search, source.choices)
        page = pages.PAGES.get(pathname or "/", "overview")
        return (header(state.lang, pathname or "/"), banner(state.lang) if data.shows_synthetic else None,
                notices(problems, state.lang), builders[page](data, state, state.lang),
                "zh-CN" if state.lang == "zh" else "en")

    @app.callback(Output("url", "search", allow_duplicate=True), Input("lang-toggle", "n_clicks"),
                  State("url", "search"), **LATER)
    def toggle_language(clicks, search):
        if not clicks:
            return no_update
        state, _ = parse_state(search, source.choices)
        return encode_state(ViewState(**{**state.__dict__, "lang": "en" if state.lang == "zh" else "zh"}))

    @app.callback(Output("url", "search", allow_duplicate=True),
                  Input({"type": "ctl", "page": ALL, "key": ALL}, "value"), State("url", "search"), **LATER)
    def controls_to_url(values, search):
        state, _ = parse_state(search, source.choices)
        fields = dict(state.__dict__)
        for item, value in zip(ctx.inputs_list[0], values):
            key = item["id"]["key"]
            if key == "towns":
                fields["towns"] = tuple(value or ())
            elif key == "log":
                fields["log"] = bool(value)
            else:
                fields[key] = value
        encoded = encode_state(ViewState(**fields))
        return no_update if encoded == (search or "") else encoded

    for page in FIGURE_PAGES:
        app.callback(Output(f"{page}-chart-wrap", "style"), Output(f"{page}-table-wrap", "style"),
                     Input(control_id(page, "view"), "value"), **LATER)(_styles)

    for page in ("compare", "towns"):
        @app.callback(Output(control_id(page, "year"), "options"), Output(control_id(page, "year"), "value"),
                      Input(control_id(page, "outcome"), "value"), State(control_id(page, "year"), "value"), **LATER)
        def year_options(outcome, year):
            data = source.get()
            years = years_for(data, outcome)
            return [{"label": str(y), "value": y} for y in years], (year if year in years else (years[-1] if years else None))

    # --- compare ---------------------------------------------------------------------------
    compare_keys = ("outcome", "aspect", "towns", "year", "log")

    @app.callback(Output("compare-graph", "figure"), Output("compare-table", "data"), Output("compare-table", "columns"),
                  Output("compare-caption", "children"), Output("compare-stats", "children"),
                  Output("compare-caveat", "children"),
                  *[Input(control_id("compare", key), "value") for key in compare_keys], State("lang", "data"), **LATER)
    def compare_update(outcome, aspect, towns, year, log, lang):
        data = source.get()
        view = views.compare_view(data, outcome, aspect, towns, year, log, lang)
        return view["figure"], view["rows"], view["columns"], view["caption"], view["stats"], view["caveat"]

    @app.callback(Output("compare-download", "data"), Input("compare-download-csv", "n_clicks"),
                  Input("compare-download-xlsx", "n_clicks"),
                  *[State(control_id("compare", key), "value") for key in compare_keys], State("lang", "data"), **LATER)
    def compare_download(csv_clicks, xlsx_clicks, outcome, aspect, towns, year, log, lang):
        data = source.get()
        frame = comparison_frame(data, outcome, aspect or "any", tuple(towns or ()), year)
        return _send(views.selection_table(frame, outcome, lang), f"zhaodong-{outcome}-{frame['year'].iloc[0]}",
                     ctx.triggered_id)

    # --- towns -----------------------------------------------------------------------------
    @app.callback(Output("towns-graph", "figure"), Output("towns-table", "data"), Output("towns-table", "columns"),
                  Output("towns-caption", "children"), Input(control_id("towns", "outcome"), "value"),
                  Input(control_id("towns", "year"), "value"), State("lang", "data"), **LATER)
    def towns_update(outcome, year, lang):
        data = source.get()
        view = views.towns_view(data, outcome, year, lang)
        return view["figure"], view["rows"], view["columns"], view["caption"]

    @app.callback(Output("towns-download", "data"), Input("towns-download-csv", "n_clicks"),
                  Input("towns-download-xlsx", "n_clicks"), State(control_id("towns", "outcome"), "value"),
                  State(control_id("towns", "year"), "value"), State("lang", "data"), **LATER)
    def towns_download(csv_clicks, xlsx_clicks, outcome, year, lang):
        data = source.get()
        return _send(views.towns_table(town_summary(data, outcome, year), outcome, lang), f"zhaodong-towns-{outcome}",
                     ctx.triggered_id)

    # --- overview and sources: downloads ---------------------------------------------------
    @app.callback(Output("overview-download", "data"), Input("overview-download-csv", "n_clicks"),
                  Input("overview-download-xlsx", "n_clicks"), **LATER)
    def overview_download(csv_clicks, xlsx_clicks):
        data = source.get()
        return _send(views.program_table(data), "zhaodong-program", ctx.triggered_id)

    @app.callback(Output("sources-download", "data"), Input("sources-download-csv", "n_clicks"),
                  Input("sources-download-xlsx", "n_clicks"), **LATER)
    def sources_download(csv_clicks, xlsx_clicks):
        data = source.get()
        return _send(data.facts, "zhaodong-published-figures", ctx.triggered_id)

    # --- village ---------------------------------------------------------------------------
    @app.callback(Output(control_id("village", "village"), "options"), Output(control_id("village", "village"), "value"),
                  Output("village-candidates", "children"), Input("village-query", "value"), State("lang", "data"),
                  **LATER)
    def village_search(query, lang):
        data = source.get()
        found = find_villages(data, query)
        if found["status"] == "matched":
            return views.village_options(data, found["codes"], lang), found["codes"][0], None
        if found["status"] == "ambiguous":
            return (views.village_options(data, found["codes"], lang), None,
                    html.P(text("village_ambiguous", lang), role="status"))
        if found["status"] == "empty":
            return no_update, no_update, None
        return [], None, html.P(text("village_not_found", lang), role="status")

    @app.callback(Output("village-profile", "children"), Input(control_id("village", "village"), "value"),
                  State("lang", "data"), **LATER)
    def village_update(code, lang):
        data = source.get()
        return views.village_view(data, code, lang)

    # --- loading a ledger (Sources page) ---------------------------------------------------
    if not allow_ingest:
        return

    @app.callback(Output("upload-report", "children"), Output("ingest-button", "disabled"),
                  Output("upload-token", "data"), Output("ingest-result", "children"),
                  Input("ledger-upload", "contents"), Input("accept-outliers", "value"),
                  State("ledger-upload", "filename"), State("lang", "data"), **LATER)
    def upload(contents, accept, filename, lang):
        if not contents:
            return no_update, True, None, None
        path = None
        try:
            token, path = uploads.save(contents, filename)
            report = validate_file(path, label=filename, store_path=source.path, accept_outliers=bool(accept))
        except (UnreadableFile, UploadTooLarge) as error:
            message = str(error).replace(str(path), filename) if path else str(error)  # no server paths shown
            return html.P(text("upload_unreadable", lang, error=message), className="notice"), True, None, None
        return views.upload_report(report, filename, lang), False, token, None

    @app.callback(Output("ingest-result", "children", allow_duplicate=True),
                  Output("ingest-button", "disabled", allow_duplicate=True), Input("ingest-button", "n_clicks"),
                  State("upload-token", "data"), State("ledger-upload", "filename"), State("accept-outliers", "value"),
                  State("lang", "data"), **LATER)
    def ingest(clicks, token, filename, accept, lang):
        path = uploads.path(token)
        if not clicks or path is None:
            return no_update, no_update
        outcome = ingest_file(source.path, path, label=filename, accept_outliers=bool(accept))
        key = "ingest_done" if outcome.status == "ingested" else "ingest_unchanged"
        return html.P(text(key, lang, id=outcome.ingest_id), id="ingest-message"), True

