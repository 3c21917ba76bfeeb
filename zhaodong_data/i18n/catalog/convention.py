"""How an estimate's standard errors were computed (`analysis.conventions.Convention`): code ->
English and Chinese, the clusters and the small-sample correction given in both."""

CATALOG: dict[str, dict[str, str]] = {
    "crv1": {
        "en": "CRV1 by {cluster}; {ssc}; t(G-1)",
        "zh": "按{cluster_zh}聚类（CRV1），{ssc_zh}，t(G−1) 临界值",
    },
    "crv1_ppml": {
        "en": "CRV1 by {cluster} on the PPML score; {ssc}; t(G-1)",
        "zh": "按{cluster_zh}对 PPML 得分聚类（CRV1），{ssc_zh}，t(G−1) 临界值",
    },
    "gmm": {
        "en": "GMM two-stage clustered by {cluster} variance as did2s (no small-sample factor); t(G-1)",
        "zh": "按{cluster_zh}聚类，两步 GMM 方差（同 pyfixest 的 did2s，无小样本校正），t(G−1) 临界值",
    },
}
