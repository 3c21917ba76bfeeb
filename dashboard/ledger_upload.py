"""Loading a ledger from the Sources page: the upload, its check and report, what loading it would change, the reading recipe, load and cancel."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from dash import Input, Output, State, dcc, html, no_update
from dash.development.base_component import Component

from zhaodong_data.ingest import check_file
from zhaodong_data.ledgers import UnreadableFile
from zhaodong_data.ledgers.reasons import localized, render, warning_sentence
from zhaodong_data.ledgers.recipe import RecipeError, parse_recipe, recipe_from_report
from zhaodong_data.study import (
    DashboardData,
    metric_name,
    text,
)

from . import auth, ledger_layout
from .components import (
    grid,
)
from .uploads import UploadTooLarge
from .views import QUARANTINE_COLUMNS, small_table
from .wiring import LATER, Wiring

IGNORED_COLUMNS = [("sheet", "col_sheet"), ("column", "col_column"), ("reason", "col_reason_quarantine")]


def _has_flag_column(report: dict) -> bool:
    """Whether any sheet of a checked ledger has a red-flag column (红旗类别)."""
    return any(
        column.get("field") == "red_flag" for sheet in report.get("layout") or [] for column in sheet.get("columns", [])
    )


def upload_report(report: dict, filename: str, lang: str) -> list:
    """What a ledger's check says, in the page's language: counts, quarantined cells, warnings,
    columns not read."""
    counts = {key: report[key] for key in ("rows_read", "rows_clean", "rows_quarantined", "rows_skipped")}
    parts: list[Component] = [html.P(text("upload_report", lang, file=filename, **counts), id="upload-summary")]
    if report["quarantine"]:
        parts.append(html.P(text("upload_cells", lang, cells=report["cells_quarantined"])))
        listed = (report.get("summarised") or {}).get("lists", {}).get("quarantine")
        if listed:
            examples = report["summarised"]["examples_per_reason"]
            parts.append(
                html.P(
                    text("upload_examples", lang, examples=examples, entries=f"{listed['entries']:,}"),
                    id="upload-examples",
                )
            )
        parts.append(
            small_table(localized(report["quarantine"], lang), QUARANTINE_COLUMNS[1:], lang, "upload-quarantine-table")
        )
    parts += [html.P(warning_sentence(warning, lang), className="caption") for warning in report["warning_codes"]]
    if report["rows_clean"] and not _has_flag_column(report):
        parts.append(html.P(text("upload_no_flag_column", lang), id="upload-no-flags", className="notice"))
    if report["ignored_columns"]:
        ignored = pd.DataFrame(report["ignored_columns"])
        ignored["reason"] = [
            render(entry["code"], entry.get("params") or {}, lang, fallback=entry["reason"])
            for entry in report["ignored_columns"]
        ]
        parts += [
            html.H3(text("upload_ignored", lang)),
            small_table(ignored, IGNORED_COLUMNS, lang, "upload-ignored-table"),
        ]
    return parts


_SUPERSEDED_COLUMNS = [
    ("village_code", "village"),
    ("year", "year"),
    ("metric", "outcome"),
    ("raw_before", "col_before"),
    ("raw", "col_after"),
]


_FLAG_CHANGE_COLUMNS = [
    ("village_code", "village"),
    ("year", "year"),
    ("aspects_before", "col_before"),
    ("aspects_after", "col_after"),
]


def _superseded_part(changes: dict, names: dict, lang: str) -> list:
    """How many stored values the ledger replaces, and those whose reading changes."""
    parts = [
        html.P(text("preview_superseded", lang, n=changes["superseded"], changed=len(changes["superseded_changed"])))
    ]
    rows = pd.DataFrame(changes["superseded_changed"])
    if not rows.empty:
        rows["village_code"] = rows["village_code"].map(names)
        rows["metric"] = rows["metric"].map(lambda m: metric_name(m, lang))
        parts.append(small_table(rows, _SUPERSEDED_COLUMNS, lang, "preview-superseded-table"))
    return parts


def _flag_changes_part(changes: dict, names: dict, lang: str) -> list:
    """The villages and years whose red flags the ledger changes, before and after."""
    rows = pd.DataFrame(changes["flag_changes"])
    rows["village_code"] = rows["village_code"].map(names)
    for column in ("aspects_before", "aspects_after"):
        rows[column] = rows[column].map(lambda a: "、".join(text(x, lang) for x in a.split(",") if x) or "—")
    return [
        html.P(text("preview_flags", lang, n=len(rows))),
        small_table(rows, _FLAG_CHANGE_COLUMNS, lang, "preview-flags-table"),
    ]


def preview_view(changes: dict | None, data: DashboardData, lang: str) -> list:
    """What loading a checked ledger would change, in words and small tables."""
    if not changes:
        return []
    if changes["already_ingested"]:
        return [html.P(text("preview_already", lang), id="upload-preview")]
    names = data.villages.set_index("code")["name_short" if lang == "zh" else "name_pinyin"].to_dict()
    new_values = text(
        "preview_new",
        lang,
        new=changes["new_values"],
        villages=changes["villages"],
        years=", ".join(map(str, changes["years"])) or "—",
        metrics=", ".join(metric_name(m, lang) for m in changes["metrics"]) or "—",
    )
    parts = [html.H3(text("preview_title", lang)), html.P(new_values)]
    if changes["superseded"]:
        parts += _superseded_part(changes, names, lang)
    if changes["flag_changes"]:
        parts += _flag_changes_part(changes, names, lang)
    key = "preview_first" if changes["first_ledger"] else "preview_after"
    counts = {"before": changes["real_villages_before"], "after": changes["real_villages_after"]}
    parts.append(html.P(text(key, lang, **counts), className="notice"))
    return [html.Div(parts, id="upload-preview")]


def upload_section(lang: str, allowed: bool) -> html.Section:
    if not allowed:
        return html.Section(
            [
                html.H2(text("upload_title", lang)),
                html.P([text("ingest_off", lang), " ", html.Code("zhaodong ingest", className="verbatim")]),
            ]
        )
    return html.Section(
        [
            html.H2(text("upload_title", lang)),
            dcc.Upload(
                html.Div(text("upload_hint", lang)),
                id="ledger-upload",
                multiple=False,
                className="upload",
                accept=".csv,.txt,.xlsx,.xls",
            ),
            dcc.Checklist(
                id="accept-outliers",
                options=[{"label": text("accept_outliers", lang), "value": "accept"}],
                value=[],
                className="checkbox",
            ),
            html.Div(id="upload-report", role="status"),
            _layout_section(lang),
            html.Button(text("ingest_button", lang), id="ingest-button", className="button", disabled=True, n_clicks=0),
            html.Button(text("cancel_button", lang), id="cancel-button", className="button", n_clicks=0),
            html.Div(id="ingest-result", role="status"),
            dcc.Store(id="ingest-job"),  # the loading job's id (ingest_jobs.py), polled until it ends
            dcc.Interval(id="ingest-poll", interval=500, disabled=True),
            dcc.Store(id="upload-token"),
            dcc.Store(id="upload-layout"),  # the recipe of the reading shown: what the table's edits change
            dcc.Store(id="upload-recipe"),  # the recipe the file was last read with, if edited: used to load it
        ],
        className="figure-frame",
    )


def _layout_section(lang: str) -> html.Div:
    """How the uploaded file was read, and the table where its columns' readings are changed."""
    return html.Div(
        [
            html.H3(text("layout_title", lang)),
            html.Div(id="layout-summary"),
            html.P(text("layout_hint", lang), className="caption"),
            grid("layout-grid", [], [], lang, page_size=50),
            html.Div(id="recipe-status", role="status"),
            html.Button(text("apply_recipe_button", lang), id="apply-recipe-button", className="button", n_clicks=0),
            html.Button(text("save_recipe_button", lang), id="save-recipe-button", className="button", n_clicks=0),
            dcc.Download(id="recipe-download"),
        ],
        id="layout-section",
        hidden=True,
    )


def _checked(w: Wiring, path, filename, accept, recipe, lang, selection) -> tuple:
    """The report, the preview and how the file was read: the outputs of a check."""
    report, changes = check_file(
        path, label=filename, store_path=w.source.path, accept_outliers=bool(accept), recipe=recipe
    )
    data = w.source.get(selection)
    return (
        upload_report(report, filename, lang) + preview_view(changes, data, lang),
        bool(changes and changes["already_ingested"]),
        False,  # the layout section shown
        ledger_layout.summary(report, lang),
        ledger_layout.grid_rows(report, lang),
        ledger_layout.grid_columns(lang),
        recipe_from_report(report),
    )


def _ledger_check(w: Wiring) -> None:
    """Loading a ledger from the Sources page, first step: the uploaded file kept aside and
    checked, its report and what loading it would change shown."""
    app = w.app
    users, uploads = w.users, w.uploads

    @app.callback(
        Output("upload-report", "children"),
        Output("ingest-button", "disabled"),
        Output("layout-section", "hidden"),
        Output("layout-summary", "children"),
        Output("layout-grid", "rowData"),
        Output("layout-grid", "columnDefs"),
        Output("upload-layout", "data"),
        Output("upload-token", "data"),
        Output("ingest-result", "children"),
        Output("upload-recipe", "data"),
        Output("recipe-status", "children"),
        Input("ledger-upload", "contents"),
        Input("accept-outliers", "value"),
        State("ledger-upload", "filename"),
        State("lang", "data"),
        State("selection", "data"),
        State("upload-token", "data"),
        **LATER,
    )
    def upload(contents, accept, filename, lang, selection, previous):
        hidden = (True, None, [], [], None)
        if not contents:
            return no_update, True, *hidden, None, None, None, None
        if not auth.may_ingest(users):
            return html.P(text("ingest_not_allowed", lang), className="notice"), True, *hidden, None, None, None, None
        uploads.discard(previous)  # a file checked before and not loaded: replaced by this one
        path = None
        try:
            token, path = uploads.save(contents, filename)
            outputs = _checked(w, path, filename, accept, None, lang, selection)
        except (UnreadableFile, UploadTooLarge) as error:
            if path is not None:
                uploads.discard(token)  # a file that cannot be read is never kept
            shown = filename if isinstance(filename, str) and filename else "ledger"
            message = str(error).replace(str(path), shown) if path else str(error)  # no server paths shown
            notice = html.P(text("upload_unreadable", lang, error=message), className="notice")
            return notice, True, *hidden, None, None, None, None
        return *outputs, token, None, None, None


def _ledger_recipe(w: Wiring) -> None:
    """Loading a ledger, between check and load: the file read again with the changes a person
    made to how its columns are read (a reading recipe), and the recipe downloaded."""
    app, users, uploads = w.app, w.users, w.uploads

    @app.callback(
        Output("upload-report", "children", allow_duplicate=True),
        Output("ingest-button", "disabled", allow_duplicate=True),
        Output("layout-section", "hidden", allow_duplicate=True),
        Output("layout-summary", "children", allow_duplicate=True),
        Output("layout-grid", "rowData", allow_duplicate=True),
        Output("layout-grid", "columnDefs", allow_duplicate=True),
        Output("upload-layout", "data", allow_duplicate=True),
        Output("upload-recipe", "data", allow_duplicate=True),
        Output("recipe-status", "children", allow_duplicate=True),
        Input("apply-recipe-button", "n_clicks"),
        State("layout-grid", "rowData"),
        State("upload-layout", "data"),
        State("upload-token", "data"),
        State("ledger-upload", "filename"),
        State("accept-outliers", "value"),
        State("lang", "data"),
        State("selection", "data"),
        **LATER,
    )
    def reread(clicks, rows, base, token, filename, accept, lang, selection):
        """The file read again with the table's changes as a reading recipe."""
        path = uploads.path(token)
        if not clicks or path is None or base is None:
            return (no_update,) * 9
        if not auth.may_ingest(users):
            return (html.P(text("ingest_not_allowed", lang), className="notice"), True) + (no_update,) * 7
        recipe, changed = ledger_layout.recipe_from_grid(base, rows or [], lang)
        try:
            outputs = _checked(w, path, filename, accept, parse_recipe(recipe, filename), lang, selection)
        except RecipeError as error:
            return (no_update,) * 8 + (html.P(str(error), className="notice"),)
        status = html.P(text("recipe_in_use", lang, n=changed), id="recipe-in-use", className="caption")
        return *outputs, recipe, status

    @app.callback(
        Output("recipe-download", "data"),
        Input("save-recipe-button", "n_clicks"),
        State("upload-recipe", "data"),
        State("upload-layout", "data"),
        State("ledger-upload", "filename"),
        **LATER,
    )
    def save_recipe(clicks, recipe, base, filename):
        if not clicks or (recipe or base) is None:
            return no_update
        stem = Path(filename or "ledger").stem
        content = json.dumps(recipe or base, ensure_ascii=False, indent=2)
        return {"content": content, "filename": f"{stem}.recipe.json", "type": "application/json"}


def _ledger_load(w: Wiring) -> None:
    """Loading a ledger from the Sources page, second step: start loading the checked file as a
    job (`_ledger_poll` follows it), or cancel."""
    app, source = w.app, w.source
    users, uploads, jobs = w.users, w.uploads, w.jobs

    @app.callback(
        Output("ingest-result", "children", allow_duplicate=True),
        Output("ingest-button", "disabled", allow_duplicate=True),
        Output("ingest-job", "data"),
        Output("ingest-poll", "disabled", allow_duplicate=True),
        Input("ingest-button", "n_clicks"),
        State("upload-token", "data"),
        State("ledger-upload", "filename"),
        State("accept-outliers", "value"),
        State("upload-recipe", "data"),
        State("lang", "data"),
        **LATER,
    )
    def ingest(clicks, token, filename, accept, recipe, lang):
        """Start loading the checked file as a job (the request returns at once); `poll` follows it."""
        path = uploads.path(token)
        if not clicks or path is None:
            return no_update, no_update, no_update, no_update
        if not auth.may_ingest(users):
            return html.P(text("ingest_not_allowed", lang), className="notice"), True, no_update, no_update
        read_with = parse_recipe(recipe, filename) if recipe else None  # the recipe it was last checked with
        job = jobs.start(source.path, path, filename, bool(accept), read_with, on_end=lambda: uploads.discard(token))
        return html.P(text("ingest_running", lang, seconds=0), id="ingest-progress"), True, job, False

    @app.callback(
        Output("upload-report", "children", allow_duplicate=True),
        Output("ingest-button", "disabled", allow_duplicate=True),
        Output("upload-token", "data", allow_duplicate=True),
        Output("layout-section", "hidden", allow_duplicate=True),
        Input("cancel-button", "n_clicks"),
        State("upload-token", "data"),
        State("ingest-job", "data"),
        **LATER,
    )
    def cancel(clicks, token, job):
        if not clicks or not auth.may_ingest(users):  # only who may load a ledger may drop a staged one
            return no_update, no_update, no_update, no_update
        if jobs.cancel(job):  # a load under way stops at its next check; the poll says how it ended
            return no_update, True, no_update, no_update
        uploads.discard(token)
        return None, True, None, True


def _ledger_poll(w: Wiring, refresh_outputs, refreshed) -> None:
    """The loading job followed until it ends; then what the page shows of the store is redrawn
    (`refresh_outputs()` with the values `refreshed(search)`)."""
    app, jobs = w.app, w.jobs
    unchanged = (no_update,) * len(refresh_outputs())

    @app.callback(
        Output("ingest-result", "children", allow_duplicate=True),
        Output("ingest-poll", "disabled", allow_duplicate=True),
        *refresh_outputs(),
        Input("ingest-poll", "n_intervals"),
        State("ingest-job", "data"),
        State("lang", "data"),
        State("url", "search"),
        **LATER,
    )
    def poll(ticks, job, lang, search):
        """The job's state: how long it has run, or how it ended (and then the page redrawn)."""
        state = jobs.status(job)
        if not ticks or state is None:
            return no_update, no_update, *unchanged
        if state["state"] == "running":
            return html.P(progress_text(state, lang), id="ingest-progress"), False, *unchanged
        if state["state"] == "done":
            key = "ingest_done" if state["status"] == "ingested" else "ingest_unchanged"
            key = "ingest_cancel_too_late" if state.get("cancel_too_late") else key
            return html.P(text(key, lang, id=state["ingest_id"]), id="ingest-message"), True, *refreshed(search)
        words = {
            "cancelled": text("ingest_cancelled", lang),
            "failed": text("ingest_failed", lang, reason=state.get("reason", "")),
        }.get(state["state"], text("ingest_lost", lang))
        return html.P(words, id="ingest-message", className="notice"), True, *unchanged


def progress_text(state: dict, lang: str) -> str:
    """How far a running job is, in words: its stage, the rows or the share of the file done, and
    its time so far."""
    seconds = int(state["seconds"])
    stage, percent = state.get("stage"), state.get("percent")
    if stage == "writing":
        return text("ingest_writing", lang, seconds=seconds)
    if stage == "rows" and percent is not None:
        done, total = f"{state['done']:,}", f"{state['total']:,}"
        return text("ingest_checking_rows", lang, done=done, total=total, percent=percent, seconds=seconds)
    if stage == "file" and percent is not None:
        return text("ingest_reading_file", lang, percent=percent, seconds=seconds)
    return text("ingest_running", lang, seconds=seconds)


def register(w: Wiring, refresh_outputs, refreshed) -> None:
    """Check, re-read with a recipe, load or cancel an uploaded ledger."""
    _ledger_check(w)
    _ledger_recipe(w)
    _ledger_load(w)
    _ledger_poll(w, refresh_outputs, refreshed)
