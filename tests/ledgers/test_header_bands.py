"""Headers of one, two and three rows, merged or not, with units at every level: each column
is read as the tree that built it says."""

import pytest

from zhaodong_data.gazetteer import load_gazetteer
from zhaodong_data.ledgers import read_ledger

from .bands import CASES, VILLAGES


@pytest.fixture(scope="module")
def codes():
    gazetteer = load_gazetteer()
    return {village: gazetteer.match_village(village, town=town).code for town, village in VILLAGES}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_every_column_of_a_header_band_reads_as_built(case, tmp_path, codes):
    result = read_ledger(case.write(tmp_path))
    report = result.report
    assert report["quarantine"] == [] and report["ignored_columns"] == []
    assert report["rows_read"] == len(VILLAGES)  # the band, unit row included, is not data
    assert report["rows_clean"] == len(VILLAGES)
    got = {(r.village_code, r.year, r.metric): r.low for r in result.records.itertuples()}
    expected = case.expected(codes)
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert got[key] == pytest.approx(value, rel=1e-9), key
    codes_warned = {w["code"] for w in report["warning_codes"]}
    # the form's lines add up by construction; nothing else is worth saying
    assert codes_warned <= {"operating_income_derived"}


def test_the_generator_makes_every_arrangement():
    assert {case.depth() for case in CASES} == {1, 2, 3}
    assert {(case.merges, case.units) for case in CASES} == {
        (m, u) for m in ("xlsx", "csv") for u in ("leaf", "group", "unit_row", "title")
    }
