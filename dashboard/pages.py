"""The layout of each page, built from the view state. No data work here: it asks zhaodong_data."""

from __future__ import annotations

from dash import dcc, html

from zhaodong_data.figures import (
    DashboardData, ViewState, flag_counts, format_reading, metric_name, outcome_choices,
    program_figures, text, years_for,
)

from .components import control_id, figure_frame, how_computed, labelled

PAGES = {"/": "overview", "/compare": "compare", "/towns": "towns", "/village": "village", "/sources": "sources"}
ASPECT_KEYS = ("any", "party_building", "development", "service", "civilization", "harmony")


def _outcome_dropdown(page: str, data: DashboardData, state: ViewState, lang: str):
    options = [{"label": metric_name(m, lang), "value": m} for m in outcome_choices(data)]
    value = state.outcome if state.outcome in outcome_choices(data) else options[0]["value"]
    return labelled(text("outcome", lang), dcc.Dropdown(
        id=control_id(page, "outcome"), options=options, value=value, clearable=False, searchable=False))


def _year_dropdown(page: str, data: DashboardData, state: ViewState, lang: str):
    years = years_for(data, state.outcome) or years_for(data, outcome_choices(data)[0])
    value = state.year if state.year in years else (years[-1] if years else None)
    return labelled(text("year", lang), dcc.Dropdown(
        id=control_id(page, "year"), options=[{"label": str(y), "value": y} for y in years], value=value,
        clearable=False, searchable=False))


def overview(data: DashboardData, state: ViewState, lang: str) -> html.Div:
    figures = program_figures(data)
    cards = []
    for row in figures.itertuples():
        value = (format_reading(row.low, row.high, row.qualifier, lang, money=True) if row.money
                 else f"{row.low:,.0f}")
        correction = row.correction_reason or text("no_correction", lang)
        cards.append(html.Div([
            html.Div(value, className="card-value"),
            html.Div(text(row.label, lang), className="card-label"),
            html.Details([
                html.Summary(text("provenance", lang)),
                html.Dl([
                    html.Dt(text("as_published", lang)), html.Dd(f"“{row.raw}” ({row.paragraph})"),
                    html.Dt(text("published_by", lang)), html.Dd(f"{row.publisher}, {row.date}"),
                    html.Dt(text("correction", lang)), html.Dd(correction),
                ]),
            ], className="provenance"),
        ], className="card", title=f"{row.raw} — {row.publisher} {row.date}", id=f"card-{row.fact_id}"))
    counts = flag_counts(data)
    count_cards = [
        html.Div([html.Div(str(counts["flagged_villages"]), className="card-value"),
                  html.Div(text("villages_with_flags", lang), className="card-label")], className="card"),
        html.Div([html.Div(str(counts["unflagged_villages"]), className="card-value"),
                  html.Div(text("villages_without_flags", lang), className="card-label")], className="card"),
    ]
    return html.Div([
        html.H1(text("overview_title", lang)),
        html.Div(cards, className="cards"),
        html.Div(count_cards, className="cards"),
        figure_frame("overview", lang, state.view, downloads=True),
    ])


def compare(data: DashboardData, state: ViewState, lang: str) -> html.Div:
    aspects = [{"label": text("any_flag" if a == "any" else a, lang), "value": a} for a in ASPECT_KEYS]
    towns = [{"label": t.name_zh if lang == "zh" else t.name_pinyin, "value": t.code} for t in data.towns.itertuples()]
    controls = html.Div([
        _outcome_dropdown("compare", data, state, lang),
        labelled(text("aspect", lang), dcc.Dropdown(id=control_id("compare", "aspect"), options=aspects,
                                                   value=state.aspect, clearable=False, searchable=False)),
        labelled(text("towns", lang), dcc.Dropdown(id=control_id("compare", "towns"), options=towns,
                                                  value=list(state.towns), multi=True,
                                                  placeholder=text("all_towns", lang))),
        _year_dropdown("compare", data, state, lang),
        labelled(text("log_scale", lang), dcc.Checklist(
            id=control_id("compare", "log"), options=[{"label": text("log_scale", lang), "value": "log"}],
            value=["log"] if state.log else [])),
    ], className="controls")
    return html.Div([
        controls,
        figure_frame("compare", lang, state.view),
        html.P(id="compare-stats", className="stats"),
        html.P(id="compare-caveat", className="caveat"),
        how_computed(lang),
    ])


def towns(data: DashboardData, state: ViewState, lang: str) -> html.Div:
    controls = html.Div([_outcome_dropdown("towns", data, state, lang), _year_dropdown("towns", data, state, lang)],
                        className="controls")
    return html.Div([controls, figure_frame("towns", lang, state.view)])


def village(data: DashboardData, state: ViewState, lang: str) -> html.Div:
    return html.Div([
        html.Div([
            labelled(text("village_search", lang), dcc.Input(
                id="village-query", type="search", debounce=True, autoComplete="off",
                placeholder=text("village_search_placeholder", lang), value="", className="search"),
                html_for="village-query"),
        ], className="controls"),
        html.Div(id="village-candidates"),
        dcc.RadioItems(id=control_id("village", "village"), options=[], value=state.village,
                       className="candidates"),
        html.Div(id="village-profile"),
    ])


def sources(data: DashboardData, state: ViewState, lang: str) -> html.Div:
    return html.Div([
        html.H2(text("sources_facts", lang)),
        figure_frame("sources", lang, "table", downloads=True),
        html.H2(text("sources_ingests", lang)),
        html.Div(id="sources-ingests"),
        html.H2(text("sources_quarantine", lang)),
        html.Div(id="sources-quarantine"),
        html.P(id="sources-share"),
    ])


BUILDERS = {"overview": overview, "compare": compare, "towns": towns, "village": village, "sources": sources}

