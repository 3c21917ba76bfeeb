"""Towns (`/towns`): each town's villages summarised, and the income bands by town."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from dash import html

from zhaodong_data.metrics import is_money
from zhaodong_data.study import (
    DashboardData,
    city_summary,
    format_amount,
    income_band_table,
    metric_name,
    text,
    title_of,
    town_summary,
    towns_figure,
    with_footnote,
)
from zhaodong_data.study.headlines import towns_headline
from zhaodong_data.vocabulary import ASPECTS

from .. import views
from ..components import (
    figure_frame,
    grid,
    table_of,
)
from ..controls import bands_metric, chosen_outcome, chosen_year, outcome_dropdown, year_dropdown
from ..downloads import Download, file_name
from ..state import ViewState
from ..views import bands_caption, footnote, source_label
from ..wiring import Wiring, register_download, register_view

NAME = "towns"
PATH = "/towns"


def towns_table(summary: pd.DataFrame, outcome: str, lang: str, city: dict | None = None) -> pd.DataFrame:
    """Towns as ranked on the page, the whole city first (when given): n, flags, and the medians
    over all, red-flag and other villages with the number of villages each is taken over."""
    rows = summary
    if city is not None:
        rows = pd.concat(
            [
                pd.DataFrame(
                    [
                        {
                            **city,
                            "town_name": text("city_row", "zh"),
                            "town_pinyin": text("city_row", "en"),
                            "flags": int(summary["flags"].sum()),
                            "rank": pd.NA,
                            **{a: int(summary[a].sum()) for a in ASPECTS},
                        }
                    ]
                ),
                summary,
            ],
            ignore_index=True,
        )
    table = pd.DataFrame(
        {
            text("col_rank", lang): rows["rank"].astype("Float64"),
            text("town", lang): rows["town_name"] if lang == "zh" else rows["town_pinyin"],
            text("villages_count", lang): rows["villages"],
            text("flagged_villages_count", lang): rows["flagged_villages"],
            text("flags_count", lang): rows["flags"],
        }
    )
    for aspect in ASPECTS:
        table[text(aspect, lang)] = rows[aspect]
    for median_label, count_label, column, count in _median_columns(outcome, lang):
        table[median_label] = rows[column].astype(float)
        table[count_label] = rows[count]
    return table


def _median_columns(outcome: str, lang: str) -> list[tuple[str, str, str, str]]:
    """(median header, count header, median column, count column) for all, red-flag and other villages."""
    unit = text("unit_inline_money", lang) if is_money(outcome) else ""
    return [
        (
            text("median_header", lang, group=text(key, lang), outcome=metric_name(outcome, lang), unit=unit),
            f"{text('col_n', lang)} · {text(key, lang)}",
            column,
            count,
        )
        for key, column, count in (
            ("town_median_all", "median", "with_value"),
            ("flagged", "median_flagged", "with_value_flagged"),
            ("not_flagged", "median_other", "with_value_other"),
        )
    ]


def towns_shown(table: pd.DataFrame, outcome: str, lang: str) -> dict[str, list[str]]:
    """Median cells as read: a median of one village says that it is that village's value."""
    money = is_money(outcome)
    return {
        m: [
            format_amount(v, lang, money) + (text("one_village_mark", lang) if n == 1 else "")
            for v, n in zip(table[m], table[c])
        ]
        for m, c, _, _ in _median_columns(outcome, lang)
    }


def towns_view(data: DashboardData, outcome, year, lang) -> dict:
    summary = town_summary(data, outcome, year)
    city = city_summary(data, outcome, year)
    table = towns_table(summary, outcome, lang, city)
    rows, columns = table_of(table, [(c, c) for c in table.columns], towns_shown(table, outcome, lang))
    with_value = int(summary["with_value"].sum())
    caption = text(
        "towns_caption",
        lang,
        source=source_label(data, lang),
        n_with=with_value,
        n_missing=int(summary["villages"].sum()) - with_value,
        updated=data.built_at,
    )
    return {
        "figure": with_footnote(
            towns_figure(summary, outcome, lang, city), footnote(data, lang, caveat=text("caveat_short", lang))
        ),
        "rows": rows,
        "columns": columns,
        "caption": caption,
        "headline": towns_headline(summary, city, outcome, lang),
        "legend": text("towns_legend", lang),
        "summary": summary,
        "city": city,
    }


def town_bands_view(data: DashboardData, metric: str, year, lang: str) -> dict:
    """Villages by income band in each town and the city: a cell shows the count and its change
    since the award year (12（+3）)."""
    from zhaodong_data.bands import NO_VALUE, UNCERTAIN, band_names, income_bands

    table = income_band_table(data, metric, year, by="town")
    names = {**band_names(lang), UNCERTAIN: text("band_uncertain", lang), NO_VALUE: text("band_no_value", lang)}
    towns = data.towns.set_index("code")["name_zh" if lang == "zh" else "name_pinyin"].to_dict()
    towns["city"] = text("city_row", lang)
    order = ["city"] + [t for t in table["group"] if t != "city"]
    table = table.set_index("group").loc[order].reset_index()
    bands = list(income_bands()["band"])
    frame = pd.DataFrame(
        {
            "town": table["group"].map(towns),
            "villages": table["villages"],
            **{band: table[band] for band in bands + [UNCERTAIN, NO_VALUE]},
        }
    )
    has_change = f"{bands[0]}_change" in table
    shown = (
        {
            band: [
                f"{int(c)}（{int(d):+d}）" if lang == "zh" else f"{int(c)} ({int(d):+d})"
                for c, d in zip(table[band], table[f"{band}_change"])
            ]
            for band in bands
        }
        if has_change
        else {}
    )
    labels = [("town", text("town", lang)), ("villages", text("villages_count", lang))] + [
        (band, names[band]) for band in bands + [UNCERTAIN, NO_VALUE]
    ]
    rows, columns = table_of(frame, labels, shown)
    return {"rows": rows, "columns": columns, "caption": bands_caption(data, table, metric, lang), "frame": frame}


def layout(data: DashboardData, state: ViewState, lang: str, allow_ingest: bool = False) -> html.Div:
    outcome = chosen_outcome(data, state)
    year = chosen_year(data, state, outcome)
    controls = html.Div(
        [outcome_dropdown("towns", data, outcome, lang), year_dropdown("towns", data, outcome, year, lang)],
        className="controls",
    )
    chosen = replace(state, outcome=outcome, year=year)
    content = towns_view(data, outcome, year, lang)
    return html.Div(
        [
            html.H1(text("nav_towns", lang), className="page-title"),
            controls,
            html.P(content["headline"], id="towns-headline", className="headline"),
            figure_frame("towns", lang, state.view, content=content),
            html.P(content["legend"], id="towns-legend", className="legend"),
            *town_bands_section(data, chosen),
        ]
    )


def town_bands_section(data: DashboardData, state: ViewState) -> list:
    if bands_metric(data, state.outcome) is None:
        return []
    content = bands_of(data, state)
    lang = state.lang
    return [
        html.H2(text("bands_section", lang), id="towns-bands-title"),
        html.Div(grid("towns-bands-table", content["rows"], content["columns"], lang), id="towns-bands-wrap"),
        html.P(content["caption"], id="towns-bands-caption", className="caption"),
    ]


CONTROLS = ("outcome", "year")
OUTPUTS = (
    ("towns-graph", "figure", "figure"),
    ("towns-table", "rowData", "rows"),
    ("towns-table", "columnDefs", "columns"),
    ("towns-caption", "children", "caption"),
    ("towns-headline", "children", "headline"),
    ("towns-bands-table", "rowData", "bands_rows"),
    ("towns-bands-table", "columnDefs", "bands_columns"),
    ("towns-bands-caption", "children", "bands_caption"),
)
TOWNS_OUTPUTS = [(component, prop) for component, prop, _ in OUTPUTS]  # what a client posting it names
NO_BANDS = {"rows": [], "columns": [], "caption": ""}


def bands_of(data: DashboardData, state: ViewState) -> dict:
    """The income bands by town, for the income the bands count (`controls.bands_metric`)."""
    metric = bands_metric(data, state.outcome)
    return NO_BANDS if metric is None else town_bands_view(data, metric, state.year, state.lang)


def view(data: DashboardData, state: ViewState) -> dict:
    shown = towns_view(data, state.outcome, state.year, state.lang)
    bands = bands_of(data, state)
    return {**shown, "bands_rows": bands["rows"], "bands_columns": bands["columns"], "bands_caption": bands["caption"]}


def export(data: DashboardData, state: ViewState, shown: dict) -> Download:
    notes = views.export_notes(data, state.lang, title_of(shown["figure"]), f"{shown['headline']} {shown['caption']}")
    table = towns_table(shown["summary"], state.outcome, state.lang, shown["city"])
    return Download(table, file_name(NAME, state.outcome, shown["city"].get("year")), notes, shown["summary"])


def register(w: Wiring) -> None:
    current = register_view(w, NAME, CONTROLS, OUTPUTS, view)
    register_download(w, NAME, CONTROLS, lambda data, state: export(data, state, current(state)))
