from pathlib import Path

import pytest

import zhaodong_data.sources
from zhaodong_data.sources import extract_figures, load_facts, report_body

SEED = Path(zhaodong_data.sources.__file__).parent / "texts" / "hljrb-2022-08-02-en.txt"


@pytest.fixture(scope="module")
def figures():
    return extract_figures(SEED.read_text(encoding="utf-8"))


def test_every_money_figure_of_the_registry_is_found(figures):
    facts = load_facts()
    money = facts[(facts["source_id"] == "hljrb-2022-08-02") & (facts["kind"] == "money")]
    found = figures.loc[figures["kind"] == "money", "raw"].tolist()
    for raw in money["raw"]:
        assert any(raw.startswith(candidate) or candidate.startswith(raw) for candidate in found), raw


def test_every_registry_figure_of_the_article_is_found(figures):
    facts = load_facts()
    article = facts[facts["source_id"] == "hljrb-2022-08-02"]
    found = " | ".join(figures["raw"])
    for raw in article["raw"]:
        assert raw.replace("In ", "") in found or any(c in raw for c in figures["raw"] if len(c) > 3), raw


def test_nothing_after_the_end_marker(figures):
    text = SEED.read_text(encoding="utf-8")
    teaser = text[text.index("- END -") :]
    assert "Pingjiang" in teaser and "Pingjiang" not in report_body(text)
    assert not figures["sentence"].str.contains("Pingjiang|drowning|Suzhou").any()


def test_readings_and_context(figures):
    rows = figures.set_index("raw")
    assert rows.loc["2620 million yuan", "low"] == 2_620_000_000
    assert "wan_as_million" in rows.loc["2620 million yuan", "flags"]
    assert rows.loc["more than 3,000 yuan a month", "period"] == "month"
    assert "wage" in rows.loc["more than 3,000 yuan a month", "metric_words"]
    assert "cold storage" in rows.loc["about 300,000", "metric_words"]
    assert (
        rows.loc["about 300,000", "kind"] == "money"
        and rows.loc["about 300,000", "flags"] == "scale_implicit;unit_from_context"
    )
    assert rows.loc["1394 rural grids", "kind"] == "count"
    assert figures.loc[figures["raw"] == "26", "kind"].tolist() == ["number"]  # 26 organizations, not yuan
    assert rows.loc["2020", "kind"] == "year"
    assert not figures["raw"].str.contains("2022.08").any()  # the byline date is not an amount


def test_chinese_report():
    text = "2015年，永丰村集体经济收入59万元，比上年增加30余万元。合作社每亩纯收益1738元，全村约300户。\n- END -\n广告：每月5000元"
    figures = extract_figures(text)
    assert figures["raw"].tolist() == ["59万元", "30余万元", "1738元", "约300户"]
    assert figures.loc[1, "high"] == 400_000
    assert figures.loc[0, "metric_words"].startswith("income")
