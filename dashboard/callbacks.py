"""Callbacks: thin wrappers that read the controls, call zhaodong_data and place the result."""

from __future__ import annotations

import pandas as pd
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from zhaodong_data.analysis import CAVEAT, compare_groups
from zhaodong_data.export import to_csv_bytes, to_xlsx_bytes
from zhaodong_data.figures import (
    Choices, DashboardData, ViewState, aspects_figure, compare_figure, comparison_frame, encode_state,
    find_villages, flag_counts, format_amount, format_reading, metric_name, outcome_choices, parse_state,
    synthetic_share, text, town_summary, towns_figure, village_figure, village_profile, years_for,
)

from . import pages
from .components import banner, control_id, graph_config, notices, table_of

FIGURE_PAGES = ("overview", "compare", "towns", "sources")


def choices_of(data: DashboardData) -> Choices:
    years = sorted({int(y) for y in data.outcomes["year"].unique()})
    return Choices(outcomes=tuple(outcome_choices(data)), towns=tuple(data.towns["code"]), years=tuple(years),
                   villages=frozenset(data.villages["code"]))


def header(lang: str, pathname: str) -> list:
    links = [dcc.Link(text(f"nav_{name}", lang), href=f"{path}?lang={lang}",
                      className="nav-link active" if path == pathname else "nav-link",
                      id=f"nav-{name}")
             for path, name in pages.PAGES.items()]
    return [
        html.Div(text("app_title", lang), className="app-title", id="app-title"),
        html.Nav(links, className="nav", **{"aria-label": "pages"}),
        html.Button(text("switch_language", lang), id="lang-toggle", className="button lang-toggle", n_clicks=0,
                    title=text("switch_language_label", lang), lang="en" if lang == "zh" else "zh"),
    ]


def _source_label(data: DashboardData, lang: str) -> str:
    return text("source_ledgers" if data.uses_ledgers else "source_demo", lang)


def _flag_label(row, lang: str) -> str:
    return text("flagged" if row.flagged else "not_flagged", lang)


def selection_table(frame: pd.DataFrame, outcome: str, lang: str) -> pd.DataFrame:
    """The current selection as people read it (and download it): one row per village."""
    money = outcome not in ("new_business_entities",)
    return pd.DataFrame({
        text("village", lang): frame["name_short"] if lang == "zh" else frame["name_pinyin"],
        text("town", lang): frame["town_name"],
        "code": frame["code"],
        text("flag_status", lang): [_flag_label(r, lang) for r in frame.itertuples()],
        text("aspect", lang): [", ".join(text(a, lang) for a in r.split(",") if a) for r in frame["aspects"]],
        text("year", lang): frame["year"],
        text("value", lang): [format_reading(r.low, r.high, r.qualifier, lang, money) if pd.notna(r.value) else "—"
                              for r in frame.itertuples()],
        "low": frame["low"], "high": frame["high"], "value": frame["value"],
        text("qualifier", lang): [text(f"qualifier_{q}", lang) if isinstance(q, str) else "" for q in frame["qualifier"]],
        text("raw", lang): frame["raw"],
        text("data_kind", lang): [("" if pd.isna(s) else text("synthetic" if s else "real", lang)) for s in frame["is_synthetic"]],
    })


def _styles(view: str):
    show, hide = {"display": "block"}, {"display": "none"}
    return (show, hide) if view != "table" else (hide, show)


def register(app, data: DashboardData) -> None:
    choices = choices_of(data)

    @app.callback(Output("lang", "data"), Input("url", "search"), State("lang", "data"))
    def sync_lang(search, current):
        lang = parse_state(search, choices)[0].lang
        return no_update if lang == current else lang

    @app.callback(Output("header", "children"), Output("banner", "children"), Output("notices", "children"),
                  Output("page", "children"), Input("url", "pathname"), Input("lang", "data"), State("url", "search"))
    def render(pathname, lang, search):
        state, problems = parse_state(search, choices)
        lang = state.lang
        page = pages.PAGES.get(pathname or "/", "overview")
        content = pages.BUILDERS[page](data, state, lang)
        return (header(lang, pathname or "/"), banner(lang) if data.shows_synthetic else None,
                notices(problems, lang), content)

    @app.callback(Output("url", "search", allow_duplicate=True), Input("lang-toggle", "n_clicks"),
                  State("url", "search"), prevent_initial_call=True)
    def toggle_language(clicks, search):
        if not clicks:
            return no_update
        state, _ = parse_state(search, choices)
        return encode_state(ViewState(**{**state.__dict__, "lang": "en" if state.lang == "zh" else "zh"}))

    @app.callback(Output("url", "search", allow_duplicate=True),
                  Input({"type": "ctl", "page": ALL, "key": ALL}, "value"), State("url", "search"),
                  prevent_initial_call=True)
    def controls_to_url(values, search):
        state, _ = parse_state(search, choices)
        fields = dict(state.__dict__)
        for item, value in zip(ctx.inputs_list[0], values):
            key = item["id"]["key"]
            if key == "towns":
                fields["towns"] = tuple(value or ())
            elif key == "log":
                fields["log"] = bool(value)
            elif key in ("outcome", "aspect", "view", "year", "village"):
                fields[key] = value
        encoded = encode_state(ViewState(**fields))
        return no_update if encoded == (search or "") else encoded

    for page in FIGURE_PAGES:
        app.callback(Output(f"{page}-chart-wrap", "style"), Output(f"{page}-table-wrap", "style"),
                     Input(control_id(page, "view"), "value"))(_styles)

    for page in ("compare", "towns"):
        @app.callback(Output(control_id(page, "year"), "options"), Output(control_id(page, "year"), "value"),
                      Input(control_id(page, "outcome"), "value"), State(control_id(page, "year"), "value"))
        def year_options(outcome, year):
            years = years_for(data, outcome)
            return [{"label": str(y), "value": y} for y in years], (year if year in years else (years[-1] if years else None))

    # --- overview --------------------------------------------------------------------------
    @app.callback(Output("overview-graph", "figure"), Output("overview-table", "data"),
                  Output("overview-table", "columns"), Output("overview-caption", "children"),
                  Input(control_id("overview", "view"), "value"), State("lang", "data"))
    def overview_figure(view, lang):
        counts = flag_counts(data)["by_aspect"]
        table = pd.DataFrame({text("aspect", lang): [text(a, lang) for a in counts.index],
                              text("flags_count", lang): counts.values})
        rows, columns = table_of(table, [(c, c) for c in table.columns])
        synthetic = data.red_flags["is_synthetic"].mean()
        caption = (f"{text('source', lang)}: {_source_label(data, lang) if synthetic else 'Heilongjiang Daily'}; "
                   f"{text('sources_synthetic_share', lang, share=f'{synthetic:.0%}')}")
        return aspects_figure(counts, lang), rows, columns, caption

    @app.callback(Output("overview-download", "data"), Input("overview-download-csv", "n_clicks"),
                  Input("overview-download-xlsx", "n_clicks"), State("lang", "data"), prevent_initial_call=True)
    def overview_download(csv_clicks, xlsx_clicks, lang):
        from zhaodong_data.figures import program_figures

        frame = program_figures(data).drop(columns=["money"])
        return _send(frame, "zhaodong-program", ctx.triggered_id)

    # --- compare ---------------------------------------------------------------------------
    compare_inputs = [Input(control_id("compare", key), "value") for key in ("outcome", "aspect", "towns", "year", "log")]

    @app.callback(Output("compare-graph", "figure"), Output("compare-table", "data"), Output("compare-table", "columns"),
                  Output("compare-caption", "children"), Output("compare-stats", "children"),
                  Output("compare-caveat", "children"), *compare_inputs, State("lang", "data"))
    def compare_view(outcome, aspect, towns, year, log, lang):
        frame = comparison_frame(data, outcome, aspect or "any", tuple(towns or ()), year)
        comparison = compare_groups(frame)
        figure = compare_figure(frame, comparison, outcome, lang, log=bool(log))
        table = selection_table(frame, outcome, lang).drop(columns=["low", "high", "value"])
        rows, columns = table_of(table, [(c, c) for c in table.columns])
        caption = text("caption", lang, source=_source_label(data, lang), n_flagged=comparison.n_flagged,
                       n_other=comparison.n_other, n_missing=comparison.n_missing,
                       n_not_exact=comparison.n_not_exact, updated=data.built_at)
        money = outcome != "new_business_entities"
        stats = (f"{text('flagged', lang)}: {text('median', lang)} {format_amount(comparison.median_flagged, lang, money)}, "
                 f"{text('mean', lang)} {format_amount(comparison.mean_flagged, lang, money)} · "
                 f"{text('not_flagged', lang)}: {text('median', lang)} {format_amount(comparison.median_other, lang, money)}, "
                 f"{text('mean', lang)} {format_amount(comparison.mean_other, lang, money)} · "
                 f"{text('difference', lang)} {format_amount(comparison.difference, lang, money)} "
                 f"({text('ci95', lang)} {format_amount(comparison.ci_low, lang, money)} – "
                 f"{format_amount(comparison.ci_high, lang, money)})")
        return figure, rows, columns, caption, stats, CAVEAT[lang]

    @app.callback(Output("compare-download", "data"), Input("compare-download-csv", "n_clicks"),
                  Input("compare-download-xlsx", "n_clicks"), *[State(i.component_id, i.component_property) for i in compare_inputs],
                  State("lang", "data"), prevent_initial_call=True)
    def compare_download(csv_clicks, xlsx_clicks, outcome, aspect, towns, year, log, lang):
        frame = comparison_frame(data, outcome, aspect or "any", tuple(towns or ()), year)
        return _send(selection_table(frame, outcome, lang), f"zhaodong-{outcome}-{frame['year'].iloc[0]}",
                     ctx.triggered_id)

    # --- towns -----------------------------------------------------------------------------
    @app.callback(Output("towns-graph", "figure"), Output("towns-table", "data"), Output("towns-table", "columns"),
                  Output("towns-caption", "children"), Input(control_id("towns", "outcome"), "value"),
                  Input(control_id("towns", "year"), "value"), State("lang", "data"))
    def towns_view(outcome, year, lang):
        summary = town_summary(data, outcome, year)
        table = _towns_table(summary, outcome, lang)
        rows, columns = table_of(table, [(c, c) for c in table.columns])
        caption = f"{text('source', lang)}: {_source_label(data, lang)}. {text('last_update', lang)}: {data.built_at}"
        return towns_figure(summary, outcome, lang), rows, columns, caption

    @app.callback(Output("towns-download", "data"), Input("towns-download-csv", "n_clicks"),
                  Input("towns-download-xlsx", "n_clicks"), State(control_id("towns", "outcome"), "value"),
                  State(control_id("towns", "year"), "value"), State("lang", "data"), prevent_initial_call=True)
    def towns_download(csv_clicks, xlsx_clicks, outcome, year, lang):
        return _send(_towns_table(town_summary(data, outcome, year), outcome, lang), f"zhaodong-towns-{outcome}",
                     ctx.triggered_id)

    # --- village ---------------------------------------------------------------------------
    @app.callback(Output(control_id("village", "village"), "options"), Output(control_id("village", "village"), "value"),
                  Output("village-candidates", "children"), Input("village-query", "value"),
                  State(control_id("village", "village"), "value"), State("lang", "data"))
    def village_search(query, current, lang):
        if not query:
            if current:
                return _village_options([current], lang), current, None
            return [], None, None
        found = find_villages(data, query)
        if found["status"] == "matched":
            return _village_options(found["codes"], lang), found["codes"][0], None
        if found["status"] == "ambiguous":
            return _village_options(found["codes"], lang), None, html.P(text("village_ambiguous", lang), role="status")
        return [], None, html.P(text("village_not_found", lang), role="status")

    @app.callback(Output("village-profile", "children"), Input(control_id("village", "village"), "value"),
                  State("lang", "data"))
    def village_view(code, lang):
        if not code:
            return None
        profile = village_profile(data, code)
        village = profile["village"]
        name = village["name_short"] if lang == "zh" else village["name_pinyin"]
        flags = profile["flags"]
        flag_text = (", ".join(f"{text(a, lang)} ({y})" + (f" · {text('synthetic', lang)}" if s else "")
                               for a, y, s in zip(flags["aspect"], flags["year"], flags["is_synthetic"]))
                     or text("village_no_flags", lang))
        outcomes = profile["outcomes"]
        table = pd.DataFrame({
            text("outcome", lang): [metric_name(m, lang) for m in outcomes["metric"]],
            text("year", lang): outcomes["year"],
            text("value", lang): [format_reading(r.low, r.high, r.qualifier, lang, r.unit == "CNY") for r in outcomes.itertuples()],
            text("raw", lang): outcomes["raw"],
            text("data_kind", lang): [text("synthetic" if s else "real", lang) for s in outcomes["is_synthetic"]],
        })
        rows, columns = table_of(table, [(c, c) for c in table.columns])
        facts = profile["facts"]
        published = [html.Li(f"“{r.raw}” — {metric_name(r.metric, lang)} {r.year}: "
                             f"{format_reading(r.low, r.high, r.qualifier, lang, r.unit == 'CNY')} · {r.publisher} {r.date}"
                             + (f" · {text('correction', lang)}: {r.correction_reason}" if r.correction_reason else ""))
                     for r in facts.itertuples()]
        from dash import dash_table

        return html.Div([
            html.H2(f"{name} · {village['town_name']} · {village['code']}", id="village-name"),
            html.P([html.Strong(f"{text('village_flags', lang)}: "), flag_text]),
            dcc.Graph(figure=village_figure(outcomes, name, lang), config=graph_config(lang, f"zhaodong-{code}")),
            dash_table.DataTable(data=rows, columns=columns, page_size=20, sort_action="native",
                                 style_cell={"fontFamily": "inherit", "textAlign": "left"}),
            html.H3(text("village_published", lang)),
            html.Ul(published) if published else html.P(text("none_yet", lang)),
        ])

    def _village_options(codes, lang):
        villages = data.villages.set_index("code")
        return [{"label": f"{villages.loc[c, 'name_short'] if lang == 'zh' else villages.loc[c, 'name_pinyin']} "
                          f"({villages.loc[c, 'town_name']})", "value": c} for c in codes]

    # --- sources ---------------------------------------------------------------------------
    @app.callback(Output("sources-table", "data"), Output("sources-table", "columns"), Output("sources-caption", "children"),
                  Output("sources-ingests", "children"), Output("sources-quarantine", "children"),
                  Output("sources-share", "children"), Output("sources-graph", "figure"),
                  Input(control_id("sources", "view"), "value"), State("lang", "data"))
    def sources_view(view, lang):
        facts = data.facts
        rows, columns = table_of(facts, [(c, c) for c in (
            "id", "raw", "literal_low", "low", "high", "qualifier", "unit", "period", "correction_rule",
            "correction_reason", "source_id", "paragraph", "attribution")])
        from dash import dash_table

        def small_table(frame):
            if frame.empty:
                return html.P(text("none_yet", lang))
            r, c = table_of(frame, [(col, col) for col in frame.columns if col != "report"])
            return dash_table.DataTable(data=r, columns=c, page_size=15, style_table={"overflowX": "auto"},
                                        style_cell={"fontFamily": "inherit", "textAlign": "left"})
        share = text("sources_synthetic_share", lang, share=f"{synthetic_share(data):.0%}")
        caption = f"{len(facts)} · {', '.join(sorted(set(facts['source_id'])))}"
        return rows, columns, caption, small_table(data.ingests), small_table(data.quarantine), share, {}

    @app.callback(Output("sources-download", "data"), Input("sources-download-csv", "n_clicks"),
                  Input("sources-download-xlsx", "n_clicks"), prevent_initial_call=True)
    def sources_download(csv_clicks, xlsx_clicks):
        return _send(data.facts, "zhaodong-published-figures", ctx.triggered_id)


def _towns_table(summary: pd.DataFrame, outcome: str, lang: str) -> pd.DataFrame:
    money = outcome != "new_business_entities"
    table = pd.DataFrame({
        text("town", lang): summary["town_name"], text("villages_count", lang): summary["villages"],
        text("flags_count", lang): summary["flags"],
    })
    for aspect in pages.ASPECT_KEYS[1:]:
        table[text(aspect, lang)] = summary[aspect]
    table[f"{text('median_outcome', lang)} ({metric_name(outcome, lang)})"] = [
        format_amount(v, lang, money) for v in summary["median"]]
    return table


def _send(frame: pd.DataFrame, name: str, trigger) -> dict:
    if trigger and str(trigger).endswith("xlsx"):
        return dcc.send_bytes(to_xlsx_bytes(frame), f"{name}.xlsx")
    return dcc.send_bytes(to_csv_bytes(frame), f"{name}.csv")
