"""Difference-in-differences on the village-year panel: two-way fixed effects and an event study,
with village-clustered errors, guards that refuse what a design cannot support, and the wild
cluster bootstrap where clusters are few.

Conventions (checked against pyfixest in the tests):
- village and year effects are absorbed by alternating projections (`np.bincount`, so
  unbalanced panels work);
- CRV1 errors clustered by village with fixest's default small-sample correction
  (`ssc(adj = TRUE, fixef.K = "nested", cluster.adj = TRUE)`): G/(G-1) · (N-1)/(N-K), where K
  counts the regressors and the T year levels; the village effects, nested in the clusters, count
  as one (fixest's count: regressors + G + T - 1 fixed effects - G nested + 1);
- t(G-1) critical values and p-values.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np
import pandas as pd
from scipy import stats

from .clusters import cluster_column, cluster_label
from .cohorts import cohort_warnings
from .conventions import Convention
from .conventions import convention as error_convention
from .reasons import Reason
from .wild_bootstrap import BOOTSTRAP_DRAWS, wild_cluster_bootstrap
from .within import codes_of as _codes
from .within import crv1 as _crv1
from .within import demean

CONVENTION = error_convention()  # CRV1 by village, fixest's small-sample correction, t(G-1)


def convention(cluster: str | None = None, unit: str = "village_code") -> Convention:
    """The error convention, naming the clusters."""
    return error_convention("crv1", cluster, unit)


MIN_CLUSTERS = 20  # below this, clustered errors are unreliable: the wild cluster bootstrap instead
MIN_PERIODS = 2  # periods needed on each side of the award


@dataclass(frozen=True)
class Estimate:
    """One estimate as a tidy row; `reason` says why there is none."""

    term: str
    estimate: float | None
    std_error: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    n_obs: int
    n_villages: int
    n_treated: int
    clusters: int
    method: str
    convention: str  # a Convention: its English sentence, rendered in Chinese by `text_in`
    reason: str | None = None
    warnings: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return asdict(self)


def _refused(term: str, reason: str, n_obs=0, n_villages=0, n_treated=0, clusters=0) -> Estimate:
    return Estimate(
        term, None, None, None, None, None, n_obs, n_villages, n_treated, clusters, "none", CONVENTION, reason
    )


def _design(panel: pd.DataFrame, y: str, regressors: list[str], unit: str, time: str, units=None):
    """(rows kept, demeaned y, demeaned regressors, unit codes, G, time codes, T) from numpy arrays, with no
    copy of the frame: rows with a missing value are dropped. `units`: (codes, G) if known."""
    columns = (y, *regressors)
    values = np.empty((len(panel), len(columns)), order="F")  # columns contiguous: demeaned in place
    for j, column in enumerate(columns):
        values[:, j] = panel[column].to_numpy(dtype=float)
    keep = np.isfinite(values).all(axis=1)
    unit_values, time_values = panel[unit], panel[time]
    if not keep.all():
        kept = np.flatnonzero(keep)
        values, unit_values, time_values, units = values[kept], unit_values.iloc[kept], time_values.iloc[kept], None
        values = np.asfortranarray(values)
    units, n_units = units if units is not None else _codes(unit_values)
    times, n_times = _codes(time_values)
    demeaned = demean(values, units, times, copy=False)
    return keep, demeaned[:, 0], demeaned[:, 1:], units, n_units, times, n_times


def twfe(
    panel: pd.DataFrame,
    y: str = "y",
    treatment: str = "treated_post",
    unit: str = "village_code",
    time: str = "year",
    treated: str | None = "treated",
    post: str | None = "post",
    seed: int = 0,
    cluster: str | None = None,
    award_year: str | None = "award_year",
) -> Estimate:
    """The award's effect by two-way fixed effects, or the reason there is none.

    Refused: fewer than MIN_PERIODS periods before or after the award (`post`), no treated or no
    comparison village (`treated`), a treatment the fixed effects absorb (singular design), a
    clustering that splits a village. Errors are clustered by village, or by `cluster` (a column,
    or "town"). With fewer than MIN_CLUSTERS clusters, the estimate comes with the wild cluster
    bootstrap's p-value and CI (Webb weights, null imposed, effects re-fitted in every draw)
    instead of the normal-theory ones. Where `award_year` shows awards in several years, the
    estimate warns that TWFE weighs the cohorts unevenly (see `cohorts.py`)."""
    complete = np.isfinite(panel[y].to_numpy(dtype=float)) & np.isfinite(panel[treatment].to_numpy(dtype=float))
    data = panel if complete.all() else panel[complete]
    n_obs = len(data)
    if n_obs == 0:
        return _refused(treatment, Reason("no_observations"))
    units, n_villages = _codes(data[unit])
    treated_units = np.bincount(units, weights=(data[treatment].to_numpy(dtype=float) > 0), minlength=n_villages)
    n_treated = int((treated_units > 0).sum())
    counts = dict(n_obs=n_obs, n_villages=n_villages, n_treated=n_treated, clusters=n_villages)
    cluster_values, why_not = cluster_column(data, cluster, unit)
    reason = why_not or _why_not_comparable(data, time, treated, post)
    if reason or cluster_values is None:
        return _refused(treatment, reason or Reason("no_clusters"), **counts)
    clusters, n_clusters = (units, n_villages) if cluster in (None, unit) else _codes(cluster_values)
    counts["clusters"] = n_clusters
    _, y_tilde, x_tilde, units, n_units, times, n_times = _design(data, y, [treatment], unit, time, (units, n_villages))
    x = x_tilde[:, 0]
    if float(x @ x) < 1e-10 * max(1.0, len(x)):
        return _refused(treatment, Reason("absorbed_treatment"), **counts)
    beta = float(x @ y_tilde) / float(x @ x)
    k = x_tilde.shape[1] + n_times
    counted = (n_obs, n_villages, n_treated, n_clusters)
    notes = cohort_warnings(data, x, time, award_year) if award_year and award_year in data else ()
    named = convention(cluster, unit)
    if n_clusters < MIN_CLUSTERS:
        fit = _twfe_fit(x, units, times, clusters, n_clusters)
        restricted = (y_tilde, x)  # u = y~ - beta0·x~: the restricted residuals, linear in the null
        p_value, low, high = wild_cluster_bootstrap(fit, y_tilde, restricted, clusters, n_clusters, seed=seed)
        method = f"two-way fixed effects; {bootstrap_method(cluster_label(cluster, unit), n_clusters)}"
        return Estimate(treatment, beta, None, low, high, p_value, *counted, method, named, None, notes)
    if n_obs - k <= 0:
        return _refused(treatment, Reason("more_parameters"), **counts)
    residuals = y_tilde - x * beta
    se = float(np.sqrt(_crv1(x_tilde, residuals, clusters, n_clusters, k)[0, 0]))
    critical = stats.t.ppf(0.975, n_clusters - 1)
    p_of_t = float(2 * stats.t.sf(abs(beta / se), n_clusters - 1)) if se > 0 else None
    low, high = float(beta - critical * se), float(beta + critical * se)
    by = f"; CRV1 by {cluster_label(cluster, unit)}: {n_clusters} clusters, at least {MIN_CLUSTERS}"
    method = "two-way fixed effects" + (by if cluster not in (None, unit) else "")
    return Estimate(treatment, beta, se, low, high, p_of_t, *counted, method, named, None, notes)


def bootstrap_method(label: str, n_clusters: int) -> str:
    """How a bootstrapped estimate's inference was made, for its method string."""
    return (
        f"wild cluster bootstrap by {label} (Webb weights, {BOOTSTRAP_DRAWS:,} draws, null imposed): "
        f"{n_clusters} clusters, fewer than {MIN_CLUSTERS}"
    )


def _twfe_fit(x: np.ndarray, units: np.ndarray, times: np.ndarray, clusters: np.ndarray, n_clusters: int):
    """TWFE applied to an outcome v: (coefficient, cluster scores / x'x), both effects removed from v."""
    xx = float(x @ x)

    def fit(values: np.ndarray) -> tuple[float, np.ndarray]:
        demeaned = demean(values[:, None], units, times)[:, 0]
        beta = float(x @ demeaned) / xx
        scores = np.bincount(clusters, weights=x * (demeaned - x * beta), minlength=n_clusters)
        return beta, scores / xx

    return fit


def _why_not_comparable(data: pd.DataFrame, time: str, treated: str | None, post: str | None) -> str | None:
    """Why the panel cannot show the award's effect, or None: too few periods on either side of
    the award (`post`), or no comparison group (`treated`)."""
    if post and post in data:
        is_post = data[post].to_numpy(dtype=bool)
        before, after = data.loc[~is_post, time].nunique(), data.loc[is_post, time].nunique()
        if before < MIN_PERIODS or after < MIN_PERIODS:
            return Reason("few_periods", before=int(before), after=int(after), needed=MIN_PERIODS)
    if treated and treated in data:
        flags = data[treated].to_numpy(dtype=bool)
        if flags.all() or not flags.any():
            return Reason("no_comparison")
    return None


@dataclass(frozen=True)
class Terms:
    """Several coefficients of one TWFE regression: a tidy table and their covariance, or why not."""

    table: pd.DataFrame  # term, estimate, std_error, ci_low, ci_high, p_value
    covariance: np.ndarray
    n_clusters: int
    n_obs: int
    reason: str | None = None


def twfe_terms(
    panel: pd.DataFrame,
    regressors: list[str],
    y: str = "y",
    unit: str = "village_code",
    time: str = "year",
    cluster: str | None = None,
) -> Terms:
    """TWFE with several regressors, CRV1 clustered errors (fixest's convention) and t(G-1)
    intervals: the common step of the spillover, aspect and dose regressions."""
    data = panel[np.isfinite(panel[[y, *regressors]].to_numpy(dtype=float)).all(axis=1)]
    nothing = Terms(pd.DataFrame(), np.empty((0, 0)), 0, len(data))
    if data.empty:
        return replace(nothing, reason=Reason("no_observations"))
    cluster_values, why_not = cluster_column(data, cluster, unit)
    if why_not or cluster_values is None:
        return replace(nothing, reason=why_not or Reason("no_clusters"))
    _, y_tilde, x_tilde, _, _, _, n_times = _design(data, y, regressors, unit, time)
    if np.linalg.matrix_rank(x_tilde) < x_tilde.shape[1]:
        return replace(nothing, reason=Reason("absorbed_regressor"))
    clusters, n_clusters = _codes(cluster_values)
    if n_clusters < MIN_CLUSTERS:
        return replace(
            nothing, n_clusters=n_clusters, reason=Reason("few_clusters", n=int(n_clusters), needed=MIN_CLUSTERS)
        )
    beta = np.linalg.lstsq(x_tilde, y_tilde, rcond=None)[0]
    covariance = _crv1(x_tilde, y_tilde - x_tilde @ beta, clusters, n_clusters, x_tilde.shape[1] + n_times)
    se = np.sqrt(np.diag(covariance))
    critical = stats.t.ppf(0.975, n_clusters - 1)
    table = pd.DataFrame(
        {
            "term": regressors,
            "estimate": beta,
            "std_error": se,
            "ci_low": beta - critical * se,
            "ci_high": beta + critical * se,
            "p_value": 2 * stats.t.sf(np.abs(beta / se), n_clusters - 1),
        }
    )
    return Terms(table, covariance, n_clusters, len(data))


def wald_equal(terms: Terms, names: list[str]) -> dict | None:
    """The Wald F test that the named coefficients are all equal (df1 = len - 1, df2 = G - 1)."""
    index = [list(terms.table["term"]).index(name) for name in names]
    if len(index) < 2:
        return None
    beta = terms.table["estimate"].to_numpy()[index]
    contrasts = np.eye(len(index))[1:] - np.eye(len(index))[0]  # each against the first
    difference = contrasts @ beta
    variance = contrasts @ terms.covariance[np.ix_(index, index)] @ contrasts.T
    statistic = float(difference @ np.linalg.solve(variance, difference) / len(difference))
    df2 = terms.n_clusters - 1
    return {
        "F": statistic,
        "df1": len(difference),
        "df2": df2,
        "p_value": float(stats.f.sf(statistic, len(difference), df2)),
    }


def event_study(
    panel: pd.DataFrame,
    leads: int = 3,
    lags: int = 2,
    y: str = "y",
    unit: str = "village_code",
    time: str = "year",
    award_year: str = "award_year",
) -> dict:
    """Leads and lags of the award (the year before it is the reference; the ends are binned),
    with village-clustered errors, and the joint test that every lead is zero (parallel pre-trends).
    `award_year` is each flagged village's own award year (NaN for never-flagged villages).
    Returns {"terms": DataFrame (relative year, estimate, se, CI, p), "pretrend": {F, df, p},
    "reason": None or why not}."""
    data = panel[[y, unit, time, award_year]].copy()
    data = data[data[y].notna()]
    relative = (data[time] - data[award_year]).clip(-leads, lags)
    terms = [k for k in range(-leads, lags + 1) if k != -1]
    columns = []
    for k in terms:
        name = f"rel_{k}"
        data[name] = (relative == k).astype(float).fillna(0.0)
        columns.append(name)
    present = [c for c in columns if data[c].sum() > 0]
    n_units = data[unit].nunique()
    if n_units < MIN_CLUSTERS or not present:
        return {
            "terms": pd.DataFrame(),
            "pretrend": None,
            "reason": Reason("few_villages", n=int(n_units), needed=MIN_CLUSTERS)
            if n_units < MIN_CLUSTERS
            else Reason("no_flagged_village"),
        }
    _, y_tilde, x_tilde, units, n_units, _, n_times = _design(data, y, present, unit, time)
    if np.linalg.matrix_rank(x_tilde) < x_tilde.shape[1]:
        return {"terms": pd.DataFrame(), "pretrend": None, "reason": Reason("singular_event_study")}
    beta = np.linalg.lstsq(x_tilde, y_tilde, rcond=None)[0]
    residuals = y_tilde - x_tilde @ beta
    k = x_tilde.shape[1] + n_times
    covariance = _crv1(x_tilde, residuals, units, n_units, k)
    relative_years = [int(c.split("_")[1]) for c in present]
    return {
        "terms": _event_terms(relative_years, beta, covariance, n_units),
        "pretrend": _pretrend_test(relative_years, beta, covariance, n_units),
        "coefficients": event_coefficients(relative_years, beta, covariance),
        "reason": None,
    }


def event_coefficients(relative_years, estimates, covariance: np.ndarray) -> dict:
    """An event study's coefficients (the reference year left out) with their joint covariance:
    what the sensitivity bounds take (`sensitivity.py`)."""
    return {
        "relative_years": [int(year) for year in relative_years],
        "estimates": [float(value) for value in estimates],
        "covariance": np.asarray(covariance, dtype=float).tolist(),
    }


def _event_terms(relative_years: list[int], beta: np.ndarray, covariance: np.ndarray, n_units: int) -> pd.DataFrame:
    """One row per relative year: estimate, clustered SE, 95% CI and p (t with G-1 df); the
    reference year (-1) is a row of zeros."""
    se = np.sqrt(np.diag(covariance))
    critical = stats.t.ppf(0.975, n_units - 1)
    rows = pd.DataFrame(
        {
            "relative_year": relative_years,
            "estimate": beta,
            "std_error": se,
            "ci_low": beta - critical * se,
            "ci_high": beta + critical * se,
            "p_value": 2 * stats.t.sf(np.abs(beta / se), n_units - 1),
        }
    )
    reference = {"relative_year": -1, "estimate": 0.0, "std_error": 0.0, "ci_low": 0.0, "ci_high": 0.0}
    rows = pd.concat([rows, pd.DataFrame([{**reference, "p_value": None}])], ignore_index=True)
    return rows.sort_values("relative_year").reset_index(drop=True)


def _pretrend_test(relative_years: list[int], beta: np.ndarray, covariance: np.ndarray, n_units: int) -> dict | None:
    """The Wald F test that every lead before the reference year is zero, or None without leads."""
    leads_in = [i for i, year in enumerate(relative_years) if year < -1]
    if not leads_in:
        return None
    b = beta[leads_in]
    statistic = float(b @ np.linalg.solve(covariance[np.ix_(leads_in, leads_in)], b) / len(leads_in))
    return {
        "F": statistic,
        "df1": len(leads_in),
        "df2": n_units - 1,
        "p_value": float(stats.f.sf(statistic, len(leads_in), n_units - 1)),
        # what the test's power and the sensitivity bounds are computed from (`sensitivity.py`)
        "lead_years": [relative_years[i] for i in leads_in],
        "lead_estimates": [float(v) for v in b],
        "lead_covariance": covariance[np.ix_(leads_in, leads_in)].tolist(),
    }
