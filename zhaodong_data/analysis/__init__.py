"""Estimators used by the dashboard and the notebooks; pure functions of data frames."""

from .compare import CAVEAT, Comparison, compare_groups

__all__ = ["CAVEAT", "Comparison", "compare_groups"]
