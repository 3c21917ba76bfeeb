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
        """The correction in words, as the estimates' `convention` says it."""
        zh = lang == "zh"
        if (self.adj, self.cluster_adj, self.fixef_k) == (True, True, "nested"):
            if zh:
                return "小样本校正同 fixest 默认设置 G/(G−1)·(N−1)/(N−K)（K 为回归元与年份数，村固定效应嵌套于聚类）"
            return (
                "fixest's default small-sample correction G/(G-1)·(N-1)/(N-K), K = regressors + years "
                "(village effects nested in the clusters)"
            )
        parts = (["G/(G-1)"] if self.cluster_adj else []) + (["(N-1)/(N-K)"] if self.adj else [])
        if zh:
            return "小样本校正 " + ("·".join(parts) or "无") + f"（fixef.K = {self.fixef_k}）"
        return "small-sample correction " + ("·".join(parts) or "none") + f" (fixef.K = {self.fixef_k})"


FIXEST_DEFAULT = SmallSampleCorrection()
