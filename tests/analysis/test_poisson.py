"""PPML in levels with both effects, against pyfixest's fepois; zeros kept; villages with a zero
outcome throughout left out and counted, as fixest does."""

import numpy as np
import pytest

from tests.analysis.test_did import _unbalanced
from zhaodong_data.analysis.poisson import ppml

pyfixest = pytest.importorskip("pyfixest", reason="pyfixest (a test extra) is the independent reference")


@pytest.mark.parametrize("seed", [3, 11])
def test_ppml_matches_fepois_with_zeros_in_the_outcome(seed):
    panel = _unbalanced(seed, villages=60)
    rng = np.random.default_rng(seed)
    panel["value"] = np.exp(panel["y"]) * rng.poisson(1.0, len(panel))  # about a third zeros
    panel.loc[panel["village_code"] == "v059", "value"] = 0.0  # a village with nothing, ever
    assert (panel["value"] == 0).mean() > 0.3
    ours = ppml(panel)
    theirs = pyfixest.fepois(
        "value ~ treated_post | village_code + year", data=panel, vcov={"CRV1": "village_code"}, iwls_tol=1e-14
    )
    tidy = theirs.tidy().loc["treated_post"]
    assert abs(ours.estimate - tidy["Estimate"]) < 1e-7
    assert abs(ours.std_error / tidy["Std. Error"] - 1) < 1e-6
    left = int((panel["village_code"] == "v059").sum())
    assert ours.n_obs == theirs._N == len(panel) - left
    assert ours.warnings == (f"{left} village-years of villages or years with a zero outcome throughout are left out",)


def test_ppml_recovers_a_proportional_effect():
    estimates = []
    for seed in range(20):
        panel = _unbalanced(seed, villages=80, effect=0.2)
        panel["value"] = np.random.default_rng(seed).poisson(np.exp(panel["y"] + 1.0))
        estimates.append(ppml(panel).estimate)
    assert abs(np.mean(estimates) - 0.2) < 0.02
