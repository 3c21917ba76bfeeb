"""Traditional characters to simplified, before a name or header is matched.

Clerks and older templates write 鄉, 東, 豐, 總收入; the gazetteer and the header
mapping are simplified. OpenCC's `t2s` table converts character by character
(phrases too), so a simplified text comes back unchanged. Only the match key is
converted: what the cell said is kept as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

# Any character outside the ASCII range may be traditional; pure ASCII needs no table.
_NEEDS_TABLE = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def simplified(text: str) -> str:
    """`里木店鎮永豐村` -> `里木店镇永丰村`; simplified and Latin text unchanged."""
    if not _NEEDS_TABLE.search(text):
        return text
    return _converter().convert(text)
