"""The body of a real Compare update, as the browser posts it to `/_dash-update-component`."""

from dashboard.callback_body import callback_body
from dashboard.pages.compare import COMPARE_OUTPUTS


def _control(key: str) -> dict:
    return {"key": key, "page": "compare", "type": "ctl"}


def _values(year: int) -> dict:
    return {
        "outcome": "collective_income",
        "aspect": "any",
        "towns": [],
        "year": year,
        "log": [],
        "comparison": "others",
        "base": None,  # the year before
    }


STATE = [("lang", "data", "zh"), ("selection", "data", None)]


def compare_update(year: int) -> dict:
    """Every village of `year`'s collective income, red-flag villages against the others."""
    inputs = [(_control(k), "value", v) for k, v in _values(year).items()]
    return callback_body(list(COMPARE_OUTPUTS), inputs, STATE)


def rows_request(year: int, start: int, end: int, sort_model: list | None = None) -> dict:
    """A paged Compare table asking for its rows `start` to `end` (AG Grid's getRowsRequest)."""
    request = {"startRow": start, "endRow": end, "sortModel": sort_model or [], "filterModel": {}}
    controls = [(_control(k), "value", v) for k, v in _values(year).items()]
    return callback_body(
        [("compare-table", "getRowsResponse")], [("compare-table", "getRowsRequest", request)], controls + STATE
    )
