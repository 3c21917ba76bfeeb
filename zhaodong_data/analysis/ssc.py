"""The small-sample correction of clustered (CRV1) errors, stated once, as fixest's `ssc()`.

fixest's default, `ssc(adj = TRUE, fixef.K = "nested", cluster.adj = TRUE)`, multiplies the
CRV1 covariance by G/(G-1) · (N-1)/(N-K): G clusters, N observations, K the regressors and the
fixed effects that are not nested in the clusters (village effects in village clusters are not
counted; the year effects are). pyfixest's `ssc()` is the same. Every estimator here that reports
CRV1 errors (TWFE, the PPML event, the wild bootstrap's scores) takes its factor from
`FIXEST_DEFAULT`, and its sentence from `describe`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n.catalog.convention import SMALL_SAMPLE_CORRECTIONS


@dataclass(frozen=True)
class SmallSampleCorrection:
    adj: bool = True  # (N-1)/(N-K)
    cluster_adj: bool = True  # G/(G-1)
    fixef_k: str = "nested"  # fixed effects nested in the clusters are not counted in K

    def factor(self, n: int, k: int, clusters: int) -> float:
        """The multiplier of the CRV1 covariance for `n` observations, `k` counted parameters
        (regressors and fixed effects not nested in the clusters) and `clusters` clusters."""
        factor = 1.0
        if self.cluster_adj:
            factor *= clusters / (clusters - 1)
        if self.adj:
            factor *= (n - 1) / (n - k)
        return factor

    def describe(self, lang: str = "en") -> str:
        """The correction in words, as the estimates' `convention` says it (`i18n/catalog/convention.py`)."""
        language = "zh" if lang == "zh" else "en"
        if (self.adj, self.cluster_adj, self.fixef_k) == (True, True, "nested"):
            return SMALL_SAMPLE_CORRECTIONS["fixest_default"][language]
        factors = "·".join((["G/(G-1)"] if self.cluster_adj else []) + (["(N-1)/(N-K)"] if self.adj else []))
        code = "factors" if factors else "none"
        return SMALL_SAMPLE_CORRECTIONS[code][language].format(factors=factors, fixef_k=self.fixef_k)


FIXEST_DEFAULT = SmallSampleCorrection()
