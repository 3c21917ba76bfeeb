"""City report (`/report`): the town report of `town.py` for the whole city — every village
ranked, red-flag villages against the others, the bands with their villages, the notes."""

from __future__ import annotations

from dataclasses import replace

from zhaodong_data.study import DashboardData

from ..state import ViewState
from . import town

NAME = "report"
PATH = "/report"
DRAWS_AS = "town"  # its components are the town report's: the validation layout holds them once


def layout(data: DashboardData, state: ViewState, lang: str, allow_ingest: bool = False):
    """The town report with no town chosen: the city."""
    return town.layout(data, replace(state, towns=()), lang, allow_ingest)


def register(w) -> None:
    """Nothing of its own: its controls are the town report's (choosing a town there makes it one)."""
