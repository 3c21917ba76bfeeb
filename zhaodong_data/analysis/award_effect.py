"""The award's effect as the dashboard, the notebooks and the CLI report it.

`award_effect`: with awards in one year, two-way fixed effects (`did.twfe`, exactly); with
awards in several years, the imputation estimator (`imputation.py`), which stays right when
effects differ by cohort or grow with time since award, where TWFE does not. The method string
names which. `award_event_study`: the matching event study, its post-award terms imputed and its
leads estimated on the untreated village-years only, so an effect after the award cannot leak
into the pre-trend test.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from scipy import stats

from .clusters import cluster_column, cluster_label
from .cohorts import cohorts_of
from .conventions import convention as error_convention
from .did import (
    MIN_CLUSTERS,
    MIN_PERIODS,
    Estimate,
    _design,
    _pretrend_test,
    _refused,
    bootstrap_method,
    convention,
    event_coefficients,
    event_study,
    twfe,
)
from .imputation import ImputationDesign, effect_terms, imputation_design, mean_effect
from .reasons import Reason
from .wild_bootstrap import wild_cluster_bootstrap
from .within import crv1_scores

IMPUTATION = "imputation (Borusyak–Jaravel–Spiess; the did2s point estimate)"


def is_imputation(estimate) -> bool:
    """Whether an estimate is the imputation estimator's (its method opens with IMPUTATION), not TWFE's."""
    return str(estimate.method).startswith(IMPUTATION)


def with_treatment(panel: pd.DataFrame, time: str = "year", award_year: str = "award_year") -> pd.DataFrame:
    """`treated`, `post` and `treated_post` from the award years, where the panel lacks them."""
    if {"treated", "post", "treated_post"} <= set(panel.columns):
        return panel
    award = panel[award_year].to_numpy(dtype=float)
    year = panel[time].to_numpy(dtype=float)
    first = np.nanmin(award) if np.isfinite(award).any() else np.inf
    return panel.assign(
        treated=np.isfinite(award),
        post=year >= first,
        treated_post=(np.isfinite(award) & (year >= award)).astype(float),
    )


def award_effect(
    panel: pd.DataFrame,
    y: str = "y",
    unit: str = "village_code",
    time: str = "year",
    award_year: str = "award_year",
    cluster: str = "village_code",
    seed: int = 0,
) -> Estimate:
    """The average effect of the award on the awarded village-years, or the reason there is none.
    `award_year` is NaN for never-awarded villages; `cluster` a column, or "town"."""
    present = panel[np.isfinite(panel[y].to_numpy(dtype=float))]
    if len(cohorts_of(present, award_year)) <= 1:
        data = with_treatment(panel, time, award_year)
        estimate = twfe(data, y=y, unit=unit, time=time, seed=seed, cluster=cluster, award_year=award_year)
    else:
        estimate = imputation_effect(panel, y, unit, time, award_year, cluster, seed)
    dropped = panel.attrs.get("not_positive_dropped", 0)
    if dropped:
        note = f"{dropped} village-years with a zero or negative value are left out of the log outcome"
        estimate = replace(estimate, warnings=(*estimate.warnings, note))
    return estimate


def award_event_study(
    panel: pd.DataFrame,
    leads: int = 3,
    lags: int = 2,
    y: str = "y",
    unit: str = "village_code",
    time: str = "year",
    award_year: str = "award_year",
    cluster: str = "village_code",
) -> dict:
    """The event study that goes with `award_effect`: TWFE's (`did.event_study`) with awards in
    one year, the imputation event study with awards in several."""
    present = panel[np.isfinite(panel[y].to_numpy(dtype=float))]
    if len(cohorts_of(present, award_year)) <= 1:
        study = event_study(panel, leads=leads, lags=lags, y=y, unit=unit, time=time, award_year=award_year)
        return {**study, "method": "two-way fixed effects event study"}
    return imputation_event_study(panel, leads, lags, y, unit, time, award_year, cluster)


def imputation_effect(
    panel: pd.DataFrame,
    y: str = "y",
    unit: str = "village_code",
    time: str = "year",
    award_year: str = "award_year",
    cluster: str = "village_code",
    seed: int = 0,
) -> Estimate:
    """The imputation estimate, whatever the number of award years (see `imputation.py`)."""
    data = panel[np.isfinite(panel[y].to_numpy(dtype=float))]
    term = "treated_post"
    if data.empty:
        return _refused(term, Reason("no_observations"))
    clusters, why_not = cluster_column(data, cluster, unit)
    reason = why_not or _why_not_imputable(data, time, award_year)
    counts = dict(
        n_obs=len(data), n_villages=data[unit].nunique(), n_treated=data.loc[data[award_year].notna(), unit].nunique()
    )
    if reason or clusters is None:
        return _refused(term, reason or Reason("no_clusters"), **counts)
    design = imputation_design(data, y, unit, time, award_year, clusters)
    selected = design.treated
    weights = design.imputation_weights(selected)
    beta, scores = mean_effect(design, design.y, selected, weights)
    counted = (len(design.y), design.n_units, counts["n_treated"], design.n_clusters)
    notes = (
        (
            f"{design.left_out} awarded village-years could not be imputed (no untreated year of the village or no untreated village in the year) and are left out",
        )
        if design.left_out
        else ()
    )
    label = cluster_label(cluster, unit)
    named = error_convention("gmm", cluster, unit)
    if design.n_clusters < MIN_CLUSTERS:
        p_value, low, high = _bootstrapped(design, selected, weights, seed)
        method = f"{IMPUTATION}; {bootstrap_method(label, design.n_clusters)}"
        return Estimate(term, beta, None, low, high, p_value, *counted, method, named, None, notes)
    se = float(np.sqrt(scores @ scores))
    critical = stats.t.ppf(0.975, design.n_clusters - 1)
    p_value = float(2 * stats.t.sf(abs(beta / se), design.n_clusters - 1)) if se > 0 else None
    method = f"{IMPUTATION}; {design.n_clusters} clusters by {label}"
    return Estimate(
        term, beta, se, beta - critical * se, beta + critical * se, p_value, *counted, method, named, None, notes
    )


def _bootstrapped(design: ImputationDesign, selected: np.ndarray, weights: np.ndarray, seed: int):
    def fit(values: np.ndarray):
        return mean_effect(design, values, selected, weights)

    restricted = design.restricted_residuals()
    return wild_cluster_bootstrap(fit, design.y, restricted, design.clusters, design.n_clusters, seed=seed)


def _why_not_imputable(data: pd.DataFrame, time: str, award_year: str) -> str | None:
    award = data[award_year].to_numpy(dtype=float)
    year = data[time].to_numpy(dtype=float)
    if not np.isfinite(award).any():
        return Reason("no_comparison")
    if np.isfinite(award).all():
        return Reason("no_comparison")
    first = np.nanmin(award)
    before, after = np.unique(year[year < first]).size, np.unique(year[year >= first]).size
    if before < MIN_PERIODS or after < MIN_PERIODS:
        return Reason("few_periods", before=int(before), after=int(after), needed=MIN_PERIODS)
    return None


def imputation_event_study(
    panel: pd.DataFrame,
    leads: int = 3,
    lags: int = 2,
    y: str = "y",
    unit: str = "village_code",
    time: str = "year",
    award_year: str = "award_year",
    cluster: str = "village_code",
) -> dict:
    """Effects by years since award (0..lags, the last binned), imputed as in `award_effect`, and
    leads (-leads..-2, the first binned; the year before the award is the reference) estimated with
    both effects on the untreated village-years only, with the joint test that every lead is zero.
    Returns {"terms", "pretrend", "reason", "method"} as `did.event_study` does."""
    data = panel[np.isfinite(panel[y].to_numpy(dtype=float))]
    clusters, why_not = cluster_column(data, cluster, unit) if len(data) else (None, Reason("no_observations"))
    reason = why_not or (_why_not_imputable(data, time, award_year) if len(data) else Reason("no_observations"))
    if reason is None and data[unit].nunique() < MIN_CLUSTERS:
        reason = Reason("few_villages", n=int(data[unit].nunique()), needed=MIN_CLUSTERS)
    if reason or clusters is None:
        return {"terms": pd.DataFrame(), "pretrend": None, "reason": reason, "method": None}
    design = imputation_design(data, y, unit, time, award_year, clusters)
    post_terms, post_scores = effect_terms(design, lags)
    lead_terms, pretrend, lead_scores = _leads(data, clusters, leads, y, unit, time, award_year)
    cluster_codes, n_clusters = pd.factorize(clusters, sort=True)[0], clusters.nunique()
    post_scores = _by_cluster(post_scores, design.clusters, cluster_codes[design.rows], n_clusters)
    reference = pd.DataFrame(
        [{"relative_year": -1, "estimate": 0.0, "std_error": 0.0, "ci_low": 0.0, "ci_high": 0.0, "p_value": None}]
    )
    terms = pd.concat([t for t in (lead_terms, reference, post_terms) if len(t)], ignore_index=True)
    method = f"{IMPUTATION} event study; leads on untreated village-years; {convention(cluster, unit)}"
    if lead_scores is not None:
        own_scores, own_codes, panel_codes = lead_scores
        scores = np.column_stack([_by_cluster(own_scores, own_codes, panel_codes, n_clusters), post_scores])
        coefficients = event_coefficients(
            [*lead_terms["relative_year"], *post_terms["relative_year"]],
            [*lead_terms["estimate"], *post_terms["estimate"]],
            scores.T @ scores,
        )
    else:
        coefficients = None
    return {
        "terms": terms.sort_values("relative_year").reset_index(drop=True),
        "pretrend": pretrend,
        "coefficients": coefficients,
        "reason": None,
        "method": method,
    }


def _by_cluster(scores: np.ndarray, codes: np.ndarray, global_codes: np.ndarray, n_clusters: int) -> np.ndarray:
    """Scores by a fit's own cluster codes (`codes`, one per row) re-indexed by the panel's
    (`global_codes` of the same rows), so that two fits on different rows line up."""
    order = np.zeros(scores.shape[0], dtype=np.int64)
    order[codes] = global_codes
    aligned = np.zeros((n_clusters, scores.shape[1]))
    aligned[order] = scores
    return aligned


def _leads(data, clusters, leads, y, unit, time, award_year):
    """Leads of the award on the untreated rows, with both effects and clustered errors; and
    their cluster scores with the rows' codes (their own and the panel's)."""
    award = data[award_year].to_numpy(dtype=float)
    year = data[time].to_numpy(dtype=float)
    untreated = ~(np.isfinite(award) & (year >= award))
    rows = data[untreated].copy()
    relative = np.clip(year[untreated] - award[untreated], -leads, None)
    names = []
    for k in range(-leads, -1):
        rows[f"lead_{-k}"] = (relative == k).astype(float)
        names.append(f"lead_{-k}")
    present = [name for name in names if rows[name].sum() > 0]
    if not present:
        return pd.DataFrame(), None, None
    _, y_tilde, x_tilde, units, n_units, _, n_times = _design(rows, y, present, unit, time)
    if np.linalg.matrix_rank(x_tilde) < x_tilde.shape[1]:
        return pd.DataFrame(), None, None
    codes, n_clusters = pd.factorize(clusters[untreated], sort=True)[0], clusters[untreated].nunique()
    beta = np.linalg.lstsq(x_tilde, y_tilde, rcond=None)[0]
    scores = crv1_scores(x_tilde, y_tilde - x_tilde @ beta, codes, n_clusters, x_tilde.shape[1] + n_times)
    covariance = scores.T @ scores
    se = np.sqrt(np.diag(covariance))
    critical = stats.t.ppf(0.975, n_clusters - 1)
    relative_years = [-int(name.split("_")[1]) for name in present]
    terms = pd.DataFrame(
        {
            "relative_year": relative_years,
            "estimate": beta,
            "std_error": se,
            "ci_low": beta - critical * se,
            "ci_high": beta + critical * se,
            "p_value": 2 * stats.t.sf(np.abs(beta / se), n_clusters - 1),
        }
    )
    global_codes = pd.factorize(clusters, sort=True)[0][untreated]
    return terms, _pretrend_test(relative_years, beta, covariance, n_clusters), (scores, codes, global_codes)
