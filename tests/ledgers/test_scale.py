"""A column's unit scales only a bare number: a cell that writes its own 万 / 亿 / 千 (or 元)
keeps its own scale, in the rows, in the total row and on the vectorised path alike."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhaodong_data.ledgers import read_ledger

from ..examples import examples
from ..parsing.test_grammar import PLAIN_DIGITS, PLAIN_UNITS, write_chinese
from .make import write_csv

DONGAN = "231282103203"  # 东安村, 五站镇
HEADERS = {"wan": "村集体经济收入（万元）", "yuan": "村集体经济收入（元）", "none": "村集体经济收入"}

# cell -> stored yuan in a 万元 column, an 元 column and a column with no unit (read as 元)
FORMS = [
    ("12", 120_000, 12, 12),
    ("12.5", 125_000, 12.5, 12.5),
    ("12万", 120_000, 120_000, 120_000),
    ("约12万", 120_000, 120_000, 120_000),
    ("12万元", 120_000, 120_000, 120_000),
    ("十二万", 120_000, 120_000, 120_000),
    ("5万", 50_000, 50_000, 50_000),
    ("3.2万", 32_000, 32_000, 32_000),
    ("1亿", 100_000_000, 100_000_000, 100_000_000),
    ("3千", 3_000, 3_000, 3_000),
    ("6万8千", 68_000, 68_000, 68_000),
    ("1.2 million", 1_200_000, 1_200_000, 1_200_000),
    ("120000元", 120_000, 120_000, 120_000),
    ("30余万元", 300_000, 300_000, 300_000),  # the low end of [30万, 40万]
    ("十二", 120_000, 12, 12),  # a Chinese numeral with no 万 / 亿 is a number like 12
]


def _stored(tmp_path, header, cells, title=None):
    rows = ([[title]] if title else []) + [["村名", "年度", header]]
    rows += [["东安村", str(2010 + i), cell] for i, cell in enumerate(cells)]
    result = read_ledger(write_csv(tmp_path / "scale.csv", rows))
    assert result.report["rows_quarantined"] == 0, result.report["quarantine"]
    by_year = {r.year: r.low for r in result.records.itertuples() if r.village_code == DONGAN}
    return [by_year[2010 + i] for i in range(len(cells))], result


@pytest.mark.parametrize("column", ["wan", "yuan", "none"])
def test_each_form_in_each_kind_of_column(tmp_path, column):
    values, _ = _stored(tmp_path, HEADERS[column], [cell for cell, *_ in FORMS])
    expected = [{"wan": wan, "yuan": yuan, "none": none}[column] for _, wan, yuan, none in FORMS]
    assert values == expected


def test_a_sheet_unit_scales_like_a_header_unit(tmp_path):
    values, _ = _stored(tmp_path, "村集体经济收入", [cell for cell, *_ in FORMS], title="单位：万元")
    assert values == [wan for _, wan, _, _ in FORMS]


def test_total_row_reads_its_own_multiplier_too(tmp_path):
    rows = [
        ["村名", "年度", HEADERS["wan"]],
        ["东安村", "2022", "45"],
        ["向阳村", "2022", "约12万"],
        ["合计", "2022", "57"],
        ["总计", "2022", "57万"],
    ]
    result = read_ledger(write_csv(tmp_path / "totals.csv", rows))
    assert sorted(result.records["low"]) == [120_000, 450_000]
    assert not [w for w in result.report["warnings"] if "sum" in w], result.report["warnings"]


@st.composite
def amounts_in_wan(draw):
    """A whole number of 万 (so that every form below writes it exactly) up to 99,990,000."""
    return draw(st.integers(1, 9999)) * 10_000


CHINESE = {
    "digits": PLAIN_DIGITS,
    "units": PLAIN_UNITS,
    "zero": True,
    "yi_shi": False,
    "liang": False,
    "zero_char": "零",
}


@given(amounts_in_wan())
@settings(max_examples=examples(40), suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_same_amount_written_any_way_stores_the_same_value(tmp_path, amount):
    wan = amount // 10_000
    in_yuan_column = [str(amount), f"{wan}万", f"{wan}万元", write_chinese(amount, CHINESE)]
    values, _ = _stored(tmp_path, HEADERS["yuan"], in_yuan_column)
    assert values == [amount] * len(in_yuan_column), in_yuan_column
    in_wan_column = [str(wan), f"{wan}万", f"{wan}万元", write_chinese(wan, CHINESE) + "万"]
    values, _ = _stored(tmp_path, HEADERS["wan"], in_wan_column)
    assert values == [amount] * len(in_wan_column), in_wan_column
