"""Compare (`/compare`): red-flag villages against the others, one outcome and year."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import numpy as np
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, dcc, html, no_update

from zhaodong_data.analysis import compare_groups
from zhaodong_data.analysis.compare import MIN_GROUP
from zhaodong_data.i18n.strings import qualifier_names
from zhaodong_data.metrics import is_money, missing_means
from zhaodong_data.parsing import point_values
from zhaodong_data.study import (
    DashboardData,
    compare_figure,
    comparison_frame,
    format_amount,
    format_change,
    format_reading,
    metric_name,
    text,
    title_of,
    with_footnote,
    years_before,
    years_for,
)
from zhaodong_data.study.headlines import compare_headline
from zhaodong_data.vocabulary import ASPECTS

from .. import views
from ..components import (
    control_id,
    dropdown,
    figure_frame,
    how_computed,
    labelled,
)
from ..controls import aspect_dropdown, chosen_outcome, chosen_year, outcome_dropdown, year_dropdown
from ..downloads import Download, file_name
from ..state import ViewState
from ..views import (
    LazyPagedTable,
    PagedTable,
    footnote,
    grid_pages,
    lists_on_server,
    number_labels,
    source_label,
    with_unit,
)
from ..wiring import LATER, Wiring, register_download, register_view, state_of

NAME = "compare"
PATH = "/compare"


def selection_table(frame: pd.DataFrame, outcome: str, lang: str, readings: bool = True) -> pd.DataFrame:
    """The current selection as people read it (and download it): one row per village. Without
    `readings`, the columns that write a value as read (万元, bounds, the change) hold its point
    value instead: the table a paged grid sorts on, made without formatting every village."""
    money = is_money(outcome)
    qualifier_text = qualifier_names(lang)
    aspect_text = {a: text(a, lang) for a in ASPECTS}
    low, high, value = (frame[c].to_numpy(dtype=float) for c in ("low", "high", "value"))
    qualifiers = frame["qualifier"].to_numpy(dtype=object)
    synthetic = frame["is_synthetic"].to_numpy(dtype=object)
    absent = text("not_applicable", lang) if missing_means(outcome) == "not_applicable" else "—"
    return pd.DataFrame(
        {
            text("village", lang): frame["name_short"] if lang == "zh" else frame["name_pinyin"],
            # beside the name, so a synthetic row's mark shows without scrolling
            text("data_kind", lang): [
                "" if s is None or s != s else text("synthetic" if s else "real", lang) for s in synthetic
            ],
            text("town", lang): frame["town_name"] if lang == "zh" else frame["town_pinyin"],
            text("col_code", lang): frame["code"],
            text("flag_status", lang): [
                text("status_flagged" if f else "status_not_flagged", lang) for f in frame["flagged"].to_numpy()
            ],
            text("aspect", lang): [
                ", ".join(aspect_text[a] for a in aspects.split(",") if a)
                for aspects in frame["aspects"].to_numpy(dtype=object)
            ],
            text("year", lang): frame["year"],
            text("col_rank_city", lang): frame["rank_city"].astype("Float64"),
            text("col_rank_in_town", lang): frame["rank_in_town"].astype("Float64"),
            text("value", lang): [
                format_reading(lo, hi, q, lang, money) if v == v else absent
                for lo, hi, q, v in zip(low, high, qualifiers, value)
            ]
            if readings
            else value,
            **dict(zip(number_labels(lang, money), (low, high, value))),
            text("qualifier", lang): [qualifier_text.get(q, "") if isinstance(q, str) else "" for q in qualifiers],
            text("raw", lang): frame["raw"],
            **(change_columns(frame, lang, money, readings) if "change_low" in frame and len(frame) else {}),
        }
    )


def change_columns(frame: pd.DataFrame, lang: str, money: bool, readings: bool = True) -> dict:
    """The base year's reading and the change since, as read (text) and as a point value (without
    `readings`: each as its point value)."""
    base = int(frame["base_year"].iloc[0])
    lows, highs = frame["change_low"].to_numpy(dtype=float), frame["change_high"].to_numpy(dtype=float)
    qualifiers = frame["change_qualifier"].to_numpy(dtype=object)
    absent = "—"
    if not readings:
        change = point_values(lows, highs).to_numpy()
        return {
            text("col_base_value", lang, year=base): frame["base_value"].to_numpy(dtype=float),
            text("col_change", lang, year=base): change,
            with_unit(text("col_change_point", lang), lang, money): change,
            text("col_change_pct", lang, year=base): point_values(
                frame["change_pct_low"].to_numpy(dtype=float), frame["change_pct_high"].to_numpy(dtype=float)
            ).to_numpy(),
        }
    return {
        text("col_base_value", lang, year=base): [
            format_reading(lo, hi, q, lang, money) if v == v else absent
            for lo, hi, q, v in zip(
                frame["base_low"], frame["base_high"], frame["base_qualifier"], frame["base_value"], strict=True
            )
        ],
        text("col_change", lang, year=base): [
            format_change(lo, hi, q, lang, money) for lo, hi, q in zip(lows, highs, qualifiers, strict=True)
        ],
        with_unit(text("col_change_point", lang), lang, money): point_values(lows, highs).to_numpy(),
        text("col_change_pct", lang, year=base): [
            format_change(lo, hi, q, lang, percent=True)
            for lo, hi, q in zip(frame["change_pct_low"], frame["change_pct_high"], qualifiers, strict=True)
        ],
    }


def selection_sentence(
    data: DashboardData, outcome: str, aspect: str, towns, year, comparison_group: str, lang: str
) -> str:
    """What the Compare view was drawn for, in words: printed and exported with it (the controls
    themselves are not printed)."""
    names = data.towns.set_index("code")["name_zh" if lang == "zh" else "name_pinyin"].to_dict()
    parts = [
        metric_name(outcome, lang),
        text("any_flag" if not aspect or aspect == "any" else aspect, lang),
        ("、" if lang == "zh" else ", ").join(names.get(t, t) for t in towns) if towns else text("all_towns", lang),
        text("comparison_never" if comparison_group == "never_flagged" else "comparison_others", lang),
        f"{year}年" if lang == "zh" else str(year),
    ]
    return f"{text('selection_line', lang)}{' · '.join(parts)}"


def chosen_base(data: DashboardData, outcome: str, year, base) -> int | None:
    """The year a change is measured from: `base` if the outcome has values then, before `year`;
    else the latest such year; None without one."""
    years: list[int | None] = [*years_for(data, outcome)] or [None]
    shown = year if year is not None else years[-1]
    before = years_before(data, outcome, shown)
    return base if base in before else (before[0] if before else None)


def compare_view(
    data: DashboardData, outcome, aspect, towns, year, log, lang, comparison_group: str = "others", base=None
) -> dict:
    base_year = chosen_base(data, outcome, year, base)
    frame = comparison_frame(data, outcome, aspect or "any", tuple(towns or ()), year, comparison_group, base_year)
    comparison = compare_groups(frame)
    money = is_money(outcome)
    pages, rows, columns = _table(data, frame, outcome, lang)  # pages: None unless the rows stay here

    def amount(value):
        return format_amount(value, lang, money)

    colon, comma, (open_, close) = ("：", "，", "（）") if lang == "zh" else (": ", ", ", "()")
    stats = (
        f"{text('flagged', lang)}{colon}{text('median', lang)} {amount(comparison.median_flagged)}{comma}"
        f"{text('mean', lang)} {amount(comparison.mean_flagged)} · "
        f"{text('not_flagged', lang)}{colon}{text('median', lang)} {amount(comparison.median_other)}{comma}"
        f"{text('mean', lang)} {amount(comparison.mean_other)} · {text('difference', lang)} "
        f"{amount(comparison.difference)} {open_}{text('ci95', lang)} {amount(comparison.ci_low)} – "
        f"{amount(comparison.ci_high)}{close}"
    )
    if comparison.ci_refused == "too_few":
        stats = text(
            "no_ci_too_few", lang, n_flagged=comparison.n_flagged, n_other=comparison.n_other, minimum=MIN_GROUP
        )
    if aspect and aspect != "any":
        stats = f"{stats} {text('compared_with_never' if comparison_group == 'never_flagged' else 'compared_with_others', lang)}"
    key = "caption_not_applicable" if missing_means(outcome) == "not_applicable" else "caption"
    caption = text(
        key,
        lang,
        source=source_label(data, lang),
        n_flagged=comparison.n_flagged,
        n_other=comparison.n_other,
        n_missing=comparison.n_missing,
        n_not_exact=comparison.n_not_exact,
        updated=data.built_at,
    )
    year_shown = int(frame["year"].iloc[0]) if len(frame) and pd.notna(frame["year"].iloc[0]) else year
    selection = selection_sentence(data, outcome, aspect, tuple(towns or ()), year_shown, comparison_group, lang)
    figure = with_footnote(
        compare_figure(frame, comparison, outcome, lang, log=bool(log)),
        f"{selection} · "
        + footnote(
            data, lang, float(frame["is_synthetic"].fillna(False).astype(bool).mean()), text("caveat_short", lang)
        ),
    )
    return {
        "figure": figure,
        "rows": rows,
        "columns": columns,
        "caption": caption,
        "stats": stats,
        "caveat": text("compare_caveat", lang),
        "legend": text("compare_legend", lang),
        "selection": selection,
        "headline": compare_headline(comparison, outcome, year_shown, lang, comparison_group),
        "pages": pages,
    }


def _table(data: DashboardData, frame: pd.DataFrame, outcome: str, lang: str) -> tuple:
    """(the table kept for its pages or None, the grid's rows, its columns): a province's rows
    stay here, formatted and sent a page at a time (`register`'s rows_page); a county's are sent
    whole."""
    if lists_on_server(data):  # a paged grid takes no rowData (AG Grid error #200)
        lazy = LazyPagedTable(frame, partial(grid_rows, outcome=outcome, lang=lang))
        return lazy, no_update, lazy.columns()
    return None, *grid_rows(frame, True, outcome, lang).rows(np.arange(len(frame)), with_filters=True)


def grid_rows(frame: pd.DataFrame, readings: bool, outcome: str, lang: str) -> PagedTable:
    """The Compare table of `frame`'s villages as the grid shows it (`readings`: see selection_table)."""
    ranked = (frame["ranked_city"].tolist(), frame["ranked_in_town"].tolist())  # among the whole city's, the town's
    return grid_pages(selection_table(frame, outcome, lang, readings), lang, is_money(outcome), ranked)


def selection_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """The Compare selection with stable column names (the same in both languages; documented in
    the README) and numbers as numbers."""
    return pd.DataFrame(
        {
            "code": frame["code"],
            "village_zh": frame["name_short"],
            "village_pinyin": frame["name_pinyin"],
            "town_zh": frame["town_name"],
            "town_pinyin": frame["town_pinyin"],
            "flagged": frame["flagged"],
            "aspects": frame["aspects"],
            "year": frame["year"],
            "low": frame["low"],
            "high": frame["high"],
            "value": frame["value"],
            "qualifier": frame["qualifier"],
            "unit": frame["unit"],
            "period": frame["period"],
            "raw": frame["raw"],
            "is_synthetic": frame["is_synthetic"],
            "source_id": frame["source_id"],
            "rank_city": frame["rank_city"],
            "rank_in_town": frame["rank_in_town"],
            "villages_in_town": frame["villages_in_town"],
            **({column: frame[column] for column in CSV_CHANGE_COLUMNS} if "change_low" in frame else {}),
        }
    )


CSV_CHANGE_COLUMNS = (
    "base_year",
    "base_low",
    "base_high",
    "change_low",
    "change_high",
    "change_pct_low",
    "change_pct_high",
)


def base_options(data: DashboardData, outcome: str, year) -> list[dict]:
    return [{"label": str(y), "value": y} for y in years_before(data, outcome, year)]


def base_dropdown(data: DashboardData, outcome: str, year, base, lang: str):
    """The year the change columns are measured from (the year before, unless chosen)."""
    return labelled(
        text("base_year", lang),
        dropdown(
            lang,
            id=control_id("compare", "base"),
            options=base_options(data, outcome, year),
            value=chosen_base(data, outcome, year, base),
            clearable=False,
            searchable=False,
        ),
    )


def layout(data: DashboardData, state: ViewState, lang: str, allow_ingest: bool = False) -> html.Div:
    outcome = chosen_outcome(data, state)
    year = chosen_year(data, state, outcome)
    towns = [{"label": t.name_zh if lang == "zh" else t.name_pinyin, "value": t.code} for t in data.towns.itertuples()]
    controls = html.Div(
        [
            outcome_dropdown("compare", data, outcome, lang),
            aspect_dropdown("compare", state, lang),
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
                        {"label": text("comparison_never", lang), "value": "never_flagged"},
                    ],
                ),
            ),
            year_dropdown("compare", data, outcome, year, lang),
            base_dropdown(data, outcome, year, state.base, lang),
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
    content = view(data, replace(state, outcome=outcome, year=year))
    return html.Div(
        [
            html.H1(text("nav_compare", lang), className="page-title"),
            controls,
            html.P(content["headline"], id="compare-headline", className="headline"),
            html.P(content["selection"], id="compare-selection", className="caption selection-line"),
            figure_frame("compare", lang, state.view, content=content, paged=lists_on_server(data)),
            dcc.Store(id="compare-pages-purged"),  # written by the callback that refetches the pages
            html.P(content["legend"], id="compare-legend", className="legend"),
            html.P(content["stats"], id="compare-stats", className="stats"),
            html.P(content["caveat"], id="compare-caveat", className="caveat"),
            how_computed(lang),
        ]
    )


CONTROLS = ("outcome", "aspect", "towns", "year", "log", "comparison", "base")
# What the update writes: (component, property, part of the view), in order.
OUTPUTS = (
    ("compare-graph", "figure", "figure"),
    ("compare-table", "rowData", "rows"),
    ("compare-table", "columnDefs", "columns"),
    ("compare-caption", "children", "caption"),
    ("compare-stats", "children", "stats"),
    ("compare-caveat", "children", "caveat"),
    ("compare-headline", "children", "headline"),
    ("compare-selection", "children", "selection"),
)
COMPARE_OUTPUTS = [(component, prop) for component, prop, _ in OUTPUTS]  # what a client posting it names


def view(data: DashboardData, state: ViewState) -> dict:
    return compare_view(
        data, state.outcome, state.aspect, state.towns, state.year, state.log, state.lang, state.comparison, state.base
    )


def export(data: DashboardData, state: ViewState, shown: dict) -> Download:
    """The selection as a table, named by outcome, year and towns, with the page's sentences."""
    base_year = chosen_base(data, state.outcome, state.year, state.base)
    frame = comparison_frame(data, state.outcome, state.aspect, state.towns, state.year, state.comparison, base_year)
    stop = "。" if state.lang == "zh" else ". "
    notes = views.export_notes(
        data,
        state.lang,
        title_of(shown["figure"]),
        f"{shown['selection']}{stop}{shown['headline']} {shown['stats']}",
        shown["caveat"],
        float(frame["is_synthetic"].fillna(False).astype(bool).mean()),
    )
    year = int(frame["year"].iloc[0]) if len(frame) and frame["year"].iloc[0] is not None else None
    name = file_name(NAME, state.outcome, year, towns=state.towns)
    return Download(selection_table(frame, state.outcome, state.lang), name, notes, selection_csv(frame))


def register(w: Wiring) -> None:
    @w.app.callback(
        Output(control_id(NAME, "base"), "options"),
        Output(control_id(NAME, "base"), "value"),
        Input(control_id(NAME, "outcome"), "value"),
        Input(control_id(NAME, "year"), "value"),
        State(control_id(NAME, "base"), "value"),
        State("selection", "data"),
        **LATER,
    )
    def base_years(outcome, year, base, selection):
        data = w.source.get(selection)
        return base_options(data, outcome, year), chosen_base(data, outcome, year, base)

    current = register_view(w, NAME, CONTROLS, OUTPUTS, view)

    @w.app.callback(
        Output("compare-table", "getRowsResponse"),
        Input("compare-table", "getRowsRequest"),
        *[State(control_id(NAME, key), "value") for key in CONTROLS],
        State("lang", "data"),
        State("selection", "data"),
        **LATER,
    )
    def rows_page(request, *values):
        *chosen, lang, selection = values
        pages = current(state_of(CONTROLS, chosen, lang, selection))["pages"]
        return pages.page(request) if pages is not None else {"rowData": [], "rowCount": 0}

    # a new selection: the paged grid drops the pages it holds and asks for them again
    w.app.clientside_callback(
        ClientsideFunction("zhaodong", "refetchPages"),
        Output("compare-pages-purged", "data"),
        Input("compare-caption", "children"),
        State("compare-table", "id"),
        **LATER,
    )
    register_download(w, NAME, CONTROLS, lambda data, state: export(data, state, current(state)))
