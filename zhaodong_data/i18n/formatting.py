"""Numbers as a reader of each language writes them: 45.2万 / 2.62亿 in Chinese, 452k / 26.2M in English.

`format_amount` is the one way the package writes an amount, on a page, in a chart, a download's
notes or a ledger's reasons. Its rules:

- none or NaN is "—"; a negative amount has "-" before it;
- short (the default): in Chinese, 万亿 from 1万亿, 亿 from 1亿 and 万 from 1万, with at most
  `digits` decimals and no thousands separator, as Chinese text writes them (2.62亿元, 2620万元,
  1万亿元, never 10000亿元 or 1e+04亿); in English, bn, M and k, grouped in thousands (¥2.62bn,
  ¥452k, ¥1,000bn); below those, whole yuan from 100 (3500元, 3500.5 is 3500元) and `digits`
  decimals below 100;
- exact (`exact=True`, where a reader compares two figures to the yuan: a total against its
  rows): every digit to the fen, never scaled, grouped in thousands (3,500.5元, 1,234,567.89);
- `money`: 元 after a Chinese amount, ¥ before an English one; a count (户, 人) has neither.
"""

from __future__ import annotations

import math
import re


def _trim(number: float, digits: int, grouped: bool = True) -> str:
    text = f"{number:,.{digits}f}" if grouped else f"{number:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_amount(value, lang: str = "zh", money: bool = True, digits: int = 2, exact: bool = False) -> str:
    """`value` as the rules above write it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    sign = "-" if value < 0 else ""
    size = abs(value)
    unit, prefix = ("元" if money else "", "") if lang == "zh" else ("", "¥" if money else "")
    if exact:
        return f"{sign}{prefix}{_trim(size, 2)}{unit}"
    if lang == "zh":
        for limit, suffix in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
            if size >= limit:
                return f"{sign}{_trim(size / limit, digits, grouped=False)}{suffix}{unit}"
        return f"{sign}{_trim(size, digits if size < 100 else 0, grouped=False)}{unit}"
    for limit, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if size >= limit:
            return f"{sign}{prefix}{_trim(size / limit, digits)}{suffix}"
    return f"{sign}{prefix}{_trim(size, digits if size < 100 else 0)}"


def format_reading(low, high, qualifier: str, lang: str = "zh", money: bool = True) -> str:
    """A reading with its uncertainty: ≥ 30万元, 30万–40万元, ≈ 30万元."""

    def fmt(value):
        return format_amount(value, lang, money)

    if qualifier == "at_least":
        return f"≥ {fmt(low)}" + (f" (< {fmt(high)})" if high is not None and not _nan(high) else "")
    if qualifier == "at_most":
        return f"≤ {fmt(high)}"
    if qualifier == "approx":
        return f"≈ {fmt(low)}"
    if qualifier == "range":
        return f"{fmt(low)} – {fmt(high)}"
    return fmt(low)


def format_change(low, high, qualifier, lang: str = "zh", money: bool = True, percent: bool = False) -> str:
    """A change with its sign and its uncertainty (`change.change_between`): +5万元, +1万 – +2万元,
    ≤ +10万元, +25% – +67%; "—" where nothing is known."""

    def fmt(value):
        if percent:
            return f"{value:+.0%}"
        amount = format_amount(value, lang, money)
        return amount if value < 0 else f"+{amount}"

    known_low, known_high = not _nan_or_none(low), not _nan_or_none(high)
    if qualifier in (None, "unknown") or not (known_low or known_high):
        return "—"
    if known_low and known_high:
        return fmt(low) if low == high else f"{fmt(low)} – {fmt(high)}"
    return f"≥ {fmt(low)}" if known_low else f"≤ {fmt(high)}"


def _nan_or_none(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _nan(value) -> bool:
    return isinstance(value, float) and math.isnan(value)


_CJK_ALIAS = re.compile(r"\s*\(([^()]*[\u4e00-\u9fff][^()]*)\)\s*$")


def publisher_name(publisher: str, lang: str) -> str:
    """A publisher as the reader's language names it: the registry writes `Heilongjiang Daily
    (黑龙江日报)`; a Chinese page shows 黑龙江日报, an English page Heilongjiang Daily. A name
    with no such alias is shown as registered."""
    alias = _CJK_ALIAS.search(publisher or "")
    if not alias:
        return publisher
    return alias.group(1).strip() if lang == "zh" else publisher[: alias.start()].strip()


def format_time(stamp, lang: str) -> str:
    """A stored UTC time as a reader reads it, to the minute: Beijing time on a Chinese page
    (2026-11-29 02:00 北京时间), UTC on an English one; '' for none."""
    import pandas as pd

    if stamp is None or (not isinstance(stamp, str) and pd.isna(stamp)):
        return ""
    moment = pd.Timestamp(stamp)
    moment = moment.tz_localize("UTC") if moment.tzinfo is None else moment.tz_convert("UTC")
    if lang == "zh":
        return (moment + pd.Timedelta(hours=8)).strftime("%Y-%m-%d %H:%M") + " 北京时间"
    return moment.strftime("%Y-%m-%d %H:%M UTC")
