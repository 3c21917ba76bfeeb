"""The callbacks as the browser calls them (Dash's update endpoint through Flask's test client):
what each returns for the controls, without a browser."""

import base64
import io
import json

import pandas as pd
import pytest

from dashboard.app import create_app
from dashboard.callback_body import callback_body
from zhaodong_data.store import build_store


def control(page: str, key: str) -> dict:
    return {"key": key, "page": page, "type": "ctl"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("callbacks") / "s.duckdb")


@pytest.fixture(scope="module")
def client(store):
    return create_app(store).server.test_client()


def call(client, outputs: list[tuple], inputs: list[tuple], state: list[tuple] = (), headers=None) -> dict:
    """POST one callback; {"id.property": value} of what it returned."""

    body = callback_body([(i, p) for i, p, *_ in outputs], list(inputs), list(state))
    response = client.post("/_dash-update-component", json=body, headers=headers or {})
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    payload = response.get_json()["response"]
    return {f"{key}.{prop}": value for key, props in payload.items() for prop, value in props.items()}


STATE = [("lang", "data", "zh"), ("selection", "data", None)]


def test_towns_callback_ranks_towns_and_counts_bands(client):
    out = call(
        client,
        [
            ("towns-graph", "figure"),
            ("towns-table", "rowData"),
            ("towns-table", "columnDefs"),
            ("towns-caption", "children"),
            ("towns-headline", "children"),
            ("towns-bands-table", "rowData"),
            ("towns-bands-table", "columnDefs"),
            ("towns-bands-caption", "children"),
        ],
        [(control("towns", "outcome"), "value", "collective_income"), (control("towns", "year"), "value", 2021)],
        STATE,
    )
    assert "2021年" in out["towns-headline.children"]
    assert len(out["towns-bands-table.rowData"]) == len(out["towns-table.rowData"]) == 22  # 21 towns and the city
    assert out["towns-table.rowData"][0]["c1"] == "全市" and out["towns-bands-table.rowData"][0]["c0"] == "全市"


def test_bands_callback_and_download(client):
    out = call(
        client,
        [
            ("bands-graph", "figure"),
            ("bands-table", "rowData"),
            ("bands-table", "columnDefs"),
            ("bands-caption", "children"),
        ],
        [(control("bands", "outcome"), "value", "operating_income"), (control("bands", "year"), "value", 2023)],
        STATE,
    )
    assert "村集体经营性收入" in out["bands-graph.figure"]["layout"]["title"]["text"]
    download = call(
        client,
        [("bands-download", "data")],
        [("bands-download-xlsx", "n_clicks", 1), ("bands-download-csv", "n_clicks", 0)],
        [(control("bands", "outcome"), "value", "operating_income"), (control("bands", "year"), "value", 2023), *STATE],
    )
    sheets = pd.read_excel(io.BytesIO(base64.b64decode(download["bands-download.data"]["content"])), sheet_name=None)
    table = next(iter(sheets.values()))
    assert table.groupby("组别")["村数"].sum().to_dict() == {"红旗村": 100, "其他村": 86, "全部村": 186}


def test_trends_callback_and_download(client, store):
    from dashboard.pages import trends
    from zhaodong_data.study import load_dashboard_data

    out = call(
        client,
        [(component, prop) for component, prop, _ in trends.OUTPUTS],  # what the page's update writes
        [(control("trends", "outcome"), "value", "wage_income"), (control("trends", "aspect"), "value", "service")],
        STATE,
    )
    # the callback writes the page's view of the same store: its estimate sentence and every row
    view = trends.trends_view(load_dashboard_data(store), "wage_income", "service", "zh")
    assert out["trends-estimate.children"] == view["estimate"] and view["estimate"].startswith("双向固定效应")
    assert len(out["trends-table.rowData"]) == len(view["table"]) > 0
    assert "按乡镇聚类（" in out["trends-by-town.children"] and out["trends-cohorts.children"] == ""  # one award year
    assert [row for row in out["trends-event-table.rowData"]] and out["trends-before-after-table.rowData"]
    download = call(
        client,
        [("trends-download", "data")],
        [("trends-download-csv", "n_clicks", 1), ("trends-download-xlsx", "n_clicks", 0)],
        [
            (control("trends", "outcome"), "value", "wage_income"),
            (control("trends", "aspect"), "value", "service"),
            *STATE,
        ],
    )
    frame = pd.read_csv(io.BytesIO(base64.b64decode(download["trends-download.data"]["content"])), encoding="utf-8-sig")
    assert {"year", "group", "mean", "data_kind"} <= set(frame.columns)


def test_towns_overview_and_sources_downloads(client):
    for page, states in (
        (
            "towns",
            [
                (control("towns", "outcome"), "value", "collective_income"),
                (control("towns", "year"), "value", 2022),
                *STATE,
            ],
        ),
        ("overview", [("selection", "data", None), ("lang", "data", "zh")]),
        ("sources", [("selection", "data", None), ("lang", "data", "en")]),
    ):
        download = call(
            client,
            [(f"{page}-download", "data")],
            [(f"{page}-download-csv", "n_clicks", 1), (f"{page}-download-xlsx", "n_clicks", 0)],
            states,
        )
        frame = pd.read_csv(
            io.BytesIO(base64.b64decode(download[f"{page}-download.data"]["content"])), encoding="utf-8-sig"
        )
        assert len(frame) > 0 and "data_kind" in frame.columns, page


def test_year_choices_follow_the_outcome_and_the_village_profile(client):
    out = call(
        client,
        [(control("compare", "year"), "options"), (control("compare", "year"), "value")],
        [(control("compare", "outcome"), "value", "cold_storage_revenue")],
        [(control("compare", "year"), "value", 2018), ("selection", "data", None)],
    )
    options, value = out.values()
    assert min(o["value"] for o in options) >= 2020 and value == max(o["value"] for o in options)  # 2018 has none
    profile = call(
        client, [("village-profile", "children")], [(control("village", "village"), "value", "231282106202")], STATE
    )
    assert "永丰村" in json.dumps(profile["village-profile.children"], ensure_ascii=False)


def test_a_revert_id_is_a_whole_number_or_refused_never_rounded():
    from dashboard.pages.sources import ingest_number

    assert [ingest_number(v) for v in (3, "3", "12")] == [3, 3, 12]
    assert [ingest_number(v) for v in (1.5, 1.0, "1.5", "abc", "1e400", [1], {"a": 1}, None, True, 0, -2, "٣")] == [
        None
    ] * 12


def test_only_a_user_who_may_load_ledgers_may_drop_a_staged_one(tmp_path):
    from dashboard import auth
    from dashboard.uploads import Uploads

    store = build_store(tmp_path / "s.duckdb")
    users = tmp_path / "users.txt"
    lines = [auth.user_line("viewer", "v-secret", False), auth.user_line("planner", "p-secret", True)]
    users.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = create_app(store, allow_ingest=True, users=users)
    client = app.server.test_client()
    staged = Uploads(store.parent / ".zhaodong-uploads")
    token, path = staged.save("data:;base64," + base64.b64encode(b"a\n1\n").decode(), "l.csv")
    # the cancel callback's outputs carry Dash's allow_duplicate suffix (@hash): take them from its key
    key = next(k for k in app.callback_map if "upload-token.data@" in k and "layout-section.hidden@" in k)
    outputs = [tuple(part.split(".", 1)) for part in key.strip(".").split("...")]

    def cancel(name, password):
        login = {"Authorization": "Basic " + base64.b64encode(f"{name}:{password}".encode()).decode()}
        return call(
            client,
            outputs,
            [("cancel-button", "n_clicks", 1)],
            [("upload-token", "data", token), ("ingest-job", "data", None)],
            login,
        )

    cancel("viewer", "v-secret")
    assert path.exists()  # a viewer's cancel leaves the planner's upload staged
    answer = cancel("planner", "p-secret")
    assert any(k.startswith("upload-token.data") and v is None for k, v in answer.items()) and not path.exists()


def test_an_export_is_named_for_its_selection_and_language_its_sheet_in_words(client):
    from openpyxl import load_workbook

    state = [
        (control("compare", "outcome"), "value", "collective_income"),
        (control("compare", "aspect"), "value", "any"),
        (control("compare", "towns"), "value", ["231282106000"]),
        (control("compare", "year"), "value", 2022),
        (control("compare", "log"), "value", []),
        (control("compare", "comparison"), "value", "others"),
        (control("compare", "base"), "value", 2021),
    ]
    for lang, sheets in (("zh", ["数据", "说明"]), ("en", ["data", "notes"])):
        download = call(
            client,
            [("compare-download", "data")],
            [("compare-download-xlsx", "n_clicks", 1), ("compare-download-csv", "n_clicks", 0)],
            [*state, ("lang", "data", lang), ("selection", "data", None)],
        )["compare-download.data"]
        assert download["filename"] == f"zhaodong-compare-collective_income-2022-231282106000-{lang}.xlsx"
        workbook = load_workbook(io.BytesIO(base64.b64decode(download["content"])))
        assert workbook.sheetnames == sheets
