"""A store at scale (`zhaodong build --synthetic-scale`), built and served at a small size with
the same code paths: the real 186 villages with synthetic ones added, labelled as such."""

import duckdb
import pytest

from dashboard.app import create_app
from zhaodong_data.cli import main
from zhaodong_data.demo import DEMO_SOURCE
from zhaodong_data.demo.scale import SCALES, TOWNS_PER_COUNTY, VILLAGES_PER_TOWN
from zhaodong_data.store import build_store

from ..dashboard.compare_request import compare_update, rows_request

VILLAGES = 2_000
REAL_VILLAGES = 186


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("scale") / "s.duckdb", synthetic_villages=VILLAGES)


def _query(store, sql):
    with duckdb.connect(str(store), read_only=True) as connection:
        return connection.sql(sql).fetchall()


def test_the_store_holds_the_real_villages_and_labelled_synthetic_ones_to_the_scale(store):
    added = VILLAGES - REAL_VILLAGES
    assert _query(store, "SELECT count(*) FROM villages WHERE level = 'village'") == [(VILLAGES,)]
    synthetic = _query(store, "SELECT count(*), count(DISTINCT town_code) FROM villages WHERE starts_with(code, '99')")
    assert synthetic == [(added, -(-added // VILLAGES_PER_TOWN))]
    assert _query(
        store, "SELECT count(*) FROM villages WHERE starts_with(code, '99') AND name_zh NOT LIKE '合成%'"
    ) == [(0,)]
    counties = _query(store, "SELECT count(DISTINCT substr(code, 1, 6)) FROM towns WHERE starts_with(code, '99')")
    assert counties == [(-(-added // (VILLAGES_PER_TOWN * TOWNS_PER_COUNTY)),)]
    # ten years of collective income for every village, all of it synthetic
    income = _query(
        store,
        "SELECT count(DISTINCT village_code), min(year), max(year), bool_and(is_synthetic) FROM outcomes "
        f"WHERE metric = 'collective_income' AND source_id = '{DEMO_SOURCE}'",
    )
    assert income == [(VILLAGES, 2015, 2024, True)]
    # Zhaodong's share of flagged villages (100 of 186), one flag per village
    flagged = _query(store, "SELECT count(DISTINCT village_code) FROM red_flags")  # 永丰村 its real award
    assert flagged == [(round(100 * VILLAGES / REAL_VILLAGES),)]
    assert _query(store, "SELECT value FROM meta WHERE key = 'synthetic_villages'") == [(str(VILLAGES),)]


def test_the_dashboard_serves_the_store_at_scale(store):
    """The Compare callback, as the browser posts it, answers for every village of the year: its
    chart draws the groups' distributions, its table's rows are fetched a page at a time, and
    the pages hold every village once."""
    client = create_app(store).server.test_client()
    response = client.post("/_dash-update-component", json=compare_update(2024))
    assert response.status_code == 200
    payload = response.get_json()["response"]
    assert "rowData" not in payload.get("compare-table", {})  # the rows stay on the server
    # the 1,075 red-flag villages (past POINTS_DRAWN) drawn as their distribution, the 925 others
    # as points: 290 KB, where a point and a row a village were 1.5 MB
    assert len(response.data) < 500_000  # the target for a province's response
    boxes = [t for t in payload["compare-graph"]["figure"]["data"] if t["type"] == "box"]
    assert ["q1" in box for box in boxes] == [True, False]
    codes = []
    for start in range(0, VILLAGES, 500):
        answer = client.post("/_dash-update-component", json=rows_request(2024, start, start + 500))
        page = answer.get_json()["response"]["compare-table"]["getRowsResponse"]
        assert page["rowCount"] == VILLAGES and len(page["rowData"]) == 500
        codes += [row["c3"] for row in page["rowData"]]  # the village code's column
    with_value = _query(
        store,
        "SELECT DISTINCT village_code FROM outcomes WHERE metric = 'collective_income' AND year = 2024",
    )
    assert sorted(codes) == sorted(code for (code,) in with_value) and len(codes) == VILLAGES


def test_a_province_s_village_page_sends_no_list_and_searches_on_the_server(store):
    """The village page of 2,000 villages sends no list of them (a province's was 3 MB); what is
    typed is searched on the server and answered with a few choices."""
    from dashboard.callback_body import callback_body, component_name

    client = create_app(store).server.test_client()
    page = [("header", "children"), ("banner", "children"), ("notices", "children"), ("page", "children")]
    page += [("root", "lang"), ("selection", "data")]
    body = callback_body(page, [("url", "pathname", "/village"), ("lang", "data", "zh")], [("url", "search", "")])
    assert len(client.post("/_dash-update-component", json=body).data) < 50_000
    control = {"key": "village", "page": "village", "type": "ctl"}
    state = [(control, "value", None), ("lang", "data", "zh"), ("selection", "data", None)]
    body = callback_body([(control, "options")], [(control, "search_value", "合成1")], state)
    options = client.post("/_dash-update-component", json=body).get_json()["response"][component_name(control)][
        "options"
    ]
    assert len(options) == 50 and all("合成1" in option["search"] for option in options)


def test_the_command_names_the_scales_and_refuses_them_without_the_demo(tmp_path, capsys):
    assert SCALES == {"province": 10_000, "nation": 490_000}
    assert main(["--store", str(tmp_path / "s.duckdb"), "build", "--no-demo", "--synthetic-scale", "province"]) != 0
    assert "cannot go with --no-demo" in capsys.readouterr().err
    assert not (tmp_path / "s.duckdb").exists()
