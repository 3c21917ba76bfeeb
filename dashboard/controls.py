"""The controls every page shares (outcome, aspect, year) and the choices a page falls back to."""

from __future__ import annotations

from zhaodong_data.bands import INCOME_METRICS
from zhaodong_data.study import DashboardData, metric_name, outcome_choices, text, years_for
from zhaodong_data.vocabulary import ASPECT_CHOICES

from .components import control_id, dropdown, labelled
from .state import ViewState

ASPECT_KEYS = ASPECT_CHOICES


def chosen_outcome(data: DashboardData, state: ViewState) -> str:
    choices = outcome_choices(data)
    return state.outcome if state.outcome in choices else choices[0]


def chosen_year(data: DashboardData, state: ViewState, outcome: str):
    years = years_for(data, outcome)
    return state.year if state.year in years else (years[-1] if years else None)


def outcome_dropdown(page: str, data: DashboardData, outcome: str, lang: str):
    options = [{"label": metric_name(m, lang), "value": m} for m in outcome_choices(data)]
    return labelled(
        text("outcome", lang),
        dropdown(
            lang, id=control_id(page, "outcome"), options=options, value=outcome, clearable=False, searchable=False
        ),
    )


def aspect_dropdown(page: str, state: ViewState, lang: str):
    options = [{"label": text("any_flag" if a == "any" else a, lang), "value": a} for a in ASPECT_KEYS]
    return labelled(
        text("aspect", lang),
        dropdown(
            lang, id=control_id(page, "aspect"), options=options, value=state.aspect, clearable=False, searchable=False
        ),
    )


def year_dropdown(page: str, data: DashboardData, outcome: str, year, lang: str):
    return labelled(
        text("year", lang),
        dropdown(
            lang,
            id=control_id(page, "year"),
            options=[{"label": str(y), "value": y} for y in years_for(data, outcome)],
            value=year,
            clearable=False,
            searchable=False,
        ),
    )


def bands_metric(data: DashboardData, outcome: str) -> str | None:
    """The income the bands count: the chosen outcome if it is an income the bands count, else the
    first of those the data hold (None: none)."""
    present = [m for m in INCOME_METRICS if years_for(data, m)]
    if not present:
        return None
    return outcome if outcome in present else present[0]
