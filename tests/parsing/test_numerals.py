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
