import pytest

from zhaodong_data.parsing.numerals import chinese_to_number, fold


@pytest.mark.parametrize(
    "text, value",
    [
        ("四百二十万", 4_200_000),
        ("九百零七万零一百一十", 9_070_110),
        ("壹拾伍万", 150_000),
        ("十二", 12),
        ("十", 10),
        ("一百一十", 110),
        ("两千", 2000),
        ("三亿四千五百万", 345_000_000),
        ("二点六二亿", 262_000_000),
        ("一点五", 1.5),
        ("二〇二三", 2023),
        ("亿", 100_000_000),
        ("千万", 10_000_000),
    ],
)
def test_chinese_numerals(text, value):
    assert chinese_to_number(text) == value


@pytest.mark.parametrize("text", ["", "点", "一点", "三四五十", "十百", "二点五六七万一"])
def test_malformed_numerals_raise_value_error(text):
    with pytest.raises(ValueError):
        chinese_to_number(text)


def test_fold_full_width_and_minus():
    assert fold("１２，３４５．６元") == "12,345.6元"
    assert fold("－５ ～ ８") == "-5 ~ 8"
    assert fold("−3  Million") == "-3 million"


# The standard-form fast path (numerals.read_standard) against the general reader.

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from zhaodong_data.parsing.numerals import read_numeral, read_standard  # noqa: E402

from ..examples import examples  # noqa: E402

_DIGITS = "零一二三四五六七八九"


def written_in_full(n: int) -> str:
    """How a ledger writes n in full: four-digit sections closed by 亿 and 万; one 零 for each
    run of skipped places between two digits (一亿零五百万, 三千二百万零五十), none for a
    section's trailing zeros (一百五十万一千); 一十 inside a number."""
    out, skipped = "", False
    for power, marker in ((8, "亿"), (4, "万"), (0, "")):
        section = n // 10**power % 10_000
        if not section:
            skipped = skipped or bool(out)
            continue
        places = f"{section:04d}"
        if out and (skipped or places[0] == "0"):
            out += "零"
        written, gap = "", False
        for digit, unit in zip(places, "千百十 "):
            if digit == "0":
                gap = bool(written)
                continue
            written += ("零" if gap else "") + _DIGITS[int(digit)] + unit.strip()
            gap = False
        out += written + marker
        skipped = False
    return out


@pytest.mark.parametrize(
    "n, text",
    [
        (5, "五"),
        (1005, "一千零五"),
        (10012, "一万零一十二"),
        (32000050, "三千二百万零五十"),
        (105000000, "一亿零五百万"),
        (1501000, "一百五十万一千"),
        (100005000, "一亿零五千"),
        (100000005, "一亿零五"),
    ],
)
def test_the_test_writer_writes_as_a_ledger_does(n, text):
    assert written_in_full(n) == text


@given(st.integers(min_value=1, max_value=10**12 - 1))
@settings(max_examples=examples(2000))
def test_standard_numerals_read_fast_and_as_the_general_reader_does(n):
    text = written_in_full(n)
    assert read_standard(text) == n, text
    assert read_numeral(text).value == n, text


@given(st.text(alphabet="零一二三四五六七八九十百千万亿", min_size=1, max_size=12))
@settings(max_examples=examples(3000))
def test_the_fast_path_reads_nothing_the_general_reader_reads_otherwise(text):
    fast = read_standard(text)
    if fast is None:
        return
    assert read_numeral(text).value == fast, text


@pytest.mark.parametrize("text", ["一亿一万", "四万六", "一万五", "两千", "零五", "亿", "一亿万", "壹仟", "一万零十五"])
def test_other_forms_are_left_to_the_general_reader(text):
    assert read_standard(text) is None
