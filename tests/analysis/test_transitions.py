"""Band transitions: shares and exits counted from how the panel was built; a planted drop in
the chance of being weak recovered by the award effect on the indicator."""

import numpy as np
import pandas as pd

from zhaodong_data.analysis.transitions import WEAK_BELOW, band_panel, band_shares, weak_band_effect


def _outcomes(values: dict[str, list[float]], first_year=2020):
    rows = [(code, first_year + i, v) for code, series in values.items() for i, v in enumerate(series)]
    frame = pd.DataFrame(rows, columns=["village_code", "year", "value"])
    return frame.assign(metric="operating_income", qualifier="exact", is_synthetic=False)


def test_shares_and_exits_are_counted_as_built():
    outcomes = _outcomes(
        {"a": [0, 30_000, 80_000], "b": [40_000, 40_000, 60_000], "c": [90_000, 20_000, 20_000], "d": [0, 0, np.nan]}
    )
    flags = pd.DataFrame({"village_code": ["a", "b"], "aspect": ["service", "service"], "year": [2021, 2021]})
    shares = band_shares(band_panel(outcomes, flags)).set_index(["year", "group"])
    assert WEAK_BELOW == 50_000
    # flagged a, b: 2020 both weak (a a shell); 2022 neither weak: both left
    assert shares.loc[(2020, "flagged"), ["shell", "weak"]].tolist() == [0.5, 1.0]
    assert shares.loc[(2022, "flagged"), "left_weak"] == 1.0
    assert shares.loc[(2021, "flagged"), "left_weak"] == 0.0  # both were weak in 2020 and still are
    # never flagged c, d: d's missing 2022 is left out, not counted weak
    assert shares.loc[(2022, "never_flagged"), "villages"] == 1 and shares.loc[(2022, "never_flagged"), "weak"] == 1.0
    assert np.isnan(shares.loc[(2020, "never_flagged"), "left_weak"])  # no year before: no exits to count
    assert shares.loc[(2021, "never_flagged"), "left_weak"] == 0.0  # d was weak in 2020 and still is (c was not)


def test_a_planted_drop_in_the_chance_of_being_weak_is_recovered():
    rng = np.random.default_rng(4)
    villages, years = 300, range(2016, 2024)
    values = {}
    for v in range(villages):
        flagged = v < 100
        chance = [0.4 - (0.2 if flagged and year >= 2020 else 0.0) for year in years]
        values[f"v{v:03d}"] = [20_000 if rng.uniform() < p else 120_000 for p in chance]
    outcomes = _outcomes(values, first_year=2016)
    flags = pd.DataFrame({"village_code": [f"v{v:03d}" for v in range(100)], "aspect": "service", "year": 2020})
    result = weak_band_effect(outcomes, flags)
    assert abs(result["estimate"].estimate + 0.2) < 0.04 and result["estimate"].ci_high < 0
    terms = result["event"]["terms"].set_index("relative_year")
    leads = terms.loc[[-3, -2]]
    assert ((leads["ci_low"] < 0) & (leads["ci_high"] > 0)).all() and terms.loc[1, "ci_high"] < 0
