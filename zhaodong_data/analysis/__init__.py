"""Estimators used by the dashboard and the notebooks; pure functions of data frames."""

from .compare import CAVEAT, Comparison, compare_groups
from .did import CONVENTION, Estimate, event_study, twfe, wild_cluster_bootstrap
from .panel import award_panel, award_years, flagged_codes

__all__ = [
    "CAVEAT",
    "CONVENTION",
    "Comparison",
    "Estimate",
    "award_panel",
    "award_years",
    "compare_groups",
    "event_study",
    "flagged_codes",
    "twfe",
    "wild_cluster_bootstrap",
]
