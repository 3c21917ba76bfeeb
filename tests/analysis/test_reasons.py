"""The estimators' refusals: each a code of analysis/reasons.py with both languages, written as
its English sentence and rendered in Chinese from its parameters (never by matching the sentence)."""

import copy
import json
import pickle
import re
from pathlib import Path

import numpy as np
import pandas as pd

from zhaodong_data.analysis import award_effect, twfe
from zhaodong_data.analysis.did import MIN_CLUSTERS
from zhaodong_data.analysis.reasons import CATALOG, Reason, reason_in
from zhaodong_data.i18n.coded import template_fields

ANALYSIS = Path(__file__).resolve().parents[2] / "zhaodong_data" / "analysis"


def test_every_code_has_both_languages_with_the_same_parameters():
    for code, entry in CATALOG.items():
        assert set(entry) == {"en", "zh"}, code
        assert template_fields(entry["en"]) == template_fields(entry["zh"]), code
        assert re.search(r"[\u4e00-\u9fff]", entry["zh"]), code


def test_a_reason_is_its_english_sentence_and_survives_copies():
    reason = Reason("few_villages", n=12, needed=MIN_CLUSTERS)
    assert reason == f"12 villages (at least {MIN_CLUSTERS} are needed)" and json.dumps(reason) == json.dumps(
        str(reason)
    )
    for copied in (copy.deepcopy(reason), pickle.loads(pickle.dumps(reason))):
        assert isinstance(copied, Reason) and reason_in(copied, "zh") == f"仅 12 个村（至少需要 {MIN_CLUSTERS} 个）"
    assert reason_in("a sentence from elsewhere", "zh") == "a sentence from elsewhere"


def _panel(villages: int, treated_share: float) -> pd.DataFrame:
    rows = [(f"v{v:03d}", year) for v in range(villages) for year in range(2016, 2024)]
    panel = pd.DataFrame(rows, columns=["village_code", "year"])
    panel["treated"] = panel["village_code"].str[1:].astype(int) < villages * treated_share
    panel["award_year"] = np.where(panel["treated"], 2021.0, np.nan)
    panel["post"] = panel["year"] >= 2021
    panel["treated_post"] = (panel["treated"] & panel["post"]).astype(float)
    panel["y"] = np.random.default_rng(1).normal(size=len(panel))
    return panel


def test_the_estimators_refuse_with_reasons_a_chinese_page_can_write():
    """No comparison group, and too few periods before the award: each estimator's reason is a
    Reason whose Chinese has no English left in it."""
    everyone = _panel(30, 1.0)
    late = _panel(30, 0.5)
    late["award_year"] = np.where(late["treated"], 2017.0, np.nan)
    late["post"] = late["year"] >= 2017
    late["treated_post"] = (late["treated"] & late["post"]).astype(float)
    refusals = [twfe(everyone).reason, award_effect(everyone).reason, twfe(late.query("year <= 2017")).reason]
    for reason in refusals:
        assert isinstance(reason, Reason), reason
        assert not re.search(r"[A-Za-z]{3,}", reason_in(reason, "zh")), reason
    assert refusals[0].code == "no_comparison"


def test_no_refusal_is_written_as_an_english_sentence_outside_the_catalog():
    """A reason returned as a plain string would reach a Chinese page in English."""
    sentence = re.compile(r'(reason=|"reason": |_refused\([^,]+, |return )f?"[a-z][^"]* [^"]*"')
    found = [
        f"{path.name}: {match.group(0)}"
        for path in sorted(ANALYSIS.glob("*.py"))
        if path.name not in ("reasons.py", "ssc.py")  # the catalog; a description, not a refusal
        for match in sentence.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
