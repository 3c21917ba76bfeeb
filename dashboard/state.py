"""The view state of the dashboard, kept in the URL query: parse it, check it, write it.

`?lang=zh&outcome=collective_income&aspect=development&towns=231282103000,231282204000&year=2022`
An unknown or malformed value falls back to its default and yields a notice naming it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlencode

LANGS = ("zh", "en")
_YEAR = re.compile(r"[0-9]{4}")  # ASCII digits only: str.isdigit() accepts ² and ٢
VIEWS = ("chart", "table")
from zhaodong_data.vocabulary import ASPECT_CHOICES, COMPARISONS


@dataclass(frozen=True)
class ViewState:
    lang: str = "zh"
    outcome: str = "collective_income"
    aspect: str = "any"
    towns: tuple[str, ...] = ()
    year: int | None = None  # None: the latest year with data
    village: str | None = None
    view: str = "chart"
    log: bool = False
    data: str | None = None  # ledgers | with_demo | demo; None: the store's default
    comparison: str = "others"  # vocabulary.COMPARISONS, when an aspect is chosen
    base: int | None = None  # the year Compare's change is measured from; None: the year before


@dataclass(frozen=True)
class Choices:
    """What the data allows; the parser checks the URL against it."""

    outcomes: tuple[str, ...]
    towns: tuple[str, ...]
    years: tuple[int, ...]
    villages: frozenset[str]
    selections: tuple[str, ...] = ()  # data selections on offer (once ledgers are ingested)


def parse_state(search: str | None, choices: Choices) -> tuple[ViewState, list[tuple[str, str]]]:
    """(state, notices); a notice is (key, bad value)."""
    query = parse_qs((search or "").lstrip("?"), keep_blank_values=True)
    state, notices = ViewState(), []

    def single(key):
        values = query.get(key)
        return values[-1] if values else None

    def accept(key, value, ok, convert=lambda v: v):
        nonlocal state
        if value is None:
            return
        if ok(value):
            state = replace(state, **{key: convert(value)})
        else:
            notices.append((key, value))

    accept("lang", single("lang"), lambda v: v in LANGS)
    accept("outcome", single("outcome"), lambda v: v in choices.outcomes)
    accept("aspect", single("aspect"), lambda v: v in ASPECT_CHOICES)
    accept("view", single("view"), lambda v: v in VIEWS)
    accept("log", single("log"), lambda v: v in ("0", "1", "true", "false"), lambda v: v in ("1", "true"))
    accept("year", single("year"), lambda v: _YEAR.fullmatch(v) is not None and int(v) in choices.years, int)
    accept("base", single("base"), lambda v: _YEAR.fullmatch(v) is not None and int(v) in choices.years, int)
    accept("village", single("village"), lambda v: v in choices.villages)
    accept("data", single("data"), lambda v: v in choices.selections)
    # `never` is how links made before the word was `never_flagged` say it: they keep working
    accept(
        "comparison",
        single("comparison"),
        lambda v: v in COMPARISONS or v == "never",
        lambda v: "never_flagged" if v == "never" else v,
    )
    towns = single("towns") or single("town")  # /town?town=…: the town report's one town
    if towns:
        wanted = [t for t in towns.split(",") if t]
        good = tuple(t for t in wanted if t in choices.towns)
        bad = [t for t in wanted if t not in choices.towns]
        state = replace(state, towns=good)
        if bad:
            notices.append(("towns", ",".join(bad)))
    return state, notices


def encode_state(state: ViewState) -> str:
    """The query string for a state, leaving out what is at its default (but always the language)."""
    default = ViewState()
    pairs = [("lang", state.lang)]
    for key in ("outcome", "aspect", "view", "comparison"):
        if getattr(state, key) != getattr(default, key):
            pairs.append((key, getattr(state, key)))
    if state.towns:
        pairs.append(("towns", ",".join(state.towns)))
    if state.year is not None:
        pairs.append(("year", str(state.year)))
    if state.base is not None:
        pairs.append(("base", str(state.base)))
    if state.village:
        pairs.append(("village", state.village))
    if state.log:
        pairs.append(("log", "1"))
    if state.data:
        pairs.append(("data", state.data))
    return "?" + urlencode(pairs, safe=",")
