"""Town report (`/town?town=…`): one town on one A4 sheet — its villages ranked on the chosen
outcome with their change since the year before and since the year before the award, red-flag
villages against the others in the town and in the city, the income bands with the villages in
each, and the notes. Without a town, the same for the whole city (`report.py`)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from dash import html

from zhaodong_data.bands import NO_VALUE, SHELL_AND_WEAK_ON, UNCERTAIN, WEAK, band_bounds, band_names, income_bands
from zhaodong_data.metrics import is_money
from zhaodong_data.study import (
    DashboardData,
    award_years_of,
    band_villages,
    comparison_frame,
    format_amount,
    format_change,
    format_reading,
    metric_name,
    text,
    years_before,
    years_for,
)
from zhaodong_data.study.band_exits import band_exits

from .. import views
from ..components import control_id, dropdown, grid, labelled, report_tools, table_of
from ..controls import bands_metric, chosen_outcome, chosen_year, outcome_dropdown, year_dropdown
from ..downloads import Download, file_name
from ..state import ViewState
from ..wiring import Wiring, register_download, register_view

NAME = "town"
PATH = "/town"
CONTROLS = ("town", "outcome", "year")
TABLES = ("villages", "groups", "bands", "leaving")  # the report's tables, in its order (one XLSX sheet each)
OUTPUTS = (
    ("town-title", "children", "title"),
    ("town-headline", "children", "headline"),
    *(
        (f"town-{table}-table", prop, f"{table}_{key}")
        for table in TABLES
        for prop, key in (
            ("rowData", "rows"),
            ("columnDefs", "columns"),
        )
    ),
    ("town-notes", "children", "notes"),
)


def town_of(data: DashboardData, state: ViewState) -> str | None:
    """The town the report is on: the first chosen that the data hold, else None (the city)."""
    known = set(data.towns["code"])
    return next((town for town in state.towns if town in known), None)


def _name(data: DashboardData, town: str | None, lang: str) -> str:
    if town is None:
        return text("city_row", lang)
    names = data.towns.set_index("code")["name_zh" if lang == "zh" else "name_pinyin"]
    return str(names[town])


def change_bases(data: DashboardData, outcome: str, year) -> list[int]:
    """The years the report measures change from: the year before, and the year before the first
    award when that is another year with values."""
    before = years_before(data, outcome, year)
    awards = award_years_of(data, "any")
    bases = before[:1]
    if awards and awards[0] - 1 in before and awards[0] - 1 not in bases:
        bases.append(awards[0] - 1)
    return bases


def villages_table(data: DashboardData, town, outcome: str, year, lang: str) -> pd.DataFrame:
    """The town's villages ranked (highest first), with their value, ranks and change."""
    money = is_money(outcome)
    towns = (town,) if town else ()
    frame = comparison_frame(data, outcome, "any", towns, year)
    rank = frame["rank_in_town"] if town else frame["rank_city"]
    table = pd.DataFrame(
        {
            text("col_rank", lang): rank.astype("Float64"),
            text("village", lang): frame["name_short"] if lang == "zh" else frame["name_pinyin"],
            text("data_kind", lang): [
                "" if s is None or s != s else text("synthetic" if s else "real", lang) for s in frame["is_synthetic"]
            ],
            text("town", lang): frame["town_name"] if lang == "zh" else frame["town_pinyin"],
            text("flag_status", lang): [
                text("status_flagged" if f else "status_not_flagged", lang) for f in frame["flagged"]
            ],
            text("col_rank_city", lang): frame["rank_city"].astype("Float64"),
            views.with_unit(text("value", lang), lang, money): [
                format_reading(lo, hi, q, lang, money) if v == v else "—"
                for lo, hi, q, v in zip(frame["low"], frame["high"], frame["qualifier"], frame["value"], strict=True)
            ],
        }
    )
    for base in change_bases(data, outcome, year):
        changed = comparison_frame(data, outcome, "any", towns, year, base_year=base)
        table[text("col_change", lang, year=base)] = [
            format_change(lo, hi, q, lang, money)
            for lo, hi, q in zip(
                changed["change_low"], changed["change_high"], changed["change_qualifier"], strict=True
            )
        ]
        table[text("col_change_pct", lang, year=base)] = [
            format_change(lo, hi, q, lang, percent=True)
            for lo, hi, q in zip(
                changed["change_pct_low"], changed["change_pct_high"], changed["change_qualifier"], strict=True
            )
        ]
    if town:
        table = table.drop(columns=[text("town", lang)])
    order = np.argsort(np.where(frame["value"].notna(), -frame["value"].to_numpy(dtype=float), np.inf), kind="stable")
    return table.iloc[order].reset_index(drop=True)


def groups_table(data: DashboardData, town, outcome: str, year, lang: str) -> pd.DataFrame:
    """Red-flag villages against the others, in the town and in the city: villages, median, mean."""
    money = is_money(outcome)
    city = comparison_frame(data, outcome, "any", (), year)
    parts = [(text("city_row", lang), city)]
    if town:
        parts.insert(0, (_name(data, town, lang), city[city["town_code"] == town]))
    rows = []
    for where, frame in parts:
        for flagged in (True, False):
            values = frame.loc[frame["flagged"] == flagged, "value"].dropna()
            rows.append(
                {
                    text("col_group", lang): f"{where} · {text('flagged' if flagged else 'not_flagged', lang)}",
                    text("villages_count", lang): len(values),
                    text("median", lang): format_amount(values.median(), lang, money) if len(values) else "—",
                    text("mean", lang): format_amount(values.mean(), lang, money) if len(values) else "—",
                }
            )
    return pd.DataFrame(rows)


def bands_table(data: DashboardData, town, outcome: str, year, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """The income bands of the town's villages (on the income the bands count), with the names;
    and each band's names as links to the villages' pages."""
    metric = bands_metric(data, outcome)
    if metric is None:
        return pd.DataFrame(), []
    villages = band_villages(data, metric, year)
    if town:
        villages = villages[villages["town_code"] == town]
    names = {**band_names(lang), UNCERTAIN: text("band_uncertain", lang), NO_VALUE: text("band_no_value", lang)}
    join = "、".join if lang == "zh" else ", ".join
    label = villages["name_short" if lang == "zh" else "name_pinyin"]
    rows, links = [], []
    for band in [*income_bands()["band"], UNCERTAIN, NO_VALUE]:
        inside = villages["band"] == band
        rows.append(
            {
                text("col_band", lang): names[band],
                text("villages_count", lang): int(inside.sum()),
                text("col_flagged_count", lang): int((inside & villages["flagged"]).sum()),
                text("col_band_villages", lang): join(label[inside]),
            }
        )
        links.append(views.village_links(data, villages.loc[inside, "code"], label[inside], lang))
    return pd.DataFrame(rows), links


def leaving_metric(data: DashboardData, outcome: str) -> str | None:
    """The income leaving 空壳/薄弱 is counted on: operating income where the data hold it."""
    return SHELL_AND_WEAK_ON if years_for(data, SHELL_AND_WEAK_ON) else bands_metric(data, outcome)


def leaving_table(data: DashboardData, town, outcome: str, year, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """Villages leaving 空壳/薄弱 each year up to the report's, red-flag villages against the others
    (`band_exits`, on operating income as policy counts them, else the income the data hold); and
    the names of those that left as links."""
    metric = leaving_metric(data, outcome)
    if metric is None:
        return pd.DataFrame(), []
    exits = band_exits(data, metric, (town,) if town else ())
    exits = exits[exits["year"] <= year].reset_index(drop=True) if year is not None else exits
    names = data.villages.set_index("code")["name_short" if lang == "zh" else "name_pinyin"]
    join = "、".join if lang == "zh" else ", ".join
    table = pd.DataFrame(
        {
            text("year", lang): exits["year"],
            text("col_group", lang): [
                text("flagged" if g == "flagged" else "not_flagged", lang) for g in exits["group"]
            ],
            text("col_weak_before", lang): exits["weak_before"],
            text("col_left", lang): exits["left"],
            text("col_stayed", lang): exits["stayed"],
            text("col_exit_unknown", lang): exits["unknown"],
            text("col_share_left", lang): [f"{v:.0%}" if v == v else "—" for v in exits["share_left"]],
            text("col_left_villages", lang): [join(names[codes]) for codes in exits["left_codes"]],
        }
    )
    links = [views.village_links(data, codes, names[codes], lang) for codes in exits["left_codes"]]
    return table, links


def _leaving_note(data: DashboardData, outcome: str, lang: str) -> str:
    metric = leaving_metric(data, outcome)
    if metric is None:
        return ""
    weak = format_amount(band_bounds(WEAK)[1], lang)
    return text("leaving_note", lang, income=metric_name(metric, lang), weak=weak)


def report(data: DashboardData, state: ViewState) -> dict:
    """The report's parts for a state: title, headline, the three tables (as frames) and notes."""
    lang, outcome, town = state.lang, state.outcome, town_of(data, state)
    year = state.year if state.year is not None else chosen_year(data, state, outcome)
    bands, band_links = bands_table(data, town, outcome, year, lang)
    leaving, leaving_links = leaving_table(data, town, outcome, year, lang)
    tables = {
        "villages": villages_table(data, town, outcome, year, lang),
        "groups": groups_table(data, town, outcome, year, lang),
        "bands": bands,
        "leaving": leaving,
    }
    links = {
        "bands": {text("col_band_villages", lang): band_links},
        "leaving": {text("col_left_villages", lang): leaving_links},
    }
    place = _name(data, town, lang)
    frame = comparison_frame(data, outcome, "any", (town,) if town else (), year)
    values = frame["value"].dropna()
    ranked_city = int(frame["ranked_city"].iloc[0]) if len(frame) else 0
    ranked = {  # how many villages each rank column ranks among ("第2名/共9村")
        text("col_rank", lang): len(values) if town else ranked_city,
        text("col_rank_city", lang): ranked_city,
    }
    headline = text(
        "town_headline",
        lang,
        place=place,
        n=len(frame),
        flagged=int(frame["flagged"].sum()),
        outcome=metric_name(outcome, lang),
        year=year,
        median=format_amount(values.median(), lang, is_money(outcome)) if len(values) else "—",
        with_value=len(values),
    )
    metric = bands_metric(data, outcome)
    stop = "。" if lang == "zh" else "."
    notes = [
        views.footnote(data, lang) + stop,  # the caveat is the change note's last sentence
        views.bands_counted_on(metric, lang) if metric else "",
        _leaving_note(data, outcome, lang),
        text("town_change_note", lang),
    ]
    return {
        "title": text("town_report_title", lang, place=place, outcome=metric_name(outcome, lang), year=year),
        "headline": headline,
        "tables": tables,
        "notes": " ".join(note for note in notes if note),
        "links": links,
        "ranked": ranked,
        "year": year,
        "town": town,
    }


def view(data: DashboardData, state: ViewState) -> dict:
    shown = report(data, state)
    lang = state.lang
    villages = shown["tables"]["villages"]
    ranks = {  # the villages' ranks as read: 第2名/共9村
        column: ["" if rank != rank else text("rank_of", lang, rank=int(rank), n=n) for rank in villages[column]]
        for column, n in shown["ranked"].items()
        if column in villages
    }
    for name, table in shown["tables"].items():
        shown[f"{name}_rows"], shown[f"{name}_columns"] = table_of(
            table,
            [(c, c) for c in table.columns],
            ranks if name == "villages" else None,
            links=shown["links"].get(name),
        )
    return shown


def export(data: DashboardData, state: ViewState) -> Download:
    """The report as XLSX, one sheet per table and the notes; as CSV, the ranked villages."""
    shown = report(data, state)
    notes = views.export_notes(data, state.lang, shown["title"], shown["headline"], shown["notes"])
    sheets = {text(f"town_sheet_{name}", state.lang): table for name, table in shown["tables"].items()}
    name = file_name(NAME, shown["town"] or "city", state.outcome, shown["year"])
    return Download(sheets, name, notes, shown["tables"]["villages"])


def town_dropdown(data: DashboardData, town, lang: str):
    options = [{"label": text("city_row", lang), "value": ""}] + [
        {"label": t.name_zh if lang == "zh" else t.name_pinyin, "value": t.code} for t in data.towns.itertuples()
    ]
    return labelled(
        text("town", lang),
        dropdown(lang, id=control_id(NAME, "town"), options=options, value=town or "", clearable=False),
    )


def layout(data: DashboardData, state: ViewState, lang: str, allow_ingest: bool = False) -> html.Div:
    outcome = chosen_outcome(data, state)
    year = chosen_year(data, state, outcome)
    shown = view(data, replace(state, outcome=outcome, year=year))
    controls = html.Div(
        [
            town_dropdown(data, shown["town"], lang),
            outcome_dropdown(NAME, data, outcome, lang),
            year_dropdown(NAME, data, outcome, year, lang),
        ],
        className="controls",
    )
    sections = [
        html.Div(
            [
                html.H2(text(f"town_section_{name}", lang)),
                grid(f"town-{name}-table", shown[f"{name}_rows"], shown[f"{name}_columns"], lang, page_size=200),
            ],
            className="report-section",
        )
        for name in TABLES
    ]
    tools = report_tools(NAME, lang)
    return html.Div(
        [
            html.H1(shown["title"], id="town-title", className="page-title"),
            controls,
            tools,
            html.P(shown["headline"], id="town-headline", className="headline"),
            *sections,
            html.P(shown["notes"], id="town-notes", className="caption"),
        ],
        className="report",
    )


def register(w: Wiring) -> None:
    register_view(w, NAME, CONTROLS, OUTPUTS, view)
    register_download(w, NAME, CONTROLS, export)
