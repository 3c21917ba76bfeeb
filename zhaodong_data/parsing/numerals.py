"""Chinese numerals (incl. financial forms), mixed Arabic + Chinese numerals, and width folding.

Kept separate from amount parsing so that it can be tested alone: it knows
numbers, not units or qualifiers. The grammar:

- sections below 万, with 十 百 千 (拾 佰 仟) in falling order, 零 (〇) marking a gap:
  一千零五 = 1005, 一万五百 = 10500; a leading 十 stands for 一十 (十五 = 15);
- 万 and 亿 closing a section (三亿四千五百万), stacked as 千万 or 万亿 where it is standard;
- Arabic numbers in place of digits (6万8千, 2亿3千万, 2.5万, 12000万);
- the colloquial abbreviation that drops the last unit: a single digit right after a
  unit of 百 or more, with no 零 between, takes the next lower unit (四万六 = 46,000,
  七千二 = 7,200, 一亿二 = 120,000,000);
- decimals with 点 (二点六二亿, 一千二百三十四点五六);
- positional digits (二〇二三) when the run has a zero or three or more digits.

Anything else raises ValueError with the reason: a numeral that cannot be read with
certainty is refused, never guessed (三四万 is "three or four 万", not 34万).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "幺": 1,
    "二": 2,
    "贰": 2,
    "貳": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
ZERO_DIGITS = "零〇○"
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
LARGE_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
MULTIPLIER_CHARS = "十百千万亿拾佰仟萬億"

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


@dataclass(frozen=True)
class Numeral:
    """A numeral's exact value and what it writes of its own scale."""

    value: Decimal
    has_units: bool  # any of 十 百 千 万 亿
    has_large_unit: bool  # 万 or 亿
    own_scale: bool  # a multiplier of its own: 万 / 亿, or a unit after Arabic digits (3千)
    tail: str  # the unit characters after the last digit (六万 -> 万, 五千万 -> 千万)
    last_unit: str  # the unit character that ends the numeral, or ""


_KIND = {
    **{ch: "digit" for ch in DIGITS if ch not in ZERO_DIGITS},
    **{ch: "zero" for ch in ZERO_DIGITS},
    **{ch: "small" for ch in SMALL_UNITS},
    **{ch: "large" for ch in LARGE_UNITS},
}
_TOKEN = re.compile(r"\d+(?:\.\d+)?|.", re.DOTALL)


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens = []
    for token in _TOKEN.findall(text):
        kind = "arabic" if token[0].isdigit() else _KIND.get(token)
        if kind is None:
            raise ValueError(f"{token!r} is not part of a numeral in {text!r}")
        tokens.append((kind, token))
    return tokens


def _number(kind: str, token: str) -> Decimal:
    return Decimal(token) if kind == "arabic" else Decimal(DIGITS[token])


# one pass over the tokens with its state in locals (a state machine reads best as one loop)
def _read_integer(text: str, allow_abbreviation: bool = True, tokens=None) -> Decimal:  # noqa: C901
    """The value of a numeral without 点 (it may hold Arabic numbers)."""
    tokens = _tokens(text) if tokens is None else tokens
    if not tokens:
        raise ValueError("empty numeral")
    if len(tokens) > 1 and all(kind in ("digit", "zero") for kind, _ in tokens):
        return _positional(tokens, text)
    total = Decimal(0)  # what stands above the current section
    section = Decimal(0)  # the current section below 万 (or below 亿, for 千万)
    number: Decimal | None = None
    number_arabic = False
    previous_unit = 0  # the unit right before the pending number (0: none, or a 零 between)
    last_small = None
    seen_wan = seen_yi = False
    for index, (kind, token) in enumerate(tokens):
        if kind in ("arabic", "digit"):
            if number is not None:
                raise ValueError(f"two numbers in a row in {text!r}")
            number, number_arabic = _number(kind, token), kind == "arabic"
        elif kind == "zero":
            if number is not None:
                raise ValueError(f"a 零 after a digit in {text!r}")
            previous_unit = 0  # 一万零二: no abbreviation
        elif kind == "small":
            unit = SMALL_UNITS[token]
            if number is None:
                if unit != 10 and index != 0:
                    raise ValueError(f"{token!r} without a digit before it in {text!r}")
                number = Decimal(1)  # 十五, 一百十五; 千万 alone as in 近千万
            if last_small is not None and unit >= last_small:
                raise ValueError(f"{token!r} out of order in {text!r}")
            section += number * unit
            number, last_small, previous_unit = None, unit, unit
        else:
            unit = LARGE_UNITS[token]
            written = number is not None or last_small is not None  # 0万 is a number; 万 alone is not
            section += number if number is not None else 0
            number = None
            if not written:
                if total != 0 or index != 0:
                    if unit == 100_000_000 and tokens[index - 1][0] == "large" and not seen_yi:
                        total *= unit  # 万亿: a trillion
                        seen_yi, seen_wan, previous_unit = True, False, unit
                        continue
                    raise ValueError(f"{token!r} without a number before it in {text!r}")
                section = Decimal(1)  # 万 or 亿 alone, as in 过亿, 万余
            if unit == 100_000_000:
                if seen_yi:
                    raise ValueError(f"亿 twice in {text!r}")
                total = (total + section) * unit
                seen_yi, seen_wan = True, False
            else:
                if seen_wan:
                    raise ValueError(f"万 twice in {text!r}")
                total += section * unit
                seen_wan = True
            section, last_small, previous_unit = Decimal(0), None, unit
    if number is not None:
        section += _last_number(
            number, tokens[-1][1] if number_arabic else None, previous_unit, text, allow_abbreviation
        )
    return total + section


def _positional(tokens: list[tuple[str, str]], text: str) -> Decimal:
    """Digits without units, read place by place (二〇二三) when there is a zero or three or more
    of them; two alone (三四) mean 'three or four' and are refused."""
    if any(kind == "zero" for kind, _ in tokens) or len(tokens) >= 3:
        return Decimal("".join(str(DIGITS[token]) for _, token in tokens))
    raise ValueError(f"two digits in a row in {text!r} (三四 means 'three or four'): not one number")


def _last_number(
    number: Decimal, arabic: str | None, previous_unit: int, text: str, allow_abbreviation: bool
) -> Decimal:
    """A number that ends a numeral right after a unit (no 零 between).

    One digit takes the unit below the one before it (四万六 = 46,000, 3千5 = 3,500); an
    Arabic number with as many digits as that unit has zeros is the remainder (3万5000,
    1亿00005000). Anything else (1万25: 10,025 or 12,500?) is refused."""
    if previous_unit < 100:
        return number  # 二十五, or no unit before it
    zeros = len(str(previous_unit)) - 1
    if arabic is not None and "." not in arabic and len(arabic) == zeros:
        return number
    if arabic is not None and not (len(arabic) == 1 and number > 0):
        raise ValueError(
            f"{arabic!r} after a unit in {text!r}: write 零 before it, or every digit ({zeros} after this unit)"
        )
    if not allow_abbreviation:
        raise ValueError(f"{text!r} drops its last unit before a decimal point: ambiguous")
    return number * (previous_unit // 10)


def _describe(tokens: list[tuple[str, str]], value: Decimal) -> Numeral:
    kinds = [kind for kind, _ in tokens]
    has_large = "large" in kinds
    has_units = has_large or "small" in kinds
    own_scale = has_large or ("arabic" in kinds and "small" in kinds)
    last_digit = max((i for i, k in enumerate(kinds) if k in ("arabic", "digit", "zero")), default=0)
    tail = "".join(token for kind, token in tokens[last_digit + 1 :] if kind in ("small", "large"))
    last_unit = tokens[-1][1] if kinds and kinds[-1] in ("small", "large") else ""
    return Numeral(value, has_units, has_large, own_scale, tail, last_unit)


def read_numeral(text: str) -> Numeral:
    """Read a Chinese, Arabic or mixed numeral exactly. Raises ValueError with the reason."""
    text = text.replace("點", "点").replace(",", "")
    if "点" not in text:
        tokens = _tokens(text)
        return _describe(tokens, _read_integer(text, tokens=tokens))
    whole, _, rest = text.partition("点")
    fraction = ""
    index = 0
    while index < len(rest) and rest[index] in DIGITS:
        fraction += str(DIGITS[rest[index]])
        index += 1
    multipliers = rest[index:]
    if not fraction or any(ch not in MULTIPLIER_CHARS for ch in multipliers):
        raise ValueError(f"malformed decimal numeral {text!r}")
    whole_value = _read_integer(whole, allow_abbreviation=False) if whole else Decimal(0)
    if multipliers and any(ch in whole for ch in MULTIPLIER_CHARS):
        raise ValueError(f"units on both sides of 点 in {text!r}")
    value = (whole_value + Decimal(f"0.{fraction}")) * multiplier_value(multipliers)
    return _describe(_tokens(text.replace("点", "")), value)


def chinese_to_number(text: str) -> float:
    """Value of a Chinese numeral: 四百二十万 -> 4200000, 二点六二亿 -> 262000000.

    Raises ValueError when the text is not a well-formed numeral.
    """
    return float(read_numeral(text).value)


_PLAIN_DIGITS = "零一二三四五六七八九"


def _render_section(value: int) -> str:
    """The standard writing of 1..9999: 一千零五, 三百二十, 一十五 (a gap marked by one 零)."""
    out, gap = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit = value // size % 10
        if digit:
            out += ("零" if gap and out else "") + _PLAIN_DIGITS[digit] + unit
            gap = False
        else:
            gap = True
    return out


@cache
def standard_sections() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Every standard section by its writing: (first section of a numeral, a section right after
    a written one, a section after a skipped one). 十五 only opens a numeral; a section below
    1000 after a written one, and any section after a skipped one, opens with 零."""
    first, following, after_gap = {}, {}, {}
    for value in range(1, 10_000):
        written = _render_section(value)
        first[written] = value
        if written.startswith("一十"):
            first[written[1:]] = value
        following["零" + written if value < 1000 else written] = value
        after_gap["零" + written] = value
    return first, following, after_gap


def read_standard(text: str) -> int | None:
    """The value of a numeral written in the standard way with plain digits (三千二百万零五十,
    一亿零五百万), or None for anything else, which `read_numeral` then reads or refuses. A fast
    path only: whatever it reads, `read_numeral` reads the same (a test checks every form)."""
    first, following, after_gap = standard_sections()
    high = middle = None
    if "亿" in text:
        high, _, text = text.partition("亿")
    if "万" in text:
        middle, _, text = text.partition("万")
    if high == "" or middle == "":
        return None  # 亿 or 万 with no number before it (过亿, 亿万): the general reader decides
    value, previous_written, opening = 0, False, True
    for part, power in ((high, 8), (middle, 4), (text, 0)):
        if part is None or part == "":
            previous_written = False  # a section skipped: what follows opens with 零
            continue
        table = first if opening else following if previous_written else after_gap
        section = table.get(part)
        if section is None:
            return None
        value += section * 10**power
        previous_written, opening = True, False
    if opening:
        return None
    return value
