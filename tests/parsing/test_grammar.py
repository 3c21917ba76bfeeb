"""The numeral grammar, generated: any integer or decimal up to 10^12 written the ways Chinese
ledgers and reports write it, read back exactly by `parse_amount` (and `parse_amounts`).

The writer below is independent of the reader: it builds each form from the digits of the
number, by the rules of written Chinese, so a reading that disagrees is the reader's error.
"""

from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhaodong_data.parsing import parse_amount, parse_amounts

from ..examples import examples

PLAIN_DIGITS = "零一二三四五六七八九"
FINANCIAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLAIN_UNITS = {10: "十", 100: "百", 1000: "千"}
FINANCIAL_UNITS = {10: "拾", 100: "佰", 1000: "仟"}


def write_section(n: int, style: dict, leading: bool, after_gap: bool) -> str:
    """0 < n < 10000 in Chinese. `leading`: the first section of the number (十五 may drop 一);
    `after_gap`: a higher section stands before with zeros between (一万零五百)."""
    digits = style["digits"]
    units = style["units"]
    out = []
    pending_zero = after_gap
    started = False
    for power in (1000, 100, 10, 1):
        digit = n // power % 10
        if digit == 0:
            if started:
                pending_zero = True
            continue
        rest_has_unit = power > 1
        if pending_zero and (style["zero"] or not rest_has_unit):
            # 零 may be dropped only where the next digit carries its own unit (一万五百);
            # before a bare last digit it must stay (一万零五, not 一万五 = 15,000).
            out.append(style["zero_char"])
        pending_zero = False
        if power == 10 and digit == 1 and leading and not started and not style["yi_shi"]:
            out.append(units[10])  # 十五, 十万
        else:
            if digit == 2 and power >= 100 and style["liang"]:
                out.append("两")
            else:
                out.append(digits[digit])
            if power > 1:
                out.append(units[power])
        started = True
    return "".join(out)


def write_chinese(n: int, style: dict) -> str:
    """0 <= n < 10^13 in a standard Chinese form."""
    if n == 0:
        return style["zero_char"]
    sections = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    out = []
    started = False
    gap = False
    for value, unit in sections:
        if value == 0:
            gap = started or gap
            continue
        if value >= 10**4:  # 万亿: a section of 亿 above 9999
            out.append(write_chinese(value, style) + unit)
            started, gap = True, False
            continue
        text = write_section(value, style, leading=not started, after_gap=started and (gap or value < 1000))
        if value == 2 and unit and style["liang"] and not started:
            text = "两"  # 两万, 两亿
        out.append(text + unit)
        started, gap = True, False
    return "".join(out)


def write_mixed(n: int) -> str:
    """Arabic sections with Chinese large units: 1亿2345万6789, 3万5000, 1亿零5000."""
    high, middle, low = n // 10**8, n // 10**4 % 10**4, n % 10**4
    out = ""
    if high:
        out += f"{high}亿"
    if middle:
        out += ("零" if high and middle < 1000 else "") + f"{middle}万"
    if low:
        if high or middle:
            out += f"{low:04d}" if middle or low >= 1000 and not high else "零" + str(low)
        else:
            out += str(low)
    return out or "0"


STYLES = st.fixed_dictionaries(
    {
        "digits": st.sampled_from([PLAIN_DIGITS, FINANCIAL_DIGITS]),
        "zero": st.booleans(),
        "yi_shi": st.booleans(),
        "liang": st.booleans(),
        "zero_char": st.sampled_from(["零", "〇"]),
    }
).map(lambda s: {**s, "units": FINANCIAL_UNITS if s["digits"] == FINANCIAL_DIGITS else PLAIN_UNITS})
INTEGERS = st.one_of(st.integers(0, 10**12), st.integers(0, 10**5), st.integers(0, 10**8))


@given(INTEGERS, STYLES, st.sampled_from(["", "元", "万元"]))
@settings(max_examples=examples(3000))
def test_every_standard_chinese_integer_reads_back(n, style, suffix):
    if suffix == "万元":
        n = n % 10**4 or 1  # a count of 万: 一千二百万元 (一万万 and 零万 are not forms)
        text, n = write_chinese(n, style) + "万元", n * 10**4
    else:
        text = write_chinese(n, style) + suffix
    amount = parse_amount(text)
    assert (amount.low, amount.high, amount.qualifier) == (n, n, "exact"), text


@given(st.integers(0, 10**12), st.integers(1, 99))
@settings(max_examples=examples(1000))
def test_chinese_decimals_read_back(whole, hundredths):
    style = {
        "digits": PLAIN_DIGITS,
        "units": PLAIN_UNITS,
        "zero": True,
        "yi_shi": False,
        "liang": False,
        "zero_char": "零",
    }
    fraction = f"{hundredths:02d}".rstrip("0")
    text = write_chinese(whole, style) + "点" + "".join(PLAIN_DIGITS[int(d)] for d in fraction)
    assert parse_amount(text).low == float(Decimal(f"{whole}.{fraction}")), text


@given(st.integers(1, 10**12))
@settings(max_examples=examples(2000))
def test_arabic_sections_with_chinese_units_read_back(n):
    text = write_mixed(n)
    assert parse_amount(text).low == n, text


@given(
    st.integers(1, 9),
    st.integers(1, 9),
    st.sampled_from([(4, "万", "千"), (8, "亿", "千万"), (3, "千", "百"), (2, "百", "十")]),
    st.booleans(),
)
def test_two_digit_forms_and_colloquial_abbreviations(first, second, units, chinese):
    """6万8千, 2亿3千万 and their spoken short forms 四万六 (46,000), 七千二, 一亿二."""
    power, unit, lower_unit = units
    n = first * 10**power + second * 10 ** (power - 1)
    digit = (lambda d: PLAIN_DIGITS[d]) if chinese else str
    full = f"{digit(first)}{unit}{digit(second)}{lower_unit}"
    short = f"{digit(first)}{unit}{digit(second)}"
    assert parse_amount(full).low == n, full
    assert parse_amount(short).low == n, short


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("四万六", 46_000, 46_000),
        ("七千二", 7_200, 7_200),
        ("一万二", 12_000, 12_000),
        ("十二万五", 125_000, 125_000),
        ("一亿二", 120_000_000, 120_000_000),
        ("三百五", 350, 350),
        ("一万零二", 10_002, 10_002),
        ("6万8千", 68_000, 68_000),
        ("2亿3千万", 230_000_000, 230_000_000),
        ("2.5万", 25_000, 25_000),
        ("3万5000", 35_000, 35_000),
        ("1万2", 12_000, 12_000),
        ("12000万", 120_000_000, 120_000_000),
        ("2万亿", 2 * 10**12, 2 * 10**12),
        ("贰拾万元整", 200_000, 200_000),
        ("二〇二三", 2023, 2023),
        # ranges that write the multiplier once: both ends scaled
        ("三到六万元", 30_000, 60_000),
        ("5-8万", 50_000, 80_000),
        ("3至5亿", 3e8, 5e8),
        ("between 2 and 3 million yuan", 2e6, 3e6),
        ("2-3 million yuan", 2e6, 3e6),
        ("5到8千", 5_000, 8_000),
        ("三千到五千万", 3e7, 5e7),
        ("5千-8万", 5_000, 80_000),
        ("二十到五十万", 200_000, 500_000),
        ("三到十万", 30_000, 100_000),
        # a bare multiplier with a qualifier, and vague quantities
        ("十余万元", 100_000, 200_000),
        ("万余元", 10_000, 20_000),
        ("数十万元", 1e5, 1e6),
        ("几百万", 1e6, 1e7),
        ("several million yuan", 1e6, 1e7),
        ("tens of thousands of yuan", 1e4, 1e5),
        # English abbreviations and machine-translation shapes
        ("6.5 mln yuan", 6.5e6, 6.5e6),
        ("1.5bn", 1.5e9, 1.5e9),
        ("48 10,000 yuan", 480_000, 480_000),
        ("48 ten thousand yuan", 480_000, 480_000),
        ("3 100 million yuan", 3e8, 3e8),
    ],
)
def test_forms_read_exactly(text, low, high):
    amount = parse_amount(text)
    assert (amount.low, amount.high) == (low, high), amount


@pytest.mark.parametrize(
    "text, per, period",
    [
        ("3000元/人·月", "person", "month"),
        ("12元/平方米·年", "square_metre", "year"),
        ("12元/平方米/年", "square_metre", "year"),
        ("80元/人・天", "person", "day"),
        ("12 yuan per square metre per year", "square_metre", "year"),
    ],
)
def test_compound_rates_keep_per_and_period(text, per, period):
    amount = parse_amount(text)
    assert (amount.per, amount.period, amount.unit) == (per, period, "CNY"), amount


@pytest.mark.parametrize(
    "text",
    [
        "三四万",  # three or four 万
        "二三十万",  # twenty or thirty 万
        "一万二千万",  # 万 twice
        "1万25",  # 10,025 or 12,500?
        "1亿5000",  # 100,005,000 or 1.5亿?
        "三到五十万",  # 3万 or 30万 to 50万?
        "一万二点五",  # 10,002.5 or 12,000.5?
        "五百三千",  # units out of order
    ],
)
def test_uncertain_forms_are_refused_with_a_reason(text):
    amount = parse_amount(text)
    assert amount.qualifier == "invalid" and amount.reason, amount


def test_vectorised_reading_agrees_on_generated_forms():
    style = {
        "digits": PLAIN_DIGITS,
        "units": PLAIN_UNITS,
        "zero": True,
        "yi_shi": False,
        "liang": True,
        "zero_char": "零",
    }
    numbers = [0, 7, 15, 105, 1_005, 10_500, 46_000, 123_456_789, 10**12, 2 * 10**8 + 3 * 10**7]
    texts = [write_chinese(n, style) for n in numbers] + [write_mixed(n) for n in numbers[1:]]
    texts += ["四万六", "6万8千", "三到六万元", "万余元", "48 10,000 yuan", "3000元/人·月", "1万25"]
    vectorised = parse_amounts(pd.Series(texts, dtype=object))
    for text, (_, row) in zip(texts, vectorised.iterrows()):
        scalar = parse_amount(text)
        assert row["qualifier"] == scalar.qualifier, text
        if scalar.low is not None:
            assert row["low"] == scalar.low, text


cn2an = pytest.importorskip("cn2an", reason="cn2an (a test extra) is the differential reference")


@given(st.integers(0, 10**12 - 1))
@settings(max_examples=examples(1000))
def test_agrees_with_cn2an_on_what_both_read(n):
    """Differential: cn2an writes the numeral; where cn2an reads it back to n, so must we."""
    text = cn2an.an2cn(n)
    try:
        theirs = cn2an.cn2an(text, "strict")
    except (ValueError, KeyError):
        return
    ours = parse_amount(text)
    assert theirs == n
    assert ours.low == n, (text, ours)
