"""Questions about each string of an arrow column, answered on its UTF-8 bytes with numpy.

A regex kernel costs about 100 ns a string; the questions the fast path asks most (could
folding change this string? where does its number start and end?) are a few numpy passes
over the bytes. Digits, spaces and ASCII letters are single bytes in UTF-8 and no byte of a
multi-byte character is below 0x80, so a byte test is a character test for them.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

_OFFSETS = {pa.string(): np.int32, pa.large_string(): np.int64}


def column_of(strings) -> pa.Array:
    """Python strings as one arrow column. Large strings (64-bit offsets): a column of more than
    2 GB of text stays one array instead of becoming chunks."""
    return pa.array(strings, type=pa.large_string())


def _layout(strings: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The string offsets (n + 1, into the data buffer) and the data bytes of a string array."""
    if not isinstance(strings, pa.Array) or strings.type not in _OFFSETS or strings.null_count:
        raise TypeError("expected a string array without nulls")
    _, offsets_buffer, data_buffer = strings.buffers()
    offsets_type = _OFFSETS[strings.type]
    offsets = np.frombuffer(offsets_buffer, dtype=offsets_type)[strings.offset : strings.offset + len(strings) + 1]
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None else np.zeros(0, dtype=np.uint8)
    return offsets, data


def _row_of_each_byte(offsets: np.ndarray) -> np.ndarray:
    """The row each byte from offsets[0] to offsets[-1] belongs to."""
    return np.repeat(np.arange(len(offsets) - 1, dtype=np.int32), np.diff(offsets))


def _rows_with(offsets: np.ndarray, flagged: np.ndarray) -> np.ndarray:
    """Mask of the rows holding a flagged byte (`flagged` covers the bytes from offsets[0])."""
    rows = np.zeros(len(offsets) - 1, dtype=bool)
    rows[_row_of_each_byte(offsets)[flagged]] = True
    return rows


def may_change_when_folded(strings: pa.Array) -> np.ndarray:
    """Mask of the strings that folding (NFKC, single spaces, trimmed, lower case) could change.

    Conservative: a string outside this mask is exactly as folding would leave it (ASCII
    without capitals, control characters, doubled or edge spaces, and CJK ideographs
    U+4E00..U+9FFF, which NFKC leaves alone); one inside may be too."""
    offsets, data = _layout(strings)
    text = data[offsets[0] : offsets[-1]]
    following = np.empty_like(text)
    following[:-1], following[-1:] = text[1:], 0
    # A lead byte of a character other than U+4E00..U+9FFF (E4 B8 80 .. E9 BF BF).
    other_than_cjk = ((text >= 0xC0) & (text < 0xE4)) | (text >= 0xEA) | ((text == 0xE4) & (following < 0xB8))
    control = (text < 0x20) | (text == 0x7F)
    capital = (text >= 0x41) & (text <= 0x5A)
    double_space = (text == 0x20) & (following == 0x20)
    rows = _rows_with(offsets, other_than_cjk | control | capital | double_space)
    not_empty = offsets[1:] > offsets[:-1]
    first, last = data[offsets[:-1][not_empty]], data[offsets[1:][not_empty] - 1]
    rows[not_empty] |= (first == 0x20) | (last == 0x20)
    return rows


def digit_span(strings: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Byte positions, within each string, of its first digit and one past its last digit;
    both are the string's length where it has no digit."""
    offsets, data = _layout(strings)
    text = data[offsets[0] : offsets[-1]]
    digits = np.flatnonzero((text >= 0x30) & (text <= 0x39))
    rows, positions = _row_of_each_byte(offsets)[digits], digits + offsets[0]
    first, stop = offsets[1:].copy(), offsets[1:].copy()
    if len(positions):
        new_row = np.empty(len(rows), dtype=bool)
        new_row[0], new_row[1:] = True, rows[1:] != rows[:-1]
        last_of_row = np.empty(len(rows), dtype=bool)
        last_of_row[-1], last_of_row[:-1] = True, new_row[1:]
        first[rows[new_row]] = positions[new_row]
        stop[rows[last_of_row]] = positions[last_of_row] + 1
    return first - offsets[:-1], stop - offsets[:-1]


def byte_lengths(strings: pa.Array) -> np.ndarray:
    offsets, _ = _layout(strings)
    return np.diff(offsets)


def cut(strings: pa.Array, starts: np.ndarray, stops: np.ndarray) -> pa.Array:
    """Bytes starts[i]:stops[i] of each string i (on character boundaries), as a new string
    array of the same type."""
    offsets, data = _layout(strings)
    lengths = (stops - starts).astype(offsets.dtype)
    new_offsets = np.zeros(len(lengths) + 1, dtype=offsets.dtype)
    np.cumsum(lengths, out=new_offsets[1:])
    first_byte = offsets[:-1].astype(np.int64) + starts
    picked = np.arange(new_offsets[-1], dtype=np.int64) + np.repeat(first_byte - new_offsets[:-1], lengths)
    buffers = [None, pa.py_buffer(new_offsets), pa.py_buffer(data[picked])]
    return pa.Array.from_buffers(strings.type, len(lengths), buffers)


def heads_numbers_tails(strings: pa.Array) -> tuple[pa.Array, pa.Array, pa.Array]:
    """Each string cut before its first digit and after its last: head, number, tail."""
    first, stop = digit_span(strings)
    return (
        cut(strings, np.zeros_like(first), first),
        cut(strings, first, stop),
        cut(strings, stop, byte_lengths(strings)),
    )
