"""Award cohorts (villages awarded in the same year) and the weights TWFE gives them.

TWFE's coefficient is a weighted mean of the treated village-years' own effects:
beta = sum of w_it · tau_it, w_it = d~_it / sum of d~ over treated rows, d~ the treatment with
both effects removed (de Chaisemartin and D'Haultfœuille 2020). With one award year the weights
are nearly even; with several, later years since award and later cohorts get less weight (some
negative), so when effects differ by cohort or grow with time the estimate is biased. The
weights are shown so a reader can see it, and a warning says so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def cohorts_of(panel: pd.DataFrame, award_year: str = "award_year") -> list[int]:
    """The award years present, sorted."""
    years = panel[award_year].dropna().unique().tolist() if award_year in panel else []
    return sorted(int(year) for year in years)


def twfe_weights(panel: pd.DataFrame, x_tilde: np.ndarray, time: str = "year", award_year: str = "award_year"):
    """TWFE's weight on each (cohort, years since award) cell of treated village-years, summing
    to 1: DataFrame award_year, years_since_award, rows, weight."""
    award = panel[award_year].to_numpy(dtype=float)
    year = panel[time].to_numpy(dtype=float)
    treated = np.isfinite(award) & (year >= award)
    total = float(x_tilde[treated].sum())
    cells = pd.DataFrame(
        {
            "award_year": award[treated].astype(int),
            "years_since_award": (year - award)[treated].astype(int),
            "weight": x_tilde[treated] / total if total else np.nan,
        }
    )
    grouped = cells.groupby(["award_year", "years_since_award"])["weight"]
    return pd.DataFrame({"rows": grouped.size(), "weight": grouped.sum()}).reset_index()


def cohort_weights(
    panel: pd.DataFrame, unit: str = "village_code", time: str = "year", award_year: str = "award_year"
) -> pd.DataFrame:
    """`twfe_weights` of a panel's treatment (treated from each village's own award year), with
    both effects removed here; rows with no outcome `y` left out as TWFE leaves them."""
    from .within import codes_of, demean

    data = panel[np.isfinite(panel["y"].to_numpy(dtype=float))] if "y" in panel else panel
    award = data[award_year].to_numpy(dtype=float)
    treated = (np.isfinite(award) & (data[time].to_numpy(dtype=float) >= award)).astype(float)
    units, _ = codes_of(data[unit])
    times, _ = codes_of(data[time])
    return twfe_weights(data, demean(treated[:, None], units, times)[:, 0], time, award_year)


def cohort_warnings(panel: pd.DataFrame, x_tilde: np.ndarray, time: str, award_year: str) -> tuple[str, ...]:
    """A warning when awards come in several years: TWFE weighs the cohorts unevenly."""
    cohorts = cohorts_of(panel, award_year)
    if len(cohorts) < 2:
        return ()
    weights = twfe_weights(panel, x_tilde, time, award_year)
    by_cohort = weights.groupby("award_year")["weight"].sum()
    shares = ", ".join(f"{year}: {share:.0%}" for year, share in by_cohort.items())
    negative = float(-weights.loc[weights["weight"] < 0, "weight"].sum())
    return (
        f"awards in {len(cohorts)} years ({', '.join(map(str, cohorts))}): TWFE weighs the cohorts {shares}"
        + (f", with negative weights summing to {negative:.0%}" if negative > 0 else "")
        + "; it is biased if the effect differs by cohort or grows with time since award. "
        "The award effect (imputation estimator) is robust to that.",
    )
