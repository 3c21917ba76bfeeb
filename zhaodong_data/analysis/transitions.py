"""Leaving the bottom bands: the share of villages that are 空壳村 (no operating income) or 薄弱村
(operating income under ¥5万: `income_bands.csv`'s first two bands) by year and flag status, the
share of last year's weak villages that left the band, and the award's effect on the indicator.

Villages are placed by their point value (`value`); a village-year without one is left out, not
counted as weak. The effect on the indicator is the award effect (`award_effect.py`) on a 0/1
outcome in levels: the change in the probability of being weak, in percentage points / 100.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..bands import WEAK, band_bounds
from .award_effect import award_effect, award_event_study
from .panel import award_panel

WEAK_BELOW = band_bounds(WEAK)[1]  # ¥50,000: the 薄弱村 line


def band_panel(outcomes: pd.DataFrame, red_flags: pd.DataFrame, metric: str = "operating_income") -> pd.DataFrame:
    """The award panel in levels with `shell` (no income), `weak` (under the line) as 0/1, and
    `y` = weak."""
    panel = award_panel(outcomes, red_flags, metric, log=False)
    panel = panel[panel["value"].notna()].copy()
    panel["shell"] = (panel["value"] <= 0).astype(float)
    panel["weak"] = (panel["value"] < WEAK_BELOW).astype(float)
    panel["y"] = panel["weak"]
    return panel


def band_shares(panel: pd.DataFrame) -> pd.DataFrame:
    """By year and group (flagged, never flagged): villages, the shares shell and weak, and the
    share of the group's villages weak the year before that are not weak now (`left_weak`)."""
    data = panel.sort_values(["village_code", "year"]).copy()
    data["group"] = np.where(data["treated"], "flagged", "never_flagged")
    previous = data.groupby("village_code")["weak"].shift()
    consecutive = data.groupby("village_code")["year"].diff() == 1
    data["was_weak"] = (previous == 1) & consecutive
    data["left"] = data["was_weak"] & (data["weak"] == 0)
    grouped = data.groupby(["year", "group"])
    table = grouped.agg(villages=("village_code", "nunique"), shell=("shell", "mean"), weak=("weak", "mean"))
    was_weak = grouped["was_weak"].sum()
    table["left_weak"] = (grouped["left"].sum() / was_weak).where(was_weak > 0)
    return table.reset_index()


def weak_band_effect(outcomes: pd.DataFrame, red_flags: pd.DataFrame, metric: str = "operating_income") -> dict:
    """{"shares": band_shares, "estimate": the award effect on being weak, "event": its event study}."""
    panel = band_panel(outcomes, red_flags, metric)
    return {
        "shares": band_shares(panel),
        "estimate": award_effect(panel),
        "event": award_event_study(panel, leads=3, lags=2),
    }
