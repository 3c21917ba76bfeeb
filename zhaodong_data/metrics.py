"""The outcome metrics the store knows (metrics.csv): names in Chinese and English, unit, period."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pandas as pd


@lru_cache(maxsize=1)
def _definitions() -> pd.DataFrame:
    with resources.files("zhaodong_data").joinpath("metrics.csv").open("r", encoding="utf-8") as handle:
        return pd.read_csv(handle, dtype=str, keep_default_na=False)


def metric_definitions() -> pd.DataFrame:
    return _definitions().copy()


def metric_kinds() -> dict[str, str]:
    table = _definitions()
    return dict(zip(table["metric"], table["kind"]))
