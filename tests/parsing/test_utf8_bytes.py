"""Byte-level answers about string columns agree with the same questions asked of Python strings."""

import re

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhaodong_data.parsing import numerals, utf8_bytes

from ..examples import examples

# Characters of every byte length and kind the fast path cares about: ASCII digits, letters and
# capitals, spaces and controls, CJK ideographs at the edges of U+4E00..U+9FFF, full-width
# forms, the ideographic space, and characters just outside the CJK block.
CHARACTERS = st.sampled_from(
    list("0123456789.,-+e aZ\t\n\x1c\x7f")
    + ["万", "亿", "一", "元", "\u4e00", "\u9fff", "\u4dff", "\ua000", "１", "Ａ", "\u3000", "é", "−", "😀", "\u00a0"]
)
TEXTS = st.lists(st.text(CHARACTERS, max_size=12), max_size=30)
# Where the column starts inside its buffers (arrow slices share them), and its offsets' width.
SLICE_START = st.tuples(st.integers(min_value=0, max_value=3), st.sampled_from([pa.string(), pa.large_string()]))


def column(texts, where=(0, pa.large_string())):
    """`texts` as a string array that may be a slice of a larger one (non-zero offset)."""
    start, kind = where
    return pa.array(["padding"] * start + texts, type=kind).slice(start)


@given(TEXTS, SLICE_START)
@settings(max_examples=examples(300))
def test_a_string_not_flagged_is_as_folding_leaves_it(texts, start):
    flagged = utf8_bytes.may_change_when_folded(column(texts, start))
    assert len(flagged) == len(texts)
    for text, may_change in zip(texts, flagged):
        if not may_change:
            assert numerals.fold(text) == text, text


def test_each_reason_to_fold_is_flagged():
    texts = ["12万元", "Ab", " 12", "12 ", "1  2", "1\t2", "１２", "12\u3000", "−5", "\u4dff", "一二", ""]
    flagged = utf8_bytes.may_change_when_folded(column(texts, (2, pa.string()))).tolist()
    assert flagged == [False, True, True, True, True, True, True, True, True, True, False, False]


@given(TEXTS, SLICE_START)
@settings(max_examples=examples(300))
def test_heads_numbers_tails_cut_at_the_first_and_last_digit(texts, start):
    heads, numbers, tails = utf8_bytes.heads_numbers_tails(column(texts, start))
    for text, head, number, tail in zip(texts, heads.to_pylist(), numbers.to_pylist(), tails.to_pylist()):
        digits = [i for i, ch in enumerate(text) if "0" <= ch <= "9"]
        if digits:
            expected = (text[: digits[0]], text[digits[0] : digits[-1] + 1], text[digits[-1] + 1 :])
        else:
            expected = (text, "", "")
        assert (head, number, tail) == expected


@given(st.lists(st.tuples(st.text(CHARACTERS, max_size=8), st.integers(0, 8), st.integers(0, 8)), max_size=20))
def test_cut_takes_the_bytes_asked_for(cases):
    texts = [text for text, _, _ in cases]
    # Character positions turned into byte positions, start <= stop.
    spans = []
    for text, a, b in cases:
        a, b = sorted((min(a, len(text)), min(b, len(text))))
        spans.append((a, b, len(text[:a].encode()), len(text[:b].encode())))
    starts = np.array([s[2] for s in spans], dtype=np.int64)
    stops = np.array([s[3] for s in spans], dtype=np.int64)
    got = utf8_bytes.cut(column(texts, (1, pa.large_string())), starts, stops).to_pylist()
    assert got == [text[a:b] for text, (a, b, _, _) in zip(texts, spans)]


@pytest.mark.parametrize(
    "strings",
    [pa.array(["1", None]), pa.chunked_array([["1"], ["2"]]), pa.array([b"1"], type=pa.binary())],
    ids=["nulls", "chunks", "bytes"],
)
def test_what_is_not_one_string_array_without_nulls_is_refused(strings):
    with pytest.raises(TypeError, match="without nulls"):
        utf8_bytes.byte_lengths(strings)


def test_a_cut_keeps_the_width_of_its_offsets():
    for kind in (pa.string(), pa.large_string()):
        cut = utf8_bytes.cut(pa.array(["12万元"], type=kind), np.array([0]), np.array([2]))
        assert cut.type == kind and cut.to_pylist() == ["12"]


_SECTIONS = re.compile(r"(?:([^亿万]*)亿)?(?:([^亿万]*)万)?([^亿万]*)")


@given(st.lists(st.text(st.sampled_from("一二三十百千万亿零"), max_size=9), max_size=30), SLICE_START)
@settings(max_examples=examples(300))
def test_numeral_sections_are_cut_as_the_section_pattern_reads_them(texts, start):
    from zhaodong_data.parsing.fast import _sections

    parts = _sections(column(texts, start))
    for i, text in enumerate(texts):
        match = _SECTIONS.fullmatch(text)
        assert bool(parts["matched"][i]) == bool(match), text
        if match:
            high, middle, low = (group or "" for group in match.groups())
            assert (parts["high"][i].as_py(), parts["middle"][i].as_py(), parts["low"][i].as_py()) == (
                high,
                middle,
                low,
            ), text
            assert parts["yi"][i] == ("亿" in text) and parts["wan"][i] == ("万" in text)
            assert (parts["high_written"][i], parts["middle_written"][i], parts["low_written"][i]) == (
                bool(high),
                bool(middle),
                bool(low),
            ), text


@pytest.mark.parametrize(
    "text",
    [
        "more than about 12 yuan",
        "12 million yuan per month each",
        "没有数字的一段很长的文字说明",
        "x" * 40 + "5" + "y" * 40,
        "7",
    ],
)
def test_digits_far_from_either_end_are_found(text):
    # The first and last bytes are scanned before the whole string: these sit beyond that scan.
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    first, stop = utf8_bytes.digit_span(column([text, "1元"], (1, pa.string())))
    if digits:
        assert (first[0], stop[0]) == (len(text[: digits[0]].encode()), len(text[: digits[-1] + 1].encode()))
    else:
        assert first[0] == stop[0] == len(text.encode())
    assert (first[1], stop[1]) == (0, 1)


@given(TEXTS, SLICE_START)
@settings(max_examples=examples(300))
def test_what_is_ruled_out_as_a_plain_number_is_none(texts, start):
    plain = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?")
    possible = utf8_bytes.may_be_plain_number(column(texts, start))
    for text, may_be in zip(texts, possible):
        if plain.fullmatch(text):
            assert may_be, text


def test_plain_numbers_are_kept_and_written_forms_ruled_out():
    texts = ["1", "-1,234.5", "+3", "1e3", "0.25", "12万元", "约5", "5元", "", "-"]
    possible = utf8_bytes.may_be_plain_number(column(texts, (2, pa.string()))).tolist()
    assert possible == [True] * 5 + [False] * 5
