"""Spillovers within towns: do unflagged villages gain (or lose) when their town's neighbours are
flagged? The comparison villages share towns and joint committees with the flagged ones, so a
spillover would bias the award effect toward zero (a gain) or away from it (a loss).

Unflagged villages are split by their town's flagged share (the share of the town's villages in
the panel that are ever flagged): `exposed` if it is above the median among unflagged villages,
the rest the comparison. One TWFE regression gives the direct effect (flagged village-years from
the village's own award year) and the spillover effect (exposed village-years from the town's
first award), each against the low-share unflagged villages, with village-clustered errors.
With awards in several years, read both with TWFE's cohort caveat (`cohorts.py`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .clusters import town_of
from .did import twfe_terms
from .reasons import Reason


def spillover_panel(panel: pd.DataFrame, unit: str = "village_code", time: str = "year") -> pd.DataFrame | None:
    """The award panel with `town`, `flagged_share`, `exposed`, `direct_post` and `spill_post`;
    None when the towns are not known."""
    towns = town_of(panel, unit)
    if towns is None:
        return None
    data = panel.assign(town=towns.to_numpy())
    villages = data.drop_duplicates(unit)[[unit, "town", "award_year"]]
    villages = villages.assign(flagged=villages["award_year"].notna())
    share = villages.groupby("town")["flagged"].mean()
    first_award = villages.groupby("town")["award_year"].min()
    unflagged = villages[~villages["flagged"]]
    median = float(unflagged["town"].map(share).median()) if len(unflagged) else np.nan
    data["flagged_share"] = data["town"].map(share)
    data["exposed"] = data["award_year"].isna() & (data["flagged_share"] > median)
    town_award = data["town"].map(first_award)
    data["direct_post"] = (data["award_year"].notna() & (data[time] >= data["award_year"])).astype(float)
    data["spill_post"] = (data["exposed"] & (data[time] >= town_award)).astype(float)
    return data


def spillover_effects(panel: pd.DataFrame, unit: str = "village_code", time: str = "year") -> dict:
    """{"terms": direct and spillover rows (estimate, se, CI, p), "exposed_villages",
    "comparison_villages", "median_share", "reason"}."""
    data = spillover_panel(panel, unit, time)
    if data is None:
        return {"terms": pd.DataFrame(), "reason": Reason("towns_unknown")}
    villages = data.drop_duplicates(unit)
    exposed = int(villages["exposed"].sum())
    comparison = int((villages["award_year"].isna() & ~villages["exposed"]).sum())
    counts = {"exposed_villages": exposed, "comparison_villages": comparison}
    if not exposed or not comparison:
        return {
            "terms": pd.DataFrame(),
            **counts,
            "reason": Reason("one_sided_share"),
        }
    terms = twfe_terms(data, ["direct_post", "spill_post"], unit=unit, time=time)
    table = terms.table.assign(term=terms.table["term"].map({"direct_post": "direct", "spill_post": "spillover"}))
    return {"terms": table, **counts, "reason": terms.reason}
