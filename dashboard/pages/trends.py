"""Trends (`/trends`): means by year, the award effect, the event study and its sensitivity."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
from dash import dcc, html

from zhaodong_data.analysis import award_effect, award_event_study, award_panel
from zhaodong_data.analysis.award_effect import is_imputation
from zhaodong_data.analysis.cohorts import cohorts_of
from zhaodong_data.analysis.reasons import reason_in
from zhaodong_data.analysis.sensitivity import pretrend_power, relative_magnitudes_breakdown, relative_magnitudes_set
from zhaodong_data.i18n.coded import text_in
from zhaodong_data.metrics import is_money
from zhaodong_data.study import (
    DashboardData,
    award_years_of,
    before_after,
    event_study_figure,
    format_amount,
    text,
    title_of,
    trend_frame,
    trends_figure,
    with_footnote,
)
from zhaodong_data.vocabulary import default_comparison

from .. import views
from ..components import (
    aria,
    figure_frame,
    graph_config,
    grid,
    table_of,
)
from ..controls import aspect_dropdown, chosen_outcome, outcome_dropdown
from ..downloads import Download, file_name
from ..state import ViewState
from ..views import amounts_shown, footnote, p_text, source_label
from ..wiring import Wiring, register_download, register_view

NAME = "trends"
PATH = "/trends"


def trends_table(trends: pd.DataFrame, outcome: str, lang: str) -> pd.DataFrame:
    groups = {"flagged": text("flagged", lang), "never_flagged": text("never_flagged", lang)}
    return pd.DataFrame(
        {
            text("year", lang): trends["year"],
            text("col_group", lang): trends["group"].map(groups),
            text("col_n", lang): trends["n"],
            **{
                text(key, lang): trends[column]
                for key, column in (("col_mean", "mean"), ("col_ci_low", "ci_low"), ("col_ci_high", "ci_high"))
            },
        }
    )


def _method(estimate, lang: str) -> str:
    return text("method_imputation" if is_imputation(estimate) else "method_twfe", lang)


def _interval(estimate) -> str:
    return f"[{estimate.ci_low:+.3f}, {estimate.ci_high:+.3f}]" if estimate.ci_low is not None else "—"


def estimate_sentence(estimate, lang: str) -> str:
    """The award effect in one sentence, naming its estimator, or why there is none."""
    if estimate.reason:
        return text("twfe_refused", lang, reason=reason_in(estimate.reason, lang))
    method = _method(estimate, lang)
    if estimate.std_error is None:
        return text(
            "effect_bootstrap",
            lang,
            method=method,
            estimate=estimate.estimate,
            p=p_text(estimate.p_value),
            ci=_interval(estimate),
        )
    return text(
        "effect_result",
        lang,
        method=method,
        estimate=estimate.estimate,
        percent=float(np.expm1(estimate.estimate)),
        low=estimate.ci_low,
        high=estimate.ci_high,
        p=p_text(estimate.p_value),
        n_villages=estimate.n_villages,
        n_treated=estimate.n_treated,
        n_obs=estimate.n_obs,
    )


def town_sentence(estimate, lang: str) -> str:
    """The same estimate with errors clustered by town (the joint committees are town-based)."""
    if estimate.reason:
        return text("by_town_refused", lang, reason=reason_in(estimate.reason, lang))
    how = text("by_town_bootstrap" if estimate.std_error is None else "by_town_crv", lang)
    return text(
        "by_town", lang, clusters=estimate.clusters, how=how, ci=_interval(estimate), p=p_text(estimate.p_value)
    )


def sensitivity_sentence(study: dict, lang: str) -> str:
    """The pre-trend test's power and the relative-magnitudes robust set and breakdown, or ""
    without consecutive leads and post-award terms."""
    slope = pretrend_power(study.get("pretrend"))
    coefficients = study.get("coefficients")
    breakdown = relative_magnitudes_breakdown(coefficients)
    robust = relative_magnitudes_set(coefficients, mbar=1.0)
    if slope is None or breakdown is None or robust is None:
        return ""
    mbar = "∞" if breakdown == float("inf") else f"{breakdown:.2f}"
    if robust["low"] is None:
        shown = "∅"
    else:
        shown = f"[{robust['low']:.3f}, {robust['high']:.3f}]" + ("…" if robust["open"] else "")
    return text("sensitivity", lang, slope=slope, mbar=mbar, robust=shown)


def trends_view(data: DashboardData, outcome: str, aspect: str, lang: str) -> dict:
    """Means by year for flagged and never-flagged villages, the event study and the TWFE
    estimate (or why there is none), with the caveat."""
    aspect = aspect or "any"
    trends = trend_frame(data, outcome, aspect)
    table = trends_table(trends, outcome, lang)
    rows, columns = table_of(
        table, [(c, c) for c in table.columns], amounts_shown(table, table.columns[3:], lang, is_money(outcome))
    )
    panel = award_panel(
        data.outcomes,
        data.red_flags,
        outcome,
        aspect=aspect,
        comparison=default_comparison(aspect),
    )
    estimate = award_effect(panel)
    by_town = award_effect(panel, cluster="town") if estimate.reason is None else None
    study = award_event_study(panel, leads=3, lags=2) if estimate.reason is None else _refused(estimate.reason)
    cohorts = cohorts_of(panel)
    dropped = panel.attrs.get("not_positive_dropped", 0)
    event = (
        with_footnote(event_study_figure(study["terms"], lang), footnote(data, lang))
        if study.get("reason") is None
        else None
    )
    pretrend = study.get("pretrend")
    return {
        "figure": with_footnote(
            trends_figure(trends, outcome, award_years_of(data, aspect), lang),
            footnote(data, lang, caveat=text("caveat_short", lang)),
        ),
        "rows": rows,
        "columns": columns,
        "caption": text("trends_caption", lang, source=source_label(data, lang), updated=data.built_at),
        "event": event,
        "event_table": event_table(study.get("terms"), lang) if study.get("reason") is None else pd.DataFrame(),
        "estimate": estimate_sentence(estimate, lang),
        "by_town": town_sentence(by_town, lang) if by_town is not None else "",
        "sensitivity": sensitivity_sentence(study, lang) if estimate.reason is None else "",
        "cohorts": " ".join(
            part
            for part in (
                text("cohorts_warning", lang, n=len(cohorts), years=", ".join(map(str, cohorts)))
                if len(cohorts) > 1 and estimate.reason is None
                else "",
                text("zeros_dropped", lang, n=dropped) if dropped else "",
            )
            if part
        ),
        "pretrend": text(
            "pretrend_result",
            lang,
            df1=pretrend["df1"],
            df2=pretrend["df2"],
            F=pretrend["F"],
            p=p_text(pretrend["p_value"]),
        )
        if pretrend
        else "",
        "convention": text("errors_label", lang) + text_in(estimate.convention, lang),
        "caveat": text("trends_caveat", lang),
        "table": trends,
    }


def before_after_table(data: DashboardData, outcome: str, aspect: str, lang: str) -> pd.DataFrame:
    """Mean and median the year before the award and in the latest year, red-flag villages
    against never-flagged ones, with the change, in plain words."""
    found = before_after(data, outcome, aspect or "any")
    if found.empty:
        return pd.DataFrame()
    money = is_money(outcome)
    before_year, after_year = int(found["before_year"].iloc[0]), int(found["after_year"].iloc[0])
    groups = {"flagged": text("flagged", lang), "never_flagged": text("comparison_never", lang)}

    def amount(value):
        return format_amount(value, lang, money)

    return pd.DataFrame(
        {
            text("col_group", lang): found["group"].map(groups),
            text("col_statistic", lang): [text(statistic, lang) for statistic in found["statistic"]],
            text("col_year_value", lang, year=before_year): found["before"].map(amount),
            text("col_year_value", lang, year=after_year): found["after"].map(amount),
            text("col_change", lang, year=before_year): [
                amount(v) if v < 0 else f"+{amount(v)}" for v in found["change"]
            ],
            text("villages_count", lang): [
                f"{b} / {a}" for b, a in zip(found["villages_before"], found["villages_after"])
            ],
        }
    )


def _refused(reason) -> dict[str, Any]:
    """An event study not run, as the event study says it: its reason."""
    return {"reason": reason}


def event_table(terms: pd.DataFrame | None, lang: str) -> pd.DataFrame:
    """The event study's terms as a table: years since the award, estimate, its error and CI, p."""
    if terms is None or not len(terms):
        return pd.DataFrame()
    return pd.DataFrame(
        {
            text("col_years_since", lang): terms["relative_year"].astype(int),
            text("col_estimate", lang): terms["estimate"].round(4),
            text("col_std_error", lang): terms["std_error"].round(4),
            text("col_ci_low", lang): terms["ci_low"].round(4),
            text("col_ci_high", lang): terms["ci_high"].round(4),
            "p": [p_text(p).removeprefix("= ") for p in terms["p_value"]],
        }
    )


def layout(data: DashboardData, state: ViewState, lang: str, allow_ingest: bool = False) -> html.Div:
    outcome = chosen_outcome(data, state)
    controls = html.Div(
        [
            outcome_dropdown("trends", data, outcome, lang),
            aspect_dropdown("trends", state, lang),
        ],
        className="controls",
    )
    content = view(data, replace(state, outcome=outcome))
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
                content["event_graph"],
                id="trends-event-wrap",
                role="figure",
                **aria(labelledby="trends-pretrend", describedby="trends-caveat"),
            ),
            html.H2(text("event_table_title", lang)),
            html.Div(grid("trends-event-table", content["event_rows"], content["event_columns"], lang)),
            html.P(content["convention"], id="trends-convention", className="caption"),
            html.H2(text("before_after_title", lang)),
            html.Div(
                grid("trends-before-after-table", content["before_after_rows"], content["before_after_columns"], lang)
            ),
            html.P(content["caveat"], id="trends-caveat", className="caveat"),
        ]
    )


CONTROLS = ("outcome", "aspect")
OUTPUTS = (
    ("trends-graph", "figure", "figure"),
    ("trends-table", "rowData", "rows"),
    ("trends-table", "columnDefs", "columns"),
    ("trends-caption", "children", "caption"),
    ("trends-estimate", "children", "estimate"),
    ("trends-by-town", "children", "by_town"),
    ("trends-cohorts", "children", "cohorts"),
    ("trends-pretrend", "children", "pretrend"),
    ("trends-sensitivity", "children", "sensitivity"),
    ("trends-convention", "children", "convention"),
    ("trends-event-wrap", "children", "event_graph"),
    ("trends-event-table", "rowData", "event_rows"),
    ("trends-event-table", "columnDefs", "event_columns"),
    ("trends-before-after-table", "rowData", "before_after_rows"),
    ("trends-before-after-table", "columnDefs", "before_after_columns"),
)


def event_graph(figure, lang: str):
    """The event study's chart, or nothing without one."""
    return (
        dcc.Graph(id="trends-event", figure=figure, config=graph_config(lang, "zhaodong-event-study"))
        if figure
        else None
    )


def view(data: DashboardData, state: ViewState) -> dict:
    shown = trends_view(data, state.outcome, state.aspect, state.lang)
    tables = {
        "event": shown["event_table"],
        "before_after": before_after_table(data, state.outcome, state.aspect, state.lang),
    }
    for name, table in tables.items():
        shown[f"{name}_rows"], shown[f"{name}_columns"] = table_of(table, [(c, c) for c in table.columns])
    return {
        **shown,
        **{f"{name}_table": table for name, table in tables.items()},
        "event_graph": event_graph(shown["event"], state.lang),
    }


def export(data: DashboardData, state: ViewState, shown: dict) -> Download:
    """Means by year, the event study and the before/after table, a sheet each."""
    notes = views.export_notes(data, state.lang, title_of(shown["figure"]), shown["estimate"], shown["caveat"])
    table = shown["table"]
    sheets = {
        text("trends_sheet_means", state.lang): trends_table(table, state.outcome, state.lang),
        text("trends_sheet_event", state.lang): shown["event_table"],
        text("trends_sheet_before_after", state.lang): shown["before_after_table"],
    }
    return Download(sheets, file_name(NAME, state.outcome), notes, table)


def register(w: Wiring) -> None:
    current = register_view(w, NAME, CONTROLS, OUTPUTS, view)
    register_download(w, NAME, CONTROLS, lambda data, state: export(data, state, current(state)))
