"""The Village page's downloads: the village's stored values and published figures, a sheet each."""

import io

import pytest
from openpyxl import load_workbook

from dashboard.data import DataSource
from dashboard.pages import village
from dashboard.state import ViewState
from zhaodong_data.export import to_xlsx_bytes
from zhaodong_data.store import build_store

YONGFENG = "231282106202"  # 永丰村, 里木店镇: the village the published article names


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return DataSource(build_store(tmp_path_factory.mktemp("village") / "s.duckdb")).get()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_export_holds_the_villages_stored_values_and_published_figures(data, lang):
    made = village.export(data, ViewState(village=YONGFENG, lang=lang))
    stored = data.outcomes[data.outcomes["village_code"] == YONGFENG]
    facts = data.facts[data.facts["entity_code"] == YONGFENG]
    values, published = made.table.values()
    assert len(values) == len(stored) and len(published) == len(facts) > 0
    value_column = "数值" if lang == "zh" else "Value"
    assert sorted(values[value_column].dropna()) == sorted(stored["value"].dropna())
    raw = "原始记录" if lang == "zh" else "Raw figure"
    assert sorted(published[raw]) == sorted(facts["raw"])  # the words as printed, verbatim
    assert made.name == f"zhaodong-village-{YONGFENG}"
    assert YONGFENG in made.notes["title"] and made.notes["data_kind"]
    workbook = load_workbook(io.BytesIO(to_xlsx_bytes(made.table, notes=made.notes, notes_sheet="notes")))
    assert workbook.sheetnames == [*made.table, "notes"]
    assert workbook.worksheets[0].max_row == 1 + len(stored)


def test_without_a_village_the_export_is_an_empty_table_not_an_error(data):
    made = village.export(data, ViewState(village=None))
    assert made.table.empty and made.name == "zhaodong-village"
    assert village.export(data, ViewState(village="999999999999")).table.empty  # a crafted code
