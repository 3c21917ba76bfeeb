"""Villages leaving the bottom bands, year by year: of the villages that were 空壳村 or 薄弱村 (under
the 薄弱 line, `bands.WEAK`) the year before, how many are above the line this year — red-flag
villages against the others, as a planner reports progress.

A village counts only when both readings are certain about the line (`bands.below`): 约5万 or
30余万 across the line is `unknown`, never guessed; a missing year is `unknown` too.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..bands import WEAK, band_bounds, below
from .queries import DashboardData, comparison_frame, years_for

GROUPS = ("flagged", "others")
COLUMNS = ["year", "group", "weak_before", "left", "stayed", "unknown", "share_left", "left_codes"]


def _under_line(data: DashboardData, metric: str, year: int, towns) -> pd.DataFrame:
    frame = comparison_frame(data, metric, "any", towns, year).set_index("code")
    return frame.assign(under=below(frame["low"], frame["high"], frame["qualifier"], band_bounds(WEAK)[1]))


def band_exits(data: DashboardData, metric: str, towns=()) -> pd.DataFrame:
    """One row per year that has a year before it with values, and group (`flagged`: villages ever
    flagged; `others`): `weak_before` (certainly under the line the year before), of those `left`
    (certainly at or above it now), `stayed` (certainly still under), `unknown` (no certain reading
    now), `share_left` = left / weak_before (NaN without any), `left_codes` (the villages that left)."""
    years = years_for(data, metric)
    placed = {year: _under_line(data, metric, year, towns) for year in years}  # each year read once
    rows = []
    for year in years:
        if year - 1 not in placed:
            continue
        now = placed[year]
        before = placed[year - 1]["under"].reindex(now.index)
        for group in GROUPS:
            inside = now["flagged"] if group == "flagged" else ~now["flagged"]
            was_weak = inside & (before == 1.0)
            left = was_weak & (now["under"] == 0.0)
            stayed = was_weak & (now["under"] == 1.0)
            count = int(was_weak.sum())
            rows.append(
                {
                    "year": year,
                    "group": group,
                    "weak_before": count,
                    "left": int(left.sum()),
                    "stayed": int(stayed.sum()),
                    "unknown": count - int(left.sum()) - int(stayed.sum()),
                    "share_left": left.sum() / count if count else np.nan,
                    "left_codes": list(now.index[left]),
                }
            )
    return pd.DataFrame(rows, columns=COLUMNS)
