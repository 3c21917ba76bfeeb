"""Villages leaving 空壳/薄弱: counted from readings built on either side of the ¥5万 line."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from zhaodong_data.bands import below
from zhaodong_data.store import build_store
from zhaodong_data.study import load_dashboard_data
from zhaodong_data.study.band_exits import band_exits

LINE = 50_000


@pytest.fixture(scope="module")
def store_data(tmp_path_factory):
    return load_dashboard_data(build_store(tmp_path_factory.mktemp("exits") / "s.duckdb"))


def _reading(code, year, low, high=None, qualifier="exact"):
    high = low if high is None and qualifier == "exact" else high
    return {
        "village_code": code,
        "metric": "operating_income",
        "year": year,
        "low": low,
        "high": high,
        "value": low,
        "qualifier": qualifier,
        "unit": "CNY",
        "period": "year",
        "raw": "",
        "source_id": "test",
        "is_synthetic": False,
    }


def test_below_is_certain_or_unknown_never_guessed():
    low = [10_000, 60_000, 45_000, 300_000, np.nan, 30_000]
    high = [10_000, 60_000, 55_000, np.nan, np.nan, 40_000]
    qualifier = ["exact", "exact", "range", "at_least", "exact", "exact"]
    got = below(low, high, qualifier, LINE)
    assert got[:2].tolist() == [1.0, 0.0] and np.isnan(got[2]) and got[3] == 0.0 and np.isnan(got[4])
    assert got[5] == 1.0  # 3–4万 lies under the line whole
    # 约4.8万 with the approximate room reaches over ¥5万: not certain
    assert np.isnan(below([48_000], [48_000], ["approx"], LINE)[0])


def test_exits_are_counted_from_how_the_readings_were_built(store_data):
    villages = store_data.villages["code"].tolist()
    flagged, other = villages[:4], villages[4:8]
    rows = []
    # red-flag villages: weak 2021; 2022 two leave, one stays, one straddles the line (unknown)
    for code, v2022 in zip(flagged, [80_000, 120_000, 20_000, None], strict=True):
        rows.append(_reading(code, 2021, 0 if code == flagged[0] else 30_000))
        rows.append(_reading(code, 2022, 45_000, 55_000, "range") if v2022 is None else _reading(code, 2022, v2022))
    # others: two weak 2021, one leaves; one above the line throughout; one with no 2021 reading
    for code, (v2021, v2022) in zip(
        other, [(40_000, 60_000), (10_000, 10_000), (200_000, 10_000), (None, 10_000)], strict=True
    ):
        if v2021 is not None:
            rows.append(_reading(code, 2021, v2021))
        rows.append(_reading(code, 2022, v2022))
    rows.append(_reading(other[0], 2024, 0))  # 2023 missing: 2024 has no year before it
    outcomes = pd.DataFrame(rows)
    flags = store_data.red_flags.iloc[:0]
    flags = pd.DataFrame(
        [
            {
                **dict.fromkeys(flags.columns),
                "village_code": c,
                "aspect": "service",
                "year": 2021,
                "is_synthetic": False,
            }
            for c in flagged
        ]
    )
    data = replace(store_data, outcomes=outcomes, red_flags=flags, _derived={})
    table = band_exits(data, "operating_income").set_index(["year", "group"])
    assert list(table.index) == [(2022, "flagged"), (2022, "others")]
    red, rest = table.loc[(2022, "flagged")], table.loc[(2022, "others")]
    assert (red["weak_before"], red["left"], red["stayed"], red["unknown"]) == (4, 2, 1, 1)
    assert red["share_left"] == 0.5 and sorted(red["left_codes"]) == sorted(flagged[:2])
    assert (rest["weak_before"], rest["left"], rest["stayed"], rest["unknown"]) == (2, 1, 1, 0)
    assert rest["left_codes"] == [other[0]]
    town = store_data.villages.set_index("code")["town_code"]
    in_town = [c for c in flagged if town[c] == town[flagged[0]]]
    only_town = band_exits(data, "operating_income", towns=(town[flagged[0]],)).set_index(["year", "group"])
    assert only_town.loc[(2022, "flagged"), "weak_before"] == len(in_town)  # all four were weak in 2021
