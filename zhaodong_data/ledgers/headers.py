"""What a ledger's header cells mean: town, village, year, code, or a metric with its unit.

The mapping is data (`headers.csv`) that users extend. A header may carry a unit
(收入（万元）) and a year (2022年集体收入); a bare year (2022, 2022年) heads a
column of that year. Headers that map to nothing are kept as extra metrics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import pandas as pd

from ..metrics import MONEY_UNIT_WORDS
from ..package_data import read_package_csv
from ..parsing.numerals import fold
from ..parsing.script import simplified

KEY_FIELDS = ("town", "village", "year", "code", "index", "note", "red_flag", "project")
ASPECT_WORDS = {
    "党建": "party_building",
    "党的建设": "party_building",
    "partybuilding": "party_building",
    "party_building": "party_building",
    "发展": "development",
    "产业发展": "development",
    "development": "development",
    "服务": "service",
    "service": "service",
    "文明": "civilization",
    "civilization": "civilization",
    "和谐": "harmony",
    "harmony": "harmony",
}
UNIT_FACTORS = {
    "元": 1.0,
    "万元": 1e4,
    "亿元": 1e8,
    "千元": 1e3,
    "万": 1e4,
    "亿": 1e8,
    "百万元": 1e6,
    "yuan": 1.0,
    "10,000 yuan": 1e4,
    "ten thousand yuan": 1e4,
    "10000 yuan": 1e4,
}
# The unit words a header names (a money unit, 万 or 亿 alone, or what a count counts), longest
# first where one begins another (万元 before 万), and a rate after them (元/人·月: per person, per month).
HEADER_COUNT_WORDS = ("个", "户", "人", "家", "项")
UNIT_WORDS = "|".join(sorted({*MONEY_UNIT_WORDS, "万", "亿", *HEADER_COUNT_WORDS}, key=lambda w: (-len(w), w)))
UNIT_RATE = r"\s*(?:/\s*(?:人|户|亩|村)?\s*[·・.]?\s*(年|月|日|天)?)?"
_UNIT_IN_HEADER = re.compile(r"[(（\[]\s*(?:单位\s*[:：]\s*)?(" + UNIT_WORDS + ")" + UNIT_RATE + r"\s*[)）\]]")
PERIOD_WORDS = {"年": "year", "月": "month", "日": "day", "天": "day"}
_UNIT_DECLARATION = re.compile(
    r"单位\s*[:：]\s*(万元|亿元|千元|百万元|元)|(?:unit|in)\s*[:：]?\s*(10,000 yuan|yuan)", re.I
)
# The numbering of a form's indicator lines: 一、总收入, 1.经营收入, （一）, 其中：
LINE_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}\s*[、.．](?!\d)|其中\s*[:：]?)\s*"
)
YEAR_ONLY = re.compile(r"^((?:19|20)\d\d)\s*(?:年度|年)?(?:\.0)?$")
_YEAR_PREFIX = re.compile(r"^((?:19|20)\d\d)\s*(?:年度|年)\s*")
_YEAR_ANYWHERE = re.compile(r"((?:19|20)\d\d)\s*(?:年度|年)")


# Headers of personal data: such a column is never read, stored or shown.
PERSONAL_DATA_WORDS = (
    "姓名",
    "名字",
    "书记",
    "主任",
    "负责人",
    "联系人",
    "户主",
    "电话",
    "手机",
    "身份证",
    "证件",
    "name",
    "phone",
    "mobile",
    "tel",
    "id number",
    "id no",
    "contact",
)


def is_personal_data(header: str) -> bool:
    text = label_text(header)
    return any(word in text for word in PERSONAL_DATA_WORDS)


@dataclass(frozen=True)
class Column:
    """The meaning of one column: a key field, or a metric (and perhaps a year) with a unit factor."""

    header: str
    field: str | None = None  # town, village, year, code, index, note, or None for a value column
    metric: str | None = None
    year: int | None = None
    factor: float | None = None  # unit from the header: multiply unit-less cells by this
    unit_word: str | None = None
    extra: bool = False  # a header the mapping does not know: kept as its own metric
    period: str | None = None  # year, month or day, where the unit says it (元/人·月)
    unit_row: bool = False  # the unit came from a row of units under the names
    unit_conflict: str | None = None  # two units that disagree (header 万元, unit row 元): not read
    month: int | None = None  # a month column (1月 … 12月): summed into its year, never a year itself
    from_recipe: bool = False  # read as a reading recipe says, not as the header says

    @property
    def is_value(self) -> bool:
        return self.field is None and (self.metric is not None or self.year is not None or self.month is not None)


@lru_cache(maxsize=65536)
def label_text(text: str) -> str:
    """A label as it is matched: full-width folded, lower case, traditional characters simplified."""
    return simplified(fold(text))


def normalise(text: str) -> str:
    """The key a header is looked up by: folded, simplified, no spaces inside Chinese."""
    folded = label_text(text)
    return re.sub(r"\s+", "", folded) if re.search(r"[\u4e00-\u9fff]", folded) else folded


@lru_cache(maxsize=8)
def header_map(extra_path: str | None = None) -> dict[str, str]:
    """The shipped mapping, extended (and overridden) by a CSV of the user's with columns header, field."""
    table = read_package_csv(__package__, "headers.csv")
    if extra_path:
        extra = pd.read_csv(extra_path, dtype=str, keep_default_na=False)
        missing = {"header", "field"} - set(extra.columns)
        if missing:
            raise ValueError(f"{extra_path}: a header mapping needs the columns header and field")
        table = pd.concat([table, extra[["header", "field"]]], ignore_index=True)
    return {normalise(h): f for h, f in zip(table["header"], table["field"])}


def cell_text(value) -> str:
    """A cell as a person reads it: 2022.0 -> '2022', None -> ''."""
    if type(value) is str:  # most cells, millions in a large ledger: the short way
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer():
            return str(int(value))
    return str(value).strip()


def metric_slug(header: str) -> str:
    return "extra:" + re.sub(r"\s+", "_", header.strip())


def classify(header_text: str, mapping: dict[str, str] | None = None) -> Column:
    text = cell_text(header_text)
    if not text:
        return Column("")
    unit_word, factor = None, None
    base = label_text(text)
    unit_match = _UNIT_IN_HEADER.search(base)
    period = None
    if unit_match:
        unit_word = unit_match.group(1)
        factor = UNIT_FACTORS.get(unit_word)
        period = PERIOD_WORDS.get(unit_match.group(2) or "")
        base = (base[: unit_match.start()] + base[unit_match.end() :]).strip()
    year_match = YEAR_ONLY.match(base)
    if year_match:
        return Column(text, year=int(year_match.group(1)), factor=factor, unit_word=unit_word, period=period)
    year = None
    prefix = _YEAR_PREFIX.match(base)
    if prefix:
        year = int(prefix.group(1))
        base = base[prefix.end() :]
    month = month_of(base)
    if month is not None:  # 3月, 2022年3月: a month of a metric the group or the title names
        return Column(text, year=year, month=month, factor=factor, unit_word=unit_word, period=period)
    key = normalise(LINE_NUMBER.sub("", base))
    mapped = (mapping if mapping is not None else header_map()).get(key)
    if mapped in KEY_FIELDS:
        return Column(text, field=mapped)
    if mapped:
        return Column(text, metric=mapped, year=year, factor=factor, unit_word=unit_word, period=period)
    slug = metric_slug(base or text)
    return Column(text, metric=slug, year=year, factor=factor, unit_word=unit_word, extra=True, period=period)


_CHINESE_MONTHS = {name: n for n, name in enumerate("一二三四五六七八九十", start=1)} | {"十一": 11, "十二": 12}
_MONTH_ONLY = re.compile(r"^(1[0-2]|0?[1-9]|十[一二]|[一二三四五六七八九十])\s*月份?$")


def month_of(text: str) -> int | None:
    """1 … 12 for a header that is a month and nothing else (1月, 01月, 十二月份)."""
    match = _MONTH_ONLY.match(text.strip())
    if not match:
        return None
    word = match.group(1)
    return int(word) if word.isdigit() else _CHINESE_MONTHS[word]


def combine(parent: Column, child: Column) -> Column:
    """A column under a two-row header: 村集体经济收入（万元）over 2022, or 2022年 over 集体收入."""
    if not child.header:
        return parent
    if not parent.header or parent.header == child.header:
        return child
    if parent.field or child.field:
        return child if child.field else parent
    known = [c.metric for c in (child, parent) if c.metric and not c.extra]
    extras = [c.metric for c in (parent, child) if c.metric and c.extra]
    # unknown at every level: named by its path (总收入/合计 and 总支出/合计 are two columns)
    metric = next(iter(known), None) or (
        metric_slug("/".join(m.removeprefix("extra:") for m in extras)) if extras else None
    )
    return replace(
        child,
        header=f"{parent.header} / {child.header}",
        metric=metric,
        year=child.year or parent.year,
        factor=child.factor or parent.factor,
        unit_word=child.unit_word or parent.unit_word,
        period=child.period or parent.period,
        extra=not known and bool(extras),
        month=child.month or parent.month,
    )


def aspects_of(text: str) -> tuple[list[str], list[str]]:
    """A red-flag cell ('党建、服务', '发展红旗', 'Development') -> (aspects, words not understood)."""
    aspects, unknown = [], []
    for word in re.split(r"[、,，;；/\s]+", label_text(text).replace("party building", "partybuilding")):
        word = re.sub(r"(红旗|旗|类)$", "", word).replace(" ", "")
        if not word:
            continue
        if word in ASPECT_WORDS:
            aspects.append(ASPECT_WORDS[word])
        else:
            unknown.append(word)
    return list(dict.fromkeys(aspects)), unknown


def unit_declaration(text: str) -> tuple[str, float] | None:
    """'单位：万元' in a title or note row."""
    match = _UNIT_DECLARATION.search(label_text(text))
    if not match:
        return None
    word = match.group(1) or match.group(2)
    return word, UNIT_FACTORS[word.lower()]


_CHINESE_YEAR_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")
_CHINESE_YEAR = re.compile(r"[〇零○一二三四五六七八九]{4}(?=\s*(?:年度|年|$))")


def arabic_years(text: str) -> str:
    """Years written in Chinese digits (二〇二二年) in Arabic digits (2022年)."""
    return _CHINESE_YEAR.sub(lambda m: m.group(0).translate(_CHINESE_YEAR_DIGITS), text)


def year_in(text: str) -> int | None:
    """A single year named in a title ('2022年村集体经济收入台账', '二〇二二年…'); None if none or several."""
    years = set(_YEAR_ANYWHERE.findall(arabic_years(label_text(text))))
    return int(years.pop()) if len(years) == 1 else None


def metric_in(text: str, mapping: dict[str, str] | None = None) -> str | None:
    """The metric a title names, by the longest header word it contains."""
    folded = normalise(text)
    found = [
        (len(key), metric)
        for key, metric in (mapping if mapping is not None else header_map()).items()
        if metric not in KEY_FIELDS and len(key) >= 3 and key in folded
    ]
    return max(found)[1] if found else None
