"""Cells that are not figures, values on the wrong scale, and the other ways a careless or hostile
ledger could put a wrong number in the store: each is refused with its reason, or kept and said."""

import json

import pytest

from zhaodong_data.cli import main
from zhaodong_data.ingest import ingest_file, validate_file
from zhaodong_data.ledgers import read_ledger
from zhaodong_data.ledgers.plausibility import MAX_ABS_YUAN
from zhaodong_data.ledgers.reasons import render
from zhaodong_data.store import build_store, open_store

from .make import write_csv

WAN = "村集体经济收入（万元）"
# Five villages of 五站镇 and elsewhere with unique names.
VILLAGES = ["东安村", "向阳村", "永丰村", "前进村", "石坚村"]


def _ledger(tmp_path, cells, header=WAN, name="ledger.csv", villages=VILLAGES, extra_rows=()):
    rows = [["村名", "年度", header]] + [[v, "2022", c] for v, c in zip(villages, cells)] + list(extra_rows)
    return write_csv(tmp_path / name, rows)


def _codes(report):
    return [(q["row"], q["code"]) for q in report["quarantine"]]


def test_a_value_a_thousand_times_its_column_is_quarantined_with_the_scale_in_words(tmp_path):
    report = read_ledger(_ledger(tmp_path, ["40", "42", "38", "45", "450000"])).report
    assert _codes(report) == [(6, "scale")]
    # 450000 in a 万元 column (yuan typed, a 万 slip) is 45亿; the median of 38, 40, 42, 45 and 450000 万 is 42万
    assert report["quarantine"][0]["reason"] == "scale: 45亿 where this column's values are around 42万; check the unit"
    assert "量级异常：45亿" in render("scale", report["quarantine"][0]["params"], "zh")
    assert report["rows_clean"] == 4 and report["cells_quarantined"] == 1


def test_a_value_far_below_its_column_is_kept_with_a_warning(tmp_path):
    result = read_ledger(_ledger(tmp_path, ["40", "42", "38", "45", "0.01"]))
    assert result.report["quarantine"] == []
    assert [w["code"] for w in result.report["warning_codes"]] == ["small_value"]
    assert sorted(result.records["low"]) == [100, 380_000, 400_000, 420_000, 450_000]


def test_accept_outliers_keeps_them_and_names_them(tmp_path):
    path = _ledger(tmp_path, ["40", "42", "38", "45", "450000"])
    result = read_ledger(path, accept_outliers=True)
    assert result.report["quarantine"] == [] and len(result.records) == 5
    kept = [w for w in result.report["warning_codes"] if w["code"] == "outliers_kept"]
    assert kept and "row 6 (450000)" in kept[0]["params"]["rows"]


def test_cli_accept_outliers_flag(tmp_path, capsys):
    path = _ledger(tmp_path, ["40", "42", "38", "45", "450000"])
    store = tmp_path / "none.duckdb"
    assert main(["validate", str(path), "--json", "--store", str(store)]) == 0
    assert json.loads(capsys.readouterr().out)["rows_quarantined"] == 1
    assert main(["validate", str(path), "--json", "--accept-outliers", "--store", str(store)]) == 0
    assert json.loads(capsys.readouterr().out)["rows_quarantined"] == 0
    assert not store.exists()  # validate never creates a store


def test_the_store_s_ledgers_set_the_scale_when_the_file_has_too_few_values(tmp_path):
    store = build_store(tmp_path / "s.duckdb")
    ingest_file(store, _ledger(tmp_path, ["40", "42", "38", "45", "41"], name="first.csv"))
    later = _ledger(tmp_path, ["40", "450000"], name="later.csv", villages=["东安村", "向阳村"])
    alone = validate_file(later)
    assert alone["quarantine"] == []  # two values: cannot tell which is off
    against_store = validate_file(later, store_path=store)
    assert _codes(against_store) == [(3, "scale")]
    outcome = ingest_file(store, later)
    assert _codes(outcome.report) == [(3, "scale")]
    with open_store(store) as opened:
        ledgers = opened.outcomes("ledgers")
    assert ledgers["value"].max() == 450_000  # 45亿 never went in


@pytest.mark.parametrize("cell, code", [("1e308", "absurd"), ("9" * 400, "not_a_figure"), ("2e8", "absurd")])
def test_absurd_magnitudes_are_quarantined_even_when_outliers_are_accepted(tmp_path, cell, code):
    # 2e8 万 = 2e12 yuan: beyond any village figure
    assert 2e8 * 1e4 > MAX_ABS_YUAN
    report = read_ledger(_ledger(tmp_path, ["40", cell]), accept_outliers=True).report
    assert _codes(report) == [(3, code)]


def test_a_value_too_large_to_compute_once_scaled_is_shown_as_written_times_its_scale(tmp_path):
    # 1e308 is a float; times the column's 万 it is not (inf): the reason names the cell and the scale
    report = read_ledger(_ledger(tmp_path, ["40", "1e308"])).report
    (refused,) = report["quarantine"]
    assert refused["code"] == "absurd" and refused["params"]["value"] == "1e308 × 10,000"
    assert refused["reason"].startswith("1e308 × 10,000 yuan is beyond any village figure")
    assert "inf" not in refused["reason"]


def test_a_total_that_disagrees_names_the_cell_that_would_explain_it(tmp_path):
    header = "村集体经济收入（元）"
    path = _ledger(
        tmp_path,
        ["450000", "300000", "12"],
        header=header,
        villages=VILLAGES[:3],
        extra_rows=[["合计", "2022", "870000"]],
    )
    report = read_ledger(path).report
    (mismatch,) = [w for w in report["warning_codes"] if w["code"] == "total_mismatch"]
    # 450,000 + 300,000 + 12 = 750,012; with row 4's 12 read as 120,000 the sum is 870,000
    assert mismatch["params"]["sum"] == "750,012"
    assert mismatch["params"]["causes"] == [
        {"row": 4, "raw": "12", "where": "row 4 (12)", "where_zh": "第 4 行（12）", "as": "120,000"}
    ]
    assert "row 4 (12) read as 120,000 would make it match" in report["warnings"][-1]


@pytest.mark.parametrize(
    "cell", ['=HYPERLINK("http://example.invalid","45")', "@45", "+cmd|' /C calc'!A0", "-cmd|' /C calc'!A0", "=45"]
)
def test_formulas_are_quarantined_never_read_for_the_number_inside(tmp_path, cell):
    result = read_ledger(_ledger(tmp_path, ["40", cell, "-5"], villages=VILLAGES[:3]))
    assert _codes(result.report) == [(3, "formula")]
    assert sorted(result.records["low"]) == [-50_000, 400_000]  # -5 is a number: a loss of 5万


def test_columns_that_are_not_money_are_listed_as_ignored_and_never_stored(tmp_path):
    rows = [
        ["村名", "年度", WAN, "村书记", "联系电话", "主要产业", "光伏收入（万元）", "其他收入"],
        ["东安村", "2022", "45", "张三", "13912345678", "玉米种植", "3.5", "见备注"],
        ["向阳村", "2022", "30", "李四", "0455-7771234", "养殖", "2", "暂无说明"],
    ]
    result = read_ledger(write_csv(tmp_path / "columns.csv", rows))
    report = result.report
    assert [(c["column"], c["code"]) for c in report["ignored_columns"]] == [
        ("村书记", "personal_data"),
        ("联系电话", "personal_data"),
        ("主要产业", "not_money_header"),
        ("其他收入", "not_money_cells"),
    ]
    assert report["quarantine"] == [] and report["rows_clean"] == 2
    assert set(result.records["metric"]) == {"collective_income", "extra:光伏收入"}
    stored_text = result.records.to_string()
    for personal in ("张三", "李四", "13912345678", "7771234"):
        assert personal not in stored_text


def test_a_utf8_bom_before_gbk_text_is_read(tmp_path, capsys):
    rows = "村名,年度,村集体经济收入（万元）\r\n东安村,2022,45\r\n"
    path = tmp_path / "bom_gbk.csv"
    path.write_bytes(b"\xef\xbb\xbf" + rows.encode("gbk"))
    result = read_ledger(path)
    assert result.records["low"].tolist() == [450_000]
    assert main(["validate", str(path), "--store", str(tmp_path / "none.duckdb")]) == 0
    assert main(["extract", str(path)]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_a_value_repeated_around_a_different_one_is_quarantined_everywhere(tmp_path):
    rows = [
        ["村名", "年度", WAN],
        ["东安村", "2022", "45"],
        ["东安村", "2022", "46"],
        ["东安村", "2022", "45"],
        ["向阳村", "2022", "30"],
    ]
    result = read_ledger(write_csv(tmp_path / "dups.csv", rows))
    report = result.report
    assert _codes(report) == [(2, "conflict"), (3, "conflict"), (4, "conflict")]
    assert report["quarantine"][0]["params"]["values"] == [(2, "45"), (3, "46"), (4, "45")]
    assert not [w for w in report["warnings"] if "kept once" in w]
    assert result.records["low"].tolist() == [300_000]  # only 向阳村


def test_an_identical_repeat_is_kept_once_and_says_so(tmp_path):
    rows = [["村名", "年度", WAN], ["东安村", "2022", "45"], ["东安村", "2022", "45"]]
    result = read_ledger(write_csv(tmp_path / "same.csv", rows))
    assert result.records["low"].tolist() == [450_000]
    assert result.report["warnings"] == ["sheet 'same.csv': row 3 repeats row 2 exactly; kept once"]
    assert (result.report["rows_clean"], result.report["rows_skipped"]) == (1, 1)


def test_a_row_with_one_bad_cell_loads_its_good_cells(tmp_path):
    rows = [["村名", "年度", WAN, "冷库收入（万元）"], ["东安村", "2022", "见附表", "3"]]
    result = read_ledger(write_csv(tmp_path / "cells.csv", rows))
    assert result.report["rows_quarantined"] == 1 and result.report["cells_quarantined"] == 1
    assert result.records[["metric", "low"]].values.tolist() == [["cold_storage_revenue", 30_000]]


def test_csv_export_neutralises_formulas(tmp_path):
    store = build_store(tmp_path / "s.duckdb", demo=False)
    ingest_file(store, _ledger(tmp_path, ["40", '=HYPERLINK("http://example.invalid","45")']))
    output = tmp_path / "quarantine.csv"
    assert (
        main(["export", "--table", "quarantine", "--format", "csv", "--output", str(output), "--store", str(store)])
        == 0
    )
    text = output.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_a_corrected_ledger_replaces_the_flags_of_what_it_covers(tmp_path):
    store = build_store(tmp_path / "s.duckdb", demo=False)
    header = ["村名", "年度", "红旗类别", WAN]
    first = write_csv(tmp_path / "v1.csv", [header, ["东安村", "2022", "党建", "45"], ["向阳村", "2022", "服务", "30"]])
    second = write_csv(tmp_path / "v2.csv", [header, ["东安村", "2022", "", "45"], ["向阳村", "2022", "服务", "30"]])
    ingest_file(store, first)
    ingest_file(store, second)
    with open_store(store) as opened:
        current = opened.red_flags("real")
        ledger_flags = opened.query(
            "SELECT village_code, aspect, superseded_by FROM red_flags WHERE ingest_id IS NOT NULL"
        )
    dongan, xiangyang = "231282103203", "231282204203"
    assert dongan not in set(current["village_code"])  # blank in the correction: no flag any more
    assert set(current[current["village_code"] == xiangyang]["aspect"]) == {"service"}
    history = ledger_flags[ledger_flags["village_code"] == dongan]
    assert history["superseded_by"].notna().all() and len(history) == 1  # kept, superseded


def test_every_code_renders_in_both_languages():
    from zhaodong_data.ledgers.reasons import CATALOG, check_catalog

    assert check_catalog() == []
    assert len(CATALOG) > 30


@pytest.mark.parametrize(
    "value, written",
    [(1.2e8, "1.2亿"), (4.5e9, "45亿"), (1e12, "1万亿"), (-3e11, "-3000亿"), (4e5, "40万"), (3500, "3500")],
)
def test_amounts_in_reasons_are_written_as_a_reader_writes_them(value, written):
    from zhaodong_data.i18n import format_amount

    assert format_amount(value, money=False) == written


def test_a_value_repeated_in_hundreds_of_rows_names_ten_of_them_and_counts_the_rest(tmp_path):
    """One village-year in 300 rows with different values: each of its 300 quarantined cells
    names ten of them and the count of the others (all 300 in each was quadratic: a ledger of a
    million such rows exhausted the machine)."""
    from zhaodong_data.ledgers.checks import LISTED
    from zhaodong_data.ledgers.reasons import render
    from zhaodong_data.ledgers.report_summary import EXAMPLES_PER_REASON

    path = tmp_path / "repeated.csv"
    rows = "".join(f"里木店镇,永丰村,2022,{30 + i % 7}\n" for i in range(300))
    path.write_text("乡镇,村名,年度,村集体经济收入（万元）\n" + rows, encoding="utf-8")
    result = read_ledger(path)
    conflicts = result.quarantine[result.quarantine["code"] == "conflict"].to_dict("records")
    assert len(conflicts) == 300
    # the report lists the first EXAMPLES_PER_REASON and counts all 300
    listed = [q for q in result.report["quarantine"] if q["code"] == "conflict"]
    assert listed == conflicts[:EXAMPLES_PER_REASON]
    counted = result.report["summarised"]["lists"]["quarantine"]
    assert counted == {"entries": 300, "kept": EXAMPLES_PER_REASON, "per_reason": {"conflict": 300}}
    for entry in conflicts[:3]:
        assert len(entry["params"]["values"]) == LISTED and entry["params"]["more"] == 300 - LISTED
        assert render("conflict", entry["params"], "en").endswith(f"and {300 - LISTED} more")
        assert render("conflict", entry["params"], "zh").endswith(f"另有 {300 - LISTED} 处")


@pytest.mark.parametrize("total, warned", [("75", False), ("80", False), ("85", False), ("90", True), ("70", True)])
def test_a_total_is_checked_against_the_range_its_rows_may_sum_to(tmp_path, total, warned):
    """45 + 30余 (30 to 40) sum to 75–85万: a 小计 of 75, 80 or 85 agrees with its rows; 90 or 70 cannot."""
    rows = [["村名", "年度", WAN], ["东安村", "2022", "45"], ["向阳村", "2022", "30余"], ["小计", "2022", total]]
    report = read_ledger(write_csv(tmp_path / "ranged_total.csv", rows)).report
    assert any(w["code"] == "total_mismatch" for w in report["warning_codes"]) == warned
