"""A cell is read whole or refused: no digit is picked out of the text around it."""

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhaodong_data.parsing import parse_amount, parse_amounts, parse_in_text

from ..examples import examples


@pytest.mark.parametrize(
    "cell, reason",
    [
        ("45%", "a percentage, not an amount"),
        ("百分之五", "a percentage, not an amount"),
        ("3个百分点", "a percentage, not an amount"),
        ("备注2", "text around the figure: '备注'"),
        ("3号", "text around the figure: '号'"),
        ("alert(3)", "text around the figure: 'alert( )'"),
        ("5<b>x</b>", "text around the figure: '<b>x</b>'"),
        ("5-", "text around the figure: '-'"),
        ("【45】万元", "text around the figure: '【 】万'"),
        ("13912345678", "a phone number, not an amount"),
        ("139 1234 5678", "a phone number, not an amount"),
        ("+86 13912345678", "a phone number, not an amount"),
        ("0455-7771234", "a phone number, not an amount"),
        ("(0455)7771234", "a phone number, not an amount"),
        ("电话13600003333", "a phone number, not an amount"),
        ("Tel: 0455 7771234", "a phone number, not an amount"),
    ],
)
def test_text_that_is_not_a_figure_is_refused_with_its_reason(cell, reason):
    amount = parse_amount(cell)
    assert (amount.qualifier, amount.reason) == ("invalid", reason)
    assert parse_amounts(pd.Series([cell])).iloc[0]["reason"] == reason


@pytest.mark.parametrize(
    "cell, low, high, qualifier",
    [
        ("(5)", -5, -5, "exact"),  # the accounting negative
        ("（1,234.50）", -1234.5, -1234.5, "exact"),
        ("(5)万元", -50_000, -50_000, "exact"),
        ("no less than 5 yuan", 5, None, "at_least"),
        ("not less than 5 yuan", 5, None, "at_least"),
        ("at least 5 yuan", 5, None, "at_least"),
        ("not more than 5 yuan", None, 5, "at_most"),
        ("no more than 5 yuan", None, 5, "at_most"),
        ("up to 5 yuan", None, 5, "at_most"),
        ("突破100万元", 1e6, None, "at_least"),
        ("超100万元", 1e6, None, "at_least"),
        ("逾100万元", 1e6, None, "at_least"),
        ("上亿元", 1e8, None, "at_least"),
        ("50万元左右", 5e5, 5e5, "approx"),
        ("3000元上下", 3000, 3000, "approx"),
    ],
)
def test_bounds_and_signs_read_the_right_way_round(cell, low, high, qualifier):
    amount = parse_amount(cell)
    assert (amount.low, amount.high, amount.qualifier) == (low, high, qualifier)


@pytest.mark.parametrize(
    "cell, period, per",
    [
        ("月工资3000元", "month", None),
        ("月收入3000元", "month", None),
        ("每月3000元", "month", None),
        ("日工资150元", "day", None),
        ("年收入5万元", "year", None),
        ("annual income of 5000 yuan", "year", None),
        ("5000 yuan per year", "year", None),
        ("户均3000元", None, "household"),
        ("人均3000元", None, "person"),
        ("亩均800元", None, "mu"),
    ],
)
def test_period_and_per_words(cell, period, per):
    amount = parse_amount(cell)
    assert amount.is_figure and (amount.period, amount.per) == (period, per)


def test_a_span_of_running_text_keeps_the_noun_it_counts():
    assert parse_amount("100 red flags").qualifier == "invalid"  # a cell saying this is no figure
    assert parse_in_text("100 red flags").low == 100  # a sentence saying it counts flags
    assert parse_in_text("six rural industry joint party committees").low == 6


FIGURES = ["45", "3.5", "30万元", "约30万元", "30余万元", "4.2 million yuan", "四百二十万", "1,200元"]
# Characters of no documented word: letters and CJK no qualifier, unit or label uses, and marks.
NOISE = st.text(alphabet="xqzjvw猫狗龙凤号码备注记录甲乙丙<>()【】#&*!?@|^", min_size=1, max_size=6)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIGURES), NOISE, st.sampled_from(["before", "after", "both"]))
def test_random_text_around_a_figure_is_never_read_as_that_figure(figure, noise, where):
    cell = {"before": noise + figure, "after": figure + noise, "both": noise + figure + noise}[where]
    base, amount = parse_amount(figure), parse_amount(cell)
    assert not (amount.is_figure and (amount.low, amount.high) == (base.low, base.high)), (cell, amount)
    vectorised = parse_amounts(pd.Series([cell])).iloc[0]
    assert vectorised["qualifier"] == amount.qualifier and vectorised["reason"] == amount.reason
