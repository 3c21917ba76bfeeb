"""Which clusters the standard errors are taken over: the village (the unit) or the town.

`cluster="town"` uses the panel's `town_code` column, or else the town of each 12-digit NBS
village code (its first nine digits are the town's; the town's own code ends in 000). Every
cluster must hold whole villages (the village effects are then nested in the clusters, which
is what the small-sample correction assumes); anything else is refused.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .reasons import Reason
from .within import codes_of

TOWN = "town"


def cluster_column(data: pd.DataFrame, cluster: str | None, unit: str) -> tuple[pd.Series | None, str | None]:
    """(the cluster of each row, None) or (None, why the clustering cannot be done)."""
    if cluster is None or cluster == unit:
        return data[unit], None
    if cluster == TOWN and TOWN not in data:
        values = town_of(data, unit)
        if values is None:
            return None, Reason("no_towns")
    elif cluster in data:
        values = data[cluster]
    else:
        return None, Reason("no_cluster_column", cluster=cluster)
    if values.isna().any():
        return None, Reason("cluster_missing", cluster=cluster, n=int(values.isna().sum()))
    units, _ = codes_of(data[unit])
    clusters, _ = codes_of(values)
    per_unit = pd.Series(clusters).groupby(units).nunique()
    if (per_unit > 1).any():
        return None, Reason("village_in_two_clusters", cluster=cluster)
    return values, None


def town_of(data: pd.DataFrame, unit: str = "village_code") -> pd.Series | None:
    """Each row's town: the `town` or `town_code` column, else the town of a 12-digit NBS village
    code; None when neither is there."""
    for column in (TOWN, "town_code"):
        if column in data:
            return data[column]
    codes = data[unit].astype(str)
    if not codes.str.fullmatch(r"\d{12}").all():
        return None
    return codes.str[:9] + "000"


def cluster_label(cluster: str | None, unit: str) -> str:
    return "village" if cluster in (None, unit) else str(cluster)


def n_clusters(values: pd.Series) -> int:
    return int(np.unique(codes_of(values)[0]).size)
