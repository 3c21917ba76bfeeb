"""Estimators used by the dashboard and the notebooks; pure functions of data frames."""

from .compare import CAVEAT, Comparison, compare_groups
from .panel import PanelEstimate, award_panel, flagged_codes, twfe

__all__ = ["CAVEAT", "Comparison", "PanelEstimate", "award_panel", "compare_groups", "flagged_codes", "twfe"]
