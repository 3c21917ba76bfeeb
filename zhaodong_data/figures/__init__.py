"""Queries and figure builders used by the dashboard and the notebooks (pure functions of data frames)."""

from .charts import (
    aspects_figure, bands_figure, compare_figure, title_of, event_study_figure, towns_figure, trends_figure, village_figure, with_footnote,
)
from .formatting import format_amount, format_reading, format_time, publisher_name
from .queries import (
    DashboardData, comparison_frame, find_villages, flag_counts, load_dashboard_data, outcome_choices,
    program_figures, synthetic_share, town_summary, city_summary, village_benchmarks,
    village_choices, income_band_table, trend_frame, village_profile, years_for, award_years_of,
)
from .state import Choices, ViewState, encode_state, parse_state
from .strings import STRINGS, metric_name, text

__all__ = [
    "Choices", "DashboardData", "STRINGS", "ViewState", "aspects_figure", "compare_figure", "comparison_frame",
    "encode_state", "find_villages", "flag_counts", "format_amount", "format_reading", "load_dashboard_data",
    "metric_name", "outcome_choices", "parse_state", "program_figures", "synthetic_share", "text",
    "town_summary", "towns_figure", "village_figure", "village_profile", "years_for", "trend_frame", "trends_figure",
    "event_study_figure", "award_years_of", "with_footnote", "city_summary", "publisher_name", "village_benchmarks", "village_choices", "income_band_table", "bands_figure", "format_time", "title_of",
]
