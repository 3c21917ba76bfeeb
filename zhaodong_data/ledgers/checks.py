"""Checks across the records of a sheet: scale, parts above their whole, duplicates, totals.

Each check takes the records by row (row number -> records), removes what it quarantines and
writes its findings to the sheet's log.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..gazetteer import Gazetteer
from ..metrics import plausible_range
from ..parsing import parse_amounts, point_values, takes_column_unit
from . import plausibility
from .cells import ParsedColumn, money_text
from .layout import BLOCK_TOTAL_WORDS, SheetLayout, year_of
from .read import Sheet
from .reasons import amount_text
from .sheet_log import SheetLog

RecordsByRow = dict[int, list[dict]]


def point_of(record: dict) -> float | None:
    """The point reading of a record, as `point_values`: midpoint, or the known bound."""
    low, high = (None if v is None or v != v else v for v in (record["low"], record["high"]))
    if low is not None and high is not None:
        return (low + high) / 2
    return low if low is not None else high


# A column's median outside its metric's plausible range, and the unit that would bring it in.
SLIP_READINGS = ((1e4, "万元"), (1e-4, "元"), (1e3, "千元"), (1e8, "亿元"), (1e-8, "元"), (1e-3, "元"))


def check_column_ranges(records_by_row: RecordsByRow, log: SheetLog, accept_outliers: bool) -> None:
    """A whole column wrong by one factor (a unit row not read, 元 for 万元) passes the scale
    check, which compares a value with its neighbours. So each money column's median is compared
    with its metric's documented plausible range (metrics.csv); outside it, every value of the
    column is quarantined as a probable unit slip, with the reading that would fit, unless the
    user accepts outliers (then a warning)."""
    by_column: dict[tuple[str, str], list[tuple[int, dict]]] = {}
    for number, records in records_by_row.items():
        for record in records:
            by_column.setdefault((record["column"], record["metric"]), []).append((number, record))
    for (header, metric), entries in by_column.items():
        bounds = plausible_range(metric)
        points = [abs(p) for _, record in entries if (p := point_of(record)) is not None and p != 0]
        if bounds is None or not points:
            continue
        # the lower median must be above the range (or the upper one below it): one wild value
        # among sound ones is the scale check's to judge, not a column's slip
        points.sort()
        lower, upper = points[(len(points) - 1) // 2], points[len(points) // 2]
        low, high = bounds
        if lower <= high and upper >= low:
            continue
        median = float(np.median(points))
        fits = next(((f, unit) for f, unit in SLIP_READINGS if low <= median * f <= high), None)
        params: dict[str, Any] = dict(
            header=header,
            metric=metric,
            median=amount_text(median),
            low=amount_text(low),
            high=amount_text(high),
            fits=amount_text(median * fits[0]) if fits else "",
            unit=fits[1] if fits else "",
        )
        if accept_outliers:
            log.warn("column_range_kept", **params)
            continue
        for number, record in entries:
            records_by_row[number].remove(record)
            log.quarantine(number, header, record["raw"], "column_unit_slip", **params)


def check_scale(
    records_by_row: RecordsByRow,
    log: SheetLog,
    kinds: dict[str, str],
    reference: dict[str, list[float]],
    accept_outliers: bool,
) -> None:
    """Quarantine money values far above their metric's scale (file and store); warn on far below."""
    by_metric: dict[str, list[tuple[int, dict]]] = {}
    for number, records in records_by_row.items():
        for record in records:
            if kinds.get(record["metric"], "money") == "money":
                by_metric.setdefault(record["metric"], []).append((number, record))
    kept = []
    for metric, entries in by_metric.items():
        points = [point_of(record) for _, record in entries]
        median = plausibility.reference_median(points + list(reference.get(metric, [])))
        for (number, record), point in zip(entries, points):
            verdict = plausibility.scale_verdict(point, median)
            if verdict == "high" and not accept_outliers:
                records_by_row[number].remove(record)
                value, around = amount_text(point), amount_text(median)
                log.quarantine(number, record["column"], record["raw"], "scale", value=value, median=around)
            elif verdict == "high":
                kept.append(f"row {number} ({record['raw']})")
            elif verdict == "low":
                log.warn(
                    "small_value",
                    row=number,
                    value=record["raw"],
                    header=record["column"],
                    ratio=plausibility.SCALE_RATIO,
                    median=amount_text(median),
                )
    if kept:
        log.warn("outliers_kept", count=len(kept), rows=", ".join(kept))


def check_parts(records_by_row: RecordsByRow, log: SheetLog, gazetteer: Gazetteer) -> None:
    """A part above its whole in the same village and year (operating income above total
    income): both cells quarantined, since either may be the wrong one."""
    where: dict[tuple, tuple[int, dict]] = {}
    for number, records in records_by_row.items():
        for record in records:
            where[(record["village_code"], record["year"], record["metric"])] = (number, record)
    for (village, year, metric), (number, part) in list(where.items()):
        whole_metric = plausibility.PART_OF.get(metric)
        if whole_metric is None or (village, year, whole_metric) not in where:
            continue
        whole_number, whole = where[(village, year, whole_metric)]
        if not plausibility.part_exceeds_whole(
            part["low"] if part["low"] is not None else part["high"],
            whole["high"] if whole["high"] is not None else whole["low"],
            approximate="approx" in (part["qualifier"], whole["qualifier"]),
        ):
            continue
        params = dict(
            village=gazetteer.describe(village),
            year=year,
            part=part["raw"],
            whole=whole["raw"],
            part_metric=metric,
            whole_metric=whole_metric,
        )
        for row, record in ((number, part), (whole_number, whole)):
            if record in records_by_row.get(row, []):
                records_by_row[row].remove(record)
                log.quarantine(row, record["column"], record["raw"], "part_above_whole", **params)


LISTED = 10  # values a conflict names (the rest counted)


def resolve_duplicates(
    records_by_row: RecordsByRow, log: SheetLog, gazetteer: Gazetteer, projects: dict[int, str] | None = None
) -> None:
    """Values for the same village, year and metric: all equal -> kept once; any different ->
    every one of them quarantined, with all the values listed. In a project ledger (`projects`:
    row -> its project) rows of different projects are never duplicates: two projects of a
    village in one year are a conflict, not a sum (a village's figure is not its projects' total
    unless the ledger says so)."""
    projects = projects or {}
    groups: dict[tuple, list[tuple[int, dict]]] = {}
    for number in sorted(records_by_row):
        for record in records_by_row[number]:
            groups.setdefault((record["village_code"], record["year"], record["metric"]), []).append((number, record))
    duplicates: dict[int, set[int]] = {}
    for key, entries in groups.items():
        if len(entries) == 1:
            continue
        readings = {(r["low"], r["high"], r["qualifier"], r["unit"]) for _, r in entries}
        named = sorted({projects[number] for number, _ in entries if projects.get(number)})
        # At most LISTED values named in each reason: a key repeated in 500 rows must not make each
        # of its 500 quarantined cells carry all 500 (a quadratic report; a ledger of a million rows ran out of memory).
        listing = [(number, record["raw"]) for number, record in entries[:LISTED]]
        more = len(entries) - len(listing)
        where = {
            "village": gazetteer.describe(key[0]),
            "year": key[1],
            "metric": key[2],
            "values": listing,
            "more": more,
        }
        tail = f", and {more} more" if more else ""
        if len(named) > 1:
            described = ", ".join(f"row {n} ({projects.get(n, '')}) says {raw!r}" for n, raw in listing) + tail
            _quarantine_all(
                entries, records_by_row, log, "projects_conflict", **where, projects=", ".join(named), listing=described
            )
        elif len(readings) > 1:
            hidden = [number for number, _ in entries if number in log.hidden_rows][:LISTED]
            described = ", ".join(f"row {n}{' (hidden)' if n in hidden else ''} says {raw!r}" for n, raw in listing)
            described += tail
            _quarantine_all(entries, records_by_row, log, "conflict", **where, hidden_rows=hidden, listing=described)
        else:
            original = entries[0][0]
            for number, record in entries[1:]:
                records_by_row[number].remove(record)
                duplicates.setdefault(number, set()).add(original)
    for number, originals in sorted(duplicates.items()):
        listed = ", ".join(map(str, sorted(originals)))
        if records_by_row[number] or number in log.quarantined_rows:
            log.warn("duplicate_values", row=number, original=listed)
        else:
            records_by_row.pop(number)
            log.duplicate_rows.add(number)
            log.skip(number, "identical_duplicate", original=listed)
            log.warn("duplicate_row", row=number, original=listed)


def _quarantine_all(entries, records_by_row: RecordsByRow, log: SheetLog, code: str, **params) -> None:
    """Every one of a key's values out, each quarantined with all of them listed."""
    for number, record in entries:
        records_by_row[number].remove(record)
        log.quarantine(number, record["column"], record["raw"], code, **params)


def _total_agrees(total: float, rows: pd.DataFrame, tolerance: float) -> bool:
    """Whether a stated total lies in the range its rows may sum to: rows read as ranges or
    bounds (30余, 约12) sum to a range, exact rows to a point."""
    if rows.empty:
        return abs(total) <= tolerance
    bottoms, tops = plausibility.reading_interval(rows["low"], rows["high"], rows.get("qualifier"))
    return bottoms.sum() - tolerance <= total <= tops.sum() + tolerance


def check_totals(
    sheet: Sheet, texts, layout: SheetLayout, values: list[ParsedColumn], log: SheetLog, kinds: dict[str, str]
) -> None:
    """A total row whose stated figure is not the sum of its block's rows: a warning that names
    the cells which, read with another scale, would make it match."""
    if not layout.total_rows:
        return
    records = pd.DataFrame(log.records)
    rows_of_data = [row + 1 for row, _ in layout.data_rows]
    previous_total = 0
    year_col = layout.index["year"]
    for number, label in layout.total_rows:
        block_start = previous_total if label.startswith(BLOCK_TOTAL_WORDS) else 0
        in_block = [n for n in rows_of_data if block_start < n < number]
        previous_total = number
        quarantined = len([n for n in in_block if n in log.quarantined_rows])
        total_year = year_of(texts[number - 1][year_col]) if year_col is not None else None
        for value in values:
            if value.column.column.month is not None:
                continue  # a month's total is not a year's: the year is checked as a sum of months
            raw = texts[number - 1][value.index]
            stated = parse_amounts(pd.Series([sheet.rows[number - 1][value.index]], dtype=object)).iloc[0]
            if stated["qualifier"] != "exact":
                continue
            factor = 1.0
            if takes_column_unit(stated["flags"]) and kinds.get(value.metric) != "count":
                factor = value.factor or layout.sheet_factor or 1.0
            total = stated["low"] * factor
            year = value.column.column.year or total_year or layout.sheet_year
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
                ((r.row, r.raw), point) for r in chosen.itertuples() if (point := point_of(r._asdict())) is not None
            ]
            causes = [
                {
                    "row": row,
                    "raw": cell_raw,
                    "where": f"row {row} ({cell_raw})",
                    "where_zh": f"第 {row} 行（{cell_raw}）",
                    "as": money_text(rescaled),
                }
                for (row, cell_raw), rescaled in plausibility.explain_total(total, block_sum, cells, tolerance)
            ]
            log.warn(
                "total_mismatch",
                row=number,
                label=label,
                header=value.header,
                raw=raw,
                total=money_text(total),
                sum=money_text(block_sum),
                quarantined=quarantined,
                causes=causes,
            )
