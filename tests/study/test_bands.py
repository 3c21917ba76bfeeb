"""Villages by income band: a reading is placed only where all of it lies; counts add up."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhaodong_data.bands import NO_VALUE, UNCERTAIN, band_counts, band_of, income_bands
from zhaodong_data.store import build_store
from zhaodong_data.study import comparison_frame, income_band_table, load_dashboard_data

# the thresholds reports use (income_bands.csv): nothing (under one yuan), then 5万, 10万, 50万, 100万
EDGES = [1, 50_000, 100_000, 500_000, 1_000_000]
NAMES = ["no_income", "under_5wan", "5_to_10wan", "10_to_50wan", "50_to_100wan", "100wan_plus"]


def test_the_shipped_bands_are_the_reported_thresholds():
    bands = income_bands()
    assert list(bands["band"]) == NAMES
    assert list(bands["high_yuan"].iloc[:-1]) == EDGES and math.isinf(bands["high_yuan"].iloc[-1])


@given(st.floats(min_value=-1e5, max_value=5e6, allow_nan=False))
def test_an_exact_figure_falls_in_the_band_its_thresholds_say(value):
    expected = NAMES[sum(value >= edge for edge in EDGES)]  # lower bound included, upper excluded
    assert band_of([value], [value], ["exact"])[0] == expected


@pytest.mark.parametrize(
    "low, high, qualifier, band",
    [
        (300_000, 400_000, "at_least", "10_to_50wan"),  # 30余万: 30万 to 40万, all in one band
        (400_000, None, "at_least", UNCERTAIN),  # ≥ 40万 may be above 50万
        (1_200_000, None, "at_least", "100wan_plus"),  # ≥ 120万: above the last threshold whatever it is
        (None, 30_000, "at_most", UNCERTAIN),  # ≤ 3万 may be nothing at all
        (10_000, 30_000, "range", "under_5wan"),  # 1万 to 3万: weak, not shell
        (None, 80_000, "at_most", UNCERTAIN),  # ≤ 8万 may be under 5万
        (100_000, 100_000, "approx", UNCERTAIN),  # 约10万 may be 9.5万
        (300_000, 300_000, "approx", "10_to_50wan"),  # 约30万 is well inside
        (450_000, 550_000, "range", UNCERTAIN),
        (0, 0, "exact", "no_income"),  # an explicit zero is "no income": a shell village
        (-5_000, -5_000, "exact", "no_income"),  # a loss is no income either
        (0.5, 0.5, "exact", "no_income"),  # under one yuan
        (1, 1, "exact", "under_5wan"),
        (0, 0, "approx", "no_income"),  # 约0: nothing either way
        (None, None, "missing", NO_VALUE),  # no figure is not "no income"
    ],
)
def test_a_reading_is_placed_only_where_all_of_it_lies(low, high, qualifier, band):
    assert band_of([low], [high], [qualifier])[0] == band


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return load_dashboard_data(build_store(tmp_path_factory.mktemp("bands") / "s.duckdb"))


def test_counts_by_flag_status_match_the_villages_and_add_up(data):
    table = income_band_table(data, "collective_income", 2024).set_index("group")
    frame = comparison_frame(data, "collective_income", "any", (), 2024)
    exact = frame[frame["qualifier"] == "exact"]
    for group, rows in (("flagged", exact[exact["flagged"]]), ("others", exact[~exact["flagged"]])):
        by_cut = pd.cut(rows["value"], [-np.inf, *EDGES, np.inf], right=False, labels=NAMES).value_counts()
        # exact readings are placed by their value; the rest are placed or uncertain, never lost
        assert all(table.loc[group, name] >= by_cut[name] for name in NAMES)
    assert (
        table.loc[["flagged", "others"], NAMES + [UNCERTAIN, NO_VALUE]].sum()
        == table.loc["all", NAMES + [UNCERTAIN, NO_VALUE]]
    ).all()
    assert table.loc["all", "villages"] == len(frame) == table.loc["all", NAMES + [UNCERTAIN, NO_VALUE]].sum()
    shares = table.loc["all", [f"share_{n}" for n in NAMES]]
    assert shares.sum() == pytest.approx(1.0)


def test_change_is_against_the_award_year_for_the_same_groups(data):
    now = income_band_table(data, "collective_income", 2024).set_index("group")
    then = income_band_table(data, "collective_income", 2022).set_index("group")
    assert now["award_year"].iloc[0] == 2022
    for name in NAMES:
        assert (now[f"{name}_change"] == now[name] - then[name]).all()
        assert (then[f"{name}_change"] == 0).all()


def test_by_town_has_every_town_and_the_city(data):
    table = income_band_table(data, "operating_income", 2023, by="town").set_index("group")
    assert set(table.index) == set(data.towns["code"]) | {"city"}
    assert table.drop(index="city")["villages"].sum() == table.loc["city", "villages"] == len(data.villages)


def test_band_counts_without_a_group():
    frame = pd.DataFrame(
        {"low": [0.0, 1.0, 60_000, None], "high": [0.0, 1.0, 60_000, None], "qualifier": ["exact"] * 4}
    )
    counts = band_counts(frame).iloc[0]
    assert (counts["no_income"], counts["under_5wan"], counts["5_to_10wan"], counts[NO_VALUE]) == (1, 1, 1, 1)
    assert counts["villages"] == 4


def test_before_and_after_the_award_are_the_groups_means_and_medians_in_those_years(data):
    from zhaodong_data.study import before_after

    table = before_after(data, "collective_income").set_index(["group", "statistic"])
    stored = data.outcomes[data.outcomes["metric"] == "collective_income"]
    flagged = set(data.red_flags["village_code"].dropna())
    assert table["before_year"].iloc[0] == 2021 and table["after_year"].iloc[0] == stored["year"].max()
    for year, column in ((2021, "before"), (int(stored["year"].max()), "after")):
        values = stored[stored["year"] == year].drop_duplicates("village_code").set_index("village_code")["value"]
        for group, members in (
            ("flagged", values[values.index.isin(flagged)]),
            ("never_flagged", values[~values.index.isin(flagged)]),
        ):
            assert table.loc[(group, "mean"), column] == pytest.approx(members.mean())
            assert table.loc[(group, "median"), column] == pytest.approx(members.median())
    assert (table["change"] == table["after"] - table["before"]).all()
