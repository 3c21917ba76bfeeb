"""Why a figure string is not read (`parsing.ParseReason`): code -> English and Chinese. A Chinese
template may leave out a parameter that is English detail (a numeral's fault in words)."""

CATALOG: dict[str, dict[str, str]] = {
    "too_large": {"en": "a number too large to be a figure", "zh": "数字过大，不是金额"},
    "infinite": {"en": "infinite value", "zh": "无穷大"},
    "formula": {"en": "a spreadsheet formula, not a figure", "zh": "电子表格公式，不是数字"},
    "error_value": {"en": "spreadsheet error value {raw!r}", "zh": "电子表格错误值 {raw}"},
    "phone": {"en": "a phone number, not an amount", "zh": "电话号码，不是金额"},
    "percent": {"en": "a percentage, not an amount", "zh": "百分比，不是金额"},
    "parentheses": {
        "en": "parentheses around a figure that is not a plain amount: {raw!r}",
        "zh": "括号中的不是一个普通金额：{raw}",
    },
    "true_false": {"en": "a true/false value, not an amount", "zh": "是/否值，不是金额"},
    "not_text": {"en": "not text: {kind}", "zh": "不是文本（{kind}）"},
    "unreadable": {"en": "unreadable ({error})", "zh": "无法读取（{error}）"},
    "malformed_numeral": {"en": "malformed Chinese numeral: {detail}", "zh": "中文数字写法有误"},
    "malformed_number": {"en": "malformed number", "zh": "数字写法有误"},
    "no_figure": {"en": "no figure found", "zh": "没有数字"},
    "several_figures": {"en": "several figures in one cell", "zh": "一个单元格中有多个数字"},
    "text_around": {"en": "text around the figure: {words!r}", "zh": "数字旁有其他文字：{words}"},
    "contradictory_qualifiers": {"en": "contradictory qualifiers", "zh": "限定词互相矛盾"},
    "reference": {
        "en": "a reference to another table or document, not an amount",
        "zh": "引用其他表格或文件，不是金额",
    },
    "date": {"en": "a date, not an amount", "zh": "日期，不是金额"},
    "code_like": {"en": "looks like a code or reference, not an amount", "zh": "像是编码或编号，不是金额"},
    "range_backwards": {"en": "range runs backwards", "zh": "范围前大后小"},
    "range_ten": {
        "en": "range {first} to {second}: the multiplier may or may not include 十; write both ends in full",
        "zh": "范围 {first} 到 {second} 写法不确定（倍数是否含“十”不明），请写全两端",
    },
}
