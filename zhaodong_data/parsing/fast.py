"""Vectorised reading of the forms that fill real ledgers.

Most cells are a number with perhaps a multiplier, a unit, one qualifier and a
period: `125000`, `12.5万元`, `约30万元`, `30余万元`, `3000元/月`, `4.2 million yuan`.
These are matched all at once by one RE2 pattern (pyarrow) and computed with
numpy. Anything the pattern does not admit, or admits in a combination the
scalar parser treats specially, is left for `parse_amount`. The results are
identical to `parse_amount` (tests compare the two on the corpus and on
generated strings); when in doubt a form is simply not admitted here.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import units
from .numerals import read_standard

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


# Numbers: up to 6 decimals, so that the area rounding of the scalar parser is the identity.
_PATTERN = (
    rf"^(?:(?P<pre>{_alternatives(_PREFIXES)})|(?P<cur>¥|rmb\x20|人民币))?"
    r"(?P<neg>-)?(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]{1,6})?|[0-9]{1,15}(?:\.[0-9]{1,6})?)"
    r"(?P<more1>余|多)?"
    rf"(?P<mult>{_alternatives(_MULTIPLIERS)})?"
    r"(?P<more2>余|多|以上)?"
    rf"(?P<unit>{_alternatives(_UNITS)})?"
    r"(?P<more3>以上)?"  # 9万元以上: bounded like 余, as parse_amount reads it
    rf"(?P<suf>{_alternatives(_SUFFIXES)})?"
    rf"(?P<period>{_alternatives(_PERIODS)})?$"
)
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


_MULTIPLIER_WORDS = pa.array(list(_MULTIPLIERS), type=pa.string())
_MULTIPLIER_EXPONENTS = np.array(list(_MULTIPLIERS.values()), dtype=np.int64)
_MULTIPLIER_EXPONENT_TEXT = pa.array([str(v) for v in _MULTIPLIERS.values()], type=pa.string())
_LOWEST_POWER = -12
_POWERS_OF_TEN = np.array([float(f"1e{k}") for k in range(_LOWEST_POWER, 40)])


def _lookup(values: pa.Array, table: dict, index: int | None = None, default=None) -> np.ndarray:
    """Map each string through a table, vectorised: unknown or empty strings give `default`."""
    keys = list(table)
    outputs = [table[key] if index is None else table[key][index] for key in keys] + [default]
    positions = pc.fill_null(pc.index_in(values, value_set=pa.array(keys, type=pa.string())), len(keys))
    return np.array(outputs, dtype=object)[positions.to_numpy(zero_copy_only=False)]


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


def _supported(has: dict, more, count_unit, area_unit, per_word) -> np.ndarray:
    """Rows whose combination of parts the vectorised reading handles; the others (two qualifiers,
    a sign with a qualifier, 元 with an area or a count, ...) go to the scalar parser."""
    sources = has["pre"].astype(int) + has["suf"] + more
    return ~(
        (sources > 1)
        | (has["more1"].astype(int) + has["more2"] + has["more3"] > 1)
        | has["neg"] & (sources > 0)
        | has["more3"] & (~has["unit"] | has["cur"])
        | (count_unit | area_unit) & has["cur"]
        | area_unit & (per_word == "mu")
    )


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


def _read_patterns(rows: np.ndarray, groups, columns: dict) -> None:
    """The rows the figure pattern matched: their parts (prefix, currency, sign, number,
    multiplier, 余, unit, suffix, period) turned into readings, written into `columns` in place;
    rows whose combination the scalar parser treats specially are left for it."""
    low, high, qualifier, unit, period, per, count_of, flags = (
        columns[name] for name in ("low", "high", "qualifier", "unit", "period", "per", "count_of", "flags")
    )
    field = {
        name: groups.field(name)
        for name in ("pre", "cur", "neg", "num", "more1", "mult", "more2", "unit", "more3", "suf", "period")
    }
    has = {name: _present(values) for name, values in field.items()}
    unit_word = field["unit"]
    count_unit = _bools(pc.is_in(unit_word, value_set=pa.array(["户", "人"])))
    area_unit = _bools(pc.is_in(unit_word, value_set=pa.array(["亩", " mu"])))
    per_word = _lookup(field["period"], _PERIODS, 1)
    more = has["more1"] | has["more2"] | has["more3"]
    supported = _supported(has, more, count_unit, area_unit, per_word)
    keep = pa.array(supported)
    rows = rows[supported]
    field = {name: pc.filter(values, keep) for name, values in field.items()}
    has = {name: values[supported] for name, values in has.items()}
    per_word, more = per_word[supported], more[supported]

    number = pc.replace_substring(field["num"], ",", "")
    multiplier_position = pc.fill_null(pc.index_in(field["mult"], value_set=_MULTIPLIER_WORDS), 0)
    exponent = _MULTIPLIER_EXPONENTS[multiplier_position.to_numpy(zero_copy_only=False)]
    # Through a string, as parse_amount does, so that 2.62亿 is exactly float("2.62e8").
    exponent_text = pc.take(_MULTIPLIER_EXPONENT_TEXT, multiplier_position)
    value = _to_float(pc.binary_join_element_wise(number, exponent_text, "e"))
    sign = np.where(has["neg"], -1.0, 1.0)

    prefix = _lookup(field["pre"], _PREFIXES)
    suffix = _lookup(field["suf"], _SUFFIXES)
    stated = np.where(has["pre"], prefix, suffix)
    has_stated = has["pre"] | has["suf"]
    q = np.where(has_stated, stated, _MORE_OR_EXACT[more.astype(np.intp)])
    low[rows] = np.where(q == "at_most", np.nan, value * sign)
    bounded_above = more & ~has_stated  # 30余万: the bound is one step of its last digit up
    top = np.full(len(value), np.nan)
    if bounded_above.any():
        number_above = pc.filter(number, pa.array(bounded_above))
        top[bounded_above] = value[bounded_above] + _steps(number_above, value[bounded_above], exponent[bounded_above])
    high[rows] = np.where(q == "at_least", top, value * sign)
    qualifier[rows] = q

    unit_code = _lookup(unit_word := field["unit"], _UNITS, 0)
    unit[rows] = np.where(has["cur"], "CNY", unit_code)
    count_of[rows] = _lookup(unit_word, _UNITS, 1)
    period[rows] = _lookup(field["period"], _PERIODS, 0)
    per[rows] = per_word
    million = _bools(pc.equal(field["mult"], " million")) & (_to_float(number) >= 1000)
    implicit = (unit[rows] == None) & (count_of[rows] == None)  # noqa: E711 (object arrays)
    flags[rows] = _FLAG_TEXT[million * 8 + has["neg"] * 4 + implicit * 2 + ~has["mult"]]


def empty_columns(n: int) -> dict[str, np.ndarray]:
    """Columns of n readings, none read yet (flags empty; reasons are the scalar parser's)."""
    columns = {"low": np.full(n, np.nan), "high": np.full(n, np.nan)}
    columns.update(
        {name: np.full(n, None, dtype=object) for name in ("qualifier", "unit", "period", "per", "count_of")}
    )
    columns["flags"] = np.full(n, "", dtype=object)
    return columns


def _read_blanks_and_numbers(text: pa.Array, columns: dict) -> np.ndarray:
    """Missing words, zero words and plain numbers: the mask of the rows read."""
    low, high, qualifier, flags = (columns[name] for name in ("low", "high", "qualifier", "flags"))
    plain = _bools(pc.match_substring_regex(text, _PLAIN))
    missing = _bools(pc.is_in(text, value_set=pa.array(sorted(units.MISSING_WORDS))))
    others = ~plain & ~missing  # only these can be all punctuation (a plain number has a digit)
    missing[others] |= _bools(pc.match_substring_regex(pc.filter(text, pa.array(others)), _ONLY_PUNCTUATION))
    zero = _bools(pc.is_in(text, value_set=pa.array(sorted(units.ZERO_WORDS)))) & ~missing
    plain &= ~missing & ~zero
    qualifier[missing] = "missing"
    low[zero] = high[zero] = 0.0
    qualifier[zero] = "exact"
    flags[zero] = _FLAG_TEXT[3]
    if plain.any():
        numbers = pc.replace_substring(pc.filter(text, pa.array(plain)), ",", "")
        values = _to_float(numbers)
        finite = np.isfinite(values)
        plain[np.flatnonzero(plain)[~finite]] = False  # too large for a float: parse_amount says why
        values = values[finite]
        low[plain] = high[plain] = values
        qualifier[plain] = "exact"
        flags[plain] = _FLAG_TEXT[np.where(values < 0, 7, 3)]  # object pointers: no new strings
    return missing | zero | plain


def _matching(text: pa.Array, among: np.ndarray, pattern: str):
    """The rows among `among` that `pattern` matches, and their groups."""
    candidates = np.flatnonzero(among)
    groups = pc.extract_regex(pc.filter(text, pa.array(among)), pattern)
    matched = _bools(pc.is_valid(groups))
    return candidates[matched], pc.filter(groups, pa.array(matched))


# A bare numeral in the standard writing, perhaps with 元 (三千二百万零五十元): read by
# numerals.read_standard, as amounts._simple_form reads it; other numerals go to the scalar parser.
_STANDARD_NUMERAL = r"^(?P<numeral>[一二三四五六七八九十][零一二三四五六七八九十百千万亿]*)(?P<yuan>元)?$"


def _read_numerals(rows: np.ndarray, groups, columns: dict) -> None:
    numerals = groups.field("numeral")
    values = [read_standard(numeral) for numeral in numerals.to_pylist()]
    standard = np.array([value is not None for value in values], dtype=bool)
    rows = rows[standard]
    value = np.array([value for value in values if value is not None], dtype=float)
    keep = pa.array(standard)
    yuan = _present(pc.filter(groups.field("yuan"), keep))
    own_scale = _bools(pc.match_substring_regex(pc.filter(numerals, keep), "[万亿]"))
    columns["low"][rows] = columns["high"][rows] = value
    columns["qualifier"][rows] = "exact"
    columns["unit"][rows] = _NONE_OR_CNY[yuan.astype(np.intp)]
    columns["flags"][rows] = _FLAG_TEXT[~yuan * 2 + ~own_scale]


def read_common_forms(strings: list[str]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Read what can be read vectorised. Returns (mask of rows read, columns for those rows)."""
    text = fold(pa.array(strings, type=pa.string()))
    columns = empty_columns(len(strings))
    done = _read_blanks_and_numbers(text, columns)
    rows, groups = _matching(text, ~done, _PATTERN)
    if len(rows):
        _read_patterns(rows, groups, columns)  # fills the rows' entries of the columns in place
    done = ~np.isnan(columns["low"]) | ~np.isnan(columns["high"]) | (columns["qualifier"] != None)  # noqa: E711
    rows, groups = _matching(text, ~done, _STANDARD_NUMERAL)
    if len(rows):
        _read_numerals(rows, groups, columns)
        done[rows] = columns["qualifier"][rows] != None  # noqa: E711
    return done, columns
