"""Estimators used by the dashboard and the notebooks; pure functions of data frames."""

from .award_effect import award_effect, award_event_study
from .compare import CAVEAT, Comparison, compare_groups
from .did import CONVENTION, Estimate, event_study, twfe
from .panel import award_panel, award_years, flagged_codes
from .wild_bootstrap import wild_cluster_bootstrap

__all__ = [
    "CAVEAT",
    "CONVENTION",
    "Comparison",
    "Estimate",
    "award_effect",
    "award_event_study",
    "award_panel",
    "award_years",
    "compare_groups",
    "event_study",
    "flagged_codes",
    "twfe",
    "wild_cluster_bootstrap",
]
