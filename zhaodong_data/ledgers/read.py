"""Read a ledger file into sheets of cells: CSV in any encoding a county office uses, XLSX, XLS.

Merged cells are filled with their top-left value (as a person reads a merged
header or a merged town column). Nothing here knows what the cells mean.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from .limits import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_TEXT_BYTES, check_budget
from .xlsx import FORMULA_WITHOUT_VALUE, XlsxRefused, read_xlsx

__all__ = ["FORMULA_WITHOUT_VALUE", "Sheet", "UnreadableFile", "decode_text", "read_sheets"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class UnreadableFile(Exception):
    """The file cannot be read as a spreadsheet at all; the message names file and cause."""


@dataclass
class Sheet:
    name: str
    rows: list[list]  # cell values: str, int, float, datetime or None; rows padded to one width
    encoding: str | None = None
    # Hidden parts are read (they are data the file holds) and reported as hidden.
    hidden: bool = False
    hidden_rows: frozenset[int] = frozenset()  # 0-based


def _pad(rows: list[list]) -> list[list]:
    width = max((len(row) for row in rows), default=0)
    return [list(row) + [None] * (width - len(row)) for row in rows]


def decode_text(data: bytes, label: str) -> tuple[str, str]:
    """Text and its encoding: UTF-16 or UTF-8 by BOM, else UTF-8, else GB18030 (a superset of GBK)."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise UnreadableFile(f"{label}: starts as UTF-16 text but is not UTF-16 throughout") from None
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            data = data[3:]  # a UTF-8 BOM before text in another encoding (an editor's doing): try the rest
    if b"\x00" in data[:4096]:
        raise UnreadableFile(f"{label}: not a spreadsheet (binary content)")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(f"{label}: not text in UTF-8, GBK/GB18030 or UTF-16")


KNOWN_TEXTS = 100_000  # distinct cell texts shared as one object each (past these, a cell is its own)


def _checked_text(data: bytes, label: str) -> tuple[str, str, int]:
    """(text, encoding, line breaks) of a CSV's bytes, refused before any of it is decoded past
    the limits: a text file past these is no ledger a reader should hold."""
    if len(data) > MAX_TEXT_BYTES:
        raise UnreadableFile(
            f"{label}: {len(data) / 2**20:,.0f} MB of text (a ledger has at most {MAX_TEXT_BYTES // 2**20} MB)"
        )
    line_breaks = data.count(b"\n")
    if line_breaks > 2 * MAX_ROWS:  # twice: a cell may hold a line break of its own
        raise UnreadableFile(f"{label}: more than {MAX_ROWS:,} rows (a ledger holds at most that)")
    return (*decode_text(data, label), line_breaks)


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",\t;").delimiter
    except csv.Error:
        return "\t" if sample.count("\t") > sample.count(",") else ","


def _read_csv(data: bytes, label: str, sheet_name: str) -> list[Sheet]:
    text, encoding, line_breaks = _checked_text(data, label)
    delimiter = _delimiter(text[:8192])
    rows: list[list] = []
    width = 0
    forced = "=" in text  # else no cell can be a forced text (="0123"): the short way, for most files
    # one object per distinct text: a ledger repeats its towns, villages, years and small numbers
    # in every row, and a hostile one repeats a few cells millions of times
    known: dict[str, str | None] = {"": None}
    try:
        for number, fields in enumerate(csv.reader(_lines(text), delimiter=delimiter), 1):
            row = cast("list[str | None]", fields)  # its cells replaced in place by their shared text
            width = max(width, len(row))
            if number * width > MAX_CELLS:
                raise UnreadableFile(
                    f"{label}: row {number:,} makes it {number:,} rows × {width} columns (a ledger has at most "
                    f"{MAX_CELLS:,} cells)"
                )
            if number & 0x3FFF == 0:
                check_budget("file", number, line_breaks + 1)
            if number > MAX_ROWS:
                raise UnreadableFile(f"{label}: more than {MAX_ROWS:,} rows (a ledger holds at most that)")
            if len(row) > MAX_COLUMNS:
                raise UnreadableFile(
                    f"{label}: row {number} has {len(row):,} columns (a ledger has at most {MAX_COLUMNS})"
                )
            for i, cell in enumerate(fields):
                if cell in known:
                    row[i] = known[cell]
                elif len(known) < KNOWN_TEXTS:
                    row[i] = known[cell] = _text_forced(cell) if forced else cell
                elif forced:
                    row[i] = _text_forced(cell)
            rows.append(row)
    except csv.Error as error:
        raise UnreadableFile(f"{label}: not a readable CSV ({error})") from None
    for row in rows:  # padded in place: a copy of every row would double the sheet's memory
        row.extend([None] * (width - len(row)))
    return [Sheet(sheet_name, rows, encoding)]


# A line as io.StringIO(newline="") splits them (at \r\n, \r or \n, kept), without its copy of
# the whole text (four bytes a character)
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def _lines(text: str):
    return (match.group() for match in _LINE.finditer(text))


_TEXT_FORCED = re.compile(r'=\s*"(.*)"', re.DOTALL)


def _text_forced(cell: str) -> str | None:
    """`="0123"` as the 三资 platforms and other exporters write a cell to keep it text: its text.
    Only that exact shape; any other formula stays as written (and is refused as a formula)."""
    if not cell.startswith("="):
        return cell
    match = _TEXT_FORCED.fullmatch(cell.strip())
    if match is None or '"' in match.group(1).replace('""', ""):
        return cell
    return match.group(1).replace('""', '"') or None


def _fill_merged(rows: list[list], ranges) -> None:
    """ranges: (first_row, last_row, first_col, last_col), 0-based inclusive."""
    for first_row, last_row, first_col, last_col in ranges:
        if first_row >= len(rows):
            continue
        value = rows[first_row][first_col] if first_col < len(rows[first_row]) else None
        for r in range(first_row, min(last_row, len(rows) - 1) + 1):
            for c in range(first_col, last_col + 1):
                if c < len(rows[r]):
                    rows[r][c] = value


def _read_xlsx(data: bytes, label: str) -> list[Sheet]:
    try:
        workbook = read_xlsx(io.BytesIO(data))
    except XlsxRefused as error:
        raise UnreadableFile(f"{label}: {error}") from None
    sheets = []
    for sheet in workbook:
        _fill_merged(sheet.rows, sheet.merged)
        sheets.append(Sheet(sheet.name, sheet.rows, hidden=sheet.hidden, hidden_rows=sheet.hidden_rows))
    return sheets


def _read_xls(data: bytes, label: str) -> list[Sheet]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except Exception as error:  # xlrd raises many kinds on a damaged file
        raise UnreadableFile(f"{label}: not a readable XLS workbook ({type(error).__name__})") from None
    sheets = []
    for sheet in book.sheets():
        rows = []
        for r in range(sheet.nrows):
            row: list[object] = []
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    row.append(None)
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    row.append(xlrd.error_text_from_code.get(cell.value, "#ERROR"))
                else:
                    row.append(cell.value)
            rows.append(row)
        rows = _pad(rows)
        _fill_merged(rows, [(rlo, rhi - 1, clo, chi - 1) for rlo, rhi, clo, chi in sheet.merged_cells])
        hidden_rows = frozenset(r for r, info in sheet.rowinfo_map.items() if info.hidden and r < len(rows))
        sheets.append(Sheet(sheet.name, rows, hidden=sheet.visibility != 0, hidden_rows=hidden_rows))
    return sheets


def read_sheets(path) -> list[Sheet]:
    """Every sheet of a CSV, XLSX or XLS file (by content, not by name)."""
    path = Path(path)
    label = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile(f"{label}: no such file") from None
    except IsADirectoryError:
        raise UnreadableFile(f"{label}: is a directory, not a file") from None
    except OSError as error:
        raise UnreadableFile(f"{label}: cannot be read ({error.strerror})") from None
    if not data or data.isspace():  # (no copy of the file, as strip() would make)
        raise UnreadableFile(f"{label}: the file is empty")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, label)
    if data.startswith(OLE_MAGIC):
        return _read_xls(data, label)
    if data.startswith(b"%PDF") or data[:8].startswith(b"\x89PNG"):
        raise UnreadableFile(f"{label}: not a spreadsheet (a {'PDF' if data.startswith(b'%PDF') else 'PNG'} file)")
    return _read_csv(data, label, path.name)
