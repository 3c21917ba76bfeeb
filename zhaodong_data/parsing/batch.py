"""`parse_amounts`: parse a whole column, fast on real ledgers.

Ledgers repeat the same strings many times and most cells are plain numbers.
So: plain numbers are read in one vectorised pass, every other distinct string
is parsed once, and the results are spread back over the rows. The result is
the same as mapping `parse_amount` over the column (a property test checks it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .amounts import Amount, parse_amount

COLUMNS = ["low", "high", "qualifier", "unit", "period", "per", "count_of", "flags", "reason"]
_TEXT_COLUMNS = COLUMNS[2:]
# Only strings this regex accepts take the vectorised path: digits, one dot, one
# leading minus, thousands separators, exponent. The scalar parser reads them the same way.
_PLAIN = r"^\s*-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\s*$"


def amount_to_row(amount: Amount) -> tuple:
    return (
        amount.low, amount.high, amount.qualifier, amount.unit, amount.period, amount.per,
        amount.count_of, ";".join(amount.flags), amount.reason,
    )


def parse_amounts(values) -> pd.DataFrame:
    """One row per input with the columns of `Amount` (flags joined by ';'), index preserved."""
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    n = len(series)
    low = np.full(n, np.nan)
    high = np.full(n, np.nan)
    text_columns = {name: np.full(n, None, dtype=object) for name in _TEXT_COLUMNS}

    as_text = series.astype("string")  # numbers become their repr, NaN stays NA
    plain = as_text.str.match(_PLAIN, na=False).to_numpy(dtype=bool)
    if plain.any():
        numbers = pd.to_numeric(as_text[plain].str.replace(",", "", regex=False).str.strip(), errors="coerce")
        numbers = numbers.to_numpy(dtype=float)
        low[plain] = numbers
        high[plain] = numbers
        text_columns["qualifier"][plain] = "exact"
        text_columns["flags"][plain] = np.where(numbers < 0, "negative;unit_implicit", "unit_implicit")

    rest = ~plain
    if rest.any():
        originals = series[rest]
        codes, uniques = pd.factorize(originals, use_na_sentinel=True)
        rows = [amount_to_row(parse_amount(value)) for value in uniques]
        rows.append(amount_to_row(parse_amount(None)))  # code -1: NA
        table = np.array(rows, dtype=object)
        picked = table[codes]  # code -1 picks the appended NA row
        low[rest] = picked[:, 0].astype(float)
        high[rest] = picked[:, 1].astype(float)
        for offset, name in enumerate(_TEXT_COLUMNS, start=2):
            text_columns[name][rest] = picked[:, offset]

    frame = pd.DataFrame({"low": low, "high": high, **text_columns}, index=series.index)
    return frame[COLUMNS]
