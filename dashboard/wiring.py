"""What every page's callbacks share, and the two ways a page wires itself: `register_view`
(the page's controls in, its view's parts out, computed once per data version and view state)
and `register_download` (the page's table as CSV or XLSX, for the same controls)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import parse_qs

from dash import Input, Output, State, ctx
from flask_caching import Cache

from zhaodong_data.study import DashboardData

from .components import control_id
from .data import DataSource, choices_of
from .downloads import Download, send
from .state import ViewState, parse_state
from .uploads import Uploads

LATER = {"prevent_initial_call": True}


def read_view_state(source: DataSource, search: str | None):
    """(state, notices, data) for a URL query: its data selection first, then the rest checked
    against what that selection holds."""
    selection = parse_qs((search or "").lstrip("?")).get("data", [None])[-1]
    data = source.get(selection)
    state, problems = parse_state(search, choices_of(data))
    return state, problems, data


@dataclass
class Wiring:
    """What every page's callbacks share: the app, the data source, the views' cache, and who
    may load ledgers."""

    app: Any
    source: DataSource
    cache: Cache
    allow_ingest: bool = False
    users: dict | None = None
    uploads: Uploads | None = None
    jobs: Any = None  # ingest_jobs.IngestJobs: ledgers loaded off the request thread

    def version(self, selection=None) -> str:
        self.source.get(selection)  # notices a changed store first
        return self.source.version

    def read_state(self, search):
        return read_view_state(self.source, search)


def state_of(keys: tuple[str, ...], values, lang, selection) -> ViewState:
    """The view state a page's controls describe (one key per normalised choice, so that equal
    choices share a cache entry)."""
    chosen: dict = {}
    for key, value in zip(keys, values, strict=True):
        chosen.update(state_fields(key, value))
    return ViewState(lang=lang or "zh", data=selection, **chosen)


def state_fields(key: str, value) -> dict:
    """The view-state fields a control's value sets (a town report's one town is `towns`)."""
    if key == "town":
        return {"towns": (value,) if isinstance(value, str) and value else ()}
    return {key: normalised(key, value)}


def normalised(key: str, value):
    """A control's value as the view state holds it."""
    if key == "towns":
        return tuple(value or ())
    if key == "log":
        return bool(value)
    if key in ("comparison", "aspect"):
        return value or getattr(ViewState(), key)  # a cleared dropdown: the state's default
    return value


def register_view(
    w: Wiring,
    page: str,
    controls: tuple[str, ...],
    outputs: tuple[tuple[str, str, str], ...],
    view: Callable[[DashboardData, ViewState], dict],
):
    """The callback that redraws a page's parts when its controls change: `outputs` are
    (component id, property, key of the view's dict). Returns the cached view, for downloads."""

    @w.cache.memoize()
    def cached(page, version, state):  # every page's function has this one name: the page is in the key
        return view(w.source.get(state.data), state)

    def current(state: ViewState) -> dict:
        return cached(page, w.version(state.data), state)

    @w.app.callback(
        *[Output(component, prop) for component, prop, _ in outputs],
        *[Input(control_id(page, key), "value") for key in controls],
        State("lang", "data"),
        State("selection", "data"),
        **LATER,
    )
    def update(*values):
        *chosen, lang, selection = values
        shown = current(state_of(controls, chosen, lang, selection))
        return tuple(shown[key] for _, _, key in outputs)

    return current


def register_download(
    w: Wiring,
    page: str,
    controls: tuple[str, ...],
    build: Callable[[DashboardData, ViewState], Download],
    download_id: str | None = None,
) -> None:
    """The CSV and XLSX buttons of a page's frame: `build` gives the table, its name and notes
    for the data and the controls' state."""
    target = download_id or page

    @w.app.callback(
        Output(f"{target}-download", "data"),
        Input(f"{target}-download-csv", "n_clicks"),
        Input(f"{target}-download-xlsx", "n_clicks"),
        *[State(control_id(page, key), "value") for key in controls],
        State("lang", "data"),
        State("selection", "data"),
        **LATER,
    )
    def download(csv_clicks, xlsx_clicks, *values):
        *chosen, lang, selection = values
        state = state_of(controls, chosen, lang, selection)
        made = build(w.source.get(selection), state)
        return send(made.table, made.name, ctx.triggered_id, made.notes, state.lang, made.csv_table)
