# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 3. Before and after the award: difference-in-differences
#
# The award effect: with awards in one year, two-way fixed effects (village and year) with
# village-clustered errors (fixest's conventions, checked against pyfixest in the tests); with awards in
# several years, the imputation estimator (Borusyak–Jaravel–Spiess; the point estimate of pyfixest's
# did2s, checked against it), which stays right when effects differ by cohort or grow with time since the
# award. Village- and town-clustered inference side by side, an event study with a pre-trend test, placebo award years,
# randomisation inference, the wild cluster bootstrap where clusters are few, q-values across outcomes
# and aspects, and a Monte Carlo of what each demo scenario does to the estimator.

# %% tags=["parameters"]
store = None  # a zhaodong store; None: $ZHAODONG_STORE if set, else the embedded default, built afresh
scenario = "default"  # default, transitory, trend, no_effect, waves, waves_no_effect, cohorts, dynamic, cohorts_dynamic
seed = 20220802
outcome = "collective_income"
aspect = "any"
monte_carlo_draws = 20  # per scenario; benchmarks/bench_analysis.py runs 200 and more

# %%
import pandas as pd
import plotly.io as pio

from zhaodong_data.analysis import award_effect, award_event_study, award_panel, twfe
from zhaodong_data.analysis.aspects import aspect_effects
from zhaodong_data.analysis.cohorts import cohort_weights
from zhaodong_data.analysis.inference import at_the_bounds, by_aspect, placebo_years, randomization_inference
from zhaodong_data.analysis.poisson import ppml
from zhaodong_data.analysis.sensitivity import pretrend_power, relative_magnitudes_breakdown, relative_magnitudes_set
from zhaodong_data.analysis.spillovers import spillover_effects
from zhaodong_data.analysis.transitions import weak_band_effect
from zhaodong_data.demo.montecarlo import draws, summary
from zhaodong_data.research import open_study
from zhaodong_data.study import award_years_of, event_study_figure, trend_frame, trends_figure
from zhaodong_data.study.charts import as_figure

# Charts interactive in Jupyter and drawn in the HTML `make notebooks` writes (plotly.js embedded: offline).
pio.renderers.default = "plotly_mimetype+notebook"

study = open_study(store, scenario, seed)
print(study.describe())
data = study.data
comparison = "others" if aspect == "any" else "never_flagged"
panel = award_panel(data.outcomes, data.red_flags, outcome, aspect=aspect, comparison=comparison)

# %% [markdown]
# ## The award effect, clustered by village and by town

# %%
estimate = award_effect(panel)
print(pd.Series(estimate.as_dict()).to_string())
for warning in estimate.warnings + twfe(panel).warnings:
    print("warning:", warning)
if panel["award_year"].nunique() > 1:  # what TWFE would weigh each cohort and year since award by
    print(cohort_weights(panel).to_string(index=False))
by_town = award_effect(panel, cluster="town")
print(
    pd.DataFrame([estimate.as_dict(), by_town.as_dict()], index=["village", "town"])[
        ["estimate", "std_error", "ci_low", "ci_high", "p_value", "clusters", "method", "reason"]
    ].to_string()
)
truth = study.truth(outcome)
if estimate.reason:
    print(f"no estimate: {estimate.reason}")
elif truth is not None:
    print(
        f"planted effect on {outcome}: {truth}: {'inside' if estimate.ci_low <= truth <= estimate.ci_high else 'OUTSIDE'}"
        f" the 95% CI [{estimate.ci_low:.3f}, {estimate.ci_high:.3f}]"
    )

# %% [markdown]
# ## Event study and the pre-trend test

# %%
study_result = award_event_study(panel, leads=3, lags=2)
print(study_result.get("method"))
print(study_result["reason"] or study_result["terms"].to_string(index=False))
if study_result.get("pretrend"):
    print(pd.Series(study_result["pretrend"])[["F", "df1", "df2", "p_value"]].to_string())

# %% [markdown]
# ## How much the conclusion can bear
#
# The pre-trend test's power (the smallest linear pre-trend it detects four times in five) and the
# relative-magnitudes sensitivity of Rambachan and Roth: the robust 95% set for the average
# post-award effect when post-award departures from parallel trends may reach M̄ times the largest
# pre-award change (the ARP conditional-least-favourable hybrid, as the R package HonestDiD
# computes it, allowing for the pre-award terms' sampling error), and the breakdown M̄ at which
# that set first includes zero. All computed here, in this run; see
# `zhaodong_data/analysis/sensitivity.py` and `relative_magnitudes.py` for what they assume.

# %%
slope = pretrend_power(study_result.get("pretrend"))
coefficients = study_result.get("coefficients")
breakdown = relative_magnitudes_breakdown(coefficients)
if slope is None or breakdown is None:
    print("no sensitivity analysis: the event study has no consecutive pre- and post-award terms")
else:
    print(
        f"A linear pre-trend of {slope:.3f} log points a year would be detected with 80% power "
        f"(the estimate is {estimate.estimate:.3f}); the robust 95% set for the average post-award effect "
        f"includes zero once post-award departures from parallel trends reach {breakdown:.2f} times the "
        "largest pre-award change."
    )
    for mbar in (0.5, 1.0, 2.0):
        robust = relative_magnitudes_set(coefficients, mbar)
        print(f"  M̄ = {mbar}: robust 95% set {robust}")

# %%
# The same charts as the dashboard's Trends page: means by year with 95% bands, and the event study.
as_figure(trends_figure(trend_frame(data, outcome, aspect), outcome, award_years_of(data, aspect), "en"))

# %%
as_figure(event_study_figure(study_result["terms"], "en")) if study_result["reason"] is None else None

# %% [markdown]
# ## Placebo award years (pre-award data only) and randomisation inference

# %%
print(placebo_years(panel)[["placebo_year", "estimate", "std_error", "p_value", "reason"]].to_string(index=False))
towns = data.villages.set_index("code")["town_code"]
for within in (None, "town"):
    # Award years permuted across villages (within towns: each town keeps its cohorts' sizes).
    result = randomization_inference(
        panel.assign(town=panel["village_code"].map(towns)), draws=999, within=within, seed=seed
    )
    print(result if result["reason"] is None else f"no randomisation inference: {result['reason']}")

# %% [markdown]
# ## Few clusters: the wild cluster bootstrap (one town's villages; and by town, when towns are few)

# %%
town_of_village = panel["village_code"].map(towns)
largest_town = town_of_village.value_counts().index[0] if len(town_of_village.dropna()) else None
one_town = panel[town_of_village == largest_town]
for label, estimate_few in (
    (f"the villages of town {largest_town}", award_effect(one_town)),
    ("clustered by town", award_effect(panel, cluster="town")),
):
    ci = f"[{estimate_few.ci_low:.3f}, {estimate_few.ci_high:.3f}]" if estimate_few.ci_low is not None else "none"
    print(
        f"{label}: {estimate_few.clusters} clusters |",
        estimate_few.method,
        "|",
        estimate_few.reason or (f"estimate {estimate_few.estimate:.3f}, p = {estimate_few.p_value:.3f}, 95% CI {ci}"),
    )

# %% [markdown]
# ## Heterogeneity by aspect (against never-flagged villages), with Benjamini-Hochberg q-values

# %%
table = by_aspect(data.outcomes, data.red_flags, ["collective_income", "wage_income"])
print(
    table[
        ["outcome", "aspect", "estimate", "ci_low", "ci_high", "p_value", "q_value", "n_villages", "reason"]
    ].to_string(index=False)
)

# %%
# Are the aspects' effects equal? One regression, a term per aspect, the Wald test; and the dose (one more aspect).
aspects = aspect_effects(data.outcomes, data.red_flags, outcome)
if aspects["reason"]:
    print(f"no aspect comparison: {aspects['reason']}")
else:
    print(aspects["terms"].to_string(index=False))
    print("equal effects across aspects:", aspects["equal"])
    print("dose:", aspects["dose"] or aspects["dose_reason"])

# %% [markdown]
# ## Logs, levels and Poisson (PPML) side by side
#
# The log drops zeros (counted in the warnings); levels keep them but weigh large villages most; PPML
# keeps them and gives a proportional effect, exp(beta) - 1, comparable with the log.

# %%
in_levels = award_panel(data.outcomes, data.red_flags, outcome, aspect=aspect, comparison=comparison, log=False)
readings = {"log": award_effect(panel), "levels (yuan)": award_effect(in_levels), "PPML": ppml(in_levels)}
print(
    pd.DataFrame({name: e.as_dict() for name, e in readings.items()})
    .T[["estimate", "std_error", "ci_low", "ci_high", "p_value", "n_obs", "method", "warnings", "reason"]]
    .to_string()
)

# %% [markdown]
# ## Spillovers within towns
#
# Unflagged villages in towns with a high flagged share against those in towns with a low one: a gain
# there would mean the comparison villages are not untouched, and the award effect understated.

# %%
spill = spillover_effects(panel)
print(spill["reason"] or spill["terms"].to_string(index=False))
print({key: spill.get(key) for key in ("exposed_villages", "comparison_villages")})

# %% [markdown]
# ## Leaving the bottom band: 空壳村 and 薄弱村 (operating income under ¥5万)

# %%
bands = weak_band_effect(data.outcomes, data.red_flags)
print(bands["shares"].to_string(index=False))
weak = bands["estimate"]
print(weak.reason or f"effect of the award on the chance of being weak: {weak.estimate:+.3f} ({weak.method})")

# %% [markdown]
# ## Does the conclusion hold at the bounds of loosely reported values (余, 约)?

# %%
print(
    at_the_bounds(data.outcomes, data.red_flags, outcome)[
        ["reading", "estimate", "p_value", "same_conclusion"]
    ].to_string(index=False)
)

# %% [markdown]
# ## What each demo scenario does to the estimator (Monte Carlo)
#
# Selection on the permanent level is absorbed by village effects; selection on transitory shocks is not
# (regression to the mean biases the estimate); selection on trends shows in the pre-trend test. With
# effects that differ by cohort or grow with time since award, TWFE is biased and the award effect is not.

# %%
monte_carlo = []
for name in (
    "default",
    "transitory",
    "trend",
    "no_effect",
    "waves",
    "waves_no_effect",
    "cohorts",
    "dynamic",
    "cohorts_dynamic",
):
    table = draws(name, monte_carlo_draws)
    monte_carlo += [summary(name, table, "twfe"), summary(name, table, "award_effect")]
print(pd.DataFrame(monte_carlo).to_string(index=False))
