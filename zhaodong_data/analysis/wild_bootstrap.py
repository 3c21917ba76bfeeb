"""The wild cluster bootstrap (WCR: the null imposed, Webb weights, the t statistic) for any
estimator that is linear in the outcome, with the fixed effects removed again in every draw.

A bootstrap outcome is y* = fit under the null + w_g · u_g (u the restricted residuals). Its
year effects are not those of y: weighting each village's residuals by its own w_g leaves them
uncorrelated with the village effects but not with the year effects, so every draw is estimated
again with both sets of effects, as the estimator itself would. Because the estimator and its
cluster scores are linear in y, a draw is a weighted sum of the estimator's response to each
cluster's residuals alone: G fits in all, not one per draw.

`fit(v)` returns (coefficient, cluster scores) of the estimator applied to outcome v, the
scores scaled so that sqrt(Σ scores²) is the coefficient's standard error (a small-sample
factor common to every draw cancels out of the comparison, so none is applied).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

BOOTSTRAP_DRAWS = 9_999
# Webb's six-point weights: ±√(1/2), ±1, ±√(3/2), each with probability 1/6.
WEBB = np.array([-np.sqrt(1.5), -1.0, -np.sqrt(0.5), np.sqrt(0.5), 1.0, np.sqrt(1.5)])

Fit = Callable[[np.ndarray], tuple[float, np.ndarray]]


def wild_cluster_bootstrap(
    fit: Fit,
    y: np.ndarray,
    restricted: tuple[np.ndarray, np.ndarray],
    clusters: np.ndarray,
    n_clusters: int,
    draws: int = BOOTSTRAP_DRAWS,
    seed: int = 0,
) -> tuple[float, float | None, float | None]:
    """(p-value of a zero effect, CI low, CI high). `restricted` = (a, b): the restricted
    residuals under the null beta0 are a - beta0·b (they are linear in it). The CI inverts the
    test over a grid of nulls (None where the grid does not bracket it)."""
    rng = np.random.default_rng(seed)
    weights = WEBB[rng.integers(0, len(WEBB), size=(draws, n_clusters))]
    beta_hat, scores_hat = fit(y)
    base, slope = restricted
    # Each cluster's residuals alone, through the estimator: for the intercept and the slope in beta0.
    response_base = [fit(np.where(clusters == g, base, 0.0)) for g in range(n_clusters)]
    response_slope = [fit(np.where(clusters == g, slope, 0.0)) for g in range(n_clusters)]
    b_base = np.array([b for b, _ in response_base])
    b_slope = np.array([b for b, _ in response_slope])
    s_base = np.array([s for _, s in response_base])  # G × G: row g = scores of cluster g's residuals
    s_slope = np.array([s for _, s in response_slope])
    observed_se = np.sqrt(scores_hat @ scores_hat)

    def p_of(beta0: float) -> float:
        observed = (beta_hat - beta0) / observed_se
        deviations = weights @ (b_base - beta0 * b_slope)  # beta* - beta0 in each draw
        scores = weights @ (s_base - beta0 * s_slope)
        t_draws = deviations / np.sqrt((scores**2).sum(axis=1))
        return float(np.mean(np.abs(t_draws) >= abs(observed)))

    p_value = p_of(0.0)
    grid = beta_hat + (observed_se or 1.0) * np.linspace(-8, 8, 161)
    accepted = [b for b in grid if p_of(b) > 0.05]
    if not accepted or accepted[0] == grid[0] or accepted[-1] == grid[-1]:
        return p_value, None, None
    return p_value, float(accepted[0]), float(accepted[-1])
