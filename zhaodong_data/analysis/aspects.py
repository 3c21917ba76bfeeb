"""Do the five aspects differ in effect, and does holding more of them do more?

One TWFE regression with a post-award indicator per aspect (a village holding two aspects' flags
enters both from each award year), against never-flagged villages, with village-clustered errors
and the Wald test that every aspect's effect is equal (the heterogeneity table of `inference.py`
gives each aspect's own estimate and q-value; this tests the difference). The dose is the number
of aspects a village holds in a year; its coefficient is the effect of one more aspect, estimable
only when some villages hold more than one.
"""

from __future__ import annotations

import pandas as pd

from ..vocabulary import ASPECTS
from .did import twfe_terms, wald_equal
from .panel import award_panel
from .reasons import Reason


def aspect_panel(outcomes: pd.DataFrame, red_flags: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Flagged and never-flagged village-years of `metric` (log), with `post_<aspect>` per aspect
    and `dose` (aspects held that year)."""
    panel = award_panel(outcomes, red_flags, metric)
    placed = red_flags[red_flags["village_code"].notna()]
    first = placed.groupby(["village_code", "aspect"])["year"].min()
    for aspect in ASPECTS:
        years = (
            first.xs(aspect, level="aspect")
            if aspect in first.index.get_level_values("aspect")
            else pd.Series(dtype=float)
        )
        award = panel["village_code"].map(years)
        panel[f"post_{aspect}"] = (panel["year"] >= award).astype(float)  # NaN compares False
    panel["dose"] = panel[[f"post_{aspect}" for aspect in ASPECTS]].sum(axis=1)
    return panel


def aspect_effects(outcomes: pd.DataFrame, red_flags: pd.DataFrame, metric: str) -> dict:
    """{"terms": one row per aspect present, "equal": the Wald F test that they are all equal,
    "dose": the dose row or None, "dose_reason", "reason"}."""
    panel = aspect_panel(outcomes, red_flags, metric)
    present = [a for a in ASPECTS if panel[f"post_{a}"].sum() > 0]
    if not present:
        return {
            "terms": pd.DataFrame(),
            "equal": None,
            "dose": None,
            "dose_reason": None,
            "reason": Reason("no_flagged"),
        }
    terms = twfe_terms(panel, [f"post_{a}" for a in present])
    if terms.reason:
        return {"terms": pd.DataFrame(), "equal": None, "dose": None, "dose_reason": None, "reason": terms.reason}
    table = terms.table.assign(term=present)
    equal = wald_equal(terms, [f"post_{a}" for a in present])
    dose, dose_reason = None, None
    if panel["dose"].max() <= 1:
        dose_reason = "every flagged village holds one aspect: the dose does not vary"
    else:
        dose_terms = twfe_terms(panel, ["dose"])
        dose, dose_reason = (
            (dose_terms.table.iloc[0].to_dict(), None) if dose_terms.reason is None else (None, dose_terms.reason)
        )
    return {"terms": table, "equal": equal, "dose": dose, "dose_reason": dose_reason, "reason": None}
