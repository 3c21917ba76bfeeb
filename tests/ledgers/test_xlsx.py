"""XLSX files from anyone: formulas without values, far cells, zip bombs; all refused or read
within bounds, never a crash or an exhausted machine."""

import zipfile

import openpyxl
import pytest
from openpyxl.styles import Font

from zhaodong_data.cli import main
from zhaodong_data.ledgers import UnreadableFile, read_ledger
from zhaodong_data.ledgers import xlsx as xlsx_module
from zhaodong_data.ledgers.read import FORMULA_WITHOUT_VALUE, read_sheets

from .make import write_xlsx

HEADER = ["村名", "年度", "村集体经济收入（万元）"]


def test_a_formula_saved_without_its_value_is_quarantined(tmp_path):
    # openpyxl saves a formula without a cached value, as a script or a web export does
    path = write_xlsx(
        tmp_path / "formula.xlsx", {"2022": [HEADER, ["东安村", 2022, 45], ["向阳村", 2022, "=SUM(20,10)"]]}
    )
    assert read_sheets(path)[0].rows[2][2] is FORMULA_WITHOUT_VALUE
    result = read_ledger(path)
    assert [(q["row"], q["code"]) for q in result.report["quarantine"]] == [(3, "formula_without_value")]
    assert result.report["rows_clean"] == 1 and result.records["low"].tolist() == [450_000]


def test_cached_values_shared_strings_merged_cells_and_dates(tmp_path):
    import datetime

    rows = [
        ["乡镇", "村名", "年度", "村集体经济收入（万元）", "填报日期"],
        ["五站镇", "东安村", 2022, 45.2, datetime.datetime(2023, 1, 5)],
        [None, "东升村", 2022, 12, None],
    ]
    path = write_xlsx(tmp_path / "cells.xlsx", {"台账": rows}, {"台账": ["A2:A3"]})
    sheet = read_sheets(path)[0]
    assert sheet.name == "台账"
    assert sheet.rows[1][:4] == ["五站镇", "东安村", 2022, 45.2]
    assert sheet.rows[2][0] == "五站镇"  # a merged town cell fills down
    assert sheet.rows[1][4] == datetime.datetime(2023, 1, 5)


def test_a_styled_empty_cell_at_the_last_cell_costs_nothing(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [HEADER, ["东安村", 2022, 45]]:
        sheet.append(row)
    sheet.cell(row=1_048_576, column=16_384).font = Font(bold=True)
    path = tmp_path / "far_style.xlsx"
    workbook.save(path)
    assert path.stat().st_size < 10_000
    result = read_ledger(path)
    assert result.records["low"].tolist() == [450_000]


def test_a_value_at_the_last_cell_is_refused(tmp_path, capsys):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.cell(row=1_048_576, column=16_384, value=1)
    path = tmp_path / "far_value.xlsx"
    workbook.save(path)
    with pytest.raises(UnreadableFile, match="beyond what a ledger holds"):
        read_ledger(path)
    assert main(["validate", str(path), "--store", str(tmp_path / "none.duckdb")]) == 2
    assert "XFD1048576" in capsys.readouterr().err


def _zip_bomb(path, megabytes: int):
    """A real workbook whose sheet is megabytes of one repeated row: a few kilobytes zipped."""
    good = write_xlsx(path.with_name("base.xlsx"), {"s": [HEADER, ["东安村", 2022, 45]]})
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                with bomb.open(item.filename, "w") as stream:
                    stream.write(
                        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                    )
                    chunk = b"<!--" + b"x" * (1 << 20) + b"-->"
                    for _ in range(megabytes):
                        stream.write(chunk)
                    stream.write(b"</sheetData></worksheet>")
            else:
                bomb.writestr(item, source.read(item.filename))
    return path


def test_a_zip_bomb_is_refused_before_it_is_expanded(tmp_path, capsys):
    path = _zip_bomb(tmp_path / "bomb.xlsx", 64)
    assert path.stat().st_size < 1_000_000
    with pytest.raises(UnreadableFile, match="zip bomb"):
        read_ledger(path)
    assert main(["validate", str(path), "--store", str(tmp_path / "none.duckdb")]) == 2
    assert "zip bomb" in capsys.readouterr().err


def test_a_workbook_too_large_in_total_is_refused(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "big.xlsx", {"s": [HEADER] + [["东安村", 2000 + i % 20, i] for i in range(2000)]})
    monkeypatch.setattr(xlsx_module, "MAX_UNCOMPRESSED", 10_000)
    with pytest.raises(UnreadableFile, match="expands to"):
        read_ledger(path)


def test_too_many_cells_are_refused(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "wide.xlsx", {"s": [HEADER, ["东安村", 2022, 45]]})
    monkeypatch.setattr(xlsx_module, "MAX_CELLS", 5)
    with pytest.raises(UnreadableFile, match="at most 5 cells"):
        read_ledger(path)


def test_cells_without_a_reference_land_in_their_own_row(tmp_path):
    """Some writers leave out each cell's `r` (and the row's): the cells are placed by order,
    in the row they are written in."""
    good = write_xlsx(tmp_path / "base.xlsx", {"s": [HEADER, ["东安村", 2022, 45]]})
    path = tmp_path / "no_refs.xlsx"
    main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    def row(*cells):
        return (
            "<row>"
            + "".join(
                f'<c t="inlineStr"><is><t>{v}</t></is></c>' if isinstance(v, str) else f"<c><v>{v}</v></c>"
                for v in cells
            )
            + "</row>"
        )

    sheet = (
        f'<worksheet xmlns="{main_ns}"><sheetData>'
        + row(*HEADER)
        + row("东安村", 2022, 45)
        + row("永丰村", 2023, 30)
        + "</sheetData></worksheet>"
    )
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = sheet.encode() if item.filename == "xl/worksheets/sheet1.xml" else source.read(item.filename)
            target.writestr(item, data)
    (only,) = read_sheets(path)
    assert only.rows == [HEADER, ["东安村", 2022, 45], ["永丰村", 2023, 30]]


def _with_sheet_xml(tmp_path, name: str, sheet_data: str, after: str = "") -> object:
    """A workbook whose first sheet is the given sheetData (and what follows it), as a hostile
    or odd writer makes it."""
    good = write_xlsx(tmp_path / f"base-{name}", {"s": [HEADER, ["东安村", 2022, 45]]})
    path = tmp_path / name
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = f'<worksheet xmlns="{ns}"><sheetData>{sheet_data}</sheetData>{after}</worksheet>'
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(
                item, sheet.encode() if item.filename == "xl/worksheets/sheet1.xml" else source.read(item.filename)
            )
    return path


def test_merged_ranges_past_the_limits_are_refused_at_once(tmp_path):
    import time

    from zhaodong_data.ledgers.limits import MAX_MERGED_CELLS, MAX_MERGED_RANGES

    data = '<row r="1"><c r="A1" t="inlineStr"><is><t>村名</t></is></c></row><row r="3000"><c r="SF3000"><v>1</v></c></row>'
    many = "".join(f'<mergeCell ref="A{i}:B{i}"/>' for i in range(1, MAX_MERGED_RANGES + 2))
    started = time.monotonic()
    with pytest.raises(UnreadableFile, match=f"more than {MAX_MERGED_RANGES:,} merged ranges"):
        read_sheets(_with_sheet_xml(tmp_path, "many.xlsx", data, f"<mergeCells>{many}</mergeCells>"))
    huge = '<mergeCells><mergeCell ref="A2:SZ2999"/></mergeCells>'  # 520 columns × 2,998 rows, clipped to 500 × 2,998
    with pytest.raises(UnreadableFile, match="merged ranges cover 1,499,000 cells"):
        read_sheets(_with_sheet_xml(tmp_path, "huge.xlsx", data, huge))
    assert 500 * 2998 > MAX_MERGED_CELLS and time.monotonic() - started < 10


def test_a_csv_past_the_column_limit_is_refused_naming_the_row(tmp_path):
    from zhaodong_data.ledgers.limits import MAX_COLUMNS

    path = tmp_path / "wide.csv"
    path.write_text("村名,年度,收入\n" + "永丰村,2022," + ",".join(["1"] * MAX_COLUMNS) + "\n", encoding="utf-8")
    with pytest.raises(UnreadableFile, match=f"row 2 has {MAX_COLUMNS + 2:,} columns"):
        read_sheets(path)


def test_a_row_of_a_million_empty_cells_is_read_in_bounded_memory(tmp_path):
    """Each element is taken off its parent once read: 300,000 empty cells (and unknown tags)
    in one row cost a few megabytes, not one object each kept to the end of the row."""
    import random
    import tracemalloc

    rnd = random.Random(1)  # varied attributes: under the zip-bomb ratio, as a crafted file would be
    cells = "".join(f'<c a="{rnd.randrange(10**6)}"/><unknown b="{rnd.randrange(10**6)}"/>' for _ in range(150_000))
    path = _with_sheet_xml(
        tmp_path, "empty_cells.xlsx", f'<row r="1"><c r="A1" t="inlineStr"><is><t>村名</t></is></c>{cells}</row>'
    )
    tracemalloc.start()
    try:
        (sheet,) = read_sheets(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sheet.rows == [["村名"]]
    assert peak < 20 * 2**20, f"{peak / 2**20:.0f} MiB"


def test_a_cell_of_too_many_parts_is_refused(tmp_path):
    from zhaodong_data.ledgers.limits import MAX_CELL_PARTS

    runs = "<r><t>x</t></r>" * MAX_CELL_PARTS  # rich text of 2,000 parts in one cell
    path = _with_sheet_xml(tmp_path, "rich.xlsx", f'<row r="1"><c r="A1" t="inlineStr"><is>{runs}</is></c></row>')
    with pytest.raises(UnreadableFile, match=f"a cell of more than {MAX_CELL_PARTS:,} parts"):
        read_sheets(path)


def _with_part(tmp_path, name: str, part: str, xml: str) -> object:
    """A good workbook with one of its parts (styles, shared strings) replaced by `xml`."""
    good = write_xlsx(tmp_path / f"base-{name}", {"s": [HEADER, ["东安村", 2022, 45]]})
    path = tmp_path / name
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        for item in source.infolist():
            target.writestr(item, xml.encode() if item.filename == part else source.read(item.filename))
        if part not in names:
            target.writestr(part, xml.encode())
    return path


@pytest.mark.parametrize("part", ["xl/styles.xml", "xl/sharedStrings.xml"])
def test_a_part_padded_with_elements_is_read_in_bounded_memory_or_refused(tmp_path, monkeypatch, part):
    """600,000 unknown elements in the styles or the shared strings (under the
    zip limits) are taken off as they end; past MAX_XML_ELEMENTS the part is refused."""
    import tracemalloc

    from zhaodong_data.ledgers import xlsx as xlsx_module

    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    root = "styleSheet" if part.endswith("styles.xml") else "sst"
    xml = f'<{root} xmlns="{ns}">' + "<pad/>" * 600_000 + f"</{root}>"
    monkeypatch.setattr(
        xlsx_module, "MAX_RATIO", 10**6
    )  # past the zip-bomb check, as an incompressible padding would be
    path = _with_part(tmp_path, f"padded-{root}.xlsx", part, xml)
    tracemalloc.start()
    try:
        read_sheets(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20, f"{peak / 2**20:.0f} MiB"  # 600,000 elements kept are 47 MiB
    monkeypatch.setattr(xlsx_module, "MAX_XML_ELEMENTS", 100_000)
    with pytest.raises(UnreadableFile, match="more than 100,000 XML elements"):
        read_sheets(path)


def test_more_styles_or_shared_strings_than_a_workbook_holds_are_refused(tmp_path, monkeypatch):
    from zhaodong_data.ledgers import xlsx as xlsx_module

    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    monkeypatch.setattr(xlsx_module, "MAX_STYLES", 10)
    styles = f'<styleSheet xmlns="{ns}"><cellXfs>' + '<xf numFmtId="0"/>' * 11 + "</cellXfs></styleSheet>"
    with pytest.raises(UnreadableFile, match="the styles are more than 10"):
        read_sheets(_with_part(tmp_path, "styles.xlsx", "xl/styles.xml", styles))
    monkeypatch.setattr(xlsx_module, "MAX_SHARED_STRINGS", 10)
    strings = f'<sst xmlns="{ns}">' + "<si><t>x</t></si>" * 11 + "</sst>"
    with pytest.raises(UnreadableFile, match="the shared strings are more than 10"):
        read_sheets(_with_part(tmp_path, "strings.xlsx", "xl/sharedStrings.xml", strings))
