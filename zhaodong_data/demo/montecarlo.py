"""The demo generator's scenarios, drawn again and again: what the estimators make of each.

`draws(scenario, n)` gives one row per draw and estimator (TWFE and the default award effect):
the estimate of the planted effect on log collective income, whether its 95% CI covers the
truth, its p-value, and the matching event study's pre-trend p-value. The test suite runs it small, `benchmarks/bench_analysis.py` in full, and the
panel notebook shows it.
"""

from __future__ import annotations

import pandas as pd

from ..analysis import award_panel, event_study, twfe
from ..analysis.award_effect import award_effect, award_event_study
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
    """One row per draw and estimator (`twfe`, and `award_effect`, the default): the estimate,
    the truth (the planted effect averaged over the draw's treated village-years), whether the
    95% CI covers it, the p-value, and the matching event study's pre-trend p-value."""
    rows = []
    for seed in range(n):
        parameters = DemoParameters.scenario(scenario, seed=seed)
        panel = draw(parameters, outcome)
        award = panel["award_year"].to_numpy(dtype=float)
        truth = parameters.average_effect(outcome, award, panel["year"].to_numpy(dtype=float)) or 0.0
        studies = {"twfe": event_study, "award_effect": award_event_study}
        for name, estimate in (("twfe", twfe(panel)), ("award_effect", award_effect(panel))):
            rows.append(
                {
                    "seed": seed,
                    "estimator": name,
                    "truth": truth,
                    "estimate": estimate.estimate,
                    "p_value": estimate.p_value,
                    # a refused estimate has no interval: it covers nothing (None), and is counted as such
                    "covered": (
                        estimate.ci_low <= truth <= estimate.ci_high
                        if estimate.ci_low is not None and estimate.ci_high is not None
                        else None
                    ),
                    "pretrend_p": _pretrend_p(studies[name](panel)) if pretrend else None,
                }
            )
    return pd.DataFrame(rows)


def _pretrend_p(study: dict) -> float | None:
    return study["pretrend"]["p_value"] if study.get("pretrend") else None


def summary(scenario: str, table: pd.DataFrame, estimator: str = "award_effect") -> dict:
    """Bias, coverage, rejection of a zero effect and of parallel pre-trends, for one estimator."""
    rows = table[table["estimator"] == estimator]
    truth = rows["truth"].mean()
    return {
        "scenario": scenario,
        "estimator": estimator,
        "truth": truth,
        "mean": rows["estimate"].mean(),
        "bias": rows["estimate"].mean() - truth,
        "coverage": rows["covered"].mean(),
        "rejects_zero": (rows["p_value"] < 0.05).mean(),
        "pretrend_rejects": (rows["pretrend_p"] < 0.05).mean() if rows["pretrend_p"].notna().any() else None,
        "draws": len(rows),
    }
