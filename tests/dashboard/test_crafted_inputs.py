"""A crafted request is answered, never with a 500: every server callback, each of its inputs and
states in turn given values no page sends (a list for a string, "abc" for a year, an unknown
language or village), the others left empty."""

import json

import pytest

from dashboard.app import create_app
from zhaodong_data.store import build_store

CRAFTED = ["abc", None, [], {}, ["x"], {"a": 1}, 1e308, -1, "", True, "1.5"]


def _requests(app):
    """(callback key, slot name, body) for each server callback, slot and crafted value."""
    for key, callback in app.callback_map.items():
        if "callback" not in callback:  # a clientside callback: the browser runs it
            continue
        dependencies = callback["inputs"] + callback.get("state", [])
        if any("ALL" in d["id"] for d in dependencies):  # pattern inputs take lists of values: a different shape
            continue
        outputs = [tuple(p.rsplit("@", 1)[0].split(".", 1)) for p in key.strip(".").split("...")]

        def ident(text):
            return json.loads(text) if text.startswith("{") else text

        for slot, dependency in enumerate(dependencies):
            for value in CRAFTED:
                values = [
                    {"id": ident(d["id"]), "property": d["property"], "value": value if i == slot else None}
                    for i, d in enumerate(dependencies)
                ]
                body = {
                    "output": key,
                    "outputs": [{"id": ident(i), "property": p} for i, p in outputs]
                    if key.startswith("..")
                    else {"id": ident(outputs[0][0]), "property": outputs[0][1]},
                    "inputs": values[: len(callback["inputs"])],
                    "state": values[len(callback["inputs"]) :],
                    "changedPropIds": [f"{dependencies[0]['id']}.{dependencies[0]['property']}"],
                }
                yield key, f"{dependency['id']}.{dependency['property']}={value!r}", body


@pytest.mark.slow
def test_no_crafted_callback_input_gives_a_500(tmp_path):
    app = create_app(build_store(tmp_path / "s.duckdb"), allow_ingest=True)
    client = app.server.test_client()
    failed = []
    for key, slot, body in _requests(app):
        answer = client.post("/_dash-update-component", json=body)
        if answer.status_code >= 500:
            failed.append(f"{key[:60]} {slot}")
    assert not failed, "\n".join(failed[:30])


def test_a_huge_multi_select_is_cut_to_what_a_page_can_hold():
    from dash import Input

    from dashboard.inputs import MAX_ITEMS, normaliser

    towns = normaliser(Input({"type": "ctl", "page": "compare", "key": "towns"}, "value"))
    assert towns(["231282100000"] * 100_000) == ["231282100000"] * MAX_ITEMS
    assert towns(["x" * 10_000, "231282100000", 5]) == ["231282100000"]
    year = normaliser(Input({"type": "ctl", "page": "towns", "key": "year"}, "value"))
    assert [year(v) for v in (2022, "2022", "abc", 2022.5, True, 99999)] == [2022, 2022, None, None, None, None]
