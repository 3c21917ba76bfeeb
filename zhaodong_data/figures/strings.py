"""The one string catalog of the dashboard and its figures: every label in 中文 and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"zh": "肇东市村集体经济与“百面红旗”", "en": "Zhaodong village collective economy and the Hundred Red Flags"},
    "nav_overview": {"zh": "概览", "en": "Overview"},
    "nav_compare": {"zh": "对比", "en": "Compare"},
    "nav_towns": {"zh": "乡镇", "en": "Towns"},
    "nav_village": {"zh": "村庄", "en": "Village"},
    "nav_sources": {"zh": "数据来源", "en": "Sources"},
    "switch_language": {"zh": "English", "en": "中文"},
    "switch_language_label": {"zh": "切换到英文", "en": "Switch to Chinese"},
    "synthetic_banner": {
        "zh": "注意：本页显示的村级数值为合成（模拟）数据，按公开总数校准，仅供演示，并非真实台账。导入真实台账后将替换。",
        "en": "Note: the village figures on this page are SYNTHETIC, calibrated to the published totals for "
              "demonstration; they are not real ledgers. Ingested real ledgers replace them.",
    },
    "notice_fallback": {"zh": "链接中的“{param}={value}”无效，已改用默认值。", "en": "The link's “{param}={value}” is not valid; the default is shown instead."},
    "outcome": {"zh": "指标", "en": "Outcome"},
    "aspect": {"zh": "红旗类别", "en": "Red-flag aspect"},
    "towns": {"zh": "乡镇", "en": "Towns"},
    "all_towns": {"zh": "全部乡镇", "en": "All towns"},
    "year": {"zh": "年份", "en": "Year"},
    "log_scale": {"zh": "对数坐标", "en": "Log scale"},
    "view": {"zh": "视图", "en": "View"},
    "view_chart": {"zh": "图表", "en": "Chart"},
    "view_table": {"zh": "表格", "en": "Table"},
    "download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "download_xlsx": {"zh": "下载 Excel", "en": "Download Excel"},
    "any_flag": {"zh": "任一红旗", "en": "Any flag"},
    "party_building": {"zh": "党建", "en": "Party building"},
    "development": {"zh": "发展", "en": "Development"},
    "service": {"zh": "服务", "en": "Service"},
    "civilization": {"zh": "文明", "en": "Civilization"},
    "harmony": {"zh": "和谐", "en": "Harmony"},
    "flagged": {"zh": "红旗村", "en": "Red-flag villages"},
    "not_flagged": {"zh": "其他村", "en": "Other villages"},
    "flag_status": {"zh": "红旗状态", "en": "Red-flag status"},
    "village": {"zh": "村", "en": "Village"},
    "town": {"zh": "乡镇", "en": "Town"},
    "value": {"zh": "数值", "en": "Value"},
    "raw": {"zh": "原始记录", "en": "Raw figure"},
    "qualifier": {"zh": "确定性", "en": "Certainty"},
    "source": {"zh": "来源", "en": "Source"},
    "synthetic": {"zh": "合成", "en": "synthetic"},
    "real": {"zh": "真实", "en": "real"},
    "data_kind": {"zh": "数据性质", "en": "Data"},
    "median": {"zh": "中位数", "en": "median"},
    "mean": {"zh": "均值", "en": "mean"},
    "difference": {"zh": "均值差（红旗村 − 其他村）", "en": "Difference in means (flagged − others)"},
    "ci95": {"zh": "95% 置信区间", "en": "95% CI"},
    "caption": {
        "zh": "来源：{source}。红旗村 n = {n_flagged}，其他村 n = {n_other}；缺失 {n_missing} 村；非精确值 {n_not_exact} 个（区间、下限或约数，按其代表值计）。更新：{updated}。",
        "en": "Source: {source}. Red-flag villages n = {n_flagged}, others n = {n_other}; {n_missing} villages missing; "
              "{n_not_exact} values not exact (ranges, lower bounds or approximations, read at their point value). Updated {updated}.",
    },
    "source_demo": {"zh": "合成演示数据（按公开总数校准）", "en": "synthetic demo panel (calibrated to the published totals)"},
    "source_ledgers": {"zh": "已导入的台账", "en": "ingested ledgers"},
    "qualifier_exact": {"zh": "精确", "en": "exact"},
    "qualifier_approx": {"zh": "约数", "en": "approximate"},
    "qualifier_at_least": {"zh": "下限（至少）", "en": "lower bound (at least)"},
    "qualifier_at_most": {"zh": "上限（至多）", "en": "upper bound (at most)"},
    "qualifier_range": {"zh": "区间", "en": "range"},
    "compare_title": {"zh": "{outcome}：红旗村与其他村（{year}年）", "en": "{outcome}: red-flag villages and the others ({year})"},
    "overview_title": {"zh": "“百面红旗”项目概况", "en": "The Hundred Red Flags program in figures"},
    "flags_by_aspect": {"zh": "各类别红旗数", "en": "Flags by aspect"},
    "program_flags": {"zh": "红旗总数", "en": "Red flags"},
    "program_orgs": {"zh": "发展类党组织", "en": "Development organizations"},
    "program_investment": {"zh": "项目投资", "en": "Project investment"},
    "program_entities": {"zh": "新增经营主体", "en": "New business entities"},
    "program_committees": {"zh": "农村产业联合党委", "en": "Rural industry joint party committees"},
    "program_jc_collective": {"zh": "带动集体增收", "en": "Collective income driven"},
    "program_jc_farmers": {"zh": "带动群众增收", "en": "Farmers' income increase"},
    "villages_with_flags": {"zh": "有红旗的村", "en": "Villages with a flag"},
    "villages_without_flags": {"zh": "无红旗的村", "en": "Villages without a flag"},
    "provenance": {"zh": "出处", "en": "Provenance"},
    "as_published": {"zh": "原文", "en": "As published"},
    "published_by": {"zh": "发布", "en": "Published by"},
    "correction": {"zh": "校正", "en": "Correction"},
    "no_correction": {"zh": "无", "en": "none"},
    "towns_title": {"zh": "各乡镇：村数、红旗与{outcome}中位数（{year}年）", "en": "Towns: villages, flags and median {outcome} ({year})"},
    "villages_count": {"zh": "村数", "en": "Villages"},
    "flags_count": {"zh": "红旗数", "en": "Flags"},
    "median_outcome": {"zh": "中位数", "en": "Median"},
    "village_search": {"zh": "查找村（中文、拼音或英文）", "en": "Find a village (Chinese, pinyin or English)"},
    "village_search_placeholder": {"zh": "例如：永丰、Yongfeng", "en": "e.g. 永丰, Yongfeng"},
    "village_ambiguous": {"zh": "有多个同名村，请选择乡镇：", "en": "Several villages have this name; choose the town:"},
    "village_not_found": {"zh": "未找到该村。", "en": "No village of that name."},
    "village_flags": {"zh": "红旗", "en": "Flags"},
    "village_no_flags": {"zh": "无红旗", "en": "No flag"},
    "village_outcomes": {"zh": "历年指标", "en": "Outcomes over the years"},
    "village_published": {"zh": "公开报道中的数字", "en": "Figures in published reports"},
    "sources_facts": {"zh": "公开数字登记表（原文、读取值与校正）", "en": "Published figures (raw, reading and correction)"},
    "sources_ingests": {"zh": "已导入的台账", "en": "Ingested ledgers"},
    "sources_quarantine": {"zh": "隔离的行（未导入）", "en": "Quarantined rows (not loaded)"},
    "sources_synthetic_share": {"zh": "合成数值占比：{share}", "en": "Share of synthetic values: {share}"},
    "none_yet": {"zh": "暂无", "en": "none yet"},
    "how_computed": {"zh": "计算方法", "en": "How this was computed"},
    "how_computed_text": {
        "zh": "每个点是一个村在所选年份的数值；区间与下限按代表值（区间中点、已知下限）计，并以空心标记和误差线显示。均值差的 95% 置信区间按 Welch t 方法计算。",
        "en": "Each point is one village in the chosen year; ranges and bounds are read at their point value (midpoint, known bound) "
              "and drawn hollow with error bars. The 95% CI of the difference in means is Welch's t interval.",
    },
    "last_update": {"zh": "最近更新", "en": "Last update"},
    "years_axis": {"zh": "年份", "en": "Year"},
    "metric_axis_unit_yuan": {"zh": "元", "en": "yuan"},
}

METRIC_NAMES = {
    "collective_income": {"zh": "村集体经济收入", "en": "Collective income"},
    "cold_storage_revenue": {"zh": "冷库收入", "en": "Cold-storage revenue"},
    "wage_income": {"zh": "务工收入（元/人·月）", "en": "Farmer wage income (yuan per worker-month)"},
    "new_business_entities": {"zh": "新增经营主体", "en": "New business entities"},
    "investment": {"zh": "项目投资", "en": "Project investment"},
    "jc_collective_income": {"zh": "联合党委带动集体增收", "en": "Collective income driven by joint committees"},
    "farmer_income_increase": {"zh": "农民增收", "en": "Farmers' income increase"},
    "new_collective_income": {"zh": "新增集体收入", "en": "New collective income"},
}


def text(key: str, lang: str, **values) -> str:
    """The catalog entry in the language; {placeholders} filled from `values`."""
    entry = STRINGS[key][lang if lang in ("zh", "en") else "zh"]
    return entry.format(**values) if values else entry


def metric_name(metric: str, lang: str) -> str:
    names = METRIC_NAMES.get(metric)
    if names:
        return names[lang]
    return metric.removeprefix("extra:")
