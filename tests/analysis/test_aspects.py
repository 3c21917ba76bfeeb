"""Aspect effects: the equal-effects test against a Wald test computed from pyfixest's own
coefficients and covariance; it rejects planted differences and keeps its size without them;
the dose, estimable only when villages hold several aspects."""

import numpy as np
import pandas as pd
import pytest

from zhaodong_data.analysis.aspects import aspect_effects, aspect_panel
from zhaodong_data.vocabulary import ASPECTS

pyfixest = pytest.importorskip("pyfixest", reason="pyfixest (a test extra) is the independent reference")


def _ledger(seed, effects=(0.1, 0.1, 0.1, 0.1, 0.1), villages=150, second_aspect=0):
    """Village v < 100 holds aspect ASPECTS[v % 5] from 2021 (and the next aspect too for the first
    `second_aspect` villages); effects add per aspect held; the rest never flagged."""
    rng = np.random.default_rng(seed)
    flags = [(f"v{v:03d}", ASPECTS[v % 5], 2021) for v in range(100)]
    flags += [(f"v{v:03d}", ASPECTS[(v + 1) % 5], 2021) for v in range(second_aspect)]
    red_flags = pd.DataFrame(flags, columns=["village_code", "aspect", "year"])
    rows = [(f"v{v:03d}", year) for v in range(villages) for year in range(2017, 2024)]
    outcomes = pd.DataFrame(rows, columns=["village_code", "year"])
    gain = np.zeros(len(outcomes))
    for code, aspect, year in flags:
        gain += np.where(
            (outcomes["village_code"] == code) & (outcomes["year"] >= year), effects[ASPECTS.index(aspect)], 0
        )
    level = rng.normal(12, 0.5, villages).repeat(7)
    log_value = level + 0.03 * (outcomes["year"] - 2017) + gain + rng.normal(0, 0.1, len(outcomes))
    outcomes = outcomes.assign(
        metric="collective_income", value=np.exp(log_value), qualifier="exact", is_synthetic=True
    )
    return outcomes, red_flags


def test_the_equal_effects_test_is_the_wald_test_on_feols_estimates():
    outcomes, red_flags = _ledger(1, effects=(0.05, 0.1, 0.15, 0.2, 0.1))
    result = aspect_effects(outcomes, red_flags, "collective_income")
    panel = aspect_panel(outcomes, red_flags, "collective_income")
    names = [f"post_{a}" for a in ASPECTS]
    fit = pyfixest.feols(f"y ~ {' + '.join(names)} | village_code + year", data=panel, vcov={"CRV1": "village_code"})
    beta, covariance = fit.coef()[names].to_numpy(), fit._vcov
    contrasts = np.eye(5)[1:] - np.eye(5)[0]
    d = contrasts @ beta
    statistic = d @ np.linalg.solve(contrasts @ covariance @ contrasts.T, d) / 4
    assert abs(result["equal"]["F"] - statistic) < 1e-6 and result["equal"]["df1"] == 4
    assert np.allclose(result["terms"]["estimate"], beta, atol=1e-8)
    assert result["equal"]["p_value"] < 0.001  # planted differences of 0.05 to 0.2
    assert result["dose"] is None and "one aspect" in result["dose_reason"]


def test_it_keeps_its_size_when_the_aspects_do_not_differ():
    rejected = [aspect_effects(*_ledger(seed), "collective_income")["equal"]["p_value"] < 0.05 for seed in range(60)]
    assert np.mean(rejected) <= 0.12


def test_the_dose_is_the_effect_of_one_more_aspect_where_villages_hold_several():
    outcomes, red_flags = _ledger(3, second_aspect=40)
    result = aspect_effects(outcomes, red_flags, "collective_income")
    assert result["dose_reason"] is None and abs(result["dose"]["estimate"] - 0.1) < 0.03
