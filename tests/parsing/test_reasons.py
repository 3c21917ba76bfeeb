"""The parser's reasons: each a code of parsing/reasons.py with both languages, the invalid
Amount's `reason` its English sentence that renders itself in Chinese, and a ledger's quarantined
cell written in Chinese from the code (never by matching the English)."""

import re
from pathlib import Path

import pytest

from zhaodong_data.i18n.coded import template_fields
from zhaodong_data.ledgers.reasons import render
from zhaodong_data.parsing import parse_amount
from zhaodong_data.parsing.reasons import CATALOG, ParseReason

PARSING = Path(__file__).resolve().parents[2] / "zhaodong_data" / "parsing"


def test_every_code_has_both_languages_and_the_chinese_needs_nothing_the_english_lacks():
    for code, entry in CATALOG.items():
        assert set(entry) == {"en", "zh"}, code
        assert template_fields(entry["zh"]) <= template_fields(entry["en"]), code
        assert re.search(r"[\u4e00-\u9fff]", entry["zh"]), code


@pytest.mark.parametrize(
    "cell, code",
    [
        ("=SUM(A1:A3)", "formula"),
        ("13912345678", "phone"),
        ("45%", "percent"),
        ("#REF!", "error_value"),
        ("见附表", "reference"),
        ("2022年3月5日", "date"),
        ("至少30万以下", "contradictory_qualifiers"),
        ("三到五十万", "range_ten"),
        ("8-5万", "range_backwards"),
        ("30万 40万", "several_figures"),
        ("备注2", "text_around"),
        (True, "true_false"),
        (float("inf"), "infinite"),
        (object(), "not_text"),
    ],
)
def test_each_refusal_carries_its_code_and_renders_in_chinese(cell, code):
    amount = parse_amount(cell)
    assert amount.qualifier == "invalid" and isinstance(amount.reason, ParseReason)
    assert amount.reason.code == code
    assert amount.reason == CATALOG[code]["en"].format(**amount.reason.params)  # the English as before
    assert not re.search(r"[A-Za-z]{4,}", amount.reason.render("zh").replace("object", "")), amount.reason.render("zh")


def test_no_reason_is_written_as_a_bare_sentence_in_the_parser():
    bare = re.compile(r'(_invalid|_Unreadable)\(f?"')
    found = [
        f"{path.name}: {match.group(0)}"
        for path in sorted(PARSING.glob("*.py"))
        for match in bare.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_a_quarantined_cell_is_written_in_chinese_from_its_code(tmp_path):
    from zhaodong_data.ledgers import read_ledger

    path = tmp_path / "l.csv"
    path.write_text("村名,年度,村集体经济收入（万元）\n东安村,2022,见附表\n", encoding="utf-8")
    (entry,) = read_ledger(path).report["quarantine"]
    assert entry["params"]["reason_code"] == "reference"
    assert render(entry["code"], entry["params"], "zh") == "不是数字：引用其他表格或文件，不是金额"
    # a quarantine stored before the parser gave codes keeps its English reason
    legacy = {"reason": "a reference to another table or document, not an amount"}
    assert render("not_a_figure", legacy, "zh") == "不是数字：a reference to another table or document, not an amount"
