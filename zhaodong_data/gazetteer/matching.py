"""Resolve town and village names (Chinese, pinyin, English) to division codes.

Names repeat across towns (two 东升村, two 金山村), so a match is only made when
exactly one unit answers; otherwise the answer says so and names the candidates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..package_data import read_package_csv
from ..parsing.numerals import fold
from ..parsing.script import simplified

# A village whose parent was renamed: its old parent code maps to the current town.
RENAMED_TOWNS = {"231282203000": "231282112000"}  # 海城乡 -> 海城镇 (2020)
VILLAGE_LEVELS = ("village", "community", "other_village_level")
TOWN_LEVELS = ("town", "township", "subdistrict", "other_township_level")

# A village's collective is named after it: 东安村股份经济合作社 is 东安村's (三资 platform exports).
_ZH_COLLECTIVE_SUFFIXES = ("股份经济合作社", "股份经济联合社", "经济合作社", "经济联合社", "集体经济组织", "股份合作社")
_ZH_VILLAGE_SUFFIXES = ("村民委员会", "社区居委会", "居民委员会", "村委会", "居委会", "行政村", "社区", "村")
# The county (and above it the prefecture and province) written before the town: 肇东市五站镇东安村.
_COUNTY_PREFIX = re.compile(r"^(?:黑龙江省)?(?:绥化市)?肇东市")
_ZH_TOWN_SUFFIXES = ("人民政府", "办事处", "街道", "镇", "乡")
_LATIN_VILLAGE_SUFFIXES = (
    r"(?:villagers?'? committee|village committee|administrative village|village|cun|community|shequ)"
)
_LATIN_TOWN_SUFFIXES = r"(?:township|town|zhen|xiang|subdistrict|jiedao|street)"


@dataclass(frozen=True)
class Match:
    """The outcome of one name look-up.

    status: matched (code set), ambiguous (several candidates), unknown (none),
    town_mismatch (the name exists, but not in the town given).
    """

    query: str
    status: str
    code: str | None
    candidates: tuple[str, ...]
    message: str

    @property
    def ok(self) -> bool:
        return self.status == "matched"


def _is_latin(text: str) -> bool:
    return bool(re.search(r"[a-z]", text)) and not re.search(r"[\u4e00-\u9fff]", text)


def _strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def latin_key(name: str, suffixes: str) -> str:
    text = _strip_accents(fold(name))
    text = re.sub(rf"\s+{suffixes}$", "", text)
    return re.sub(r"[\s'’`.\-]", "", text)


def chinese_key(name: str, suffixes: tuple[str, ...]) -> str:
    text = re.sub(r"\s+", "", fold(name))
    if suffixes is _ZH_VILLAGE_SUFFIXES:
        for collective in _ZH_COLLECTIVE_SUFFIXES:
            if text.endswith(collective) and len(text) > len(collective):
                text = text[: -len(collective)]
                break
    for suffix in suffixes:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def village_key(name: str) -> str:
    text = simplified(fold(name))
    return latin_key(text, _LATIN_VILLAGE_SUFFIXES) if _is_latin(text) else chinese_key(text, _ZH_VILLAGE_SUFFIXES)


def town_key(name: str) -> str:
    text = simplified(fold(name))
    return latin_key(text, _LATIN_TOWN_SUFFIXES) if _is_latin(text) else chinese_key(text, _ZH_TOWN_SUFFIXES)


class Gazetteer:
    """Towns and villages of Zhaodong with name look-up."""

    def __init__(self, divisions: pd.DataFrame, aliases: pd.DataFrame | None = None):
        divisions = divisions.astype({"code": str, "parent_code": str})
        towns = divisions[divisions["level"].isin(TOWN_LEVELS)]
        self.towns = pd.DataFrame(
            {
                "code": towns["code"],
                "name_zh": towns["name_zh"],
                "name_pinyin": towns["name_pinyin"],
                "level": towns["level"],
            }
        ).reset_index(drop=True)
        town_names = dict(zip(self.towns["code"], self.towns["name_zh"]))

        villages = divisions[divisions["level"].isin(VILLAGE_LEVELS)]
        town_codes = villages["parent_code"].map(lambda code: RENAMED_TOWNS.get(code, code))
        self.villages = pd.DataFrame(
            {
                "code": villages["code"],
                "name_zh": villages["name_zh"],
                "name_short": villages["name_short"],
                "name_pinyin": villages["name_pinyin"],
                "town_code": town_codes,
                "town_name": town_codes.map(town_names),
                "level": villages["level"],
            }
        ).reset_index(drop=True)

        self._town_index: dict[str, set[str]] = {}
        for code, name_zh, pinyin in zip(self.towns["code"], self.towns["name_zh"], self.towns["name_pinyin"]):
            for key in (town_key(name_zh), town_key(pinyin), fold(name_zh)):
                self._town_index.setdefault(key, set()).add(code)
        self._village_index: dict[str, set[str]] = {}
        names = zip(
            self.villages["code"], self.villages["name_zh"], self.villages["name_short"], self.villages["name_pinyin"]
        )
        for code, name_zh, short, pinyin in names:
            for key in (village_key(name_zh), village_key(short), village_key(pinyin)):
                self._village_index.setdefault(key, set()).add(code)
        aliases = aliases if aliases is not None else pd.DataFrame(columns=["alias", "code"])
        for alias, code in zip(aliases["alias"].astype(str), aliases["code"].astype(str)):
            if code in town_names:
                self._town_index.setdefault(town_key(alias), set()).add(code)
                self._town_index.setdefault(fold(alias), set()).add(code)
            else:
                self._village_index.setdefault(village_key(alias), set()).add(code)
        self._village_town = dict(zip(self.villages["code"], self.villages["town_code"]))
        self._names = {**town_names, **dict(zip(self.villages["code"], self.villages["name_short"]))}
        self._town_names = town_names
        # Longest first, so that 五里明镇 is tried before 五里.
        self._town_prefixes = sorted({name for name in self.towns["name_zh"]} | {"海城乡"}, key=len, reverse=True)

    def describe(self, code: str) -> str:
        """`永丰村 (里木店镇, 231282106202)` for a village, `里木店镇 (231282106000)` for a town."""
        if code in self._village_town:
            return f"{self._names[code]} ({self._town_names.get(self._village_town[code], '?')}, {code})"
        return f"{self._names.get(code, '?')} ({code})"

    def match_town(self, name) -> Match:
        query = "" if name is None else str(name)
        codes = self._town_index.get(town_key(query)) or self._town_index.get(simplified(fold(query))) or set()
        return self._result(query, sorted(codes), "town")

    def match_village(self, name, town=None) -> Match:
        query = "" if name is None else str(name)
        if not query.strip():
            return Match(query, "unknown", None, (), "no village name given")
        # a town written in the cell (里木店镇永丰村), unless the whole is a village's name (四方山农场管理区)
        named_town, query_village = (
            (None, query) if village_key(query) in self._village_index else self._split_town(query)
        )
        if town is None or (isinstance(town, float) and pd.isna(town)) or not str(town).strip():
            town = named_town
        elif named_town is not None and self.match_town(named_town).code != self.match_town(town).code:
            return Match(query, "unknown", None, (), f"the cell names {named_town!r} but the town is {town!r}")
        codes = sorted(self._village_index.get(village_key(query_village), set()))
        if town is None:
            return self._result(query, codes, "village")
        town_match = self.match_town(town)
        if not town_match.ok:
            return Match(query, "unknown", None, tuple(codes), f"town {town!r}: {town_match.message}")
        town_code = town_match.code
        assert town_code is not None  # a matched town has its code
        in_town = [code for code in codes if self._village_town[code] == town_code]
        if not in_town and codes:
            where = "; ".join(self.describe(code) for code in codes)
            return Match(
                query,
                "town_mismatch",
                None,
                tuple(codes),
                f"no village {query_village!r} in {self.describe(town_code)}; the name is found in: {where}",
            )
        return self._result(query, in_town, "village", town_code=town_match.code)

    def _split_town(self, query: str):
        """'里木店镇永丰村' or 'Yongfeng Village, Limudian Town' -> (town, village)."""
        text = simplified(fold(query))
        if "," in text:
            first, _, second = (part.strip() for part in text.partition(","))
            if self.match_town(second).ok:
                return second, first
            if self.match_town(first).ok:
                return first, second
        compact = _COUNTY_PREFIX.sub("", text.replace(" ", ""))
        for prefix in self._town_prefixes:
            if compact.startswith(prefix) and len(compact) > len(prefix):
                return prefix, compact[len(prefix) :]
        return None, compact if compact != text.replace(" ", "") else query

    def _result(self, query: str, codes: list[str], kind: str, town_code: str | None = None) -> Match:
        where = f" in {self.describe(town_code)}" if town_code else ""
        if len(codes) == 1:
            return Match(query, "matched", codes[0], tuple(codes), f"{kind} {self.describe(codes[0])}")
        if not codes:
            return Match(query, "unknown", None, (), f"no {kind} named {query!r}{where}")
        listed = "; ".join(self.describe(code) for code in codes)
        return Match(
            query,
            "ambiguous",
            None,
            tuple(codes),
            f"{len(codes)} {kind}s named {query!r}{where}: {listed}; give the town",
        )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer (NBS division codes; see CREDITS.md), built once per process."""
    return Gazetteer(read_package_csv(__package__, "divisions.csv"), read_package_csv(__package__, "aliases.csv"))
