"""Sources (`/sources`): the published register, the ingests and the quarantine, and (for who may) loading and reverting ledgers."""

from __future__ import annotations

from functools import partial

import pandas as pd
from dash import Input, Output, State, html, no_update

from zhaodong_data.ledgers.reasons import localized
from zhaodong_data.sources.corrections import correction_reason
from zhaodong_data.store import StoreError, revert_ingest
from zhaodong_data.study import STRINGS, DashboardData, format_amount, format_time, synthetic_share, text

from .. import auth, ledger_upload, views
from ..components import (
    data_notice,
    dropdown,
    figure_frame,
    labelled,
    table_of,
)
from ..downloads import Download, file_name
from ..header import header
from ..security import without_paths
from ..state import ViewState
from ..views import QUARANTINE_COLUMNS, small_table
from ..wiring import LATER, Wiring, register_download

NAME = "sources"
PATH = "/sources"


FACT_COLUMNS = [
    ("id", "col_id"),
    ("raw", "raw"),
    ("literal_low", "col_literal"),
    ("low", "col_low"),
    ("high", "col_high"),
    ("qualifier", "qualifier"),
    ("unit", "col_unit"),
    ("period", "col_period"),
    ("source_id", "source"),
    ("paragraph", "col_paragraph"),
    ("attribution", "col_attribution"),
    ("correction_rule", "col_rule"),
    ("correction_reason", "col_reason"),
]


INGEST_COLUMNS = [
    ("id", "col_id"),
    ("file_name", "col_file"),
    ("at", "col_at"),
    ("rows_read", "col_rows_read"),
    ("rows_clean", "col_rows_clean"),
    ("rows_quarantined", "col_rows_quarantined"),
    ("rows_skipped", "col_rows_skipped"),
    ("status", "col_status"),
]


def register_table(facts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The facts registry as a reader reads it: words in the page's language, amounts formatted
    (万/亿 or k/M); ids, raw strings as published and source ids stay as they are."""

    def word(prefix: str, value) -> str:
        if not isinstance(value, str) or not value:
            return ""
        key = f"{prefix}_{value}"
        return text(key, lang) if key in STRINGS else value

    def amount(value, unit) -> str:
        if value is None or value != value:
            return ""
        return format_amount(value, lang, unit == "CNY") if unit == "CNY" else f"{value:,.6g}"

    out = facts.copy()
    for column in ("literal_low", "low", "high"):
        out[column] = [amount(v, u) for v, u in zip(facts[column], facts["unit"])]
    out["qualifier"] = [word("qualifier", q) for q in facts["qualifier"]]
    out["unit"] = [word("unit", u) for u in facts["unit"]]
    out["period"] = [word("period", p) for p in facts["period"]]
    out["attribution"] = [word("attribution", a) for a in facts["attribution"]]
    out["correction_rule"] = [
        "；".join(word("rule", r) for r in str(rules).split(";") if r) if isinstance(rules, str) else ""
        for rules in facts["correction_rule"]
    ]
    out["correction_reason"] = [correction_reason(fact, lang) for fact in facts.to_dict("records")]
    return out


def sources_view(data: DashboardData, lang) -> dict:
    readable = register_table(data.facts, lang)
    amounts = ("literal_low", "low", "high")  # sort as numbers, read as 万/亿
    facts = readable.assign(**{c: pd.to_numeric(data.facts[c], errors="coerce") for c in amounts})
    rows, columns = table_of(
        facts, [(c, text(key, lang)) for c, key in FACT_COLUMNS], {c: readable[c].tolist() for c in amounts}
    )
    caption = text("sources_caption", lang, n=len(data.facts), k=data.facts["source_id"].nunique())
    return {
        "rows": rows,
        "columns": columns,
        "caption": caption,
        "ingests": small_table(
            data.ingests.assign(
                at=[format_time(t, lang) for t in data.ingests["at"]],
                status=[text(f"ingest_status_{status}", lang) for status in data.ingests["status"]],
            ),
            INGEST_COLUMNS,
            lang,
            "ingests-table",
        ),
        "quarantine": quarantine_part(data, lang),
        "share": text("sources_synthetic_share", lang, share=f"{synthetic_share(data):.0%}"),
    }


def quarantine_part(data: DashboardData, lang: str) -> list:
    """The latest quarantined cells, each reason in the page's language, and how many there are
    in all when the store holds more than a page lists."""
    table = small_table(localized(data.quarantine, lang), QUARANTINE_COLUMNS, lang, "quarantine-table")
    if data.quarantine_total <= len(data.quarantine):
        return [table]
    more = text("quarantine_more", lang, shown=len(data.quarantine), total=data.quarantine_total)
    return [html.P(more, className="caption", id="quarantine-more"), table]


def revert_options(data: DashboardData, lang: str) -> list[dict]:
    """The ingests that can be taken back, newest first."""
    active = data.ingests[data.ingests["status"] == "ingested"].sort_values("id", ascending=False)
    return [
        {"label": f"#{row['id']} · {row['file_name']} · {format_time(row['at'], lang)}", "value": int(row["id"])}
        for row in active.to_dict("records")
    ]


def revert_control(data: DashboardData, lang: str) -> html.Div:
    options = revert_options(data, lang)
    return html.Div(
        [
            labelled(
                text("revert_label", lang),
                dropdown(
                    lang,
                    id="revert-choice",
                    options=options,
                    value=options[0]["value"] if options else None,
                    clearable=False,
                    searchable=False,
                ),
            ),
            html.Button(
                text("revert_button", lang), id="revert-button", className="button", n_clicks=0, disabled=not options
            ),
            html.Div(id="revert-result", role="status"),
        ],
        className="controls",
    )


def layout(data: DashboardData, state: ViewState, lang: str, allow_ingest: bool = False) -> html.Div:
    content = sources_view(data, lang)
    return html.Div(
        [
            html.H1(text("nav_sources", lang), className="page-title"),
            ledger_upload.upload_section(lang, allow_ingest),
            html.H2(text("sources_facts", lang)),
            figure_frame("sources", lang, "table", content=content, chart=False),
            html.H2(text("sources_ingests", lang)),
            html.Div(content["ingests"], id="sources-ingests"),
            revert_control(data, lang) if allow_ingest else None,
            html.H2(text("sources_quarantine", lang)),
            html.Div(content["quarantine"], id="sources-quarantine"),
            html.P(content["share"], id="sources-share"),
        ]
    )


def ingest_number(value) -> int | None:
    """An ingest's number from what a request sent (an int, or its digits), or None: 1.5, "abc",
    "1e400", a list are not an ingest's number (and are never rounded to one)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value) or None
    return None


def _register_revert(w: Wiring) -> None:
    """Taking an ingested ledger back from the Sources page; the page redrawn as the store is then."""
    app, source, users = w.app, w.source, w.users
    unchanged = (no_update,) * len(REFRESHED)

    @app.callback(
        Output("revert-result", "children"),
        *refresh_outputs(),
        Input("revert-button", "n_clicks"),
        State("revert-choice", "value"),
        State("lang", "data"),
        State("url", "search"),
        **LATER,
    )
    def revert(clicks, ingest_id, lang, search):
        if not clicks or ingest_id is None:
            return (no_update, *unchanged)
        if not auth.may_ingest(users):
            return (html.P(text("ingest_not_allowed", lang), className="notice"), *unchanged)
        number = ingest_number(ingest_id)
        if number is None:
            return (html.P(text("revert_not_a_number", lang), className="notice"), *unchanged)
        try:
            result = revert_ingest(source.path, number)
        except StoreError as error:
            return (html.P(without_paths(str(error), source.path), className="notice"), *unchanged)
        message = html.P(
            text("revert_done", lang, id=result["ingest_id"], n=result["values_withdrawn"]), id="revert-message"
        )
        return (message, *refreshed(w, search))


def export(data: DashboardData, state: ViewState) -> Download:
    """The published register as stored."""
    notes = views.export_notes(data, state.lang, text("sources_facts", state.lang), "", "", 0.0)
    return Download(data.facts, file_name("published-figures"), notes)


# What a load or a revert redraws, so that the page never shows the store as it was before.
REFRESHED = (
    ("header", "children"),
    ("banner", "children"),
    ("selection", "data"),
    ("sources-ingests", "children"),
    ("sources-quarantine", "children"),
    ("sources-share", "children"),
    ("revert-choice", "options"),
    ("revert-choice", "value"),
    ("revert-button", "disabled"),
)


def refreshed(w: Wiring, search) -> tuple:
    """The values of REFRESHED for the store as it is now, for the page's URL."""
    state, _, data = w.read_state(search)
    content = sources_view(data, state.lang)
    options = revert_options(data, state.lang)
    return (
        header(state, PATH, data),
        data_notice(data, state.lang),
        data.selection,
        content["ingests"],
        content["quarantine"],
        content["share"],
        options,
        options[0]["value"] if options else None,
        not options,
    )


def refresh_outputs() -> list:
    return [Output(component, prop, allow_duplicate=True) for component, prop in REFRESHED]


def register(w: Wiring) -> None:
    register_download(w, NAME, (), export)
    if w.allow_ingest:
        ledger_upload.register(w, refresh_outputs, partial(refreshed, w))
        _register_revert(w)
