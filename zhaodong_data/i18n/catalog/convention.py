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

# The small-sample correction a convention names (`analysis.ssc.SmallSampleCorrection.describe`).
SMALL_SAMPLE_CORRECTIONS: dict[str, dict[str, str]] = {
    "fixest_default": {
        "en": "fixest's default small-sample correction G/(G-1)·(N-1)/(N-K), K = regressors + years "
        "(village effects nested in the clusters)",
        "zh": "小样本校正同 fixest 默认设置 G/(G−1)·(N−1)/(N−K)（K 为回归元与年份数，村固定效应嵌套于聚类）",
    },
    "factors": {
        "en": "small-sample correction {factors} (fixef.K = {fixef_k})",
        "zh": "小样本校正 {factors}（fixef.K = {fixef_k}）",
    },
    "none": {"en": "small-sample correction none (fixef.K = {fixef_k})", "zh": "小样本校正 无（fixef.K = {fixef_k}）"},
}

# A cluster column's name in a Chinese sentence (others are written as they are).
CLUSTER_NAMES_ZH = {"village": "村", "town_code": "乡镇", "town": "乡镇"}
