"""Corrections a careful reader makes to a literal reading, each with its rule and reason.

The parser reads what a string says. Some strings say something their author did
not mean: a machine translation that renders 2620万元 as "2620 million yuan", or a
land unit 垧 rendered as "crickets". A rule here looks at the literal reading and
its context and either leaves it, or returns a corrected reading with the reason
spelled out. Nothing is changed without a rule and a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..metrics import says_money
from ..parsing import Amount
from ..parsing.units import MU_PER_SHANG

# Zhaodong's 2021 GDP, 222.2亿元 (qicai.net; fact `zhaodong_gdp_2021`). A figure above this
# share of it is not credible as read: a tenth for groups of villages, a hundredth for one.
CITY_GDP_YUAN = 222.2e8
PLAUSIBLE_SHARE_OF_GDP = {
    "program": 0.10,
    "development_orgs": 0.10,
    "joint_committees": 0.10,
    "joint_committee": 0.10,
    "village": 0.01,
    "household": 0.01,
    "person": 0.01,
}
WAN_PER_MILLION = 1e4 / 1e6  # "N million" that was N万


@dataclass(frozen=True)
class Context:
    """What the text around a figure says about it."""

    entity_type: str = ""
    entity_name: str = ""
    metric: str = ""
    period: str = ""  # a period the sentence states ("annual income") when the figure does not


@dataclass(frozen=True)
class Corrected:
    amount: Amount
    rule: str
    reason: str
    changes_value: bool


def _yuan(value: float | None) -> str:
    if value is None:
        return "no figure"
    if abs(value) >= 1e8:
        return f"¥{value / 1e8:g}亿 (¥{value / 1e9:g}bn)"
    if abs(value) >= 1e4:
        return f"¥{value / 1e4:g}万 (¥{value / 1e6:g}M)"
    return f"¥{value:,.0f}"


def _scaled(amount: Amount, factor: float) -> Amount:
    def scale(value):
        return None if value is None else round(value * factor, 6)

    return Amount(
        scale(amount.low),
        scale(amount.high),
        amount.qualifier,
        amount.unit,
        amount.period,
        amount.per,
        amount.count_of,
        amount.flags,
        amount.reason,
    )


def wan_as_million(amount: Amount, raw: str, context: Context) -> Corrected | None:
    """'2620 million yuan' for village organizations is 2620万, not ¥2.62bn."""
    if "wan_as_million" not in amount.flags or amount.low is None:
        return None
    share = PLAUSIBLE_SHARE_OF_GDP.get(context.entity_type)
    if share is None or abs(amount.low) <= CITY_GDP_YUAN * share:
        return None
    corrected = _scaled(amount, WAN_PER_MILLION)
    reason = (
        f"{raw!r} read literally is {_yuan(amount.low)} for {context.entity_name or 'a sub-city entity'}, more than "
        f"{share:.0%} of Zhaodong's whole 2021 GDP ({_yuan(CITY_GDP_YUAN)}); "
        f"English would not write 'N million' with N ≥ 1000, and machine translation renders 万 as "
        f"'million': read as {raw.split()[0]}万 = {_yuan(corrected.low)}"
    )
    return Corrected(corrected, "wan_as_million", reason, True)


def cricket_as_shang(amount: Amount, raw: str, context: Context) -> Corrected | None:
    """'crickets' is a machine translation of a land unit: read as 垧 (15 亩), 亩 the alternative."""
    if "shang_as_cricket" not in amount.flags or amount.low is None:
        return None
    as_mu = amount.low / MU_PER_SHANG
    reason = (
        f"'crickets' in {raw!r} is not a unit: most likely 垧/坰 (1 垧 = 15 亩 in Heilongjiang), "
        f"which a translator would not recognise; read as {as_mu:g} 垧 = {amount.low:g} 亩. "
        f"Unit uncertain: if it was 亩, the figure is {as_mu:g} 亩"
    )
    return Corrected(amount, "cricket_as_shang", reason, False)


def unit_from_context(amount: Amount, raw: str, context: Context) -> Corrected | None:
    """A money metric whose figure names no currency ('about 300,000' of annual income) is in yuan."""
    if amount.unit is not None or amount.count_of is not None or not amount.is_figure:
        return None
    if not says_money(context.metric):
        return None
    corrected = Amount(
        amount.low,
        amount.high,
        amount.qualifier,
        "CNY",
        amount.period,
        amount.per,
        amount.count_of,
        tuple(f for f in amount.flags if f != "unit_implicit"),
        amount.reason,
    )
    reason = f"{raw!r} names no currency; the metric ({context.metric}) is an amount in yuan"
    return Corrected(corrected, "unit_from_context", reason, False)


def period_from_context(amount: Amount, raw: str, context: Context) -> Corrected | None:
    """A figure without a period in a sentence that states one ('annual income')."""
    if amount.period is not None or not context.period or not amount.is_figure:
        return None
    corrected = Amount(
        amount.low,
        amount.high,
        amount.qualifier,
        amount.unit,
        context.period,
        amount.per,
        amount.count_of,
        amount.flags,
        amount.reason,
    )
    reason = f"{raw!r} states no period; its sentence gives it per {context.period}"
    return Corrected(corrected, "period_from_context", reason, False)


RULES = (wan_as_million, cricket_as_shang, unit_from_context, period_from_context)


def correct(amount: Amount, raw: str, context: Context = Context()) -> list[Corrected]:
    """Apply every rule in turn; each one sees the reading the previous rules left."""
    applied = []
    for rule in RULES:
        result = rule(amount, raw, context)
        if result is not None:
            applied.append(result)
            amount = result.amount
    return applied


# --- the reasons in Chinese, rendered from a corrected fact's own fields -----------------


def _yuan_zh(value: float) -> str:
    if abs(value) >= 1e8:
        return f"{value / 1e8:g}亿元"
    if abs(value) >= 1e4:
        return f"{value / 1e4:g}万元"
    return f"{value:,.0f}元"


_PERIOD_ZH = {"year": "年", "month": "月", "day": "天"}


def _wan_as_million_zh(fact) -> str:
    share = PLAUSIBLE_SHARE_OF_GDP.get(fact.get("entity_type") or "", 0.1)
    return (
        f"“{fact['raw']}”按字面为{_yuan_zh(fact['literal_low'])}（{fact.get('entity_name') or '村级以下单位'}），"
        f"超过肇东市2021年全市GDP（{_yuan_zh(CITY_GDP_YUAN)}）的{share:.0%}；英文不会写“N million”（N≥1000），"
        f"机器翻译常把“万”译成“million”：应读作{str(fact['raw']).split()[0]}万 = {_yuan_zh(fact['low'])}"
    )


def _cricket_as_shang_zh(fact) -> str:
    shang = fact["low"] / MU_PER_SHANG
    return (
        f"“{fact['raw']}”中的“crickets”不是单位，最可能是“垧/坰”（黑龙江 1 垧 = 15 亩），译者未能识别："
        f"读作 {shang:g} 垧 = {fact['low']:g} 亩。单位存疑：若原文为亩，则为 {shang:g} 亩"
    )


REASONS_ZH = {
    "wan_as_million": _wan_as_million_zh,
    "cricket_as_shang": _cricket_as_shang_zh,
    "unit_from_context": lambda fact: f"“{fact['raw']}”未写货币单位；该指标是以元计的金额",
    "period_from_context": lambda fact: (
        f"“{fact['raw']}”未写期间；所在句子说明为每{_PERIOD_ZH.get(fact.get('period') or '', fact.get('period') or '')}"
    ),
}


def correction_reason(fact, lang: str) -> str:
    """The reason(s) for a fact's corrections in `lang`: the recorded English, or the same
    reasons in Chinese from the fact's fields (raw, literal_low, low, entity, period). `fact`: a
    mapping with correction_rule and correction_reason (a registry row). "" when uncorrected."""
    english = fact.get("correction_reason") or ""
    rules = [rule for rule in (fact.get("correction_rule") or "").split(";") if rule]
    if lang != "zh" or not rules:
        return english
    try:
        return " | ".join(REASONS_ZH[rule](fact) for rule in rules)
    except (KeyError, TypeError, ValueError):
        return english  # a rule without a Chinese form, or a row without the fields it needs
