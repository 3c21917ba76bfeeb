"""Checks across the records of a sheet: scale, parts above their whole, duplicates, totals.

Each check takes the sheet's records (a frame in row order, as `cells.read_rows` makes it),
writes its findings to the sheet's log and returns the records it keeps.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..gazetteer import Gazetteer
from ..i18n import format_amount
from ..metrics import plausible_range
from ..parsing import parse_amounts, point_values, takes_column_unit
from . import plausibility
from .layout import BLOCK_TOTAL_WORDS, SheetLayout, ValueColumn, year_of
from .read import Sheet
from .sheet_log import SheetLog

KEY = ["village_code", "year", "metric"]


def point_of(record) -> float | None:
    """The point reading of a record, as `point_values`: midpoint, or the known bound."""
    low, high = (None if v is None or v != v else v for v in (record["low"], record["high"]))
    if low is not None and high is not None:
        return (low + high) / 2
    return low if low is not None else high


def _points(records: pd.DataFrame) -> np.ndarray:
    """Each record's point reading (NaN for none)."""
    return point_values(records["low"].to_numpy(), records["high"].to_numpy()).to_numpy()


def _groups(records: pd.DataFrame, keys: list[str]) -> list[np.ndarray]:
    """The positions of each group of records with equal `keys`, groups in order of first
    appearance and positions in record order."""
    if records.empty:
        return []
    codes = records.groupby(keys, sort=False).ngroup().to_numpy()
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    return np.split(order, bounds)


# A column's median outside its metric's plausible range, and the unit that would bring it in.
SLIP_READINGS = ((1e4, "万元"), (1e-4, "元"), (1e3, "千元"), (1e8, "亿元"), (1e-8, "元"), (1e-3, "元"))


def check_column_ranges(records: pd.DataFrame, log: SheetLog, accept_outliers: bool) -> pd.DataFrame:
    """A whole column wrong by one factor (a unit row not read, 元 for 万元) passes the scale
    check, which compares a value with its neighbours. So each money column's median is compared
    with its metric's documented plausible range (metrics.csv); outside it, every value of the
    column is quarantined as a probable unit slip, with the reading that would fit, unless the
    user accepts outliers (then a warning)."""
    points_all = np.abs(_points(records))
    dropped = []
    for positions in _groups(records, ["column", "metric"]):
        header, metric = str(records["column"].iat[positions[0]]), str(records["metric"].iat[positions[0]])
        bounds = plausible_range(metric)
        points = points_all[positions]
        points = np.sort(points[~np.isnan(points) & (points != 0)])
        if bounds is None or not len(points):
            continue
        # the lower median must be above the range (or the upper one below it): one wild value
        # among sound ones is the scale check's to judge, not a column's slip
        lower, upper = points[(len(points) - 1) // 2], points[len(points) // 2]
        low, high = bounds
        if lower <= high and upper >= low:
            continue
        median = float(np.median(points))
        fits = next(((f, unit) for f, unit in SLIP_READINGS if low <= median * f <= high), None)
        params: dict[str, Any] = dict(
            header=header,
            metric=metric,
            median=format_amount(median, money=False),
            low=format_amount(low, money=False),
            high=format_amount(high, money=False),
            fits=format_amount(median * fits[0], money=False) if fits else "",
            unit=fits[1] if fits else "",
        )
        if accept_outliers:
            log.warn("column_range_kept", **params)
            continue
        cells = zip(records["row"].iloc[positions].tolist(), records["raw"].iloc[positions].tolist())
        log.quarantine_cells([(number, header, raw) for number, raw in cells], "column_unit_slip", **params)
        dropped.append(positions)
    return _without(records, dropped)


def _without(records: pd.DataFrame, dropped: list) -> pd.DataFrame:
    if not dropped:
        return records
    keep = np.ones(len(records), dtype=bool)
    keep[np.concatenate([np.asarray(d, dtype=int) for d in dropped])] = False
    return records[keep].reset_index(drop=True)


def check_scale(
    records: pd.DataFrame,
    log: SheetLog,
    kinds: dict[str, str],
    reference: dict[str, list[float]],
    accept_outliers: bool,
) -> pd.DataFrame:
    """Quarantine money values far above their metric's scale (file and store); warn on far below."""
    metrics = records["metric"].unique().tolist()
    money = records["metric"].isin([m for m in metrics if kinds.get(m, "money") == "money"]).to_numpy(dtype=bool)
    points_all = _points(records)
    kept, dropped = [], []
    for positions in _groups(records, ["metric"]):
        positions = positions[money[positions]]
        if not len(positions):
            continue
        metric = str(records["metric"].iat[positions[0]])
        points = points_all[positions]
        median = plausibility.reference_median(points.tolist() + list(reference.get(metric, [])))
        high, low = plausibility.scale_verdicts(points, median)
        for i in np.flatnonzero(high | low).tolist():
            at = int(positions[i])
            number, raw, header = (
                int(records["row"].to_numpy()[at]),
                records["raw"].iat[at],
                str(records["column"].iat[at]),
            )
            if high[i] and not accept_outliers:
                dropped.append([at])
                value, around = format_amount(float(points[i]), money=False), format_amount(median, money=False)
                log.quarantine(number, header, raw, "scale", value=value, median=around)
            elif high[i]:
                kept.append(f"row {number} ({raw})")
            else:
                ratio_limit = plausibility.SCALE_RATIO
                log.warn(
                    "small_value",
                    row=number,
                    value=raw,
                    header=header,
                    ratio=ratio_limit,
                    median=format_amount(median, money=False),
                )
    if kept:
        log.warn("outliers_kept", count=len(kept), rows=", ".join(kept))
    return _without(records, dropped)


def check_parts(records: pd.DataFrame, log: SheetLog, gazetteer: Gazetteer) -> pd.DataFrame:
    """A part above its whole in the same village and year (operating income above total
    income): both cells quarantined, since either may be the wrong one."""
    dropped: list[list[int]] = []
    for part_metric, whole_metric in plausibility.PART_OF.items():
        parts = np.flatnonzero((records["metric"] == part_metric).to_numpy())
        wholes = np.flatnonzero((records["metric"] == whole_metric).to_numpy())
        if not len(parts) or not len(wholes):
            continue
        keys = ["village_code", "year"]
        whole_at = pd.Series(wholes, index=pd.MultiIndex.from_frame(records.iloc[wholes][keys]))
        whole_at = whole_at[~whole_at.index.duplicated(keep="last")]
        matched = whole_at.reindex(pd.MultiIndex.from_frame(records.iloc[parts][keys])).to_numpy()
        found = ~np.isnan(matched)
        parts, matched = parts[found], matched[found].astype(int)
        low, high, qualifier = records["low"].to_numpy(), records["high"].to_numpy(), records["qualifier"].to_numpy()
        approximate = (qualifier[parts] == "approx") | (qualifier[matched] == "approx")
        exceeds = plausibility.parts_exceed_wholes(low[parts], high[matched], approximate)
        for part, whole in zip(parts[exceeds].tolist(), matched[exceeds].tolist()):
            p, w = records.iloc[part], records.iloc[whole]
            params = dict(
                village=gazetteer.describe(p["village_code"]),
                year=int(p["year"]),
                part=p["raw"],
                whole=w["raw"],
                part_metric=part_metric,
                whole_metric=whole_metric,
            )
            for record in (p, w):
                log.quarantine(int(record["row"]), record["column"], record["raw"], "part_above_whole", **params)
            dropped.append([part, whole])
    return _without(records, dropped)


LISTED = 10  # values a conflict names (the rest counted)


def resolve_duplicates(
    records: pd.DataFrame, log: SheetLog, gazetteer: Gazetteer, projects: dict[int, str] | None = None
) -> pd.DataFrame:
    """Values for the same village, year and metric: all equal -> kept once; any different ->
    every one of them quarantined, with all the values listed. In a project ledger (`projects`:
    row -> its project) rows of different projects are never duplicates: two projects of a
    village in one year are a conflict, not a sum (a village's figure is not its projects' total
    unless the ledger says so)."""
    projects = projects or {}
    repeated = np.flatnonzero(records.duplicated(KEY, keep=False).to_numpy()) if len(records) else np.zeros(0, int)
    if not len(repeated):
        return records
    # only the repeated records, as lists (a conflict-heavy file repeats most of its rows)
    subset = records if len(repeated) == len(records) else records.iloc[repeated]
    numbers, raws, columns = subset["row"].tolist(), _shared_texts(subset["raw"]), _shared_texts(subset["column"])
    # each record's reading as a number, equal readings equal (NaN, an open bound, equal to NaN)
    reading = subset.groupby(["low", "high", "qualifier", "unit"], sort=False, dropna=False).ngroup().to_numpy()
    duplicates: dict[int, set[int]] = {}
    dropped = []
    groups = _groups(subset, KEY)
    firsts = subset.iloc[[group[0] for group in groups]]
    keys = zip(firsts["village_code"].tolist(), firsts["year"].tolist(), firsts["metric"].tolist())
    for group, (village, year, metric) in zip(groups, keys):
        entries = group.tolist()
        readings = set(reading[group].tolist())
        named = sorted({projects[numbers[i]] for i in entries if projects.get(numbers[i])})
        # At most LISTED values named in each reason: a key repeated in 500 rows must not make each
        # of its 500 quarantined cells carry all 500 (a quadratic report; a ledger of a million rows ran out of memory).
        listing = [(numbers[i], raws[i]) for i in entries[:LISTED]]
        more = len(entries) - len(listing)
        where: dict[str, Any] = {
            "village": gazetteer.describe(village),
            "year": year,
            "metric": metric,
            "values": listing,
            "more": more,
        }
        tail = f", and {more} more" if more else ""
        params: dict[str, Any]
        if len(named) > 1 or len(readings) > 1:
            if len(named) > 1:
                described = ", ".join(f"row {n} ({projects.get(n, '')}) says {raw!r}" for n, raw in listing) + tail
                code, params = "projects_conflict", dict(projects=", ".join(named), listing=described)
            else:
                hidden = [numbers[i] for i in entries if numbers[i] in log.hidden_rows][:LISTED]
                described = ", ".join(f"row {n}{' (hidden)' if n in hidden else ''} says {raw!r}" for n, raw in listing)
                code, params = "conflict", dict(hidden_rows=hidden, listing=described + tail)
            # every one of the key's values out, each quarantined with all of them listed
            log.quarantine_cells([(numbers[i], columns[i], raws[i]) for i in entries], code, **where, **params)
            dropped.append(repeated[group])
        else:
            for i in entries[1:]:
                duplicates.setdefault(numbers[i], set()).add(numbers[entries[0]])
            dropped.append(repeated[group[1:]])
    records = _without(records, dropped)
    _note_duplicates(duplicates, set(records["row"].tolist()), log)
    return records


def _shared_texts(column: pd.Series) -> list:
    """A text column as Python strings, one object per distinct text (the quarantine keeps them:
    a conflict-heavy sheet repeats its few column names and values in every cell)."""
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    return np.asarray(uniques, dtype=object)[codes].tolist()


def _note_duplicates(duplicates: dict[int, set[int]], rows_with_records: set[int], log: SheetLog) -> None:
    """A row whose values all repeat earlier rows is skipped as an identical duplicate; a row
    with other values too keeps them, with a warning."""
    for number, originals in sorted(duplicates.items()):
        listed = ", ".join(map(str, sorted(originals)))
        if number in rows_with_records or number in log.quarantined_rows:
            log.warn("duplicate_values", row=number, original=listed)
        else:
            log.duplicate_rows.add(number)
            log.skip(number, "identical_duplicate", original=listed)
            log.warn("duplicate_row", row=number, original=listed)


def _total_agrees(total: float, rows: pd.DataFrame, tolerance: float) -> bool:
    """Whether a stated total lies in the range its rows may sum to: rows read as ranges or
    bounds (30余, 约12) sum to a range, exact rows to a point."""
    if rows.empty:
        return abs(total) <= tolerance
    bottoms, tops = plausibility.reading_interval(rows["low"], rows["high"], rows.get("qualifier"))
    return bottoms.sum() - tolerance <= total <= tops.sum() + tolerance


def check_totals(
    sheet: Sheet, texts, layout: SheetLayout, columns: list[ValueColumn], log: SheetLog, kinds: dict[str, str]
) -> None:
    """A total row whose stated figure is not the sum of its block's rows: a warning that names
    the cells which, read with another scale, would make it match."""
    if not layout.total_rows:
        return
    records = log.records
    rows_of_data = [row + 1 for row, _ in layout.data_rows]
    previous_total = 0
    year_col = layout.index["year"]
    for number, label in layout.total_rows:
        block_start = previous_total if label.startswith(BLOCK_TOTAL_WORDS) else 0
        in_block = [n for n in rows_of_data if block_start < n < number]
        previous_total = number
        quarantined = len([n for n in in_block if n in log.quarantined_rows])
        total_year = year_of(texts[number - 1][year_col]) if year_col is not None else None
        for value in columns:
            if value.column.month is not None:
                continue  # a month's total is not a year's: the year is checked as a sum of months
            raw = texts[number - 1][value.index]
            stated = parse_amounts(pd.Series([sheet.rows[number - 1][value.index]], dtype=object)).iloc[0]
            if stated["qualifier"] != "exact":
                continue
            factor = 1.0
            if takes_column_unit(stated["flags"]) and kinds.get(value.metric) != "count":
                factor = value.column.factor or layout.sheet_factor or 1.0
            total = stated["low"] * factor
            year = value.column.year or total_year or layout.sheet_year
            chosen = pd.DataFrame()
            if not records.empty:
                chosen = records[records["row"].isin(in_block) & (records["metric"] == value.metric)]
                if year is not None:
                    chosen = chosen[chosen["year"] == year]
            block_sum = float(point_values(chosen["low"], chosen["high"]).sum()) if len(chosen) else 0.0
            tolerance = max(1.0, 1e-4 * abs(total))
            if _total_agrees(total, chosen, tolerance):
                continue
            cells = [
                ((record["row"], record["raw"]), point)
                for record in chosen.to_dict("records")
                if (point := point_of(record)) is not None
            ]
            causes = [
                {
                    "row": row,
                    "raw": cell_raw,
                    "where": f"row {row} ({cell_raw})",
                    "where_zh": f"第 {row} 行（{cell_raw}）",
                    "as": format_amount(rescaled, money=False, exact=True),
                }
                for (row, cell_raw), rescaled in plausibility.explain_total(total, block_sum, cells, tolerance)
            ]
            log.warn(
                "total_mismatch",
                row=number,
                label=label,
                header=value.column.header,
                raw=raw,
                total=format_amount(total, money=False, exact=True),
                sum=format_amount(block_sum, money=False, exact=True),
                quarantined=quarantined,
                causes=causes,
            )
