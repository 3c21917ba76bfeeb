"""Chinese numerals (incl. financial forms) and width folding.

Kept separate from amount parsing so that it can be tested alone: it knows
numbers, not units or qualifiers.
"""

from __future__ import annotations

import re
import unicodedata

DIGITS = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
LARGE_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
MULTIPLIER_CHARS = "十百千万亿拾佰仟萬億"
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(LARGE_UNITS) + "点點"

# Characters NFKC leaves alone but that mean the same thing in a figure.
_EXTRA_FOLD = str.maketrans({"−": "-", "‐": "-", "‑": "-", "﹣": "-", "～": "~", "〜": "~", "￥": "¥"})
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Full-width to half-width (NFKC), one kind of minus, single spaces, lower case."""
    folded = unicodedata.normalize("NFKC", text).translate(_EXTRA_FOLD)
    return _SPACES.sub(" ", folded).strip().lower()


def multiplier_value(chars: str) -> int:
    """Stacked multiplier characters multiply: 千万 = 1e7, 十万 = 1e5."""
    value = 1
    for ch in chars:
        value *= SMALL_UNITS.get(ch) or LARGE_UNITS[ch]
    return value


def _integer(text: str) -> int:
    """Read a Chinese integer such as 九百零七万零一百一十 or 壹拾伍万."""
    if not text:
        raise ValueError("empty numeral")
    if all(ch in DIGITS for ch in text):
        # Positional digits (二〇二三) read as written.
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = 0  # what is above the current 万 / 亿 section
    section = 0  # the current section below 万
    number = None  # a digit waiting for its unit
    last_unit = None
    for ch in text:
        if ch in DIGITS:
            if number is not None and number != 0 and DIGITS[ch] != 0:
                raise ValueError(f"two digits in a row in {text!r}")
            number = DIGITS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if last_unit is not None and last_unit <= unit and number is None:
                raise ValueError(f"misplaced {ch!r} in {text!r}")
            section += (1 if number is None else number) * unit
            number = None
            last_unit = unit
        else:
            unit = LARGE_UNITS[ch]
            section += number or 0
            if section == 0 and total == 0:
                section = 1  # 万 / 亿 alone, as in 过亿
            if unit == 100_000_000:
                total = (total + section) * unit
            else:
                total += section * unit
            section, number, last_unit = 0, None, None
    return total + section + (number or 0)


def chinese_to_number(text: str) -> float:
    """Value of a Chinese numeral: 四百二十万 -> 4200000, 二点六二亿 -> 262000000.

    Raises ValueError when the text is not a well-formed numeral.
    """
    text = text.replace("點", "点")
    if "点" not in text:
        return float(_integer(text))
    whole, _, rest = text.partition("点")
    fraction_digits = ""
    index = 0
    while index < len(rest) and rest[index] in DIGITS:
        fraction_digits += str(DIGITS[rest[index]])
        index += 1
    multiplier_chars = rest[index:]
    if not fraction_digits or any(ch not in MULTIPLIER_CHARS for ch in multiplier_chars):
        raise ValueError(f"malformed decimal numeral {text!r}")
    exponent = len(str(multiplier_value(multiplier_chars))) - 1
    # Formatting through a string keeps 2.62e8 exact instead of 2.62 * 1e8.
    return float(f"{_integer(whole) if whole else 0}.{fraction_digits}e{exponent}")
