"""The within transformation and what is built on it: integer codes of a column, two-way
demeaning by alternating projections, the two-way effects themselves (for imputing), and the
CRV1 covariance with fixest's small-sample correction."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .ssc import FIXEST_DEFAULT


def codes_of(values) -> tuple[np.ndarray, int]:
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


def crv1_scores(x: np.ndarray, residuals: np.ndarray, clusters: np.ndarray, n_clusters: int, k: int) -> np.ndarray:
    """Each cluster's contribution to the OLS coefficients (G × p), scaled so that their cross
    product is the CRV1 covariance with fixest's small-sample correction: estimators fitted apart
    on the same clusters get their joint covariance from the cross product of their scores."""
    n = len(residuals)
    bread = np.linalg.inv(x.T @ x)
    scores = np.zeros((n_clusters, x.shape[1]))
    for j in range(x.shape[1]):
        scores[:, j] = np.bincount(clusters, weights=x[:, j] * residuals, minlength=n_clusters)
    return np.sqrt(FIXEST_DEFAULT.factor(n, k, n_clusters)) * scores @ bread


def crv1(x: np.ndarray, residuals: np.ndarray, clusters: np.ndarray, n_clusters: int, k: int) -> np.ndarray:
    """CRV1 covariance of OLS coefficients with fixest's default small-sample correction."""
    scores = crv1_scores(x, residuals, clusters, n_clusters, k)
    return scores.T @ scores


def two_way_effects(
    unit_totals: np.ndarray,
    time_totals: np.ndarray,
    units: np.ndarray,
    times: np.ndarray,
    n_units: int,
    n_times: int,
    tolerance: float = 1e-13,
    max_iterations: int = 100_000,
) -> tuple[np.ndarray, np.ndarray]:
    """(alpha, lambda) solving the normal equations of unit + time effects on the rows
    (`units`, `times`) with right-hand sides `unit_totals` (G) and `time_totals` (T):
    n_u·alpha_u + sum of lambda over u's rows = unit_totals[u], and the same for each time.
    For an outcome's totals this is the two-way fit; for other totals, the weights of an
    imputed mean. Gauss-Seidel (alternating projections), which converges on a connected panel;
    every unit and time must have a row. The split between alpha and lambda is arbitrary
    (alpha_u + lambda_t is not)."""
    unit_counts = np.bincount(units, minlength=n_units).astype(float)
    time_counts = np.bincount(times, minlength=n_times).astype(float)
    effects_time = np.zeros(n_times)
    effects_unit = np.zeros(n_units)
    for _ in range(max_iterations):
        effects_unit = (unit_totals - np.bincount(units, weights=effects_time[times], minlength=n_units)) / unit_counts
        updated = (time_totals - np.bincount(times, weights=effects_unit[units], minlength=n_times)) / time_counts
        change = float(np.abs(updated - effects_time).max()) if n_times else 0.0
        effects_time = updated
        if change <= tolerance * max(1.0, float(np.abs(effects_time).max())):
            break
    return effects_unit, effects_time


def weighted_demean(
    columns: np.ndarray,
    unit: np.ndarray,
    time: np.ndarray,
    weights: np.ndarray,
    tolerance: float = 1e-12,
    max_iterations: int = 10_000,
) -> np.ndarray:
    """`columns` (n × k) without their weighted unit and time means, by alternating projections
    (the within transformation of weighted least squares, as each step of PPML needs)."""
    out = np.array(columns, dtype=float, copy=True)
    unit_weights = np.bincount(unit, weights=weights)
    time_weights = np.bincount(time, weights=weights)
    for j in range(out.shape[1]):
        column = out[:, j].copy()
        for _ in range(max_iterations):
            largest = 0.0
            for codes, totals in ((unit, unit_weights), (time, time_weights)):
                means = np.bincount(codes, weights=weights * column, minlength=len(totals)) / totals
                column -= means[codes]
                largest = max(largest, float(np.abs(means).max()) if len(means) else 0.0)
            if largest < tolerance:
                break
        out[:, j] = column
    return out
