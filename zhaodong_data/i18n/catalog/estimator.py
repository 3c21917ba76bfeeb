"""Why an estimator gives no estimate (`analysis.reasons.Reason`): code -> English and Chinese."""

CATALOG: dict[str, dict[str, str]] = {
    "no_observations": {"en": "no observations", "zh": "没有观测值"},
    "no_clusters": {"en": "no clusters", "zh": "没有聚类"},
    "no_comparison": {
        "en": "no comparison group: every village or none is flagged",
        "zh": "没有对照组：所有村或没有村获旗",
    },
    "few_periods": {
        "en": "{before} period(s) before and {after} after the award: at least {needed} are needed on each side",
        "zh": "授旗前仅 {before} 年、授旗后仅 {after} 年的数据：前后各需至少 {needed} 年",
    },
    "absorbed_treatment": {
        "en": "the fixed effects absorb the treatment (singular design)",
        "zh": "固定效应吸收了处理变量（设计奇异）",
    },
    "absorbed_regressor": {
        "en": "the fixed effects absorb a regressor (singular design)",
        "zh": "固定效应吸收了一个解释变量（设计奇异）",
    },
    "more_parameters": {"en": "more parameters than observations", "zh": "参数多于观测值"},
    "few_villages": {"en": "{n} villages (at least {needed} are needed)", "zh": "仅 {n} 个村（至少需要 {needed} 个）"},
    "few_clusters": {
        "en": "{n} clusters (at least {needed} are needed)",
        "zh": "仅 {n} 个聚类（至少需要 {needed} 个）",
    },
    "no_flagged_village": {"en": "no flagged village in the panel", "zh": "面板中没有获旗村"},
    "no_towns": {
        "en": "cluster by town: the panel has no town_code and its village codes are not NBS codes",
        "zh": "无乡镇代码，村代码也不是统计用区划代码",
    },
    "no_cluster_column": {"en": "cluster by {cluster}: no such column", "zh": "无聚类列“{cluster}”"},
    "cluster_missing": {
        "en": "cluster by {cluster}: {n} rows have no {cluster}",
        "zh": "有 {n} 行没有聚类值（{cluster}）",
    },
    "village_in_two_clusters": {
        "en": "cluster by {cluster}: a village lies in more than one {cluster}",
        "zh": "有村分属不止一个聚类（{cluster}）",
    },
    "no_flagged": {"en": "no flagged village", "zh": "没有获旗村"},
    "singular_event_study": {
        "en": "singular design (too few years around the award)",
        "zh": "设计奇异（授旗前后的年份太少）",
    },
    "no_year_before_award": {
        "en": "no year before the first award ({first})",
        "zh": "首次授旗（{first}年）之前没有年份",
    },
    "one_sided_share": {
        "en": "no unflagged village on one side of the median town share",
        "zh": "在乡镇红旗村比例中位数的一侧没有未获旗的村",
    },
    "towns_unknown": {
        "en": "the towns are not known (no town_code, no NBS village codes)",
        "zh": "不知道各村所属乡镇（无乡镇代码，村代码也不是统计用区划代码）",
    },
}
