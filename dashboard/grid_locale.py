"""The data grid's own words (AG Grid `localeText`) in Chinese, shipped with the app: nothing
is fetched from a CDN. Keys are AG Grid's; only those our grids can show are listed, and a
browser test walks the Chinese pages for any English word left."""

from __future__ import annotations

LOCALE_ZH = {
    # filters
    "applyFilter": "应用", "clearFilter": "清除", "resetFilter": "重置", "cancelFilter": "取消",
    "textFilter": "文本筛选", "numberFilter": "数值筛选", "dateFilter": "日期筛选", "setFilter": "选项筛选",
    "filterOoo": "筛选…", "empty": "请选择", "equals": "等于", "notEqual": "不等于",
    "lessThan": "小于", "greaterThan": "大于", "inRange": "介于", "inRangeStart": "从", "inRangeEnd": "到",
    "lessThanOrEqual": "小于或等于", "greaterThanOrEqual": "大于或等于",
    "contains": "包含", "notContains": "不包含", "startsWith": "开头是", "endsWith": "结尾是",
    "blank": "空白", "notBlank": "非空白", "before": "早于", "after": "晚于",
    "andCondition": "且", "orCondition": "或", "blanks": "（空白）",
    "invalidNumber": "不是有效数字", "invalidDate": "不是有效日期",
    "filterSummaryInactive": "为（全部）", "filterSummaryContains": "包含", "filterSummaryNotContains": "不包含",
    "filterSummaryTextEquals": "等于", "filterSummaryTextNotEqual": "不等于", "filterSummaryStartsWith": "开头是",
    "filterSummaryEndsWith": "结尾是", "filterSummaryBlank": "为空白", "filterSummaryNotBlank": "非空白",
    "filterSummaryInRange": "介于",
    # pagination and overlays
    "page": "页码", "of": "/", "to": "–", "more": "更多", "pageLastRowUnknown": "？",
    "firstPage": "第一页", "previousPage": "上一页", "nextPage": "下一页", "lastPage": "最后一页",
    "pageSizeSelectorLabel": "每页行数：", "noRowsToShow": "没有可显示的行", "noMatchingRows": "没有符合条件的行",
    "loadingOoo": "加载中…", "loadingError": "出错",
    # screen readers
    "ariaChecked": "已选中", "ariaUnchecked": "未选中", "ariaIndeterminate": "部分选中",
    "ariaColumnFiltered": "已筛选的列", "ariaFilterColumn": "按 CTRL ENTER 打开筛选",
    "ariaFilterFromValue": "起始值", "ariaFilterToValue": "结束值", "ariaFilterInput": "筛选输入",
    "ariaFilterMenuOpen": "打开筛选菜单", "ariaFilterValue": "筛选值", "ariaFilteringOperator": "筛选条件",
    "ariaLabelColumnFilter": "列筛选", "ariaLabelColumnMenu": "列菜单", "ariaLabelTooltip": "提示",
    "ariaMenuColumn": "按 ALT 下箭头打开列菜单", "ariaPageSizeSelectorLabel": "每页行数",
    "ariaSortableColumn": "按 ENTER 排序", "ariaSkeletonCellLoading": "正在加载行数据",
    "ariaRowSelectAll": "按空格键全选或取消全选",
}
