"""The body of a real Compare update, as the browser posts it to `/_dash-update-component`."""

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


STATE = [{"id": "lang", "property": "data", "value": "zh"}, {"id": "selection", "property": "data", "value": None}]


def compare_update(year: int) -> dict:
    """Every village of `year`'s collective income, red-flag villages against the others."""
    return {
        "output": ".." + "...".join(f"{i}.{p}" for i, p in COMPARE_OUTPUTS) + "..",
        "outputs": [{"id": i, "property": p} for i, p in COMPARE_OUTPUTS],
        "inputs": [{"id": _control(k), "property": "value", "value": v} for k, v in _values(year).items()],
        "state": STATE,
        "changedPropIds": ['{"key":"outcome","page":"compare","type":"ctl"}.value'],
    }


def rows_request(year: int, start: int, end: int, sort_model: list | None = None) -> dict:
    """A paged Compare table asking for its rows `start` to `end` (AG Grid's getRowsRequest)."""
    request = {"startRow": start, "endRow": end, "sortModel": sort_model or [], "filterModel": {}}
    return {
        "output": "compare-table.getRowsResponse",
        "outputs": {"id": "compare-table", "property": "getRowsResponse"},
        "inputs": [{"id": "compare-table", "property": "getRowsRequest", "value": request}],
        "state": [{"id": _control(k), "property": "value", "value": v} for k, v in _values(year).items()] + STATE,
        "changedPropIds": ["compare-table.getRowsRequest"],
    }
