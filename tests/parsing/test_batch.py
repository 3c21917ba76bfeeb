import numpy as np
import pandas as pd

from zhaodong_data.parsing import COLUMNS, parse_amount, parse_amounts


def test_columns_index_and_values():
    series = pd.Series(["30余万元", "4200", None, "见附表", "4200", "-1,234.5"], index=[10, 11, 12, 13, 14, 15])
    frame = parse_amounts(series)
    assert list(frame.columns) == COLUMNS
    assert list(frame.index) == [10, 11, 12, 13, 14, 15]
    assert frame.loc[10, "low"] == 300_000 and frame.loc[10, "high"] == 400_000
    assert frame.loc[11, "qualifier"] == "exact" and frame.loc[11, "flags"] == "unit_implicit;scale_implicit"
    assert frame.loc[12, "qualifier"] == "missing" and np.isnan(frame.loc[12, "low"])
    assert frame.loc[13, "qualifier"] == "invalid" and frame.loc[13, "reason"]
    assert frame.loc[15, "low"] == -1234.5 and frame.loc[15, "flags"] == "negative;unit_implicit;scale_implicit"


def test_accepts_lists_and_numbers():
    frame = parse_amounts([4200, 1.5, float("nan"), "2.62亿"])
    assert frame["low"].tolist()[:2] == [4200.0, 1.5]
    assert frame.loc[2, "qualifier"] == "missing"
    assert frame.loc[3, "low"] == parse_amount("2.62亿").low


def test_empty_input():
    assert parse_amounts(pd.Series([], dtype=object)).empty
