"""Villages counted by collective income band, as county and provincial reports count them.

The bands are data (`income_bands.csv`: lower bound included, upper bound excluded, in yuan);
the first two are the 空壳村 (no income) and 薄弱村 (under ¥5万) bands that policy aims to
eliminate (SHELL and WEAK), which planners count on operating income. A reading is placed in a
band only when all of it lies there: 30余万元 (30万 to 40万) is in 10万–50万, but 约10万 or
≥ 40万 straddle a threshold and are counted as `uncertain`, never guessed into a band. A
village without a figure is `no_value`, never "no income" (that is an explicit 0).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from .ledgers.plausibility import reading_interval
from .package_data import read_package_csv

UNCERTAIN = "uncertain"
NO_VALUE = "no_value"
INCOME_METRICS = ("collective_income", "operating_income")  # the incomes reports band
SHELL, WEAK = "no_income", "under_5wan"  # 空壳村, 薄弱村
SHELL_AND_WEAK_ON = "operating_income"  # the income policy counts them on


@lru_cache(maxsize=1)
def _bands() -> pd.DataFrame:
    table = read_package_csv("zhaodong_data", "income_bands.csv")
    table["low_yuan"] = pd.to_numeric(table["low_yuan"]).fillna(-np.inf)
    table["high_yuan"] = pd.to_numeric(table["high_yuan"]).fillna(np.inf)
    if not (table["low_yuan"].iloc[1:].to_numpy() == table["high_yuan"].iloc[:-1].to_numpy()).all():
        raise ValueError("income_bands.csv: each band must start where the one before it ends")
    return table


def income_bands() -> pd.DataFrame:
    """The bands: band, low_yuan (included; -inf for the first), high_yuan (excluded; inf for the last), names."""
    return _bands().copy()


def band_names(lang: str) -> dict[str, str]:
    table = _bands()
    return dict(zip(table["band"], table["name_zh" if lang == "zh" else "name_en"]))


def band_of(low, high, qualifier=None) -> np.ndarray:
    """The band of each reading, or `uncertain` when its interval crosses a threshold, or
    `no_value`. `low`/`high` as stored (an at-least reading has no high; an approximate one is
    given APPROX_TOLERANCE room either way, as the ledger checks do)."""
    bottom, top = reading_interval(low, high, qualifier)
    missing = np.isnan(bottom)
    qualifiers = np.asarray(qualifier if qualifier is not None else [""] * len(bottom), dtype=object)
    loose = (qualifiers == "approx") | (qualifiers == "at_least")  # a top that is not the reading itself
    table = _bands()
    edges = table["high_yuan"].to_numpy()[:-1]
    first = np.searchsorted(edges, bottom, side="right")
    # the top is an amount the reading may take, so it falls in the band whose range holds it
    last = np.searchsorted(edges, top, side="right")
    exact_top = ~loose & (top == bottom)
    last = np.where(exact_top, first, last)
    names = table["band"].to_numpy()
    out = np.where(first == last, names[np.clip(first, 0, len(names) - 1)], UNCERTAIN).astype(object)
    out[missing] = NO_VALUE
    return out


def below(low, high, qualifier, line: float) -> np.ndarray:
    """1.0 where a reading is certainly under `line`, 0.0 where it is certainly at or above it, NaN
    where its interval straddles the line or there is no reading (never guessed to a side)."""
    bottom, top = reading_interval(low, high, qualifier)
    out = np.full(len(bottom), np.nan)
    out[top < line] = 1.0  # NaN (no reading) compares False: stays NaN
    out[bottom >= line] = 0.0
    return out


def band_counts(frame: pd.DataFrame, group: str | None = None) -> pd.DataFrame:
    """Villages per band (columns: every band, `uncertain`, `no_value`), by `group` (a column of
    `frame`, e.g. flagged or town_name) or overall; with the total and each band's share of the
    villages with a band (uncertain and no-value villages are left out of the shares, and counted)."""
    bands = band_of(frame["low"], frame["high"], frame["qualifier"] if "qualifier" in frame else None)
    keys = frame[group].to_numpy() if group else np.zeros(len(frame), dtype=int)
    order = list(_bands()["band"]) + [UNCERTAIN, NO_VALUE]
    groups, group_index = np.unique(keys, return_inverse=True)
    table = np.zeros((len(groups), len(order)), dtype=int)
    np.add.at(table, (group_index, pd.Categorical(bands, categories=order).codes), 1)
    counts = pd.DataFrame(table, index=pd.Index(groups, name=group or "all"), columns=pd.Index(order, name="band"))
    counts["villages"] = counts.sum(axis=1)
    placed = counts[list(_bands()["band"])].sum(axis=1)
    for band in _bands()["band"]:
        counts[f"share_{band}"] = (counts[band] / placed).where(placed > 0)
    return counts


def band_bounds(band: str) -> tuple[float, float]:
    """(low_yuan included, high_yuan excluded) of a band."""
    bands = _bands().set_index("band")
    return float(bands["low_yuan"].to_numpy()[bands.index.get_loc(band)]), float(
        bands["high_yuan"].to_numpy()[bands.index.get_loc(band)]
    )
