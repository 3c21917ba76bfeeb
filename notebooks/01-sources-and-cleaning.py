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
# # 1. Sources and cleaning: every published figure, every correction and why
#
# The published facts come from one machine-translated article (Heilongjiang Daily, 2022-08-02) and a
# few other reports. This notebook shows each figure as published, how it is read, what was corrected
# and why, and what each figure can and cannot be attributed to.

# %% tags=["parameters"]
store = None  # a zhaodong store; None: $ZHAODONG_STORE if set, else the embedded default, built afresh
scenario = "default"  # demo scenario when the embedded default is built (default, transitory, trend, no_effect, waves)
seed = 20220802
outcome = "collective_income"
aspect = "any"

# %%

from zhaodong_data.research import open_study
from zhaodong_data.sources.corrections import correction_reason

study = open_study(store, scenario, seed)
print(study.describe())
facts = study.data.facts.set_index("id")

# %% [markdown]
# ## The registry: raw string, literal reading, cleaned reading

# %%
columns = ["raw", "literal_low", "low", "high", "qualifier", "unit", "period", "attribution", "correction_rule"]
print(facts[columns].to_string())

# %% [markdown]
# ## Every correction, with its rule and reason (in English and Chinese)

# %%
for fact_id, fact in facts[facts["correction_rule"] != ""].iterrows():
    record = fact.to_dict()
    print(
        f"{fact_id} ({fact['correction_rule']}):\n  {correction_reason(record, 'en')}\n  {correction_reason(record, 'zh')}"
    )

# %% [markdown]
# ## What the figures can and cannot be attributed to
#
# - The **26 organizations** of development type are published with their project investment (2620万元)
#   and 59 new business entities, but not by name: the demo assigns them to villages, which is a guess
#   (`flags_by_aspect` in the demo's parameters). The aspect of the one named award (永丰村) is not
#   stated either.
# - The **investment and the joint-committee totals are undated** in the article: the demo places them
#   in 2022, the year of the article.
# - **¥4.2M + ¥22.8M = ¥27M**, which a 2023 report gives for the 向阳乡 joint committee alone: either the
#   six committees' totals are that one committee's, or the two reports count differently. The demo's
#   six committees share the two totals; a reader should not add committee figures from both sources.

# %%
jc = facts.loc[["jc_collective_income", "jc_farmer_income", "xiangyang_jc_income_2022"], ["raw", "low", "source_id"]]
print(jc.to_string())
total = jc.loc["jc_collective_income", "low"] + jc.loc["jc_farmer_income", "low"]
print(
    f"4.2M + 22.8M = {total:,.0f}; the 向阳乡 committee alone (2023 report): {jc.loc['xiangyang_jc_income_2022', 'low']:,.0f}"
)
