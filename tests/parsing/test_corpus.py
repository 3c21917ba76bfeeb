"""The labelled corpus: every string is read exactly as labelled."""

import csv
import math
from pathlib import Path

import pytest

from zhaodong_data.parsing import parse_amount

CORPUS = Path(__file__).parent.parent / "data" / "figures_corpus.csv"
ROWS = list(csv.DictReader(CORPUS.open(encoding="utf-8")))


def _number(text):
    return None if text == "" else float(text)


def _same(got, expected):
    if expected is None or got is None:
        return got is expected
    return math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-9)


def test_corpus_is_large_and_unique():
    assert len(ROWS) >= 400
    assert len({row["id"] for row in ROWS}) == len(ROWS)
    assert len({row["raw"] for row in ROWS}) == len(ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_corpus_string(row):
    amount = parse_amount(row["raw"])
    assert amount.qualifier == row["qualifier"], amount
    if row["qualifier"] in ("missing", "invalid"):
        assert amount.low is None and amount.high is None
        assert (amount.reason is not None) == (row["qualifier"] == "invalid")
        return
    assert _same(amount.low, _number(row["low"])), amount
    assert _same(amount.high, _number(row["high"])), amount
    assert amount.unit == (row["unit"] or None), amount
    assert amount.period == (row["period"] or None), amount
    assert amount.per == (row["per"] or None), amount
    if row["count_of"]:
        assert amount.count_of == row["count_of"], amount
    assert set(amount.flags) == set(filter(None, row["flags"].split(";"))), amount
