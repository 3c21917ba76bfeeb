"""Every id a callback reads or writes exists in some page (the app's validation layout), so a
mistyped id fails here rather than silently never firing in a browser."""

import json

import pytest
from dash._utils import split_callback_id

from dashboard.app import create_app
from zhaodong_data.store import build_store


def _ids(component) -> list:
    """Every component id under `component`."""
    found, stack = [], [component]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(node)
            continue
        if getattr(node, "id", None) is not None:
            found.append(node.id)
        for name in ("children", *(getattr(node, "_prop_names", []) if hasattr(node, "_prop_names") else [])):
            value = getattr(node, name, None) if name == "children" else None
            if value is not None:
                stack.append(value)
    return found


def _present(wanted, ids: list) -> bool:
    if isinstance(wanted, str):
        return wanted in ids
    return any(
        isinstance(i, dict)
        and all(v in ("ALL", "MATCH", "ALLSMALLER") or isinstance(v, list) or i.get(k) == v for k, v in wanted.items())
        for i in ids
    )


def _missing_ids(app) -> set:
    ids = _ids(app.validation_layout)
    missing = set()
    for callback in app._callback_list:
        dependencies = [item["id"] for item in callback["inputs"] + callback["state"]]
        outputs = split_callback_id(callback["output"].split("@")[0])
        dependencies += [item["id"] for item in (outputs if isinstance(outputs, list) else [outputs])]
        for wanted in dependencies:
            key = json.loads(wanted) if isinstance(wanted, str) and wanted.startswith("{") else wanted
            if isinstance(key, dict):
                key = {k: (v if not isinstance(v, list) else "ALL") for k, v in key.items()}
            if not _present(key, ids):
                missing.add(json.dumps(key) if isinstance(key, dict) else key)
    return missing


@pytest.mark.parametrize("allow_ingest", [False, True])
def test_every_callback_id_is_on_some_page(tmp_path, allow_ingest):
    app = create_app(build_store(tmp_path / "s.duckdb"), allow_ingest=allow_ingest)
    assert _missing_ids(app) == set()


def test_a_mistyped_id_is_caught(tmp_path):
    from dash import Input, Output

    app = create_app(build_store(tmp_path / "s.duckdb"))
    app.callback(Output("compare-captoin", "children"), Input("compare-graph", "figure"))(lambda figure: "")
    assert _missing_ids(app) == {"compare-captoin"}


def test_the_validation_layout_sent_with_every_page_stays_light(tmp_path):
    """Dash sends the validation layout to each browser: ids and properties, not every page's
    figures and tables (it was 300 kB before they were emptied)."""
    from plotly.utils import PlotlyJSONEncoder

    app = create_app(build_store(tmp_path / "s.duckdb"), allow_ingest=True)
    size = len(json.dumps(app.validation_layout, cls=PlotlyJSONEncoder))
    assert size < 120_000, size
