"""Every limit of `limits.py` a text ledger can cross, each refused with its own reason, naming the
file and the limit, before the work it would cost: files built here as a hostile user would."""

import json

import pytest

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
    with pytest.raises(UnreadableFile, match=r"ledger.csv, sheet 'ledger.csv': 6 rows × 10 value columns = 60 values"):
        read_ledger(path)


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
