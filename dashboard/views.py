"""What the pages' views share: source and data-kind lines, units in headers, tables on the
page, p-values and refusals in words, export notes. Each page's own view is in its module
(`pages/<page>.py`), used by its layout (first paint) and its callbacks (every change), so both
show the same thing."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from dash import html

from zhaodong_data.study import (
    DashboardData,
    format_amount,
    format_time,
    metric_name,
    text,
)

from .components import grid, table_of
from .state import ViewState, encode_state

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def _markdown_text(name) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(name))


def village_links(data: DashboardData, codes, names, lang: str) -> str:
    """Village names as markdown links to each village's page, in the page's language and on the
    data in use (a grid cell's drill-down); a name's markdown characters are escaped."""
    selection = data.selection if data.has_ledgers else None
    return ("、" if lang == "zh" else ", ").join(
        f"[{_markdown_text(name)}](/village{encode_state(ViewState(lang=lang, village=code, data=selection))})"
        for code, name in zip(codes, names, strict=True)
    )


def source_label(data: DashboardData, lang: str) -> str:
    return text({"ledgers": "source_ledgers", "with_demo": "source_with_demo"}.get(data.selection, "source_demo"), lang)


def with_unit(label: str, lang: str, money: bool) -> str:
    """A column header with its unit, for amounts."""
    return f"{label}{text('unit_header_money', lang)}" if money else label


def number_labels(lang: str, money: bool) -> tuple[str, str, str]:
    """Headers of a selection's low, high and point value, with their unit."""
    low, high, point = (with_unit(text(key, lang), lang, money) for key in ("col_low", "col_high", "col_point"))
    return low, high, point


def grid_table(table: pd.DataFrame, lang: str, money: bool, ranked=None) -> tuple[list[dict], list[dict]]:
    """A selection table on the page: the value column sorts on the point value (a bound on its
    bound, a range on its middle) and shows the reading with its qualifier; the ranks say among
    how many villages with a value (`ranked`: (in the city, in each row's town)), sorting on
    the rank."""
    return grid_pages(table, lang, money, ranked).rows(np.arange(len(table)), with_filters=True)


LISTS_ON_SERVER_ABOVE = 1_000  # villages past which a page keeps its lists on the server (a province)


def lists_on_server(data: DashboardData) -> bool:
    """Whether these data are too many villages to send a page's lists whole (Compare's table,
    the village search): decided by the data, not the selection, so that a grid keeps its kind
    while the controls change."""
    return len(data.villages) > LISTS_ON_SERVER_ABOVE


PAGE_ROWS = 25  # rows a page of a selection table shows (and a paged table fetches at a time)
MAX_PAGE_ROWS = 500  # rows one request for a paged table's rows may ask for


@dataclass(frozen=True)
class PagedTable:
    """A selection table kept on the server, its rows sent a page at a time as the grid asks
    (AG Grid's infinite row model): a province's 10,000 villages are 5 MB as rows, a page of 25
    a few KB. Field `c{i}` is column i of `frame`; `shown` gives a column's cells as read."""

    frame: pd.DataFrame
    shown: dict[str, list]
    verbatim: tuple[str, ...]

    def rows(self, positions: np.ndarray, with_filters: bool = False) -> tuple[list[dict], list[dict]]:
        """The grid's rows at `positions` and its column definitions; without `with_filters`, the
        columns offer no filter (a paged table's rows are filtered by the page's controls)."""
        if len(positions) == len(self.frame) and (positions == np.arange(len(positions))).all():
            frame, shown = self.frame, self.shown  # the whole table, as it is
        else:
            frame = self.frame.iloc[positions]
            shown = {column: [cells[i] for i in positions.tolist()] for column, cells in self.shown.items()}
        rows, columns = table_of(frame, [(c, c) for c in frame.columns], shown, verbatim=self.verbatim)
        if not with_filters:
            columns = [{**column, "filter": False} for column in columns]
        return rows, columns

    def columns(self) -> list[dict]:
        """The column definitions, sized on the first rows (as the grid sizes a whole table)."""
        return self.rows(np.arange(min(len(self.frame), 500)))[1]

    def page(self, request) -> dict:
        """The rows AG Grid's `getRowsRequest` asks for ({startRow, endRow, sortModel}), as its
        `getRowsResponse`: sorted on the columns it names (numbers as numbers, missing last),
        at most MAX_PAGE_ROWS; a request that is not one (wrong types, unknown columns) gets the
        first page in the table's own order."""
        request = request if isinstance(request, dict) else {}
        start, end = _page_bounds(request, len(self.frame))
        sort = _sort_keys(request.get("sortModel"), self.frame.shape[1])
        order = _order(self.frame, sort) if sort else np.arange(len(self.frame))
        return {"rowData": self.rows(order[start:end])[0] if start < end else [], "rowCount": len(self.frame)}


@dataclass(frozen=True)
class LazyPagedTable:
    """A selection kept on the server as read, each page's rows formatted when the grid asks for
    them: a province's 10,000 readings are not written out (万元, bounds, changes) before its
    first page. `make(rows, readings)` gives the PagedTable of some of `source`'s rows (a module
    function or a partial of one: the cache pickles the view); without readings the columns that
    write a value hold its point value, and the table sorts on that (a base year's value or a
    change in percent sorts as a number, not as its text)."""

    source: pd.DataFrame
    make: Callable[[pd.DataFrame, bool], PagedTable]

    def columns(self) -> list[dict]:
        """The column definitions, sized on the first hundred rows (formatting 500 cost 110 ms here)."""
        return self.make(self.source.head(100), True).columns()

    def page(self, request) -> dict:
        """As `PagedTable.page`, each page formatted on its own."""
        request = request if isinstance(request, dict) else {}
        start, end = _page_bounds(request, len(self.source))
        if start >= end:
            return {"rowData": [], "rowCount": len(self.source)}
        order = np.arange(len(self.source))
        if request.get("sortModel"):  # the table of point values is made only to sort on
            keys = self.make(self.source, False).frame
            sort = _sort_keys(request["sortModel"], keys.shape[1])
            order = _order(keys, sort) if sort else order
        shown = self.make(self.source.iloc[order[start:end]], True)
        return {"rowData": shown.rows(np.arange(end - start))[0], "rowCount": len(self.source)}


def _page_bounds(request: dict, rows: int) -> tuple[int, int]:
    start, end = request.get("startRow"), request.get("endRow")
    start = start if isinstance(start, int) and not isinstance(start, bool) and start >= 0 else 0
    end = end if isinstance(end, int) and not isinstance(end, bool) and end > start else start + PAGE_ROWS
    return start, min(end, start + MAX_PAGE_ROWS, rows)


def _sort_keys(sort_model, width: int) -> list[tuple[int, bool]]:
    """(column position, ascending) of each well-formed entry of an AG Grid sort model."""
    keys = []
    for entry in sort_model if isinstance(sort_model, list) else []:
        column_id = entry.get("colId") if isinstance(entry, dict) else None
        direction = entry.get("sort") if isinstance(entry, dict) else None
        match = re.fullmatch(r"c(\d{1,4})", column_id) if isinstance(column_id, str) else None
        if match and int(match[1]) < width and direction in ("asc", "desc"):
            keys.append((int(match[1]), direction == "asc"))
    return keys


def _order(frame: pd.DataFrame, keys: list[tuple[int, bool]]) -> np.ndarray:
    """Row positions of `frame` sorted on the columns at `keys` (stable, missing last)."""
    ordered = frame.reset_index(drop=True).sort_values(
        [frame.columns[i] for i, _ in keys], ascending=[up for _, up in keys], kind="stable", na_position="last"
    )
    return ordered.index.to_numpy()


def grid_pages(table: pd.DataFrame, lang: str, money: bool, ranked=None) -> PagedTable:
    """The selection table as `grid_table` shows it, kept whole to be sent a page at a time."""
    label, (low, high, point) = text("value", lang), number_labels(lang, money)
    value = with_unit(label, lang, money)
    shown = {value: table[label].tolist()}
    if ranked is not None:
        for column, counts in zip((text("col_rank_city", lang), text("col_rank_in_town", lang)), ranked, strict=True):
            rank_of = text("rank_of", lang).format  # one template for every row
            shown[column] = [
                "" if rank != rank else rank_of(rank=int(rank), n=int(n))  # NaN: no rank
                for rank, n in zip(table[column].astype(float).tolist(), counts, strict=True)
            ]
    table = table.assign(**{label: table[point]}).drop(columns=[low, high, point]).rename(columns={label: value})
    change_point = with_unit(text("col_change_point", lang), lang, money)
    if change_point in table:  # the change sorts on its point value too, and shows its reading
        change = _change_column(table, change_point)
        shown[change] = table[change].tolist()
        table = table.assign(**{change: table[change_point]}).drop(columns=[change_point])
    return PagedTable(table, shown, (text("raw", lang),))


def _change_column(table: pd.DataFrame, change_point: str) -> str:
    """The change's reading: the column just before its point value (`pages.compare.change_columns`)."""
    columns = list(table.columns)
    return columns[columns.index(change_point) - 1]


def small_table(frame: pd.DataFrame, columns: list[tuple[str, str]], lang: str, grid_id: str):
    if frame.empty:
        return html.P(text("none_yet", lang))
    rows, labelled = table_of(frame, [(c, text(key, lang)) for c, key in columns])
    return grid(grid_id, rows, labelled, lang, page_size=15)


def amounts_shown(table: pd.DataFrame, columns, lang: str, money: bool) -> dict[str, list[str]]:
    """How a table's amount columns read (万/亿 or k/M) while the grid sorts on the numbers."""
    return {c: [format_amount(v, lang, money) for v in table[c]] for c in columns}


def p_text(p) -> str:
    """A p-value as a table reports it: "= 0.042", "< 0.001" (never "= 0.000")."""
    if p is None or p != p:
        return "= —"
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"


def footnote(data: DashboardData, lang: str, share_synthetic: float | None = None, caveat: str = "") -> str:
    """The line under an exported chart: source, data kind, and the caveat where the page shows one."""
    share = (
        share_synthetic
        if share_synthetic is not None
        else (float(data.outcomes["is_synthetic"].mean()) if len(data.outcomes) else 0.0)
    )
    parts = [
        f"{text('note_source', lang)}{'：' if lang == 'zh' else ': '}{source_label(data, lang)}",
        data_kind(share, lang),
    ]
    if caveat:
        parts.append(caveat)
    return " · ".join(parts)


def data_kind(share_synthetic: float, lang: str) -> str:
    if share_synthetic >= 1:
        return text("kind_synthetic", lang)
    if share_synthetic <= 0:
        return text("kind_real", lang)
    return text("kind_mixed", lang, share=share_synthetic)


def export_notes(
    data: DashboardData, lang: str, title: str, selection: str, caveat: str = "", synthetic_share: float | None = None
) -> dict[str, str]:
    """What an exported file says about itself, with stable keys (the CSV's extra columns); see
    `notes_for_sheet` for the XLSX's notes sheet."""
    from datetime import datetime, timezone

    share = (
        synthetic_share
        if synthetic_share is not None
        else (float(data.outcomes["is_synthetic"].mean()) if len(data.outcomes) else 0.0)
    )
    notes = {
        "title": title,
        "selection": selection,
        "source": source_label(data, lang),
        "data_kind": data_kind(share, lang),
        "caveat": caveat,
        "exported": format_time(datetime.now(timezone.utc), lang),
    }
    return notes


def notes_for_sheet(notes: dict[str, str], lang: str) -> dict[str, str]:
    return {text(f"note_{key}", lang): value for key, value in notes.items() if value}


def bands_counted_on(metric: str, lang: str) -> str:
    """Which income the bands count, and that policy counts shell and weak villages on operating income."""
    from zhaodong_data.bands import SHELL_AND_WEAK_ON, WEAK, band_bounds

    return text(
        "bands_counted_on" if metric == SHELL_AND_WEAK_ON else "bands_counted_on_other",
        lang,
        metric=metric_name(metric, lang),
        policy=metric_name(SHELL_AND_WEAK_ON, lang),
        weak=format_amount(band_bounds(WEAK)[1], lang),
    )


def bands_caption(data: DashboardData, table: pd.DataFrame, metric: str, lang: str) -> str:
    """Which income the bands count, their thresholds, what is left out of the shares, and what
    "change" compares."""
    from zhaodong_data.bands import SHELL, band_bounds, income_bands

    edges = "、".join if lang == "zh" else ", ".join
    total = table[table["group"].isin(["all", "city"])].iloc[0]
    award_year = table["award_year"].iloc[0]
    change = (
        text("bands_change_note", lang, year=int(award_year))
        if award_year == award_year and award_year
        else text("bands_no_award", lang)
    )
    shell_top = band_bounds(SHELL)[1]
    return bands_counted_on(metric, lang) + text(
        "bands_caption",
        lang,
        source=source_label(data, lang),
        edges=edges(format_amount(v, lang) for v in income_bands()["high_yuan"].iloc[:-1] if v > shell_top),
        uncertain=int(total["uncertain"]),
        missing=int(total["no_value"]),
        change=change,
    )


# The quarantine's columns, on the Sources page and in a ledger's preview.
QUARANTINE_COLUMNS = [
    ("ingest_id", "col_id"),
    ("sheet", "col_sheet"),
    ("row", "col_row"),
    ("column", "col_column"),
    ("value", "value"),
    ("reason", "col_reason_quarantine"),
]
