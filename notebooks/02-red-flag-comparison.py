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
# # 2. Red-flag villages against the others: descriptives, the cross-section, and selection
#
# A comparison of one year's incomes shows how flagged villages differ, not what the flag did: the awards
# went to villages that were already strong. The selection diagnostics below show how strong.

# %% tags=["parameters"]
store = None  # a zhaodong store; None: $ZHAODONG_STORE if set, else the embedded default, built afresh
scenario = "default"
seed = 20220802
outcome = "collective_income"
aspect = "any"
year = 2022

# %%
import pandas as pd

from zhaodong_data.analysis import CAVEAT, award_panel, compare_groups
from zhaodong_data.analysis.inference import selection_diagnostics
from zhaodong_data.research import open_study
from zhaodong_data.study import comparison_frame, flag_counts, town_summary

study = open_study(store, scenario, seed)
print(study.describe())
data = study.data

# %% [markdown]
# ## Flags by aspect, and the distribution of the outcome by group

# %%
print(flag_counts(data)["by_aspect"].to_string())
frame = comparison_frame(data, outcome, aspect, (), year)
print(frame.groupby("flagged")["value"].describe().to_string())

# %% [markdown]
# ## By town

# %%
print(town_summary(data, outcome, year)[["town_name", "villages", "flags", "flagged_villages", "median"]].to_string())

# %% [markdown]
# ## The cross-section, and why it is not causal

# %%
comparison = compare_groups(frame)
print(pd.Series(comparison.as_dict()).to_string())
print(CAVEAT["en"])

# %% [markdown]
# ## Selection diagnostics: were flagged villages different before the award?

# %%
diagnostics = selection_diagnostics(award_panel(data.outcomes, data.red_flags, outcome, aspect=aspect))
if diagnostics["reason"]:
    print(f"no selection diagnostics: {diagnostics['reason']}")
else:
    print(f"pre-award years: {diagnostics['pre_years']}")
    print(diagnostics["balance"].to_string(index=False))
    if diagnostics["logit"] is not None:
        print(diagnostics["logit"].to_string())
