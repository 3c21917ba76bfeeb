"""The one string catalog of the dashboard and its figures: every label in 中文 and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {
        "zh": "肇东市村集体经济与“百面红旗”",
        "en": "Zhaodong village collective economy and the Hundred Red Flags",
    },
    "nav_overview": {"zh": "概览", "en": "Overview"},
    "nav_label": {"zh": "页面", "en": "Pages"},
    "skip_link": {"zh": "跳到正文", "en": "Skip to content"},
    "nav_compare": {"zh": "对比", "en": "Compare"},
    "nav_towns": {"zh": "乡镇", "en": "Towns"},
    "nav_village": {"zh": "村庄", "en": "Village"},
    "nav_town": {"zh": "乡镇报告", "en": "Town report"},
    "event_table_title": {
        "zh": "事件研究：授旗前后各年的估计",
        "en": "Event study: the estimate by years since the award",
    },
    "before_after_title": {
        "zh": "授旗前后：红旗村与从未获旗村的均值和中位数",
        "en": "Before and after the award: mean and median, red-flag and never-flagged villages",
    },
    "col_statistic": {"zh": "统计量", "en": "Statistic"},
    "col_year_value": {"zh": "{year}年", "en": "{year}"},
    "col_years_since": {"zh": "距授旗年数", "en": "Years since award"},
    "col_estimate": {"zh": "估计值", "en": "Estimate"},
    "col_std_error": {"zh": "标准误", "en": "Std. error"},
    "trends_sheet_means": {"zh": "各年均值", "en": "means by year"},
    "trends_sheet_event": {"zh": "事件研究", "en": "event study"},
    "trends_sheet_before_after": {"zh": "获旗前后", "en": "before and after"},
    "nav_report": {"zh": "全市报告", "en": "City report"},
    "town_report_title": {"zh": "{place}：{year}年{outcome}报告", "en": "{place}: {outcome} in {year}"},
    "town_headline": {
        "zh": "{place}共 {n} 村，其中红旗村 {flagged} 个；{year}年有数值的 {with_value} 村{outcome}中位数为 {median}。",
        "en": "{place}: {n} villages, {flagged} with a red flag; the median {outcome} in {year} of the {with_value} "
        "with a value is {median}.",
    },
    "town_section_villages": {"zh": "各村排名", "en": "Villages ranked"},
    "town_section_groups": {"zh": "红旗村与其他村", "en": "Red-flag villages and the others"},
    "town_section_bands": {"zh": "收入分档（各档的村）", "en": "Income bands, with their villages"},
    "town_sheet_villages": {"zh": "各村", "en": "villages"},
    "town_sheet_groups": {"zh": "分组", "en": "groups"},
    "town_sheet_bands": {"zh": "分档", "en": "bands"},
    "village_sheet_values": {"zh": "历年数值", "en": "values by year"},
    "village_sheet_published": {"zh": "公开报道", "en": "published figures"},
    "col_published_on": {"zh": "发布日期", "en": "Published on"},
    "town_section_leaving": {
        "zh": "脱离空壳村、薄弱村的村（逐年）",
        "en": "Villages leaving the shell and weak bands, by year",
    },
    "town_sheet_leaving": {"zh": "脱离薄弱", "en": "leaving weak"},
    "col_weak_before": {"zh": "上年空壳或薄弱村数", "en": "Shell or weak the year before"},
    "col_left": {"zh": "今年脱离", "en": "Left this year"},
    "col_stayed": {"zh": "仍未脱离", "en": "Still shell or weak"},
    "col_exit_unknown": {"zh": "无法判断", "en": "Cannot tell"},
    "col_share_left": {"zh": "脱离比例", "en": "Share that left"},
    "col_left_villages": {"zh": "脱离的村", "en": "Villages that left"},
    "leaving_note": {
        "zh": "脱离空壳、薄弱按{income}计：上年确定低于{weak}、今年确定不低于{weak}；数值跨越该线（如“约5万元”）或缺数的村记为“无法判断”，不作猜测。",
        "en": "Leaving the shell and weak bands is counted on {income}: certainly under {weak} the year before and certainly {weak} or more this year; "
        "a reading across the line (such as “about ¥50,000”) or a missing one is counted as “cannot tell”, never guessed.",
    },
    "town_change_note": {
        "zh": "变化为同一村两年数值之差；数值为区间或约数时，变化也是区间。红旗并非随机授予：差异可能反映选择，而不只是红旗的作用。",
        "en": "A change is the same village's difference between two years; where a reading is a range or "
        "approximate, so is the change. Flags were not awarded at random: differences may reflect selection, "
        "not only the flag.",
    },
    "col_flagged_count": {"zh": "其中红旗村", "en": "Of which red-flag"},
    "nav_sources": {"zh": "数据来源", "en": "Sources"},
    "switch_language": {"zh": "English", "en": "中文"},
    "switch_language_label": {"zh": "切换到英文", "en": "Switch to Chinese"},
    "synthetic_banner": {
        "zh": "注意：本页显示的村级数值为合成（模拟）数据，按公开总数校准，仅供演示，并非真实台账。导入真实台账后将替换。",
        "en": "Note: the village figures on this page are SYNTHETIC, calibrated to the published totals for "
        "demonstration; they are not real ledgers. Ingested real ledgers replace them.",
    },
    "notice_fallback": {
        "zh": "链接中的“{param}={value}”无效，已改用默认值。",
        "en": "The link's “{param}={value}” is not valid; the default is shown instead.",
    },
    "outcome": {"zh": "指标", "en": "Outcome"},
    "aspect": {"zh": "红旗类别", "en": "Red-flag aspect"},
    "towns": {"zh": "乡镇", "en": "Towns"},
    "all_towns": {"zh": "全部乡镇", "en": "All towns"},
    "year": {"zh": "年份", "en": "Year"},
    "log_scale": {"zh": "对数坐标", "en": "Log scale"},
    "view": {"zh": "视图", "en": "View"},
    "dropdown_search": {"zh": "搜索", "en": "Search"},
    "dropdown_clear_search": {"zh": "清除搜索", "en": "Clear search"},
    "dropdown_clear_selection": {"zh": "清除选择", "en": "Clear selection"},
    "dropdown_no_options_found": {"zh": "没有匹配项", "en": "No match"},
    "dropdown_select_all": {"zh": "全选", "en": "Select all"},
    "dropdown_deselect_all": {"zh": "全不选", "en": "Select none"},
    "view_chart": {"zh": "图表", "en": "Chart"},
    "view_table": {"zh": "表格", "en": "Table"},
    "download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "download_xlsx": {"zh": "下载 Excel", "en": "Download Excel"},
    "print_view": {"zh": "打印 / 存为 PDF", "en": "Print / save as PDF"},
    "print_view_title": {
        "zh": "打印本页的图表、说明与完整表格（在打印对话框中可选“另存为 PDF”）",
        "en": 'Print this view\'s chart, notes and whole table (choose "Save as PDF" in the print dialog)',
    },
    "any_flag": {"zh": "任一红旗", "en": "Any flag"},
    "party_building": {"zh": "党建", "en": "Party building"},
    "development": {"zh": "发展", "en": "Development"},
    "service": {"zh": "服务", "en": "Service"},
    "civilization": {"zh": "文明", "en": "Civilization"},
    "harmony": {"zh": "和谐", "en": "Harmony"},
    "flagged": {"zh": "红旗村", "en": "Red-flag villages"},
    "not_flagged": {"zh": "其他村", "en": "Other villages"},
    "flag_status": {"zh": "红旗状态", "en": "Red-flag status"},
    # one village's status in a table row (the group names, 红旗村 / Red-flag villages, are plural)
    "status_flagged": {"zh": "红旗村", "en": "red-flag village"},
    "status_not_flagged": {"zh": "其他村", "en": "other village"},
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
    "ci_refused_short": {"zh": "一组不足 5 村，不给置信区间", "en": "no CI: a group has fewer than 5 villages"},
    "caption_not_applicable": {
        "zh": "来源：{source}。红旗村 n = {n_flagged}，其他村 n = {n_other}；{n_missing} 村不适用（没有该项）；非精确值 {n_not_exact} 个（区间、下限或约数，按其代表值计）。更新：{updated}。",
        "en": "Source: {source}. Red-flag villages n = {n_flagged}, others n = {n_other}; not applicable to {n_missing} "
        "villages (they have none); {n_not_exact} values not exact (ranges, lower bounds or approximations, read at "
        "their point value). Updated {updated}.",
    },
    "no_ci_too_few": {
        "zh": "不计算置信区间：{n_flagged} 个红旗村对 {n_other} 个其他村，任一组少于 {minimum} 个村时，差异说明不了问题。",
        "en": "No confidence interval: {n_flagged} red-flag villages against {n_other} others; with fewer "
        "than {minimum} villages in a group, a difference is not a finding.",
    },
    "not_applicable": {"zh": "不适用", "en": "not applicable"},
    "comparison_group": {"zh": "对照组", "en": "Compared with"},
    "comparison_others": {"zh": "其他所有村", "en": "All other villages"},
    "comparison_never": {"zh": "从未获红旗的村", "en": "Never-flagged villages"},
    "compared_with_others": {
        "zh": "对照组：未获该类别红旗的所有村（含获其他类别红旗的村）。",
        "en": "Compared with: every village without this aspect's flag (villages with other aspects' flags included).",
    },
    "compared_with_never": {
        "zh": "对照组：从未获红旗的村（获其他类别红旗的村不计入）。",
        "en": "Compared with: never-flagged villages (villages with other aspects' flags left out).",
    },
    "caption": {
        "zh": "来源：{source}。红旗村 n = {n_flagged}，其他村 n = {n_other}；缺失 {n_missing} 村；非精确值 {n_not_exact} 个（区间、下限或约数，按其代表值计）。更新：{updated}。",
        "en": "Source: {source}. Red-flag villages n = {n_flagged}, others n = {n_other}; {n_missing} villages missing; "
        "{n_not_exact} values not exact (ranges, lower bounds or approximations, read at their point value). Updated {updated}.",
    },
    "source_demo": {
        "zh": "合成演示数据（按公开总数校准）",
        "en": "synthetic demo panel (calibrated to the published totals)",
    },
    "source_ledgers": {"zh": "已导入的台账", "en": "ingested ledgers"},
    "source_with_demo": {
        "zh": "已导入的台账，其余为合成演示数据",
        "en": "ingested ledgers, synthetic demo values elsewhere",
    },
    "selection_label": {"zh": "数据：", "en": "Data:"},
    "selection_ledgers": {"zh": "仅台账（真实）", "en": "Ledgers only (real)"},
    "selection_with_demo": {"zh": "台账＋演示", "en": "Ledgers with demo"},
    "selection_demo": {"zh": "仅演示（合成）", "en": "Demo only (synthetic)"},
    "notice_ledgers": {
        "zh": "所示为已导入台账中的真实数据：{real} 个村有数值，其余 {none} 个村没有台账、未显示（选择“台账＋演示”可用合成数值补足）。",
        "en": "Showing real values from the ingested ledgers: {real} villages have values; the other {none} have no "
        "ledger and are not shown (choose “Ledgers with demo” to fill them with synthetic values).",
    },
    "notice_with_demo": {
        "zh": "混合数据：{real} 个村为台账中的真实数值，{synthetic} 个村为合成演示数值（图中以“合成”标明）。",
        "en": "Mixed data: {real} villages have real ledger values, {synthetic} have SYNTHETIC demo values "
        "(marked “synthetic”).",
    },
    "flag_counts_demo": {
        "zh": "以上为合成演示数据中的红旗（每村至多一面，共 100 面，对应公布的“百面红旗”）。",
        "en": "These are the SYNTHETIC demo's flags (at most one per village, 100 in all, matching the published "
        "hundred red flags).",
    },
    "flag_counts_real": {
        "zh": "以上为真实红旗：公开报道点名的 {published} 面、台账红旗类别列中的 {ledger} 面。“百面红旗”中其余的红旗在真实数据中尚无法对应到具体村庄。",
        "en": "These are real flags: {published} named in published reports and {ledger} from ledgers' red-flag "
        "columns. The rest of the program's 100 flags cannot be placed on a village in real data yet.",
    },
    "flag_counts_mixed": {
        "zh": "以上红旗中 {real} 面为真实红旗（公开报道或台账），{synthetic} 面为合成演示红旗。",
        "en": "Of these flags, {real} are real (published or from ledgers) and {synthetic} are SYNTHETIC demo flags.",
    },
    "qualifier_exact": {"zh": "精确", "en": "exact"},
    "qualifier_approx": {"zh": "约数", "en": "approximate"},
    "qualifier_at_least": {"zh": "下限（至少）", "en": "lower bound (at least)"},
    "qualifier_at_most": {"zh": "上限（至多）", "en": "upper bound (at most)"},
    "qualifier_range": {"zh": "区间", "en": "range"},
    "unit_CNY": {"zh": "元", "en": "yuan"},
    "unit_mu": {"zh": "亩", "en": "mu"},
    "unit_USD": {"zh": "美元", "en": "US dollars"},
    "unit_year": {"zh": "年份", "en": "year"},
    "period_year": {"zh": "每年", "en": "per year"},
    "period_month": {"zh": "每月", "en": "per month"},
    "period_day": {"zh": "每天", "en": "per day"},
    "attribution_high": {"zh": "高", "en": "high"},
    "attribution_medium": {"zh": "中", "en": "medium"},
    "attribution_low": {"zh": "低", "en": "low"},
    "rule_wan_as_million": {"zh": "“million”实为“万”", "en": "“million” was 万"},
    "rule_cricket_as_shang": {"zh": "“crickets”实为“垧”", "en": "“crickets” was 垧"},
    "rule_unit_from_context": {"zh": "单位据上下文", "en": "unit from context"},
    "rule_period_from_context": {"zh": "期间据上下文", "en": "period from context"},
    "compare_title": {
        "zh": "{outcome}：红旗村与其他村（{year}年）",
        "en": "{outcome}: red-flag villages and the others ({year})",
    },
    "overview_title": {"zh": "“百面红旗”项目概况", "en": "The Hundred Red Flags program in figures"},
    "flags_by_aspect": {"zh": "各类别红旗数", "en": "Flags by aspect"},
    "flags_by_aspect_synthetic": {
        "zh": "各类别红旗数（含合成分配）",
        "en": "Flags by aspect (partly synthetic placement)",
    },
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
    "card_source": {"zh": "来源：", "en": "Source: "},
    "cards_program": {"zh": "“百面红旗”评选（公开报道）", "en": "The Hundred Red Flags selection (as published)"},
    "cards_committees": {
        "zh": "农村产业联合党委（公开报道）",
        "en": "Rural industry joint party committees (as published)",
    },
    "cards_panel": {"zh": "本数据中的红旗村", "en": "Red-flag villages in these data"},
    "cards_panel_synthetic": {
        "zh": "本数据中的红旗村（含合成分配，并非真实名单）",
        "en": "Red-flag villages in these data (synthetic placement, not the real list)",
    },
    "scope_red_flags_total": {
        "zh": "全市“百面红旗”党组织；截至 2022 年的报道",
        "en": "Zhaodong's red-flag party organizations; as reported in 2022",
    },
    "scope_orgs_selected": {
        "zh": "其中的发展类党组织（长胜村、永丰村等）；2022 年报道",
        "en": "of which development organizations (Changsheng, Yongfeng and others); reported 2022",
    },
    "scope_investment_projects": {
        "zh": "上述 26 个党组织的项目投资合计；年份未载明",
        "en": "project investment of those 26 organizations, in total; year not stated",
    },
    "scope_new_business_entities": {
        "zh": "上述 26 个党组织所在村集体新办；年份未载明",
        "en": "founded by those 26 organizations' village collectives; year not stated",
    },
    "scope_joint_committees": {"zh": "全市已组建；2022 年报道", "en": "set up across the city; reported 2022"},
    "scope_jc_collective_income": {
        "zh": "6 个联合党委带动的村集体收入；2022 年报道",
        "en": "collective income driven by the six committees; reported 2022",
    },
    "scope_jc_farmer_income": {
        "zh": "6 个联合党委带动的群众增收；2022 年报道",
        "en": "farmers' income increase driven by the six committees; reported 2022",
    },
    "as_published": {"zh": "原文", "en": "As published"},
    "published_by": {"zh": "发布", "en": "Published by"},
    "correction": {"zh": "校正", "en": "Correction"},
    "no_correction": {"zh": "无", "en": "none"},
    "towns_title": {
        "zh": "各乡镇{outcome}中位数（{year}年，按中位数排序）：红旗村与其他村",
        "en": "Median {outcome} by town ({year}, ranked): red-flag villages and the others",
    },
    "n_villages": {"zh": "{n}村", "en": "{n} villages"},
    "one_village": {"zh": "1村", "en": "1 village"},
    "median_header": {"zh": "{group}中位数（{outcome}{unit}）", "en": "Median, {group} ({outcome}{unit})"},
    "unit_inline_money": {"zh": "，元", "en": ", ¥"},
    "town_median_all": {"zh": "全部村", "en": "All villages"},
    "median_of_one": {"zh": "仅 1 村，即该村数值", "en": "one village: its own value"},
    "median_of_n": {"zh": "{n} 村的中位数", "en": "median of {n} villages"},
    "city_median": {"zh": "全市中位数 {value}", "en": "City median {value}"},
    "city_row": {"zh": "全市", "en": "Whole city"},
    "selection_line": {"zh": "选择：", "en": "Selection: "},
    "bands_section": {"zh": "按收入分档的村数", "en": "Villages by income band"},
    "bands_title": {
        "zh": "{outcome}分档：各档村数占比（{year}年）",
        "en": "{outcome} by band: share of villages ({year})",
    },
    "bands_share_axis": {"zh": "占有分档村数的比例", "en": "Share of villages<br>placed in a band"},
    "bands_metric": {"zh": "收入口径", "en": "Income"},
    "col_band": {"zh": "收入档", "en": "Income band"},
    "col_band_villages": {"zh": "村", "en": "Villages"},
    "col_share": {"zh": "占比", "en": "Share"},
    "col_award_count": {"zh": "{year}年村数", "en": "Villages in {year}"},
    "col_change": {"zh": "较{year}年变化", "en": "Change since {year}"},
    "band_uncertain": {"zh": "跨档（数值不确定）", "en": "Straddles a threshold"},
    "band_no_value": {"zh": "无数值", "en": "No figure"},
    "bands_caption": {
        "zh": "来源：{source}。分档线：{edges}（下限含、上限不含）；{uncertain} 村的数值跨越分档线（如“约10万元”），{missing} 村无数值，二者都不计入占比。{change}",
        "en": "Source: {source}. Thresholds: {edges} (lower bound included); {uncertain} villages' figures "
        'straddle a threshold (such as "about 100k") and {missing} have no figure: neither is in '
        "the shares. {change}",
    },
    "bands_counted_on": {
        "zh": "按{metric}分档：空壳村为无收入，薄弱村为不足 {weak}。",
        "en": "Banded on {metric}: a shell village (空壳村) has no income, a weak one (薄弱村) under {weak}. ",
    },
    "bands_counted_on_other": {
        "zh": "按{metric}分档；空壳村、薄弱村按{policy}认定（无收入、不足 {weak}），此处的首两档只是同一分档线。",
        "en": "Banded on {metric}; shell and weak villages are counted on {policy} (none, under {weak}): here the "
        "first two bands only use the same thresholds. ",
    },
    "bands_change_note": {
        "zh": "“变化”为同一组村与 {year} 年（授旗年）相比。",
        "en": '"Change" compares the same villages with {year}, the award year.',
    },
    "bands_no_award": {
        "zh": "授旗年没有该项数值，无法比较变化。",
        "en": "The award year has no figures of this income: no change shown.",
    },
    "bands_weak": {"zh": "5万元以下（红旗村/其他村）", "en": "Under ¥50k (flagged / others)"},
    "village_this": {"zh": "本村", "en": "This village"},
    "village_town_median": {"zh": "本乡镇中位数", "en": "Town median"},
    "village_city_median": {"zh": "全市中位数", "en": "City median"},
    "village_published_mark": {"zh": "公开报道（真实）", "en": "Published (real)"},
    "village_start": {
        "zh": "从这些村开始（有公开报道的村）：",
        "en": "Start from these villages (with published figures):",
    },
    "col_rank": {"zh": "排名", "en": "Rank"},
    "rank_of": {"zh": "第{rank}名/共{n}村", "en": "{rank} of {n}"},
    "col_rank_city": {"zh": "全市排名", "en": "Rank in city"},
    "col_rank_in_town": {"zh": "乡镇内排名", "en": "Rank in town"},
    "flagged_villages_count": {"zh": "红旗村数", "en": "Red-flag villages"},
    "headline_compare_higher": {
        "zh": "{year}年，{n_flagged} 个红旗村的{outcome}中位数为 {flagged}，高于 {n_other} 个{others}的 {other}。",
        "en": "In {year}, the median {outcome} of the {n_flagged} red-flag villages was {flagged}, "
        "higher than the {other} of the {n_other} {others}.",
    },
    "headline_compare_lower": {
        "zh": "{year}年，{n_flagged} 个红旗村的{outcome}中位数为 {flagged}，低于 {n_other} 个{others}的 {other}。",
        "en": "In {year}, the median {outcome} of the {n_flagged} red-flag villages was {flagged}, "
        "lower than the {other} of the {n_other} {others}.",
    },
    "headline_compare_equal": {
        "zh": "{year}年，{n_flagged} 个红旗村与 {n_other} 个{others}的{outcome}中位数相同，均为 {flagged}。",
        "en": "In {year}, the {n_flagged} red-flag villages and the {n_other} {others} had the same "
        "median {outcome}, {flagged}.",
    },
    "headline_compare_empty": {
        "zh": "此选择中没有可比较的两组村。",
        "en": "This selection has no two groups of villages to compare.",
    },
    "headline_caveat": {
        "zh": "红旗并非随机授予，差异不等于红旗的效果。",
        "en": " Flags were not awarded at random: a difference is not the flags' effect.",
    },
    "headline_towns": {
        "zh": "{year}年全市有数值的 {n} 村{outcome}中位数为 {city}；乡镇中位数最高的是{top}（{top_value}，{top_n}），"
        "最低的是{bottom}（{bottom_value}，{bottom_n}）。",
        "en": "In {year}, the median {outcome} of the city's {n} villages with a value was {city}; the "
        "highest town median was {top}'s ({top_value}, {top_n}), the lowest {bottom}'s "
        "({bottom_value}, {bottom_n}).",
    },
    "headline_one_town": {
        "zh": "{year}年全市有数值的 {n} 村{outcome}中位数为 {city}；只有{top}一个乡镇有数值（{top_value}，{top_n}）。",
        "en": "In {year}, the median {outcome} of the city's {n} villages with a value was {city}; only one "
        "town has values: {top} ({top_value}, {top_n}).",
    },
    "headline_towns_groups": {
        "zh": "在红旗村与其他村均有数值的 {k} 个乡镇中，{m} 个乡镇的红旗村中位数更高。",
        "en": " In {m} of the {k} towns with values for both groups, red-flag villages had the higher median.",
    },
    "headline_towns_empty": {"zh": "没有乡镇有{outcome}的数值。", "en": "No town has a value of {outcome}."},
    "errors_label": {"zh": "标准误：", "en": "Standard errors: "},
    "quarantine_more": {
        "zh": "共 {total:,} 个隔离单元格，此处列出最近导入的 {shown:,} 个；全部可用 `zhaodong export --table quarantine` 导出。",
        "en": "{total:,} quarantined cells in all; the {shown:,} of the latest ingests are listed here, "
        "`zhaodong export --table quarantine` writes every one.",
    },
    "distribution_drawn": {
        "zh": "一组超过 {n} 个村时按分布绘制：箱线与直方轮廓（宽度为各区间村数），逐村数值见表格",
        "en": "A group of more than {n} villages is drawn as its distribution: box and histogram outline "
        "(its width the villages in each bin); the table lists every village",
    },
    "distribution_bin": {
        "zh": "{low} – {high}：{n} 个村",
        "en": "{low} – {high}: {n} villages",
    },
    "compare_legend": {
        "zh": "图例：箱体为中间一半的村（四分位距），箱内横线为中位数，黑色虚线为均值；红旗村为菱形，其他村为圆形；"
        "空心点为区间、下限或约数（按代表值绘制，竖线为其区间）。",
        "en": "How to read it: the box holds the middle half of the villages (interquartile range), "
        "its line is the median and the dotted black line the mean; red-flag villages are diamonds, "
        "the others circles; hollow markers are ranges, bounds or approximate values (drawn at "
        "their point value, the bar is their interval).",
    },
    "towns_legend": {
        "zh": "图例：灰色条为乡镇全部村的中位数，菱形为红旗村中位数，空心圆为其他村中位数，黑色虚线为全市中位数；"
        "“仅1村”的中位数就是该村的数值。",
        "en": "How to read it: the grey bar is the median over all of a town's villages, the diamond the "
        "red-flag villages' median, the hollow circle the others'; the dotted line is the city "
        'median. A median of "1 village" is that village\'s own value.',
    },
    "one_village_mark": {"zh": "（仅1村）", "en": " (1 village)"},
    "villages_count": {"zh": "村数", "en": "Villages"},
    "flags_count": {"zh": "红旗数", "en": "Flags"},
    "median_outcome": {"zh": "中位数", "en": "Median"},
    "village_search": {"zh": "查找村（中文、拼音或英文）", "en": "Find a village (Chinese, pinyin or English)"},
    "village_search_placeholder": {"zh": "输入以查找，例如：永丰、yongfeng", "en": "Type to find, e.g. 永丰, Yongfeng"},
    "village_flags": {"zh": "红旗", "en": "Flags"},
    "village_no_flags": {"zh": "无红旗", "en": "No flag"},
    "village_outcomes": {"zh": "历年指标", "en": "Outcomes over the years"},
    "village_published": {"zh": "公开报道中的数字", "en": "Figures in published reports"},
    "sources_facts": {
        "zh": "公开数字登记表（原文、读取值与校正）",
        "en": "Published figures (raw, reading and correction)",
    },
    "sources_ingests": {"zh": "已导入的台账", "en": "Ingested ledgers"},
    "sources_quarantine": {"zh": "隔离的行（未导入）", "en": "Quarantined rows (not loaded)"},
    "sources_synthetic_share": {"zh": "合成数值占比：{share}", "en": "Share of synthetic values: {share}"},
    "data_sheet": {"zh": "数据", "en": "data"},
    "ingest_status_ingested": {"zh": "已导入", "en": "ingested"},
    "ingest_status_reverted": {"zh": "已撤销", "en": "reverted"},
    "flags_synthetic_share": {"zh": "合成红旗占比：{share}", "en": "Share of synthetic flags: {share}"},
    "none_yet": {"zh": "暂无", "en": "none yet"},
    "how_computed": {"zh": "计算方法", "en": "How this was computed"},
    "how_computed_text": {
        "zh": "每个点是一个村在所选年份的数值；区间与下限按代表值（区间中点、已知下限）计，并以空心标记和误差线显示。均值差的 95% 置信区间按 Welch t 方法计算。",
        "en": "Each point is one village in the chosen year; ranges and bounds are read at their point value (midpoint, known bound) "
        "and drawn hollow with error bars. The 95% CI of the difference in means is Welch's t interval.",
    },
    "last_update": {"zh": "最近更新", "en": "Last update"},
    "col_id": {"zh": "编号", "en": "ID"},
    "col_code": {"zh": "村代码", "en": "Village code"},
    "col_literal": {"zh": "字面读数", "en": "Literal reading"},
    "col_low": {"zh": "下限", "en": "Low"},
    "col_high": {"zh": "上限", "en": "High"},
    "col_point": {"zh": "代表值", "en": "Point value"},
    "col_base_value": {"zh": "{year}年数值", "en": "Value in {year}"},
    "col_change_point": {"zh": "变化代表值", "en": "Change, point value"},
    "col_change_pct": {"zh": "较{year}年变化（%）", "en": "Change since {year} (%)"},
    "base_year": {"zh": "变化起点", "en": "Change since"},
    "col_unit": {"zh": "单位", "en": "Unit"},
    "col_period": {"zh": "期间", "en": "Period"},
    "col_rule": {"zh": "校正规则", "en": "Correction rule"},
    "col_reason": {"zh": "校正理由", "en": "Reason for the correction"},
    "col_paragraph": {"zh": "段落", "en": "Paragraph"},
    "col_attribution": {"zh": "归属可信度", "en": "Attribution"},
    "col_file": {"zh": "文件", "en": "File"},
    "col_at": {"zh": "导入时间", "en": "Ingested at"},
    "col_rows_read": {"zh": "读取行数", "en": "Rows read"},
    "col_rows_clean": {"zh": "有效行", "en": "Clean"},
    "col_rows_quarantined": {"zh": "隔离行", "en": "Quarantined"},
    "col_rows_skipped": {"zh": "跳过行", "en": "Skipped"},
    "col_status": {"zh": "状态", "en": "Status"},
    "col_sheet": {"zh": "工作表", "en": "Sheet"},
    "col_row": {"zh": "行", "en": "Row"},
    "col_column": {"zh": "列", "en": "Column"},
    "col_reason_quarantine": {"zh": "原因", "en": "Reason"},
    "upload_title": {"zh": "导入台账", "en": "Load a ledger"},
    "upload_hint": {
        "zh": "拖入或点击选择台账文件（CSV、XLSX、XLS）：先检查，再导入。",
        "en": "Drop or choose a ledger file (CSV, XLSX, XLS): it is checked first, then loaded.",
    },
    "upload_report": {
        "zh": "{file}：读取 {rows_read} 行，有效 {rows_clean} 行，隔离 {rows_quarantined} 行，跳过 {rows_skipped} 行。",
        "en": "{file}: {rows_read} rows read: {rows_clean} clean, {rows_quarantined} quarantined, {rows_skipped} skipped.",
    },
    "upload_unreadable": {"zh": "无法读取：{error}", "en": "Cannot be read: {error}"},
    "upload_cells": {
        "zh": "共有 {cells} 个数值未导入（见下表）；同一行中其余可读的数值照常导入。",
        "en": "{cells} value(s) will not be loaded (below); the other readable values of their rows are.",
    },
    "upload_examples": {
        "zh": "下表每种原因最多列出 {examples} 个单元格（共 {entries} 个）；全部隔离单元格在导入后见“来源”页。",
        "en": "At most {examples} cells of each reason are listed below ({entries} in all); once loaded, "
        "the Sources page lists every quarantined cell.",
    },
    "upload_ignored": {"zh": "未读取的列", "en": "Columns not read"},
    "compare_caveat": {
        "zh": "红旗并非随机授予：基础较好的村更可能获评。两组之差可能反映选择，而不只是红旗的作用；"
        "比较各村自身获旗前后变化的估计见“趋势”页。",
        "en": "Flags were not awarded at random: villages that were already strong were likelier to get one. "
        "The difference may reflect selection, not only the flag; the within-village estimate (each village "
        "before and after its award) is on the Trends page.",
    },
    "layout_title": {"zh": "文件是如何读取的", "en": "How the file was read"},
    "layout_sheet": {
        "zh": "工作表“{sheet}”：表头第 {header} 行{units}；年份 {year}（{year_from}）；数据 {count} 行{totals}{notes}{hidden}。",
        "en": "Sheet “{sheet}”: header on row(s) {header}{units}; year {year} ({year_from}); {count} data row(s)"
        "{totals}{notes}{hidden}.",
    },
    "layout_units": {"zh": "（单位行第 {rows} 行）", "en": " (unit row {rows})"},
    "layout_totals": {"zh": "，合计行第 {rows} 行", "en": "; total rows {rows}"},
    "layout_notes": {"zh": "，注释行第 {rows} 行", "en": "; note rows {rows}"},
    "layout_hidden": {"zh": "，隐藏行第 {rows} 行（已读取）", "en": "; hidden rows {rows} (read)"},
    "layout_turned": {
        "zh": "工作表“{sheet}”：指标按行排列（{how}），已转为每村一行读取；第 {header} 行为表头。",
        "en": "Sheet “{sheet}”: its lines are rows ({how}); read turned, one row per village; header on row {header}.",
    },
    "layout_villages_in_columns": {"zh": "每村一列", "en": "one column per village"},
    "layout_one_village": {"zh": "一村一表", "en": "one sheet per village"},
    "year_from_title": {"zh": "来自标题", "en": "from the title"},
    "year_from_sheet_name": {"zh": "来自表名或文件名", "en": "from the sheet or file name"},
    "year_from_recipe": {"zh": "来自读取方案", "en": "from the reading recipe"},
    "year_from_rows": {"zh": "各行自带", "en": "in each row"},
    "layout_hint": {
        "zh": "如有列读错，可在“读作”和“单位”两列中修改，再点“按修改重新读取”；"
        "修改会保存为读取方案，随导入一并记录，也可下载供下次使用。",
        "en": "Where a column is read wrong, change its “Read as” or “Unit” cell and press “Re-read with these "
        "changes”; the changes become a reading recipe, kept with the ingest, and can be downloaded for next time.",
    },
    "apply_recipe_button": {"zh": "按修改重新读取", "en": "Re-read with these changes"},
    "save_recipe_button": {"zh": "下载读取方案", "en": "Download the reading recipe"},
    "recipe_in_use": {
        "zh": "正在按读取方案读取（已修改 {n} 列）。导入时方案将一并记录。",
        "en": "Read with a reading recipe ({n} column(s) changed). The recipe is kept with the ingest.",
    },
    "col_header": {"zh": "表头", "en": "Header"},
    "col_reading": {"zh": "读作", "en": "Read as"},
    "col_unit_from": {"zh": "单位来源", "en": "Unit from"},
    "col_how_read": {"zh": "读取结果", "en": "How it was read"},
    "reading_key": {"zh": "键：{field}", "en": "key: {field}"},
    "reading_not_read": {"zh": "未读取：{reason}", "en": "not read: {reason}"},
    "reading_personal": {"zh": "个人信息，不读取、不保存", "en": "personal data: never read or kept"},
    "reading_ignore": {"zh": "（不读取）", "en": "(do not read)"},
    "field_village": {"zh": "村名", "en": "village"},
    "field_town": {"zh": "乡镇", "en": "town"},
    "field_year": {"zh": "年份", "en": "year"},
    "field_code": {"zh": "区划代码", "en": "division code"},
    "field_index": {"zh": "序号", "en": "row number"},
    "field_note": {"zh": "备注", "en": "note"},
    "field_red_flag": {"zh": "红旗类别", "en": "red-flag aspect"},
    "field_project": {"zh": "项目", "en": "project"},
    "unit_from_header": {"zh": "表头", "en": "header"},
    "unit_from_unit_row": {"zh": "单位行", "en": "unit row"},
    "unit_from_title": {"zh": "标题“单位”", "en": "title (单位)"},
    "unit_from_recipe": {"zh": "读取方案", "en": "recipe"},
    "preview_title": {"zh": "导入后将发生的变化", "en": "What loading it would change"},
    "preview_new": {
        "zh": "{new} 个“村·年度·指标”将获得真实数值（{villages} 个村；年度：{years}；指标：{metrics}）。",
        "en": "{new} village-year-metric(s) get real values ({villages} villages; years {years}; metrics: {metrics}).",
    },
    "preview_superseded": {
        "zh": "将替换 {n} 个现有台账数值，其中 {changed} 个数值不同（旧值保留为历史）。",
        "en": "{n} current ledger value(s) are replaced, {changed} of them by a different value "
        "(the old ones stay as history).",
    },
    "preview_flags": {"zh": "{n} 处红旗将改变（原有 → 导入后）：", "en": "{n} flag(s) change (before → after):"},
    "preview_first": {
        "zh": "这是第一份台账：导入后，各页面默认只显示台账中有数值的 {after} 个村（真实数据），其余村不再显示合成数值；"
        "页首“数据”可选择“台账＋演示”或“仅演示”。",
        "en": "This is the first ledger: afterwards every page shows, by default, only the {after} villages it gives "
        "values for (real data) and no synthetic values; “Data” at the top offers “Ledgers with demo” and "
        "“Demo only”.",
    },
    "preview_after": {
        "zh": "导入后，有真实数值的村由 {before} 个变为 {after} 个。",
        "en": "Afterwards {after} villages have real values (now {before}).",
    },
    "preview_already": {
        "zh": "此文件已导入过：再次导入不会改变任何内容。",
        "en": "This file was loaded before: loading it again changes nothing.",
    },
    "col_before": {"zh": "原有", "en": "Before"},
    "col_after": {"zh": "导入后", "en": "After"},
    "revert_label": {"zh": "撤销一次导入", "en": "Revert an ingest"},
    "revert_button": {"zh": "撤销所选导入", "en": "Revert the chosen ingest"},
    "upload_no_flag_column": {
        "zh": "此台账没有“红旗类别”列：它不说明哪些村获旗。其村庄的红旗状态取自已公布的名录和先前的台账，"
        "两处都没有的村将算作未获旗的“其他村”。",
        "en": "This ledger has no red-flag column (红旗类别): it says nothing of which villages were flagged. Its "
        "villages' flags come from the published register and earlier ledgers; a village in neither counts as "
        "not flagged.",
    },
    "no_such_village": {"zh": "没有代码为 {code} 的村。", "en": "No village with the code {code}."},
    "revert_not_a_number": {
        "zh": "请选择要撤销的导入（编号须为正整数）。",
        "en": "Choose the ingest to revert (a whole number).",
    },
    "revert_done": {
        "zh": "已撤销第 {id} 次导入：{n} 个数值已撤回，被其替换的数值恢复为当前值（不删除任何记录）。",
        "en": "Ingest #{id} reverted: {n} value(s) withdrawn; what they had replaced is current again "
        "(nothing is deleted).",
    },
    "accept_outliers": {
        "zh": "接受量级异常的数值（超过该列中位数 1,000 倍的数值将保留，而非隔离）",
        "en": "Accept outliers (keep values over 1,000 times their column's median instead of quarantining them)",
    },
    "ingest_button": {"zh": "确认导入", "en": "Load into the store"},
    "cancel_button": {"zh": "取消", "en": "Cancel"},
    "nav_trends": {"zh": "趋势", "en": "Trends"},
    "notes_sheet": {"zh": "说明", "en": "notes"},
    "caveat_short": {
        "zh": "红旗并非随机授予：差异可能反映选择",
        "en": "flags were not random: the difference may reflect selection",
    },
    "note_title": {"zh": "标题", "en": "Title"},
    "note_selection": {"zh": "选择", "en": "Selection"},
    "note_source": {"zh": "来源", "en": "Source"},
    "note_data_kind": {"zh": "数据性质", "en": "Data"},
    "note_caveat": {"zh": "注意", "en": "Caveat"},
    "note_exported": {"zh": "导出时间", "en": "Exported"},
    "kind_synthetic": {"zh": "合成（模拟）数据，并非真实台账", "en": "SYNTHETIC (simulated), not real ledgers"},
    "kind_real": {"zh": "真实数据（台账与公开报道）", "en": "real (ledgers and published reports)"},
    "kind_mixed": {"zh": "混合：{share:.0%} 为合成数据", "en": "mixed: {share:.0%} synthetic"},
    "trends_title": {
        "zh": "{outcome}：红旗村与从未获红旗的村，逐年均值",
        "en": "{outcome}: red-flag and never-flagged villages, mean by year",
    },
    "never_flagged": {"zh": "从未获红旗的村", "en": "Never-flagged villages"},
    "award_year_marker": {"zh": "{year} 年授旗", "en": "awarded {year}"},
    "mean_outcome": {"zh": "均值（95% 置信区间）", "en": "Mean (95% CI)"},
    "event_study_title": {
        "zh": "事件研究：授旗前后各年的差异（以授旗前一年为基准）",
        "en": "Event study: the difference in each year around the award (reference: the year before)",
    },
    "years_from_award": {"zh": "距授旗年份", "en": "Years from the award"},
    "log_points": {"zh": "对数点（0.1 ≈ 10%）", "en": "Log points (0.1 ≈ 10%)"},
    "estimate": {"zh": "估计值", "en": "Estimate"},
    "method_twfe": {"zh": "双向固定效应", "en": "Two-way fixed effects"},
    "method_imputation": {
        "zh": "插补估计量（Borusyak–Jaravel–Spiess）",
        "en": "Imputation estimator (Borusyak–Jaravel–Spiess)",
    },
    "effect_result": {
        "zh": "{method}估计：{estimate:+.3f} 对数点（约 {percent:+.1%}），95% 置信区间 [{low:+.3f}, {high:+.3f}]，"
        "p {p}；{n_villages} 个村（{n_treated} 个获旗），{n_obs} 个村·年。",
        "en": "{method}: {estimate:+.3f} log points (about {percent:+.1%}), 95% CI "
        "[{low:+.3f}, {high:+.3f}], p {p}; {n_villages} villages ({n_treated} flagged), {n_obs} village-years.",
    },
    "effect_bootstrap": {
        "zh": "{method}估计：{estimate:+.3f} 对数点；聚类少于 20 个，采用野聚类自助法（Webb 权重）：p {p}，95% 置信区间 {ci}。",
        "en": "{method}: {estimate:+.3f} log points; fewer than 20 clusters, so the wild "
        "cluster bootstrap (Webb weights): p {p}, 95% CI {ci}.",
    },
    "by_town": {
        "zh": "按乡镇聚类（{clusters} 个乡镇{how}）：95% 置信区间 {ci}，p {p}。",
        "en": "Clustered by town ({clusters} towns{how}): 95% CI {ci}, p {p}.",
    },
    "by_town_bootstrap": {"zh": "，少于 20 个，用野聚类自助法", "en": ", fewer than 20: the wild cluster bootstrap"},
    "by_town_crv": {"zh": "，不少于 20 个，用 CRV1", "en": ", at least 20: CRV1"},
    "by_town_refused": {"zh": "按乡镇聚类：无法估计（{reason}）。", "en": "Clustered by town: no estimate ({reason})."},
    "sensitivity": {
        "zh": "敏感性：授旗前每年 {slope:.3f} 对数点的线性趋势，联合检验有 80% 的把握发现。授旗后各年平均效应的稳健 95% 置信集"
        "（Rambachan–Roth 相对幅度，条件—最不利混合检验，计入授旗前各项的抽样误差）：授旗后对平行趋势的偏离不超过授旗前最大变化时为 "
        "{robust}；偏离达到其 {mbar} 倍时才包含零。",
        "en": "Sensitivity: the pre-trend test detects a linear pre-trend of {slope:.3f} log points a year with 80% "
        "power. The robust 95% set for the average post-award effect (Rambachan–Roth relative magnitudes, the ARP "
        "conditional-least-favourable hybrid, allowing for the pre-award terms' sampling error) is {robust} when "
        "post-award departures from parallel trends are at most the largest pre-award change, and includes zero "
        "once they reach {mbar}× it.",
    },
    "zeros_dropped": {
        "zh": "对数结果不含 {n} 个收入为零或负的村·年（零的对数无定义）；Poisson（PPML）可保留它们，见研究笔记本 03。",
        "en": "{n} village-years with a zero or negative value are left out of the log outcome (the log of zero is "
        "undefined); Poisson (PPML) keeps them: see research notebook 03.",
    },
    "cohorts_warning": {
        "zh": "授旗年份有 {n} 个（{years}）：双向固定效应对各批次和授旗后各年加权不均，若效应因批次不同或随授旗年数增长则有偏。"
        "此处用插补估计量；事件研究授旗前各项只用尚未获旗的村·年估计。",
        "en": "Awards in {n} years ({years}): two-way fixed effects weighs the cohorts and the years since award "
        "unevenly and is biased if the effect differs by cohort or grows over time. Shown: the imputation "
        "estimator; the event study's pre-award terms use not-yet-awarded village-years only.",
    },
    "twfe_refused": {"zh": "无法估计：{reason}", "en": "No estimate: {reason}"},
    "pretrend_result": {
        "zh": "授旗前各年差异为零的联合检验：F({df1}, {df2}) = {F:.2f}，p {p}。",
        "en": "Joint test that the pre-award differences are zero: F({df1}, {df2}) = {F:.2f}, p {p}.",
    },
    "trends_caveat": {
        "zh": "红旗并非随机授予：原本较强的村更可能获旗。双向固定效应只比较各村自身授旗前后的变化，假定若无红旗两组走势平行；"
        "授旗前各年的差异（事件研究）可检验这一假定，但不能证明它。",
        "en": "Flags were not awarded at random: stronger villages were likelier to get one. Two-way fixed "
        "effects compare each village's change after its award with the others', assuming the "
        "groups would have moved in parallel without flags; the pre-award differences (event "
        "study) test that assumption but cannot prove it.",
    },
    "trends_caption": {
        "zh": "来源：{source}。每年的 n 见表格。更新于 {updated}。",
        "en": "Source: {source}. The n of each year is in the table. Updated {updated}.",
    },
    "col_group": {"zh": "组别", "en": "Group"},
    "col_n": {"zh": "村数", "en": "n"},
    "col_mean": {"zh": "均值", "en": "Mean"},
    "col_ci_low": {"zh": "95% 下限", "en": "95% low"},
    "col_ci_high": {"zh": "95% 上限", "en": "95% high"},
    "ingest_not_allowed": {
        "zh": "您的账户不能导入或撤销台账；请联系管理员。",
        "en": "Your account may not load or revert ledgers; ask the administrator.",
    },
    "ingest_done": {
        "zh": "已导入（第 {id} 次导入）。各页面现在使用导入的台账。",
        "en": "Loaded (ingest #{id}). Every page now uses the ingested ledgers.",
    },
    "ingest_running": {
        "zh": "正在导入（已用 {seconds} 秒）…… 可点“取消”停止读取；写入开始后不能取消。",
        "en": "Loading ({seconds} s so far)… “Cancel” stops the reading; once writing starts it cannot be stopped.",
    },
    "ingest_reading_file": {
        "zh": "正在读取文件：{percent}%（已用 {seconds} 秒）…… 可点“取消”停止读取。",
        "en": "Reading the file: {percent}% ({seconds} s so far)… “Cancel” stops the reading.",
    },
    "ingest_checking_rows": {
        "zh": "正在检查各行：第 {done} 行，共 {total} 行（{percent}%，已用 {seconds} 秒）…… 可点“取消”停止读取。",
        "en": "Checking rows: {done} of {total} ({percent}%, {seconds} s so far)… “Cancel” stops the reading.",
    },
    "ingest_writing": {
        "zh": "正在写入存储（已用 {seconds} 秒）：写入开始后不能取消。",
        "en": "Writing to the store ({seconds} s so far): once writing starts it cannot be cancelled.",
    },
    "ingest_cancelled": {"zh": "已取消导入：未写入任何数据。", "en": "Loading cancelled: nothing was written."},
    "ingest_cancel_too_late": {
        "zh": "取消太晚：台账已写入（第 {id} 次导入）；如需撤回，请在下方撤销。",
        "en": "Too late to cancel: the ledger was written (ingest #{id}); revert it below if need be.",
    },
    "ingest_failed": {"zh": "导入失败：{reason}", "en": "Loading failed: {reason}"},
    "ingest_lost": {
        "zh": "导入中断（服务进程已停止）；存储未改变，请重新上传。",
        "en": "Loading was interrupted (its server process stopped); the store is unchanged: upload again.",
    },
    "ingest_unchanged": {
        "zh": "此文件已导入过（第 {id} 次导入），未作改动。",
        "en": "This file was loaded before (ingest #{id}); nothing changed.",
    },
    "ingest_off": {"zh": "此服务器未开放导入；请用命令：", "en": "Loading is off on this server; use the command"},
    "sources_caption": {"zh": "{n} 条公开数字，来自 {k} 个来源", "en": "{n} published figures from {k} sources"},
    "towns_caption": {
        "zh": "来源：{source}。{n_with} 村有数值，{n_missing} 村缺失。更新：{updated}。",
        "en": "Source: {source}. {n_with} villages with a value, {n_missing} missing. Updated {updated}.",
    },
    "years_axis": {"zh": "年份", "en": "Year"},
    "unit_header_money": {"zh": "（元）", "en": " (¥)"},
    "unit_suffix_mu": {"zh": " 亩", "en": " mu"},
    "per_mu": {"zh": "/亩", "en": " per mu"},
    "per_person": {"zh": "/人", "en": " per person"},
    "per_household": {"zh": "/户", "en": " per household"},
    "per_year": {"zh": "/年", "en": " a year"},
    "per_month": {"zh": "/月", "en": " a month"},
    "per_day": {"zh": "/天", "en": " a day"},
}

# Names of the metrics that only published figures have (not ledger or panel outcomes, so not in
# metrics.csv, whose names every outcome metric takes); a test keeps the two apart.
PUBLISHED_METRIC_NAMES = {
    "cold_storage_built": {"zh": "冷库建成年份", "en": "Cold storage built (year)"},
    "company_net_profit": {"zh": "企业净利润", "en": "Company net profit"},
    "cooperative_net_benefit": {"zh": "合作社社员纯收益", "en": "Cooperative members' net benefit"},
    "member_dividends": {"zh": "社员分红", "en": "Member dividends"},
    "net_income_per_capita": {"zh": "人均纯收入", "en": "Net income per capita"},
    "land_contracted": {"zh": "订单种植土地", "en": "Land contracted"},
    "contract_income": {"zh": "订单收入", "en": "Contract income"},
    "contract_premium": {"zh": "订单溢价", "en": "Contract premium"},
}


def text(key: str, lang: str, **values) -> str:
    """The catalog entry in the language; {placeholders} filled from `values`."""
    entry = STRINGS[key][lang if lang in ("zh", "en") else "zh"]
    return entry.format(**values) if values else entry


def qualifier_names(lang: str) -> dict[str, str]:
    """What each qualifier of a read figure is called on a page (精确, 约数, 下限（至少）, …)."""
    from ..parsing import READ_QUALIFIERS

    return {q: text(f"qualifier_{q}", lang) for q in READ_QUALIFIERS}


def metric_name(metric: str, lang: str) -> str:
    """A metric as a page names it: its metrics.csv name (an English one capitalised), a
    published-only metric's name, or the header a ledger gave an extra metric."""
    from ..metrics import metric_label

    if metric in PUBLISHED_METRIC_NAMES:
        return PUBLISHED_METRIC_NAMES[metric][lang if lang in ("zh", "en") else "zh"]
    label = metric_label(metric, lang)
    return label[:1].upper() + label[1:] if lang == "en" and not metric.startswith("extra:") else label
