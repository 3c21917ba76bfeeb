"""Overview (`/`): the published programme figures, the flag counts, and the income bands."""

from __future__ import annotations

import numpy as np
import pandas as pd
from dash import html

from zhaodong_data.bands import INCOME_METRICS
from zhaodong_data.sources.corrections import correction_reason
from zhaodong_data.study import (
    DashboardData,
    aspects_figure,
    band_villages,
    bands_figure,
    flag_counts,
    format_reading,
    income_band_table,
    metric_name,
    program_figures,
    publisher_name,
    text,
    title_of,
    with_footnote,
    years_for,
)

from .. import views
from ..components import (
    control_id,
    dropdown,
    figure_frame,
    labelled,
    table_of,
)
from ..controls import bands_metric, chosen_year, year_dropdown
from ..downloads import Download, file_name
from ..state import ViewState
from ..views import bands_caption, footnote, source_label, village_links
from ..wiring import Wiring, register_download, register_view

NAME = "overview"
PATH = "/"


def flag_counts_note(data: DashboardData, lang: str) -> str:
    """What the flag counts beside it count: synthetic, real (and where from), or both."""
    placed = data.red_flags[data.red_flags["village_code"].notna()]
    synthetic = int(placed["is_synthetic"].astype(bool).sum())
    real = len(placed) - synthetic
    if synthetic and not real:
        return text("flag_counts_demo", lang)
    if synthetic:
        return text("flag_counts_mixed", lang, real=real, synthetic=synthetic)
    from_ledgers = int(placed["ingest_id"].notna().sum()) if "ingest_id" in placed else 0
    return text("flag_counts_real", lang, published=real - from_ledgers, ledger=from_ledgers)


def overview_view(data: DashboardData, lang) -> dict:
    counts = flag_counts(data)["by_aspect"]
    table = pd.DataFrame(
        {text("aspect", lang): [text(a, lang) for a in counts.index], text("flags_count", lang): counts.values}
    )
    rows, columns = table_of(table, [(c, c) for c in table.columns])
    share = data.red_flags["is_synthetic"].mean()
    colon, semicolon = ("：", "；") if lang == "zh" else (": ", "; ")
    caption = (
        f"{text('source', lang)}{colon}{source_label(data, lang)}{semicolon}"
        f"{text('flags_synthetic_share', lang, share=f'{share:.0%}')}"  # flags, not values: named apart
    )
    figure = with_footnote(aspects_figure(counts, lang, synthetic=bool(share > 0)), footnote(data, lang, float(share)))
    return {"figure": figure, "rows": rows, "columns": columns, "caption": caption}


def program_table(data: DashboardData) -> pd.DataFrame:
    return program_figures(data).drop(columns=["money"])


def bands_view(data: DashboardData, metric: str, year, lang: str) -> dict:
    """Villages by income band, red-flag villages against the others and all: the chart, and a
    table with one row per group and band (count, share, count in the award year, change)."""
    from zhaodong_data.bands import NO_VALUE, UNCERTAIN, band_names, income_bands

    table = income_band_table(data, metric, year, by="flag")
    names = {**band_names(lang), UNCERTAIN: text("band_uncertain", lang), NO_VALUE: text("band_no_value", lang)}
    groups = {
        "flagged": text("flagged", lang),
        "others": text("not_flagged", lang),
        "all": text("town_median_all", lang),
    }
    award_year = table["award_year"].iloc[0]
    has_award = bool(award_year == award_year and award_year)
    members, links = _band_members(data, metric, year, lang)
    long, linked = [], []
    for row in table.to_dict("records"):
        for band in list(income_bands()["band"]) + [UNCERTAIN, NO_VALUE]:
            record = {
                "group": groups[row["group"]],
                "band": names[band],
                "count": int(row[band]),
                "share": row.get(f"share_{band}"),
                "villages": members.get((row["group"], band), ""),
            }
            linked.append(links.get((row["group"], band), ""))
            if has_award and band in set(income_bands()["band"]):
                record["award"] = int(row[f"{band}_award"])
                record["change"] = int(row[f"{band}_change"])
            long.append(record)
    frame = pd.DataFrame(long)
    frame["share"] = pd.to_numeric(frame["share"], errors="coerce")
    labels = [
        ("group", text("col_group", lang)),
        ("band", text("col_band", lang)),
        ("count", text("villages_count", lang)),
        ("share", text("col_share", lang)),
    ]
    if has_award:
        labels += [
            ("award", text("col_award_count", lang, year=int(award_year))),
            ("change", text("col_change", lang, year=int(award_year))),
        ]
    labels.append(("villages", text("col_band_villages", lang)))
    shown = {"share": [f"{v:.0%}" if v == v else "—" for v in frame["share"]]}
    if has_award:
        shown["change"] = [f"{int(v):+d}" if v == v else "—" for v in frame["change"]]
        shown["award"] = ["—" if v != v else str(int(v)) for v in frame["award"]]
    rows, columns = table_of(frame, labels, shown, links={"villages": linked})
    return {
        "figure": with_footnote(
            bands_figure(table, metric, lang), footnote(data, lang, caveat=text("caveat_short", lang))
        ),
        "rows": rows,
        "columns": columns,
        "caption": bands_caption(data, table, metric, lang),
        "table": frame,
        "labels": labels,
        "metric": metric,
        "year": table["year"].iloc[0] if len(table) else None,  # file_name leaves out a missing one
    }


def _band_members(data: DashboardData, metric: str, year, lang: str) -> tuple[dict, dict]:
    """The villages behind each count, by (group, band) — flagged, others and all: their names,
    and the same as links to each village's page."""
    villages = band_villages(data, metric, year)
    villages["name"] = villages["name_short" if lang == "zh" else "name_pinyin"]
    villages["group"] = np.where(villages["flagged"], "flagged", "others")
    join = "、".join if lang == "zh" else ", ".join
    parts = [*villages.groupby(["group", "band"])]
    parts += [(("all", band), part) for band, part in villages.groupby("band")]
    names = {key: join(part["name"]) for key, part in parts}
    links = {key: village_links(data, part["code"], part["name"], lang) for key, part in parts}
    return names, links


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


def layout(data: DashboardData, state: ViewState, lang: str, allow_ingest: bool = False) -> html.Div:
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
            html.P(flag_counts_note(data, lang), className="caption", id="flag-counts-note"),
            figure_frame("overview", lang, state.view, content=overview_view(data, lang)),
            *bands_section(data, state, lang),
        ]
    )


def bands_section(data: DashboardData, state: ViewState, lang: str) -> list:
    metric = bands_metric(data, state.outcome)
    if metric is None:
        return []
    year = chosen_year(data, state, metric)
    options = [{"label": metric_name(m, lang), "value": m} for m in INCOME_METRICS if years_for(data, m)]
    content = bands_view(data, metric, year, lang)
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
                year_dropdown("bands", data, metric, year, lang),
            ],
            className="controls",
        ),
        figure_frame("bands", lang, "chart", content=content, view_in_url=False),
    ]


BANDS = "bands"  # the bands' controls and frame, a part of this page with its own
BANDS_CONTROLS = ("outcome", "year")
BANDS_OUTPUTS = (
    ("bands-graph", "figure", "figure"),
    ("bands-table", "rowData", "rows"),
    ("bands-table", "columnDefs", "columns"),
    ("bands-caption", "children", "caption"),
)


def bands_of(data: DashboardData, state: ViewState) -> dict:
    return bands_view(data, state.outcome, state.year, state.lang)


def bands_export(data: DashboardData, state: ViewState, shown: dict) -> Download:
    notes = views.export_notes(data, state.lang, title_of(shown["figure"]), shown["caption"])
    table = shown["table"][[c for c, _ in shown["labels"]]].rename(columns=dict(shown["labels"]))
    return Download(table, file_name("bands", shown["metric"], shown["year"]), notes, shown["table"])


def export(data: DashboardData, state: ViewState) -> Download:
    """The published programme figures."""
    notes = views.export_notes(data, state.lang, text("overview_title", state.lang), "", "", 0.0)
    return Download(program_table(data), file_name("program"), notes)


def register(w: Wiring) -> None:
    register_download(w, NAME, (), export)
    current = register_view(w, BANDS, BANDS_CONTROLS, BANDS_OUTPUTS, bands_of)
    register_download(w, BANDS, BANDS_CONTROLS, lambda data, state: bands_export(data, state, current(state)))
