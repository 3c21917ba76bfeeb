"""Vectorised reading of the forms that fill real ledgers.

Most cells are a number with perhaps a multiplier, a unit, one qualifier and a
period: `125000`, `12.5万元`, `约30万元`, `30余万元`, `3000元/月`, `4.2 million yuan`.
Plain numbers are matched first, as written; the rest are folded, matched by one
RE2 pattern without captures (pyarrow), cut into head, number and tail, and the
head and tail looked up in tables of every form the pattern admits; numbers are
computed with numpy. Standard Chinese numerals (三千二百万零五十元) are read by
looking up their sections. Anything else, or a combination the scalar parser
treats specially, is left for `parse_amount`. The results are identical to
`parse_amount` (tests compare the two on the corpus and on generated strings);
when in doubt a form is simply not admitted here.
"""

from __future__ import annotations

import itertools
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import units
from .numerals import standard_sections

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
# Matched without captures (a fast DFA); the parts of a match are then cut by _PARTS and looked
# up in tables of every head and every tail (_head_table, _tail_table).
_PATTERN = (
    rf"^(?:{_alternatives(_PREFIXES)}|{_alternatives(_CURRENCIES)})?-?(?:{_NUMBER})"
    + "".join(rf"(?:{_alternatives(words)})?" for _, words in _TAIL_GROUPS)
    + "$"
)
_PARTS = r"^(?P<head>[^0-9]*)(?P<number>[0-9][0-9,.]*)(?P<tail>[^0-9]*)$"
_PLAIN = r"^[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?$"
_ONLY_PUNCTUATION = r"^[\x20\-—–~_/\\.…?？]*$"


def _where(strings: pa.Array, mask: pa.Array, change) -> pa.Array:
    """`change` applied only to the strings under `mask` (most cells need none of it)."""
    if not pc.any(mask).as_py():
        return strings
    return pc.replace_with_mask(strings, mask, change(pc.filter(strings, mask)))


def fold(strings: pa.Array) -> pa.Array:
    """numerals.fold for a whole column: NFKC (a no-op on ASCII), single spaces, trimmed, lower case."""
    # NFKC leaves ASCII and the common CJK ideographs (U+4E00..U+9FFF) as they are: most cells.
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


_EXPONENT_TEXT = pa.array([str(k) for k in range(max(_MULTIPLIERS.values()) + 1)], type=pa.string())
_LOWEST_POWER = -12
_POWERS_OF_TEN = np.array([float(f"1e{k}") for k in range(_LOWEST_POWER, 40)])


def _present(values: pa.Array) -> np.ndarray:
    return pc.not_equal(values, "").to_numpy(zero_copy_only=False)


def _to_float(strings: pa.Array) -> np.ndarray:
    return pc.cast(strings, pa.float64()).to_numpy(zero_copy_only=False)


def _bools(array) -> np.ndarray:
    return np.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=bool)


# Flags in the order parse_amount writes them, by (wan_as_million, negative, unit_implicit,
# scale_implicit): bit 8, 4, 2, 1 of the index.
_NONE_OR_CNY = np.array([None, "CNY"], dtype=object)
_MORE_OR_EXACT = np.array(["exact", "at_least"], dtype=object)
_FLAG_NAMES = ("wan_as_million", "negative", "unit_implicit", "scale_implicit")
_FLAG_TEXT = np.array(
    [";".join(name for name, bit in zip(_FLAG_NAMES, (8, 4, 2, 1)) if index & bit) for index in range(16)], dtype=object
)


@cache
def _head_table() -> tuple[pa.Array, dict[str, np.ndarray]]:
    """Every text the pattern admits before a number the vectorised reading handles, and what
    each says: a qualifier word (约, more than), a currency (¥), a minus. A sign after a
    qualifier word (约-5) is left to the scalar parser, so it is not in the table."""
    keys, qualifier, currency, negative = [], [], [], []
    for word in ("", *_PREFIXES, *_CURRENCIES):
        for minus in ("", "-"):
            if minus and word in _PREFIXES:
                continue
            keys.append(word + minus)
            qualifier.append(_PREFIXES.get(word))
            currency.append(word in _CURRENCIES)
            negative.append(bool(minus))
    attributes = {
        "qualifier": np.array(qualifier, dtype=object),
        "currency": np.array(currency),
        "negative": np.array(negative),
    }
    return pa.array(keys, type=pa.string()), attributes


_TEXT_ATTRIBUTES = ("suffix", "unit", "count_of", "period", "per")


@cache
def _tail_table() -> tuple[pa.Array, dict[str, np.ndarray]]:
    """Every text the pattern admits after a number, read the way the pattern reads it (its
    groups' words in the order it tries them), and what each says. `alone_ok` is False for a
    combination the scalar parser treats specially (two 余, 余 with 左右, 以上 without a unit,
    an area per 亩); `states` (a suffix or a 余) and `no_currency` (以上 after the unit, a count,
    an area) are checked against the head."""
    choices = [(*words, "") for _, words in _TAIL_GROUPS]
    seen: dict[str, tuple[str, ...]] = {}
    for parts in itertools.product(*choices):
        seen.setdefault("".join(parts), parts)
    rows = []
    for more1, mult, more2, unit, more3, suffix, period in seen.values():
        more = bool(more1) + bool(more2) + bool(more3)
        unit_code, count_of = _UNITS.get(unit, (None, None))
        period_code, per = _PERIODS.get(period, (None, None))
        rows.append(
            {
                "exponent": _MULTIPLIERS[mult],
                "multiplier": bool(mult),
                "million": mult == " million",
                "more": more > 0,
                "suffix": _SUFFIXES.get(suffix),
                "unit": unit_code,
                "count_of": count_of,
                "period": period_code,
                "per": per,
                "alone_ok": more <= 1
                and not (suffix and more)
                and not (more3 and not unit)
                and not (unit_code == "mu" and per == "mu"),
                "states": bool(suffix) or more > 0,
                "no_currency": bool(more3) or unit_code == "mu" or count_of is not None,
            }
        )
    attributes = {
        name: np.array([row[name] for row in rows], dtype=object if name in _TEXT_ATTRIBUTES else None)
        for name in rows[0]
    }
    return pa.array(list(seen), type=pa.string()), attributes


def _look_up(texts: pa.Array, table: tuple[pa.Array, dict[str, np.ndarray]]):
    """Each text's row in a table (-1 where it has none) and the table's attribute columns."""
    keys, attributes = table
    index = pc.fill_null(pc.index_in(texts, value_set=keys), -1).to_numpy(zero_copy_only=False)
    return index, attributes


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


def _read_patterns(rows: np.ndarray, groups, columns: dict) -> np.ndarray:
    """The rows the figure pattern matched: their head (qualifier word, currency, minus), number
    and tail (multiplier, 余, unit, suffix, period) turned into readings, written into `columns`
    in place. Returns the mask of those read: a combination the scalar parser treats specially
    is left to it."""
    head_row, head = _look_up(groups.field("head"), _head_table())
    tail_row, tail = _look_up(groups.field("tail"), _tail_table())
    known = (head_row >= 0) & (tail_row >= 0)
    head_row, tail_row = head_row[known], tail_row[known]
    stated_before = head["qualifier"][head_row] != None  # noqa: E711 (object arrays)
    negative, currency = head["negative"][head_row], head["currency"][head_row]
    states_after = tail["states"][tail_row]
    ok = (
        tail["alone_ok"][tail_row]
        & ~(stated_before & states_after)
        & ~(negative & states_after)
        & ~(currency & tail["no_currency"][tail_row])
    )
    supported = known.copy()
    supported[known] = ok
    head_row, tail_row, negative, currency = head_row[ok], tail_row[ok], negative[ok], currency[ok]
    rows = rows[supported]

    number = pc.replace_substring(pc.filter(groups.field("number"), pa.array(supported)), ",", "")
    exponent = tail["exponent"][tail_row].astype(np.int64)
    # Through a string, as parse_amount does, so that 2.62亿 is exactly float("2.62e8").
    exponent_text = pc.take(_EXPONENT_TEXT, pa.array(exponent))
    value = _to_float(pc.binary_join_element_wise(number, exponent_text, "e"))
    signed = np.where(negative, -value, value)

    more = tail["more"][tail_row].astype(bool)
    stated = head["qualifier"][head_row]
    stated = np.where(stated != None, stated, tail["suffix"][tail_row])  # noqa: E711
    has_stated = stated != None  # noqa: E711
    q = np.where(has_stated, stated, _MORE_OR_EXACT[more.astype(np.intp)])
    bounded_above = more & ~has_stated  # 30余万: the bound is one step of its last digit up
    top = np.full(len(value), np.nan)
    if bounded_above.any():
        number_above = pc.filter(number, pa.array(bounded_above))
        top[bounded_above] = value[bounded_above] + _steps(number_above, value[bounded_above], exponent[bounded_above])
    low, high = np.where(q == "at_most", np.nan, signed), np.where(q == "at_least", top, signed)
    area = tail["unit"][tail_row] == "mu"
    if area.any():  # parse_amount rounds an area to 6 decimals (Python's round, not numpy's)
        low[area] = [round(x, 6) for x in low[area].tolist()]
        high[area] = [round(x, 6) for x in high[area].tolist()]
    columns["low"][rows], columns["high"][rows] = low, high
    columns["qualifier"][rows] = q

    unit = np.where(currency, "CNY", tail["unit"][tail_row])
    count_of = tail["count_of"][tail_row]
    columns["unit"][rows], columns["count_of"][rows] = unit, count_of
    columns["period"][rows], columns["per"][rows] = tail["period"][tail_row], tail["per"][tail_row]
    million = tail["million"][tail_row].astype(bool) & (_to_float(number) >= 1000)
    implicit = (unit == None) & (count_of == None)  # noqa: E711
    multiplier = tail["multiplier"][tail_row].astype(bool)
    columns["flags"][rows] = _FLAG_TEXT[million * 8 + negative * 4 + implicit * 2 + ~multiplier]
    return supported


def empty_columns(n: int) -> dict[str, np.ndarray]:
    """Columns of n readings, none read yet (flags empty; reasons are the scalar parser's)."""
    columns = {"low": np.full(n, np.nan), "high": np.full(n, np.nan)}
    columns.update(
        {name: np.full(n, None, dtype=object) for name in ("qualifier", "unit", "period", "per", "count_of")}
    )
    columns["flags"] = np.full(n, "", dtype=object)
    return columns


def _read_plain_numbers(text: pa.Array, rows: np.ndarray, columns: dict) -> np.ndarray:
    """Plain numbers (1234, -1,234.5, 1e3) at `rows`: the mask of those read."""
    plain = _bools(pc.match_substring_regex(text, _PLAIN))
    if plain.any():
        values = _to_float(pc.replace_substring(pc.filter(text, pa.array(plain)), ",", ""))
        finite = np.isfinite(values)
        plain[np.flatnonzero(plain)[~finite]] = False  # too large for a float: parse_amount says why
        values, read = values[finite], rows[plain]
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


def _matching(text: pa.Array, pattern: str, parts: str) -> tuple[np.ndarray, pa.StructArray]:
    """Which strings `pattern` matches, and the groups `parts` cuts them into."""
    matched = _bools(pc.match_substring_regex(text, pattern))
    return matched, pc.extract_regex(pc.filter(text, pa.array(matched)), parts)


# A bare numeral in the standard writing, perhaps with 元 (三千二百万零五十元): read by
# numerals.read_standard, as amounts._simple_form reads it; other numerals go to the scalar parser.
_STANDARD_NUMERAL = r"^(?P<numeral>[一二三四五六七八九十][零一二三四五六七八九十百千万亿]*)(?P<yuan>元)?$"


_SECTIONS = r"^(?:(?P<high>[^亿万]*)(?P<yi>亿))?(?:(?P<middle>[^亿万]*)(?P<wan>万))?(?P<low>[^亿万]*)$"


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


def _read_numerals(rows: np.ndarray, groups, columns: dict) -> np.ndarray:
    """Numerals in the standard writing among those matched (numerals.read_standard, read for a
    whole column): the mask of those read."""
    numerals = groups.field("numeral")
    sections = pc.extract_regex(numerals, _SECTIONS)
    matched = _bools(pc.is_valid(sections))
    field = {name: pc.fill_null(sections.field(name), "") for name in ("high", "yi", "middle", "wan", "low")}
    yi, wan = _present(field["yi"]), _present(field["wan"])
    high_ok = ~yi | _present(field["high"])  # 亿 and 万 need a number before them
    middle_ok = ~wan | _present(field["middle"])
    low_written = _present(field["low"])
    high = _section_values(field["high"], yi, np.zeros_like(yi))
    middle = _section_values(field["middle"], wan & ~yi, wan & yi)
    low = _section_values(field["low"], low_written & ~yi & ~wan, low_written & wan)
    standard = (
        matched & high_ok & middle_ok & (~yi | (high >= 0)) & (~wan | (middle >= 0)) & (~low_written | (low >= 0))
    )
    value = (np.maximum(high, 0) * 10**8 + np.maximum(middle, 0) * 10**4 + np.maximum(low, 0))[standard]
    rows = rows[standard]
    keep = pa.array(standard)
    yuan = _present(pc.filter(groups.field("yuan"), keep))
    own_scale = (yi | wan)[standard]
    columns["low"][rows] = columns["high"][rows] = value.astype(float)
    columns["qualifier"][rows] = "exact"
    columns["unit"][rows] = _NONE_OR_CNY[yuan.astype(np.intp)]
    columns["flags"][rows] = _FLAG_TEXT[~yuan * 2 + ~own_scale]
    return standard


def _unread(read_here: np.ndarray, rows: np.ndarray, text: pa.Array, done: np.ndarray):
    """Mark the rows just read as done; the rows and strings still to read."""
    done[rows[read_here]] = True
    return rows[~read_here], pc.filter(text, pa.array(~read_here))


def read_common_forms(strings: list[str]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Read what can be read vectorised. Returns (mask of rows read, columns for those rows)."""
    n = len(strings)
    columns = empty_columns(n)
    raw = pa.array(strings, type=pa.string())
    # Plain numbers first, as written: a cell _PLAIN matches has nothing to fold (ASCII, no
    # space, lower case) and is no missing or zero word; most cells are such numbers.
    done = _read_plain_numbers(raw, np.arange(n), columns)
    rows = np.flatnonzero(~done)
    text = fold(pc.filter(raw, pa.array(~done)))
    for read in (_read_blanks, _read_plain_numbers):
        rows, text = _unread(read(text, rows, columns), rows, text, done)
    for read_matched, pattern, parts in (
        (_read_patterns, _PATTERN, _PARTS),
        (_read_numerals, _STANDARD_NUMERAL, _STANDARD_NUMERAL),
    ):
        matched, groups = _matching(text, pattern, parts)
        read_here = np.zeros(len(rows), dtype=bool)
        if matched.any():
            read_here[matched] = read_matched(rows[matched], groups, columns)
        rows, text = _unread(read_here, rows, text, done)
    return done, columns
