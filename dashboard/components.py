"""Pieces every page uses: the banner, notices, and the frame around a figure
(chart | table toggle, caption, downloads, how it was computed)."""

from __future__ import annotations

from typing import Any

import dash_ag_grid as dag
import pandas as pd
from dash import dcc, html

from zhaodong_data.export import is_label_number
from zhaodong_data.study import text

from .grid_locale import LOCALE_ZH


def aria(**attributes: str) -> dict[str, Any]:
    """ARIA attributes as Dash takes them (`aria-label=...` is no Python keyword: `**aria(label=...)`),
    typed so that the components' stubs, which do not list them, accept them."""
    return {f"aria-{name}": value for name, value in attributes.items()}


def control_id(page: str, key: str) -> dict:
    return {"type": "ctl", "page": page, "key": key}


def banner(lang: str) -> html.Div:
    return html.Div(text("synthetic_banner", lang), className="banner", role="alert", id="synthetic-banner")


def data_notice(data, lang: str) -> list:
    """What the page's data are: the synthetic banner wherever a synthetic value shows, and which
    villages are real once ledgers are in."""
    parts = []
    kinds = data.village_kinds
    if data.shows_synthetic:
        parts.append(banner(lang))
    if data.selection == "ledgers":
        parts.append(
            html.Div(
                text("notice_ledgers", lang, real=kinds["real"], none=kinds["none"] + kinds["synthetic"]),
                className="notice",
                role="status",
                id="data-notice",
            )
        )
    elif data.selection == "with_demo":
        parts.append(
            html.Div(
                text("notice_with_demo", lang, real=kinds["real"], synthetic=kinds["synthetic"]),
                className="notice",
                role="status",
                id="data-notice",
            )
        )
    return parts


def notices(items: list[tuple[str, str]], lang: str) -> list:
    return [
        html.Div(text("notice_fallback", lang, param=key, value=value), className="notice", role="status")
        for key, value in items
    ]


DROPDOWN_WORDS = ("search", "clear_search", "clear_selection", "no_options_found", "select_all", "deselect_all")


def dropdown(lang: str, **props) -> dcc.Dropdown:
    """A dropdown whose own words (search box, clear, no match) are in the page's language."""
    labels: Any = {word: text(f"dropdown_{word}", lang) for word in DROPDOWN_WORDS}  # dcc's Labels TypedDict
    return dcc.Dropdown(labels=labels, **props)


def labelled(label: str, control, html_for: str | None = None) -> html.Div:
    """A control under its label. A dropdown's button names itself by its value only; assets/a11y.js
    adds the label (`data-label-for` the control) to what a screen reader announces."""
    control_id_ = getattr(control, "id", None)
    key = control_id_ if isinstance(control_id_, str) else "-".join(str(v) for v in (control_id_ or {}).values())
    label_id = f"label-{key}" if key else None
    return html.Div(
        [html.Label(label, htmlFor=html_for, className="control-label", id=label_id), control],
        className="control",
        role="group",
        **(aria(labelledby=label_id) if label_id else {}),
    )


def graph_config(lang: str, filename: str) -> Any:  # dcc.Graph's own TypedDict, which lists no keys we miss
    return {
        "locale": "zh-CN" if lang == "zh" else "en",
        "displaylogo": False,
        # "Share chart..." uploads the chart to Plotly's cloud: county data do not leave the server.
        "modeBarButtonsToRemove": ["sendChartToCloud"],
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }


def _frame_tools(page: str, lang: str, view: str, chart: bool, downloads: bool, view_in_url: bool) -> list:
    """Above the frame: the chart/table toggle (with a chart), the downloads, the print button."""
    tools: list = []
    if chart:
        toggle = dcc.RadioItems(
            id=control_id(page, "view") if view_in_url else f"{page}-view",
            value=view,
            inline=True,
            className="view-toggle",
            options=[
                {"label": text("view_chart", lang), "value": "chart"},
                {"label": text("view_table", lang), "value": "table"},
            ],
        )
        tools.append(html.Div(toggle, role="radiogroup", **aria(label=text("view", lang))))
    if downloads:
        tools += [
            html.Button(text("download_csv", lang), id=f"{page}-download-csv", className="button", n_clicks=0),
            html.Button(text("download_xlsx", lang), id=f"{page}-download-xlsx", className="button", n_clicks=0),
            dcc.Download(id=f"{page}-download"),
        ]
    tools.append(
        html.Button(
            text("print_view", lang),
            id=f"{page}-print",
            className="button print-button",
            n_clicks=0,
            title=text("print_view_title", lang),
        )
    )
    return tools


def report_tools(page: str, lang: str) -> html.Div:
    """The downloads and the print button of a page without a figure frame (a report)."""
    return html.Div(_frame_tools(page, lang, "table", False, True, False), className="frame-tools")


def _chart(page: str, lang: str, view: str, content: dict) -> html.Div:
    """The chart, named by the sentence that says what it shows (the headline, else the caption,
    both kept current by the callbacks); its table is the alternative (the view toggle)."""
    named_by = f"{page}-headline" if content.get("headline") else f"{page}-caption"
    graph = dcc.Graph(id=f"{page}-graph", figure=content.get("figure"), config=graph_config(lang, f"zhaodong-{page}"))
    return html.Div(
        dcc.Loading(graph),
        id=f"{page}-chart-wrap",
        style={"display": "block" if view == "chart" else "none"},
        role="figure",
        **aria(labelledby=named_by, describedby=f"{page}-caption"),
    )


def figure_frame(
    page: str,
    lang: str,
    view: str = "chart",
    downloads: bool = True,
    content: dict | None = None,
    chart: bool = True,
    view_in_url: bool = True,
    paged: bool = False,
) -> html.Section:
    """The OWID-style frame: view toggle and downloads above, chart or table, caption below.
    `content` (figure, rows, columns, caption) is the first paint; callbacks replace it.
    Without a chart (a register), the frame is the table alone. `view_in_url`: the chart/table
    choice is the page's own (kept in the link); a second frame on a page keeps its choice to itself.
    `paged`: the table's rows are fetched a page at a time (`grid`)."""
    content = content or {}
    view = view if chart else "table"
    return html.Section(
        [
            html.Div(_frame_tools(page, lang, view, chart, downloads, view_in_url), className="frame-tools"),
            *([_chart(page, lang, view, content)] if chart else []),
            html.Div(
                grid(f"{page}-table", content.get("rows", []), content.get("columns", []), lang, paged=paged),
                id=f"{page}-table-wrap",
                style={"display": "block" if view == "table" else "none"},
            ),
            html.P(content.get("caption"), id=f"{page}-caption", className="caption"),
        ],
        className="figure-frame",
        **aria(label=page),
    )


def how_computed(lang: str) -> html.Details:
    return html.Details(
        [html.Summary(text("how_computed", lang)), html.P(text("how_computed_text", lang))], className="method"
    )


def grid(
    grid_id, rows: list[dict], columns: list[dict], lang: str, page_size: int = 25, paged: bool = False
) -> dag.AgGrid:
    """A table that sorts and filters numbers as numbers (AG Grid), in the page's language, as
    tall as its rows (no inner scrolling), paged. `paged`: its rows stay on the server and are
    fetched a page at a time (the infinite row model: a callback answers `getRowsRequest`)."""
    if paged:
        return dag.AgGrid(
            id=grid_id,
            columnDefs=columns,
            rowModelType="infinite",
            defaultColDef={
                "sortable": True,
                "resizable": True,
                "wrapHeaderText": True,
                "autoHeaderHeight": True,
                "minWidth": 80,
            },
            dashGridOptions={
                "pagination": True,
                "paginationPageSize": page_size,
                "paginationPageSizeSelector": False,
                "cacheBlockSize": page_size,
                "maxBlocksInCache": 20,
                "domLayout": "autoHeight",  # as tall as the page's rows (12 for a town, 25 at most)
                "enableCellTextSelection": True,
                "ensureDomOrder": True,
                "localeText": LOCALE_ZH if lang == "zh" else {},
            },
            columnSize="responsiveSizeToFit",
            style={"height": None},
            className="ag-theme-quartz grid paged",
        )
    return dag.AgGrid(
        id=grid_id,
        rowData=rows,
        columnDefs=columns,
        defaultColDef={
            "sortable": True,
            "resizable": True,
            "filter": True,
            "wrapHeaderText": True,
            "autoHeaderHeight": True,
            "minWidth": 80,
        },
        dashGridOptions={
            "pagination": len(rows) > page_size,
            "paginationPageSize": page_size,
            "paginationPageSizeSelector": False,
            "domLayout": "autoHeight",
            "enableCellTextSelection": True,
            "ensureDomOrder": True,
            "localeText": LOCALE_ZH if lang == "zh" else {},
        },
        columnSize="responsiveSizeToFit",
        style={"height": None},
        className="ag-theme-quartz grid",
    )


LONG_TEXT = 40  # display units (a CJK character is two) past which a column wraps instead of widening


def _display_width(value) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(value))


def _sizing(cells: list, label: str) -> dict:
    """A column as wide as its longest cell (up to LONG_TEXT), so that codes and names are not
    broken; longer text wraps."""
    longest = max([0] + [_display_width(v) for v in cells[:500] if v is not None])
    header = min(56 + 7 * _display_width(label), 150)  # the header wraps past this; its icons need room
    if longest > LONG_TEXT:
        # wide enough that a paragraph (a correction's reason) wraps to a few lines, not dozens
        return {"minWidth": max(min(420, 160 + longest), header), "wrapText": True, "autoHeight": True, "flex": 2}
    return {"minWidth": max(40 + 8 * longest, header)}


def _cells(series: pd.Series) -> list:
    """JSON-ready cells: Python numbers and strings, None for a missing value."""
    return [None if pd.isna(value) else value for value in series.astype(object).tolist()]


def table_of(
    frame: pd.DataFrame,
    columns: list[tuple[str, str]],
    shown: dict[str, list[str]] | None = None,
    verbatim: tuple[str, ...] = (),
    links: dict[str, list[str]] | None = None,
) -> tuple[list[dict], list[dict]]:
    """Grid rows and column definitions for (column, label) pairs. Numbers stay numbers, so they
    sort and filter as numbers, right-aligned; `shown` gives a numeric column's cells as a reader
    reads them (≥ 30万元, 不适用) while the grid sorts and filters on the number underneath.
    `verbatim` columns hold text as published (raw strings), in whatever language it was written.
    `links` gives a text column's cells as markdown links (a village's name to its page): the grid
    draws the links, print and the sizing read the plain text."""
    shown, links = shown or {}, links or {}
    present = [(c, label) for c, label in columns if c in frame.columns]
    fields = {c: f"c{i}" for i, (c, _) in enumerate(present)}  # labels may hold any character; fields may not
    records: dict[str, list] = {}
    definitions = []
    for column, label in present:
        field, series = fields[column], frame[column]
        records[field] = _cells(series)
        numeric = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
        definition = {
            "field": field,
            "headerName": label,
            "headerTooltip": label,
            **_sizing(shown.get(column, records[field]), label),
        }
        if numeric:
            definition.update(type="rightAligned", filter="agNumberColumnFilter", cellDataType="number")
            if column in shown:
                records[f"{field}_shown"] = list(shown[column])
                definition["valueFormatter"] = {"function": f"params.data ? params.data.{field}_shown : ''"}
            elif is_label_number(column) or is_label_number(label):  # 2020, not 2,020; rank 3, not 3.00
                definition["valueFormatter"] = {
                    "function": "params.value == null ? '' : String(Math.round(params.value))"
                }
        else:
            definition.update(filter="agTextColumnFilter", cellDataType="text")
            if column in links:
                records[f"{field}_shown"], records[field] = records[field], list(links[column])
                definition["cellRenderer"] = "markdown"
        if column in verbatim:
            definition["cellClass"] = "verbatim"
        definitions.append(definition)
    rows = [dict(zip(records, values)) for values in zip(*records.values())] if records else []
    return rows, definitions
