"""What every notebook does first: open the data it runs on and say what they are.

`open_study(store, scenario, seed)`: with a store (or $ZHAODONG_STORE), that store; without
one, the embedded default built afresh into a temporary folder, its synthetic panel drawn under
the demo scenario and seed asked for. Never a store someone else relies on, never a typo that
builds one silently.
"""

from __future__ import annotations

import os
import platform
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .config import store_path
from .demo import DemoParameters
from .store import build_store, open_store
from .study import DashboardData, load_dashboard_data


@dataclass
class Study:
    path: Path
    data: DashboardData
    parameters: pd.Series  # the demo's parameters (name -> value), empty for a store without a demo
    synthetic: bool  # whether the values analysed are synthetic

    def truth(self, outcome: str) -> float | None:
        """The planted effect on `outcome` when the data are the synthetic demo, else None."""
        return DemoParameters.truth_from_rows(self.parameters, outcome) if self.synthetic else None

    def describe(self) -> str:
        import numpy
        import scipy
        import statsmodels

        from . import __version__

        lines = [f"store: {self.path}"]
        if self.synthetic:
            p = self.parameters
            lines.append(
                "data: SYNTHETIC demo panel — not real village figures. Seed "
                f"{p.get('seed')}, selection {p.get('selection')}, planted effect {p.get('red_flag_effect')} "
                f"(log points) on collective income and {p.get('wage_effect')} on wages."
            )
        else:
            lines.append(
                f"data: ingested ledgers ({self.data.selection}); "
                f"{self.data.outcomes['is_synthetic'].mean():.0%} of values synthetic"
            )
        lines.append(
            f"zhaodong_data {__version__}, pandas {pd.__version__}, numpy {numpy.__version__}, scipy "
            f"{scipy.__version__}, statsmodels {statsmodels.__version__}, Python {platform.python_version()}"
        )
        return "\n".join(lines)


def open_study(store=None, scenario: str = "default", seed: int | None = None, which: str = "auto") -> Study:
    """The data a notebook runs on (see the module's docstring)."""
    if store is None and not os.environ.get("ZHAODONG_STORE"):
        parameters = DemoParameters.scenario(scenario, **({"seed": seed} if seed is not None else {}))
        path = build_store(
            Path(tempfile.mkdtemp(prefix="zhaodong-")) / "embedded-default.duckdb", parameters=parameters
        )
    else:
        path = store_path(store)
        if not path.exists():
            raise FileNotFoundError(f"{path}: no store here (check `store` or $ZHAODONG_STORE)")
    data = load_dashboard_data(path, which)
    with open_store(path) as opened:
        rows = opened.table("demo_parameters")
    drawn_with = rows.set_index("name")["value"] if len(rows) else pd.Series(dtype=object)
    return Study(path, data, drawn_with, synthetic=bool(data.outcomes["is_synthetic"].all()))
