"""The one amount formatter (`zhaodong_data/i18n/formatting.py`): each rule of its docstring, and
the pages, the charts and a ledger's reasons writing an amount the same way."""

import pytest

from zhaodong_data.i18n import format_amount


@pytest.mark.parametrize(
    "value, zh, en",
    [
        (262_000_000, "2.62亿元", "¥262M"),
        (452_000, "45.2万元", "¥452k"),
        (1e12, "1万亿元", "¥1,000bn"),  # never 10000亿 or 1e+04亿
        (26_200_000, "2620万元", "¥26.2M"),  # Chinese text groups no thousands
        (3500.5, "3500元", "¥3.5k"),  # whole yuan from 100
        (99.555, "99.56元", "¥99.56"),  # `digits` decimals below 100
        (-3e11, "-3000亿元", "-¥300bn"),
        (None, "—", "—"),
        (float("nan"), "—", "—"),
    ],
)
def test_short_amounts_follow_the_rules(value, zh, en):
    assert format_amount(value, "zh") == zh and format_amount(value, "en") == en


def test_exact_amounts_keep_every_digit_to_the_fen_and_are_never_scaled():
    assert format_amount(3500.5, "zh", exact=True) == "3,500.5元"
    assert format_amount(1_234_567.891, "zh", money=False, exact=True) == "1,234,567.89"
    assert format_amount(1_234_567.891, "en", exact=True) == "¥1,234,567.89"
    assert format_amount(-0.5, "zh", money=False, exact=True) == "-0.5"


def test_a_count_has_no_currency():
    assert format_amount(452_000, "zh", money=False) == "45.2万" and format_amount(452_000, "en", money=False) == "452k"


def test_a_ledger_s_reason_writes_its_amounts_with_the_same_formatter(tmp_path):
    """A total that disagrees with its rows states both to the yuan; a value beyond any village
    figure states the limit as the short form: both as format_amount writes them."""
    from zhaodong_data.ledgers import read_ledger
    from zhaodong_data.ledgers.plausibility import MAX_ABS_YUAN

    path = tmp_path / "l.csv"
    path.write_text(
        "乡镇,村名,年度,村集体经济收入（元）\n"
        "五站镇,东安村,2022,1234567.5\n合计,,2022,1000000\n"
        f"里木店镇,永丰村,2023,{MAX_ABS_YUAN * 10:.0f}\n",
        encoding="utf-8",
    )
    report = read_ledger(path).report
    mismatch = next(w for w in report["warning_codes"] if w["code"] == "total_mismatch")["params"]
    assert mismatch["total"] == format_amount(1_000_000, money=False, exact=True) == "1,000,000"
    assert mismatch["sum"] == format_amount(1_234_567.5, money=False, exact=True) == "1,234,567.5"
    absurd = next(q for q in report["quarantine"] if q["code"] == "absurd")
    assert absurd["params"]["limit"] == format_amount(MAX_ABS_YUAN, money=False)
