"""Red-flag villages against the others on one outcome: group summaries and the
difference in means with its 95% confidence interval (Welch).

The awards were not random (stronger villages were likelier to be chosen), so this
difference describes selection as much as any effect of the flag; callers must say so.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

from ..i18n.strings import text

# What a comparison of flagged villages with the others cannot say, in both languages (the
# catalog's compare_caveat; as a dict for readers of the comparison outside a page)
CAVEAT = {lang: text("compare_caveat", lang) for lang in ("zh", "en")}


@dataclass(frozen=True)
class Comparison:
    n_flagged: int
    n_other: int
    mean_flagged: float
    mean_other: float
    median_flagged: float
    median_other: float
    difference: float  # mean of flagged minus mean of the others
    ci_low: float
    ci_high: float
    n_missing: int  # villages in the selection without a value
    n_not_exact: int  # values that are bounds, ranges or approximations (read at their point value)
    ci_refused: str | None = None  # why there is no CI: "too_few" (a group under MIN_GROUP villages)

    def as_dict(self) -> dict:
        return asdict(self)


MIN_GROUP = 5  # below this many villages on a side, no confidence interval is shown


def compare_groups(
    frame: pd.DataFrame, value: str = "value", flagged: str = "flagged", qualifier: str | None = "qualifier"
) -> Comparison:
    """One row per village: a point `value` (NaN when missing) and a boolean `flagged`."""
    present = frame[frame[value].notna()]
    a = present.loc[present[flagged], value].to_numpy(dtype=float)
    b = present.loc[~present[flagged], value].to_numpy(dtype=float)
    nan = float("nan")
    refused = None
    if len(a) < MIN_GROUP or len(b) < MIN_GROUP:
        low = high = nan
        refused = "too_few"  # 2 villages against 2 is not a finding
    elif a.var() > 0 or b.var() > 0:
        low, high = CompareMeans(DescrStatsW(a), DescrStatsW(b)).tconfint_diff(alpha=0.05, usevar="unequal")
    else:
        low = high = nan
    not_exact = int((present[qualifier] != "exact").sum()) if qualifier and qualifier in present else 0
    return Comparison(
        n_flagged=len(a),
        n_other=len(b),
        mean_flagged=float(a.mean()) if len(a) else nan,
        mean_other=float(b.mean()) if len(b) else nan,
        median_flagged=float(np.median(a)) if len(a) else nan,
        median_other=float(np.median(b)) if len(b) else nan,
        difference=float(a.mean() - b.mean()) if len(a) and len(b) else nan,
        ci_low=float(low),
        ci_high=float(high),
        n_missing=int(frame[value].isna().sum()),
        n_not_exact=not_exact,
        ci_refused=refused,
    )
