"""Spillovers within towns: the split by the town's flagged share, the two-term regression against
pyfixest, and a planted spillover recovered apart from the direct effect."""

import numpy as np
import pandas as pd
import pytest

from zhaodong_data.analysis.spillovers import spillover_effects, spillover_panel

pyfixest = pytest.importorskip("pyfixest", reason="pyfixest (a test extra) is the independent reference")


def _panel(seed, direct=0.15, spill=0.05, towns=20, per_town=10):
    """Towns t of per_town villages (NBS-shaped codes: town = first nine digits); town t flags
    its first t % 6 villages in 2021; unflagged villages in towns flagging more than the median
    share gain `spill` from 2021."""
    rng = np.random.default_rng(seed)
    rows = []
    for t in range(towns):
        flagged = t % 6
        for v in range(per_town):
            code = f"2312820{t:02d}{v:03d}"
            rows += [(code, year, 2021.0 if v < flagged else np.nan, flagged / per_town) for year in range(2017, 2024)]
    panel = pd.DataFrame(rows, columns=["village_code", "year", "award_year", "share"])
    unflagged_shares = panel.drop_duplicates("village_code").query("award_year != award_year")["share"]
    exposed = panel["award_year"].isna() & (panel["share"] > unflagged_shares.median())
    after = panel["year"] >= 2021
    panel["y"] = (
        rng.normal(0, 0.5, panel["village_code"].nunique()).repeat(7)
        + 0.03 * (panel["year"] - 2017)
        + direct * (panel["award_year"].notna() & after)
        + spill * (exposed & after)
        + rng.normal(0, 0.1, len(panel))
    )
    return panel.drop(columns="share"), exposed


def test_the_split_and_the_regression_match_how_the_panel_was_built_and_feols():
    panel, exposed = _panel(1)
    data = spillover_panel(panel)
    assert (data["exposed"] == exposed).all()
    result = spillover_effects(panel)
    theirs = pyfixest.feols(
        "y ~ direct_post + spill_post | village_code + year", data=data, vcov={"CRV1": "village_code"}
    )
    ours = result["terms"].set_index("term")
    for name, column in (("direct", "direct_post"), ("spillover", "spill_post")):
        assert abs(ours.loc[name, "estimate"] - theirs.tidy().loc[column, "Estimate"]) < 1e-8
        assert abs(ours.loc[name, "std_error"] - theirs.tidy().loc[column, "Std. Error"]) < 1e-8
    assert result["exposed_villages"] == data.loc[data["exposed"], "village_code"].nunique()


def test_a_planted_spillover_is_recovered_apart_from_the_direct_effect():
    estimates = pd.DataFrame(
        [spillover_effects(_panel(seed)[0])["terms"].set_index("term")["estimate"] for seed in range(30)]
    )
    assert abs(estimates["direct"].mean() - 0.15) < 0.01 and abs(estimates["spillover"].mean() - 0.05) < 0.01
    none = pd.DataFrame(
        [spillover_effects(_panel(seed, spill=0.0)[0])["terms"].set_index("term")["estimate"] for seed in range(30)]
    )
    assert abs(none["spillover"].mean()) < 0.01


def test_without_towns_or_without_a_split_it_says_why():
    panel, _ = _panel(2)
    assert "towns are not known" in spillover_effects(panel.assign(village_code="v" + panel["village_code"]))["reason"]
    one_share = panel[panel["village_code"].str[7:9].astype(int) % 6 == 3]  # every town flags three
    assert "median town share" in spillover_effects(one_share)["reason"]
