"""The outcome metrics the store knows (metrics.csv): names in Chinese and English, unit, period."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .package_data import read_package_csv


@lru_cache(maxsize=1)
def _definitions() -> pd.DataFrame:
    return read_package_csv("zhaodong_data", "metrics.csv")


def metric_definitions() -> pd.DataFrame:
    return _definitions().copy()


def metric_kinds() -> dict[str, str]:
    table = _definitions()
    return dict(zip(table["metric"], table["kind"]))


def is_money(metric: str) -> bool:
    """Whether a metric is an amount in yuan (not a count); metrics a ledger added count as money."""
    return metric_kinds().get(metric, "money") != "count"


def metric_label(metric: str, lang: str) -> str:
    """The metric's name from metrics.csv (村集体经营性收入 / collective operating income); a
    metric a ledger added is named by its header."""
    table = _definitions()
    row = table[table["metric"] == metric]
    if row.empty:
        return metric.removeprefix("extra:")
    return str(row["name_zh" if lang == "zh" else "name_en"].iloc[0])


def plausible_range(metric: str) -> tuple[float, float] | None:
    """The documented range (metrics.csv) a column's median of this metric must lie in, in yuan
    per its period; None where none is set (counts, lines that may be negative or zero)."""
    return _plausible_ranges().get(metric)


@lru_cache(maxsize=1)
def _plausible_ranges() -> dict[str, tuple[float, float]]:
    table = _definitions()
    low = pd.to_numeric(table["plausible_min"], errors="coerce")
    high = pd.to_numeric(table["plausible_max"], errors="coerce")
    return {m: (float(lo), float(hi)) for m, lo, hi in zip(table["metric"], low, high) if lo == lo and hi == hi}


def missing_means(metric: str) -> str:
    """What a village without a value of `metric` means: `not_applicable` (no cold storage, no
    project) or `missing` (a figure not reported)."""
    table = _definitions()
    row = table[table["metric"] == metric]
    return str(row["missing_means"].iloc[0]) if len(row) and "missing_means" in row else "missing"


# Words that speak of money: in a ledger's header (an unknown column is read only then), in a
# metric's name, in the sentence a published figure stands in. The one list for all three.
MONEY_WORDS = (
    "收入",
    "收益",
    "金额",
    "资金",
    "资产",
    "投资",
    "利润",
    "营收",
    "产值",
    "租金",
    "承包费",
    "费用",
    "支出",
    "补助",
    "补贴",
    "分红",
    "工资",
    "薪酬",
    "价款",
    "经费",
    "income",
    "revenue",
    "yuan",
    "investment",
    "profit",
    "rent",
    "wage",
    "subsidy",
    "dividend",
    "expenditure",
    "amount",
    "assets",
    "benefit",
    "gdp",
)
MONEY_UNIT_WORDS = ("元", "万元", "亿元", "千元", "百万元", "yuan", "10,000 yuan", "ten thousand yuan", "10000 yuan")


def says_money(words: str) -> bool:
    """Whether words (a header, a metric's name, a sentence's metric labels) speak of money."""
    text = words.lower()
    return "元" in text or any(word in text for word in MONEY_WORDS)


def header_says_money(header: str, unit_word: str | None = None) -> bool:
    """Whether a column header says that its cells are money: a money word, or a money unit."""
    return (unit_word or "").lower() in MONEY_UNIT_WORDS or says_money(header)
