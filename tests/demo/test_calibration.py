"""The published totals come out of the demo panel exactly, and its known truth is as documented."""

import numpy as np
import pandas as pd
import pytest

from zhaodong_data.demo import ASPECTS, DemoParameters, generate_demo
from zhaodong_data.gazetteer import load_gazetteer
from zhaodong_data.store import build_store, open_store

YONGFENG = "231282106202"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = build_store(tmp_path_factory.mktemp("demo") / "s.duckdb")
    with open_store(path) as opened:
        yield opened


def _sum(store, metric, where="TRUE"):
    return store.query(
        f"SELECT sum(value) s, count(*) n FROM outcomes WHERE metric = ? AND is_synthetic AND {where}", [metric]
    ).iloc[0]


def test_one_hundred_flags_over_five_aspects(store):
    flags = store.query("SELECT * FROM red_flags WHERE village_code IS NOT NULL")
    assert len(flags) == 100
    assert flags["village_code"].is_unique
    assert set(flags["aspect"]) == set(ASPECTS)
    assert (flags["aspect"] == "development").sum() == 26
    assert (flags["year"] == 2022).all()
    assert flags.loc[flags["village_code"] == YONGFENG, "is_synthetic"].tolist() == [False]


def test_development_investment_and_new_entities_exact(store):
    development = store.query(
        "SELECT village_code FROM red_flags WHERE aspect = 'development' AND village_code IS NOT NULL"
    )
    investment = store.query("SELECT * FROM outcomes WHERE metric = 'investment' AND is_synthetic")
    assert set(investment["village_code"]) == set(development["village_code"])
    assert investment["value"].sum() == 26_200_000
    assert (investment["year"] == 2022).all()
    entities = _sum(store, "new_business_entities")
    assert (entities["s"], entities["n"]) == (59, 26)


def test_six_joint_committees_exact_totals(store):
    committees = store.table("joint_committees")
    members = store.table("joint_committee_members")
    assert len(committees) == 6 and "231282204000" in set(committees["town_code"])
    collective = store.query("SELECT * FROM outcomes WHERE metric = 'jc_collective_income' AND is_synthetic")
    farmers = store.query("SELECT * FROM outcomes WHERE metric = 'farmer_income_increase' AND is_synthetic")
    assert collective["value"].sum() == 4_200_000 and farmers["value"].sum() == 22_800_000
    assert set(collective["village_code"]) == set(members["village_code"]) == set(farmers["village_code"])
    assert (collective["year"] == 2022).all()


def test_cold_storage_from_2020_about_300000(store):
    cold = store.query(
        f"SELECT year, value FROM outcomes WHERE metric = 'cold_storage_revenue' AND is_synthetic "
        f"AND village_code = '{YONGFENG}' ORDER BY year"
    )
    assert cold["year"].tolist() == list(range(2020, 2025))
    assert cold.set_index("year").loc[2022, "value"] == 300_000
    assert cold["value"].between(285_000, 315_000).all()
    others = store.query(
        "SELECT DISTINCT village_code FROM outcomes WHERE metric = 'cold_storage_revenue' "
        f"AND is_synthetic AND village_code <> '{YONGFENG}'"
    )
    assert len(others) == 3


def test_collective_incomes_in_the_published_range(store):
    income = store.query("SELECT * FROM outcomes WHERE metric = 'collective_income' AND is_synthetic")
    assert len(income) == 186 * 7
    assert set(income["year"]) == set(range(2018, 2025))
    assert 300_000 <= income["value"].median() <= 700_000  # 59万 (永丰村 2015), 71.9万 new (长富村)
    assert income["value"].between(30_000, 10_000_000).all()


def test_every_demo_row_says_it_is_synthetic(store):
    rows = store.query("SELECT source_id, is_synthetic FROM outcomes WHERE source_id = 'demo-synthetic'")
    assert rows["is_synthetic"].all()
    parameters = store.table("demo_parameters").set_index("name")
    assert float(parameters.loc["red_flag_effect", "value"]) == 0.15


def test_seeded_and_parameterised():
    villages = load_gazetteer().villages
    a, b = generate_demo(villages), generate_demo(villages)
    pd.testing.assert_frame_equal(a.outcomes, b.outcomes)
    other = generate_demo(villages, DemoParameters(seed=1))
    assert not a.outcomes["value"].equals(other.outcomes["value"])
    assert other.outcomes.query("metric == 'investment'")["value"].sum() == 26_200_000


def test_planted_effect_and_selection_are_there():
    """Difference in differences of log income recovers the planted effect; awarded villages were stronger before."""
    villages = load_gazetteer().villages
    estimates = []
    for seed in range(8):
        panel = generate_demo(villages, DemoParameters(seed=seed, red_flag_effect=0.3))
        income = panel.outcomes.query("metric == 'collective_income'")
        flagged = set(panel.red_flags["village_code"]) | {YONGFENG}
        income = income.assign(
            log=np.log(income["value"]), flagged=income["village_code"].isin(flagged), post=income["year"] >= 2022
        )
        means = income.groupby(["flagged", "post"])["log"].mean()
        estimates.append((means[True, True] - means[True, False]) - (means[False, True] - means[False, False]))
        pre = income[~income["post"]].groupby("flagged")["log"].mean()
        assert pre[True] > pre[False]
    assert abs(np.mean(estimates) - 0.3) < 0.05


@pytest.mark.parametrize("share", [0.3, 0.55, 0.8])
def test_operating_income_is_a_part_of_total_income_with_the_documented_share(share):
    """Every village-year has operating income no larger than its total income, and the mean
    share over villages is the parameter (Monte Carlo over the 186 villages and seven years)."""
    villages = load_gazetteer().villages
    panel = generate_demo(villages, DemoParameters(operating_share_mean=share)).outcomes
    wide = panel[panel["metric"].isin(["collective_income", "operating_income"])].pivot_table(
        index=["village_code", "year"], columns="metric", values="value"
    )
    assert len(wide) == panel.query("metric == 'collective_income'").shape[0] > 1000 and wide.notna().all().all()
    assert (wide["operating_income"] <= wide["collective_income"]).all()
    ratio = wide["operating_income"] / wide["collective_income"]
    assert ratio.mean() == pytest.approx(share, abs=0.04)


def test_a_refused_estimate_covers_nothing_instead_of_crashing_the_monte_carlo(monkeypatch):
    """A draw whose estimate is refused (no interval) is counted as not covering, with its reason
    kept, not a TypeError that ends the run."""
    from zhaodong_data.analysis.did import Estimate
    from zhaodong_data.demo import montecarlo

    refused = Estimate(
        "treated", None, None, None, None, None, 0, 0, 0, 0, "two-way fixed effects", "fixest", reason="no observations"
    )
    monkeypatch.setattr(montecarlo, "twfe", lambda panel: refused)
    monkeypatch.setattr(montecarlo, "award_effect", lambda panel: refused)
    rows = montecarlo.draws("default", 2, pretrend=False)
    assert rows["covered"].isna().all() and len(rows) == 4  # two draws, two estimators
