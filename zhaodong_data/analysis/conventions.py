"""How an estimate's standard errors were computed, as a coded sentence: `Estimate.convention`
is a `Convention` (its English sentence, as printed and exported), which a page writes in its
own language from this catalog, never by guessing from the method's words."""

from __future__ import annotations

from ..i18n.catalog.convention import CATALOG, CLUSTER_NAMES_ZH
from ..i18n.coded import CodedText
from .clusters import cluster_label
from .ssc import FIXEST_DEFAULT, SmallSampleCorrection


class Convention(CodedText):
    """An error convention's English sentence that keeps its code and parameters."""

    CATALOG = CATALOG


def convention(
    code: str = "crv1",
    cluster: str | None = None,
    unit: str = "village_code",
    ssc: SmallSampleCorrection = FIXEST_DEFAULT,
) -> Convention:
    """The convention `code` for errors clustered by `cluster` (None: by `unit`, the village)."""
    label = cluster_label(cluster, unit)
    return Convention(
        code,
        cluster=label,
        cluster_zh=CLUSTER_NAMES_ZH.get(label, label),
        ssc=ssc.describe(),
        ssc_zh=ssc.describe("zh"),
    )
