"""Plotly figure builders shared by the dashboard and the notebooks.

Colour-blind-safe (Okabe-Ito) and never colour alone: red-flag villages are also
drawn as diamonds and named in the legend; values that are not exact are hollow,
with their interval as an error bar.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..analysis import Comparison
from .formatting import format_amount, format_reading
from .strings import metric_name, text

FLAGGED_COLOUR = "#D55E00"  # vermillion
OTHER_COLOUR = "#0072B2"  # blue
ASPECT_COLOURS = {"party_building": "#E69F00", "development": "#D55E00", "service": "#009E73",
                  "civilization": "#56B4E9", "harmony": "#CC79A7"}
FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"


def _layout(figure: go.Figure, title: str) -> go.Figure:
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        font={"family": FONT, "size": 13}, template="plotly_white", margin={"l": 60, "r": 20, "t": 60, "b": 50},
        legend={"orientation": "h", "y": -0.15}, hoverlabel={"font_family": FONT},
    )
    return figure


def _jitter(codes: pd.Series, width: float = 0.28) -> np.ndarray:
    """A fixed horizontal offset per village, so that a point does not move between redraws."""
    return np.array([(zlib.crc32(str(code).encode()) % 1000) / 1000 - 0.5 for code in codes]) * 2 * width


def amount_ticks(values, lang: str, money: bool, log: bool = False) -> tuple[list[float], list[str]]:
    """Tick positions and labels written for the language (45万 / 450k), about five of them."""
    finite = np.asarray([v for v in values if v is not None and np.isfinite(v)], dtype=float)
    if finite.size == 0:
        return [], []
    low, high = float(finite.min()), float(finite.max())
    if log:
        low = max(low, float(finite[finite > 0].min()) if (finite > 0).any() else 1.0)
        ticks = [10.0**k * m for k in range(int(np.floor(np.log10(low))), int(np.ceil(np.log10(high))) + 1)
                 for m in (1, 2, 5) if low / 2 <= 10.0**k * m <= high * 2]
    else:
        low = min(low, 0.0)
        span = high - low or abs(high) or 1.0
        raw_step = span / 5
        magnitude = 10.0 ** np.floor(np.log10(raw_step))
        step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw_step)
        ticks = list(np.arange(np.floor(low / step) * step, high + step, step))
    return ticks, [format_amount(t, lang, money=False) if t else "0" for t in ticks]


def _is_money(frame: pd.DataFrame) -> bool:
    return bool((frame["unit"] == "CNY").any()) if "unit" in frame else True


def compare_figure(frame: pd.DataFrame, comparison: Comparison, outcome: str, lang: str = "zh",
                   log: bool = False) -> go.Figure:
    """Every village a point, by red-flag status: box of the distribution, mean marked, bounds shown."""
    money = _is_money(frame)
    present = frame[frame["value"].notna()]
    figure = go.Figure()
    groups = ((True, "flagged", FLAGGED_COLOUR, "diamond"), (False, "not_flagged", OTHER_COLOUR, "circle"))
    for position, (is_flagged, label_key, colour, symbol) in enumerate(groups):
        group = present[present["flagged"] == is_flagged]
        label = text(label_key, lang)
        n = len(group)
        name = f"{label} (n = {n})"
        figure.add_trace(go.Box(
            x=[position] * n, y=group["value"], name=name, marker_color=colour, boxpoints=False,
            line={"width": 1.5}, fillcolor="rgba(0,0,0,0)", hoverinfo="skip", showlegend=False, width=0.6,
        ))
        exact = group["qualifier"] == "exact"
        for part, filled in ((group[exact], True), (group[~exact], False)):
            if part.empty:
                continue
            upper = (part["high"] - part["value"]).where(part["high"].notna(), 0)
            lower = (part["value"] - part["low"]).where(part["low"].notna(), 0)
            hover = [
                f"<b>{r.name_short}</b> · {r.town_name}<br>{format_reading(r.low, r.high, r.qualifier, lang, money)}"
                f"<br>{text('raw', lang)}: {r.raw}<br>{text('qualifier_' + r.qualifier, lang)}"
                + (f"<br><i>{text('synthetic', lang)}</i>" if r.is_synthetic else "")
                for r in part.itertuples()
            ]
            figure.add_trace(go.Scatter(
                x=position + _jitter(part["code"]), y=part["value"], mode="markers", name=name,
                legendgroup=label_key, showlegend=bool(filled or exact.sum() == 0),
                marker={"color": colour, "symbol": symbol if filled else f"{symbol}-open", "size": 9,
                        "line": {"width": 1.5 if not filled else 0.5, "color": colour if not filled else "white"}},
                error_y=None if filled else {"type": "data", "array": upper, "arrayminus": lower,
                                             "color": colour, "thickness": 1, "width": 3},
                hovertext=hover, hoverinfo="text",
            ))
        if n:
            figure.add_trace(go.Scatter(
                x=[position - 0.35, position + 0.35], y=[group["value"].mean()] * 2, mode="lines",
                line={"color": "black", "width": 2, "dash": "dot"}, hoverinfo="skip", showlegend=False,
            ))
    year = int(frame["year"].iloc[0]) if len(frame) and pd.notna(frame["year"].iloc[0]) else ""
    title = text("compare_title", lang, outcome=metric_name(outcome, lang), year=year)
    _layout(figure, title)
    difference = (
        f"{text('difference', lang)}: {format_amount(comparison.difference, lang, money)}; "
        f"{text('ci95', lang)} [{format_amount(comparison.ci_low, lang, money)}, {format_amount(comparison.ci_high, lang, money)}]"
    )
    figure.add_annotation(text=difference, xref="paper", yref="paper", x=0, y=1.0, yanchor="bottom",
                          showarrow=False, font={"size": 12})
    figure.update_xaxes(tickvals=[0, 1], range=[-0.6, 1.6],
                        ticktext=[f"{text('flagged', lang)}<br>n = {comparison.n_flagged}",
                                  f"{text('not_flagged', lang)}<br>n = {comparison.n_other}"])
    ticks, labels = amount_ticks(pd.concat([present["value"], present["high"], present["low"]]), lang, money, log)
    figure.update_yaxes(title=metric_name(outcome, lang) + (f" ({text('metric_axis_unit_yuan', lang)})" if money else ""),
                        type="log" if log else "linear", tickvals=ticks, ticktext=labels)
    return figure


def aspects_figure(by_aspect: pd.Series, lang: str = "zh") -> go.Figure:
    labels = [text(aspect, lang) for aspect in by_aspect.index]
    figure = go.Figure(go.Bar(
        x=labels, y=by_aspect.values, text=by_aspect.values, textposition="outside",
        marker_color=[ASPECT_COLOURS[a] for a in by_aspect.index], marker_pattern_shape=["", "/", "x", ".", "\\"],
        hovertemplate="%{x}: %{y}<extra></extra>",
    ))
    _layout(figure, text("flags_by_aspect", lang))
    figure.update_yaxes(title=text("flags_count", lang), rangemode="tozero")
    figure.update_layout(showlegend=False)
    return figure


def towns_figure(summary: pd.DataFrame, outcome: str, lang: str = "zh") -> go.Figure:
    """Flags by aspect per town (stacked bars, patterned), median outcome as a second panel."""
    figure = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.55, 0.45], horizontal_spacing=0.04,
                           subplot_titles=(text("flags_count", lang), text("median_outcome", lang)))
    towns = summary["town_name"]
    patterns = ["", "/", "x", ".", "\\"]
    for (aspect, colour), pattern in zip(ASPECT_COLOURS.items(), patterns):
        figure.add_trace(go.Bar(y=towns, x=summary[aspect], orientation="h", name=text(aspect, lang),
                                marker_color=colour, marker_pattern_shape=pattern,
                                hovertemplate="%{y} · " + text(aspect, lang) + ": %{x}<extra></extra>"), 1, 1)
    money = outcome not in ("new_business_entities",)
    figure.add_trace(go.Bar(
        y=towns, x=summary["median"], orientation="h", name=text("median_outcome", lang), marker_color="#999999",
        text=[format_amount(v, lang, money) for v in summary["median"]], textposition="auto", showlegend=False,
        hovertemplate="%{y}: %{text}<extra></extra>"), 1, 2)
    year = int(summary["year"].iloc[0]) if len(summary) and pd.notna(summary["year"].iloc[0]) else ""
    _layout(figure, text("towns_title", lang, outcome=metric_name(outcome, lang), year=year))
    figure.update_layout(barmode="stack", height=max(420, 26 * len(summary) + 160))
    figure.update_yaxes(autorange="reversed")
    return figure


def village_figure(outcomes: pd.DataFrame, name: str, lang: str = "zh") -> go.Figure:
    """A village's outcomes over the years, one panel per metric; not-exact values hollow with bars."""
    metrics = [m for m in outcomes["metric"].unique()]
    figure = make_subplots(rows=max(1, len(metrics)), cols=1, shared_xaxes=True, vertical_spacing=0.08,
                           subplot_titles=[metric_name(m, lang) for m in metrics] or [""])
    for row, metric in enumerate(metrics, start=1):
        part = outcomes[outcomes["metric"] == metric].sort_values("year")
        money = bool((part["unit"] == "CNY").any())
        exact = part["qualifier"] == "exact"
        figure.add_trace(go.Scatter(
            x=part["year"], y=part["value"], mode="lines+markers", name=metric_name(metric, lang),
            marker={"symbol": ["circle" if e else "circle-open" for e in exact], "size": 9, "color": OTHER_COLOUR},
            line={"color": OTHER_COLOUR},
            error_y={"type": "data", "array": (part["high"] - part["value"]).fillna(0),
                     "arrayminus": (part["value"] - part["low"]).fillna(0), "visible": bool((~exact).any())},
            hovertext=[f"{r.year}: {format_reading(r.low, r.high, r.qualifier, lang, money)}<br>{text('raw', lang)}: {r.raw}"
                       + (f"<br><i>{text('synthetic', lang)}</i>" if r.is_synthetic else "") for r in part.itertuples()],
            hoverinfo="text", showlegend=False,
        ), row, 1)
        ticks, labels = amount_ticks(pd.concat([part["value"], part["high"], part["low"]]), lang, money)
        figure.update_yaxes(tickvals=ticks, ticktext=labels, row=row, col=1)
    _layout(figure, f"{name}: {text('village_outcomes', lang)}")
    figure.update_layout(height=max(320, 240 * max(1, len(metrics))))
    figure.update_xaxes(dtick=1, title=None)
    return figure
