"""What a callback receives, made into what the page could have sent, before the callback runs.

A browser sends what the page's controls hold; a crafted request can send anything (a list where
a string goes, "abc" for a year, an unknown language). Each callback's inputs and states are
normalised here by what they are (the language, the data selection, a click count, each kind of
control), so a crafted value is read as the control's empty or default value instead of failing
deep in a view with a 500. One wrapper for every callback: `GuardedApp(app).callback`.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from dash import Input, State

from zhaodong_data.store import SELECTIONS
from zhaodong_data.vocabulary import ASPECTS

LANGUAGES = ("zh", "en")


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def _year(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1900 <= value <= 2200 else None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) == 4:
        return int(value)
    return None


MAX_ITEMS, MAX_TEXT = 200, 64  # a multi-select holds a few dozen short codes (21 towns), never megabytes


def _texts(value) -> list[str]:
    if not isinstance(value, list):
        return []
    return [v for v in value[:MAX_ITEMS] if isinstance(v, str) and len(v) <= MAX_TEXT]


def _clicks(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


CONTROLS = {
    "year": _year,
    "base": _year,
    "outcome": _text,
    "aspect": lambda v: v if v in ("any", *ASPECTS) else "any",
    "comparison": _text,
    "village": _text,
    "town": _text,
    "towns": _texts,
    "log": _texts,
}
PROPERTIES = {
    ("lang", "data"): lambda v: v if v in LANGUAGES else "zh",
    ("selection", "data"): lambda v: v if v in SELECTIONS else None,
    ("url", "search"): lambda v: v if isinstance(v, str) else "",
    ("url", "pathname"): lambda v: v if isinstance(v, str) else "/",
}


def _kind(dependency) -> str:
    """ "selection", "outcome", "year" for the dependencies the data check needs, else ""."""
    component, prop = dependency.component_id, dependency.component_property
    if (component, prop) == ("selection", "data"):
        return "selection"
    if isinstance(component, str) and component.startswith("{"):
        component = json.loads(component)
    if isinstance(component, dict) and component.get("type") == "ctl" and prop == "value":
        return str(component.get("key")) if component.get("key") in ("outcome", "year") else ""
    return ""


def normaliser(dependency):
    """The function that makes a dependency's value one the page could send (identity if unknown)."""
    component, prop = dependency.component_id, dependency.component_property
    if isinstance(component, str) and (component, prop) in PROPERTIES:
        return PROPERTIES[(component, prop)]
    if prop == "n_clicks":
        return _clicks
    if isinstance(component, dict) and component.get("type") == "ctl" and prop == "value":
        return CONTROLS.get(str(component.get("key")), lambda v: v)
    if isinstance(component, str) and component.startswith("{"):  # a pattern id given as text
        return normaliser(type(dependency)(json.loads(component), prop))
    return lambda v: v


class GuardedApp:
    """The Dash app, with `callback` normalising every input and state (see the module). With a
    data source, an outcome the data do not hold becomes the page's default outcome, and a year
    the outcome has no values for becomes its latest, as the page draws them."""

    def __init__(self, app, source=None):
        self._app = app
        self._source = source

    def __getattr__(self, name: str) -> Any:
        return getattr(self._app, name)

    def callback(self, *dependencies, **options):
        flat = [d for group in dependencies for d in (group if isinstance(group, list) else [group])]
        normalisers = [normaliser(d) for d in flat if isinstance(d, (Input, State))]
        register = self._app.callback(*dependencies, **options)

        kinds = [_kind(d) for d in flat if isinstance(d, (Input, State))]

        def decorate(function):
            @functools.wraps(function)
            def guarded(*args):
                values = [n(a) for n, a in zip(normalisers, args, strict=False)]
                values = self._within_the_data(kinds, values)
                return function(*values, *args[len(normalisers) :])

            return register(guarded)

        return decorate

    def _within_the_data(self, kinds: list[str], values: list) -> list:
        """The outcome and year made ones the data hold (see the class)."""
        if self._source is None or "outcome" not in kinds:
            return values
        from zhaodong_data.study import outcome_choices, years_for

        selection = values[kinds.index("selection")] if "selection" in kinds else None
        data = self._source.get(selection)
        choices = outcome_choices(data)
        at = kinds.index("outcome")
        if values[at] not in choices and choices:
            values[at] = choices[0]
        if "year" in kinds and values[at] is not None:
            years = years_for(data, values[at])
            where = kinds.index("year")
            if values[where] not in years:
                values[where] = years[-1] if years else None
        return values
