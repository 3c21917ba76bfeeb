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
# # 4. Your own ledgers: ingest, award timing, several waves
#
# How real ledgers replace the demo: check a ledger, ingest it into a store, and run the panel study on it.
# The award year comes from the ledger's own red-flag column (红旗类别): a village flagged in 2020 is
# treated from 2020, one flagged in 2022 from 2022. Without a ledger of yours, an example ledger is
# generated (from the synthetic demo, so it says SYNTHETIC in its source) with two award waves.

# %% tags=["parameters"]
ledger = None  # your ledger (CSV, XLSX, XLS); None: an example generated below
store = None  # the store to ingest into; None: a new one in a temporary folder (published sources only)
scenario = "waves"  # the demo scenario the example ledger is drawn from
seed = 7
outcome = "collective_income"
aspect = "any"

# %%
import csv
import tempfile
from pathlib import Path

import pandas as pd

from zhaodong_data.analysis import award_effect, award_event_study, award_panel, award_years
from zhaodong_data.demo import DemoParameters, generate_demo
from zhaodong_data.gazetteer import load_gazetteer
from zhaodong_data.ingest import check_file, ingest_file
from zhaodong_data.store import build_store, open_store
from zhaodong_data.study import load_dashboard_data, text

folder = Path(tempfile.mkdtemp(prefix="zhaodong-ledgers-"))
if ledger is None:
    # An example ledger: 80 villages, 2018-2024, two award waves (2020 and 2022), SYNTHETIC values.
    villages = load_gazetteer().villages
    demo = generate_demo(villages, DemoParameters.scenario(scenario, seed=seed))
    flags = demo.red_flags.set_index("village_code")
    chosen = (
        list(flags.index[:40]) + [c for c in villages.query("level == 'village'")["code"] if c not in flags.index][:40]
    )
    names = villages.set_index("code")
    values = (
        demo.outcomes[demo.outcomes["metric"].isin(["collective_income", "wage_income"])]
        .pivot_table(index=["village_code", "year"], columns="metric", values="value")
        .reset_index()
    )
    ledger = folder / "example-ledger.csv"
    with ledger.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["乡镇", "村名", "年度", "红旗类别", "村集体经济收入（万元）", "务工收入（元/月）"])
        for row in values[values["village_code"].isin(chosen)].itertuples():
            flag = flags.loc[row.village_code] if row.village_code in flags.index else None
            aspect_zh = text(flag["aspect"], "zh") if flag is not None and row.year >= flag["year"] else ""
            writer.writerow(
                [
                    names.loc[row.village_code, "town_name"],
                    names.loc[row.village_code, "name_short"],
                    row.year,
                    aspect_zh,
                    f"{row.collective_income / 1e4:.2f}",
                    f"{row.wage_income:.0f}",
                ]
            )
    print(f"example ledger (SYNTHETIC values, two award waves): {ledger}")
store_file = Path(store) if store else build_store(folder / "store.duckdb", demo=False)

# %% [markdown]
# ## Check it first: what would be read, quarantined, and changed

# %%
report, changes = check_file(ledger, store_path=store_file)
print(
    {key: report[key] for key in ("rows_read", "rows_clean", "rows_quarantined", "rows_skipped", "cells_quarantined")}
)
for entry in report["quarantine"][:10]:
    print(f"  row {entry['row']} {entry['column']!r} {entry['value']!r}: {entry['reason']}")
print({key: changes[key] for key in ("new_values", "villages", "years", "metrics", "first_ledger")})

# %% [markdown]
# ## Ingest it, then read what the store now holds

# %%
outcome_of_ingest = ingest_file(store_file, ledger)
print(f"{outcome_of_ingest.status} as ingest #{outcome_of_ingest.ingest_id}")
data = load_dashboard_data(store_file)  # ledgers only: real values are never mixed with synthetic ones here
with open_store(store_file) as opened:
    print(opened.ingests()[["id", "file_name", "rows_clean", "rows_quarantined", "status"]].to_string(index=False))
print(
    f"data: {data.selection}; {data.outcomes['village_code'].nunique()} villages, years "
    f"{sorted(data.outcomes['year'].unique())}"
)

# %% [markdown]
# ## Award timing: each village's award year, from the ledger's own red-flag column

# %%
years = award_years(data.red_flags, aspect)
print(years.value_counts().sort_index().rename("villages awarded").to_string())

# %% [markdown]
# ## The panel study on the ledger (staggered waves: each village treated from its own award year)

# %%
panel = award_panel(data.outcomes, data.red_flags, outcome, aspect=aspect)
# With awards in several years the default is the imputation estimator (TWFE would weigh the cohorts
# unevenly); the method line says which was used.
estimate = award_effect(panel)
print(pd.Series(estimate.as_dict()).to_string())
result = award_event_study(panel, leads=3, lags=2)
print(result["reason"] or result["terms"].to_string(index=False))
