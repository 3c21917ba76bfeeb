"""Pieces every page uses: the banner, notices, and the frame around a figure
(chart | table toggle, caption, downloads, how it was computed)."""

from __future__ import annotations

from dash import dash_table, dcc, html

from zhaodong_data.figures import text


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
        parts.append(html.Div(text("notice_ledgers", lang, real=kinds["real"], none=kinds["none"] + kinds["synthetic"]),
                              className="notice", role="status", id="data-notice"))
    elif data.selection == "with_demo":
        parts.append(html.Div(text("notice_with_demo", lang, real=kinds["real"], synthetic=kinds["synthetic"]),
                              className="notice", role="status", id="data-notice"))
    return parts


def notices(items: list[tuple[str, str]], lang: str) -> list:
    return [html.Div(text("notice_fallback", lang, param=key, value=value), className="notice", role="status")
            for key, value in items]


def labelled(label: str, control, html_for: str | None = None) -> html.Div:
    return html.Div([html.Label(label, htmlFor=html_for, className="control-label"), control], className="control")


def graph_config(lang: str, filename: str) -> dict:
    return {
        "locale": "zh-CN" if lang == "zh" else "en",
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }


def figure_frame(page: str, lang: str, view: str = "chart", downloads: bool = True, content: dict | None = None,
                 chart: bool = True) -> html.Section:
    """The OWID-style frame: view toggle and downloads above, chart or table, caption below.
    `content` (figure, rows, columns, caption) is the first paint; callbacks replace it.
    Without a chart (a register), the frame is the table alone."""
    content = content or {}
    view = view if chart else "table"
    tools = [
        html.Div(dcc.RadioItems(
            id=control_id(page, "view"), value=view, inline=True, className="view-toggle",
            options=[{"label": text("view_chart", lang), "value": "chart"},
                     {"label": text("view_table", lang), "value": "table"}],
        ), role="radiogroup", **{"aria-label": text("view", lang)}),
    ] if chart else []
    if downloads:
        tools += [
            html.Button(text("download_csv", lang), id=f"{page}-download-csv", className="button", n_clicks=0),
            html.Button(text("download_xlsx", lang), id=f"{page}-download-xlsx", className="button", n_clicks=0),
            dcc.Download(id=f"{page}-download"),
        ]
    graph = [html.Div(dcc.Loading(dcc.Graph(id=f"{page}-graph", figure=content.get("figure"),
                                            config=graph_config(lang, f"zhaodong-{page}"))),
                      id=f"{page}-chart-wrap", style={"display": "block" if view == "chart" else "none"})] if chart else []
    return html.Section([
        html.Div(tools, className="frame-tools"),
        *graph,
        html.Div(dash_table.DataTable(
            id=f"{page}-table", data=content.get("rows", []), columns=content.get("columns", []),
            page_size=25, sort_action="native", filter_action="native",
            style_table={"overflowX": "auto"}, style_cell={"fontFamily": "inherit", "textAlign": "left",
                                                          "padding": "4px 8px", "maxWidth": "22rem",
                                                          "whiteSpace": "normal"},
            style_header={"fontWeight": "bold"},
        ), id=f"{page}-table-wrap", style={"display": "block" if view == "table" else "none"}),
        html.P(content.get("caption"), id=f"{page}-caption", className="caption"),
    ], className="figure-frame", **{"aria-label": page})


def how_computed(lang: str) -> html.Details:
    return html.Details([html.Summary(text("how_computed", lang)), html.P(text("how_computed_text", lang))],
                        className="method")


def table_of(frame, columns: list[tuple[str, str]]) -> tuple[list[dict], list[dict]]:
    """DataTable data and columns for (column, label) pairs."""
    present = [(c, label) for c, label in columns if c in frame.columns]
    data = frame[[c for c, _ in present]].to_dict("records")
    return data, [{"id": c, "name": label} for c, label in present]
