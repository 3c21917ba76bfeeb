"""The imputation estimator of the award's effect (Borusyak, Jaravel and Spiess 2024; the same
point estimate as Gardner's two-stage `did2s`), right when awards come in several years and
effects differ by cohort or grow with time since the award.

1. Village and year effects are fitted on the untreated village-years only (never-awarded
   villages, and awarded ones before their award).
2. Each treated village-year's untreated outcome is imputed from them; its effect is the
   outcome minus the imputation.
3. The estimate is the mean effect over treated village-years (each weighted equally); the event
   study's post-award terms are the means by years since award.

Standard errors: the GMM (two-stage) clustered variance of Butts and Gardner, as pyfixest's
`did2s` computes it (no small-sample factor), with t(G-1) intervals. The estimator is linear in
the outcome: beta = (sum of y over treated rows - sum of f·y over untreated rows) / N1, where f
solves the first stage's normal equations for the treated rows' counts; the first-stage
uncertainty enters the scores through f.

A treated village-year that cannot be imputed (a village with no untreated year, a year with
no untreated village) is left out, and the estimate says how many.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .within import codes_of, demean, two_way_effects


@dataclass(frozen=True)
class ImputationDesign:
    """The rows of a panel an imputation uses, as integer codes."""

    y: np.ndarray
    treated: np.ndarray  # bool: the village is awarded and the year is its award year or later
    relative: np.ndarray  # years since the award (NaN for never-awarded villages)
    units: np.ndarray
    times: np.ndarray
    clusters: np.ndarray
    n_units: int
    n_times: int
    n_clusters: int
    left_out: int  # treated rows that could not be imputed
    rows: np.ndarray  # the positions in the panel of the rows used

    @property
    def untreated(self) -> np.ndarray:
        return ~self.treated

    def first_stage(self, values: np.ndarray) -> np.ndarray:
        """`values` minus its two-way fit on the untreated rows, on every row."""
        rows = self.untreated
        unit_totals = np.bincount(self.units[rows], weights=values[rows], minlength=self.n_units)
        time_totals = np.bincount(self.times[rows], weights=values[rows], minlength=self.n_times)
        alpha, lam = two_way_effects(
            unit_totals, time_totals, self.units[rows], self.times[rows], self.n_units, self.n_times
        )
        return values - alpha[self.units] - lam[self.times]

    def imputation_weights(self, selected: np.ndarray) -> np.ndarray:
        """f on every row (zero on treated rows): sum of f·y over untreated rows is the sum of the
        imputed untreated outcomes over the `selected` treated rows."""
        rows = self.untreated
        unit_totals = np.bincount(self.units, weights=selected.astype(float), minlength=self.n_units)
        time_totals = np.bincount(self.times, weights=selected.astype(float), minlength=self.n_times)
        alpha, lam = two_way_effects(
            unit_totals, time_totals, self.units[rows], self.times[rows], self.n_units, self.n_times
        )
        return np.where(rows, alpha[self.units] + lam[self.times], 0.0)

    def restricted_residuals(self) -> tuple[np.ndarray, np.ndarray]:
        """(a, b) with u = a - beta0·b: the residuals of y - beta0·D on both effects, all rows."""
        both = np.column_stack([self.y, self.treated.astype(float)])
        demeaned = demean(both, self.units, self.times)
        return demeaned[:, 0], demeaned[:, 1]


def imputation_design(
    panel: pd.DataFrame, y: str, unit: str, time: str, award_year: str, clusters: pd.Series
) -> ImputationDesign:
    """The design of a panel: rows with an outcome, treated rows that cannot be imputed left out."""
    values = panel[y].to_numpy(dtype=float)
    keep = np.isfinite(values)
    award = panel[award_year].to_numpy(dtype=float)
    year = panel[time].to_numpy(dtype=float)
    treated = np.isfinite(award) & (year >= award)
    units, n_units = codes_of(panel[unit])
    times, n_times = codes_of(panel[time])
    untreated = keep & ~treated
    has_unit = np.bincount(units[untreated], minlength=n_units) > 0
    has_time = np.bincount(times[untreated], minlength=n_times) > 0
    imputable = keep & (~treated | (has_unit[units] & has_time[times]))
    left_out = int((keep & ~imputable).sum())
    units, n_units = codes_of(panel[unit][imputable])
    times, n_times = codes_of(panel[time][imputable])
    cluster_codes, n_clusters = codes_of(clusters[imputable])
    return ImputationDesign(
        values[imputable],
        treated[imputable],
        (year - award)[imputable],
        units,
        times,
        cluster_codes,
        n_units,
        n_times,
        n_clusters,
        left_out,
        np.flatnonzero(imputable),
    )


def mean_effect(design: ImputationDesign, values: np.ndarray, selected: np.ndarray, weights: np.ndarray):
    """(the mean effect over the `selected` treated rows, its cluster scores scaled so that the
    root of their sum of squares is its standard error) for outcome `values`; `weights` is
    `imputation_weights(selected)`, which does not depend on the outcome."""
    residuals = design.first_stage(values)
    count = float(selected.sum())
    beta = float(residuals[selected].sum() / count)
    on_selected = np.where(selected, residuals - beta, 0.0)
    scores = np.bincount(design.clusters, weights=on_selected - weights * residuals, minlength=design.n_clusters)
    return beta, scores / count


def effect_terms(design: ImputationDesign, lags: int) -> tuple[pd.DataFrame, np.ndarray]:
    """The post-award terms: one per year since award 0..lags (the last binned), each the mean
    effect of its treated rows with its GMM standard error and t(G-1) interval; and their
    cluster scores (G × terms, by `design.clusters`), whose cross product is their covariance."""
    binned = np.clip(design.relative, None, lags)
    rows, scores_by_term = [], []
    critical = stats.t.ppf(0.975, design.n_clusters - 1)
    for k in range(lags + 1):
        selected = design.treated & (binned == k)
        if not selected.any():
            continue
        beta, scores = mean_effect(design, design.y, selected, design.imputation_weights(selected))
        se = float(np.sqrt(scores @ scores))
        p = float(2 * stats.t.sf(abs(beta / se), design.n_clusters - 1)) if se > 0 else None
        scores_by_term.append(scores)
        rows.append(
            {
                "relative_year": k,
                "estimate": beta,
                "std_error": se,
                "ci_low": beta - critical * se,
                "ci_high": beta + critical * se,
                "p_value": p,
                "n_treated_rows": int(selected.sum()),
            }
        )
    scores = np.column_stack(scores_by_term) if scores_by_term else np.zeros((design.n_clusters, 0))
    return pd.DataFrame(rows), scores
