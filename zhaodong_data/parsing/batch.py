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
import pyarrow as pa
import pyarrow.compute as pc

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
    """Which cells are Python strings."""
    if pd.api.types.infer_dtype(values, skipna=False) == "string":  # one C pass; the usual case
        return np.ones(len(values), dtype=bool)
    return np.fromiter((type(value) is str for value in values), dtype=bool, count=len(values))


def _read_slowly(values, columns: dict, positions: np.ndarray) -> None:
    """parse_amount on each of `values`, written into `columns` at `positions`."""
    rows = [amount_to_row(parse_amount(value)) for value in values]
    for index, (name, read_one_by_one) in enumerate(zip(COLUMNS, zip(*rows))):
        if index < 2:  # low, high: None is NaN
            read_one_by_one = tuple(np.nan if value is None else value for value in read_one_by_one)
        columns[name][positions] = read_one_by_one


def _read_distinct_texts(texts: pa.Array) -> dict[str, np.ndarray]:
    """Columns for each of the distinct `texts` (none a plain number as written)."""
    done, columns = read_common_forms(texts, plain_numbers_read=True)
    positions = np.flatnonzero(~done)
    if len(positions):
        _read_slowly(texts.take(pa.array(positions)).to_pylist(), columns, positions)
    return columns


def _read_distinct_others(values: np.ndarray) -> dict[str, np.ndarray]:
    """Columns for each of the distinct non-text `values` (numbers, dates...), plus a last row
    for missing (NA) values."""
    columns = empty_columns(len(values) + 1)
    _read_slowly([*values.tolist(), None], columns, np.arange(len(values) + 1))
    return columns


def _spread(columns: dict, positions: np.ndarray, read: dict, codes: np.ndarray) -> None:
    for name in COLUMNS:
        columns[name][positions] = read[name][codes]


def point_values(low, high):
    """The documented point reading, vectorised like Amount.value: exact value, midpoint of a
    bounded interval, or the known bound of an open one."""
    low, high = pd.Series(low, dtype=float), pd.Series(high, dtype=float)
    return ((low + high) / 2).fillna(low).fillna(high)


def _cells_of(values) -> tuple[np.ndarray, pd.Index]:
    if isinstance(values, pd.Series):
        return values.to_numpy(dtype=object), values.index
    if type(values) is list:  # each element one cell as it is, whatever it holds
        return np.fromiter(values, dtype=object, count=len(values)), pd.RangeIndex(len(values))
    series = pd.Series(values, dtype=object)
    return series.to_numpy(dtype=object), series.index


def parse_amounts(values) -> pd.DataFrame:
    """One row per input with the columns of `Amount` (flags joined by ';'), index preserved."""
    cells, index = _cells_of(values)
    columns = empty_columns(len(cells))
    # Plain numbers are read where they stand, before finding the distinct values: most cells
    # are plain numbers, and reading them costs less than hashing them.
    is_text = _text_mask(cells)
    text_rows = np.flatnonzero(is_text)
    text = column_of(cells if len(text_rows) == len(cells) else cells[text_rows])  # no copy when all are text
    plain = read_plain_numbers(text, text_rows, columns)
    # The other texts, each distinct one read once: hashed as arrow strings, not converted again.
    if not plain.all():
        other_texts = pc.filter(text, pa.array(~plain)).dictionary_encode()
        read = _read_distinct_texts(other_texts.dictionary)
        _spread(columns, text_rows[~plain], read, other_texts.indices.to_numpy(zero_copy_only=False))
    # Cells that are not text (numbers, dates, None, NaN): few, each distinct one read alone.
    others = np.flatnonzero(~is_text)
    if len(others):
        codes, uniques = pd.factorize(cells[others], use_na_sentinel=True)
        _spread(
            columns, others, _read_distinct_others(np.asarray(uniques, dtype=object)), codes
        )  # -1: NA, the last row
    # Column by column, without copies: a frame built from a dict of object arrays would infer
    # (slowly) a string dtype; text columns stay object so that an absent value is None, as in `Amount`.
    frame = pd.DataFrame({"low": columns["low"], "high": columns["high"]}, index=index)
    for name in _TEXT_COLUMNS:
        frame[name] = pd.Series(columns[name], index=index, dtype=object, copy=False)
    return frame
