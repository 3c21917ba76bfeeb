"""A streaming XLSX reader with bounds, for files that come from anyone.

An XLSX file is a zip of XML. This reader checks the zip before it opens anything (entry count,
uncompressed size, compression ratio: a zip bomb is refused), then streams each sheet's XML
(`xml.etree.ElementTree.iterparse`), keeping only cells that hold a value, within a bounded
extent (a styled empty cell at XFD1048576 costs nothing; a value there is refused). It reads
what a spreadsheet last computed: a formula's cached value, or FORMULA_WITHOUT_VALUE where the
file was saved without one. Merged ranges come from the sheet XML. Dates (by number format)
become datetimes, as spreadsheet programs show them.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from xml.etree.ElementTree import ParseError, iterparse

from .limits import (
    MAX_CELL_PARTS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ENTRIES,
    MAX_MERGED_CELLS,
    MAX_MERGED_RANGES,
    MAX_RATIO,
    MAX_ROWS,
    MAX_SHARED_STRINGS,
    MAX_STYLES,
    MAX_UNCOMPRESSED,
    MAX_XML_ELEMENTS,
    check_budget,
)

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")
# Built-in number formats that show dates (ECMA-376 18.8.30).
_DATE_FORMAT_IDS = set(range(14, 23)) | {45, 46, 47}
_EPOCH = datetime(1899, 12, 30)


@dataclass(frozen=True)
class XlsxSheet:
    name: str
    rows: list[list]
    merged: list[tuple[int, int, int, int]]  # first row, last row, first column, last column: 0-based inclusive
    hidden_rows: frozenset[int]  # 0-based
    hidden: bool  # the sheet itself is hidden (or very hidden)


class XlsxRefused(Exception):
    """The workbook is beyond what a ledger can be, or not a readable XLSX; the message says why."""


class _FormulaWithoutValue:
    """A cell holding a formula saved without its computed value."""

    def __repr__(self) -> str:
        return "FORMULA_WITHOUT_VALUE"

    def __str__(self) -> str:
        return ""


FORMULA_WITHOUT_VALUE = _FormulaWithoutValue()


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _check_zip(archive: zipfile.ZipFile) -> None:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise XlsxRefused(f"{len(entries):,} entries in the workbook's zip (at most {MAX_ENTRIES:,})")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED:
        raise XlsxRefused(
            f"it expands to {total / 2**20:,.0f} MiB (at most {MAX_UNCOMPRESSED // 2**20} MiB): "
            "not a ledger, or a zip bomb"
        )
    for entry in entries:
        if entry.file_size > 2**20 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise XlsxRefused(
                f"{entry.filename} expands {entry.file_size // max(entry.compress_size, 1):,} times "
                f"(at most {MAX_RATIO}): not a ledger, or a zip bomb"
            )


def _text_of(element) -> str:
    """The text of a shared or inline string: its <t>, or the <t> of each rich-text run."""
    return "".join(node.text or "" for node in element.iter(f"{_MAIN}t"))


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings: list[str] = []
    with archive.open("xl/sharedStrings.xml") as stream:
        for event, element in _bounded_events(stream, "the shared strings", keep=f"{_MAIN}si"):
            if event == "end" and element.tag == f"{_MAIN}si":
                if len(strings) >= MAX_SHARED_STRINGS:
                    raise XlsxRefused(f"the shared strings are more than {MAX_SHARED_STRINGS:,}")
                strings.append(_text_of(element))
    return strings


def _date_styles(archive: zipfile.ZipFile) -> set[int]:
    """Indexes of cell styles whose number format shows a date."""
    if "xl/styles.xml" not in archive.namelist():
        return set()
    custom_dates: set[int] = set()
    styles: list[int] = []
    in_cell_xfs = False
    with archive.open("xl/styles.xml") as stream:
        for event, element in _bounded_events(stream, "the styles", keep=""):
            if element.tag == f"{_MAIN}cellXfs":
                in_cell_xfs = event == "start"
            elif event == "end" and element.tag == f"{_MAIN}numFmt":
                code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", element.get("formatCode", "")).lower()
                if re.search(r"[ymd]", code) or re.search(r"h.*s", code):
                    custom_dates.add(int(element.get("numFmtId", "0")))
            elif event == "end" and element.tag == f"{_MAIN}xf" and in_cell_xfs:
                if len(styles) >= MAX_STYLES:
                    raise XlsxRefused(f"the styles are more than {MAX_STYLES:,}")
                styles.append(int(element.get("numFmtId", "0")))
    return {i for i, fmt in enumerate(styles) if fmt in _DATE_FORMAT_IDS or fmt in custom_dates}


def _sheet_paths(archive: zipfile.ZipFile) -> list[tuple[str, str, bool]]:
    """(name, path in the zip, hidden) of each worksheet, in the workbook's order."""
    try:
        with archive.open("xl/_rels/workbook.xml.rels") as stream:
            targets = {
                rel.get("Id"): rel.get("Target") or ""
                for event, rel in _bounded_events(stream, "the workbook's relationships", keep="")
                if event == "end" and rel.tag == f"{_PACKAGE_REL}Relationship"
            }
        with archive.open("xl/workbook.xml") as stream:
            sheets = [
                (element.get("name") or "", element.get(f"{_REL}id"), element.get("state", "visible") != "visible")
                for event, element in _bounded_events(stream, "the workbook", keep="")
                if event == "end" and element.tag == f"{_MAIN}sheet"
            ]
    except KeyError as error:
        raise XlsxRefused(f"not a readable XLSX workbook (no {error.args[0]})") from None
    paths = []
    for name, rel_id, hidden in sheets:
        target = targets.get(rel_id, "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        if path in archive.namelist():
            paths.append((name, path, hidden))
    return paths


def _cell_value(element, kind: str | None, shared: list[str], date_styles: set[int]):
    value_node = element.find(f"{_MAIN}v")
    if kind == "inlineStr":
        inline = element.find(f"{_MAIN}is")
        return _text_of(inline) if inline is not None else None
    if value_node is None or value_node.text is None:
        return FORMULA_WITHOUT_VALUE if element.find(f"{_MAIN}f") is not None else None
    text = value_node.text
    if kind == "s":
        try:
            return shared[int(text)]
        except (ValueError, IndexError):
            raise XlsxRefused(f"cell {element.get('r')} points to a missing shared string") from None
    if kind in ("str", "e", "d"):
        return text
    if kind == "b":
        return text == "1"
    try:
        number = float(text)
    except ValueError:
        return text
    if int(element.get("s", "0")) in date_styles and 0 < number < 2_958_466:
        return _EPOCH + timedelta(days=number)
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _place(cells: dict, row: int, column: int, value, name: str, reference: str | None) -> None:
    if row >= MAX_ROWS or column >= MAX_COLUMNS:
        raise XlsxRefused(
            f"sheet {name!r} has a value at {reference or (row, column)}, "
            f"beyond what a ledger holds ({MAX_ROWS:,} rows, {MAX_COLUMNS} columns)"
        )
    cells[(row, column)] = value


def _bounded_events(stream, part: str, keep: str = f"{_MAIN}c", size: int = 0):
    """(event, element) of an XML part as iterparse gives them, each element taken off its parent
    once it ends, so that millions of elements (empty cells, unknown tags, a styles part of
    padding) never pile up in memory; the parts of a `keep` element (a cell, a shared string)
    stay with it until it ends, and one of more than MAX_CELL_PARTS parts is refused. A part of
    more than MAX_XML_ELEMENTS elements is refused, and the file's time budget is checked (with
    the bytes read of the part's `size`, where it is given: a sheet's progress)."""
    open_elements: list = []  # started and not yet ended, outermost first
    depth = parts = 0
    for count, (event, element) in enumerate(iterparse(stream, events=("start", "end"))):
        if count & 0xFFFF == 0:  # every 65,536 events: the file's time is bounded whatever its tags
            check_budget("file", stream.tell(), size) if size else check_budget()
            if count > 2 * MAX_XML_ELEMENTS:
                raise XlsxRefused(f"{part} has more than {MAX_XML_ELEMENTS:,} XML elements")
        if event == "start":
            open_elements.append(element)
            if element.tag == keep:
                depth, parts = 1, 0
            elif depth:
                depth, parts = depth + 1, parts + 1
                if parts > MAX_CELL_PARTS:
                    raise XlsxRefused(f"{part} has a cell of more than {MAX_CELL_PARTS:,} parts")
            yield event, element
            continue
        open_elements.pop()
        part_of_kept = depth > 1  # read with the element it belongs to, at that one's end
        depth = max(depth - 1, 0)
        yield event, element
        if open_elements and not part_of_kept:
            del open_elements[-1][-1]


def _ended_elements(stream, name: str, size: int):
    """Each element of a sheet (of `size` bytes) as it ends (`_bounded_events`)."""
    for event, element in _bounded_events(stream, f"sheet {name!r}", size=size):
        if event == "end":
            yield element


def _read_sheet(archive, path: str, shared: list[str], date_styles: set[int], name: str):
    cells: dict[tuple[int, int], object] = {}
    merged: list[tuple[int, int, int, int]] = []
    hidden_rows: set[int] = set()
    row_index, column_index = -1, -1
    pending: list[tuple[int, object]] = []  # cells without a reference in the row being read
    with archive.open(path) as stream:
        for element in _ended_elements(stream, name, archive.getinfo(path).file_size):
            tag = element.tag
            if tag == f"{_MAIN}c":
                reference = element.get("r")
                if reference:
                    match = _CELL_REF.fullmatch(reference)
                    if match is None:
                        raise XlsxRefused(f"sheet {name!r}: a cell named {reference!r}")
                    column_index, row_index = _column_index(match.group(1)), int(match.group(2)) - 1
                else:
                    column_index += 1
                value = _cell_value(element, element.get("t"), shared, date_styles)
                if value is not None and value != "":
                    if reference:
                        _place(cells, row_index, column_index, value, name, reference)
                    else:  # its row is known only when the row ends (the parser sees a row's end last)
                        _place({}, 0, column_index, value, name, None)  # refused at once if too far right
                        pending.append((column_index, value))
                element.clear()
            elif tag == f"{_MAIN}row":
                row_index = int(element.get("r", row_index + 2)) - 1
                for column, value in pending:
                    _place(cells, row_index, column, value, name, None)
                pending.clear()
                if element.get("hidden") in ("1", "true"):
                    hidden_rows.add(row_index)
                column_index = -1
                element.clear()
            elif tag == f"{_MAIN}mergeCell":
                _add_merged(merged, element.get("ref", ""), name)
    return _sheet_rows(cells, merged, hidden_rows, name)


def _add_merged(merged: list[tuple[int, int, int, int]], reference: str, name: str) -> None:
    """A merged range (A1:C3) as (first row, last row, first column, last column), cut at the
    sheet's limits; past MAX_MERGED_RANGES the sheet is refused."""
    match = re.fullmatch(r"([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)", reference)
    if match:
        first_col, first_row, last_col, last_row = match.groups()
        if len(merged) >= MAX_MERGED_RANGES:
            raise XlsxRefused(f"sheet {name!r} has more than {MAX_MERGED_RANGES:,} merged ranges")
        merged.append(
            (
                int(first_row) - 1,
                min(int(last_row) - 1, MAX_ROWS),
                _column_index(first_col),
                min(_column_index(last_col), MAX_COLUMNS),
            )
        )


def _sheet_rows(cells: dict[tuple[int, int], object], merged, hidden_rows: set[int], name: str):
    """The cells read as rows padded to the sheet's width, its merged ranges cut to the sheet and
    its hidden rows; a sheet past MAX_CELLS, or whose merged ranges cover more than
    MAX_MERGED_CELLS, is refused."""
    if not cells:
        return [], merged, frozenset()
    height = max(r for r, _ in cells) + 1
    width = max(c for _, c in cells) + 1
    if height * width > MAX_CELLS:
        raise XlsxRefused(f"sheet {name!r} spans {height:,} rows × {width} columns (at most {MAX_CELLS:,} cells)")
    rows: list[list[object]] = [[None] * width for _ in range(height)]
    for (r, c), value in cells.items():
        rows[r][c] = value
    merged = [(r0, min(r1, height - 1), c0, min(c1, width - 1)) for r0, r1, c0, c1 in merged if r0 < height]
    covered = sum((r1 - r0 + 1) * (c1 - c0 + 1) for r0, r1, c0, c1 in merged if r1 >= r0 and c1 >= c0)
    if covered > MAX_MERGED_CELLS:
        raise XlsxRefused(f"sheet {name!r}: its merged ranges cover {covered:,} cells (at most {MAX_MERGED_CELLS:,})")
    return rows, merged, frozenset(r for r in hidden_rows if r < height)


def read_xlsx(data_path_or_file) -> list[XlsxSheet]:
    """Every worksheet of a workbook, hidden ones included. Raises XlsxRefused."""
    try:
        with zipfile.ZipFile(data_path_or_file) as archive:
            _check_zip(archive)
            shared = _shared_strings(archive)
            date_styles = _date_styles(archive)
            sheets = []
            for name, path, hidden in _sheet_paths(archive):
                rows, merged, hidden_rows = _read_sheet(archive, path, shared, date_styles, name)
                sheets.append(XlsxSheet(name, rows, merged, hidden_rows, hidden))
            return sheets
    except (zipfile.BadZipFile, ParseError, EOFError, zipfile.LargeZipFile, NotImplementedError) as error:
        raise XlsxRefused(f"not a readable XLSX workbook ({type(error).__name__})") from None
