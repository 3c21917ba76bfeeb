"""The default award effect when awards come in several years: the imputation estimator against
pyfixest's did2s, the one-year case equal to TWFE, the event study's terms against did2s and
feols, TWFE's cohort weights and warning, town clustering against feols, and the wild cluster
bootstrap against the `wildboottest` package."""

import numpy as np
import pandas as pd
import pytest

from zhaodong_data.analysis import twfe
from zhaodong_data.analysis.award_effect import award_effect, imputation_effect, imputation_event_study
from zhaodong_data.analysis.cohorts import twfe_weights
from zhaodong_data.analysis.did import MIN_CLUSTERS, _design

pyfixest = pytest.importorskip("pyfixest", reason="pyfixest (a test extra) is the independent reference")

COHORTS = (2018, 2020, 2021, None, None)  # village v's cohort is COHORTS[v % 5]; None: never awarded


def _staggered(seed=1, villages=120, towns=None, effect=0.1, growth=0.05, first_extra=0.1, drop=0.1):
    """An unbalanced panel, 2015-2023, awards in three years, effects growing with years since
    award and larger in the first cohort: the truth is known row by row."""
    rng = np.random.default_rng(seed)
    rows = [(f"v{v:03d}", t) for v in range(villages) for t in range(2015, 2024) if rng.uniform() > drop]
    panel = pd.DataFrame(rows, columns=["village_code", "year"])
    number = panel["village_code"].str[1:].astype(int)
    panel["award_year"] = number.map(lambda v: COHORTS[v % 5]).astype(float)
    since = panel["year"] - panel["award_year"]
    treated = since >= 0
    panel["truth"] = np.where(
        treated, effect + growth * since.fillna(0) + first_extra * (panel["award_year"] == 2018), 0
    )
    panel["town"] = "t" + (number % (towns or villages)).astype(str)
    panel["y"] = number * 0.01 + (panel["year"] - 2015) * 0.03 + panel["truth"] + rng.normal(0, 0.1, len(panel))
    panel["is_treated"] = treated
    return panel


def _did2s(panel, second_stage="~is_treated", cluster="village_code"):
    return pyfixest.did2s(
        panel.copy(),
        yname="y",
        first_stage="~0|village_code+year",
        second_stage=second_stage,
        treatment="is_treated",
        cluster=cluster,
    ).tidy()


def _exact_did2s(panel):
    """Gardner's two stages and the GMM variance by direct sparse linear algebra (dummies for
    villages and years, the first stage on untreated rows): the reference at machine precision."""
    import scipy.sparse as sparse
    from scipy.sparse.linalg import lsqr, spsolve

    n = len(panel)
    units = pd.factorize(panel["village_code"], sort=True)[0]
    times = pd.factorize(panel["year"], sort=True)[0][:, None] == np.arange(1, panel["year"].nunique())[None, :]
    dummies = sparse.hstack([sparse.csr_matrix((np.ones(n), (np.arange(n), units))), sparse.csr_matrix(times)]).tocsr()
    treated = panel["is_treated"].to_numpy()
    untreated = sparse.diags((~treated).astype(float)) @ dummies
    y = panel["y"].to_numpy()
    first = lsqr(untreated, np.where(treated, 0.0, y), atol=1e-15, btol=1e-15, iter_lim=100_000)[0]
    residuals = y - dummies @ first
    beta = residuals[treated].mean()
    weights = untreated @ spsolve((untreated.T @ untreated).tocsc(), dummies.T @ treated.astype(float))
    scores = np.bincount(units, weights=np.where(treated, residuals - beta, 0.0) - weights * residuals)
    return beta, float(np.sqrt(scores @ scores)) / treated.sum()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_imputation_estimate_and_its_error_match_did2s(seed):
    panel = _staggered(seed, drop=0.0)
    ours = award_effect(panel)
    theirs = _did2s(panel).loc["is_treated"]
    assert "imputation" in ours.method
    assert abs(ours.estimate - theirs["Estimate"]) < 1e-8
    assert abs(ours.std_error / theirs["Std. Error"] - 1) < 1e-6  # did2s's first stage stops at fixest's 1e-8
    # intervals: t(G-1), where did2s uses the residual degrees of freedom, so ours are a little wider
    assert ours.ci_low < theirs["2.5%"] and ours.ci_high > theirs["97.5%"]
    assert ours.clusters == panel["village_code"].nunique() and ours.warnings == ()


@pytest.mark.parametrize("seed", [1, 5, 8])
def test_on_unbalanced_panels_it_matches_the_exact_two_stage_solution(seed):
    """did2s loses precision on unbalanced panels (and fails on some): the reference here is
    the same estimator by direct sparse linear algebra."""
    panel = _staggered(seed, drop=0.1)
    ours = award_effect(panel)
    exact_estimate, exact_se = _exact_did2s(panel)
    assert abs(ours.estimate - exact_estimate) < 1e-12 and abs(ours.std_error - exact_se) < 1e-12


def test_it_recovers_cohort_and_dynamic_effects_where_twfe_does_not():
    """Over 40 panels, the estimate's mean is the truth averaged over treated village-years;
    TWFE's is below it (later years since award get less weight)."""
    ours, theirs, truths = [], [], []
    for seed in range(40):
        panel = _staggered(seed, villages=100)
        truths.append(panel.loc[panel["is_treated"], "truth"].mean())
        ours.append(award_effect(panel).estimate)
        theirs.append(
            twfe(
                panel.assign(
                    treated=panel["award_year"].notna(),
                    post=panel["year"] >= 2018,
                    treated_post=panel["is_treated"].astype(float),
                )
            ).estimate
        )
    truth = np.mean(truths)
    assert abs(np.mean(ours) - truth) < 0.01
    assert np.mean(theirs) < truth - 0.03


def test_with_one_award_year_it_is_twfe_exactly():
    panel = _staggered(4)
    panel["award_year"] = np.where(panel["award_year"].notna(), 2020.0, np.nan)
    panel["is_treated"] = panel["year"] >= panel["award_year"]
    panel = panel.assign(
        treated=panel["award_year"].notna(), post=panel["year"] >= 2020, treated_post=panel["is_treated"].astype(float)
    )
    assert award_effect(panel) == twfe(panel)
    assert award_effect(panel).method == "two-way fixed effects"


def test_twfe_warns_and_shows_its_cohort_weights_when_awards_come_in_several_years():
    panel = _staggered(2).assign(treated=lambda p: p["award_year"].notna(), post=lambda p: p["year"] >= 2018)
    panel["treated_post"] = panel["is_treated"].astype(float)
    estimate = twfe(panel)
    assert len(estimate.warnings) == 1 and "awards in 3 years (2018, 2020, 2021)" in estimate.warnings[0]
    _, _, x_tilde, *_ = _design(panel, "y", ["treated_post"], "village_code", "year")
    weights = twfe_weights(panel, x_tilde[:, 0])
    assert abs(weights["weight"].sum() - 1) < 1e-12
    assert weights["rows"].sum() == panel["is_treated"].sum()
    # the weights are what TWFE does: applied to the rows' own effects they give the noiseless estimate
    noiseless = panel.assign(y=panel["truth"])
    cells = panel[panel["is_treated"]].groupby(["award_year", panel["year"] - panel["award_year"]])["truth"].first()
    weighted = sum(
        w * cells.loc[(a, s)]
        for a, s, w in weights[["award_year", "years_since_award", "weight"]].itertuples(index=False)
    )
    assert abs(twfe(noiseless).estimate - weighted) < 1e-8
    # per row, the first cohort's late years since award weigh far less than its first: the cause of the bias
    first = weights[weights["award_year"] == 2018].set_index("years_since_award")
    per_row = first["weight"] / first["rows"]
    assert per_row.loc[5] < 0.2 * per_row.loc[0]


def test_the_event_study_terms_match_did2s_after_and_feols_before():
    panel = _staggered(5, drop=0.0)  # did2s fails on some unbalanced panels
    ours = imputation_event_study(panel, leads=3, lags=2).get("terms").set_index("relative_year")
    since = (panel["year"] - panel["award_year"]).clip(upper=2)
    for k in (0, 1, 2):
        panel[f"post_{k}"] = since == k
    post = _did2s(panel, "~post_0+post_1+post_2")
    for k in (0, 1, 2):
        name = f"post_{k}[T.True]" if f"post_{k}[T.True]" in post.index else f"post_{k}"
        assert abs(ours.loc[k, "estimate"] - post.loc[name, "Estimate"]) < 1e-8
        assert abs(ours.loc[k, "std_error"] / post.loc[name, "Std. Error"] - 1) < 1e-6  # did2s's 1e-8 tolerance
    untreated = panel[~panel["is_treated"]].copy()
    before = (untreated["year"] - untreated["award_year"]).clip(lower=-3)
    untreated["lead_3"], untreated["lead_2"] = (before == -3).astype(float), (before == -2).astype(float)
    leads = pyfixest.feols("y ~ lead_3 + lead_2 | village_code + year", data=untreated, vcov={"CRV1": "village_code"})
    for k in (3, 2):
        assert abs(ours.loc[-k, "estimate"] - leads.tidy().loc[f"lead_{k}", "Estimate"]) < 1e-8
        assert abs(ours.loc[-k, "std_error"] - leads.tidy().loc[f"lead_{k}", "Std. Error"]) < 1e-8
    assert ours.loc[-1, "estimate"] == 0.0


def test_effects_after_the_award_do_not_leak_into_its_pretrend_test():
    """No pre-trend, strong dynamic effects in three cohorts: TWFE's binned leads reject
    parallel trends far more often than 5%; the imputation event study's leads do not."""
    from zhaodong_data.analysis import event_study

    ours, theirs = [], []
    for seed in range(30):
        panel = _staggered(seed, villages=150, growth=0.15, first_extra=0.2)
        ours.append(imputation_event_study(panel)["pretrend"]["p_value"] < 0.05)
        theirs.append(event_study(panel)["pretrend"]["p_value"] < 0.05)
    assert np.mean(ours) <= 0.15 and np.mean(theirs) >= 0.5


def test_clustered_by_town_as_feols_does():
    panel = _staggered(6, villages=210, towns=21)
    panel = panel.assign(
        treated=panel["award_year"].notna(), post=panel["year"] >= 2018, treated_post=panel["is_treated"].astype(float)
    )
    ours = twfe(panel, cluster="town")
    theirs = pyfixest.feols("y ~ treated_post | village_code + year", data=panel, vcov={"CRV1": "town"}).tidy()
    assert abs(ours.std_error - theirs.loc["treated_post", "Std. Error"]) < 1e-8
    assert ours.clusters == 21 and "CRV1 by town: 21 clusters, at least 20" in ours.method
    imputed = award_effect(panel, cluster="town")
    assert abs(imputed.std_error / _did2s(panel, cluster="town").loc["is_treated", "Std. Error"] - 1) < 1e-6
    split = panel.assign(town=np.where(panel["year"] > 2019, "a", "b"))
    assert "more than one town" in twfe(split, cluster="town").reason


def test_town_clusters_come_from_nbs_codes_and_few_towns_use_the_bootstrap():
    panel = _staggered(7, villages=60)
    codes = {code: f"2312820{n % 12:02d}{n:03d}" for n, code in enumerate(sorted(panel["village_code"].unique()))}
    panel["village_code"] = panel["village_code"].map(codes)
    estimate = award_effect(panel.drop(columns="town"), cluster="town")
    assert estimate.clusters == 12 < MIN_CLUSTERS and estimate.std_error is None
    assert (
        "wild cluster bootstrap by town" in estimate.method and estimate.ci_low < estimate.estimate < estimate.ci_high
    )
    assert "no town_code" in award_effect(_staggered(7).drop(columns="town"), cluster="town").reason


def test_the_wild_bootstrap_agrees_with_wildboottest():
    """12 villages under the null: our p-value (fixed effects re-fitted in each draw) within Monte
    Carlo error of the wildboottest package's (WCR, Webb, null imposed, the same B)."""
    wildboottest = pytest.importorskip("wildboottest.wildboottest", reason="wildboottest (a test extra)")
    import statsmodels.formula.api as smf

    for seed in (7, 12):
        panel = _staggered(seed, villages=12, effect=0.0, growth=0.0, first_extra=0.0, drop=0.0)
        panel["award_year"] = np.where(panel["award_year"].notna(), 2020.0, np.nan)
        panel = panel.assign(treated=panel["award_year"].notna(), post=panel["year"] >= 2020)
        panel["treated_post"] = (panel["treated"] & panel["post"]).astype(float)
        ours = twfe(panel, seed=seed)
        model = smf.ols("y ~ treated_post + C(village_code) + C(year)", data=panel)
        theirs = wildboottest.wildboottest(
            model,
            B=9_999,
            cluster=pd.factorize(panel["village_code"])[0],
            param="treated_post",
            weights_type="webb",
            impose_null=True,
            bootstrap_type="11",
            seed=seed,
            show=False,
            parallel=False,
        )
        their_p = float(np.asarray(theirs["p-value"]).ravel()[0])
        assert abs(ours.p_value - their_p) < 0.025, (seed, ours.p_value, their_p)


def test_imputation_refuses_what_it_cannot_estimate_and_counts_what_it_leaves_out():
    panel = _staggered(3)
    everyone = panel.assign(award_year=panel["award_year"].fillna(2021.0))
    assert "no comparison group" in imputation_effect(everyone).reason
    late = panel[panel["year"] >= 2017]
    assert "period(s) before" in imputation_effect(late).reason
    # v000 (awarded in 2018) appears only from its award on: nothing to impute its years from
    always = panel[(panel["village_code"] != "v000") | (panel["year"] >= 2018)]
    estimate = imputation_effect(always)
    left = int((always["village_code"] == "v000").sum())
    assert estimate.warnings and estimate.warnings[0].startswith(f"{left} awarded village-years could not be imputed")


def test_zeros_left_out_of_the_log_outcome_are_counted_and_said():
    from zhaodong_data.analysis import award_panel

    panel = _staggered(9, drop=0.0)
    outcomes = panel.assign(metric="collective_income", value=np.exp(panel["y"]), qualifier="exact", is_synthetic=True)
    zeros = outcomes.sample(40, random_state=1).index
    outcomes.loc[zeros, "value"] = 0.0
    flags = panel.dropna(subset=["award_year"]).groupby("village_code")["award_year"].first().reset_index()
    flags = flags.rename(columns={"award_year": "year"}).assign(aspect="service")
    study = award_panel(outcomes, flags, "collective_income")
    assert len(study) == len(panel) - 40 and study.attrs["not_positive_dropped"] == 40
    assert (
        award_effect(study).warnings[-1]
        == "40 village-years with a zero or negative value are left out of the log outcome"
    )
