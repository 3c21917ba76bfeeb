"""The pre-trend test's power, checked by Monte Carlo with the planted pre-trend it names, and the
relative-magnitudes breakdown value, from how its inputs were built."""

import numpy as np
import pandas as pd

from zhaodong_data.analysis import event_study
from zhaodong_data.analysis.sensitivity import pretrend_power, relative_magnitudes_breakdown


def _panel(seed, slope, villages=80):
    """2018-2023, a third of the villages awarded in 2021 (leads -3 and -2, no binning), a
    differential linear trend `slope` for the awarded villages, no effect."""
    rng = np.random.default_rng(seed)
    panel = pd.DataFrame(
        [(f"v{v:03d}", t) for v in range(villages) for t in range(2018, 2024)], columns=["village_code", "year"]
    )
    awarded = panel["village_code"].str[1:].astype(int) < villages // 3
    panel["award_year"] = np.where(awarded, 2021.0, np.nan)
    panel["y"] = (
        panel["village_code"].str[1:].astype(int) * 0.01
        + 0.03 * (panel["year"] - 2018)
        + np.where(awarded, slope * (panel["year"] - 2020), 0.0)
        + rng.normal(0, 0.1, len(panel))
    )
    return panel


def test_a_pre_trend_of_the_slope_it_names_is_detected_four_times_in_five():
    slope = pretrend_power(event_study(_panel(0, 0.0))["pretrend"])
    assert 0 < slope < 0.2
    rejected = [event_study(_panel(seed, slope))["pretrend"]["p_value"] < 0.05 for seed in range(1, 201)]
    assert 0.72 <= np.mean(rejected) <= 0.88  # 0.8, within three binomial standard errors
    half = [event_study(_panel(seed, slope / 2))["pretrend"]["p_value"] < 0.05 for seed in range(1, 101)]
    assert np.mean(half) < 0.5  # half that trend mostly goes unnoticed


def test_the_breakdown_value_is_where_the_widened_interval_reaches_zero():
    # pre-award terms -3: +0.02, -2: -0.01, -1: 0 (reference): the largest change is 0.03
    pretrend = {"lead_years": [-3, -2], "lead_estimates": [0.02, -0.01], "lead_covariance": [[1, 0], [0, 1]]}
    breakdown = relative_magnitudes_breakdown(pretrend, 0.10, 0.30, post_years=3)
    # the violation in post year t is at most (t+1)·M̄·0.03: on average over t = 0, 1, 2, 2·M̄·0.03
    assert abs(breakdown - 0.10 / (2 * 0.03)) < 1e-12
    assert relative_magnitudes_breakdown(pretrend, -0.05, 0.30, post_years=3) == 0.0  # already includes zero
    assert abs(relative_magnitudes_breakdown(pretrend, -0.30, -0.12, post_years=1) - 0.12 / 0.03) < 1e-12
    steady = {**pretrend, "lead_estimates": [0.0, 0.0]}
    assert relative_magnitudes_breakdown(steady, 0.1, 0.3, post_years=3) == float("inf")
    assert relative_magnitudes_breakdown(None, 0.1, 0.3, post_years=3) is None
