"""Monthly sheets: 1月 … 12月 are months, never years, summed into a year only when all twelve are
there and the sheet states the unit; otherwise the month columns are listed as not loaded."""

import pytest

from zhaodong_data.gazetteer import load_gazetteer
from zhaodong_data.ledgers import read_ledger

from .make import write_csv, write_xlsx

MONTHS = [f"{m}月" for m in range(1, 13)]
VILLAGES = {("五站镇", "东安村"): [0.5 * m for m in range(1, 13)], ("五站镇", "高卜村"): [1.25] * 12}


@pytest.fixture(scope="module")
def code():
    gazetteer = load_gazetteer()
    return lambda village, town: gazetteer.match_village(village, town=town).code


def _monthly(folder, months=MONTHS, unit="（万元）", change=None, kind="xlsx"):
    """冷库收入 merged over its month columns, keys merged down the two header rows; `change`:
    {(village, month index): cell} written instead of the value."""
    width = len(months)
    rows = [
        ["肇东市2022年村级冷库收入月报"],
        ["乡镇", "村名", f"冷库收入{unit}"] + [None] * (width - 1),
        [None, None] + list(months),
    ]
    for (town, village), values in VILLAGES.items():
        cells = [(change or {}).get((village, i), values[i]) for i in range(width)]
        rows.append([town, village] + cells)
    if kind == "csv":
        return write_csv(folder / "monthly.csv", rows)
    last = chr(ord("C") + width - 1)
    return write_xlsx(folder / "monthly.xlsx", {"月报": rows}, merged={"月报": ["A2:A3", "B2:B3", f"C2:{last}2"]})


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_twelve_months_with_a_unit_are_one_year_s_value(tmp_path, code, kind):
    result = read_ledger(_monthly(tmp_path, kind=kind))
    assert result.report["quarantine"] == [] and result.report["ignored_columns"] == []
    got = {(r.village_code, r.year, r.metric): r.low for r in result.records.itertuples()}
    assert got == pytest.approx(
        {(code(v, t), 2022, "cold_storage_revenue"): sum(values) * 1e4 for (t, v), values in VILLAGES.items()}
    )
    assert {w["code"]: w["params"] for w in result.report["warning_codes"]} == {"months_summed": {"count": 2}}
    columns = [c for c in result.report["layout"][0]["columns"] if c.get("month")]
    assert [c["month"] for c in columns] == list(range(1, 13))
    assert all(c["summed_into"] == "year" and c["year"] is None for c in columns)


def test_a_month_is_never_read_as_a_year(tmp_path):
    # 12月 is December, not 2012; no record has a year other than the title's
    result = read_ledger(_monthly(tmp_path))
    assert set(result.records["year"]) == {2022}


def test_part_of_a_year_is_listed_not_loaded(tmp_path):
    result = read_ledger(_monthly(tmp_path, months=MONTHS[:6]))
    assert result.records.empty
    ignored = result.report["ignored_columns"]
    assert [c["code"] for c in ignored] == ["month_columns_incomplete"] * 6
    assert ignored[0]["params"] == {"months": "1, 2, 3, 4, 5, 6", "missing": "7, 8, 9, 10, 11, 12"}
    assert "no_column_read" in {w["code"] for w in result.report["warning_codes"]}


def test_months_without_a_stated_unit_are_not_summed(tmp_path):
    result = read_ledger(_monthly(tmp_path, unit=""))
    assert result.records.empty
    assert {c["code"] for c in result.report["ignored_columns"]} == {"month_columns_no_unit"}


def test_a_blank_or_inexact_month_loses_that_village_s_year_and_says_which(tmp_path, code):
    change = {("东安村", 4): None, ("高卜村", 7): "约1.25"}
    result = read_ledger(_monthly(tmp_path, change=change))
    assert result.records.empty
    entries = {q["row"]: q for q in result.report["quarantine"]}
    assert (entries[4]["code"], entries[4]["params"]["missing"]) == ("months_not_summed", "5")
    assert (entries[5]["code"], entries[5]["params"]["inexact"]) == ("months_not_summed", "8")
    assert result.report["cells_quarantined"] == 2 and result.report["rows_quarantined"] == 2


def test_an_unreadable_month_is_quarantined_itself_and_its_year_not_summed(tmp_path, code):
    result = read_ledger(_monthly(tmp_path, change={("东安村", 0): "见附表"}))
    codes = [(q["row"], q["code"]) for q in result.report["quarantine"]]
    assert codes == [(4, "not_a_figure"), (4, "months_not_summed")]
    assert result.report["cells_quarantined"] == 1  # the month's value; the year was never a cell
    assert list(result.records["village_code"]) == [code("高卜村", "五站镇")]
