"""Bounds written with signs (≥ 30万元, ≈ 129万元, ＜5万), as tables and this package's own
exports write them: a sign is a qualifier, never dropped to leave an exact figure."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhaodong_data.parsing import parse_amount, parse_amounts
from zhaodong_data.study import format_reading

SIGNS = {
    "≥": "at_least",
    "≧": "at_least",
    ">=": "at_least",
    ">": "at_least",
    "＞": "at_least",
    "大于": "at_least",
    "≤": "at_most",
    "≦": "at_most",
    "<=": "at_most",
    "<": "at_most",
    "＜": "at_most",
    "小于": "at_most",
    "≈": "approx",
    "～": "approx",
    "~": "approx",
}


@pytest.mark.parametrize("sign, qualifier", SIGNS.items())
@pytest.mark.parametrize("space", ["", " "])
def test_a_sign_is_a_qualifier_in_both_paths(sign, qualifier, space):
    cell = f"{sign}{space}30万元"
    scalar = parse_amount(cell)
    batch = parse_amounts([cell]).iloc[0]
    assert scalar.qualifier == batch["qualifier"] == qualifier
    bound = scalar.high if qualifier == "at_most" else scalar.low
    assert bound == 300_000


def test_a_range_written_with_a_tilde_stays_a_range():
    reading = parse_amount("30~40万")
    assert (reading.low, reading.high, reading.qualifier) == (300_000, 400_000, "range")


@given(
    st.integers(min_value=1, max_value=10**9).map(lambda n: n * 100.0),
    st.sampled_from(["at_least", "at_most", "approx", "exact"]),
    st.sampled_from(["zh", "en"]),
)
def test_what_the_dashboard_shows_reads_back_with_its_qualifier(value, qualifier, lang):
    """A figure copied from a page or an export back into a ledger keeps its bound (to the
    shown precision: two decimals of its 万/亿 or k/M)."""
    low, high = {"at_least": (value, None), "at_most": (None, value)}.get(qualifier, (value, value))
    shown = format_reading(low, high, qualifier, lang, money=True)
    reading = parse_amount(shown)
    assert reading.qualifier == qualifier, shown
    read = reading.high if qualifier == "at_most" else reading.low
    assert read == pytest.approx(value, rel=0.006), shown


def test_a_crash_is_invalid_for_users_but_raised_in_tests(monkeypatch):
    from zhaodong_data.parsing import amounts

    def broken(text):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(amounts, "_parse_cached", broken)
    with pytest.raises(ZeroDivisionError):  # the tests run strict (conftest)
        parse_amount("30万元")
    monkeypatch.setenv("ZHAODONG_STRICT_PARSE", "0")
    reading = parse_amount("30万元")
    assert reading.qualifier == "invalid" and "ZeroDivisionError" in reading.reason
