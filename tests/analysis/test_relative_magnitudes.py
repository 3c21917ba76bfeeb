"""The relative-magnitudes robust sets: against the R package HonestDiD on its own example, against
the identified set worked out from the restriction's definition, and by Monte Carlo coverage."""

import json
from pathlib import Path

import numpy as np
import pytest

from zhaodong_data.analysis.relative_magnitudes import (
    dual_vertices,
    rm_accepts,
    rm_breakdown,
    rm_confidence_set,
)

BCDATA = json.loads((Path(__file__).parents[1] / "data" / "honestdid_bcdata.json").read_text())


@pytest.mark.parametrize("case", range(4))
def test_the_sets_match_honestdid_on_its_own_example(case):
    beta, sigma = np.array(BCDATA["betahat"]), np.array(BCDATA["sigma"])
    expected = BCDATA["delta_rm"]
    mbar = expected["mbar"][case]
    found = rm_confidence_set(beta, sigma, BCDATA["n_pre"], BCDATA["n_post"], mbar, l_vec=BCDATA["l_vec"])
    # both take the extreme accepted points of the same 1,000-point grid; the least-favourable
    # critical value is simulated (other draws than R's), so an end may move by one grid step
    step = 40 * np.sqrt(sigma[4, 4]) / 999
    assert abs(found["low"] - expected["low"][case]) <= step + 1e-12
    assert abs(found["high"] - expected["high"][case]) <= step + 1e-12
    assert found["open"] == (case == 3)  # HonestDiD's set at M̄ = 2 reaches its grid's end


def _identified_set(beta, n_pre, l_vec, mbar):
    """From the definition: the pre-award violation is β_pre (the reference year 0), its largest
    change D; each post-award change is at most M̄·D, so the violation in post year t lies within
    ±(t+1)·M̄·D, and θ = l'(β_post − δ_post) within l'β_post ± M̄·D·Σ|l_t|(t+1)."""
    pre = np.append(beta[:n_pre], 0.0)
    largest = np.abs(np.diff(pre)).max()
    reach = mbar * largest * np.sum(np.abs(l_vec) * np.arange(1, len(l_vec) + 1))
    centre = l_vec @ beta[n_pre:]
    return centre - reach, centre + reach


@pytest.mark.parametrize(("n_pre", "n_post", "mbar"), [(3, 3, 0.5), (2, 4, 1.0), (4, 1, 2.0), (1, 2, 1.5), (3, 2, 0.0)])
def test_with_tiny_errors_the_set_is_the_identified_set(n_pre, n_post, mbar):
    rng = np.random.default_rng(n_pre * 10 + n_post)
    beta = rng.normal(0, 0.05, n_pre + n_post) + np.r_[np.zeros(n_pre), np.full(n_post, 0.2)]
    root = rng.normal(size=(n_pre + n_post, n_pre + n_post))
    sigma = 1e-12 * (root @ root.T + np.eye(n_pre + n_post))
    l_vec = np.full(n_post, 1.0 / n_post)
    low, high = _identified_set(beta, n_pre, l_vec, mbar)
    regular = np.linspace(low - 0.05, high + 0.05, 2001)
    grid = np.union1d(regular, [low, high])  # at M̄ = 0 the set is one point, which a grid would step over
    found = rm_confidence_set(beta, sigma, n_pre, n_post, mbar, grid=grid)
    step = regular[1] - regular[0]
    assert abs(found["low"] - low) <= 2 * step
    assert abs(found["high"] - high) <= 2 * step


def test_coverage_when_the_violation_is_within_the_restriction():
    """A violation that grows after the award by exactly M̄ times the largest pre-award change
    (the edge of Δ^RM(1)): the set holds the true average effect in at least 95% of draws, up
    to Monte Carlo error."""
    n_pre, n_post = 3, 3
    rng = np.random.default_rng(5)
    root = rng.normal(size=(6, 6))
    sigma = 0.0004 * (0.5 * root @ root.T / 6 + 0.5 * np.eye(6))
    violation = np.array([0.02, 0.01, 0.0, -0.01, -0.02, -0.03])  # changes of 0.01 at every step
    effect = np.array([0.0, 0.0, 0.0, 0.1, 0.15, 0.2])
    truth = effect[3:].mean()
    draws = rng.multivariate_normal(violation + effect, sigma, size=200)
    covered = [rm_accepts(truth, draw, sigma, n_pre, n_post, 1.0, simulations=2000) for draw in draws]
    assert np.mean(covered) >= 0.95 - 3 * np.sqrt(0.95 * 0.05 / 200)


def test_the_breakdown_is_where_zero_enters_the_set():
    beta, sigma = np.array(BCDATA["betahat"]), np.array(BCDATA["sigma"])
    l_vec = BCDATA["l_vec"]
    breakdown = rm_breakdown(beta, sigma, 4, 4, l_vec=l_vec, tolerance=0.01)
    assert rm_accepts(0.0, beta, sigma, 4, 4, breakdown, l_vec=l_vec)
    assert not rm_accepts(0.0, beta, sigma, 4, 4, breakdown - 0.01, l_vec=l_vec)
    # HonestDiD's sets: zero is outside at M̄ = 1.5 and inside at 2
    assert 1.5 < breakdown <= 2.0
    assert rm_breakdown(np.r_[beta[:4], 0 * beta[4:]], sigma, 4, 4, l_vec=l_vec) == 0.0  # no effect at all


def test_a_flat_pre_period_gives_no_breakdown_below_the_ceiling():
    sigma = 1e-10 * np.eye(4)
    assert rm_breakdown(np.array([0.0, 0.0, 0.3, 0.3]), sigma, 2, 2) == float("inf")


def test_dual_vertices_are_the_basic_feasible_points():
    sd = np.array([1.0, 2.0, 1.0])
    x = np.array([[1.0], [0.0], [-1.0]])
    vertices = dual_vertices(sd, x)
    # λ ≥ 0, λ1 + 2λ2 + λ3 = 1, λ1 = λ3: the vertices (0, 1/2, 0) and (1/2, 0, 1/2)
    assert sorted(map(tuple, np.round(vertices, 12))) == [(0.0, 0.5, 0.0), (0.5, 0.0, 0.5)]
    assert len(dual_vertices(np.array([1.0, 1.0]), np.array([[1.0], [1.0]]))) == 0  # sd in x's span: none


def test_inconsistent_inputs_are_refused():
    with pytest.raises(ValueError, match="coefficients"):
        rm_confidence_set(np.zeros(5), np.eye(5), 3, 3, 1.0)
    with pytest.raises(ValueError, match="l_vec"):
        rm_confidence_set(np.zeros(6), np.eye(6), 3, 3, 1.0, l_vec=[0, 0, 0])
