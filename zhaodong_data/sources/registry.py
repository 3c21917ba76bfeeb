"""The published-facts registry: every figure as published, read and corrected.

`facts.csv` and `sources.csv` (package data) hold what was published: the raw
string, where it stands and what it is about. Cleaned values are never typed in:
`load_facts` computes them from the raw strings with the parser and the
correction rules, and keeps the literal reading beside the corrected one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from ..package_data import read_package_csv
from ..parsing import parse_in_text
from ..vocabulary import ASPECTS
from .corrections import Context, correct

KINDS = ("money", "count", "area", "year")
ATTRIBUTION = ("high", "medium", "low")

SOURCES_SCHEMA = pa.DataFrameSchema(
    {
        "id": pa.Column(str, unique=True, checks=pa.Check.str_matches(r"^[a-z0-9][a-z0-9-]*$")),
        "publisher": pa.Column(str, checks=pa.Check.str_length(min_value=1)),
        "title": pa.Column(str),
        "date": pa.Column(str, checks=pa.Check.str_matches(r"^\d{4}(-\d{2}-\d{2})?$")),
        "url": pa.Column(str, checks=pa.Check.str_matches(r"^(https?://\S+)?$")),
        "language": pa.Column(str, checks=pa.Check.isin(["zh", "en"])),
        "note": pa.Column(str),
    },
    strict=True,
)

FACTS_SCHEMA = pa.DataFrameSchema(
    {
        "id": pa.Column(str, unique=True, checks=pa.Check.str_matches(r"^[a-z][a-z0-9_]*$")),
        "source_id": pa.Column(str),
        "paragraph": pa.Column(str, checks=pa.Check.str_matches(r"^(P\d+)?$")),
        "raw": pa.Column(str, checks=pa.Check.str_length(min_value=1)),
        "kind": pa.Column(str, checks=pa.Check.isin(KINDS)),
        "entity_type": pa.Column(str, checks=pa.Check.str_length(min_value=1)),
        "entity_code": pa.Column(str, checks=pa.Check.str_matches(r"^(\d{12})?$")),
        "entity_name": pa.Column(str),
        "metric": pa.Column(str, checks=pa.Check.str_matches(r"^[a-z][a-z0-9_]*$")),
        "year": pa.Column(str, checks=pa.Check.str_matches(r"^(19|20)\d\d$")),
        "context_period": pa.Column(str, checks=pa.Check.isin(["", "year", "month", "day"])),
        "attribution": pa.Column(str, checks=pa.Check.isin(ATTRIBUTION)),
        "note": pa.Column(str),
    },
    strict=True,
)

CLEANED_COLUMNS = [
    "id",
    "source_id",
    "paragraph",
    "raw",
    "kind",
    "entity_type",
    "entity_code",
    "entity_name",
    "metric",
    "year",
    "literal_low",
    "literal_high",
    "literal_qualifier",
    "low",
    "high",
    "qualifier",
    "unit",
    "period",
    "per",
    "flags",
    "correction_rule",
    "correction_reason",
    "attribution",
    "note",
    "publisher",
    "date",
    "url",
    "language",
]


def _read_csv(path_or_name) -> pd.DataFrame:
    if isinstance(path_or_name, (str, Path)) and Path(path_or_name).exists():
        return pd.read_csv(path_or_name, dtype=str, keep_default_na=False)
    return read_package_csv(__package__, str(path_or_name))


def read_sources(path=None) -> pd.DataFrame:
    return SOURCES_SCHEMA.validate(_read_csv(path or "sources.csv"), lazy=True)


def read_raw_facts(path=None, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """The registry as published, validated; every source it names must exist."""
    facts = FACTS_SCHEMA.validate(_read_csv(path or "facts.csv"), lazy=True)
    sources = read_sources() if sources is None else sources
    unknown = sorted(set(facts["source_id"]) - set(sources["id"]))
    if unknown:
        raise ValueError(f"facts name unknown sources: {', '.join(unknown)}")
    return facts


def _read_year(raw: str):
    match = re.search(r"(?:19|20)\d\d", raw)
    return float(match.group(0)) if match else None


def clean_fact(row) -> dict:
    """Literal reading, corrected reading and the rule and reason of each correction."""
    if row["kind"] == "year":
        year = _read_year(row["raw"])
        return {
            "literal_low": year,
            "literal_high": year,
            "literal_qualifier": "exact" if year else "invalid",
            "low": year,
            "high": year,
            "qualifier": "exact" if year else "invalid",
            "unit": "year",
            "period": None,
            "per": None,
            "flags": "",
            "correction_rule": "",
            "correction_reason": "",
        }
    literal = parse_in_text(row["raw"])
    context = Context(row["entity_type"], row["entity_name"], row["metric"], row["context_period"])
    corrections = correct(literal, row["raw"], context)
    final = corrections[-1].amount if corrections else literal
    return {
        "literal_low": literal.low,
        "literal_high": literal.high,
        "literal_qualifier": literal.qualifier,
        "low": final.low,
        "high": final.high,
        "qualifier": final.qualifier,
        "unit": final.unit,
        "period": final.period,
        "per": final.per,
        "flags": ";".join(literal.flags),
        "correction_rule": ";".join(c.rule for c in corrections),
        "correction_reason": " | ".join(c.reason for c in corrections),
    }


def load_facts(facts_path=None, sources_path=None) -> pd.DataFrame:
    """The registry with cleaned values and source details, one row per published figure."""
    sources = read_sources(sources_path)
    facts = read_raw_facts(facts_path, sources)
    cleaned = pd.DataFrame([clean_fact(row) for _, row in facts.iterrows()], index=facts.index)
    merged = pd.concat([facts, cleaned], axis=1).merge(
        sources[["id", "publisher", "date", "url", "language"]].rename(columns={"id": "source_id"}),
        on="source_id",
        how="left",
    )
    return merged[CLEANED_COLUMNS]


AWARDS_SCHEMA = pa.DataFrameSchema(
    {
        "village_code": pa.Column(str, checks=pa.Check.str_matches(r"^(\d{12})?$")),
        "aspect": pa.Column(str, checks=pa.Check.isin(list(ASPECTS))),
        "year": pa.Column(str, checks=pa.Check.str_matches(r"^(19|20)\d\d$")),
        "source_id": pa.Column(str),
        "confidence": pa.Column(str, checks=pa.Check.isin(["high", "medium", "low", "unresolved"])),
        "name_as_published": pa.Column(str),
        "candidates": pa.Column(str),
        "note": pa.Column(str),
    },
    strict=True,
)


def read_awards(path=None) -> pd.DataFrame:
    """The red flags the sources name (awards.csv): a village code, or none and the candidates
    when the published name cannot be placed."""
    awards = AWARDS_SCHEMA.validate(_read_csv(path or "awards.csv"), lazy=True)
    awards = awards.assign(year=awards["year"].astype(int), is_synthetic=False)
    awards["village_code"] = awards["village_code"].replace("", None)
    return awards


@lru_cache(maxsize=1)
def shipped_facts() -> pd.DataFrame:
    """The shipped registry, computed once per process (callers must not mutate it)."""
    return load_facts()


def fact(fact_id: str) -> pd.Series:
    """One row of the shipped registry by id."""
    facts = shipped_facts()
    rows = facts[facts["id"] == fact_id]
    if rows.empty:
        raise KeyError(f"no fact {fact_id!r}; known: {', '.join(facts['id'])}")
    return rows.iloc[0]
