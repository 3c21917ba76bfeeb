"""A village's change between two years, with the uncertainty of both readings carried through.

Each reading is an interval: exact (low = high), a range, a bound (`at_least` has no top,
`at_most` no bottom) or approximate (widened by the ledgers' APPROX_TOLERANCE either way, as
the bands and the plausibility checks widen it). The change from `before` to `after` is then
the interval [after.low − before.high, after.high − before.low]: a change between two ranges
is a range, and a bound leaves that side open (NaN). The change in percent is the interval of
after / before − 1, defined only where the earlier reading is surely positive.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .ledgers.plausibility import reading_interval

__all__ = ["CHANGE_COLUMNS", "change_between", "reading_interval"]

CHANGE_COLUMNS = ("change_low", "change_high", "change_qualifier", "change_pct_low", "change_pct_high")


def _qualifier(low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """exact, range, at_least (no top), at_most (no bottom), unknown (neither), None (no change)."""
    finite_low, finite_high = np.isfinite(low), np.isfinite(high)
    out = np.full(len(low), "unknown", dtype=object)
    out[finite_low & ~finite_high] = "at_least"
    out[~finite_low & finite_high] = "at_most"
    out[finite_low & finite_high] = "range"
    out[finite_low & finite_high & (low == high)] = "exact"
    out[np.isnan(low) | np.isnan(high)] = None
    return out


def change_between(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """The change from each row of `before` to the same row of `after` (columns low, high,
    qualifier): CHANGE_COLUMNS, an open side NaN, no reading on either side all NaN/None."""
    b_low, b_high = reading_interval(before["low"], before["high"], before["qualifier"])
    a_low, a_high = reading_interval(after["low"], after["high"], after["qualifier"])
    with np.errstate(invalid="ignore", divide="ignore"):
        low, high = a_low - b_high, a_high - b_low
        positive = b_low > 0
        pct_low = np.where(positive, a_low / b_high - 1, np.nan)
        pct_high = np.where(positive, a_high / b_low - 1, np.nan)
    qualifier = _qualifier(low, high)
    return pd.DataFrame(
        {
            "change_low": np.where(np.isfinite(low), low, np.nan),
            "change_high": np.where(np.isfinite(high), high, np.nan),
            "change_qualifier": qualifier,
            "change_pct_low": np.where(np.isfinite(pct_low), pct_low, np.nan),
            "change_pct_high": np.where(np.isfinite(pct_high), pct_high, np.nan),
        },
        index=after.index,
    )
