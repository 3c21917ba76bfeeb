"""The sentence above a chart that says what it shows, computed from its numbers (with n and
the caveat), for the Compare and Towns pages."""

from __future__ import annotations

import math

import pandas as pd

from ..analysis import Comparison
from ..i18n import format_amount
from ..i18n.strings import metric_name, text
from ..metrics import is_money


def _in_sentence(metric: str, lang: str) -> str:
    """A metric's name inside an English sentence: "the median collective income"."""
    name = metric_name(metric, lang)
    return name[:1].lower() + name[1:] if lang == "en" and name[1:2].islower() else name


def villages(n: int, lang: str) -> str:
    """7村 / 7 villages / 1 village."""
    return text("one_village", lang) if n == 1 else text("n_villages", lang, n=n)


def _relation(a: float, b: float) -> str:
    if a > b:
        return "higher"
    return "lower" if a < b else "equal"


def compare_headline(comparison: Comparison, outcome: str, year, lang: str, comparison_group: str = "others") -> str:
    """E.g. 2022年，100 个红旗村的村集体经济收入中位数为 71.78万元，高于 86 个其他村的 35.7万元。"""
    if (
        not comparison.n_flagged
        or not comparison.n_other
        or math.isnan(comparison.median_flagged)
        or math.isnan(comparison.median_other)
    ):
        return text("headline_compare_empty", lang)
    money = is_money(outcome)
    others = text("never_flagged" if comparison_group == "never_flagged" else "not_flagged", lang)
    others = others[:1].lower() + others[1:] if lang == "en" else others  # mid-sentence
    sentence = text(
        f"headline_compare_{_relation(comparison.median_flagged, comparison.median_other)}",
        lang,
        year=year,
        n_flagged=comparison.n_flagged,
        n_other=comparison.n_other,
        others=others,
        outcome=_in_sentence(outcome, lang),
        flagged=format_amount(comparison.median_flagged, lang, money),
        other=format_amount(comparison.median_other, lang, money),
    )
    return f"{sentence}{text('headline_caveat', lang)}"


def towns_headline(summary: pd.DataFrame, city: dict, outcome: str, lang: str) -> str:
    """The city's median, the towns with the highest and lowest medians (with their n), and in
    how many towns red-flag villages have the higher median."""
    money = is_money(outcome)
    valued = summary[summary["with_value"] > 0]
    if valued.empty:
        return text("headline_towns_empty", lang, outcome=_in_sentence(outcome, lang))
    name = "town_name" if lang == "zh" else "town_pinyin"
    top, bottom = valued.iloc[0], valued.iloc[-1]
    both = valued[(valued["with_value_flagged"] > 0) & (valued["with_value_other"] > 0)]
    sentence = text(
        "headline_towns" if len(valued) > 1 else "headline_one_town",  # one town is no "highest … lowest …"
        lang,
        year=city["year"],
        n=city["with_value"],
        outcome=_in_sentence(outcome, lang),
        city=format_amount(city["median"], lang, money),
        top=top[name],
        top_value=format_amount(top["median"], lang, money),
        top_n=villages(int(top["with_value"]), lang),
        bottom=bottom[name],
        bottom_value=format_amount(bottom["median"], lang, money),
        bottom_n=villages(int(bottom["with_value"]), lang),
    )
    if len(both):
        higher = int((both["median_flagged"] > both["median_other"]).sum())
        sentence += text("headline_towns_groups", lang, k=len(both), m=higher)
    return sentence + text("headline_caveat", lang)
