"""Vectorised reading of the forms that fill real ledgers.

Most cells are a number with perhaps a multiplier, a unit, one qualifier and a
period: `125000`, `12.5万元`, `约30万元`, `30余万元`, `3000元/月`, `4.2 million yuan`.
Plain numbers are matched first, as written; the rest are folded (only the few a
byte test says folding could change), matched by one RE2 pattern without captures
(pyarrow), cut into head, number and tail at the first and last digit (on the
bytes: `utf8_bytes`), and the head and tail looked up in tables of every form the
pattern admits; numbers are computed with numpy. Standard Chinese numerals
(三千二百万零五十元) are cut at 亿 and 万 and their sections looked up. Anything else, or a combination the scalar parser
treats specially, is left for `parse_amount`. The results are identical to
`parse_amount` (tests compare the two on the corpus and on generated strings);
when in doubt a form is simply not admitted here.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import units
from .amounts import QUALIFIERS
from .numerals import standard_sections
from .utf8_bytes import byte_lengths, column_of, cut, heads_numbers_tails, may_be_plain_number, may_change_when_folded

# Folding as numerals.fold does, but for its extra table (−, 〜, ...): a string holding such a
# character, or one where RE2 and Python differ (Unicode whitespace), is not admitted by the
# pattern below and goes to the scalar parser.

_PREFIXES = {
    "约": "approx",
    "大约": "approx",
    "将近": "approx",
    "近": "approx",
    "about ": "approx",
    "approximately ": "approx",
    "nearly ": "approx",
    "around ": "approx",
    "超过": "at_least",
    "逾": "at_least",
    "more than ": "at_least",
    "over ": "at_least",
    "不到": "at_most",
    "不足": "at_most",
    "less than ": "at_most",
    "under ": "at_most",
}
_SUFFIXES = {"左右": "approx", "以下": "at_most"}
_UNITS = {
    "元": ("CNY", None),
    "块": ("CNY", None),
    " yuan": ("CNY", None),
    "亩": ("mu", None),
    " mu": ("mu", None),
    "户": (None, "household"),
    "人": (None, "person"),
}
_PERIODS = {
    "/月": ("month", None),
    "/年": ("year", None),
    "/天": ("day", None),
    "/亩": (None, "mu"),
    "/人": (None, "person"),
    " per month": ("month", None),
    " a month": ("month", None),
    " per year": ("year", None),
    " a year": ("year", None),
    " per mu": (None, "mu"),
}
_MULTIPLIERS = {
    "": 0,
    "十": 1,
    "百": 2,
    "千": 3,
    "万": 4,
    "十万": 5,
    "百万": 6,
    "千万": 7,
    "亿": 8,
    " thousand": 3,
    " million": 6,
    " billion": 9,
}


def _alternatives(words) -> str:
    return "|".join(w.replace(" ", r"\x20") for w in sorted(words, key=len, reverse=True) if w)


_CURRENCIES = ("¥", "rmb ", "人民币")
# The parts after the number, each optional, in the order the pattern takes them, and their
# words in the order it tries them (so that a tail read two ways is read the pattern's way).
_TAIL_GROUPS = (
    ("more1", ("余", "多")),
    ("mult", tuple(sorted((w for w in _MULTIPLIERS if w), key=len, reverse=True))),
    ("more2", ("余", "多", "以上")),
    ("unit", tuple(sorted(_UNITS, key=len, reverse=True))),
    ("more3", ("以上",)),  # 9万元以上: bounded like 余, as parse_amount reads it
    ("suf", tuple(sorted(_SUFFIXES, key=len, reverse=True))),
    ("period", tuple(sorted(_PERIODS, key=len, reverse=True))),
)
# Numbers: up to 6 decimals, so that the area rounding of the scalar parser is the identity.
_NUMBER = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]{1,6})?|[0-9]{1,15}(?:\.[0-9]{1,6})?"
# Matched without captures (a fast DFA); the parts of a match are then cut where its number
# starts and ends and looked up in tables of every head and every tail (_head_table, _tail_table).
_PATTERN = (
    rf"^(?:{_alternatives(_PREFIXES)}|{_alternatives(_CURRENCIES)})?-?(?:{_NUMBER})"
    + "".join(rf"(?:{_alternatives(words)})?" for _, words in _TAIL_GROUPS)
    + "$"
)
_PLAIN = r"^[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?$"
_ONLY_PUNCTUATION = r"^[\x20\-—–~_/\\.…?？]*$"


_PHONE_DIGITS = r"^(?:\+?(?:86)?1[3-9][0-9]{9}|0[0-9]{9,11})$"


def _where(strings: pa.Array, mask: pa.Array, change) -> pa.Array:
    """`change` applied only to the strings under `mask` (most cells need none of it)."""
    if not pc.any(mask).as_py():
        return strings
    return pc.replace_with_mask(strings, mask, change(pc.filter(strings, mask)))


def _fold_all(strings: pa.Array) -> pa.Array:
    # NFKC leaves ASCII and the common CJK ideographs (U+4E00..U+9FFF) as they are.
    changeable = pc.invert(pc.string_is_ascii(strings))
    if pc.any(changeable).as_py():
        unchanged = pc.match_substring_regex(pc.filter(strings, changeable), r"^[\x00-\x7f\x{4e00}-\x{9fff}]*$")
        changeable = pc.replace_with_mask(changeable, changeable, pc.invert(unchanged))
    strings = _where(strings, changeable, lambda s: pc.utf8_normalize(s, "NFKC"))
    strings = _where(
        strings,
        pc.match_substring_regex(strings, r"\s\s|[\t\n\v\f\r]"),
        lambda s: pc.replace_substring_regex(s, r"\s+", " "),
    )
    return pc.utf8_lower(pc.utf8_trim_whitespace(strings))


def fold(strings: pa.Array) -> pa.Array:
    """numerals.fold for a whole column: NFKC, single spaces, trimmed, lower case. Most cells
    are as folding would leave them (a byte test finds the others)."""
    return _where(strings, pa.array(may_change_when_folded(strings)), _fold_all)


_EXPONENT_TEXT = column_of([str(k) for k in range(max(_MULTIPLIERS.values()) + 1)])
_LOWEST_POWER = -12
_POWERS_OF_TEN = np.array([float(f"1e{k}") for k in range(_LOWEST_POWER, 40)])


def _to_float(strings: pa.Array) -> np.ndarray:
    return pc.cast(strings, pa.float64()).to_numpy(zero_copy_only=False)


def _bools(array) -> np.ndarray:
    return np.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=bool)


# Flags in the order parse_amount writes them, by (wan_as_million, negative, unit_implicit,
# scale_implicit): bit 8, 4, 2, 1 of the index.
_NONE_OR_CNY = np.array([None, "CNY"], dtype=object)
_FLAG_NAMES = ("wan_as_million", "negative", "unit_implicit", "scale_implicit")
_FLAG_TEXT = np.array(
    [";".join(name for name, bit in zip(_FLAG_NAMES, (8, 4, 2, 1)) if index & bit) for index in range(16)], dtype=object
)
# Text attributes are carried as small codes (0 for none) and turned into text once, at the end:
# numpy compares and picks integers many times faster than Python objects.
_QUALIFIER_NAMES = np.array([None, *QUALIFIERS[:4]], dtype=object)  # exact, approx, at_least, at_most
_EXACT = 1 + QUALIFIERS.index("exact")
_AT_LEAST = 1 + QUALIFIERS.index("at_least")
_AT_MOST = 1 + QUALIFIERS.index("at_most")


def _coded(values: list | np.ndarray, names: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Codes for a text attribute (0 where it is None) and the texts the codes stand for."""
    if names is None:
        names = np.array([None, *sorted({value for value in values if value is not None})], dtype=object)
    code_of = {name: code for code, name in enumerate(names.tolist())}
    codes, distinct = pd.factorize(np.asarray(values, dtype=object))  # each text coded once; None is -1
    lookup = np.array([*(code_of[value] for value in distinct.tolist()), code_of[None]], dtype=np.int8)
    return lookup[codes], names


class _Table:
    """Texts the pattern admits in one place (before or after the number), each with what it
    says: `codes[name][row]`, a number or a flag; for a text attribute a code into `names[name]`."""

    def __init__(self, keys: list[str], columns: dict[str, np.ndarray], text_attributes: dict[str, np.ndarray | None]):
        """`columns`: each attribute's value for every key; a text attribute is coded (see `_coded`)."""
        self.keys = pa.array(keys, type=pa.string())
        self.codes, self.names = {}, {}
        for name, values in columns.items():
            if name in text_attributes:
                self.codes[name], self.names[name] = _coded(values, text_attributes[name])
            else:
                self.codes[name] = np.asarray(values)

    def code(self, name: str, text: str) -> int:
        """The code of `text` in the text attribute `name`."""
        return self.names[name].tolist().index(text)

    def rows_of(self, texts: pa.Array) -> np.ndarray:
        """Each text's row in the table, -1 where it has none."""
        return pc.fill_null(pc.index_in(texts, value_set=self.keys), -1).to_numpy(zero_copy_only=False)


@cache
def _head_table() -> _Table:
    """Every text the pattern admits before a number the vectorised reading handles, and what
    each says: a qualifier word (约, more than), a currency (¥), a minus. A sign after a
    qualifier word (约-5) is left to the scalar parser, so it is not in the table."""
    heads = [
        (word, minus)
        for word in ("", *_PREFIXES, *_CURRENCIES)
        for minus in ("", "-")
        if not (minus and word in _PREFIXES)
    ]
    columns = {
        "qualifier": np.array([_PREFIXES.get(word) for word, _ in heads], dtype=object),
        "currency": np.array([word in _CURRENCIES for word, _ in heads]),
        "negative": np.array([bool(minus) for _, minus in heads]),
    }
    return _Table([word + minus for word, minus in heads], columns, {"qualifier": _QUALIFIER_NAMES})


@cache
def _tail_table() -> _Table:
    """Every text the pattern admits after a number, read the way the pattern reads it (its
    groups' words in the order it tries them), and what each says. `alone_ok` is False for a
    combination the scalar parser treats specially (two 余, 余 with 左右, 以上 without a unit,
    an area per 亩); `states` (a suffix or a 余) and `no_currency` (以上 after the unit, a count,
    an area) are checked against the head. Built by column, each group's word read once (the
    table has some 74,000 rows, built once per process)."""
    choices = [(*words, "") for _, words in _TAIL_GROUPS]
    # every choice of one word per group, in the order the pattern tries them (the last group's
    # word changing fastest); a text two choices make is read as the first makes it
    every = np.indices([len(words) for words in choices]).reshape(len(choices), -1).T
    texts = np.array(choices[0], dtype=object)[every[:, 0]]
    for group in range(1, len(choices)):
        texts = texts + np.array(choices[group], dtype=object)[every[:, group]]
    first = ~pd.Series(texts).duplicated(keep="first").to_numpy()
    keys, chosen = texts[first].tolist(), every[first]

    def of_word(group: int, meaning) -> np.ndarray:
        """What each row's word of `group` says, by `meaning` of the word."""
        return np.array([meaning(word) for word in choices[group]], dtype=object)[chosen[:, group]]

    more1, mult, more2, unit, more3, suffix, period = (of_word(g, bool).astype(bool) for g in range(len(choices)))
    more = more1.astype(int) + more2 + more3
    unit_code, count_of = (
        of_word(3, lambda w: _UNITS.get(w, (None, None))[0]),
        of_word(3, lambda w: _UNITS.get(w, (None, None))[1]),
    )
    period_code, per = (
        of_word(6, lambda w: _PERIODS.get(w, (None, None))[0]),
        of_word(6, lambda w: _PERIODS.get(w, (None, None))[1]),
    )
    columns = {
        "exponent": of_word(1, _MULTIPLIERS.__getitem__).astype(int),
        "multiplier": mult,
        "million": of_word(1, lambda w: w == " million").astype(bool),
        "more": more > 0,
        "suffix": of_word(5, _SUFFIXES.get),
        "unit": unit_code,
        "count_of": count_of,
        "period": period_code,
        "per": per,
        "alone_ok": (more <= 1) & ~(suffix & (more > 0)) & ~(more3 & ~unit) & ~((unit_code == "mu") & (per == "mu")),
        "states": suffix | (more > 0),
        "no_currency": more3 | (unit_code == "mu") | np.array([c is not None for c in count_of], dtype=bool),
    }
    text_attributes = {"suffix": _QUALIFIER_NAMES, "unit": None, "count_of": None, "period": None, "per": None}
    return _Table(keys, columns, text_attributes)


def _steps(number, value: np.ndarray, exponent: np.ndarray) -> np.ndarray:
    """One unit of the last non-zero digit, times the multiplier (30余万 -> 10万), as in
    amounts._Figure.step."""
    parts = pc.extract_regex(number, r"^(?P<integer>[0-9]+)(?:\.(?P<fraction>[0-9]+))?$")
    integer = parts.field("integer")
    fraction = pc.utf8_rtrim(parts.field("fraction"), "0")
    fraction_length = pc.utf8_length(fraction).to_numpy(zero_copy_only=False)
    trailing_zeros = (pc.utf8_length(integer) - pc.utf8_length(pc.utf8_rtrim(integer, "0"))).to_numpy(
        zero_copy_only=False
    )
    digit_exponent = np.where(fraction_length > 0, -fraction_length, trailing_zeros)
    digit_exponent = np.where(value == 0, 0, digit_exponent)
    return _POWERS_OF_TEN[digit_exponent + exponent - _LOWEST_POWER]


def _read_patterns(rows: np.ndarray, text: pa.Array, columns: dict) -> np.ndarray:
    """The rows the figure pattern matched: their head (qualifier word, currency, minus), number
    and tail (multiplier, 余, unit, suffix, period) turned into readings, written into `columns`
    in place. Returns the mask of those read: a combination the scalar parser treats specially
    is left to it."""
    # The pattern's number starts at the first digit and ends at the last (no tail word starts
    # with a digit, a comma or a point), so the parts are cut there.
    heads, numbers, tails = heads_numbers_tails(text)
    head_table, tail_table = _head_table(), _tail_table()
    head_row, tail_row = head_table.rows_of(heads), tail_table.rows_of(tails)
    known = (head_row >= 0) & (tail_row >= 0)
    head, tail = _picked(head_table.codes, head_row[known]), _picked(tail_table.codes, tail_row[known])
    ok = (
        tail["alone_ok"]
        & ~((head["qualifier"] > 0) & tail["states"])
        & ~(head["negative"] & tail["states"])
        & ~(head["currency"] & tail["no_currency"])
    )
    supported = known.copy()
    supported[known] = ok
    head, tail, rows = _picked(head, ok), _picked(tail, ok), rows[supported]

    number = pc.replace_substring(pc.filter(numbers, pa.array(supported)), ",", "")
    exponent = tail["exponent"].astype(np.int64)
    # Through a string, as parse_amount does, so that 2.62亿 is exactly float("2.62e8").
    exponent_text = pc.cast(pc.take(_EXPONENT_TEXT, pa.array(exponent)), number.type)
    value = _to_float(pc.binary_join_element_wise(number, exponent_text, pa.scalar("e", number.type)))
    signed = np.where(head["negative"], -value, value)

    stated = np.where(head["qualifier"] > 0, head["qualifier"], tail["suffix"])
    q = np.where(stated > 0, stated, np.where(tail["more"], _AT_LEAST, _EXACT))
    bounded_above = tail["more"] & (stated == 0)  # 30余万: the bound is one step of its last digit up
    top = np.full(len(value), np.nan)
    if bounded_above.any():
        number_above = pc.filter(number, pa.array(bounded_above))
        top[bounded_above] = value[bounded_above] + _steps(number_above, value[bounded_above], exponent[bounded_above])
    low, high = np.where(q == _AT_MOST, np.nan, signed), np.where(q == _AT_LEAST, top, signed)
    unit = np.where(head["currency"], tail_table.code("unit", "CNY"), tail["unit"])
    area = unit == tail_table.code("unit", "mu")
    if area.any():  # parse_amount rounds an area to 6 decimals (Python's round, not numpy's)
        low[area] = [round(x, 6) for x in low[area].tolist()]
        high[area] = [round(x, 6) for x in high[area].tolist()]
    columns["low"][rows], columns["high"][rows] = low, high
    columns["qualifier"][rows] = _QUALIFIER_NAMES[q]
    columns["unit"][rows] = tail_table.names["unit"][unit]
    for name in ("count_of", "period", "per"):
        columns[name][rows] = tail_table.names[name][tail[name]]

    million = tail["million"].copy()
    if million.any():  # 4200 million yuan: 万 misread as million (parse_amount's flag)
        million[million] = _to_float(pc.filter(number, pa.array(million))) >= 1000
    implicit = (unit == 0) & (tail["count_of"] == 0)
    flag_index = million * 8 + head["negative"] * 4 + implicit * 2 + ~tail["multiplier"]
    columns["flags"][rows] = _FLAG_TEXT[flag_index]
    return supported


def _picked(codes: dict[str, np.ndarray], which: np.ndarray) -> dict[str, np.ndarray]:
    return {name: values[which] for name, values in codes.items()}


def empty_columns(n: int) -> dict[str, np.ndarray]:
    """Columns of n readings, none read yet (flags empty; reasons are the scalar parser's)."""
    columns = {"low": np.full(n, np.nan), "high": np.full(n, np.nan)}
    columns.update(
        {name: np.full(n, None, dtype=object) for name in ("qualifier", "unit", "period", "per", "count_of")}
    )
    columns["flags"] = np.full(n, "", dtype=object)
    columns["reason"] = np.full(n, None, dtype=object)
    return columns


def _plain_values(text: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Which strings are plain numbers, and their values (meaningful where they are)."""
    # Digits alone (the most common cell) need neither the pattern nor the comma stripped.
    digits_only = _bools(pc.ascii_is_decimal(text))
    plain, values = digits_only.copy(), np.zeros(len(text))
    others = ~digits_only & may_be_plain_number(text)  # the pattern runs on the few left
    if others.any():
        plain[others] = _bools(pc.match_substring_regex(pc.filter(text, pa.array(others)), _PLAIN))
    if digits_only.any():
        values[digits_only] = _to_float(pc.filter(text, pa.array(digits_only)))
    formatted = plain & others
    if formatted.any():
        values[formatted] = _to_float(pc.replace_substring(pc.filter(text, pa.array(formatted)), ",", ""))
    plain[_phone_digits(text, plain)] = False  # left for parse_amount, which says why
    return plain, values


def _phone_digits(text: pa.Array, among: np.ndarray | None = None) -> np.ndarray:
    """Which strings (of those `among`) are a phone number's digits: a mobile, 86 before it, a
    landline with its 0. No amount: parse_amount refuses them. Only strings of 10 to 14 bytes
    can be one, so the pattern runs on those alone."""
    lengths = byte_lengths(text)
    maybe = (lengths >= 10) & (lengths <= 14)
    if among is not None:
        maybe &= among
    phone = np.zeros(len(text), dtype=bool)
    if maybe.any():
        phone[maybe] = _bools(pc.match_substring_regex(pc.filter(text, pa.array(maybe)), _PHONE_DIGITS))
    return phone


def read_plain_numbers(text: pa.Array, rows: np.ndarray, columns: dict) -> np.ndarray:
    """Plain numbers (1234, -1,234.5, 1e3) at `rows`: the mask of those read."""
    plain, values = _plain_values(text)
    plain &= np.isfinite(values)  # too large for a float: parse_amount says why
    if plain.any():
        values, read = values[plain], rows[plain]
        columns["low"][read] = columns["high"][read] = values
        columns["qualifier"][read] = "exact"
        columns["flags"][read] = _FLAG_TEXT[np.where(values < 0, 7, 3)]  # object pointers: no new strings
    return plain


def _read_blanks(text: pa.Array, rows: np.ndarray, columns: dict) -> np.ndarray:
    """Missing words, punctuation alone and zero words at `rows`: the mask of those read."""
    missing = _bools(pc.is_in(text, value_set=pa.array(sorted(units.MISSING_WORDS)))) | _bools(
        pc.match_substring_regex(text, _ONLY_PUNCTUATION)
    )
    zero = _bools(pc.is_in(text, value_set=pa.array(sorted(units.ZERO_WORDS)))) & ~missing
    columns["qualifier"][rows[missing]] = "missing"
    columns["low"][rows[zero]] = columns["high"][rows[zero]] = 0.0
    columns["qualifier"][rows[zero]] = "exact"
    columns["flags"][rows[zero]] = _FLAG_TEXT[3]
    return missing | zero


# A bare numeral in the standard writing, perhaps with 元 (三千二百万零五十元): read by
# numerals.read_standard, as amounts._simple_form reads it; other numerals go to the scalar parser.
_STANDARD_NUMERAL = r"^[一二三四五六七八九十][零一二三四五六七八九十百千万亿]*元?$"


@cache
def _section_tables() -> list[tuple[pa.Array, np.ndarray]]:
    """numerals.standard_sections as (keys, values) for a vectorised look-up."""
    return [
        (pa.array(list(table), type=pa.string()), np.array(list(table.values()), dtype=np.int64))
        for table in standard_sections()
    ]


def _section_values(sections: pa.Array, opening: np.ndarray, after_one: np.ndarray) -> np.ndarray:
    """Each section's value from the table its place calls for (numerals.read_standard): the
    numeral's first section, one right after a written section, or one after a skipped section;
    -1 where the section is not written the standard way."""
    values = np.full(len(sections), -1, dtype=np.int64)
    for (keys, table), use in zip(_section_tables(), (opening, after_one, ~opening & ~after_one)):
        index = pc.fill_null(pc.index_in(sections, value_set=keys), -1).to_numpy(zero_copy_only=False)
        found = use & (index >= 0)
        values[found] = table[index[found]]
    return values


def _sections(numerals: pa.Array) -> dict[str, np.ndarray | pa.Array]:
    """Each numeral cut at its 亿 and its 万 (numerals.read_standard's sections: high 亿 middle
    万 low), with `matched` False where it has two of either, or 万 before 亿."""
    marker = len("亿".encode())  # 亿 and 万: three bytes each
    length = byte_lengths(numerals)
    yi_at = pc.find_substring(numerals, "亿").to_numpy(zero_copy_only=False)
    wan_at = pc.find_substring(numerals, "万").to_numpy(zero_copy_only=False)
    yi, wan = yi_at >= 0, wan_at >= 0
    once = (pc.count_substring(numerals, "亿").to_numpy(zero_copy_only=False) <= 1) & (
        pc.count_substring(numerals, "万").to_numpy(zero_copy_only=False) <= 1
    )
    after_yi = np.where(yi, yi_at + marker, 0)
    after_wan = np.where(wan, wan_at + marker, 0)
    middle_stop = np.where(wan, np.maximum(wan_at, after_yi), after_yi)
    low_start = np.maximum(after_yi, after_wan)
    return {
        "matched": once & (~(yi & wan) | (yi_at < wan_at)),
        "yi": yi,
        "wan": wan,
        "high": cut(numerals, np.zeros_like(length), np.where(yi, yi_at, 0)),
        "middle": cut(numerals, after_yi, middle_stop),
        "low": cut(numerals, low_start, length),
        "high_written": yi & (yi_at > 0),
        "middle_written": wan & (middle_stop > after_yi),
        "low_written": length > low_start,
    }


def _read_numerals(rows: np.ndarray, text: pa.Array, columns: dict) -> np.ndarray:
    """Numerals in the standard writing among those matched (numerals.read_standard, read for a
    whole column): the mask of those read."""
    yuan = _bools(pc.ends_with(text, "元"))
    part = _sections(pc.utf8_rtrim(text, "元"))  # the pattern admits one 元, at the end
    yi, wan, low_written = part["yi"], part["wan"], part["low_written"]
    # 亿 and 万 need a number before them.
    high_ok, middle_ok = ~yi | part["high_written"], ~wan | part["middle_written"]
    high = _section_values(part["high"], yi, np.zeros_like(yi))
    middle = _section_values(part["middle"], wan & ~yi, wan & yi)
    low = _section_values(part["low"], low_written & ~yi & ~wan, low_written & wan)
    standard = (
        part["matched"]
        & high_ok
        & middle_ok
        & (~yi | (high >= 0))
        & (~wan | (middle >= 0))
        & (~low_written | (low >= 0))
    )
    value = (np.maximum(high, 0) * 10**8 + np.maximum(middle, 0) * 10**4 + np.maximum(low, 0))[standard]
    rows, yuan, own_scale = rows[standard], yuan[standard], (yi | wan)[standard]
    columns["low"][rows] = columns["high"][rows] = value.astype(float)
    columns["qualifier"][rows] = "exact"
    columns["unit"][rows] = _NONE_OR_CNY[yuan.astype(np.intp)]
    columns["flags"][rows] = _FLAG_TEXT[~yuan * 2 + ~own_scale]
    return standard


def _unread(read_here: np.ndarray, rows: np.ndarray, text: pa.Array, done: np.ndarray):
    """Mark the rows just read as done; the rows and strings still to read."""
    done[rows[read_here]] = True
    return rows[~read_here], pc.filter(text, pa.array(~read_here))


def read_common_forms(
    strings: list[str] | pa.Array, *, plain_numbers_read: bool = False
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Read what can be read vectorised. Returns (mask of rows read, columns for those rows).
    `plain_numbers_read`: the caller has taken out the plain numbers as written already."""
    n = len(strings)
    columns = empty_columns(n)
    raw = strings if isinstance(strings, pa.Array) else column_of(strings)
    # Plain numbers first, as written: a cell _PLAIN matches has nothing to fold (ASCII, no
    # space, lower case) and is no missing or zero word; most cells are such numbers.
    done = np.zeros(n, dtype=bool) if plain_numbers_read else read_plain_numbers(raw, np.arange(n), columns)
    rows = np.flatnonzero(~done)
    text = fold(pc.filter(raw, pa.array(~done)))
    for read in (_read_blanks, read_plain_numbers):
        rows, text = _unread(read(text, rows, columns), rows, text, done)
    phone = _phone_digits(text)
    if phone.any():  # digits a phone number has: parse_amount refuses them, with its reason
        rows, text = rows[~phone], pc.filter(text, pa.array(~phone))
    for pattern, read_matched in ((_PATTERN, _read_patterns), (_STANDARD_NUMERAL, _read_numerals)):
        matched = _bools(pc.match_substring_regex(text, pattern))
        read_here = np.zeros(len(rows), dtype=bool)
        if matched.any():
            read_here[matched] = read_matched(rows[matched], pc.filter(text, pa.array(matched)), columns)
        rows, text = _unread(read_here, rows, text, done)
    return done, columns
