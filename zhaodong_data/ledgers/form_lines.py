"""The indicator lines of the 农村集体经济组织收益分配统计表 and what holds between them.

The form's identities (一、总收入 = its five lines; 二、总支出 = its three; 三、本年收益 = 总收入 −
总支出) are checked for every village and year that has all their lines: a difference is a
warning that names the cells, never a correction.

Operating income (经营性收入) is derived from the form by one definition:

    经营性收入 = 经营收入 + 发包及上交收入 + 投资收益

the income the collective earns by its own operation, by letting its land and assets and by its
investments; 补助收入 (fiscal subsidies) and 其他收入 (interest, fines, windfalls) are not
operating income. These are the income lines as 《农村集体经济组织财务制度》 (财政部、农业农村部,
2021) defines them and as the 收益分配统计表 of the rural-economy statistical reports lists them;
the 消除薄弱村 campaigns count operating income the same way. Total income (总收入, subsidies
included) stays `collective_income`; the two are never mixed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .checks import point_of
from .sheet_log import SheetLog

OPERATING_INCOME_PARTS = ("business_income", "contracting_income", "investment_income")
# whole -> (parts added, parts taken away)
IDENTITIES = {
    "collective_income": (
        ("business_income", "contracting_income", "investment_income", "subsidy_income", "other_income"),
        (),
    ),
    "total_expenditure": (("operating_expenditure", "management_expenses", "other_expenditure"), ()),
    "net_income": (("collective_income",), ("total_expenditure",)),
    "operating_income": (OPERATING_INCOME_PARTS, ()),
}
RELATIVE_TOLERANCE = 5e-3  # lines written to two decimals of 万元 add up to within rounding


def _by_village_year(records: pd.DataFrame) -> dict[tuple, dict[str, tuple[int, dict]]]:
    """(village, year) -> metric -> (its record's row, the record), for the village-years
    that hold every line of an identity, or the lines of operating income: the only ones the
    form's checks read (a ledger of one income column has none, and costs nothing here)."""
    names = {name for whole, (added, taken) in IDENTITIES.items() for name in (whole, *added, *taken)}
    lines = records[records["metric"].isin(names)]
    if lines.empty:
        return {}
    keys = ["village_code", "year"]
    wanted = np.zeros(len(lines), dtype=bool)
    present = set(lines["metric"].unique().tolist())
    for whole, (added, taken) in {**IDENTITIES, "": (OPERATING_INCOME_PARTS, ())}.items():
        needed = {whole, *added, *taken} - {""}
        if not needed <= present:
            continue
        has = lines[lines["metric"].isin(needed)].groupby(keys, sort=False)["metric"].nunique()
        complete = has.index[has == len(needed)]
        wanted |= pd.MultiIndex.from_frame(lines[keys]).isin(complete)
    found: dict[tuple, dict[str, tuple[int, dict]]] = {}
    if not wanted.any():
        return found
    chosen = lines[wanted]
    for record in chosen.to_dict("records"):
        found.setdefault((record["village_code"], record["year"]), {})[record["metric"]] = (record["row"], record)
    return found


def _exact(record: dict) -> float | None:
    return point_of(record) if record["qualifier"] == "exact" else None


def read_form_lines(records: pd.DataFrame, log: SheetLog, describe, source_id: str) -> pd.DataFrame:
    """The form's identities checked, then operating income derived, on one grouping of the
    records by village and year; returns the records with those derived."""
    by_village_year = _by_village_year(records)
    check_identities(by_village_year, log, describe)
    derived = derive_operating_income(by_village_year, source_id)
    if derived.empty:
        return records
    log.warn("operating_income_derived", count=len(derived))
    return pd.concat([records, derived], ignore_index=True)


def check_identities(by_village_year: dict, log: SheetLog, describe) -> None:
    """Warn (naming the cells) where a village-year's lines do not add up to their whole."""
    for (village, year), metrics in by_village_year.items():
        for whole, (added, taken) in IDENTITIES.items():
            names = (whole, *added, *taken)
            if not all(name in metrics for name in names):
                continue
            values = {name: _exact(metrics[name][1]) for name in names}
            if any(value is None for value in values.values()):
                continue
            total = sum(values[name] for name in added) - sum(values[name] for name in taken)  # type: ignore[misc]
            stated = values[whole]
            assert stated is not None
            if abs(stated - total) <= max(1.0, RELATIVE_TOLERANCE * abs(stated)):
                continue
            row, record = metrics[whole]
            cells = [
                {"metric": name, "sign": "+" if name in added else "−", "raw": metrics[name][1]["raw"]}
                for name in (*added, *taken)
            ]
            log.warn(
                "identity_mismatch",
                row=row,
                village=describe(village),
                year=year,
                header=record["column"],
                raw=record["raw"],
                whole=whole,
                stated=stated,
                total=total,
                cells=cells,
            )


def derive_operating_income(by_village_year: dict, source_id: str) -> pd.DataFrame:
    """Operating income where a village-year has its three lines and no operating income of
    its own; the record names the cells it came from, and is placed after them in its row."""
    derived: list[dict] = []
    for (village, year), metrics in by_village_year.items():
        if "operating_income" in metrics or not all(part in metrics for part in OPERATING_INCOME_PARTS):
            continue
        parts = [metrics[part][1] for part in OPERATING_INCOME_PARTS]
        values = [_exact(part) for part in parts]
        if any(value is None for value in values):
            continue  # a bound or an estimate among the lines: no exact sum to state
        total = float(sum(values))  # type: ignore[arg-type]
        first = parts[0]
        derived.append(
            {
                "village_code": village,
                "year": year,
                "metric": "operating_income",
                "low": total,
                "high": total,
                "qualifier": "exact",
                "unit": "CNY",
                "period": first["period"],
                "source_id": source_id,
                "raw": " + ".join(part["raw"] for part in parts),
                "sheet": first["sheet"],
                "row": first["row"],
                "column": " + ".join(part["column"] for part in parts),
                "_pos": first["_pos"],
                "_seq": 1e9 + len(derived),  # after the row's own cells, in the order derived
            }
        )
    return pd.DataFrame(derived)
