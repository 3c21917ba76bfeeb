"""A change between two readings is the interval of every change their values allow."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhaodong_data.change import change_between, reading_interval
from zhaodong_data.ledgers.plausibility import APPROX_TOLERANCE


def _one(low, high, qualifier):
    return pd.DataFrame({"low": [low], "high": [high], "qualifier": [qualifier]})


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ((100_000, 100_000, "exact"), (150_000, 150_000, "exact"), (50_000, 50_000, "exact", 0.5, 0.5)),
        # 30余万 (30万 to 40万) to 50万: a rise of 10万 to 20万, 25% to 67%
        ((300_000, 400_000, "at_least"), (500_000, 500_000, "exact"), (100_000, 200_000, "range", 0.25, 2 / 3)),
        # at least 40万 (no top) to 50万: at most +10万, and any fall down to -100%
        ((400_000, None, "at_least"), (500_000, 500_000, "exact"), (None, 100_000, "at_most", -1.0, 0.25)),
        # from nothing: a change, but no percentage
        ((0, 0, "exact"), (20_000, 20_000, "exact"), (20_000, 20_000, "exact", None, None)),
        ((None, None, "missing"), (20_000, 20_000, "exact"), (None, None, None, None, None)),
    ],
)
def test_changes_as_built(before, after, expected):
    found = change_between(_one(*before), _one(*after)).iloc[0]
    low, high, qualifier, pct_low, pct_high = expected
    for column, value in (
        ("change_low", low),
        ("change_high", high),
        ("change_pct_low", pct_low),
        ("change_pct_high", pct_high),
    ):
        if value is None:
            assert np.isnan(found[column]), column
        else:
            assert found[column] == pytest.approx(value), column
    assert found["change_qualifier"] == qualifier


def test_an_approximate_reading_is_widened_as_the_bands_widen_it():
    bottom, top = reading_interval([100_000.0], [100_000.0], ["approx"])
    assert (bottom[0], top[0]) == pytest.approx((100_000 * (1 - APPROX_TOLERANCE), 100_000 * (1 + APPROX_TOLERANCE)))


readings = st.tuples(
    st.floats(1_000, 1e7), st.floats(0, 1e6), st.sampled_from(["exact", "range", "at_least", "at_most", "approx"])
)


@given(readings, readings, st.floats(0, 1), st.floats(0, 1))
def test_every_change_the_readings_allow_lies_in_the_interval_and_its_ends_are_reached(b, a, u, v):
    def reading(start, width, qualifier):
        high = None if qualifier == "at_least" else start + (width if qualifier == "range" else 0.0)
        low = None if qualifier == "at_most" else start
        return _one(low, high, qualifier)

    before, after = reading(*b), reading(*a)
    found = change_between(before, after).iloc[0]
    (b_low,), (b_high,) = reading_interval(before["low"], before["high"], before["qualifier"])
    (a_low,), (a_high,) = reading_interval(after["low"], after["high"], after["qualifier"])
    # a pair of values the readings allow (open sides capped far out), and its change
    value_before = b_low + u * (min(b_high, b_low + 1e8) - b_low) if np.isfinite(b_low) else b_high - u * 1e8
    value_after = a_low + v * (min(a_high, a_low + 1e8) - a_low) if np.isfinite(a_low) else a_high - v * 1e8
    change = value_after - value_before
    low = -np.inf if np.isnan(found["change_low"]) else found["change_low"]
    high = np.inf if np.isnan(found["change_high"]) else found["change_high"]
    assert low - 1e-6 <= change <= high + 1e-6
    if np.isfinite(low):
        assert low == pytest.approx(a_low - b_high)  # reached: the lowest after, the highest before
    if np.isfinite(high):
        assert high == pytest.approx(a_high - b_low)
