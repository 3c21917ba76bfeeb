"""Two-way fixed effects (village and year) for the award, with village-clustered errors.

The estimator demeans by village and by year (alternating projections, so unbalanced
panels work) and runs OLS on the demeaned data with cluster-robust (CRV1) errors by
village. The village and year effects are absorbed and not counted in the small-sample
correction, as fixest and reghdfe do when the effects are nested in the clusters.

What it estimates: the average change in flagged villages' outcome after the award year,
relative to the others, under parallel trends. Selection on levels (strong villages
flagged) is absorbed by the village effects; selection on trends is not.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm



def flagged_codes(red_flags: pd.DataFrame, aspect: str = "any") -> set[str]:
    """Villages holding a flag (of one aspect, or any); awards that cannot be placed are left out."""
    placed = red_flags[red_flags["village_code"].notna()]
    if aspect != "any":
        placed = placed[placed["aspect"] == aspect]
    return set(placed["village_code"])


@dataclass(frozen=True)
class PanelEstimate:
    coefficient: float
    standard_error: float
    ci_low: float
    ci_high: float
    p_value: float
    n_observations: int
    n_villages: int
    n_treated: int
    n_clusters: int
    standard_errors: str = "CRV1, clustered by village; village and year effects absorbed"

    def as_dict(self) -> dict:
        return asdict(self)


def award_panel(outcomes: pd.DataFrame, red_flags: pd.DataFrame, metric: str, award_year: int,
                aspect: str = "any", log: bool = True) -> pd.DataFrame:
    """Village-year rows of one metric with treated (flagged), post (from the award year) and
    their product; `y` is the log of the point value when `log` (positive values only)."""
    panel = outcomes[outcomes["metric"] == metric][["village_code", "year", "value", "qualifier", "is_synthetic"]].copy()
    panel = panel.drop_duplicates(["village_code", "year"])
    panel["treated"] = panel["village_code"].isin(flagged_codes(red_flags, aspect))
    panel["post"] = panel["year"] >= award_year
    panel["treated_post"] = (panel["treated"] & panel["post"]).astype(float)
    if log:
        panel = panel[panel["value"] > 0]
        panel["y"] = np.log(panel["value"])
    else:
        panel["y"] = panel["value"]
    return panel.reset_index(drop=True)


def _demean(frame: pd.DataFrame, columns: list[str], unit: str, time: str, tolerance: float = 1e-10,
            max_iterations: int = 1000) -> pd.DataFrame:
    """Remove unit and time means by alternating projections (one sweep when balanced)."""
    out = frame[columns].astype(float).copy()
    for _ in range(max_iterations):
        before = out.to_numpy().copy()
        out = out - out.groupby(frame[unit]).transform("mean")
        out = out - out.groupby(frame[time]).transform("mean")
        if np.max(np.abs(out.to_numpy() - before)) < tolerance:
            break
    return out


def twfe(panel: pd.DataFrame, y: str = "y", treatment: str = "treated_post", unit: str = "village_code",
         time: str = "year") -> PanelEstimate:
    data = panel[[y, treatment, unit, time]].dropna()
    demeaned = _demean(data, [y, treatment], unit, time)
    model = sm.OLS(demeaned[y].to_numpy(), demeaned[[treatment]].to_numpy())
    groups = pd.factorize(data[unit])[0]
    fit = model.fit(cov_type="cluster", cov_kwds={"groups": groups, "use_correction": True})
    low, high = fit.conf_int()[0]
    treated_units = data.loc[data[treatment] > 0, unit].nunique()
    return PanelEstimate(
        coefficient=float(fit.params[0]), standard_error=float(fit.bse[0]), ci_low=float(low), ci_high=float(high),
        p_value=float(fit.pvalues[0]), n_observations=len(data), n_villages=data[unit].nunique(),
        n_treated=int(treated_units), n_clusters=int(groups.max() + 1),
    )
