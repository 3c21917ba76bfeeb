"""The article's figures come out of the registry as a careful reader would state them."""

import math

import pandas as pd
import pytest

from zhaodong_data.sources import fact, load_facts, read_sources
from zhaodong_data.sources.registry import FACTS_SCHEMA, read_raw_facts


def test_joint_committee_totals():
    collective, farmers = fact("jc_collective_income"), fact("jc_farmer_income")
    assert (collective["low"], collective["high"], collective["unit"]) == (4_200_000, 4_200_000, "CNY")
    assert (farmers["low"], farmers["high"], farmers["qualifier"]) == (22_800_000, 22_800_000, "exact")
    assert collective["correction_rule"] == "" and farmers["correction_rule"] == ""


def test_investment_corrected_with_its_reason_and_literal_kept():
    investment = fact("investment_projects")
    assert investment["raw"] == "2620 million yuan"
    assert investment["literal_low"] == 2_620_000_000
    assert investment["low"] == investment["high"] == 26_200_000
    assert investment["correction_rule"] == "wan_as_million"
    assert "GDP" in investment["correction_reason"] and "2620万" in investment["correction_reason"]


def test_wage_is_a_monthly_lower_bound():
    wage = fact("wage_income")
    assert wage["low"] == 3000 and math.isnan(wage["high"])
    assert (wage["qualifier"], wage["period"], wage["unit"]) == ("at_least", "month", "CNY")


def test_cold_storage_about_300000_a_year():
    cold = fact("cold_storage_income")
    assert (cold["low"], cold["high"], cold["qualifier"]) == (300_000, 300_000, "approx")
    assert (cold["unit"], cold["period"]) == ("CNY", "year")
    assert cold["attribution"] == "low"
    assert "unit_from_context" in cold["correction_rule"] and "period_from_context" in cold["correction_rule"]


def test_crickets_read_as_shang_with_the_alternative_named():
    land = fact("land_contracted")
    assert (land["low"], land["qualifier"], land["unit"]) == (300, "at_least", "mu")
    assert land["correction_rule"] == "cricket_as_shang"
    assert "亩" in land["correction_reason"] and "20 亩" in land["correction_reason"]


def test_every_article_figure_is_registered_with_its_source():
    facts = load_facts()
    article = facts[facts["source_id"] == "hljrb-2022-08-02"]
    expected = {
        "red_flags_total",
        "orgs_selected",
        "investment_projects",
        "new_business_entities",
        "rural_grids",
        "contacts_per_member",
        "responsibility_areas",
        "cold_storage_built",
        "cold_storage_income",
        "land_contracted",
        "contract_income",
        "contract_premium",
        "wage_income",
        "workflows",
        "joint_committees",
        "jc_collective_income",
        "jc_farmer_income",
    }
    assert expected <= set(article["id"])
    assert (article["language"] == "en").all() and (article["date"] == "2022-08-02").all()
    assert article["paragraph"].str.match(r"^P\d+$").all()
    seed_like = article.set_index("id")
    assert seed_like.loc["red_flags_total", "low"] == 100
    assert seed_like.loc["orgs_selected", "low"] == 26 and seed_like.loc["new_business_entities", "low"] == 59


def test_no_figure_is_unreadable():
    facts = load_facts()
    assert not facts["qualifier"].isin(["invalid", "missing"]).any(), facts[facts["qualifier"] == "invalid"]


def test_a_researcher_can_extend_the_registry(tmp_path):
    facts = read_raw_facts()
    extra = facts.iloc[[0]].copy()
    extra["id"], extra["raw"], extra["metric"], extra["kind"] = (
        "my_village_income",
        "12.5万元",
        "collective_income",
        "money",
    )
    path = tmp_path / "facts.csv"
    pd.concat([facts, extra]).to_csv(path, index=False)
    mine = load_facts(path).set_index("id")
    assert mine.loc["my_village_income", "low"] == 125_000


def test_schema_rejects_bad_rows(tmp_path):
    facts = read_raw_facts()
    facts.loc[0, "kind"] = "weight"
    path = tmp_path / "facts.csv"
    facts.to_csv(path, index=False)
    with pytest.raises(Exception, match="kind"):
        load_facts(path)


def test_unknown_source_is_an_error(tmp_path):
    facts = read_raw_facts()
    facts.loc[0, "source_id"] = "nowhere"
    path = tmp_path / "facts.csv"
    facts.to_csv(path, index=False)
    with pytest.raises(ValueError, match="nowhere"):
        load_facts(path)


def test_sources_and_schema_are_declared():
    sources = read_sources()
    assert set(sources["language"]) <= {"zh", "en"}
    assert "raw" in FACTS_SCHEMA.columns
