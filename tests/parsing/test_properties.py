"""Properties that hold for every input, checked with hypothesis."""

import math
import re

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhaodong_data.parsing import QUALIFIERS, parse_amount, parse_amounts
from zhaodong_data.parsing.batch import amount_to_row

from ..examples import examples

FIGURE_ALPHABET = "0123456789０１２３.,，万亿千百十元块余多约近超过不到以上左右-~至到 yuanmilontheabr¥￥一二三四五六七八九零两亩垧/月年人户"
figure_like = st.text(alphabet=FIGURE_ALPHABET, max_size=16)
anything = st.one_of(st.text(max_size=30), figure_like, st.none(), st.floats(allow_nan=True), st.integers())


@given(anything)
@settings(max_examples=examples(1500), suppress_health_check=[HealthCheck.too_slow])
def test_never_raises_and_is_well_formed(value):
    amount = parse_amount(value)
    assert amount.qualifier in QUALIFIERS
    if amount.qualifier in ("missing", "invalid"):
        assert amount.low is None and amount.high is None
    else:
        assert amount.low is not None or amount.high is not None
        if amount.low is not None and amount.high is not None:
            assert amount.low <= amount.high
    if amount.qualifier == "invalid":
        assert amount.reason


def _same_frame(left: pd.DataFrame, right: pd.DataFrame):
    pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True), check_dtype=False)


@given(
    st.lists(
        st.one_of(
            figure_like,
            st.sampled_from(["30余万元", "4200", "-1,234.5", " 7 ", "", None, "1e3", "9" * 400]),
            # Cells as pandas reads them: numbers and the missing markers beside text.
            st.sampled_from([4200, 1.5, -3, float("nan"), pd.NA, float("inf")]),
        ),
        max_size=40,
    )
)
@settings(max_examples=examples(300), suppress_health_check=[HealthCheck.too_slow])
def test_vectorised_equals_scalar(values):
    series = pd.Series(values, dtype=object)
    vectorised = parse_amounts(series)
    scalar = pd.DataFrame(
        [amount_to_row(parse_amount(v)) for v in values],
        columns=vectorised.columns,
    )
    if values:
        _same_frame(
            vectorised.astype(object).where(vectorised.notna(), None), scalar.astype(object).where(scalar.notna(), None)
        )
    assert list(vectorised.index) == list(series.index)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_integers_round_trip_in_every_format(n):
    for text in (str(n), f"{n:,}", f"{n}元", f"{n:,} yuan"):
        amount = parse_amount(text)
        if re.fullmatch(r"1[3-9]\d{9}", text):  # eleven bare digits a mobile number has: never an amount
            assert (amount.qualifier, amount.reason) == ("invalid", "a phone number, not an amount"), text
            continue
        assert (amount.low, amount.high, amount.qualifier) == (n, n, "exact"), text


@given(st.integers(min_value=0, max_value=10**8), st.integers(min_value=0, max_value=99))
def test_decimals_round_trip(whole, cents):
    text = f"{whole}.{cents:02d}"
    assert math.isclose(parse_amount(text).low, float(text))
    assert math.isclose(parse_amount(f"{text}万元").low, float(text) * 1e4, rel_tol=1e-12)


@given(st.integers(min_value=1, max_value=9999), st.sampled_from([("万", 1e4), ("亿", 1e8), ("千", 1e3)]))
def test_multipliers_multiply(n, multiplier):
    word, factor = multiplier
    assert parse_amount(f"{n}{word}元").low == n * factor


@given(st.integers(min_value=1, max_value=99999))
def test_more_than_bounds_contain_the_figure(n):
    amount = parse_amount(f"{n}余元")
    assert amount.qualifier == "at_least"
    assert amount.low == n < amount.high


CHINESE_NUMERAL = st.text(alphabet="零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟", min_size=1, max_size=8)
SIMPLE_SHAPES = st.one_of(
    st.tuples(CHINESE_NUMERAL, st.sampled_from(["", "元", "圆", "元整", "整"])).map("".join),
    st.tuples(
        st.decimals(0, 10**6, places=2).map(str),
        st.sampled_from(["", "万", "千", "亿"]),
        st.sampled_from(["-", "~", "至", "到", " - "]),
        st.decimals(0, 10**6, places=2).map(str),
        st.sampled_from(["", "万", "千", "亿"]),
        st.sampled_from(["", "元"]),
    ).map("".join),
)


@given(SIMPLE_SHAPES)
@settings(max_examples=examples(1500))
def test_shortcuts_agree_with_the_general_path(text):
    from zhaodong_data.parsing.amounts import _parse_words, _simple_form, _Unreadable
    from zhaodong_data.parsing.numerals import fold

    folded = fold(text)
    shortcut = _simple_form(folded)
    if shortcut is None:
        return
    try:
        general = _parse_words(folded)
    except _Unreadable as error:
        raise AssertionError(f"{text!r}: shortcut {shortcut}, general path: {error}") from None
    assert shortcut == general, text
