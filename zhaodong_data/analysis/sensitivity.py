"""How much the award effect's conclusion can bear: the pre-trend test's power, and how large a
violation of parallel trends after the award would overturn it.

- Power: the smallest linear pre-trend (log points a year, zero in the year before the award)
  that the event study's joint lead test detects with 80% power at the 5% level. Under such a
  trend the leads' means are slope · (k + 1) for lead k; the Wald F statistic is then noncentral
  F(df1, df2, lambda) with lambda = slope² · v'V⁻¹v (v the lead years + 1, V their covariance).
  A pre-trend test that passes says little when this slope is large next to the effect.
- Relative magnitudes (after Rambachan and Roth 2023, Δ^RM): each post-award year's violation
  may change by at most M̄ times the largest change between consecutive pre-award terms (the
  reference year's term is zero). The violation in post-award year t is then at most
  (t + 1) · M̄ · D, and the average effect's bias at most M̄ · D · mean(t + 1); the 95% CI
  widened by that bound first includes zero at the breakdown value of M̄. This takes the
  pre-award changes at their estimates; Rambachan and Roth's inference also allows for their
  sampling error and gives wider sets, so the breakdown here is an upper bound on theirs.
"""

from __future__ import annotations

import numpy as np
from scipy import optimize, stats

POWER = 0.8
ALPHA = 0.05


def pretrend_power(pretrend: dict | None, power: float = POWER, alpha: float = ALPHA) -> float | None:
    """The smallest linear pre-trend slope the joint lead test detects with `power`, or None
    without leads."""
    if not pretrend or not pretrend.get("lead_years"):
        return None
    v = np.array(pretrend["lead_years"], dtype=float) + 1.0
    covariance = np.array(pretrend["lead_covariance"], dtype=float)
    information = float(v @ np.linalg.solve(covariance, v))
    df1, df2 = int(pretrend["df1"]), int(pretrend["df2"])
    critical = stats.f.ppf(1 - alpha, df1, df2)

    def shortfall(noncentrality: float) -> float:
        return float(stats.ncf.sf(critical, df1, df2, noncentrality)) - power

    noncentrality = optimize.brentq(shortfall, 1e-9, 1e4)
    return float(np.sqrt(noncentrality / information)) if information > 0 else None


def relative_magnitudes_breakdown(
    pretrend: dict | None, ci_low: float | None, ci_high: float | None, post_years: int
) -> float | None:
    """The breakdown value of M̄: the smallest multiple of the largest pre-award change at which
    the widened CI of the average effect over post-award years 0..post_years-1 includes zero.
    0 when the CI already does; inf when the pre-award terms do not change; None without leads."""
    if not pretrend or not pretrend.get("lead_years") or ci_low is None or ci_high is None:
        return None
    if ci_low <= 0 <= ci_high:
        return 0.0
    terms = dict(zip(pretrend["lead_years"], pretrend["lead_estimates"], strict=True))
    terms[-1] = 0.0  # the reference year
    ordered = [terms[year] for year in sorted(terms)]
    largest_change = float(np.max(np.abs(np.diff(ordered))))
    if largest_change == 0:
        return float("inf")
    mean_steps = float(np.mean(np.arange(1, post_years + 1)))
    distance = ci_low if ci_low > 0 else -ci_high
    return distance / (largest_change * mean_steps)
