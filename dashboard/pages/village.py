"""Village (`/village`): one village's profile, found by name in Chinese, pinyin or English."""

from __future__ import annotations

import pandas as pd
from dash import Input, Output, State, dcc, html, no_update

from zhaodong_data.sources.corrections import correction_reason
from zhaodong_data.study import (
    DashboardData,
    format_reading,
    metric_name,
    publisher_name,
    text,
    village_choices,
    village_figure,
    village_options,
    village_profile,
    with_footnote,
)

from .. import views
from ..components import (
    aria,
    control_id,
    dropdown,
    graph_config,
    grid,
    labelled,
    report_tools,
    table_of,
)
from ..downloads import Download, file_name
from ..state import ViewState
from ..wiring import LATER, Wiring, register_download, register_view

NAME = "village"
PATH = "/village"


def villages_with_published_figures(data: DashboardData, lang: str) -> list[tuple[str, str]]:
    """(code, name) of the villages that published figures speak of: where to start."""
    codes = set(data.facts["entity_code"].dropna())
    villages = data.villages[data.villages["code"].isin(codes)].sort_values("code")
    names = villages["name_short"] if lang == "zh" else villages["name_pinyin"]
    return list(zip(villages["code"], names))


def _flag_text(flags: pd.DataFrame, lang: str) -> str:
    """A village's red flags in a line: aspect and year, synthetic ones marked."""
    return ("、" if lang == "zh" else ", ").join(
        (f"{text(a, lang)}（{y}年）" if lang == "zh" else f"{text(a, lang)} ({y})")
        + (f" · {text('synthetic', lang)}" if s else "")
        for a, y, s in zip(flags["aspect"], flags["year"], flags["is_synthetic"])
    ) or text("village_no_flags", lang)


def values_table(outcomes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A village's values as read: outcome, year, point value, the reading with its bounds in
    words, the raw string, and the data kind."""
    return pd.DataFrame(
        {
            text("outcome", lang): [metric_name(m, lang) for m in outcomes["metric"]],
            text("year", lang): outcomes["year"],
            text("value", lang): pd.to_numeric(outcomes["value"] if "value" in outcomes else outcomes["low"]),
            text("col_reading", lang): _readings(outcomes, lang),
            text("raw", lang): outcomes["raw"],
            text("data_kind", lang): [text("synthetic" if s else "real", lang) for s in outcomes["is_synthetic"]],
        }
    )


def _readings(outcomes: pd.DataFrame, lang: str) -> list[str]:
    return [
        format_reading(lo, hi, q, lang, u == "CNY")
        for lo, hi, q, u in zip(outcomes["low"], outcomes["high"], outcomes["qualifier"], outcomes["unit"])
    ]


def _village_table(outcomes: pd.DataFrame, lang: str) -> tuple[list, list]:
    """A village's values as grid rows and columns: the reading shown in the value column, the
    raw string verbatim."""
    table = values_table(outcomes, lang).drop(columns=[text("col_reading", lang)])
    return table_of(
        table,
        [(c, c) for c in table.columns],
        {text("value", lang): _readings(outcomes, lang)},
        verbatim=(text("raw", lang),),
    )


def _fact_reading(fact: dict, lang: str) -> str:
    """A published figure's reading (a facts row as a dict) with its year, unit, 'per' and period."""
    if fact["kind"] == "year":
        return f"{fact['low']:.0f}"
    money = fact["unit"] == "CNY"
    suffix = text("unit_suffix_mu", lang) if fact["unit"] == "mu" else ""
    per = text(f"per_{fact['per']}", lang) if fact["per"] in ("mu", "person", "household") else ""
    period = text(f"per_{fact['period']}", lang) if fact["period"] in ("year", "month", "day") else ""
    reading = format_reading(fact["low"], fact["high"], fact["qualifier"], lang, money)
    return f"{fact['year']}: {reading}{suffix}{per}{period}"


def _published_items(facts: pd.DataFrame, lang: str) -> list:
    """Each published figure about the village: its words as printed, its reading, who and when,
    and any correction with its reason."""
    return [
        html.Li(
            f"“{r['raw']}” — {metric_name(r['metric'], lang)} {_fact_reading(r, lang)} · "
            f"{publisher_name(r['publisher'], lang)} {r['date']}"
            + (f" · {text('correction', lang)}: {correction_reason(r, lang)}" if r["correction_reason"] else "")
        )
        for r in facts.to_dict("records")
    ]


def village_view(data: DashboardData, code, lang):
    if not code:
        return None
    if code not in set(data.villages["code"]):  # a crafted or stale code: say so, not a 500
        return html.P(text("no_such_village", lang, code=str(code)[:40]), className="notice")
    profile = village_profile(data, code)
    village = profile["village"]
    name = village["name_short"] if lang == "zh" else village["name_pinyin"]
    flags, outcomes = profile["flags"], profile["outcomes"]
    rows, columns = _village_table(outcomes, lang)
    published = _published_items(profile["facts"], lang)
    figure = village_figure(
        outcomes,
        name,
        lang,
        benchmarks=profile["benchmarks"],
        award_years=sorted(set(flags["year"].dropna().astype(int))),
        published=profile["facts"][profile["facts"]["kind"] != "year"],
    )
    synthetic = float(outcomes["is_synthetic"].astype(bool).mean()) if len(outcomes) else 0.0
    figure = with_footnote(figure, views.footnote(data, lang, share_synthetic=synthetic))
    town = village["town_name"] if lang == "zh" else village["town_pinyin"]
    return html.Div(
        [
            html.H2(f"{name} · {town} · {village['code']}", id="village-name"),
            html.P(
                [html.Strong(f"{text('village_flags', lang)}{'：' if lang == 'zh' else ': '}"), _flag_text(flags, lang)]
            ),
            html.Div(
                dcc.Graph(id="village-graph", config=graph_config(lang, f"zhaodong-{code}"), figure=figure),
                role="figure",
                **aria(labelledby="village-name"),
            ),
            grid("village-table", rows, columns, lang, page_size=20),
            html.H3(text("village_published", lang)),
            html.Ul(published, id="village-published", className="verbatim")
            if published
            else html.P(text("none_yet", lang)),
        ]
    )


def layout(data: DashboardData, state: ViewState, lang: str, allow_ingest: bool = False) -> html.Div:
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
                        options=village_options(data, lang, "", state.village)
                        if views.lists_on_server(data)
                        else village_choices(data, lang),
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
                    for code, name in villages_with_published_figures(data, lang)
                ],
                id="village-start",
                className="caption",
            ),
            report_tools(NAME, lang),
            html.Div(view(data, state)["profile"], id="village-profile"),
        ]
    )


CONTROLS = ("village",)
OUTPUTS = (("village-profile", "children", "profile"),)


def view(data: DashboardData, state: ViewState) -> dict:
    return {"profile": village_view(data, state.village, state.lang)}


def published_table(facts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The published figures about a village: the words as printed, the reading, who and when,
    and any correction with its reason."""
    records = facts.to_dict("records")
    return pd.DataFrame(
        {
            text("raw", lang): facts["raw"],
            text("outcome", lang): [metric_name(m, lang) for m in facts["metric"]],
            text("col_reading", lang): [_fact_reading(f, lang) for f in records],
            text("published_by", lang): [publisher_name(p, lang) for p in facts["publisher"]],
            text("col_published_on", lang): facts["date"],
            text("correction", lang): [correction_reason(f, lang) if f["correction_reason"] else "" for f in records],
        }
    )


def export(data: DashboardData, state: ViewState) -> Download:
    """The village's values (XLSX: and its published figures, a sheet each) with the notes."""
    lang, code = state.lang, state.village
    if not code or code not in set(data.villages["code"]):
        empty = values_table(data.outcomes.iloc[:0], lang)
        return Download(empty, file_name(NAME), views.export_notes(data, lang, text("nav_village", lang), ""))
    profile = village_profile(data, code)
    village = profile["village"]
    name = village["name_short"] if lang == "zh" else village["name_pinyin"]
    town = village["town_name"] if lang == "zh" else village["town_pinyin"]
    values = values_table(profile["outcomes"], lang)
    synthetic = float(profile["outcomes"]["is_synthetic"].astype(bool).mean()) if len(profile["outcomes"]) else 0.0
    notes = views.export_notes(
        data, lang, f"{name} · {town} · {code}", _flag_text(profile["flags"], lang), synthetic_share=synthetic
    )
    sheets = {
        text("village_sheet_values", lang): values,
        text("village_sheet_published", lang): published_table(profile["facts"], lang),
    }
    return Download(sheets, file_name(NAME, code), notes, values)


def register(w: Wiring) -> None:
    register_view(w, NAME, CONTROLS, OUTPUTS, view)

    @w.app.callback(
        Output(control_id(NAME, "village"), "options"),
        Input(control_id(NAME, "village"), "search_value"),
        State(control_id(NAME, "village"), "value"),
        State("lang", "data"),
        State("selection", "data"),
        **LATER,
    )
    def search_villages(typed, chosen, lang, selection):
        data = w.source.get(selection)
        if not views.lists_on_server(data):
            return no_update  # a county's list is all there, searched in the browser
        return village_options(
            data, lang if lang in ("zh", "en") else "zh", typed, chosen if isinstance(chosen, str) else None
        )

    register_download(w, NAME, CONTROLS, export)
