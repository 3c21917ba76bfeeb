"""The garbage collector is paused while a ledger is read, and left as it was found."""

import gc

import pytest

from zhaodong_data.ledgers.collector import collector_paused


@collector_paused
def _collector_state(fail: bool = False) -> bool:
    if fail:
        raise ValueError("a read that fails")
    return gc.isenabled()


def test_paused_during_the_call_and_resumed_after():
    assert gc.isenabled()
    assert _collector_state() is False
    assert gc.isenabled()


def test_resumed_after_a_failure():
    with pytest.raises(ValueError):
        _collector_state(fail=True)
    assert gc.isenabled()


def test_left_paused_if_it_was_paused_by_someone_else():
    gc.disable()
    try:
        assert _collector_state() is False
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_read_ledger_runs_paused(tmp_path, monkeypatch):
    from zhaodong_data.ledgers import tidy

    seen = []
    original = tidy.read_sheet

    def read(sheet, context):
        seen.append(gc.isenabled())
        return original(sheet, context)

    monkeypatch.setattr(tidy, "read_sheet", read)
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("乡镇,村名,年度,村集体经济收入（万元）\n昌五镇,昌五村,2021,12\n", encoding="utf-8")
    tidy.read_ledger(ledger)
    assert seen == [False] and gc.isenabled()
