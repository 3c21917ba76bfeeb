"""`parse_amounts`: parse a whole column, fast on real ledgers.

Ledgers repeat the same strings many times and most cells are plain numbers or
simple forms such as 12.5万元. So each distinct value is read once; the common
forms are read vectorised (`fast.read_common_forms`) and the rest one by one with
`parse_amount`; results are spread back over the rows. The result is the same
as mapping `parse_amount` over the column (tests check it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .amounts import Amount, parse_amount
from .fast import read_common_forms

COLUMNS = ["low", "high", "qualifier", "unit", "period", "per", "count_of", "flags", "reason"]
_TEXT_COLUMNS = COLUMNS[2:]


def amount_to_row(amount: Amount) -> tuple:
    return (
        amount.low,
        amount.high,
        amount.qualifier,
        amount.unit,
        amount.period,
        amount.per,
        amount.count_of,
        ";".join(amount.flags),
        amount.reason,
    )


def _read_uniques(uniques: np.ndarray) -> dict[str, np.ndarray]:
    """Columns for each distinct value, plus a last row for missing (NA) values."""
    n = len(uniques)
    columns = {"low": np.full(n + 1, np.nan), "high": np.full(n + 1, np.nan)}
    columns.update({name: np.full(n + 1, None, dtype=object) for name in _TEXT_COLUMNS})
    columns["qualifier"][n] = "missing"
    columns["flags"][n] = ""

    is_text = np.fromiter((type(value) is str for value in uniques), dtype=bool, count=n)
    slow = ~is_text
    if is_text.any():
        text_positions = np.flatnonzero(is_text)
        done, read = read_common_forms(uniques[text_positions].tolist())
        positions = text_positions[done]
        for name, values in read.items():
            columns[name][positions] = values[done]
        slow[text_positions[~done]] = True
    for position in np.flatnonzero(slow):
        for name, value in zip(COLUMNS, amount_to_row(parse_amount(uniques[position]))):
            columns[name][position] = np.nan if value is None and name in ("low", "high") else value
    return columns


def point_values(low, high):
    """The documented point reading, vectorised like Amount.value: exact value, midpoint of a
    bounded interval, or the known bound of an open one."""
    low, high = pd.Series(low, dtype=float), pd.Series(high, dtype=float)
    return ((low + high) / 2).fillna(low).fillna(high)


def parse_amounts(values) -> pd.DataFrame:
    """One row per input with the columns of `Amount` (flags joined by ';'), index preserved."""
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
    columns = _read_uniques(np.asarray(uniques, dtype=object))
    # Code -1 (NA) picks the last row, which holds the reading of a missing value.
    # Text columns stay object dtype so that an absent value is None, as in `Amount`.
    frame = pd.DataFrame(
        {
            name: pd.Series(
                columns[name][codes], index=series.index, dtype=float if name in ("low", "high") else object
            )
            for name in COLUMNS
        },
        index=series.index,
    )
    return frame
