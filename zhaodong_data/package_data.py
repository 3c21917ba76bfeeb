"""Data files shipped inside the package (CSV mappings, registries), read as text columns."""

from __future__ import annotations

from importlib import resources

import pandas as pd


def read_package_csv(package: str, name: str) -> pd.DataFrame:
    """A CSV shipped in `package`, every column as text, empty cells as ''."""
    with resources.files(package).joinpath(name).open("r", encoding="utf-8") as handle:
        return pd.read_csv(handle, dtype=str, keep_default_na=False)
