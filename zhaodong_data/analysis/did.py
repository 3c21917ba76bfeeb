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

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
from scipy import stats

CONVENTION = (
    "CRV1 by village; fixest's default small-sample correction G/(G-1)·(N-1)/(N-K), K = regressors "
    "+ years (village effects nested in the clusters); t(G-1)"
)
MIN_CLUSTERS = 20  # below this, clustered errors are unreliable: the wild cluster bootstrap instead
MIN_PERIODS = 2  # periods needed on each side of the award
BOOTSTRAP_DRAWS = 9_999
# Webb's six-point weights: ±√(1/2), ±1, ±√(3/2), each with probability 1/6.
WEBB = np.array([-np.sqrt(1.5), -1.0, -np.sqrt(0.5), np.sqrt(0.5), 1.0, np.sqrt(1.5)])


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
    convention: str
    reason: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def _codes(values) -> tuple[np.ndarray, int]:
    """Integer codes 0..G-1 of a column; a categorical's own codes when every category is used
    (no copy of its values, no hashing)."""
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()
        if len(codes) and codes.min() >= 0 and np.bincount(codes).min() > 0:
            return codes, int(codes.max()) + 1
        codes, uniques = pd.factorize(codes, sort=True)
        return codes, len(uniques)
    codes, uniques = pd.factorize(values, sort=True)
    return codes, len(uniques)


def demean(
    columns: np.ndarray,
    unit: np.ndarray,
    time: np.ndarray,
    tolerance: float = 1e-12,
    max_iterations: int = 10_000,
    copy: bool = True,
) -> np.ndarray:
    """`columns` (n × k) without their unit and time means, by alternating projections.
    `unit` and `time` are integer codes 0..G-1 and 0..T-1. In place when `copy` is False."""
    out = np.array(columns, dtype=float, copy=True) if copy else columns
    unit_counts = np.bincount(unit).astype(float)
    time_counts = np.bincount(time).astype(float)
    for j in range(out.shape[1]):
        column = out[:, j] if out.flags.f_contiguous else out[:, j].copy()
        for _ in range(max_iterations):
            largest = 0.0
            for codes, counts in ((unit, unit_counts), (time, time_counts)):
                means = np.bincount(codes, weights=column, minlength=len(counts)) / counts
                column -= means[codes]
                largest = max(largest, float(np.abs(means).max()) if len(means) else 0.0)
            if largest < tolerance:
                break
        if not out.flags.f_contiguous:
            out[:, j] = column
    return out


def _crv1(x: np.ndarray, residuals: np.ndarray, clusters: np.ndarray, n_clusters: int, k: int) -> np.ndarray:
    """CRV1 covariance of OLS coefficients with fixest's default small-sample correction."""
    n = len(residuals)
    bread = np.linalg.inv(x.T @ x)
    scores = np.zeros((n_clusters, x.shape[1]))
    for j in range(x.shape[1]):
        scores[:, j] = np.bincount(clusters, weights=x[:, j] * residuals, minlength=n_clusters)
    meat = scores.T @ scores
    correction = n_clusters / (n_clusters - 1) * (n - 1) / (n - k)
    return correction * bread @ meat @ bread


def _refused(term: str, reason: str, n_obs=0, n_villages=0, n_treated=0, clusters=0) -> Estimate:
    return Estimate(
        term, None, None, None, None, None, n_obs, n_villages, n_treated, clusters, "none", CONVENTION, reason
    )


def _design(panel: pd.DataFrame, y: str, regressors: list[str], unit: str, time: str, units=None):
    """(rows kept, demeaned y, demeaned regressors, unit codes, G, T) from numpy arrays, with no
    copy of the frame: rows with a missing value are dropped. `units`: (codes, G) if known."""
    columns = (y, *regressors)
    values = np.empty((len(panel), len(columns)), order="F")  # columns contiguous: demeaned in place
    for j, column in enumerate(columns):
        values[:, j] = panel[column].to_numpy(dtype=float)
    keep = np.isfinite(values).all(axis=1)
    unit_values, time_values = panel[unit], panel[time]
    if not keep.all():
        values, unit_values, time_values, units = values[keep], unit_values[keep], time_values[keep], None
        values = np.asfortranarray(values)
    units, n_units = units if units is not None else _codes(unit_values)
    times, n_times = _codes(time_values)
    demeaned = demean(values, units, times, copy=False)
    return keep, demeaned[:, 0], demeaned[:, 1:], units, n_units, n_times


def twfe(
    panel: pd.DataFrame,
    y: str = "y",
    treatment: str = "treated_post",
    unit: str = "village_code",
    time: str = "year",
    treated: str | None = "treated",
    post: str | None = "post",
    seed: int = 0,
) -> Estimate:
    """The award's effect by two-way fixed effects, or the reason there is none.

    Refused: fewer than MIN_PERIODS periods before or after the award (`post`), no treated or no
    comparison village (`treated`), a treatment the fixed effects absorb (singular design). With
    fewer than MIN_CLUSTERS villages, the estimate comes with the wild cluster bootstrap's p-value
    and CI (Webb weights, null imposed) instead of the normal-theory ones."""
    complete = np.isfinite(panel[y].to_numpy(dtype=float)) & np.isfinite(panel[treatment].to_numpy(dtype=float))
    data = panel if complete.all() else panel[complete]
    n_obs = len(data)
    if n_obs == 0:
        return _refused(treatment, "no observations")
    units, n_villages = _codes(data[unit])
    treated_units = np.bincount(units, weights=(data[treatment].to_numpy(dtype=float) > 0), minlength=n_villages)
    n_treated = int((treated_units > 0).sum())
    counts = dict(n_obs=n_obs, n_villages=n_villages, n_treated=n_treated, clusters=n_villages)
    reason = _why_not_comparable(data, time, treated, post)
    if reason:
        return _refused(treatment, reason, **counts)
    _, y_tilde, x_tilde, units, n_units, n_times = _design(data, y, [treatment], unit, time, (units, n_villages))
    if float(x_tilde[:, 0] @ x_tilde[:, 0]) < 1e-10 * max(1.0, len(x_tilde)):
        return _refused(treatment, "the fixed effects absorb the treatment (singular design)", **counts)
    beta = np.array([float(x_tilde[:, 0] @ y_tilde) / float(x_tilde[:, 0] @ x_tilde[:, 0])])
    k = x_tilde.shape[1] + n_times
    counted = (n_obs, n_villages, n_treated, n_units)
    if n_units < MIN_CLUSTERS:
        p_value, low, high = wild_cluster_bootstrap(y_tilde, x_tilde[:, 0], units, n_units, seed=seed)
        method = (
            f"wild cluster bootstrap (Webb weights, {BOOTSTRAP_DRAWS:,} draws, null imposed): "
            f"{n_units} clusters, fewer than {MIN_CLUSTERS}"
        )
        return Estimate(treatment, float(beta[0]), None, low, high, p_value, *counted, method, CONVENTION)
    if n_obs - k <= 0:
        return _refused(treatment, "more parameters than observations", **counts)
    y_tilde -= x_tilde[:, 0] * beta[0]  # the residuals, in place
    se = float(np.sqrt(_crv1(x_tilde, y_tilde, units, n_units, k)[0, 0]))
    critical = stats.t.ppf(0.975, n_units - 1)
    p_of_t = float(2 * stats.t.sf(abs(beta[0] / se), n_units - 1)) if se > 0 else None
    low, high = float(beta[0] - critical * se), float(beta[0] + critical * se)
    return Estimate(treatment, float(beta[0]), se, low, high, p_of_t, *counted, "two-way fixed effects", CONVENTION)


def _why_not_comparable(data: pd.DataFrame, time: str, treated: str | None, post: str | None) -> str | None:
    """Why the panel cannot show the award's effect, or None: too few periods on either side of
    the award (`post`), or no comparison group (`treated`)."""
    if post and post in data:
        is_post = data[post].to_numpy(dtype=bool)
        before, after = data.loc[~is_post, time].nunique(), data.loc[is_post, time].nunique()
        if before < MIN_PERIODS or after < MIN_PERIODS:
            return (
                f"{before} period(s) before and {after} after the award: at least {MIN_PERIODS} are needed on each side"
            )
    if treated and treated in data:
        flags = data[treated].to_numpy(dtype=bool)
        if flags.all() or not flags.any():
            return "no comparison group: every village or none is flagged"
    return None


def wild_cluster_bootstrap(
    y_tilde: np.ndarray,
    x_tilde: np.ndarray,
    clusters: np.ndarray,
    n_clusters: int,
    draws: int = BOOTSTRAP_DRAWS,
    seed: int = 0,
) -> tuple[float, float | None, float | None]:
    """(p-value, CI low, CI high) of the one coefficient of demeaned data, by the wild cluster
    bootstrap with the null imposed (WCR) and Webb weights, on the t statistic. The CI inverts
    the test over a grid of nulls (None where the grid does not bracket it)."""
    rng = np.random.default_rng(seed)
    weights = WEBB[rng.integers(0, len(WEBB), size=(draws, n_clusters))]
    xx = float(x_tilde @ x_tilde)

    def t_statistic(y_values, beta0):
        beta = (x_tilde @ y_values) / xx
        residuals = y_values - x_tilde * beta
        score = np.bincount(clusters, weights=x_tilde * residuals, minlength=n_clusters)
        return (beta - beta0) / np.sqrt(score @ score) * xx

    def p_of(beta0: float) -> float:
        observed = t_statistic(y_tilde, beta0)
        restricted = y_tilde - x_tilde * beta0
        # Under the null y = x·beta0 + u: resample u's cluster sums with the weights.
        x_u = np.bincount(clusters, weights=x_tilde * restricted, minlength=n_clusters)
        xx_by_cluster = np.bincount(clusters, weights=x_tilde * x_tilde, minlength=n_clusters)
        numerators = weights @ x_u / xx  # beta* - beta0 for each draw
        # each draw's residual scores: w_g·(x'u)_g - (x'x)_g·(beta* - beta0)
        scores = weights * x_u[None, :] - xx_by_cluster[None, :] * numerators[:, None]
        t_draws = numerators / np.sqrt((scores**2).sum(axis=1)) * xx
        return float(np.mean(np.abs(t_draws) >= abs(observed)))

    beta_hat = float((x_tilde @ y_tilde) / xx)
    p_value = p_of(0.0)
    residuals = y_tilde - x_tilde * beta_hat
    score = np.bincount(clusters, weights=x_tilde * residuals, minlength=n_clusters)
    scale = np.sqrt(score @ score) / xx or 1.0
    grid = beta_hat + scale * np.linspace(-8, 8, 161)
    accepted = [b for b in grid if p_of(b) > 0.05]
    if not accepted or accepted[0] == grid[0] or accepted[-1] == grid[-1]:
        return p_value, None, None
    return p_value, float(accepted[0]), float(accepted[-1])


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
            "reason": f"{n_units} villages (at least {MIN_CLUSTERS} are needed)"
            if n_units < MIN_CLUSTERS
            else "no flagged village in the panel",
        }
    _, y_tilde, x_tilde, units, n_units, n_times = _design(data, y, present, unit, time)
    if np.linalg.matrix_rank(x_tilde) < x_tilde.shape[1]:
        return {"terms": pd.DataFrame(), "pretrend": None, "reason": "singular design (too few years around the award)"}
    beta = np.linalg.lstsq(x_tilde, y_tilde, rcond=None)[0]
    residuals = y_tilde - x_tilde @ beta
    k = x_tilde.shape[1] + n_times
    covariance = _crv1(x_tilde, residuals, units, n_units, k)
    relative_years = [int(c.split("_")[1]) for c in present]
    return {
        "terms": _event_terms(relative_years, beta, covariance, n_units),
        "pretrend": _pretrend_test(relative_years, beta, covariance, n_units),
        "reason": None,
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
    }
