"""The body of a real Compare update, as the browser posts it to `/_dash-update-component`."""

from dashboard.pages.compare import COMPARE_OUTPUTS


def compare_update(year: int) -> dict:
    """Every village of `year`'s collective income, red-flag villages against the others."""
    control = lambda key: {"key": key, "page": "compare", "type": "ctl"}  # noqa: E731
    values = {
        "outcome": "collective_income",
        "aspect": "any",
        "towns": [],
        "year": year,
        "log": [],
        "comparison": "others",
        "base": None,  # the year before
    }
    return {
        "output": ".." + "...".join(f"{i}.{p}" for i, p in COMPARE_OUTPUTS) + "..",
        "outputs": [{"id": i, "property": p} for i, p in COMPARE_OUTPUTS],
        "inputs": [{"id": control(k), "property": "value", "value": v} for k, v in values.items()],
        "state": [
            {"id": "lang", "property": "data", "value": "zh"},
            {"id": "selection", "property": "data", "value": None},
        ],
        "changedPropIds": ['{"key":"outcome","page":"compare","type":"ctl"}.value'],
    }
