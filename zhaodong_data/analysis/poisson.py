"""The award effect in levels by Poisson pseudo-maximum likelihood (PPML) with village and year
effects: zeros stay in (a village with no operating income is data, not a missing log), and the
coefficient is a proportional effect, exp(beta) - 1, comparable with the log estimate.

Fitted by iteratively reweighted least squares, each step a weighted within transformation
(`within.weighted_demean`). Villages (or years) whose outcome is zero throughout carry no
information and are left out, as fixest does, and counted. Errors: CRV1 clustered by village on
the score x~·(y - mu) with the bread sum of mu·x~², and fixest's small-sample factor, checked
against pyfixest's `fepois` in the tests; t(G-1) intervals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from .conventions import convention as error_convention
from .did import MIN_CLUSTERS, Estimate, _refused
from .reasons import Reason
from .ssc import FIXEST_DEFAULT
from .within import codes_of, weighted_demean

PPML = "Poisson pseudo-maximum likelihood (levels, zeros kept)"


def ppml(
    panel: pd.DataFrame,
    y: str = "value",
    treatment: str = "treated_post",
    unit: str = "village_code",
    time: str = "year",
    tolerance: float = 1e-11,
    max_iterations: int = 500,
) -> Estimate:
    """The PPML estimate of `treatment` on `y` (levels, zero allowed) with both effects."""
    data = panel[np.isfinite(panel[[y, treatment]].to_numpy(dtype=float)).all(axis=1)]
    data = data[data[y] >= 0]
    informative = data.groupby(unit)[y].transform("sum").gt(0) & data.groupby(time)[y].transform("sum").gt(0)
    left_out = int((~informative).sum())
    data = data[informative]
    if data.empty:
        return _refused(treatment, Reason("no_observations"))
    units, n_units = codes_of(data[unit])
    times, _ = codes_of(data[time])
    outcome = data[y].to_numpy(dtype=float)
    x = data[treatment].to_numpy(dtype=float)
    n_treated = int(data.loc[x > 0, unit].nunique())
    counted: dict[str, int] = dict(n_obs=len(data), n_villages=n_units, n_treated=n_treated, clusters=n_units)
    if n_units < MIN_CLUSTERS:
        return _refused(treatment, Reason("few_villages", n=int(n_units), needed=MIN_CLUSTERS), **counted)
    if n_treated == 0 or n_treated == n_units:
        return _refused(treatment, Reason("no_comparison"), **counted)
    mu = (outcome + outcome.mean()) / 2
    eta = np.log(mu)
    for _ in range(max_iterations):
        working = eta + (outcome - mu) / mu
        demeaned = weighted_demean(np.column_stack([working, x]), units, times, mu)
        z_tilde, x_tilde = demeaned[:, 0], demeaned[:, 1]
        beta = float((mu * x_tilde) @ z_tilde / ((mu * x_tilde) @ x_tilde))
        updated = working - (z_tilde - x_tilde * beta)
        change = float(np.abs(updated - eta).max())
        eta, mu = updated, np.exp(updated)
        if change < tolerance:  # the linear predictor no longer moves
            break
    bread = 1.0 / float((mu * x_tilde) @ x_tilde)
    scores = np.bincount(units, weights=x_tilde * (outcome - mu), minlength=n_units)
    n, k = len(outcome), 1 + len(np.unique(times))
    se = float(np.sqrt(FIXEST_DEFAULT.factor(n, k, n_units) * bread**2 * (scores @ scores)))
    critical = stats.t.ppf(0.975, n_units - 1)
    p_value = float(2 * stats.t.sf(abs(beta / se), n_units - 1))
    notes = (
        (f"{left_out} village-years of villages or years with a zero outcome throughout are left out",)
        if left_out
        else ()
    )
    convention = error_convention("crv1_ppml")
    low, high = beta - critical * se, beta + critical * se
    return Estimate(
        treatment, beta, se, low, high, p_value, len(data), n_units, n_treated, n_units, PPML, convention, None, notes
    )
