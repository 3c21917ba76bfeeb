"""Personal data in cell text: phone numbers (mobile and landline), ID-card numbers, and the names
after a 填报人 / 联系人 / 负责人 label. Such text is never stored: `mask_personal` replaces it
wherever a cell's text is kept (quarantine, reports, warnings)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..parsing.numerals import fold

MASK = "***"
# Mobile numbers (1[3-9] + 9 digits, perhaps written 138 1234 5678 or with +86), landlines
# (0 + area code, a dash or space, 7 or 8 digits), ID-card numbers (18 characters, the last may be
# X; or the old 15 digits). Not inside a longer run of digits (a division code is 12 digits).
_NUMBER = (
    r"(?<![\d])(?:"
    r"(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}"
    r"|0\d{2,3}[-\s－—]?\d{7,8}"
    r"|\d{17}[\dXx]"
    r"|\d{15}"
    r")(?![\d])"
)
_PHONE_OR_ID = re.compile(_NUMBER)
# A name written just before a phone number (王五 13800001111), unless it is a place (…村, …镇).
_NAME_BEFORE_NUMBER = re.compile(r"[\u4e00-\u9fff]{2,4}(?<![村镇乡屯组])(?=\s*[:：]?\s*" + _NUMBER + ")")
# A label that introduces a person, then the name (at most 4 characters of it, up to a separator).
PERSON_LABELS = (
    "填报人",
    "填表人",
    "制表人",
    "审核人",
    "联系人",
    "负责人",
    "经办人",
    "统计人",
    "书记",
    "主任",
    "会计",
    "报账员",
    "姓名",
)
_PERSON = re.compile(
    r"(" + "|".join(PERSON_LABELS) + r")(\s*[:：]?\s*)([^\s:：,，;；、()（）\d]{1,4})",
)
_DIGITS = re.compile(r"\d{7}")


@lru_cache(maxsize=65536)  # the same texts (names, headers, the values of a conflict) recur in a report
def _mask_text(text: str) -> str:
    folded = fold(text)
    if not _DIGITS.search(re.sub(r"[-\s－—+]", "", folded)) and not any(label in folded for label in PERSON_LABELS):
        return text
    masked = _PHONE_OR_ID.sub(MASK, _NAME_BEFORE_NUMBER.sub(MASK, folded))
    masked = _PERSON.sub(lambda m: m.group(1) + m.group(2) + MASK, masked)
    return text if masked == folded else masked


def mask_personal(value):
    """`value` (text, or lists and dicts of it) with phone and ID numbers and labelled names masked."""
    if isinstance(value, str):
        return _mask_text(value) if value else value
    if isinstance(value, list | tuple):
        return type(value)(mask_personal(item) for item in value)
    if isinstance(value, dict):
        return {key: mask_personal(item) for key, item in value.items()}
    return value


def holds_personal_data(text: str) -> bool:
    """A phone or ID number, or a labelled name, in the text."""
    return bool(text) and _mask_text(text) != text
