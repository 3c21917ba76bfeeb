"""Plausibility rules for ledger values, with their thresholds in one place.

A value 10,000 times its neighbours is almost always a unit slip (元 typed in a 万元 column, or
万 twice). So a money value is compared with the median of its metric's values in the same file
and in the store's ledgers:

- more than SCALE_RATIO times the median: quarantined (`scale`), unless the user accepts outliers;
- less than 1/SCALE_RATIO of it: a warning only (near-zero incomes are real);
- beyond MAX_ABS_YUAN in absolute value: quarantined (`absurd`) always, whatever the user says.

The median is taken over non-zero absolute values, and only when there are at least
MIN_VALUES_FOR_SCALE of them (with two values one cannot tell which is off).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

# A metric that is a part of another (operating income is part of total collective income): in the
# same village and year the part cannot exceed the whole; a ledger saying so has one of them wrong
# (or its columns swapped), and both are quarantined (`part_above_whole`).
PART_OF = {"operating_income": "collective_income"}
SCALE_RATIO = 1_000
MAX_ABS_YUAN = 1e12
MIN_VALUES_FOR_SCALE = 3
# How a unit slip rescales a cell: 万 or 亿 missed or doubled, 千 for 万.
RESCALINGS = (1e4, 1e-4, 1e8, 1e-8, 1e3, 1e-3, 10.0, 0.1)


def reference_median(values) -> float | None:
    """Median of the non-zero absolute values, or None when too few to judge a scale."""
    array = np.abs(np.asarray([v for v in values if v is not None and math.isfinite(v)], dtype=float))
    array = array[array > 0]
    if len(array) < MIN_VALUES_FOR_SCALE:
        return None
    return float(np.median(array))


def scale_verdicts(values: np.ndarray, median: float | None) -> tuple[np.ndarray, np.ndarray]:
    """(too high: quarantine, too low: warn) for each value against the median; neither for a
    value that is none (NaN) or zero, or without a median."""
    values = np.asarray(values, dtype=float)
    if median is None:
        none = np.zeros(len(values), dtype=bool)
        return none, none.copy()
    with np.errstate(invalid="ignore"):
        ratio = np.abs(values) / median
        judged = ~np.isnan(values) & (values != 0)
        return judged & (ratio > SCALE_RATIO), judged & (ratio < 1 / SCALE_RATIO)


def absurd(values: np.ndarray) -> np.ndarray:
    """Which values are infinite, or beyond any village figure. NaN is an open bound (超过30万 has
    no upper one), not an absurd value."""
    values = np.asarray(values, dtype=float)
    with np.errstate(invalid="ignore"):
        return ~np.isnan(values) & (~np.isfinite(values) | (np.abs(values) > MAX_ABS_YUAN))


def explain_total(total: float, block_sum: float, cells: Sequence[tuple[Any, float]], tolerance: float):
    """Cells that would make a block's sum equal its stated total if read with another scale:
    [(cell key, value it would need)], at most three."""
    causes = []
    for key, value in cells:
        if value == 0:
            continue
        for factor in RESCALINGS:
            rescaled = value * factor
            if abs(block_sum - value + rescaled - total) <= tolerance:
                causes.append((key, rescaled))
                break
        if len(causes) == 3:
            break
    return causes


APPROX_TOLERANCE = 0.1  # 约30万 may be 33万: an approximate figure is given this much room either way


def reading_interval(low, high, qualifier=None) -> tuple[np.ndarray, np.ndarray]:
    """(bottom, top) of each reading: the amounts it may take, -inf / inf where it is open (an
    at-most reading has no bottom, an at-least one no top), an approximate one APPROX_TOLERANCE
    wider either way, NaN where there is no reading. One definition for the bands, the change
    between years and the totals check."""
    low = pd.to_numeric(pd.Series(low, dtype="float64"), errors="coerce").to_numpy(dtype=float)
    high = pd.to_numeric(pd.Series(high, dtype="float64"), errors="coerce").to_numpy(dtype=float)
    qualifier = np.asarray(qualifier if qualifier is not None else [""] * len(low), dtype=object)
    missing = np.isnan(low) & np.isnan(high)
    bottom = np.where(np.isnan(low), -np.inf, low)
    top = np.where(np.isnan(high), np.inf, high)
    approximate = qualifier == "approx"
    spread = np.abs(np.where(approximate, bottom, 0.0)) * APPROX_TOLERANCE
    bottom, top = bottom - spread, top + np.where(approximate, np.abs(top), 0.0) * APPROX_TOLERANCE
    bottom[missing], top[missing] = np.nan, np.nan
    return bottom, top


def parts_exceed_wholes(part_low: np.ndarray, whole_high: np.ndarray, approximate: np.ndarray) -> np.ndarray:
    """Where a part's smallest reading is above its whole's largest (with room for an approximate
    figure): they cannot both be right. An open bound (NaN) never exceeds."""
    part_low, whole_high = np.asarray(part_low, dtype=float), np.asarray(whole_high, dtype=float)
    with np.errstate(invalid="ignore", over="ignore"):
        roomy = part_low * (1 - APPROX_TOLERANCE) > whole_high * (1 + APPROX_TOLERANCE)
        return np.isfinite(part_low) & np.isfinite(whole_high) & np.where(approximate, roomy, part_low > whole_high)
