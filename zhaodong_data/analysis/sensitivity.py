"""How much the award effect's conclusion can bear: the pre-trend test's power, and how large a
violation of parallel trends after the award would overturn it.

- Power: the smallest linear pre-trend (log points a year, zero in the year before the award)
  that the event study's joint lead test detects with 80% power at the 5% level. Under such a
  trend the leads' means are slope · (k + 1) for lead k; the Wald F statistic is then noncentral
  F(df1, df2, lambda) with lambda = slope² · v'V⁻¹v (v the lead years + 1, V their covariance).
  A pre-trend test that passes says little when this slope is large next to the effect.
- Relative magnitudes (Rambachan and Roth 2023, Δ^RM): each post-award change of the violation
  of parallel trends may be at most M̄ times the largest change between consecutive pre-award
  terms. The robust confidence set for the average post-award effect (the mean of the event
  study's post-award terms) is the conditional-least-favourable hybrid set of
  `relative_magnitudes.py`, which allows for the sampling error of the pre-award terms (their
  joint covariance with the post-award ones); the breakdown value is the smallest M̄ at which
  it includes zero.
"""

from __future__ import annotations

import numpy as np
from scipy import optimize, stats

from .relative_magnitudes import rm_breakdown, rm_confidence_set

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


def _event_vector(coefficients: dict | None):
    """(β, Σ, leads, post-award terms) of an event study's coefficients, or None unless its leads
    run without a gap to the year before the reference and its post-award terms from 0."""
    if not coefficients or not coefficients.get("relative_years"):
        return None
    years = list(coefficients["relative_years"])
    leads = sorted(year for year in years if year < -1)
    post = sorted(year for year in years if year >= 0)
    if not leads or not post or leads != list(range(leads[0], -1)) or post != list(range(len(post))):
        return None
    order = [years.index(year) for year in leads + post]
    beta = np.asarray(coefficients["estimates"], dtype=float)[order]
    sigma = np.asarray(coefficients["covariance"], dtype=float)[np.ix_(order, order)]
    return beta, sigma, len(leads), len(post)


def relative_magnitudes_breakdown(coefficients: dict | None) -> float | None:
    """The breakdown value of M̄ for the average post-award effect (0: the robust set includes
    zero even with no post-award violation; inf: not below relative_magnitudes.MBAR_CEILING),
    or None without consecutive leads and post-award terms."""
    vector = _event_vector(coefficients)
    return None if vector is None else rm_breakdown(*vector)


def relative_magnitudes_set(coefficients: dict | None, mbar: float = 1.0) -> dict | None:
    """The robust 95% set {"low", "high", "open"} for the average post-award effect under
    Δ^RM(mbar), or None as `relative_magnitudes_breakdown`."""
    vector = _event_vector(coefficients)
    if vector is None:
        return None
    beta, sigma, n_pre, n_post = vector
    return rm_confidence_set(beta, sigma, n_pre, n_post, mbar)
