"""List every figure in a report's text (Chinese or English) with its sentence and reading.

A candidate span is found by pattern, then read by the one parser
(`parse_amount`); spans it cannot read are dropped. Text after a "- END -" line
is another article's teaser and is not read.
"""

from __future__ import annotations

import re

import pandas as pd

from ..metrics import says_money
from ..parsing import parse_in_text

END_MARKER = re.compile(r"^\s*-\s*END\s*-\s*$|^\s*—\s*END\s*—\s*$|^\s*（完）\s*$", re.MULTILINE | re.IGNORECASE)

_EN_QUALIFIER = (
    r"(?:more than|less than|fewer than|at least|at most|over|under|about|around|nearly|almost|"
    r"approximately|some|up to|close to|between|from)"
)
_EN_UNIT = (
    r"(?:yuan|rmb|cny|crickets?|mu|shang|hectares?|square met(?:er|re)s?|households?|people|persons|"
    r"villages?|towns?)"
)
_EN_MULT = r"(?:hundred million|ten thousand|thousand|million|billion|wan)"
_EN_PERIOD = r"(?:a|per|each) (?:month|year|day|mu|capita|person|household)|annually|monthly"
_EN_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_EN_WORDS = r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred)"
_EN_NOUN = (
    r"(?:committees|villages|towns|townships|households|people|members|organizations|aspects|"
    r"entities|flags|grids|areas|workflows|cooperatives|projects|enterprises)"
)

_ENGLISH = re.compile(
    rf"(?<![\d.])(?:{_EN_QUALIFIER}\s+)?{_EN_NUMBER}(?:\s+[a-z-]+){{0,3}}?\s+{_EN_NOUN}(?![a-z])"
    rf"|(?:(?:rmb|cny|¥)\s*)?(?:{_EN_QUALIFIER}\s+)?(?:(?:rmb|cny|¥)\s*)?{_EN_NUMBER}"
    rf"(?:\s*(?:to|and|-|~)\s*{_EN_NUMBER})?"
    rf"(?:\s*(?:more than\s+)?{_EN_MULT})?(?:\s*{_EN_UNIT})?(?:\s*(?:rmb|cny))?"
    rf"(?:\s+(?:{_EN_PERIOD}))?"
    rf"|(?<![a-z])(?:{_EN_QUALIFIER}\s+)?{_EN_WORDS}(?:\s+[a-z-]+){{0,4}}?\s+{_EN_NOUN}(?![a-z])"
    rf"|(?<![a-z])(?:{_EN_QUALIFIER}\s+)?(?:{_EN_NUMBER}\s*)?{_EN_MULT}\s+yuan",
    re.IGNORECASE,
)
_CN_NUMERAL = r"[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]"
_CHINESE = re.compile(
    r"(?:人均|年均|日均|每月|每年|每亩)?"
    r"(?:约|大约|近|将近|接近|超过|逾|不到|不足|达|上|过)?"
    rf"(?:\d[\d,，.]*|{_CN_NUMERAL}+)(?:余|多|几)?[十百千万亿]*(?:余|多)?"
    r"(?:\s*[-~～—至到]\s*(?:\d[\d,，.]*|" + _CN_NUMERAL + r"+)[十百千万亿]*)?"
    r"(?:元|块钱|块|亩|垧|坰|公顷|平方米|户|人|个村|个|家|名|年)?"
    r"(?:以上|以下|左右)?(?:/月|/年|/亩|/人)?"
)

METRIC_WORDS = {
    "income": "income",
    "revenue": "revenue",
    "investment": "investment",
    "wage": "wage",
    "earn": "wage",
    "collective": "collective",
    "cold": "cold storage",
    "price": "price",
    "land": "land",
    "business entities": "business entities",
    "farmers": "farmers",
    "masses": "farmers",
    "收入": "income",
    "投资": "investment",
    "工资": "wage",
    "务工": "wage",
    "集体": "collective",
    "冷库": "cold storage",
    "分红": "dividend",
    "利润": "profit",
    "土地": "land",
    "亩": "land",
    "效益": "benefit",
}

_DATE = re.compile(r"(?:19|20)\d\d[.\-/]\d{1,2}[.\-/]\d{1,2}|(?:19|20)\d\d年\d{1,2}月(?:\d{1,2}日)?")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=\.)(?=\s)|(?<=[.!?][\"”'])(?=\s)")
_YEAR = re.compile(r"^(?:in\s+)?(?:19|20)\d\d(?:年)?$", re.IGNORECASE)


def report_body(text: str) -> str:
    """The article without what follows its END line (teasers of other articles)."""
    match = END_MARKER.search(text)
    return text[: match.start()] if match else text


def _sentences(paragraph: str):
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        end = match.start()
        if end > start and paragraph[start:end].strip():
            yield start, paragraph[start:end]
        start = end
    if paragraph[start:].strip():
        yield start, paragraph[start:]


def _metric_words(sentence: str) -> str:
    lowered = sentence.lower()
    found = dict.fromkeys(label for word, label in METRIC_WORDS.items() if word in lowered)
    return ";".join(found)


def _kind(amount, raw: str, metric_words: str = "") -> str:
    if _YEAR.match(raw.strip()):
        return "year"
    if amount.unit in ("CNY", "USD"):
        return "money"
    if (
        amount.unit is None
        and amount.count_of is None
        and not re.search(r"[a-z]{3,}$", raw, re.IGNORECASE)
        and abs(amount.value or 0) >= 1000
        and says_money(metric_words)
    ):
        return "money"  # a bare sum in a sentence about income (not a small count): flagged unit_from_context
    if amount.unit == "mu":
        return "area"
    if amount.count_of or re.search(r"[a-z]{3,}$", raw, re.IGNORECASE):
        return "count"  # a number followed by the noun it counts
    return "number"


def extract_figures(text: str) -> pd.DataFrame:
    """Every readable figure of a report: paragraph, sentence, raw span, reading, metric words."""
    body = report_body(text)
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", body) if p.strip()]
    rows = []
    for paragraph_no, paragraph in enumerate(paragraphs, start=1):
        for _, sentence in _sentences(paragraph):
            pattern = (
                _CHINESE
                if re.search(r"[\u4e00-\u9fff]", sentence) and not re.search(r"[a-z]{3}", sentence, re.I)
                else _ENGLISH
            )
            masked = _DATE.sub(lambda m: " " * len(m.group(0)), sentence)  # dates are not amounts
            for match in pattern.finditer(masked):
                raw = match.group(0).strip(" ,，、")
                if not re.search(r"\d|" + _CN_NUMERAL + "|" + _EN_WORDS, raw, re.IGNORECASE):
                    continue
                amount = parse_in_text(raw)
                if not amount.is_figure:
                    continue
                if re.fullmatch(_CN_NUMERAL, raw) and amount.unit is None and amount.count_of is None:
                    continue  # a lone 一 or 十 inside a word
                words = _metric_words(sentence)
                kind = _kind(amount, raw, words)
                flags = list(amount.flags)
                if kind == "money" and amount.unit is None:
                    flags = [f for f in flags if f != "unit_implicit"] + ["unit_from_context"]
                rows.append(
                    {
                        "paragraph": paragraph_no,
                        "sentence": sentence.strip(),
                        "raw": raw,
                        "kind": kind,
                        "low": amount.low,
                        "high": amount.high,
                        "qualifier": amount.qualifier,
                        "unit": amount.unit,
                        "period": amount.period,
                        "per": amount.per,
                        "flags": ";".join(flags),
                        "metric_words": words,
                    }
                )
    columns = [
        "paragraph",
        "sentence",
        "raw",
        "kind",
        "low",
        "high",
        "qualifier",
        "unit",
        "period",
        "per",
        "flags",
        "metric_words",
    ]
    return pd.DataFrame(rows, columns=columns)
