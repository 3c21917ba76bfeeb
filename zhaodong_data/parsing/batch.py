"""`parse_amounts`: parse a whole column, fast on real ledgers.

Most cells are plain numbers, and ledgers repeat the other strings many times. So
plain numbers are read first, where they stand (cheaper than hashing them); of the
rest each distinct value is read once: the common forms vectorised
(`fast.read_common_forms`), the others one by one with `parse_amount`, and the
results spread back over the rows. The result is the same as mapping
`parse_amount` over the column (tests check it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .amounts import Amount, parse_amount
from .fast import empty_columns, read_common_forms, read_plain_numbers
from .utf8_bytes import column_of

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


def _text_mask(values: np.ndarray) -> np.ndarray:
    if pd.api.types.infer_dtype(values, skipna=False) == "string":  # one C pass; the usual case
        return np.ones(len(values), dtype=bool)
    return np.fromiter((type(value) is str for value in values), dtype=bool, count=len(values))


def _read_uniques(uniques: np.ndarray) -> dict[str, np.ndarray]:
    """Columns for each distinct value, plus a last row for missing (NA) values. No value is a
    plain number as written (parse_amounts has read those)."""
    n = len(uniques)
    is_text = _text_mask(uniques)
    text_positions = np.flatnonzero(is_text)
    done, read = read_common_forms(uniques[text_positions].tolist(), plain_numbers_read=True)
    if len(text_positions) == n:
        columns = read  # every value is text: the columns as read, in the order of `uniques`
    else:
        columns = empty_columns(n)
        for name, values in read.items():
            columns[name][text_positions] = values
    slow = ~is_text
    slow[text_positions[~done]] = True
    positions = np.flatnonzero(slow)
    if len(positions):
        rows = [amount_to_row(parse_amount(value)) for value in uniques[positions]]
        for index, (name, read_one_by_one) in enumerate(zip(COLUMNS, zip(*rows))):
            if index < 2:  # low, high: None is NaN
                read_one_by_one = tuple(np.nan if value is None else value for value in read_one_by_one)
            columns[name][positions] = read_one_by_one
    missing = amount_to_row(parse_amount(None))
    return {
        name: np.append(columns[name], np.nan if index < 2 else np.array([missing[index]], dtype=object))
        for index, name in enumerate(COLUMNS)
    }


def point_values(low, high):
    """The documented point reading, vectorised like Amount.value: exact value, midpoint of a
    bounded interval, or the known bound of an open one."""
    low, high = pd.Series(low, dtype=float), pd.Series(high, dtype=float)
    return ((low + high) / 2).fillna(low).fillna(high)


def parse_amounts(values) -> pd.DataFrame:
    """One row per input with the columns of `Amount` (flags joined by ';'), index preserved."""
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    cells = series.to_numpy(dtype=object)
    columns = empty_columns(len(cells))
    # Plain numbers are read where they stand, before finding the distinct values: most cells
    # are plain numbers, and reading them costs less than hashing them.
    text = np.flatnonzero(_text_mask(cells))
    plain = read_plain_numbers(column_of(cells[text]), text, columns)
    rest = np.ones(len(cells), dtype=bool)
    rest[text[plain]] = False
    rest = np.flatnonzero(rest)
    codes, uniques = pd.factorize(cells[rest], use_na_sentinel=True)
    read = _read_uniques(np.asarray(uniques, dtype=object))
    # Code -1 (NA) picks the last row, which holds the reading of a missing value.
    for name in COLUMNS:
        columns[name][rest] = read[name][codes]
    # Column by column, without copies: a frame built from a dict of object arrays would infer
    # (slowly) a string dtype; text columns stay object so that an absent value is None, as in `Amount`.
    frame = pd.DataFrame({"low": columns["low"], "high": columns["high"]}, index=series.index)
    for name in _TEXT_COLUMNS:
        frame[name] = pd.Series(columns[name], index=series.index, dtype=object, copy=False)
    return frame
