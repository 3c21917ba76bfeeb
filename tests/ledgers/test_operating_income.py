"""Operating income (经营性收入) is its own metric, never read as total income (含财政补助), and a
ledger whose operating income exceeds its total income has both cells refused."""

import pytest

from zhaodong_data.ledgers import read_ledger
from zhaodong_data.ledgers.headers import classify

from .make import write_csv

DONGAN = "231282103203"  # 东安村, 五站镇


@pytest.mark.parametrize(
    "header, metric",
    [
        ("村集体经营性收入", "operating_income"),
        ("经营性收入（万元）", "operating_income"),
        ("2022年集体经营性收入", "operating_income"),
        ("operating income", "operating_income"),
        ("村集体经济收入（含财政补助）", "collective_income"),
        ("集体经济总收入", "collective_income"),
        ("村集体经济收入", "collective_income"),
    ],
)
def test_each_header_names_its_own_metric(header, metric):
    assert classify(header).metric == metric


def _read(tmp_path, operating: str, total: str):
    rows = [
        ["村名", "年度", "村集体经营性收入（万元）", "村集体经济收入（含财政补助）（万元）"],
        ["东安村", "2022", operating, total],
        ["向阳村", "2022", "8", "20"],
    ]
    return read_ledger(write_csv(tmp_path / "parts.csv", rows))


def test_both_metrics_are_kept_apart(tmp_path):
    result = _read(tmp_path, "12", "30")
    values = {(r.village_code, r.metric): r.low for r in result.records.itertuples()}
    assert values[(DONGAN, "operating_income")] == 120_000 and values[(DONGAN, "collective_income")] == 300_000
    assert result.report["rows_quarantined"] == 0


@pytest.mark.parametrize("operating, total", [("40", "30"), ("30余", "25"), ("40", "约30")])
def test_operating_income_above_total_income_refuses_both(tmp_path, operating, total):
    result = _read(tmp_path, operating, total)
    refused = [q for q in result.report["quarantine"] if q["code"] == "part_above_whole"]
    assert {q["value"] for q in refused} == {operating, total} and {q["row"] for q in refused} == {2}
    assert "经营性收入" in refused[0]["reason"] or "operating income" in refused[0]["reason"]
    kept = {(r.village_code, r.metric) for r in result.records.itertuples()}
    assert (DONGAN, "operating_income") not in kept and (DONGAN, "collective_income") not in kept
    assert len(kept) == 2  # 向阳村's two values are untouched
    report = result.report
    assert report["rows_read"] == report["rows_clean"] + report["rows_quarantined"] + report["rows_skipped"]


@pytest.mark.parametrize("operating, total", [("30余", "35"), ("31", "约30"), ("30", "30")])
def test_figures_that_may_both_be_right_are_kept(tmp_path, operating, total):
    # 30余 is 30万 to 40万, so it may be below 35万; 约30万 may be 31万; a village with no subsidy
    assert _read(tmp_path, operating, total).report["rows_quarantined"] == 0


@pytest.mark.parametrize(
    "cell, low, high, qualifier",
    [
        ("超过30", 300_000, None, "at_least"),
        ("≥30", 300_000, None, "at_least"),
        ("不足5", None, 50_000, "at_most"),
        ("<5", None, 50_000, "at_most"),
    ],
)
def test_an_open_bound_in_a_wan_column_is_kept_as_a_bound(tmp_path, cell, low, high, qualifier):
    """超过30 in a 万元 column is at least 30万, its missing upper bound no reason to refuse it."""
    rows = [["村名", "年度", "村集体经济收入（万元）"], ["东安村", "2022", cell]]
    result = read_ledger(write_csv(tmp_path / "bound.csv", rows))
    assert result.report["quarantine"] == []
    (record,) = result.records.itertuples()
    read = lambda v: None if v is None or v != v else v  # noqa: E731
    assert (read(record.low), read(record.high), record.qualifier) == (low, high, qualifier)
