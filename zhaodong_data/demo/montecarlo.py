"""The demo generator's scenarios, drawn again and again: what the estimators make of each.

`draws(scenario, n)` gives one row per draw: the TWFE estimate of the planted effect on log
collective income, whether its 95% CI covers the truth, its p-value, and the event study's
pre-trend p-value. The test suite runs it small, `benchmarks/bench_analysis.py` in full, and the
panel notebook shows it.
"""

from __future__ import annotations

import pandas as pd

from ..analysis import award_panel, event_study, twfe
from ..gazetteer import load_gazetteer
from .generator import YONGFENG, DemoParameters, generate_demo


def draw(parameters: DemoParameters, outcome: str = "collective_income") -> pd.DataFrame:
    """The award panel of one demo draw (the published award, 永丰村, among the flags)."""
    panel = generate_demo(load_gazetteer().villages, parameters)
    flags = pd.concat(
        [
            panel.red_flags,
            pd.DataFrame([{"village_code": YONGFENG, "aspect": "development", "year": parameters.award_year}]),
        ]
    )
    return award_panel(panel.outcomes, flags, outcome)


def draws(scenario: str, n: int, outcome: str = "collective_income", pretrend: bool = True) -> pd.DataFrame:
    rows = []
    for seed in range(n):
        parameters = DemoParameters.scenario(scenario, seed=seed)
        panel = draw(parameters, outcome)
        estimate = twfe(panel)
        truth = parameters.truth(outcome) or 0.0
        rows.append(
            {
                "seed": seed,
                "truth": truth,
                "estimate": estimate.estimate,
                "p_value": estimate.p_value,
                # a refused estimate has no interval: it covers nothing (None), and is counted as such
                "covered": (
                    estimate.ci_low <= truth <= estimate.ci_high
                    if estimate.ci_low is not None and estimate.ci_high is not None
                    else None
                ),
                "pretrend_p": event_study(panel)["pretrend"]["p_value"] if pretrend else None,
            }
        )
    return pd.DataFrame(rows)


def summary(scenario: str, table: pd.DataFrame) -> dict:
    return {
        "scenario": scenario,
        "truth": table["truth"].iloc[0],
        "mean": table["estimate"].mean(),
        "bias": table["estimate"].mean() - table["truth"].iloc[0],
        "coverage": table["covered"].mean(),
        "rejects_zero": (table["p_value"] < 0.05).mean(),
        "pretrend_rejects": (table["pretrend_p"] < 0.05).mean() if table["pretrend_p"].notna().any() else None,
        "draws": len(table),
    }
