"""The vectorised reading of common forms agrees with parse_amount, string by string."""

import csv
import random
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhaodong_data.parsing import parse_amount, parse_amounts
from zhaodong_data.parsing.batch import amount_to_row
from zhaodong_data.parsing.fast import read_common_forms

from ..examples import examples
from .test_numerals import written_in_full

CORPUS = Path(__file__).parent.parent / "data" / "figures_corpus.csv"


def assert_same_as_scalar(values):
    batch = parse_amounts(pd.Series(values, dtype=object))
    for position, value in enumerate(values):
        expected = amount_to_row(parse_amount(value))
        got = tuple(batch.iloc[position])
        for name, left, right in zip(batch.columns, got, expected):
            if name in ("low", "high"):
                assert (np.isnan(left) and right is None) or left == right, (value, name, got, expected)
            else:
                assert left == right, (value, name, got, expected)


def test_corpus_batch_equals_scalar():
    raws = [row["raw"] for row in csv.DictReader(CORPUS.open(encoding="utf-8"))]
    assert_same_as_scalar(raws)


def test_common_forms_are_read_vectorised():
    done, columns = read_common_forms(
        ["12.5万元", "约30万元", "30余万元", "3000元/月", "4.2 million yuan", "1,234", "", "零", "三十万元"]
        + ["5-8万元", "四万六元", "两千元"]
    )
    assert done.tolist() == [True] * 9 + [False, False, False]  # a range, an abbreviation, 两: the scalar parser
    assert columns["high"][2] == 400_000 and columns["period"][3] == "month"
    assert columns["low"][8] == 300_000 and columns["unit"][8] == "CNY"


@given(st.integers(min_value=1, max_value=10**12 - 1), st.sampled_from(["", "元"]))
@settings(max_examples=examples(500))
def test_standard_numerals_read_vectorised_as_parse_amount_reads_them(n, yuan):
    text = written_in_full(n) + yuan
    done, columns = read_common_forms([text])
    assert done[0] and columns["low"][0] == n, text
    assert_same_as_scalar([text])


# The words around a number, part by part in the pattern's order, and some it does not admit
# (上, 过, 垧, /户, Million): each list's first choice is none.
HEADS = ["", "约", "大约", "近", "将近", "超过", "逾", "不到", "不足", "about ", "more than ", "over ", "under "]
HEADS += ["less than ", "¥", "rmb ", "人民币", "上", "过"]
SIGNS = ["", "-", "+"]
TAILS = [
    ["", "余", "多"],
    ["", "十", "百", "千", "万", "十万", "百万", "千万", "亿", " thousand", " million", " Million", " billion"],
    ["", "余", "多", "以上"],
    ["", "元", "块", " yuan", "亩", " mu", "户", "人", "万元", "垧"],
    ["", "以上"],
    ["", "左右", "以下", "以上"],
    ["", "/月", "/年", "/天", "/亩", "/人", " per month", " a month", " per year", " a year", " per mu", "/户"],
]

PARTS = st.tuples(
    st.sampled_from(HEADS),
    st.sampled_from(SIGNS),
    st.one_of(
        st.integers(0, 10**9).map(str),
        st.integers(0, 10**9).map(lambda n: f"{n:,}"),
        st.decimals(0, 10**6, places=3, allow_nan=False, allow_infinity=False).map(str),
        st.sampled_from(["0.000001", "10.5000", "2620", "1500", "999", "1000", "0", "00"]),
    ),
    *(st.sampled_from(words) for words in TAILS),
    st.sampled_from(["", " ", "　", "Ｘ"]),
)


@given(
    st.lists(
        PARTS.map(lambda parts: "".join(parts[:-1]) + parts[-1] if parts[-1] != "Ｘ" else "".join(parts)),
        min_size=1,
        max_size=30,
    )
)
@settings(max_examples=examples(400), suppress_health_check=[HealthCheck.too_slow])
def test_generated_forms_batch_equals_scalar(values):
    assert_same_as_scalar(values)


@given(st.lists(st.text(alphabet="0123456789,.-+e万元余约 yuanmilo/月年亩人户左右以上下", max_size=14), max_size=30))
@settings(max_examples=examples(400), suppress_health_check=[HealthCheck.too_slow])
def test_random_text_batch_equals_scalar(values):
    assert_same_as_scalar(values)


def test_areas_with_a_bound_round_as_the_scalar_parser_rounds():
    # parse_amount rounds an area to 6 decimals with Python's round; the vectorised bounds once
    # kept the float sum (215298.98573999997) or numpy's rounding of a large value.
    assert_same_as_scalar(["215298.98573余 mu", "16424.3329多亩", "48990.96351 thousand mu以上", "715107331千万亩"])


def test_twenty_thousand_generated_combinations_batch_equals_scalar():
    """Seeded, so that a failure reproduces: every part of the pattern, often several at once."""
    rng = random.Random(20221)
    choices = [HEADS, SIGNS, None, *TAILS]  # None: the number

    def number() -> str:
        whole = rng.randint(0, 10**9)
        return rng.choice([str(whole), f"{whole:,}", f"{rng.random() * 1e6:.{rng.randint(0, 7)}f}", "0", "2620"])

    values = []
    for _ in range(20_000):
        parts = [number() if options is None else rng.choice(options) for options in choices]
        if rng.random() < 0.5:  # the usual shapes: a few parts around the number
            parts = [part if index == 2 or rng.random() < 0.35 else "" for index, part in enumerate(parts)]
        values.append("".join(parts))
    assert_same_as_scalar(values)


@given(st.lists(st.text(alphabet="零一二三四五六七八九十百千万亿元两", min_size=1, max_size=14), max_size=30))
@settings(max_examples=examples(1500), suppress_health_check=[HealthCheck.too_slow])
def test_numeral_like_text_batch_equals_scalar(values):
    assert_same_as_scalar(values)
