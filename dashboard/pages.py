"""The layout of each page for a view state, with its first content already in it (one
round trip to the first chart). No data work here: views and zhaodong_data do it."""

from __future__ import annotations

from dash import dcc, html

from zhaodong_data.bands import INCOME_METRICS
from zhaodong_data.figures import (
    DashboardData,
    ViewState,
    flag_counts,
    format_reading,
    format_time,
    metric_name,
    outcome_choices,
    program_figures,
    publisher_name,
    text,
    village_choices,
    years_for,
)
from zhaodong_data.sources.corrections import correction_reason
from zhaodong_data.vocabulary import ASPECT_CHOICES

from . import views
from .components import control_id, dropdown, figure_frame, graph_config, grid, how_computed, labelled

PAGES = {
    "/": "overview",
    "/compare": "compare",
    "/trends": "trends",
    "/towns": "towns",
    "/village": "village",
    "/sources": "sources",
}
ASPECT_KEYS = ASPECT_CHOICES


def chosen_outcome(data: DashboardData, state: ViewState) -> str:
    choices = outcome_choices(data)
    return state.outcome if state.outcome in choices else choices[0]


def chosen_year(data: DashboardData, state: ViewState, outcome: str):
    years = years_for(data, outcome)
    return state.year if state.year in years else (years[-1] if years else None)


def _outcome_dropdown(page: str, data: DashboardData, outcome: str, lang: str):
    options = [{"label": metric_name(m, lang), "value": m} for m in outcome_choices(data)]
    return labelled(
        text("outcome", lang),
        dropdown(
            lang, id=control_id(page, "outcome"), options=options, value=outcome, clearable=False, searchable=False
        ),
    )


def _aspect_dropdown(page: str, state: ViewState, lang: str):
    options = [{"label": text("any_flag" if a == "any" else a, lang), "value": a} for a in ASPECT_KEYS]
    return labelled(
        text("aspect", lang),
        dropdown(
            lang, id=control_id(page, "aspect"), options=options, value=state.aspect, clearable=False, searchable=False
        ),
    )


def _year_dropdown(page: str, data: DashboardData, outcome: str, year, lang: str):
    return labelled(
        text("year", lang),
        dropdown(
            lang,
            id=control_id(page, "year"),
            options=[{"label": str(y), "value": y} for y in years_for(data, outcome)],
            value=year,
            clearable=False,
            searchable=False,
        ),
    )


CARD_GROUPS = (  # the published figures, by whom they describe: no card left alone on a row
    ("cards_program", ("red_flags_total", "orgs_selected", "investment_projects", "new_business_entities")),
    ("cards_committees", ("joint_committees", "jc_collective_income", "jc_farmer_income")),
)


def _published_card(row, lang: str) -> html.Div:
    """A published figure: its value, what it counts, where and when, and a link to its source."""
    value = format_reading(row.low, row.high, row.qualifier, lang, money=True) if row.money else f"{row.low:,.0f}"
    source = f"{publisher_name(row.publisher, lang)} {row.date}"
    link = (
        html.A(source, href=row.url, target="_blank", rel="noopener", className="card-source")
        if row.url
        else html.Span(source, className="card-source")
    )
    return html.Div(
        [
            html.Div(value, className="card-value"),
            html.Div(text(row.label, lang), className="card-label"),
            html.Div(text(f"scope_{row.fact_id}", lang), className="card-scope"),
            html.Div([text("card_source", lang), link]),
            html.Details(
                [
                    html.Summary(text("provenance", lang)),
                    html.Dl(
                        [
                            html.Dt(text("as_published", lang)),
                            html.Dd(f"“{row.raw}” ({row.paragraph})", className="verbatim"),
                            html.Dt(text("correction", lang)),
                            html.Dd(correction_reason(row._asdict(), lang) or text("no_correction", lang)),
                        ]
                    ),
                ],
                className="provenance",
            ),
        ],
        className="card",
        id=f"card-{row.fact_id}",
    )


def overview(data: DashboardData, state: ViewState, lang: str) -> html.Div:
    figures = {row.fact_id: row for row in program_figures(data).itertuples()}
    sections = []
    for title, fact_ids in CARD_GROUPS:
        sections += [
            html.H2(text(title, lang)),
            html.Div(
                [_published_card(figures[f], lang) for f in fact_ids if f in figures],
                className=f"cards cards-{len(fact_ids)}",
            ),
        ]
    counts = flag_counts(data)
    synthetic = bool(data.red_flags["is_synthetic"].astype(bool).any())
    badge = [html.Span(text("synthetic", lang), className="badge-synthetic")] if synthetic else []
    count_cards = [
        html.Div(
            [
                html.Div([str(counts[key]), *badge], className="card-value"),
                html.Div(text(label, lang), className="card-label"),
            ],
            className="card",
            id=f"card-{key}",
        )
        for key, label in (
            ("flagged_villages", "villages_with_flags"),
            ("unflagged_villages", "villages_without_flags"),
        )
    ]
    return html.Div(
        [
            html.H1(text("overview_title", lang)),
            *sections,
            html.H2(text("cards_panel_synthetic" if synthetic else "cards_panel", lang)),
            html.Div(count_cards, className="cards cards-2"),
            html.P(views.flag_counts_note(data, lang), className="caption", id="flag-counts-note"),
            figure_frame("overview", lang, state.view, content=views.overview_view(data, lang)),
            *bands_section(data, state, lang),
        ]
    )


def bands_metric(data: DashboardData, state: ViewState) -> str | None:
    """The income the bands count: the chosen outcome if it is an income reports band, else the
    first of those the data hold."""
    present = [m for m in INCOME_METRICS if years_for(data, m)]
    if not present:
        return None
    return state.outcome if state.outcome in present else present[0]


def bands_section(data: DashboardData, state: ViewState, lang: str) -> list:
    metric = bands_metric(data, state)
    if metric is None:
        return []
    year = chosen_year(data, state, metric)
    options = [{"label": metric_name(m, lang), "value": m} for m in INCOME_METRICS if years_for(data, m)]
    content = views.bands_view(data, metric, year, lang)
    return [
        html.H2(text("bands_section", lang)),
        html.Div(
            [
                labelled(
                    text("bands_metric", lang),
                    dropdown(
                        lang,
                        id=control_id("bands", "outcome"),
                        options=options,
                        value=metric,
                        clearable=False,
                        searchable=False,
                    ),
                ),
                _year_dropdown("bands", data, metric, year, lang),
            ],
            className="controls",
        ),
        figure_frame("bands", lang, "chart", content=content, view_in_url=False),
    ]


def compare(data: DashboardData, state: ViewState, lang: str) -> html.Div:
    outcome = chosen_outcome(data, state)
    year = chosen_year(data, state, outcome)
    towns = [{"label": t.name_zh if lang == "zh" else t.name_pinyin, "value": t.code} for t in data.towns.itertuples()]
    controls = html.Div(
        [
            _outcome_dropdown("compare", data, outcome, lang),
            _aspect_dropdown("compare", state, lang),
            labelled(
                text("towns", lang),
                dropdown(
                    lang,
                    id=control_id("compare", "towns"),
                    options=towns,
                    value=list(state.towns),
                    multi=True,
                    placeholder=text("all_towns", lang),
                ),
            ),
            labelled(
                text("comparison_group", lang),
                dropdown(
                    lang,
                    id=control_id("compare", "comparison"),
                    clearable=False,
                    searchable=False,
                    value=state.comparison,
                    options=[
                        {"label": text("comparison_others", lang), "value": "others"},
                        {"label": text("comparison_never", lang), "value": "never"},
                    ],
                ),
            ),
            _year_dropdown("compare", data, outcome, year, lang),
            labelled(
                text("view", lang),
                dcc.Checklist(
                    id=control_id("compare", "log"),
                    options=[{"label": text("log_scale", lang), "value": "log"}],
                    value=["log"] if state.log else [],
                ),
            ),
        ],
        className="controls",
    )
    content = views.compare_view(data, outcome, state.aspect, state.towns, year, state.log, lang, state.comparison)
    return html.Div(
        [
            html.H1(text("nav_compare", lang), className="page-title"),
            controls,
            html.P(content["headline"], id="compare-headline", className="headline"),
            html.P(content["selection"], id="compare-selection", className="caption selection-line"),
            figure_frame("compare", lang, state.view, content=content),
            html.P(content["legend"], id="compare-legend", className="legend"),
            html.P(content["stats"], id="compare-stats", className="stats"),
            html.P(content["caveat"], id="compare-caveat", className="caveat"),
            how_computed(lang),
        ]
    )


def trends(data: DashboardData, state: ViewState, lang: str) -> html.Div:
    outcome = chosen_outcome(data, state)
    controls = html.Div(
        [
            _outcome_dropdown("trends", data, outcome, lang),
            _aspect_dropdown("trends", state, lang),
        ],
        className="controls",
    )
    content = views.trends_view(data, outcome, state.aspect, lang)
    return html.Div(
        [
            html.H1(text("nav_trends", lang)),
            controls,
            figure_frame("trends", lang, state.view, content=content),
            html.P(content["estimate"], id="trends-estimate", className="stats"),
            html.P(content["by_town"], id="trends-by-town", className="stats"),
            html.P(content["cohorts"], id="trends-cohorts", className="caveat"),
            html.P(content["pretrend"], id="trends-pretrend", className="stats"),
            html.P(content["sensitivity"], id="trends-sensitivity", className="stats"),
            html.Div(
                dcc.Graph(id="trends-event", figure=content["event"], config=graph_config(lang, "zhaodong-event-study"))
                if content["event"]
                else None,
                id="trends-event-wrap",
                role="figure",
                **{"aria-labelledby": "trends-pretrend", "aria-describedby": "trends-caveat"},
            ),
            html.P(content["convention"], id="trends-convention", className="caption"),
            html.P(content["caveat"], id="trends-caveat", className="caveat"),
        ]
    )


def towns(data: DashboardData, state: ViewState, lang: str) -> html.Div:
    outcome = chosen_outcome(data, state)
    year = chosen_year(data, state, outcome)
    controls = html.Div(
        [_outcome_dropdown("towns", data, outcome, lang), _year_dropdown("towns", data, outcome, year, lang)],
        className="controls",
    )
    content = views.towns_view(data, outcome, year, lang)
    return html.Div(
        [
            html.H1(text("nav_towns", lang), className="page-title"),
            controls,
            html.P(content["headline"], id="towns-headline", className="headline"),
            figure_frame("towns", lang, state.view, content=content),
            html.P(content["legend"], id="towns-legend", className="legend"),
            *town_bands_section(data, outcome, year, lang),
        ]
    )


def town_bands_section(data: DashboardData, outcome: str, year, lang: str) -> list:
    metric = outcome if outcome in INCOME_METRICS else "collective_income"
    if not years_for(data, metric):
        return []
    content = views.town_bands_view(data, metric, year, lang)
    return [
        html.H2(text("bands_section", lang), id="towns-bands-title"),
        html.Div(grid("towns-bands-table", content["rows"], content["columns"], lang), id="towns-bands-wrap"),
        html.P(content["caption"], id="towns-bands-caption", className="caption"),
    ]


def village(data: DashboardData, state: ViewState, lang: str) -> html.Div:
    """One village: a searchable list of every village (suggestions as one types, in Chinese,
    pinyin or English), villages with published figures to start from, and the profile."""
    return html.Div(
        [
            html.H1(text("nav_village", lang), className="page-title"),
            html.Div(
                labelled(
                    text("village_search", lang),
                    dropdown(
                        lang,
                        id=control_id("village", "village"),
                        options=village_choices(data, lang),
                        value=state.village,
                        placeholder=text("village_search_placeholder", lang),
                        clearable=True,
                        searchable=True,
                        optionHeight=36,
                    ),
                    html_for=None,
                ),
                className="controls controls-wide",
            ),
            html.P(
                [text("village_start", lang), " "]
                + [
                    html.A(
                        name,
                        href=f"/village?lang={lang}&village={code}" + (f"&data={state.data}" if state.data else ""),
                        className="start-link",
                        id=f"start-{code}",
                    )
                    for code, name in views.villages_with_published_figures(data, lang)
                ],
                id="village-start",
                className="caption",
            ),
            html.Div(views.village_view(data, state.village, lang), id="village-profile"),
        ]
    )


def ledger_upload(lang: str, allowed: bool) -> html.Section:
    if not allowed:
        return html.Section(
            [
                html.H2(text("upload_title", lang)),
                html.P([text("ingest_off", lang), " ", html.Code("zhaodong ingest", className="verbatim")]),
            ]
        )
    return html.Section(
        [
            html.H2(text("upload_title", lang)),
            dcc.Upload(
                html.Div(text("upload_hint", lang)),
                id="ledger-upload",
                multiple=False,
                className="upload",
                accept=".csv,.txt,.xlsx,.xls",
            ),
            dcc.Checklist(
                id="accept-outliers",
                options=[{"label": text("accept_outliers", lang), "value": "accept"}],
                value=[],
                className="checkbox",
            ),
            html.Div(id="upload-report", role="status"),
            _layout_section(lang),
            html.Button(text("ingest_button", lang), id="ingest-button", className="button", disabled=True, n_clicks=0),
            html.Button(text("cancel_button", lang), id="cancel-button", className="button", n_clicks=0),
            html.Div(id="ingest-result", role="status"),
            dcc.Store(id="upload-token"),
            dcc.Store(id="upload-layout"),  # the recipe of the reading shown: what the table's edits change
            dcc.Store(id="upload-recipe"),  # the recipe the file was last read with, if edited: used to load it
        ],
        className="figure-frame",
    )


def _layout_section(lang: str) -> html.Div:
    """How the uploaded file was read, and the table where its columns' readings are changed."""
    return html.Div(
        [
            html.H3(text("layout_title", lang)),
            html.Div(id="layout-summary"),
            html.P(text("layout_hint", lang), className="caption"),
            grid("layout-grid", [], [], lang, page_size=50),
            html.Div(id="recipe-status", role="status"),
            html.Button(text("apply_recipe_button", lang), id="apply-recipe-button", className="button", n_clicks=0),
            html.Button(text("save_recipe_button", lang), id="save-recipe-button", className="button", n_clicks=0),
            dcc.Download(id="recipe-download"),
        ],
        id="layout-section",
        hidden=True,
    )


def revert_control(data: DashboardData, lang: str) -> html.Div:
    active = data.ingests[data.ingests["status"] == "ingested"].sort_values("id", ascending=False)
    options = [
        {"label": f"#{row.id} · {row.file_name} · {format_time(row.at, lang)}", "value": int(row.id)}
        for row in active.itertuples()
    ]
    return html.Div(
        [
            labelled(
                text("revert_label", lang),
                dropdown(
                    lang,
                    id="revert-choice",
                    options=options,
                    value=options[0]["value"] if options else None,
                    clearable=False,
                    searchable=False,
                ),
            ),
            html.Button(
                text("revert_button", lang), id="revert-button", className="button", n_clicks=0, disabled=not options
            ),
            html.Div(id="revert-result", role="status"),
        ],
        className="controls",
    )


def sources(data: DashboardData, state: ViewState, lang: str, allow_ingest: bool = False) -> html.Div:
    content = views.sources_view(data, lang)
    return html.Div(
        [
            html.H1(text("nav_sources", lang), className="page-title"),
            ledger_upload(lang, allow_ingest),
            html.H2(text("sources_facts", lang)),
            figure_frame("sources", lang, "table", content=content, chart=False),
            html.H2(text("sources_ingests", lang)),
            html.Div(content["ingests"], id="sources-ingests"),
            revert_control(data, lang) if allow_ingest else None,
            html.H2(text("sources_quarantine", lang)),
            html.Div(content["quarantine"], id="sources-quarantine"),
            html.P(content["share"], id="sources-share"),
        ]
    )


BUILDERS = {
    "overview": overview,
    "compare": compare,
    "trends": trends,
    "towns": towns,
    "village": village,
    "sources": sources,
}
