"""Queries, comparison, figure builders, formatting and URL state, on a built store."""

import math

import numpy as np
import pandas as pd
import pytest

from dashboard.state import Choices, ViewState, encode_state, parse_state
from zhaodong_data.analysis import compare_groups
from zhaodong_data.i18n.strings import STRINGS
from zhaodong_data.store import build_store
from zhaodong_data.study import (
    aspects_figure,
    compare_figure,
    comparison_frame,
    find_villages,
    flag_counts,
    format_amount,
    format_reading,
    load_dashboard_data,
    outcome_choices,
    program_figures,
    town_summary,
    towns_figure,
    village_figure,
    village_profile,
    years_for,
)
from zhaodong_data.study.charts import amount_ticks, as_figure


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return load_dashboard_data(build_store(tmp_path_factory.mktemp("fig") / "s.duckdb"))


def test_outcomes_and_years(data):
    assert outcome_choices(data)[:3] == ["collective_income", "cold_storage_revenue", "wage_income"]
    assert years_for(data, "collective_income") == list(range(2018, 2025))
    assert years_for(data, "investment") == [2022]
    assert data.shows_synthetic and not data.uses_ledgers


def test_comparison_frame_selects_towns_year_and_aspect(data):
    frame = comparison_frame(data, "collective_income", "development", ("231282106000",), 2022)
    assert set(frame["town_code"]) == {"231282106000"}
    assert (frame["year"] == 2022).all() and frame["code"].is_unique
    assert "231282106202" in set(frame.loc[frame["flagged"], "code"])  # 永丰村, a development flag
    every = comparison_frame(data, "collective_income")
    assert len(every) == 186 and every["flagged"].sum() == 100 and every["year"].iloc[0] == 2024
    cold = comparison_frame(data, "cold_storage_revenue", year=2022)
    assert cold["value"].notna().sum() == 4 and cold["value"].isna().sum() == 182


def test_compare_groups_welch_interval():
    """Groups of unequal size and spread, where Welch's interval and a pooled t interval differ:
    the interval is scipy's Welch interval, to rounding."""
    from scipy import stats

    rng = np.random.default_rng(0)
    flagged, others = rng.normal(10, 3, 40), rng.normal(8, 0.5, 300)
    frame = pd.DataFrame(
        {
            "value": np.r_[flagged, others, [np.nan]],
            "flagged": [True] * 40 + [False] * 301,
            "qualifier": "exact",
        }
    )
    result = compare_groups(frame)
    assert (result.n_flagged, result.n_other, result.n_missing) == (40, 300, 1)
    welch = stats.ttest_ind(flagged, others, equal_var=False).confidence_interval(0.95)
    pooled = stats.ttest_ind(flagged, others, equal_var=True).confidence_interval(0.95)
    assert abs(result.difference - (flagged.mean() - others.mean())) < 1e-10
    assert abs(result.ci_low - welch.low) < 1e-9 and abs(result.ci_high - welch.high) < 1e-9
    assert abs(pooled.low - welch.low) > 0.1  # a pooled interval would not pass
    tiny = compare_groups(frame.iloc[[0, 250]])
    assert math.isnan(tiny.ci_low)


def test_town_summary_counts_flags(data):
    summary = town_summary(data, "collective_income", 2022)
    assert summary["villages"].sum() == 186
    assert summary["flags"].sum() == 100 == summary["flagged_villages"].sum()
    assert (summary["year"] == 2022).all()


def test_village_profile_and_search(data):
    profile = village_profile(data, "231282106202")
    assert profile["village"]["name_short"] == "永丰村"
    assert "development" in set(profile["flags"]["aspect"])
    assert {"collective_income", "cold_storage_revenue"} <= set(profile["outcomes"]["metric"])
    assert "yongfeng_collective_income_2015" in set(profile["facts"]["id"])
    assert find_villages(data, "Yongfeng")["codes"] == ["231282106202"]
    assert find_villages(data, "东升村")["status"] == "ambiguous"
    assert find_villages(data, "火星村")["status"] == "unknown"
    with pytest.raises(KeyError):
        village_profile(data, "000")


def test_program_figures_carry_provenance(data):
    figures = program_figures(data).set_index("fact_id")
    assert figures.loc["investment_projects", "low"] == 26_200_000
    assert figures.loc["investment_projects", "raw"] == "2620 million yuan"
    assert "GDP" in figures.loc["investment_projects", "correction_reason"]
    assert figures.loc["jc_collective_income", "low"] == 4_200_000
    counts = flag_counts(data)
    assert counts["by_aspect"].sum() == 100 and counts["flagged_villages"] + counts["unflagged_villages"] == 186


def test_figure_builders(data):
    frame = comparison_frame(data, "collective_income", year=2022)
    figure = compare_figure(frame, compare_groups(frame), "collective_income", "zh")
    markers = [t for t in figure["data"] if t["type"] == "scatter" and t["mode"] == "markers"]
    assert sum(len(t["x"]) for t in markers) == 186
    assert {t["marker"]["symbol"] for t in markers} >= {"diamond", "circle"}
    assert any(t["marker"]["symbol"].endswith("-open") and "error_y" in t for t in markers)  # loose values
    assert "村集体经济收入" in figure["layout"]["title"]["text"]
    assert all("万" in label or label == "0" for label in figure["layout"]["yaxis"]["ticktext"])
    as_figure(figure)  # a valid plotly figure
    english = compare_figure(frame, compare_groups(frame), "collective_income", "en", log=True)
    assert english["layout"]["yaxis"]["type"] == "log" and "Collective income" in english["layout"]["title"]["text"]
    assert len(as_figure(aspects_figure(flag_counts(data)["by_aspect"])).data[0].x) == 5
    towns = as_figure(towns_figure(town_summary(data, "collective_income"), "collective_income"))
    assert [trace.name for trace in towns.data] == [
        "全部村",
        "红旗村 · 中位数",
        "其他村 · 中位数",
        "党建",
        "发展",
        "服务",
        "文明",
        "和谐",
    ]
    village = as_figure(village_figure(village_profile(data, "231282106202")["outcomes"], "永丰村"))
    assert village.layout.title.text and len(village.data) >= 4


def test_formatting_for_each_language():
    assert format_amount(452_000, "zh") == "45.2万元"
    assert format_amount(262_000_000, "zh") == "2.62亿元"
    assert format_amount(452_000, "en") == "¥452k" and format_amount(26_200_000, "en") == "¥26.2M"
    assert format_amount(float("nan")) == "—"
    assert format_reading(300_000, 400_000, "at_least", "zh") == "≥ 30万元 (< 40万元)"
    assert format_reading(300_000, 300_000, "approx", "en") == "≈ ¥300k"
    ticks, labels = amount_ticks([0, 2_000_000], "zh", True)
    assert ticks[0] == 0 and labels[1].endswith("万")


CHOICES = Choices(
    outcomes=("collective_income", "wage_income"),
    towns=("231282106000", "231282204000"),
    years=(2021, 2022),
    villages=frozenset({"231282106202"}),
)


def test_url_state_round_trip():
    state = ViewState(
        lang="en", outcome="wage_income", aspect="service", towns=("231282106000",), year=2021, view="table", log=True
    )
    parsed, notices = parse_state(encode_state(state), CHOICES)
    assert parsed == state and notices == []
    assert parse_state("", CHOICES) == (ViewState(), [])


def test_the_comparison_is_written_as_its_word_and_old_links_still_read():
    state = ViewState(aspect="service", comparison="never_flagged")
    assert "comparison=never_flagged" in encode_state(state)
    assert parse_state(encode_state(state), CHOICES) == (state, [])
    # a link written when the word was `never`
    assert parse_state("?aspect=service&comparison=never", CHOICES) == (state, [])
    assert parse_state("?comparison=nobody", CHOICES)[1] == [("comparison", "nobody")]


def test_malformed_url_falls_back_with_notices():
    state, notices = parse_state(
        "?lang=fr&outcome=bogus&year=19x&towns=231282106000,nowhere&aspect=&log=maybe", CHOICES
    )
    assert state == ViewState(towns=("231282106000",))
    assert dict(notices) == {
        "lang": "fr",
        "outcome": "bogus",
        "year": "19x",
        "towns": "nowhere",
        "aspect": "",
        "log": "maybe",
    }


def test_catalog_is_complete_in_both_languages():
    for key, entry in STRINGS.items():
        assert set(entry) == {"zh", "en"}, key
        assert entry["zh"].strip() and entry["en"].strip(), key


def test_a_publisher_is_named_in_the_readers_language():
    from zhaodong_data.study import publisher_name

    assert publisher_name("Heilongjiang Daily (黑龙江日报)", "zh") == "黑龙江日报"
    assert publisher_name("Heilongjiang Daily (黑龙江日报)", "en") == "Heilongjiang Daily"
    assert publisher_name("东北网绥化 (mirror)", "en") == "东北网绥化 (mirror)"  # no alias: as registered
    assert publisher_name("qicai.net", "zh") == "qicai.net"


def test_village_benchmarks_are_its_towns_and_the_citys_medians(data):
    from zhaodong_data.study import village_benchmarks

    benchmarks = village_benchmarks(data, "231282106202")
    values = data.outcomes.merge(data.villages[["code", "town_code"]], left_on="village_code", right_on="code")
    assert len(benchmarks) == values[["metric", "year"]].drop_duplicates().shape[0] > 0
    for row in benchmarks.itertuples():
        same = values[(values["metric"] == row.metric) & (values["year"] == row.year)]
        town = same[same["town_code"] == "231282106000"]["value"].dropna()
        assert row.town_n == len(town) and (
            row.town_median == town.median() if len(town) else row.town_median != row.town_median
        )
        assert row.city_median == same["value"].median() and row.city_n == same["value"].count()


def test_the_village_figure_starts_amounts_at_zero_and_draws_the_published_figure(data):
    profile = village_profile(data, "231282106202")
    figure = village_figure(
        profile["outcomes"],
        "永丰村",
        "zh",
        benchmarks=profile["benchmarks"],
        award_years=[2022],
        published=profile["facts"][profile["facts"]["kind"] != "year"],
    )
    axes = [key for key in figure["layout"] if key.startswith("yaxis")]
    assert axes and all(figure["layout"][key]["range"][0] == 0 for key in axes)  # no 7% dip drawn as a cliff
    stars = [trace for trace in figure["data"] if trace["name"] == "公开报道（真实）"]
    drawn = {(int(x), float(y)) for trace in stars for x, y in zip(trace["x"], trace["y"])}
    assert (2015, 590_000.0) in drawn  # 永丰村's published 2015 collective income, as published
    assert any("2022 年授旗" in a["text"] for a in figure["layout"]["annotations"])


def test_times_read_in_the_readers_time_zone_to_the_minute():
    from zhaodong_data.study import format_time

    assert format_time("2026-11-28 18:00:31.123456", "zh") == "2026-11-29 02:00 北京时间"
    assert format_time("2026-11-28 18:00:31.123456", "en") == "2026-11-28 18:00 UTC"
    assert format_time(None, "zh") == ""


def _large_groups(flagged: int, others: int, seed: int = 3) -> pd.DataFrame:
    """A comparison frame of `flagged` + `others` villages with lognormal values, some of them
    bounds (30余万) and some missing, as a province's Compare selection holds them."""
    rng = np.random.default_rng(seed)
    n = flagged + others
    value = np.round(rng.lognormal(13, 0.6, n), -2)
    value[rng.random(n) < 0.02] = np.nan
    return pd.DataFrame(
        {
            "code": [f"99{i:010d}" for i in range(n)],
            "name_short": [f"合成{i}村" for i in range(n)],
            "name_pinyin": [f"Hecheng {i}" for i in range(n)],
            "town_name": "合成镇",
            "town_pinyin": "Hecheng",
            "flagged": np.arange(n) < flagged,
            "year": 2024,
            "value": value,
            "low": value,
            "high": value,
            "qualifier": np.where(np.arange(n) % 10 == 0, "at_least", "exact"),
            "raw": [f"{v / 10_000:g}万" for v in value],
            "is_synthetic": True,
        }
    )


def test_a_group_past_the_points_drawn_is_drawn_as_its_distribution():
    """1,500 flagged villages (past POINTS_DRAWN) against 400 others: the flagged as a box of
    their quartiles and a histogram outline counting every one of them, a few KB; the others
    still a point a village."""
    from plotly.io.json import to_json_plotly

    from zhaodong_data.study.charts import DISTRIBUTION_BINS, POINTS_DRAWN

    frame = _large_groups(1_500, 400)
    assert 1_500 > POINTS_DRAWN >= 400
    figure = compare_figure(frame, compare_groups(frame), "collective_income", "zh")
    flagged = frame[frame["flagged"] & frame["value"].notna()]["value"].to_numpy()
    (box,) = [t for t in figure["data"] if t["type"] == "box" and "q1" in t]
    assert [box["q1"][0], box["median"][0], box["q3"][0]] == pytest.approx(np.quantile(flagged, [0.25, 0.5, 0.75]))
    iqr = box["q3"][0] - box["q1"][0]
    inside = flagged[(flagged >= box["q1"][0] - 1.5 * iqr) & (flagged <= box["q3"][0] + 1.5 * iqr)]
    assert (box["lowerfence"][0], box["upperfence"][0]) == (inside.min(), inside.max())
    (bins,) = [t for t in figure["data"] if t.get("mode") == "markers" and len(t["x"]) == DISTRIBUTION_BINS]
    counts = [int(label.split("：")[1].split(" ")[0]) for label in bins["hovertext"]]
    assert sum(counts) == len(flagged)
    # the others are drawn a village a point, as before
    markers = [t for t in figure["data"] if t.get("mode") == "markers" and t is not bins]
    assert sum(len(t["x"]) for t in markers) == frame[~frame["flagged"]]["value"].notna().sum()
    assert "按分布绘制" in figure["layout"]["xaxis"]["title"]["text"]
    # as Dash sends it: the 1,500 villages cost a few KB (as points with their hover texts, ~400 KB)
    drawn = [t for t in figure["data"] if t.get("fill") == "toself" or t is box or t is bins]
    assert len(to_json_plotly(drawn)) < 10_000
    as_figure(figure)
    # on a log scale the bins are even in the logarithm, and still count every village
    logged = compare_figure(frame, compare_groups(frame), "collective_income", "en", log=True)
    (bins,) = [t for t in logged["data"] if t.get("mode") == "markers" and len(t["x"]) == DISTRIBUTION_BINS]
    assert sum(int(label.split(": ")[1].split(" ")[0]) for label in bins["hovertext"]) == len(flagged)
    centres = np.log10(bins["y"])
    assert np.diff(centres) == pytest.approx(np.full(DISTRIBUTION_BINS - 1, centres[1] - centres[0]))


def test_a_province_s_village_list_is_searched_a_few_choices_at_a_time(data, monkeypatch):
    """What was typed, in Chinese, pinyin (spaces or not) or English, finds the villages whose
    words hold it, at most OPTIONS_SENT, the chosen village always first."""
    from zhaodong_data.study import queries, village_choices, village_options

    every = {choice["value"]: choice for choice in village_choices(data, "zh")}
    assert [o["label"] for o in village_options(data, "zh", "永丰")] == ["永丰村（里木店镇）"]
    for typed in ("yongfeng", "Yong Feng", "Yongfeng Village", "231282106202"):
        assert "231282106202" in [o["value"] for o in village_options(data, "zh", typed)], typed
    assert village_options(data, "zh", "", "231282106202") == [every["231282106202"]]
    assert village_options(data, "zh", None) == [] and village_options(data, "zh", ["x"]) == []
    monkeypatch.setattr(queries, "OPTIONS_SENT", 5)
    many = village_options(data, "en", "cun", "231282106202")  # every village's pinyin ends in Cun
    assert len(many) == 6 and many[0]["value"] == "231282106202" and many[0]["label"].startswith("Yongfeng")
    assert len({o["value"] for o in many}) == 6
