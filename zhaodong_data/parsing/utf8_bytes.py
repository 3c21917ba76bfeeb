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
    not_empty = offsets[1:] > offsets[:-1]  # reduceat would answer an empty row with its neighbour's byte
    if not_empty.any():
        rows[not_empty] = np.logical_or.reduceat(flagged, offsets[:-1][not_empty] - offsets[0])
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


# Bytes looked at from each end of a string before the digits are searched for over the whole
# string: a ledger figure's head (约, more than) and tail (余万元, million yuan/month) are short.
_SCAN_BYTES = 16


def _is_digit(data: np.ndarray) -> np.ndarray:
    return (data >= 0x30) & (data <= 0x39)


def _scan(data: np.ndarray, at: np.ndarray, lengths: np.ndarray, step: int, found: np.ndarray) -> np.ndarray:
    """Walk from `at` (each row's first byte, or its last for step -1) up to _SCAN_BYTES bytes
    into its string; `found[row]` becomes the distance of the first digit met. Returns the rows
    still looking (a digit may lie further in); a row whose string ends first keeps `found`."""
    pending = np.arange(len(at))
    for distance in range(_SCAN_BYTES):
        pending = pending[distance < lengths[pending]]
        if not len(pending):
            break
        hit = _is_digit(data[at[pending] + step * distance])
        found[pending[hit]] = distance
        pending = pending[~hit]
    return pending


def _digit_span_of_every_byte(offsets: np.ndarray, data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """digit_span by one pass over every byte (for the strings the scan from the ends left)."""
    text = data[offsets[0] : offsets[-1]]
    digits = np.flatnonzero(_is_digit(text))
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


def digit_span(strings: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Byte positions, within each string, of its first digit and one past its last digit;
    both are the string's length where it has no digit."""
    offsets, data = _layout(strings)
    starts, ends = offsets[:-1].astype(np.int64), offsets[1:].astype(np.int64)
    lengths = ends - starts
    first, from_end = lengths.copy(), lengths.copy()
    left_forward = _scan(data, starts, lengths, 1, first)
    left_backward = _scan(data, ends - 1, lengths, -1, from_end)
    stop = lengths - from_end
    # No digit met going forward before the string ended: it has none, and the span is empty.
    stop[first == lengths] = lengths[first == lengths]
    left = np.union1d(left_forward, left_backward)  # a digit may lie beyond the bytes scanned
    if len(left):
        first[left], stop[left] = _digit_span_of_every_byte_at(offsets, data, left)
    return first, stop


def _digit_span_of_every_byte_at(offsets: np.ndarray, data: np.ndarray, rows: np.ndarray):
    """_digit_span_of_every_byte for some rows only (their strings gathered first)."""
    starts, ends = offsets[:-1][rows].astype(np.int64), offsets[1:][rows].astype(np.int64)
    lengths = ends - starts
    gathered_offsets = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lengths, out=gathered_offsets[1:])
    picked = np.arange(gathered_offsets[-1], dtype=np.int64) + np.repeat(starts - gathered_offsets[:-1], lengths)
    return _digit_span_of_every_byte(gathered_offsets, data[picked])


def may_be_plain_number(strings: pa.Array) -> np.ndarray:
    """False for strings that cannot be a plain number (1234, -1,234.5, 1e3): those that do not
    start with a digit, a sign or a point, or do not end with a digit (most written forms)."""
    offsets, data = _layout(strings)
    possible = offsets[1:] > offsets[:-1]
    first, last = data[offsets[:-1][possible]], data[offsets[1:][possible] - 1]
    starts_well = _is_digit(first) | (first == 0x2B) | (first == 0x2D) | (first == 0x2E)
    possible[possible] = starts_well & _is_digit(last)
    return possible


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
