"""Every limit of `limits.py` a text ledger can cross, each refused with its own reason, naming the
file and the limit, before the work it would cost: files built here as a hostile user would."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhaodong_data.cli import main
from zhaodong_data.ledgers import UnreadableFile, limits, read_ledger

HEADER = "村名,年度,村集体经济收入（万元）\n"


def _csv(tmp_path, body: str, header: str = HEADER, name: str = "ledger.csv"):
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


def test_more_lines_than_a_ledger_holds_is_refused_before_it_is_decoded(tmp_path):
    path = _csv(tmp_path, "\n" * (2 * limits.MAX_ROWS + 1))
    with pytest.raises(UnreadableFile, match=f"ledger.csv: more than {limits.MAX_ROWS:,} rows"):
        read_ledger(path)


def test_rows_past_the_limit_are_refused_even_when_cells_hold_line_breaks(tmp_path, monkeypatch):
    monkeypatch.setattr("zhaodong_data.ledgers.read.MAX_ROWS", 100)
    path = _csv(tmp_path, "".join(f'"东安村\n",{2000 + i % 20},1\n' for i in range(120)))
    with pytest.raises(UnreadableFile, match="more than 100 rows"):
        read_ledger(path)


def test_a_sheet_of_more_cells_than_the_limit_is_refused_at_the_row_that_crosses_it(tmp_path, monkeypatch):
    monkeypatch.setattr("zhaodong_data.ledgers.read.MAX_CELLS", 1_000)
    wide = ",".join(["1"] * 98)
    path = _csv(tmp_path, "".join(f"东安村,2020,{wide}\n" for _ in range(20)))  # 100 columns
    # the header and nine rows are 1,000 cells; the tenth data row (row 11) crosses
    expected = r"ledger.csv: row 11 makes it 11 rows × 100 columns \(a ledger has at most 1,000 cells\)"
    with pytest.raises(UnreadableFile, match=expected):
        read_ledger(path)


def test_more_values_than_the_limit_are_refused_before_any_is_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr("zhaodong_data.ledgers.cells.MAX_VALUE_CELLS", 50)
    header = "村名,年度," + ",".join(f"村集体经济收入{i}" for i in range(10)) + "\n"
    path = _csv(tmp_path, "".join(f"东安村,{2000 + i},{','.join(['1'] * 10)}\n" for i in range(6)), header)
    with pytest.raises(
        UnreadableFile, match=r"ledger.csv, sheet 'ledger.csv': 6 rows × 10 value columns hold 60 values"
    ):
        read_ledger(path)
    # empty cells are no values: 6 rows of 8 values each fit in 50
    sparse = "".join(f"东安村,{2000 + i},{','.join(['1'] * 8 + [''] * 2)}\n" for i in range(6))
    assert read_ledger(_csv(tmp_path, sparse, header, name="sparse.csv")).report["rows_read"] == 6


def test_a_text_file_larger_than_a_ledger_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr("zhaodong_data.ledgers.read.MAX_TEXT_BYTES", 2**20)
    path = _csv(tmp_path, "东安村,2022,1\n" * 80_000)  # ~1.4 MB
    with pytest.raises(UnreadableFile, match="MB of text"):
        read_ledger(path)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_file_that_takes_longer_than_its_budget_is_refused_with_the_limit(tmp_path, monkeypatch, kind):
    from .make import write_xlsx

    monkeypatch.setattr(limits, "MAX_SECONDS", 0.0)  # every file is over a budget of nothing
    rows = [["村名", "年度", "村集体经济收入（万元）"], ["东安村", "2022", "45"]]
    path = _csv(tmp_path, "东安村,2022,45\n") if kind == "csv" else write_xlsx(tmp_path / "ledger.xlsx", {"S": rows})
    with pytest.raises(UnreadableFile, match=f"ledger.{kind}: reading took longer than 0 s"):
        read_ledger(path)
    monkeypatch.setattr(limits, "MAX_SECONDS", 120.0)
    assert read_ledger(path).report["rows_clean"] == 1  # the budget is the file's, not the process's


def test_the_printed_report_keeps_every_count_and_fifty_entries_a_reason(tmp_path, capsys):
    rows = "".join(f"东安村,{2022},{i}\n" for i in range(120))  # 120 conflicting values of one village-year
    path = _csv(tmp_path, rows)
    whole = tmp_path / "whole.json"
    assert main(["validate", str(path), "--json", "--report-file", str(whole)]) == 0
    shown = json.loads(capsys.readouterr().out)
    full = json.loads(whole.read_text(encoding="utf-8"))
    assert full["rows_quarantined"] == shown["rows_quarantined"] == 120  # every count kept
    assert len(full["quarantine"]) == 120 and len(shown["quarantine"]) == 50
    assert shown["summarised"]["lists"]["quarantine"] == {"entries": 120, "kept": 50, "per_reason": {"conflict": 120}}
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert "more entries not shown (at most 50 per reason); --report-file FILE writes them all" in err


@given(st.lists(st.sampled_from(["a", "永丰", ",", '"', "\r", "\n", "\r\n", " ", "1"]), max_size=40))
def test_csv_lines_are_split_as_a_text_stream_splits_them(pieces):
    """The reader walks the decoded text line by line without io.StringIO's copy of it (four
    bytes a character): the rows are the same for any mix of line ends, quotes and breaks in cells."""
    import csv
    import io

    from zhaodong_data.ledgers.read import _lines

    text = "".join(pieces)
    expected = list(csv.reader(io.StringIO(text, newline="")))
    assert list(csv.reader(_lines(text))) == expected


def _peak_while(read) -> int:
    import tracemalloc

    tracemalloc.start()
    try:
        read()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_csv_of_repeated_cells_costs_its_distinct_texts_not_each_cell(tmp_path):
    """200,000 cells of 97 distinct texts (as a hostile or a real ledger repeats its towns,
    villages and small numbers): each distinct text is kept once, and the text is not copied
    into a stream: the reading peaks well under a copy of every cell (200,000 strings of ~60 B)."""
    from zhaodong_data.ledgers.read import read_sheets

    path = tmp_path / "repeated.csv"
    body = "\n".join(",".join(str((r * 7 + c) % 97 + 10) for c in range(20)) for r in range(10_000))
    path.write_text("村名,年度," + ",".join(f"收入{c}" for c in range(18)) + "\n" + body + "\n", encoding="utf-8")
    peak = _peak_while(lambda: read_sheets(path))
    (sheet,) = read_sheets(path)
    cells = [cell for row in sheet.rows[1:] for cell in row]
    assert len(cells) == 200_000 and len({id(cell) for cell in cells}) == 97
    assert sheet.rows[1][:3] == ["10", "11", "12"] and sheet.rows[2][:2] == ["17", "18"]  # (r * 7 + c) % 97 + 10
    # the rows' lists (200,000 pointers) and the file's text and bytes: about 4 MB; a string a
    # cell would add 12 MB and a stream copy of the text 10 MB more
    assert peak < 8 * 2**20, f"{peak / 2**20:.1f} MiB"


def test_a_conflict_heavy_ledger_keeps_each_reason_once_in_its_quarantine(tmp_path):
    """20,000 rows of 20 village-years, each repeated 1,000 times with other values: 20,000
    quarantined cells share 20 reasons; the quarantine frame stores each sentence once (a
    category), the report lists EXAMPLES_PER_REASON of them and counts all."""
    from zhaodong_data.gazetteer.matching import load_gazetteer
    from zhaodong_data.ledgers.report_summary import EXAMPLES_PER_REASON

    names = load_gazetteer().villages.query("level == 'village'")["name_short"]
    villages = names.drop_duplicates(keep=False).iloc[:4].tolist()  # names no two villages share
    rows = "".join(f"{villages[i % 4]},{2000 + (i // 4) % 5},{i % 89 + 1}\n" for i in range(20_000))
    result = read_ledger(_csv(tmp_path, rows))
    quarantine = result.quarantine
    assert len(quarantine) == 20_000 and set(quarantine["code"]) == {"conflict"}
    assert quarantine["reason"].dtype == "category" and len(quarantine["reason"].cat.categories) == 20
    assert quarantine["params"].map(id).nunique() == 20  # one dict a reason, shared by its cells
    assert result.report["rows_quarantined"] == 20_000 and len(result.report["quarantine"]) == EXAMPLES_PER_REASON
    assert result.report["summarised"]["lists"]["quarantine"]["entries"] == 20_000


def test_a_conflict_heavy_ledger_s_quarantine_costs_bytes_a_cell_not_a_sentence(tmp_path):
    """40,000 cells of 200 village-years in conflict: the result (report and quarantine frame)
    keeps each reason once, so it holds about 1 MiB, not a dict and a sentence per cell (18 MiB
    before the quarantine was kept by column; the reading peaked at 60 MiB, now 25)."""
    import tracemalloc

    from zhaodong_data.gazetteer.matching import load_gazetteer

    names = load_gazetteer().villages.query("level == 'village'")["name_short"]
    villages = names.drop_duplicates(keep=False).iloc[:20].tolist()
    rows = "".join(f"{villages[i % 20]},{2000 + (i // 20) % 10},{i % 89 + 1}\n" for i in range(40_000))
    path = _csv(tmp_path, rows)
    read_ledger(path)  # the parser's and the gazetteer's tables, made once
    tracemalloc.start()
    try:
        result = read_ledger(path)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.report["cells_quarantined"] == 40_000 and len(result.quarantine) == 40_000
    assert kept < 6 * 2**20, f"{kept / 2**20:.1f} MiB kept"
    assert peak < 45 * 2**20, f"{peak / 2**20:.1f} MiB at the peak"


def test_a_number_cell_is_not_kept_in_the_footer_label_cache(tmp_path):
    """Every filled cell is looked at for a footer's label (制表人：… in any cell makes a note row);
    a number cannot be one, and 30,000 distinct numbers must not fill the label caches (they
    held 21 MB of them on a conflict-heavy sheet). A footer label in a later cell still is one."""
    from zhaodong_data.ledgers import layout

    rows = "".join(f"东安村,{2000 + i % 20},{i}.{i % 7}\n" for i in range(30_000))
    rows += "东安村,2021,制表人：张三\n"
    before = layout.is_footer.cache_info().currsize
    result = read_ledger(_csv(tmp_path, rows))
    assert layout.is_footer.cache_info().currsize - before < 10
    assert any(entry["code"] == "note_row" and entry["row"] == 30_002 for entry in result.report["skipped"])
    assert "张三" not in json.dumps(result.report, ensure_ascii=False)


def test_a_sheet_s_shared_texts_are_text_in_the_records_again(tmp_path):
    """While a sheet is checked its records keep a column's one name (metric, column, sheet,
    source) and a few repeated texts (village codes) as categories; the records it gives back
    have them as text, as pandas would read them."""
    from zhaodong_data.ledgers.cells import TEXT

    rows = "".join(f"东安村,{2000 + i},{i + 1}\n" for i in range(12))
    records = read_ledger(_csv(tmp_path, rows)).records
    for name in ("village_code", "metric", "column", "sheet", "source_id", "raw", "qualifier"):
        assert records[name].dtype == TEXT, name
    assert records["column"].tolist() == ["村集体经济收入（万元）"] * 12
    assert records["raw"].tolist() == [str(i + 1) for i in range(12)]
    assert records["low"].tolist() == [(i + 1) * 10_000.0 for i in range(12)]  # 万元
