"""`parse_amount`: read one published figure string into an `Amount`.

The reading is literal: what the string says, with its uncertainty. Judgements
about what the author meant (a mistranslated 万, say) are flagged here and made
by the cleaning layer (`zhaodong_data.sources.corrections`), never silently.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from ..metrics import MONEY_WORDS
from . import units
from .numerals import MULTIPLIER_CHARS, Numeral, fold, multiplier_value, read_numeral, read_standard
from .reasons import ParseReason

QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range", "missing", "invalid")
READ_QUALIFIERS = QUALIFIERS[:5]  # those of a figure that was read (a value or bounds to show)


@dataclass(frozen=True, slots=True)
class Amount:
    """One figure: bounds in the base unit (yuan, mu) and what is known about them."""

    low: float | None
    high: float | None
    qualifier: str
    unit: str | None = None
    period: str | None = None
    per: str | None = None
    count_of: str | None = None
    flags: tuple[str, ...] = field(default=())
    reason: str | None = None

    @property
    def is_figure(self) -> bool:
        return self.qualifier not in ("missing", "invalid")

    @property
    def value(self) -> float | None:
        """The documented point reading: exact value, midpoint of a bounded
        interval, or the known bound of an open one (flagged by the qualifier)."""
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high


def takes_column_unit(flags) -> bool:
    """Whether a column's or sheet's unit (收入（万元）, 单位：万元) scales this figure: only a bare
    number does. A figure that names its own unit (12元) or writes its own multiplier (12万,
    3千, 十二万, 1.2 million) keeps its own scale. `flags`: a tuple or the ';'-joined text."""
    names = flags.split(";") if isinstance(flags, str) else flags
    return "unit_implicit" in names and "scale_implicit" in names


def _missing() -> Amount:
    return Amount(None, None, "missing")


def _invalid(reason: str) -> Amount:
    return Amount(None, None, "invalid", reason=reason)


# --- regular expressions, compiled once -----------------------------------------------


def _word(pattern: str) -> str:
    """English words need boundaries; Chinese characters do not."""
    return rf"(?<![a-z]){pattern}(?![a-z])" if re.match(r"[a-z]", pattern) else pattern


def _table(rows):
    """Compile a (pattern, label) table into one regex whose group index gives the label."""
    regex = re.compile("|".join(f"({_word(p)})" for p, *_ in rows))
    return regex, [row[1:] for row in rows]


_PLAIN = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?")
_DATE = re.compile(
    r"(?<![\d.])(?:19|20)\d\d\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?|"
    r"(?<![\d.])(?:19|20)\d\d(?:[-/]\d{1,2}(?:[-/]\d{1,2})?|\.\d{1,2}\.\d{1,2})(?![\d.])"
)
_MALFORMED = re.compile(r"\d+\.\d+\.\d+|\d,\d{1,2}(?!\d)|\d{4,},\d{3}")
_ONLY_PUNCTUATION = re.compile(r"^[\s\-—–~_/\\.…?？]*$")
_REFERENCE = re.compile(r"见表|附表|附件|详见|见附|表\s*\d|第\s*\d|(?<![a-z])(?:see|table|page|row|column)(?![a-z])")
# 12元5角3分: the 角 and 分 after 元 are tenths and hundredths of a yuan.
_JIAO_FEN = re.compile(
    r"(?<=[元圆])\s*(?:(?P<jiao>[\d零一二两三四五六七八九壹贰叁肆伍陆柒捌玖])角)?"
    r"\s*(?:(?P<fen>[\d零一二两三四五六七八九壹贰叁肆伍陆柒捌玖])分)?"
)
_CODE = re.compile(r"[a-z]\d|\d[a-z]{2,}")
_NEGATIVE = re.compile(r"净亏损|亏损|亏|(?<![a-z])(?:a )?(?:net )?(?:loss|deficit)(?: of)?(?![a-z])|负")

_PER, _PER_LABELS = _table(units.PER_WORDS)
_PERIOD, _PERIOD_LABELS = _table(units.PERIOD_WORDS)
_MONEY, _MONEY_LABELS = _table(units.MONEY_UNITS)
_AREA, _AREA_LABELS = _table(units.AREA_UNITS)
_COUNT, _COUNT_LABELS = _table(units.COUNT_UNITS)
# 上, 过, 超 and 近 qualify only what follows them directly (上千, 过亿), not 上年 or 超市.
_CN_FOLLOW = r"(?=\s*[\d零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟])"
_PREFIX, _PREFIX_LABELS = _table(
    [(p + _CN_FOLLOW if p in ("上", "过", "超", "近") else p, q) for p, q in units.PREFIX_QUALIFIERS]
)
_PREFIX_SHORT_CN = re.compile(r"上(?=[百千万亿])")
_SUFFIX, _SUFFIX_LABELS = _table(units.SUFFIX_QUALIFIERS)

# "48 ten thousand yuan", "48 10,000 yuan": a machine translation of 48万 (and of 亿).
_EN_DIGIT_UNIT = re.compile(
    r"(\d)\s*(ten thousand|hundred million)(?![a-z])|(\d)\s+(10,?000|100 million)(?=\s*(?:yuan|rmb|cny|元))"
)
_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_WORD_NUMBERS.update(
    {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
)
_WORD_NUMBER_RUN = re.compile(
    r"(?<![a-z])(?:(?:" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r"|hundred)"
    r"(?:[\s-]+(?:and[\s-]+)?)?)+(?![a-z])"
)
_EN_VAGUE = re.compile(
    r"^(?:(?:several|a few)\s+(?P<several>(?:(?:hundred|thousand|million|billion)\s*)+)"
    r"|(?P<plural>tens|hundreds|thousands|millions|billions)(?:\s+of\s+(?P<of>thousands|millions|billions))?)"
    r"(?:\s+of)?$"
)
_EN_VAGUE_WORDS = {
    "ten": 1,
    "tens": 1,
    "hundred": 2,
    "hundreds": 2,
    "thousand": 3,
    "thousands": 3,
    "million": 6,
    "millions": 6,
    "billion": 9,
    "billions": 9,
}
_CN_VAGUE = re.compile(r"(?<![\d零〇一二两三四五六七八九十])(?:数|几)(?P<mult>[十百千万亿]+)")

_NUM_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:e[+-]?\d+)?"
_NUM_CHINESE = r"[零〇○一二两三四五六七八九十百千万亿壹贰貳叁肆伍陆柒捌玖拾佰仟萬億点點]+"
# A numeral: Arabic, Chinese or both (6万8千, 2.5万); possessive, so a long run cannot backtrack.
_NUMERAL = rf"(?:{_NUM_ARABIC}|{_NUM_CHINESE})(?:{_NUM_CHINESE}(?:{_NUM_ARABIC})?)*+"
_MORE = r"余|多|几|来"
_EN_MULT = r"\s*(?:" + "|".join(sorted(units.ENGLISH_MULTIPLIERS, key=len, reverse=True)) + r")(?![a-z])"


# "862k", "5million": letters right after digits that are a multiplier, not a code such as "A12".
_NUMBER_AND_MULTIPLIER = re.compile(r"\d*" + _EN_MULT)


def _figure_pattern(tag: str) -> str:
    return (
        rf"(?P<num{tag}>{_NUMERAL})\s*(?P<more1{tag}>{_MORE})?"
        rf"(?P<mult{tag}>(?:[{MULTIPLIER_CHARS}]|{_EN_MULT})*)\s*(?P<more2{tag}>{_MORE}|以上)?"
    )


_FIGURE = re.compile(_figure_pattern(""))
_RANGE = re.compile(
    rf"(?:(?:between|from)\s+)?-?{_figure_pattern('a')}\s*(?:-|~|—|–|至|到|to|and)\s*{_figure_pattern('b')}"
)


# --- the parser ------------------------------------------------------------------------


class _Unreadable(Exception):
    """Internal: the string holds no single readable figure."""


_DIGIT_CHARS = "零〇○一二两三四五六七八九十壹贰貳叁肆伍陆柒捌玖拾点點"


@dataclass(slots=True)
class _Figure:
    numeral: Numeral  # the number as written (Arabic, Chinese or mixed), exact
    number: str  # its text, commas removed
    exponent: int  # power of ten from multipliers after it (30余万, 4.2 million)
    more: bool  # 余 / 多 / 几 / 以上 after the figure
    english_million: bool
    multiplier_words: str  # the multiplier text after the numeral

    @property
    def own_scale(self) -> bool:
        """Whether the figure writes its own multiplier (12万, 3千, 4.2 million), so that no
        column or sheet unit may scale it again."""
        return self.numeral.own_scale or bool(self.multiplier_words)

    def exact(self) -> Decimal:
        return self.numeral.value.scaleb(self.exponent)

    def scalar(self) -> float:
        value = float(self.exact())
        if not math.isfinite(value):
            raise _Unreadable(ParseReason("too_large"))
        return value

    def step(self) -> float:
        """One unit of the last non-zero digit, times the multiplier (30余万 -> 10万)."""
        exact = self.exact()
        if exact == 0:  # 0万多: one unit of the multiplier written
            return 10.0**self.exponent * multiplier_value(self.numeral.tail)
        exponent = exact.normalize().as_tuple().exponent
        assert isinstance(exponent, int), exact  # exact() is finite: never NaN or infinity
        return float(Decimal(1).scaleb(exponent))


def _read_numeral(number: str) -> Numeral:
    if re.fullmatch(r"[\d.]+(?:e[+-]?\d+)?", number):
        value = Decimal(number)
        return Numeral(value, False, False, False, "", "")
    try:
        return read_numeral(number)
    except ValueError as error:
        raise _Unreadable(ParseReason("malformed_numeral", detail=str(error))) from None


def _read_figure(match: re.Match, tag: str = "", needs_digit: bool = True) -> _Figure:
    number = match.group(f"num{tag}").replace(",", "")
    more = bool(match.group(f"more1{tag}") or match.group(f"more2{tag}"))
    if not number[0].isdigit() and needs_digit and not more and number[0] not in _DIGIT_CHARS:
        # 万 or 百万 alone is a unit word, not a figure, unless a qualifier stood before it
        # (近百万) or 余 after it (万余元).
        raise _Unreadable(ParseReason("no_figure"))
    multiplier_text = (match.group(f"mult{tag}") or "").strip()
    exponent = 0
    english_million = False
    for word in re.findall(r"[a-z]+(?: [a-z]+)?|.", multiplier_text):
        word = word.strip()
        if not word:
            continue
        if word in units.ENGLISH_MULTIPLIERS:
            exponent += units.ENGLISH_MULTIPLIERS[word]
            english_million |= word == "million"
        elif word in MULTIPLIER_CHARS:
            exponent += len(str(multiplier_value(word))) - 1
        else:
            for part in word.split():
                exponent += units.ENGLISH_MULTIPLIERS[part]
    return _Figure(_read_numeral(number), number, exponent, more, english_million, multiplier_text)


def _carried_scale(first: _Figure, second: _Figure) -> int:
    """The power of ten a range writes once, after its second figure, that scales its first too:
    5-8万, 三到六万, between 2 and 3 million, 三千到五千万 (parallel: 3千万 to 5千万).
    Raises where the reading is not certain (三到五十万: 3万 or 30万?)."""
    if first.multiplier_words or first.numeral.has_large_unit:
        return 0
    tail = second.numeral.tail
    if not first.numeral.has_units:
        if "十" in tail or "拾" in tail:
            raise _Unreadable(ParseReason("range_ten", first=first.number, second=second.number))
        carried = len(str(multiplier_value(tail))) - 1 if tail else 0
        return carried + second.exponent
    last = first.numeral.last_unit
    if last and tail.startswith(last) and len(tail) > len(last):
        return len(str(multiplier_value(tail[len(last) :]))) - 1 + second.exponent
    return 0


def _take(regex: re.Pattern, labels, text: str):
    """Find the first match of a vocabulary table, return (label row, text without it)."""
    match = regex.search(text)
    if match is None:
        return None, text
    row = labels[(match.lastindex or 1) - 1]  # the tables' patterns are alternations of groups
    return row, text[: match.start()] + " " + text[match.end() :]


def _digit_and_unit_word(match: re.Match) -> str:
    digit = match.group(1) or match.group(3)
    word = match.group(2) or match.group(4)
    return f"{digit} {'yi' if 'million' in word else 'wan'}"


def _words_to_digits(text: str) -> str:
    def convert(match: re.Match) -> str:
        words = re.split(r"[\s-]+", match.group(0).strip())
        total = 0
        for word in words:
            if word == "and" or not word:
                continue
            if word == "hundred":
                total = max(total, 1) * 100
            else:
                total += _WORD_NUMBERS[word]
        return f" {total} "

    return _WORD_NUMBER_RUN.sub(convert, text)


BARE = ("unit_implicit", "scale_implicit")  # a bare number: no unit, no multiplier written
BARE_NEGATIVE = ("negative",) + BARE
# A cell a spreadsheet runs as a formula: = or @ first, or + / - before anything but a number.
_FORMULA = re.compile(r"^(?:[=@]|[+-]\s*(?![\d.零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖¥$]))")


# A phone number is never an amount: a mobile (1[3-9] and 9 digits), a landline (0, an area code,
# a dash, 7 or 8 digits), or any number after 电话 / 手机 / tel.
_PHONE = re.compile(
    r"(?:(?:联系电话|电话|手机|座机|tel\.?|phone|mobile)\s*[:：]?\s*[\d\s()+\-]{5,20})"
    r"|(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}"
    r"|\(?0\d{2,3}\)?[-\s—－]?\d{7,8}"
)
# 45%, 百分之五, 3个百分点: a share, never money.
_PERCENT = re.compile(r"%|百分之|百分点|percent|per cent|pct")
# The accounting negative: a figure in parentheses, (5) or （1,234.50）万元, is minus that figure.
_ACCOUNTING_NEGATIVE = re.compile(r"[(（]\s*([^()（）\-−]*\d[^()（）]*?)\s*[)）]\s*((?:万|亿|千)?(?:元|yuan)?)")


def _negated(amount: Amount, raw: str) -> Amount:
    """An accounting negative: the figure inside the parentheses, minus (a bound stays a bound)."""
    if not amount.is_figure or "negative" in amount.flags:
        return _invalid(ParseReason("parentheses", raw=raw.strip()))
    low = None if amount.high is None else -amount.high
    high = None if amount.low is None else -amount.low
    qualifier = {"at_least": "at_most", "at_most": "at_least"}.get(amount.qualifier, amount.qualifier)
    flags = tuple(dict.fromkeys(("negative", "accounting_negative") + amount.flags))
    return Amount(low, high, qualifier, amount.unit, amount.period, amount.per, amount.count_of, flags)


def _bare(value: float) -> Amount:
    if not math.isfinite(value):
        return _invalid(ParseReason("too_large"))
    return Amount(value, value, "exact", flags=BARE_NEGATIVE if value < 0 else BARE)


def _parse_text(raw: str) -> Amount:
    text = fold(raw)
    if text in units.MISSING_WORDS or _ONLY_PUNCTUATION.match(text):
        return _missing()
    if _FORMULA.match(text):
        return _invalid(ParseReason("formula"))
    if text in units.ZERO_WORDS:
        return Amount(0.0, 0.0, "exact", flags=BARE)
    if _PHONE.fullmatch(text):
        return _invalid(ParseReason("phone"))
    if _PLAIN.fullmatch(text):
        return _bare(float(text.replace(",", "")))
    if _PERCENT.search(text):
        return _invalid(ParseReason("percent"))
    accounting = _ACCOUNTING_NEGATIVE.fullmatch(text)
    if accounting:
        return _negated(_parse_text(accounting.group(1) + accounting.group(2)), raw)
    if text.startswith("#"):
        return _invalid(ParseReason("error_value", raw=raw.strip()))
    simple = _simple_form(text)
    if simple is not None:
        return simple
    try:
        return _parse_words(text)
    except _Unreadable as error:
        return _invalid(error.args[0])


_SIMPLE_CHINESE = re.compile(r"([零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+)(元|圆)?(整)?")
_SIMPLE_RANGE = re.compile(
    r"(\d{1,15}(?:\.\d{1,6})?)(万|亿|千)?\s*(?:-|~|—|–|至|到)\s*(\d{1,15}(?:\.\d{1,6})?)(万|亿|千)?(元)?"
)
_SIMPLE_EXPONENT = {None: 0, "千": 3, "万": 4, "亿": 8}


def _simple_form(text: str) -> Amount | None:
    """Shortcuts for two frequent shapes that need none of the general machinery:
    a bare Chinese numeral (四百二十万元) and a plain range (5-8万元). Anything
    unusual about them returns None and takes the general path."""
    match = _SIMPLE_CHINESE.fullmatch(text)
    if match:
        numeral = match.group(1)
        if numeral[0] in "百千万亿佰仟" or (match.group(3) and not match.group(2)):
            return None  # 万 alone is a unit word; 整 needs 元
        standard = read_standard(numeral)
        if standard is not None:
            value = float(standard)
        else:
            try:
                value = float(read_numeral(numeral).value)
            except ValueError:
                return None
        scale = () if "万" in numeral or "亿" in numeral else ("scale_implicit",)
        if match.group(2):
            return Amount(value, value, "exact", unit="CNY", flags=scale)
        return Amount(value, value, "exact", flags=("unit_implicit",) + scale)
    match = _SIMPLE_RANGE.fullmatch(text)
    if match:
        first, first_unit, second, second_unit, yuan = match.groups()
        if first_unit and not second_unit:
            return None
        first_exponent = _SIMPLE_EXPONENT[first_unit or second_unit]
        low = float(f"{first}e{first_exponent}")
        high = float(f"{second}e{_SIMPLE_EXPONENT[second_unit]}")
        if low > high:
            return None
        scale = () if first_unit or second_unit else ("scale_implicit",)
        if yuan:
            return Amount(low, high, "range", unit="CNY", flags=scale)
        return Amount(low, high, "range", flags=("unit_implicit",) + scale)
    return None


def _take_jiao_fen(text: str) -> tuple[float, str]:
    """角 and 分 after 元 (12元5角3分): (their fraction of a yuan, the text without them)."""
    jiao_fen = _JIAO_FEN.search(text)
    if not (jiao_fen and (jiao_fen.group("jiao") or jiao_fen.group("fen"))):
        return 0.0, text
    fraction = sum(
        int(read_numeral(digit).value if not digit.isdigit() else digit) * scale
        for digit, scale in ((jiao_fen.group("jiao"), 0.1), (jiao_fen.group("fen"), 0.01))
        if digit
    )
    return fraction, text[: jiao_fen.start()] + text[jiao_fen.end() :]


def _take_sign(text: str) -> tuple[float, str]:
    """A negative sign or word (负, 亏损): (-1.0 or 1.0, the text without it)."""
    match = _NEGATIVE.search(text)
    if not match:
        return 1.0, text
    return -1.0, text[: match.start()] + " " + text[match.end() :]


def _take_unit(text: str, flags: list[str]):
    """The unit a figure is in: money (元, yuan), an area (亩, 垧: with its factor to 亩, a flag
    when it is a mistranslation) or what it counts (户, 人). (unit, count_of, area factor, text)."""
    unit = count_of = None
    area_factor = None
    money_row, text = _take(_MONEY, _MONEY_LABELS, text)
    if money_row:
        return money_row[0], None, None, re.sub(r"(?<=[\d元])\s*整|^整", " ", text)
    area_row, text = _take(_AREA, _AREA_LABELS, text)
    if area_row:
        unit, area_factor = "mu", area_row[0]
        if area_row[1]:
            flags.append(area_row[1])
        return unit, None, area_factor, text
    count_row, text = _take(_COUNT, _COUNT_LABELS, text)
    if count_row:
        count_of = count_row[0]
    return unit, count_of, area_factor, text


def _take_qualifier(text: str) -> tuple[str | None, str]:
    """A bound or approximation said before or after the figure (超过, 以上, 约, ≥): (qualifier,
    text); two that disagree make the cell unreadable."""
    qualifier = None
    suffix_row, text = _take(_SUFFIX, _SUFFIX_LABELS, text)
    if suffix_row:
        qualifier = suffix_row[0]
    prefix_row, text = _take(_PREFIX, _PREFIX_LABELS, text)
    if prefix_row:
        qualifier = prefix_row[0] if qualifier is None or prefix_row[0] == qualifier else "conflict"
    if qualifier == "conflict":
        raise _Unreadable(ParseReason("contradictory_qualifiers"))
    return qualifier, text


def _parse_words(text: str) -> Amount:
    flags: list[str] = []
    if _MALFORMED.search(text):
        raise _Unreadable(ParseReason("malformed_number"))
    if _REFERENCE.search(text):
        raise _Unreadable(ParseReason("reference"))
    text = _EN_DIGIT_UNIT.sub(_digit_and_unit_word, text)  # before the currency word goes (48 10,000 yuan)
    fraction, text = _take_jiao_fen(text)
    sign, text = _take_sign(text)

    per_row, text = _take(_PER, _PER_LABELS, text)
    period_row, text = _take(_PERIOD, _PERIOD_LABELS, text)
    if _DATE.search(text):
        raise _Unreadable(ParseReason("date"))

    unit, count_of, area_factor, text = _take_unit(text, flags)
    qualifier, text = _take_qualifier(text)

    text = _EN_DIGIT_UNIT.sub(_digit_and_unit_word, text)  # again, once qualifiers are gone (30 more than ten thousand)
    text = _words_to_digits(text)
    text = re.sub(r"\s+", " ", text).strip()
    if _CODE.search(_NUMBER_AND_MULTIPLIER.sub(" ", text)):
        raise _Unreadable(ParseReason("code_like"))

    low, high, final_qualifier, extra_flags, own_scale = _read_core(text, qualifier, sign)
    flags.extend(extra_flags)
    if fraction:
        low = None if low is None else round(low + sign * fraction, 2)
        high = None if high is None else round(high + sign * fraction, 2)
    if area_factor is not None:
        low = None if low is None else round(low * area_factor, 6)
        high = None if high is None else round(high * area_factor, 6)
    if unit is None and count_of is None:
        flags.append("unit_implicit")
    if not own_scale:
        flags.append("scale_implicit")
    return Amount(
        low,
        high,
        final_qualifier,
        unit=unit,
        period=period_row[0] if period_row else None,
        per=per_row[0] if per_row else None,
        count_of=count_of,
        flags=tuple(dict.fromkeys(flags)),
    )


def _read_core(text: str, qualifier: str | None, sign: float):
    """Bounds from what is left once units and qualifier words are gone:
    (low, high, qualifier, flags, whether the figure writes its own multiplier)."""
    vague = _vague_bounds(text)
    if vague is not None:
        low, high, own_scale = vague
        if sign < 0:
            return -high, -low, "range", ["vague", "negative"], own_scale
        return low, high, "range", ["vague"], own_scale

    leading_minus = bool(re.match(r"^-\s*(?=\d)", text))
    if leading_minus:
        sign, text = -sign, text.lstrip("- ")

    range_match = _RANGE.search(text)
    if range_match and not _has_other_figure(text, range_match):
        _refuse_text_around(text, [range_match.span()])
        return _read_range(range_match, qualifier, sign)
    figure, span = _only_figure(text, qualifier)
    _refuse_text_around(text, [span])
    value = figure.scalar()
    flags = []
    if figure.english_million and figure.number[0].isdigit() and figure.numeral.value >= 1000:
        # "2620 million" is not how English writes 2.62 billion: likely a machine-translated 2620万.
        flags.append("wan_as_million")

    if qualifier == "at_least":
        low, high, final = value, None, "at_least"
    elif qualifier == "at_most":
        low, high, final = None, value, "at_most"
    elif qualifier == "approx":
        low = high = value
        final = "approx"
    elif figure.more:
        low, high, final = value, value + figure.step(), "at_least"
    else:
        low = high = value
        final = "exact"
    if sign < 0:
        low, high = (None if high is None else -high), (None if low is None else -low)
        flags.append("negative")
    return low, high, final, flags, figure.own_scale


def _read_range(match: re.Match, qualifier: str | None, sign: float):
    """A range (5-8万, 3万至5万): its bounds, the first taking the second's multiplier when it has
    none of its own; as _read_core returns."""
    first = _read_figure(match, "a")
    second = _read_figure(match, "b")
    first.exponent += _carried_scale(first, second)
    low, high = first.scalar(), second.scalar()
    if low > high:
        raise _Unreadable(ParseReason("range_backwards"))
    flags = ["approx"] if qualifier == "approx" else []
    if sign < 0:
        low, high = -high, -low
        flags.append("negative")
    if second.english_million and second.numeral.value >= 1000:
        flags.append("wan_as_million")
    return low, high, "range", flags, first.own_scale or first.exponent != 0 or second.own_scale


# What may stand beside a figure once its units, qualifiers and periods are read: spaces, and a
# full stop or comma at the end (a figure copied out of a sentence).
_AROUND_ALLOWED = re.compile(r"\s*[.。,，;；]?\s*")
# The label words (units.LABEL_WORDS) and a second money word (人民币7.91亿元, yuan RMB).
_LABELS = re.compile(
    "|".join(
        _word(w)
        for w in sorted(
            units.LABEL_WORDS + MONEY_WORDS + tuple(p for p, unit in units.MONEY_UNITS if unit == "CNY"),
            key=len,
            reverse=True,
        )
    )
)


def _refuse_text_around(text: str, spans: list[tuple[int, int]]) -> None:
    """A cell is read whole or not at all: text left beside the figure (备注2, 3号, 5<b>x</b>, 5-)
    makes it unreadable, never a figure picked out of it."""
    rest, start = [], 0
    for first, last in spans:
        rest.append(text[start:first])
        start = last
    rest.append(text[start:])
    before, after = _LABELS.sub(" ", rest[0]), _LABELS.sub(" ", "".join(rest[1:]))
    if before.strip() or not _AROUND_ALLOWED.fullmatch(after):
        words = " ".join(part.strip() for part in rest if part.strip())
        raise _Unreadable(ParseReason("text_around", words=words))


def _only_figure(text: str, qualifier: str | None) -> tuple[_Figure, tuple[int, int]]:
    """The one figure in the text and where it stands; refused when there is none or several."""
    readable = []
    for match in _FIGURE.finditer(text):
        try:
            readable.append((_read_figure(match, needs_digit=qualifier is None), match.span()))
        except _Unreadable:
            # A lone unit word (万 in 万元) is not a figure; a malformed numeral is an error.
            if match.group("num")[0].isdigit() or any(
                ch in "零〇○一二两三四五六七八九壹贰叁肆伍陆柒捌玖" for ch in match.group("num")
            ):
                raise
    if not readable:
        raise _Unreadable(ParseReason("no_figure"))
    if len(readable) > 1:
        raise _Unreadable(ParseReason("several_figures"))
    return readable[0]


def _has_other_figure(text: str, match: re.Match) -> bool:
    rest = text[: match.start()] + " " + text[match.end() :]
    return bool(re.search(r"\d", rest))


def _vague_bounds(text: str):
    """(low, high, own scale) of a vague magnitude (数十万, several million), else None.
    Its scale is its own when it names 万 / 亿 or thousand / million / billion."""
    stripped = text.strip()
    match = _EN_VAGUE.fullmatch(stripped)
    if match:
        words = (match.group("several") or "").split() + [match.group("plural") or "", match.group("of") or ""]
        exponent = sum(_EN_VAGUE_WORDS[w] for w in words if w)
        return (
            10.0**exponent,
            10.0 ** (exponent + 1),
            any(w.startswith(("thousand", "million", "billion")) for w in words),
        )
    match = _CN_VAGUE.search(stripped)
    if match and not re.search(r"\d", stripped):
        exponent = len(str(multiplier_value(match.group("mult")))) - 1
        return 10.0**exponent, 10.0 ** (exponent + 1), any(ch in "万亿" for ch in match.group("mult"))
    return None


@lru_cache(maxsize=1 << 16)
def _parse_cached(raw: str) -> Amount:
    return _parse_text(raw)


def parse_amount(text) -> Amount:
    """Read one figure string. Never raises: unreadable input gives qualifier
    ``invalid`` with a reason, empty input ``missing``."""
    if text is None:
        return _missing()
    if isinstance(text, bool):
        return _invalid(ParseReason("true_false"))
    if isinstance(text, (int, float)):
        if isinstance(text, float) and math.isnan(text):
            return _missing()
        if isinstance(text, float) and math.isinf(text):
            return _invalid(ParseReason("infinite"))
        try:
            return _bare(float(text))
        except OverflowError:  # an int beyond any float
            return _invalid(ParseReason("too_large"))
    if not isinstance(text, str):
        try:
            import pandas as pd

            if pd.isna(text):
                return _missing()
        except (TypeError, ValueError):
            pass
        return _invalid(ParseReason("not_text", kind=type(text).__name__))
    try:
        return _parse_cached(text)
    except Exception as error:  # the contract: never raise, say why instead
        if os.environ.get("ZHAODONG_STRICT_PARSE") == "1":
            raise  # the tests' switch: a crash is a bug to see, not a figure to call invalid
        return _invalid(ParseReason("unreadable", error=type(error).__name__))


def parse_in_text(raw: str) -> Amount:
    """A figure in running text, with the noun it counts or a word before it (100 red flags, six
    rural industry joint party committees, In 2021). A ledger cell is read whole or refused
    (`parse_amount`); a span of a sentence is not a cell, so words beside its figure are dropped,
    one at a time from either end, until the figure reads."""
    amount = parse_amount(raw)
    if amount.is_figure or getattr(amount.reason, "code", None) != "text_around":
        return amount
    words = raw.split()
    for cut in range(1, len(words)):
        for part in (" ".join(words[:-cut]), " ".join(words[cut:])):
            shorter = parse_amount(part)
            if shorter.is_figure:
                return shorter
    return amount
