import re

from zhaodong_data.parsing import parse_amount
from zhaodong_data.sources import Context, correct


def test_wan_as_million_only_when_implausible():
    village = Context(entity_type="village", entity_name="a village", metric="investment")
    literal = parse_amount("2620 million yuan")
    [fix] = correct(literal, "2620 million yuan", village)
    assert fix.rule == "wan_as_million" and fix.amount.low == 26_200_000 and fix.changes_value
    # The same words for the whole province are plausible: flagged by the parser, left as read.
    province = Context(entity_type="province", metric="investment")
    assert correct(literal, "2620 million yuan", province) == []
    # A small English million is not a mistranslation.
    assert correct(parse_amount("320 million yuan"), "320 million yuan", village) == []


def test_open_bounds_are_scaled_too():
    fixes = correct(
        parse_amount("more than 1500 million yuan"),
        "more than 1500 million yuan",
        Context(entity_type="village", metric="income"),
    )
    assert fixes[0].amount.low == 15_000_000 and fixes[0].amount.high is None


def test_unit_from_context_only_for_money_metrics():
    amount = parse_amount("about 300,000")
    assert correct(amount, "about 300,000", Context(metric="households")) == []
    [fix] = correct(amount, "about 300,000", Context(metric="cold_storage_revenue"))
    assert fix.amount.unit == "CNY" and "unit_implicit" not in fix.amount.flags
    assert not fix.changes_value


def test_literal_reading_never_mutated():
    literal = parse_amount("2620 million yuan")
    correct(literal, "2620 million yuan", Context(entity_type="village"))
    assert literal.low == 2_620_000_000


def test_every_correction_of_the_registry_has_its_reason_in_chinese():
    from zhaodong_data.sources import load_facts
    from zhaodong_data.sources.corrections import REASONS_ZH, correction_reason

    facts = load_facts()
    corrected = facts[facts["correction_rule"] != ""].to_dict("records")
    assert {rule for fact in corrected for rule in fact["correction_rule"].split(";")} <= set(REASONS_ZH)
    for fact in corrected:
        chinese = correction_reason(fact, "zh")
        assert chinese != fact["correction_reason"] and fact["raw"] in chinese
        outside_quotes = re.sub(r"“[^”]*”", "", chinese)  # the raw string stays as published
        assert not re.search(r"\b(read|names|states|than|would)\b", outside_quotes), chinese
        assert correction_reason(fact, "en") == fact["correction_reason"]


def test_the_wan_as_million_reason_in_chinese_states_both_readings():
    from zhaodong_data.sources.corrections import correction_reason

    fact = {
        "raw": "2620 million yuan",
        "literal_low": 2.62e9,
        "low": 2.62e7,
        "entity_type": "development_orgs",
        "entity_name": "26 organizations",
        "correction_rule": "wan_as_million",
        "correction_reason": "x",
    }
    text = correction_reason(fact, "zh")
    assert "26.2亿元" in text and "2620万 = 2620万元" in text
