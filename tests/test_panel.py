"""The TWFE estimator recovers the demo panel's planted effect; its errors are the usual ones."""

import numpy as np
import pandas as pd

from zhaodong_data.analysis import award_panel, twfe
from zhaodong_data.demo import DemoParameters, generate_demo
from zhaodong_data.gazetteer import load_gazetteer


def _estimate(seed, effect):
    panel = generate_demo(load_gazetteer().villages, DemoParameters(seed=seed, red_flag_effect=effect))
    flags = pd.concat([panel.red_flags, pd.DataFrame([{"village_code": "231282106202", "aspect": "development"}])])
    return twfe(award_panel(panel.outcomes, flags, "collective_income", 2022))


def test_recovers_the_planted_effect_with_honest_coverage():
    estimates = [_estimate(seed, 0.15) for seed in range(20)]
    coefficients = np.array([e.coefficient for e in estimates])
    assert abs(coefficients.mean() - 0.15) < 0.02
    covered = np.mean([e.ci_low <= 0.15 <= e.ci_high for e in estimates])
    assert covered >= 0.85
    first = estimates[0]
    assert (first.n_villages, first.n_treated, first.n_clusters) == (186, 100, 186)
    assert first.n_observations == 186 * 7


def test_no_effect_is_rarely_significant():
    rejections = np.mean([_estimate(seed, 0.0).p_value < 0.05 for seed in range(20)])
    assert rejections <= 0.15


def test_unbalanced_panel_matches_dummy_regression():
    import statsmodels.formula.api as smf

    rng = np.random.default_rng(3)
    rows = [(f"v{v}", t) for v in range(30) for t in range(2016, 2024) if rng.uniform() > 0.15]
    panel = pd.DataFrame(rows, columns=["village_code", "year"])
    treated = panel["village_code"].isin([f"v{v}" for v in range(12)])
    panel["treated_post"] = (treated & (panel["year"] >= 2021)).astype(float)
    panel["y"] = (panel["village_code"].str[1:].astype(int) * 0.1 + (panel["year"] - 2016) * 0.05
                  + 0.2 * panel["treated_post"] + rng.normal(0, 0.1, len(panel)))
    ours = twfe(panel)
    dummies = smf.ols("y ~ treated_post + C(village_code) + C(year)", data=panel).fit()
    assert abs(ours.coefficient - dummies.params["treated_post"]) < 1e-8
