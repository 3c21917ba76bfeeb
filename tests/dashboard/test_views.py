"""What each figure frame shows, without a browser."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plotly.utils import PlotlyJSONEncoder

from dashboard import ledger_upload, views
from dashboard.data import DataSource
from dashboard.pages import compare as compare_page
from dashboard.pages import overview as overview_page
from dashboard.pages import sources as sources_page
from dashboard.pages import towns as towns_page
from dashboard.pages import trends as trends_page
from dashboard.pages import village as village_page
from tests.dashboard.grid import by_header
from zhaodong_data.analysis.reasons import Reason, reason_in
from zhaodong_data.store import build_store
from zhaodong_data.study import comparison_frame, format_amount

from ..examples import examples

_sources: dict = {}  # data sources reused across hypothesis examples
_demo_store: dict = {}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    _demo_store["path"] = build_store(tmp_path_factory.mktemp("views") / "s.duckdb")
    return DataSource(_demo_store["path"]).get()


def test_selection_table_in_both_languages(data):
    frame = comparison_frame(data, "collective_income", "development", ("231282106000",), 2022)
    chinese = compare_page.selection_table(frame, "collective_income", "zh")
    english = compare_page.selection_table(frame, "collective_income", "en")
    assert len(chinese) == len(frame) == len(english)
    assert {
        "村",
        "乡镇",
        "红旗状态",
        "数值",
        "原始记录",
        "数据性质",
        "下限（元）",
        "上限（元）",
        "代表值（元）",
    } <= set(chinese.columns)
    assert {"Low (¥)", "High (¥)", "Point value (¥)"} <= set(english.columns)
    assert chinese["代表值（元）"].dtype == float  # numbers as numbers in the Excel download
    assert set(chinese["数据性质"]) == {"合成"} and set(english["Data"]) == {"synthetic"}
    yongfeng = chinese.set_index("村代码").loc["231282106202"]
    assert yongfeng["红旗状态"] == "红旗村" and "发展" in yongfeng["红旗类别"]


def test_compare_view_numbers_match_the_frame(data):
    view = compare_page.compare_view(data, "collective_income", "any", (), 2022, False, "en")
    assert "Red-flag villages n = 100" in view["caption"] and "others n = 86" in view["caption"]
    assert len(view["rows"]) == 186 and "selection" in view["caveat"]
    assert view["figure"]["layout"]["title"]["text"].endswith("(2022)")


def test_towns_and_sources_views(data):
    towns = towns_page.towns_view(data, "collective_income", 2022, "zh")
    rows = by_header(towns["rows"], towns["columns"])
    city, *town_rows = rows
    assert len(town_rows) == len(data.towns) and sum(r["红旗数"] for r in town_rows) == 100 == city["红旗数"]
    assert city["乡镇"] == "全市" and city["村数"] == 186 == sum(r["村数"] for r in town_rows)
    sources = sources_page.sources_view(data, "en")
    assert {r["ID"] for r in by_header(sources["rows"], sources["columns"])} >= {
        "investment_projects",
        "jc_farmer_income",
    }
    assert "Share of synthetic values" in sources["share"]
    # the overview counts flags, Sources values: one name for each quantity
    overview = overview_page.overview_view(data, "zh")["caption"]
    assert "合成红旗占比：" in overview and "合成数值占比" not in overview
    assert village_page.village_view(data, None, "zh") is None


def test_ingested_ledgers_replace_the_demo_everywhere(tmp_path):
    from zhaodong_data.ingest import ingest_file

    from ..ledgers.make import write_csv

    store = build_store(tmp_path / "s.duckdb")
    ledger = write_csv(
        tmp_path / "l.csv",
        [
            ["乡镇", "村名", "年度", "村集体经济收入（万元）"],
            ["里木店镇", "永丰村", "2022", "61"],
            ["五站镇", "东安村", "2022", "45.2"],
            ["向阳乡", "向阳村", "2022", "30余"],
        ],
    )
    ingest_file(store, ledger)
    data = DataSource(store).get()
    assert data.uses_ledgers and not data.shows_synthetic
    assert not data.outcomes["is_synthetic"].any() and not data.red_flags["is_synthetic"].any()
    view = compare_page.compare_view(data, "collective_income", "any", (), 2022, False, "zh")
    assert "已导入的台账" in view["caption"] and "红旗村 n = 1" in view["caption"]
    assert "缺失 183 村" in view["caption"] and "非精确值 1 个" in view["caption"]


def test_ledger_flags_are_the_flags_once_ledgers_are_in(tmp_path):
    from zhaodong_data.ingest import ingest_file

    from ..ledgers.cases import red_flag_column, wide_years_title_metric

    store = build_store(tmp_path / "s.duckdb")
    ingest_file(store, red_flag_column(tmp_path))
    data = DataSource(store).get()
    placed = data.red_flags[data.red_flags["village_code"].notna()]
    assert sorted(placed["village_code"].unique()) == ["231282103203", "231282106202"]
    assert not data.red_flags["is_synthetic"].any()
    view = compare_page.compare_view(data, "collective_income", "any", (), 2022, False, "en")
    assert "Red-flag villages n = 2" in view["caption"]
    # A later ledger of other years leaves these flags current.
    ingest_file(store, wide_years_title_metric(tmp_path))
    assert len(DataSource(store).get().red_flags.query("ingest_id.notna()")) == 3


def _texts(component) -> str:
    """Every string a Dash component tree would show (children and table cells)."""
    import json

    return json.dumps(
        component.to_plotly_json() if hasattr(component, "to_plotly_json") else component,
        ensure_ascii=False,
        default=lambda c: c.to_plotly_json(),
    )


def test_a_ledger_s_reasons_warnings_and_ignored_columns_are_in_the_page_s_language(tmp_path):
    from zhaodong_data.ingest import validate_file

    from ..ledgers.make import write_csv

    ledger = write_csv(
        tmp_path / "l.csv",
        [
            ["村名", "年度", "村集体经济收入", "联系电话"],
            ["东安村", "2022", "见附表", "13912345678"],
            ["火星村", "2022", "3", ""],
            ["向阳村", "2022", "30", ""],
        ],
    )
    report = validate_file(ledger)
    chinese = _texts(ledger_upload.upload_report(report, "l.csv", "zh"))
    english = _texts(ledger_upload.upload_report(report, "l.csv", "en"))
    for sentence in ("未找到村“火星村”", "不是数字：引用其他表格或文件", "按元读取", "个人信息"):
        assert sentence in chinese
    for sentence in ("no village named", "not a figure", "read as 元", "personal data", "13912345678"):
        assert sentence not in chinese
    assert "no village named '火星村'" in english and "personal data" in english


def test_an_upload_with_more_cells_of_a_reason_than_listed_says_how_many_there_are(tmp_path):
    from zhaodong_data.ingest import validate_file
    from zhaodong_data.ledgers.report_summary import EXAMPLES_PER_REASON

    from ..ledgers.make import write_csv

    unreadable = [["东安村", str(1950 + i), "见附表"] for i in range(EXAMPLES_PER_REASON + 20)]
    report = validate_file(write_csv(tmp_path / "l.csv", [["村名", "年度", "村集体经济收入（万元）"], *unreadable]))
    chinese = _texts(ledger_upload.upload_report(report, "l.csv", "zh"))
    english = _texts(ledger_upload.upload_report(report, "l.csv", "en"))
    assert f"最多列出 {EXAMPLES_PER_REASON} 个单元格（共 {EXAMPLES_PER_REASON + 20} 个）" in chinese
    assert (
        f"At most {EXAMPLES_PER_REASON} cells of each reason are listed below ({EXAMPLES_PER_REASON + 20} in all)"
        in english
    )
    assert chinese.count("不是数字") == EXAMPLES_PER_REASON
    few = validate_file(write_csv(tmp_path / "few.csv", [["村名", "年度", "村集体经济收入（万元）"], *unreadable[:3]]))
    assert "upload-examples" not in _texts(ledger_upload.upload_report(few, "few.csv", "zh"))


def test_the_store_s_quarantine_shows_in_the_page_s_language(tmp_path):
    from zhaodong_data.ingest import ingest_file

    from ..ledgers.make import write_csv

    store = build_store(tmp_path / "s.duckdb", demo=False)
    ingest_file(
        store,
        write_csv(
            tmp_path / "l.csv",
            [["村名", "年度", "村集体经济收入（万元）"], ["火星村", "2022", "3"], ["东安村", "2022", "45"]],
        ),
    )
    data = DataSource(store).get()
    assert "未找到村“火星村”" in _texts(sources_page.sources_view(data, "zh")["quarantine"])
    assert "no village named" in _texts(sources_page.sources_view(data, "en")["quarantine"])


SIX_VILLAGES = ["东安村", "向阳村", "永丰村", "前进村", "石坚村", "红日村"]


@pytest.fixture(scope="module")
def partial_ledger_store(tmp_path_factory):
    """A store whose one ledger covers six villages of 186 (one with a flag)."""
    from zhaodong_data.ingest import ingest_file

    from ..ledgers.make import write_csv

    folder = tmp_path_factory.mktemp("partial")
    rows = [["村名", "年度", "红旗类别", "村集体经济收入（万元）"]]
    rows += [[name, "2022", "发展" if i == 0 else "", str(30 + i)] for i, name in enumerate(SIX_VILLAGES)]
    store = build_store(folder / "s.duckdb")
    ingest_file(store, write_csv(folder / "six.csv", rows))
    return store


@pytest.mark.parametrize(
    "selection, real, synthetic, banner",
    [("ledgers", 6, 0, False), ("with_demo", 6, 180, True), ("demo", 0, 186, True)],
)
def test_a_partial_ledger_does_not_switch_the_county_and_each_selection_says_what_it_shows(
    partial_ledger_store, selection, real, synthetic, banner
):
    from dashboard.components import data_notice

    data = DataSource(partial_ledger_store).get(selection)
    assert data.selection == selection and data.has_ledgers
    frame = comparison_frame(data, "collective_income", "any", (), 2022)
    shown = frame[frame["value"].notna()]
    assert (~shown["is_synthetic"].astype(bool)).sum() == real
    assert shown["is_synthetic"].astype(bool).sum() == synthetic
    notice = _texts(data_notice(data, "en"))
    assert ("SYNTHETIC" in notice) == banner
    if selection == "ledgers":
        assert "6 villages have values; the other 180 have no ledger" in notice
    if selection == "with_demo":
        assert "6 villages have real ledger values, 180 have SYNTHETIC" in notice


def test_the_default_after_a_partial_ledger_is_real_and_the_flag_counts_say_what_they_count(partial_ledger_store):
    data = DataSource(partial_ledger_store).get()
    assert data.selection == "ledgers" and not data.shows_synthetic
    from zhaodong_data.study import flag_counts

    counts = flag_counts(data)
    note = overview_page.flag_counts_note(data, "en")
    # 永丰村's published award and the ledger's one flag (东安村, development)
    assert counts["flagged_villages"] == 2
    assert "1 named in published reports and 1 from ledgers" in note
    assert "100 flags cannot be placed" in note
    demo = DataSource(partial_ledger_store).get("demo")
    assert "SYNTHETIC" in overview_page.flag_counts_note(demo, "en")


PAGES = ["/", "/compare", "/towns", "/village", "/sources", "/nonexistent"]
QUERY_KEYS = ["lang", "outcome", "aspect", "towns", "year", "village", "view", "log", "data", "x"]
query_values = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["2022", "²", "٢٠٢٢", "en", "zh", "any", "1e3", "231282103203", "<b>x</b>", "%00", "ledgers"]),
)


@given(st.sampled_from(PAGES), st.lists(st.tuples(st.sampled_from(QUERY_KEYS), query_values), max_size=6))
@settings(max_examples=examples(60), suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_any_query_string_renders_every_page_with_notices_not_errors(partial_ledger_store, page, pairs):
    from urllib.parse import urlencode

    from dashboard.callbacks import render_page

    source = _sources.setdefault("partial", DataSource(partial_ledger_store))
    search = "?" + urlencode(pairs)
    header, notice, notices, content, lang, selection = render_page(source, page, search, allow_ingest=True)
    assert lang in ("zh-CN", "en") and selection in ("ledgers", "with_demo", "demo")
    assert content is not None
    json.dumps([header, notice, notices, content], cls=PlotlyJSONEncoder)  # serialisable, as Dash sends it


def test_a_unicode_digit_year_is_a_notice(data):
    from dashboard.callbacks import render_page

    source = DataSource(_demo_store["path"])
    notices = render_page(source, "/compare", "?year=%C2%B2")[2]
    assert len(notices) == 1 and "year=²" in json.dumps(notices, cls=PlotlyJSONEncoder, ensure_ascii=False)


def test_hover_text_is_not_read_as_markup():
    import pandas as pd

    from zhaodong_data.study.charts import _hover

    frame = pd.DataFrame(
        {
            "name_short": ["<b>东安村</b>"],
            "town_name": ["五站镇"],
            "low": [1.0],
            "high": [1.0],
            "qualifier": ["exact"],
            "raw": ['<a href="http://x">45</a>'],
            "is_synthetic": [False],
        }
    )
    (text,) = _hover(frame, "zh", True)
    assert "<b>东安村</b>" not in text and "&lt;b&gt;东安村&lt;/b&gt;" in text and "<a href" not in text


def test_trends_view_says_the_estimate_its_convention_and_refuses_what_it_cannot_estimate(data):
    view = trends_page.trends_view(data, "collective_income", "any", "en")
    assert "Two-way fixed effects: +0.1" in view["estimate"] and "186 villages (100 flagged)" in view["estimate"]
    assert "F(2, 185)" in view["pretrend"] and "not awarded at random" in view["caveat"]
    # the page writes the estimate's own convention, in the page's language
    from zhaodong_data.analysis import award_effect, award_panel

    estimate = award_effect(award_panel(data.outcomes, data.red_flags, "collective_income"))
    assert view["convention"] == f"Standard errors: {estimate.convention}"
    chinese = trends_page.trends_view(data, "collective_income", "any", "zh")["convention"]
    assert chinese == "标准误：" + estimate.convention.render("zh") and "按村聚类" in chinese
    groups = view["table"].groupby("group")["n"].sum().to_dict()
    assert groups == {"flagged": 100 * 7, "never_flagged": 86 * 7}
    cold = trends_page.trends_view(data, "cold_storage_revenue", "any", "zh")
    # cold storage is known for four villages: two flagged in 2022 (2020-2024), two never flagged
    # (2022-2024 only); the years before the award are the flagged villages' alone, so the year
    # effects absorb the award: no estimate, and the reason said in Chinese
    assert cold["estimate"] == "无法估计：固定效应吸收了处理变量（设计奇异）"
    assert "bootstrap" not in cold["estimate"] and "No estimate" not in cold["estimate"]
    few = Reason("few_periods", before=1, after=3, needed=2)
    assert few == "1 period(s) before and 3 after the award: at least 2 are needed on each side"
    assert reason_in(few, "zh") == "授旗前仅 1 年、授旗后仅 3 年的数据：前后各需至少 2 年"


def test_small_groups_get_no_confidence_interval_and_say_why(data):
    # cold storage: a handful of villages have one, so both groups are tiny
    view = compare_page.compare_view(data, "cold_storage_revenue", "any", (), 2022, False, "en")
    assert "No confidence interval" in view["stats"] and "not a finding" in view["stats"]
    assert "not applicable to" in view["caption"] and "missing" not in view["caption"]
    from zhaodong_data.analysis import compare_groups
    from zhaodong_data.analysis.compare import MIN_GROUP

    frame = comparison_frame(data, "cold_storage_revenue", "any", (), 2022)
    result = compare_groups(frame)
    assert min(result.n_flagged, result.n_other) < MIN_GROUP and result.ci_refused == "too_few"
    assert result.ci_low != result.ci_low  # NaN: no interval
    table = compare_page.selection_table(frame, "cold_storage_revenue", "zh")
    assert (table["数值"] == "不适用").sum() == frame["value"].isna().sum() > 150


def test_an_aspect_can_be_compared_with_never_flagged_villages(data):
    others = comparison_frame(data, "collective_income", "development", (), 2022, "others")
    never = comparison_frame(data, "collective_income", "development", (), 2022, "never_flagged")
    assert others["flagged"].sum() == never["flagged"].sum() == 26
    assert len(others) == 186 and len(never) == 26 + 86  # the 74 villages with other flags leave
    view = compare_page.compare_view(data, "collective_income", "development", (), 2022, False, "en", "never_flagged")
    assert "others n = 86" in view["caption"] and "Compared with: never-flagged villages" in view["stats"]
    assert (
        "villages with other aspects' flags included"
        in compare_page.compare_view(data, "collective_income", "development", (), 2022, False, "en")["stats"]
    )


def test_the_register_speaks_the_reader_s_language(data):
    import re

    table = sources_page.register_table(data.facts, "zh")
    for column in ("qualifier", "unit", "period", "attribution", "correction_rule", "low", "high", "literal_low"):
        # a quoted word is the published text itself (“million” was 万)
        latin = {w for v in table[column] for w in re.findall(r"[A-Za-z]{2,}", re.sub(r"“[^”]*”", "", str(v)))}
        assert not latin, (column, latin)
    investment = table.set_index("id").loc["investment_projects"]
    assert investment["literal_low"] == "26.2亿元" and investment["low"] == "2620万元"  # not 2620000000
    assert investment["correction_rule"] == "“million”实为“万”"


def test_a_busy_store_serves_the_data_read_before(tmp_path, monkeypatch):
    """A reload that meets a writer mid-commit keeps the page up with what was read before."""
    import dashboard.data as data_module
    from zhaodong_data.store import StoreError

    source = DataSource(build_store(tmp_path / "s.duckdb"))
    before = source.get()
    monkeypatch.setattr(source, "stamp", lambda: ("changed",))  # the store file changed (a commit)

    def busy(*args, **kwargs):
        raise StoreError("locked by a writer")

    monkeypatch.setattr(data_module, "load_dashboard_data", busy)
    assert source.get() is before


def test_towns_are_ranked_with_medians_by_group_and_say_when_a_median_is_one_village(data):
    """Medians recomputed here from the village values; a town whose median rests on one village
    says so; the headline names the city median and the first and last towns."""
    frame = comparison_frame(data, "cold_storage_revenue", "any", (), 2022)
    view = towns_page.towns_view(data, "cold_storage_revenue", 2022, "zh")
    numbers = by_header(view["rows"], view["columns"])
    shown = by_header(view["rows"], view["columns"], shown=True)
    all_median = "全部村中位数（冷库收入，元）"
    flagged_median = "红旗村中位数（冷库收入，元）"
    by_town = frame.groupby("town_name")
    for row, text_row in zip(numbers[1:], shown[1:]):
        values = by_town.get_group(row["乡镇"])["value"].dropna()
        flagged = by_town.get_group(row["乡镇"]).query("flagged")["value"].dropna()
        assert row[all_median] == (values.median() if len(values) else None)
        assert row[flagged_median] == (flagged.median() if len(flagged) else None)
        assert ("仅1村" in text_row[all_median]) == (len(values) == 1)
    ranked = [r[all_median] for r in numbers[1:] if r[all_median] is not None]
    assert (
        ranked == sorted(ranked, reverse=True) and len(ranked) == frame.dropna(subset=["value"])["town_name"].nunique()
    )
    assert numbers[0][all_median] == frame["value"].median()
    assert format_amount(frame["value"].median(), "zh", True) in view["headline"]
    assert numbers[1]["乡镇"] in view["headline"] and "并非随机" in view["headline"]


def test_the_compare_headline_states_the_medians_with_n(data):
    frame = comparison_frame(data, "collective_income", "any", (), 2022)
    view = compare_page.compare_view(data, "collective_income", "any", (), 2022, False, "zh")
    flagged, others = frame[frame["flagged"]]["value"], frame[~frame["flagged"]]["value"]
    relation = "高于" if flagged.median() > others.median() else "低于"
    assert view["headline"].startswith(
        f"2022年，{flagged.count()} 个红旗村的村集体经济收入中位数为 "
        f"{format_amount(flagged.median(), 'zh', True)}，{relation} "
        f"{others.count()} 个其他村的 {format_amount(others.median(), 'zh', True)}"
    )
    english = compare_page.compare_view(data, "collective_income", "service", (), 2022, False, "en", "never_flagged")
    assert "Never-flagged villages" in english["headline"] or "never-flagged" in english["headline"].lower()


def test_every_village_is_ranked_in_the_city_and_in_its_town(data):
    """Ranks follow the point values (1 the highest), among all villages even when towns are
    selected; a village without a value has no rank."""
    frame = comparison_frame(data, "collective_income", "any", ("231282106000",), 2022)
    city = comparison_frame(data, "collective_income", "any", (), 2022).dropna(subset=["value"])
    for row in frame.itertuples():
        assert row.rank_city == 1 + (city["value"] > row.value).sum()
        town = city[city["town_code"] == "231282106000"]
        assert row.rank_in_town == 1 + (town["value"] > row.value).sum()
        assert row.villages_in_town == len(town)
    table = compare_page.selection_table(frame, "collective_income", "zh")
    assert table["全市排名"].tolist() == frame["rank_city"].astype(float).tolist()
    cold = comparison_frame(data, "cold_storage_revenue", "any", (), 2022)
    assert cold.loc[cold["value"].isna(), "rank_city"].isna().all()


def test_the_exported_chart_says_what_was_selected(data):
    """The PNG (the chart with its footnote) names the selection the print hides with the controls."""
    view = compare_page.compare_view(
        data, "collective_income", "development", ("231282106000",), 2022, False, "zh", "never_flagged"
    )
    footnote = view["figure"]["layout"]["annotations"][-1]["text"].replace("<br>", "")
    for words in ("发展", "里木店镇", "从未获红旗的村", "2022年", "合成"):
        assert words in footnote and words in view["selection"] + "合成"


def test_every_exported_chart_carries_source_data_kind_and_caveat(data):
    """The toolbar's PNG is the figure: its footnote says where the data come from, what kind they
    are and, where the page gives one, the caveat."""
    figures = {
        "compare": compare_page.compare_view(data, "collective_income", "any", (), 2022, False, "zh")["figure"],
        "towns": towns_page.towns_view(data, "collective_income", 2022, "zh")["figure"],
        "trends": trends_page.trends_view(data, "collective_income", "any", "zh")["figure"],
        "bands": overview_page.bands_view(data, "collective_income", 2022, "zh")["figure"],
        "overview": overview_page.overview_view(data, "zh")["figure"],
    }
    for name, figure in figures.items():
        footnote = figure["layout"]["annotations"][-1]["text"].replace("<br>", "")
        assert "来源：合成演示数据" in footnote, name
        # the flags chart holds 永丰村's one real flag among 99 synthetic ones: mixed, with the share
        assert ("混合：98% 为合成数据" if name == "overview" else "合成（模拟）数据") in footnote, name
        assert ("红旗并非随机授予" in footnote) == (name != "overview"), name


def test_a_tiny_p_value_is_written_as_a_bound():
    assert views.p_text(0.0) == "< 0.001" and views.p_text(0.0421) == "= 0.042" and views.p_text(None) == "= —"


def test_with_awards_in_several_years_trends_shows_the_imputation_estimate_the_warning_and_towns(tmp_path):
    from zhaodong_data.demo import DemoParameters

    waves = DataSource(build_store(tmp_path / "waves.duckdb", parameters=DemoParameters.scenario("cohorts"))).get()
    zh = trends_page.trends_view(waves, "collective_income", "any", "zh")
    assert zh["estimate"].startswith("插补估计量（Borusyak–Jaravel–Spiess）估计：")
    assert "授旗年份有 2 个（2020, 2022）" in zh["cohorts"]
    assert zh["convention"] == "标准误：按村聚类，两步 GMM 方差（同 pyfixest 的 did2s，无小样本校正），t(G−1) 临界值"
    assert zh["sensitivity"].startswith("敏感性：授旗前每年 0.") and "Rambachan–Roth" in zh["sensitivity"]
    # the breakdown and the robust set are those of the event study's own coefficients
    from zhaodong_data.analysis import award_event_study, award_panel
    from zhaodong_data.analysis.sensitivity import relative_magnitudes_breakdown, relative_magnitudes_set

    panel = award_panel(waves.outcomes, waves.red_flags, "collective_income", aspect="any", comparison="others")
    coefficients = award_event_study(panel, leads=3, lags=2)["coefficients"]
    robust = relative_magnitudes_set(coefficients, mbar=1.0)
    assert f"{relative_magnitudes_breakdown(coefficients):.2f} 倍时才包含零" in zh["sensitivity"]
    assert f"[{robust['low']:.3f}, {robust['high']:.3f}]" in zh["sensitivity"]
    en = trends_page.trends_view(waves, "collective_income", "any", "en")
    # 186 villages in the gazetteer's towns: the town line says how many and which inference it used
    towns = waves.villages["town_code"].nunique()
    assert f"Clustered by town ({towns} towns" in en["by_town"]
    assert ("the wild cluster bootstrap" in en["by_town"]) == (towns < 20)


def test_trends_says_how_many_zero_incomes_the_log_leaves_out(data):
    from dataclasses import replace

    outcomes = data.outcomes.copy()
    chosen = outcomes.index[outcomes["metric"] == "collective_income"][:7]
    outcomes.loc[chosen, "value"] = 0.0
    view = trends_page.trends_view(replace(data, outcomes=outcomes), "collective_income", "any", "en")
    assert "7 village-years with a zero or negative value are left out of the log outcome" in view["cohorts"]
    assert trends_page.trends_view(data, "collective_income", "any", "en")["cohorts"] == ""


def test_grid_years_and_ranks_show_without_separators_or_decimals():
    import pandas as pd

    from dashboard.components import table_of

    frame = pd.DataFrame({"year": [2020], "全市排名": pd.array([3.0], dtype="Float64"), "value": [300000.0]})
    _, columns = table_of(frame, [("year", "年份"), ("全市排名", "全市排名"), ("value", "数值")])
    formatters = {c["headerName"]: c.get("valueFormatter", {}).get("function") for c in columns}
    assert (
        formatters["年份"] == formatters["全市排名"] == "params.value == null ? '' : String(Math.round(params.value))"
    )
    assert formatters["数值"] is None


def test_ranks_say_among_how_many_villages_of_the_city_and_the_town(data):
    view = compare_page.compare_view(data, "collective_income", "any", ["231282106000"], 2024, [], "zh")
    shown = [row for row in view["rows"]]
    columns = {c["headerName"]: c["field"] for c in view["columns"]}
    city, town = columns["全市排名"], columns["乡镇内排名"]
    first = next(row for row in shown if row[city] is not None)
    in_town = sum(1 for row in shown if row[town] is not None)
    assert (
        first[f"{city}_shown"] == f"第{int(first[city])}名/共186村"
    )  # among the whole city, whatever towns are chosen
    assert first[f"{town}_shown"] == f"第{int(first[town])}名/共{in_town}村"


def test_the_preview_warns_when_a_ledger_has_no_red_flag_column(tmp_path):
    from zhaodong_data.ingest import check_file

    store = build_store(tmp_path / "s.duckdb", demo=False)
    texts = {}
    for name, header, row in (
        ("without", "乡镇,村名,年度,村集体经济收入（万元）", "里木店镇,永丰村,2022,30"),
        ("with", "乡镇,村名,年度,红旗类别,村集体经济收入（万元）", "里木店镇,永丰村,2022,产业发展,30"),
    ):
        ledger = tmp_path / f"{name}.csv"
        ledger.write_text(f"{header}\n{row}\n", encoding="utf-8")
        report, _ = check_file(ledger, store_path=store)
        texts[name] = json.dumps(
            [str(part) for part in ledger_upload.upload_report(report, ledger.name, "zh")], ensure_ascii=False
        )
    assert "此台账没有“红旗类别”列" in texts["without"] and "红旗类别”列" not in texts["with"]


def test_the_ingests_table_speaks_the_pages_language(tmp_path):
    from zhaodong_data.ingest import ingest_file
    from zhaodong_data.store import revert_ingest

    store = build_store(tmp_path / "s.duckdb", demo=False)
    for name in ("a", "b"):
        ledger = tmp_path / f"{name}.csv"
        ledger.write_text(
            f"乡镇,村名,年度,村集体经济收入（万元）\n里木店镇,永丰村,{2021 if name == 'a' else 2022},30\n",
            encoding="utf-8",
        )
        ingest_file(store, ledger)
    revert_ingest(store, 1)
    data = DataSource(store).get()
    zh = json.dumps(str(sources_page.sources_view(data, "zh")["ingests"]), ensure_ascii=False)
    assert "已导入" in zh and "已撤销" in zh and "'ingested'" not in zh and "'reverted'" not in zh
    assert "reverted" in str(sources_page.sources_view(data, "en")["ingests"])


def test_the_bands_keep_shell_and_weak_villages_apart_and_name_them(data):
    """空壳村 (nothing) and 薄弱村 (under 5万) are two bands; each row names its villages, and the
    names are the villages whose exact figure lies in the band, from the thresholds themselves."""
    import numpy as np
    import pandas as pd

    year = 2023
    view = overview_page.bands_view(data, "operating_income", year, "zh")
    frame = comparison_frame(data, "operating_income", "any", (), year)
    exact = frame[frame["qualifier"] == "exact"]
    edges = [-np.inf, 1, 50_000, 100_000, 500_000, 1_000_000, np.inf]
    names = ["无收入（空壳村）", "5万元以下（薄弱村）", "5万至10万元", "10万至50万元", "50万至100万元", "100万元及以上"]
    band = pd.cut(exact["value"], edges, right=False, labels=names)
    table = view["table"]
    for group, rows in (("红旗村", exact[exact["flagged"]]), ("其他村", exact[~exact["flagged"]])):
        for name in names:
            listed = table[(table["group"] == group) & (table["band"] == name)]["villages"].iloc[0]
            expected = set(rows.loc[band[rows.index] == name, "name_short"])
            assert set(filter(None, listed.split("、"))) == expected, (group, name)
    assert "按村集体经营性收入分档：空壳村为无收入，薄弱村为不足 5万元" in view["caption"]
    other = overview_page.bands_view(data, "collective_income", year, "en")
    assert "shell and weak villages are counted on Collective operating income" in other["caption"]


CODE_HEADER = "村代码"


@pytest.mark.parametrize(("base", "expected_base"), [(None, 2022), (2021, 2021), (2030, 2022)])
def test_compare_shows_each_villages_change_since_the_year_chosen(data, base, expected_base):
    """The change columns are the village's value in the year shown minus its value in the base
    year (the year before unless another earlier year is chosen), read from the stored outcomes."""
    view = compare_page.compare_view(data, "collective_income", "any", (), 2023, False, "zh", "others", base)
    rows = by_header(view["rows"], view["columns"])
    shown = by_header(view["rows"], view["columns"], shown=True)
    stored = data.outcomes[data.outcomes["metric"] == "collective_income"]
    value = stored.set_index(["village_code", "year"])["value"]
    exact = stored.set_index(["village_code", "year"])["qualifier"] == "exact"
    checked = 0
    for row, text_row in zip(rows, shown, strict=True):
        code = row[CODE_HEADER]
        if (code, 2023) not in value.index or (code, expected_base) not in value.index:
            continue
        change = value[(code, 2023)] - value[(code, expected_base)]
        if not (exact[(code, 2023)] and exact[(code, expected_base)]):
            continue  # an interval's change is an interval (tests/test_change.py)
        assert row[f"较{expected_base}年变化"] == pytest.approx(change)  # sorts on the change itself
        amount = format_amount(change, "zh")
        assert text_row[f"较{expected_base}年变化"] == (amount if change < 0 else f"+{amount}")
        before = value[(code, expected_base)]
        if before > 0:
            assert text_row[f"较{expected_base}年变化（%）"] == f"{change / before:+.0%}"
        checked += 1
    assert checked > 100  # nearly every village has both years


def _pages(data, lang="zh"):
    frame = comparison_frame(data, "collective_income", year=2023)
    table = compare_page.selection_table(frame, "collective_income", lang)
    ranked = (frame["ranked_city"].tolist(), frame["ranked_in_town"].tolist())
    return views.grid_pages(table, lang, True, ranked), views.grid_table(table, lang, True, ranked)


def test_a_paged_table_sends_the_rows_the_whole_table_holds_a_page_at_a_time(data):
    """Unsorted, the pages are the whole table's rows in its order; each request's rows are at
    most the page it names, and every row is in exactly one page."""
    pages, (rows, columns) = _pages(data)
    assert pages.page({"startRow": 0, "endRow": 25}) == {"rowData": rows[:25], "rowCount": len(rows)}
    pieced = [
        r for start in range(0, len(rows), 25) for r in pages.page({"startRow": start, "endRow": start + 25})["rowData"]
    ]
    assert pieced == rows and len(rows) == 186
    # the column definitions are the whole table's, without filters (the page's controls filter)
    assert [c["field"] for c in pages.columns()] == [c["field"] for c in columns]
    assert {c.get("filter") for c in pages.columns()} == {False} and all(c["filter"] for c in columns)


def test_a_paged_table_sorts_the_whole_table_before_it_pages(data):
    """Sorted on the value (its point value, missing last) and on the town then the rank, as the
    grid would sort the whole table: the first page is the top of the whole order."""
    pages, (rows, columns) = _pages(data)
    value = next(c["field"] for c in columns if c["headerName"].startswith("数值"))
    town = next(c["field"] for c in columns if c["headerName"] == "乡镇")
    rank = next(c["field"] for c in columns if c["headerName"] == "全市排名")
    ordered = sorted(rows, key=lambda r: (r[value] is None, -(r[value] or 0)))
    top = pages.page({"startRow": 0, "endRow": 40, "sortModel": [{"colId": value, "sort": "desc"}]})["rowData"]
    assert [r[value] for r in top] == [r[value] for r in ordered[:40]]
    assert top[0][f"{value}_shown"] == max(rows, key=lambda r: r[value] or 0)[f"{value}_shown"]
    two_keys = [{"colId": town, "sort": "asc"}, {"colId": rank, "sort": "asc"}]
    expected = sorted(rows, key=lambda r: (r[town], r[rank] if r[rank] is not None else 1e9))
    whole = [
        r
        for s in range(0, 186, 50)
        for r in pages.page({"startRow": s, "endRow": s + 50, "sortModel": two_keys})["rowData"]
    ]
    assert [(r[town], r[rank]) for r in whole] == [(r[town], r[rank]) for r in expected]


@pytest.mark.parametrize(
    "request_",
    [
        None,
        [],
        "abc",
        {"startRow": "0"},
        {"startRow": -5, "endRow": 10},
        {"startRow": True},
        {"sortModel": "c1"},
        {"sortModel": [{"colId": "c999", "sort": "asc"}]},
        {"sortModel": [{"colId": "c1", "sort": "up"}]},
        {"sortModel": [{"colId": ["c1"], "sort": "asc"}]},
        {"sortModel": [None, 3]},
    ],
)
def test_a_request_for_rows_that_is_not_one_gets_the_first_page(data, request_):
    pages, (rows, _) = _pages(data)
    answer = pages.page(request_)
    assert answer["rowCount"] == len(rows) and answer["rowData"] == rows[: len(answer["rowData"])]
    assert 0 < len(answer["rowData"]) <= views.PAGE_ROWS


def test_one_request_gets_at_most_a_bounded_number_of_rows(data, monkeypatch):
    monkeypatch.setattr(views, "MAX_PAGE_ROWS", 30)
    pages, (rows, _) = _pages(data)
    assert pages.page({"startRow": 10, "endRow": 10_000_000})["rowData"] == rows[10:40]
    assert pages.page({"startRow": 500, "endRow": 525})["rowData"] == []  # past the end: none


def test_a_lazily_paged_table_sends_the_same_pages_formatting_only_them(data, monkeypatch):
    """The province's Compare table: each page formatted when asked for. Its pages, sorted or
    not, are the whole table's; a village's reading is written only for the page it is on."""
    from functools import partial

    frame = comparison_frame(data, "collective_income", "any", (), 2023, "others", 2022)  # with the change since 2022
    whole = compare_page.grid_rows(frame, True, "collective_income", "zh")
    lazy = views.LazyPagedTable(frame, partial(compare_page.grid_rows, outcome="collective_income", lang="zh"))
    assert lazy.columns() == whole.columns()
    fields = {c["headerName"]: c["field"] for c in whole.columns()}
    value, town, rank = fields["数值（元）"], fields["乡镇"], fields["全市排名"]
    for request in (
        {"startRow": 0, "endRow": 25},
        {"startRow": 50, "endRow": 75, "sortModel": [{"colId": value, "sort": "desc"}]},
        {"startRow": 25, "endRow": 60, "sortModel": [{"colId": town, "sort": "asc"}, {"colId": rank, "sort": "asc"}]},
        {"startRow": 175, "endRow": 200},
        "not a request",
    ):
        assert lazy.page(request) == whole.page(request), request
    written = []
    real = compare_page.format_reading
    monkeypatch.setattr(compare_page, "format_reading", lambda *a, **k: written.append(a) or real(*a, **k))
    lazy.page({"startRow": 0, "endRow": 25, "sortModel": [{"colId": value, "sort": "asc"}]})
    assert len(written) == 2 * 25  # the page's values and base values, not the 186 villages'


def test_a_lazily_paged_table_sorts_a_base_year_value_as_a_number(data):
    from functools import partial

    frame = comparison_frame(data, "collective_income", "any", (), 2023, "others", 2022)
    lazy = views.LazyPagedTable(frame, partial(compare_page.grid_rows, outcome="collective_income", lang="zh"))
    base = next(c["field"] for c in lazy.columns() if c["headerName"].startswith("2022年"))
    page = lazy.page({"startRow": 0, "endRow": 186, "sortModel": [{"colId": base, "sort": "desc"}]})["rowData"]
    expected = frame["base_value"].sort_values(ascending=False, na_position="last").tolist()
    shown = frame.set_index("code")["base_value"]
    code = next(c["field"] for c in lazy.columns() if c["headerName"] == "村代码")
    assert [shown[row[code]] for row in page] == pytest.approx(expected, nan_ok=True)


def test_the_sources_page_lists_the_latest_quarantined_cells_and_counts_them_all(tmp_path, monkeypatch):
    """Two ledgers of conflicting rows (every value of a village-year twice): the page lists the
    QUARANTINE_SHOWN cells of the later ingest, in its language, and says how many there are in
    all; the store keeps every one (55,000 cells took the page 11 s and 23 MB before)."""
    from zhaodong_data.ingest import ingest_file
    from zhaodong_data.study import queries

    monkeypatch.setattr(queries, "QUARANTINE_SHOWN", 10)
    store = build_store(tmp_path / "s.duckdb")
    for name, rows in (("first.csv", 6), ("second.csv", 8)):
        body = "".join(f"东安村,{2000 + i},{i + 1}\n东安村,{2000 + i},{i + 50}\n" for i in range(rows))
        (tmp_path / name).write_text("村名,年度,村集体经济收入（万元）\n" + body, encoding="utf-8")
        ingest_file(store, tmp_path / name)
    data = DataSource(store).get()
    assert data.quarantine_total == 2 * 6 + 2 * 8 and len(data.quarantine) == 10
    assert set(data.quarantine["ingest_id"]) == {int(data.ingests["id"].max())}  # the latest ingest's
    assert data.quarantine["row"].tolist() == sorted(data.quarantine["row"].tolist())
    part = sources_page.sources_view(data, "zh")["quarantine"]
    assert part[0].children.startswith("共 28 个隔离单元格，此处列出最近导入的 10 个")
    rows = part[1].rowData
    assert len(rows) == 10 and all("矛盾" in " ".join(map(str, row.values())) for row in rows)
    small = DataSource(build_store(tmp_path / "small.duckdb")).get()
    assert len(sources_page.sources_view(small, "en")["quarantine"]) == 1  # nothing left out: no line
