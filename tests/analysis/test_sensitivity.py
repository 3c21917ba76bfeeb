"""The pre-trend test's power, checked by Monte Carlo with the planted pre-trend it names, and the
relative-magnitudes breakdown value, from how its inputs were built."""

import numpy as np
import pandas as pd

from zhaodong_data.analysis import event_study
from zhaodong_data.analysis.award_effect import award_event_study
from zhaodong_data.analysis.sensitivity import pretrend_power, relative_magnitudes_breakdown, relative_magnitudes_set


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


def _staggered(seed, villages=60, effect=0.2):
    """2016-2023; a third of the villages awarded in 2020, a third in 2021; village effects, year
    effects and noise that persists within a village (so the leads and the effects covary)."""
    rng = np.random.default_rng(seed)
    panel = pd.DataFrame(
        [(f"v{v:03d}", t) for v in range(villages) for t in range(2016, 2024)], columns=["village_code", "year"]
    )
    number = panel["village_code"].str[1:].astype(int)
    panel["award_year"] = np.select([number < villages // 3, number < 2 * villages // 3], [2020.0, 2021.0], np.nan)
    shock = rng.normal(0, 0.1, (villages, 8))
    persistent = np.cumsum(shock * 0.7, axis=1) + shock
    treated = panel["year"] >= panel["award_year"]
    panel["y"] = number * 0.01 + 0.03 * (panel["year"] - 2016) + persistent.ravel() + np.where(treated, effect, 0.0)
    return panel


def test_the_imputation_event_study_gives_the_joint_covariance_of_its_terms():
    """The leads and the post-award terms are fitted apart on the same villages; their joint
    covariance, from the cross product of the cluster scores, is checked against their spread
    over 300 draws, and its diagonal is the terms' own squared standard errors."""
    studies = [award_event_study(_staggered(seed), leads=3, lags=2) for seed in range(300)]
    first = studies[0]
    terms = first["terms"].set_index("relative_year")
    years = first["coefficients"]["relative_years"]
    assert years == [-3, -2, 0, 1, 2]
    covariance = np.array(first["coefficients"]["covariance"])
    assert np.allclose(np.sqrt(np.diag(covariance)), terms.loc[years, "std_error"], rtol=1e-10)
    draws = np.array([study["coefficients"]["estimates"] for study in studies])
    spread = np.cov(draws, rowvar=False)
    estimated = np.mean([np.array(study["coefficients"]["covariance"]) for study in studies], axis=0)

    def correlation(c):
        return c / np.sqrt(np.outer(np.diag(c), np.diag(c)))

    assert np.abs(correlation(estimated) - correlation(spread)).max() < 0.08
    assert np.all(np.abs(np.diag(estimated) / np.diag(spread) - 1) < 0.25)
    # the leads and the effects covary (about -0.25 here): a block-diagonal guess would be wrong
    assert np.abs(correlation(spread)[0, 2:]).min() > 0.15


def test_the_breakdown_reads_the_coefficients_in_any_order_and_needs_them_consecutive():
    study = award_event_study(_staggered(1, effect=0.3), leads=3, lags=2)
    coefficients = study["coefficients"]
    breakdown = relative_magnitudes_breakdown(coefficients)
    assert 0 < breakdown < float("inf")
    order = [4, 2, 0, 3, 1]
    shuffled = {
        "relative_years": [coefficients["relative_years"][i] for i in order],
        "estimates": [coefficients["estimates"][i] for i in order],
        "covariance": np.array(coefficients["covariance"])[np.ix_(order, order)].tolist(),
    }
    assert relative_magnitudes_breakdown(shuffled) == breakdown
    robust = relative_magnitudes_set(coefficients, mbar=breakdown)
    assert robust["low"] <= 0 <= robust["high"]
    gap = {
        key: value[1:] if key != "covariance" else np.array(value)[1:, 1:].tolist()
        for key, value in coefficients.items()
    }
    gap["relative_years"] = [-3, 0, 1, 2]
    assert relative_magnitudes_breakdown(gap) is None  # a lead missing next to the reference year
    assert relative_magnitudes_breakdown(None) is None
    null = award_event_study(_staggered(2, effect=0.0), leads=3, lags=2)
    assert relative_magnitudes_breakdown(null["coefficients"]) == 0.0  # no effect: zero is in the set already
