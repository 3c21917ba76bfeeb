"""Difference-in-differences: the estimator against an independent implementation (pyfixest),
its guards, the event study, and the demo generator's planted truth recovered by Monte Carlo."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats as scipy_stats

from zhaodong_data.analysis import award_panel, event_study, twfe
from zhaodong_data.analysis.did import MIN_CLUSTERS
from zhaodong_data.demo import DemoParameters, generate_demo
from zhaodong_data.gazetteer import load_gazetteer

pyfixest = pytest.importorskip("pyfixest", reason="pyfixest (a test extra) is the independent reference")


def _unbalanced(seed=3, villages=60, effect=0.2):
    rng = np.random.default_rng(seed)
    rows = [(f"v{v:03d}", t) for v in range(villages) for t in range(2016, 2024) if rng.uniform() > 0.15]
    panel = pd.DataFrame(rows, columns=["village_code", "year"])
    panel["treated"] = panel["village_code"].isin([f"v{v:03d}" for v in range(villages // 3)])
    panel["post"] = panel["year"] >= 2021
    panel["treated_post"] = (panel["treated"] & panel["post"]).astype(float)
    panel["y"] = (
        panel["village_code"].str[1:].astype(int) * 0.1
        + (panel["year"] - 2016) * 0.05
        + effect * panel["treated_post"]
        + rng.normal(0, 0.1, len(panel))
    )
    return panel


@pytest.mark.parametrize("seed", [3, 11, 29])
def test_twfe_matches_pyfixest_to_1e8(seed):
    panel = _unbalanced(seed)
    ours = twfe(panel)
    theirs = pyfixest.feols("y ~ treated_post | village_code + year", data=panel, vcov={"CRV1": "village_code"})
    tidy = theirs.tidy().loc["treated_post"]
    assert abs(ours.estimate - tidy["Estimate"]) < 1e-8
    assert abs(ours.std_error - tidy["Std. Error"]) < 1e-8
    assert abs(ours.p_value - tidy["Pr(>|t|)"]) < 1e-8
    assert abs(ours.ci_low - tidy["2.5%"]) < 1e-8 and abs(ours.ci_high - tidy["97.5%"]) < 1e-8
    assert ours.clusters == panel["village_code"].nunique() and ours.reason is None


def test_event_study_matches_pyfixest():
    panel = _unbalanced(5, villages=80)
    panel["award_year"] = np.where(panel["treated"], 2021, np.nan)
    ours = event_study(panel, leads=3, lags=2)
    relative = (panel["year"] - panel["award_year"]).clip(-3, 2)
    for k in (-3, -2, 0, 1, 2):
        panel[f"rel_{k}".replace("-", "m")] = (relative == k).astype(float)
    formula = "y ~ rel_m3 + rel_m2 + rel_0 + rel_1 + rel_2 | village_code + year"
    theirs = pyfixest.feols(formula, data=panel, vcov={"CRV1": "village_code"}).tidy()
    terms = ours["terms"].set_index("relative_year")
    for k in (-3, -2, 0, 1, 2):
        name = f"rel_{k}".replace("-", "m")
        assert abs(terms.loc[k, "estimate"] - theirs.loc[name, "Estimate"]) < 1e-8
        assert abs(terms.loc[k, "std_error"] - theirs.loc[name, "Std. Error"]) < 1e-8
    assert terms.loc[-1, "estimate"] == 0.0  # the reference year
    # the joint pre-trend test: pyfixest's Wald statistic for the two leads, as F(q, G-1)
    fit = pyfixest.feols(formula, data=panel, vcov={"CRV1": "village_code"})
    restriction = np.zeros((2, 5))
    restriction[0, 0] = restriction[1, 1] = 1.0  # rel_m3 and rel_m2
    with pytest.warns(UserWarning):  # pyfixest reports a subset's test as chi2: its W is the same
        wald = fit.wald_test(R=restriction, distribution="F")["statistic"]
    clusters = panel["village_code"].nunique()
    pretrend = ours["pretrend"]
    assert (pretrend["df1"], pretrend["df2"]) == (2, clusters - 1)
    # both fits converge to about 1e-8 (the demeaning is iterative): compared relatively
    assert pretrend["F"] == pytest.approx(wald / 2, rel=1e-6)
    assert pretrend["p_value"] == pytest.approx(scipy_stats.f.sf(wald / 2, 2, clusters - 1), rel=1e-5)


def test_a_design_it_cannot_support_is_refused_with_a_reason():
    panel = _unbalanced()
    one_year = panel[panel["year"] == 2022]
    assert twfe(one_year).estimate is None and "period" in twfe(one_year).reason
    only_after = panel[panel["year"] >= 2021]
    assert "period(s) before" in twfe(only_after[only_after["year"] >= 2023]).reason
    everyone = panel.assign(treated=True)
    assert "no comparison group" in twfe(everyone).reason
    absorbed = panel.assign(treated_post=(panel["year"] >= 2021).astype(float))  # a year effect, not a treatment
    assert "singular" in twfe(absorbed).reason


def test_few_clusters_use_the_wild_cluster_bootstrap():
    panel = _unbalanced(7, villages=12, effect=0.5)
    estimate = twfe(panel)
    assert estimate.clusters == 12 < MIN_CLUSTERS
    assert "wild cluster bootstrap" in estimate.method and estimate.std_error is None
    assert estimate.p_value < 0.05 and estimate.ci_low < 0.5 < estimate.ci_high
    null = twfe(_unbalanced(7, villages=12, effect=0.0))
    assert null.p_value > 0.05


def test_award_waves_come_from_the_flags_own_years():
    outcomes = pd.DataFrame(
        {
            "village_code": np.repeat(["a", "b", "c"], 4),
            "year": np.tile([2019, 2020, 2021, 2022], 3),
            "metric": "collective_income",
            "value": 100.0,
            "qualifier": "exact",
            "is_synthetic": True,
        }
    )
    flags = pd.DataFrame({"village_code": ["a", "b"], "aspect": ["service", "development"], "year": [2020, 2022]})
    panel = award_panel(outcomes, flags, "collective_income")
    treated_years = panel[panel["treated_post"] == 1].groupby("village_code")["year"].min().to_dict()
    assert treated_years == {"a": 2020, "b": 2022}
    never = award_panel(outcomes, flags, "collective_income", aspect="service", comparison="never_flagged")
    assert set(never["village_code"]) == {"a", "c"}  # b holds another aspect's flag


@pytest.mark.slow
def test_monte_carlo_default_scenario_covers_and_rejects_at_the_nominal_rates():
    """Small in the test suite (60 draws; benchmarks/bench_analysis.py runs 200 and more): coverage
    of the 95% CI near 0.95 and the rejection of a zero effect near 0.05."""
    from zhaodong_data.demo.montecarlo import draws

    assert 0.85 <= draws("default", 60, pretrend=False)["covered"].mean() <= 1.0
    assert (draws("no_effect", 60, pretrend=False)["p_value"] < 0.05).mean() <= 0.12


@pytest.mark.slow
def test_monte_carlo_transitory_selection_is_biased_and_the_wage_truth_is_its_own():
    from zhaodong_data.demo.montecarlo import draws

    assert draws("transitory", 30, pretrend=False)["estimate"].mean() < 0.15 - 0.005  # reported, not hidden
    wage = draws("default", 20, outcome="wage_income", pretrend=False)
    assert abs(wage["estimate"].mean() - DemoParameters().truth("wage_income")) < 0.01
    assert (wage["truth"] == 0.05).all()


@pytest.mark.slow
def test_selection_on_trends_fails_the_pretrend_test_most_of_the_time():
    from zhaodong_data.demo.montecarlo import draws

    assert (draws("trend", 20)["pretrend_p"] < 0.05).mean() > 0.5


def test_every_demo_parameter_has_a_note():
    rows = DemoParameters().as_rows()
    assert rows["note"].str.len().gt(10).all()
    assert set(rows["name"]) >= {"selection", "award_waves", "one_flag_per_village", "flags_by_aspect"}


@pytest.fixture(scope="module")
def demo():
    panel = generate_demo(load_gazetteer().villages, DemoParameters(seed=4))
    flags = pd.concat(
        [panel.red_flags, pd.DataFrame([{"village_code": "231282106202", "aspect": "development", "year": 2022}])]
    )
    return panel.outcomes, flags


def test_placebo_years_find_nothing_before_the_award(demo):
    from zhaodong_data.analysis.inference import placebo_years

    table = placebo_years(award_panel(*demo, "collective_income"))
    assert list(table["placebo_year"]) == [2020]  # 2018-2021: two years on each side of 2020 only
    assert table["p_value"].iloc[0] > 0.01 and abs(table["estimate"].iloc[0]) < 0.05


def test_randomization_inference_matches_twfe_and_rejects_the_planted_effect(demo):
    from zhaodong_data.analysis.inference import randomization_inference

    panel = award_panel(*demo, "collective_income")
    result = randomization_inference(panel, draws=199, seed=1)
    assert abs(result["estimate"] - twfe(panel).estimate) < 1e-10
    assert result["p_value"] == 1 / 200  # no permutation comes near a planted 0.15
    villages = load_gazetteer().villages.set_index("code")["town_code"]
    within = randomization_inference(
        panel.assign(town=panel["village_code"].map(villages)), draws=99, within="town", seed=2
    )
    assert within["within"] == "town" and within["p_value"] <= 0.02


def test_bh_qvalues_against_a_hand_computation():
    from zhaodong_data.analysis.inference import bh_qvalues

    # p sorted: .01 .02 .03 .5 → p·m/rank: .04 .04 .04 .5 → running minimum from the top: .04 .04 .04 .5
    assert np.allclose(bh_qvalues([0.5, 0.01, 0.03, 0.02]), [0.5, 0.04, 0.04, 0.04])


def test_heterogeneity_by_aspect_is_against_never_flagged_villages(demo):
    from zhaodong_data.analysis.inference import by_aspect

    table = by_aspect(*demo, ["collective_income", "wage_income"])
    assert len(table) == 12 and table["q_value"].between(0, 1).all()
    development = table[(table["outcome"] == "collective_income") & (table["aspect"] == "development")].iloc[0]
    assert development["n_villages"] == 86 + 26  # the 26 development villages and the 86 never flagged
    assert development["ci_low"] <= 0.15 <= development["ci_high"]


def test_selection_diagnostics_show_the_level_selection(demo):
    from zhaodong_data.analysis.inference import selection_diagnostics

    result = selection_diagnostics(award_panel(*demo, "collective_income"))
    balance = result["balance"].set_index("measure")
    assert balance.loc["level", "difference"] > 0.3 and balance.loc["level", "p_value"] < 0.001
    assert balance.loc["growth", "p_value"] > 0.01  # selection on levels, not on trends
    assert result["logit"].loc["level", "coefficient"] > 0


def test_the_conclusion_holds_at_the_bounds(demo):
    from zhaodong_data.analysis.inference import at_the_bounds

    table = at_the_bounds(*demo, "collective_income")
    assert list(table["reading"]) == ["value", "low", "high"] and table["same_conclusion"].all()
    assert table["estimate"].nunique() == 3  # the loosely reported values move it, a little


def test_a_notebook_never_builds_a_store_for_a_typo(tmp_path, monkeypatch):
    from zhaodong_data.research import open_study

    monkeypatch.delenv("ZHAODONG_STORE", raising=False)
    with pytest.raises(FileNotFoundError, match="no store here"):
        open_study(tmp_path / "stroe.duckdb")
    assert not (tmp_path / "stroe.duckdb").exists()
    study = open_study(scenario="no_effect", seed=3)  # no store given: the embedded default, built afresh
    assert study.synthetic and study.truth("collective_income") == 0.0 and "SYNTHETIC" in study.describe()


def test_randomisation_keeps_each_towns_cohort_sizes_and_defaults_to_towns():
    from zhaodong_data.analysis.inference import permute_within, randomization_inference

    rng = np.random.default_rng(0)
    status = np.array([2020, 2020, np.nan, 2022, np.nan, 2020, 2022, np.nan, np.nan])
    groups = np.array(["a", "a", "a", "a", "b", "b", "b", "b", "b"])
    counts = lambda s: pd.Series(s).fillna(0).groupby(groups).value_counts().sort_index()  # noqa: E731
    for _ in range(20):
        shuffled = permute_within(status, groups, rng)
        assert counts(shuffled).equals(counts(status))
    outcomes, red_flags = (lambda d: (d.outcomes, d.red_flags))(generate_demo(load_gazetteer().villages))
    result = randomization_inference(award_panel(outcomes, red_flags, "collective_income"), draws=99)
    assert result["within"] == "town" and result["p_floor"] == 1 / 100


def test_the_small_sample_correction_is_pyfixest_s_ssc():
    """Our factor is the ratio of pyfixest's variance with its default `ssc()` to its variance
    with none, for the same fit: G/(G-1)·(N-1)/(N-K), K = the regressor and the years."""
    from zhaodong_data.analysis.ssc import FIXEST_DEFAULT, SmallSampleCorrection

    panel = _unbalanced(7)
    formula, vcov = "y ~ treated_post | village_code + year", {"CRV1": "village_code"}
    default = pyfixest.feols(formula, data=panel, vcov=vcov).tidy().loc["treated_post", "Std. Error"]
    bare = pyfixest.feols(formula, data=panel, vcov=vcov, ssc=pyfixest.ssc(adj=False, cluster_adj=False))
    none = bare.tidy().loc["treated_post", "Std. Error"]
    n, k, clusters = len(panel), 1 + panel["year"].nunique(), panel["village_code"].nunique()
    assert abs((default / none) ** 2 - FIXEST_DEFAULT.factor(n, k, clusters)) < 1e-10
    assert SmallSampleCorrection(adj=False, cluster_adj=False).factor(n, k, clusters) == 1.0
    assert abs(twfe(panel).std_error - default) < 1e-8  # the estimator uses it
    assert "G/(G-1)·(N-1)/(N-K)" in twfe(panel).convention
