"""Plotly figure builders shared by the dashboard and the notebooks.

Each returns a plain Plotly figure dict ({"data": [...], "layout": {...}}): Dash
sends it as is, and `plotly.graph_objects.Figure(spec)` (or `as_figure`) makes
it an object in a notebook. Plain dicts skip plotly's per-property validation,
which would cost more than the data work at province scale.

Colour-blind-safe (Okabe-Ito) and never colour alone: red-flag villages are also
drawn as diamonds and named in the legend; values that are not exact are hollow,
with their interval as an error bar.
"""

from __future__ import annotations

import html
import zlib
from typing import Any

import numpy as np
import pandas as pd

from ..analysis import Comparison
from ..i18n import format_amount, format_reading
from ..i18n.strings import metric_name, qualifier_names, text
from ..metrics import is_money
from .headlines import villages

FLAGGED_COLOUR = "#D55E00"  # vermillion
OTHER_COLOUR = "#0072B2"  # blue
ASPECT_COLOURS = {
    "party_building": "#E69F00",
    "development": "#D55E00",
    "service": "#009E73",
    "civilization": "#56B4E9",
    "harmony": "#CC79A7",
}
ASPECT_PATTERNS = {"party_building": "", "development": "/", "service": "x", "civilization": ".", "harmony": "\\"}
FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"


def as_figure(spec: dict):
    """The figure as a plotly.graph_objects.Figure, for notebooks."""
    import plotly.graph_objects as go

    return go.Figure(spec)


# Display columns (a CJK character is two) a line holds on a 390 px phone: Plotly does not wrap.
TITLE_COLUMNS = 42  # 16 px titles
NOTE_COLUMNS = 52  # 12 px subtitles (placed from the chart's left edge)
FOOTNOTE_COLUMNS = 40  # 11 px footnotes (placed from the plot's left edge, which town names push right)
# A wider chart re-wraps its title, subtitle and footnote to lines of its width (assets/chart_fit.js
# picks the widest wrapping that fits): (chart width from, title, subtitle, footnote columns).
WIDER_WRAPS = ((680, 76, 100, 120), (1000, 112, 150, 170))


def _top_margin(title_lines: int, subtitle_lines: int) -> int:
    return 46 + 22 * title_lines + 18 * subtitle_lines


def _heading_wraps(title: str, subtitle: str) -> list[dict]:
    """The title and subtitle wrapped for each chart width: a phone's first."""
    wraps = []
    for from_px, title_columns, subtitle_columns in [(0, TITLE_COLUMNS, NOTE_COLUMNS)] + [w[:3] for w in WIDER_WRAPS]:
        title_lines = _wrap(title, title_columns)
        subtitle_lines = _wrap(subtitle, subtitle_columns) if subtitle else []
        wraps.append(
            {
                "from_px": from_px,
                "text": "<br>".join(title_lines),
                "subtitle": "<br>".join(subtitle_lines),
                "top": _top_margin(len(title_lines), len(subtitle_lines)),
            }
        )
    return wraps


def _layout(title: str, subtitle: str = "", **extra) -> dict:
    """The shared layout. Titles and subtitles are wrapped to lines a phone shows whole (Plotly
    does not wrap), and the top margin grows with them; the wrappings for wider charts are in
    `meta.heading` (assets/chart_fit.js applies them)."""
    wraps = _heading_wraps(title, subtitle)
    phone = wraps[0]
    heading = {
        "text": phone["text"],
        "x": 0,
        "xanchor": "left",
        "font": {"size": 16},
        "yref": "container",
        "y": 1,
        "yanchor": "top",
        "pad": {"t": 22},
    }
    if phone["subtitle"]:
        heading["subtitle"] = {"text": phone["subtitle"], "font": {"size": 12}}
    layout: dict[str, Any] = {
        "title": heading,
        "font": {"family": FONT, "size": 13},
        "template": _TEMPLATE,
        "margin": {"l": 60, "r": 20, "t": phone["top"], "b": 50},
        "legend": {"orientation": "h", "y": -0.15},
        "hoverlabel": {"font": {"family": FONT}},
        # a label too small to read (under 10 px) inside its bar is hidden, not shrunk: the hover
        # and the table carry it
        "uniformtext": {"minsize": 10, "mode": "hide"},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
    }
    margin = {**layout["margin"], **extra.pop("margin", {})}
    margin["t"] = max(margin["t"], layout["margin"]["t"])
    extra_top = margin["t"] - phone["top"]  # room a chart asked for above its title's
    meta = {**extra.pop("meta", {}), "heading": [{**w, "top": w["top"] + extra_top} for w in wraps]}
    layout.update(extra, margin=margin, meta=meta)
    # the height and legend as drawn here: assets/chart_fit.js moves a legend and grows a chart to fit
    # its width, and starts again from these when the width changes
    meta["drawn"] = {"height": layout.get("height"), "legend_y": layout["legend"].get("y")}
    return layout


def title_of(figure: dict) -> str:
    """A figure's title as one line of plain text (for export notes)."""
    return figure["layout"]["title"]["text"].replace("<br>", " ")


def _wrap(text_: str, width: int) -> list[str]:
    """Lines of at most `width` display columns (a CJK character takes two), broken at spaces
    where there are any."""
    lines, line, used = [], "", 0
    for ch in text_:
        size = 2 if ord(ch) >= 0x2E80 else 1
        if used + size > width:
            cut = line.rfind(" ") if " " in line[width // 2 :] else -1
            lines.append(line[:cut] if cut > 0 else line)
            line = line[cut + 1 :] if cut > 0 else ""
            used = sum(2 if ord(c) >= 0x2E80 else 1 for c in line)
        line += ch
        used += size
    return lines + [line] if line else lines


def with_footnote(figure: dict, footnote: str | None) -> dict:
    """The figure with a line under it (source, data kind, caveat), so that an exported PNG says
    what the page says beside the chart."""
    if not footnote:
        return figure
    # A chart whose long category labels push the plot right (towns) asks for shorter lines.
    columns = figure["layout"].get("meta", {}).get("footnote_columns", FOOTNOTE_COLUMNS)
    lines = _wrap(footnote, columns)
    layout = dict(figure["layout"])
    margin = dict(layout.get("margin", {}))
    base = margin.get("b", 50) + 50
    added = base + 16 * len(lines) - margin.get("b", 50)
    margin["b"] = base + 16 * len(lines)
    layout["margin"] = margin
    if layout.get("height"):  # a chart of fixed height grows by its footnote, so the plot keeps its room
        layout["height"] = layout["height"] + added
        drawn = layout.get("meta", {}).get("drawn", {})
        layout["meta"] = {**layout.get("meta", {}), "drawn": {**drawn, "height": layout["height"]}}
    # Lines for a phone by default; a wider chart re-wraps to its width (assets/chart_fit.js).
    wraps = [{"from_px": 0, "text": "<br>".join(_plain(line) for line in lines), "bottom": margin["b"]}]
    for from_px, *_, footnote_columns in WIDER_WRAPS:
        wide = _wrap(footnote, footnote_columns)
        wraps.append(
            {"from_px": from_px, "text": "<br>".join(_plain(line) for line in wide), "bottom": base + 16 * len(wide)}
        )
    layout["meta"] = {
        **layout.get("meta", {}),
        "footnote": {"index": len(layout.get("annotations", [])), "wraps": wraps},
    }
    layout["annotations"] = list(layout.get("annotations", [])) + [
        {
            "text": "<br>".join(_plain(line) for line in lines),
            "xref": "paper",
            "yref": "paper",
            "x": 0,
            "y": 0,
            "xanchor": "left",
            "yanchor": "bottom",
            "yshift": -margin["b"] + 4,
            "showarrow": False,
            "align": "left",
            "font": {"size": 11, "color": "#57606a"},
        }
    ]
    return {"data": figure["data"], "layout": layout}


# A light grid, like plotly_white, without shipping the whole template with every figure.
_AXIS = {"gridcolor": "#EBF0F8", "linecolor": "#EBF0F8", "zerolinecolor": "#EBF0F8", "automargin": True}
_TEMPLATE = {"layout": {"xaxis": _AXIS, "yaxis": _AXIS}}


def _jitter(codes, width: float = 0.28) -> np.ndarray:
    """A fixed horizontal offset per village, so that a point does not move between redraws."""
    return np.array([(zlib.crc32(code.encode()) % 1000) / 1000 - 0.5 for code in codes]) * 2 * width


def amount_ticks(
    values, lang: str, money: bool, log: bool = False, from_zero: bool = True
) -> tuple[list[float], list[str]]:
    """Tick positions and labels written for the language (45万 / 450k), about five of them,
    covering the values (and zero, unless `from_zero` is False)."""
    finite = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(dtype=float)
    finite = finite[np.isfinite(finite)]  # None, NaN and infinities dropped, at numpy's speed
    if finite.size == 0:
        return [], []
    low, high = float(finite.min()), float(finite.max())
    if log:
        low = max(low, float(finite[finite > 0].min()) if (finite > 0).any() else 1.0)
        ticks = [
            10.0**k * m
            for k in range(int(np.floor(np.log10(low))), int(np.ceil(np.log10(high))) + 1)
            for m in (1, 2, 5)
            if low / 2 <= 10.0**k * m <= high * 2
        ]
    else:
        if from_zero:
            low = min(low, 0.0)
        span = high - low or abs(high) / 2 or 1.0
        raw_step = span / 5
        magnitude = 10.0 ** np.floor(np.log10(raw_step))
        step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw_step)
        ticks = [float(t) for t in np.arange(np.floor(low / step) * step, high + step, step)]
        if ticks[-1] < high:
            ticks.append(ticks[-1] + step)
    return ticks, [format_amount(t, lang, money=False) if t else "0" for t in ticks]


def _column(frame: pd.DataFrame, name: str) -> np.ndarray:
    """A column as a plain numpy array: iterating Arrow-backed strings one by one is slow."""
    return frame[name].to_numpy(dtype=object if frame[name].dtype.kind not in "fi" else float)


def _plain(value) -> str:
    """Text as Plotly shows it, never read as its markup (<b>, <a href>, <br> in a ledger cell)."""
    return html.escape(str(value), quote=False)


def _hover(frame: pd.DataFrame, lang: str, money: bool) -> list[str]:
    synthetic = f"<br><i>{text('synthetic', lang)}</i>"
    qualifier_text = qualifier_names(lang)
    return [
        f"<b>{_plain(name)}</b> · {_plain(town)}<br>{format_reading(low, high, qualifier, lang, money)}<br>"
        f"{text('raw', lang)}: {_plain(raw)}"
        f"<br>{qualifier_text.get(qualifier, qualifier)}" + (synthetic if is_synthetic else "")
        for name, town, low, high, qualifier, raw, is_synthetic in zip(
            _column(frame, "name_short" if lang == "zh" else "name_pinyin"),
            _column(frame, "town_name" if lang == "zh" else "town_pinyin"),
            _column(frame, "low"),
            _column(frame, "high"),
            _column(frame, "qualifier"),
            _column(frame, "raw"),
            _column(frame, "is_synthetic"),
        )
    ]


def _group_traces(group: pd.DataFrame, position: int, label_key: str, colour: str, symbol: str, lang: str, money: bool):
    """One group of villages at `position`: a box of its distribution, each village a point
    (filled when exact, hollow with its bounds as error bars when not), its mean a dotted line."""
    n = len(group)
    name = f"{text(label_key, lang)} (n = {n})"
    values = _column(group, "value")
    data: list[dict] = [
        {
            "type": "box",
            "x": [position] * n,
            "y": values,
            "name": name,
            "marker": {"color": colour},
            "boxpoints": False,
            "line": {"width": 1.5},
            "fillcolor": "rgba(0,0,0,0)",
            "hoverinfo": "skip",
            "showlegend": False,
            "width": 0.6,
        }
    ]
    exact = (group["qualifier"] == "exact").to_numpy()
    for part, filled in ((group[exact], True), (group[~exact], False)):
        if not part.empty:
            trace = _points(part, position, colour, symbol if filled else f"{symbol}-open", lang, money)
            data.append(
                {**trace, "name": name, "legendgroup": label_key, "showlegend": bool(filled or not exact.any())}
            )
    if n:
        data.append(_mean_line(values, position))
    return data


# Past this many villages in a group, Compare draws the group's distribution (a box and a
# histogram of its values, a few dozen numbers) instead of a point a village: 10,000 points
# cost 850 KB of JSON and a slow browser, and no one reads them one by one; the table lists each.
POINTS_DRAWN = 1_000
DISTRIBUTION_BINS = 40


def _distribution_traces(
    group: pd.DataFrame, position: int, label_key: str, colour: str, lang: str, money: bool, log: bool
):
    """A large group at `position` as its distribution: the box of its quartiles and whiskers
    (1.5 × IQR, as Plotly draws them from points) computed here, and a histogram of its values
    drawn as a violin's outline whose width is the share of villages in each bin, each bin's
    count in its hover. Sends a few dozen numbers, whatever the group's size."""
    values = _column(group, "value")
    values = values[np.isfinite(values)]
    q1, median, q3 = (float(q) for q in np.quantile(values, [0.25, 0.5, 0.75]))
    reach = 1.5 * (q3 - q1)
    lower, upper = float(values[values >= q1 - reach].min()), float(values[values <= q3 + reach].max())
    name = f"{text(label_key, lang)} (n = {len(values)})"
    box = {
        "type": "box",
        "x": [position],
        "q1": [q1],
        "median": [median],
        "q3": [q3],
        "lowerfence": [lower],
        "upperfence": [upper],
        "name": name,
        "marker": {"color": colour},
        "line": {"width": 1.5},
        "fillcolor": "rgba(0,0,0,0)",
        "showlegend": False,
        "width": 0.3,
    }
    return [*_histogram_traces(values, position, name, colour, lang, money, log), box, _mean_line(values, position)]


def _histogram_traces(values: np.ndarray, position: int, name: str, colour: str, lang: str, money: bool, log: bool):
    """A histogram of `values` (bins even in the logarithm on a log scale) as an outline about
    `position`, and a hover point per bin with its range and count."""
    binned = np.log10(values[values > 0]) if log else values
    counts, edges = np.histogram(binned, bins=DISTRIBUTION_BINS)
    if log:
        edges = 10.0**edges
    centres = (edges[:-1] + edges[1:]) / 2
    half = 0.42 * counts / max(counts.max(), 1)
    outline = {
        "type": "scatter",
        "mode": "lines",
        "x": np.concatenate([position + half, (position - half)[::-1]]).tolist(),
        "y": np.concatenate([centres, centres[::-1]]).tolist(),
        "fill": "toself",
        "fillcolor": colour,
        "opacity": 0.25,
        "line": {"color": colour, "width": 0.5},
        "hoverinfo": "skip",
        "showlegend": False,
    }
    bins = {
        "type": "scatter",
        "mode": "markers",
        "x": (position + half).tolist(),
        "y": centres.tolist(),
        "marker": {"color": colour, "size": 4, "opacity": 0},
        "hovertext": [
            text(
                "distribution_bin",
                lang,
                low=format_amount(a, lang, money),
                high=format_amount(b, lang, money),
                n=int(k),
            )
            for a, b, k in zip(edges[:-1], edges[1:], counts)
        ],
        "hoverinfo": "text",
        "name": name,
        "showlegend": False,
    }
    return [outline, bins]


def _mean_line(values: np.ndarray, position: int) -> dict:
    return {
        "type": "scatter",
        "mode": "lines",
        "x": [position - 0.35, position + 0.35],
        "y": [float(np.mean(values))] * 2,
        "line": {"color": "black", "width": 2, "dash": "dot"},
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _points(part: pd.DataFrame, position: int, colour: str, symbol: str, lang: str, money: bool) -> dict:
    """Villages as jittered points at `position`; hollow symbols (not-exact values) carry their
    bounds as error bars."""
    value, low, high = _column(part, "value"), _column(part, "low"), _column(part, "high")
    hollow = symbol.endswith("-open")
    trace = {
        "type": "scatter",
        "mode": "markers",
        "x": position + _jitter(_column(part, "code")),
        "y": value,
        "marker": {
            "color": colour,
            "symbol": symbol,
            "size": 9,
            "line": {"width": 1.5 if hollow else 0.5, "color": colour if hollow else "white"},
        },
        "hovertext": _hover(part, lang, money),
        "hoverinfo": "text",
    }
    if hollow:
        trace["error_y"] = {
            "type": "data",
            "array": np.nan_to_num(high - value),
            "arrayminus": np.nan_to_num(value - low),
            "color": colour,
            "thickness": 1,
            "width": 3,
        }
    return trace


def _difference_text(comparison: Comparison, lang: str, money: bool) -> str:
    """The difference of means and its 95% interval (or why there is none), for the subtitle."""
    colon, semicolon = ("：", "；") if lang == "zh" else (": ", "; ")
    interval = (
        text("ci_refused_short", lang)
        if comparison.ci_refused
        else f"{text('ci95', lang)} [{format_amount(comparison.ci_low, lang, money)}, "
        f"{format_amount(comparison.ci_high, lang, money)}]"
    )
    return f"{text('difference', lang)}{colon}{format_amount(comparison.difference, lang, money)}{semicolon}{interval}"


def compare_figure(
    frame: pd.DataFrame, comparison: Comparison, outcome: str, lang: str = "zh", log: bool = False
) -> dict:
    """Every village a point, by red-flag status: box of the distribution, mean marked, bounds shown."""
    money = is_money(outcome)
    present = frame[frame["value"].notna()]
    data = []
    groups = ((True, "flagged", FLAGGED_COLOUR, "diamond"), (False, "not_flagged", OTHER_COLOUR, "circle"))
    drawn_whole = False
    for position, (is_flagged, label_key, colour, symbol) in enumerate(groups):
        group = present[present["flagged"] == is_flagged]
        if len(group) > POINTS_DRAWN:
            data += _distribution_traces(group, position, label_key, colour, lang, money, log)
            drawn_whole = True
        else:
            data += _group_traces(group, position, label_key, colour, symbol, lang, money)
    year = int(frame["year"].iloc[0]) if len(frame) and pd.notna(frame["year"].iloc[0]) else ""
    ticks, labels = amount_ticks(
        np.concatenate([_column(present, "value"), _column(present, "high"), _column(present, "low")]), lang, money, log
    )
    unit = text("unit_header_money", lang) if money else ""
    layout = _layout(
        text("compare_title", lang, outcome=metric_name(outcome, lang), year=year),
        subtitle=_difference_text(comparison, lang, money),
        showlegend=False,
        xaxis={
            "tickvals": [0, 1],
            "range": [-0.6, 1.6],
            # the group's marker in its label, so that no legend is needed beside the chart
            "ticktext": [
                f"◆ {text('flagged', lang)}<br>n = {comparison.n_flagged}",
                f"● {text('not_flagged', lang)}<br>n = {comparison.n_other}",
            ],
            "automargin": True,
            # the values are not drawn one by one: said under the groups' names
            **({"title": {"text": text("distribution_drawn", lang, n=POINTS_DRAWN)}} if drawn_whole else {}),
        },
        yaxis={
            "title": {"text": metric_name(outcome, lang) + unit},
            "type": "log" if log else "linear",
            "tickvals": ticks,
            "ticktext": labels,
            **({} if log or not ticks else {"range": [ticks[0], ticks[-1]]}),
        },
    )
    return {"data": data, "layout": layout}


def aspects_figure(by_aspect: pd.Series, lang: str = "zh", synthetic: bool = False) -> dict:
    """Flags by aspect; `synthetic`: the flags' placement is (partly) synthetic, and the title says so."""
    aspects = list(by_aspect.index)
    counts = [int(v) for v in by_aspect.values]
    data = [
        {
            "type": "bar",
            "x": [text(a, lang) for a in aspects],
            "y": counts,
            "text": counts,
            "textposition": "outside",
            "hovertemplate": "%{x}: %{y}<extra></extra>",
            "marker": {
                "color": [ASPECT_COLOURS[a] for a in aspects],
                "pattern": {"shape": [ASPECT_PATTERNS[a] for a in aspects]},
            },
        }
    ]
    layout = _layout(
        text("flags_by_aspect_synthetic" if synthetic else "flags_by_aspect", lang),
        showlegend=False,
        yaxis={"title": {"text": text("flags_count", lang)}, "rangemode": "tozero"},
    )
    return {"data": data, "layout": layout}


def _median_note(n: int, lang: str) -> str:
    """How many villages a median is taken over; a median of one village is that village's value."""
    return text("median_of_one", lang) if n == 1 else text("median_of_n", lang, n=int(n))


def _town_median_traces(summary: pd.DataFrame, towns: list[str], lang: str, money: bool) -> list[dict]:
    """Each town's median over all its villages (bar, labelled), over its red-flag villages
    (filled diamond) and over the others (hollow circle)."""
    town_names = _column(summary, "town_name" if lang == "zh" else "town_pinyin")
    medians = _column(summary, "median")

    def hover(group_key: str, values, counts) -> list[str]:
        return [
            f"{town} · {text(group_key, lang)}: {format_amount(v, lang, money)} ({_median_note(n, lang)})"
            if n
            else f"{town} · {text(group_key, lang)}: —"
            for town, v, n in zip(town_names, values, counts)
        ]

    data = [
        {
            "type": "bar",
            "orientation": "h",
            "y": towns,
            "x": medians,
            "name": text("town_median_all", lang),
            "marker": {"color": "#DDDDDD"},
            "xaxis": "x",
            "yaxis": "y",
            "hoverinfo": "text",
            "hovertext": hover("town_median_all", medians, _column(summary, "with_value")),
            "text": [
                format_amount(v, lang, money) + (text("one_village_mark", lang) if n == 1 else "") if n else ""
                for v, n in zip(medians, _column(summary, "with_value"))
            ],
            "textposition": "inside",
            "insidetextanchor": "start",
            "textfont": {"color": "#333333", "size": 11},
        }
    ]
    for key, column, colour, symbol in (
        ("flagged", "median_flagged", FLAGGED_COLOUR, "diamond"),
        ("not_flagged", "median_other", OTHER_COLOUR, "circle-open"),
    ):
        counts = _column(summary, f"with_value_{'flagged' if key == 'flagged' else 'other'}")
        values = _column(summary, column)
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "orientation": "h",
                "y": towns,
                "x": values,
                "name": f"{text(key, lang)} · {text('median_outcome', lang)}",
                "xaxis": "x",
                "yaxis": "y",
                "marker": {"color": colour, "symbol": symbol, "size": 11, "line": {"width": 2, "color": colour}},
                "hoverinfo": "text",
                "hovertext": hover(key, values, counts),
            }
        )
    return data


def _aspect_bars(summary: pd.DataFrame, towns: list[str], lang: str) -> list[dict]:
    """Each town's red flags by aspect, stacked, on the second x axis."""
    return [
        {
            "type": "bar",
            "orientation": "h",
            "y": towns,
            "x": _column(summary, aspect),
            "name": text(aspect, lang),
            "marker": {"color": colour, "pattern": {"shape": ASPECT_PATTERNS[aspect]}},
            "xaxis": "x2",
            "yaxis": "y",
            "legendgroup": "aspects",
            "hovertemplate": "%{y} · " + text(aspect, lang) + ": %{x}<extra></extra>",
        }
        for aspect, colour in ASPECT_COLOURS.items()
    ]


def _city_median_line(city: dict | None, lang: str, money: bool) -> tuple[list[dict], list[dict]]:
    """The city's median as a dotted vertical line with its label: (shapes, annotations)."""
    if not (city and city.get("with_value")):
        return [], []
    line = {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": city["median"],
        "x1": city["median"],
        "y0": 0,
        "y1": 1,
        "line": {"color": "black", "width": 1.5, "dash": "dot"},
    }
    label = {
        "text": text("city_median", lang, value=format_amount(city["median"], lang, money)),
        "xref": "x",
        "yref": "paper",
        "x": city["median"],
        "y": 1,
        "yanchor": "bottom",
        "xanchor": "left",
        "showarrow": False,
        "font": {"size": 11},
    }
    return [line], [label]


def towns_figure(summary: pd.DataFrame, outcome: str, lang: str = "zh", city: dict | None = None) -> dict:
    """Towns ranked by their median `outcome` (the summary's order): the median over all villages
    (bar), over red-flag villages (filled diamond) and over the others (hollow circle), the city's
    median as a dotted line; flags by aspect in a second panel. Each town's label gives its villages."""
    town_names = _column(summary, "town_name" if lang == "zh" else "town_pinyin")
    towns = [f"{name} ({villages(int(n), lang)})" for name, n in zip(town_names, _column(summary, "villages"))]
    money = is_money(outcome)
    data = _town_median_traces(summary, towns, lang, money) + _aspect_bars(summary, towns, lang)
    year = int(summary["year"].iloc[0]) if len(summary) and pd.notna(summary["year"].iloc[0]) else ""
    medians = [_column(summary, column) for column in ("median", "median_flagged", "median_other")]
    ticks, labels = amount_ticks(np.concatenate(medians), lang, money)
    shapes, annotations = _city_median_line(city, lang, money)
    layout = _layout(
        text("towns_title", lang, outcome=metric_name(outcome, lang), year=year),
        barmode="stack",
        height=max(460, 32 * len(summary) + 200),
        bargap=0.15,  # bars tall enough for an 11 px label
        shapes=shapes,
        annotations=annotations,
        legend={"orientation": "h", "y": -0.1, "yanchor": "top", "traceorder": "normal"},
        xaxis={
            "domain": [0, 0.66],
            "tickvals": ticks,
            "ticktext": labels,
            "rangemode": "tozero",
            "title": {"text": text("median_outcome", lang), "standoff": 4},
        },
        xaxis2={"domain": [0.72, 1], "anchor": "y", "title": {"text": text("flags_count", lang)}},
        yaxis={"autorange": "reversed", "automargin": True},
        margin={"l": 60, "r": 20, "t": 80, "b": 130},
        meta={"footnote_columns": 26},
    )
    return {"data": data, "layout": layout}


def village_figure(
    outcomes: pd.DataFrame,
    name: str,
    lang: str = "zh",
    benchmarks: pd.DataFrame | None = None,
    award_years: list[int] | None = None,
    published: pd.DataFrame | None = None,
) -> dict:
    """A village's outcomes over the years, one panel per metric: the village (not-exact values
    hollow, with their interval), its town's and the city's medians beside it (`benchmarks`:
    metric, year, town_median, city_median), the award year(s) marked, and published real
    figures (`published`: metric, year, low, high, qualifier, unit) drawn as stars. Amounts are
    drawn from zero, so that a dip of a few percent is not a cliff."""
    published = published if published is not None else pd.DataFrame(columns=["metric", "year", "low", "high"])
    published = published[published["metric"].isin(set(outcomes["metric"]))]  # others are listed, not drawn
    metrics = list(dict.fromkeys(outcomes["metric"]))
    rows = max(1, len(metrics))
    gap = 0.1
    height = (1 - gap * (rows - 1)) / rows
    layout = _layout(
        f"{_plain(name)}{'：' if lang == 'zh' else ': '}{text('village_outcomes', lang)}",
        height=max(360, 260 * rows),
        showlegend=True,
        annotations=[],
        shapes=[],
        legend={"orientation": "h", "y": -0.08, "yanchor": "top"},
    )
    data = []
    shown_in_legend: set[str] = set()

    def legend_entry(key: str) -> dict:
        first = key not in shown_in_legend
        shown_in_legend.add(key)
        return {"legendgroup": key, "showlegend": first}

    for index, metric in enumerate(metrics):
        axis = "" if index == 0 else str(index + 1)
        top = 1 - index * (height + gap)
        part = outcomes[outcomes["metric"] == metric].sort_values("year")
        money = bool((part["unit"] == "CNY").any())
        marks = None if benchmarks is None or not len(benchmarks) else benchmarks[benchmarks["metric"] == metric]
        traces = _panel_traces(part, marks, published[published["metric"] == metric], lang, money)
        everything = [
            np.asarray(values, dtype=float) for trace, _ in traces for values in (trace["y"], *trace.pop("bounds", ()))
        ]
        on_axes = {"xaxis": f"x{axis}", "yaxis": f"y{axis}"}
        data += [{**trace, **on_axes, **legend_entry(key)} for trace, key in traces]
        ticks, labels = amount_ticks(np.concatenate(everything), lang, money, from_zero=True)
        layout[f"yaxis{axis}"], layout[f"xaxis{axis}"] = _panel_axes(axis, (top - height, top), ticks, labels)
        layout[f"xaxis{axis}"]["showticklabels"] = index == rows - 1
        layout["annotations"].append(_panel_title(metric_name(metric, lang), top))
    for year in award_years or []:
        shape, annotation = _award_mark(year, lang)
        layout["shapes"].append(shape)
        layout["annotations"].append(annotation)
    return {"data": data, "layout": layout}


def _panel_traces(
    part: pd.DataFrame, marks: pd.DataFrame | None, facts: pd.DataFrame, lang: str, money: bool
) -> list[tuple[dict, str]]:
    """One metric's panel: the town's and city's medians, the village, the published figures;
    each trace with its legend key."""
    traces = [] if marks is None else _benchmark_traces(marks.sort_values("year"), lang, money)
    traces.append(_village_trace(part, lang, money))
    if len(facts):
        traces.append(_published_trace(facts, lang, money))
    return traces


def _panel_axes(axis: str, span: tuple[float, float], ticks: list, labels: list) -> tuple[dict, dict]:
    """A panel's y axis over `span` of the height, drawn from zero with room above the top tick
    (a marker there is not cut in half), and its x axis, one tick a year, shared by the panels."""
    room = (ticks[-1] - ticks[0]) * 0.06 if ticks else 0
    y_axis = {
        "domain": [max(0.0, span[0]), span[1]],
        "tickvals": ticks,
        "ticktext": labels,
        "anchor": f"x{axis}",
        **({"range": [ticks[0], ticks[-1] + room]} if ticks else {}),
    }
    return y_axis, {"anchor": f"y{axis}", "dtick": 1, "matches": "x" if axis else None}


def _panel_title(title: str, top: float) -> dict:
    return {
        "text": title,
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": top,
        "xanchor": "left",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 14},
    }


def _award_mark(year: int, lang: str, colour: str = FLAGGED_COLOUR) -> tuple[dict, dict]:
    """The year a village was awarded its flag: a dotted line before it, and its label."""
    line = {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": year - 0.5,
        "x1": year - 0.5,
        "y0": 0,
        "y1": 1,
        "line": {"dash": "dot", "color": colour, "width": 1.5},
    }
    label = {
        "text": text("award_year_marker", lang, year=year),
        "xref": "x",
        "yref": "paper",
        "x": year - 0.5,
        "y": 1,
        "xanchor": "left",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 11, "color": colour},
    }
    return line, label


def _benchmark_traces(marks: pd.DataFrame, lang: str, money: bool) -> list[tuple[dict, str]]:
    """The town's and the city's medians of a metric by year, as lines, each with its legend key."""
    traces = []
    for column, n_column, key, style in (
        ("town_median", "town_n", "village_town_median", "dash"),
        ("city_median", "city_n", "village_city_median", "dot"),
    ):
        label = text(key, lang)
        traces.append(
            (
                {
                    "type": "scatter",
                    "mode": "lines",
                    "x": _column(marks, "year"),
                    "y": _column(marks, column),
                    "name": label,
                    "line": {"color": "#777777" if style == "dash" else "black", "dash": style, "width": 1.5},
                    "hoverinfo": "text",
                    "hovertext": [
                        f"{label} · {y}: {format_amount(v, lang, money)} ({_median_note(n, lang)})"
                        for y, v, n in zip(_column(marks, "year"), _column(marks, column), _column(marks, n_column))
                    ],
                },
                key,
            )
        )
    return traces


def _village_trace(part: pd.DataFrame, lang: str, money: bool) -> tuple[dict, str]:
    """The village's own readings of a metric: not-exact ones hollow with their interval."""
    exact = (part["qualifier"] == "exact").to_numpy()
    value, low, high = _column(part, "value"), _column(part, "low"), _column(part, "high")
    synthetic = f"<br><i>{text('synthetic', lang)}</i>"
    hover = [
        f"{year}: {format_reading(lo, hi, q, lang, money)}<br>{text('raw', lang)}: {_plain(raw)}"
        + (synthetic if s else "")
        for year, lo, hi, q, raw, s in zip(
            _column(part, "year"),
            low,
            high,
            _column(part, "qualifier"),
            _column(part, "raw"),
            _column(part, "is_synthetic"),
        )
    ]
    return (
        {
            "type": "scatter",
            "mode": "lines+markers",
            "x": _column(part, "year"),
            "y": value,
            "name": text("village_this", lang),
            "bounds": (low, high),
            "marker": {"symbol": ["circle" if e else "circle-open" for e in exact], "size": 9, "color": OTHER_COLOUR},
            "line": {"color": OTHER_COLOUR, "width": 2.5},
            "hovertext": hover,
            "hoverinfo": "text",
            "error_y": {
                "type": "data",
                "array": np.nan_to_num(high - value),
                "arrayminus": np.nan_to_num(value - low),
                "visible": bool((~exact).any()),
            },
        },
        "village_this",
    )


def _published_trace(facts: pd.DataFrame, lang: str, money: bool) -> tuple[dict, str]:
    """Published real figures of the metric for the village, as stars at their point value."""
    points = [
        (lo + hi) / 2 if hi == hi and lo == lo else (lo if lo == lo else hi)
        for lo, hi in zip(_column(facts, "low"), _column(facts, "high"))
    ]
    label = text("village_published_mark", lang)
    return (
        {
            "type": "scatter",
            "mode": "markers",
            "x": _column(facts, "year"),
            "y": points,
            "name": label,
            "marker": {"symbol": "star", "size": 14, "color": FLAGGED_COLOUR, "line": {"color": "black", "width": 1}},
            "hoverinfo": "text",
            "hovertext": [
                f"{label} · {y}: {format_reading(lo, hi, q, lang, money)}"
                for y, lo, hi, q in zip(
                    _column(facts, "year"), _column(facts, "low"), _column(facts, "high"), _column(facts, "qualifier")
                )
            ],
        },
        "published",
    )


# shell (no income), weak (under 5万), then up to strong: Okabe-Ito colours, patterns for print
BAND_COLOURS = ("#CC79A7", "#D55E00", "#E69F00", "#F0E442", "#56B4E9", "#0072B2")
BAND_PATTERNS = ("x", "\\", "/", "", ".", "")


def bands_figure(table: pd.DataFrame, metric: str, lang: str = "zh") -> dict:
    """Share of villages in each income band (100% stacked bars) for red-flag villages, the others
    and all villages; each segment labelled with its count. `table`: income_band_table(by="flag")."""
    from ..bands import band_names, income_bands

    names = band_names(lang)
    groups = {
        "flagged": text("flagged", lang),
        "others": text("not_flagged", lang),
        "all": text("town_median_all", lang),
    }
    rows = table.set_index("group").reindex(list(groups))
    # two short lines, so that on a phone the labels leave the bars their width
    group_sizes = dict(zip(rows.index, rows["villages"].astype(int).tolist()))
    labels = [f"{groups[g]}<br>({villages(group_sizes[g], lang)})" for g in groups]
    data = []
    for band, colour, pattern in zip(income_bands()["band"], BAND_COLOURS, BAND_PATTERNS):
        counts = rows[band].fillna(0).astype(int).tolist()
        shares = rows[f"share_{band}"].fillna(0).tolist()
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": labels,
                "x": shares,
                "name": names[band],
                "marker": {"color": colour, "pattern": {"shape": pattern}, "line": {"color": "white", "width": 1}},
                "text": [str(c) if c else "" for c in counts],
                "textposition": "inside",
                "textangle": 0,
                "insidetextanchor": "middle",
                "textfont": {"size": 11},
                "hovertext": [f"{names[band]}: {c} ({share:.0%})" for c, share in zip(counts, shares)],
                "hoverinfo": "text",
            }
        )
    year = rows["year"].iloc[0]
    layout = _layout(
        text("bands_title", lang, outcome=metric_name(metric, lang), year=year),
        barmode="stack",
        height=340,
        legend={"orientation": "h", "y": -0.3, "yanchor": "top", "traceorder": "normal"},
        xaxis={"tickformat": ".0%", "range": [0, 1], "title": {"text": text("bands_share_axis", lang), "standoff": 2}},
        yaxis={"autorange": "reversed", "automargin": True},
        margin={"l": 60, "r": 20, "t": 60, "b": 90},
    )
    return {"data": data, "layout": layout}


def _trend_traces(part: pd.DataFrame, label: str, colour: str, symbol: str, lang: str, money: bool) -> list[dict]:
    """A group's mean by year, as a line with markers over its shaded 95% band."""
    years = _column(part, "year").tolist()
    band = {
        "type": "scatter",
        "mode": "lines",
        "x": years + years[::-1],
        "y": _column(part, "ci_high").tolist() + _column(part, "ci_low").tolist()[::-1],
        "fill": "toself",
        "fillcolor": colour + "22",
        "line": {"width": 0},
        "hoverinfo": "skip",
        "showlegend": False,
    }
    mean = {
        "type": "scatter",
        "mode": "lines+markers",
        "x": years,
        "y": _column(part, "mean").tolist(),
        "name": label,
        "line": {"color": colour},
        "marker": {"symbol": symbol, "size": 8, "color": colour},
        "hovertext": [
            f"{label} · {y}: {format_amount(m, lang, money)} (n = {n})"
            for y, m, n in zip(years, _column(part, "mean"), _column(part, "n"))
        ],
        "hoverinfo": "text",
    }
    return [band, mean]


def trends_figure(trends: pd.DataFrame, outcome: str, award_years: list[int], lang: str = "zh") -> dict:
    """The outcome's mean by year, flagged villages against never-flagged ones, each with its
    95% band; the award year(s) marked."""
    money = is_money(outcome)
    data = []
    for group, label_key, colour, symbol in (
        ("flagged", "flagged", FLAGGED_COLOUR, "diamond"),
        ("never_flagged", "never_flagged", OTHER_COLOUR, "circle"),
    ):
        part = trends[trends["group"] == group].sort_values("year")
        data += _trend_traces(part, text(label_key, lang), colour, symbol, lang, money)
    ticks, labels = amount_ticks(_column(trends, "ci_high"), lang, money) if len(trends) else ([], [])
    marks = [_award_mark(year, lang, "#555555") for year in award_years]
    layout = _layout(
        text("trends_title", lang, outcome=metric_name(outcome, lang)),
        shapes=[shape for shape, _ in marks],
        annotations=[annotation for _, annotation in marks],
        xaxis={"dtick": 1, "title": {"text": text("year", lang)}},
        yaxis={
            "tickvals": ticks,
            "ticktext": labels,
            "rangemode": "tozero",
            "title": {"text": text("mean_outcome", lang)},
        },
    )
    return {"data": data, "layout": layout}


def event_study_figure(terms: pd.DataFrame, lang: str = "zh") -> dict:
    """Leads and lags of the award with their 95% CIs; the year before the award is the reference."""
    x = _column(terms, "relative_year").tolist()
    estimate = _column(terms, "estimate")
    data = [
        {
            "type": "scatter",
            "mode": "markers",
            "x": x,
            "y": estimate.tolist(),
            "name": text("estimate", lang),
            "marker": {"color": FLAGGED_COLOUR, "size": 9, "symbol": "diamond"},
            "error_y": {
                "type": "data",
                "array": (_column(terms, "ci_high") - estimate).tolist(),
                "arrayminus": (estimate - _column(terms, "ci_low")).tolist(),
            },
            "hovertemplate": "%{x}: %{y:.3f}<extra></extra>",
        }
    ]
    layout = _layout(
        text("event_study_title", lang),
        showlegend=False,
        shapes=[
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": 0,
                "y1": 0,
                "line": {"color": "#555555", "width": 1},
            },
            {
                "type": "line",
                "yref": "paper",
                "x0": -0.5,
                "x1": -0.5,
                "y0": 0,
                "y1": 1,
                "line": {"dash": "dot", "color": "#555555"},
            },
        ],
        xaxis={"dtick": 1, "title": {"text": text("years_from_award", lang)}},
        yaxis={"title": {"text": text("log_points", lang)}, "zeroline": False},
    )
    return {"data": data, "layout": layout}
