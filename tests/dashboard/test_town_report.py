"""The town report: its tables from the stored values, by construction of the store."""

import io

import numpy as np
import pandas as pd
import pytest

from dashboard.data import DataSource
from dashboard.pages import town
from dashboard.state import ViewState, parse_state
from zhaodong_data.store import build_store

LIMUDIAN = "231282106000"  # 里木店镇


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return DataSource(build_store(tmp_path_factory.mktemp("town") / "s.duckdb")).get()


def _values(data, year, metric="collective_income"):
    stored = data.outcomes[(data.outcomes["metric"] == metric) & (data.outcomes["year"] == year)]
    return stored.set_index("village_code")["value"]


def test_the_towns_villages_are_ranked_on_their_stored_values(data):
    shown = town.report(data, ViewState(towns=(LIMUDIAN,), year=2023))
    table = shown["tables"]["villages"]
    villages = data.villages[data.villages["town_code"] == LIMUDIAN]
    values = _values(data, 2023).reindex(villages["code"])
    expected = villages.assign(value=values.to_numpy()).sort_values("value", ascending=False)["name_short"]
    assert table["村"].tolist() == expected.tolist()  # highest first, every village of the town
    assert table["排名"].tolist() == list(range(1, len(villages) + 1))
    assert "较2022年变化" in table and "较2021年变化" in table  # the year before, and before the award (2022)


def test_red_flag_villages_and_the_others_are_counted_in_the_town_and_the_city(data):
    shown = town.report(data, ViewState(towns=(LIMUDIAN,), year=2023))
    groups = shown["tables"]["groups"].set_index("组别")
    flagged = set(data.red_flags["village_code"].dropna())
    in_town = set(data.villages.loc[data.villages["town_code"] == LIMUDIAN, "code"])
    assert groups.loc["里木店镇 · 红旗村", "村数"] == len(in_town & flagged)
    assert groups.loc["里木店镇 · 其他村", "村数"] == len(in_town - flagged)
    assert groups.loc["全市 · 红旗村", "村数"] + groups.loc["全市 · 其他村", "村数"] == len(data.villages)


def test_each_band_names_the_towns_villages_whose_exact_figure_lies_in_it(data):
    shown = town.report(data, ViewState(towns=(LIMUDIAN,), year=2023))
    bands = shown["tables"]["bands"].set_index("收入档")
    assert bands["村数"].sum() == (data.villages["town_code"] == LIMUDIAN).sum()
    stored = data.outcomes[(data.outcomes["metric"] == "collective_income") & (data.outcomes["year"] == 2023)]
    exact = stored[(stored["qualifier"] == "exact") & stored["village_code"].str.startswith(LIMUDIAN[:9])]
    names = data.villages.set_index("code")["name_short"]
    edges = [-np.inf, 1, 50_000, 100_000, 500_000, 1_000_000, np.inf]
    labels = list(bands.index[:6])
    for code, band in zip(exact["village_code"], pd.cut(exact["value"], edges, right=False, labels=labels)):
        assert names[code] in bands.loc[band, "村"].split("、")


def test_without_a_town_the_report_is_the_citys(data):
    shown = town.report(data, ViewState(year=2023, lang="en"))
    assert shown["town"] is None and len(shown["tables"]["villages"]) == len(data.villages)
    assert shown["title"].startswith("Whole city")


def test_the_url_names_the_town_and_the_export_has_a_sheet_per_table(data):
    from openpyxl import load_workbook

    from dashboard.state import Choices
    from zhaodong_data.export import to_xlsx_bytes

    choices = Choices(("collective_income",), (LIMUDIAN,), (2023,), frozenset())
    state, notices = parse_state(f"?town={LIMUDIAN}&year=2023", choices)
    assert state.towns == (LIMUDIAN,) and notices == []
    made = town.export(data, state)
    assert made.name == f"zhaodong-town-{LIMUDIAN}-collective_income-2023"
    workbook = load_workbook(io.BytesIO(to_xlsx_bytes(made.table, notes=made.notes, notes_sheet="说明")))
    assert workbook.sheetnames == ["各村", "分组", "分档", "脱离薄弱", "说明"]
    assert workbook["各村"].max_row == 1 + 9  # the header and the town's nine villages


def test_villages_leaving_the_weak_band_are_counted_and_linked_as_built(data):
    from dataclasses import replace

    villages = data.villages[data.villages["town_code"] == LIMUDIAN]["code"].tolist()
    flagged = set(data.red_flags["village_code"].dropna())
    lifted, kept = villages[:3], villages[3:5]  # weak in 2022; the first three above the line in 2023
    outcomes = data.outcomes.copy()
    income = outcomes["metric"] == "operating_income"
    for codes, value_2023 in ((lifted, 80_000.0), (kept, 20_000.0)):
        for year, value in ((2022, 10_000.0), (2023, value_2023)):
            at = income & outcomes["village_code"].isin(codes) & (outcomes["year"] == year)
            outcomes.loc[at, ["low", "high", "value"]] = value
    weak_2022 = outcomes[income & (outcomes["year"] == 2022) & (outcomes["value"] < 50_000)]["village_code"]
    assert set(lifted + kept) <= set(weak_2022)  # how the panel was built
    changed = replace(data, outcomes=outcomes, _derived={})
    shown = town.view(changed, ViewState(towns=(LIMUDIAN,), year=2023))
    leaving = shown["tables"]["leaving"].set_index(["年份", "组别"])
    assert leaving.index.get_level_values(0).max() == 2023  # up to the report's year
    in_town_weak = [c for c in villages if c in set(weak_2022)]
    for group, members in (("红旗村", flagged), ("其他村", set(villages) - flagged)):
        row = leaving.loc[(2023, group)]
        assert row["上年空壳或薄弱村数"] == len([c for c in in_town_weak if c in members])
        assert row["今年脱离"] == len([c for c in lifted if c in members])
    names = data.villages.set_index("code")["name_short"]
    left = "、".join(sorted(leaving.loc[(2023, slice(None)), "脱离的村"].str.cat(sep="、").split("、")))
    assert left.strip("、") == "、".join(sorted(names[lifted]))
    # on the page each name is a link to its village's page
    column = next(c for c in shown["leaving_columns"] if c["headerName"] == "脱离的村")
    assert column["cellRenderer"] == "markdown"
    cells = " ".join(row[column["field"]] for row in shown["leaving_rows"])
    for code in lifted:
        assert f"[{names[code]}](/village?lang=zh&village={code})" in cells
