"""Confidence sets that allow parallel trends to fail after the award by up to M̄ times as much as
they failed before it: the relative-magnitudes restriction Δ^RM(M̄) of Rambachan and Roth (2023),
with the conditional-least-favourable hybrid test of Andrews, Roth and Pakes (2023), as the R
package HonestDiD computes it (`computeConditionalCS_DeltaRM`: hybrid "LF", κ = α/10, moments of
the post-award periods only, the set the union over the period and sign of the largest
pre-award change).

The event study's coefficients β = (β_pre, β_post), the reference year left out, are the
effects τ (zero before the award) plus a violation δ of parallel trends. Under Δ^RM(M̄) each
change of δ after the award is at most M̄ times the largest change before it. For a fixed
period s and sign of that largest change the restriction is a polyhedron {δ: Aδ ≤ 0}, and
θ = l'τ is in the set when the moment inequalities E[Aβ − a θ − X ν] ≤ 0 hold for some
nuisance ν (the directions of τ other than l).

The test statistic η = min over ν of the largest standardised moment is a linear programme.
Its dual's feasible set {λ ≥ 0, σ'λ = 1, X'λ = 0} does not depend on the data, so its vertices
are enumerated once and η = max over the vertices of λ'y exactly, for every θ and every
simulated draw of the least-favourable critical value alike (HonestDiD solves one programme
each). The ARP test's conditioning event (the optimal vertex stays optimal) is then in closed
form, where HonestDiD finds its ends by bisection.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from math import comb

import numpy as np
from scipy import stats

ALPHA = 0.05
SIMULATIONS = 10_000  # draws for the least-favourable critical value (HonestDiD: 1,000)
GRID_POINTS = 1_000
MAX_VERTEX_CANDIDATES = 500_000
MBAR_CEILING = 100.0


@dataclass(frozen=True)
class _Moments:
    """The moment inequalities of one (s, sign) polyhedron, in the coordinates of the test."""

    y: np.ndarray  # A β̂ (d is zero for Δ^RM)
    a: np.ndarray  # how the moments move with θ
    covariance: np.ndarray  # of y
    vertices: np.ndarray  # of the dual's feasible set, one per row (none: η is −∞)
    critical: float  # the least-favourable first-stage critical value


def rm_constraints(n_pre: int, n_post: int, mbar: float, s: int, positive: bool) -> np.ndarray:
    """A with Δ^RM_{s,±}(M̄) = {δ: Aδ ≤ 0}, rows of the post-award changes only, columns the
    periods without the reference year (as HonestDiD's `.create_A_RM` with its post-period rows)."""
    total = n_pre + n_post
    changes = np.zeros((total, total + 1))  # period r+1 minus period r, the reference included
    changes[np.arange(total), np.arange(total)] = -1.0
    changes[np.arange(total), np.arange(total) + 1] = 1.0
    largest = np.zeros(total + 1)  # the change s periods before the reference
    largest[n_pre + s - 1], largest[n_pre + s] = -1.0, 1.0
    if not positive:
        largest = -largest
    bound = np.vstack([np.tile(largest, (n_pre, 1)), np.tile(mbar * largest, (n_post, 1))])
    a = np.vstack([changes - bound, -changes - bound])
    a = a[(a**2).sum(axis=1) > 1e-10]
    a = np.delete(a, n_pre, axis=1)
    return a[np.any(a[:, n_pre:] != 0, axis=1)]


def _with_l_first(l_vec: np.ndarray) -> np.ndarray:
    """An invertible matrix whose first row is l' (the others unit rows)."""
    pivot = int(np.flatnonzero(l_vec)[0])
    others = np.delete(np.eye(len(l_vec)), pivot, axis=0)
    return np.vstack([l_vec, others])


def dual_vertices(sd: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The vertices of {λ ≥ 0: sd'λ = 1, x'λ = 0}, one per row: the basic feasible solutions."""
    m = len(sd)
    if x.shape[1]:
        u, singular, _ = np.linalg.svd(x, full_matrices=False)
        x = u[:, singular > 1e-10 * max(singular.max(), 1e-300)]  # the same span, independent columns
    equalities = np.vstack([sd, x.T])
    rank = equalities.shape[0]
    if comb(m, rank) > MAX_VERTEX_CANDIDATES:
        raise ValueError(f"{m} moments and {rank} equalities: too many candidate vertices to enumerate")
    bases = np.array(list(itertools.combinations(range(m), rank)))
    blocks = equalities[:, bases].transpose(1, 0, 2)  # (candidates, rank, rank)
    scale = np.abs(equalities).max()
    regular = np.abs(np.linalg.det(blocks / scale)) > 1e-12
    if not regular.any():
        return np.zeros((0, m))
    rhs = np.zeros(rank)
    rhs[0] = 1.0
    solved = np.linalg.solve(blocks[regular], np.broadcast_to(rhs, (int(regular.sum()), rank))[..., None])[..., 0]
    feasible = np.all(solved >= -1e-10, axis=1)
    vertices = np.zeros((int(feasible.sum()), m))
    rows = np.repeat(np.arange(len(vertices)), rank)
    vertices[rows, bases[regular][feasible].ravel()] = np.clip(solved[feasible], 0.0, None).ravel()
    return np.unique(np.round(vertices, 12), axis=0)


def _moments(beta, sigma, n_pre, n_post, l_vec, mbar, s, positive, alpha, noise) -> _Moments:
    a_rm = rm_constraints(n_pre, n_post, mbar, s, positive)
    y = a_rm @ beta
    covariance = a_rm @ sigma @ a_rm.T
    in_theta = a_rm[:, n_pre:] @ np.linalg.inv(_with_l_first(l_vec))
    sd = np.sqrt(np.diag(covariance))
    vertices = dual_vertices(sd, in_theta[:, 1:])
    critical = -np.inf
    if len(vertices):  # the moments' noise is the coefficients' noise through A
        critical = float(np.quantile((noise @ a_rm.T @ vertices.T).max(axis=1), 1 - alpha / 10))
    return _Moments(y, in_theta[:, 0], covariance, vertices, critical)


def _truncated_quantile(p: float, low: float, high: float) -> float:
    if low >= high:
        return low
    if np.isinf(low) and np.isinf(high):
        return float(stats.norm.ppf(p))
    return float(stats.truncnorm.ppf(p, low, high))


def _accepts(moments: _Moments, theta: float, alpha: float) -> bool:
    """The hybrid ARP test of θ at one polyhedron: True where θ is not rejected."""
    if not len(moments.vertices):
        return True  # the moments can be pushed below zero in every direction: η = −∞
    kappa = alpha / 10
    y = moments.y - moments.a * theta
    values = moments.vertices @ y
    best = int(np.argmax(values))
    eta = float(values[best])
    if eta > moments.critical:
        return False
    gamma = moments.vertices[best]
    variance = float(gamma @ moments.covariance @ gamma)
    if variance < np.finfo(float).eps:  # a moment without noise (two rows that cancel): its sign decides
        return not eta > 1e-9 * float(np.abs(gamma) @ np.abs(y))
    direction = moments.covariance @ gamma / variance
    rest = y - direction * eta
    slopes = 1.0 - moments.vertices @ direction
    levels = moments.vertices @ rest
    # vertices optimal as well (a tie, up to rounding) bound nothing: conditioning on one of them
    # rather than another would put the statistic at an end of its own truncation
    tied = np.abs(values - eta) <= 1e-9 * (np.abs(moments.vertices) @ np.abs(y))
    rising, falling = (slopes > 1e-10) & ~tied, (slopes < -1e-10) & ~tied
    low = float((levels[rising] / slopes[rising]).max()) if rising.any() else -np.inf
    high = float((levels[falling] / slopes[falling]).min()) if falling.any() else np.inf
    sd = np.sqrt(variance)
    statistic, z_low, z_high = eta / sd, low / sd, min(high, moments.critical) / sd
    if not z_low <= statistic <= z_high:
        return True
    size = (alpha - kappa) / (1 - kappa)
    return not statistic > max(0.0, _truncated_quantile(1 - size, z_low, z_high))


def _noise(sigma: np.ndarray, simulations: int, seed: int) -> np.ndarray:
    """Draws of the coefficients' sampling noise, N(0, Σ): drawn once, for every polyhedron and
    every M̄ (the least-favourable critical values are quantiles of its image through each A)."""
    return np.random.default_rng(seed).multivariate_normal(np.zeros(len(sigma)), sigma, size=simulations, method="eigh")


def _polyhedra(beta, sigma, n_pre, n_post, l_vec, mbar, alpha, noise):
    return [
        _moments(beta, sigma, n_pre, n_post, l_vec, mbar, s, positive, alpha, noise)
        for s in range(-(n_pre - 1), 1)
        for positive in (True, False)
    ]


def _checked(beta, sigma, n_pre, n_post, l_vec):
    beta, sigma = np.asarray(beta, dtype=float).ravel(), np.asarray(sigma, dtype=float)
    if n_pre < 1 or n_post < 1 or len(beta) != n_pre + n_post or sigma.shape != (len(beta), len(beta)):
        raise ValueError(f"{len(beta)} coefficients for {n_pre} pre- and {n_post} post-award periods")
    l_vec = np.full(n_post, 1.0 / n_post) if l_vec is None else np.asarray(l_vec, dtype=float).ravel()
    if len(l_vec) != n_post or not np.any(l_vec):
        raise ValueError(f"l_vec needs {n_post} weights, not all zero")
    return beta, sigma, l_vec


def rm_confidence_set(
    beta,
    sigma,
    n_pre: int,
    n_post: int,
    mbar: float,
    l_vec=None,
    alpha: float = ALPHA,
    grid: np.ndarray | None = None,
    simulations: int = SIMULATIONS,
    seed: int = 0,
) -> dict:
    """The robust confidence set for θ = l'τ (default: the mean over post-award periods) under
    Δ^RM(M̄): {"low", "high", "open"} with the ends the extreme accepted points of the grid
    (default: HonestDiD's, 1,000 points over ±20 standard errors of l'β̂ around zero, and zero); `open` says
    the set reaches an end of the grid. None for low and high when no point is accepted."""
    beta, sigma, l_vec = _checked(beta, sigma, n_pre, n_post, l_vec)
    if grid is None:
        sd_theta = float(np.sqrt(l_vec @ sigma[n_pre:, n_pre:] @ l_vec))
        # zero added: whether the set holds it is the question the breakdown value answers
        grid = np.union1d(np.linspace(-20 * sd_theta, 20 * sd_theta, GRID_POINTS), [0.0])
    polyhedra = _polyhedra(beta, sigma, n_pre, n_post, l_vec, mbar, alpha, _noise(sigma, simulations, seed))
    accepted = np.array([any(_accepts(p, float(theta), alpha) for p in polyhedra) for theta in grid])
    if not accepted.any():
        return {"low": None, "high": None, "open": False}
    inside = grid[accepted]
    return {"low": float(inside.min()), "high": float(inside.max()), "open": bool(accepted[0] or accepted[-1])}


def rm_accepts(
    theta: float,
    beta,
    sigma,
    n_pre: int,
    n_post: int,
    mbar: float,
    l_vec=None,
    alpha: float = ALPHA,
    simulations: int = SIMULATIONS,
    seed: int = 0,
) -> bool:
    """Whether θ is in the robust confidence set under Δ^RM(M̄)."""
    beta, sigma, l_vec = _checked(beta, sigma, n_pre, n_post, l_vec)
    polyhedra = _polyhedra(beta, sigma, n_pre, n_post, l_vec, mbar, alpha, _noise(sigma, simulations, seed))
    return any(_accepts(p, theta, alpha) for p in polyhedra)


def rm_breakdown(
    beta,
    sigma,
    n_pre: int,
    n_post: int,
    l_vec=None,
    alpha: float = ALPHA,
    tolerance: float = 0.01,
    simulations: int = SIMULATIONS,
    seed: int = 0,
) -> float:
    """The breakdown value of M̄: the smallest at which the robust set includes zero (to
    `tolerance`), found by bisection (the sets grow with M̄). 0 when it does at M̄ = 0; inf when it
    does not even at MBAR_CEILING."""

    beta, sigma, l_vec = _checked(beta, sigma, n_pre, n_post, l_vec)
    noise = _noise(sigma, simulations, seed)  # the same draws at every M̄ of the bisection

    def includes_zero(mbar: float) -> bool:
        return any(_accepts(p, 0.0, alpha) for p in _polyhedra(beta, sigma, n_pre, n_post, l_vec, mbar, alpha, noise))

    if includes_zero(0.0):
        return 0.0
    low, high = 0.0, 0.5
    while not includes_zero(high):
        low, high = high, 2 * high
        if high > MBAR_CEILING:
            return float("inf")
    while high - low > tolerance:
        middle = (low + high) / 2
        low, high = (low, middle) if includes_zero(middle) else (middle, high)
    return high
