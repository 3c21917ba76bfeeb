"""What a careful reader asks of the award effect: placebo award years, randomisation inference,
q-values across many tests, heterogeneity by aspect against never-flagged villages, selection
diagnostics, and whether the conclusion holds at the bounds of loosely reported values.
Every result is a tidy table (one row per estimate or test)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

from ..vocabulary import ASPECTS, default_comparison
from .award_effect import award_effect
from .clusters import town_of
from .did import MIN_PERIODS, twfe
from .panel import award_panel
from .reasons import Reason
from .within import codes_of as _codes
from .within import demean


def estimates_table(estimates, **labels) -> pd.DataFrame:
    """Estimates as rows (estimate, se, CI, p, n, clusters, method, convention, reason) with the
    given label columns first."""
    rows = [
        {**labels, **e.as_dict()} if not isinstance(e, tuple) else {**labels, **e[0], **e[1].as_dict()}
        for e in estimates
    ]
    return pd.DataFrame(rows)


def why_no_award(panel: pd.DataFrame) -> str | None:
    """Why a panel holds no award to study (no flagged or no comparison village), or None."""
    if panel.empty:
        return Reason("no_observations")
    treated = panel["treated"].astype(bool)
    if not treated.any() or treated.all():
        return Reason("no_comparison")
    return None


def placebo_years(panel: pd.DataFrame) -> pd.DataFrame:
    """TWFE on pre-award years only, pretending the award came in each year that leaves
    MIN_PERIODS years on both sides: an effect found there is not the award's. Without such a
    year, one row that says why."""
    columns = ["placebo_year", "estimate", "std_error", "p_value", "reason"]
    reason = why_no_award(panel)
    if reason:
        return pd.DataFrame([{"placebo_year": None, "reason": reason}], columns=columns)
    first = int(panel.loc[panel["treated"].astype(bool), "award_year"].min())
    before = panel[panel["year"] < first].copy()
    years = sorted(before["year"].unique())
    if len(years) < 2 * MIN_PERIODS:
        reason = f"{len(years)} pre-award year(s): a placebo year needs {MIN_PERIODS} on each side of it"
        return pd.DataFrame([{"placebo_year": None, "reason": reason}], columns=columns)
    rows = []
    for fake in years[MIN_PERIODS : len(years) - MIN_PERIODS + 1]:
        trial = before.assign(
            post=before["year"] >= fake, treated_post=(before["treated"] & (before["year"] >= fake)).astype(float)
        )
        rows.append(({"placebo_year": int(fake)}, twfe(trial)))
    return estimates_table(rows)


def randomization_inference(panel: pd.DataFrame, draws: int = 999, within: str | None = "town", seed: int = 0) -> dict:
    """The TWFE coefficient against its distribution when the award years are permuted across
    villages (within the groups of column `within`: by default the town, as the joint committees
    and awards are town-based, from `town_code` or the NBS village code; None: county-wide),
    each village keeping
    its own years: every cohort (award year) keeps its size, in each group, as awards were made.
    Returns {estimate, p_value (two-sided, the share at least as extreme, counting the observed
    assignment), draws, p_floor (the smallest p the draws can give: 1/(draws+1)), within, reason}."""
    data = panel.dropna(subset=["y"]).reset_index(drop=True)
    reason = why_no_award(data)
    if reason:
        return {
            "estimate": None,
            "p_value": None,
            "draws": 0,
            "p_floor": None,
            "within": within or "county",
            "reason": reason,
        }
    units, n_units = _codes(data["village_code"].to_numpy())
    times, _ = _codes(data["year"].to_numpy())
    y_tilde = demean(data[["y"]].to_numpy(float), units, times)[:, 0]
    villages = data.drop_duplicates("village_code").set_index("village_code")
    codes_order = pd.factorize(data["village_code"], sort=True)[1]
    villages = villages.loc[codes_order]
    status = villages["award_year"].to_numpy(dtype=float)  # NaN: never flagged
    if within == "town" and "town" not in villages:
        towns = town_of(villages.reset_index(), "village_code")
        groups = towns.to_numpy() if towns is not None else np.zeros(len(villages))
        within = within if towns is not None else "county (the towns are not known)"
    else:
        groups = villages[within].to_numpy() if within else np.zeros(len(villages))

    def coefficient(award: np.ndarray) -> float:
        treated_post = (data["year"].to_numpy() >= award[units]).astype(float)  # NaN compares False
        x = demean(treated_post[:, None], units, times)[:, 0]
        denominator = float(x @ x)
        return float(x @ y_tilde / denominator) if denominator > 1e-12 else np.nan

    observed = coefficient(status)
    rng = np.random.default_rng(seed)
    permuted = np.empty(draws)
    for d in range(draws):
        permuted[d] = coefficient(permute_within(status, groups, rng))
    permuted = permuted[np.isfinite(permuted)]
    p_value = (1 + np.sum(np.abs(permuted) >= abs(observed))) / (1 + len(permuted))
    return {
        "estimate": observed,
        "p_value": float(p_value),
        "draws": len(permuted),
        "p_floor": 1 / (1 + len(permuted)),
        "within": within or "county",
        "reason": None,
    }


def permute_within(status: np.ndarray, groups: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The villages' award years (NaN: never) shuffled among the villages of each group: every
    group keeps its number of villages awarded in each year."""
    shuffled = status.copy()
    for group in np.unique(groups):
        members = np.flatnonzero(groups == group)
        shuffled[members] = status[rng.permutation(members)]
    return shuffled


def bh_qvalues(p_values) -> np.ndarray:
    """Benjamini-Hochberg q-values (the false discovery rate at which each test is rejected)."""
    p = np.asarray(p_values, dtype=float)
    order = np.argsort(p)
    ranked = p[order] * len(p) / np.arange(1, len(p) + 1)
    q = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty_like(q)
    out[order] = np.minimum(q, 1.0)
    return out


def by_aspect(outcomes: pd.DataFrame, red_flags: pd.DataFrame, metrics) -> pd.DataFrame:
    """TWFE per outcome × aspect, each aspect's villages against never-flagged villages (not
    against villages holding another aspect's flag), with BH q-values across all rows."""
    rows = []
    for metric in metrics:
        for aspect in ("any",) + ASPECTS:
            panel = award_panel(outcomes, red_flags, metric, aspect=aspect, comparison=default_comparison(aspect))
            rows.append(({"outcome": metric, "aspect": aspect}, award_effect(panel)))
    table = estimates_table(rows)
    tested = table["p_value"].notna()
    table["q_value"] = np.nan
    table.loc[tested, "q_value"] = bh_qvalues(table.loc[tested, "p_value"])
    return table


def selection_diagnostics(panel: pd.DataFrame) -> dict:
    """Were the flagged villages different before the award? Pre-award balance in levels (mean
    log outcome) and growth (slope per year), flagged against never-flagged, with Welch tests;
    and a logit of the award on both. `reason` says why there are none."""
    empty: dict[str, Any] = {"balance": pd.DataFrame(), "logit": None, "pre_years": []}
    reason = why_no_award(panel)
    if reason:
        return {**empty, "reason": reason}
    first = int(panel.loc[panel["treated"].astype(bool), "award_year"].min())
    before = panel[panel["year"] < first]
    if before.empty:
        return {**empty, "reason": Reason("no_year_before_award", first=first)}

    def per_village(group: pd.DataFrame) -> pd.Series:
        slope = np.polyfit(group["year"], group["y"], 1)[0] if group["year"].nunique() >= 2 else np.nan
        return pd.Series({"level": group["y"].mean(), "growth": slope, "treated": bool(group["treated"].iloc[0])})

    villages = before.groupby("village_code")[["year", "y", "treated"]].apply(per_village)
    rows = []
    for measure in ("level", "growth"):
        flagged = villages.loc[villages["treated"].astype(bool), measure].dropna()
        others = villages.loc[~villages["treated"].astype(bool), measure].dropna()
        test = stats.ttest_ind(flagged, others, equal_var=False) if len(flagged) > 1 and len(others) > 1 else None
        rows.append(
            {
                "measure": measure,
                "mean_flagged": flagged.mean(),
                "mean_others": others.mean(),
                "difference": flagged.mean() - others.mean(),
                "n_flagged": len(flagged),
                "n_others": len(others),
                "p_value": float(test.pvalue) if test else np.nan,
            }
        )
    logit_table = None
    usable = villages.dropna()
    if usable["treated"].nunique() == 2 and len(usable) > 10:
        design = sm.add_constant(usable[["level", "growth"]].astype(float))
        try:
            fit = sm.Logit(usable["treated"].astype(float), design).fit(disp=False)
            logit_table = pd.DataFrame({"coefficient": fit.params, "std_error": fit.bse, "p_value": fit.pvalues})
        except (np.linalg.LinAlgError, sm.tools.sm_exceptions.PerfectSeparationError):
            logit_table = None
    return {
        "balance": pd.DataFrame(rows),
        "logit": logit_table,
        "pre_years": sorted(before["year"].unique()),
        "reason": None,
    }


def at_the_bounds(outcomes: pd.DataFrame, red_flags: pd.DataFrame, metric: str, aspect: str = "any") -> pd.DataFrame:
    """TWFE on the point values, and again on every value's low and on its high (a 30余万 read
    as 30万 and as 40万): the conclusion is robust if the three agree in sign and significance."""
    rows = []
    for reading in ("value", "low", "high"):
        data = outcomes.copy()
        if reading != "value":
            other = "high" if reading == "low" else "low"
            data["value"] = data[reading].fillna(data[other]).fillna(data["value"])
        rows.append(({"reading": reading}, award_effect(award_panel(data, red_flags, metric, aspect=aspect))))
    table = estimates_table(rows)
    table["estimate"] = pd.to_numeric(table["estimate"])
    table["p_value"] = pd.to_numeric(table["p_value"])
    if table["estimate"].isna().any():  # no estimate at one reading: nothing to compare
        table["same_conclusion"] = None
        return table
    significant = table["p_value"] < 0.05
    table["same_conclusion"] = (np.sign(table["estimate"]) == np.sign(table["estimate"].iloc[0])) & (
        significant == significant.iloc[0]
    )
    return table
