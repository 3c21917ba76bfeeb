"""Reading recipes: the layout the reader inferred, written out, edited by a person, applied."""

import json

import duckdb
import pytest

from zhaodong_data.cli import main
from zhaodong_data.gazetteer import load_gazetteer
from zhaodong_data.ingest import ingest_file, validate_file
from zhaodong_data.ledgers import read_ledger
from zhaodong_data.ledgers.recipe import RecipeError, load_recipe, parse_recipe, recipe_from_report
from zhaodong_data.store import build_store

from .bands import CASES
from .make import write_csv
from .test_forms import _campaign_sheet, _income_statement
from .test_months import _monthly


@pytest.fixture(scope="module")
def code():
    gazetteer = load_gazetteer()
    return lambda village, town: gazetteer.match_village(village, town=town).code


def _recipe_of(path, edit=None):
    """The recipe the reader writes for `path`, edited by `edit(recipe_json)` if given."""
    data = recipe_from_report(read_ledger(path).report)
    if edit:
        edit(data)
    return parse_recipe(json.loads(json.dumps(data)), "R.json")


def _readings(result):
    records = result.records.drop(columns=["value"], errors="ignore")
    records = sorted(map(tuple, records.astype(str).to_numpy().tolist()))
    quarantine = sorted((q["row"], q["column"], q["code"]) for q in result.report["quarantine"])
    return records, quarantine, result.report["rows_clean"], result.report["rows_skipped"]


BUILDERS = {
    "income_statement": _income_statement,
    "campaign": _campaign_sheet,
    "monthly": _monthly,
    **{f"band_{case.name}": case.write for case in CASES[::5]},
}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_a_recipe_written_and_given_back_unedited_reads_the_file_the_same(tmp_path, name):
    path = BUILDERS[name](tmp_path)
    recipe = _recipe_of(path)
    before, after = read_ledger(path), read_ledger(path, recipe=recipe)
    assert _readings(after) == _readings(before)
    assert after.report["recipe"]["sheets"] == [s["sheet"] for s in before.report["layout"]]
    assert all(sheet["recipe"] for sheet in after.report["layout"])
    # and says it the same way: every unit and year where the header, unit row or title put it
    assert [{**s, "recipe": None} for s in after.report["layout"]] == [
        {**s, "recipe": None} for s in before.report["layout"]
    ]


def _unknown_column_sheet(folder):
    rows = [
        ["村名", "乡镇", "冷库租赁所得", "村集体经济收入"],
        ["东安村", "五站镇", "3", "12"],
        ["高卜村", "五站镇", "2", "8"],
        ["见下页", "", "", ""],
    ]
    return write_csv(folder / "2022.csv", rows)


def test_a_recipe_maps_a_column_sets_a_unit_ignores_one_and_marks_a_row(tmp_path, code):
    path = _unknown_column_sheet(tmp_path)
    before = read_ledger(path)
    # as read: 冷库租赁所得 is not known and not money by its header; 村集体经济收入 has no unit
    assert [c["column"] for c in before.report["ignored_columns"]] == ["冷库租赁所得"]
    assert "column_no_unit" in {w["code"] for w in before.report["warning_codes"]}

    def edit(recipe):
        columns = recipe["sheets"][0]["columns"]
        columns["冷库租赁所得"] = {"metric": "cold_storage_revenue", "unit": "万元"}
        columns["村集体经济收入"]["unit"] = "万元"
        recipe["sheets"][0]["rows"]["4"] = "note"

    result = read_ledger(path, recipe=_recipe_of(path, edit))
    got = {(r.village_code, r.metric): r.low for r in result.records.itertuples()}
    assert got == {
        (code("东安村", "五站镇"), "cold_storage_revenue"): 30_000,
        (code("高卜村", "五站镇"), "cold_storage_revenue"): 20_000,
        (code("东安村", "五站镇"), "collective_income"): 120_000,
        (code("高卜村", "五站镇"), "collective_income"): 80_000,
    }
    assert result.report["ignored_columns"] == [] and result.report["quarantine"] == []
    assert [(s["row"], s["code"]) for s in result.report["skipped"]] == [(4, "note_row")]
    columns = {c["header"]: c for c in result.report["layout"][0]["columns"]}
    assert (columns["冷库租赁所得"]["unit_from"], columns["冷库租赁所得"]["factor"]) == ("recipe", 1e4)

    def ignore(recipe):
        recipe["sheets"][0]["columns"]["村集体经济收入"] = {"ignore": True}

    ignored = read_ledger(path, recipe=_recipe_of(path, ignore))
    assert [(c["column"], c["code"]) for c in ignored.report["ignored_columns"]] == [
        ("冷库租赁所得", "not_money_header"),
        ("村集体经济收入", "recipe_ignored"),
    ]


def test_a_recipe_sets_the_year_of_a_sheet_that_gives_none(tmp_path, code):
    path = write_csv(tmp_path / "台账.csv", [["村名", "村集体经济收入（万元）"], ["东安村", "45"]])
    assert read_ledger(path).records.empty  # no year anywhere: refused

    def edit(recipe):
        recipe["sheets"][0]["year"] = 2023

    result = read_ledger(path, recipe=_recipe_of(path, edit))
    assert list(result.records["year"]) == [2023]
    assert result.report["layout"][0]["year_from"] == "recipe"


def test_a_recipe_never_makes_a_personal_column_read(tmp_path):
    path = _campaign_sheet(tmp_path)

    def edit(recipe):
        recipe["sheets"][0]["columns"]["联系电话"] = {"metric": "collective_income", "unit": "元", "year": 2022}

    result = read_ledger(path, recipe=_recipe_of(path, edit))
    assert "13912345678" not in set(result.records["raw"])
    assert ("联系电话", "personal_data") in {(c["column"], c["code"]) for c in result.report["ignored_columns"]}


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda s: s["columns"].update({"村名": {"metric": "no_such_metric"}}), "metric 'no_such_metric'"),
        (lambda s: s["columns"].update({"村名": {"metric": "collective_income", "unit": "斤"}}), "unit '斤'"),
        (lambda s: s["rows"].update({"x": "note"}), "row 'x' is not a row number"),
        (lambda s: s["rows"].update({"3": "maybe"}), "'maybe' is not one of data, total, note"),
        (lambda s: s.update({"year": "去年"}), "year '去年' is not a year"),
        (lambda s: s["columns"].update({"村名": {"feild": "village"}}), "unknown key(s) feild"),
    ],
)
def test_a_recipe_that_cannot_be_used_is_refused_naming_the_entry(tmp_path, change, words):
    path = _unknown_column_sheet(tmp_path)
    data = recipe_from_report(read_ledger(path).report)
    change(data["sheets"][0])
    recipe_path = tmp_path / "R.json"
    recipe_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(RecipeError) as error:
        load_recipe(recipe_path)
    assert str(recipe_path) in str(error.value) and "2022.csv" in str(error.value) and words in str(error.value)


def test_a_recipe_that_fits_no_sheet_changes_nothing_and_says_so(tmp_path):
    recipe = _recipe_of(_unknown_column_sheet(tmp_path))
    other = write_csv(tmp_path / "other.csv", [["村名", "年度", "村集体经济收入（万元）"], ["东安村", "2022", "4"]])
    result = read_ledger(other, recipe=recipe)
    assert _readings(result) == _readings(read_ledger(other))
    assert [w["code"] for w in result.report["warning_codes"]][0] == "recipe_unused"
    assert result.report["recipe"]["sheets"] == []


def test_the_recipe_is_stored_with_the_ingest_and_offered_for_a_file_with_its_header(tmp_path, capsys):
    store = build_store(tmp_path / "s.duckdb", demo=False)
    path = _unknown_column_sheet(tmp_path)
    recipe_path = tmp_path / "R.json"
    assert main(["validate", str(path), "--write-recipe", str(recipe_path), "--store", str(store)]) == 0
    data = json.loads(recipe_path.read_text(encoding="utf-8"))
    data["sheets"][0]["columns"]["冷库租赁所得"] = {"metric": "cold_storage_revenue", "unit": "万元"}
    recipe_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    plain = ingest_file(store, path)  # read as inferred first
    with_recipe = ingest_file(store, path, recipe=load_recipe(recipe_path))
    assert with_recipe.status == "ingested" and with_recipe.ingest_id != plain.ingest_id  # read another way
    again = ingest_file(store, path, recipe=load_recipe(recipe_path))
    assert (again.status, again.ingest_id) == ("unchanged", with_recipe.ingest_id)
    with duckdb.connect(str(store), read_only=True) as connection:
        stored = json.loads(
            connection.execute("SELECT report FROM ingests WHERE id = ?", [with_recipe.ingest_id]).fetchone()[0]
        )
    assert stored["recipe"]["content"]["sheets"][0]["columns"]["冷库租赁所得"]["metric"] == "cold_storage_revenue"

    # next year's file, same header: the stored recipe is offered, and can be used by its ingest
    rows = [["村名", "乡镇", "冷库租赁所得", "村集体经济收入"], ["东安村", "五站镇", "5", "13"]]
    next_year = write_csv(tmp_path / "2023.csv", rows)
    report = validate_file(next_year, store_path=store)
    assert [(o["ingest_id"], o["sheets"]) for o in report["recipes_offered"]] == [(with_recipe.ingest_id, ["2022.csv"])]
    capsys.readouterr()
    main(["validate", str(next_year), "--store", str(store)])
    assert f"--recipe ingest:{with_recipe.ingest_id}" in capsys.readouterr().out
    assert (
        main(
            ["validate", str(next_year), "--json", "--recipe", f"ingest:{with_recipe.ingest_id}", "--store", str(store)]
        )
        == 0
    )
    used = json.loads(capsys.readouterr().out)
    assert used["ignored_columns"] == [] and used["recipe"]["sheets"] == ["2023.csv"]
    assert main(["validate", str(next_year), "--recipe", "ingest:999", "--store", str(store)]) == 2
    assert "no standing ingest #999" in capsys.readouterr().err
