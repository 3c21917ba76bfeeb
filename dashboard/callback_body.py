"""The body a browser posts to `/_dash-update-component` for one callback, built in one place for
the tests, the serving tests and the serving benchmark (Dash names a dict id by its JSON, keys
sorted, no spaces; several outputs are joined as `..a.p...b.q..`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

Slot = tuple[Any, str]  # (component id, property)


def component_name(identifier) -> str:
    """A component id as Dash writes it in `output` and `changedPropIds`."""
    return json.dumps(identifier, separators=(",", ":"), sort_keys=True) if isinstance(identifier, dict) else identifier


def callback_body(
    outputs: list[Slot], inputs: list[tuple[Any, str, Any]], state: Sequence[tuple[Any, str, Any]] = ()
) -> dict:
    """The body of a callback with these outputs, inputs (id, property, value) and states, its
    first input the one that changed."""
    many = len(outputs) > 1
    return {
        "output": ".." + "...".join(f"{component_name(i)}.{p}" for i, p in outputs) + ".."
        if many
        else f"{component_name(outputs[0][0])}.{outputs[0][1]}",
        "outputs": [{"id": i, "property": p} for i, p in outputs]
        if many
        else {"id": outputs[0][0], "property": outputs[0][1]},
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
        "changedPropIds": [f"{component_name(inputs[0][0])}.{inputs[0][1]}"],
    }
