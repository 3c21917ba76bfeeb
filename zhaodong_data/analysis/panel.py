"""The village-year panel an award study needs: treated (flagged), each village's award year,
post and treated × post, the outcome in logs. The estimators are in `did.py`.

The award year is the flags' own `year` (several award waves work: a village is treated from
its own award year on). The comparison group is every other village, or the never-flagged
villages only (for one aspect, villages holding another aspect's flag are then left out).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..vocabulary import COMPARISONS


def flagged_codes(red_flags: pd.DataFrame, aspect: str = "any") -> set[str]:
    """Villages holding a flag (of one aspect, or any); awards that cannot be placed are left out."""
    placed = red_flags[red_flags["village_code"].notna()]
    if aspect != "any":
        placed = placed[placed["aspect"] == aspect]
    return set(placed["village_code"])


def award_years(red_flags: pd.DataFrame, aspect: str = "any") -> pd.Series:
    """Each flagged village's award year (its first flag of the aspect, or of any)."""
    placed = red_flags[red_flags["village_code"].notna()]
    if aspect != "any":
        placed = placed[placed["aspect"] == aspect]
    return placed.groupby("village_code")["year"].min().astype(int)


def award_panel(
    outcomes: pd.DataFrame,
    red_flags: pd.DataFrame,
    metric: str,
    award_year: int | None = None,
    aspect: str = "any",
    log: bool = True,
    comparison: str = "others",
) -> pd.DataFrame:
    """Village-year rows of one metric with `treated`, `award_year` (NaN if never flagged),
    `post` (from the first award year on), `treated_post` (from the village's own award year
    on) and `y` (the log of the point value when `log`: positive values only; how many were
    left out is in `attrs["not_positive_dropped"]`).
    `award_year`: one year for every flag, overriding the flags' own (None: the flags' years).
    `comparison`: `others` (every village not flagged with the aspect) or `never_flagged`."""
    panel = outcomes[outcomes["metric"] == metric][
        ["village_code", "year", "value", "qualifier", "is_synthetic"]
    ].copy()
    panel = panel.drop_duplicates(["village_code", "year"])
    years = award_years(red_flags, aspect)
    if award_year is not None:
        years = pd.Series(award_year, index=years.index, dtype=int)
    if comparison not in COMPARISONS:
        raise ValueError(f"comparison: one of {', '.join(COMPARISONS)}, not {comparison!r}")
    if comparison == "never_flagged":
        ever = set(red_flags.loc[red_flags["village_code"].notna(), "village_code"])
        panel = panel[panel["village_code"].isin(set(years.index)) | ~panel["village_code"].isin(ever)]
    panel["award_year"] = panel["village_code"].map(years)
    panel["treated"] = panel["award_year"].notna()
    first = int(years.min()) if len(years) else None
    panel["post"] = panel["year"] >= first if first is not None else False
    panel["treated_post"] = (panel["treated"] & (panel["year"] >= panel["award_year"])).astype(float)
    if log:
        # The log of zero is not defined: such village-years are left out, and counted where the
        # estimate can say so (`award_effect` warns with the count).
        positive = panel["value"] > 0
        dropped = int((~positive & panel["value"].notna()).sum())
        panel = panel[positive].copy()
        panel["y"] = np.log(panel["value"])
        panel.attrs["not_positive_dropped"] = dropped
    else:
        panel["y"] = panel["value"]
    return panel.reset_index(drop=True)
