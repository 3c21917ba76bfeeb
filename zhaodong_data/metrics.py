"""The outcome metrics the store knows (metrics.csv): names in Chinese and English, unit, period."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .package_data import read_package_csv


@lru_cache(maxsize=1)
def _definitions() -> pd.DataFrame:
    return read_package_csv("zhaodong_data", "metrics.csv")


def metric_definitions() -> pd.DataFrame:
    return _definitions().copy()


def metric_kinds() -> dict[str, str]:
    table = _definitions()
    return dict(zip(table["metric"], table["kind"]))


def is_money(metric: str) -> bool:
    """Whether a metric is an amount in yuan (not a count); metrics a ledger added count as money."""
    return metric_kinds().get(metric, "money") != "count"
