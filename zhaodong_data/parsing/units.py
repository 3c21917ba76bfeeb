"""Vocabulary of units, multipliers, periods and qualifiers, Chinese and English.

Money is read in yuan and area in 亩 (mu). Each table is ordered longest first
where one word contains another ("hundred million" before "million").
"""

from __future__ import annotations

MU_PER_SHANG = 15.0  # 1 垧/坰 = 15 亩 in Heilongjiang
MU_PER_HECTARE = 15.0
MU_PER_SQUARE_METRE = 0.0015  # 1 亩 = 666.67 m²

# (pattern, unit, factor to the base unit, flag). Patterns are regex fragments.
MONEY_UNITS = [
    (r"人民币", "CNY"), (r"rmb", "CNY"), (r"cny", "CNY"), (r"renminbi", "CNY"),
    (r"yuan", "CNY"), (r"元整", "CNY"), (r"元", "CNY"), (r"圆整", "CNY"), (r"圆", "CNY"),
    (r"块钱", "CNY"), (r"块", "CNY"), (r"¥", "CNY"),
    (r"us\$", "USD"), (r"usd", "USD"), (r"美元", "USD"), (r"us dollars?", "USD"),
    (r"dollars?", "USD"), (r"\$", "USD"),
]

AREA_UNITS = [
    (r"square met(?:er|re)s?", MU_PER_SQUARE_METRE, None),
    (r"sq\.? ?m", MU_PER_SQUARE_METRE, None),
    (r"平方米", MU_PER_SQUARE_METRE, None), (r"平米", MU_PER_SQUARE_METRE, None),
    (r"m²", MU_PER_SQUARE_METRE, None), (r"m2", MU_PER_SQUARE_METRE, None),
    (r"hectares?", MU_PER_HECTARE, None), (r"公顷", MU_PER_HECTARE, None), (r"ha", MU_PER_HECTARE, None),
    (r"crickets?", MU_PER_SHANG, "shang_as_cricket"),
    (r"shang", MU_PER_SHANG, None), (r"垧", MU_PER_SHANG, None), (r"坰", MU_PER_SHANG, None),
    (r"晌", MU_PER_SHANG, None),
    (r"mu", 1.0, None), (r"亩", 1.0, None), (r"畝", 1.0, None),
]

COUNT_UNITS = [
    (r"个行政村", "village"), (r"个村", "village"), (r"villages?", "village"), (r"村", "village"),
    (r"households?", "household"), (r"户", "household"), (r"家庭", "household"),
    (r"people", "person"), (r"persons?", "person"), (r"farmers", "person"),
    (r"residents", "person"), (r"workers", "person"), (r"人次", "person"), (r"人", "person"),
    (r"名", "person"), (r"位", "person"),
    (r"enterprises", "entity"), (r"business entities", "entity"), (r"家", "entity"),
    (r"个", "item"), (r"项", "item"), (r"处", "item"),
]

# English multiplier words; Chinese ones are characters (numerals.MULTIPLIER_CHARS).
ENGLISH_MULTIPLIERS = {
    "hundred million": 8, "ten thousand": 4, "wan": 4, "yi": 8,
    "thousand": 3, "million": 6, "billion": 9, "k": 3, "mn": 6, "mln": 6, "m": 6, "bn": 9, "bln": 9,
}

PER_WORDS = [
    (r"per capita", "person"), (r"per person", "person"), (r"per head", "person"),
    (r"人均", "person"), (r"每人", "person"), (r"/人", "person"), (r"/ ?person", "person"),
    (r"per mu", "mu"), (r"每亩", "mu"), (r"亩均", "mu"), (r"/亩", "mu"), (r"/ ?mu", "mu"),
    (r"per household", "household"), (r"户均", "household"), (r"每户", "household"),
    (r"/户", "household"), (r"/ ?household", "household"),
    (r"per square met(?:er|re)", "square_metre"), (r"/ ?square met(?:er|re)", "square_metre"),
    (r"每平方米", "square_metre"), (r"/ ?平方米", "square_metre"), (r"/ ?平米", "square_metre"),
    (r"/ ?m2", "square_metre"), (r"/ ?m²", "square_metre"), (r"/ ?sq\.? ?m", "square_metre"),
]

# A compound rate names its period after a middle dot: 元/人·月, 元/平方米·年.
_DOT = "[·・•∙]"

PERIOD_WORDS = [
    (r"per month", "month"), (r"a month", "month"), (r"monthly", "month"), (r"/ ?month", "month"),
    (r"每月", "month"), (r"月均", "month"), (r"/月", "month"), (r"月收入", "month"),
    (r"per year", "year"), (r"a year", "year"), (r"annually", "year"), (r"per annum", "year"),
    (r"yearly", "year"), (r"/ ?year", "year"), (r"每年", "year"), (r"年均", "year"),
    (r"/年", "year"), (r"年收入", "year"), (r"全年", "year"),
    (r"per day", "day"), (r"a day", "day"), (r"daily", "day"), (r"/ ?day", "day"),
    (r"日均", "day"), (r"每天", "day"), (r"每日", "day"), (r"/天", "day"), (r"/日", "day"),
    (_DOT + r" ?月", "month"), (_DOT + r" ?年", "year"), (_DOT + r" ?[天日]", "day"),
]

# Qualifiers standing before a figure.
PREFIX_QUALIFIERS = [
    (r"more than", "at_least"), (r"at least", "at_least"), (r"over", "at_least"),
    (r"above", "at_least"), (r"exceeding", "at_least"), (r"in excess of", "at_least"),
    (r"超过", "at_least"), (r"超", "at_least"), (r"逾", "at_least"), (r"过", "at_least"),
    (r"上", "at_least"), (r"不低于", "at_least"), (r"不少于", "at_least"), (r"至少", "at_least"),
    (r"less than", "at_most"), (r"fewer than", "at_most"), (r"under", "at_most"),
    (r"below", "at_most"), (r"at most", "at_most"), (r"up to", "at_most"), (r"no more than", "at_most"),
    (r"不到", "at_most"), (r"不足", "at_most"), (r"低于", "at_most"), (r"少于", "at_most"),
    (r"不超过", "at_most"), (r"最多", "at_most"),
    (r"approximately", "approx"), (r"approx\.?", "approx"), (r"about", "approx"),
    (r"around", "approx"), (r"nearly", "approx"), (r"almost", "approx"), (r"roughly", "approx"),
    (r"some", "approx"), (r"close to", "approx"), (r"estimated", "approx"),
    (r"大约", "approx"), (r"约", "approx"), (r"将近", "approx"), (r"接近", "approx"),
    (r"近", "approx"), (r"大概", "approx"),
    (r"大于", "at_least"), (r"小于", "at_most"),
    # signs, as tables (and this package's own exports) write bounds: ≥ 30万元, ≈ 129万元; only
    # before the figure (a ~ between two figures is a range)
    (r"^\s*(?:≥|≧|>=|＞|>)", "at_least"), (r"^\s*(?:≤|≦|<=|＜|<)", "at_most"), (r"^\s*(?:≈|≒|～|~)", "approx"),
]

# Qualifiers standing after a figure. 以上 is bounded like 余 (a Chinese figure's last digit).
SUFFIX_QUALIFIERS = [
    (r"or more", "at_least"), (r"and above", "at_least"), (r"or less", "at_most"),
    (r"and below", "at_most"), (r"以下", "at_most"), (r"以内", "at_most"),
    (r"左右", "approx"), (r"上下", "approx"), (r"许", "approx"),
]

MISSING_WORDS = frozenset({
    "", "-", "--", "---", "—", "——", "–", "/", "\\", "不详", "暂无", "未知", "n/a", "na", "nan",
    "null", "missing", "…", "...", "?", "？", "空", "缺",
})
ZERO_WORDS = frozenset({"零", "无", "none", "nil", "zero", "没有"})
