# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Red-flag villages and the others: what the data can and cannot say
#
# Reruns from a fresh clone on the embedded default (a labelled **synthetic** panel calibrated to the
# published totals) or on your own store with ingested ledgers: set `store` below, or
# `ZHAODONG_STORE`. Open it as a notebook with jupytext, or run it as a script.

# %% tags=["parameters"]
store = None  # a zhaodong store (DuckDB file); None: $ZHAODONG_STORE if set, else the embedded default, built afresh
outcome = "collective_income"
year = 2022  # the year of the cross-section
aspect = "any"  # or party_building, development, service, civilization, harmony

# %%
import os
import platform
import tempfile
from pathlib import Path

import pandas as pd
import statsmodels

import zhaodong_data
from zhaodong_data.analysis import CAVEAT, award_panel, compare_groups, event_study, twfe
from zhaodong_data.demo import DemoParameters
from zhaodong_data.config import store_path
from zhaodong_data.figures import comparison_frame, load_dashboard_data
from zhaodong_data.store import build_store, open_store

if store is None and not os.environ.get("ZHAODONG_STORE"):
    # The embedded default, built into a temporary folder: never a store someone else relies on.
    path = build_store(Path(tempfile.mkdtemp(prefix="zhaodong-")) / "embedded-default.duckdb")
    print(f"no store given: built the embedded default at {path}")
else:
    path = store_path(store)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no store here (check `store` or $ZHAODONG_STORE)")
data = load_dashboard_data(path)
with open_store(path) as opened:
    parameters = opened.table("demo_parameters").set_index("name")["value"]

# %% [markdown]
# ## Provenance

# %%
print(f"store: {path}")
print(f"data: {'ingested ledgers' if data.uses_ledgers else 'SYNTHETIC demo panel'}"
      f" ({data.outcomes['is_synthetic'].mean():.0%} of values synthetic)")
if not data.uses_ledgers and len(parameters):
    print(f"  seed {parameters['seed']}; planted red-flag effect {parameters['red_flag_effect']} (log points); "
          f"selection strength {parameters['selection_strength']}")
print(f"zhaodong_data {zhaodong_data.__version__}, pandas {pd.__version__}, statsmodels {statsmodels.__version__}, "
      f"Python {platform.python_version()}")

# %% [markdown]
# ## The published totals (from the facts registry, with their corrections)

# %%
facts = data.facts.set_index("id")
published = facts.loc[["red_flags_total", "investment_projects", "new_business_entities", "jc_collective_income",
                       "jc_farmer_income", "cold_storage_income"],
                      ["raw", "literal_low", "low", "high", "qualifier", "period", "correction_rule"]]
print(published.to_string())

# %% [markdown]
# ## Cross-section: flagged villages against the others
# Awards were not random, so this difference is not the effect of a flag.

# %%
frame = comparison_frame(data, outcome, aspect, (), year)
comparison = compare_groups(frame)
print(pd.Series(comparison.as_dict()).to_string())
print(CAVEAT["en"])

# %% [markdown]
# ## Before and after the award: two-way fixed effects
# Village effects absorb selection on levels (strong villages flagged); year effects absorb
# county-wide shocks. Parallel trends remain an assumption.

# %%
# With one aspect, the comparison group is the never-flagged villages: villages holding another
# aspect's flag would carry the same kind of effect.
comparison = "others" if aspect == "any" else "never_flagged"
panel = award_panel(data.outcomes, data.red_flags, outcome, aspect=aspect, comparison=comparison)
estimate = twfe(panel)
print(pd.Series(estimate.as_dict()).to_string())
truth = DemoParameters.truth_from_rows(parameters, outcome) if not data.uses_ledgers and len(parameters) else None
if estimate.reason:
    print(f"no estimate: {estimate.reason}")
elif truth is not None:
    inside = estimate.ci_low <= truth <= estimate.ci_high
    print(f"planted effect on {outcome}: {truth}: {'inside' if inside else 'OUTSIDE'} the 95% CI "
          f"[{estimate.ci_low:.3f}, {estimate.ci_high:.3f}]; the cross-section difference mixes it with selection")
elif not data.uses_ledgers:
    print(f"no effect is planted on {outcome} in the demo panel: nothing to check the estimate against")

# %% [markdown]
# ## Event study: leads and lags of the award, and the pre-trend test

# %%
study = event_study(panel, leads=3, lags=2)
if study["reason"]:
    print(f"no event study: {study['reason']}")
else:
    print(study["terms"].to_string(index=False))
    if study["pretrend"]:
        pretrend = study["pretrend"]
        print(f"joint test that every lead is zero: F({pretrend['df1']}, {pretrend['df2']}) = {pretrend['F']:.2f}, "
              f"p = {pretrend['p_value']:.3f}")
