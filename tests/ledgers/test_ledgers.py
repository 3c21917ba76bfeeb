"""Ledgers as county offices really send them: each report is asserted exactly."""

import hashlib
import json

import pytest

from zhaodong_data.cli import main
from zhaodong_data.ledgers import UnreadableFile, read_ledger
from zhaodong_data.ledgers.reasons import render
from zhaodong_data.ledgers.tidy import REPORT_KEYS

from .cases import CASES, UNREADABLE
from .expected_rows import CELLS_QUARANTINED, EXPECTED_ROWS

# What each entry says in English; its code and parameters are checked to render the same sentence.
ROW_CODES = {
    "not_a_village_code",
    "no_village_name",
    "village_unknown",
    "village_ambiguous",
    "village_town_mismatch",
    "town_unknown",
    "not_a_year",
    "year_span",
    "not_an_aspect",
}
ENTRY_KEYS = {"quarantine": ("sheet", "row", "column", "value", "reason"), "skipped": ("sheet", "row", "reason")}


def test_there_are_at_least_30_malformed_ledgers():
    assert len(CASES) + len(UNREADABLE) >= 30
    assert set(EXPECTED_ROWS) == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_report_is_whole_and_says_each_reason_in_both_languages(name, tmp_path):
    path = CASES[name](tmp_path)
    result = read_ledger(path)
    report = result.report
    assert list(report) == list(REPORT_KEYS)
    assert report["file"] == str(path)
    assert report["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    for key, fields in ENTRY_KEYS.items():
        assert all(set(fields) <= set(entry) for entry in report[key]), key
    assert report["cells_quarantined"] == CELLS_QUARANTINED.get(name, 0)
    for entry in report["quarantine"]:
        assert render(entry["code"], entry["params"], "en") == entry["reason"]
        assert render(entry["code"], entry["params"], "zh")
    assert [w.split(": ", 1)[-1] for w in report["warnings"]] == [
        render(w["code"], w["params"], "en") for w in report["warning_codes"]
    ]
    assert report["rows_read"] == report["rows_clean"] + report["rows_quarantined"] + report["rows_skipped"]
    quarantined_rows = {(q["sheet"], q["row"]) for q in report["quarantine"]}
    assert len(quarantined_rows) == report["rows_quarantined"]
    assert len(report["skipped"]) == report["rows_skipped"]
    if not result.records.empty:
        # A quarantined cell never goes in; a row quarantined for its village or year gives nothing.
        stored = set(zip(result.records["sheet"], result.records["row"], result.records["column"]))
        assert not stored & {(q["sheet"], q["row"], q["column"]) for q in report["quarantine"]}
        whole_rows = {(q["sheet"], q["row"]) for q in report["quarantine"] if q["code"] in ROW_CODES}
        assert not set(zip(result.records["sheet"], result.records["row"])) & whole_rows


def _records(name, tmp_path):
    records = read_ledger(CASES[name](tmp_path)).records
    return {(r.village_code, r.year, r.metric): (r.low, r.high, r.qualifier, r.unit) for r in records.itertuples()}


def test_unit_row_scales_values(tmp_path):
    assert _records("gbk_with_unit_row", tmp_path)[("231282204203", 2022, "collective_income")] == (
        305000,
        305000,
        "exact",
        "CNY",
    )


def test_cell_unit_beats_header_unit(tmp_path):
    records = _records("unit_in_header_cell_wins", tmp_path)
    assert records[("231282103203", 2022, "collective_income")][0] == 300_000  # 30万元 in a （元） column
    assert records[("231282204203", 2022, "collective_income")][0] == 452_000


def test_wide_years_with_blank_cell(tmp_path):
    records = _records("wide_years_title_metric", tmp_path)
    assert records[("231282103203", 2021, "collective_income")][0] == 425_000
    assert ("231282204203", 2021, "collective_income") not in records  # blank: missing, not zero
    assert len(records) == 5


def test_two_row_merged_header(tmp_path):
    records = _records("two_row_merged_header_xlsx", tmp_path)
    assert records[("231282106202", 2022, "collective_income")][0] == 601_000
    assert records[("231282106202", 2022, "cold_storage_revenue")][0] == 300_000


def test_bounds_and_full_width(tmp_path):
    records = _records("bounded_and_full_width", tmp_path)
    assert records[("231282103203", 2022, "collective_income")] == (452_000, 452_000, "exact", "CNY")
    assert records[("231282204203", 2022, "collective_income")] == (300_000, 400_000, "at_least", "CNY")
    assert records[("231282106202", 2022, "collective_income")][2] == "approx"


def test_unknown_columns_are_kept(tmp_path):
    assert ("231282103203", 2022, "extra:光伏收入") in _records("unknown_column_kept", tmp_path)


def test_counts_are_not_scaled(tmp_path):
    records = _records("year_in_title_wide_metrics", tmp_path)
    assert records[("231282103203", 2022, "new_business_entities")][:2] == (2, 2)


@pytest.mark.parametrize(
    "name, cause",
    [
        ("not_a_spreadsheet", "not a spreadsheet (a PNG file)"),
        ("empty_file", "the file is empty"),
        ("no_village_column", "no sheet has a header row with a village column"),
        ("damaged_xlsx", "not a readable XLSX workbook"),
    ],
)
def test_unreadable_files(name, cause, tmp_path):
    path = UNREADABLE[name](tmp_path)
    with pytest.raises(UnreadableFile, match=str(path).replace(".", r"\.")) as error:
        read_ledger(path)
    assert cause in str(error.value)


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_cli_unreadable_is_one_line_exit_2(name, tmp_path, capsys):
    path = UNREADABLE[name](tmp_path)
    for command in ("validate", "ingest"):
        assert main([command, str(path), "--json", "--store", str(tmp_path / "s.duckdb")]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.count("\n") == 1 and str(path) in captured.err and "Traceback" not in captured.err


def test_cli_validate_json_writes_nothing(tmp_path, capsys):
    path = CASES["text_in_number_cells"](tmp_path)
    store = tmp_path / "store.duckdb"
    assert main(["validate", str(path), "--json", "--store", str(store)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert list(report) == list(REPORT_KEYS)
    assert report["rows_quarantined"] == 3
    assert not store.exists()


def test_users_extend_the_header_mapping(tmp_path, capsys):
    from .make import write_csv

    ledger = write_csv(tmp_path / "own.csv", [["村名", "年度", "村级经营收益（万元）"], ["东安村", "2022", "45.2"]])
    plain = read_ledger(ledger).records
    assert plain["metric"].tolist() == ["extra:村级经营收益"]  # kept, under its own name
    mapping = write_csv(tmp_path / "headers.csv", [["header", "field"], ["村级经营收益", "collective_income"]])
    mapped = read_ledger(ledger, headers=mapping).records
    assert mapped["metric"].tolist() == ["collective_income"] and mapped["low"].tolist() == [452_000]
    assert main(["validate", str(ledger), "--headers", str(mapping), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rows_clean"] == 1


def test_red_flag_column_gives_flags(tmp_path):
    flags = read_ledger(CASES["red_flag_column"](tmp_path)).red_flags
    assert sorted(zip(flags["village_code"], flags["aspect"])) == [
        ("231282103203", "party_building"),
        ("231282103203", "service"),
        ("231282106202", "development"),
    ]
    assert (flags["year"] == 2022).all()


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_row_becomes_what_the_ledger_was_built_to_make_it(tmp_path, name):
    """Every data row is clean, quarantined or skipped as expected_rows.py says from the ledger's
    construction, and the counts add up."""
    expected = EXPECTED_ROWS[name]
    report = read_ledger(CASES[name](tmp_path)).report
    quarantined: dict[int, set] = {}
    for item in report["quarantine"]:
        quarantined.setdefault(item["row"], set()).add(item["code"])
    skipped = {item["row"]: item["code"] for item in report["skipped"]}
    assert quarantined == expected.quarantined
    assert skipped == expected.skipped
    assert report["rows_clean"] == len(expected.clean)
    assert report["rows_read"] == len(expected.clean) + len(expected.quarantined) + len(expected.skipped)
    assert {w["code"] for w in report["warning_codes"]} == set(expected.warnings)
